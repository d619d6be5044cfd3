/*
 * dict.c — the dictionary store: interned words, the phrase table, the
 * entry tables (actors, agents, verbs, patterns, synonym sets, discards) and
 * the public vigil_dict_* entry points.
 *
 * How it works. Every word of every dictionary phrase is lower-cased and
 * interned once in an open-addressing hash table (word -> id, ids from 1).
 * A phrase is then a short sequence of ids; the phrase table, a second
 * open-addressing hash, maps (id sequence, stem flag) to a node holding a
 * singly linked list of entries (kind, id). Every proper prefix of a stored
 * phrase gets a node too, flagged as a prefix, so vg_dict_lookup walks a
 * sentence word by word and stops as soon as no longer phrase can exist.
 *
 * Strings (words, names, pattern texts, file names) live in an arena of
 * large blocks freed together, and every table is a growable vector, so a
 * loaded dictionary is a handful of allocations and freeing it is quick.
 * After vigil_dict_finish nothing is written any more: lookups only read,
 * and one dictionary serves any number of threads.
 */
#include "dict_impl.h"
#include "buf.h"

#include "alloc.h"
#include "tokenize.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <utf8proc.h>

/* Strings are carved out of blocks of this size; longer strings get a block
 * of their own. */
#define ARENA_BLOCK (64u * 1024)
/* Stems shorter than this many bytes are not looked for: a two-letter stem
 * would match a large share of all words. */
#define MIN_STEM_BYTES 3u

/* ------------------------------------------------------------- utilities */

static uint32_t fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

/* Phrase hashing is incremental so that lookup extends a phrase by one word
 * at a time without rehashing its beginning. */
static uint32_t phash_step(uint32_t h, uint32_t id)
{
    h = (h ^ id) * 0x9E3779B1u;
    return h ^ (h >> 15);
}

static uint32_t phash_final(uint32_t h, int stem)
{
    h ^= stem ? 0x5bd1e995u : 0u;
    h *= 0x85ebca6bu;
    return h ^ (h >> 13);
}

#define PHASH_INIT 0x811C9DC5u

static char *arena_alloc(vigil_dict *d, size_t n)
{
    arena_block *b = d->arena;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        arena_block *nb = vg_malloc(sizeof *nb + cap);
        nb->used = 0;
        nb->cap = cap;
        /* A big private block goes behind the current one so the rest of
         * the current block stays in use. */
        if (b && cap != ARENA_BLOCK) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            d->arena = nb;
        }
        b = nb;
    }
    char *p = b->data + b->used;
    b->used += n;
    return p;
}

/* Lower-cases s[0..n) into out (capacity cap); returns the length, or
 * (size_t)-1 when it does not fit. ASCII takes a fast path; other
 * characters go through utf8proc, invalid bytes are kept as they are. */
static size_t fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    /* Tokens are short and nearly always ASCII: one tight pass, with the
     * case bit set for A-Z without a branch, until a non-ASCII byte. */
    if (n <= cap) {
        for (; i < n; i++) {
            unsigned c = (unsigned char)s[i];
            if (c >= 0x80) break;
            out[i] = (char)(c | (unsigned)(c - 'A' < 26u) << 5);
        }
        if (i == n) return n;
        o = i;
    }
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o >= cap) return (size_t)-1;
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            if (o >= cap) return (size_t)-1;
            out[o++] = (char)c;
            i++;
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if (o + (size_t)m > cap) return (size_t)-1;
        memcpy(out + o, enc, (size_t)m);
        o += (size_t)m;
        i += (size_t)k;
    }
    return o;
}

/* ------------------------------------------------------------ word table */

static uint32_t word_find(const vigil_dict *d, const char *s, size_t n, uint32_t h)
{
    if (!d->nwslots) return 0;
    size_t mask = d->nwslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t id = d->wslots[i];
        if (!id) return 0;
        const word *w = &d->words[id];
        if (w->hash == h && w->len == n) {
            /* Words are short: compared here rather than by a call. */
            size_t j = 0;
            while (j < n && w->s[j] == s[j]) j++;
            if (j == n) return id;
        }
    }
}

static void word_rehash(vigil_dict *d, size_t nslots)
{
    vg_free(d->wslots);
    d->wslots = vg_calloc(nslots, sizeof *d->wslots);
    d->nwslots = nslots;
    size_t mask = nslots - 1;
    for (uint32_t id = 1; id < d->nwords; id++) {
        size_t i = d->words[id].hash & mask;
        while (d->wslots[i]) i = (i + 1) & mask;
        d->wslots[i] = id;
    }
}

uint32_t vg_dict_intern(vigil_dict *d, const char *s, size_t n)
{
    assert(!d->frozen);
    char buf[VG_MAX_WORD_BYTES];
    size_t len = fold(s, n, buf, sizeof buf);
    if (len == (size_t)-1) len = sizeof buf; /* cut: such a word never matches a token */
    uint32_t h = fnv(buf, len);
    uint32_t id = word_find(d, buf, len, h);
    if (id) return id;
    if ((d->nwords + 1) * 2 > d->nwslots) word_rehash(d, d->nwslots ? d->nwslots * 2 : 1024);
    char *p = arena_alloc(d, len + 1);
    memcpy(p, buf, len);
    p[len] = '\0';
    word w = {p, (uint32_t)len, h};
    id = (uint32_t)d->nwords;
    VG_PUSH(d->words, d->nwords, d->capwords, w);
    size_t mask = d->nwslots - 1, i = h & mask;
    while (d->wslots[i]) i = (i + 1) & mask;
    d->wslots[i] = id;
    return id;
}

uint32_t vg_dict_word_id(const vigil_dict *d, const char *s, size_t n)
{
    char buf[VG_MAX_WORD_BYTES];
    size_t len = fold(s, n, buf, sizeof buf);
    if (len == (size_t)-1 || len == 0) return 0;
    return word_find(d, buf, len, fnv(buf, len));
}

const char *vg_dict_word(const vigil_dict *d, uint32_t id)
{
    return id && id < d->nwords ? d->words[id].s : NULL;
}

void vg_dict_mark_stem(vigil_dict *d, uint32_t w)
{
    assert(!d->frozen && w && w < d->nwords);
    if (w >= d->capstem) {
        size_t old = d->capstem;
        vg_grow((void **)&d->is_stem, &d->capstem, (size_t)w + 1, 1);
        memset(d->is_stem + old, 0, d->capstem - old);
    }
    d->is_stem[w] = 1;
    uint32_t len = d->words[w].len;
    if (!d->stem_max || len < d->stem_min) d->stem_min = len;
    if (len > d->stem_max) d->stem_max = len;
}

/* The longest marked stem among the prefixes of the folded word buf[0..len)
 * whose FNV-1a hashes are ph[0..]. Prefixes are cut only at character
 * boundaries, and never shorter than MIN_STEM_BYTES. */
static uint32_t stem_of(const vigil_dict *d, const char *buf, size_t len, const uint32_t *ph)
{
    size_t lo = d->stem_min > MIN_STEM_BYTES ? d->stem_min : MIN_STEM_BYTES;
    size_t k = len < d->stem_max ? len : d->stem_max;
    const uint64_t *bits = d->stem_bits;
    for (; k >= lo; k--) {
        /* Most prefixes are no stem: the filter says so without a probe
         * (and before the test of a character boundary, which the
         * few that pass take). */
        uint32_t b = ph[k] & (VG_STEM_BITS - 1);
        if (bits && !(bits[b / 64] >> (b % 64) & 1)) continue;
        if (k < len && ((unsigned char)buf[k] & 0xC0) == 0x80) continue;
        uint32_t id = word_find(d, buf, k, ph[k]);
        if (id && id < d->capstem && d->is_stem[id]) return id;
    }
    return 0;
}

/* FNV-1a extends byte by byte, so the hashes of every prefix come from one
 * pass instead of one pass per prefix tried. */
static void prefix_hashes(const char *buf, size_t n, uint32_t *ph)
{
    ph[0] = 2166136261u;
    for (size_t i = 0; i < n; i++) ph[i + 1] = (ph[i] ^ (uint8_t)buf[i]) * 16777619u;
}

uint32_t vg_dict_stem_id(const vigil_dict *d, const char *s, size_t n)
{
    if (!d->stem_max) return 0;
    char buf[VG_MAX_WORD_BYTES];
    size_t len = fold(s, n, buf, sizeof buf);
    if (len == (size_t)-1) return 0;
    size_t lo = d->stem_min > MIN_STEM_BYTES ? d->stem_min : MIN_STEM_BYTES;
    size_t k = len < d->stem_max ? len : d->stem_max;
    if (k < lo) return 0;
    uint32_t ph[VG_MAX_WORD_BYTES + 1];
    prefix_hashes(buf, k, ph);
    return stem_of(d, buf, len, ph);
}

/* fold() and prefix_hashes() in one pass for an ASCII token (nearly every
 * one); others take the two steps. Returns the folded length or
 * (size_t)-1 as fold() does. */
static size_t fold_hashes(const char *s, size_t n, char *buf, size_t cap, uint32_t *ph)
{
    uint32_t h = 2166136261u;
    ph[0] = h;
    if (n <= cap) {
        size_t i = 0;
        for (; i < n; i++) {
            unsigned c = (unsigned char)s[i];
            if (c >= 0x80) break;
            c |= (unsigned)(c - 'A' < 26u) << 5;
            buf[i] = (char)c;
            h = (h ^ c) * 16777619u;
            ph[i + 1] = h;
        }
        if (i == n) return n;
    }
    size_t len = fold(s, n, buf, cap);
    if (len != (size_t)-1) prefix_hashes(buf, len, ph);
    return len;
}

void vg_dict_word_stem(const vigil_dict *d, const char *s, size_t n, uint32_t *wid, uint32_t *sid)
{
    char buf[VG_MAX_WORD_BYTES];
    uint32_t ph[VG_MAX_WORD_BYTES + 1];
    *wid = *sid = 0;
    size_t len = fold_hashes(s, n, buf, sizeof buf, ph);
    if (len == (size_t)-1 || len == 0) return;
    *wid = word_find(d, buf, len, ph[len]);
    if (d->stem_max) *sid = stem_of(d, buf, len, ph);
}

