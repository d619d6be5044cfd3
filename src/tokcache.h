/*
 * tokcache.h — a memo of what the coder looks up for every token: its
 * dictionary word and stem ids (vg_dict_word_stem), its closed-class
 * flags (vg_lex) and whether a dictionary phrase may start with it
 * (vg_dict_may_start), keyed by the token's bytes exactly as written.
 *
 * News repeats its words ("the", "said", ",", "Russia"), and these lookups
 * are pure functions of the bytes once the dictionary is frozen, so a
 * coder keeps one of these and asks it instead of folding, hashing and
 * probing every token again. Each coder (thread) has its own; the
 * dictionary stays read-only.
 *
 * A direct-mapped table: the token's bytes are hashed (FNV-1a, case kept,
 * since the fold is applied on a miss, not here), the slot of the hash
 * holds one token with its answers, and a miss recomputes and replaces it.
 * Tokens longer than VG_TC_BYTES bytes are not kept: they are rare and a
 * slot of fixed size stays small. The hit path is inline here, since it
 * runs for every token; the miss path is in tokcache.c.
 */
#ifndef VG_TOKCACHE_H
#define VG_TOKCACHE_H

#include "dict.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* What a token looks up to. */
typedef struct vg_tokinfo {
    uint64_t lex;      /* vg_lex flags */
    uint32_t wid, sid; /* word id and stem id, 0 = none */
    uint8_t starts;    /* vg_dict_may_start(wid, sid): a phrase may start here */
} vg_tokinfo;

/* Slots (a power of two). 8192 of 48 bytes (384 KB): the working
 * vocabulary of a news corpus mostly fits, and the table stays in the L2
 * cache. */
#define VG_TC_SLOTS 8192u
/* Longest token kept (bytes). */
#define VG_TC_BYTES 26u

/* One slot, 48 bytes: the answers packed without vg_tokinfo's padding. */
typedef struct vg_tc_ent {
    uint64_t lex;
    uint32_t wid, sid;
    uint32_t hash;
    uint8_t len; /* 0: an empty slot */
    uint8_t starts;
    char s[VG_TC_BYTES];
} vg_tc_ent;

typedef struct vg_tokcache {
    const vigil_dict *dict;
    vg_tc_ent slot[VG_TC_SLOTS];
} vg_tokcache;

/* A cache for lookups in d, which must be frozen (vigil_dict_finish) and
 * outlive the cache. Free with vg_tokcache_free (NULL is fine). */
vg_tokcache *vg_tokcache_new(const vigil_dict *d);
void vg_tokcache_free(vg_tokcache *tc);

/* The miss path of vg_tokcache_get: looks the token up and keeps it in e
 * (when it is short enough; e may be NULL). */
void vg_tokcache_fill(vg_tokcache *tc, vg_tc_ent *e, uint32_t h, const char *s, size_t n,
                      vg_tokinfo *out);

/* The lookups of the token s[0..n): the same values as
 * vg_dict_word_stem(d, s, n, ...), vg_lex(s, n) and vg_dict_may_start
 * give. */
static inline void vg_tokcache_get(vg_tokcache *tc, const char *s, size_t n, vg_tokinfo *out)
{
    if (n == 0 || n > VG_TC_BYTES) {
        vg_tokcache_fill(tc, NULL, 0, s, n, out);
        return;
    }
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    vg_tc_ent *e = &tc->slot[(h ^ (h >> 16)) & (VG_TC_SLOTS - 1)];
    if (e->hash == h && e->len == n && memcmp(e->s, s, n) == 0) {
        out->lex = e->lex;
        out->wid = e->wid;
        out->sid = e->sid;
        out->starts = e->starts;
        return;
    }
    vg_tokcache_fill(tc, e, h, s, n, out);
}

#endif
