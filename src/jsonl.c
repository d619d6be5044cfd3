/*
 * jsonl.c — a direct reader for the common JSON-lines record (see jsonl.h).
 *
 * cJSON builds a tree of every record (a node and a copy of every key and
 * string, the story body included) that read.c then searched for six keys
 * and threw away: about 85 instructions per input byte. This scanner walks
 * the line once, checks it is standard JSON, and keeps only where the
 * first value of each wanted key lies. A string without escapes is handed
 * back in place; one with escapes is decoded as cJSON decodes it. The
 * content of a string is skipped sixteen bytes at a time with SSE2 (scan.h),
 * eight elsewhere (a word test for '"', '\\' and control bytes).
 *
 * Its answer must be the one cJSON gives, so whatever cJSON might read in
 * its own way is refused and left to it (return 0): cJSON counts every
 * byte up to 0x20 as white space, copies control bytes inside strings,
 * cuts a string at "\u0000", reads a bad "\u" escape as NUL, compares keys
 * after unescaping, reads numbers through a 64-byte buffer and allows 1000
 * levels of nesting. None of these occurs in ordinary input.
 */
#include "jsonl.h"

#include "scan.h"
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#define MAX_DEPTH 64
#define MAX_NUMBER 40

static const char *const KEYS[VG_JK_COUNT] = {"id", "text", "html", "date", "source", "url"};

typedef struct scan {
    const unsigned char *p;
    size_t n, i;
    int depth;
    int utf8; /* strings must be valid UTF-8 too (vg_jsonl_scan_utf8) */
} scan;

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static void skip_ws(scan *s)
{
    while (s->i < s->n && is_ws(s->p[s->i])) s->i++;
}

/* The first index from i that holds '"', '\\' or a byte below 0x20, or n:
 * sixteen bytes at a time with SSE2 (scan.h). Elsewhere eight bytes at a
 * time while none of them is one of those (the classic "has a zero byte"
 * and "has a byte less than" word tests). */
static size_t plain_end(const unsigned char *p, size_t i, size_t n)
{
#if defined(__SSE2__)
    return vg_skip_json_plain(p, i, n, 0);
#else
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t q = w ^ (0x22 * ones), b = w ^ (0x5C * ones);
        uint64_t t = ((q - ones) & ~q) | ((b - ones) & ~b) | ((w - 0x20 * ones) & ~w);
        if (t & highs) break;
        i += 8;
    }
    while (i < n && p[i] != '"' && p[i] != '\\' && p[i] >= 0x20) i++;
    return i;
#endif
}

/* The first index from i that holds '"', '\\', a byte below 0x20 or a
 * byte from 0x80 up, or n: plain_end that also stops where UTF-8 has
 * something to decode (with SSE2 one signed compare finds both the control
 * bytes and the bytes from 0x80 up). */
static size_t ascii_end(const unsigned char *p, size_t i, size_t n)
{
#if defined(__SSE2__)
    /* Thirty-two bytes a step while none stops the run (a story's body
     * runs about a hundred bytes between a quotation mark and a curly
     * quote), then sixteen to find the byte. */
    while (n - i >= 32) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 16));
        __m128i q = _mm_set1_epi8('"'), b = _mm_set1_epi8('\\'), c = _mm_set1_epi8(0x20);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, b)),
                                 _mm_or_si128(_mm_cmpeq_epi8(w, q), _mm_cmpeq_epi8(w, b)));
        m = _mm_or_si128(m, _mm_or_si128(_mm_cmplt_epi8(v, c), _mm_cmplt_epi8(w, c)));
        if (_mm_movemask_epi8(m)) break;
        i += 32;
    }
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        m = _mm_or_si128(m, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
        unsigned stop = (unsigned)_mm_movemask_epi8(m);
        if (stop) return i + vg_scan_ctz(stop);
        i += 16;
    }
#endif
    while (i < n && p[i] != '"' && p[i] != '\\' && p[i] >= 0x20 && p[i] < 0x80) i++;
    return i;
}

/* Four hex digits at p (n >= 4) into *out; 0 if one is not a hex digit. */
static int hex4(const unsigned char *p, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned c = p[k], lc = c | 0x20u, d;
        if (is_digit((unsigned char)c))
            d = c - '0';
        else if (lc >= 'a' && lc <= 'f')
            d = lc - 'a' + 10;
        else
            return 0;
        v = v * 16 + d;
    }
    *out = v;
    return 1;
}

/* Checks the string whose opening quote is at s->i and moves past it; its
 * content is p[*a, *b), *esc says whether it holds escapes. */