/* ---------------------------------------------------------- phrase table */

static uint32_t phrase_hash(const uint32_t *ids, size_t n, int stem)
{
    uint32_t h = PHASH_INIT;
    for (size_t i = 0; i < n; i++) h = phash_step(h, ids[i]);
    return phash_final(h, stem);
}

/* Finds the node of (ids, n, stem) with hash h; returns index + 1 or 0. */
static uint32_t node_find(const vigil_dict *d, const uint32_t *ids, size_t n, int stem, uint32_t h)
{
    if (!d->npslots) return 0;
    size_t mask = d->npslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t x = d->pslots[i];
        if (!x) return 0;
        const pnode *p = &d->nodes[x - 1];
        if (p->hash == h && p->n == n && p->stem == (uint8_t)stem) {
            /* A few words: compared here rather than by a call to memcmp. */
            const uint32_t *k = d->keys + p->key;
            size_t j = 0;
            while (j < n && k[j] == ids[j]) j++;
            if (j == n) return x;
        }
    }
}

/* node_find for the lookups of a finished dictionary: the node filter
 * (dict_impl.h) answers most misses without a probe. */
static inline uint32_t node_find_filtered(const vigil_dict *d, const uint32_t *ids, size_t n,
                                          int stem, uint32_t h)
{
    uint32_t b = h & (VG_NODE_BITS - 1);
    if (d->node_bits && !(d->node_bits[b / 64] >> (b % 64) & 1)) return 0;
    return node_find(d, ids, n, stem, h);
}

static void node_rehash(vigil_dict *d, size_t nslots)
{
    vg_free(d->pslots);
    d->pslots = vg_calloc(nslots, sizeof *d->pslots);
    d->npslots = nslots;
    size_t mask = nslots - 1;
    for (size_t k = 0; k < d->nnodes; k++) {
        size_t i = d->nodes[k].hash & mask;
        while (d->pslots[i]) i = (i + 1) & mask;
        d->pslots[i] = (uint32_t)k + 1;
    }
}

static uint32_t node_get(vigil_dict *d, const uint32_t *ids, size_t n, int stem)
{
    uint32_t h = phrase_hash(ids, n, stem);
    uint32_t x = node_find(d, ids, n, stem, h);
    if (x) return x;
    if ((d->nnodes + 1) * 2 > d->npslots) node_rehash(d, d->npslots ? d->npslots * 2 : 1024);
    pnode p = {(uint32_t)d->nkeys, h, (uint16_t)n, (uint8_t)stem, 0, 0};
    vg_grow((void **)&d->keys, &d->capkeys, d->nkeys + n, sizeof *d->keys);
    memcpy(d->keys + d->nkeys, ids, n * sizeof *ids);
    d->nkeys += n;
    VG_PUSH(d->nodes, d->nnodes, d->capnodes, p);
    size_t mask = d->npslots - 1, i = h & mask;
    while (d->pslots[i]) i = (i + 1) & mask;
    d->pslots[i] = (uint32_t)d->nnodes;
    return (uint32_t)d->nnodes;
}

void vg_dict_map(vigil_dict *d, const uint32_t *ids, size_t n, int stem, int kind, uint32_t id)
{
    assert(!d->frozen);
    assert(n >= 1 && n <= VG_MAX_PHRASE_WORDS);
    stem = stem ? 1 : 0;
    /* Prefix markers: proper prefixes are always exact word ids, since only
     * a phrase's last word can be a stem. */
    for (size_t k = 1; k < n; k++) {
        uint32_t px = node_get(d, ids, k, 0); /* may move d->nodes */
        d->nodes[px - 1].prefix = 1;
    }
    uint32_t x = node_get(d, ids, n, stem);
    pnode *p = &d->nodes[x - 1];
    for (uint32_t e = p->first; e; e = d->ents[e - 1].next) {
        pent *pe = &d->ents[e - 1];
        if (pe->kind != kind) continue;
        if (kind == VG_ENT_SYN) {
            if (pe->id == id) return; /* already a member */
            continue;
        }
        /* A later set overrides; a verb form keeps a link to the one it
         * overrode in another file (layered sets), whose patterns the
         * coder still tries. */
        if (kind == VG_ENT_VERB && pe->id != id && pe->id < id && !d->vforms[id].prev) {
            const vg_verb *ov = &d->verbs[d->vforms[pe->id].verb];
            const vg_verb *nv = &d->verbs[d->vforms[id].verb];
            if (ov->file != nv->file) d->vforms[id].prev = pe->id;
        }
        pe->id = id;
        return;
    }
    pent ne = {(uint8_t)kind, id, 0};
    VG_PUSH(d->ents, d->nents, d->capents, ne);
    /* Entries keep their order of arrival: append at the tail. */
    uint32_t idx = (uint32_t)d->nents;
    if (!p->first)
        p->first = idx;
    else {
        uint32_t e = p->first;
        while (d->ents[e - 1].next) e = d->ents[e - 1].next;
        d->ents[e - 1].next = idx;
    }
}

int vg_dict_phrase(vigil_dict *d, const char *phrase, uint32_t *ids, size_t cap)
{
    /* Words are split exactly as the tokenizer splits text, so "Iran's" in
     * a dictionary is the two words the coder will see. Spaces and '_'
     * separate the parts given to the tokenizer. */
    size_t n = 0;
    const char *p = phrase;
    while (*p) {
        while (*p == ' ' || *p == '_' || *p == '\t') p++;
        const char *q = p;
        while (*q && *q != ' ' && *q != '_' && *q != '\t') q++;
        if ((q - p == 2 && p[0] == '\'' && (p[1] == 's' || p[1] == 'S')) ||
            (q - p == 1 && p[0] == '\'')) {
            /* A possessive written alone ("+ 's &ACCUSATION") is the
             * possessive token the tokenizer splits off "Gondor's". */
            if (n >= cap) return -1;
            ids[n++] = vg_dict_intern(d, q - p == 2 ? "'s" : "'", (size_t)(q - p));
        } else if (q > p) {
            d->ntok = 0;
            vg_tokenize(p, 0, (uint32_t)(q - p), &d->tok, &d->ntok, &d->captok);
            for (size_t t = 0; t < d->ntok; t++) {
                if (n >= cap) return -1;
                ids[n++] = vg_dict_intern(d, p + d->tok[t].start, d->tok[t].end - d->tok[t].start);
            }
        }
        p = q;
    }
    return (int)n;
}

int vg_dict_map_phrase(vigil_dict *d, const char *phrase, size_t len, int stem, int kind,
                       uint32_t id, const char *file, unsigned line)
{
    char buf[VG_MAX_DICT_LINE];
    if (len >= sizeof buf) return vg_dict_error(d, file, line, "phrase too long");
    memcpy(buf, phrase, len);
    buf[len] = '\0';
    uint32_t ids[VG_MAX_PHRASE_WORDS];
    int n = vg_dict_phrase(d, buf, ids, VG_MAX_PHRASE_WORDS);
    if (n < 0) {
        /* A limit, not a syntax error: the phrase is skipped (limits.h). */
        vg_dict_warn(d, file, line,
                     "phrase '%s' has more than %u words (VG_MAX_PHRASE_WORDS); skipped", buf,
                     VG_MAX_PHRASE_WORDS);
        return VIGIL_OK;
    }
    if (n == 0) return VIGIL_OK;
    if (stem && d->words[ids[n - 1]].len < MIN_STEM_BYTES) stem = 0;
    if (stem) vg_dict_mark_stem(d, ids[n - 1]);
    vg_dict_map(d, ids, (size_t)n, stem, kind, id);
    return VIGIL_OK;
}

/* Writes the entries of node x + 1 (0: none) as hits of len words. */
static size_t node_hits(const vigil_dict *d, uint32_t x, int stem, uint32_t len, vg_hit *out,
                        size_t w, size_t cap)
{
    if (!x) return w;
    for (uint32_t e = d->nodes[x - 1].first; e && w < cap; e = d->ents[e - 1].next) {
        vg_hit hit = {d->ents[e - 1].kind, (uint8_t)stem, d->ents[e - 1].id, len};
        out[w++] = hit;
    }
    return w;
}

static size_t lookup_walk(const vigil_dict *d, const uint32_t *ids, const uint32_t *stems, size_t n,
                          size_t i, vg_hit *out, size_t cap, size_t lo);

/* 1 when the pair filter holds (w, next) or (w, the stem nst) as the
 * first two words of a phrase; 0 means no node of two words or more
 * starts so, and the walk would stop after one word. */
static inline int may_continue(const vigil_dict *d, uint32_t w, uint32_t next, uint32_t nst)
{
    return vg_dict_filter_continues(d->pair_bits, w, next, nst);
}

int vg_dict_may_continue(const vigil_dict *d, uint32_t wid, uint32_t next, uint32_t nst)
{
    return !d->pair_bits || may_continue(d, wid, next, nst);
}

const uint64_t *vg_dict_pair_filter(const vigil_dict *d)
{
    return d->pair_bits;
}

size_t vg_dict_walk(const vigil_dict *d, const uint32_t *ids, const uint32_t *stems, size_t n,
                    size_t i, vg_hit *out, size_t cap)
{
    if (i >= n || !d->nnodes) return 0;
    return lookup_walk(d, ids, stems, n, i, out, cap, 2);
}

int vg_dict_may_start(const vigil_dict *d, uint32_t wid, uint32_t sid)
{
    if (!d->nnodes) return 0;
    if (!d->node1) return 1; /* not finished: only a lookup can tell */
    return (wid && wid < d->nwords && d->node1[wid]) || (sid && sid < d->nwords && d->snode1[sid]);
}

/* Longest first: first find, for every length, the exact node and the stem
 * node (if any), walking forward while prefix markers say that longer
 * phrases exist; then report from the longest length down.
 *
 * Most positions of a sentence start no phrase, or only one-word phrases:
 * with the one-word shortcuts those are answered here without the walk. */
