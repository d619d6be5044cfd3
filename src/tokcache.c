/*
 * tokcache.c — the token lookup memo of the coder: creation and the miss
 * path (tokcache.h has the table and the inline hit path).
 *
 * A hit costs reading the token as three words, a hash of them and a
 * compare with the two slots of its set, instead of a case fold, a hash
 * of every prefix, a word-table probe, a stem search and a lexicon probe.
 */
#include "tokcache.h"

#include "alloc.h"
#include "lexicon.h"

_Static_assert(sizeof(vg_tc_ent) == 48, "a cache slot stays 48 bytes");

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

void vg_tokcache_fill(vg_tokcache *tc, vg_tc_ent *set, const uint64_t *k, const char *s, size_t n,
                      vg_tokinfo *out)
{
    memset(out, 0, sizeof *out);
    vg_dict_word_stem(tc->dict, s, n, &out->wid, &out->sid);
    out->lex = vg_lex(s, n);
    out->starts = (uint8_t)vg_dict_may_start(tc->dict, out->wid, out->sid);
    if (!set || n == 0 || n > VG_TC_BYTES) return;
    /* The newcomer goes first; the first moves to the second. */
    memmove(&set[1], &set[0], (VG_TC_WAYS - 1) * sizeof *set);
    vg_tc_ent *e = &set[0];
    memcpy(e->k, k, sizeof e->k);
    e->lex = out->lex;
    e->wid = out->wid;
    e->sid = out->sid;
    e->starts = out->starts;
    e->len = (uint8_t)n;
}
