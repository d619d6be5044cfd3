/*
 * test_cwords.c — the ids of the words the coder's rules test (cwords.c):
 * the fast way (through the token's dictionary word id) must give what
 * comparing the spelling with every word of the table gives, for every
 * table word in every letter case, with a letter added, removed or
 * changed, with non-ASCII letters that fold to ASCII (the Kelvin sign, the
 * long s, the sharp s), invalid UTF-8, the empty token and random tokens;
 * with a dictionary that holds some of the table's words, one that holds
 * none and one that holds them all. The reference itself is checked
 * against a plain compare.
 */
#include "cwords.h"
#include "dict.h"
#include "harness.h"

#include <stdlib.h>

#define FIX "tests/fixtures/dict/"

static uint32_t rng = 4242;
static uint32_t rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

static long nchecked, nfound;

/* The fast id of s[0..n) in d against the reference. */
static void check(const vigil_dict *d, const vg_cwords *m, const char *s, size_t n)
{
    uint32_t wid = vg_dict_word_id(d, s, n);
    uint8_t fast = vg_cwords_of(m, s, n, wid);
    uint8_t ref = vg_cwords_spelled(s, n);
    nchecked++;
    if (ref) nfound++;
    if (fast != ref) {
        fprintf(stderr, "token '%.*s': fast %u, by spelling %u\n", (int)n, s, fast, ref);
        OK(0, "fast id equals the id by spelling");
    }
}

/* The spelling compare against the obvious one, on s[0..n). */
static void check_ref(const char *s, size_t n)
{
    unsigned want = CW_OTHER;
    for (unsigned k = 1; k < CW_COUNT && !want; k++) {
        const char *w = vg_cwords_table[k].word;
        if (strlen(w) != n) continue;
        size_t i = 0;
        while (i < n && (s[i] == w[i] || (s[i] >= 'A' && s[i] <= 'Z' && s[i] + 32 == w[i]))) i++;
        if (i == n) want = k;
    }
    if (vg_cwords_spelled(s, n) != want) OK(0, "spelling compare equals the plain one");
}

static void variants(const vigil_dict *d, const vg_cwords *m, const char *w)
{
    char b[64];
    size_t n = strlen(w);
    if (n + 4 >= sizeof b) return;
    memcpy(b, w, n);
    check(d, m, b, n);
    check_ref(b, n);
    for (size_t i = 0; i < n; i++) { /* each letter upper-cased, then all */
        b[i] = (char)(b[i] >= 'a' && b[i] <= 'z' ? b[i] - 32 : b[i]);
        check(d, m, b, n);
        check_ref(b, n);
    }
    memcpy(b, w, n);
    b[n] = 's'; /* a letter added */
    check(d, m, b, n + 1);
    check(d, m, b, n - 1); /* one removed */
    check(d, m, b + 1, n - 1);
    for (size_t i = 0; i < n; i++) { /* one changed */
        char o = b[i];
        b[i] = (char)('a' + rnd() % 26);
        check(d, m, b, n);
        check_ref(b, n);
        b[i] = o;
    }
    /* Non-ASCII letters that fold to ASCII ones: the Kelvin sign for k,
     * the long s for s, the sharp s for ss, and a byte that is no UTF-8. */
    for (size_t i = 0; i < n; i++) {
        static const char *const subst[][2] = {
            {"k", "\xE2\x84\xAA"}, {"s", "\xC5\xBF"}, {"i", "\xC4\xB0"}, {"e", "\xC3\xA9"}};
        for (size_t k = 0; k < sizeof subst / sizeof subst[0]; k++) {
            if (w[i] != subst[k][0][0]) continue;
            size_t sl = strlen(subst[k][1]), o = 0;
            memcpy(b, w, i), o = i;
            memcpy(b + o, subst[k][1], sl), o += sl;
            memcpy(b + o, w + i + 1, n - i - 1), o += n - i - 1;
            check(d, m, b, o);
        }
        if (i + 1 < n && w[i] == 's' && w[i + 1] == 's') {
            size_t o = i;
            memcpy(b, w, i);
            memcpy(b + o, "\xC3\x9F", 2), o += 2;
            memcpy(b + o, w + i + 2, n - i - 2), o += n - i - 2;
            check(d, m, b, o);
        }
        memcpy(b, w, n);
        b[i] = (char)0xFF;
        check(d, m, b, n);
    }
}

static void run(const vigil_dict *d, const char *what)
{
    vg_cwords *m = vg_cwords_new(d);
    long before = t_fail;
    for (unsigned k = 1; k < CW_COUNT; k++) variants(d, m, vg_cwords_table[k].word);
    check(d, m, "", 0);
    check(d, m, "of the", 6);
    check(d, m, "spokesmanspokesmanspokesmanspokesman", 36);
    char b[16];
    for (int r = 0; r < 200000; r++) { /* random short words of a few letters */
        size_t n = rnd() % 7;
        for (size_t i = 0; i < n; i++) {
            unsigned x = rnd() % 40;
            if (x < 20)
                b[i] = "aeiostnrhlmdwgcubfpy"[x];
            else if (x < 36)
                b[i] = (char)('A' + (x - 20));
            else
                b[i] = "'-.\x80"[x - 36];
        }
        check(d, m, b, n);
        check_ref(b, n);
    }
    fprintf(stderr, "%s: %zu of %u table words absent\n", what, m->nabsent, CW_COUNT - 1);
    OK(t_fail == before, what);
    vg_cwords_free(m);
}

int main(void)
{
    /* The table: lower-case ASCII letters, lengths right, no word twice. */
    for (unsigned k = 1; k < CW_COUNT; k++) {
        const vg_cword *w = &vg_cwords_table[k];
        int ok = strlen(w->word) == w->len && w->len > 0 && w->len < 16;
        for (size_t i = 0; i < w->len; i++) ok = ok && w->word[i] >= 'a' && w->word[i] <= 'z';
        for (unsigned j = 1; j < k; j++) ok = ok && strcmp(vg_cwords_table[j].word, w->word) != 0;
        OK(ok, w->word);
    }
    INT_EQ(vg_cwords_table[CW_OTHER].classes, 0, "no list holds CW_OTHER");

    /* Some of the table's words (the fixture's and every other one). */
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, FIX "set1"), VIGIL_OK, "set1 loads");
    for (unsigned k = 1; k < CW_COUNT; k += 2)
        vg_dict_intern(d, vg_cwords_table[k].word, vg_cwords_table[k].len);
    vg_dict_intern(d, "acros", 5);
    vg_dict_intern(d, "thes", 4);
    INT_EQ(vigil_dict_finish(d), VIGIL_OK, "finish");
    run(d, "some table words in the dictionary");
    vigil_dict_free(d);

    d = vigil_dict_new();
    INT_EQ(vigil_dict_finish(d), VIGIL_OK, "finish (empty)");
    run(d, "no table word in the dictionary");
    vigil_dict_free(d);

    d = vigil_dict_new();
    for (unsigned k = 1; k < CW_COUNT; k++)
        vg_dict_intern(d, vg_cwords_table[k].word, vg_cwords_table[k].len);
    INT_EQ(vigil_dict_finish(d), VIGIL_OK, "finish (all)");
    run(d, "every table word in the dictionary");
    vigil_dict_free(d);

    fprintf(stderr, "%ld tokens checked, %ld of them table words\n", nchecked, nfound);
    OK(nfound > 3000, "the checks met table words");
    TEST_MAIN_END();
}
