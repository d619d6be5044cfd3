/*
 * jsonl.h — a direct reader for the common JSON-lines record (read.c).
 *
 * vg_jsonl_scan reads one line that is a plain JSON object and hands back
 * the six fields a story is made from, without building a cJSON tree.
 * It is deliberately narrow: it answers only for lines it reads exactly as
 * cJSON does (tests/unit/test_jsonl.c compares the two on many lines,
 * malformed ones included) and returns 0 for everything else, so that the
 * caller parses those with cJSON and reports errors as before.
 */
#ifndef VG_JSONL_H
#define VG_JSONL_H

#include "buf.h"

#include <stddef.h>

/* The keys looked up, in this order. */
enum { VG_JK_ID, VG_JK_TEXT, VG_JK_HTML, VG_JK_DATE, VG_JK_SOURCE, VG_JK_URL, VG_JK_COUNT };

/* What the first member of an object with that key holds. */
enum { VG_JV_ABSENT, VG_JV_NULL, VG_JV_STRING };

typedef struct vg_jfield {
    int kind;
    const char *s; /* VG_JV_STRING: the decoded bytes (no NUL inside) */
    size_t n;
} vg_jfield;

/*
 * Reads p[0, n) as one JSON object: a '{' at p[0], its '}' at p[n - 1],
 * standard JSON in between. Returns 1 and fills f when every one of the
 * keys above is absent or first holds a string or null; strings without
 * escapes point into p, others are decoded into scratch (reset first), so
 * f lives as long as both. Returns 0 when the line is malformed, when a
 * key above holds another kind of value, or when it holds something this
 * reader leaves to cJSON: escapes in keys, "\u0000", control bytes inside
 * strings, white space other than space, tab, CR and LF, numbers longer
 * than 40 bytes or nesting deeper than 64.
 */
int vg_jsonl_scan(const char *p, size_t n, vg_jfield f[VG_JK_COUNT], vg_buf *scratch);

/* vg_jsonl_scan(p, n, ...) && vg_utf8_valid(p, n), in one pass: accepts
 * only a line that is valid UTF-8 (without NUL) as well. */
int vg_jsonl_scan_utf8(const char *p, size_t n, vg_jfield f[VG_JK_COUNT], vg_buf *scratch);

#endif
