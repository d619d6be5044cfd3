/*
 * snapshot.c — a frozen dictionary written to one file and mapped back
 * (`vigil dict compile`, then `--dict FILE`).
 *
 * Loading vigil's own dictionaries with the Phoenix set from text takes
 * about 100 ms: every line is parsed, every word folded and interned, every
 * phrase hashed. The frozen structure (dict_impl.h) is already a set of
 * arrays linked by indices, so a snapshot is those arrays written as they
 * are, after a header, each section aligned to 64 bytes:
 *
 *   header   magic "\x89VIGDICT", format version, an endianness marker,
 *            the pointer size and the size of every record type (so a file
 *            from another machine or build layout is refused), the vigil
 *            version that wrote it, the file size, a 64-bit checksum, and
 *            (offset, count) of every section
 *   sections the string pool, then the word table, phrase table, entry
 *            tables, typo index, lookup shortcuts and pattern index in
 *            their in-memory layout, and the size and time of every source
 *            file (loading says when a source has changed since)
 *
 * The only absolute addresses in those arrays are string pointers; in the
 * file each holds (offset into the pool + 1), 0 for NULL. Loading maps the
 * file privately (copy-on-write), checks the header, the checksum and every
 * index that lookups follow (so a corrupted or hostile file is an error,
 * never a crash or an endless probe loop), then turns the offsets back into
 * pointers in place. Only the pages holding pointers are written and so
 * copied; the hash tables and phrase keys stay shared with the page cache.
 *
 * Records are written field by field into zeroed memory, so padding and
 * the bytes after a code's NUL are zero and a snapshot of the same
 * dictionaries is the same file byte for byte.
 */
#include "alloc.h"
#include "dict_impl.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define SNAP_MAGIC "\x89VIGDICT"
#define SNAP_MAGIC_LEN 8
/* Bump when any record layout or section changes meaning. Format 3: the
 * pattern index (anchors, pat_index, anchor_bits) is stored, not rebuilt
 * at load, and the filter of multi-word phrase nodes (node_bits) with
 * it. Format 4: the checksum of vg_snapshot_checksum (two sums a lane,
 * vectorisable) instead of scalar multiply-xor lanes. Format 5: the
 * filter of first word pairs (pair_bits) that tagging asks after every
 * word starting longer phrases. Format 6: the walk table (wslot), the
 * phrase nodes of two words or more by the node they extend and their
 * last word, which the lookup walk probes instead of the phrase table. */
#define SNAP_FORMAT 6u
#define SNAP_ENDIAN 0x01020304u
#define SNAP_ALIGN 64u

enum {
    S_POOL,
    S_WORDS,
    S_WSLOTS,
    S_STEM,
    S_KEYS,
    S_NODES,
    S_PSLOTS,
    S_ENTS,
    S_ACTORS,
    S_CODES,
    S_AGENTS,
    S_VERBS,
    S_VFORMS,
    S_FAMILIES,
    S_PATTERNS,
    S_PELS,
    S_SYNSETS,
    S_DISCARDS,
    S_FILES,
    S_FZ,
    S_NODE1,
    S_SNODE1,
    S_STEMBITS,
    S_FSTAT,
    S_ANCHORS,
    S_PATINDEX,
    S_ANCHORBITS,
    S_NODEBITS,
    S_PAIRBITS,
    S_WALK,
    NSECT
};

/* The size and modification time of a source file when the snapshot was
 * written, so that loading can say when a source has changed since. */
typedef struct snap_fstat {
    int64_t size, mtime_s, mtime_ns; /* size -1: the file could not be read */
} snap_fstat;

/* Record size of each section; the header repeats them so that a file
 * written by a build with another layout is refused. */
static const uint32_t esize[NSECT] = {
    1,
    sizeof(word),
    sizeof(uint32_t),
    1,
    sizeof(uint32_t),
    sizeof(pnode),
    sizeof(uint32_t),
    sizeof(pent),
    sizeof(vg_actor),
    sizeof(vg_dated_code),
    sizeof(vg_agent),
    sizeof(vg_verb),
    sizeof(vg_verbform),
    sizeof(vg_family),
    sizeof(vg_pattern),
    sizeof(vg_pel),
    sizeof(vg_synset),
    sizeof(vg_discard),
    sizeof(const char *),
    sizeof(struct fz),
    sizeof(uint32_t),
    sizeof(uint32_t),
    sizeof(uint64_t),
    sizeof(snap_fstat),
    sizeof(struct vg_anchor),
    sizeof(uint32_t),
    sizeof(uint64_t),
    sizeof(uint64_t),
    sizeof(uint64_t),
    sizeof(wslot),
};

/* Every field has a fixed width and the layout has no padding, so the
 * header is written as it stands. */
typedef struct snap_header {
    char magic[SNAP_MAGIC_LEN];
    uint32_t format;
    uint32_t endian;
    uint32_t ptrsize;
    uint32_t nsect;
    uint32_t esize[NSECT];
    char vigil[16]; /* VIGIL_VERSION of the writer, NUL-padded */
    /* (NSECT is even from format 6: no spare word keeps filesize 8-byte
     * aligned.) */
    uint64_t filesize;
    uint64_t checksum; /* of the header with this field 0, then the rest */
    uint64_t off[NSECT];
    uint64_t count[NSECT];
    uint32_t stem_min, stem_max;
    uint64_t nwarnings;
} snap_header;

_Static_assert(sizeof(uintptr_t) == sizeof(const char *), "pointers are stored as offsets");
/* No hidden padding: every byte of the header is a field written above. */
_Static_assert(NSECT % 2 == 0, "the esize array ends 8-byte aligned");
_Static_assert(sizeof(snap_header) == 8 + 4 * 4 + 4 * NSECT + 16 + 8 + 8 + 16 * NSECT + 8 + 8,
               "the header has no padding");
_Static_assert(sizeof(snap_header) % 8 == 0, "header keeps sections 8-byte aligned");

int vg_snapshot_is(const void *head, size_t n)
{
    return n >= SNAP_MAGIC_LEN && memcmp(head, SNAP_MAGIC, SNAP_MAGIC_LEN) == 0;
}

/* ---------------------------------------------------------------- checksum */

