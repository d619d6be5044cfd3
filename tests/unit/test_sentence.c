/*
 * test_sentence.c — unit tests of the sentence splitter and the
 * abbreviation table (src/sentence.c).
 *
 * Each check splits an invented news-like text and compares the
 * sentences, cut out by their spans and joined with " | ", with the
 * expected list, so spans (and the trimming of white space) are checked
 * to the byte.
 */
#include "harness.h"

#include "alloc.h"
#include "limits.h"
#include "sentence.h"

#include <stdint.h>
#include <string.h>

static vigil_span *sv;
static size_t sn, scap;
static char out[8192];

/* Splits s and returns the sentences joined with " | ". */
static const char *split(const char *s)
{
    sn = 0;
    vg_split_sentences(s, strlen(s), &sv, &sn, &scap);
    size_t o = 0;
    for (size_t i = 0; i < sn; i++) {
        size_t len = sv[i].end - sv[i].start;
        if (o + len + 4 >= sizeof out) break;
        if (i) memcpy(out + o, " | ", 3), o += 3;
        memcpy(out + o, s + sv[i].start, len);
        o += len;
    }
    out[o] = 0;
    return out;
}

#define AB(w) vg_is_abbrev(w, strlen(w))
#define TITLE(w) vg_is_title_abbrev(w, strlen(w))

static void test_abbrev_table(void)
{
    static const char *const titles[] = {
        "Mr",   "Mrs",  "Ms",  "Dr",  "Prof", "Gen", "Lt",     "Col", "Maj",
        "Capt", "Cmdr", "Adm", "Sgt", "Cpl",  "Pvt", "Rep",    "Sen", "Gov",
        "Pres", "Amb",  "Rev", "Fr",  "St",   "Hon", "Messrs",
    };
    static const char *const others[] = {
        "Jr",   "Sr",   "Jan", "Feb",  "Mar",   "Apr",  "Jun",    "Jul", "Aug", "Sep", "Sept",
        "Oct",  "Nov",  "Dec", "Mon",  "Tue",   "Wed",  "Thu",    "Fri", "Sat", "Sun", "Inc",
        "Corp", "Co",   "Ltd", "Bros", "vs",    "etc",  "approx", "No",  "Nos", "Vol", "Fig",
        "Dept", "Univ", "Ave", "Blvd", "Calif", "Mass", "Ariz",   "Fla", "Wyo", "al",  "est",
    };
    int ok = 1;
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        ok &= AB(titles[i]) && TITLE(titles[i]);
    OK(ok, "every title is an abbreviation and a title");
    ok = 1;
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        ok &= AB(others[i]) && !TITLE(others[i]);
    OK(ok, "other abbreviations are not titles");
    OK(!AB("Russia") && !AB("said") && !AB("") && !AB("Gener"), "ordinary words");
    OK(AB("Etc") && AB("Vs"), "capitalised form of a lower-case entry");
    OK(AB("GEN") && TITLE("MRS") && AB("INC"), "all-capitals form");
    OK(!AB("no") && !AB("mr") && !AB("gen"), "lower case does not match a capitalised entry");
    OK(!AB("G") && !AB("Mrx") && !AB("Approximately"), "near misses");
}

/* The lookup as first written (an exact search, then for a word starting
 * with a capital its capitalised and lower-case forms), over a copy of the
 * entries of src/sentence.c (keep the two equal), as the reference for
 * vg_is_abbrev's shortcuts. */
typedef struct ref_abbrev {
    const char *w;
    int title;
} ref_abbrev;