static int string_at(scan *s, size_t *a, size_t *b, int *esc)
{
    const unsigned char *p = s->p;
    size_t n = s->n, i = s->i + 1;
    *a = i;
    *esc = 0;
    for (;;) {
        if (s->utf8) {
            i = ascii_end(p, i, n);
            if (i < n && p[i] >= 0x80) {
                /* E2 and two continuation bytes (U+2000-U+2FFF: the curly
                 * quotes and dashes of news text) is well-formed whatever
                 * they are: passed without decoding. */
                if (p[i] == 0xE2 && n - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
                    (p[i + 2] & 0xC0) == 0x80) {
                    i += 3;
                    continue;
                }
                /* A well-formed sequence, or the line is left to the
                 * caller's check and repair. */
                int32_t cp;
                size_t k = vg_utf8_decode((const char *)p + i, n - i, &cp);
                if (k < 2) return 0;
                i += k;
                continue;
            }
        } else {
            i = plain_end(p, i, n);
        }
        if (i >= n || p[i] < 0x20) return 0;
        if (p[i] == '"') break;
        *esc = 1; /* a backslash */
        if (i + 1 >= n) return 0;
        unsigned char c = p[i + 1];
        if (c == 'u') {
            unsigned hi, lo;
            if (n - i < 6 || !hex4(p + i + 2, &hi) || hi == 0 || (hi >= 0xDC00 && hi <= 0xDFFF))
                return 0;
            i += 6;
            if (hi >= 0xD800 && hi <= 0xDBFF) {
                if (n - i < 6 || p[i] != '\\' || p[i + 1] != 'u' || !hex4(p + i + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return 0;
                i += 6;
            }
        } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' ||
                   c == 'r' || c == 't') {
            i += 2;
        } else {
            return 0;
        }
    }
    *b = i;
    s->i = i + 1;
    return 1;
}

/* vg_buf_put without the call when out has the room under its
 * ceiling (decode makes it for the whole string at once): a news story's
 * body has an escape (a quotation mark, a line break) every few hundred
 * bytes, each a piece and a byte or two. */
static inline void put_piece(vg_buf *out, const void *d, size_t n)
{
    if (out->len <= out->max && n <= out->max - out->len && out->cap - out->len > n) {
        memcpy(out->ptr + out->len, d, n);
        out->len += n;
        out->ptr[out->len] = '\0';
    } else {
        vg_buf_put(out, d, n);
    }
}

/* Appends the string content p[a, b), checked by string_at, unescaped.
 * Unescaping never lengthens the text, so room for b - a bytes is made
 * first. */
static void decode(const unsigned char *p, size_t a, size_t b, vg_buf *out)
{
    size_t i = a, run = a;
    vg_buf_reserve(out, b - a);
    while (i < b) {
        const unsigned char *bs = memchr(p + i, '\\', b - i);
        if (!bs) break;
        i = (size_t)(bs - p);
        put_piece(out, p + run, i - run);
        unsigned char c = p[i + 1];
        if (c != 'u') {
            char ch = c == 'b'   ? '\b'
                      : c == 'f' ? '\f'
                      : c == 'n' ? '\n'
                      : c == 'r' ? '\r'
                      : c == 't' ? '\t'
                                 : (char)c; /* '"', '\\', '/' */
            put_piece(out, &ch, 1);
            i += 2;
        } else {
            unsigned cp = 0, lo = 0;
            hex4(p + i + 2, &cp);
            i += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                hex4(p + i + 2, &lo);
                cp = 0x10000 + (((cp & 0x3FFu) << 10) | (lo & 0x3FFu));
                i += 6;
            }
            char u[4];
            size_t k;
            if (cp < 0x80) {
                u[0] = (char)cp, k = 1;
            } else if (cp < 0x800) {
                u[0] = (char)(0xC0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3F)), k = 2;
            } else if (cp < 0x10000) {
                u[0] = (char)(0xE0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[2] = (char)(0x80 | (cp & 0x3F)), k = 3;
            } else {
                u[0] = (char)(0xF0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F));
                k = 4;
            }
            put_piece(out, u, k);
        }
        run = i;
    }
    vg_buf_put(out, p + run, b - run);
}

/* A number in standard JSON syntax. */
static int number(scan *s)
{
    const unsigned char *p = s->p;
    size_t n = s->n, i = s->i, start = i;
    if (p[i] == '-') i++;
    if (i >= n || !is_digit(p[i])) return 0;
    if (p[i] == '0')
        i++;
    else
        while (i < n && is_digit(p[i])) i++;
    if (i < n && p[i] == '.') {
        i++;
        if (i >= n || !is_digit(p[i])) return 0;
        while (i < n && is_digit(p[i])) i++;
    }
    if (i < n && (p[i] | 0x20) == 'e') {
        i++;
        if (i < n && (p[i] == '+' || p[i] == '-')) i++;
        if (i >= n || !is_digit(p[i])) return 0;
        while (i < n && is_digit(p[i])) i++;
    }
    if (i - start > MAX_NUMBER) return 0;
    s->i = i;
    return 1;
}

static int literal(scan *s, const char *w, size_t k)
{
    if (s->n - s->i < k || memcmp(s->p + s->i, w, k) != 0) return 0;
    s->i += k;
    return 1;
}

static int value(scan *s);

/* After the first element of an object or array: ',' and the next one, or
 * the closing bracket. Returns 1 to go on, 2 at the end, 0 on failure. */