/* The checksum (format 4) reads the file in 64-byte blocks, eight 8-byte
 * words w, one per lane j, and keeps two sums a lane:
 *
 *   sum[j]  += w
 *   prod[j] += lo32(x) * hi32(x),  x = w ^ key[j % 2]
 *
 * where the two keys start as constants and move on by a constant every
 * block, so a word counts differently in each block (two words swapped
 * between blocks change prod; swapped within a block, they change the
 * sums of both lanes). The sums see every word: a change to any one word
 * always changes its lane's sum, and the final mix below is a bijection
 * of the running value for each input, so the result changes too. The
 * product brings the high bits of a word down into the low bits of its
 * sum, so flips of the top bits of two words, which cancel in sum, do not
 * cancel there. Not cryptographic: it finds damage, not tampering (the
 * structural checks below handle crafted files).
 *
 * Both steps are additions and one 32x32-bit multiply, which SSE2 (every
 * x86-64) does for two lanes at once: about 0.45 instructions a byte
 * against 0.8 for format 3's scalar multiply-xor lanes. Elsewhere the
 * same sums are made lane by lane (test_snapshot.c checks the two agree).
 * The bytes after the last whole block, and the length, go through the
 * scalar mix. */
static uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9E3779B97F4A7C15u;
    return h ^ (h >> 29);
}

