/*
 * test_tokenize.c — unit tests of the tokenizer (src/tokenize.c).
 *
 * Most checks tokenize an invented news-like sentence and compare the
 * tokens, cut out of the text by their byte offsets and joined with "|",
 * with the expected list, so every offset is checked exactly. Kinds and
 * flags are checked on single tokens. The last test feeds 1 MB of
 * deterministic pseudo-random bytes and checks that every token is a
 * non-empty span inside the input and that tokens do not overlap.
 * test_reference compares the tokenizer, token by token, with the simple
 * version it was before its fast paths (ref_tokenize.h) on generated
 * texts, sub-ranges of them and random bytes.
 */
#include "harness.h"

#include "alloc.h"
#include "ref_tokenize.h"
#include "tokenize.h"

#include <stdint.h>
#include <string.h>

static vg_token *tv;
static size_t tn, tcap;
static char out[8192];

/* Tokenizes s and returns the tokens joined with "|". */
static const char *toks(const char *s)
{
    tn = 0;
    vg_tokenize(s, 0, (uint32_t)strlen(s), &tv, &tn, &tcap);
    size_t o = 0;
    for (size_t i = 0; i < tn && o + 2 < sizeof out; i++) {
        size_t len = tv[i].end - tv[i].start;
        if (i) out[o++] = '|';
        if (o + len + 1 >= sizeof out) break;
        memcpy(out + o, s + tv[i].start, len);
        o += len;
    }
    out[o] = 0;
    return out;
}

/* Tokenizes s and returns one letter per token kind: W N P Q. */
static const char *kinds(const char *s)
{
    static char k[256];
    toks(s);
    size_t i;
    for (i = 0; i < tn && i + 1 < sizeof k; i++) k[i] = " WNPQ"[tv[i].kind];
    k[i] = 0;
    return k;
}

/* Flags of token i of s (0xFF if there is no such token). */
static unsigned flags(const char *s, size_t i)
{
    toks(s);
    return i < tn ? tv[i].flags : 0xFFu;
}

static void test_words(void)
{
    STR_EQ(toks("Arnor troops crossed the border."), "Arnor|troops|crossed|the|border|.",
           "plain words and final period");
    STR_EQ(toks("  Gondor  accused\tArnor\n"), "Gondor|accused|Arnor", "white space skipped");
    STR_EQ(toks(""), "", "empty text");
    STR_EQ(toks("short-range missiles hit al-Sudani's convoy"),
           "short-range|missiles|hit|al-Sudani|'s|convoy", "inner hyphens");
    STR_EQ(toks("COVID-19 and F-16 jets"), "COVID-19|and|F-16|jets", "letters and digits hyphened");
    STR_EQ(toks("a 10-year-old girl"), "a|10-year-old|girl", "number-word compound");
    STR_EQ(toks("peace -- for now"), "peace|--|for|now", "dash is a punctuation run");
    STR_EQ(toks("peace--for now"), "peace|--|for|now", "glued dash splits words");
    STR_EQ(toks("pro- and anti-war"), "pro|-|and|anti-war", "dangling hyphen");
    STR_EQ(kinds("F-16 2-1"), "WN", "F-16 word, 2-1 number");
    STR_EQ(toks("the Prince of Dol_Amroth said"), "the|Prince|of|Dol|Amroth|said",
           "underscore joins nothing: two words");
    STR_EQ(toks("__init__ a_"), "init|a", "underscore runs are space");
}

