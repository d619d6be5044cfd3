/*
 * test_tokcache.c — the coder's token lookup memo (tokcache.c) must give
 * exactly what vg_dict_word_stem, vg_lex, vg_cwords_of, vg_dict_lookup1
 * and vg_dict_fuzzy_actor give, on hits, misses and after evictions, and
 * the phrase lookups tagging makes from it (the kept one-word hits unless
 * vg_dict_may_continue says the next token may continue a phrase) must
 * equal vg_dict_lookup at every position of many token sequences. A dictionary of the set1 fixtures
 * plus a few thousand invented words and stems is asked about every word in several spellings
 * (case, a letter added or removed, a suffix), closed-class words, UTF-8,
 * bytes that are no UTF-8, NULs, the empty token and tokens longer than a
 * slot holds, many times over in a shuffled order so that slots are
 * reused.
 */
#include "cwords.h"
#include "dict.h"
#include "dict_impl.h"
#include "harness.h"
#include "lexicon.h"
#include "tokcache.h"
#include "tokenize.h"

#include <stdlib.h>

#define FIX "tests/fixtures/dict/"
#define MAXTOK 40000
#define TOKBYTES 320

static char tok[MAXTOK][TOKBYTES];
static size_t toklen[MAXTOK];
static size_t ntok;

static void add(const char *s, size_t n)
{
    if (ntok >= MAXTOK || n >= TOKBYTES) return;
    memcpy(tok[ntok], s, n);
    toklen[ntok++] = n;
}

static void adds(const char *s)
{
    add(s, strlen(s));
}

static uint32_t rng = 12345;
static uint32_t rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

/* Slots found to hold synonym-set hits only. */
static size_t synonly_seen;

/* The bits the caches of this test keep for each rule word (cwbits): any
 * three bits but 0 for most words. */
static uint8_t test_cwbits[CW_COUNT];

static vg_tokcache *new_cache(const vigil_dict *d)
{
    vg_tokcache *tc = vg_tokcache_new(d);
    tc->cwbits = test_cwbits;
    return tc;
}