static uint64_t load64(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

#define CK_LANES 8
#define CK_BLOCK (8 * CK_LANES)
#define CK_STEP 0xD6E8FEB86659FD93u

static const uint64_t ck_k0[CK_LANES] = {
    0x243F6A8885A308D3u, 0x13198A2E03707344u, 0xA4093822299F31D0u, 0x082EFA98EC4E6C89u,
    0x452821E638D01377u, 0xBE5466CF34E90C6Cu, 0xC0AC29B7C97C50DDu, 0x3F84D5B5B5470917u,
};

/* The lanes over nblocks whole blocks at p, lane by lane. */
static void ck_blocks_plain(uint64_t *sum, uint64_t *prod, uint64_t *key, const unsigned char *p,
                            size_t nblocks)
{
    for (size_t b = 0; b < nblocks; b++, p += CK_BLOCK) {
        for (int j = 0; j < CK_LANES; j++) {
            uint64_t w = load64(p + 8 * j);
            uint64_t x = w ^ key[j % 2];
            sum[j] += w;
            prod[j] += (uint64_t)(uint32_t)x * (uint32_t)(x >> 32);
        }
        key[0] += CK_STEP;
        key[1] += CK_STEP;
    }
}

#if defined(__SSE2__)
/* The same with two lanes to a register (lanes 2i and 2i+1 in s<i> and
 * m<i>, the keys in k), written out so all nine stay in registers.
 * pshufd swaps the halves of each word, so the multiply of the low
 * halves is lo32(x) * hi32(x). */
#define CK_PAIR(i)                                                                                 \
    do {                                                                                           \
        __m128i w = _mm_loadu_si128((const void *)(p + 16 * (i)));                                 \
        __m128i x = _mm_xor_si128(w, k);                                                           \
        s##i = _mm_add_epi64(s##i, w);                                                             \
        m##i = _mm_add_epi64(m##i, _mm_mul_epu32(x, _mm_shuffle_epi32(x, 0xB1)));                  \
    } while (0)
static void ck_blocks_sse2(uint64_t *sum, uint64_t *prod, uint64_t *key, const unsigned char *p,
                           size_t nblocks)
{
    __m128i s0 = _mm_loadu_si128((const void *)(sum + 0)),
            s1 = _mm_loadu_si128((const void *)(sum + 2)),
            s2 = _mm_loadu_si128((const void *)(sum + 4)),
            s3 = _mm_loadu_si128((const void *)(sum + 6));
    __m128i m0 = _mm_loadu_si128((const void *)(prod + 0)),
            m1 = _mm_loadu_si128((const void *)(prod + 2)),
            m2 = _mm_loadu_si128((const void *)(prod + 4)),
            m3 = _mm_loadu_si128((const void *)(prod + 6));
    __m128i k = _mm_loadu_si128((const void *)key);
    const __m128i step = _mm_set1_epi64x((long long)CK_STEP);
    for (size_t b = 0; b < nblocks; b++, p += CK_BLOCK) {
        CK_PAIR(0);
        CK_PAIR(1);
        CK_PAIR(2);
        CK_PAIR(3);
        k = _mm_add_epi64(k, step);
    }
    _mm_storeu_si128((void *)(sum + 0), s0), _mm_storeu_si128((void *)(sum + 2), s1);
    _mm_storeu_si128((void *)(sum + 4), s2), _mm_storeu_si128((void *)(sum + 6), s3);
    _mm_storeu_si128((void *)(prod + 0), m0), _mm_storeu_si128((void *)(prod + 2), m1);
    _mm_storeu_si128((void *)(prod + 4), m2), _mm_storeu_si128((void *)(prod + 6), m3);
    _mm_storeu_si128((void *)key, k);
}
#undef CK_PAIR
#define ck_blocks ck_blocks_sse2
#else
#define ck_blocks ck_blocks_plain
#endif

/* The checksum, with the plain lanes when plain is set (for the tests). */
static uint64_t ck_run(uint64_t seed, const unsigned char *p, size_t n, int plain)
{
    uint64_t sum[CK_LANES], prod[CK_LANES], key[2] = {ck_k0[3], ck_k0[6]};
    for (int j = 0; j < CK_LANES; j++) {
        sum[j] = seed ^ ck_k0[j];
        prod[j] = 0;
    }
    size_t nb = n / CK_BLOCK;
    (plain ? ck_blocks_plain : ck_blocks)(sum, prod, key, p, nb);
    uint64_t h = mix(seed, (uint64_t)n);
    for (int j = 0; j < CK_LANES; j++) h = mix(mix(h, sum[j]), prod[j]);
    size_t i = nb * CK_BLOCK;
    for (; i + 8 <= n; i += 8) h = mix(h, load64(p + i));
    for (; i < n; i++) h = mix(h, p[i]);
    return mix(h, h >> 17);
}

uint64_t vg_snapshot_checksum(uint64_t seed, const unsigned char *p, size_t n)
{
    return ck_run(seed, p, n, 0);
}

uint64_t vg_snapshot_checksum_plain(uint64_t seed, const unsigned char *p, size_t n)
{
    return ck_run(seed, p, n, 1);
}

/* The checksum of a whole image: the header with its checksum field zero,
 * then everything after it. */
static uint64_t image_checksum(const unsigned char *img, size_t size)
{
    snap_header h;
    memcpy(&h, img, sizeof h);
    h.checksum = 0;
    uint64_t x = vg_snapshot_checksum(0, (const unsigned char *)&h, sizeof h);
    return vg_snapshot_checksum(x, img + sizeof h, size - sizeof h);
}

void vg_snapshot_seal(unsigned char *img, size_t size)
{
    snap_header h;
    if (size < sizeof h) return;
    memcpy(&h, img, sizeof h);
    h.filesize = size;
    memcpy(img, &h, sizeof h);
    h.checksum = image_checksum(img, size);
    memcpy(img, &h, sizeof h);
}

/* ----------------------------------------------------------------- writing */

typedef struct writer {
    const vigil_dict *d;
    unsigned char *img;
    size_t size;
    snap_header h;
    size_t pool_used;
    uintptr_t *file_off; /* pool offset + 1 of d->files[i] */
} writer;

static void *section(writer *w, int s)
{
    return w->img + w->h.off[s];
}

/* Appends a string to the pool; returns its offset + 1 (0 for NULL). */
static uintptr_t pool_put(writer *w, const char *s)
{
    if (!s) return 0;
    size_t n = strlen(s) + 1;
    uintptr_t off = (uintptr_t)w->pool_used;
    assert(w->pool_used + n <= w->h.count[S_POOL]);
    memcpy((char *)section(w, S_POOL) + off, s, n);
    w->pool_used += n;
    return off + 1;
}

/* The pool offset of an interned file name: every entry of one file points
 * at one string, in the snapshot as in memory. */
static uintptr_t file_put(writer *w, const char *f)
{
    for (size_t i = 0; i < w->d->nfiles; i++)
        if (w->d->files[i] == f) return w->file_off[i];
    return pool_put(w, f);
}

static void set_off(const char **field, uintptr_t off)
{
    memcpy((void *)field, &off, sizeof off);
}

static size_t str_bytes(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

static void copy_code(char *dst, const char *src, size_t cap)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
}

/* The pool bytes of a file name that is not one of d->files, else 0. */
static size_t stray_file(const vigil_dict *d, const char *f)
{
    for (size_t i = 0; i < d->nfiles; i++)
        if (d->files[i] == f) return 0;
    return str_bytes(f);
}

/* Lays the sections out: counts, then offsets aligned to SNAP_ALIGN. The
 * pool is sized from the strings it will hold. */
static void layout(writer *w)
{
    const vigil_dict *d = w->d;
    size_t pool = 0;
    for (size_t i = 1; i < d->nwords; i++) pool += str_bytes(d->words[i].s);
    for (size_t i = 0; i < d->nfiles; i++) pool += str_bytes(d->files[i]);
    for (size_t i = 0; i < d->nactors; i++) pool += str_bytes(d->actors[i].name);
    for (size_t i = 0; i < d->nagents; i++) pool += str_bytes(d->agents[i].name);
    for (size_t i = 0; i < d->nverbs; i++) pool += str_bytes(d->verbs[i].lemma);
    for (size_t i = 0; i < d->nfamilies; i++) pool += str_bytes(d->families[i].name);
    for (size_t i = 0; i < d->npatterns; i++) pool += str_bytes(d->patterns[i].text);
    for (size_t i = 0; i < d->nsynsets; i++) pool += str_bytes(d->synsets[i].name);
    for (size_t i = 0; i < d->ndiscards; i++) pool += str_bytes(d->discards[i].name);
    /* A file name not interned through vg_dict_file (none today) is
     * written once per entry that has it. */
    for (size_t i = 0; i < d->nactors; i++) pool += stray_file(d, d->actors[i].file);
    for (size_t i = 0; i < d->nagents; i++) pool += stray_file(d, d->agents[i].file);
    for (size_t i = 0; i < d->nverbs; i++) pool += stray_file(d, d->verbs[i].file);
    for (size_t i = 0; i < d->npatterns; i++) pool += stray_file(d, d->patterns[i].file);
    for (size_t i = 0; i < d->ndiscards; i++) pool += stray_file(d, d->discards[i].file);
    if (!pool) pool = 1; /* never empty: the loader wants its final NUL */

    uint64_t *c = w->h.count;
    c[S_POOL] = pool;
    c[S_WORDS] = d->nwords;
    c[S_WSLOTS] = d->nwslots;
    c[S_STEM] = d->capstem;
    c[S_KEYS] = d->nkeys;
    c[S_NODES] = d->nnodes;
    /* (The walk table answers every lookup of a finished dictionary: the
     * phrase table is only for building one.) */
    c[S_PSLOTS] = d->walk ? 0 : d->npslots;
    c[S_ENTS] = d->nents;
    c[S_ACTORS] = d->nactors;
    c[S_CODES] = d->ncodes;
    c[S_AGENTS] = d->nagents;
    c[S_VERBS] = d->nverbs;
    c[S_VFORMS] = d->nvforms;
    c[S_FAMILIES] = d->nfamilies;
    c[S_PATTERNS] = d->npatterns;
    c[S_PELS] = d->npels;
    c[S_SYNSETS] = d->nsynsets;
    c[S_DISCARDS] = d->ndiscards;
    c[S_FILES] = d->nfiles;
    c[S_FZ] = d->nfz;
    c[S_NODE1] = d->node1 ? d->nwords : 0;
    c[S_SNODE1] = d->snode1 ? d->nwords : 0;
    c[S_STEMBITS] = d->stem_bits ? VG_STEM_BITS / 64 : 0;
    c[S_FSTAT] = d->nfiles;
    c[S_ANCHORS] = d->anchors ? d->nanchors : 0;
    c[S_PATINDEX] = d->anchors ? d->npat_index : 0;
    c[S_ANCHORBITS] = d->anchors && d->anchor_bits ? VG_ANCHOR_BITS(d->nwords) : 0;
    c[S_NODEBITS] = d->node_bits ? VG_NODE_BITS / 64 : 0;
    c[S_PAIRBITS] = d->pair_bits ? VG_PAIR_BITS / 64 : 0;
    c[S_WALK] = d->walk ? d->nwalk : 0;
    size_t at = sizeof(snap_header);
    for (int s = 0; s < NSECT; s++) {
        at = (at + SNAP_ALIGN - 1) / SNAP_ALIGN * SNAP_ALIGN;
        w->h.off[s] = at;
        at += (size_t)c[s] * esize[s];
    }
    w->size = at;
}

/* Fills the sections; the pool's real size is known only at the end. */
static void fill(writer *w)
{
    const vigil_dict *d = w->d;
    w->file_off = vg_calloc(d->nfiles + 1, sizeof *w->file_off);
    for (size_t i = 0; i < d->nfiles; i++) w->file_off[i] = pool_put(w, d->files[i]);
    uintptr_t *fo = section(w, S_FILES);
    for (size_t i = 0; i < d->nfiles; i++) fo[i] = w->file_off[i];

    word *ws = section(w, S_WORDS);
    for (size_t i = 0; i < d->nwords; i++) {
        ws[i].len = d->words[i].len;
        ws[i].hash = d->words[i].hash;
        set_off(&ws[i].s, i ? pool_put(w, d->words[i].s) : 0);
    }
    /* Arrays of plain integers go as they are. */
    if (d->nwslots) memcpy(section(w, S_WSLOTS), d->wslots, d->nwslots * sizeof *d->wslots);
    if (d->capstem) memcpy(section(w, S_STEM), d->is_stem, d->capstem);
    if (d->nkeys) memcpy(section(w, S_KEYS), d->keys, d->nkeys * sizeof *d->keys);
    if (d->nnodes) memcpy(section(w, S_NODES), d->nodes, d->nnodes * sizeof *d->nodes);
    if (w->h.count[S_PSLOTS])
        memcpy(section(w, S_PSLOTS), d->pslots, d->npslots * sizeof *d->pslots);
    if (d->nfz) memcpy(section(w, S_FZ), d->fz, d->nfz * sizeof *d->fz);
    if (d->node1) memcpy(section(w, S_NODE1), d->node1, d->nwords * sizeof *d->node1);
    if (d->snode1) memcpy(section(w, S_SNODE1), d->snode1, d->nwords * sizeof *d->snode1);
    if (d->stem_bits)
        memcpy(section(w, S_STEMBITS), d->stem_bits, VG_STEM_BITS / 64 * sizeof *d->stem_bits);
    if (w->h.count[S_ANCHORS])
        memcpy(section(w, S_ANCHORS), d->anchors, d->nanchors * sizeof *d->anchors);
    if (d->node_bits)
        memcpy(section(w, S_NODEBITS), d->node_bits, VG_NODE_BITS / 64 * sizeof *d->node_bits);
    if (d->pair_bits)
        memcpy(section(w, S_PAIRBITS), d->pair_bits, VG_PAIR_BITS / 64 * sizeof *d->pair_bits);
    if (d->walk) memcpy(section(w, S_WALK), d->walk, d->nwalk * sizeof *d->walk);
    if (w->h.count[S_PATINDEX])
        memcpy(section(w, S_PATINDEX), d->pat_index, d->npat_index * sizeof *d->pat_index);
    if (w->h.count[S_ANCHORBITS])
        memcpy(section(w, S_ANCHORBITS), d->anchor_bits,
               VG_ANCHOR_BITS(d->nwords) * sizeof *d->anchor_bits);
    snap_fstat *fs = section(w, S_FSTAT);
    for (size_t i = 0; i < d->nfiles; i++) {
        struct stat sb;
        fs[i].size = -1;
        if (stat(d->files[i], &sb) == 0) {
            fs[i].size = (int64_t)sb.st_size;
            fs[i].mtime_s = (int64_t)sb.st_mtim.tv_sec;
            fs[i].mtime_ns = (int64_t)sb.st_mtim.tv_nsec;
        }
    }

    pent *pe = section(w, S_ENTS);
    for (size_t i = 0; i < d->nents; i++) {
        pe[i].kind = d->ents[i].kind;
        pe[i].id = d->ents[i].id;
        pe[i].next = d->ents[i].next;
    }
    vg_actor *ac = section(w, S_ACTORS);
    for (size_t i = 0; i < d->nactors; i++) {
        const vg_actor *a = &d->actors[i];
        ac[i].first_code = a->first_code;
        ac[i].ncodes = a->ncodes;
        set_off(&ac[i].name, pool_put(w, a->name));
        set_off(&ac[i].file, file_put(w, a->file));
        ac[i].line = a->line;
    }
    vg_dated_code *co = section(w, S_CODES);
    for (size_t i = 0; i < d->ncodes; i++) {
        copy_code(co[i].code, d->codes[i].code, sizeof co[i].code);
        co[i].from = d->codes[i].from;
        co[i].to = d->codes[i].to;
    }
    vg_agent *ag = section(w, S_AGENTS);
    for (size_t i = 0; i < d->nagents; i++) {
        const vg_agent *a = &d->agents[i];
        copy_code(ag[i].code, a->code, sizeof ag[i].code);
        ag[i].prefix = a->prefix;
        set_off(&ag[i].name, pool_put(w, a->name));
        set_off(&ag[i].file, file_put(w, a->file));
        ag[i].line = a->line;
    }
    vg_verb *vb = section(w, S_VERBS);
    for (size_t i = 0; i < d->nverbs; i++) {
        const vg_verb *v = &d->verbs[i];
        set_off(&vb[i].lemma, pool_put(w, v->lemma));
        copy_code(vb[i].code, v->code, sizeof vb[i].code);
        vb[i].family = v->family;
        set_off(&vb[i].file, file_put(w, v->file));
        vb[i].line = v->line;
    }
    vg_verbform *vf = section(w, S_VFORMS);
    for (size_t i = 0; i < d->nvforms; i++) {
        vf[i].verb = d->vforms[i].verb;
        vf[i].prev = d->vforms[i].prev;
        vf[i].form = d->vforms[i].form;
    }
    vg_family *fa = section(w, S_FAMILIES);
    for (size_t i = 0; i < d->nfamilies; i++) {
        const vg_family *f = &d->families[i];
        set_off(&fa[i].name, pool_put(w, f->name));
        copy_code(fa[i].code, f->code, sizeof fa[i].code);
        copy_code(fa[i].code2, f->code2, sizeof fa[i].code2);
        fa[i].first_pattern = f->first_pattern;
        fa[i].npatterns = f->npatterns;
    }
    vg_pattern *pa = section(w, S_PATTERNS);
    for (size_t i = 0; i < d->npatterns; i++) {
        const vg_pattern *p = &d->patterns[i];
        pa[i].family = p->family;
        pa[i].first_el = p->first_el;
        pa[i].npre = p->npre;
        pa[i].npost = p->npost;
        copy_code(pa[i].code, p->code, sizeof pa[i].code);
        copy_code(pa[i].code2, p->code2, sizeof pa[i].code2);
        set_off(&pa[i].text, pool_put(w, p->text));
        set_off(&pa[i].file, file_put(w, p->file));
        pa[i].line = p->line;
    }
    vg_pel *el = section(w, S_PELS);
    for (size_t i = 0; i < d->npels; i++) {
        el[i].kind = d->pels[i].kind;
        el[i].stem = d->pels[i].stem;
        el[i].id = d->pels[i].id;
    }
    vg_synset *sy = section(w, S_SYNSETS);
    for (size_t i = 0; i < d->nsynsets; i++) set_off(&sy[i].name, pool_put(w, d->synsets[i].name));
    vg_discard *di = section(w, S_DISCARDS);
    for (size_t i = 0; i < d->ndiscards; i++) {
        const vg_discard *x = &d->discards[i];
        set_off(&di[i].name, pool_put(w, x->name));
        di[i].story = x->story;
        set_off(&di[i].file, file_put(w, x->file));
        di[i].line = x->line;
    }
    vg_free(w->file_off);
}

vigil_status vigil_dict_save(vigil_dict *d, const char *path)
{
    if (!d || !path) return VIGIL_ERR_ARG;
    if (!d->frozen) vigil_dict_finish(d);
    writer w;
    memset(&w, 0, sizeof w);
    w.d = d;
    memcpy(w.h.magic, SNAP_MAGIC, SNAP_MAGIC_LEN);
    w.h.format = SNAP_FORMAT;
    w.h.endian = SNAP_ENDIAN;
    w.h.ptrsize = (uint32_t)sizeof(void *);
    w.h.nsect = NSECT;
    memcpy(w.h.esize, esize, sizeof esize);
    copy_code(w.h.vigil, VIGIL_VERSION, sizeof w.h.vigil);
    w.h.stem_min = d->stem_min;
    w.h.stem_max = d->stem_max;
    w.h.nwarnings = d->nwarnings;
    layout(&w);
    w.img = vg_calloc(1, w.size);
    fill(&w);
    /* The pool was sized generously; the file keeps it as laid out (the
     * slack is zeros), so the offsets computed by layout() stay valid. */
    w.h.filesize = w.size;
    memcpy(w.img, &w.h, sizeof w.h);
    w.h.checksum = image_checksum(w.img, w.size);
    memcpy(w.img, &w.h, sizeof w.h);

    /* Written beside the target and renamed over it, so a reader never
     * maps a half-written file and a failed write leaves the old one. */
    size_t tlen = strlen(path) + 8;
    char *tmp = vg_malloc(tlen);
    snprintf(tmp, tlen, "%s.tmp", path);
    vigil_status st = VIGIL_OK;
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(w.img, 1, w.size, f) != w.size || fflush(f) != 0) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", tmp, strerror(errno));
        st = VIGIL_ERR_IO;
    }
    if (f && fclose(f) != 0 && st == VIGIL_OK) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", tmp, strerror(errno));
        st = VIGIL_ERR_IO;
    }
    if (st == VIGIL_OK && rename(tmp, path) != 0) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", path, strerror(errno));
        st = VIGIL_ERR_IO;
    }
    if (st != VIGIL_OK) remove(tmp);
    vg_free(tmp);
    vg_free(w.img);
    return st;
}

