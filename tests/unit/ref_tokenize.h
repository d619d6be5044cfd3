/*
 * ref_tokenize.h — the tokenizer as it was before its fast paths (commit
 * fca61eb), kept as the simple version the faster src/tokenize.c is
 * compared with (test_tokenize.c: random and edge-case inputs, token by
 * token). Its file-local names are prefixed ref_ so it can sit beside the
 * library; do not change it when tokenize.c changes its rules on purpose:
 * change the rule here too, by the same edit.
 */
#ifndef VG_REF_TOKENIZE_H
#define VG_REF_TOKENIZE_H
#include "tokenize.h"

#include "alloc.h"
#include "sentence.h"

#include <string.h>
#include <utf8proc.h>

enum { RC_SPACE, RC_UPPER, RC_LOWER, RC_DIGIT, RC_HIGH, RC_APOS, RC_QUOTE, RC_PUNCT };

/* Byte classes. Control bytes and DEL count as white space. */
#define S_ RC_SPACE
#define U_ RC_UPPER
#define L_ RC_LOWER
#define D_ RC_DIGIT
#define H_ RC_HIGH
#define A_ RC_APOS
#define Q_ RC_QUOTE
#define P_ RC_PUNCT
static const unsigned char ref_cls[256] = {
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

/* What a non-ASCII character is, for tokenizing. */
enum { RHK_LETTER, RHK_SPACE, RHK_PUNCT, RHK_QUOTE, RHK_APOS };

/*
 * Classifies the non-ASCII character at s[i] and stores its byte length in
 * *len. A byte that does not start a complete sequence is a one-byte
 * "letter": the tokenizer never reads past `end` and never drops a byte.
 * Only a few blocks are told apart: Latin-1 punctuation, U+2000-U+2BFF
 * (general punctuation, currency, arrows, mathematical and other symbols),
 * the ideographic space and comma/full stop, and the byte order mark;
 * everything else counts as a letter.
 */
static int ref_high_kind(const unsigned char *s, uint32_t i, uint32_t end, uint32_t *len)
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
    if (want == 1) return RHK_LETTER;
    unsigned c1 = s[i + 1];
    if (c == 0xC2) {
        if (c1 <= 0xA0 || c1 == 0xAD) return RHK_SPACE; /* C1 controls, NBSP, soft hyphen */
        if (c1 == 0xAB || c1 == 0xBB) return RHK_QUOTE; /* « » */
        if (c1 == 0xAA || c1 == 0xB5 || c1 == 0xBA) return RHK_LETTER;
        return RHK_PUNCT;
    }
    if (c == 0xC3) return c1 == 0x97 || c1 == 0xB7 ? RHK_PUNCT : RHK_LETTER; /* × ÷ */
    if (want != 3) return RHK_LETTER;
    unsigned cp = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
    if (cp >= 0x2000 && cp <= 0x2BFF) {
        if (cp <= 0x200F || (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F))
            return RHK_SPACE;
        if (cp == 0x2019) return RHK_APOS;
        if ((cp >= 0x2018 && cp <= 0x201F) || cp == 0x2039 || cp == 0x203A) return RHK_QUOTE;
        return RHK_PUNCT;
    }
    if (cp == 0x3000 || cp == 0xFEFF) return RHK_SPACE;
    if (cp == 0x3001 || cp == 0x3002) return RHK_PUNCT;
    return RHK_LETTER;
}

/* 1 if a word character (letter or digit, ASCII or not) starts at s[i]. */
static inline int ref_wordish(const unsigned char *s, uint32_t i, uint32_t end)
{
    if (i >= end) return 0;
    unsigned k = ref_cls[s[i]];
    if (k == RC_UPPER || k == RC_LOWER || k == RC_DIGIT) return 1;
    uint32_t len;
    return k == RC_HIGH && ref_high_kind(s, i, end, &len) == RHK_LETTER;
}

static inline int ref_ascii_letter(unsigned char c)
{
    return ref_cls[c] == RC_UPPER || ref_cls[c] == RC_LOWER;
}

/*
 * If the letters from s[k] up to the next non-word character are a clitic
 * that follows an apostrophe ("s", "re", "ve", "ll", "d", "m", any case),
 * returns their length, else 0.
 */
static uint32_t ref_clitic_len(const unsigned char *s, uint32_t k, uint32_t end)
{
    uint32_t m = k;
    while (m < end && m - k < 3 && ref_ascii_letter(s[m])) m++;
    if (m == k || ref_wordish(s, m, end)) return 0;
    unsigned a = s[k] | 0x20u, b = m - k == 2 ? s[k + 1] | 0x20u : 0;
    if (m - k == 1) return a == 's' || a == 'd' || a == 'm';
    if (m - k == 2)
        return ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) ? 2 : 0;
    return 0;
}

