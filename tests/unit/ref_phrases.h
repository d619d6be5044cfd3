/*
 * ref_phrases.h — the boilerplate rules' phrase count of src/clean.c as it
 * was before it became one walk over the text (commit d85fab3): a search
 * per phrase, candidates found with memchr for each case of its first
 * letter. The simple version test_clean.c compares vg_count_phrases with.
 * Names are prefixed refp_; do not change it when clean.c changes its rules
 * on purpose: change the rule here too, by the same edit.
 */
#ifndef VG_REF_PHRASES_H
#define VG_REF_PHRASES_H

#include <stddef.h>
#include <string.h>

static int refp_is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static unsigned char refp_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int refp_eq_ci(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn) return 0;
    for (size_t i = 0; i < an; i++)
        if (refp_lower((unsigned char)a[i]) != refp_lower((unsigned char)b[i])) return 0;
    return 1;
}

/* Finds phrase p in t at word boundaries, case-insensitively. A phrase
 * ending in '*' matches any word continuation; one that ends in
 * punctuation needs no boundary after it. */
static int refp_has_phrase(const char *t, size_t n, const char *p)
{
    size_t m = strlen(p);
    int prefix = m > 0 && p[m - 1] == '*';
    if (prefix) m--;
    int punct_end = m > 0 && !refp_is_alnum((unsigned char)p[m - 1]);
    if (m == 0 || m > n) {
        for (size_t i = 0; i + m <= n; i++) {
            if (i > 0 && refp_is_alnum((unsigned char)t[i - 1])) continue;
            if (!prefix && !punct_end && i + m < n && refp_is_alnum((unsigned char)t[i + m]))
                continue;
            return 1;
        }
        return 0;
    }
    unsigned char lo = refp_lower((unsigned char)p[0]);
    unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 32) : lo;
    for (int v = 0; v < (up != lo ? 2 : 1); v++) {
        const char *q = t;
        for (;;) {
            size_t i = (size_t)(q - t);
            if (i + m > n) break;
            q = memchr(q, v ? up : lo, n - m + 1 - i);
            if (!q) break;
            i = (size_t)(q - t);
            q++;
            if (i > 0 && refp_is_alnum((unsigned char)t[i - 1])) continue;
            if (!refp_eq_ci(t + i, m, p, m)) continue;
            if (!prefix && !punct_end && i + m < n && refp_is_alnum((unsigned char)t[i + m]))
                continue;
            return 1;
        }
    }
    return 0;
}

static int refp_count_phrases(const char *t, size_t n, const char *const *list)
{
    int c = 0;
    for (size_t i = 0; list[i]; i++) c += refp_has_phrase(t, n, list[i]);
    return c;
}

#endif
