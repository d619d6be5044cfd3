/*
 * scan.h — runs of ASCII letters and digits found sixteen bytes at a time.
 *
 * The tokenizer and the repeat collapse of the cleaner walk every byte of a
 * story to find where a word ends and where the next one starts, and the
 * sentence splitter looks for the few bytes that may end a sentence; UTF-8
 * validation and normalisation pass over runs of plain ASCII, and the JSON
 * reader and writer over string bytes that need no escape, and the
 * cleaner counts the characters of a line. Words are
 * short (five or six bytes in news), so a byte loop spends most of its time
 * on the loop itself: bounds test, table load, compare, branch, for each
 * byte. With SSE2 (every x86-64) sixteen bytes are classified by a few
 * compares and the run's end is the first zero bit of a mask; elsewhere
 * the same functions are byte loops. Each function returns exactly what its
 * byte loop (the #else branch) returns; tests/unit/test_scan.c checks that
 * on every length and alignment and on random bytes.
 *
 * The vector paths read sixteen bytes only where at least sixteen remain
 * before n, so they never read past the range they are given.
 */
#ifndef VG_SCAN_H
#define VG_SCAN_H

#include <stddef.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* 1 for an ASCII letter, 2 for an ASCII digit, 0 otherwise (no table, so
 * the header needs no data of its own). */
static inline int vg_scan_letter(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u;
}

static inline int vg_scan_lower(unsigned char c)
{
    return (unsigned)(c - 'a') < 26u;
}

static inline int vg_scan_alnum(unsigned char c)
{
    return vg_scan_letter(c) || (unsigned)(c - '0') < 10u;
}

#if defined(__SSE2__)
/* Masks of the sixteen bytes at p, bit k for p[k]. A byte is a letter when
 * (c | 0x20) - 'a' < 26; adding 128 - 'a' instead of subtracting 'a' turns
 * that unsigned test into the signed compare SSE2 has. */
static inline unsigned vg_scan_mask_letters(__m128i v)
{
    __m128i a = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(128 - 'a'));
    return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(a, _mm_set1_epi8(-128 + 26)));
}

static inline unsigned vg_scan_mask_lower(__m128i v)
{
    __m128i a = _mm_add_epi8(v, _mm_set1_epi8(128 - 'a'));
    return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(a, _mm_set1_epi8(-128 + 26)));
}

static inline unsigned vg_scan_mask_digits(__m128i v)
{
    __m128i a = _mm_add_epi8(v, _mm_set1_epi8(128 - '0'));
    return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(a, _mm_set1_epi8(-128 + 10)));
}

/* Index of the lowest set bit of a non-zero mask. */
static inline unsigned vg_scan_ctz(unsigned m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(m);
#else
    unsigned k = 0;
    while (!(m & 1u)) m >>= 1, k++;
    return k;
#endif
}

static inline unsigned vg_scan_ctz64(unsigned long long m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned k = 0;
    while (!(m & 1u)) m >>= 1, k++;
    return k;
#endif
}
#endif

/* The first index from i on (at most n) whose byte is not an ASCII letter
 * or digit. */
static inline size_t vg_skip_alnum(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned stop = ~(vg_scan_mask_letters(v) | vg_scan_mask_digits(v)) & 0xFFFFu;
        if (stop) return i + vg_scan_ctz(stop);
        i += 16;
    }
#endif
    while (i < n && vg_scan_alnum(s[i])) i++;
    return i;
}

/* The start of the run of ASCII letters, digits and periods that ends
 * just before p, looking back no further than lo (lo <= p): the least a
 * >= lo such that every byte of s[a, p) is one of them. The splitter asks
 * it about the word before every period; sixteen bytes at a time, from
 * the end, with SSE2. */
static inline size_t vg_back_wordish(const unsigned char *s, size_t lo, size_t p)
{
#if defined(__SSE2__)
    while (p - lo >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + p - 16));
        unsigned keep = vg_scan_mask_letters(v) | vg_scan_mask_digits(v) |
                        (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
        unsigned stop = ~keep & 0xFFFFu;
        /* Bit k is s[p - 16 + k]: the highest stop bit is the last byte
         * outside the run. */
        if (stop) {
#if defined(__GNUC__)
            unsigned h = 31u - (unsigned)__builtin_clz(stop);
#else
            unsigned h = 15;
            while (!(stop >> h & 1u)) h--;
#endif
            return p - 16 + h + 1;
        }
        p -= 16;
    }
#endif
    while (p > lo && (vg_scan_alnum(s[p - 1]) || s[p - 1] == '.')) p--;
    return p;
}

/* The first index from i on (at most n) whose byte is not an ASCII letter;
 * *lower is set to 1 when a lower-case letter was passed over (and left
 * alone otherwise). */
static inline size_t vg_skip_letters(const unsigned char *s, size_t i, size_t n, unsigned *lower)
{
#if defined(__SSE2__)
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned stop = ~vg_scan_mask_letters(v) & 0xFFFFu;
        unsigned low = vg_scan_mask_lower(v);
        if (stop) {
            unsigned k = vg_scan_ctz(stop);
            if (low & ((1u << k) - 1u)) *lower = 1;
            return i + k;
        }
        if (low) *lower = 1;
        i += 16;
    }
#endif
    for (; i < n && vg_scan_letter(s[i]); i++)
        if (vg_scan_lower(s[i])) *lower = 1;
    return i;
}

/* The first index from i on (at most n) whose byte is an ASCII letter or
 * digit or a byte of 0x80 or more: where a word may start. */