/* ----------------------------------------------------------------- loading */

typedef struct loader {
    vigil_dict *d;
    const char *path;
    unsigned char *img;
    size_t size;
    snap_header h;
    const char *pool;
    size_t npool;
} loader;

static vigil_status bad(loader *l, const char *what)
{
    snprintf(l->d->errmsg, sizeof l->d->errmsg,
             "%s: not a usable dictionary snapshot: %s (recompile it with vigil dict compile)",
             l->path, what);
    return VIGIL_ERR_DICT;
}

static void *sect(const loader *l, int s)
{
    return l->h.count[s] ? l->img + l->h.off[s] : NULL;
}

/* A stored string reference (offset + 1, 0 for NULL) made a pointer; 0
 * when it is outside the pool. The pool ends with a NUL (checked), so
 * every string inside it is terminated. */
static int fix(const loader *l, const char **field)
{
    uintptr_t off;
    memcpy(&off, (const void *)field, sizeof off);
    if (!off) {
        *field = NULL;
        return 1;
    }
    if (off - 1 >= l->npool) return 0;
    *field = l->pool + (off - 1);
    return 1;
}

/* A code field ends with a NUL: copy_code writes at most cap - 1 bytes
 * into zeroed memory, so the last byte of every field this vigil writes is
 * 0, and testing that one byte (not searching for a NUL, 84,000 memchr
 * calls for the Phoenix set) is enough to keep strlen inside the field. */
