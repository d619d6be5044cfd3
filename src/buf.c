/*
 * buf.c — growable byte buffers (see buf.h).
 */
#include "buf.h"

#include "alloc.h"
#include "scan.h"
#include "vigil.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void vg_buf_init(vg_buf *b, size_t max)
{
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->max = max;
}

void vg_buf_free(vg_buf *b)
{
    vg_free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void vg_buf_reset(vg_buf *b)
{
    b->len = 0;
    if (b->ptr) b->ptr[0] = '\0';
}

static int reserve(vg_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra) return VIGIL_ERR_LIMIT;
    size_t need = b->len + extra + 1;
    if (need > b->cap) {
        size_t c = b->cap ? b->cap : 64;
        while (c < need) c *= 2;
        b->ptr = vg_realloc(b->ptr, c);
        b->cap = c;
    }
    return VIGIL_OK;
}

int vg_buf_reserve(vg_buf *b, size_t extra)
{
    return reserve(b, extra);
}

int vg_buf_put(vg_buf *b, const void *data, size_t n)
{
    if (reserve(b, n)) return VIGIL_ERR_LIMIT;
    if (n) memcpy(b->ptr + b->len, data, n);
    b->len += n;
    b->ptr[b->len] = '\0';
    return VIGIL_OK;
}

int vg_buf_puts(vg_buf *b, const char *s)
{
    return vg_buf_put(b, s, strlen(s));
}

/* One byte at a time is how the cleaner writes most of its output, so the
 * common case (room left, under the ceiling) skips reserve and memcpy. */
int vg_buf_putc(vg_buf *b, int c)
{
    if (b->len + 2 <= b->cap && b->len < b->max) {
        b->ptr[b->len++] = (char)c;
        b->ptr[b->len] = '\0';
        return VIGIL_OK;
    }
    char ch = (char)c;
    return vg_buf_put(b, &ch, 1);
}

int vg_buf_printf(vg_buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return VIGIL_ERR_ARG;
    if ((size_t)n < sizeof small) return vg_buf_put(b, small, (size_t)n);
    if (reserve(b, (size_t)n)) return VIGIL_ERR_LIMIT;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return VIGIL_OK;
}

/* 1 for the bytes a JSON string holds as they are: not the C0 controls,
 * '"', '\\' or DEL (which is escaped too, as it always was here). */
#define JS(c) ((c) >= 0x20 && (c) != '"' && (c) != '\\' && (c) != 0x7f)
#define JS4(c) JS(c), JS((c) + 1), JS((c) + 2), JS((c) + 3)
#define JS16(c) JS4(c), JS4((c) + 4), JS4((c) + 8), JS4((c) + 12)
#define JS64(c) JS16(c), JS16((c) + 16), JS16((c) + 32), JS16((c) + 48)
static const unsigned char json_plain[256] = {JS64(0), JS64(64), JS64(128), JS64(192)};

/* An escape of c (a byte vg_buf_json_str does not copy as it is) into
 * esc; returns its length, 2 or 6. */
static size_t json_escape(unsigned char c, char esc[6])
{
    static const char hex[] = "0123456789abcdef";
    esc[0] = '\\';
    switch (c) {
    case '"':
        esc[1] = '"';
        return 2;
    case '\\':
        esc[1] = '\\';
        return 2;
    case '\n':
        esc[1] = 'n';
        return 2;
    case '\t':
        esc[1] = 't';
        return 2;
    case '\r':
        esc[1] = 'r';
        return 2;
    default:
        esc[1] = 'u', esc[2] = '0', esc[3] = '0';
        esc[4] = hex[c >> 4], esc[5] = hex[c & 15];
        return 6;
    }
}

/* 1 when no byte of w needs an escape: none below 0x20, and none is '"',
 * '\\' or DEL (the tests for a byte below a bound and for a zero byte,
 * which are exact about whether there is one). Four-byte words are the
 * same test in the low half. */
static inline int word_json_plain(uint64_t w, uint64_t ones)
{
    uint64_t highs = 0x80 * ones;
    uint64_t q = w ^ (0x22 * ones), b = w ^ (0x5C * ones), d = w ^ (0x7F * ones);
    return !(
        (((w - 0x20 * ones) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b) | ((d - ones) & ~d)) &
        highs);
}

char *vg_json_escape(char *o, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    /* A field of 8 to 15 bytes (an id, a date, a rule's name) with nothing
     * to escape, as most are: tested and copied as two 8-byte words that
     * overlap, instead of byte by byte. */
    if (n >= 8 && n < 16) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        if (word_json_plain(a, 0x0101010101010101ull) &&
            word_json_plain(b, 0x0101010101010101ull)) {
            memcpy(o, &a, 8);
            memcpy(o + n - 8, &b, 8);
            return o + n;
        }
    } else if (n >= 4 && n < 8) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        if (word_json_plain(a, 0x01010101u) && word_json_plain(b, 0x01010101u)) {
            memcpy(o, &a, 4);
            memcpy(o + n - 4, &b, 4);
            return o + n;
        }
    }
    for (size_t i = 0; i < n;) {
#if defined(__SSE2__)
        /* Sixteen bytes or more: the plain run by sixteen-byte steps and
         * one memcpy. A shorter rest (most fields of an event line are
         * codes and dates of 2 to 12 bytes) byte by byte by the table,
         * without a call. */
        if (n - i >= 16) {
            size_t j = vg_skip_json_plain(u, i, n, 1);
            memcpy(o, s + i, j - i);
            o += j - i;
            i = j;
        } else {
            while (i < n && json_plain[u[i]]) *o++ = (char)u[i++];
        }
#else
        while (i < n && json_plain[u[i]]) *o++ = (char)u[i++];
#endif
        if (i == n) break;
        o += json_escape(u[i], o);
        i++;
    }
    return o;
}

int vg_buf_json_str(vg_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    /* With room for the longest escape of every byte (6 bytes a byte), the
     * string is written straight into the buffer: no vg_buf_put per run
     * and per escape. The room test inline when the buffer has it already
     * (reserve's conditions without the growth). */
    if (n <= SIZE_MAX / 8 &&
        ((6 * n <= b->max && b->len <= b->max - 6 * n && b->cap - b->len > 6 * n) ||
         reserve(b, 6 * n) == VIGIL_OK)) {
        char *o = vg_json_escape(b->ptr + b->len, s, n);
        b->len = (size_t)(o - b->ptr);
        b->ptr[b->len] = '\0';
        return VIGIL_OK;
    }
    /* Near the buffer's ceiling: piece by piece, as far as it goes. */
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        /* Plain bytes a run at a time: sixteen at a time with SSE2
         * (scan.h), by table elsewhere. */
#if defined(__SSE2__)
        i = vg_skip_json_plain(u, i, n, 1);
#else
        while (i < n && json_plain[u[i]]) i++;
#endif
        if (i == n) break;
        if (vg_buf_put(b, s + run, i - run)) return VIGIL_ERR_LIMIT;
        run = i + 1;
        char esc[6];
        size_t k = json_escape(u[i], esc);
        if (vg_buf_put(b, esc, k)) return VIGIL_ERR_LIMIT;
    }
    return vg_buf_put(b, s + run, n - run);
}

char *vg_buf_take(vg_buf *b)
{
    if (!b->ptr) return vg_strdup("");
    char *p = b->ptr;
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}
