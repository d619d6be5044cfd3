/*
 * dict_impl.h — the inside of a vigil_dict, shared by the modules that
 * build it (dict.c) and that write and map it whole (snapshot.c). Nothing
 * else includes this: the rest of the library goes through dict.h.
 *
 * Every table is an array indexed by id, and every link between tables is
 * an index, so the frozen structure can be written to a file as it is and
 * mapped back (snapshot.c). The only absolute addresses are the string
 * pointers (words, names, file names), which a snapshot stores as offsets
 * into one string pool and turns back into pointers when it is mapped.
 */
#ifndef VG_DICT_IMPL_H
#define VG_DICT_IMPL_H

#include "dict.h"
#include "tokenize.h"

#include <stddef.h>
#include <stdint.h>

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
} arena_block;

/* One interned word. */
typedef struct word {
    const char *s;
    uint32_t len;
    uint32_t hash;
} word;

/* A node of the phrase table: one id sequence (stored in keys[]) with a
 * stem flag, its entries, and whether longer phrases continue it. */
typedef struct pnode {
    uint32_t key;  /* offset into keys[] */
    uint32_t hash; /* of (ids, stem) */
    uint16_t n;    /* words */
    uint8_t stem;
    uint8_t prefix; /* a longer phrase starts with this one */
    uint32_t first; /* first entry + 1 into ents[], 0 when none */
} pnode;

typedef struct pent {
    uint8_t kind;
    uint32_t id;
    uint32_t next; /* next entry + 1, 0 at the end */
} pent;

/* A slot of the walk table: a phrase node of two words or more, found by
 * the node it extends (its key less the last word, always an exact node)
 * and its last word, so that the lookup walk, which has just found that
 * node, needs no read of the node record or of its key words to tell a
 * probe's answer (the phrase table made it wait on three dependent
 * reads: slot, node, key). Placed at the node's phrase hash (as in the
 * phrase table), linear probing; parent 0 marks an empty slot. */
typedef struct wslot {
    uint32_t parent; /* node + 1 it extends, | VG_WS_STEM when the last word is a stem */
    uint32_t last;   /* the last word id */
    uint32_t first;  /* its first entry + 1 into ents[], 0 when none */
    uint32_t node;   /* node + 1, | VG_WS_PREFIX when longer phrases continue it */
} wslot;
#define VG_WS_STEM 0x80000000u
#define VG_WS_PREFIX 0x80000000u

struct vigil_dict {
    arena_block *arena;

    /* Words: words[0] is unused so that ids start at 1. */
    word *words;
    size_t nwords, capwords;
    uint32_t *wslots; /* word id per slot, 0 = empty */
    size_t nwslots;   /* power of two */
    uint8_t *is_stem; /* by word id */
    size_t capstem;
    uint32_t stem_min, stem_max; /* byte lengths of the marked stems */

    /* Phrases. */
    uint32_t *keys;
    size_t nkeys, capkeys;
    pnode *nodes;
    size_t nnodes, capnodes;
    uint32_t *pslots; /* node index + 1 per slot */
    size_t npslots;
    pent *ents;
    size_t nents, capents;

    /* Entry tables; index 0 of each is a placeholder so ids start at 1. */
    vg_actor *actors;
    size_t nactors, capactors;
    vg_dated_code *codes;
    size_t ncodes, capcodes;
    vg_agent *agents;
    size_t nagents, capagents;
    vg_verb *verbs;
    size_t nverbs, capverbs;
    vg_verbform *vforms;
    size_t nvforms, capvforms;
    vg_family *families;
    size_t nfamilies, capfamilies;
    vg_pattern *patterns;
    size_t npatterns, cappatterns;
    vg_pel *pels;
    size_t npels, cappels;
    vg_synset *synsets;
    size_t nsynsets, capsynsets;
    vg_discard *discards;
    size_t ndiscards, capdiscards;

    /* Interned file names (few, so a list). */
    const char **files;
    size_t nfiles, capfiles;

