/*
 * test_codeskip.c — the coder skips the coding of a sentence's verbs when
 * none of its phrases has a code or a possessor's code (coder.c,
 * code_sentence): no event can come of it. Under VIGIL_CODE_DEBUG the
 * coder codes every sentence in full (debug output shows what the coding
 * leaves behind), so coding the same stories with and without that flag
 * compares the shortcut with the full path: the events must be the same.
 * The stories are random sentences over a small set: names, possessors
 * ("Gondor's decision"), role phrases with and without a country, pronouns
 * that refer back, lists, passives and patterns that bind a source or a
 * target, and many sentences that name no actor at all.
 *
 * The same comparison covers the earlier shortcut (code_sentence,
 * sentence_may_code): a sentence that cannot end with a coded phrase skips
 * every pass, tagging aside. So the stories also hold each way a phrase
 * with no actor of its own gets a code from what came before: pronouns at
 * every distance from their referent, "the minister" after "Gondor's
 * minister", an unknown name named before with a role ("Gondor's minister
 * Faramir", later "Faramir"), "both sides" and "the two leaders" right
 * after an event of two officials, a word that is a verb form and a role
 * ("forces"), "the minister" after "Arnor's foreign minister", a typo of a
 * name ("Aragron"), role phrases that the mode without the dyad rule keeps
 * as "---", and new actors made of words (the new_actor_length option).
 */
#include "harness.h"
#include "vigil.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "code_text.h"

/* Not a coder flag: the mode sets the new_actor_length option. */
#define NEW_ACTORS (1u << 30)

static int long_line(char *o, size_t room, const vigil_event *e)
{
    return snprintf(o, room, "%u %s %s %s %d %d %s\n", (unsigned)e->sentence, e->source, e->target,
                    e->code, e->negated, e->hypothetical, e->speaker);
}

/* The events of a text coded with flags, one line each. */
static size_t events(vigil_dict *d, const char *text, unsigned flags, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    vigil_coder *c = vigil_coder_new(d, flags & ~NEW_ACTORS);
    if (flags & NEW_ACTORS) vigil_coder_set_option(c, "new_actor_length", "2");
    size_t count = code_with(c, text, out, cap, &n, long_line);
    vigil_coder_free(c);
    return count;
}