/* Does slot e hold what the direct lookups give for s[0..n)? */
static int same(const vigil_dict *d, const vg_cwords *cw, const vg_tc_ent *e, const char *s,
                size_t n)
{
    uint32_t wid, sid;
    vg_dict_word_stem(d, s, n, &wid, &sid);
    if (e->wid != wid || e->sid != sid || e->lex != vg_lex(s, n) ||
        e->cw != vg_cwords_of(cw, s, n, wid))
        return 0;
    /* The coder's list bits: by lexicon classes, and the rule word's. */
    uint64_t lex = vg_lex(s, n);
    for (unsigned kind = VG_TOK_WORD; kind <= VG_TOK_QUOTE; kind++) {
        int listed = lex ? (lex & (L_SPEECH | L_IRREAL)) != 0 : kind == VG_TOK_WORD;
        if ((e->cx >> kind & 1) != listed) return 0;
    }
    if (e->cx >> VG_TC_X_CW_SHIFT != test_cwbits[e->cw]) return 0;
    /* The per-token flags: "-ly", and the lexicon classes of adverbs. */
    int ly = n > 4 && s[n - 2] == 'l' && s[n - 1] == 'y';
    unsigned c0 = n ? (unsigned char)s[0] : 0;
    int mark = !((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || (c0 >= '0' && c0 <= '9'));
    if (((e->flags & VG_TC_MARK) != 0) != mark) return 0;
    if (((e->flags & VG_TC_LY) != 0) != ly ||
        ((e->flags & VG_TC_ADV) != 0) != (ly || (vg_lex(s, n) & (L_ADV | L_TIME | L_TO)) != 0))
        return 0;
    vg_hit h[8];
    int walk;
    size_t nh = vg_dict_lookup1(d, wid, sid, h, 8, &walk);
    if (walk == VG_WALK_ALWAYS || nh > VG_TC_HITS)
        return vg_tc_nh(e) == VG_TC_LOOKUP && e->tag == VG_TC_T_LOOKUP;
    if (vg_tc_nh(e) != nh || ((e->flags & VG_TC_PREFIX) != 0) != (walk == VG_WALK_NEXT)) return 0;
    int syn = 0, other = 0;
    for (size_t k = 0; k < nh; k++) {
        if (e->hid[k] != h[k].id || (e->hkind[k] & ~VG_TC_STEM) != h[k].kind ||
            ((e->hkind[k] & VG_TC_STEM) != 0) != (h[k].stem != 0))
            return 0;
        syn |= h[k].kind == VG_ENT_SYN;
        other |= h[k].kind != VG_ENT_SYN;
    }
    if (((e->flags & VG_TC_SYN) != 0) != syn) return 0;
    /* Synonym sets only: tagging notes them and has nothing to pick. */
    if (((e->flags & VG_TC_SYNONLY) != 0) != (syn && !other)) return 0;
    synonly_seen += syn && !other;
    /* nh == 0 exactly where no phrase may start. */
    int start = nh != 0 || (e->flags & VG_TC_PREFIX);
    unsigned tag =
        (unsigned)nh | (e->flags & VG_TC_PREFIX ? VG_TC_T_PREFIX : 0) | (syn ? VG_TC_T_SYN : 0);
    return start == (vg_dict_may_start(d, wid, sid) != 0) && e->tag == tag;
}

/* The hits tagging takes at position i of a sentence of tokens whose slots
 * say nh/flags/hits (copied, as tag_sentence copies them) and whose ids
 * are ids/sids: the kept hits, or vg_dict_lookup where they do not do. */
static size_t tag_hits(const vigil_dict *d, const vg_tc_ent *ent, const uint32_t *ids,
                       const uint32_t *sids, size_t n, size_t i, vg_hit *out)
{
    const vg_tc_ent *e = &ent[i];
    if (vg_tc_nh(e) == VG_TC_LOOKUP) return vg_dict_lookup(d, ids, sids, n, i, out, 64);
    /* Tagging tests the filter inline and then walks without the
     * shortcuts vg_dict_lookup tries first. */
    if ((e->flags & VG_TC_PREFIX) && i + 1 < n &&
        vg_dict_filter_continues(vg_dict_pair_filter(d), ids[i], ids[i + 1], sids[i + 1])) {
        /* The walk for longer phrases, then the kept one-word hits. */
        size_t w = vg_dict_walk(d, ids, sids, n, i, out, 64);
        for (size_t k = 0; k < vg_tc_nh(e) && w < 64; k++)
            out[w++] = (vg_hit){(uint8_t)(e->hkind[k] & ~VG_TC_STEM),
                                (e->hkind[k] & VG_TC_STEM) != 0, e->hid[k], 1};
        return w;
    }
    for (size_t k = 0; k < vg_tc_nh(e); k++) {
        vg_hit h = {(uint8_t)(e->hkind[k] & ~VG_TC_STEM), (e->hkind[k] & VG_TC_STEM) != 0,
                    e->hid[k], 1};
        out[k] = h;
    }
    return vg_tc_nh(e);
}

static size_t fuzzy_found, walks, longer, continues;

/* Phrases of the dictionary at d, cut into tokens, with a word of noise
 * here and there, their words in other cases, and the word of an actor
 * misspelt: the lookups tagging makes from the cache equal vg_dict_lookup
 * at every position; the misspelt-actor memo equals vg_dict_fuzzy_actor.
 * Returns the number of positions checked; *bad counts differences. */
static size_t check_sentences(const char *dir, size_t *bad)
{
    vigil_dict *d = vigil_dict_new();
    if (vigil_dict_load(d, dir) != VIGIL_OK || vigil_dict_finish(d) != VIGIL_OK) {
        vigil_dict_free(d);
        (*bad)++;
        return 0;
    }
    vg_tokcache *tc = new_cache(d);
    vg_cwords *cw = vg_cwords_new(d);
    /* The words of the dictionary, and a few others. */
    static const char *noise[] = {"the",
                                  "The",
                                  "of",
                                  "and",
                                  ",",
                                  "'s",
                                  "said",
                                  "Gondorr",
                                  "Rohhan",
                                  "Mordorian",
                                  "Aragorn",
                                  "x",
                                  "\xc3\xa9t\xc3\xa9",
                                  ""};
    size_t nw = 0;
    while (vg_dict_word(d, (uint32_t)nw + 1)) nw++;
    size_t checked = 0;
    for (int r = 0; r < 20000; r++) {
        const char *tk[24];
        size_t tn[24];
        char buf[24][64];
        size_t n = 1 + rnd() % 12;
        /* Half the sentences start with the words of a phrase of two words
         * or more, so that words starting longer phrases are followed by
         * ones that continue them (or, changed below, do not). */
        const pnode *ph = NULL;
        if (r % 2 && d->nnodes) {
            ph = &d->nodes[rnd() % d->nnodes];
            if (ph->n < 2) ph = NULL;
        }
        for (size_t i = 0; i < n; i++) {
            const char *w;
            if (ph && i < ph->n)
                w = vg_dict_word(d, d->keys[ph->key + i]);
            else if (rnd() % 4 == 0 || !nw)
                w = noise[rnd() % (sizeof noise / sizeof noise[0])];
            else
                w = vg_dict_word(d, 1 + (uint32_t)(rnd() % nw));
            size_t m = strlen(w);
            if (m >= sizeof buf[i]) m = sizeof buf[i] - 1;
            memcpy(buf[i], w, m);
            buf[i][m] = '\0';
            unsigned how = rnd() % (ph ? 16 : 8);
            for (size_t k = 0; k < m; k++) {
                char ch = buf[i][k];
                if ((how == 1 || (how == 2 && k == 0)) && ch >= 'a' && ch <= 'z')
                    buf[i][k] = (char)(ch - 32);
            }
            if (how == 3 && m > 2) buf[i][m / 2] = 'q'; /* a typo */
            if (how == 4 && m > 2 && m + 1 < sizeof buf[i]) {
                memmove(buf[i] + 1, buf[i], m + 1);
                buf[i][0] = 'Z', m++;
            }
            tk[i] = buf[i];
            tn[i] = m;
        }
        vg_tc_ent ent[24];
        uint32_t ids[24], sids[24];
        for (size_t i = 0; i < n; i++) {
            const vg_tc_ent *e = vg_tokcache_get(tc, tk[i], tn[i]);
            *bad += !same(d, cw, e, tk[i], tn[i]);
            ent[i] = *e;
            ids[i] = e->wid;
            sids[i] = e->sid;
        }
        for (size_t i = 0; i < n; i++) {
            vg_hit a[64], b[64];
            size_t na = tag_hits(d, ent, ids, sids, n, i, a);
            size_t nb = vg_dict_lookup(d, ids, sids, n, i, b, 64);
            int diff = na != nb;
            for (size_t k = 0; k < na && !diff; k++)
                diff = a[k].kind != b[k].kind || a[k].stem != b[k].stem || a[k].id != b[k].id ||
                       a[k].len != b[k].len;
            *bad += diff;
            if (i % 3 == 0) {
                uint32_t fa = vg_tokcache_fuzzy(tc, tk[i], tn[i]);
                *bad += fa != vg_dict_fuzzy_actor(d, tk[i], tn[i]);
                fuzzy_found += fa != 0;
            }
            walks += vg_tc_nh(&ent[i]) == VG_TC_LOOKUP || (ent[i].flags & VG_TC_PREFIX);
            if (i + 1 < n && (ent[i].flags & VG_TC_PREFIX)) {
                int inl = vg_dict_filter_continues(vg_dict_pair_filter(d), ids[i], ids[i + 1],
                                                   sids[i + 1]);
                *bad += inl != vg_dict_may_continue(d, ids[i], ids[i + 1], sids[i + 1]);
                continues += inl != 0;
            }
            longer += nb > 0 && b[0].len > 1;
            checked++;
        }
    }
    vg_cwords_free(cw);
    vg_tokcache_free(tc);
    vigil_dict_free(d);
    return checked;
}

int main(void)
{
    for (size_t i = 0; i < CW_COUNT; i++) test_cwbits[i] = (uint8_t)(i % 5 ? 0 : 1 + i % 7);
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, FIX "set1"), VIGIL_OK, "set1 loads");
    /* Invented words and stems, so the word table and the stem search
     * have real work. */
    char w[64];
    for (int i = 0; i < 3000; i++) {
        int n = snprintf(w, sizeof w, "w%c%c%dor", 'a' + i % 26, 'a' + i / 26 % 26, i);
        uint32_t id = vg_dict_intern(d, w, (size_t)n);
        if (i % 7 == 0) vg_dict_mark_stem(d, id);
    }
    uint32_t st = vg_dict_intern(d, "ministr", 7);
    vg_dict_mark_stem(d, st);
    vg_dict_intern(d, "\xC3\xA9owyn", 6);
    INT_EQ(vigil_dict_finish(d), VIGIL_OK, "finish");

    /* Every dictionary word in several spellings. */
    for (uint32_t id = 1; vg_dict_word(d, id); id++) {
        const char *s = vg_dict_word(d, id);
        size_t n = strlen(s);
        adds(s);
        snprintf(w, sizeof w, "%s", s);
        if (w[0] >= 'a' && w[0] <= 'z') w[0] = (char)(w[0] - 32);
        adds(w);
        for (size_t k = 0; w[k]; k++)
            if (w[k] >= 'a' && w[k] <= 'z') w[k] = (char)(w[k] - 32);
        adds(w);
        snprintf(w, sizeof w, "%sies", s);
        adds(w);
        if (n > 1) add(s, n - 1);
        snprintf(w, sizeof w, "x%s", s);
        adds(w);
    }
    static const char *other[] = {"the",
                                  "The",
                                  "THE",
                                  "said",
                                  "Said",
                                  "and",
                                  "not",
                                  "n't",
                                  "would",
                                  "to",
                                  "by",
                                  "according",
                                  "Ministries",
                                  "minister",
                                  "ministr",
                                  "min",
                                  "\xC3\x89OWYN",
                                  "\xC3\xA9owyn",
                                  "\xC3\x89owyn",
                                  "\xff\xfe",
                                  "a\xc3",
                                  "\xe2\x80\x9c",
                                  ",",
                                  ".",
                                  "'s",
                                  "'",
                                  "-",
                                  "\"",
                                  "1,000",
                                  "U.S.",
                                  "u.s."};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) adds(other[i]);
    add("", 0);
    add("the\0x", 5);
    add("wa\0", 3);
    /* Lengths around the longest token a slot holds, and far beyond. */
    for (size_t n = 20; n < 300; n += n < 40 ? 1 : 37) {
        char b[300];
        for (size_t k = 0; k < n; k++) b[k] = (char)('a' + k % 26);
        add(b, n);
        memcpy(b, "Ministr", 7);
        add(b, n);
    }
    /* Random bytes, ASCII and not. */
    for (int i = 0; i < 3000; i++) {
        char b[32];
        size_t n = 1 + rnd() % 30;
        for (size_t k = 0; k < n; k++) b[k] = (char)(i % 2 ? 'a' + rnd() % 26 : rnd() % 256);
        add(b, n);
    }
    OK(ntok > 20000, "many distinct tokens (more than the cache's slots)");

    vg_tokcache *tc = new_cache(d);
    vg_cwords *cw = vg_cwords_new(d);
    size_t bad = 0, asked = 0, fuzzbad = 0;
    for (int round = 0; round < 4; round++) {
        /* Shuffled order each round; some tokens asked twice in a row. */
        for (size_t i = ntok; i > 1; i--) {
            size_t j = rnd() % i;
            char t[TOKBYTES];
            size_t tn = toklen[i - 1];
            memcpy(t, tok[i - 1], TOKBYTES);
            memcpy(tok[i - 1], tok[j], TOKBYTES);
            toklen[i - 1] = toklen[j];
            memcpy(tok[j], t, TOKBYTES);
            toklen[j] = tn;
        }
        for (size_t i = 0; i < ntok; i++) {
            for (int rep = 0; rep < 1 + (int)(i % 3 == 0); rep++) {
                /* Every other token the way tagging asks: key and first set
                 * made ahead (vg_tokcache_prefetch; the buffer has
                 * VG_TC_BYTES bytes after any token), then the probe. */
                vg_tc_pre pre;
                if (toklen[i] && toklen[i] <= VG_TC_BYTES)
                    vg_tokcache_prefetch(tc, tok[i], toklen[i], &pre);
                const vg_tc_ent *e = i % 2 ? vg_tokcache_get_pre(tc, tok[i], toklen[i], &pre)
                                           : vg_tokcache_get(tc, tok[i], toklen[i]);
                if (!same(d, cw, e, tok[i], toklen[i])) {
                    if (bad < 5)
                        fprintf(stderr, "token %zu (%zu bytes): cache %u/%u\n", i, toklen[i],
                                e->wid, e->sid);
                    bad++;
                }
                if (i % 5 == 0 && rep == 0)
                    fuzzbad += vg_tokcache_fuzzy(tc, tok[i], toklen[i]) !=
                               vg_dict_fuzzy_actor(d, tok[i], toklen[i]);
                asked++;
            }
        }
    }
    INT_EQ(bad, 0, "cache answers equal direct lookups");
    OK(synonly_seen > 100, "tokens whose one-word hits are synonym sets only");
    INT_EQ(fuzzbad, 0, "the misspelt-actor memo equals vg_dict_fuzzy_actor");
    OK(asked > 100000, "many lookups");
    /* The cases that matter most are really covered. */
    INT_EQ(vg_tokcache_get(tc, "Ministries", 10)->sid, st, "stem through the cache");
    INT_EQ(vg_tokcache_get(tc, "Ministries", 10)->sid, st, "stem through the cache, again");
    OK(vg_tokcache_get(tc, "THE", 3)->lex & L_DET, "lexicon flags through the cache");
    INT_EQ(vg_tokcache_get(tc, "THE", 3)->cw, CW_THE, "rule word through the cache");
    /* A hit in a set's second slot swaps the set's two slots: two tokens
     * of the same first set, X then Y brought in (Y first, X second),
     * then X asked for: X is in the first slot and Y in the second, both
     * answered right, and asked again in turn they keep trading places. */
    size_t pairs = 0, swapbad = 0;
    vg_tokcache *fresh = new_cache(d);
    static uint32_t first_of_set[VG_TC_SETS];
    for (size_t i = 0; i < ntok && pairs < 300; i++) {
        if (!toklen[i] || toklen[i] > VG_TC_BYTES) continue;
        uint64_t k[3];
        vg_tc_key(tok[i], toklen[i], k);
        uint64_t h = vg_tc_hash(k, toklen[i]);
        uint32_t set = (uint32_t)(h >> 51);
        size_t j = first_of_set[set];
        if (j == UINT32_MAX) continue;
        first_of_set[set] = (uint32_t)i + 1;
        if (!j--) continue;
        if (toklen[j] == toklen[i] && !memcmp(tok[j], tok[i], toklen[i])) continue;
        first_of_set[set] = UINT32_MAX; /* each set once: its slots start empty */
        const vg_tc_ent *first = vg_tc_set1(fresh, h);
        vg_tokcache_get(fresh, tok[j], toklen[j]);
        vg_tokcache_get(fresh, tok[i], toklen[i]);
        for (int rep = 0; rep < 4; rep++) {
            size_t x = rep % 2 ? i : j, y = rep % 2 ? j : i;
            const vg_tc_ent *e = vg_tokcache_get(fresh, tok[x], toklen[x]);
            swapbad += e != first || !same(d, cw, e, tok[x], toklen[x]) ||
                       !same(d, cw, first + 1, tok[y], toklen[y]);
        }
        pairs++;
    }
    vg_tokcache_free(fresh);
    OK(pairs >= 300, "pairs of tokens sharing a first set");
    INT_EQ(swapbad, 0, "a hit in the second slot moves the token to the first");
    vg_cwords_free(cw);
    vg_tokcache_free(tc);
    vg_tokcache_free(NULL);

    /* The key: byte i of the token in byte i % 8 (little-endian) of word
     * i / 8, zeros after, as a byte loop makes it; for every length a slot
     * holds, random bytes (NULs and high bytes among them), read from the
     * end of a buffer so a read past the token would be caught by ASan. */
    size_t keybad = 0, widebad = 0, keys = 0;
    for (size_t n = 1; n <= VG_TC_BYTES; n++)
        for (int r = 0; r < 500; r++, keys++) {
            char *b = malloc(n);
            uint64_t want[3] = {0, 0, 0}, got[3];
            for (size_t i = 0; i < n; i++) {
                b[i] = (char)(r % 5 == 0 ? (rnd() % 3 ? 0 : rnd()) : rnd());
                want[i / 8] |= (uint64_t)(uint8_t)b[i] << (8 * (i % 8));
            }
            vg_tc_key(b, n, got);
            keybad += memcmp(want, got, sizeof want) != 0;
            free(b);
            /* The wide key reads VG_TC_BYTES bytes whatever the length:
             * the token followed by other bytes (text), from the end of a
             * block of exactly that size. */
            char *wb = malloc(VG_TC_BYTES);
            for (size_t i = 0; i < VG_TC_BYTES; i++)
                wb[i] = (char)(i < n ? (uint8_t)(want[i / 8] >> (8 * (i % 8))) : rnd());
            vg_tc_key_wide(wb, n, got);
            widebad += memcmp(want, got, sizeof want) != 0;
            free(wb);
        }
    INT_EQ(keybad, 0, "token keys equal the byte-by-byte ones");
    INT_EQ(widebad, 0, "wide token keys equal the byte-by-byte ones");
    OK(keys == 500 * VG_TC_BYTES, "every length a slot holds");

    /* Tokens differing in one byte (each position of each length) or only
     * in length (a trailing NUL), all of them words of a dictionary so
     * each has its own id: never taken for each other, and every one
     * found again after its pair was asked (two slots a set). */
    vigil_dict *d2 = vigil_dict_new();
    enum { NP = VG_TC_BYTES * (VG_TC_BYTES + 1) };
    static char pa[NP][VG_TC_BYTES + 1], pb[NP][VG_TC_BYTES + 1];
    static size_t pan[NP], pbn[NP];
    size_t np = 0;
    for (size_t n = 1; n <= VG_TC_BYTES; n++)
        for (size_t at = 0; at <= n; at++) {
            char *x = pa[np], *y = pb[np];
            for (size_t i = 0; i <= VG_TC_BYTES; i++) x[i] = y[i] = (char)('a' + (i * 7 + n) % 26);
            pan[np] = pbn[np] = n;
            if (at < n)
                y[at] = (char)('a' + (y[at] - 'a' + 1) % 26);
            else
                y[n] = '\0', pbn[np] = n + 1;
            if (pbn[np] > VG_TC_BYTES) continue;
            vg_dict_intern(d2, x, pan[np]);
            vg_dict_intern(d2, y, pbn[np]);
            np++;
        }
    INT_EQ(vigil_dict_finish(d2), VIGIL_OK, "finish the second dictionary");
    tc = new_cache(d2);
    size_t pairbad = 0, distinct = 0;
    for (int rep = 0; rep < 2; rep++)
        for (size_t i = 0; i < np; i++) {
            uint32_t ids[2];
            for (int j = 0; j < 2; j++) {
                const char *t = j ? pb[i] : pa[i];
                size_t tn = j ? pbn[i] : pan[i];
                const vg_tc_ent *pe = vg_tokcache_get(tc, t, tn);
                uint32_t wid, sid;
                vg_dict_word_stem(d2, t, tn, &wid, &sid);
                pairbad += pe->wid != wid || pe->sid != sid || pe->lex != vg_lex(t, tn) || !wid;
                ids[j] = pe->wid;
            }
            distinct += ids[0] != ids[1];
        }
    INT_EQ(pairbad, 0, "near tokens: the cache answers the direct lookups");
    INT_EQ(distinct, 2 * np, "near tokens kept apart");
    OK(np > 250, "many pairs");
    vg_tokcache_free(tc);
    vigil_dict_free(d2);
    vigil_dict_free(d);

    /* Whole sentences: the golden fixture set (phrases of several words,
     * actors a typo away) and the invented set1. */
    size_t sbad = 0, spos = check_sentences("tests/golden/dict", &sbad);
    spos += check_sentences(FIX "set1", &sbad);
    INT_EQ(sbad, 0, "tagging's lookups from the cache equal vg_dict_lookup at every position");
    OK(spos > 100000, "many positions");
    OK(fuzzy_found > 100, "misspelt actors found through the memo");
    OK(walks > 1000, "words that start longer phrases");
    OK(longer > 1000, "phrases of two words or more found");
    OK(continues > 1000 && continues < walks, "the node filter says yes and no");
    TEST_MAIN_END();
}
