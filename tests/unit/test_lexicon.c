/* test_lexicon.c — the closed-class lexicon: lookup, case folding, classes. */
#include "harness.h"
#include "lexicon.h"

#include <stdio.h>
#include <string.h>

/* The table itself, to compare vg_lex with the plainest lookup: a scan of
 * every slot, on the word cut at its first NUL and lower-cased. */
typedef struct lexent {
    char word[16];
    uint32_t len;
    uint64_t flags;
} lexent;
#include "lexicon_table.inc"

static uint64_t ref_lex(const char *s, size_t n)
{
    if (n == 0 || n >= 24) return 0;
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)s[k] >= 0x80) return 0;
    size_t z = 0;
    while (z < n && s[z]) z++;
    if (z == 0 || z > LEX_MAX_LEN) return 0;
    char w[LEX_MAX_LEN];
    for (size_t k = 0; k < z; k++) w[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
    for (size_t i = 0; i < LEX_SLOTS; i++)
        if (table[i].word[0] && table[i].len == z && memcmp(table[i].word, w, z) == 0)
            return table[i].flags;
    return 0;
}

static int same_as_ref(const char *s, size_t n)
{
    uint64_t got = vg_lex(s, n), want = ref_lex(s, n);
    if (got != want)
        fprintf(stderr, "vg_lex(\"%.*s\", %zu): %llx, want %llx\n", (int)n, s, n,
                (unsigned long long)got, (unsigned long long)want);
    return got == want;
}

/* Every word of the table in several cases and with one byte changed,
 * added, removed or turned into a NUL, then random byte strings. */
static void test_against_reference(void)
{
    int same = 1;
    size_t words = 0;
    for (size_t i = 0; i < LEX_SLOTS; i++) {
        if (!table[i].word[0]) continue;
        words++;
        char w[32];
        size_t n = table[i].len;
        memcpy(w, table[i].word, n);
        same &= same_as_ref(w, n) && vg_lex(w, n) == table[i].flags;
        for (size_t k = 0; k < n; k++) w[k] = (char)(w[k] >= 'a' && w[k] <= 'z' ? w[k] - 32 : w[k]);
        same &= same_as_ref(w, n) && vg_lex(w, n) == table[i].flags;
        static const char extra[] = {'s', 'A', '\0', '\x01', '\x80', '\xc3', '\'', 'z'};
        for (size_t e = 0; e < sizeof extra; e++) {
            for (size_t at = 0; at <= n; at++) {
                char v[32];
                memcpy(v, w, at);
                v[at] = extra[e];
                memcpy(v + at + 1, w + at, n - at);
                same &= same_as_ref(v, n + 1);
                memcpy(v, w, n);
                if (at < n) {
                    v[at] = extra[e];
                    same &= same_as_ref(v, n);
                }
            }
        }
        for (size_t at = 0; at < n; at++) {
            char v[32];
            memcpy(v, w, at);
            memcpy(v + at, w + at + 1, n - at - 1);
            same &= same_as_ref(v, n - 1);
        }
        /* A NUL and up to 12 more bytes: still the word before the NUL. */
        char v[32];
        memcpy(v, w, n);
        v[n] = '\0';
        memset(v + n + 1, 'x', 12);
        for (size_t m = n + 1; m <= n + 13 && m < 32; m++) same &= same_as_ref(v, m);
    }
    OK(words > 400, "the table holds the lexicon");
    static const char alphabet[] = "aeiostnrhdAESTN'-.\x01\x7f\x80\xc3\xa9";
    unsigned long long x = 0x2545F4914F6CDD1Dull;
    for (int i = 0; i < 200000 && same; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        char v[32];
        size_t n = (size_t)(x % 26);
        for (size_t k = 0; k < n; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            v[k] = (x % 50 == 0) ? '\0' : alphabet[(x >> 8) % (sizeof alphabet - 1)];
        }
        same &= same_as_ref(v, n);
    }
    OK(same, "vg_lex agrees with a scan of the table");
}

int main(void)
{
    test_against_reference();
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
