/*
 * tokenize.c — table-driven tokenizer with byte offsets.
 *
 * SQLite's habit: a 256-entry table maps each byte to a class and one loop
 * switches on the class of the byte that starts a token. Words are scanned
 * by an inner loop that also only reads the table, so the ASCII path makes
 * no function call per byte; non-ASCII bytes take a short detour that tells
 * letters from the typographic spaces, quotes and dashes of unnormalised
 * text. Case flags of ASCII words come from counts kept while scanning;
 * utf8proc is asked only about words with non-ASCII letters.
 *
 * Decisions beyond tokenize.h:
 *   - a token made of digits and inner ". , -" only is a NUM ("2024-09-09",
 *     "2-1", "1,000", "3.5", "97.3%"); any letter makes it a WORD ("F-16",
 *     "1990s", "10-year-old"). "," joins digits only before exactly three
 *     digits, so "1,2,3" stays apart;
 *   - the clitics "'re", "'ve", "'ll", "'d", "'m" are split off like "'s"
 *     and are WORD tokens without a flag; "'s" and the bare possessive "'"
 *     are WORD tokens flagged VG_TF_POSS; "n't" is a WORD flagged VG_TF_NEG;
 *   - a "'" after a word not ending in "s" is a QUOTE, as is one before a
 *     word ("'Arnor'"); "'" inside a word that is not a clitic keeps the
 *     word whole ("O'Brien", "d'Ivoire");
 *   - "I." is not an initial (it is the pronoun or a numeral ending a
 *     sentence), nor is a capital after a lower-case word ("posted on X.")
 *     unless another initial follows ("by J. K. Rowling");
 *     other single capitals followed by "." are;
 *   - "_" separates words like a space: text prepared for PETRARCH joins
 *     multiword names with it ("Dol_Amroth"), as the dictionaries do;
 *   - VG_TF_CAP means the first character is an upper-case letter;
 *   - the right single quote U+2019 works as an apostrophe, the other
 *     curly quotes and guillemets are QUOTE tokens, U+2000-U+2BFF
 *     punctuation and symbols are PUNCT, typographic and zero-width spaces
 *     separate tokens; invalid UTF-8 bytes count as letters, so every byte
 *     outside white space ends up in some token.
 */
#include "tokenize.h"

#include "alloc.h"
#include "scan.h"
#include "sentence.h"

#include <string.h>
#include <utf8proc.h>

enum { C_SPACE, C_UPPER, C_LOWER, C_DIGIT, C_HIGH, C_APOS, C_QUOTE, C_PUNCT };

/* Byte classes. Control bytes and DEL count as white space. */
#define S_ C_SPACE
#define U_ C_UPPER
#define L_ C_LOWER
#define D_ C_DIGIT
#define H_ C_HIGH
#define A_ C_APOS
#define Q_ C_QUOTE
#define P_ C_PUNCT
static const unsigned char cls[256] = {
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, /* 0x00 */
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, /* 0x10 */
    S_, P_, Q_, P_, P_, P_, P_, A_, P_, P_, P_, P_, P_, P_, P_, P_, /* 0x20  !"#$%&'()*+,-./ */
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, P_, P_, P_, P_, /* 0x30 0-9 :;<=>? */
    P_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, /* 0x40 @A-O */
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, P_, P_, P_, P_, S_, /* 0x50 P-Z[\]^_ */
    P_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, /* 0x60 `a-o */
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, P_, P_, P_, S_, /* 0x70 p-z{|}~ DEL */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0x80 */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0x90 */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xA0 */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xB0 */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xC0 */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xD0 */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xE0 */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xF0 */
};
#undef S_
#undef U_
#undef L_
#undef D_
#undef H_
#undef A_
#undef Q_
#undef P_

/* What the byte after a run of ASCII letters makes of the word, for the
 * fast path of vg_tokenize: SK_STOP ends it with nothing more to decide
 * (white space, a quote, punctuation other than the hyphen, which may
 * join "short-range", and the period); SK_SPACE likewise, and the space
 * is passed too; SK_PERIOD may be an abbreviation's, an acronym's or an
 * initial's; SK_MORE (an apostrophe, a hyphen, a digit, a non-ASCII byte)
 * leaves the word to scan_word. The classes are those of cls[]: white
 * space is 0x00-0x20, '_' and DEL; '"' is a quote; the other ASCII bytes
 * that are no letter or digit are punctuation, except the apostrophe. */