static inline size_t vg_find_wordish(const unsigned char *s, size_t i, size_t n)
{
    /* Most gaps between words are one byte: look at the first before
     * loading sixteen. */
    if (i < n && (vg_scan_alnum(s[i]) || s[i] >= 0x80)) return i;
#if defined(__SSE2__)
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned hit =
            vg_scan_mask_letters(v) | vg_scan_mask_digits(v) | (unsigned)_mm_movemask_epi8(v);
        if (hit) return i + vg_scan_ctz(hit);
        i += 16;
    }
#endif
    while (i < n && !vg_scan_alnum(s[i]) && s[i] < 0x80) i++;
    return i;
}

/* The first index from i on (at most n) whose byte is one of the five
 * given (repeat one to look for fewer). */
static inline size_t vg_find_any5(const unsigned char *s, size_t i, size_t n, unsigned char a,
                                  unsigned char b, unsigned char c, unsigned char d,
                                  unsigned char e)
{
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b);
    const __m128i vc = _mm_set1_epi8((char)c), vd = _mm_set1_epi8((char)d);
    const __m128i ve = _mm_set1_epi8((char)e);
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, vc), _mm_cmpeq_epi8(v, vd)));
        unsigned hit = (unsigned)_mm_movemask_epi8(_mm_or_si128(m, _mm_cmpeq_epi8(v, ve)));
        if (hit) return i + vg_scan_ctz(hit);
        i += 16;
    }
#endif
    while (i < n && s[i] != a && s[i] != b && s[i] != c && s[i] != d && s[i] != e) i++;
    return i;
}

/* The first index from i on (at most n) whose byte is NUL or 0x80 and up:
 * where UTF-8 validation has something to decode. */
static inline size_t vg_skip_ascii(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    /* Whole stories are checked: sixty-four bytes a step while all are
     * plain (no high bit in their or, no zero in their unsigned minimum),
     * then sixteen at a time to find the byte. */
    while (n - i >= 64) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
        __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 32));
        __m128i d = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 48));
        __m128i any = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
        __m128i low = _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));
        if (_mm_movemask_epi8(any) | _mm_movemask_epi8(_mm_cmpeq_epi8(low, _mm_setzero_si128())))
            break;
        i += 64;
    }
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned stop = (unsigned)_mm_movemask_epi8(v) |
                        (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
        if (stop) return i + vg_scan_ctz(stop);
        i += 16;
    }
#endif
    while (i < n && s[i] != 0 && s[i] < 0x80) i++;
    return i;
}

/* The first index from i on (at most n) whose byte is not printable ASCII
 * (0x20 to 0x7E) or a newline: what text normalisation copies unchanged. */
static inline size_t vg_skip_plain(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    /* Sixty-four bytes a step while all are printable ASCII (each above
     * 0x1F as a signed byte, so below 0x80, and none DEL); a newline,
     * plain too, ends the steps like any other byte: the sixteen-byte
     * loop below passes it or finds the byte that stops the run. */
    while (n - i >= 64) {
        const __m128i low = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F);
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
        __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 32));
        __m128i d = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 48));
        __m128i ok = _mm_and_si128(_mm_and_si128(_mm_cmpgt_epi8(a, low), _mm_cmpgt_epi8(b, low)),
                                   _mm_and_si128(_mm_cmpgt_epi8(c, low), _mm_cmpgt_epi8(d, low)));
        __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, del), _mm_cmpeq_epi8(b, del)),
                                   _mm_or_si128(_mm_cmpeq_epi8(c, del), _mm_cmpeq_epi8(d, del)));
        if ((unsigned)_mm_movemask_epi8(_mm_andnot_si128(bad, ok)) != 0xFFFFu) break;
        i += 64;
    }
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* Bytes from 0x80 up are negative, so not greater than 0x1F. */
        __m128i ok = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)),
                                      _mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)));
        ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
        unsigned stop = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFFu;
        if (stop) return i + vg_scan_ctz(stop);
        i += 16;
    }
#endif
    while (i < n && ((s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\n')) i++;
    return i;
}

/* The first index from i on (at most n) whose byte a JSON string cannot
 * hold as it is: '"', '\\', a byte below 0x20, and DEL too when del is 1
 * (the event writer escapes it; the reader takes it as it is). */
static inline size_t vg_skip_json_plain(const unsigned char *s, size_t i, size_t n, int del)
{
#if defined(__SSE2__)
    const __m128i low = _mm_set1_epi8(0x1F);
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_max_epu8(v, low), low));
        if (del) m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
        unsigned stop = (unsigned)_mm_movemask_epi8(m);
        if (stop) return i + vg_scan_ctz(stop);
        i += 16;
    }
#endif
    while (i < n && s[i] != '"' && s[i] != '\\' && s[i] >= 0x20 && !(del && s[i] == 0x7F)) i++;
    return i;
}

/* The number of UTF-8 continuation bytes (10xxxxxx) in s[0, n): sixteen
 * bytes at a time, ASCII ones passed by one test. */
static inline size_t vg_count_continuations(const unsigned char *s, size_t n)
{
    size_t cont = 0, i = 0;
#if defined(__SSE2__)
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (!_mm_movemask_epi8(v)) continue;
        /* 0x80 to 0xBF are the signed bytes below -64. */
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
        for (; m; m &= m - 1) cont++;
    }
#endif
    for (; i < n; i++)
        if ((s[i] & 0xC0) == 0x80) cont++;
    return cont;
}

#endif