static const ref_abbrev ref_abbrevs[] = {
    {"Adm", 1},   {"Ala", 0},  {"Amb", 1},  {"Apr", 0},  {"Ariz", 0}, {"Ark", 0},    {"Atty", 1},
    {"Aug", 0},   {"Ave", 0},  {"Blvd", 0}, {"Brig", 1}, {"Bros", 0}, {"Calif", 0},  {"Capt", 1},
    {"Cdr", 1},   {"Cmdr", 1}, {"Co", 0},   {"Col", 1},  {"Colo", 0}, {"Conn", 0},   {"Corp", 0},
    {"Cpl", 1},   {"Dec", 0},  {"Del", 0},  {"Dept", 0}, {"Dr", 1},   {"Feb", 0},    {"Fig", 0},
    {"Fla", 0},   {"Fr", 1},   {"Fri", 0},  {"Ft", 1},   {"Ga", 0},   {"Gen", 1},    {"Gens", 1},
    {"Gov", 1},   {"Hon", 1},  {"Ill", 0},  {"Inc", 0},  {"Ind", 0},  {"Insp", 1},   {"Jan", 0},
    {"Jr", 0},    {"Jul", 0},  {"Jun", 0},  {"Kan", 0},  {"Kans", 0}, {"Ky", 0},     {"La", 0},
    {"Lt", 1},    {"Ltd", 0},  {"Maj", 1},  {"Mar", 0},  {"Mass", 0}, {"Md", 0},     {"Messrs", 1},
    {"Mich", 0},  {"Minn", 0}, {"Miss", 0}, {"Mo", 0},   {"Mon", 0},  {"Mont", 0},   {"Mr", 1},
    {"Mrs", 1},   {"Ms", 1},   {"Msgr", 1}, {"Mt", 1},   {"Neb", 0},  {"Nev", 0},    {"No", 0},
    {"Nos", 0},   {"Nov", 0},  {"Oct", 0},  {"Okla", 0}, {"Ore", 0},  {"Pa", 0},     {"Plc", 0},
    {"Pres", 1},  {"Prof", 1}, {"Pvt", 1},  {"Rep", 1},  {"Reps", 1}, {"Rev", 1},    {"Rt", 1},
    {"Sat", 0},   {"Sen", 1},  {"Sens", 1}, {"Sep", 0},  {"Sept", 0}, {"Sgt", 1},    {"Sr", 0},
    {"St", 1},    {"Sun", 0},  {"Supt", 1}, {"Tenn", 0}, {"Tex", 0},  {"Thu", 0},    {"Thur", 0},
    {"Thurs", 0}, {"Tue", 0},  {"Tues", 0}, {"Univ", 0}, {"Va", 0},   {"Vol", 0},    {"Vt", 0},
    {"Wash", 0},  {"Wed", 0},  {"Wis", 0},  {"Wyo", 0},  {"al", 0},   {"approx", 0}, {"cf", 0},
    {"est", 0},   {"etc", 0},  {"vs", 0}};

static const ref_abbrev *ref_find(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof ref_abbrevs / sizeof ref_abbrevs[0]; i++)
        if (strlen(ref_abbrevs[i].w) == n && memcmp(ref_abbrevs[i].w, w, n) == 0)
            return &ref_abbrevs[i];
    return NULL;
}