enum { SK_MORE, SK_STOP, SK_SPACE, SK_PERIOD };
#define SK(c)                                                                                      \
    ((c) == ' '   ? SK_SPACE                                                                       \
     : (c) == '.' ? SK_PERIOD                                                                      \
     : (c) == '\'' || (c) == '-' || ((c) >= '0' && (c) <= '9') || ((c) >= 'A' && (c) <= 'Z') ||    \
             ((c) >= 'a' && (c) <= 'z') || (c) >= 0x80                                             \
         ? SK_MORE                                                                                 \
         : SK_STOP)
#define SK4(c) SK(c), SK((c) + 1), SK((c) + 2), SK((c) + 3)
#define SK16(c) SK4(c), SK4((c) + 4), SK4((c) + 8), SK4((c) + 12)
#define SK64(c) SK16(c), SK16((c) + 16), SK16((c) + 32), SK16((c) + 48)
static const unsigned char stop_kind[256] = {SK64(0), SK64(64), SK64(128), SK64(192)};
#undef SK
#undef SK4
#undef SK16
#undef SK64

/* What a non-ASCII character is, for tokenizing. */
enum { HK_LETTER, HK_SPACE, HK_PUNCT, HK_QUOTE, HK_APOS };

/*
 * Classifies the non-ASCII character at s[i] and stores its byte length in
 * *len. A byte that does not start a complete sequence is a one-byte
 * "letter": the tokenizer never reads past `end` and never drops a byte.
 * Only a few blocks are told apart: Latin-1 punctuation, U+2000-U+2BFF
 * (general punctuation, currency, arrows, mathematical and other symbols),
 * the ideographic space and comma/full stop, and the byte order mark;
 * everything else counts as a letter.
 */
static int high_kind(const unsigned char *s, uint32_t i, uint32_t end, uint32_t *len)
{
    unsigned c = s[i];
    uint32_t want = c >= 0xF5 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
    for (uint32_t k = 1; k < want; k++) {
        if (i + k >= end || (s[i + k] & 0xC0) != 0x80) {
            want = 1;
            break;
        }
    }
    *len = want;
    if (want == 1) return HK_LETTER;
    unsigned c1 = s[i + 1];
    if (c == 0xC2) {
        if (c1 <= 0xA0 || c1 == 0xAD) return HK_SPACE; /* C1 controls, NBSP, soft hyphen */
        if (c1 == 0xAB || c1 == 0xBB) return HK_QUOTE; /* « » */
        if (c1 == 0xAA || c1 == 0xB5 || c1 == 0xBA) return HK_LETTER;
        return HK_PUNCT;
    }
    if (c == 0xC3) return c1 == 0x97 || c1 == 0xB7 ? HK_PUNCT : HK_LETTER; /* × ÷ */
    if (want != 3) return HK_LETTER;
    unsigned cp = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
    if (cp >= 0x2000 && cp <= 0x2BFF) {
        if (cp <= 0x200F || (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F))
            return HK_SPACE;
        if (cp == 0x2019) return HK_APOS;
        if ((cp >= 0x2018 && cp <= 0x201F) || cp == 0x2039 || cp == 0x203A) return HK_QUOTE;
        return HK_PUNCT;
    }
    if (cp == 0x3000 || cp == 0xFEFF) return HK_SPACE;
    if (cp == 0x3001 || cp == 0x3002) return HK_PUNCT;
    return HK_LETTER;
}

/* 1 if a word character (letter or digit, ASCII or not) starts at s[i]. */
static inline int wordish(const unsigned char *s, uint32_t i, uint32_t end)
{
    if (i >= end) return 0;
    unsigned k = cls[s[i]];
    if (k == C_UPPER || k == C_LOWER || k == C_DIGIT) return 1;
    uint32_t len;
    return k == C_HIGH && high_kind(s, i, end, &len) == HK_LETTER;
}

static inline int ascii_letter(unsigned char c)
{
    return cls[c] == C_UPPER || cls[c] == C_LOWER;
}

/*
 * If the letters from s[k] up to the next non-word character are a clitic
 * that follows an apostrophe ("s", "re", "ve", "ll", "d", "m", any case),
 * returns their length, else 0.
 */
static uint32_t clitic_len(const unsigned char *s, uint32_t k, uint32_t end)
{
    uint32_t m = k;
    while (m < end && m - k < 3 && ascii_letter(s[m])) m++;
    if (m == k || wordish(s, m, end)) return 0;
    unsigned a = s[k] | 0x20u, b = m - k == 2 ? s[k + 1] | 0x20u : 0;
    if (m - k == 1) return a == 's' || a == 'd' || a == 'm';
    if (m - k == 2)
        return ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) ? 2 : 0;
    return 0;
}

