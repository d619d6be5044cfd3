/* test_lexicon.c — the closed-class lexicon: lookup, case folding, classes. */
#include "harness.h"
#include "lexicon.h"

int main(void)
{
    OK(vg_lex("the", 3) & L_DET, "the is a determiner");
    OK(vg_lex("The", 3) & L_DET, "case is folded");
    OK(vg_lex("THE", 3) & L_DET, "upper case is folded");
    OK(vg_lex("said", 4) & L_SPEECH, "said is a speech verb");
    OK(vg_lex("would", 5) & L_HYPO, "would is hypothetical");
    OK(vg_lex("will", 4) & L_MODAL, "will is a modal");
    OK(!(vg_lex("will", 4) & L_HYPO), "will is not hypothetical");
    OK(vg_lex("n't", 3) & L_NEG, "n't negates");
    OK(vg_lex("not", 3) & L_NEG, "not negates");
    OK(vg_lex("if", 2) & L_COND, "if is conditional");
    OK(vg_lex("which", 5) & L_REL, "which is relative");
    OK(vg_lex("its", 3) & L_POSS, "its is possessive");
    OK(vg_lex("he", 2) & L_P_PERSON, "he is a person pronoun");
    OK(vg_lex("we", 2) & L_P_WE, "we");
    OK(vg_lex("allies", 6) & L_TRANSP, "allies is a transparent head");
    OK(vg_lex("refused", 7) & L_REFUSE, "refused");
    OK(vg_lex("threatened", 10) & L_IRREAL, "threatened");
    OK(vg_lex("monday", 6) & L_TIME, "monday");
    INT_EQ(vg_lex("iran", 4), 0, "a name is no closed-class word");
    INT_EQ(vg_lex("", 0), 0, "empty");
    INT_EQ(vg_lex("abcdefghijklmnopqrstuvwxyz", 26), 0, "too long");
    INT_EQ(vg_lex("\xc3\xa9t\xc3\xa9", 6), 0, "non-ASCII");
    /* Every word of the table is found: the binary search needs sorting. */
    static const char *words[] = {"a", "about", "according", "after", "and", "zero"};
    for (int i = 0; i < 5; i++) OK(vg_lex(words[i], strlen(words[i])) != 0, words[i]);
    TEST_MAIN_END();
}