static int code_ok(const char *code, size_t cap)
{
    return code[cap - 1] == '\0';
}

/* An open-addressing table is probed until an empty slot: it must have
 * one, its size must be a power of two, and every id in it must be valid. */
static int slots_ok(const uint32_t *slots, uint64_t nslots, uint64_t limit)
{
    if (!nslots) return 1;
    if (nslots & (nslots - 1)) return 0;
    uint64_t empty = 0;
    for (uint64_t i = 0; i < nslots; i++) {
        if (!slots[i])
            empty++;
        else if (slots[i] >= limit)
            return 0;
    }
    return empty > 0;
}

static vigil_status check_header(loader *l)
{
    const snap_header *h = &l->h;
    char msg[160];
    if (h->endian != SNAP_ENDIAN || h->ptrsize != sizeof(void *))
        return bad(l, "written on a machine of another byte order or pointer size");
    if (h->format != SNAP_FORMAT) {
        /* The rest of another format's header may be laid out otherwise:
         * only the format number is known to be where it is read. */
        snprintf(msg, sizeof msg, "snapshot format %u; this is vigil %s (format %u)",
                 (unsigned)h->format, VIGIL_VERSION, SNAP_FORMAT);
        return bad(l, msg);
    }
    if (h->nsect != NSECT || memcmp(h->vigil, VIGIL_VERSION, sizeof VIGIL_VERSION) != 0) {
        char ver[sizeof h->vigil + 1];
        memcpy(ver, h->vigil, sizeof h->vigil);
        ver[sizeof h->vigil] = '\0';
        for (char *p = ver; *p; p++)
            if (*p < ' ' || *p > '~') *p = '?';
        snprintf(msg, sizeof msg,
                 "written by vigil %s (snapshot format %u); this is vigil %s (format %u)", ver,
                 (unsigned)h->format, VIGIL_VERSION, SNAP_FORMAT);
        return bad(l, msg);
    }
    if (memcmp(h->esize, esize, sizeof esize) != 0)
        return bad(l, "written by a build with another record layout");
    if (h->filesize != l->size) {
        snprintf(msg, sizeof msg, "%zu bytes where the header says %llu (truncated or extended)",
                 l->size, (unsigned long long)h->filesize);
        return bad(l, msg);
    }
    for (int s = 0; s < NSECT; s++) {
        uint64_t off = h->off[s], n = h->count[s];
        if (off % 8 || off < sizeof *h || off > l->size || n > (l->size - off) / esize[s])
            return bad(l, "a section lies outside the file");
    }
    if (image_checksum(l->img, l->size) != h->checksum)
        return bad(l, "checksum mismatch (damaged)");
    return VIGIL_OK;
}

