/*
 * dict.h — the loaded dictionaries: words, phrases, actors, agents, verbs,
 * verb patterns, synonym sets and discards.
 *
 * Everything is keyed by interned word ids. A token is looked up once
 * (vg_dict_word_id) and from then on matching is integer comparison. A
 * phrase ("islamic republic of iran", "turn to") is a sequence of word ids
 * in one hash table that maps it to every entry it names: it may be an
 * actor, a verb form and a synonym-set member at once. Every proper prefix
 * of a phrase is recorded too, so longest-match lookup stops as soon as no
 * longer phrase can exist.
 *
 * PETRARCH "stems" (a final word written without a trailing underscore,
 * matching any word it begins: MINISTR -> ministry, ministers) are kept as
 * phrases whose last id is a stem word; vg_dict_stem_id gives a token's
 * longest stem.
 *
 * Life: vg_dict_* builder calls while loading (dictload.c for vigil's own
 * format, petrarch.c for PETRARCH's), then vigil_dict_finish; after that the
 * structure is read-only and shared by all threads.
 *
 * Normalisation of words (both for dictionary text and for tokens): lower
 * case (ASCII fast path, utf8proc for the rest); nothing else changes, so
 * "u.s." and "'s" are words.
 */
#ifndef VG_DICT_H
#define VG_DICT_H

#include "limits.h"
#include "vigil.h"

#include <stddef.h>
#include <stdint.h>

/* A code valid over a date range; dates as yyyymmdd integers, from = 0 and
 * to = 99999999 when open. */
typedef struct vg_dated_code {
    char code[VG_MAX_CODE];
    int32_t from, to;
} vg_dated_code;

#define VG_DATE_MIN 0
#define VG_DATE_MAX 99999999

/* What a phrase can name. */
enum {
    VG_ENT_ACTOR = 1,
    VG_ENT_AGENT,
    VG_ENT_VERB, /* id is a verb form index */
    VG_ENT_DISCARD,
    VG_ENT_SYN /* id is a synonym set */
};

typedef struct vg_actor {
    uint32_t first_code, ncodes; /* into vg_dict.codes */
    const char *name;            /* as written in the dictionary */
    const char *file;
    uint32_t line;
} vg_actor;

typedef struct vg_agent {
    char code[VG_MAX_CODE]; /* role code without the ~ ("GOV", "MIL", "REB") */
    uint8_t prefix;         /* 1: the code goes before the actor's ("GOV~" PETRARCH form) */
    const char *name;
    const char *file;
    uint32_t line;
} vg_agent;

/* Verb form kinds. */
enum {
    VG_VF_BASE = 1, /* supply */
    VG_VF_S,        /* supplies */
    VG_VF_PAST,     /* supplied (simple past) */
    VG_VF_PART,     /* supplied (past participle) */
    VG_VF_PASTPART, /* both past and participle (regular verbs) */
    VG_VF_ING,      /* supplying */
    VG_VF_NOUN      /* a nominal form used as a verb phrase head ("visit", "talks") */
};

typedef struct vg_verbform {
    uint32_t verb; /* index into verbs */
    /* The form this one overrode when a later set defined the same phrase
     * (0 = none): the coder tries that verb's patterns too, so layering a
     * set extends what an earlier one knew ("hit X with sanctions"). */
    uint32_t prev;
    uint8_t form;
} vg_verbform;

typedef struct vg_verb {
    const char *lemma; /* "supply", "turn to" */
    char code[8];      /* its own code, or the family's */
    uint32_t family;
    const char *file;
    uint32_t line;
} vg_verb;

/* A family of verbs sharing patterns (PETRARCH's "--- GIVE [070] ---"
 * block, or one verb block of vigil's format). */
typedef struct vg_family {
    const char *name;
    char code[8];  /* default code; "---" means none (no event without a pattern) */
    char code2[8]; /* PETRARCH's "[032:033]": the code of the reverse event, "" if none */
    uint32_t first_pattern, npatterns;
} vg_family;

/* Pattern elements. Pre elements are stored left to right as they stand
 * before the verb; post elements left to right after it. */
enum {
    VG_PE_WORD = 1, /* id = word id (stem = 1: prefix match) */
    VG_PE_SYN,      /* id = synonym set; matches any member phrase */
    VG_PE_SOURCE,   /* $: the source actor stands here */
    VG_PE_TARGET,   /* +: the target actor stands here */
    VG_PE_NP_OPEN,  /* { : the following words are contiguous */
    VG_PE_NP_CLOSE, /* } */
    VG_PE_PP_OPEN,  /* ( : a prepositional phrase */
    VG_PE_PP_CLOSE, /* ) */
    VG_PE_COMPOUND, /* %: a compound actor ("X and Y") stands here */
    VG_PE_SKIP,     /* ^: one noun phrase is passed over here */
    VG_PE_VERB_ADJ  /* _ next to *: the neighbouring element touches the verb */
};

