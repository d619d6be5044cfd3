/*
 * tokcache.h — a memo of what the coder looks up for every token: its
 * dictionary word and stem ids (vg_dict_word_stem), its closed-class
 * flags (vg_lex), which word of the rules' table it is (vg_cwords_of),
 * what the dictionary finds at its position when the tokens after it do
 * not matter (vg_dict_lookup1: its one-word phrases) and, asked for
 * separately, the actor it misspells (vg_dict_fuzzy_actor), keyed by the
 * token's bytes exactly as written.
 *
 * News repeats its words ("the", "said", ",", "Russia"), and these lookups
 * are pure functions of the bytes once the dictionary is frozen, so a
 * coder keeps one of these and asks it instead of folding, hashing and
 * probing every token again. Each coder (thread) has its own; the
 * dictionary stays read-only.
 *
 * A two-way set-associative table with two choices of set: the token's
 * bytes (case kept, since the fold is applied on a miss, not here) are
 * read as three 64-bit words, zero-padded, eight bytes at a time; a
 * multiplicative hash of them picks a first set of two slots and a second
 * one, and a slot matches when its words and length are the token's. A
 * miss recomputes the answers and puts them in the first slot of the
 * first set, moving what was there to the second slot, unless that set
 * is full and the second set is not: then they go to the second set
 * (so a set keeps the tokens most recently brought in, and two frequent
 * tokens that share a set do not evict each other). A hit in a set's
 * second slot swaps the two slots: the set is kept in the order of last
 * use, so a frequent token is found in the first slot, and the branch on
 * "first slot?" is taken the same way most of the time (before, a
 * frequent token stayed in the second slot whenever a rarer one had come
 * in after it: 46% of the hits, and a mispredicted branch on a slot that
 * had just been read from memory). With one choice, the
 * 89 VOA stories' 10,700 distinct tokens overflowed their sets often
 * enough that every pass over them missed 2,800 times (three tokens or
 * more in a set take turns); with two, a token is evicted only when both
 * of its sets are full. Tokens longer than VG_TC_BYTES
 * bytes are not kept: they are rare and a slot of fixed size stays
 * small. A slot is one 64-byte cache line, aligned, so a hit reads one
 * line and touches nothing of the dictionary. The hit path is inline
 * here, since it runs for every token; the miss path is in tokcache.c.
 */
#ifndef VG_TOKCACHE_H
#define VG_TOKCACHE_H

#include "bytes.h"
#include "cwords.h"
#include "dict.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Sets of two slots (a power of two). 8192 sets of 128 bytes (1 MB): the
 * working vocabulary of a news corpus mostly fits (the 89 VOA stories
 * have about 10,700 distinct tokens, more than a table of 8,192 single
 * slots held), and the table stays in the L2 cache. */
#define VG_TC_SETS 8192u
#define VG_TC_WAYS 2u
/* Longest token kept (bytes): three 64-bit words. */
#define VG_TC_BYTES 24u
/* One-word hits kept in a slot; a token with more is looked up. */
#define VG_TC_HITS 3u
/* vg_tc_nh when the token has more than VG_TC_HITS one-word hits or the
 * dictionary has no one-word shortcuts: vg_dict_lookup must be asked at
 * its position. */
#define VG_TC_LOOKUP 0xFFu
/* vg_tc_ent.hkind: the stem bit of a hit, above its kind. */
#define VG_TC_STEM 0x80u
/* vg_tc_ent.flags: fuzzy holds vg_dict_fuzzy_actor's answer; the word
 * starts longer phrases (the hits are the answer only when
 * vg_dict_may_continue says no for the next token); a kept hit names a
 * synonym set (VG_ENT_SYN); the token has more than four bytes and ends
 * in "ly" (an adverb, unless the coder's context says otherwise); the
 * token is LY or its lexicon classes have L_ADV, L_TIME or L_TO (the
 * coder's per-token adverb tests need look at no other token). */