size_t vg_dict_lookup(const vigil_dict *d, const uint32_t *ids, const uint32_t *stems, size_t n,
                      size_t i, vg_hit *out, size_t cap)
{
    if (i >= n || !d->nnodes) return 0;
    if (!d->node1) return lookup_walk(d, ids, stems, n, i, out, cap, 1);
    uint32_t w = ids[i], st = stems ? stems[i] : 0;
    uint32_t x = w && w < d->nwords ? d->node1[w] : 0;
    /* A word that starts longer phrases ("the", "of") is mostly followed
     * by one that continues none of them: when the node filter has the
     * bit of neither two-word key (the next word exact, or its stem), the
     * walk would find no node of two words and stop, so the answer is the
     * one-word one below. */
    if (x && d->nodes[x - 1].prefix &&
        (!d->pair_bits || (i + 1 < n && may_continue(d, w, ids[i + 1], stems ? stems[i + 1] : 0))))
        return lookup_walk(d, ids, stems, n, i, out, cap, 1);
    uint32_t y = st && st < d->nwords ? d->snode1[st] : 0;
    if (!cap) return 0;
    return node_hits(d, y, 1, 1, out, node_hits(d, x, 0, 1, out, 0, cap), cap);
}

size_t vg_dict_lookup1(const vigil_dict *d, uint32_t wid, uint32_t sid, vg_hit *out, size_t cap,
                       int *walk)
{
    *walk = 0;
    if (!d->nnodes) return 0;
    if (!d->node1) {
        *walk = VG_WALK_ALWAYS;
        return 0;
    }
    /* The same shortcut reads as vg_dict_lookup's; the walk is needed
     * exactly where it may take it. */
    uint32_t x = wid && wid < d->nwords ? d->node1[wid] : 0;
    if (x && d->nodes[x - 1].prefix) *walk = VG_WALK_NEXT;
    uint32_t y = sid && sid < d->nwords ? d->snode1[sid] : 0;
    if (!cap) return 0;
    return node_hits(d, y, 1, 1, out, node_hits(d, x, 0, 1, out, 0, cap), cap);
}

/* The slot of the node that extends node parent (+ 1; | VG_WS_STEM for a
 * stem) by word w, whose phrase hash is h; NULL when there is none. */
static inline const wslot *walk_find(const vigil_dict *d, uint32_t parent, uint32_t w, uint32_t h)
{
    uint32_t b = h & (VG_NODE_BITS - 1);
    if (d->node_bits && !(d->node_bits[b / 64] >> (b % 64) & 1)) return NULL;
    const wslot *t = d->walk;
    const size_t mask = d->nwalk - 1;
    for (size_t i = h & mask; t[i].parent; i = (i + 1) & mask)
        if (t[i].parent == parent && t[i].last == w) return &t[i];
    return NULL;
}

/* lookup_walk through the walk table (a finished dictionary): the nodes
 * of one word from the shortcuts, longer ones by walk_find, each found
 * from the exact node before it. The same hits, in the same order. */
static size_t lookup_walk_table(const vigil_dict *d, const uint32_t *ids, const uint32_t *stems,
                                size_t n, size_t i, vg_hit *out, size_t cap, size_t lo)
{
    /* Per length: the first entry + 1 of the exact and the stem node. */
    uint32_t exact[VG_MAX_PHRASE_WORDS + 1], stemmed[VG_MAX_PHRASE_WORDS + 1];
    size_t maxlen = 0;
    uint32_t w = ids[i], h = PHASH_INIT, parent = w < d->nwords ? d->node1[w] : 0;
    uint32_t st = stems ? stems[i] : 0;
    exact[1] = stemmed[1] = 0;
    if (lo <= 1) {
        /* (vg_dict_walk's callers take the one-word hits elsewhere: no
         * read of the node records for them.) */
        uint32_t y = st && st < d->nwords ? d->snode1[st] : 0;
        if (y) stemmed[1] = d->nodes[y - 1].first, maxlen = 1;
        if (w && parent) exact[1] = d->nodes[parent - 1].first, maxlen = 1;
    }
    /* (No node of two words or more starts with a word that has no node:
     * every proper prefix of a phrase is one. A word whose node is no
     * prefix finds none below, so its flag need not be read here.) */
    if (!w) parent = 0;
    h = phash_step(h, w);
    for (size_t len = 2; parent && len <= VG_MAX_PHRASE_WORDS && i + len <= n; len++) {
        size_t j = i + len - 1;
        exact[len] = stemmed[len] = 0;
        if (stems && stems[j]) {
            const wslot *x = walk_find(d, parent | VG_WS_STEM, stems[j],
                                       phash_final(phash_step(h, stems[j]), 1));
            if (x) stemmed[len] = x->first, maxlen = len;
        }
        if (!ids[j]) break;
        h = phash_step(h, ids[j]);
        const wslot *x = walk_find(d, parent, ids[j], phash_final(h, 0));
        if (!x) break;
        exact[len] = x->first, maxlen = len;
        if (!(x->node & VG_WS_PREFIX)) break;
        parent = x->node & ~VG_WS_PREFIX;
    }
    /* (A snapshot's slots are not checked one by one when it is mapped:
     * an entry past the table ends the list here.) */
    const size_t ne = d->nents;
    size_t o = 0;
    for (size_t len = maxlen; len >= lo && o < cap; len--) {
        for (int s = 0; s < 2; s++) {
            for (uint32_t e = s ? stemmed[len] : exact[len]; e && e <= ne && o < cap;
                 e = d->ents[e - 1].next) {
                vg_hit hit = {d->ents[e - 1].kind, (uint8_t)s, d->ents[e - 1].id, (uint32_t)len};
                out[o++] = hit;
            }
        }
    }
    return o;
}

/* The hits of the phrases of lo words or more (lo 1 or 2) at i. */
static size_t lookup_walk(const vigil_dict *d, const uint32_t *ids, const uint32_t *stems, size_t n,
                          size_t i, vg_hit *out, size_t cap, size_t lo)
{
    if (d->walk && d->node1) return lookup_walk_table(d, ids, stems, n, i, out, cap, lo);
    uint32_t exact[VG_MAX_PHRASE_WORDS + 1], stemmed[VG_MAX_PHRASE_WORDS + 1];
    uint32_t key[VG_MAX_PHRASE_WORDS];
    size_t maxlen = 0;
    uint32_t h = PHASH_INIT;
    for (size_t len = 1; len <= VG_MAX_PHRASE_WORDS && i + len <= n; len++) {
        size_t j = i + len - 1;
        exact[len] = stemmed[len] = 0;
        /* One-word phrases come from the shortcut arrays when they exist:
         * no hashing, and a word that starts no phrase ends the lookup. */
        int direct = len == 1 && d->node1;
        if (stems && stems[j] && len >= lo) {
            key[len - 1] = stems[j];
            if (direct)
                stemmed[1] = stems[j] < d->nwords ? d->snode1[stems[j]] : 0;
            else
                stemmed[len] =
                    node_find_filtered(d, key, len, 1, phash_final(phash_step(h, stems[j]), 1));
        }
        if (ids[j]) {
            key[len - 1] = ids[j];
            h = phash_step(h, ids[j]);
            if (direct)
                exact[1] = ids[j] < d->nwords ? d->node1[ids[j]] : 0;
            else
                exact[len] = node_find_filtered(d, key, len, 0, phash_final(h, 0));
        }
        if (exact[len] || stemmed[len]) maxlen = len;
        if (!exact[len] || !d->nodes[exact[len] - 1].prefix) break;
    }
    size_t w = 0;
    for (size_t len = maxlen; len >= lo && w < cap; len--) {
        for (int s = 0; s < 2; s++) {
            uint32_t x = s ? stemmed[len] : exact[len];
            if (!x) continue;
            for (uint32_t e = d->nodes[x - 1].first; e && w < cap; e = d->ents[e - 1].next) {
                vg_hit hit = {d->ents[e - 1].kind, (uint8_t)s, d->ents[e - 1].id, (uint32_t)len};
                out[w++] = hit;
            }
        }
    }
    return w;
}

/* ---------------------------------------------------------------- tables */

const char *vg_dict_file(vigil_dict *d, const char *path)
{
    for (size_t i = d->nfiles; i-- > 0;)
        if (strcmp(d->files[i], path) == 0) return d->files[i];
    const char *s = vg_dict_str(d, path, strlen(path));
    VG_PUSH(d->files, d->nfiles, d->capfiles, s);
    return s;
}