typedef struct vg_pel {
    uint8_t kind;
    uint8_t stem;
    uint32_t id;
} vg_pel;

typedef struct vg_pattern {
    uint32_t family;
    uint32_t first_el; /* into vg_dict.pels: npre elements, then npost */
    uint16_t npre, npost;
    char code[8];     /* the event code */
    char code2[8];    /* PETRARCH's second code ("[061:061]"), "" if none */
    const char *text; /* as written */
    const char *file;
    uint32_t line;
} vg_pattern;

typedef struct vg_synset {
    const char *name; /* "&WEAPON" */
} vg_synset;

typedef struct vg_discard {
    const char *name;
    uint8_t story; /* 1: discard the whole story, 0: the sentence */
    const char *file;
    uint32_t line;
} vg_discard;

/* One lookup result: a phrase of `len` tokens starting at the position
 * asked for, naming entry (kind, id). */
typedef struct vg_hit {
    uint8_t kind;
    uint8_t stem;
    uint32_t id;
    uint32_t len;
} vg_hit;

/* ---------------------------------------------------------------- building */

/* Interns a (lower-cased) word, returning its id (>= 1). */
uint32_t vg_dict_intern(vigil_dict *d, const char *word, size_t n);
/* Interns a file name so entries can point at it for their whole life. */
const char *vg_dict_file(vigil_dict *d, const char *path);
/* Interns any string (names, pattern texts). */
const char *vg_dict_str(vigil_dict *d, const char *s, size_t n);
/* Splits a phrase (words separated by spaces or '_'; case is folded) and
 * interns its words into ids[0..cap). Returns the number of words, 0 for an
 * empty phrase, or -1 when it has more than cap words. */
int vg_dict_phrase(vigil_dict *d, const char *phrase, uint32_t *ids, size_t cap);
/* Maps a phrase to an entry. For ACTOR, AGENT, VERB and DISCARD a later
 * mapping of the same phrase and kind replaces the earlier one (later
 * dictionary sets override earlier ones); SYN memberships accumulate. */
void vg_dict_map(vigil_dict *d, const uint32_t *ids, size_t n, int stem, int kind, uint32_t id);
/* Marks a word id as a stem (so vg_dict_stem_id finds it). */
void vg_dict_mark_stem(vigil_dict *d, uint32_t word);

uint32_t vg_dict_add_actor(vigil_dict *d, const char *name, const vg_dated_code *codes,
                           size_t ncodes, const char *file, uint32_t line);
uint32_t vg_dict_add_agent(vigil_dict *d, const char *name, const char *code, int prefix,
                           const char *file, uint32_t line);
uint32_t vg_dict_add_family(vigil_dict *d, const char *name, const char *code);
/* Sets the code of the reverse event a family's verbs imply ("left for X"
 * [032:033]: X hosts the visit). */
void vg_dict_family_set_code2(vigil_dict *d, uint32_t family, const char *code2);
uint32_t vg_dict_add_verb(vigil_dict *d, const char *lemma, const char *code, uint32_t family,
                          const char *file, uint32_t line);
uint32_t vg_dict_add_verbform(vigil_dict *d, uint32_t verb, int form);
/* Adds a pattern to a family; els holds npre then npost elements. */
uint32_t vg_dict_add_pattern(vigil_dict *d, uint32_t family, const vg_pel *els, size_t npre,
                             size_t npost, const char *code, const char *code2, const char *text,
                             const char *file, uint32_t line);
/* Finds or creates the synonym set of that name ("&WEAPON"). */
uint32_t vg_dict_synset(vigil_dict *d, const char *name);
/* Finds a synonym set; 0 when none has that name. Set ids start at 1. */
uint32_t vg_dict_find_synset(const vigil_dict *d, const char *name);
uint32_t vg_dict_add_discard(vigil_dict *d, const char *name, int story, const char *file,
                             uint32_t line);

/* Records an error message "file:line: ..." on the dict (first one kept)
 * and passes it to the diagnostic callback; returns VIGIL_ERR_SYNTAX. */