#define VG_TC_FUZZY 1u
#define VG_TC_PREFIX 2u
#define VG_TC_SYN 4u
#define VG_TC_LY 8u
#define VG_TC_ADV 32u
/* Every kept hit (one at least) names a synonym set: tagging has nothing
 * to pick at the token's position, only the sets to note. */
#define VG_TC_SYNONLY 64u
/* The token's first byte is no ASCII letter or digit: every punctuation
 * mark and quote, and words that begin otherwise ("'s", "\xC3\x89owyn"). */
#define VG_TC_MARK 16u
/* vg_tc_ent.cx: what the coder's lists of where its rules may start take
 * from the token (tag_sentence). VG_TC_X_KINDS: bit k set when a token of
 * kind k (VG_TOK_*) is listed for find_verbs: every kind when its lexicon
 * classes have L_SPEECH or L_IRREAL, a word when it has none, else no
 * kind. Above these, the bits vg_tokcache.cwbits gives its rule word. */
#define VG_TC_X_KINDS 0x1Fu
#define VG_TC_X_CW_SHIFT 5u
/* vg_tc_ent.tag: what tagging asks of the token's position, in one byte:
 * 0 when no phrase starts with the token (no hit, no VG_TC_PREFIX);
 * VG_TC_T_LOOKUP when the token has more hits than a slot keeps (or the
 * dictionary no one-word shortcuts); else the count of hits, | VG_TC_T_PREFIX with
 * VG_TC_PREFIX, | VG_TC_T_SYN with VG_TC_SYN. Bit 0x10 is left to the
 * coder. */
#define VG_TC_T_COUNT 0x0Fu
#define VG_TC_T_SYN 0x20u
#define VG_TC_T_PREFIX 0x40u
#define VG_TC_T_LOOKUP 0x80u

/* One slot, 64 bytes: the token as three little-endian words, zero after
 * its last byte, and its answers. */
typedef struct vg_tc_ent {
    uint64_t k[3];
    uint64_t lex;              /* vg_lex flags */
    uint32_t wid, sid;         /* word id and stem id, 0 = none */
    uint32_t fuzzy;            /* vg_dict_fuzzy_actor, when flags has VG_TC_FUZZY */
    uint32_t hid[VG_TC_HITS];  /* the one-word hits: entry ids, */
    uint8_t hkind[VG_TC_HITS]; /* kinds (VG_ENT_*), | VG_TC_STEM for a stem hit */
    uint8_t len;               /* 0: an empty slot */
    uint8_t cx;                /* VG_TC_X_KINDS, and the cwbits of cw above them */
    uint8_t cw;                /* vg_cwords_of: CW_* */
    uint8_t flags;             /* VG_TC_FUZZY, VG_TC_PREFIX, ... */
    uint8_t tag;               /* VG_TC_T_* */
} vg_tc_ent;

/* The one-word hits slot e kept (0: no phrase starts with the token), or
 * VG_TC_LOOKUP (from its tag byte). */
static inline size_t vg_tc_nh(const vg_tc_ent *e)
{
    return e->tag & VG_TC_T_LOOKUP ? VG_TC_LOOKUP : e->tag & VG_TC_T_COUNT;
}

typedef struct vg_tokcache {
    const vigil_dict *dict;
    vg_cwords *cwords;
    vg_tc_ent *slot; /* VG_TC_SETS * VG_TC_WAYS, 64-byte aligned in mem */
    void *mem;
    vg_tc_ent scratch; /* the answers of a token too long to keep */
    /* Bits of each rule word (CW_COUNT of them, below 1 << 3) that a slot
     * keeps in cx, shifted by VG_TC_X_CW_SHIFT; NULL: none. The coder
     * sets it before its first lookup. */
    const uint8_t *cwbits;
} vg_tokcache;

/* A cache for lookups in d, which must be frozen (vigil_dict_finish) and
 * outlive the cache. Free with vg_tokcache_free (NULL is fine). */
vg_tokcache *vg_tokcache_new(const vigil_dict *d);
void vg_tokcache_free(vg_tokcache *tc);