const char *vg_dict_str(vigil_dict *d, const char *s, size_t n)
{
    char *p = arena_alloc(d, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void copy_code(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) n = cap - 1;
    if (n) memcpy(dst, src, n);
    dst[n] = '\0';
}

uint32_t vg_dict_add_actor(vigil_dict *d, const char *name, const vg_dated_code *codes,
                           size_t ncodes, const char *file, uint32_t line)
{
    assert(!d->frozen);
    vg_actor a = {(uint32_t)d->ncodes, (uint32_t)ncodes, vg_dict_str(d, name, strlen(name)), file,
                  line};
    for (size_t i = 0; i < ncodes; i++) VG_PUSH(d->codes, d->ncodes, d->capcodes, codes[i]);
    VG_PUSH(d->actors, d->nactors, d->capactors, a);
    return (uint32_t)d->nactors - 1;
}

uint32_t vg_dict_add_agent(vigil_dict *d, const char *name, const char *code, int prefix,
                           const char *file, uint32_t line)
{
    assert(!d->frozen);
    vg_agent a;
    memset(&a, 0, sizeof a);
    copy_code(a.code, sizeof a.code, code);
    a.prefix = (uint8_t)(prefix != 0);
    a.name = vg_dict_str(d, name, strlen(name));
    a.file = file;
    a.line = line;
    VG_PUSH(d->agents, d->nagents, d->capagents, a);
    return (uint32_t)d->nagents - 1;
}

void vg_dict_family_set_code2(vigil_dict *d, uint32_t family, const char *code2)
{
    if (family && family < d->nfamilies && code2 && strlen(code2) < sizeof d->families[0].code2)
        memcpy(d->families[family].code2, code2, strlen(code2) + 1);
}

uint32_t vg_dict_add_family(vigil_dict *d, const char *name, const char *code)
{
    assert(!d->frozen);
    vg_family f;
    memset(&f, 0, sizeof f);
    f.name = vg_dict_str(d, name, strlen(name));
    copy_code(f.code, sizeof f.code, code && *code ? code : "---");
    f.first_pattern = (uint32_t)d->npatterns;
    VG_PUSH(d->families, d->nfamilies, d->capfamilies, f);
    return (uint32_t)d->nfamilies - 1;
}

uint32_t vg_dict_add_verb(vigil_dict *d, const char *lemma, const char *code, uint32_t family,
                          const char *file, uint32_t line)
{
    assert(!d->frozen && family && family < d->nfamilies);
    vg_verb v;
    memset(&v, 0, sizeof v);
    v.lemma = vg_dict_str(d, lemma, strlen(lemma));
    copy_code(v.code, sizeof v.code, code && *code ? code : d->families[family].code);
    v.family = family;
    v.file = file;
    v.line = line;
    VG_PUSH(d->verbs, d->nverbs, d->capverbs, v);
    return (uint32_t)d->nverbs - 1;
}

uint32_t vg_dict_add_verbform(vigil_dict *d, uint32_t verb, int form)
{
    assert(!d->frozen && verb && verb < d->nverbs);
    vg_verbform f = {verb, 0, (uint8_t)form};
    VG_PUSH(d->vforms, d->nvforms, d->capvforms, f);
    return (uint32_t)d->nvforms - 1;
}

/* Patterns of a family are kept contiguous (first_pattern, npatterns), so a
 * pattern added to a family that is not the last one opened is moved into
 * place; loaders add patterns to the family they are reading, so this is
 * the rare case. */
uint32_t vg_dict_add_pattern(vigil_dict *d, uint32_t family, const vg_pel *els, size_t npre,
                             size_t npost, const char *code, const char *code2, const char *text,
                             const char *file, uint32_t line)
{
    assert(!d->frozen && family && family < d->nfamilies);
    vg_pattern p;
    memset(&p, 0, sizeof p);
    p.family = family;
    p.first_el = (uint32_t)d->npels;
    p.npre = (uint16_t)npre;
    p.npost = (uint16_t)npost;
    copy_code(p.code, sizeof p.code, code);
    copy_code(p.code2, sizeof p.code2, code2);
    p.text = vg_dict_str(d, text, strlen(text));
    p.file = file;
    p.line = line;
    for (size_t i = 0; i < npre + npost; i++) VG_PUSH(d->pels, d->npels, d->cappels, els[i]);
    vg_family *f = &d->families[family];
    if (!f->npatterns) f->first_pattern = (uint32_t)d->npatterns;
    uint32_t at = f->first_pattern + f->npatterns;
    VG_PUSH(d->patterns, d->npatterns, d->cappatterns, p);
    if (at != d->npatterns - 1) {
        /* Shift the later patterns up by one and fix the families after. */
        memmove(&d->patterns[at + 1], &d->patterns[at],
                (d->npatterns - 1 - at) * sizeof *d->patterns);
        d->patterns[at] = p;
        for (size_t k = 1; k < d->nfamilies; k++)
            if (k != family && d->families[k].npatterns && d->families[k].first_pattern >= at)
                d->families[k].first_pattern++;
    }
    f->npatterns++;
    return at;
}

uint32_t vg_dict_find_synset(const vigil_dict *d, const char *name)
{
    for (size_t i = 1; i < d->nsynsets; i++)
        if (strcmp(d->synsets[i].name, name) == 0) return (uint32_t)i;
    return 0;
}

uint32_t vg_dict_synset(vigil_dict *d, const char *name)
{
    uint32_t id = vg_dict_find_synset(d, name);
    if (id) return id;
    assert(!d->frozen);
    vg_synset s = {vg_dict_str(d, name, strlen(name))};
    VG_PUSH(d->synsets, d->nsynsets, d->capsynsets, s);
    return (uint32_t)d->nsynsets - 1;
}

uint32_t vg_dict_add_discard(vigil_dict *d, const char *name, int story, const char *file,
                             uint32_t line)
{
    assert(!d->frozen);
    vg_discard x = {vg_dict_str(d, name, strlen(name)), (uint8_t)(story != 0), file, line};
    VG_PUSH(d->discards, d->ndiscards, d->capdiscards, x);
    return (uint32_t)d->ndiscards - 1;
}

/* Getters: ids out of range give NULL rather than reading past a table. */
const vg_actor *vg_dict_actor(const vigil_dict *d, uint32_t id)
{
    return id && id < d->nactors ? &d->actors[id] : NULL;
}
const vg_dated_code *vg_dict_codes(const vigil_dict *d)
{
    return d->codes;
}
const vg_agent *vg_dict_agent(const vigil_dict *d, uint32_t id)
{
    return id && id < d->nagents ? &d->agents[id] : NULL;
}
const vg_verbform *vg_dict_verbform(const vigil_dict *d, uint32_t id)
{
    return id && id < d->nvforms ? &d->vforms[id] : NULL;
}
const vg_verb *vg_dict_verb(const vigil_dict *d, uint32_t id)
{
    return id && id < d->nverbs ? &d->verbs[id] : NULL;
}
const vg_family *vg_dict_family(const vigil_dict *d, uint32_t id)
{
    return id && id < d->nfamilies ? &d->families[id] : NULL;
}
const vg_pattern *vg_dict_pattern(const vigil_dict *d, uint32_t id)
{
    return id < d->npatterns ? &d->patterns[id] : NULL;
}
const vg_pattern *vg_dict_patterns(const vigil_dict *d, size_t *n)
{
    *n = d->npatterns;
    return d->patterns;
}
const vg_pel *vg_dict_pels(const vigil_dict *d)
{
    /* Never NULL: a dictionary whose patterns are all a bare "*" has no
     * elements, and callers index it with first_el (0) all the same. */
    static const vg_pel none[1];
    return d->pels ? d->pels : none;
}
const vg_synset *vg_dict_synset_info(const vigil_dict *d, uint32_t id)
{
    return id && id < d->nsynsets ? &d->synsets[id] : NULL;
}
const vg_discard *vg_dict_discard(const vigil_dict *d, uint32_t id)
{
    return id && id < d->ndiscards ? &d->discards[id] : NULL;
}

/* A dated code that holds beats an undated one; among several dated codes
 * that hold, the one whose range starts latest is the most specific (an
 * office held inside a longer career). The first undated code is the
 * fallback. */
const char *vg_actor_code_at(const vigil_dict *d, uint32_t actor, int32_t date)
{
    const vg_actor *a = vg_dict_actor(d, actor);
    if (!a) return NULL;
    const vg_dated_code *best = NULL, *undated = NULL;
    for (uint32_t k = 0; k < a->ncodes; k++) {
        const vg_dated_code *c = &d->codes[a->first_code + k];
        if (c->from == VG_DATE_MIN && c->to == VG_DATE_MAX) {
            if (!undated) undated = c;
            continue;
        }
        if (date < c->from || date > c->to) continue;
        if (!best || c->from > best->from) best = c;
    }
    if (best) return best->code;
    return undated ? undated->code : NULL;
}

/* ----------------------------------------------------------------- dates */

static int days_in_month(int y, int m)
{
    static const int dm[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m];
}

int vg_date_valid(int32_t v)
{
    int y = v / 10000, m = v / 100 % 100, dd = v % 100;
    if (y < 1000 || y > 9999 || m < 1 || m > 12) return 0;
    return dd >= 1 && dd <= days_in_month(y, m);
}

int32_t vg_date_next(int32_t v)
{
    int y = v / 10000, m = v / 100 % 100, dd = v % 100;
    if (dd < days_in_month(y, m)) return v + 1;
    if (m < 12) return y * 10000 + (m + 1) * 100 + 1;
    return (y + 1) * 10000 + 101;
}

int32_t vg_date_prev(int32_t v)
{
    int y = v / 10000, m = v / 100 % 100, dd = v % 100;
    if (dd > 1) return v - 1;
    if (m > 1) return y * 10000 + (m - 1) * 100 + days_in_month(y, m - 1);
    return (y - 1) * 10000 + 1231;
}

/* ------------------------------------------------------------ diagnostics */

int vg_dict_error(vigil_dict *d, const char *file, unsigned line, const char *fmt, ...)
{
    char msg[400], full[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line)
        snprintf(full, sizeof full, "%s:%u: %s", file ? file : "?", line, msg);
    else
        snprintf(full, sizeof full, "%s: %s", file ? file : "?", msg);
    if (!d->errmsg[0]) memcpy(d->errmsg, full, strlen(full) + 1);
    if (d->diag) d->diag(d->diag_ud, full);
    return VIGIL_ERR_SYNTAX;
}

void vg_dict_warn(vigil_dict *d, const char *file, unsigned line, const char *fmt, ...)
{
    char msg[400], full[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "%s:%u: %s", file ? file : "?", line, msg);
    d->nwarnings++;
    if (d->diag) d->diag(d->diag_ud, full);
}

size_t vg_dict_warnings(const vigil_dict *d)
{
    return d->nwarnings;
}

/* Dictionary files are small (a few MB at most), so they are read whole. */
int vg_dict_slurp(vigil_dict *d, const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", path, strerror(errno));
        if (d->diag) d->diag(d->diag_ud, d->errmsg);
        return VIGIL_ERR_IO;
    }
    size_t cap = 1u << 16, n = 0;
    char *buf = vg_malloc(cap);
    for (;;) {
        if (cap - n < 4096) {
            cap *= 2;
            buf = vg_realloc(buf, cap);
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        vg_free(buf);
        snprintf(d->errmsg, sizeof d->errmsg, "%s: read error", path);
        if (d->diag) d->diag(d->diag_ud, d->errmsg);
        return VIGIL_ERR_IO;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return VIGIL_OK;
}

/* ------------------------------------------------------------ public API */

vigil_dict *vigil_dict_new(void)
{
    vigil_dict *d = vg_calloc(1, sizeof *d);
    /* Index 0 of every table is a placeholder, so that 0 means "none". */
    word w0 = {"", 0, 0};
    VG_PUSH(d->words, d->nwords, d->capwords, w0);
    vg_actor a0;
    memset(&a0, 0, sizeof a0);
    VG_PUSH(d->actors, d->nactors, d->capactors, a0);
    vg_agent g0;
    memset(&g0, 0, sizeof g0);
    VG_PUSH(d->agents, d->nagents, d->capagents, g0);
    vg_verb v0;
    memset(&v0, 0, sizeof v0);
    VG_PUSH(d->verbs, d->nverbs, d->capverbs, v0);
    vg_verbform f0 = {0, 0, 0};
    VG_PUSH(d->vforms, d->nvforms, d->capvforms, f0);
    vg_family m0;
    memset(&m0, 0, sizeof m0);
    VG_PUSH(d->families, d->nfamilies, d->capfamilies, m0);
    vg_synset s0 = {""};
    VG_PUSH(d->synsets, d->nsynsets, d->capsynsets, s0);
    vg_discard x0 = {"", 0, NULL, 0};
    VG_PUSH(d->discards, d->ndiscards, d->capdiscards, x0);
    return d;
}

void vigil_dict_set_diag(vigil_dict *d, vigil_diag_fn fn, void *userdata)
{
    if (!d) return;
    d->diag = fn;
    d->diag_ud = userdata;
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static int contains(const char *s, const char *sub)
{
    return strstr(s, sub) != NULL;
}

/* The kind of a vigil-format file from its extension, NULL if none. */
static const char *vigil_kind(const char *name)
{
    static const char *const kinds[] = {"synsets", "actors", "agents", "verbs", "discards"};
    const char *dot = strrchr(name, '.');
    if (!dot) return NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(dot + 1, kinds[i]) == 0) return kinds[i];
    return NULL;
}

/* The kind of a PETRARCH file from its name, NULL if none (or ignored). */
static const char *petrarch_kind(const char *name)
{
    if (contains(name, "IssueCoding") || !ends_with(name, ".txt")) return NULL;
    if (contains(name, "actors")) return "actors";
    if (contains(name, "agents")) return "agents";
    if (contains(name, "discards")) return "discards";
    if (strncmp(name, "CAMEO", 5) == 0 || contains(name, "verbs")) return "verbs";
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static vigil_status load_dir(vigil_dict *d, const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", path, strerror(errno));
        return VIGIL_ERR_IO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char *s = vg_strdup(e->d_name);
        VG_PUSH(names, n, cap, s);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_str);

    /* vigil's own format wins when any file has one of its extensions. */
    int own = 0;
    for (size_t i = 0; i < n; i++)
        if (vigil_kind(names[i])) own = 1;
    static const char *const order[] = {"synsets", "actors", "agents", "verbs", "discards"};
    vigil_status st = VIGIL_OK;
    size_t loaded = 0;
    for (size_t k = 0; k < 5 && st == VIGIL_OK; k++) {
        for (size_t i = 0; i < n && st == VIGIL_OK; i++) {
            const char *kind = own ? vigil_kind(names[i]) : petrarch_kind(names[i]);
            if (!kind || strcmp(kind, order[k]) != 0) continue;
            size_t len = strlen(path) + strlen(names[i]) + 2;
            char *full = vg_malloc(len);
            snprintf(full, len, "%s/%s", path, names[i]);
            st = vigil_dict_load_file(d, full, kind, !own);
            vg_free(full);
            loaded++;
        }
    }
    for (size_t i = 0; i < n; i++) vg_free(names[i]);
    vg_free(names);
    if (st == VIGIL_OK && !loaded) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: no dictionary files in this folder", path);
        return VIGIL_ERR_DICT;
    }
    return st;
}

static vigil_status already_finished(vigil_dict *d, const char *path)
{
    if (d->map)
        snprintf(d->errmsg, sizeof d->errmsg,
                 "%s: cannot be layered on a dictionary snapshot: compile all the sets into "
                 "one snapshot",
                 path);
    else
        snprintf(d->errmsg, sizeof d->errmsg, "%s: dictionary already finished", path);
    return VIGIL_ERR_ARG;
}

/* A snapshot is known by its magic, whatever the file is called, so
 * --dict takes either kind. A file that cannot be opened here is left to
 * the text loaders, which report why. */
static int is_snapshot_file(const char *path)
{
    unsigned char head[16];
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return vg_snapshot_is(head, n);
}

vigil_status vigil_dict_load(vigil_dict *d, const char *path)
{
    if (!d || !path) return VIGIL_ERR_ARG;
    if (d->frozen) return already_finished(d, path);
    struct stat sb;
    if (stat(path, &sb) != 0) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", path, strerror(errno));
        return VIGIL_ERR_IO;
    }
    if (S_ISDIR(sb.st_mode)) return load_dir(d, path);
    /* Only a regular file can be a (mapped) snapshot; reading the magic of
     * a pipe would eat what the text loader needs. */
    if (S_ISREG(sb.st_mode) && is_snapshot_file(path)) {
        if (!vg_dict_is_empty(d)) {
            snprintf(d->errmsg, sizeof d->errmsg,
                     "%s: a snapshot holds whole finished dictionaries and cannot be layered "
                     "on other sets: compile all the sets into one snapshot",
                     path);
            return VIGIL_ERR_ARG;
        }
        return vg_snapshot_load(d, path);
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *kind = vigil_kind(base);
    if (kind) return vigil_dict_load_file(d, path, kind, 0);
    kind = petrarch_kind(base);
    if (kind) return vigil_dict_load_file(d, path, kind, 1);
    snprintf(d->errmsg, sizeof d->errmsg, "%s: cannot tell the dictionary kind from the name",
             path);
    return VIGIL_ERR_ARG;
}

vigil_status vigil_dict_load_file(vigil_dict *d, const char *path, const char *kind, int petrarch)
{
    if (!d || !path || !kind) return VIGIL_ERR_ARG;
    if (d->frozen) return already_finished(d, path);
    static const char *const kinds[] = {"actors", "agents", "verbs", "discards", "synsets"};
    int ok = 0;
    for (size_t i = 0; i < 5; i++)
        if (strcmp(kind, kinds[i]) == 0) ok = 1;
    if (!ok || (petrarch && strcmp(kind, "synsets") == 0)) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: unknown dictionary kind '%s'", path, kind);
        return VIGIL_ERR_ARG;
    }
    int st = petrarch ? vg_load_petrarch_file(d, path, kind) : vg_load_vigil_file(d, path, kind);
    return (vigil_status)st;
}