static void push(vg_token **v, size_t *n, size_t *cap, uint32_t a, uint32_t b, int kind,
                 unsigned flags)
{
    vg_token t = {a, b, (uint8_t)kind, (uint8_t)flags};
    VG_PUSH(*v, *n, *cap, t);
}

/*
 * Case flags of the word s[a, b). ASCII words use the counts the scanner
 * kept; a word with non-ASCII letters is decoded with utf8proc, counting
 * as letters the code points of categories Lu, Ll, Lt, Lm and Lo.
 */
static inline unsigned ascii_case_flags(const unsigned char *s, uint32_t a, unsigned nup,
                                        unsigned nlow)
{
    unsigned f = 0;
    if (cls[s[a]] == C_UPPER) f |= VG_TF_CAP;
    if (nup >= 2 && nlow == 0) f |= VG_TF_UPPER;
    return f;
}

static unsigned case_flags(const unsigned char *s, uint32_t a, uint32_t b, unsigned nup,
                           unsigned nlow, unsigned nhigh)
{
    unsigned f = 0;
    if (nhigh == 0) return ascii_case_flags(s, a, nup, nlow);
    unsigned letters = 0, upper = 0;
    for (uint32_t i = a; i < b;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(b - i), &cp);
        int up = 0;
        if (k <= 0) {
            k = 1; /* an invalid byte is not a letter */
        } else {
            utf8proc_category_t cat = utf8proc_category(cp);
            up = utf8proc_isupper(cp);
            if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) letters++;
            upper += (unsigned)up;
        }
        if (i == a && up) f |= VG_TF_CAP;
        i += (uint32_t)k;
    }
    if (letters >= 2 && upper == letters) f |= VG_TF_UPPER;
    return f;
}

/*
 * Scans a dotted acronym at s[i] — single ASCII letters joined by periods,
 * "U.S.", "U.N.", "e.g.", "a.m.", with or without the final period — and
 * returns its end, or i if there is none.
 */
static uint32_t scan_acronym(const unsigned char *s, uint32_t i, uint32_t end, unsigned *nup,
                             unsigned *nlow)
{
    if (!(i + 2 < end && s[i + 1] == '.' && ascii_letter(s[i + 2]) && !wordish(s, i + 3, end)))
        return i;
    uint32_t j = i + 3;
    while (j + 1 < end && s[j] == '.' && ascii_letter(s[j + 1]) && !wordish(s, j + 2, end)) j += 2;
    if (j < end && s[j] == '.') j++;
    for (uint32_t k = i; k < j; k += 2) {
        if (cls[s[k]] == C_UPPER)
            ++*nup;
        else
            ++*nlow;
    }
    return j;
}

/* 1 if the last token of this call is a word starting in lower case: a
 * capital letter after it is no initial ("posted on X."). */
static int after_lower(const vg_token *v, size_t n, size_t n0)
{
    return n > n0 && v[n - 1].kind == VG_TOK_WORD && !(v[n - 1].flags & VG_TF_CAP);
}

/*
 * Scans the word or number that starts at s[i] (a letter or digit), appends
 * it, and returns where the next token starts. See the file comment for
 * what joins a word and what splits it. Tokens before index n0 belong to
 * an earlier call.
 */
