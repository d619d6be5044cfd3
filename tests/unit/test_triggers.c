/*
 * test_triggers.c — the lists of where the coder's first passes may start
 * (coder.c, mark_triggers) are made by tagging: its first loop lists the
 * tokens by their rule word, kind and lexicon class as if none were
 * tagged, and mark_triggers merges in the phrase heads the second pass
 * tagged (an actor head, a verb form with a lexicon class, a name or role
 * word with none). Under VIGIL_CODE_DEBUG the coder compares these lists
 * with those of one walk over the tagged tokens, as the lists were made
 * before, and says so on stderr when they differ. This codes random
 * stories with that flag, stderr sent to a file, and looks for the line.
 * The stories mix the cases: names and role words (with and without a
 * lexicon class: "Us", "Will"), verb forms that are function words ("has",
 * "will", "is" as dictionary verbs), numbers, quotes, "what it called",
 * "after", "since", "last year", "in 2019", spans of time, names that
 * begin with a rule word ("Last Harbour", "In Anor").
 */
#include "harness.h"
#include "vigil.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "code_text.h"

static uint32_t rng = 424242u;
static unsigned pick(unsigned n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 16) % n;
}

/* Codes text with flags; returns the number of events. */
static size_t code_all(vigil_dict *d, const char *text, unsigned flags)
{
    size_t count = 0;
    vigil_reader *r = vigil_reader_new(VIGIL_FORMAT_TEXT, "t", "2024-01-01");
    vigil_coder *c = vigil_coder_new(d, flags);
    vigil_reader_feed(r, text, strlen(text));
    vigil_reader_finish(r);
    const vigil_story *s;
    while (vigil_reader_next(r, &s) == VIGIL_OK) {
        vigil_doc *doc = vigil_doc_new(s, 0);
        vigil_coder_code(c, doc);
        count += vigil_coder_event_count(c);
        vigil_doc_free(doc);
    }
    vigil_coder_free(c);
    vigil_reader_free(r);
    return count;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/vigil-triggers-XXXXXX");
    OK(mkdtemp(dir) != NULL, "temporary set");
    write_file("t.actors", "[ARN] Arnor\n[GON] Gondor\n[MOR] Mordor\n[GONGOV] Denethor\n"
                           "[USA] Us\n[ITH] Last Harbour\n[ANO] In Anor\n[ROH] 1st Rohan\n"
                           "[WIL] Will\n[AFT] After Party\n");
    write_file("t.agents", "[GOV] minister; government\n[MIL] army; soldiers\n[CVL] villagers\n"
                           "[REB] rebels\n");
    write_file("t.verbs", "verb attack [190]\n"
                          "verb condemn [111]\n"
                          "verb meet [040]\n"
                          "- * with +  [043]\n"
                          "verb has [010]\n"
                          "verb will [010]\n"
                          "verb is [010]\n"
                          "verb forces [170]\n"
                          "verb say [010]\n"
                          "verb 2020 [010]\n");
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, dir), VIGIL_OK, "set loads");
    if (vigil_dict_errmsg(d)[0]) fprintf(stderr, "%s\n", vigil_dict_errmsg(d));
    char got[128];
    code(d, "Arnor attacked Gondor.", got, sizeof got);
    STR_EQ(got, "ARN GON 190;", "the set codes");

    static const char *const words[] = {"Arnor",
                                        "Gondor",
                                        "Mordor's",
                                        "the minister",
                                        "Denethor",
                                        "Us",
                                        "us",
                                        "Will",
                                        "will",
                                        "has",
                                        "is",
                                        "forces",
                                        "attacked",
                                        "condemned",
                                        "met with",
                                        "said",
                                        "says",
                                        "plans",
                                        "\"",
                                        "\"strongly condemns\"",
                                        "what it called",
                                        "what it said were",
                                        "after",
                                        "since",
                                        "before",
                                        "last year",
                                        "in 2019",
                                        "during",
                                        "five years ago",
                                        "Last Harbour",
                                        "In Anor",
                                        "1st Rohan",
                                        "2020",
                                        "soldiers",
                                        "rebels",
                                        "the villagers",
                                        "After Party",
                                        "and",
                                        ",",
                                        "of",
                                        "the",
                                        "(",
                                        ")",
                                        "-",
                                        "anti-Gondor",
                                        "on Monday",
                                        "troops",
                                        "quickly",
                                        "nearer to",
                                        "GONDOR",
                                        "ARNOR",
                                        "mordor"};
    enum { NW = sizeof words / sizeof words[0], STORIES = 300, SENTS = 5 };
    static char text[SENTS * 40 * 32];

    char errpath[96];
    snprintf(errpath, sizeof errpath, "%s/stderr", dir);
    int saved = dup(2), out = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    OK(saved >= 0 && out >= 0, "stderr to a file");
    size_t events = 0;
    for (unsigned st = 0; st < STORIES; st++) {
        size_t tn = 0;
        for (unsigned s = 0; s < SENTS; s++) {
            unsigned len = 3 + pick(25);
            for (unsigned k = 0; k < len; k++) {
                int n =
                    snprintf(text + tn, sizeof text - tn, "%s%s", k ? " " : "", words[pick(NW)]);
                if (n > 0 && (size_t)n < sizeof text - tn) tn += (size_t)n;
            }
            int n = snprintf(text + tn, sizeof text - tn, ". ");
            if (n > 0 && (size_t)n < sizeof text - tn) tn += (size_t)n;
        }
        dup2(out, 2);
        events += code_all(d, text, VIGIL_CODE_DEBUG);
        events += code_all(d, text, VIGIL_CODE_DEBUG | VIGIL_CODE_NEGATED);
        dup2(saved, 2);
    }
    close(out);
    close(saved);

    /* The debug output is there (so the capture works), the line is not. */
    FILE *f = fopen(errpath, "r");
    OK(f != NULL, "captured stderr");
    size_t lines = 0, differ = 0;
    static char line[8192];
    while (f && fgets(line, sizeof line, f)) {
        lines++;
        if (strstr(line, "lists differ")) differ++;
    }
    if (f) fclose(f);
    OK(lines > 1000, "debug output captured");
    INT_EQ((long long)differ, 0, "tagging's lists equal the walk's on every sentence");
    OK(events > 100, "the stories give events");

    vigil_dict_free(d);
    char path[128];
    const char *files[] = {"t.actors", "t.agents", "t.verbs", "stderr"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    TEST_MAIN_END();
}
