/*
 * tokcache.c — the token lookup memo of the coder: creation, the miss
 * path and the misspelt-actor memo (tokcache.h has the table and the
 * inline hit path).
 *
 * A hit costs reading the token as three words, a hash of them and a
 * compare with the two slots of its set, instead of a case fold, a hash
 * of every prefix, a word-table probe, a stem search, a lexicon probe and
 * the dictionary's one-word nodes and their entries.
 */
#include "tokcache.h"

#include "alloc.h"
#include "lexicon.h"

_Static_assert(sizeof(vg_tc_ent) == 64, "a cache slot is one 64-byte line");

#define LINE 64u

vg_tokcache *vg_tokcache_new(const vigil_dict *d)
{
    vg_tokcache *tc = vg_calloc(1, sizeof *tc);
    tc->dict = d;
    tc->cwords = vg_cwords_new(d);
    /* Aligned by hand: vg_calloc promises malloc's alignment only. */
    tc->mem = vg_calloc(VG_TC_SETS * VG_TC_WAYS + 1, sizeof *tc->slot);
    uintptr_t a = ((uintptr_t)tc->mem + LINE - 1) & ~(uintptr_t)(LINE - 1);
    tc->slot = (vg_tc_ent *)a;
    return tc;
}

void vg_tokcache_free(vg_tokcache *tc)
{
    if (!tc) return;
    vg_cwords_free(tc->cwords);
    vg_free(tc->mem);
    vg_free(tc);
}

/* Every answer of the token s[0..n) into e, except its key and length. */
static void compute(const vg_tokcache *tc, const char *s, size_t n, vg_tc_ent *e)
{
    uint64_t lex = e->lex = vg_lex(s, n);
    vg_dict_word_stem(tc->dict, s, n, &e->wid, &e->sid);
    e->cw = vg_cwords_of(tc->cwords, s, n, e->wid);
    e->fuzzy = 0;
    e->flags = n > 4 && s[n - 2] == 'l' && s[n - 1] == 'y' ? VG_TC_LY | VG_TC_ADV : 0;
    if (lex & (L_ADV | L_TIME | L_TO)) e->flags |= VG_TC_ADV;
    /* One hit more than a slot keeps, to know when there are more. */
    vg_hit h[VG_TC_HITS + 1];
    int walk;
    size_t nh = vg_dict_lookup1(tc->dict, e->wid, e->sid, h, VG_TC_HITS + 1, &walk);
    memset(e->hid, 0, sizeof e->hid);
    memset(e->hkind, 0, sizeof e->hkind);
    if (walk == VG_WALK_ALWAYS || nh > VG_TC_HITS) {
        e->nh = VG_TC_LOOKUP;
        e->flags |= VG_TC_START;
        return;
    }
    if (nh || walk == VG_WALK_NEXT) e->flags |= VG_TC_START;
    if (walk == VG_WALK_NEXT) e->flags |= VG_TC_PREFIX;
    for (size_t i = 0; i < nh; i++) {
        e->hid[i] = h[i].id;
        e->hkind[i] = (uint8_t)(h[i].kind | (h[i].stem ? VG_TC_STEM : 0));
        if (h[i].kind == VG_ENT_SYN) e->flags |= VG_TC_SYN;
    }
    e->nh = (uint8_t)nh;
}

const vg_tc_ent *vg_tokcache_fill(vg_tokcache *tc, vg_tc_ent *set, const uint64_t *k, const char *s,
                                  size_t n)
{
    if (!set || n == 0 || n > VG_TC_BYTES) {
        memset(&tc->scratch, 0, sizeof tc->scratch);
        compute(tc, s, n, &tc->scratch);
        return &tc->scratch;
    }
    /* The newcomer goes first; the first moves to the second. */
    memmove(&set[1], &set[0], (VG_TC_WAYS - 1) * sizeof *set);
    vg_tc_ent *e = &set[0];
    memcpy(e->k, k, sizeof e->k);
    e->len = (uint8_t)n;
    compute(tc, s, n, e);
    return e;
}

const vg_tc_ent *vg_tokcache_get_again(vg_tokcache *tc, const char *s, size_t n)
{
    return vg_tokcache_get(tc, s, n);
}

uint32_t vg_tokcache_fuzzy(vg_tokcache *tc, const char *s, size_t n)
{
    if (n == 0 || n > VG_TC_BYTES) return vg_dict_fuzzy_actor(tc->dict, s, n);
    uint64_t k[3];
    vg_tc_key(s, n, k);
    vg_tc_ent *set = vg_tc_set(tc, k, n);
    for (unsigned w = 0; w < VG_TC_WAYS; w++) {
        vg_tc_ent *e = &set[w];
        if (e->k[0] == k[0] && e->k[1] == k[1] && e->k[2] == k[2] && e->len == n) {
            if (!(e->flags & VG_TC_FUZZY)) {
                e->fuzzy = vg_dict_fuzzy_actor(tc->dict, s, n);
                e->flags |= VG_TC_FUZZY;
            }
            return e->fuzzy;
        }
    }
    return vg_dict_fuzzy_actor(tc->dict, s, n); /* not kept (evicted since) */
}