    /* Scratch token vector for vg_dict_phrase. */
    vg_token *tok;
    size_t ntok, captok;

    vigil_diag_fn diag;
    void *diag_ud;
    char errmsg[512];
    size_t nwarnings;
    int frozen;
    /* A dictionary mapped from a snapshot (snapshot.c): the tables point
     * into this mapping, which vigil_dict_free unmaps instead of freeing
     * them one by one. NULL for a dictionary built from text. */
    void *map;
    size_t maplen;

    /* Typo index (built by vigil_dict_finish): for every one-word actor
     * name of FUZZY_MIN_BYTES or more, the name and each of its one-letter
     * deletions, as (hash, actor) pairs in an open-addressing table. */
    struct fz {
        uint32_t hash, actor, word;
    } * fz;
    size_t nfz; /* slots, power of two */

    /* Lookup shortcuts (built by vigil_dict_finish, NULL before): by word
     * id, the node + 1 of the one-word exact phrase and of the one-word
     * stem phrase of that word, 0 when none. Every phrase lookup starts
     * with its first word, so this saves a hash probe per token and ends
     * most lookups at once. */
    uint32_t *node1, *snode1; /* nwords each */
    /* A filter of the stem words: bit (hash & (VG_STEM_BITS - 1)) is set
     * for every stem word's hash, so vg_dict_stem_id probes the word table
     * only for prefixes that may be stems. */
    uint64_t *stem_bits; /* VG_STEM_BITS / 64 words */
    /* A filter of the phrase nodes of two words or more: bit (hash &
     * (VG_NODE_BITS - 1)) is set for each node's hash, so a lookup probes
     * the phrase table for a longer phrase only when its bit is set (most
     * such probes find nothing). */
    uint64_t *node_bits; /* VG_NODE_BITS / 64 words */
    /* The walk table (wslot above; built by vigil_dict_finish, kept in a
     * snapshot from format 6): every node of two words or more, nwalk
     * slots (a power of two, at most half full), NULL before. */
    wslot *walk;
    size_t nwalk;
    /* The first two words of every phrase node of two words or more, two
     * bits each (vg_pair_test, dict.h): the coder's tagging asks it after
     * every word that starts longer phrases ("the", "of"), so it is
     * cheaper to test than node_bits and wrong less often. */
    uint64_t *pair_bits; /* VG_PAIR_BITS / 64 words */

    /* Patterns of large families by an anchor: the rarest exact word each
     * pattern needs (0 for patterns that need none). A family's patterns
     * with anchor w are pat_index[first, first + count) of the slot of
     * (family, w) in the open-addressing table anchors. Built by
     * vigil_dict_finish; a snapshot keeps it (format 3), so mapping one
     * builds nothing. */
    struct vg_anchor {
        uint32_t family, word, first, count; /* family 0: an empty slot */
    } * anchors;
    size_t nanchors; /* slots, power of two */
    uint32_t *pat_index;
    size_t npat_index;
    /* Bit w set when word w anchors patterns of some family: a sentence's
     * other words need no probe of the anchor table. */
    uint64_t *anchor_bits; /* VG_ANCHOR_BITS(nwords) words */
    /* Per family, VG_ANCHOR_MASK_WORDS 64-bit words (one 64-byte line):
     * bit vg_anchor_mask_bit(w) set for every word w with a list in the
     * family (vg_anchor_masks_build, on the heap for text sets and
     * snapshots alike). A sentence's anchor word whose bit is clear has no
     * list in the family: vg_dict_family_cands does not probe the table
     * for it. NULL: probe for every word. Two bits a word
     * (vg_anchor_mask_bits): a family with a hundred anchor words has
     * about a third of its line set, so one bit let one word in five
     * through to a probe that found nothing. The lines start on a 64-byte
     * boundary of the block anchor_heap (which is what is freed). */
    uint64_t *anchor_masks;
    void *anchor_heap;
    /* Per family, the anchorless list (first, count into pat_index; count
     * 0 when none), from the same table: every ask of a large family reads
     * it, and a probe of the 1 MB table for it was a cache miss. */
    uint32_t (*anchorless)[2];
    /* The needs of every pattern (vg_pcand, dict.h) by pattern index, and
     * the same for every entry of pat_index in its order (pcands), so
     * that a family's lists are read with their needs in a row. Built on
     * the heap by vigil_dict_finish and when a snapshot is mapped
     * (vg_pattern_needs_build: about 18,000 patterns with Phoenix). */
    vg_pcand *pneeds;
    vg_pcand *pcands;
    vg_pshape *pshapes; /* by pattern index (vg_dict_pattern_shapes), built with them */
};