/* ------------------------------------------------------------ typo index */

static int fz_word_ok(const word *w)
{
    if (w->len < FUZZY_MIN_BYTES || w->len > 40) return 0;
    for (uint32_t i = 0; i < w->len; i++)
        if (!(w->s[i] >= 'a' && w->s[i] <= 'z')) return 0;
    return 1;
}

static void fz_put(vigil_dict *d, uint32_t h, uint32_t actor, uint32_t wid)
{
    size_t mask = d->nfz - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (!d->fz[i].actor) {
            d->fz[i].hash = h;
            d->fz[i].actor = actor;
            d->fz[i].word = wid;
            return;
        }
        if (d->fz[i].hash == h && d->fz[i].actor == actor) return;
    }
}

/* Builds the typo index from the one-word actor phrases (SymSpell's idea:
 * two words one edit apart share a one-deletion variant, so a lookup
 * needs n+1 probes instead of hundreds of candidate spellings). */
static void fz_build(vigil_dict *d)
{
    size_t count = 0;
    for (size_t k = 0; k < d->nnodes; k++) {
        const pnode *nd = &d->nodes[k];
        if (nd->n != 1 || nd->stem) continue;
        const word *w = &d->words[d->keys[nd->key]];
        if (fz_word_ok(w)) count += w->len + 1;
    }
    if (!count) return;
    d->nfz = 16;
    while (d->nfz < count * 2) d->nfz *= 2;
    d->fz = vg_calloc(d->nfz, sizeof *d->fz);
    char buf[48];
    for (size_t k = 0; k < d->nnodes; k++) {
        const pnode *nd = &d->nodes[k];
        if (nd->n != 1 || nd->stem) continue;
        uint32_t wid = d->keys[nd->key];
        const word *w = &d->words[wid];
        if (!fz_word_ok(w)) continue;
        uint32_t actor = 0;
        for (uint32_t e = nd->first; e; e = d->ents[e - 1].next)
            if (d->ents[e - 1].kind == VG_ENT_ACTOR) actor = d->ents[e - 1].id;
        if (!actor) continue;
        fz_put(d, fnv(w->s, w->len), actor, wid);
        for (uint32_t i = 0; i < w->len; i++) {
            memcpy(buf, w->s, i);
            memcpy(buf + i, w->s + i + 1, w->len - i - 1);
            fz_put(d, fnv(buf, w->len - 1), actor, wid);
        }
    }
}

/* 1 when a and b are at most one edit apart (insertion, deletion,
 * substitution or transposition of neighbours). */
static int one_edit(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > nb + 1 || nb > na + 1) return 0;
    size_t i = 0;
    while (i < na && i < nb && a[i] == b[i]) i++;
    if (na == nb) {
        if (i == na) return 1;
        if (memcmp(a + i + 1, b + i + 1, na - i - 1) == 0) return 1;
        return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               memcmp(a + i + 2, b + i + 2, na - i - 2) == 0;
    }
    if (na > nb) return memcmp(a + i + 1, b + i, na - i - 1) == 0;
    return memcmp(a + i, b + i + 1, nb - i - 1) == 0;
}

uint32_t vg_dict_fuzzy_actor(const vigil_dict *d, const char *s, size_t n)
{
    if (!d->nfz || n < FUZZY_MIN_BYTES || n > 40) return 0;
    char w[48], del[48];
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
        if (!(ch >= 'a' && ch <= 'z')) return 0;
        w[i] = ch;
    }
    uint32_t found = 0;
    size_t mask = d->nfz - 1;
    for (size_t k = 0; k <= n; k++) {
        /* k == n: the word itself; else the word without letter k. */
        size_t m = n;
        const char *q = w;
        if (k < n) {
            memcpy(del, w, k);
            memcpy(del + k, w + k + 1, n - k - 1);
            q = del, m = n - 1;
        }
        uint32_t h = fnv(q, m);
        /* At most a probe per slot, and slots naming no actor or word of
         * this dictionary passed over: a snapshot's typo index is not
         * checked when it is mapped (snapshot.c), only here, as it is
         * read. Built in memory, every slot passes and an empty one ends
         * the probe. */
        size_t i = h & mask;
        for (size_t probes = 0; probes < d->nfz && d->fz[i].actor; probes++, i = (i + 1) & mask) {
            if (d->fz[i].hash != h) continue;
            if (d->fz[i].actor >= d->nactors || !d->fz[i].word || d->fz[i].word >= d->nwords)
                continue;
            const word *cw = &d->words[d->fz[i].word];
            if (cw->len == n && memcmp(cw->s, w, n) == 0) return 0; /* an exact word: no typo */
            if (!one_edit(w, n, cw->s, cw->len)) continue;
            if (found && found != d->fz[i].actor) return 0; /* ambiguous */
            found = d->fz[i].actor;
        }
    }
    return found;
}