static void test_clitics(void)
{
    STR_EQ(toks("Iran's navy"), "Iran|'s|navy", "possessive 's");
    INT_EQ(flags("Iran's navy", 1), VG_TF_POSS, "'s flagged POSS");
    INT_EQ(tv[1].kind, VG_TOK_WORD, "'s is a word");
    STR_EQ(toks("the allies' plan"), "the|allies|'|plan", "possessive apostrophe");
    INT_EQ(flags("the allies' plan", 2), VG_TF_POSS, "bare ' flagged POSS");
    STR_EQ(toks("We don't know"), "We|do|n't|know", "don't");
    INT_EQ(flags("We don't know", 2), VG_TF_NEG, "n't flagged NEG");
    STR_EQ(toks("Arnor won't sign"), "Arnor|wo|n't|sign", "won't");
    STR_EQ(toks("they can't, they didn't."), "they|ca|n't|,|they|did|n't|.", "can't, didn't");
    STR_EQ(toks("DON'T SHOOT"), "DO|N'T|SHOOT", "upper-case negation");
    STR_EQ(toks("Sean O'Brien said"), "Sean|O'Brien|said", "O'Brien stays whole");
    STR_EQ(toks("Cote d'Ivoire"), "Cote|d'Ivoire", "d'Ivoire stays whole");
    STR_EQ(toks("they're sure we've won, I'm told, he'd go, we'll see"),
           "they|'re|sure|we|'ve|won|,|I|'m|told|,|he|'d|go|,|we|'ll|see", "other clitics");
    STR_EQ(toks("the 'Arnor' plan"), "the|'|Arnor|'|plan", "single quotes");
    INT_EQ(flags("the 'Arnor' plan", 3), 0, "closing ' after non-s word is no possessive");
    INT_EQ(tv[3].kind, VG_TOK_QUOTE, "closing ' is a quote");
    STR_EQ(toks("the U.S.'s role"), "the|U.S.|'s|role", "possessive after acronym");
    STR_EQ(toks("the 1990's"), "the|1990|'s", "possessive after number");
    STR_EQ(toks("Iran\xE2\x80\x99s navy"), "Iran|\xE2\x80\x99s|navy", "curly apostrophe 's");
    STR_EQ(toks("don\xE2\x80\x99t"), "do|n\xE2\x80\x99t", "curly apostrophe n't");
}

static void test_numbers(void)
{
    STR_EQ(toks("1,000 troops and 3.5 percent"), "1,000|troops|and|3.5|percent",
           "thousands and decimals");
    STR_EQ(kinds("1,000 troops and 3.5 percent"), "NWWNW", "number kinds");
    STR_EQ(toks("turnout was 97.3%."), "turnout|was|97.3%|.", "percent kept");
    STR_EQ(toks("on 2024-09-09 at"), "on|2024-09-09|at", "ISO date is one token");
    INT_EQ(tv[1].kind, VG_TOK_NUM, "ISO date is a number");
    STR_EQ(toks("won 2-1 in"), "won|2-1|in", "score one token");
    STR_EQ(toks("in 2019. Then"), "in|2019|.|Then", "number then period");
    STR_EQ(toks("1,2,3"), "1|,|2|,|3", "list of digits is not a number");
    STR_EQ(toks("1,000,000,"), "1,000,000|,", "millions then comma");
    STR_EQ(toks("$5 billion"), "$|5|billion", "currency sign");
    STR_EQ(toks("the 1990s"), "the|1990s", "decade word");
    INT_EQ(tv[1].kind, VG_TOK_WORD, "1990s is a word");
}

static void test_abbrev(void)
{
    STR_EQ(toks("Gen. Smith met Mr. Jones."), "Gen.|Smith|met|Mr.|Jones|.", "titles keep period");
    INT_EQ(flags("Gen. Smith", 0), VG_TF_ABBR | VG_TF_CAP, "Gen. flags");
    STR_EQ(toks("troops to the U.S."), "troops|to|the|U.S.", "sentence-final U.S.");
    INT_EQ(flags("troops to the U.S.", 3), VG_TF_ABBR | VG_TF_CAP | VG_TF_UPPER, "U.S. flags");
    STR_EQ(toks("troops to Russia."), "troops|to|Russia|.", "ordinary final period");
    STR_EQ(toks("the U.N. said"), "the|U.N.|said", "U.N.");
    STR_EQ(toks("allies, e.g. Arnor"), "allies|,|e.g.|Arnor", "e.g.");
    INT_EQ(flags("allies, e.g. Arnor", 2), VG_TF_ABBR, "e.g. flags");
    STR_EQ(toks("at 9 a.m. Monday"), "at|9|a.m.|Monday", "a.m.");
    STR_EQ(toks("John F. Kennedy"), "John|F.|Kennedy", "initial");
    INT_EQ(flags("John F. Kennedy", 1), VG_TF_ABBR | VG_TF_CAP, "initial flags");
    STR_EQ(toks("World War I."), "World|War|I|.", "I. is no initial");
    STR_EQ(toks("posted on X. Then"), "posted|on|X|.|Then", "capital after lower case");
    STR_EQ(toks("J. Smith and A. B. Tarn"), "J.|Smith|and|A.|B.|Tarn", "initials");
    STR_EQ(toks("on Jan. 5, Acme Inc. and Beta Corp. said"),
           "on|Jan.|5|,|Acme|Inc.|and|Beta|Corp.|said", "month and company");
    STR_EQ(toks("tanks, guns, etc. were"), "tanks|,|guns|,|etc.|were", "etc.");
    STR_EQ(toks("He said no. Then"), "He|said|no|.|Then", "lower-case no is no abbreviation");
    STR_EQ(toks("Resolution No. 2"), "Resolution|No.|2", "No. before number");
    STR_EQ(toks("U.S.-led strikes"), "U.S.|-|led|strikes", "U.S.-led");
    STR_EQ(toks("Sen. al-Amin."), "Sen.|al-Amin|.", "hyphened word keeps no period");
}

