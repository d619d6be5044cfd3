/*
 * sentence.c — abbreviation lookup and sentence splitting.
 *
 * The splitter makes one pass over the text. A fast inner loop skips every
 * byte that cannot end a sentence (a byte table marks ". ? ! \n" and the
 * lead byte of "…"); at each candidate it decides, looking only at a few
 * bytes around it, whether a sentence ends there. The decision rules are
 * documented in sentence.h; the abbreviation table that drives most of them
 * lives here too, because the tokenizer needs the same list to decide which
 * words keep their period.
 */
#include "sentence.h"

#include "alloc.h"
#include "limits.h"
#include "scan.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------ abbreviations */

/*
 * English abbreviations that are written with a period. `title` marks the
 * ones that stand before a name ("Gen. Smith") and therefore never end a
 * sentence; the others ("Inc.", "Jan.", "etc.") may, and the splitter ends
 * a sentence after them only before a typical sentence opener.
 *
 * The table is sorted by bytes (upper case before lower case, a prefix
 * before its extensions) so it can be searched by bisection; keep it so
 * when adding entries. Every entry is a capital followed by lower-case
 * letters or all lower case, and CAP_LENS and LOW_LENS (below) list the
 * lengths of the entries by first letter: abbrev_lookup relies on both (an
 * entry added here sets its bit there and goes into the copy in
 * tests/unit/test_sentence.c too). Ambiguous state
 * abbreviations such as "Wash." and "Mass." are kept: after a capitalised
 * word they are far more often the abbreviation than the end of a
 * sentence, and a wrong guess only costs a missed split before a word that
 * is not a sentence opener.
 */
typedef struct abbrev {
    const char *w;
    unsigned char len;
    unsigned char title;
} abbrev;

static const abbrev abbrevs[] = {
    {"Adm", 3, 1},    {"Ala", 3, 0},  {"Amb", 3, 1},   {"Apr", 3, 0},   {"Ariz", 4, 0},
    {"Ark", 3, 0},    {"Atty", 4, 1}, {"Aug", 3, 0},   {"Ave", 3, 0},   {"Blvd", 4, 0},
    {"Brig", 4, 1},   {"Bros", 4, 0}, {"Calif", 5, 0}, {"Capt", 4, 1},  {"Cdr", 3, 1},
    {"Cmdr", 4, 1},   {"Co", 2, 0},   {"Col", 3, 1},   {"Colo", 4, 0},  {"Conn", 4, 0},
    {"Corp", 4, 0},   {"Cpl", 3, 1},  {"Dec", 3, 0},   {"Del", 3, 0},   {"Dept", 4, 0},
    {"Dr", 2, 1},     {"Feb", 3, 0},  {"Fig", 3, 0},   {"Fla", 3, 0},   {"Fr", 2, 1},
    {"Fri", 3, 0},    {"Ft", 2, 1},   {"Ga", 2, 0},    {"Gen", 3, 1},   {"Gens", 4, 1},
    {"Gov", 3, 1},    {"Hon", 3, 1},  {"Ill", 3, 0},   {"Inc", 3, 0},   {"Ind", 3, 0},
    {"Insp", 4, 1},   {"Jan", 3, 0},  {"Jr", 2, 0},    {"Jul", 3, 0},   {"Jun", 3, 0},
    {"Kan", 3, 0},    {"Kans", 4, 0}, {"Ky", 2, 0},    {"La", 2, 0},    {"Lt", 2, 1},
    {"Ltd", 3, 0},    {"Maj", 3, 1},  {"Mar", 3, 0},   {"Mass", 4, 0},  {"Md", 2, 0},
    {"Messrs", 6, 1}, {"Mich", 4, 0}, {"Minn", 4, 0},  {"Miss", 4, 0},  {"Mo", 2, 0},
    {"Mon", 3, 0},    {"Mont", 4, 0}, {"Mr", 2, 1},    {"Mrs", 3, 1},   {"Ms", 2, 1},
    {"Msgr", 4, 1},   {"Mt", 2, 1},   {"Neb", 3, 0},   {"Nev", 3, 0},   {"No", 2, 0},
    {"Nos", 3, 0},    {"Nov", 3, 0},  {"Oct", 3, 0},   {"Okla", 4, 0},  {"Ore", 3, 0},
    {"Pa", 2, 0},     {"Plc", 3, 0},  {"Pres", 4, 1},  {"Prof", 4, 1},  {"Pvt", 3, 1},
    {"Rep", 3, 1},    {"Reps", 4, 1}, {"Rev", 3, 1},   {"Rt", 2, 1},    {"Sat", 3, 0},
    {"Sen", 3, 1},    {"Sens", 4, 1}, {"Sep", 3, 0},   {"Sept", 4, 0},  {"Sgt", 3, 1},
    {"Sr", 2, 0},     {"St", 2, 1},   {"Sun", 3, 0},   {"Supt", 4, 1},  {"Tenn", 4, 0},
    {"Tex", 3, 0},    {"Thu", 3, 0},  {"Thur", 4, 0},  {"Thurs", 5, 0}, {"Tue", 3, 0},
    {"Tues", 4, 0},   {"Univ", 4, 0}, {"Va", 2, 0},    {"Vol", 3, 0},   {"Vt", 2, 0},
    {"Wash", 4, 0},   {"Wed", 3, 0},  {"Wis", 3, 0},   {"Wyo", 3, 0},   {"al", 2, 0},
    {"approx", 6, 0}, {"cf", 2, 0},   {"est", 3, 0},   {"etc", 3, 0},   {"vs", 2, 0},
};

