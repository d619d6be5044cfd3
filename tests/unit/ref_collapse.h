/*
 * ref_collapse.h — vg_collapse_repeats of src/clean.c as it was before it
 * used scan.h (commit fca61eb), with the helpers it calls: the simple
 * version test_clean.c compares the faster one with on generated texts.
 * File-local names are prefixed ref_; do not change it when clean.c
 * changes its rules on purpose: change the rule here too, by the same edit.
 */
#ifndef VG_REF_COLLAPSE_H
#define VG_REF_COLLAPSE_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One table lookup per byte instead of a chain of compares: the scans of
 * the cleaner ask these for every byte of a story. */
enum { BC_SPACE = 1, BC_LOWER = 2, BC_UPPER = 4, BC_DIGIT = 8 };
#define BC(c)                                                                                      \
    ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' || (c) == '\f' || (c) == '\v'         \
         ? BC_SPACE                                                                                \
     : (c) >= 'a' && (c) <= 'z' ? BC_LOWER                                                         \
     : (c) >= 'A' && (c) <= 'Z' ? BC_UPPER                                                         \
     : (c) >= '0' && (c) <= '9' ? BC_DIGIT                                                         \
                                : 0)
#define BC4(c) BC(c), BC((c) + 1), BC((c) + 2), BC((c) + 3)
#define BC16(c) BC4(c), BC4((c) + 4), BC4((c) + 8), BC4((c) + 12)
#define BC64(c) BC16(c), BC16((c) + 16), BC16((c) + 32), BC16((c) + 48)
static const unsigned char ref_bclass[256] = {BC64(0), BC64(64), BC64(128), BC64(192)};

static int ref_is_space(unsigned char c)
{
    return ref_bclass[c] & BC_SPACE;
}

static int ref_is_upper(unsigned char c)
{
    return ref_bclass[c] & BC_UPPER;
}

static int ref_is_digit(unsigned char c)
{
    return ref_bclass[c] & BC_DIGIT;
}

static int ref_is_alnum(unsigned char c)
{
    return ref_bclass[c] & (BC_LOWER | BC_UPPER | BC_DIGIT);
}

/* 1 for ASCII letters and digits: ref_is_alnum as a table whose entries can be
 * and-ed together. */
#define AN(c) (BC(c) & (BC_LOWER | BC_UPPER | BC_DIGIT) ? 1 : 0)
#define AN4(c) AN(c), AN((c) + 1), AN((c) + 2), AN((c) + 3)
#define AN16(c) AN4(c), AN4((c) + 4), AN4((c) + 8), AN4((c) + 12)
#define AN64(c) AN16(c), AN16((c) + 16), AN16((c) + 32), AN16((c) + 48)
static const unsigned char ref_alnum4[256] = {AN64(0), AN64(64), AN64(128), AN64(192)};

static unsigned char ref_to_lower(unsigned char c)
{
    return ref_is_upper(c) ? (unsigned char)(c + 32) : c;
}

/* Length of a UTF-8 punctuation or space sequence at s that must not count
 * as part of a ref_word: the General Punctuation block (dashes, curly quotes,
 * ellipsis, special spaces), NBSP, guillemets and the minus sign. 0 when s
 * does not start one. */
static size_t ref_upunct_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80) return 3;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) return 3;
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xA0 || u[1] == 0xAB || u[1] == 0xBB)) return 2;
    return 0;
}

/* 1 if s starts a quotation mark (ASCII or typographic); its length in *len. */
static int ref_quote_at(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 1 && (u[0] == '"' || u[0] == '\'')) {
        *len = 1;
        return 1;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x98 && u[2] <= 0x9F) {
        *len = 3;
        return 1;
    }
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB)) {
        *len = 2;
        return 1;
    }
    return 0;
}

/* Case-insensitive ASCII comparison of two byte ranges (other bytes must be
 * equal). */
static int ref_eq_ci(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn) return 0;
    for (size_t i = 0; i < an; i++)
        if (ref_to_lower((unsigned char)a[i]) != ref_to_lower((unsigned char)b[i])) return 0;
    return 1;
}

/* A ref_word of folded text. */
typedef struct ref_word {
    size_t s, e;
    int quoted; /* inside quotation marks */
} ref_word;

/* The same test as ref_eq_ci(ref_word, lit) without measuring lit first: the
 * comparison stops at the first differing byte, which for a ref_word against a
 * list of short literals is almost always the first (profiled: this was
 * the cleaner's hottest function with strlen + ref_eq_ci). Words never hold
 * NUL bytes, so reaching lit's NUL early means the lengths differ. */
static int ref_wd_is(const char *t, const ref_word *w, const char *lit)
{
    const unsigned char *a = (const unsigned char *)t + w->s;
    const unsigned char *b = (const unsigned char *)lit;
    size_t n = w->e - w->s;
    for (size_t i = 0; i < n; i++)
        if (!b[i] || ref_to_lower(a[i]) != ref_to_lower(b[i])) return 0;
    return b[n] == '\0';
}