static void test_punct(void)
{
    STR_EQ(toks("Wait... what?!"), "Wait|...|what|?|!", "ellipsis run, mixed marks split");
    STR_EQ(toks("\"Stop,\" he said."), "\"|Stop|,|\"|he|said|.", "double quotes");
    INT_EQ(tv[0].kind, VG_TOK_QUOTE, "quote kind");
    INT_EQ(tv[2].kind, VG_TOK_PUNCT, "comma kind");
    STR_EQ(toks("(Arnor) [Gondor]"), "(|Arnor|)|[|Gondor|]", "brackets");
    STR_EQ(toks("talks\xE2\x80\x94then war"), "talks|\xE2\x80\x94|then|war", "em dash");
    INT_EQ(tv[1].kind, VG_TOK_PUNCT, "em dash kind");
    STR_EQ(toks("\xE2\x80\x9CNo\xE2\x80\x9D"), "\xE2\x80\x9C|No|\xE2\x80\x9D", "curly quotes");
    INT_EQ(tv[0].kind, VG_TOK_QUOTE, "curly quote kind");
    STR_EQ(toks("a\xC2\xA0"
                "b"),
           "a|b", "no-break space separates");
    STR_EQ(toks("!!!"), "!!!", "exclamation run");
}

static void test_unicode(void)
{
    STR_EQ(toks("Zelenskyy met Erdo\xC4\x9F"
                "an in \xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1."),
           "Zelenskyy|met|Erdo\xC4\x9F"
           "an|in|\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1|.",
           "unicode words");
    INT_EQ(flags("\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1", 0), VG_TF_CAP,
           "Greek capital");
    INT_EQ(flags("\xC3\x89lys\xC3\xA9"
                 "e",
                 0),
           VG_TF_CAP, "accented capital");
    INT_EQ(flags("\xC3\xA9t\xC3\xA9", 0), 0, "accented lower case");
    INT_EQ(flags("\xC3\x89TAT", 0), VG_TF_CAP | VG_TF_UPPER, "accented all capitals");
    INT_EQ(flags("NATO", 0), VG_TF_CAP | VG_TF_UPPER, "acronym word");
    INT_EQ(flags("A", 0), VG_TF_CAP, "one capital is not UPPER");
    INT_EQ(flags("iPhone", 0), 0, "lower first letter");
    STR_EQ(toks("\xE5\x8C\x97\xE4\xBA\xAC\xE3\x80\x82"), "\xE5\x8C\x97\xE4\xBA\xAC|\xE3\x80\x82",
           "CJK word and full stop");
}

static void test_range(void)
{
    const char *s = "Arnor said. Gondor denied it.";
    tn = 0;
    size_t got = vg_tokenize(s, 12, (uint32_t)strlen(s), &tv, &tn, &tcap);
    INT_EQ(got, 4, "tokens of a sub-range");
    INT_EQ(tv[0].start, 12, "offsets relative to text");
    INT_EQ(tv[3].end, strlen(s), "last token ends at range end");
    /* Appending: the earlier tokens stay, and "'s" after them is still found. */
    const char *t = "the allies' plan";
    tn = 0;
    vg_tokenize(t, 0, 10, &tv, &tn, &tcap);
    got = vg_tokenize(t, 10, (uint32_t)strlen(t), &tv, &tn, &tcap);
    INT_EQ(tn, 4, "second call appends");
    INT_EQ(got, 2, "second call count");
    INT_EQ(tv[2].kind, VG_TOK_QUOTE, "no look back across calls");
}

/* 1 MB of pseudo-random bytes (xorshift32, fixed seed), biased towards the
 * bytes the tokenizer cares about. */