/* The miss path of vg_tokcache_get: looks the token up and keeps it in
 * its first or second set (when it is short enough; else the answers go
 * to tc->scratch). The key is made again here, so that the hit path
 * keeps it in registers. */
const vg_tc_ent *vg_tokcache_fill(vg_tokcache *tc, const char *s, size_t n);

/* The actor the token s[0..n) misspells: vg_dict_fuzzy_actor(d, s, n),
 * kept in the token's slot once asked (names with typos recur too). */
uint32_t vg_tokcache_fuzzy(vg_tokcache *tc, const char *s, size_t n);

/* The key of the token s[0..n), 1 <= n <= VG_TC_BYTES: byte i of the token
 * is byte i % 8 (little-endian) of k[i / 8], the rest zero. No byte past
 * s + n is read: a tail shorter than a word is read as the word (or the
 * two half words, or three bytes) ending at s + n, shifted. */
static inline void vg_tc_key(const char *s, size_t n, uint64_t *k)
{
    k[1] = k[2] = 0;
    if (n >= 8) {
        size_t i = 0;
        for (; i + 8 <= n; i += 8) k[i / 8] = vg_le64(s + i);
        if (i < n) k[i / 8] = vg_le64(s + n - 8) >> (8 * (8 - (n - i)));
    } else if (n >= 4) {
        k[0] = vg_le32(s) | vg_le32(s + n - 4) << (8 * (n - 4));
    } else {
        k[0] = (uint64_t)(uint8_t)s[0] | (uint64_t)(uint8_t)s[n / 2] << (8 * (n / 2)) |
               (uint64_t)(uint8_t)s[n - 1] << (8 * (n - 1));
    }
}

/* The bytes of each of the three key words that belong to a token of n
 * bytes (row n, 0 <= n <= VG_TC_BYTES): all of word j when n >= 8j + 8,
 * none when n <= 8j, the low n - 8j bytes between. */
extern const uint64_t vg_tc_masks[VG_TC_BYTES + 1][3];

/* vg_tc_key when the VG_TC_BYTES bytes at s may be read (the token and
 * whatever text follows it): three loads, each masked to the token's
 * bytes, with no branch on the length (token lengths vary from one token
 * to the next, so the branches of vg_tc_key are often mispredicted). */
static inline void vg_tc_key_wide(const char *s, size_t n, uint64_t *k)
{
    const uint64_t *m = vg_tc_masks[n];
    k[0] = vg_le64(s) & m[0];
    k[1] = vg_le64(s + 8) & m[1];
    k[2] = vg_le64(s + 16) & m[2];
}

/* The hash of the key k of a token of n bytes: its top 13 bits are the
 * first set, the 13 below them the second. The third word (bytes 16 to
 * 23, rare) is rotated into the second before one multiply for both. */
static inline uint64_t vg_tc_hash(const uint64_t *k, size_t n)
{
    uint64_t hi = k[1] ^ (k[2] << 29 | k[2] >> 35);
    return (k[0] ^ (hi * 0xC2B2AE3D27D4EB4Full) ^ n) * 0x9E3779B97F4A7C15ull;
}
static inline vg_tc_ent *vg_tc_set1(const vg_tokcache *tc, uint64_t h)
{
    _Static_assert(VG_TC_SETS == 1u << 13, "a set is 13 bits of the hash");
    return &tc->slot[(h >> 51) * VG_TC_WAYS];
}
static inline vg_tc_ent *vg_tc_set2(const vg_tokcache *tc, uint64_t h)
{
    return &tc->slot[(h >> 38 & (VG_TC_SETS - 1)) * VG_TC_WAYS];
}
/* Does slot e hold the token of key k and n bytes? */
static inline int vg_tc_match(const vg_tc_ent *e, const uint64_t *k, size_t n)
{
    return e->k[0] == k[0] && e->k[1] == k[1] && e->k[2] == k[2] && e->len == n;
}

/* Swaps the two slots of set a (its second slot was hit) and returns the
 * first. */
