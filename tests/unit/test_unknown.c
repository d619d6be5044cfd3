/*
 * test_unknown.c — the items vigil_coder_unknown lists: every unknown name
 * and verb of a story once, in the order first seen. add_unknown (coder.c)
 * finds the first UNK_HASHED (512) items of a story by hash and compares
 * any more one by one, so stories of a few, of about 512 and of well over
 * 512 distinct names are coded, each name written two or three times in
 * shuffled order, and the list is checked against a plain first-seen list
 * of the names the text holds. A second story on the same coder starts its
 * own list (the table's entries of the first must not count).
 */
#include "code_text.h"
#include "harness.h"
#include "vigil.h"

#include <stdlib.h>
#include <unistd.h>

#define MAXN 1400

/* The i-th invented name: "Zq" and four letters from i. Capitalised,
 * letters only, in no dictionary or lexicon list. */
static void name_of(unsigned i, char *out)
{
    out[0] = 'Z';
    out[1] = 'q';
    for (int k = 0; k < 4; k++, i /= 26) out[2 + k] = (char)('a' + i % 26);
    out[6] = '\0';
}

/* Codes one story naming n distinct names, each `reps` times in an order
 * from `seed`, one name a sentence ("Arnor met Zqxxxx today."), and checks
 * the unknown list against the first-seen order of the names. */
static void check_story(vigil_dict *d, vigil_coder *c, unsigned n, unsigned reps, unsigned seed)
{
    unsigned total = n * reps;
    unsigned *order = malloc(total * sizeof *order);
    for (unsigned i = 0; i < total; i++) order[i] = i % n;
    srand(seed);
    for (unsigned i = total; i > 1; i--) {
        unsigned j = (unsigned)rand() % i, t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    size_t cap = (size_t)total * 32 + 1;
    char *text = malloc(cap);
    size_t len = 0;
    for (unsigned i = 0; i < total; i++) {
        char nm[8];
        name_of(order[i], nm);
        len += (size_t)snprintf(text + len, cap - len, "Arnor met %s today. ", nm);
    }
    vigil_story st = {.id = "u", .date = "2024-01-01", .body = text, .body_len = len};
    vigil_doc *doc = vigil_doc_new(&st, 0);
    INT_EQ(vigil_coder_code(c, doc), VIGIL_OK, "story codes");
    /* The expected list: each name at its first sentence. */
    unsigned char *seen = calloc(n, 1);
    size_t want = 0, got = vigil_coder_unknown_count(c), bad = 0;
    for (unsigned i = 0; i < total; i++) {
        if (seen[order[i]]) continue;
        seen[order[i]] = 1;
        char nm[8], item[32];
        name_of(order[i], nm);
        snprintf(item, sizeof item, "name %s", nm);
        const char *u = vigil_coder_unknown(c, want);
        if (!u || strcmp(u, item) != 0) bad++;
        want++;
    }
    INT_EQ(got, want, "one item a distinct name");
    INT_EQ(bad, 0, "names listed once each, in first-seen order");
    vigil_doc_free(doc);
    free(seen);
    free(text);
    free(order);
    (void)d;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/vigil-unknown-XXXXXX");
    OK(mkdtemp(dir) != NULL, "temporary set");
    write_file("t.actors", "[ARN] Arnor\n[GON] Gondor\n");
    write_file("t.verbs", "verb meet [040]\n");
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, dir), VIGIL_OK, "set loads");
    /* The set codes its own names, and an invented name is no actor. */
    char ev[128];
    code(d, "Arnor met Gondor today. Arnor met Zqabcd today.", ev, sizeof ev);
    STR_EQ(ev, "ARN GON 040;", "the set codes; an invented name gives no event");
    /* The list is kept only when asked for. */
    vigil_coder *c = vigil_coder_new(d, 0);
    OK(c != NULL, "coder without VIGIL_CODE_UNKNOWN");
    const char *body0 = "Arnor met Zqabcd today. Arnor marooned Gondor.";
    vigil_story st0 = {.id = "u0", .date = "2024-01-01", .body = body0, .body_len = strlen(body0)};
    vigil_doc *doc0 = vigil_doc_new(&st0, 0);
    INT_EQ(vigil_coder_code(c, doc0), VIGIL_OK, "story codes");
    INT_EQ(vigil_coder_unknown_count(c), 0, "no list without VIGIL_CODE_UNKNOWN");
    vigil_coder_free(c);
    c = vigil_coder_new(d, VIGIL_CODE_UNKNOWN);
    INT_EQ(vigil_coder_code(c, doc0), VIGIL_OK, "story codes");
    INT_EQ(vigil_coder_unknown_count(c), 2, "the same story's list with it: a name and a verb");
    vigil_doc_free(doc0);
    /* (The names differ: the index in base 26.) */
    char a[8], b[8];
    name_of(26, a);
    name_of(1, b);
    OK(strcmp(a, "Zqabaa") == 0 && strcmp(b, "Zqbaaa") == 0, "invented names");
    check_story(d, c, 5, 3, 1);
    check_story(d, c, 511, 2, 2);
    check_story(d, c, 512, 2, 3);
    check_story(d, c, 513, 3, 4);
    check_story(d, c, MAXN, 2, 5);
    check_story(d, c, 40, 2, 6); /* after a long story, a short one */
    vigil_coder_free(c);
    vigil_dict_free(d);
    char path[128];
    const char *files[] = {"t.actors", "t.verbs"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    TEST_MAIN_END();
}