static void test_random(void)
{
    size_t len = 1u << 20;
    char *buf = vg_malloc(len);
    uint32_t x = 2463534242u;
    static const char special[] = ".,'\"-% \n";
    for (size_t i = 0; i < len; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        unsigned r = x >> 8;
        if ((r & 3) == 0)
            buf[i] = special[(r >> 2) % (sizeof special - 1)];
        else if ((r & 3) == 1)
            buf[i] = (char)('a' + (r >> 2) % 26);
        else
            buf[i] = (char)(r >> 2);
    }
    tn = 0;
    vg_tokenize(buf, 0, (uint32_t)len, &tv, &tn, &tcap);
    int ok = tn > 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < tn && ok; i++) {
        ok = tv[i].start < tv[i].end && tv[i].end <= len && tv[i].start >= prev &&
             tv[i].kind >= VG_TOK_WORD && tv[i].kind <= VG_TOK_QUOTE;
        prev = tv[i].end;
    }
    OK(ok, "random bytes: tokens in bounds, ordered, non-empty");
    /* The same bytes in a sub-range never yield a token outside it. */
    tn = 0;
    vg_tokenize(buf, 1000, 5000, &tv, &tn, &tcap);
    ok = 1;
    for (size_t i = 0; i < tn; i++) ok &= tv[i].start >= 1000 && tv[i].end <= 5000;
    OK(ok, "random bytes: sub-range respected");
    vg_free(buf);
}

/* xorshift32: deterministic pseudo-random numbers for generated texts. */
static uint32_t rng = 88172645u;
static uint32_t next_rand(void)
{
    rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
    return rng;
}

/* Appends a random fragment to buf (at most 24 bytes): mostly ASCII words in
 * every letter case, with the white space, punctuation, clitics,
 * abbreviations, digits and UTF-8 (letters, typographic quotes, spaces and
 * dashes, cut and invalid sequences) the tokenizer decides about. */
static size_t fragment(char *buf)
{
    static const char *const bits[] = {" ",
                                       " ",
                                       " ",
                                       "  ",
                                       "\n",
                                       "\t",
                                       ".",
                                       ",",
                                       ";",
                                       ":",
                                       "!",
                                       "?",
                                       "(",
                                       ")",
                                       "\"",
                                       "'",
                                       "-",
                                       "--",
                                       "...",
                                       "%",
                                       "_",
                                       "/",
                                       "&",
                                       "$",
                                       "'s",
                                       "'S",
                                       "n't",
                                       "N'T",
                                       "'re",
                                       "'ve",
                                       "'ll",
                                       "'d",
                                       "'m",
                                       "'",
                                       "Mr.",
                                       "Gen.",
                                       "U.S.",
                                       "e.g.",
                                       "a.m.",
                                       "J.",
                                       "I.",
                                       "X.",
                                       "K",
                                       "No.",
                                       "1,000",
                                       "3.5",
                                       "2024-09-09",
                                       "F-16",
                                       "1990s",
                                       "97.3%",
                                       "1,2,3",
                                       "\xe2\x80\x99",
                                       "\xe2\x80\x9c",
                                       "\xe2\x80\x9d",
                                       "\xe2\x80\x94",
                                       "\xe2\x80\x93",
                                       "\xc2\xa0",
                                       "\xe2\x80\x89",
                                       "\xc3\xa9",
                                       "\xc3\x89",
                                       "\xc3\x97",
                                       "\xc2\xab",
                                       "\xc2\xbb",
                                       "\xe2\x82\xac",
                                       "\xe3\x80\x80",
                                       "\xef\xbb\xbf",
                                       "\xe6\x97\xa5",
                                       "\xf0\x9f\x98\x80",
                                       "\x80",
                                       "\xc3",
                                       "\xe2\x80",
                                       "\xff",
                                       "\x01",
                                       "\x7f",
                                       "O'Brien",
                                       "d'Ivoire",
                                       "don't",
                                       "can't",
                                       "allies'",
                                       "Iran's",
                                       "COVID-19",
                                       "short-range",
                                       "--x",
                                       "a-",
                                       "-a",
                                       "A.B",
                                       "a.b.c",
                                       "Wash.",
                                       "Inc.",
                                       "etc."};
    uint32_t r = next_rand();
    if (r % 8 < 4) {
        /* An ASCII word of 1 to 12 letters, in some letter case. */
        size_t n = 1 + (r >> 3) % 12, mode = (r >> 7) % 4;
        for (size_t i = 0; i < n; i++) {
            uint32_t q = next_rand();
            char c = (char)('a' + q % 26);
            if (mode == 1 || (mode == 2 && i == 0) || (mode == 3 && q % 3 == 0)) c = (char)(c - 32);
            buf[i] = c;
        }
        return n;
    }
    if (r % 8 < 6) {
        buf[0] = ' ';
        return 1;
    }
    const char *b = bits[(r >> 3) % (sizeof bits / sizeof bits[0])];
    size_t n = strlen(b);
    memcpy(buf, b, n);
    return n;
}

