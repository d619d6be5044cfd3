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
    char path[128];
    const char *files[] = {"t.actors", "t.synsets", "t.verbs"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    TEST_MAIN_END();
}