static uint32_t rng = 12345u;
static unsigned pick(unsigned n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 16) % n;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/vigil-codeskip-XXXXXX");
    OK(mkdtemp(dir) != NULL, "temporary set");
    write_file("t.actors",
               "[ARN] Arnor\n[GON] Gondor\n[MOR] Mordor\n[GONGOV] Denethor\n[ARNGOV] Aragorn\n");
    write_file("t.agents",
               "[GOV] minister; foreign minister; government\n[MIL] army; soldiers; forces\n"
               "[CVL] villagers\n[JUD] court; the court\n");
    write_file("t.synsets", "&AID = food aid; medicine\n");
    write_file("t.verbs", "verb attack [190]\n"
                          "- * + with &AID  [0233]\n"
                          "- $ * + near the river  [183]\n"
                          "verb condemn [111]\n"
                          "verb meet [040]\n"
                          "- * with +  [043]\n"
                          "verb accuse [112]\n"
                          "- * + of spying  [1121]\n"
                          "verb say [010]\n"
                          "verb help [070]\n"
                          "verb force [1721]\n"
                          "- $ * + with &AID  [073]\n");
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, dir), VIGIL_OK, "set loads");
    if (vigil_dict_errmsg(d)[0]) fprintf(stderr, "%s\n", vigil_dict_errmsg(d));
    char got[128];
    code(d, "Arnor attacked Gondor near the river.", got, sizeof got);
    STR_EQ(got, "ARN GON 183;", "a pattern of the set");

    static const char *const subj[] = {"Arnor",
                                       "Gondor",
                                       "Mordor's army",
                                       "The minister",
                                       "He",
                                       "They",
                                       "It",
                                       "The army",
                                       "Soldiers",
                                       "The villagers",
                                       "Gondor's minister",
                                       "The talks",
                                       "Nobody",
                                       "The city",
                                       "Arnor and Gondor",
                                       "The government",
                                       "Denethor",
                                       "She",
                                       "The river",
                                       "Gondor's decision",
                                       "Soldiers from Gondor",
                                       "Villagers in Arnor and Gondor",
                                       "The army of Mordor",
                                       "Ministers from Arnor and Mordor",
                                       "Gondor's minister Faramir",
                                       "Faramir",
                                       "Aragorn",
                                       "Both sides",
                                       "The two leaders",
                                       "Forces",
                                       "The forces",
                                       "Gondor's forces",
                                       "Arnor's army",
                                       "Arnor's foreign minister"};
    static const char *const verb[] = {
        "attacked", "condemned",       "met with",       "accused",   "said it attacked",
        "helped",   "was attacked by", "did not attack", "will meet", "refused to condemn"};
    static const char *const obj[] = {"Arnor",
                                      "Gondor",
                                      "Mordor's decision",
                                      "the city",
                                      "the villagers",
                                      "them",
                                      "him",
                                      "the talks",
                                      "the minister",
                                      "Mordor and Arnor",
                                      "its neighbours",
                                      "the river",
                                      "Gondor's army",
                                      "nobody",
                                      "soldiers from Arnor",
                                      "villagers in Mordor and Gondor",
                                      "Faramir",
                                      "Aragorn",
                                      "both sides",
                                      "the forces",
                                      "the two leaders",
                                      "Denethor",
                                      "Gondor's minister",
                                      "Aragron"};
    static const char *const tail[] = {"",           " with medicine", " near the river",
                                       " of spying", " on Monday",     ", officials said",
                                       " and left",  " in Mordor"};
    enum { STORIES = 600, SENTS = 6 };
    static char text[STORIES * SENTS * 96], a[STORIES * SENTS * 96], b[sizeof a];
    int same = 1, fails = 0;
    size_t total = 0;
    const unsigned modes[] = {0, VIGIL_CODE_NEGATED, VIGIL_CODE_NO_DYAD | VIGIL_CODE_NEGATED,
                              VIGIL_CODE_NO_COREF, NEW_ACTORS | VIGIL_CODE_NO_DYAD};
    const unsigned nsubj = sizeof subj / sizeof subj[0], nverb = sizeof verb / sizeof verb[0],
                   nobj = sizeof obj / sizeof obj[0], ntail = sizeof tail / sizeof tail[0];
    /* (Debug output goes to stderr: sent to /dev/null while it runs.) */
    int saved = dup(2), null = open("/dev/null", O_WRONLY);
    /* First a few stories where a sentence naming no actor codes only
     * through what came before (the random ones meet these seldom): the
     * sentence after an event of two officials, a one-word role after a
     * longer one. */
    static const char *const fixed[] = {
        "Aragorn met with Denethor. They condemned the talks.",
        "Aragorn met with Gondor's minister. The two leaders condemned the talks.",
        "Arnor's foreign minister attacked Gondor. The minister condemned the talks.",
        "Arnor's foreign minister attacked Gondor. The talks ended. The city said nothing. The "
        "minister condemned the talks. He attacked Mordor.",
        /* (A role phrase that begins with "the" is definite.) */
        "Arnor condemned Gondor's court. The court condemned the talks. It attacked Mordor.",
    };
    enum { NFIXED = sizeof fixed / sizeof fixed[0] };
    size_t fixed_events = 0;
    for (unsigned st = 0; st < NFIXED + STORIES; st++) {
        size_t tn = 0;
        if (st < NFIXED) tn = (size_t)snprintf(text, sizeof text, "%s", fixed[st]);
        for (unsigned s = 0; s < SENTS && st >= NFIXED; s++) {
            int k = snprintf(text + tn, sizeof text - tn, "%s %s %s%s. ", subj[pick(nsubj)],
                             verb[pick(nverb)], obj[pick(nobj)], tail[pick(ntail)]);
            if (k > 0) tn += (size_t)k;
        }
        for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            size_t ne = events(d, text, modes[m], a, sizeof a);
            total += ne;
            if (st < NFIXED && (modes[m] & VIGIL_CODE_NO_DYAD)) fixed_events += ne;
            dup2(null, 2);
            events(d, text, modes[m] | VIGIL_CODE_DEBUG, b, sizeof b);
            dup2(saved, 2);
            if (strcmp(a, b) != 0) {
                same = 0;
                if (fails++ < 3)
                    fprintf(stderr, "mode %u: \"%s\"\n  without debug:\n%s  with debug:\n%s",
                            modes[m], text, a, b);
            }
        }
    }
    close(null);
    close(saved);
    OK(same, "events with the shortcut equal those of the full path");
    OK(total > 500, "the stories give events");
    /* (Each fixed story's last sentence gives one without the dyad rule.) */
    OK(fixed_events >= 2 * NFIXED, "the fixed stories give events");
    vigil_dict_free(d);
    char path[128];
    const char *files[] = {"t.actors", "t.agents", "t.synsets", "t.verbs"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    TEST_MAIN_END();
}