static uint32_t scan_word(const unsigned char *s, uint32_t i, uint32_t end, vg_token **v, size_t *n,
                          size_t *cap, size_t n0)
{
    unsigned nup = 0, nlow = 0, ndigit = 0, nhigh = 0, inner = 0;
    uint32_t j, len;

    if (ascii_letter(s[i]) && (j = scan_acronym(s, i, end, &nup, &nlow)) != i) {
        push(v, n, cap, i, j, VG_TOK_WORD, VG_TF_ABBR | case_flags(s, i, j, nup, nlow, 0));
        return j;
    }
    for (j = i; j < end;) {
        unsigned char c = s[j];
        uint32_t alen = 0;
        switch (cls[c]) {
        case C_UPPER:
            nup++, j++;
            continue;
        case C_LOWER: {
            /* Most of a word is a run of lower-case letters: one dispatch
             * for the run. */
            uint32_t k = j + 1;
            while (k < end && cls[s[k]] == C_LOWER) k++;
            nlow += k - j, j = k;
            continue;
        }
        case C_DIGIT:
            ndigit++, j++;
            continue;
        case C_HIGH: {
            int k = high_kind(s, j, end, &len);
            if (k == HK_LETTER) {
                nhigh++, j += len;
                continue;
            }
            if (k == HK_APOS) alen = len;
            break;
        }
        case C_APOS:
            alen = 1;
            break;
        case C_PUNCT:
            /* An inner hyphen joins word characters, never a "--" dash. */
            if (c == '-' && s[j - 1] != '-' && j + 1 < end && s[j + 1] != '-' &&
                wordish(s, j + 1, end)) {
                inner = 1, j++;
                continue;
            }
            /* Inside numbers: "3.5", and "1,000" before exactly three digits. */
            if (nup + nlow + nhigh == 0 && cls[s[j - 1]] == C_DIGIT && j + 1 < end &&
                cls[s[j + 1]] == C_DIGIT) {
                if (c == '.') {
                    j++;
                    continue;
                }
                if (c == ',' && j + 3 < end && cls[s[j + 2]] == C_DIGIT &&
                    cls[s[j + 3]] == C_DIGIT && (j + 4 >= end || cls[s[j + 4]] != C_DIGIT)) {
                    j++;
                    continue;
                }
            }
            break;
        default:
            break;
        }
        if (!alen) break;
        /* "don't" -> "do" + "n't": the n belongs to the negation. */
        if (j > i && (s[j - 1] | 0x20) == 'n' && j + alen < end && (s[j + alen] | 0x20) == 't' &&
            !wordish(s, j + alen + 1, end)) {
            if (s[j - 1] == 'N')
                nup--;
            else
                nlow--;
            if (j - 1 > i)
                push(v, n, cap, i, j - 1, VG_TOK_WORD, case_flags(s, i, j - 1, nup, nlow, nhigh));
            push(v, n, cap, j - 1, j + alen + 1, VG_TOK_WORD, VG_TF_NEG);
            return j + alen + 1;
        }
        /* "O'Brien" stays whole; before a clitic or a non-letter the word ends. */
        if (wordish(s, j + alen, end) && !clitic_len(s, j + alen, end)) {
            inner = 1, j += alen;
            continue;
        }
        break;
    }

    int kind = nup + nlow + nhigh == 0 ? VG_TOK_NUM : VG_TOK_WORD;
    unsigned flags =
        nhigh == 0 ? ascii_case_flags(s, i, nup, nlow) : case_flags(s, i, j, nup, nlow, nhigh);
    if (kind == VG_TOK_NUM) {
        if (j < end && s[j] == '%') j++;
    } else if (j < end && s[j] == '.' && !inner && ndigit == 0 && nhigh == 0) {
        /* Keep the period of an initial ("J.") or a known abbreviation ("Gen."). */
        int initial = j - i == 1 && cls[s[i]] == C_UPPER && s[i] != 'I';
        /* Asked only here: the tokens of this call are v[n0, *n). */
        if (initial && after_lower(*v, *n, n0)) {
            uint32_t k = j + 1;
            while (k < end && s[k] == ' ') k++;
            initial = k + 1 < end && cls[s[k]] == C_UPPER && s[k + 1] == '.';
        }
        if (initial || vg_is_abbrev((const char *)s + i, j - i)) {
            j++;
            flags |= VG_TF_ABBR;
        }
    }
    push(v, n, cap, i, j, kind, flags);
    return j;
}

/*
 * A token that starts with an apostrophe (alen bytes) at s[i]. Right after
 * a word or number it is a clitic ("'s", "'re") or, after a word ending in
 * "s", the possessive "'"; otherwise it is a quote mark. Tokens before
 * index n0 belong to an earlier call and are not looked at.
 */
static uint32_t scan_apos(const unsigned char *s, uint32_t i, uint32_t alen, uint32_t end,
                          vg_token **v, size_t *n, size_t *cap, size_t n0)
{
    if (*n > n0) {
        const vg_token *p = &(*v)[*n - 1];
        if (p->end == i && (p->kind == VG_TOK_WORD || p->kind == VG_TOK_NUM) &&
            !(p->flags & (VG_TF_POSS | VG_TF_NEG))) {
            uint32_t m = clitic_len(s, i + alen, end);
            if (m) {
                int poss = m == 1 && (s[i + alen] | 0x20) == 's';
                push(v, n, cap, i, i + alen + m, VG_TOK_WORD, poss ? VG_TF_POSS : 0);
                return i + alen + m;
            }
            if (!wordish(s, i + alen, end) && (s[p->end - 1] | 0x20) == 's' &&
                !(p->flags & VG_TF_ABBR)) {
                push(v, n, cap, i, i + alen, VG_TOK_WORD, VG_TF_POSS);
                return i + alen;
            }
        }
    }
    uint32_t j = i + alen;
    if (alen == 1)
        while (j < end && s[j] == '\'') j++;
    push(v, n, cap, i, j, VG_TOK_QUOTE, 0);
    return j;
}

