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
#include "tokenize.h"

_Static_assert(sizeof(vg_tc_ent) == 64, "a cache slot is one 64-byte line");
_Static_assert(VG_TOK_WORD < 5 && VG_TOK_NUM < 5 && VG_TOK_PUNCT < 5 && VG_TOK_QUOTE < 5,
               "a bit of VG_TC_X_KINDS for each token kind");

#define LINE 64u

/* Row n: the low n bytes of the 24 of a key, as three words. */
#define M8(m) ((m) >= 8 ? ~0ull : (m) <= 0 ? 0ull : ~0ull >> (64 - 8 * (m)))
#define ROW(n)                                                                                     \
    {                                                                                              \
        M8(n), M8((n)-8), M8((n)-16)                                                               \
    }
const uint64_t vg_tc_masks[VG_TC_BYTES + 1][3] = {
    ROW(0),  ROW(1),  ROW(2),  ROW(3),  ROW(4),  ROW(5),  ROW(6),  ROW(7),  ROW(8),
    ROW(9),  ROW(10), ROW(11), ROW(12), ROW(13), ROW(14), ROW(15), ROW(16), ROW(17),
    ROW(18), ROW(19), ROW(20), ROW(21), ROW(22), ROW(23), ROW(24)};
_Static_assert(VG_TC_BYTES == 24, "one row of masks a length");

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
    e->cx = (uint8_t)((lex & (L_SPEECH | L_IRREAL) ? VG_TC_X_KINDS
                       : !lex                      ? 1u << VG_TOK_WORD
                                                   : 0u) |
                      (tc->cwbits ? (unsigned)tc->cwbits[e->cw] << VG_TC_X_CW_SHIFT : 0u));
    e->fuzzy = 0;
    e->flags = n > 4 && s[n - 2] == 'l' && s[n - 1] == 'y' ? VG_TC_LY | VG_TC_ADV : 0;
    if (lex & (L_ADV | L_TIME | L_TO)) e->flags |= VG_TC_ADV;
    unsigned b = n ? (unsigned char)s[0] | 0x20u : 0; /* lower case for letters */
    if (!n || !((b >= 'a' && b <= 'z') || (s[0] >= '0' && s[0] <= '9'))) e->flags |= VG_TC_MARK;
    /* One hit more than a slot keeps, to know when there are more. */
    vg_hit h[VG_TC_HITS + 1];
    int walk;
    size_t nh = vg_dict_lookup1(tc->dict, e->wid, e->sid, h, VG_TC_HITS + 1, &walk);
    memset(e->hid, 0, sizeof e->hid);
    memset(e->hkind, 0, sizeof e->hkind);
    if (walk == VG_WALK_ALWAYS || nh > VG_TC_HITS) {
        e->tag = VG_TC_T_LOOKUP;
        return;
    }
    e->tag = (uint8_t)nh;
    if (walk == VG_WALK_NEXT) e->flags |= VG_TC_PREFIX, e->tag |= VG_TC_T_PREFIX;
    size_t nsyn = 0;
    for (size_t i = 0; i < nh; i++) {
        e->hid[i] = h[i].id;
        e->hkind[i] = (uint8_t)(h[i].kind | (h[i].stem ? VG_TC_STEM : 0));
        if (h[i].kind == VG_ENT_SYN) e->flags |= VG_TC_SYN, e->tag |= VG_TC_T_SYN, nsyn++;
    }
    if (nh && nsyn == nh) e->flags |= VG_TC_SYNONLY;
}

const vg_tc_ent *vg_tokcache_fill(vg_tokcache *tc, const char *s, size_t n)
{
    if (n == 0 || n > VG_TC_BYTES) {
        memset(&tc->scratch, 0, sizeof tc->scratch);
        compute(tc, s, n, &tc->scratch);
        return &tc->scratch;
    }
    uint64_t k[3];
    vg_tc_key(s, n, k);
    uint64_t h = vg_tc_hash(k, n);
    vg_tc_ent *a = vg_tc_set1(tc, h), *b = vg_tc_set2(tc, h);
    /* The first set, unless it is full and the second is not (len 0: an
     * empty slot; slots fill from the first). The newcomer goes first;
     * the first moves to the second. */
    vg_tc_ent *set = a[VG_TC_WAYS - 1].len && !b[VG_TC_WAYS - 1].len ? b : a;
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
    vg_tc_ent *e = vg_tc_probe(tc, k, n);
    if (!e) return vg_dict_fuzzy_actor(tc->dict, s, n); /* not kept (evicted since) */
    if (!(e->flags & VG_TC_FUZZY)) {
        e->fuzzy = vg_dict_fuzzy_actor(tc->dict, s, n);
        e->flags |= VG_TC_FUZZY;
    }
    return e->fuzzy;
}