static const ref_abbrev *ref_lookup(const char *w, size_t n)
{
    if (n == 0 || n > 6) return NULL;
    const ref_abbrev *e = ref_find(w, n);
    if (e || w[0] < 'A' || w[0] > 'Z') return e;
    char t[6];
    t[0] = w[0];
    for (size_t i = 1; i < n; i++) t[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
    if ((e = ref_find(t, n)) != NULL) return e;
    t[0] = (char)(t[0] | 0x20);
    return ref_find(t, n);
}

static int same_lookup(const char *w, size_t n)
{
    const ref_abbrev *e = ref_lookup(w, n);
    return vg_is_abbrev(w, n) == (e != NULL) && vg_is_title_abbrev(w, n) == (e && e->title);
}

/* vg_is_abbrev and vg_is_title_abbrev against the reference: every case
 * form of every entry, each with a letter added or dropped, and random
 * words of letters, digits, periods and high bytes. */
static void test_abbrev_reference(void)
{
    int ok = 1;
    size_t tried = 0, found = 0;
    for (size_t i = 0; i < sizeof ref_abbrevs / sizeof ref_abbrevs[0]; i++) {
        const char *w = ref_abbrevs[i].w;
        size_t n = strlen(w);
        for (unsigned m = 0; m < (1u << n); m++) {
            char t[8];
            for (size_t k = 0; k < n; k++) {
                unsigned char c = (unsigned char)w[k] | 0x20;
                t[k] = (char)((m >> k) & 1u ? c - 32 : c);
            }
            ok &= same_lookup(t, n) && same_lookup(t, n - 1);
            found += vg_is_abbrev(t, n) != 0;
            t[n] = 's';
            ok &= same_lookup(t, n + 1);
            tried += 3;
        }
    }
    static const char pool[] = "aAcCeEvVsSmMgGtTrRlLpPnNoOxX.09\xc3\x80";
    uint32_t x = 2463534242u;
    for (int r = 0; r < 200000; r++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        size_t n = x % 9;
        char t[8];
        for (size_t k = 0; k < n; k++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            t[k] = pool[x % (sizeof pool - 1)];
        }
        ok &= same_lookup(t, n);
        tried++;
    }
    OK(ok, "abbreviation lookup equals the three searches");
    OK(tried > 200000 && found > 300, "the comparison covered entries in many case forms");
}

static void test_basic(void)
{
    STR_EQ(split("Arnor troops crossed the border. Gondor protested."),
           "Arnor troops crossed the border. | Gondor protested.", "two sentences");
    STR_EQ(split("   Arnor protested.   "), "Arnor protested.", "spans exclude white space");
    STR_EQ(split(""), "", "empty text");
    INT_EQ(sn, 0, "no sentence in empty text");
    STR_EQ(split("  \n\n \t "), "", "white space only");
    STR_EQ(split("No final period"), "No final period", "text without terminal");
    STR_EQ(split("Will Arnor retaliate? Officials would not say!  Gondor waits."),
           "Will Arnor retaliate? | Officials would not say! | Gondor waits.", "? and !");
    STR_EQ(split("Really?! Yes."), "Really?! | Yes.", "mixed marks");
    STR_EQ(split("the talks failed. talks resumed later."),
           "the talks failed. talks resumed later.", "lower case does not start a sentence");
    STR_EQ(split("Troops left. 500 stayed behind."), "Troops left. | 500 stayed behind.",
           "digit starts a sentence");
    STR_EQ(split("See voanews.com for more. Done."), "See voanews.com for more. | Done.",
           "period inside a word");
}

static void test_abbrevs_in_text(void)
{
    STR_EQ(split("Mr. Smith met Gen. Tarn in Minas. They talked."),
           "Mr. Smith met Gen. Tarn in Minas. | They talked.", "titles");
    STR_EQ(split("Sen. Brand and Rep. Holt and Dr. Amon and Lt. Col. Ferro spoke."),
           "Sen. Brand and Rep. Holt and Dr. Amon and Lt. Col. Ferro spoke.", "chained titles");
    STR_EQ(split("Talks resumed on Jan. 12 in the capital."),
           "Talks resumed on Jan. 12 in the capital.", "month before day");
    STR_EQ(split("The talks ended in Sept. The army withdrew."),
           "The talks ended in Sept. | The army withdrew.", "month ends sentence before The");
    STR_EQ(split("Acme Inc. said it would comply."), "Acme Inc. said it would comply.",
           "company abbreviation");
    STR_EQ(split("He sold shares in Acme Inc. They rose."),
           "He sold shares in Acme Inc. | They rose.", "company ends sentence before They");
    STR_EQ(split("Arnor vs. Gondor ended 2-1."), "Arnor vs. Gondor ended 2-1.", "vs.");
    STR_EQ(split("He cited tanks, guns, etc. and more."), "He cited tanks, guns, etc. and more.",
           "etc. mid-sentence");
    STR_EQ(split("It passed Resolution No. 2 on Friday."), "It passed Resolution No. 2 on Friday.",
           "No. before a number");
    STR_EQ(split("He said no. Then he left."), "He said no. | Then he left.",
           "lower-case no ends a sentence");
}

static void test_acronyms(void)
{
    STR_EQ(split("The U.S. Army and the U.N. Security Council met."),
           "The U.S. Army and the U.N. Security Council met.", "acronyms mid-sentence");
    STR_EQ(split("Arnor sent envoys to the U.S. The talks begin Monday."),
           "Arnor sent envoys to the U.S. | The talks begin Monday.", "U.S. ends before The");
    STR_EQ(split("Gondor blamed the U.S. He did not elaborate."),
           "Gondor blamed the U.S. | He did not elaborate.", "U.S. ends before He");
    STR_EQ(split("They met U.S. President Tarn."), "They met U.S. President Tarn.",
           "U.S. before a title word");
    STR_EQ(split("Allies, e.g. Arnor, objected. Gondor did not."),
           "Allies, e.g. Arnor, objected. | Gondor did not.", "e.g.");
    STR_EQ(split("Shelling began at 6 a.m. Friday and stopped."),
           "Shelling began at 6 a.m. Friday and stopped.", "a.m. before a day");
    STR_EQ(split("The envoy left the U.S."), "The envoy left the U.S.", "U.S. at text end");
    STR_EQ(split("U.S.-led strikes hit. Arnor condemned them."),
           "U.S.-led strikes hit. | Arnor condemned them.", "U.S.-led");
}

static void test_initials_numbers(void)
{
    STR_EQ(split("John F. Kennedy spoke. So did Martin L. King."),
           "John F. Kennedy spoke. | So did Martin L. King.", "initials");
    STR_EQ(split("The economy grew 3.5 percent. Prices rose 0.2 percent."),
           "The economy grew 3.5 percent. | Prices rose 0.2 percent.", "decimals");
    STR_EQ(split("Casualties rose in 2019. The war ended in 2020."),
           "Casualties rose in 2019. | The war ended in 2020.", "year ends sentence");
    STR_EQ(split("They won World War I. Then they rested."),
           "They won World War I. | Then they rested.", "I. is not an initial");
    STR_EQ(split("He posted on X. Militants replied."), "He posted on X. | Militants replied.",
           "capital after a lower-case word is no initial");
    STR_EQ(split("\"Tariffs hurt the U.S.\" Tarn disagreed."),
           "\"Tariffs hurt the U.S.\" | Tarn disagreed.", "U.S. then closing quote");
    STR_EQ(split("It was written by J. K. Tarn in Arnor."),
           "It was written by J. K. Tarn in Arnor.", "initials after a lower-case word");
    STR_EQ(split("Plan B. It failed."), "Plan B. | It failed.",
           "capital letter ends a sentence before a starter");
}

static void test_quotes_parens(void)
{
    STR_EQ(split("\"We will respond,\" he said. \"We will not wait.\" Gondor replied."),
           "\"We will respond,\" he said. | \"We will not wait.\" | Gondor replied.",
           "closing quote stays with its sentence");
    STR_EQ(split("\"Stop,\" he said."), "\"Stop,\" he said.", "quote inside sentence");
    STR_EQ(split("\"Why?\" he asked. \"Go!\" she shouted."),
           "\"Why?\" he asked. | \"Go!\" she shouted.", "? and ! inside quotes");
    STR_EQ(split("He said: \"We will respond. We will not wait.\" Then he left."),
           "He said: \"We will respond. | We will not wait.\" | Then he left.",
           "split inside a quotation (documented)");
    STR_EQ(split("The talks failed. (Both sides blamed each other.) Arnor left."),
           "The talks failed. | (Both sides blamed each other.) | Arnor left.", "parentheses");
    STR_EQ(split("Arnor (a small state.) won."), "Arnor (a small state.) won.",
           "parenthesis then lower case");
    STR_EQ(split("He called it 'over.' Gondor disagreed."),
           "He called it 'over.' | Gondor disagreed.", "single quotes");
    STR_EQ(split("\xE2\x80\x9CWe will respond.\xE2\x80\x9D \xE2\x80\x9CSoon.\xE2\x80\x9D"),
           "\xE2\x80\x9CWe will respond.\xE2\x80\x9D | \xE2\x80\x9CSoon.\xE2\x80\x9D",
           "curly quotes");
}

static void test_ellipsis(void)
{
    STR_EQ(split("The talks stalled... Then they collapsed."),
           "The talks stalled... | Then they collapsed.", "ellipsis before capital");
    STR_EQ(split("The talks stalled... and then collapsed."),
           "The talks stalled... and then collapsed.", "ellipsis before lower case");
    STR_EQ(split("He waited\xE2\x80\xA6 Nothing came."), "He waited\xE2\x80\xA6 | Nothing came.",
           "unicode ellipsis");
    STR_EQ(split("He spoke. ... Then he left."), "He spoke. | Then he left.",
           "lone ellipsis is no sentence");
    STR_EQ(split("Part one.\n\n* * *\n\nPart two."), "Part one. | Part two.",
           "separator line is no sentence");
    STR_EQ(split("Figures rose... 40 percent."), "Figures rose... 40 percent.",
           "ellipsis before digit");
}

static void test_lines(void)
{
    STR_EQ(split("Talks end in Arnor\n\nThe talks ended on Friday."),
           "Talks end in Arnor | The talks ended on Friday.", "paragraph break");
    STR_EQ(split("first paragraph without period\n  \t\nsecond one"),
           "first paragraph without period | second one", "blank line with spaces");
    STR_EQ(split("Gondor said on Monday that the talks with its northern neighbour\n"
                 "Arnor would resume."),
           "Gondor said on Monday that the talks with its northern neighbour\n"
           "Arnor would resume.",
           "long wrapped line goes on");
    STR_EQ(split("Border clash\nArnor troops crossed the river on Monday."),
           "Border clash | Arnor troops crossed the river on Monday.", "short heading line");
    STR_EQ(split("The ministers of Arnor and Gondor met on Monday and said that their\n"
                 "talks had failed."),
           "The ministers of Arnor and Gondor met on Monday and said that their\n"
           "talks had failed.",
           "line break before lower case goes on");
    STR_EQ(split("Demands:\n- a ceasefire\n- talks"), "Demands: | - a ceasefire | - talks",
           "bullets");
    STR_EQ(split("The army withdrew.\nGondor celebrated."),
           "The army withdrew. | Gondor celebrated.", "period at line end");
    STR_EQ(split("Arnor and\nGondor signed."), "Arnor and\nGondor signed.",
           "short line ending in a function word goes on");
    STR_EQ(split("Talks in Arnor\n\"We are ready,\" Tarn said."),
           "Talks in Arnor | \"We are ready,\" Tarn said.", "heading before a quotation");
    STR_EQ(split("He met Tarn. Later they\nSigned the pact."),
           "He met Tarn. | Later they\nSigned the pact.",
           "short line that did not begin the sentence goes on");
}

static void test_long(void)
{
    /* A 20,000-byte sentence of words without a period is cut at spaces. */
    size_t len = 20000;
    char *s = vg_malloc(len + 1);
    for (size_t i = 0; i < len; i++) s[i] = (i % 6 == 5) ? ' ' : 'a';
    s[len] = 0;
    sn = 0;
    vg_split_sentences(s, len, &sv, &sn, &scap);
    int ok = sn == 3;
    for (size_t i = 0; i < sn; i++) {
        ok &= sv[i].end - sv[i].start <= VG_MAX_SENTENCE_BYTES;
        ok &= s[sv[i].start] != ' ' && s[sv[i].end - 1] != ' ';
        if (i) ok &= sv[i].start == sv[i - 1].end + 1;
    }
    OK(ok, "long sentence cut at spaces within the limit");
    INT_EQ(sv[sn - 1].end, len, "last piece ends at the text end");
    /* Without any space the cut falls at the limit, on a character start. */
    for (size_t i = 0; i < len; i += 2) s[i] = (char)0xC3, s[i + 1] = (char)0xA9;
    sn = 0;
    vg_split_sentences(s, len, &sv, &sn, &scap);
    ok = sn == 3;
    for (size_t i = 0; i < sn; i++)
        ok &= sv[i].end - sv[i].start <= VG_MAX_SENTENCE_BYTES && (sv[i].start & 1) == 0;
    OK(ok, "spaceless run cut on UTF-8 boundaries");
    /* Many short sentences: count and adjacency. */
    size_t o = 0;
    for (int i = 0; i < 1000; i++) memcpy(s + o, "Arnor won. ", 11), o += 11;
    sn = 0;
    INT_EQ(vg_split_sentences(s, o, &sv, &sn, &scap), 1000, "1000 short sentences");
    vg_free(s);
}

/* 256 KB of pseudo-random bytes (xorshift32, fixed seed), rich in the bytes
 * the splitter looks at: spans stay ordered, in bounds and trimmed. */
static void test_random(void)
{
    size_t len = 1u << 18;
    char *buf = vg_malloc(len);
    uint32_t x = 88172645u;
    static const char special[] = ".?!\n \"')\xE2\x80\xA6\x9D\xC2\xBB";
    for (size_t i = 0; i < len; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        unsigned r = x >> 8;
        if ((r & 3) == 0)
            buf[i] = special[(r >> 2) % (sizeof special - 1)];
        else if ((r & 3) == 1)
            buf[i] = (char)((r & 4 ? 'A' : 'a') + (r >> 3) % 26);
        else
            buf[i] = (char)(r >> 2);
    }
    sn = 0;
    vg_split_sentences(buf, len, &sv, &sn, &scap);
    int ok = sn > 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < sn && ok; i++) {
        const unsigned char *a = (const unsigned char *)buf + sv[i].start;
        const unsigned char *b = (const unsigned char *)buf + sv[i].end - 1;
        ok = sv[i].start < sv[i].end && sv[i].end <= len && sv[i].start >= prev &&
             sv[i].end - sv[i].start <= VG_MAX_SENTENCE_BYTES && *a > 0x20 && *b > 0x20;
        prev = sv[i].end;
    }
    OK(ok, "random bytes: spans ordered, in bounds, trimmed, within the limit");
    vg_free(buf);
}

static void test_append(void)
{
    sn = 0;
    vg_split_sentences("One. Two.", 9, &sv, &sn, &scap);
    size_t got = vg_split_sentences("Three.", 6, &sv, &sn, &scap);
    INT_EQ(got, 1, "returns the number added");
    INT_EQ(sn, 3, "appends to the vector");
}

int main(void)
{
    test_abbrev_table();
    test_abbrev_reference();
    test_basic();
    test_abbrevs_in_text();
    test_acronyms();
    test_initials_numbers();
    test_quotes_parens();
    test_ellipsis();
    test_lines();
    test_long();
    test_random();
    test_append();
    vg_free(sv);
    TEST_MAIN_END();
}