/* The lookup shortcuts of dict_impl.h: one-word nodes by word id, the
 * filter of longer nodes, and the stem filter. */
/* The walk table (dict_impl.h, wslot). */
static void walk_build(vigil_dict *d)
{
    size_t n2 = 0;
    for (size_t k = 0; k < d->nnodes; k++) n2 += d->nodes[k].n >= 2;
    if (!n2) return;
    size_t slots = 16;
    while (slots < 2 * n2) slots *= 2;
    wslot *t = vg_calloc(slots, sizeof *t);
    for (size_t k = 0; k < d->nnodes; k++) {
        const pnode *nd = &d->nodes[k];
        if (nd->n < 2) continue;
        const uint32_t *key = d->keys + nd->key;
        /* (The node of the key less its last word: vg_dict_map makes every
         * proper prefix a node, exact.) */
        uint32_t parent = node_find(d, key, nd->n - 1u, 0, phrase_hash(key, nd->n - 1u, 0));
        assert(parent);
        wslot w = {parent | (nd->stem ? VG_WS_STEM : 0), key[nd->n - 1], nd->first,
                   ((uint32_t)k + 1) | (nd->prefix ? VG_WS_PREFIX : 0)};
        size_t i = nd->hash & (slots - 1);
        while (t[i].parent) i = (i + 1) & (slots - 1);
        t[i] = w;
    }
    d->walk = t;
    d->nwalk = slots;
}

static void shortcuts_build(vigil_dict *d)
{
    d->node1 = vg_calloc(d->nwords, sizeof *d->node1);
    d->snode1 = vg_calloc(d->nwords, sizeof *d->snode1);
    for (size_t k = 0; k < d->nnodes; k++) {
        const pnode *nd = &d->nodes[k];
        if (nd->n != 1) continue;
        uint32_t w = d->keys[nd->key];
        (nd->stem ? d->snode1 : d->node1)[w] = (uint32_t)k + 1;
    }
    d->node_bits = vg_calloc(VG_NODE_BITS / 64, sizeof *d->node_bits);
    for (size_t k = 0; k < d->nnodes; k++)
        if (d->nodes[k].n >= 2) {
            uint32_t b = d->nodes[k].hash & (VG_NODE_BITS - 1);
            d->node_bits[b / 64] |= (uint64_t)1 << (b % 64);
        }
    /* Two bits for the first two words of each node of two words (every
     * longer phrase has the node of its first two words). */
    d->pair_bits = vg_calloc(VG_PAIR_BITS / 64, sizeof *d->pair_bits);
    for (size_t k = 0; k < d->nnodes; k++)
        if (d->nodes[k].n == 2) {
            const uint32_t *key = d->keys + d->nodes[k].key;
            uint64_t x = vg_pair_key(key[0], key[1], d->nodes[k].stem);
            for (int j = 0; j < 2; j++) {
                uint64_t b = vg_pair_bit(x, j);
                d->pair_bits[b / 64] |= (uint64_t)1 << (b % 64);
            }
        }
    walk_build(d);
    d->stem_bits = vg_calloc(VG_STEM_BITS / 64, sizeof *d->stem_bits);
    for (size_t w = 1; w < d->capstem && w < d->nwords; w++)
        if (d->is_stem[w]) {
            uint32_t b = d->words[w].hash & (VG_STEM_BITS - 1);
            d->stem_bits[b / 64] |= (uint64_t)1 << (b % 64);
        }
}

/* ---------------------------------------------------- pattern index */

/* How many patterns of one family need a word: counts in an open-
 * addressing table of (family, word) keys, so each pattern can take the
 * rarest of its words as its anchor ("with" and "to" are in hundreds of
 * patterns, "ceasefire" in few). */
typedef struct wcount {
    uint32_t family, word, n;
} wcount;

static wcount *wc_slot(wcount *t, size_t slots, uint32_t family, uint32_t w);

static uint32_t pattern_anchor(const vigil_dict *d, const vg_pattern *p, wcount *t, size_t slots)
{
    const vg_pel *e = d->pels + p->first_el;
    uint32_t best = 0, bestn = UINT32_MAX;
    for (uint32_t k = 0; k < (uint32_t)p->npre + p->npost; k++) {
        if (e[k].kind != VG_PE_WORD || e[k].stem) continue;
        uint32_t n = wc_slot(t, slots, p->family, e[k].id)->n;
        if (n < bestn) best = e[k].id, bestn = n;
    }
    return best;
}

static uint32_t anchor_hash(uint32_t family, uint32_t w)
{
    return (family * 2654435761u) ^ (w * 2246822519u + 0x9e3779b9u);
}

static wcount *wc_slot(wcount *t, size_t slots, uint32_t family, uint32_t w)
{
    size_t h = anchor_hash(family, w) & (slots - 1);
    while (t[h].family && !(t[h].family == family && t[h].word == w)) h = (h + 1) & (slots - 1);
    t[h].family = family, t[h].word = w;
    return &t[h];
}

typedef struct akey {
    uint32_t family, word, pattern;
} akey;

static int akey_cmp(const void *a, const void *b)
{
    const akey *x = a, *y = b;
    if (x->family != y->family) return x->family < y->family ? -1 : 1;
    if (x->word != y->word) return x->word < y->word ? -1 : 1;
    return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

void vg_pattern_index_build(vigil_dict *d)
{
    size_t n = 0;
    for (size_t f = 1; f < d->nfamilies; f++)
        if (d->families[f].npatterns > VG_ANCHOR_MIN_PATTERNS) n += d->families[f].npatterns;
    if (!n) return;
    /* Word counts per family, then each pattern's rarest word. */
    size_t nw = 0;
    for (size_t f = 1; f < d->nfamilies; f++) {
        const vg_family *fa = &d->families[f];
        if (fa->npatterns <= VG_ANCHOR_MIN_PATTERNS) continue;
        for (uint32_t p = 0; p < fa->npatterns; p++) {
            const vg_pattern *pt = &d->patterns[fa->first_pattern + p];
            nw += (size_t)pt->npre + pt->npost;
        }
    }
    size_t wslots = 16;
    while (wslots < 2 * nw) wslots *= 2;
    wcount *wt = vg_calloc(wslots, sizeof *wt);
    for (size_t f = 1; f < d->nfamilies; f++) {
        const vg_family *fa = &d->families[f];
        if (fa->npatterns <= VG_ANCHOR_MIN_PATTERNS) continue;
        for (uint32_t p = 0; p < fa->npatterns; p++) {
            const vg_pattern *pt = &d->patterns[fa->first_pattern + p];
            const vg_pel *e = d->pels + pt->first_el;
            for (uint32_t q = 0; q < (uint32_t)pt->npre + pt->npost; q++)
                if (e[q].kind == VG_PE_WORD && !e[q].stem)
                    wc_slot(wt, wslots, (uint32_t)f, e[q].id)->n++;
        }
    }
    akey *k = vg_malloc(n * sizeof *k);
    size_t m = 0;
    for (size_t f = 1; f < d->nfamilies; f++) {
        const vg_family *fa = &d->families[f];
        if (fa->npatterns <= VG_ANCHOR_MIN_PATTERNS) continue;
        for (uint32_t p = 0; p < fa->npatterns; p++) {
            uint32_t idx = fa->first_pattern + p;
            akey x = {(uint32_t)f, pattern_anchor(d, &d->patterns[idx], wt, wslots), idx};
            k[m++] = x;
        }
    }
    vg_free(wt);
    qsort(k, m, sizeof *k, akey_cmp);
    d->pat_index = vg_malloc(m * sizeof *d->pat_index);
    d->npat_index = m;
    size_t slots = 16;
    while (slots < 2 * m) slots *= 2;
    d->anchors = vg_calloc(slots, sizeof *d->anchors);
    d->nanchors = slots;
    d->anchor_bits = vg_calloc(VG_ANCHOR_BITS(d->nwords), sizeof *d->anchor_bits);
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && k[j].family == k[i].family && k[j].word == k[i].word) {
            d->pat_index[j] = k[j].pattern;
            j++;
        }
        size_t h = anchor_hash(k[i].family, k[i].word) & (slots - 1);
        while (d->anchors[h].family) h = (h + 1) & (slots - 1);
        if (k[i].word) d->anchor_bits[k[i].word / 64] |= (uint64_t)1 << (k[i].word % 64);
        struct vg_anchor a = {k[i].family, k[i].word, (uint32_t)i, (uint32_t)(j - i)};
        d->anchors[h] = a;
        i = j;
    }
    vg_free(k);
    vg_anchor_masks_build(d);
}

/* Each family's anchor words as bits of one 64-byte line: a sentence has
 * about ten words that anchor some family, and a verb's family has a list
 * for one in ten of them, so most probes of the table (1 MB with Phoenix,
 * a cache miss each) found nothing. One line a family tells most of those
 * words apart before the probe (600 families with Phoenix: 38 KB). Built
 * from the table itself, so a snapshot needs no new section; the
 * anchorless lists' places with them. */