/* The reference's tokens (a NULL text frees them). */
static vg_token *rv;
static size_t rn, rcap;

/* 1 if the tokens of text[a, b) appended after `pre` earlier tokens are the
 * same from the tokenizer and the reference: vg_tokenize when text_len is
 * 0, else vg_tokenize_in reading ahead up to text_len. */
static int same_one(const char *text, size_t text_len, uint32_t a, uint32_t b, size_t pre)
{
    tn = rn = 0;
    /* Earlier tokens: a lower-case word, as a previous sentence may leave. */
    vg_token prev = {0, 1, VG_TOK_WORD, 0};
    for (size_t i = 0; i < pre; i++) {
        VG_PUSH(tv, tn, tcap, prev);
        VG_PUSH(rv, rn, rcap, prev);
    }
    size_t g1 = text_len ? vg_tokenize_in(text, text_len, a, b, &tv, &tn, &tcap)
                         : vg_tokenize(text, a, b, &tv, &tn, &tcap);
    size_t g2 = ref_tokenize(text, a, b, &rv, &rn, &rcap);
    if (g1 != g2 || tn != rn) return 0;
    for (size_t i = 0; i < tn; i++)
        if (tv[i].start != rv[i].start || tv[i].end != rv[i].end || tv[i].kind != rv[i].kind ||
            tv[i].flags != rv[i].flags)
            return 0;
    return 1;
}

/* same_one for vg_tokenize and for vg_tokenize_in reading ahead up to
 * text_len (the text's whole length, or b). */
static int same_as_reference(const char *text, size_t text_len, uint32_t a, uint32_t b, size_t pre)
{
    if (!text) {
        vg_free(rv);
        return 1;
    }
    return (!text_len || same_one(text, text_len, a, b, pre)) && same_one(text, 0, a, b, pre);
}

static void test_reference(void)
{
    char buf[4096];
    int bad = 0;
    size_t runs = 0;
    OK(same_as_reference("", 0, 0, 0, 0), "reference: empty text");
    for (int t = 0; t < 20000; t++) {
        size_t len = 0, target = next_rand() % 400;
        while (len < target) len += fragment(buf + len);
        buf[len] = 0;
        size_t pre = next_rand() % 2;
        if (!same_as_reference(buf, len, 0, (uint32_t)len, pre)) {
            if (bad++ < 5) fprintf(stderr, "reference differs on \"%s\"\n", buf);
        }
        /* A sub-range, cut anywhere (inside words and UTF-8 sequences). */
        uint32_t a = len ? next_rand() % (uint32_t)len : 0;
        uint32_t b = a + (len > a ? next_rand() % (uint32_t)(len - a + 1) : 0);
        if (!same_as_reference(buf, len, a, b, pre)) {
            if (bad++ < 5) fprintf(stderr, "reference differs on [%u, %u) of \"%s\"\n", a, b, buf);
        }
        runs += 2;
    }
    /* Random bytes, biased to letters and the bytes after them. */
    for (int t = 0; t < 2000; t++) {
        size_t len = next_rand() % 200;
        for (size_t i = 0; i < len; i++) {
            uint32_t r = next_rand();
            buf[i] =
                r % 3 ? (char)(r % 5 ? 'a' + (r >> 8) % 26 : 'A' + (r >> 8) % 26) : (char)(r >> 16);
        }
        if (!same_as_reference(buf, len, 0, (uint32_t)len, 1)) bad++;
        runs++;
    }
    /* One long text of fragments, whole. */
    size_t cap = 1u << 20, len = 0;
    char *big = vg_malloc(cap + 32);
    while (len < cap) len += fragment(big + len);
    if (!same_as_reference(big, len, 0, (uint32_t)len, 0)) bad++;
    runs++;
    vg_free(big);
    same_as_reference(NULL, 0, 0, 0, 0);
    INT_EQ(bad, 0, "reference: texts tokenized differently");
    OK(runs == 42001, "reference: every run made");
}

int main(void)
{
    test_words();
    test_clitics();
    test_numbers();
    test_abbrev();
    test_punct();
    test_unicode();
    test_range();
    test_random();
    test_reference();
    vg_free(tv);
    TEST_MAIN_END();
}