#define VG_STEM_BITS 65536u
/* VG_NODE_BITS, VG_PAIR_BITS: dict.h. */
/* 64-bit words of anchor_bits for a dictionary of n words (ids < n). */
#define VG_ANCHOR_BITS(n) ((n) / 64 + 1)

#define FUZZY_MIN_BYTES 6u

/* Frees every table of a dictionary built from text and leaves the
 * pointers NULL (dict.c); the snapshot loader calls it before pointing
 * them into its mapping. */
void vg_dict_release(vigil_dict *d);
/* 1 when d holds nothing yet (only the placeholders of vigil_dict_new). */
int vg_dict_is_empty(const vigil_dict *d);

/* Builds the anchor index of patterns (see struct vigil_dict). */
void vg_pattern_index_build(vigil_dict *d);
/* Builds anchor_masks from the anchor table (vg_pattern_index_build and the
 * snapshot loader call it once the table is in place). */
void vg_anchor_masks_build(vigil_dict *d);
#define VG_ANCHOR_MASK_WORDS 8u
/* The two bits of word w in a family's anchor mask (512 bits): the top
 * nine bits of one multiply and the nine below them. */
static inline unsigned vg_anchor_mask_bit(uint32_t w, int k)
{
    uint64_t p = (uint64_t)w * 0x9E3779B97F4A7C15ull;
    return (unsigned)(k ? (p >> 46) & 511u : p >> 55);
}

/* May word w have an anchor list in the family whose mask is fm (both of
 * its bits set)? A clear bit rules the word out. */
static inline int vg_anchor_mask_may(const uint64_t *fm, uint32_t w)
{
    const unsigned b0 = vg_anchor_mask_bit(w, 0), b1 = vg_anchor_mask_bit(w, 1);
    return (fm[b0 / 64] >> (b0 % 64) & 1) && (fm[b1 / 64] >> (b1 % 64) & 1);
}

/* Builds pneeds and pcands (see struct vigil_dict) from the patterns and
 * pat_index, which must be in place (and checked, for a snapshot). */
void vg_pattern_needs_build(vigil_dict *d);

/* 1 when the n bytes at head begin with a snapshot's magic. */
int vg_snapshot_is(const void *head, size_t n);
/* Maps the snapshot at path into d, which must be empty; d is frozen
 * afterwards. On failure the message is kept on d and d is unchanged. */
vigil_status vg_snapshot_load(vigil_dict *d, const char *path);
/* Rewrites the size and checksum fields of a snapshot image in memory, as
 * if it had been written so. For tests and the fuzz target, which change
 * bytes on purpose and want the structural checks, not the checksum, to
 * catch them. Images shorter than a header are left alone. */
void vg_snapshot_seal(unsigned char *img, size_t size);
/* The checksum of a snapshot's n bytes at p (snapshot.c says how it is
 * made); seed chains one part of an image to the next. */
uint64_t vg_snapshot_checksum(uint64_t seed, const unsigned char *p, size_t n);
/* The same sums made lane by lane, without vector code: for the tests. */
uint64_t vg_snapshot_checksum_plain(uint64_t seed, const unsigned char *p, size_t n);

#endif