/* The longest entry; longer words are rejected before any comparison. */
#define ABBREV_MAX 6

/* Bisection over the sorted table: byte order, then length. */
static const abbrev *abbrev_find(const char *w, size_t n)
{
    size_t lo = 0, hi = sizeof abbrevs / sizeof abbrevs[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const abbrev *e = &abbrevs[mid];
        /* Most probes differ in the first byte: no memcmp call for them
         * (the same order, as memcmp compares unsigned bytes). n and len
         * are at least 1. */
        int c = (int)(unsigned char)w[0] - (int)(unsigned char)e->w[0];
        if (c == 0) {
            /* The rest byte by byte, inline: at most ABBREV_MAX bytes, too
             * few for a call to memcmp to pay. */
            size_t m = n < e->len ? n : e->len, k = 1;
            while (k < m && w[k] == e->w[k]) k++;
            c = k < m ? (int)(unsigned char)w[k] - (int)(unsigned char)e->w[k]
                      : (n > e->len) - (n < e->len);
        }
        if (c == 0) return e;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The lengths of the entries by first letter, a bit per length: CAP_LENS
 * for the entries that start with a capital ("Gen": bit 3 of 'G'),
 * LOW_LENS for the lower-case ones ("etc": bit 3 of 'e'). Most words asked
 * about (a name before a period: "Syria.") have no entry of their length
 * and first letter, and are answered without a search. Made from the
 * table above by hand: an entry added there sets its bit here too (a
 * missing bit fails tests/unit/test_sentence.c). */
static const unsigned char CAP_LENS[26] = {0x18, 0x10, 0x3C, 0x1C, 0x00, 0x0C, 0x1C, 0x08, 0x18,
                                           0x0C, 0x1C, 0x0C, 0x5C, 0x0C, 0x18, 0x1C, 0x00, 0x1C,
                                           0x1C, 0x38, 0x10, 0x0C, 0x18, 0x00, 0x00, 0x00};
static const unsigned char LOW_LENS[26] = {0x44, 0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00,
                                           0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                           0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00};

/*
 * Looks a word up as written, then, if it starts with a capital, in its
 * capitalised form ("GEN" -> "Gen") and its lower-case form ("Etc" ->
 * "etc"). A lower-case word matches only a lower-case entry, so "no." at the
 * end of a sentence is not taken for "No.". Returns the entry or NULL.
 *
 * Every entry is either a capital and lower-case letters ("Gen") or all
 * lower case ("etc"), which saves work on the words most often asked about
 * (the word before each period): a word starting with a capital matches as
 * written only an entry equal to its capitalised form, so that form is
 * searched alone, and only when a capitalised entry of its length starts
 * with its letter ("Syria." is not searched); a word starting with a
 * lower-case letter is searched only when a lower-case entry of its length
 * starts with that letter ("said." is not), and so is the lower-case form
 * of a capitalised word; a word starting with anything else matches no
 * entry. tests/unit/test_sentence.c compares this with the
 * three searches on every case form of every entry and on random words.
 */
static const abbrev *abbrev_lookup(const char *w, size_t n)
{
    if (n == 0 || n > ABBREV_MAX) return NULL;
    unsigned c0 = (unsigned char)w[0];
    if (c0 - 'a' < 26u) return (LOW_LENS[c0 - 'a'] >> n) & 1u ? abbrev_find(w, n) : NULL;
    if (c0 - 'A' >= 26u) return NULL;
    unsigned cap = (CAP_LENS[c0 - 'A'] >> n) & 1u, low = (LOW_LENS[c0 - 'A'] >> n) & 1u;
    if (!(cap | low)) return NULL;
    char t[ABBREV_MAX];
    t[0] = w[0];
    for (size_t i = 1; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        t[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    const abbrev *e = cap ? abbrev_find(t, n) : NULL;
    if (e || !low) return e;
    t[0] = (char)(t[0] | 0x20);
    return abbrev_find(t, n);
}

int vg_is_abbrev(const char *w, size_t n)
{
    return abbrev_lookup(w, n) != NULL;
}

int vg_is_title_abbrev(const char *w, size_t n)
{
    const abbrev *e = abbrev_lookup(w, n);
    return e && e->title;
}

/* ---------------------------------------------------------------- splitting */

/* Bytes at which a sentence may end: . ? ! newline, and 0xE2 (the lead byte
 * of U+2026 "…", also of the curly quotes, which are checked afterwards). */
#if !defined(__SSE2__)
static const unsigned char stop_byte[256] = {
    ['\n'] = 1, ['.'] = 1, ['?'] = 1, ['!'] = 1, [0xE2] = 1,
};
#endif

/* The first index from i with a stop byte, or len: sixteen bytes at a
 * time with SSE2 (scan.h). Elsewhere eight bytes at a time while none of
 * them is one (the classic "has a zero byte" test on the word XORed with
 * each stop byte), then byte by byte. */
static size_t next_stop(const unsigned char *s, size_t i, size_t len)
{
#if defined(__SSE2__)
    return vg_find_any5(s, i, len, '\n', '.', '?', '!', 0xE2);
#else
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (len - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t a = w ^ ('\n' * ones), b = w ^ ('.' * ones), c = w ^ ('?' * ones);
        uint64_t d = w ^ ('!' * ones), e = w ^ (0xE2 * ones);
        uint64_t t = ((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c) | ((d - ones) & ~d) |
                     ((e - ones) & ~e);
        if (t & highs) break;
        i += 8;
    }
    while (i < len && !stop_byte[s[i]]) i++;
    return i;
#endif
}

/* Sentence-level white space: ASCII spaces and every control byte, so a
 * stray NUL or form feed never sticks to a sentence. */
static int is_space(unsigned char c)
{
    return c <= 0x20 || c == 0x7F;
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(unsigned char c)
{
    return is_upper(c) || is_lower(c) || is_digit(c);
}

/* Length of the UTF-8 ellipsis, right or left curly quote or guillemet
 * at s[i], or 0. Asked about every byte around a stop: nearly all are
 * ASCII, answered by the first test where the call is made (inline). */
static inline size_t curly(const unsigned char *s, size_t len, size_t i, int which)
{
    if (i >= len || s[i] < 0xC2) return 0;
    if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80) {
        unsigned c = s[i + 2];
        if (which == '.' && c == 0xA6) return 3;                /* … */
        if (which == ')' && (c == 0x99 || c == 0x9D)) return 3; /* ’ ” */
        if (which == '(' && (c == 0x98 || c == 0x9C)) return 3; /* ‘ “ */
    }
    if (i + 1 < len && s[i] == 0xC2) {
        if (which == ')' && s[i + 1] == 0xBB) return 2; /* » */
        if (which == '(' && s[i + 1] == 0xAB) return 2; /* « */
    }
    return 0;
}

/* What the text after a candidate boundary starts with, once opening
 * quotes and brackets are skipped. */
enum { NX_UPPER, NX_LOWER, NX_DIGIT, NX_OTHER };

static int next_start(const unsigned char *s, size_t len, size_t k)
{
    size_t q;
    while (k < len) {
        if (s[k] == '"' || s[k] == '\'' || s[k] == '(' || s[k] == '[')
            k++;
        else if ((q = curly(s, len, k, '(')) != 0)
            k += q;
        else
            break;
    }
    if (k >= len) return NX_OTHER;
    unsigned char c = s[k];
    if (is_upper(c)) return NX_UPPER;
    if (is_lower(c)) return NX_LOWER;
    if (is_digit(c)) return NX_DIGIT;
    if (c >= 0xC0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate(s + k, (utf8proc_ssize_t)(len - k), &cp);
        if (r > 0) {
            if (utf8proc_isupper(cp)) return NX_UPPER;
            if (utf8proc_islower(cp)) return NX_LOWER;
        }
    }
    return NX_OTHER;
}

/*
 * Words that open sentences in news text and rarely follow an abbreviation
 * inside a name: after "the U.S." or "Acme Inc." a sentence ends only before
 * one of these ("... to the U.S. The talks ..."), never before an ordinary
 * capitalised word ("U.S. President", "Inc. Chief Executive").
 */
/* Side by side, each shorter than ten bytes (is_starter takes words of
 * nine letters at most). */
static const char starters[][10] = {
    "A",    "After", "Also",    "An",        "And",    "As",      "At",    "Before",
    "But",  "For",   "He",      "However",   "I",      "If",      "In",    "It",
    "Its",  "Later", "Many",    "Meanwhile", "On",     "Our",     "She",   "Since",
    "So",   "Some",  "That",    "The",       "Their",  "There",   "These", "They",
    "This", "Those", "We",      "What",      "When",   "While",   "Why",   "Yet",
    "His",  "Her",   "Earlier", "Although",  "During", "Despite", "Still", "Now",
};

static int is_starter(const unsigned char *s, size_t len, size_t k)
{
    size_t e = k;
    while (e < len && is_alnum(s[e])) e++;
    if (e == k || e - k > 9 || (e < len && s[e] >= 0x80)) return 0;
    for (size_t i = 0; i < sizeof starters / sizeof starters[0]; i++) {
        const char *w = starters[i];
        /* The first letter first: most entries differ there (no strlen).
         * The entries lie side by side, so that is one load an entry. */
        if ((unsigned char)w[0] == s[k] && strlen(w) == e - k && memcmp(w, s + k, e - k) == 0)
            return 1;
    }
    return 0;
}

/* The kind of word that stands right before a period. */
enum { WB_PLAIN, WB_TITLE, WB_ABBREV };

/*
 * Classifies the word ending just before the period at s[p]: a title
 * ("Gen"), another abbreviation ("Inc", "Jan"), a dotted acronym ("U.S",
 * "e.g"), a capital initial ("F" in "John F. Kennedy"; not "I", nor a
 * capital after a lower-case word, as in "posted on X.", unless another
 * initial follows, as in "by J. K. Rowling"), or a
 * plain word. Only the last 16 bytes are examined: no abbreviation is
 * longer, so the work per period is bounded.
 */
static int word_before(const unsigned char *s, size_t start, size_t p, int next_initial)
{
    size_t a = vg_back_wordish(s, p - start > 16 ? p - 16 : start, p);
    if (a > start && (is_alnum(s[a - 1]) || s[a - 1] == '.'))
        return WB_PLAIN; /* longer than any abbreviation */
    size_t n = p - a;
    if (n == 0) return WB_PLAIN;
    if (n == 1) {
        if (!is_upper(s[a]) || s[a] == 'I') return WB_PLAIN;
        /* An initial follows a name or starts one ("John F.", "J. Smith");
         * after a lower-case word it is a letter ending a sentence ("on X."). */
        size_t b = a;
        while (b > start && s[b - 1] == ' ') b--;
        while (b > start && a - b < 32 && (is_upper(s[b - 1]) || is_lower(s[b - 1]))) b--;
        return b < a && is_lower(s[b]) && !next_initial ? WB_PLAIN : WB_ABBREV;
    }
    if (memchr(s + a, '.', n)) {
        /* A dotted acronym alternates single letters and periods: U.S, U.N, e.g, a.m. */
        if (n % 2 == 0) return WB_PLAIN;
        for (size_t i = 0; i < n; i++) {
            int letter = is_upper(s[a + i]) || is_lower(s[a + i]);
            if (i % 2 == 0 ? !letter : s[a + i] != '.') return WB_PLAIN;
        }
        return WB_ABBREV;
    }
    const abbrev *e = abbrev_lookup((const char *)s + a, n);
    if (!e) return WB_PLAIN;
    return e->title ? WB_TITLE : WB_ABBREV;
}

/*
 * Decides whether the sentence that began at `start` ends at the terminal
 * mark s[i] (. ? ! or …). *resume receives the position just past the run
 * of terminal marks, where scanning goes on. Returns the end of the
 * sentence — past the terminal marks and any closing quotes or brackets —
 * or 0 if the sentence goes on.
 */
static size_t at_terminal(const unsigned char *s, size_t len, size_t start, size_t i,
                          size_t *resume)
{
    size_t j = i, q;
    unsigned periods = 0, marks = 0, ellipsis = 0;
    for (;;) {
        if (j < len && s[j] == '.')
            periods++, j++;
        else if (j < len && (s[j] == '?' || s[j] == '!'))
            marks++, j++;
        else if ((q = curly(s, len, j, '.')) != 0)
            ellipsis++, j += q;
        else
            break;
    }
    *resume = j;
    if (j == i) return 0; /* a 0xE2 that is not "…" */
    if (periods >= 2) ellipsis++;
    while (j < len) {
        if (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']' || s[j] == '}')
            j++;
        else if ((q = curly(s, len, j, ')')) != 0)
            j += q;
        else
            break;
    }
    size_t end = j;
    if (j == len) return end;
    if (!is_space(s[j])) return 0; /* "3.5", "U.S.-led", "voanews.com" */
    size_t k = j;
    unsigned newlines = 0;
    while (k < len && is_space(s[k])) newlines += s[k++] == '\n';
    if (k == len || newlines >= 2) return end;
    int next = next_start(s, len, k);
    if (marks) return next == NX_LOWER ? 0 : end;
    if (ellipsis) return next == NX_UPPER ? end : 0;
    int next_initial = k + 1 < len && is_upper(s[k]) && s[k + 1] == '.';
    switch (word_before(s, start, i, next_initial)) {
    case WB_TITLE:
        return 0;
    case WB_ABBREV:
        /* A closing quote after "U.S." shows the sentence is over. */
        if (end > *resume && next == NX_UPPER) return end;
        return is_starter(s, len, k) ? end : 0;
    default:
        return next == NX_LOWER ? 0 : end;
    }
}

/* A line shorter than this that makes up a whole sentence by itself and
 * ends without punctuation is taken for a heading. */
#define HEADING_MAX 60

/*
 * Decides whether the single line break at s[nl] ends the sentence begun
 * at `start` although no terminal mark does. It does when the next line (its
 * first non-space byte at k) starts with a list bullet, or when the line
 * that ends here is short, holds the whole sentence, does not end in
 * punctuation that continues a sentence, and the next line starts with a
 * capital or a digit: a heading or a dateline above a paragraph. A line
 * broken by hard wrapping goes on, as it should.
 */
static int line_ends_sentence(const unsigned char *s, size_t len, size_t start, size_t line,
                              size_t nl, size_t k)
{
    if (k >= len) return 0;
    if ((s[k] == '-' || s[k] == '*') && k + 1 < len && s[k + 1] == ' ') return 1;
    if (k + 2 < len && s[k] == 0xE2 && s[k + 1] == 0x80 && s[k + 2] == 0xA2) return 1; /* • */
    while (start < nl && is_space(s[start])) start++;
    while (line < nl && is_space(s[line])) line++;
    size_t e = nl;
    while (e > line && is_space(s[e - 1])) e--;
    if (start != line || e == line || e - line >= HEADING_MAX) return 0;
    unsigned char last = s[e - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '-' || last == '(' ||
        last == '&' || last == '/')
        return 0;
    /* A heading seldom ends in a word that needs a continuation. */
    size_t w = e;
    while (w > line && (is_lower(s[w - 1]))) w--;
    if (w < e && (w == line || !is_alnum(s[w - 1])) && e - w <= 4) {
        static const char *const joiners[] = {"a",    "an",   "and", "as", "at",  "by",
                                              "for",  "from", "in",  "of", "on",  "or",
                                              "than", "that", "the", "to", "with"};
        for (size_t j = 0; j < sizeof joiners / sizeof joiners[0]; j++)
            if (strlen(joiners[j]) == e - w && memcmp(joiners[j], s + w, e - w) == 0) return 0;
    }
    int next = next_start(s, len, k);
    return next == NX_UPPER || next == NX_DIGIT;
}

/*
 * 1 if s[a, b) holds a letter or digit. Non-ASCII lead bytes count, except
 * 0xC2 (Latin-1 punctuation) and 0xE2 (U+2000-U+2FFF: punctuation and
 * symbols such as "…" and "—"), so a lone "…" or "* * *" has none.
 */
static int has_word(const unsigned char *s, size_t a, size_t b)
{
    for (; a < b; a++)
        if (is_alnum(s[a]) || (s[a] >= 0xC3 && s[a] != 0xE2)) return 1;
    return 0;
}

/*
 * Appends text[a, b) without surrounding white space, cut into pieces of at
 * most VG_MAX_SENTENCE_BYTES: a longer sentence is cut at the last white
 * space within the limit, or, if it has none, at the limit itself moved
 * back to the start of a UTF-8 character. A piece without any letter or
 * digit (an ellipsis marking an omission between two sentences, a row of
 * asterisks) is not a sentence and is left out.
 */
static void emit(const unsigned char *s, size_t a, size_t b, vigil_span **v, size_t *n, size_t *cap)
{
    for (;;) {
        while (a < b && is_space(s[a])) a++;
        while (b > a && is_space(s[b - 1])) b--;
        if (a == b) return;
        size_t cut = b;
        if (b - a > VG_MAX_SENTENCE_BYTES) {
            cut = a + VG_MAX_SENTENCE_BYTES;
            while (cut > a && !is_space(s[cut])) cut--;
            if (cut == a) {
                cut = a + VG_MAX_SENTENCE_BYTES;
                while (cut > a + 1 && (s[cut] & 0xC0) == 0x80) cut--;
            }
        }
        size_t e = cut;
        while (e > a && is_space(s[e - 1])) e--;
        if (has_word(s, a, e)) {
            vigil_span sp = {(uint32_t)a, (uint32_t)e};
            VG_PUSH(*v, *n, *cap, sp);
        }
        if (cut == b) return;
        a = cut;
    }
}

size_t vg_split_sentences(const char *text, size_t len, vigil_span **v, size_t *n, size_t *cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n0 = *n;
    size_t start = 0; /* where the current sentence began (white space trimmed on emit) */
    size_t line = 0;  /* first byte of the current line */
    size_t i = 0;
    assert(len <= UINT32_MAX);
    for (;;) {
        i = next_stop(s, i, len);
        if (i >= len) break;
        if (s[i] == '\n') {
            size_t k = i + 1;
            int blank = 0;
            while (k < len && is_space(s[k])) blank |= s[k++] == '\n';
            if (blank || line_ends_sentence(s, len, start, line, i, k)) {
                emit(s, start, i, v, n, cap);
                start = k;
            }
            /* The line of byte k starts after the last newline before it. */
            line = k;
            while (line > i + 1 && s[line - 1] != '\n') line--;
            i = k;
            continue;
        }
        size_t resume;
        size_t end = at_terminal(s, len, start, i, &resume);
        if (end) {
            emit(s, start, end, v, n, cap);
            start = end;
            i = end;
        } else {
            i = resume > i ? resume : i + 1;
        }
    }
    emit(s, start, len, v, n, cap);
    return *n - n0;
}