static int next_or_close(scan *s, unsigned char close)
{
    skip_ws(s);
    if (s->i >= s->n) return 0;
    if (s->p[s->i] == ',') {
        s->i++;
        skip_ws(s);
        return 1;
    }
    if (s->p[s->i] == close) {
        s->i++;
        s->depth--;
        return 2;
    }
    return 0;
}

/* Index of a wanted key, or -1. */
static int key_index(const unsigned char *k, size_t n)
{
    for (int j = 0; j < VG_JK_COUNT; j++)
        if (strlen(KEYS[j]) == n && memcmp(KEYS[j], k, n) == 0) return j;
    return -1;
}

/* The object at s->i. With f (the record itself) the first value of each
 * wanted key is noted: its content bounds in a[], b[] and esc[]. */
static int object(scan *s, vg_jfield *f, size_t *a, size_t *b, int *esc)
{
    if (++s->depth > MAX_DEPTH) return 0;
    s->i++;
    skip_ws(s);
    if (s->i < s->n && s->p[s->i] == '}') {
        s->i++;
        s->depth--;
        return 1;
    }
    for (;;) {
        size_t ka, kb;
        int kesc;
        if (s->i >= s->n || s->p[s->i] != '"' || !string_at(s, &ka, &kb, &kesc) || kesc) return 0;
        skip_ws(s);
        if (s->i >= s->n || s->p[s->i] != ':') return 0;
        s->i++;
        skip_ws(s);
        int k = f ? key_index(s->p + ka, kb - ka) : -1;
        if (k >= 0 && f[k].kind == VG_JV_ABSENT) {
            if (s->i < s->n && s->p[s->i] == '"') {
                if (!string_at(s, &a[k], &b[k], &esc[k])) return 0;
                f[k].kind = VG_JV_STRING;
            } else if (literal(s, "null", 4)) {
                f[k].kind = VG_JV_NULL;
            } else {
                return 0; /* a number, an object ...: cJSON's turn */
            }
        } else if (!value(s)) {
            return 0;
        }
        int r = next_or_close(s, '}');
        if (r != 1) return r == 2;
    }
}

static int array(scan *s)
{
    if (++s->depth > MAX_DEPTH) return 0;
    s->i++;
    skip_ws(s);
    if (s->i < s->n && s->p[s->i] == ']') {
        s->i++;
        s->depth--;
        return 1;
    }
    for (;;) {
        if (!value(s)) return 0;
        int r = next_or_close(s, ']');
        if (r != 1) return r == 2;
    }
}

static int value(scan *s)
{
    if (s->i >= s->n) return 0;
    size_t a, b;
    int esc;
    switch (s->p[s->i]) {
    case '"':
        return string_at(s, &a, &b, &esc);
    case '{':
        return object(s, NULL, NULL, NULL, NULL);
    case '[':
        return array(s);
    case 't':
        return literal(s, "true", 4);
    case 'f':
        return literal(s, "false", 5);
    case 'n':
        return literal(s, "null", 4);
    default:
        return number(s);
    }
}

static int scan_line(const char *p, size_t n, vg_jfield f[VG_JK_COUNT], vg_buf *scratch, int utf8);

int vg_jsonl_scan(const char *p, size_t n, vg_jfield f[VG_JK_COUNT], vg_buf *scratch)
{
    return scan_line(p, n, f, scratch, 0);
}

/* Every byte of an accepted line lies in a string or is ASCII JSON syntax,
 * so checking the strings' bytes checks the line: no separate pass of
 * vg_utf8_valid over it. */
int vg_jsonl_scan_utf8(const char *p, size_t n, vg_jfield f[VG_JK_COUNT], vg_buf *scratch)
{
    return scan_line(p, n, f, scratch, 1);
}

static int scan_line(const char *p, size_t n, vg_jfield f[VG_JK_COUNT], vg_buf *scratch, int utf8)
{
    size_t a[VG_JK_COUNT], b[VG_JK_COUNT];
    int esc[VG_JK_COUNT];
    for (int k = 0; k < VG_JK_COUNT; k++) {
        f[k].kind = VG_JV_ABSENT;
        f[k].s = NULL;
        f[k].n = 0;
    }
    if (n == 0 || p[0] != '{') return 0;
    scan s = {(const unsigned char *)p, n, 0, 0, utf8};
    if (!object(&s, f, a, b, esc) || s.i != n) return 0;

    /* Decode the strings with escapes one after the other, then point at
     * them: the scratch buffer may move while it grows. */
    size_t off[VG_JK_COUNT];
    vg_buf_reset(scratch);
    for (int k = 0; k < VG_JK_COUNT; k++) {
        if (f[k].kind != VG_JV_STRING) continue;
        if (!esc[k]) {
            f[k].s = p + a[k];
            f[k].n = b[k] - a[k];
            continue;
        }
        off[k] = scratch->len;
        decode(s.p, a[k], b[k], scratch);
        f[k].n = scratch->len - off[k];
    }
    for (int k = 0; k < VG_JK_COUNT; k++)
        if (f[k].kind == VG_JV_STRING && esc[k]) f[k].s = scratch->ptr + off[k];
    return 1;
}