/* Bytes tokenized between two reservations of room for tokens. */
#define TOK_ROUND 4096u

size_t vg_tokenize(const char *text, uint32_t start, uint32_t end, vg_token **v, size_t *n,
                   size_t *cap)
{
    return vg_tokenize_in(text, end, start, end, v, n, cap);
}

size_t vg_tokenize_in(const char *text, size_t text_len, uint32_t start, uint32_t end, vg_token **v,
                      size_t *n, size_t *cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n0 = *n;
    uint32_t i = start, j, len;
#if defined(__SSE2__)
    /* A word from i is read sixteen bytes at a time when i < load16 (the
     * bytes [i, i + 16) are in the text): one comparison a word. */
    size_t load16 = text_len >= 16 ? text_len - 15 : 0;
#endif
    while (i < end) {
        /* Room for every token of the next stretch at once, so the common
         * tokens below are stored without a capacity test, into an array
         * and a count held in locals. Tokens are disjoint and not empty,
         * so those that start in [i, lim) are at most lim - i, and the
         * step that passes lim adds at most two ("do" + "n't"). The
         * helpers push through v and n as before (they never need to grow
         * the array): the count is handed over around their calls. */
        uint32_t lim = end - i > TOK_ROUND ? i + TOK_ROUND : end;
        if (*cap - *n < (size_t)(lim - i) + 2)
            vg_grow((void **)v, cap, *n + (lim - i) + 2, sizeof **v);
        vg_token *tv = *v;
        size_t tn = *n;
#define PUT(a, b, k, f)                                                                            \
    (tv[tn].start = (a), tv[tn].end = (b), tv[tn].kind = (uint8_t)(k),                             \
     tv[tn].flags = (uint8_t)(f), tn++)
/* The helpers' tokens are followed by a space as often as the words of
 * the fast path: it is passed at once, as the C_SPACE case would. */
#define HELPER(call) (*n = tn, i = (call), tv = *v, tn = *n, i += i < end && s[i] == ' ')
        while (i < lim) {
            unsigned char c = s[i];
            switch (cls[c]) {
            case C_SPACE:
                i++;
                break;
            case C_UPPER:
            case C_LOWER: {
                /* The class of the word's first letter. */
                unsigned ck = cls[c];
                /* Most tokens are ASCII letters ended by a space or by
                 * punctuation that cannot join a word: such a word is the
                 * letters, with case flags from the first letter and
                 * whether any letter is lower case. Anything else (an
                 * apostrophe, a hyphen, a period, a digit, a non-ASCII
                 * byte after the letters) is scan_word's, which starts
                 * again from i. The letters are found sixteen at a time
                 * (scan.h). */
                /* One word a turn; scan_word's words leave the loop. */
                for (;;) {
                    unsigned lower = 0;
#if defined(__SSE2__)
                    /* The sixteen bytes from the first letter, read as far
                     * as the text goes (a sentence ends before white space,
                     * so its last word is found by the same load as any
                     * other: the end is applied to the result). Whether a
                     * letter after the first is lower case matters only
                     * when the first is a capital. */
                    if (i < load16) {
                        __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
                        unsigned stop = ~vg_scan_mask_letters(bytes) & 0xFFFFu;
                        if (stop) {
                            j = i + vg_scan_ctz(stop);
                            if (j > end) j = end;
                            if (ck == C_UPPER)
                                lower = (vg_scan_mask_lower(bytes) & ((1u << (j - i)) - 1u)) != 0;
                        } else {
                            j = (uint32_t)vg_skip_letters(s, i + 1, end, &lower);
                        }
                    } else {
                        j = (uint32_t)vg_skip_letters(s, i + 1, end, &lower);
                    }
#else
                    j = (uint32_t)vg_skip_letters(s, i + 1, end, &lower);
#endif
                    unsigned sk = j < end ? stop_kind[s[j]] : SK_STOP;
                    /* Two letters or more before a period: the word keeps the
                     * period when it is a known abbreviation ("Gen.", "Inc."),
                     * as scan_word decides; no acronym or initial is possible. */
                    /* Before a clitic ("Iran's", "they're") scan_word ends the
                     * word at the apostrophe too (it is no "n't", which needs
                     * a 't'; two letters are no acronym), and the apostrophe
                     * with the clitic is scan_apos's token, made below. */
                    uint32_t clit = 0;
                    if (sk == SK_MORE) {
                        if (s[j] == '\'' && j - i >= 2) clit = clitic_len(s, j + 1, end);
                        if (!clit) {
                            HELPER(scan_word(s, i, end, v, n, cap, n0));
                            break;
                        }
                    }
                    if (sk == SK_PERIOD && j - i < 2) {
                        HELPER(scan_word(s, i, end, v, n, cap, n0));
                        break;
                    }
                    unsigned f = 0;
                    if (ck == C_UPPER) {
                        f = VG_TF_CAP;
                        if (j - i >= 2 && !lower) f |= VG_TF_UPPER;
                    }
                    if (sk == SK_PERIOD && vg_is_abbrev((const char *)s + i, j - i)) {
                        j++;
                        f |= VG_TF_ABBR;
                    }
                    PUT(i, j, VG_TOK_WORD, f);
                    if (clit) {
                        /* The clitic, as scan_apos makes it after a word
                         * without VG_TF_POSS or VG_TF_NEG that ends at the
                         * apostrophe ("'s" is possessive), and the space
                         * after it, as HELPER passes it. The two tokens
                         * are the step's "at most two" past lim. */
                        int poss = clit == 1 && (s[j + 1] | 0x20) == 's';
                        PUT(j, j + 1 + clit, VG_TOK_WORD, poss ? VG_TF_POSS : 0);
                        i = j + 1 + clit;
                        i += i < end && s[i] == ' ';
                        break;
                    }
                    /* The space after the word, as the C_SPACE case would. */
                    i = sk == SK_SPACE ? j + 1 : j;
                    /* A letter after that space starts the next word:
                     * its step follows at once, without the dispatch. */
                    if (sk != SK_SPACE || i >= lim) break;
                    c = s[i];
                    ck = cls[c];
                    if (ck != C_UPPER && ck != C_LOWER) break;
                }
                break;
            }
            case C_DIGIT:
                /* Digits ended by a space or by punctuation that joins no
                 * number (not "." "," "-" "%", which scan_word looks at)
                 * are a NUM without flags, as scan_word makes them. */
                for (j = i + 1; j < end && cls[s[j]] == C_DIGIT;) j++;
                if (j == end || (cls[s[j]] == C_SPACE && s[j] != '_') ||
                    (cls[s[j]] == C_PUNCT && s[j] != '.' && s[j] != ',' && s[j] != '-' &&
                     s[j] != '%') ||
                    cls[s[j]] == C_QUOTE) {
                    PUT(i, j, VG_TOK_NUM, 0);
                    i = j;
                    break;
                }
                HELPER(scan_word(s, i, end, v, n, cap, n0));
                break;
            case C_APOS:
                HELPER(scan_apos(s, i, 1, end, v, n, cap, n0));
                break;
            case C_QUOTE:
            case C_PUNCT:
                /* A run of one character is one token: "--", "...", "!!". */
                for (j = i + 1; j < end && s[j] == c;) j++;
                PUT(i, j, cls[c] == C_QUOTE ? VG_TOK_QUOTE : VG_TOK_PUNCT, 0);
                /* The space after ", " and ". " too, as after a word. */
                i = j + (j < end && s[j] == ' ');
                break;
            default: /* C_HIGH */
                switch (high_kind(s, i, end, &len)) {
                case HK_LETTER:
                    HELPER(scan_word(s, i, end, v, n, cap, n0));
                    break;
                case HK_SPACE:
                    i += len;
                    break;
                case HK_APOS:
                    HELPER(scan_apos(s, i, len, end, v, n, cap, n0));
                    break;
                case HK_QUOTE:
                    PUT(i, i + len, VG_TOK_QUOTE, 0);
                    i += len;
                    break;
                default: /* HK_PUNCT: a run of one character, as in ASCII */
                    for (j = i + len; j + len <= end && memcmp(s + j, s + i, len) == 0;) j += len;
                    PUT(i, j, VG_TOK_PUNCT, 0);
                    i = j;
                    break;
                }
                break;
            }
        }
#undef PUT
#undef HELPER
        *n = tn;
    }
    return *n - n0;
}