void vg_anchor_masks_build(vigil_dict *d)
{
    vg_free(d->anchor_heap);
    vg_free(d->anchorless);
    d->anchor_heap = NULL;
    d->anchor_masks = NULL;
    d->anchorless = NULL;
    if (!d->nanchors || !d->nfamilies) return;
    /* One line more than the masks, to start them on a line. */
    size_t nm = d->nfamilies * VG_ANCHOR_MASK_WORDS;
    unsigned char *heap = vg_calloc(nm + VG_ANCHOR_MASK_WORDS, sizeof(uint64_t));
    uint64_t *m = (uint64_t *)(void *)(heap + (64u - (uintptr_t)heap % 64u) % 64u);
    uint32_t(*al)[2] = vg_calloc(d->nfamilies, sizeof *al);
    for (size_t h = 0; h < d->nanchors; h++) {
        const struct vg_anchor *a = &d->anchors[h];
        if (!a->family || a->family >= d->nfamilies) continue;
        if (!a->word) {
            al[a->family][0] = a->first, al[a->family][1] = a->count;
            continue;
        }
        uint64_t *fm = m + (size_t)a->family * VG_ANCHOR_MASK_WORDS;
        for (int k = 0; k < 2; k++) {
            unsigned b = vg_anchor_mask_bit(a->word, k);
            fm[b / 64] |= (uint64_t)1 << (b % 64);
        }
    }
    d->anchor_heap = heap;
    d->anchor_masks = m;
    d->anchorless = al;
}

/* The anchor table's slot of (family, w), or NULL when it has none; the
 * table must not be empty (d->nanchors). */
static inline const struct vg_anchor *anchor_find(const vigil_dict *d, uint32_t family, uint32_t w)
{
    const struct vg_anchor *an = d->anchors;
    const size_t mask = d->nanchors - 1;
    for (size_t h = anchor_hash(family, w) & mask; an[h].family; h = (h + 1) & mask)
        if (an[h].family == family && an[h].word == w) return &an[h];
    return NULL;
}

const uint32_t *vg_dict_family_anchor(const vigil_dict *d, uint32_t family, uint32_t w, uint32_t *n)
{
    const struct vg_anchor *a = d->nanchors ? anchor_find(d, family, w) : NULL;
    *n = a ? a->count : 0;
    return a ? d->pat_index + a->first : NULL;
}

int vg_dict_is_anchor(const vigil_dict *d, uint32_t w)
{
    return d->anchor_bits && w < d->nwords && (d->anchor_bits[w / 64] >> (w % 64) & 1);
}

size_t vg_dict_anchor_words(const vigil_dict *d, const uint32_t *w, size_t n, uint32_t *out)
{
    /* (The table and its size in locals: a store to out might otherwise
     * be taken to change them.) */
    const uint64_t *bits = d->anchor_bits;
    size_t nw = d->nwords, m = 0;
    if (!bits) return 0;
    /* (Without a branch: one word in six passes, in no order a predictor
     * follows. out has room for n, so the store past the last kept word
     * stays inside it.) */
    for (size_t i = 0; i < n; i++) {
        const uint32_t x = w[i], y = x < nw ? x : 0; /* (word 0 anchors nothing) */
        out[m] = x;
        m += bits[y / 64] >> (y % 64) & 1;
    }
    return m;
}

/* Appends the k pattern indices at ix to (*out)[0..len); returns the new
 * length. */
static inline size_t append_list(const uint32_t *ix, uint32_t k, uint32_t **out, size_t *cap,
                                 size_t len)
{
    if (len + k > *cap) vg_grow((void **)out, cap, len + k, sizeof **out);
    uint32_t *o = *out + len;
    for (uint32_t j = 0; j < k; j++) o[j] = ix[j];
    return len + k;
}

/* Appends the list of (family, w) in the anchor table, if any, to
 * (*out)[0..len); returns the new length. */
static inline size_t family_list(const vigil_dict *d, uint32_t family, uint32_t w, uint32_t **out,
                                 size_t *cap, size_t len)
{
    const struct vg_anchor *a = anchor_find(d, family, w);
    return a ? append_list(d->pat_index + a->first, a->count, out, cap, len) : len;
}

/* (The coder asks this for every verb of a large family: one call probes
 * the table for every anchor word of the sentence, where a call per word
 * cost as much again as the probe.) */
size_t vg_dict_family_cands(const vigil_dict *d, uint32_t family, const uint32_t *w, size_t n,
                            uint32_t **out, size_t *cap, size_t len)
{
    if (!d->nanchors) return len;
    if (!d->anchor_masks || family >= d->nfamilies) {
        /* (Not built: probe for every list.) */
        len = family_list(d, family, 0, out, cap, len);
        for (size_t i = 0; i < n; i++) len = family_list(d, family, w[i], out, cap, len);
        return len;
    }
    /* The anchorless list from its place by family (anchorless). */
    const uint32_t *al = d->anchorless[family];
    if (al[1]) len = append_list(d->pat_index + al[0], al[1], out, cap, len);
    /* The family's line of anchor bits: a word with a clear bit has no
     * list here (anchor_masks), and nine in ten of the sentence's anchor
     * words have none in a given family. */
    const uint64_t *fm = d->anchor_masks + (size_t)family * VG_ANCHOR_MASK_WORDS;
    for (size_t i = 0; i < n; i++) {
        const uint32_t aw = w[i];
        if (!vg_anchor_mask_may(fm, aw)) continue;
        len = family_list(d, family, aw, out, cap, len);
    }
    return len;
}

void vg_dict_need_layout(const vigil_dict *d, size_t *nwords, size_t *nsets)
{
    /* (As vigil_dict_count gives the counts: ids below nwords, nsynsets.) */
    *nwords = (d->nwords ? d->nwords - 1 : 0) / 64 + 1;
    *nsets = (d->nsynsets ? d->nsynsets - 1 : 0) / 64 + 1;
}

/* What pattern p needs (vg_pcand): an exact word (not a stem) must be in
 * the sentence, a synonym set must have a member there; the first three
 * such needs, words first, are kept. */
static vg_pcand pattern_needs(const vigil_dict *d, uint32_t idx, uint32_t nw, uint32_t ns)
{
    const vg_pattern *p = &d->patterns[idx];
    /* (No element at all: pels is NULL, and no offset may be added to it.) */
    const vg_pel *els = d->pels ? d->pels + p->first_el : NULL;
    vg_pcand pc = {idx, {0, 0, 0}};
    uint32_t words[3], sets[3], nwd = 0, nst = 0, more = 0;
    for (uint32_t k = 0, n = (uint32_t)p->npre + p->npost; k < n; k++) {
        uint32_t id = els[k].id;
        if (els[k].kind == VG_PE_SYN) {
            if (id / 64 >= ns) continue;
            if (nst < 3)
                sets[nst++] = 64 * nw + id;
            else
                more = 1;
        } else if (els[k].kind == VG_PE_WORD && !els[k].stem) {
            if (id / 64 >= nw) {
                /* (No sentence holds it: the zero word after the sets.) */
                pc.need[0] = 64 * (nw + ns);
                pc.pat = idx | 1u << 28;
                return pc;
            }
            if (nwd < 3)
                words[nwd++] = id;
            else
                more = 1;
        }
    }
    uint32_t m = 0;
    for (uint32_t k = 0; k < nwd; k++) pc.need[m++] = words[k];
    for (uint32_t k = 0; k < nst && m < 3; k++) pc.need[m++] = sets[k];
    if (nwd + nst > m) more = 1;
    pc.pat = idx | m << 28 | (more ? VG_PC_MORE : 0u);
    return pc;
}

void vg_pattern_needs_build(vigil_dict *d)
{
    vg_free(d->pneeds);
    vg_free(d->pcands);
    vg_free(d->pshapes);
    d->pneeds = d->pcands = NULL;
    d->pshapes = NULL;
    /* (An index past VG_PC_INDEX's bits leaves the needs out: the coder
     * then tests every pattern whole.) */
    if (!d->npatterns || d->npatterns > VG_PC_INDEX(~0u)) return;
    size_t nw, ns;
    vg_dict_need_layout(d, &nw, &ns);
    d->pneeds = vg_malloc(d->npatterns * sizeof *d->pneeds);
    d->pshapes = vg_malloc(d->npatterns * sizeof *d->pshapes);
    for (size_t i = 0; i < d->npatterns; i++) {
        const vg_pattern *p = &d->patterns[i];
        d->pneeds[i] = pattern_needs(d, (uint32_t)i, (uint32_t)nw, (uint32_t)ns);
        d->pshapes[i].first_el = p->first_el;
        d->pshapes[i].npre = p->npre, d->pshapes[i].npost = p->npost;
    }
    if (d->npat_index) {
        d->pcands = vg_malloc(d->npat_index * sizeof *d->pcands);
        for (size_t i = 0; i < d->npat_index; i++) {
            uint32_t x = d->pat_index[i];
            /* (A snapshot's pat_index entries are checked below npatterns.) */
            d->pcands[i] = x < d->npatterns ? d->pneeds[x] : (vg_pcand){x, {0, 0, 0}};
        }
    }
}

const vg_pshape *vg_dict_pattern_shapes(const vigil_dict *d)
{
    return d->pshapes;
}

size_t vg_dict_family_spans(const vigil_dict *d, uint32_t family, const uint32_t *w, size_t n,
                            vg_pspan *out)
{
    if (!family || family >= d->nfamilies || !d->pneeds) return 0;
    const vg_family *fa = &d->families[family];
    if (fa->npatterns <= VG_ANCHOR_MIN_PATTERNS) {
        if (!fa->npatterns) return 0;
        out[0].c = d->pneeds + fa->first_pattern, out[0].n = fa->npatterns;
        return 1;
    }
    if (!d->nanchors || !d->pcands || !d->anchor_masks) return 0;
    size_t m = 0;
    const uint32_t *al = d->anchorless[family];
    if (al[1]) out[m].c = d->pcands + al[0], out[m++].n = al[1];
    const uint64_t *fm = d->anchor_masks + (size_t)family * VG_ANCHOR_MASK_WORDS;
    for (size_t i = 0; i < n; i++) {
        const uint32_t aw = w[i];
        if (!vg_anchor_mask_may(fm, aw)) continue;
        const struct vg_anchor *a = anchor_find(d, family, aw);
        if (a) out[m].c = d->pcands + a->first, out[m++].n = a->count;
    }
    return m;
}

