/*
 * alloc.c — allocation that aborts on out-of-memory.
 *
 * A coder that runs unattended for days is better off stopping loudly than
 * limping on with half-built structures, and code that never sees NULL is
 * code whose error paths are all tested.
 */
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
    fprintf(stderr, "vigil: out of memory allocating %zu bytes\n", n);
    abort();
}

void *vg_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *vg_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) oom(count * size);
    return p;
}

void *vg_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

void vg_free(void *p)
{
    free(p);
}

char *vg_strndup(const char *s, size_t n)
{
    char *p = vg_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *vg_strdup(const char *s)
{
    return vg_strndup(s, strlen(s));
}

void vg_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return;
    size_t c = *cap ? *cap : 8;
    while (c < need) c *= 2;
    *p = vg_realloc(*p, c * elem);
    *cap = c;
}
