/*
 * alloc.h — the one place memory comes from.
 *
 * Every allocation in the library goes through these functions. They abort
 * on out-of-memory with a message, so callers carry no untested NULL
 * checks (the habit we take from SQLite and Redis). Internal names shared
 * between modules carry the vg_ prefix; the public API is vigil_.
 */
#ifndef VG_ALLOC_H
#define VG_ALLOC_H

#include <stddef.h>

void *vg_malloc(size_t n);
void *vg_calloc(size_t count, size_t size);
void *vg_realloc(void *p, size_t n);
void vg_free(void *p);
char *vg_strdup(const char *s);
char *vg_strndup(const char *s, size_t n);

/* Grows *p (an array of elem-sized items with capacity *cap) so it holds at
 * least `need` items; doubles to keep appends amortised O(1). */
void vg_grow(void **p, size_t *cap, size_t need, size_t elem);

/* Appends one item to a vector declared as `T *v; size_t n, cap;`. The
 * capacity test is inline, so an append with room left makes no call. */
#define VG_PUSH(v, n, cap, item)                                                                   \
    do {                                                                                           \
        if ((n) >= (cap)) vg_grow((void **)&(v), &(cap), (n) + 1, sizeof(*(v)));                   \
        (v)[(n)++] = (item);                                                                       \
    } while (0)

#endif