/* Every index a lookup, the coder or vigil_dict_explain follows is checked
 * against its table, and every string reference against the pool, so a
 * file that passes cannot make them read outside the mapping. */
static vigil_status check_tables(loader *l)
{
    const uint64_t *c = l->h.count;
    l->pool = sect(l, S_POOL);
    l->npool = c[S_POOL];
    if (!l->npool || l->pool[l->npool - 1] != '\0')
        return bad(l, "the string pool is not terminated");
    /* Tables whose index 0 is a placeholder. */
    static const int placeholder[] = {S_WORDS,  S_ACTORS,   S_AGENTS,  S_VERBS,
                                      S_VFORMS, S_FAMILIES, S_SYNSETS, S_DISCARDS};
    for (size_t i = 0; i < sizeof placeholder / sizeof *placeholder; i++)
        if (!c[placeholder[i]]) return bad(l, "a table is missing");
    if (c[S_WORDS] > UINT32_MAX || c[S_NODES] >= UINT32_MAX || c[S_ENTS] >= UINT32_MAX)
        return bad(l, "a table is too large");
    if (l->h.stem_min > l->h.stem_max || l->h.stem_max > VG_MAX_WORD_BYTES)
        return bad(l, "bad stem lengths");

    word *ws = sect(l, S_WORDS);
    for (uint64_t i = 0; i < c[S_WORDS]; i++)
        if (!fix(l, &ws[i].s) || (i && !ws[i].s) ||
            (ws[i].s && ws[i].len > l->npool - (size_t)(ws[i].s - l->pool) - 1))
            return bad(l, "a word lies outside the string pool");
    if (!ws[0].s) ws[0].s = ""; /* the placeholder, as vigil_dict_new makes it */
    if (!slots_ok(sect(l, S_WSLOTS), c[S_WSLOTS], c[S_WORDS])) return bad(l, "bad word table");
    if (!slots_ok(sect(l, S_PSLOTS), c[S_PSLOTS], c[S_NODES] + 1))
        return bad(l, "bad phrase table");

    const pnode *nd = sect(l, S_NODES);
    const uint32_t *keys = sect(l, S_KEYS);
    for (uint64_t i = 0; i < c[S_NODES]; i++) {
        if (nd[i].n < 1 || nd[i].n > VG_MAX_PHRASE_WORDS || nd[i].key > c[S_KEYS] ||
            nd[i].n > c[S_KEYS] - nd[i].key || nd[i].first > c[S_ENTS])
            return bad(l, "bad phrase node");
        for (uint32_t k = 0; k < nd[i].n; k++)
            if (keys[nd[i].key + k] >= c[S_WORDS]) return bad(l, "bad phrase key");
    }
    const pent *pe = sect(l, S_ENTS);
    for (uint64_t i = 0; i < c[S_ENTS]; i++) {
        /* Entries are appended, so a list only runs forward: no cycles. */
        if (pe[i].next && (pe[i].next <= i + 1 || pe[i].next > c[S_ENTS]))
            return bad(l, "bad entry list");
        uint64_t lim = pe[i].kind == VG_ENT_ACTOR     ? c[S_ACTORS]
                       : pe[i].kind == VG_ENT_AGENT   ? c[S_AGENTS]
                       : pe[i].kind == VG_ENT_VERB    ? c[S_VFORMS]
                       : pe[i].kind == VG_ENT_DISCARD ? c[S_DISCARDS]
                       : pe[i].kind == VG_ENT_SYN     ? c[S_SYNSETS]
                                                      : 0;
        if (!pe[i].id || pe[i].id >= lim) return bad(l, "bad dictionary entry");
    }
    uintptr_t *files = sect(l, S_FILES);
    for (uint64_t i = 0; i < c[S_FILES]; i++)
        if (!fix(l, (const char **)(void *)&files[i])) return bad(l, "bad file name");

    vg_dated_code *co = sect(l, S_CODES);
    for (uint64_t i = 0; i < c[S_CODES]; i++)
        if (!code_ok(co[i].code, sizeof co[i].code)) return bad(l, "bad actor code");
    vg_actor *ac = sect(l, S_ACTORS);
    for (uint64_t i = 0; i < c[S_ACTORS]; i++)
        if (!fix(l, &ac[i].name) || !fix(l, &ac[i].file) || ac[i].first_code > c[S_CODES] ||
            ac[i].ncodes > c[S_CODES] - ac[i].first_code)
            return bad(l, "bad actor");
    vg_agent *ag = sect(l, S_AGENTS);
    for (uint64_t i = 0; i < c[S_AGENTS]; i++)
        if (!fix(l, &ag[i].name) || !fix(l, &ag[i].file) || !code_ok(ag[i].code, sizeof ag[i].code))
            return bad(l, "bad agent");
    vg_verb *vb = sect(l, S_VERBS);
    for (uint64_t i = 0; i < c[S_VERBS]; i++)
        if (!fix(l, &vb[i].lemma) || !fix(l, &vb[i].file) ||
            !code_ok(vb[i].code, sizeof vb[i].code) || (i && !vb[i].lemma) ||
            (i && (!vb[i].family || vb[i].family >= c[S_FAMILIES])))
            return bad(l, "bad verb");
    const vg_verbform *vf = sect(l, S_VFORMS);
    for (uint64_t i = 1; i < c[S_VFORMS]; i++)
        if (!vf[i].verb || vf[i].verb >= c[S_VERBS] || vf[i].prev >= i)
            return bad(l, "bad verb form");
    vg_family *fa = sect(l, S_FAMILIES);
    for (uint64_t i = 0; i < c[S_FAMILIES]; i++)
        if (!fix(l, &fa[i].name) || !code_ok(fa[i].code, sizeof fa[i].code) ||
            !code_ok(fa[i].code2, sizeof fa[i].code2) || fa[i].first_pattern > c[S_PATTERNS] ||
            fa[i].npatterns > c[S_PATTERNS] - fa[i].first_pattern)
            return bad(l, "bad verb family");
    vg_pattern *pa = sect(l, S_PATTERNS);
    for (uint64_t i = 0; i < c[S_PATTERNS]; i++)
        if (!fix(l, &pa[i].text) || !fix(l, &pa[i].file) ||
            !code_ok(pa[i].code, sizeof pa[i].code) || !code_ok(pa[i].code2, sizeof pa[i].code2) ||
            !pa[i].family || pa[i].family >= c[S_FAMILIES] || pa[i].first_el > c[S_PELS] ||
            (uint64_t)pa[i].npre + pa[i].npost > c[S_PELS] - pa[i].first_el)
            return bad(l, "bad verb pattern");
    const vg_pel *el = sect(l, S_PELS);
    for (uint64_t i = 0; i < c[S_PELS]; i++)
        if ((el[i].kind == VG_PE_WORD && el[i].id >= c[S_WORDS]) ||
            (el[i].kind == VG_PE_SYN && (!el[i].id || el[i].id >= c[S_SYNSETS])))
            return bad(l, "bad pattern element");
    vg_synset *sy = sect(l, S_SYNSETS);
    for (uint64_t i = 0; i < c[S_SYNSETS]; i++)
        if (!fix(l, &sy[i].name) || !sy[i].name) return bad(l, "bad synonym set");
    vg_discard *di = sect(l, S_DISCARDS);
    for (uint64_t i = 0; i < c[S_DISCARDS]; i++)
        if (!fix(l, &di[i].name) || !fix(l, &di[i].file) || (i && !di[i].name))
            return bad(l, "bad discard");
    /* The typo index (a million slots of 12 bytes with the Phoenix set) is
     * not walked here: vg_dict_fuzzy_actor bounds its probes and skips a
     * slot whose actor or word is out of range, so a bad slot can do no
     * harm, and the checksum has already vouched for every byte. Most
     * runs ask it about a handful of words. */
    if (c[S_FZ] & (c[S_FZ] - 1)) return bad(l, "bad typo index");
    /* The one-word shortcuts: one per word, each a one-word node of the
     * right kind for that word. */
    for (int k = S_NODE1; k <= S_SNODE1; k++) {
        if (c[k] && c[k] != c[S_WORDS]) return bad(l, "bad lookup shortcuts");
        const uint32_t *x = sect(l, k);
        for (uint64_t i = 0; i < c[k]; i++) {
            if (!x[i]) continue;
            if (x[i] > c[S_NODES]) return bad(l, "bad lookup shortcuts");
            const pnode *p = &nd[x[i] - 1];
            if (p->n != 1 || p->stem != (k == S_SNODE1) || keys[p->key] != i)
                return bad(l, "bad lookup shortcuts");
        }
    }
    if ((c[S_NODE1] == 0) != (c[S_SNODE1] == 0) ||
        (c[S_STEMBITS] && c[S_STEMBITS] != VG_STEM_BITS / 64) ||
        (c[S_NODEBITS] && c[S_NODEBITS] != VG_NODE_BITS / 64) ||
        (c[S_PAIRBITS] && c[S_PAIRBITS] != VG_PAIR_BITS / 64) ||
        (c[S_FSTAT] && c[S_FSTAT] != c[S_FILES]))
        return bad(l, "bad lookup shortcuts");
    /* The walk table is probed until an empty slot, so it must have one
     * (half its slots are). Its slots' fields are not walked here (131,072
     * slots with Phoenix): a probe only compares them, and the lookup
     * stops at an entry index past the entry table (lookup_walk_table). */
    if (c[S_WALK] & (c[S_WALK] - 1)) return bad(l, "bad walk table");
    if (c[S_WALK]) {
        const wslot *wt = sect(l, S_WALK);
        uint64_t i = 0;
        while (i < c[S_WALK] && wt[i].parent) i++;
        if (i == c[S_WALK]) return bad(l, "bad walk table");
    }
    /* A dictionary with phrases keeps one of the two tables. */
    if (c[S_NODES] && !c[S_PSLOTS] && !c[S_WALK]) return bad(l, "bad phrase table");
    /* The pattern index: the anchor table is probed until an empty slot,
     * and every list it names lies inside pat_index, whose entries are
     * patterns. All three sections come together or not at all. */
    if ((c[S_ANCHORS] == 0) != (c[S_ANCHORBITS] == 0) ||
        (c[S_ANCHORBITS] && c[S_ANCHORBITS] != VG_ANCHOR_BITS(c[S_WORDS])) ||
        (!c[S_ANCHORS] && c[S_PATINDEX]) || (c[S_ANCHORS] & (c[S_ANCHORS] - 1)))
        return bad(l, "bad pattern index");
    const struct vg_anchor *an = sect(l, S_ANCHORS);
    uint64_t an_empty = 0;
    for (uint64_t i = 0; i < c[S_ANCHORS]; i++) {
        if (!an[i].family) {
            an_empty++;
            continue;
        }
        if (an[i].family >= c[S_FAMILIES] || an[i].word >= c[S_WORDS] ||
            an[i].first > c[S_PATINDEX] || an[i].count > c[S_PATINDEX] - an[i].first)
            return bad(l, "bad pattern index");
    }
    if (c[S_ANCHORS] && !an_empty) return bad(l, "bad pattern index");
    const uint32_t *pix = sect(l, S_PATINDEX);
    for (uint64_t i = 0; i < c[S_PATINDEX]; i++)
        if (pix[i] >= c[S_PATTERNS]) return bad(l, "bad pattern index");
    /* The coder searches a family through the index when it has more than
     * VG_ANCHOR_MIN_PATTERNS patterns: the index must list exactly the
     * patterns of those families (a build with another threshold would
     * miss some). */
    uint64_t indexed = 0;
    for (uint64_t i = 1; i < c[S_FAMILIES]; i++)
        if (fa[i].npatterns > VG_ANCHOR_MIN_PATTERNS) indexed += fa[i].npatterns;
    if (indexed != c[S_PATINDEX] || (indexed && !c[S_ANCHORS])) return bad(l, "bad pattern index");
    return VIGIL_OK;
}