vigil_status vigil_dict_finish(vigil_dict *d)
{
    if (!d) return VIGIL_ERR_ARG;
    if (!d->frozen) {
        fz_build(d);
        shortcuts_build(d);
        vg_pattern_index_build(d);
        vg_pattern_needs_build(d);
    }
    d->frozen = 1;
    return VIGIL_OK;
}

const char *vigil_dict_errmsg(const vigil_dict *d)
{
    return d ? d->errmsg : "";
}

size_t vigil_dict_count(const vigil_dict *d, const char *kind)
{
    if (!d || !kind) return 0;
    if (strcmp(kind, "actors") == 0) return d->nactors - 1;
    if (strcmp(kind, "agents") == 0) return d->nagents - 1;
    if (strcmp(kind, "verbs") == 0) return d->nverbs - 1;
    if (strcmp(kind, "patterns") == 0) return d->npatterns;
    if (strcmp(kind, "verbforms") == 0) return d->nvforms - 1;
    if (strcmp(kind, "discards") == 0) return d->ndiscards - 1;
    if (strcmp(kind, "synsets") == 0) return d->nsynsets - 1;
    if (strcmp(kind, "words") == 0) return d->nwords - 1;
    if (strcmp(kind, "families") == 0) return d->nfamilies - 1;
    if (strcmp(kind, "phrases") == 0) return d->nnodes;
    if (strcmp(kind, "warnings") == 0) return d->nwarnings;
    if (strncmp(kind, "root:", 5) == 0 && strlen(kind) == 7) {
        /* Patterns and verbs (with a code of their own) per CAMEO root. */
        size_t n = 0;
        for (size_t i = 0; i < d->npatterns; i++)
            if (memcmp(d->patterns[i].code, kind + 5, 2) == 0) n++;
        for (size_t i = 1; i < d->nverbs; i++)
            if (memcmp(d->verbs[i].code, kind + 5, 2) == 0) n++;
        return n;
    }
    return 0;
}

/* Appends the date range of a code in ISO form ("2012-05-22..", "always"). */
static void put_range(vg_buf *b, const vg_dated_code *c)
{
    if (c->from == VG_DATE_MIN && c->to == VG_DATE_MAX) {
        vg_buf_puts(b, "always");
        return;
    }
    if (c->from != VG_DATE_MIN)
        vg_buf_printf(b, "%04d-%02d-%02d", (int)(c->from / 10000), (int)(c->from / 100 % 100),
                      (int)(c->from % 100));
    vg_buf_puts(b, "..");
    if (c->to != VG_DATE_MAX)
        vg_buf_printf(b, "%04d-%02d-%02d", (int)(c->to / 10000), (int)(c->to / 100 % 100),
                      (int)(c->to % 100));
}

char *vigil_dict_explain(const vigil_dict *d, const char *phrase, const char *date)
{
    if (!d || !phrase) return NULL;
    vg_buf b;
    vg_buf_init(&b, 1u << 20);
    int32_t day = VG_DATE_MAX;
    if (date && strlen(date) == 10) {
        day = 0;
        for (int i = 0; i < 10; i++)
            if (i != 4 && i != 7) day = day * 10 + (date[i] - '0');
    }
    /* The phrase is split into words exactly as text is. */
    uint32_t ids[VG_MAX_PHRASE_WORDS], stems[VG_MAX_PHRASE_WORDS];
    vg_token *tok = NULL;
    size_t ntok = 0, captok = 0, n = 0;
    vg_tokenize(phrase, 0, (uint32_t)strlen(phrase), &tok, &ntok, &captok);
    for (size_t i = 0; i < ntok && n < VG_MAX_PHRASE_WORDS; i++, n++) {
        ids[n] = vg_dict_word_id(d, phrase + tok[i].start, tok[i].end - tok[i].start);
        stems[n] = vg_dict_stem_id(d, phrase + tok[i].start, tok[i].end - tok[i].start);
    }
    vg_free(tok);
    vg_buf_printf(&b, "%s\n", phrase);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        vg_hit hits[64];
        size_t nh = vg_dict_lookup(d, ids, stems, n, i, hits, 64);
        for (size_t h = 0; h < nh; h++) {
            const vg_hit *x = &hits[h];
            found = 1;
            vg_buf_printf(&b, "  words %zu-%zu: ", i + 1, i + x->len);
            if (x->kind == VG_ENT_ACTOR) {
                const vg_actor *a = vg_dict_actor(d, x->id);
                const char *now = vg_actor_code_at(d, x->id, day);
                vg_buf_printf(&b, "actor \"%s\" (%s:%u) -> %s", a->name, a->file, a->line,
                              now ? now : "no code on that date");
                for (uint32_t k = 0; k < a->ncodes; k++) {
                    const vg_dated_code *c = &d->codes[a->first_code + k];
                    vg_buf_printf(&b, "%s%s ", k ? ", " : "; codes: ", c->code);
                    put_range(&b, c);
                }
            } else if (x->kind == VG_ENT_AGENT) {
                const vg_agent *a = vg_dict_agent(d, x->id);
                vg_buf_printf(&b, "agent \"%s\" (%s:%u) -> role %s%s", a->name, a->file, a->line,
                              a->code, a->prefix ? " (before the actor)" : "");
            } else if (x->kind == VG_ENT_VERB) {
                const vg_verbform *vf = vg_dict_verbform(d, x->id);
                const vg_verb *v = vg_dict_verb(d, vf->verb);
                const vg_family *f = vg_dict_family(d, v->family);
                vg_buf_printf(&b, "verb \"%s\" (%s:%u) code %s, %u patterns", v->lemma, v->file,
                              v->line, v->code, f ? f->npatterns : 0);
            } else if (x->kind == VG_ENT_DISCARD) {
                const vg_discard *dc = vg_dict_discard(d, x->id);
                vg_buf_printf(&b, "discard \"%s\" (%s:%u): drops the %s", dc->name, dc->file,
                              dc->line, dc->story ? "story" : "sentence");
            } else if (x->kind == VG_ENT_SYN) {
                vg_buf_printf(&b, "member of %s", vg_dict_synset_info(d, x->id)->name);
            }
            if (x->stem) vg_buf_puts(&b, " (stem match)");
            vg_buf_putc(&b, '\n');
        }
    }
    if (!found) vg_buf_puts(&b, "  no dictionary entry\n");
    return vg_buf_take(&b);
}

void vg_dict_release(vigil_dict *d)
{
    for (arena_block *b = d->arena, *nx; b; b = nx) {
        nx = b->next;
        vg_free(b);
    }
    d->arena = NULL;
    vg_free(d->anchor_heap); /* (on the heap for snapshots too) */
    vg_free(d->anchorless);
    d->anchor_heap = NULL;
    d->anchor_masks = NULL;
    d->anchorless = NULL;
    vg_free(d->pneeds);
    vg_free(d->pcands);
    vg_free(d->pshapes);
    d->pneeds = d->pcands = NULL;
    d->pshapes = NULL;
    if (d->map) {
        /* The tables live in the mapping (snapshot.c). */
        munmap(d->map, d->maplen);
        d->map = NULL;
        d->maplen = 0;
    } else {
        vg_free(d->fz);
        vg_free(d->words);
        vg_free(d->wslots);
        vg_free(d->is_stem);
        vg_free(d->keys);
        vg_free(d->nodes);
        vg_free(d->pslots);
        vg_free(d->ents);
        vg_free(d->actors);
        vg_free(d->codes);
        vg_free(d->agents);
        vg_free(d->verbs);
        vg_free(d->vforms);
        vg_free(d->families);
        vg_free(d->patterns);
        vg_free(d->pels);
        vg_free(d->synsets);
        vg_free(d->discards);
        vg_free(d->files);
        vg_free(d->node1);
        vg_free(d->snode1);
        vg_free(d->stem_bits);
        vg_free(d->node_bits);
        vg_free(d->walk);
        vg_free(d->pair_bits);
        vg_free(d->anchors);
        vg_free(d->pat_index);
        vg_free(d->anchor_bits);
    }
    d->node1 = d->snode1 = NULL;
    d->stem_bits = NULL;
    d->node_bits = NULL;
    d->walk = NULL, d->nwalk = 0;
    d->pair_bits = NULL;
    d->anchors = NULL, d->nanchors = 0;
    d->pat_index = NULL, d->npat_index = 0;
    d->anchor_bits = NULL;
    vg_free(d->tok);
    d->fz = NULL, d->nfz = 0;
    d->words = NULL, d->nwords = d->capwords = 0;
    d->wslots = NULL, d->nwslots = 0;
    d->is_stem = NULL, d->capstem = 0;
    d->keys = NULL, d->nkeys = d->capkeys = 0;
    d->nodes = NULL, d->nnodes = d->capnodes = 0;
    d->pslots = NULL, d->npslots = 0;
    d->ents = NULL, d->nents = d->capents = 0;
    d->actors = NULL, d->nactors = d->capactors = 0;
    d->codes = NULL, d->ncodes = d->capcodes = 0;
    d->agents = NULL, d->nagents = d->capagents = 0;
    d->verbs = NULL, d->nverbs = d->capverbs = 0;
    d->vforms = NULL, d->nvforms = d->capvforms = 0;
    d->families = NULL, d->nfamilies = d->capfamilies = 0;
    d->patterns = NULL, d->npatterns = d->cappatterns = 0;
    d->pels = NULL, d->npels = d->cappels = 0;
    d->synsets = NULL, d->nsynsets = d->capsynsets = 0;
    d->discards = NULL, d->ndiscards = d->capdiscards = 0;
    d->files = NULL, d->nfiles = d->capfiles = 0;
    d->tok = NULL, d->ntok = d->captok = 0;
}

int vg_dict_is_empty(const vigil_dict *d)
{
    return d->nwords == 1 && d->nnodes == 0 && d->nactors == 1 && d->nagents == 1 &&
           d->nverbs == 1 && d->nvforms == 1 && d->nfamilies == 1 && d->npatterns == 0 &&
           d->nsynsets == 1 && d->ndiscards == 1 && d->nfiles == 0 && !d->frozen;
}

void vigil_dict_free(vigil_dict *d)
{
    if (!d) return;
    vg_dict_release(d);
    vg_free(d);
}