static void ref_push(vg_token **v, size_t *n, size_t *cap, uint32_t a, uint32_t b, int kind,
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
static inline unsigned ref_ascii_case_flags(const unsigned char *s, uint32_t a, unsigned nup,
                                            unsigned nlow)
{
    unsigned f = 0;
    if (ref_cls[s[a]] == RC_UPPER) f |= VG_TF_CAP;
    if (nup >= 2 && nlow == 0) f |= VG_TF_UPPER;
    return f;
}

static unsigned ref_case_flags(const unsigned char *s, uint32_t a, uint32_t b, unsigned nup,
                               unsigned nlow, unsigned nhigh)
{
    unsigned f = 0;
    if (nhigh == 0) return ref_ascii_case_flags(s, a, nup, nlow);
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
static uint32_t ref_scan_acronym(const unsigned char *s, uint32_t i, uint32_t end, unsigned *nup,
                                 unsigned *nlow)
{
    if (!(i + 2 < end && s[i + 1] == '.' && ref_ascii_letter(s[i + 2]) &&
          !ref_wordish(s, i + 3, end)))
        return i;
    uint32_t j = i + 3;
    while (j + 1 < end && s[j] == '.' && ref_ascii_letter(s[j + 1]) && !ref_wordish(s, j + 2, end))
        j += 2;
    if (j < end && s[j] == '.') j++;
    for (uint32_t k = i; k < j; k += 2) {
        if (ref_cls[s[k]] == RC_UPPER)
            ++*nup;
        else
            ++*nlow;
    }
    return j;
}

/* 1 if the last token of this call is a word starting in lower case: a
 * capital letter after it is no initial ("posted on X."). */
static int ref_after_lower(const vg_token *v, size_t n, size_t n0)
{
    return n > n0 && v[n - 1].kind == VG_TOK_WORD && !(v[n - 1].flags & VG_TF_CAP);
}

/*
 * Scans the word or number that starts at s[i] (a letter or digit), appends
 * it, and returns where the next token starts. See the file comment for
 * what joins a word and what splits it. Tokens before index n0 belong to
 * an earlier call.
 */
static uint32_t ref_scan_word(const unsigned char *s, uint32_t i, uint32_t end, vg_token **v,
                              size_t *n, size_t *cap, size_t n0)
{
    unsigned nup = 0, nlow = 0, ndigit = 0, nhigh = 0, inner = 0;
    uint32_t j, len;

    if (ref_ascii_letter(s[i]) && (j = ref_scan_acronym(s, i, end, &nup, &nlow)) != i) {
        ref_push(v, n, cap, i, j, VG_TOK_WORD, VG_TF_ABBR | ref_case_flags(s, i, j, nup, nlow, 0));
        return j;
    }
    for (j = i; j < end;) {
        unsigned char c = s[j];
        uint32_t alen = 0;
        switch (ref_cls[c]) {
        case RC_UPPER:
            nup++, j++;
            continue;
        case RC_LOWER: {
            /* Most of a word is a run of lower-case letters: one dispatch
             * for the run. */
            uint32_t k = j + 1;
            while (k < end && ref_cls[s[k]] == RC_LOWER) k++;
            nlow += k - j, j = k;
            continue;
        }
        case RC_DIGIT:
            ndigit++, j++;
            continue;
        case RC_HIGH: {
            int k = ref_high_kind(s, j, end, &len);
            if (k == RHK_LETTER) {
                nhigh++, j += len;
                continue;
            }
            if (k == RHK_APOS) alen = len;
            break;
        }
        case RC_APOS:
            alen = 1;
            break;
        case RC_PUNCT:
            /* An inner hyphen joins word characters, never a "--" dash. */
            if (c == '-' && s[j - 1] != '-' && j + 1 < end && s[j + 1] != '-' &&
                ref_wordish(s, j + 1, end)) {
                inner = 1, j++;
                continue;
            }
            /* Inside numbers: "3.5", and "1,000" before exactly three digits. */
            if (nup + nlow + nhigh == 0 && ref_cls[s[j - 1]] == RC_DIGIT && j + 1 < end &&
                ref_cls[s[j + 1]] == RC_DIGIT) {
                if (c == '.') {
                    j++;
                    continue;
                }
                if (c == ',' && j + 3 < end && ref_cls[s[j + 2]] == RC_DIGIT &&
                    ref_cls[s[j + 3]] == RC_DIGIT &&
                    (j + 4 >= end || ref_cls[s[j + 4]] != RC_DIGIT)) {
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
            !ref_wordish(s, j + alen + 1, end)) {
            if (s[j - 1] == 'N')
                nup--;
            else
                nlow--;
            if (j - 1 > i)
                ref_push(v, n, cap, i, j - 1, VG_TOK_WORD,
                         ref_case_flags(s, i, j - 1, nup, nlow, nhigh));
            ref_push(v, n, cap, j - 1, j + alen + 1, VG_TOK_WORD, VG_TF_NEG);
            return j + alen + 1;
        }
        /* "O'Brien" stays whole; before a clitic or a non-letter the word ends. */
        if (ref_wordish(s, j + alen, end) && !ref_clitic_len(s, j + alen, end)) {
            inner = 1, j += alen;
            continue;
        }
        break;
    }

    int kind = nup + nlow + nhigh == 0 ? VG_TOK_NUM : VG_TOK_WORD;
    unsigned flags = nhigh == 0 ? ref_ascii_case_flags(s, i, nup, nlow)
                                : ref_case_flags(s, i, j, nup, nlow, nhigh);
    if (kind == VG_TOK_NUM) {
        if (j < end && s[j] == '%') j++;
    } else if (j < end && s[j] == '.' && !inner && ndigit == 0 && nhigh == 0) {
        /* Keep the period of an initial ("J.") or a known abbreviation ("Gen."). */
        int initial = j - i == 1 && ref_cls[s[i]] == RC_UPPER && s[i] != 'I';
        /* Asked only here: the tokens of this call are v[n0, *n). */
        if (initial && ref_after_lower(*v, *n, n0)) {
            uint32_t k = j + 1;
            while (k < end && s[k] == ' ') k++;
            initial = k + 1 < end && ref_cls[s[k]] == RC_UPPER && s[k + 1] == '.';
        }
        if (initial || vg_is_abbrev((const char *)s + i, j - i)) {
            j++;
            flags |= VG_TF_ABBR;
        }
    }
    ref_push(v, n, cap, i, j, kind, flags);
    return j;
}

/*
 * A token that starts with an apostrophe (alen bytes) at s[i]. Right after
 * a word or number it is a clitic ("'s", "'re") or, after a word ending in
 * "s", the possessive "'"; otherwise it is a quote mark. Tokens before
 * index n0 belong to an earlier call and are not looked at.
 */
static uint32_t ref_scan_apos(const unsigned char *s, uint32_t i, uint32_t alen, uint32_t end,
                              vg_token **v, size_t *n, size_t *cap, size_t n0)
{
    if (*n > n0) {
        const vg_token *p = &(*v)[*n - 1];
        if (p->end == i && (p->kind == VG_TOK_WORD || p->kind == VG_TOK_NUM) &&
            !(p->flags & (VG_TF_POSS | VG_TF_NEG))) {
            uint32_t m = ref_clitic_len(s, i + alen, end);
            if (m) {
                int poss = m == 1 && (s[i + alen] | 0x20) == 's';
                ref_push(v, n, cap, i, i + alen + m, VG_TOK_WORD, poss ? VG_TF_POSS : 0);
                return i + alen + m;
            }
            if (!ref_wordish(s, i + alen, end) && (s[p->end - 1] | 0x20) == 's' &&
                !(p->flags & VG_TF_ABBR)) {
                ref_push(v, n, cap, i, i + alen, VG_TOK_WORD, VG_TF_POSS);
                return i + alen;
            }
        }
    }
    uint32_t j = i + alen;
    if (alen == 1)
        while (j < end && s[j] == '\'') j++;
    ref_push(v, n, cap, i, j, VG_TOK_QUOTE, 0);
    return j;
}

static size_t ref_tokenize(const char *text, uint32_t start, uint32_t end, vg_token **v, size_t *n,
                           size_t *cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n0 = *n;
    uint32_t i = start, j, len;
    while (i < end) {
        unsigned char c = s[i];
        switch (ref_cls[c]) {
        case RC_SPACE:
            i++;
            break;
        case RC_UPPER:
        case RC_LOWER:
        case RC_DIGIT:
            i = ref_scan_word(s, i, end, v, n, cap, n0);
            break;
        case RC_APOS:
            i = ref_scan_apos(s, i, 1, end, v, n, cap, n0);
            break;
        case RC_QUOTE:
        case RC_PUNCT:
            /* A run of one character is one token: "--", "...", "!!". */
            for (j = i + 1; j < end && s[j] == c;) j++;
            ref_push(v, n, cap, i, j, ref_cls[c] == RC_QUOTE ? VG_TOK_QUOTE : VG_TOK_PUNCT, 0);
            i = j;
            break;
        default: /* RC_HIGH */
            switch (ref_high_kind(s, i, end, &len)) {
            case RHK_LETTER:
                i = ref_scan_word(s, i, end, v, n, cap, n0);
                break;
            case RHK_SPACE:
                i += len;
                break;
            case RHK_APOS:
                i = ref_scan_apos(s, i, len, end, v, n, cap, n0);
                break;
            case RHK_QUOTE:
                ref_push(v, n, cap, i, i + len, VG_TOK_QUOTE, 0);
                i += len;
                break;
            default: /* RHK_PUNCT: a run of one character, as in ASCII */
                for (j = i + len; j + len <= end && memcmp(s + j, s + i, len) == 0;) j += len;
                ref_push(v, n, cap, i, j, VG_TOK_PUNCT, 0);
                i = j;
                break;
            }
            break;
        }
    }
    return *n - n0;
}
#endif