/* A snapshot does not follow its sources: when one that can still be found
 * has another size or time than when the snapshot was written, the
 * diagnostic callback hears of it (once per snapshot; not counted as a
 * dictionary warning). Sources that cannot be found say nothing: a
 * snapshot may well travel without them. */
static void warn_changed(vigil_dict *d, const char *path, const snap_fstat *fs, size_t n)
{
    if (!d->diag) return;
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (fs[i].size < 0 || stat(d->files[i], &sb) != 0) continue;
        if ((int64_t)sb.st_size == fs[i].size && (int64_t)sb.st_mtim.tv_sec == fs[i].mtime_s &&
            (int64_t)sb.st_mtim.tv_nsec == fs[i].mtime_ns)
            continue;
        char msg[600];
        snprintf(msg, sizeof msg,
                 "%s: %s has changed since this snapshot was compiled; the snapshot still "
                 "holds the old entries (recompile it with vigil dict compile)",
                 path, d->files[i]);
        d->diag(d->diag_ud, msg);
        return;
    }
}

vigil_status vg_snapshot_load(vigil_dict *d, const char *path)
{
    loader l;
    memset(&l, 0, sizeof l);
    l.d = d;
    l.path = path;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", path, strerror(errno));
        return VIGIL_ERR_IO;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", path, strerror(errno));
        close(fd);
        return VIGIL_ERR_IO;
    }
    l.size = (size_t)sb.st_size;
    if (l.size < sizeof l.h) {
        close(fd);
        return bad(&l, "shorter than its header (truncated)");
    }
    /* Private and writable: the pointer fix-ups below copy only the pages
     * they touch, and never reach the file. */
    void *m = mmap(NULL, l.size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        snprintf(d->errmsg, sizeof d->errmsg, "%s: %s", path, strerror(errno));
        return VIGIL_ERR_IO;
    }
    l.img = m;
    memcpy(&l.h, l.img, sizeof l.h);
    vigil_status st = vg_snapshot_is(l.h.magic, sizeof l.h.magic) ? check_header(&l)
                                                                  : bad(&l, "no snapshot magic");
    if (st == VIGIL_OK) st = check_tables(&l);
    if (st != VIGIL_OK) {
        munmap(m, l.size);
        return st;
    }

    /* The placeholders of vigil_dict_new give way to the mapped tables. */
    vg_dict_release(d);
    const uint64_t *c = l.h.count;
    d->map = m;
    d->maplen = l.size;
    d->words = sect(&l, S_WORDS), d->nwords = d->capwords = c[S_WORDS];
    d->wslots = sect(&l, S_WSLOTS), d->nwslots = c[S_WSLOTS];
    d->is_stem = sect(&l, S_STEM), d->capstem = c[S_STEM];
    d->stem_min = l.h.stem_min, d->stem_max = l.h.stem_max;
    d->keys = sect(&l, S_KEYS), d->nkeys = d->capkeys = c[S_KEYS];
    d->nodes = sect(&l, S_NODES), d->nnodes = d->capnodes = c[S_NODES];
    d->pslots = sect(&l, S_PSLOTS), d->npslots = c[S_PSLOTS];
    d->ents = sect(&l, S_ENTS), d->nents = d->capents = c[S_ENTS];
    d->actors = sect(&l, S_ACTORS), d->nactors = d->capactors = c[S_ACTORS];
    d->codes = sect(&l, S_CODES), d->ncodes = d->capcodes = c[S_CODES];
    d->agents = sect(&l, S_AGENTS), d->nagents = d->capagents = c[S_AGENTS];
    d->verbs = sect(&l, S_VERBS), d->nverbs = d->capverbs = c[S_VERBS];
    d->vforms = sect(&l, S_VFORMS), d->nvforms = d->capvforms = c[S_VFORMS];
    d->families = sect(&l, S_FAMILIES), d->nfamilies = d->capfamilies = c[S_FAMILIES];
    d->patterns = sect(&l, S_PATTERNS), d->npatterns = d->cappatterns = c[S_PATTERNS];
    d->pels = sect(&l, S_PELS), d->npels = d->cappels = c[S_PELS];
    d->synsets = sect(&l, S_SYNSETS), d->nsynsets = d->capsynsets = c[S_SYNSETS];
    d->discards = sect(&l, S_DISCARDS), d->ndiscards = d->capdiscards = c[S_DISCARDS];
    d->files = sect(&l, S_FILES), d->nfiles = d->capfiles = c[S_FILES];
    d->fz = sect(&l, S_FZ), d->nfz = c[S_FZ];
    d->node1 = sect(&l, S_NODE1);
    d->snode1 = sect(&l, S_SNODE1);
    d->stem_bits = sect(&l, S_STEMBITS);
    d->node_bits = sect(&l, S_NODEBITS);
    d->pair_bits = sect(&l, S_PAIRBITS);
    d->walk = sect(&l, S_WALK), d->nwalk = c[S_WALK];
    d->anchors = sect(&l, S_ANCHORS), d->nanchors = c[S_ANCHORS];
    d->pat_index = sect(&l, S_PATINDEX), d->npat_index = c[S_PATINDEX];
    d->anchor_bits = sect(&l, S_ANCHORBITS);
    vg_anchor_masks_build(d); /* (kept on the heap, from the table) */
    vg_pattern_needs_build(d);
    d->nwarnings = (size_t)l.h.nwarnings;
    d->frozen = 1;
    warn_changed(d, path, sect(&l, S_FSTAT), c[S_FSTAT]);
    return VIGIL_OK;
}