int vg_dict_error(vigil_dict *d, const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A warning (duplicate entry, unusual code) to the diagnostic callback. */
void vg_dict_warn(vigil_dict *d, const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Loaders (dictload.c, petrarch.c). `kind` as in vigil_dict_load_file. */
int vg_load_vigil_file(vigil_dict *d, const char *path, const char *kind);
int vg_load_petrarch_file(vigil_dict *d, const char *path, const char *kind);

/* Regular and irregular inflections of an English verb lemma (single word):
 * forms[0] base, [1] -s, [2] past, [3] past participle, [4] -ing. */
void vg_inflect(const char *lemma, char forms[5][64]);

/* English noun plural of a phrase's last word ("foreign minister" ->
 * "foreign ministers", "ministry" -> "ministries", "spokesman" ->
 * "spokesmen"); nouns with no distinct plural ("police", "troops") come
 * back unchanged. Lower-case ASCII rules; out is "" when the result would
 * not fit in 64 bytes. */
void vg_pluralize(const char *noun, char out[64]);

/* Helpers shared by the two loaders (dict.c). */

/* Reads a whole file into *data (caller frees with vg_free), NUL-terminated;
 * VIGIL_ERR_IO with the message kept on the dict when it cannot be read. */
int vg_dict_slurp(vigil_dict *d, const char *path, char **data, size_t *len);
/* Splits `phrase` (vg_dict_phrase) and maps it to (kind, id). A phrase with
 * no words is ignored (returns 0); one longer than VG_MAX_PHRASE_WORDS is an
 * error at file:line. When stem is set the last word is also marked as a
 * stem word. */
int vg_dict_map_phrase(vigil_dict *d, const char *phrase, size_t n, int stem, int kind, uint32_t id,
                       const char *file, unsigned line);
/* 1 when yyyymmdd is a real calendar date (years 1000..9999). */
int vg_date_valid(int32_t yyyymmdd);
/* The day after / before a yyyymmdd date. */
int32_t vg_date_next(int32_t yyyymmdd);
int32_t vg_date_prev(int32_t yyyymmdd);
/* Parses a verb pattern (the text between the leading '-' and the code,
 * e.g. "* + with &WEAPON" or "{OLIVE BRANCH} (TO +) *") into els: npre
 * elements before '*', npost after it. Words joined by '_' must be
 * adjacent and become a {...} group. With petrarch set, '^' is dropped, and
 * a '%' (compound actor) or an unknown synonym set makes the pattern
 * unusable: a warning is given and VIGIL_DONE returned so the caller skips
 * it, as PETRARCH does. Errors (no '*', unknown synset, unbalanced brackets,
 * too many words) are reported at file:line. */
int vg_parse_pattern(vigil_dict *d, const char *text, size_t len, int petrarch, vg_pel *els,
                     size_t cap, size_t *npre, size_t *npost, const char *file, unsigned line);
/* Adds verb `verb` (lemma words in `lemma`, lower case, separated by
 * spaces; word `head` is the inflected one) with its forms: forms[0..5) as
 * vg_inflect gives them ("" for a form to leave out). Each distinct form
 * phrase is mapped as a VG_ENT_VERB entry. */
void vg_add_verb_forms(vigil_dict *d, uint32_t verb, const char *lemma, size_t head,
                       char forms[5][64]);
/* Warnings passed to the diagnostic callback so far. */
size_t vg_dict_warnings(const vigil_dict *d);

/* ----------------------------------------------------------------- lookup */

/* The id of a token's word (case-insensitive), 0 if the dictionary has no
 * such word. */
uint32_t vg_dict_word_id(const vigil_dict *d, const char *s, size_t n);
/* The id of the longest stem word that s begins with, 0 if none. */
uint32_t vg_dict_stem_id(const vigil_dict *d, const char *s, size_t n);
/* Both of the above from one case fold and one hash pass: what a coder
 * needs for every token. */
void vg_dict_word_stem(const vigil_dict *d, const char *s, size_t n, uint32_t *wid, uint32_t *sid);
/* Families with more patterns than this are searched through the anchor
 * index (vg_dict_family_anchor); smaller ones are scanned whole. */
#define VG_ANCHOR_MIN_PATTERNS 16u
/* The patterns of a large family whose anchor (first exact word) is
 * `word`, or with no anchor when word is 0: indices of patterns in
 * ascending order, *n of them; NULL when none (or the family is small). */
const uint32_t *vg_dict_family_anchor(const vigil_dict *d, uint32_t family, uint32_t w,
                                      uint32_t *n);
/* 1 when word w anchors patterns of some large family (so that
 * vg_dict_family_anchor may give a list for it), else 0. */
int vg_dict_is_anchor(const vigil_dict *d, uint32_t w);
/* The words of w[0..n) that anchor some large family, in order, into out
 * (room for n); returns how many. vg_dict_is_anchor for a whole list. */
size_t vg_dict_anchor_words(const vigil_dict *d, const uint32_t *w, size_t n, uint32_t *out);
/* The candidates of a large family for a sentence whose anchor words are
 * w[0..n): its anchorless patterns, then the lists of w[0], w[1], ...
 * (vg_dict_family_anchor for 0 and each word), appended to (*out)[0..len)
 * (grown with vg_grow, capacity *cap); returns the new length. */
size_t vg_dict_family_cands(const vigil_dict *d, uint32_t family, const uint32_t *w, size_t n,
                            uint32_t **out, size_t *cap, size_t len);
/* A candidate pattern with what it needs, as the coder tests it before
 * reading the pattern: up to three bit positions that must all be set in
 * the sentence's bits (the layout of vg_dict_need_layout), its exact
 * words first (they are rarer than a set's members), then its synonym
 * sets. `pat` holds the pattern index (VG_PC_INDEX), how many of need[]
 * count (VG_PC_COUNT) and VG_PC_MORE when the pattern needs more than
 * those (then all of them must still be tested). The dictionary makes
 * them when it is finished or mapped, so that a family's candidates and
 * their needs are read in a row, not a record per pattern scattered over
 * a table. */
typedef struct vg_pcand {
    uint32_t pat;
    uint32_t need[3];
} vg_pcand;
#define VG_PC_INDEX(x) ((x)&0x0FFFFFFFu)
#define VG_PC_COUNT(x) ((x) >> 28 & 3u)
#define VG_PC_MORE 0x40000000u
/* Where a pattern's elements lie (its vg_pattern's first_el, npre, npost),
 * by pattern index, 8 bytes a pattern: matching reads these for every
 * candidate that passes its needs, and the 48-byte pattern records (0.9 MB
 * with Phoenix) missed the caches where this array (140 KB) mostly does
 * not. NULL when the dictionary has no patterns. */
typedef struct vg_pshape {
    uint32_t first_el;
    uint16_t npre, npost;
} vg_pshape;
const vg_pshape *vg_dict_pattern_shapes(const vigil_dict *d);
/* A run of candidates (vg_dict_family_spans). */
typedef struct vg_pspan {
    const vg_pcand *c;
    size_t n;
} vg_pspan;
/* The layout of the bits a need is a position in: *nwords 64-bit words of
 * word bits (bit = word id), then *nsets words of synonym-set bits (bit
 * 64 * *nwords + set id), then one word that stays zero (a need no
 * sentence meets: an exact word past the word bits). */
void vg_dict_need_layout(const vigil_dict *d, size_t *nwords, size_t *nsets);
/* The candidates of a family for a sentence whose anchor words are
 * w[0..n) (vg_dict_anchor_words), as runs written to out (room for n + 1):
 * a small family's patterns in one run; a large one's anchorless list,
 * then the lists of w[0], w[1], ... (vg_dict_family_cands' order).
 * Returns the number of runs. */
size_t vg_dict_family_spans(const vigil_dict *d, uint32_t family, const uint32_t *w, size_t n,
                            vg_pspan *out);
/* Every entry of every phrase starting at token i of a sentence whose word
 * ids are ids[0..n) (stem ids in stems[], may be NULL), longest first;
 * writes at most cap hits and returns the number written. */
size_t vg_dict_lookup(const vigil_dict *d, const uint32_t *ids, const uint32_t *stems, size_t n,
                      size_t i, vg_hit *out, size_t cap);
/* What vg_dict_lookup finds at a position whose token has word id wid and
 * stem id sid when the tokens after it do not matter: its one-word
 * phrases, exact entries first, at most cap of them written to out; the
 * count is returned. *walk says when the tokens after it may matter:
 * VG_WALK_NEXT when the word starts longer phrases (the answer holds
 * unless vg_dict_may_continue says yes for the next token),
 * VG_WALK_ALWAYS when d has no one-word shortcuts (vg_dict_lookup must be
 * asked), else 0. The token cache keeps this per token. */
enum { VG_WALK_NEXT = 1, VG_WALK_ALWAYS = 2 };
size_t vg_dict_lookup1(const vigil_dict *d, uint32_t wid, uint32_t sid, vg_hit *out, size_t cap,
                       int *walk);
/* For a word wid that starts longer phrases (vg_dict_lookup1 said
 * VG_WALK_NEXT): 0 when the next token (word id next, stem id nst) cannot
 * continue any of them, so that vg_dict_lookup's answer is the one-word
 * one; else 1. */
int vg_dict_may_continue(const vigil_dict *d, uint32_t wid, uint32_t next, uint32_t nst);
/* The same test inline, for a loop over every token: f is
 * vg_dict_pair_filter(d), read once. The pair filter is a Bloom filter of
 * the first two words of every phrase of two words or more (the second
 * one a stem word when a two-word phrase ends in a stem): two bits a
 * pair, each picked by the top bits of one multiply of the pair as one
 * 64-bit number, the stem flag in its top bit (word ids stay below
 * 2^31). Cheaper than hashing the pair as the phrase table does, and with
 * two bits it says yes wrongly about a fifth as often as one bit would. */
#define VG_PAIR_BITS (1u << 20)
#define VG_NODE_BITS (1u << 20)
/* The pair as one number, and its two bits (k 0 or 1): the filter's
 * builder (dict.c) and vg_pair_test must pick the same ones. */
static inline uint64_t vg_pair_key(uint32_t w, uint32_t x, int stem)
{
    return (uint64_t)w << 32 | x | (stem ? 1ull << 63 : 0);
}
static inline uint64_t vg_pair_bit(uint64_t key, int k)
{
    _Static_assert(VG_PAIR_BITS == 1u << 20, "an index is the top 20 bits of a product");
    return (key * (k ? 0xC2B2AE3D27D4EB4Full : 0x9E3779B97F4A7C15ull)) >> 44;
}
static inline int vg_pair_test(const uint64_t *f, uint32_t w, uint32_t x, int stem)
{
    uint64_t key = vg_pair_key(w, x, stem), b = vg_pair_bit(key, 0);
    if (!(f[b / 64] >> (b % 64) & 1)) return 0;
    b = vg_pair_bit(key, 1);
    return f[b / 64] >> (b % 64) & 1;
}
/* The filter of first word pairs (VG_PAIR_BITS bits), NULL when d has none
 * (then any word may continue a phrase). */
const uint64_t *vg_dict_pair_filter(const vigil_dict *d);
static inline int vg_dict_filter_continues(const uint64_t *f, uint32_t wid, uint32_t next,
                                           uint32_t nst)
{
    if (!f) return 1;
    return (nst && vg_pair_test(f, wid, nst, 1)) || (next && vg_pair_test(f, wid, next, 0));
}
/* vg_dict_lookup at a position whose word starts longer phrases and
 * whose next token may continue one (vg_dict_may_continue said 1), less
 * the one-word hits that end its answer (vg_dict_lookup1 gives them, and
 * the token cache keeps them): the walk for the phrases of two words or
 * more, longest first, without asking the filter again. */
size_t vg_dict_walk(const vigil_dict *d, const uint32_t *ids, const uint32_t *stems, size_t n,
                    size_t i, vg_hit *out, size_t cap);
/* 0 when no phrase starts with a token of word id wid and stem id sid
 * (vg_dict_lookup at its position finds nothing), else 1. */
int vg_dict_may_start(const vigil_dict *d, uint32_t wid, uint32_t sid);
/* The actor a capitalised word that is not in the dictionary most likely
 * misspells: the one single-word actor name (six letters or more) exactly
 * one edit away, or 0 when there is none or more than one. */
uint32_t vg_dict_fuzzy_actor(const vigil_dict *d, const char *s, size_t n);
/* The word of an id. */
const char *vg_dict_word(const vigil_dict *d, uint32_t id);

/* The code an actor has on a date (yyyymmdd): a dated code whose range
 * holds the date wins over an undated one; NULL when the actor has only
 * dated codes and none holds. */
const char *vg_actor_code_at(const vigil_dict *d, uint32_t actor, int32_t date);

/* Read access to the tables (valid after loading). */
const vg_actor *vg_dict_actor(const vigil_dict *d, uint32_t id);
const vg_dated_code *vg_dict_codes(const vigil_dict *d); /* indexed by first_code */
const vg_agent *vg_dict_agent(const vigil_dict *d, uint32_t id);
const vg_verbform *vg_dict_verbform(const vigil_dict *d, uint32_t id);
const vg_verb *vg_dict_verb(const vigil_dict *d, uint32_t id);
const vg_family *vg_dict_family(const vigil_dict *d, uint32_t id);
const vg_pattern *vg_dict_pattern(const vigil_dict *d, uint32_t id);
/* All patterns at once (indexed by id, *n of them): for loops over many. */
const vg_pattern *vg_dict_patterns(const vigil_dict *d, size_t *n);
const vg_pel *vg_dict_pels(const vigil_dict *d); /* indexed by first_el */
const vg_synset *vg_dict_synset_info(const vigil_dict *d, uint32_t id);
const vg_discard *vg_dict_discard(const vigil_dict *d, uint32_t id);

#endif
