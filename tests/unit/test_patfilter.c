/*
 * test_patfilter.c — the coder's quick tests before matching a pattern
 * (coder.c, words_present): a pattern is tried only when every exact word
 * it needs is in the sentence and every synonym set it needs has a member
 * there. The tests must never reject a pattern that matches. The cases
 * that could go wrong: a set member that starts inside a phrase tagging
 * passed over ("Drone" in "the Gondor Drone Command"), a member of two
 * words, a member that is also a pattern word, and sentences one after
 * the other (what one sentence holds must not leak into the next).
 */
#include "harness.h"
#include "vigil.h"

#include <stdlib.h>
#include <unistd.h>

#include "code_text.h"

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/vigil-patfilter-XXXXXX");
    OK(mkdtemp(dir) != NULL, "temporary set");
    write_file("t.actors", "[ARN] Arnor\n[GON] Gondor\n[GONMIL] Gondor Drone Command\n");
    write_file("t.synsets", "&DRONE = drone; drones\n&AID = food aid; medicine\n"
                            "&CITY = minas tirith; osgiliath\n");
    write_file("t.verbs", "verb attack [190]\n"
                          "- * + &DRONE  [195]\n"
                          "- * + with &AID  [0233]\n"
                          "- * + near &CITY  [183]\n"
                          "- * + with drones  [1951]\n"
                          "verb promise [030]\n"
                          "- * + &AID  [033]\n"
                          "- * + ceasefire  [0311]\n");
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, dir), VIGIL_OK, "set loads");
    if (vigil_dict_errmsg(d)[0]) fprintf(stderr, "%s\n", vigil_dict_errmsg(d));

    char got[512];
    code(d, "Arnor attacked the Gondor Drone Command.", got, sizeof got);
    STR_EQ(got, "ARN GONMIL 195;", "a set member inside a tagged phrase");
    code(d, "Arnor attacked Gondor.", got, sizeof got);
    STR_EQ(got, "ARN GON 190;", "no member of any set: the verb's code");
    code(d, "Arnor attacked Gondor with food aid.", got, sizeof got);
    STR_EQ(got, "ARN GON 0233;", "a member of two words");
    code(d, "Arnor attacked Gondor with drones.", got, sizeof got);
    STR_EQ(got, "ARN GON 1951;", "a set member that is also a pattern word: more words win");
    code(d, "Arnor attacked Gondor near Osgiliath.", got, sizeof got);
    STR_EQ(got, "ARN GON 183;", "a member capitalised as a name");
    code(d, "Arnor attacked Gondor near Minas Tirith.", got, sizeof got);
    STR_EQ(got, "ARN GON 183;", "a capitalised member of two words");
    /* Sentences in a row: the second lacks what the first had. */
    code(d, "Arnor attacked Gondor with medicine. Gondor attacked Arnor.", got, sizeof got);
    STR_EQ(got, "ARN GON 0233;GON ARN 190;", "sets of one sentence do not leak into the next");
    code(d, "Arnor attacked Gondor. Gondor attacked Arnor with medicine.", got, sizeof got);
    STR_EQ(got, "ARN GON 190;GON ARN 0233;", "nor the other way round");
    code(d, "Arnor promised Gondor medicine. Gondor promised Arnor a ceasefire.", got, sizeof got);
    STR_EQ(got, "ARN GON 033;GON ARN 0311;", "exact words and sets, sentence after sentence");
    code(d, "Gondor promised Arnor a ceasefire. Arnor promised Gondor medicine.", got, sizeof got);
    STR_EQ(got, "GON ARN 0311;ARN GON 033;", "the same in the other order");
    code(d, "Gondor promised Arnor peace.", got, sizeof got);
    STR_EQ(got, "GON ARN 030;", "neither the word nor the set: the verb's code");

    vigil_dict_free(d);

    /* The signature test before words_present (a bit per word or set, two
     * words of bits, so many words share a bit): 300 patterns of one verb,
     * each needing a word of its own, or that word and a set; one story
     * whose sentences hold one of those words each (or none), in an order
     * that is not the patterns' order. Each sentence must get its own
     * pattern's code: a bit missing from the sentence's signature or the
     * pattern's, or a signature kept from another pattern, fails it. */
    enum { NWORDS = 300 };
    static const char *const codes[] = {"195", "0233", "183", "1951", "0311", "033"};
    static char verbs[NWORDS * 48 + 64], text[NWORDS * 64], want[NWORDS * 24], big[NWORDS * 24];
    char word[8];
    size_t vn = 0, tn = 0, wn = 0;
    vn += (size_t)snprintf(verbs + vn, sizeof verbs - vn, "verb attack [190]\n");
    for (unsigned k = 0; k < NWORDS; k++) {
        /* "qa", "qb", ... three letters: no word of the lexicon. */
        snprintf(word, sizeof word, "q%c%c", 'a' + k / 26 % 26, 'a' + k % 26);
        if (k % 7 == 3)
            vn += (size_t)snprintf(verbs + vn, sizeof verbs - vn, "- * + with %s &AID  [%s]\n",
                                   word, codes[k % 6]);
        else
            vn += (size_t)snprintf(verbs + vn, sizeof verbs - vn, "- * + with %s  [%s]\n", word,
                                   codes[k % 6]);
    }
    write_file("t.verbs", verbs);
    d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, dir), VIGIL_OK, "the set of 300 patterns loads");
    for (unsigned x = 0; x < NWORDS; x++) {
        unsigned k = (x * 7919u + 13u) % NWORDS; /* a permutation: 7919 is prime */
        snprintf(word, sizeof word, "q%c%c", 'a' + k / 26 % 26, 'a' + k % 26);
        if (x % 10 == 9) {
            /* no pattern's word: the verb's own code */
            tn += (size_t)snprintf(text + tn, sizeof text - tn, "Arnor attacked Gondor with zz. ");
            wn += (size_t)snprintf(want + wn, sizeof want - wn, "ARN GON 190;");
        } else if (k % 7 == 3) {
            tn += (size_t)snprintf(text + tn, sizeof text - tn,
                                   "Arnor attacked Gondor with %s medicine. ", word);
            wn += (size_t)snprintf(want + wn, sizeof want - wn, "ARN GON %s;", codes[k % 6]);
        } else {
            tn += (size_t)snprintf(text + tn, sizeof text - tn, "Arnor attacked Gondor with %s. ",
                                   word);
            wn += (size_t)snprintf(want + wn, sizeof want - wn, "ARN GON %s;", codes[k % 6]);
        }
    }
    code(d, text, big, sizeof big);
    STR_EQ(big, want, "300 patterns of one verb, each found by its own word");
    vigil_dict_free(d);

    /* The needs kept for the quick test are a pattern's first three exact
     * words, then its sets; a pattern that needs more is checked in full.
     * Patterns of four and five words, and of three words and a set: each
     * must match where all it needs is there, and only there. */
    write_file("t.verbs", "verb attack [190]\n"
                          "- * + with qa qb qc qd  [195]\n"
                          "- * + with qa qb qc &AID  [0233]\n"
                          "- * + with &DRONE qe qf qg qh  [183]\n"
                          "- * + near &CITY and &DRONE  [1951]\n");
    d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, dir), VIGIL_OK, "the set of long patterns loads");
    code(d, "Arnor attacked Gondor with qa qb qc qd.", got, sizeof got);
    STR_EQ(got, "ARN GON 195;", "four words, all there");
    code(d, "Arnor attacked Gondor with qa qb qc.", got, sizeof got);
    STR_EQ(got, "ARN GON 190;", "three of four words: no pattern");
    code(d, "Arnor attacked Gondor with qa qb qc medicine.", got, sizeof got);
    STR_EQ(got, "ARN GON 0233;", "three words and a set");
    code(d, "Arnor attacked Gondor with drones qe qf qg qh.", got, sizeof got);
    STR_EQ(got, "ARN GON 183;", "a set and four words");
    code(d, "Arnor attacked Gondor with drones qe qf qg.", got, sizeof got);
    STR_EQ(got, "ARN GON 190;", "a set and three of four words: no pattern");
    code(d, "Arnor attacked Gondor near Osgiliath and drones.", got, sizeof got);
    STR_EQ(got, "ARN GON 1951;", "two sets");
    code(d, "Arnor attacked Gondor near Osgiliath and qd. Arnor attacked Gondor with qa qb qc qd.",
         got, sizeof got);
    STR_EQ(got, "ARN GON 190;ARN GON 195;", "sentence after sentence");
    vigil_dict_free(d);
    char path[128];
    const char *files[] = {"t.actors", "t.synsets", "t.verbs"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    TEST_MAIN_END();
}
