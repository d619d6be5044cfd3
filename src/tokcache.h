/*
 * tokcache.h — a memo of what the coder looks up for every token: its
 * dictionary word and stem ids (vg_dict_word_stem) and its closed-class
 * flags (vg_lex), keyed by the token's bytes exactly as written.
 *
 * News repeats its words ("the", "said", ",", "Russia"), and both lookups
 * are pure functions of the bytes once the dictionary is frozen, so a
 * coder keeps one of these and asks it instead of folding, hashing and
 * probing every token again. Each coder (thread) has its own; the
 * dictionary stays read-only.
 */
#ifndef VG_TOKCACHE_H
#define VG_TOKCACHE_H

#include "dict.h"

#include <stddef.h>
#include <stdint.h>

/* What a token looks up to. */
typedef struct vg_tokinfo {
    uint64_t lex;      /* vg_lex flags */
    uint32_t wid, sid; /* word id and stem id, 0 = none */
    uint8_t starts;    /* vg_dict_may_start(wid, sid): a phrase may start here */
} vg_tokinfo;

typedef struct vg_tokcache vg_tokcache;

/* A cache for lookups in d, which must be frozen (vigil_dict_finish) and
 * outlive the cache. Free with vg_tokcache_free (NULL is fine). */
vg_tokcache *vg_tokcache_new(const vigil_dict *d);
void vg_tokcache_free(vg_tokcache *tc);

/* The lookups of the token s[0..n): the same values as
 * vg_dict_word_stem(d, s, n, ...), vg_lex(s, n) and vg_dict_may_start
 * give. */
void vg_tokcache_get(vg_tokcache *tc, const char *s, size_t n, vg_tokinfo *out);

#endif
