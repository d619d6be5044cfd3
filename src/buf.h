/*
 * buf.h — a growable byte buffer with a named maximum.
 *
 * Every buffer has a ceiling (curl's habit): appends past `max` fail with
 * VIGIL_ERR_LIMIT instead of growing without bound on hostile input.
 * The content is always NUL-terminated after a successful append.
 */
#ifndef VG_BUF_H
#define VG_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct vg_buf {
    char *ptr;
    size_t len;
    size_t cap;
    size_t max;
} vg_buf;

void vg_buf_init(vg_buf *b, size_t max);
void vg_buf_free(vg_buf *b);
void vg_buf_reset(vg_buf *b);
/* These return 0 (VIGIL_OK) or VIGIL_ERR_LIMIT. */
int vg_buf_put(vg_buf *b, const void *data, size_t n);
int vg_buf_puts(vg_buf *b, const char *s);
int vg_buf_putc(vg_buf *b, int c);
int vg_buf_printf(vg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Makes room for `extra` more bytes and the NUL after them, so a caller can
 * write up to that many bytes at ptr + len itself (and then set len and the
 * NUL); 0 or VIGIL_ERR_LIMIT when len + extra would pass max. */
int vg_buf_reserve(vg_buf *b, size_t extra);
/* Appends s as the inside of a JSON string (no surrounding quotes). */
int vg_buf_json_str(vg_buf *b, const char *s, size_t n);
/* Writes the inside of a JSON string for s[0, n) at o, which has room for
 * 6 * n bytes (the longest escape of every byte); returns the end. No NUL.
 * vg_buf_json_str's bytes. */
char *vg_json_escape(char *o, const char *s, size_t n);
/* Takes the content out (caller frees with vg_free) and resets b. */
char *vg_buf_take(vg_buf *b);

#endif