static int ref_wd_in(const char *t, const ref_word *w, const char *const *list)
{
    if (w->e == w->s) {
        for (size_t i = 0; list[i]; i++)
            if (ref_wd_is(t, w, list[i])) return 1;
        return 0;
    }
    /* The first letters differ for nearly every literal: test that before
     * calling ref_wd_is. */
    unsigned char c0 = ref_to_lower((unsigned char)t[w->s]);
    for (size_t i = 0; list[i]; i++)
        if (ref_to_lower((unsigned char)list[i][0]) == c0 && ref_wd_is(t, w, list[i])) return 1;
    return 0;
}
/* Words a writer repeats on purpose: never collapsed. */
/* clang-format off */
static const char *const ref_deliberate[] = {
    "had", "that", "is", "very", "really", "so", "much", "many", "far", "more", "no", "yes", "ha",
    "bye", "knock", "long", "well", "chop", "tut", "boo", "now", "go", "again", "bang", "blah",
    "ho", "hey", "tick", "tock", "do", "please", NULL};
/* clang-format on */

/* A ref_word for repeat detection: [s, e) of letters, digits, non-ASCII
 * letters, inner hyphens and apostrophes. */
static size_t ref_word_end(const char *t, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)t;
    for (;;) {
        /* ASCII letters and digits, the bulk of every ref_word: four at a time
         * while they last, then one by one. */
        while (n - i >= 4 && ref_alnum4[u[i]] & ref_alnum4[u[i + 1]] & ref_alnum4[u[i + 2]] &
                                 ref_alnum4[u[i + 3]])
            i += 4;
        while (i < n && ref_is_alnum(u[i])) i++;
        if (i >= n) return i;
        unsigned char c = u[i];
        if (c >= 0x80) {
            if (ref_upunct_len(t + i, n - i)) return i;
            i++;
        } else if ((c == '-' || c == '\'') && i + 1 < n &&
                   (ref_is_alnum(u[i + 1]) || u[i + 1] >= 0x80) &&
                   !ref_upunct_len(t + i + 1, n - i - 1)) {
            i++;
        } else {
            return i;
        }
    }
}

/*
 * Collapses a ref_word that is immediately repeated: the copies are separated
 * only by white space, optionally with opening quotation marks before the
 * second copy. Without a quote the second copy goes (so "The the" keeps its
 * capital); with one the first copy goes and the quote stays ('respond
 * "respond swiftly' -> '"respond swiftly'). A comma or other punctuation
 * between the two ("no, no") marks a ref_deliberate repeat, and so do the words
 * in `ref_deliberate` and numbers ("2 2").
 */
static void ref_collapse_repeats(const char *in, size_t len, vg_buf *out)
{
    size_t i = 0;
    size_t copied = 0;         /* in[copied, i) is still to be written */
    size_t pw_s = 0, pw_e = 0; /* the previous ref_word kept */
    size_t gap_s = 0;          /* where the gap after it starts */
    int have_prev = 0;
    while (i < len) {
        unsigned char c = (unsigned char)in[i];
        int word_start = (ref_is_alnum(c) || (c >= 0x80 && !ref_upunct_len(in + i, len - i))) &&
                         (i == 0 || !ref_is_alnum((unsigned char)in[i - 1]));
        if (!word_start) {
            i++;
            continue;
        }
        size_t s = i, e = ref_word_end(in, len, i);
        if (e == s) e = s + 1;
        int dropped = 0;
        /* A repeat has the previous ref_word's length and first letter: test
         * those before looking at the gap (most words fail here). */
        if (have_prev && pw_e - pw_s == e - s &&
            ref_to_lower((unsigned char)in[pw_s]) == ref_to_lower((unsigned char)in[s])) {
            size_t g = gap_s;
            int space = 0, quote = 0;
            while (g < s && ref_is_space((unsigned char)in[g])) {
                g++;
                space = 1;
            }
            size_t q;
            while (g < s && ref_quote_at(in + g, s - g, &q)) {
                g += q;
                quote = 1;
            }
            ref_word pw = {pw_s, pw_e, 0};
            if (g == s && space && ref_eq_ci(in + pw_s, pw_e - pw_s, in + s, e - s) &&
                !ref_is_digit((unsigned char)in[s]) && !ref_wd_in(in, &pw, ref_deliberate)) {
                if (quote) {
                    /* Drop the first copy and the space after it. */
                    if (pw_s >= copied) {
                        vg_buf_put(out, in + copied, pw_s - copied);
                        size_t skip = gap_s;
                        while (skip < s && ref_is_space((unsigned char)in[skip])) skip++;
                        copied = skip;
                    }
                } else {
                    /* Drop the space before the second copy and the copy. */
                    vg_buf_put(out, in + copied, gap_s - copied);
                    copied = e;
                    gap_s = e;
                    dropped = 1;
                }
            }
        }
        if (!dropped) {
            pw_s = s;
            pw_e = e;
            gap_s = e;
        }
        have_prev = 1;
        i = e;
    }
    vg_buf_put(out, in + copied, len - copied);
    if (!out->ptr) vg_buf_put(out, "", 0);
}

#endif
