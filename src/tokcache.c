/*
 * tokcache.c — the token lookup memo of the coder (see tokcache.h).
 *
 * A direct-mapped table: the token's bytes are hashed (FNV-1a, case kept,
 * since vg_lex and the fold are applied on a miss, not here), the slot of
 * the hash holds one token with its answers, and a miss recomputes and
 * replaces it. Tokens longer than TC_BYTES bytes are not kept: they are
 * rare and a slot of fixed size stays small. A hit costs a hash of the
 * bytes and one compare instead of a case fold, a hash of every prefix, a
 * word-table probe, a stem search and a lexicon probe.
 */
#include "tokcache.h"

#include "alloc.h"
#include "lexicon.h"

#include <string.h>

/* Slots (a power of two). 8192 of 48 bytes (384 KB): the working vocabulary of a
 * news corpus mostly fits, and the table stays in the L2 cache. */
#define TC_SLOTS 8192u
/* Longest token kept (bytes). */
#define TC_BYTES 26u

typedef struct tc_ent {
    uint64_t lex;
    uint32_t wid, sid;
    uint32_t hash;
    uint8_t len; /* 0: an empty slot */
    uint8_t starts;
    char s[TC_BYTES];
} tc_ent;

struct vg_tokcache {
    const vigil_dict *dict;
    tc_ent slot[TC_SLOTS];
};

vg_tokcache *vg_tokcache_new(const vigil_dict *d)
{
    vg_tokcache *tc = vg_calloc(1, sizeof *tc);
    tc->dict = d;
    return tc;
}

void vg_tokcache_free(vg_tokcache *tc)
{
    vg_free(tc);
}

static void compute(const vigil_dict *d, const char *s, size_t n, vg_tokinfo *out)
{
    vg_dict_word_stem(d, s, n, &out->wid, &out->sid);
    out->lex = vg_lex(s, n);
    out->starts = (uint8_t)vg_dict_may_start(d, out->wid, out->sid);
}

void vg_tokcache_get(vg_tokcache *tc, const char *s, size_t n, vg_tokinfo *out)
{
    if (n == 0 || n > TC_BYTES) {
        compute(tc->dict, s, n, out);
        return;
    }
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    tc_ent *e = &tc->slot[(h ^ (h >> 16)) & (TC_SLOTS - 1)];
    if (e->hash == h && e->len == n && memcmp(e->s, s, n) == 0) {
        out->lex = e->lex;
        out->wid = e->wid;
        out->sid = e->sid;
        out->starts = e->starts;
        return;
    }
    compute(tc->dict, s, n, out);
    e->lex = out->lex;
    e->wid = out->wid;
    e->sid = out->sid;
    e->starts = out->starts;
    e->hash = h;
    e->len = (uint8_t)n;
    memcpy(e->s, s, n);
}