static inline vg_tc_ent *vg_tc_promote(vg_tc_ent *a)
{
    vg_tc_ent x = a[1];
    a[1] = a[0];
    a[0] = x;
    return &a[0];
}

/* The slot holding the token of key k and n bytes, NULL when neither of
 * its sets does (vg_tc_probe2: of its second set, hash h). */
static inline vg_tc_ent *vg_tc_probe2(const vg_tokcache *tc, const uint64_t *k, size_t n,
                                      uint64_t h)
{
    vg_tc_ent *b = vg_tc_set2(tc, h);
    if (vg_tc_match(&b[0], k, n)) return &b[0];
    if (vg_tc_match(&b[1], k, n)) return vg_tc_promote(b);
    return NULL;
}
static inline vg_tc_ent *vg_tc_probe(const vg_tokcache *tc, const uint64_t *k, size_t n)
{
    uint64_t h = vg_tc_hash(k, n);
    vg_tc_ent *a = vg_tc_set1(tc, h);
    if (vg_tc_match(&a[0], k, n)) return &a[0];
    if (vg_tc_match(&a[1], k, n)) return vg_tc_promote(a);
    return vg_tc_probe2(tc, k, n, h);
}

/* The lookups of the token s[0..n): the same values as
 * vg_dict_word_stem(d, s, n, ...), vg_lex(s, n), vg_cwords_of and
 * vg_dict_lookup1 give. The slot stays valid until the next call.
 * (Tagging asks through vg_tokcache_prefetch and vg_tokcache_get_pre.) */
static inline const vg_tc_ent *vg_tokcache_get(vg_tokcache *tc, const char *s, size_t n)
{
    if (n == 0 || n > VG_TC_BYTES) return vg_tokcache_fill(tc, s, n);
    uint64_t k[3];
    vg_tc_key(s, n, k);
    const vg_tc_ent *e = vg_tc_probe(tc, k, n);
    return e ? e : vg_tokcache_fill(tc, s, n);
}

/* A token's key and first set, made ahead of its probe: a caller that
 * knows its next tokens makes these for all of them first
 * (vg_tokcache_prefetch asks for each first set's line from memory on the
 * way), so that their slots' reads overlap, then asks for each token with
 * vg_tokcache_get_pre. */
typedef struct vg_tc_pre {
    uint64_t k[3];
    vg_tc_ent *set;
} vg_tc_pre;

/* p for the token s[0..n), 1 <= n <= VG_TC_BYTES, when the VG_TC_BYTES
 * bytes at s may be read. */
static inline void vg_tokcache_prefetch(const vg_tokcache *tc, const char *s, size_t n,
                                        vg_tc_pre *p)
{
    vg_tc_key_wide(s, n, p->k);
    p->set = vg_tc_set1(tc, vg_tc_hash(p->k, n));
    /* Both slots: a line each (the hardware fetches the pair's other line
     * into the L2 cache at most). */
    __builtin_prefetch(&p->set[0]);
    __builtin_prefetch(&p->set[1]);
}

/* vg_tokcache_get for the token s[0..n) that vg_tokcache_prefetch made p
 * for (p is not read when n is 0 or more than VG_TC_BYTES). */
static inline const vg_tc_ent *vg_tokcache_get_pre(vg_tokcache *tc, const char *s, size_t n,
                                                   const vg_tc_pre *p)
{
    if (n == 0 || n > VG_TC_BYTES) return vg_tokcache_fill(tc, s, n);
    vg_tc_ent *a = p->set;
    if (vg_tc_match(&a[0], p->k, n)) return &a[0];
    if (vg_tc_match(&a[1], p->k, n)) return vg_tc_promote(a);
    const vg_tc_ent *e = vg_tc_probe2(tc, p->k, n, vg_tc_hash(p->k, n));
    return e ? e : vg_tokcache_fill(tc, s, n);
}

/* vg_tokcache_get, out of line: for callers that ask again, rarely, what
 * they asked before (so that the hot call stays inline). */
const vg_tc_ent *vg_tokcache_get_again(vg_tokcache *tc, const char *s, size_t n);

#endif
