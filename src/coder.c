/*
 * coder.c — from a cleaned, tokenised story to CAMEO events.
 *
 * vigil needs no external parser. Each sentence goes through a shallow,
 * deterministic analysis that is good enough for the grammar news uses:
 *
 *   1. tag     every token is looked up once in the dictionary (word id,
 *              stem id) and in the closed-class lexicon; the longest
 *              dictionary phrase at each position tags actors, agents
 *              (role words) and verb forms; an unknown capitalised word
 *              one edit away from a known actor name is read as that name
 *              ("Brussel");
 *   2. verbs   a verb form is taken as a verb or a noun from its left
 *              context ("the attacks" vs "Iran attacks");
 *   3. chunks  runs of nominal tokens form noun phrases; each gets an actor
 *              code from its head (actor, role word with its country,
 *              person name, pronoun resolved against the story so far);
 *              chunks joined by "and" or commas form compound groups;
 *   4. clauses for each verb: its auxiliary chain (negation, passive,
 *              modals, "refused to", "threatened to"), its subject (nearest
 *              noun phrase to the left inside the clause, through
 *              coordination "X said ... and warned", relative pronouns and
 *              prepositional tails "the delivery of missiles to Russia"),
 *              its object and prepositional objects to the right;
 *   5. code    the verb's patterns are matched around it; the best match
 *              (or the verb's own code) gives the event; compound groups
 *              give one event per source and target; speech verbs and
 *              quotes give speakers; conditionals and modals give the
 *              hypothetical flag.
 *
 * All working memory hangs off the coder and is reused from sentence to
 * sentence; the dictionary is only read.
 */
#include "alloc.h"
#include "buf.h"
#include "cwords.h"
#include "dict.h"
#include "doc.h"
#include "lexicon.h"
#include "limits.h"
#include "options.h"
#include "tokcache.h"
#include "vigil.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tags of tokens after dictionary lookup. */
enum { TG_NONE = 0, TG_ACTOR, TG_AGENT, TG_VERB };

/* Verb group flags. */
enum {
    VF_NEG = 1u << 0,
    VF_PASSIVE = 1u << 1,
    VF_HYPO = 1u << 2,
    VF_INF = 1u << 3,
    VF_REFUSED = 1u << 4,
    VF_SPEECH = 1u << 5,
    VF_COND = 1u << 6,
    VF_GERUND = 1u << 7, /* a gerund whose subject is known ("for supplying") */
    VF_MUTUAL = 1u << 8, /* a compound subject acting on itself (a '%' pattern) */
    VF_PAST = 1u << 9,   /* in a clause dated away from the story ("five years after") */
    VF_CUT = 1u << 10    /* in a comma clause the comma_* options remove */
};

/* Function words: never names or role words when written in lower case. */
#define L_FUNCTION                                                                                 \
    (L_DET | L_POSS | L_PRON | L_PREP | L_CONJ | L_SUB | L_REL | L_BE | L_HAVE | L_DO | L_MODAL |  \
     L_NEG | L_TO | L_BY | L_AND | L_OR)

#define MAX_HITS 64
/* Room of the per-sentence word lists: at least VG_MAX_TOKENS. */
#define WORDSET_SIZE 1024
/* How many sentences back a pronoun may refer (0 = the previous one). */
#define COREF_REACH 2
#define MAX_NAMES 64
#define NO_IDX UINT32_MAX
/* How many unknown items of a story add_unknown finds by hash; any more
 * are compared one by one. A power of two: the table has twice as many
 * slots, so a probe always ends at an empty one. */
#define UNK_HASHED 512u

/* A token as the coder sees it: 48 bytes, written once per token by
 * tag_sentence. The first 32 bytes are copied or set from the token and
 * its cache slot; alt_ent is written only with alt_tag and read only when
 * it is set, so it is left as it was; the 12 bytes from tag to the end
 * start zero (a 4-byte and an 8-byte store). head and chunk fit 16 bits
 * (VG_MAX_TOKENS). */
typedef struct ctok {
    uint32_t start, end;  /* byte offsets into the doc text */
    uint32_t wid, sid;    /* dictionary word id and stem id (0 = none) */
    uint64_t lex;         /* closed-class flags */
    uint8_t kind, tflags; /* the tokenizer's kind and flags (VG_TOK_*, VG_TF_*) */
    uint8_t cw;           /* which word of the rules' table it is (cwords.h), CW_OTHER */
    uint8_t quote;        /* inside double quotes */
    uint16_t head;        /* start token of the phrase covering this token */
    int16_t chunk;        /* noun chunk covering this token, -1 */
    uint32_t alt_ent;     /* the entry of alt_tag, when alt_tag is set */
    uint8_t tag;          /* TG_* for the first token of a phrase */
    uint8_t inphrase;     /* 1 for every token of a tagged phrase */
    uint8_t plen;         /* phrase length where tag is set */
    uint8_t alt_tag;      /* a nominal reading the verb reading won over (TG_*), 0 */
    uint8_t isverb;       /* decided: heads a verb */
    uint8_t pch;          /* a punctuation mark's first byte (punct_is), 0 */
    uint8_t bound;        /* a clause boundary (is_boundary) */
    uint8_t skip;         /* an adverb or time word when outside a phrase (is_skippable) */
    uint32_t ent;         /* actor / agent / verb form id */
    /* (Fields added here start zero too: tag_sentence clears from tag to
     * the end.) */
} ctok;
_Static_assert(VG_MAX_TOKENS <= 32767, "token positions fit ctok.head and ctok.chunk");

typedef struct chunk {
    uint32_t start, end; /* tokens [start, end) */
    char code[VG_MAX_CODE];
    char agent[VG_MAX_CODE]; /* role code of a role word in the chunk */
    char poss[VG_MAX_CODE];  /* code of the possessor ("Mordor's decision") */
    uint32_t actor;          /* actor entry giving the code, 0 */
    uint8_t person;          /* names a person */
    uint8_t pronoun;         /* a pronoun or definite role ("the spokesman") */
    uint8_t plural;
    uint8_t plain;          /* resolve_chunk would find nothing (build_chunks, plain_chunk) */
    uint32_t gfirst, glast; /* compound group: chunk index range */
    /* "Soldiers from Gondor", "lawmakers in Arnor and Rohan": a role
     * phrase standing for the group of chunk `proxy` (index + 1, 0 = none),
     * each with this chunk's role. */
    uint32_t proxy;
} chunk;

typedef struct vgroup {
    uint32_t v, vend; /* verb phrase tokens [v, vend) */
    uint32_t gstart;  /* first token of the auxiliary chain */
    unsigned flags;   /* VF_* */
    int32_t subj;     /* subject chunk (any chunk of its group), -1 */
    uint32_t cl_end;  /* end of the clause to the right; 0 until asked (clause_end_of) */
    uint32_t pat_end; /* how far right patterns may look; 0 until asked (pattern_end_of) */
    uint8_t consumed; /* its words belong to another verb's pattern */
    /* The code of who speaks the clause: code_sentence's speaker, or "";
     * valid while its sentence is coded (no 40-byte copy a verb). */
    const char *speaker;
} vgroup;

typedef struct evinfo {
    char where[96];
    char rule[160];
    char *explain; /* owned, only with VIGIL_CODE_EXPLAIN */
} evinfo;

typedef struct name_mem {
    char name[32];
    uint8_t len; /* of name */
    char code[VG_MAX_CODE];
} name_mem;

struct vigil_coder {
    vigil_dict *dict;
    unsigned flags;
    /* Word ids of the sentence, a bit per id; synbits follows it in the
     * same allocation (need_bits), then one word that stays zero. */
    uint64_t *wordbits;
    size_t nwordbits;                /* 64-bit words */
    uint32_t wordlist[WORDSET_SIZE]; /* the same ids, each once, in order */
    size_t nwordlist;
    uint32_t anchorlist[WORDSET_SIZE]; /* those that anchor patterns, in order */
    size_t nanchorlist;
    int anchors_ready;               /* anchorlist is filled for this sentence */
    vg_pspan cand[WORDSET_SIZE + 1]; /* a family's candidates (family_candidates) */
    const vg_pel *pels;              /* the dictionary's pattern elements (frozen with it) */
    struct {
        int option; /* index from options.h */
        char value[24];
    } opts[VG_MAX_CODER_OPTIONS];
    size_t nopts;
    /* per sentence */
    ctok *tok;
    size_t ntok, captok;
    chunk *ch;
    size_t nch, capch;
    int grouped; /* build_groups joined chunks since build_chunks */
    vgroup *vg;
    size_t nvg, capvg;
    uint64_t slex; /* the lexicon classes of the sentence's tokens, together */
    int coded;     /* some phrase has a code or a possessor's code (code_sentence) */
    uint32_t *ids, *sids;
    /* The positions tagging's second pass looks at, in order (tagpos). */
    struct tagpos *todo;
    /* Tagging's first loop, per token: the cache slot it found, and the
     * slot's last four bytes as they were then (see tag_sentence). */
    const vg_tc_ent **tslot;
    struct tslotb {
        uint8_t cx, cw, flags, tag;
    } * ttf;
    vg_tc_pre *tpre; /* the token's key and first set (vg_tokcache_prefetch) */
    size_t capids;
    /* Synonym-set hits by position, looked up once per sentence on first
     * use: patterns test &SETS at the same positions again and again. */
    int32_t *syn_first; /* index of the position's first hit in syn, -1: not looked up */
    uint8_t *syn_count;
    size_t capsynpos;
    struct synhit {
        uint32_t id, len;
    } * syn;
    size_t nsyn, capsyn;
    /* The synonym sets with a member anywhere in the sentence (bit per
     * set id), valid when syn_all is set: a pattern that needs a set the
     * sentence lacks cannot match (words_present). */
    uint64_t *synbits;   /* (inside wordbits' allocation) */
    size_t nsynbits;     /* 64-bit words */
    uint32_t attack_set; /* the "&ATTACK" synonym set + 1, 1 when none, 0 before looked up */
    int syn_all;
    vg_tokcache *tcache; /* word, stem, lexicon, rule-word and one-word lookups by bytes */
    /* per doc */
    const vigil_doc *doc;
    int32_t date;
    vigil_event *ev;
    evinfo *info;
    size_t nev, capev, capinfo;
    char **unknown;
    size_t nunknown, capunknown;
    /* discourse state for coreference */
    char last_person[VG_MAX_CODE];
    char last_actor[VG_MAX_CODE];
    char last_plural[VG_MAX_CODE];
    char last_speaker[VG_MAX_CODE];
    char pair[2][VG_MAX_CODE]; /* the two sides of the last event with both */
    unsigned age_pair;
    unsigned age_person, age_actor, age_plural; /* sentences since each was set */
    name_mem names[MAX_NAMES];
    size_t nnames;
    struct {
        char word[32]; /* the role phrase, lower case: "president", "foreign minister" */
        uint8_t len;   /* of word */
        char code[VG_MAX_CODE];
    } roles[16];
    size_t nroles;
    /* Where the rules may start (mark_triggers), per sentence: the positions
     * of the tokens with a TR_* bit other than TR_ACTOR, in order, and the
     * bits (the actor heads are act_pos below). */
    uint16_t mk_pos[VG_MAX_TOKENS];
    uint8_t mk_bits[VG_MAX_TOKENS];
    size_t nmk;
    unsigned mk_all; /* the bits of the sentence, together */
    /* The tokens find_verbs and note_unknown_verbs may act on, in order
     * (mark_triggers): a dictionary verb form, a word with no lexicon
     * class that heads no actor or role phrase, a speech or "plans"-like
     * word (L_SPEECH, L_IRREAL). Neither pass changes any other token. */
    uint16_t wk_pos[VG_MAX_TOKENS];
    size_t nwk;
    /* Made by tagging (note_head), each in order: the heads of actor
     * phrases (TR_ACTOR); the places in wk_pos of the heads whose tag
     * takes them out of it, and the heads whose tag lists them, which
     * mark_triggers merges into the list tagging's first loop made. */
    uint16_t act_pos[VG_MAX_TOKENS];
    size_t nact;
    uint16_t wk_drop[VG_MAX_TOKENS]; /* indices into wk_pos */
    size_t nwkdrop;
    uint16_t wk_add[VG_MAX_TOKENS]; /* token positions */
    size_t nwkadd;
    /* The tokens find_verbs took as verbs (isverb set), in order. */
    uint16_t vpos[VG_MAX_TOKENS];
    size_t nvpos;
    /* The story's first UNK_HASHED unknown items by a hash of their text
     * (add_unknown): a slot holds an index into unknown when its gen is
     * unk_gen, which moves on with every story. */
    struct unk_slot {
        uint32_t gen, idx;
    } unk_slot[2 * UNK_HASHED];
    uint32_t unk_gen;
    /* The tags tagging gave the sentence's tokens, alternative readings
     * included (bit 1 << TG_*), for sentence_may_code. */
    unsigned stags;
    /* The verb form entry of each token find_verbs looked up (a verb
     * form's, TG_VERB), by position: the verb loop of code_sentence reads
     * it for its verbs instead of asking the dictionary again. Valid for a
     * token find_verbs left a verb (tag TG_VERB, isverb set). */
    const vg_verbform *vform[VG_MAX_TOKENS];
};

/* What a token may start (mark_triggers): an actor phrase (gapped_names), a
 * quote mark (scare_quotes), "what" (what_it_called), "after", "since",
 * "before" (mark_past), "last", "in", "during" or a span of time
 * (mark_dated_past). */
enum { TR_ACTOR = 1u, TR_QUOTE = 2u, TR_WHAT = 4u, TR_SINCE = 8u, TR_PAST = 16u };
_Static_assert(VG_MAX_TOKENS <= 65536, "token positions fit mk_pos");

/* ------------------------------------------------------------- helpers */

/* Copies a code, cut to VG_MAX_CODE - 1 bytes. Codes are a few bytes long
 * and most are empty: a byte loop, no strlen and memcpy calls. */
static void copy_code(char *dst, const char *src)
{
    size_t n = 0;
    for (; n < VG_MAX_CODE - 1 && src[n]; n++) dst[n] = src[n];
    dst[n] = '\0';
}

/* Copies a whole code array: dst and src are both char[VG_MAX_CODE] holding
 * a code terminated within them (a phrase's code, the discourse state, the
 * speaker), so this copies what copy_code would, and the bytes after the
 * NUL, which nothing reads. A fixed-size copy is a few moves where
 * copy_code's byte loop costs about 40 instructions. */
static inline void copy_code_all(char *dst, const char *src)
{
    memcpy(dst, src, VG_MAX_CODE);
}

/* Role codes that end an actor code: an agent is not appended after one. */
static const char *const role_codes[] = {"GOV", "MIL", "COP", "JUD", "REB", "OPP", "SPY", "LEG",
                                         "MED", "BUS", "CVL", "ELI", "INS", "SEP", "UAF", "LAB",
                                         "EDU", "HLH", "HRI", "REF", "CRM", "AGR", "DEV", "ENV"};

static int is_role_code(const char *s)
{
    for (size_t i = 0; i < sizeof role_codes / sizeof role_codes[0]; i++)
        if (memcmp(s, role_codes[i], 3) == 0) return 1;
    return 0;
}

static int ends_with_role(const char *code)
{
    size_t n = strlen(code);
    return n >= 6 && is_role_code(code + n - 3);
}

/* Is an event code "190" (the use of conventional force)? A byte test,
 * not a strcmp call: asked of most coded verbs. */
static inline int code_is_190(const char *code)
{
    return code[0] == '1' && code[1] == '9' && code[2] == '0' && code[3] == '\0';
}

/* An act of force: assault, fighting, mass violence (CAMEO 18, 19, 20). */
static int force_code(const char *code)
{
    return (code[0] == '1' && code[1] >= '8') || code[0] == '2';
}

/* Is the role triple s an organ of the state (government, military,
 * police, courts, legislature, intelligence)? */
static int state_role(const char *s)
{
    static const char *const roles[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (memcmp(s, roles[i], 3) == 0) return 1;
    return 0;
}

/* Is the role triple s an armed force outside the state's: rebels,
 * insurgents, separatists, irregulars? */
static int irregular_role(const char *s)
{
    return memcmp(s, "REB", 3) == 0 || memcmp(s, "INS", 3) == 0 || memcmp(s, "SEP", 3) == 0 ||
           memcmp(s, "UAF", 3) == 0;
}

/* An armed or governing group's code: a government, military, rebel,
 * insurgent, separatist or irregular role among its triples after the
 * country ("AFGGOVTAL", the Taliban; "SOMINSSHB", al-Shabaab), or an
 * international militant group ("IMGISI"). Its fighters or leaders are the
 * group itself: no second role goes after it. */
static int armed_group_code(const char *code, size_t n)
{
    if (n >= 6 && memcmp(code, "IMG", 3) == 0) return 1;
    for (size_t k = 3; k + 3 <= n; k += 3)
        if (memcmp(code + k, "GOV", 3) == 0 || memcmp(code + k, "MIL", 3) == 0 ||
            irregular_role(code + k))
            return 1;
    return 0;
}

/* An actor code with a role word: "RUS" + "GOV" -> "RUSGOV". A code that
 * already carries a role keeps it ("Kremlin spokesman" stays RUSGOV). (A
 * code is shorter than VG_MAX_CODE: its length is where the copy of it
 * stopped, and the tests of base are those of its copy.) */
static void combine(char *out, const char *base, const char *agent)
{
    size_t n = 0;
    for (; n < VG_MAX_CODE - 1 && base[n]; n++) out[n] = base[n];
    out[n] = '\0';
    if (!*agent || !n || (n >= 6 && is_role_code(out + n - 3)) || armed_group_code(out, n)) return;
    size_t m = strlen(agent);
    /* "the ELN rebel group": COLREBELN already says rebel. */
    for (size_t k = 3; k + m <= n; k += 3)
        if (memcmp(out + k, agent, m) == 0) return;
    if (n + m < VG_MAX_CODE) memcpy(out + n, agent, m + 1);
}

static int32_t parse_date(const char *d)
{
    /* "YYYY-MM-DD" -> yyyymmdd; an absent date means "now": open-ended
     * ranges hold. */
    if (!d || strlen(d) < 10) return 99991231;
    int32_t v = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) continue;
        if (d[i] < '0' || d[i] > '9') return 99991231;
        v = v * 10 + (d[i] - '0');
    }
    return v;
}

static const char *tok_text(const vigil_coder *c, uint32_t i, size_t *n)
{
    *n = c->tok[i].end - c->tok[i].start;
    return c->doc->text + c->tok[i].start;
}

/* Is token i the word w (CW_*, cwords.h) in any letter case? Tagging gave
 * every token its id, so this is one compare, not a string compare. */
static inline int tok_is(const vigil_coder *c, uint32_t i, uint8_t w)
{
    return c->tok[i].cw == w;
}

/* Is token i one of the words of a list (CWC_*, cwords.h)? */
static inline int tok_in(const vigil_coder *c, uint32_t i, unsigned list)
{
    return (vg_cwords_table[c->tok[i].cw].classes & list) != 0;
}

static int is_punct(const ctok *t)
{
    return (t->kind == VG_TOK_PUNCT || t->kind == VG_TOK_QUOTE) && t->end - t->start >= 1 &&
           t->end - t->start <= 3;
}

/* Is token i the punctuation mark ch? Tagging noted each mark's byte: the
 * rules ask this of the same tokens again and again. */
static inline int punct_is(const vigil_coder *c, uint32_t i, char ch)
{
    return c->tok[i].pch == (uint8_t)ch;
}

/* Is token i a hyphen written against the word before it and followed by
 * a word ("anti- Gondor")? */
static int attached_hyphen(const vigil_coder *c, uint32_t i)
{
    const ctok *t = &c->tok[i];
    if (i == 0 || i + 1 >= c->ntok || t->end - t->start != 1 || c->doc->text[t->start] != '-')
        return 0;
    return c->tok[i - 1].end == t->start && c->tok[i - 1].kind == VG_TOK_WORD &&
           c->tok[i + 1].kind == VG_TOK_WORD;
}

/* "the Rapid Support Forces (RSF) attacked": a short parenthesis after a
 * phrase is passed over when looking left. Returns the token before the
 * '(' when token i closes one of at most six tokens, else i. */
static int32_t skip_paren_left(const vigil_coder *c, int32_t i)
{
    if (i < 2 || !punct_is(c, (uint32_t)i, ')')) return i;
    for (int32_t q = i - 1; q >= 1 && q >= i - 7; q--) {
        if (punct_is(c, (uint32_t)q, '(')) return q - 1;
        if (c->tok[q].kind == VG_TOK_PUNCT) return i;
    }
    return i;
}

/* A clause boundary for subject and object search. Tagging keeps the
 * answer in the token once per sentence (is_boundary reads it): it depends
 * on the tokens alone, and the searches for subjects, objects and clause
 * ends test it at every step. */
static int boundary_of(const vigil_coder *c, uint32_t i)
{
    const ctok *t = &c->tok[i];
    if (t->kind == VG_TOK_QUOTE) return 1;
    if (t->kind == VG_TOK_PUNCT) {
        char ch = c->doc->text[t->start];
        /* A hyphen written against the word before it ("an anti- Gondor
         * parade", a line-break hyphen) joins; a spaced dash separates. */
        if (ch == '-' && attached_hyphen(c, i)) return 0;
        return ch == ';' || ch == ':' || ch == '(' || ch == ')' || ch == '"' || ch == '-' ||
               ch == '?' || ch == '!';
    }
    return 0;
}

static inline int is_boundary(const vigil_coder *c, uint32_t i)
{
    return c->tok[i].bound;
}

/* Adverbs and time words a search may step over. Tagging keeps the answer
 * for a token outside a phrase in t->skip (the searches ask it at every
 * step); only whether the token is in a phrase changes after tagging. */
static inline int is_skippable(const vigil_coder *c, uint32_t i)
{
    const ctok *t = &c->tok[i];
    return !t->inphrase && t->skip;
}

/* The same from the token alone, before t->skip is set: nothing here may
 * read a later token, except the "nearer to" case tag_sentence adds. ly:
 * the token has more than four bytes and ends in "ly" (the token cache
 * notes it, VG_TC_LY). */
static int skippable_word(const vigil_coder *c, uint32_t i, int ly)
{
    const ctok *t = &c->tok[i];
    if (t->lex & (L_ADV | L_TIME)) return 1;
    /* "-ly" adverbs; but "to supply", "to apply" are verbs. */
    return ly && t->kind == VG_TOK_WORD && !(t->tflags & VG_TF_CAP) &&
           !(i > 0 && (c->tok[i - 1].lex & L_TO));
}

/* ------------------------------------------------------------ tagging */

/* Keeps the synonym-set hits among the lookup hits at token i (see
 * syn_first): tagging looks most positions up anyway, and patterns test
 * their &SETS at the same positions again and again. */
static void syn_push(vigil_coder *c, uint32_t i, const vg_hit *hits, size_t nh)
{
    for (size_t h = 0; h < nh; h++) {
        if (hits[h].kind != VG_ENT_SYN) continue;
        struct synhit x = {hits[h].id, hits[h].len};
        VG_PUSH(c->syn, c->nsyn, c->capsyn, x);
        c->syn_count[i]++;
    }
}

static inline void syn_record(vigil_coder *c, uint32_t i, const vg_hit *hits, size_t nh)
{
    c->syn_first[i] = (int32_t)c->nsyn;
    c->syn_count[i] = 0;
    if (nh) syn_push(c, i, hits, nh); /* most positions have no hit */
}

/* A position tagging's second pass must look at: its word has one-word
 * hits, starts a longer phrase the next token may continue, or must be
 * looked up (VG_TC_LOOKUP), or it is an unknown capitalised word that may
 * misspell a name. The rest (about two thirds of news tokens: "said",
 * numbers, punctuation, and "the", "of" before a word that continues none
 * of their phrases) start no phrase, so the second pass skips them; so are
 * words whose kept hits are synonym sets only (VG_TC_SYNONLY): the first
 * pass notes the sets, and there is nothing to pick. nh is
 * the slot's tag byte (VG_TC_T_*: the count of hits the token cache kept,
 * with VG_TC_T_SYN, or VG_TC_T_LOOKUP), VG_TC_T_PREFIX cleared or replaced
 * by NH1_WALK once the next token is seen; the hits are read from the
 * token's cache slot. A later token of the sentence that
 * misses the cache may have put another token there: the hits are a
 * function of the word and stem ids alone (vg_dict_lookup1), so the slot
 * still answers when it holds the same two ids, and else is asked for
 * again. */
struct tagpos {
    uint32_t i;
    uint8_t nh;
    uint16_t wk;        /* where the first loop put the token in wk_pos (if it kept it) */
    const vg_tc_ent *e; /* the token's cache slot (its hits); NULL: listed for its walk only */
};
_Static_assert(sizeof(struct tagpos) <= 16, "tagpos.wk fits in the padding");

/* The slot of token t as tagpos.e noted it, or the token's slot asked for
 * again when a later miss put another token there (see struct tagpos). */
static const vg_tc_ent *tagpos_slot(vigil_coder *c, const vg_tc_ent *e, const ctok *t)
{
    if (e && (e->wid != t->wid || e->sid != t->sid))
        e = vg_tokcache_get_again(c->tcache, c->doc->text + t->start, t->end - t->start);
    return e;
}

/* Hit h of those a cache slot kept, as vg_dict_lookup gives it (one word). */
static inline vg_hit slot_hit(const vg_tc_ent *e, size_t h)
{
    return (vg_hit){(uint8_t)(e->hkind[h] & ~VG_TC_STEM), (e->hkind[h] & VG_TC_STEM) != 0,
                    e->hid[h], 1};
}

/* Notes the synonym sets among the one-word hits slot e kept for token i
 * (syn_first, syn_count), as the second pass would after looking the
 * position up; a position with kept hits starts no longer phrase, so a
 * lookup there gives these hits, whether a phrase before it covers it or
 * not. */
static inline void kept_syn(vigil_coder *c, uint32_t i, const vg_tc_ent *e)
{
    c->syn_first[i] = (int32_t)c->nsyn;
    if (!(e->flags & VG_TC_SYN)) return;
    for (size_t h = 0; h < (e->tag & VG_TC_T_COUNT); h++) {
        if ((e->hkind[h] & ~VG_TC_STEM) != VG_ENT_SYN) continue;
        struct synhit x = {e->hid[h], 1};
        VG_PUSH(c->syn, c->nsyn, c->capsyn, x);
        c->syn_count[i]++;
    }
}

/* tagpos.nh: the phrase walk is needed (vg_dict_walk), the bit the token
 * cache's tag byte leaves free. */
#define NH1_WALK 0x10u
_Static_assert(!(NH1_WALK & (VG_TC_T_COUNT | VG_TC_T_SYN | VG_TC_T_PREFIX | VG_TC_T_LOOKUP)) &&
                   VG_TC_HITS <= VG_TC_T_COUNT,
               "the walk bit is free in the tag byte");

/* "al-Shabaab", "el-Sisi", "ad-Dawla": an Arabic article written in lower
 * case before a capitalised name. */
static int article_name(const vigil_coder *c, const ctok *t)
{
    const char *s = c->doc->text + t->start;
    size_t n = t->end - t->start;
    return n > 3 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' && s[2] == '-' &&
           s[3] >= 'A' && s[3] <= 'Z';
}

/* boundary_of for a punctuation token that is no hyphen: is its first
 * byte one of ; : ( ) " ? ! (all below 64, so a bit of one word each)? */
static inline int bound_byte(uint8_t ch)
{
    const uint64_t set = 1ull << ';' | 1ull << ':' | 1ull << '(' | 1ull << ')' | 1ull << '"' |
                         1ull << '?' | 1ull << '!';
    return ch < 64 && (set >> ch & 1);
}

_Static_assert(offsetof(ctok, end) == offsetof(ctok, start) + 4 &&
                   offsetof(vg_token, end) == offsetof(vg_token, start) + 4 &&
                   offsetof(ctok, sid) == offsetof(ctok, wid) + 4 &&
                   offsetof(ctok, tflags) == offsetof(ctok, kind) + 1 &&
                   offsetof(vg_token, flags) == offsetof(vg_token, kind) + 1 &&
                   offsetof(vg_tc_ent, sid) == offsetof(vg_tc_ent, wid) + 4 &&
                   offsetof(vg_tc_ent, cw) == offsetof(vg_tc_ent, cx) + 1 &&
                   offsetof(vg_tc_ent, flags) == offsetof(vg_tc_ent, cx) + 2 &&
                   offsetof(vg_tc_ent, tag) == offsetof(vg_tc_ent, cx) + 3,
               "tag_sentence copies start/end, wid/sid and kind/flags in pairs");
_Static_assert(offsetof(ctok, alt_ent) < offsetof(ctok, tag) &&
                   offsetof(ctok, ent) > offsetof(ctok, tag),
               "tag_sentence zeroes tag to the end and leaves alt_ent");

/* Is a word after the first of the sentence capitalised but not all upper
 * case (edited text, not a headline in capitals nor all lower case)? */
static int mixed_case_of(const vigil_coder *c)
{
    for (size_t i = 1; i < c->ntok; i++)
        if (c->tok[i].kind == VG_TOK_WORD && (c->tok[i].tflags & VG_TF_CAP) &&
            !(c->tok[i].tflags & VG_TF_UPPER))
            return 1;
    return 0;
}

/* The TR_* bits of each rule word (cwords.h): a span of time, "last",
 * "in", "during" (TR_PAST), "what" (TR_WHAT), "after", "since", "before"
 * (TR_SINCE). */
#define TRIG_BITS(name, word, classes)                                                             \
    (uint8_t)(((classes)&CWC_TIME_SPAN || CW_##name == CW_LAST || CW_##name == CW_IN ||            \
                       CW_##name == CW_DURING                                                      \
                   ? TR_PAST                                                                       \
                   : 0u) |                                                                         \
              (CW_##name == CW_WHAT ? TR_WHAT : 0u) |                                              \
              (CW_##name == CW_AFTER || CW_##name == CW_SINCE || CW_##name == CW_BEFORE ? TR_SINCE \
                                                                                        : 0u))
#define TRIG_OF(name, word, classes) TRIG_BITS(name, word, classes),
static const uint8_t trig_of_cw[CW_COUNT] = {0, VG_CWORDS(TRIG_OF)};
/* The same bits shifted down by two (the bits of a rule word are TR_WHAT,
 * TR_SINCE and TR_PAST only): the token cache keeps them in its slots'
 * cx byte (vg_tokcache.cwbits), above the kinds a token is listed for. */
#define TRIG_CX(name, word, classes) (uint8_t)(TRIG_BITS(name, word, classes) >> 2),
static const uint8_t trig_cx[CW_COUNT] = {0, VG_CWORDS(TRIG_CX)};
#undef TRIG_CX
#undef TRIG_OF
#undef TRIG_BITS
_Static_assert(TR_WHAT == 4 && TR_SINCE == 8 && TR_PAST == 16 &&
                   (TR_PAST >> 2) < 1u << (8 - VG_TC_X_CW_SHIFT),
               "a rule word's bits fit the slot's cx byte, shifted down by two");

/* Adds bits b to mark_triggers' list at token i, the last token listed
 * or a new entry (tagging's first loop, in token order). */
static void note_trigger(vigil_coder *c, uint32_t i, unsigned b)
{
    size_t m = c->nmk;
    if (!m || c->mk_pos[m - 1] != i) {
        c->mk_pos[m] = (uint16_t)i;
        c->mk_bits[m] = 0;
        c->nmk = ++m;
    }
    c->mk_bits[m - 1] |= (uint8_t)b;
    c->mk_all |= b;
}

/* Notes what tagging token i (a phrase head, tagged now) changes in the
 * lists tagging's first loop made for mark_triggers: an actor head gains
 * TR_ACTOR; a verb form the first loop did not list for find_verbs is
 * listed, a word with no lexicon class heading an actor or role phrase
 * taken out (see mark_triggers for both conditions). */
static inline void note_head(vigil_coder *c, uint32_t i, const ctok *t, const struct tagpos *p)
{
    if (t->tag == TG_ACTOR) c->act_pos[c->nact++] = (uint16_t)i;
    if (t->lex) {
        if (t->tag != TG_VERB || (t->lex & (L_SPEECH | L_IRREAL))) return;
    } else if (t->kind == VG_TOK_WORD) {
        /* (Listed by the first loop, at p->wk.) */
        if (t->tag == TG_ACTOR || t->tag == TG_AGENT) c->wk_drop[c->nwkdrop++] = p->wk;
        return;
    } else if (t->tag != TG_VERB) {
        return;
    }
    c->wk_add[c->nwkadd++] = (uint16_t)i;
}

/* Looks every token up, then tags the longest dictionary phrases. */
static int tag_sentence(vigil_coder *c, uint32_t t0, uint32_t t1, int *discard_story)
{
    const vigil_doc *d = c->doc;
    size_t n = t1 - t0;
    if (n > VG_MAX_TOKENS) n = VG_MAX_TOKENS;
    c->ntok = 0;
    vg_grow((void **)&c->tok, &c->captok, n + 1, sizeof *c->tok);
    if (c->capids < n + 1) {
        c->ids = vg_realloc(c->ids, (n + 1) * sizeof *c->ids);
        c->sids = vg_realloc(c->sids, (n + 1) * sizeof *c->sids);
        c->todo = vg_realloc(c->todo, (n + 1) * sizeof *c->todo);
        c->tslot = vg_realloc(c->tslot, (n + 1) * sizeof *c->tslot);
        c->ttf = vg_realloc(c->ttf, (n + 1) * sizeof *c->ttf);
        c->tpre = vg_realloc(c->tpre, (n + 1) * sizeof *c->tpre);
        c->capids = n + 1;
    }
    if (c->capsynpos < n + 1) {
        c->syn_first = vg_realloc(c->syn_first, (n + 1) * sizeof *c->syn_first);
        c->syn_count = vg_realloc(c->syn_count, (n + 1) * sizeof *c->syn_count);
        c->capsynpos = n + 1;
    }
    int quote = 0, hyphens = 0;
    uint64_t slex = 0;
    size_t ntodo = 0;
    /* The word before starts longer phrases: the token after it says
     * whether the walk is needed (vg_dict_may_continue). 1: it has kept
     * hits and is the last todo entry; 2: it has none and is not listed. */
    int prefix = 0;
    const uint64_t *filter = vg_dict_pair_filter(c->dict);
    /* The arrays in locals: the byte stores into tokens may alias
     * anything, so the compiler would load every pointer again. */
    const vg_token *src = d->tok + t0;
    const char *text = d->text;
    ctok *t = c->tok; /* token i */
    uint32_t *ids = c->ids, *sids = c->sids;
    int32_t *syn_first = c->syn_first;
    uint8_t *syn_count = c->syn_count;
    struct tagpos *todo = c->todo;
    vg_tokcache *tc = c->tcache;
    /* mark_triggers' lists as the token's rule word, kind and lexicon
     * class make them, as if no token were tagged: a rule word or quote
     * is noted in mk_pos (note_trigger, rare); every token is stored in
     * wk_pos and kept when listed (w <= i). */
    uint16_t *wk_pos = c->wk_pos;
    size_t w = 0;
    c->nmk = 0;
    c->mk_all = 0;
    /* Tokens starting before this offset have VG_TC_BYTES bytes of text
     * after their start (vg_tokcache_prefetch reads a key at a time). */
    size_t wide = d->len >= VG_TC_BYTES ? d->len - VG_TC_BYTES + 1 : 0;
    /* Looked up: no synonym set starts here. The first pass notes the
     * sets of the positions with kept one-word hits (kept_syn); the
     * positions to walk or look up are marked -1 until the second pass
     * (or, when a phrase before them covers them, syn_presence) does. */
    memset(syn_count, 0, n * sizeof *syn_count);
    memset(syn_first, 0, n * sizeof *syn_first);
    c->nsyn = 0;
    c->syn_all = 0;
    /* Two loops. The first asks the token cache for every token and copies
     * what the coder keeps of the slot into the token; it has few branches
     * that depend on what a slot holds (the slot is read from memory, often
     * from the L2 cache), so the reads of several tokens' slots overlap.
     * The second makes the lists from the slots' tag and flags bytes, which
     * the first kept (ttf), and the tokens: its branches on them, which a
     * predictor often gets wrong, no longer wait for a slot's read. A slot
     * may hold another token by then (a later token's miss or a hit in its
     * set's second slot moves slots): the second loop reads a slot's hits
     * only through tagpos_slot, which asks again when the slot's word and
     * stem ids are not the token's, and nothing else of it. */
    const vg_tc_ent **tslot = c->tslot;
    struct tslotb *ttf = c->ttf;
    /* Before both, every token's key and first cache set, the set's line
     * asked for from memory (vg_tokcache_prefetch): a loop with no branch
     * on what a slot holds, so the lines of many tokens are read at once,
     * and the first loop finds them in the L1 cache (most come from the L2
     * cache, which the rest of the coder has filled between two sentences;
     * perf put a third of tagging's time on the first slot's read). */
    vg_tc_pre *tpre = c->tpre;
    for (size_t i = 0; i < n; i++) {
        const vg_token *x = &src[i];
        size_t len = x->end - x->start;
        if (x->start < wide && len - 1 < VG_TC_BYTES)
            vg_tokcache_prefetch(tc, text + x->start, len, &tpre[i]);
    }
    for (size_t i = 0; i < n; i++, src++, t++) {
        const char *s = text + src->start;
        size_t len = src->end - src->start;
        /* What the token looks up to, from its bytes (tokcache.h); the
         * last few tokens of the text cannot be read a key at a time. */
        const vg_tc_ent *e = src->start < wide ? vg_tokcache_get_pre(tc, s, len, &tpre[i])
                                               : vg_tokcache_get_again(tc, s, len);
        /* Start and end, word and stem id: two pairs of neighbours each
         * side, copied as two 8-byte moves (the compiler gathered the four
         * fields into a vector one by one); then the fields set from the
         * token, and the 12 bytes that start zero. */
        memcpy(&t->start, &src->start, 2 * sizeof t->start);
        memcpy(&t->wid, &e->wid, 2 * sizeof t->wid);
        t->lex = e->lex;
        memcpy(&t->kind, &src->kind, 2); /* kind and flags, one 2-byte move */
        t->cw = e->cw;
        t->head = (uint16_t)i;
        t->chunk = -1;
        memset(&t->tag, 0, sizeof *t - offsetof(ctok, tag));
        ids[i] = e->wid;
        sids[i] = e->sid;
        slex |= e->lex;
        tslot[i] = e;
        memcpy(&ttf[i], &e->cx, sizeof ttf[i]); /* cx, cw, flags and tag: one 4-byte move */
    }
    t = c->tok;
    for (size_t i = 0; i < n; i++, t++) {
        /* The token's slot as the first loop found it (its hits through
         * tagpos_slot only), its tag and flags bytes. */
        const vg_tc_ent *e = tslot[i];
        const unsigned tag = ttf[i].tag, flags = ttf[i].flags, cx = ttf[i].cx;
        t->quote = (uint8_t)quote;
        if (prefix) {
            if (vg_dict_filter_continues(filter, ids[i - 1], t->wid, t->sid)) {
                if (prefix == 2) /* listed only now */
                    /* (wk: its place when the first loop kept it,
                     * the only case note_head reads it.) */
                    todo[ntodo++] = (struct tagpos){(uint32_t)i - 1, 0, (uint16_t)(w - 1), NULL};
                todo[ntodo - 1].nh = NH1_WALK;
                syn_first[i - 1] = -1;
            } else if (prefix == 1) {
                /* Its kept hits stay: their sets noted now, and a word
                 * with sets only is not visited. */
                struct tagpos *p = &todo[ntodo - 1];
                p->nh &= (uint8_t)~VG_TC_T_PREFIX;
                const vg_tc_ent *pe = tagpos_slot(c, p->e, t - 1);
                kept_syn(c, (uint32_t)i - 1, pe);
                ntodo -= (pe->flags & VG_TC_SYNONLY) != 0;
                p->e = pe;
            }
            prefix = 0;
        }
        if (tag == VG_TC_T_PREFIX) {
            /* "the", "of": no hit of their own, so they are listed only if
             * the next word may continue one of their phrases. */
            prefix = 2;
        } else if (tag & VG_TC_T_PREFIX) {
            /* Kept hits, and longer phrases the next word may continue:
             * listed; its sets wait for the next word (a walk notes them). */
            todo[ntodo++] = (struct tagpos){(uint32_t)i, (uint8_t)tag, (uint16_t)w, e};
            prefix = 1;
            syn_first[i] = -1; /* not looked up yet */
        } else if (tag & VG_TC_T_LOOKUP) {
            todo[ntodo++] = (struct tagpos){(uint32_t)i, (uint8_t)tag, (uint16_t)w, e};
            syn_first[i] = -1; /* not looked up yet */
        } else if (tag || (!t->wid && t->kind == VG_TOK_WORD && (t->tflags & VG_TF_CAP) && i > 0)) {
            /* Kept one-word hits, or an unknown capitalised word: its sets
             * are noted now; one with sets only and a known word has
             * nothing for the second pass. */
            e = tagpos_slot(c, e, t);
            kept_syn(c, (uint32_t)i, e);
            if (!(flags & VG_TC_SYNONLY) || !t->wid)
                todo[ntodo++] = (struct tagpos){(uint32_t)i, (uint8_t)tag, (uint16_t)w, e};
        }
        wk_pos[w] = (uint16_t)i;
        /* Kept when its lexicon class has L_SPEECH or L_IRREAL, or it has
         * none and is a word (the slot's VG_TC_X_KINDS, bit t->kind:
         * without a branch, words with a class and words without follow
         * each other in no order a branch predicts); its rule word's TR_*
         * bits (the slot keeps trig_cx[cw] above them). */
        w += cx >> t->kind & 1u;
        if (cx >> VG_TC_X_CW_SHIFT) note_trigger(c, (uint32_t)i, cx >> VG_TC_X_CW_SHIFT << 2);
        /* Most tokens are plain words: one test for the rare cases. */
        if (!(flags & (VG_TC_ADV | VG_TC_MARK))) continue;
        if (flags & VG_TC_ADV) {
            t->skip = (uint8_t)skippable_word(c, (uint32_t)i, (flags & VG_TC_LY) != 0);
            /* "inching nearer to accord", "moved closer to": an adverb here. */
            if (i > 0 && (t->lex & L_TO) &&
                (tok_is(c, (uint32_t)i - 1, CW_NEARER) || tok_is(c, (uint32_t)i - 1, CW_CLOSER)))
                t[-1].skip = 1;
        }
        if (t->kind != VG_TOK_PUNCT && t->kind != VG_TOK_QUOTE) continue;
        const char *s = text + t->start;
        if (t->kind == VG_TOK_QUOTE) {
            if (s[0] == '"') {
                quote = !quote;
                t->quote = 1;
            }
            note_trigger(c, (uint32_t)i, TR_QUOTE);
        }
        /* The punctuation byte and the boundary flag (punct_is,
         * is_boundary: boundary_of's answer, from the byte), except for a
         * hyphen, which needs the next token. */
        t->pch = is_punct(t) ? (uint8_t)s[0] : 0;
        if (t->kind == VG_TOK_PUNCT && s[0] == '-')
            hyphens = 1;
        else
            t->bound = t->kind == VG_TOK_QUOTE || bound_byte((uint8_t)s[0]);
    }
    if (prefix == 1) { /* the last token: no word after it continues a phrase */
        struct tagpos *p = &todo[ntodo - 1];
        p->nh &= (uint8_t)~VG_TC_T_PREFIX;
        p->e = tagpos_slot(c, p->e, &c->tok[p->i]);
        kept_syn(c, p->i, p->e);
        ntodo -= (p->e->flags & VG_TC_SYNONLY) != 0;
    }
    c->ntok = n;
    c->slex = slex;
    c->nwk = w;
    c->nact = c->nwkdrop = c->nwkadd = 0;
    for (size_t i = 0; i < n && hyphens; i++)
        if (c->tok[i].kind == VG_TOK_PUNCT && d->text[c->tok[i].start] == '-')
            c->tok[i].bound = (uint8_t)boundary_of(c, (uint32_t)i);

    int mixed_case = -1; /* not known yet: most sentences never ask */
    unsigned tags = 0;   /* c->stags */
    vg_hit walked[MAX_HITS], kept[VG_TC_HITS];
    size_t i = 0; /* the first position no tagged phrase covers */
    for (size_t k = 0; k < ntodo; k++) {
        const struct tagpos *p = &c->todo[k];
        if (p->i < i) continue; /* inside the phrase tagged last */
        i = p->i;
        t = &c->tok[i];
        /* Most positions start only one-word phrases, or a word like "the"
         * that starts longer ones the next word does not continue: the
         * token cache kept the one-word hits. */
        const vg_hit *hits = walked, *best_actor = NULL, *best_agent = NULL, *best_verb = NULL;
        size_t nh;
        if (p->nh & (VG_TC_T_LOOKUP | NH1_WALK)) {
            c->syn_first[i] = (int32_t)c->nsyn; /* for the patterns' &SETS */
            if (p->nh & NH1_WALK) {
                /* The phrases of two words or more, then the word's own
                 * hits as the slot kept them (none when it is not listed). */
                nh = vg_dict_walk(c->dict, c->ids, c->sids, n, i, walked, MAX_HITS);
                const vg_tc_ent *e = tagpos_slot(c, p->e, t);
                for (size_t h = 0; e && h < vg_tc_nh(e) && nh < MAX_HITS; h++)
                    walked[nh++] = slot_hit(e, h);
            } else {
                nh = vg_dict_lookup(c->dict, c->ids, c->sids, n, i, walked, MAX_HITS);
            }
            syn_push(c, (uint32_t)i, hits, nh);
            for (size_t h = 0; h < nh; h++) {
                const vg_hit *x = &hits[h];
                if (x->kind == VG_ENT_DISCARD) {
                    const vg_discard *dc = vg_dict_discard(c->dict, x->id);
                    if (dc && dc->story) *discard_story = 1;
                    return 0;
                }
                if (x->kind == VG_ENT_ACTOR && (!best_actor || x->len > best_actor->len))
                    best_actor = x;
                if (x->kind == VG_ENT_AGENT && (!best_agent || x->len > best_agent->len))
                    best_agent = x;
                if (x->kind == VG_ENT_VERB && (!best_verb || x->len > best_verb->len))
                    best_verb = x;
            }
        } else {
            /* The one-word hits the slot kept: all of one word, so the
             * first of each kind is the best. */
            const vg_tc_ent *e = tagpos_slot(c, p->e, t);
            nh = p->nh & VG_TC_T_COUNT;
            for (size_t h = 0; h < nh; h++) {
                kept[h] = slot_hit(e, h);
                unsigned kind = kept[h].kind;
                if (kind == VG_ENT_DISCARD) {
                    const vg_discard *dc = vg_dict_discard(c->dict, e->hid[h]);
                    if (dc && dc->story) *discard_story = 1;
                    return 0;
                }
                if (kind == VG_ENT_ACTOR && !best_actor) best_actor = &kept[h];
                if (kind == VG_ENT_AGENT && !best_agent) best_agent = &kept[h];
                if (kind == VG_ENT_VERB && !best_verb) best_verb = &kept[h];
            }
        }
        /* A lower-case closed-class word is never a name: "us" is not the
         * United States, "is" not the Islamic State. */
        if ((t->lex & L_FUNCTION) && !(t->tflags & (VG_TF_CAP | VG_TF_UPPER))) {
            if (best_actor && best_actor->len == 1) best_actor = NULL;
            if (best_agent && best_agent->len == 1) best_agent = NULL;
        }
        /* Names are capitalised in edited text: "west of the city" is no
         * actor. (All-lower-case text is taken as it comes.) */
        if (best_actor && t->kind == VG_TOK_WORD) {
            if (mixed_case < 0) mixed_case = mixed_case_of(c);
            /* "the Shire": a name that begins with an article is
             * capitalised after it. */
            const ctok *ft = t;
            if ((t->lex & L_DET) && best_actor->len > 1 && i + 1 < n) ft = &c->tok[i + 1];
            if (mixed_case && !(ft->tflags & (VG_TF_CAP | VG_TF_UPPER)) && !article_name(c, ft))
                best_actor = NULL;
        }
        const vg_hit *nom = best_actor;
        if (best_agent && (!nom || best_agent->len > nom->len)) nom = best_agent;
        const vg_hit *pick = nom;
        if (best_verb) {
            /* A phrase that is both a name and a verb form: a capitalised
             * word inside the sentence is a name; a longer verb phrase
             * wins over a shorter name. */
            int cap = (t->tflags & VG_TF_CAP) && i > 0;
            if (!nom || (!cap && best_verb->len >= nom->len)) pick = best_verb;
            if (pick == best_verb && nom && nom->len == best_verb->len) {
                /* "forces": a role word as well as a verb form; kept in case
                 * the context makes it a noun ("Somali forces killed"). */
                t->alt_tag = nom->kind == VG_ENT_ACTOR ? TG_ACTOR : TG_AGENT;
                t->alt_ent = nom->id;
                tags |= 1u << t->alt_tag;
            }
        }
        if (!pick && t->kind == VG_TOK_WORD && t->wid == 0 && (t->tflags & VG_TF_CAP) && i > 0) {
            /* An unknown capitalised word one edit away from exactly one
             * actor name is read as that name: scraper typos ("Brussel")
             * still code. Long words only, to keep names from turning into
             * countries (dict.c's typo index). */
            size_t len;
            const char *s = tok_text(c, (uint32_t)i, &len);
            uint32_t a = vg_tokcache_fuzzy(c->tcache, s, len);
            if (a) {
                t->tag = TG_ACTOR;
                tags |= 1u << TG_ACTOR;
                t->ent = a;
                t->plen = 1;
                t->inphrase = 1;
                note_head(c, (uint32_t)i, t, p);
                i++;
                continue;
            }
        }
        if (!pick) {
            i++;
            continue;
        }
        t->tag = pick->kind == VG_ENT_ACTOR   ? TG_ACTOR
                 : pick->kind == VG_ENT_AGENT ? TG_AGENT
                                              : TG_VERB;
        tags |= 1u << t->tag;
        t->ent = pick->id;
        t->plen = (uint8_t)pick->len;
        t->inphrase = 1; /* its head is itself already */
        note_head(c, (uint32_t)i, t, p);
        for (size_t q = i + 1; q < i + pick->len && q < n; q++) {
            c->tok[q].inphrase = 1;
            c->tok[q].head = (uint32_t)i;
        }
        i += pick->len;
    }
    c->stags = tags;
    return 1;
}

/* Where a few passes may start (TR_*): each of them walked every token
 * and found nothing in most sentences. They now visit only these
 * positions, in the same order and skipping the same stretches, and test
 * there what they tested before. A token's bits are
 *   trig_of_cw[cw] | TR_ACTOR if its tag is TG_ACTOR | TR_QUOTE if a quote
 * (the TR_ACTOR positions in act_pos, the others in mk_pos), and it is
 * listed for find_verbs and note_unknown_verbs (wk_pos) when
 *   lex ? (lex & (L_SPEECH | L_IRREAL)) || tag == TG_VERB
 *       : kind == VG_TOK_WORD ? tag is neither TG_ACTOR nor TG_AGENT
 *                             : tag == TG_VERB
 * (the passes before find_verbs make no verb form; what_it_called, which
 * takes lexicon classes away, lists every token again; a word heading an
 * actor or role phrase is in a phrase until both passes are done, and
 * neither acts on it). A token's rule word, kind and lexicon class never
 * change before these passes; its tag is noted before gapped_names, the
 * first of them, and no pass makes a new actor tag.
 *
 * This was a walk over the tagged tokens, about 30 instructions a token.
 * Now tagging's first loop, which has each token's rule word, kind and
 * class at hand, makes mk_pos and wk_pos as if no token were tagged (tag
 * 0), and its second pass notes the phrase heads it tags whose tag
 * changes that (note_head): this merges them into wk_pos. With
 * VIGIL_CODE_DEBUG the lists are compared with the walk's (triggers_differ). */
static int triggers_differ(const vigil_coder *c);

static void mark_triggers(vigil_coder *c)
{
    /* (gapped_names, the only pass that starts at an actor, takes act_pos
     * as it is.) */
    if (c->nact) c->mk_all |= TR_ACTOR;
    /* The heads whose tag takes them out of wk_pos (the usual case: a name
     * with no lexicon class), by index: the list closes up from the first
     * one on. */
    uint16_t *wp = c->wk_pos;
    size_t w = c->nwk;
    if (c->nwkdrop) {
        const uint16_t *drop = c->wk_drop;
        const size_t nd = c->nwkdrop;
        size_t o = drop[0];
        for (size_t k = 0; k < nd; k++) {
            const size_t end = k + 1 < nd ? drop[k + 1] : w;
            for (size_t x = drop[k] + 1u; x < end; x++) wp[o++] = wp[x];
        }
        w = o;
    }
    /* The heads whose tag lists them (rare: a verb form with a lexicon
     * class): merged in from the end. */
    if (c->nwkadd) {
        const uint16_t *add = c->wk_add;
        size_t x = w, a = c->nwkadd, o = w + a;
        while (a) {
            if (x && wp[x - 1] > add[a - 1])
                wp[--o] = wp[--x];
            else
                wp[--o] = add[--a];
        }
        w += c->nwkadd;
    }
    c->nwk = w;
    if ((c->flags & VIGIL_CODE_DEBUG) && triggers_differ(c))
        fprintf(stderr, "vigil: internal: mark_triggers' lists differ from the walk's\n");
}

/* Do mark_triggers' lists differ from those one walk over the tagged
 * tokens makes by the conditions above (the walk tagging replaced)? */
static int triggers_differ(const vigil_coder *c)
{
    size_t m = 0, a = 0, w = 0;
    unsigned all = 0;
    for (uint32_t i = 0; i < c->ntok; i++) {
        const ctok *t = &c->tok[i];
        unsigned b = trig_of_cw[t->cw] | (t->kind == VG_TOK_QUOTE ? TR_QUOTE : 0u);
        if (b) {
            if (m >= c->nmk || c->mk_pos[m] != i || c->mk_bits[m] != b) return 1;
            m++;
        }
        if (t->tag == TG_ACTOR) {
            if (a >= c->nact || c->act_pos[a] != i) return 1;
            a++;
            b |= TR_ACTOR;
        }
        all |= b;
        int listed;
        if (t->lex)
            listed = (t->lex & (L_SPEECH | L_IRREAL)) || t->tag == TG_VERB;
        else if (t->kind == VG_TOK_WORD)
            listed = t->tag != TG_ACTOR && t->tag != TG_AGENT;
        else
            listed = t->tag == TG_VERB;
        if (listed) {
            if (w >= c->nwk || c->wk_pos[w] != i) return 1;
            w++;
        }
    }
    return m != c->nmk || a != c->nact || w != c->nwk || all != c->mk_all;
}

/* "Ithilen state-run television" for the name "ITHILEN TELEVISION": a name
 * of two words or more may have one lower-case word inside it (an
 * adjective of the kind news puts before a noun), as TABARI's
 * dictionaries allow. The name tagged at i is looked up again without the
 * word after it; a longer name found that way takes the whole stretch. */
static void gapped_names(vigil_coder *c)
{
    enum { GAP_MAX = VG_MAX_PHRASE_WORDS + 1 };
    uint32_t ids[GAP_MAX], sids[GAP_MAX];
    vg_hit hits[MAX_HITS];
    if (!(c->mk_all & TR_ACTOR)) return;
    uint32_t next = 0; /* a name taken whole is not looked at again */
    for (size_t x = 0; x < c->nact; x++) {
        uint32_t i = c->act_pos[x];
        if (i < next) continue;
        ctok *t = &c->tok[i];
        if (t->tag != TG_ACTOR || !t->inphrase || t->head != i) continue;
        uint32_t p = t->plen, j = i + p;
        if (p >= GAP_MAX || j + 1 >= c->ntok) continue;
        const ctok *g = &c->tok[j];
        if (g->kind != VG_TOK_WORD || g->inphrase || g->lex ||
            (g->tflags & (VG_TF_CAP | VG_TF_UPPER)))
            continue;
        size_t m = 0;
        for (uint32_t k = i; k < j; k++) ids[m] = c->ids[k], sids[m++] = c->sids[k];
        for (uint32_t k = j + 1; k < c->ntok && m < GAP_MAX; k++)
            ids[m] = c->ids[k], sids[m++] = c->sids[k];
        size_t nh = vg_dict_lookup(c->dict, ids, sids, m, 0, hits, MAX_HITS);
        const vg_hit *best = NULL;
        for (size_t h = 0; h < nh; h++)
            if (hits[h].kind == VG_ENT_ACTOR && hits[h].len > p &&
                (!best || hits[h].len > best->len))
                best = &hits[h];
        if (!best) continue;
        uint32_t end = i + (uint32_t)best->len + 1; /* the skipped word is inside */
        int free_after = 1;
        for (uint32_t k = j + 1; k < end; k++)
            if (c->tok[k].inphrase) free_after = 0;
        if (!free_after) continue;
        t->ent = best->id;
        t->plen = (uint8_t)(end - i);
        for (uint32_t k = i; k < end; k++) c->tok[k].inphrase = 1, c->tok[k].head = i;
        next = end;
    }
}

/* 'China "strongly condemns" the decision': a quote of at most four words
 * inside a sentence, after a word, quotes a word or two of the reporter's
 * own clause. It is no quotation of its own: its tokens belong to the
 * clause around it and its quote marks bound nothing. */
static void scare_quotes(vigil_coder *c)
{
    if (!(c->mk_all & TR_QUOTE)) return;
    uint32_t next = 1; /* past the closing mark of the quote looked at */
    for (size_t x = 0; x < c->nmk; x++) {
        uint32_t i = c->mk_pos[x];
        if (!(c->mk_bits[x] & TR_QUOTE) || i < next || !c->tok[i].quote) continue;
        /* The next quote mark (a token's kind never changes). */
        size_t y = x + 1;
        while (y < c->nmk && !(c->mk_bits[y] & TR_QUOTE)) y++;
        uint32_t j = y < c->nmk ? c->mk_pos[y] : (uint32_t)c->ntok;
        next = j + 1;
        if (j >= c->ntok || j - i - 1 > 4 || j - i - 1 == 0) continue;
        const ctok *before = &c->tok[i - 1];
        if (before->kind != VG_TOK_WORD || before->quote) continue;
        for (uint32_t k = i; k <= j; k++) c->tok[k].quote = 0;
        c->tok[i].bound = c->tok[j].bound = 0;
        c->tok[i].skip = c->tok[j].skip = 1; /* passed over like an adverb */
    }
}

/* "struck what it said were Hezbollah targets", "what it called terrorist
 * camps", "what it described as": the reporter's hedge around an object is
 * passed over like an adverb, so the object is the verb's. */
static void what_it_called(vigil_coder *c)
{
    if (!(c->mk_all & TR_WHAT)) return;
    uint32_t next = 0;
    for (size_t x = 0; x < c->nmk; x++) {
        uint32_t i = c->mk_pos[x];
        if (!(c->mk_bits[x] & TR_WHAT) || i < next || i + 3 >= c->ntok) continue;
        if (!tok_is(c, i, CW_WHAT) || !(c->tok[i + 1].lex & L_PRON)) continue;
        /* Right after a verb or a preposition, where an object stands
         * ("struck what", "on what"); not inside a list. */
        if (i == 0 || !(c->tok[i - 1].tag == TG_VERB || (c->tok[i - 1].lex & L_PREP))) continue;
        uint32_t v = i + 2, e;
        if (tok_is(c, v, CW_SAID) && (tok_is(c, v + 1, CW_WERE) || tok_is(c, v + 1, CW_WAS)))
            e = v + 2;
        else if (tok_is(c, v, CW_CALLED))
            e = v + 1;
        else if (tok_is(c, v, CW_DESCRIBED) && tok_is(c, v + 1, CW_AS))
            e = v + 2;
        else
            continue;
        for (uint32_t k = i; k < e; k++) {
            c->tok[k].skip = 1;
            c->tok[k].lex = 0; /* no pronoun, speech verb or "be" any more */
            c->tok[k].tag = TG_NONE;
            c->tok[k].inphrase = 0;
        }
        next = e;
        /* (A word without its class may now be an unknown verb: the
         * tokens find_verbs visits are all of them.) */
        for (uint32_t k = 0; k < c->ntok; k++) c->wk_pos[k] = (uint16_t)k;
        c->nwk = c->ntok;
    }
}

/* A lower-case word that looks like a simple past ("massed", "vowed"). */
static int looks_past(const vigil_coder *c, uint32_t i)
{
    size_t n;
    const char *s = tok_text(c, i, &n);
    if (n < 5 || s[n - 2] != 'e' || s[n - 1] != 'd') return 0;
    for (size_t k = 0; k < n; k++)
        if (!(s[k] >= 'a' && s[k] <= 'z')) return 0;
    return 1;
}

/* Is token i, tagged as a verb form, used as a verb here? */
/* Does word i end in "-ing" after at least three letters? */
static int ends_ing(const vigil_coder *c, uint32_t i)
{
    size_t n;
    const char *s = tok_text(c, i, &n);
    return n > 5 && s[n - 3] == 'i' && s[n - 2] == 'n' && s[n - 1] == 'g';
}

/* "an Israeli blockade of", "the Russian attack on", "the U.S. sanctions
 * on": a verb form after a determiner and a one-word name (p) is the noun
 * they modify, when what follows suits a noun ("of", "on", "against", an
 * auxiliary, a verb, punctuation) rather than an object ("the Taliban say
 * they"). One word only: "the Central African Republic agree" is a verb;
 * and not a plural name ("the Houthis attack"). */
static int noun_after_name(const vigil_coder *c, uint32_t i, int32_t p)
{
    if (p <= 0 || c->tok[p].tag != TG_ACTOR || c->tok[p].plen != 1) return 0;
    if (!(c->tok[p - 1].lex & L_DET) || (c->tok[p - 1].lex & L_THAT)) return 0;
    size_t an;
    const char *at = tok_text(c, (uint32_t)p, &an);
    if (an == 0 || at[an - 1] == 's') return 0;
    return i + 1 >= c->ntok || c->tok[i + 1].kind == VG_TOK_PUNCT || tok_is(c, i + 1, CW_OF) ||
           tok_is(c, i + 1, CW_ON) || tok_is(c, i + 1, CW_AGAINST) ||
           c->tok[i + 1].tag == TG_VERB || (c->tok[i + 1].lex & (L_BE | L_HAVE | L_MODAL));
}

/* A plain lower-case word: no dictionary entry, no lexicon class, no verb: a
 * common noun or an adjective ("missiles", "complete"). */
static int plain_word(const vigil_coder *c, uint32_t i)
{
    const ctok *t = &c->tok[i];
    return t->kind == VG_TOK_WORD && !(t->tflags & VG_TF_CAP) && !t->lex && t->tag == TG_NONE &&
           !t->isverb;
}

/* Is token i a form of a dictionary verb whose lemma is one of `lemmas`? */
static int verb_lemma_in(const vigil_coder *c, uint32_t i, const char *const *lemmas, size_t n)
{
    if (c->tok[i].tag != TG_VERB) return 0;
    const vg_verbform *vf = vg_dict_verbform(c->dict, c->tok[i].ent);
    const vg_verb *vb = vf ? vg_dict_verb(c->dict, vf->verb) : NULL;
    if (!vb || !vb->lemma) return 0;
    for (size_t k = 0; k < n; k++)
        if (strcmp(vb->lemma, lemmas[k]) == 0) return 1;
    return 0;
}

/* Is token i a form of a verb that says what someone is held for: accuse,
 * suspect, charge, convict? */
static int charge_verb(const vigil_coder *c, uint32_t i)
{
    static const char *const lemmas[] = {"accuse", "suspect", "charge", "convict"};
    return verb_lemma_in(c, i, lemmas, sizeof lemmas / sizeof lemmas[0]);
}

/* (vf: the token's verb form, vg_dict_verbform of its entry; the caller
 * asks for it too.) */
static int verb_in_context(const vigil_coder *c, uint32_t i, const vg_verbform *vf)
{
    const ctok *t = &c->tok[i];
    if (!vf) return 0;
    int form = vf->form;
    /* The nearest meaningful token on the left, stepping over adverbs and
     * negations. */
    int32_t p = (int32_t)i - 1;
    for (;;) {
        while (p >= 0 && (is_skippable(c, (uint32_t)p) || (c->tok[p].lex & L_NEG))) p--;
        /* (Only a ')' is passed over: skip_paren_left's first test.) */
        if (p >= 0 && c->tok[p].pch == ')' && skip_paren_left(c, p) != p) {
            p = skip_paren_left(c, p);
            continue;
        }
        /* "Gondor on Thursday attacked": step over a time adverbial. */
        if (p >= 0 && (c->tok[p].lex & L_PREP) && p + 1 < (int32_t)i &&
            (c->tok[p + 1].lex & L_TIME)) {
            p--;
            continue;
        }
        break;
    }
    uint64_t pl = p >= 0 ? c->tok[p].lex : 0;
    const ctok *pt = p >= 0 ? &c->tok[p] : NULL;
    int after_det = pt && ((pl & (L_DET | L_POSS)) && !(pl & L_PRON) && !(pl & L_THAT));
    if (pt && (pt->tflags & VG_TF_POSS)) after_det = 1;
    if (pt && pt->kind == VG_TOK_NUM) after_det = 1;
    /* "her" is a pronoun and a determiner: before a verb form it is a
     * determiner ("her visit"). */
    if (pt && (pl & L_POSS) && (pl & L_PRON) && tok_is(c, (uint32_t)p, CW_HER)) after_det = 1;
    switch (form) {
    case VG_VF_ING:
        /* Progressive only: "are developing"; gerunds and adjectives
         * ("punishing sanctions") are not verbs here. */
        /* After a modal only a verb can stand; "would acting" is a slip
         * for "would act". */
        return pt && (pl & (L_BE | L_MODAL));
    case VG_VF_BASE:
        if (!pt) return (t->tflags & VG_TF_CAP) != 0; /* imperative headline */
        /* "has hit", "was cut": irregular verbs whose base form is also
         * their participle. */
        if (pl & (L_MODAL | L_DO | L_TO | L_HAVE | L_BE | L_GET)) return 1;
        if (pl & L_NEG) return 1;
        if ((pl & L_PRON) && !(pl & L_POSS)) return 1;
        if (pl & (L_P_PLURAL | L_P_WE)) return !(pl & L_POSS);
        if (after_det || (pl & L_PREP)) return 0;
        /* A speech verb listed under its past form ("SAID") after a name. */
        if ((t->lex & L_SPEECH) && pt->kind == VG_TOK_WORD && !pl) return 1;
        if (noun_after_name(c, i, p)) return 0;
        /* "a U.S. State Department press officer said": before a role word
         * that a verb follows, the form is the first half of a compound
         * noun ("deploy troops to" stays a verb). */
        if (i + 1 < c->ntok && c->tok[i + 1].tag == TG_AGENT) {
            uint32_t j = i + 1 + c->tok[i + 1].plen;
            if (j < c->ntok && (c->tok[j].tag == TG_VERB || (c->tok[j].lex & L_SPEECH))) return 0;
        }
        if (pt->kind == VG_TOK_WORD && (pt->tflags & VG_TF_CAP) && !pl && p > 0) return 1;
        /* "Russian missiles hit a market", "the sanctions hit Russia's
         * economy": after a noun phrase (a common noun after a determiner,
         * a name or a number) and before an object ("hit", "cut" and "set"
         * are their own past forms). */
        if (p > 0 && plain_word(c, (uint32_t)p) &&
            ((c->tok[p - 1].lex & L_DET) || c->tok[p - 1].tag == TG_ACTOR ||
             c->tok[p - 1].kind == VG_TOK_NUM) &&
            i + 1 < c->ntok &&
            ((c->tok[i + 1].lex & (L_DET | L_POSS)) || c->tok[i + 1].tag == TG_ACTOR ||
             c->tok[i + 1].kind == VG_TOK_NUM))
            return 1;
        /* "the new mayor left yesterday": after a common noun, the
         * sentence's first verb when a time word follows. */
        if (pt->kind == VG_TOK_WORD && !pl && i + 1 < c->ntok && (c->tok[i + 1].lex & L_TIME)) {
            /* (find_verbs lists the verbs before i.) */
            if (c->nvpos == 0) return 1;
        }
        return pt->tag == TG_ACTOR || pt->tag == TG_AGENT || c->tok[pt->head].tag == TG_ACTOR ||
               c->tok[pt->head].tag == TG_AGENT;
    case VG_VF_S:
        /* "-s" forms are plural nouns as often as verbs ("new sanctions",
         * "the attacks"): a verb needs a subject-like word on its left —
         * a name, a role word, a capitalised word, "he/she/it", or a
         * relative pronoun. */
        if (!pt || after_det || (pl & L_PREP) || (pl & L_BE)) return 0;
        if (noun_after_name(c, i, p)) return 0; /* "the U.S. sanctions on Russia" */
        if ((pl & L_PRON) && !(pl & L_POSS) && !(pl & L_P_WE) && !(pl & L_P_PLURAL)) return 1;
        /* "Somali forces killed", "Iranian forces, backed by ...": a role
         * word after a name, followed by a verb, a comma or an auxiliary,
         * is the noun. */
        if (t->alt_tag && i + 1 < c->ntok) {
            const ctok *nx = &c->tok[i + 1];
            if (punct_is(c, i + 1, ',') || (nx->lex & (L_BE | L_HAVE | L_MODAL)) ||
                nx->tag == TG_VERB || (nx->kind == VG_TOK_WORD && !nx->lex && looks_past(c, i + 1)))
                return 0;
        }
        /* "Chinese coast guard ships blocked": an "-s" form right before a
         * verb in the past is the head of its subject. */
        if (i + 1 < c->ntok && c->tok[i + 1].tag == TG_VERB) {
            const vg_verbform *nf = vg_dict_verbform(c->dict, c->tok[i + 1].ent);
            if (nf && (nf->form == VG_VF_PAST || nf->form == VG_VF_PASTPART)) return 0;
        }
        if (pl & L_REL) return 1;
        if (pt->tag == TG_ACTOR || pt->tag == TG_AGENT || c->tok[pt->head].tag == TG_ACTOR ||
            c->tok[pt->head].tag == TG_AGENT) {
            /* "struck Hamas targets": a name right after a verb is its
             * object, and the "-s" word after it a noun. */
            uint32_t ph = c->tok[p].inphrase ? c->tok[p].head : (uint32_t)p;
            int32_t b = (int32_t)ph - 1;
            while (b >= 0 && ((c->tok[b].lex & L_DET) || is_skippable(c, (uint32_t)b))) b--;
            if (b >= 0 && c->tok[b].isverb == 1) return 0;
            /* "on Hezbollah targets": after a preposition, a noun. */
            if (b >= 0 && (c->tok[b].lex & L_PREP) && !(c->tok[b].lex & L_TO)) return 0;
            return 1;
        }
        /* "attacked Kurdish forces in Syria": a role word after a
         * capitalised word no dictionary knows (an adjective: Kurdish,
         * Wagner) is the noun. */
        if (t->alt_tag && pt->tag == TG_NONE && !pt->inphrase) return 0;
        return pt->kind == VG_TOK_WORD && (pt->tflags & VG_TF_CAP) && !pl && p > 0;
    case VG_VF_NOUN:
        return 0;
    default: /* past, participle */
        if (after_det) return 0;
        if (pt && (pl & L_PREP) && !(pl & L_BY) && !(pl & L_SUB)) return 0;
        /* "talks mediated by the European Union": a participle after a
         * common noun, before "by", modifies the noun; no clause of its
         * own (the talks do not mediate). */
        if (pt && pt->kind == VG_TOK_WORD && !pl && pt->tag == TG_NONE && !pt->inphrase &&
            !(pt->tflags & VG_TF_CAP) && i + 1 < c->ntok && (c->tok[i + 1].lex & L_BY))
            return 4;
        /* "Somali soldiers, supported by clan militias and the U.S.
         * military, attacked al-Shabab": after the comma that opens an
         * aside, a participle with "by" modifies the phrase before it. */
        if (pt && p >= 1 && punct_is(c, (uint32_t)p, ',') && i + 1 < c->ntok &&
            (c->tok[i + 1].lex & L_BY) && c->tok[p - 1].kind == VG_TOK_WORD)
            return 4;
        /* "sanctioned four settlers accused of violence": after the object
         * of an earlier verb, "accused of", "suspected of", "charged with"
         * modify the noun (the settlers accuse no one). */
        if (pt && !(pl & L_PRON) && i + 1 < c->ntok &&
            (tok_is(c, i + 1, CW_OF) || tok_is(c, i + 1, CW_WITH)) && charge_verb(c, i)) {
            for (int32_t k = p - 1; k >= 0; k--) {
                if (is_boundary(c, (uint32_t)k) || punct_is(c, (uint32_t)k, ',')) break;
                if (c->tok[k].isverb == 1 || c->tok[k].isverb == 2) return 4;
            }
        }
        return 1;
    }
}

/* Marks verbs: dictionary verb forms in verbal context and speech verbs. */
/* A speech verb the dictionary does not code (token i, outside a phrase)
 * still structures the sentence (attribution), unless it is a noun here. */
static int speech_verb(const vigil_coder *c, uint32_t i)
{
    int32_t p = (int32_t)i - 1;
    while (p >= 0 && is_skippable(c, (uint32_t)p)) p--;
    uint64_t pl = p >= 0 ? c->tok[p].lex : 0;
    int noun = p >= 0 && (((pl & (L_DET | L_POSS)) && !(pl & L_PRON)) ||
                          (c->tok[p].tflags & VG_TF_POSS) || (pl & L_PREP));
    /* "will investigate reports of enrichment", "denied reports that":
     * right after a verb, or before "of", a noun. */
    if (p >= 0 && c->tok[p].isverb == 1) noun = 1;
    if (i + 1 < c->ntok && tok_is(c, i + 1, CW_OF)) noun = 1;
    return !noun;
}

/* Is a lower-case word outside any phrase, with no dictionary entry and no
 * lexicon class, at i > 0, a verb the dictionary lacks? It codes nothing,
 * but it separates a subject from an object, or controls an infinitive. */
static int unknown_verb(const vigil_coder *c, uint32_t i)
{
    const ctok *p = &c->tok[i - 1];
    /* A verb in the past ("massed") after a name, a role or a pronoun. */
    const int after_subject =
        ((p->lex & L_PRON) && !(p->lex & L_POSS)) || p->tag == TG_ACTOR || p->tag == TG_AGENT ||
        (p->inphrase && (c->tok[p->head].tag == TG_ACTOR || c->tok[p->head].tag == TG_AGENT));
    /* Every test after the past form's needs "to", "be" or a modal before
     * the word: with none of them and no subject before it nothing holds,
     * and the word's spelling need not be looked at (most words). */
    if (!after_subject && !(p->lex & (L_TO | L_BE | L_MODAL))) return 0;
    if (looks_past(c, i)) return after_subject;
    const ctok *t = &c->tok[i];
    const ctok *nx = i + 1 < c->ntok ? &c->tok[i + 1] : NULL;
    /* "to handle U.S. restrictions", "to counter Beijing's clout": an
     * unknown word between "to" and a determiner or a name is an
     * infinitive, not the head of a noun phrase ("to peace talks"). */
    if (nx && !(t->tflags & VG_TF_POSS) && (p->lex & L_TO) &&
        (((nx->lex & (L_DET | L_POSS)) && !(nx->lex & L_THAT)) || (nx->tflags & VG_TF_CAP)))
        return 1;
    /* "was seen to break", "is known to have": a participle the dictionary
     * lacks; it controls the infinitive, whose subject is the clause's. */
    if (nx && (p->lex & L_BE) && (nx->lex & L_TO)) return 1;
    /* "would continue to support": after a modal only a verb can stand;
     * it has a subject and controls an infinitive. */
    if ((p->lex & L_MODAL) && !(p->lex & L_DET) && !(i > 1 && (c->tok[i - 2].lex & L_DET)))
        return 1;
    /* "is inching nearer to accord": a progressive the dictionary lacks
     * can control an infinitive. */
    return (p->lex & L_BE) && ends_ing(c, i);
}

/* Marks verbs: dictionary verb forms in verbal context and speech verbs.
 * Lists them in c->vpos. */
static void find_verbs(vigil_coder *c)
{
    size_t nv = 0;
    /* (Locals: the byte stores below may alias c's fields, which the
     * compiler would otherwise load again at every step.) */
    ctok *const tok = c->tok;
    const uint32_t ntok = (uint32_t)c->ntok;
    uint16_t *const vpos = c->vpos;
    /* Only the tokens mark_triggers listed: on any other none of the tests
     * below holds (a word with a lexicon class that is no verb form, no
     * speech verb and no L_IRREAL word, or a mark). */
    const uint16_t *const wk = c->wk_pos;
    const size_t nwk = c->nwk;
    for (size_t y = 0; y < nwk; y++) {
        const uint32_t i = wk[y];
        ctok *t = &tok[i];
        if (t->tag == TG_VERB) {
            c->nvpos = nv; /* the verbs before i, for verb_in_context */
            const vg_verbform *vf = vg_dict_verbform(c->dict, t->ent);
            c->vform[i] = vf;
            t->isverb = (uint8_t)verb_in_context(c, i, vf);
            if (!t->isverb && vf && vf->form == VG_VF_ING) {
                /* A gerund ("against sending missiles") is no finite verb
                 * and codes nothing here, but it is no noun either. */
                t->isverb = 4;
            } else if (!t->isverb && t->alt_tag) { /* a noun with a nominal entry */
                t->tag = t->alt_tag;
                t->ent = t->alt_ent;
            } else if (!t->isverb) { /* a noun: its tokens become nominal */
                for (uint32_t k = i; k < i + t->plen && k < ntok; k++) tok[k].inphrase = 0;
                t->tag = TG_NONE;
            }
        } else if (t->inphrase || t->kind != VG_TOK_WORD || i == 0) {
            /* (The tests below are of a word outside a phrase, not the
             * first; the speech verb's needs only the phrase.) */
            if (!t->inphrase && (t->lex & L_SPEECH) && speech_verb(c, i)) t->isverb = 2;
        } else if (!t->lex) {
            if (!(t->tflags & (VG_TF_CAP | VG_TF_UPPER)) && unknown_verb(c, i)) t->isverb = 3;
        } else if ((t->lex & L_IRREAL) && i + 1 < ntok && (tok[i + 1].lex & L_TO) &&
                   (tok[i - 1].tag == TG_ACTOR || tok[i - 1].tag == TG_AGENT ||
                    (tok[i - 1].inphrase && (tok[tok[i - 1].head].tag == TG_ACTOR ||
                                             tok[tok[i - 1].head].tag == TG_AGENT)) ||
                    ((tok[i - 1].lex & L_PRON) && !(tok[i - 1].lex & L_POSS)))) {
            /* "North Korea plans to send troops", "Iran intends to": after
             * a name, a role or a pronoun and before "to", the verb that
             * controls the infinitive, not a noun of the subject. */
            t->isverb = 3;
        } else if ((t->lex & L_SPEECH) && speech_verb(c, i)) {
            t->isverb = 2;
        }
        vpos[nv] = (uint16_t)i; /* kept when the token is a verb */
        nv += t->isverb != 0;
    }
    c->nvpos = nv;
    /* Auxiliaries the dictionary also knows as verbs ("has" in "has broken
     * relations", "will" in "will meet") are no verbs of their own when a
     * verb follows. Right to left, so "has been seen" chains. */
    const uint64_t aux = L_BE | L_HAVE | L_DO | L_MODAL | L_GET;
    const size_t nfound = nv;
    for (size_t x = nfound; x-- > 0;) {
        uint32_t i = vpos[x];
        ctok *t = &tok[i];
        if (!t->isverb || !(t->lex & aux)) continue;
        uint32_t j = i + (t->tag == TG_VERB ? t->plen : 1);
        while (j < ntok && ((!tok[j].inphrase && tok[j].skip) || (tok[j].lex & L_NEG))) j++;
        if (j >= ntok) continue;
        const ctok *n = &tok[j];
        if (!(n->isverb || (n->lex & (L_BE | L_HAVE | L_GET)))) continue;
        if (t->tag == TG_VERB)
            for (uint32_t k = i; k < i + t->plen && k < ntok; k++) tok[k].inphrase = 0;
        t->tag = TG_NONE;
        t->isverb = 0;
    }
    /* The list keeps the verbs left (their isverb is final from here on). */
    nv = 0;
    for (size_t x = 0; x < nfound; x++) {
        vpos[nv] = vpos[x];
        nv += tok[vpos[x]].isverb != 0;
    }
    c->nvpos = nv;
}

/* ------------------------------------------------------------- chunks */

/* Can token i be part of a noun phrase? Asked once per token, by
 * build_chunks' walk. tok is c->tok, passed so that the walk's stores
 * (a chunk's codes are bytes, which may alias anything) do not make the
 * compiler load it again. */
static inline int nominal(const vigil_coder *c, const ctok *tok, uint32_t i)
{
    const ctok *t = &tok[i];
    if (t->isverb) return 0;
    if (t->inphrase) {
        const ctok *h = &tok[t->head];
        if (h->tag == TG_ACTOR || h->tag == TG_AGENT) return 1;
        /* The words of a verb phrase ("fire on protesters") are no noun. */
        if (h->tag == TG_VERB && h->isverb) return 0;
    }
    if (t->kind == VG_TOK_WORD || t->kind == VG_TOK_NUM) {
        uint64_t bad = L_PREP | L_CONJ | L_SUB | L_REL | L_BE | L_HAVE | L_DO | L_MODAL | L_NEG |
                       L_TIME | L_TO | L_GET;
        /* (Most words have none of these classes: one test for them.
         * The last test is is_skippable's.) */
        if (!(t->lex & (L_DET | L_PRON | bad))) return !(!t->inphrase && t->skip);
        if (t->lex & L_DET) return !(t->lex & L_THAT);
        return (t->lex & L_PRON) != 0;
    }
    /* (A mark other than '-' is no hyphen: pch is its byte.) */
    if ((t->pch == '-' || (t->kind != VG_TOK_PUNCT && t->kind != VG_TOK_QUOTE)) &&
        attached_hyphen(c, i))
        return 1;
    return (t->tflags & VG_TF_POSS) != 0;
}

static int name_lookup(const vigil_coder *c, const char *s, size_t n, char *code)
{
    for (size_t i = c->nnames; i-- > 0;) {
        if (c->names[i].len == n && memcmp(c->names[i].name, s, n) == 0) {
            copy_code(code, c->names[i].code);
            return 1;
        }
    }
    return 0;
}

static void name_remember(vigil_coder *c, const char *s, size_t n, const char *code)
{
    if (n == 0 || n >= sizeof c->names[0].name || !*code) return;
    name_mem *m;
    if (c->nnames < MAX_NAMES)
        m = &c->names[c->nnames++];
    else {
        memmove(c->names, c->names + 1, (MAX_NAMES - 1) * sizeof c->names[0]);
        m = &c->names[MAX_NAMES - 1];
    }
    memcpy(m->name, s, n);
    m->name[n] = '\0';
    m->len = (uint8_t)n;
    copy_code_all(m->code, code); /* (a phrase's code: both callers) */
}

/* Each byte lower-cased (ASCII letters only): one load a byte where the
 * two compares and the select were about six instructions (role_key). */
#define LC1(i) ((i) >= 'A' && (i) <= 'Z' ? (i) + 32 : (i))
#define LC4(i) LC1(i), LC1((i) + 1), LC1((i) + 2), LC1((i) + 3)
#define LC16(i) LC4(i), LC4((i) + 4), LC4((i) + 8), LC4((i) + 12)
#define LC64(i) LC16(i), LC16((i) + 16), LC16((i) + 32), LC16((i) + 48)
static const uint8_t lower_of[256] = {LC64(0), LC64(64), LC64(128), LC64(192)};
#undef LC64
#undef LC16
#undef LC4
#undef LC1

/* The role phrase of tokens [a, b], lower-cased, words one space apart, as
 * the key of definite-role coreference: "the president" refers to the last
 * phrase whose role was "president", not to any government official.
 * Returns its length, 0 when there is none or it does not fit. */
static size_t role_key(const vigil_coder *c, uint32_t a, uint32_t b, char *out, size_t cap)
{
    size_t o = 0;
    /* ("THE COURT" is a role phrase of the Phoenix set: "the" is no part of
     * the role.) */
    while (a < b && (c->tok[a].lex & L_DET)) a++;
    for (uint32_t i = a; i <= b; i++) {
        size_t n;
        const char *s = tok_text(c, i, &n);
        if (n == 0 || o + n + 1 >= cap) return 0;
        if (o) out[o++] = ' ';
        for (size_t k = 0; k < n; k++) out[o++] = (char)lower_of[(uint8_t)s[k]];
    }
    out[o] = '\0';
    return o;
}

/* The code of the last phrase with the role of tokens [a, b]: the same role
 * phrase, or for a one-word role any phrase ending in it ("the minister"
 * after "Foreign Minister X"; but "the prime minister" is not the foreign
 * minister). */
static const char *role_lookup(const vigil_coder *c, uint32_t a, uint32_t b)
{
    /* (Nothing remembered yet: no key to make.) */
    if (!c->nroles) return NULL;
    char w[32];
    size_t n = role_key(c, a, b, w, sizeof w);
    if (!n) return NULL;
    /* (Lengths kept with the entries: compares only where they fit.) */
    int one_word = memchr(w, ' ', n) == NULL;
    for (size_t k = c->nroles; k-- > 0;) {
        const char *e = c->roles[k].word;
        size_t m = c->roles[k].len;
        if (m == n && memcmp(e, w, n) == 0) return c->roles[k].code;
        if (one_word && m > n && e[m - n - 1] == ' ' && memcmp(e + m - n, w, n) == 0)
            return c->roles[k].code;
    }
    return NULL;
}

/* Remembers the code of a phrase with a role word (its last token `i`).
 * Only a phrase that holds the role counts: "the refugees" does not refer
 * back to the U.N. refugee agency (IGOUNOREFHCR is no REF). The newest
 * entry goes last. code is a phrase's code array (copy_code_all). */
static void role_remember(vigil_coder *c, uint32_t a, uint32_t b, const char *agent,
                          const char *code)
{
    if (!*agent || !*code) return;
    /* (The cheaper test first: half the phrases fail it.) */
    size_t n = strlen(code), m = strlen(agent);
    if (n < m || strcmp(code + n - m, agent) != 0) return;
    char w[32];
    size_t wn = role_key(c, a, b, w, sizeof w);
    if (!wn) return;
    for (size_t k = 0; k < c->nroles; k++)
        if (c->roles[k].len == wn && memcmp(c->roles[k].word, w, wn) == 0) {
            memmove(c->roles + k, c->roles + k + 1, (c->nroles - k - 1) * sizeof c->roles[0]);
            c->nroles--;
            break;
        }
    if (c->nroles == 16) {
        memmove(c->roles, c->roles + 1, 15 * sizeof c->roles[0]);
        c->nroles = 15;
    }
    memcpy(c->roles[c->nroles].word, w, wn + 1);
    c->roles[c->nroles].len = (uint8_t)wn;
    copy_code_all(c->roles[c->nroles].code, code);
    c->nroles++;
}

/* Role words that name one person, for pronoun resolution. */
static int person_role(const vigil_coder *c, uint32_t i)
{
    /* "spokesman", "minister", "president", "envoy", ... (cwords.h) */
    return tok_in(c, i, CWC_PERSON_ROLE);
}

/* Is the last event's pair two governments or leaders ("Xi received
 * Lula")? Only then does a plain "they" stand for both. */
static int officials_pair(const vigil_coder *c)
{
    for (int i = 0; i < 2; i++) {
        size_t n = strlen(c->pair[i]);
        if (n < 6) return 0;
        const char *r = c->pair[i] + n - 3;
        if (strcmp(r, "GOV") != 0 && strcmp(r, "ELI") != 0) return 0;
    }
    return 1;
}

/* The last event's two sides as one code pair "A/B" (split again by
 * expand_side) into out; 0 when there is none or it does not fit. */
static int pair_code(const vigil_coder *c, char *out)
{
    size_t na = strlen(c->pair[0]), nb = strlen(c->pair[1]);
    if (!na || na + nb + 2 > VG_MAX_CODE) return 0;
    memcpy(out, c->pair[0], na);
    out[na] = '/';
    memcpy(out + na + 1, c->pair[1], nb + 1);
    return 1;
}

/* Does phrase k stand for two or more acting together: a compound group
 * ("Arnor and Rohan"), a code pair ("the two leaders"), or a role phrase
 * standing for a group ("the foreign ministers of Congo and Rwanda")? */
static int acts_together(const vigil_coder *c, const chunk *k)
{
    if (k->proxy && c->ch[k->proxy - 1].glast > c->ch[k->proxy - 1].gfirst) return 1;
    return k->glast > k->gfirst || strchr(k->code, '/') != NULL;
}

/* "The two leaders", "both sides", "the two countries": the two sides of
 * the last event with both (a source and a target), as a pair of codes. */
static int pair_phrase(vigil_coder *c, chunk *k)
{
    uint32_t s = k->start, e = k->end;
    if (e - s != 3 && e - s != 2) return 0;
    if (e - s == 3 && !(tok_is(c, s, CW_THE) && tok_is(c, s + 1, CW_TWO))) return 0;
    if (e - s == 2 && !tok_is(c, s, CW_BOTH)) return 0;
    /* "leaders", "sides", "countries", "governments", ... (cwords.h) */
    int ok = tok_in(c, e - 1, CWC_PAIR_HEAD);
    /* Only right after the event: further back "the two countries" is
     * too often another pair. */
    if (!ok || c->age_pair > 1 || (c->flags & VIGIL_CODE_NO_COREF) || !pair_code(c, k->code))
        return 0;
    k->pronoun = 1;
    k->plural = 1;
    return 1;
}

/* Would resolve_chunk find nothing in a chunk whose last token is h, and
 * none of whose tokens is possessive, tagged or in a phrase (`busy`)? So
 * when h is no pronoun, no "allies"-like word (L_TRANSP), no unknown
 * capitalised name and no pair word ("the two sides"): it leaves the
 * codes empty and the flags clear, as build_chunks made them, whatever the
 * story said before. Most phrases are of this kind ("the attack",
 * "talks"); build_chunks notes it (chunk.plain) and they are not resolved.
 * (No pass after find_verbs changes a token's tag, phrase or flags.) */
static inline int plain_chunk(const ctok *h, unsigned busy)
{
    if (busy || (h->lex & (L_PRON | L_TRANSP))) return 0;
    if (h->kind == VG_TOK_WORD && (h->tflags & VG_TF_CAP) && !h->lex) return 0;
    return !(vg_cwords_table[h->cw].classes & CWC_PAIR_HEAD);
}

/* Gives a chunk its actor code from its head (see the file comment). */
static void resolve_chunk(vigil_coder *c, chunk *k, int in_speech, const char *speaker)
{
    if (pair_phrase(c, k)) return;
    uint32_t s = k->start, e = k->end;
    /* The codes found are the dictionary's own strings (shorter than
     * VG_MAX_CODE): pointers to them, no copies, until the chunk keeps
     * them. */
    /* One pass: each possessive ("Iran's foreign minister") ends a part,
     * whose actor is the possessor; the actor, role words and prefix
     * roles of the last part (the head part) are the phrase's. */
    const char *poss = "", *actor = "", *agent = "", *pre = "";
    uint32_t actor_ent = 0, hs = s;
    uint32_t actor_at = NO_IDX;     /* the token whose code actor is */
    const ctok *const tok = c->tok; /* (the dictionary calls made gcc load it at each step) */
    for (uint32_t i = s; i < e; i++) {
        const ctok *t = &tok[i];
        if (t->tflags & VG_TF_POSS) {
            if (i + 1 < e) {
                poss = actor;
                actor = agent = pre = "";
                actor_ent = 0;
                actor_at = NO_IDX;
                hs = i + 1;
                continue;
            }
            /* A possessive at the end is no part of the head (at most
             * one: any before it ended a part). */
            if (i > hs) break;
        }
        if (t->tag == TG_ACTOR) {
            const char *code = vg_actor_code_at(c->dict, t->ent, c->date);
            if (code) {
                actor = code;
                actor_ent = t->ent;
                actor_at = i;
            }
        } else if (t->tag == TG_AGENT) {
            const vg_agent *a = vg_dict_agent(c->dict, t->ent);
            /* PETRARCH's "NGO~": a role written before the actor's code
             * ("MSF Arnor" -> NGOARN). */
            if (a && a->prefix)
                pre = a->code;
            else if (a)
                agent = a->code;
        }
    }
    uint32_t head = e - 1;
    if (head > hs && (c->tok[head].tflags & VG_TF_POSS)) head--;
    int unknown_name = 0;
    const ctok *h = &c->tok[head];
    const ctok *hh = &c->tok[h->head];
    k->code[0] = '\0';
    /* (Most phrases have neither: no copy then. Either, when set, is a
     * dictionary's code array, vg_agent's or vg_dated_code's: a fixed
     * copy.) */
    if (*agent)
        copy_code_all(k->agent, agent);
    else
        k->agent[0] = '\0';
    if (*poss)
        copy_code_all(k->poss, poss);
    else
        k->poss[0] = '\0';
    if (hh->tag == TG_ACTOR && h->inphrase) {
        /* (The walk above found the code of the head's phrase when it
         * starts in the head part: its last actor.) */
        const char *code =
            h->head == actor_at ? actor : vg_actor_code_at(c->dict, hh->ent, c->date);
        if (code) {
            int bare = code[0] && code[1] && code[2] && !code[3]; /* three letters */
            combine(k->code, code, bare ? agent : "");
            /* "Ithilen's minister Calimehtar", where the name is listed
             * only as of another country: the text's possessor and role
             * say whose minister he is. */
            if (bare && *agent && strlen(poss) == 3 && strcmp(poss, code) != 0)
                combine(k->code, poss, agent);
            k->actor = hh->ent;
            const vg_actor *a = vg_dict_actor(c->dict, hh->ent);
            /* A name of two or more capitalised words with a role code is
             * most often a person. ("Israeli army" is no person.) */
            if (a && hh->plen >= 2 && ends_with_role(code)) {
                int allcap = 1;
                for (uint32_t q = h->head; q < h->head + hh->plen && q < c->ntok; q++)
                    if (c->tok[q].kind == VG_TOK_WORD && !(c->tok[q].tflags & VG_TF_CAP))
                        allcap = 0;
                if (allcap) k->person = 1;
            }
        }
    } else if (hh->tag == TG_AGENT && h->inphrase) {
        const char *base = *actor ? actor : poss;
        if (*base)
            combine(k->code, base, agent);
        else {
            /* "the spokesman": a definite role refers back. */
            int definite = tok_is(c, s, CW_THE) || tok_is(c, s, CW_THIS) || tok_is(c, s, CW_THESE);
            /* "the prime minister of Pakistan" names its country
             * (role_of_actor). */
            if (k->end + 1 < c->ntok && c->tok[k->end + 1].tag == TG_ACTOR &&
                (tok_is(c, k->end, CW_OF) || tok_is(c, k->end, CW_IN) ||
                 tok_is(c, k->end, CW_FROM)))
                definite = 0;
            /* (Looked up for a definite phrase only: the lookup makes a
             * lower-cased key.) */
            const char *prev = definite ? role_lookup(c, h->head, head) : NULL;
            if (prev) {
                copy_code_all(k->code, prev); /* (a role entry's code) */
                k->pronoun = 1;
            } else if (c->flags & VIGIL_CODE_NO_DYAD) {
                /* Without the dyad rule a role of no known country is
                 * worth keeping, in PETRARCH's form: "a senior official"
                 * -> ---GOV. */
                combine(k->code, "---", agent);
            }
        }
        k->person = (uint8_t)person_role(c, head);
        k->actor = actor_ent;
        size_t hn;
        const char *ht = tok_text(c, head, &hn);
        if (hn > 3 && ht[hn - 1] == 's' && ht[hn - 2] != 's') k->plural = 1;
    } else if (h->kind == VG_TOK_WORD && (h->tflags & VG_TF_CAP) && !h->lex) {
        /* An unknown name: "EU spokesman Peter Stano", later "Stano". */
        unknown_name = 1;
        if (*actor || *agent) {
            const char *base = *actor ? actor : poss;
            if (!*base && (c->flags & VIGIL_CODE_NO_DYAD)) base = "---"; /* see above */
            combine(k->code, base, agent);
            k->actor = actor_ent;
            if (*agent) k->person = 1;
        } else {
            size_t n;
            const char *txt = tok_text(c, head, &n);
            if (name_lookup(c, txt, n, k->code))
                k->person = 1;
            else if (*poss)
                k->code[0] = '\0';
        }
    } else if (h->lex & L_TRANSP) {
        /* "European allies" -> EUR; "his Arnorian counterpart" is a
         * government official like the one he meets. */
        if (*actor)
            combine(k->code, actor,
                    tok_is(c, head, CW_COUNTERPART) || tok_is(c, head, CW_COUNTERPARTS) ? "GOV"
                                                                                        : "");
        k->plural = 1;
    } else if (h->kind == VG_TOK_WORD && !h->lex && *actor && head > hs) {
        /* A national adjective before a common noun stands for the
         * country: "shelled Rohanese villages", "Iranian officials". */
        combine(k->code, actor, agent);
        k->actor = actor_ent;
    } else if ((h->lex & L_PRON) && hs == head) {
        k->pronoun = 1;
        if (c->flags & VIGIL_CODE_NO_COREF) {
            /* no resolution */
        } else if (h->lex & L_P_WE) {
            if (in_speech && *speaker) copy_code_all(k->code, speaker); /* (code_sentence's) */
        } else if (h->lex & L_P_PERSON) {
            /* Pronouns reach back a few sentences only: further away the
             * referent is too often someone the dictionaries do not know. */
            if (c->age_person <= COREF_REACH) copy_code_all(k->code, c->last_person);
            k->person = 1;
        } else if (h->lex & L_P_PLURAL) {
            /* "expelled two diplomats, accusing them of spying": "them"
             * is the plural phrase before it in the sentence, named or
             * not, before any of an earlier sentence. */
            if (tok_is(c, head, CW_THEM))
                for (size_t j = (size_t)(k - c->ch); j-- > 0;)
                    if (c->ch[j].plural && !c->ch[j].pronoun) {
                        copy_code_all(k->code, c->ch[j].code);
                        k->plural = 1;
                        return;
                    }
            if (c->age_plural <= COREF_REACH) copy_code_all(k->code, c->last_plural);
            /* "Xi received Lula in Beijing. They discussed trade.": with no
             * plural phrase since, the two sides of the event just before. */
            if ((!*c->last_plural || c->age_plural >= 1) && c->age_pair <= 1 && !in_speech &&
                !c->tok[s].quote && officials_pair(c))
                pair_code(c, k->code);
            k->plural = 1;
        } else if (h->lex & L_P_IT) {
            /* "blamed India, accusing it of ...": "it" refers first to the
             * nearest actor before it in the sentence, then to the story. */
            for (size_t j = (size_t)(k - c->ch); j-- > 0;) {
                const chunk *pj = &c->ch[j];
                if (*pj->code && !pj->person && !pj->pronoun && !pj->plural) {
                    copy_code_all(k->code, pj->code);
                    break;
                }
            }
            if (!*k->code && c->age_actor <= COREF_REACH) copy_code_all(k->code, c->last_actor);
        }
    }
    if (*pre && *k->code && !k->pronoun && strlen(pre) + strlen(k->code) < VG_MAX_CODE) {
        size_t np = strlen(pre), nc = strlen(k->code);
        memmove(k->code + np, k->code, nc + 1);
        memcpy(k->code, pre, np);
    }
    /* Remember names of people this chunk names, for later mentions. (Of
     * a person or an unknown name only: most coded phrases, countries and
     * roles, have no word to remember.) */
    if (*k->code && !k->pronoun && (k->person || unknown_name)) {
        for (uint32_t i = hs; i <= head; i++) {
            const ctok *t = &c->tok[i];
            if (t->kind == VG_TOK_WORD && (t->tflags & VG_TF_CAP) && !t->lex &&
                (unknown_name || t->tag == TG_ACTOR || c->tok[t->head].tag == TG_ACTOR)) {
                size_t n;
                const char *txt = tok_text(c, i, &n);
                name_remember(c, txt, n, k->code);
            }
        }
    }
}

/* "Ithilen's awful and evil minister Calimehtar": after a possessor, two
 * plain words joined by "and" right before a role or a name are adjectives
 * of one phrase, not two phrases. i is the "and". */
static int coordinated_adjectives(const vigil_coder *c, uint32_t s, uint32_t i)
{
    if (!(c->tok[i].lex & L_AND) || !plain_word(c, i - 1) || !plain_word(c, i + 1)) return 0;
    uint8_t next = c->tok[i + 2].tag;
    if (next != TG_AGENT && next != TG_ACTOR) return 0;
    return i >= s + 2 && (c->tok[i - 2].tflags & VG_TF_POSS);
}

/* Does nominal token i start a new phrase after token i - 1 of a chunk? */
static inline int phrase_break(const ctok *tok, uint32_t i)
{
    const ctok *t = &tok[i], *p = &tok[i - 1];
    /* A determiner starts a new phrase unless it follows "'s". */
    if ((t->lex & L_DET) && !(t->lex & L_PRON) && !(p->tflags & VG_TF_POSS)) return 1;
    /* A number after a noun starts a new phrase: "Gondor's government
     * almost five years after". */
    if ((t->kind == VG_TOK_NUM || (t->lex & L_NUMW)) && !(p->lex & (L_DET | L_NUMW)) &&
        p->kind != VG_TOK_NUM)
        return 1;
    /* A pronoun stands alone ("we", "he"), unless possessive. */
    if ((t->lex & L_PRON) && !(t->lex & L_POSS)) return 1;
    return (p->lex & L_PRON) && !(p->lex & L_POSS);
}

/* Builds noun chunks and compound groups of the sentence. One walk: each
 * token's nominal() is asked once, where the walk reaches it (a token
 * inside a chunk is not looked at again), and a chunk's tokens are marked
 * and its `plain` note gathered as the walk takes them. */
static void build_chunks(vigil_coder *c)
{
    c->nch = 0;
    c->grouped = 0;
    const uint32_t n = (uint32_t)c->ntok;
    /* (Locals: the chunk's byte stores may alias c's fields.) */
    ctok *const tok = c->tok;
    /* Room for as many chunks as tokens, at once: a chunk is not empty. */
    vg_grow((void **)&c->ch, &c->capch, n + 1, sizeof *c->ch);
    chunk *const chs = c->ch;
    uint32_t nch = 0;
    /* nom: nominal() of token i when the chunk before stopped at it, which
     * asked it already; -1 when not asked yet. */
    int nom = -1;
    for (uint32_t i = 0; i < n;) {
        const int ni = nom >= 0 ? nom : nominal(c, tok, i);
        nom = -1;
        if ((tok[i].tflags & VG_TF_POSS) || !ni) {
            i++;
            continue;
        }
        const uint32_t s = i, idx = nch;
        /* Whether the chunk has a possessive, tagged or phrase token
         * (plain_chunk). The first token is no possessive. */
        unsigned busy = tok[s].tag | tok[s].inphrase;
        tok[s].chunk = (int32_t)idx;
        i++;
        while (i < n) {
            if (!nominal(c, tok, i)) {
                nom = 0;
                break;
            }
            const ctok *t = &tok[i];
            /* (The phrase-break tests need a lexicon class of the token or
             * a pronoun before it, or a number: most tokens pass them all.) */
            nom = 1;
            if ((t->lex || (tok[i - 1].lex & L_PRON) || t->kind == VG_TOK_NUM) &&
                phrase_break(tok, i))
                break;
            busy |= (t->tflags & VG_TF_POSS) | t->tag | t->inphrase;
            tok[i].chunk = (int32_t)idx;
            i++;
            if (i + 2 < n && coordinated_adjectives(c, s, i)) {
                /* (The "and" and the adjective after it join, whatever
                 * nominal() says of them.) */
                for (uint32_t j = i; j < i + 2; j++) {
                    busy |= (tok[j].tflags & VG_TF_POSS) | tok[j].tag | tok[j].inphrase;
                    tok[j].chunk = (int32_t)idx;
                }
                i += 2;
            }
        }
        /* The new chunk is set field by field: a chunk is large (three
         * codes of VG_MAX_CODE bytes), and the codes are strings, read up to
         * their NUL only, so an empty one needs its first byte alone. */
        chunk *k = &chs[nch++];
        k->start = s;
        k->end = i;
        k->code[0] = k->agent[0] = k->poss[0] = '\0';
        k->actor = 0;
        k->person = k->pronoun = k->plural = 0;
        k->gfirst = k->glast = idx;
        k->proxy = 0;
        k->plain = (uint8_t)plain_chunk(&tok[i - 1], busy);
    }
    c->nch = nch;
}

/* Is the head of chunk k (its last word) a role word? "military assistance"
 * has a role word but is no role: "military assistance from Russia" is no
 * Russian military. */
/* Is token i (the end of a phrase) inside a role phrase? */
static int role_head_at(const vigil_coder *c, uint32_t i)
{
    const ctok *h = &c->tok[i];
    return h->inphrase && c->tok[h->head].tag == TG_AGENT;
}

static int role_head(const vigil_coder *c, const chunk *k)
{
    return role_head_at(c, k->end - 1);
}

/* A phrase headed by a role word that names no actor ("officials",
 * "the lawmakers"), not a pronoun. */
static inline int bare_role(const vigil_coder *c, const chunk *k)
{
    return !*k->code && *k->agent && !k->pronoun && role_head(c, k);
}

/* "Soldiers from Gondor", "the ambassadors of Arnor, Osgiliath and
 * Gondor", "officials in Fornost and Gondor": a role phrase without an
 * actor of its own, followed by of/in/from and a coded phrase (or a compound
 * group), stands for that actor with the role. Returns whether it coded any
 * phrase (the compound groups may then change). */
static int role_of_actor(vigil_coder *c)
{
    int changed = 0;
    /* (Locals: combine changes neither.) */
    chunk *const chs = c->ch;
    const size_t nch = c->nch;
    for (size_t k = 0; k + 1 < nch; k++) {
        chunk *a = &chs[k];
        if (!bare_role(c, a)) continue;
        uint32_t p = a->end;
        if (p + 1 >= c->ntok || c->ch[k + 1].start != p + 1) continue;
        if (!tok_is(c, p, CW_OF) && !tok_is(c, p, CW_IN) && !tok_is(c, p, CW_FROM)) continue;
        chunk *b = &c->ch[k + 1];
        if (!*b->code) continue;
        changed = 1;
        a->proxy = b->gfirst + 1;
        combine(a->code, b->code, a->agent);
        /* "Lawmakers and officials in Fornost": coordinated role words
         * before it stand for the same actors. */
        for (size_t j = k; j-- > 0;) {
            chunk *x = &c->ch[j];
            if (!bare_role(c, x) || x->end + 1 != c->ch[j + 1].start ||
                !(c->tok[x->end].lex & L_AND))
                break;
            x->proxy = a->proxy;
            combine(x->code, b->code, x->agent);
        }
    }
    return changed;
}

/* "The Arnorian foreign minister, Elrohir Tinuviel, accused ...": a name
 * between commas next to a coded phrase takes its code (and the name is
 * remembered for later mentions), and vice versa. */
static void appositions(vigil_coder *c)
{
    /* (Locals: name_remember changes none of them.) */
    chunk *const chs = c->ch;
    const ctok *const tok = c->tok;
    const size_t nch = c->nch;
    for (size_t k = 0; k + 1 < nch; k++) {
        chunk *a = &chs[k], *b = &chs[k + 1];
        if (b->start != a->end + 1 || tok[a->end].pch != ',') continue;
        if (b->end < c->ntok && !punct_is(c, b->end, ',') && !c->tok[b->end].isverb) continue;
        /* "..., killing at least 12 people, Ukrainian officials said": a
         * phrase a speech verb follows is the speaker, not an apposition. */
        if (b->end < c->ntok && (c->tok[b->end].lex & L_SPEECH)) continue;
        /* "for Europe, the Korean Peninsula, the Indo-Pacific region and
         * ...": a list, not an apposition. */
        if (b->end + 1 < c->ntok && punct_is(c, b->end, ',') && c->tok[b->end + 1].chunk >= 0) {
            const chunk *n = &c->ch[c->tok[b->end + 1].chunk];
            if (n->end < c->ntok &&
                (punct_is(c, n->end, ',') || (c->tok[n->end].lex & (L_AND | L_OR))))
                continue;
        }
        chunk *named = NULL, *coded = NULL;
        if (*a->code && !*b->code)
            coded = a, named = b;
        else if (*b->code && !*a->code)
            coded = b, named = a;
        if (!named) continue;
        /* Only a proper name or a role phrase can be an apposition. */
        const ctok *h = &c->tok[named->end - 1];
        int name = h->kind == VG_TOK_WORD && (h->tflags & VG_TF_CAP) && !h->lex;
        if (!name && !*named->agent) continue;
        if (c->ch[k].pronoun || b->pronoun) continue;
        copy_code(named->code, coded->code);
        named->person = coded->person = (uint8_t)(coded->person || name);
        for (uint32_t i = named->start; i < named->end; i++) {
            const ctok *t = &c->tok[i];
            if (t->kind == VG_TOK_WORD && (t->tflags & VG_TF_CAP) && !t->lex) {
                size_t n;
                const char *txt = tok_text(c, i, &n);
                name_remember(c, txt, n, coded->code);
            }
        }
    }
}

/* A count option of the coder (comma_max, new_actor_length); 0 when unset. */
static long option_long(const vigil_coder *c, const char *name)
{
    const char *v = vigil_coder_get_option(c, name);
    if (!v) return 0;
    char *end;
    long x = strtol(v, &end, 10);
    return *end ? 0 : x;
}

/* PETRARCH's new_actor_length option: a noun phrase that names no actor,
 * of at most that many words (with an "of" phrase after it), is an actor of
 * its own, coded as its words in capitals within double quotes:
 * "Gryffindor's head Minerva McGonagall" -> "GRYFFINDOR HEAD MINERVA
 * MCGONAGALL". Off (0) by default: news coding needs known actors. */
static void new_actors(vigil_coder *c)
{
    /* Runs for every sentence: with no options set (news coding) there is
     * nothing to look up, and the name lookup folds and compares strings. */
    if (!c->nopts) return;
    long max = option_long(c, "new_actor_length");
    if (max <= 0) return;
    for (size_t k = 0; k < c->nch; k++) {
        chunk *ch = &c->ch[k];
        if (*ch->code || *ch->poss || ch->pronoun) continue;
        uint32_t end = ch->end;
        /* "the Ministry of Magic" */
        if (end + 1 < c->ntok && tok_is(c, end, CW_OF) && c->tok[end + 1].chunk >= 0 &&
            !*c->ch[c->tok[end + 1].chunk].code)
            end = c->ch[c->tok[end + 1].chunk].end;
        char code[VG_MAX_CODE];
        size_t n = 0;
        long words = 0;
        int ok = 1;
        code[n++] = '"';
        for (uint32_t i = ch->start; i < end && ok; i++) {
            const ctok *t = &c->tok[i];
            if (t->kind != VG_TOK_WORD && t->kind != VG_TOK_NUM) continue;
            size_t len;
            const char *w = tok_text(c, i, &len);
            if (len >= 2 && w[len - 2] == '\'' && (w[len - 1] == 's' || w[len - 1] == 'S'))
                len -= 2; /* "Gryffindor's" */
            if (len == 0) continue;
            if (++words > max || n + len + 3 > sizeof code) {
                ok = 0;
                break;
            }
            if (words > 1) code[n++] = ' ';
            for (size_t j = 0; j < len; j++)
                code[n++] = (char)(w[j] >= 'a' && w[j] <= 'z' ? w[j] - 32 : w[j]);
        }
        if (!ok || words == 0) continue;
        code[n++] = '"';
        code[n] = '\0';
        copy_code(ch->code, code);
    }
}

/* Is a code a country's (three letters, then roles or groups)? IGOs, NGOs
 * and PETRARCH's "---" are not. */
static int country_code(const char *code)
{
    /* CAMEO's regions ("Africa", "the West", "Central Europe") and bodies
     * are not countries: one switch on the three letters as a number, as
     * this is asked of every coded phrase of every sentence
     * (sentence_countries). Three capitals make the code at least three
     * bytes long and rule out "---" and quoted new actors. */
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z') return 0;
#define CC_KEY(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))
    switch (CC_KEY((unsigned char)code[0], (unsigned char)code[1], (unsigned char)code[2])) {
    case CC_KEY('A', 'F', 'R'):
    case CC_KEY('A', 'S', 'A'):
    case CC_KEY('B', 'L', 'K'):
    case CC_KEY('C', 'A', 'S'):
    case CC_KEY('C', 'A', 'U'):
    case CC_KEY('C', 'E', 'U'):
    case CC_KEY('C', 'F', 'R'):
    case CC_KEY('C', 'R', 'B'):
    case CC_KEY('E', 'A', 'F'):
    case CC_KEY('E', 'E', 'U'):
    case CC_KEY('E', 'I', 'N'):
    case CC_KEY('E', 'U', 'R'):
    case CC_KEY('L', 'A', 'M'):
    case CC_KEY('M', 'D', 'T'):
    case CC_KEY('M', 'E', 'A'):
    case CC_KEY('N', 'A', 'F'):
    case CC_KEY('N', 'M', 'R'):
    case CC_KEY('P', 'G', 'S'):
    case CC_KEY('S', 'A', 'F'):
    case CC_KEY('S', 'A', 'M'):
    case CC_KEY('S', 'A', 'S'):
    case CC_KEY('S', 'C', 'N'):
    case CC_KEY('S', 'E', 'A'):
    case CC_KEY('W', 'A', 'F'):
    case CC_KEY('W', 'S', 'T'):
    case CC_KEY('I', 'G', 'O'):
    case CC_KEY('N', 'G', 'O'):
    case CC_KEY('M', 'N', 'C'):
    case CC_KEY('U', 'I', 'S'):
        return 0;
    default:
        return 1;
    }
#undef CC_KEY
}

/* An opposition role with a name no dictionary knows after it, and no
 * actor: "opposition leader Juan Pablo Guanipa" (crackdown news names
 * such people once; other roles with a name are left to the dictionaries:
 * "railway official Hayat" would make a person of every minor name). */
static int named_role(const vigil_coder *c, const chunk *k)
{
    if (*k->code || memcmp(k->agent, "OPP", 4) != 0 || k->pronoun) return 0;
    const ctok *h = &c->tok[k->end - 1];
    if (h->kind != VG_TOK_WORD || !(h->tflags & VG_TF_CAP) || h->inphrase || h->lex) return 0;
    uint32_t i = k->end - 1;
    while (i > k->start && c->tok[i - 1].kind == VG_TOK_WORD &&
           (c->tok[i - 1].tflags & VG_TF_CAP) && !c->tok[i - 1].inphrase && !c->tok[i - 1].lex)
        i--;
    return i > k->start && role_head_at(c, i - 1);
}

/* The countries the sentence's phrases name (code or possessor), at most
 * two, into cc: their number, or -1 when a phrase names something else
 * (a region, an international body) or more than two countries. */
static int sentence_countries(const vigil_coder *c, char cc[2][4])
{
    int n = 0;
    for (size_t k = 0; k < c->nch; k++) {
        const char *code = *c->ch[k].code ? c->ch[k].code : c->ch[k].poss;
        if (!*code) continue;
        if (!country_code(code)) return -1;
        int seen = 0;
        for (int q = 0; q < n; q++)
            if (memcmp(cc[q], code, 3) == 0) seen = 1;
        if (seen) continue;
        if (n == 2) return -1;
        memcpy(cc[n], code, 3), cc[n][3] = '\0';
        n++;
    }
    return n;
}

/* A phrase domestic_roles may give the sentence's country: a bare or
 * named role with no possessor. (Both need a role and no code, tested
 * inline first: most phrases have a code or no role.) */
static int domestic_candidate(const vigil_coder *c, const chunk *ch)
{
    if (*ch->poss || *ch->code || !*ch->agent || ch->pronoun) return 0;
    return bare_role(c, ch) || named_role(c, ch);
}

/* "Protesters in Nairobi clashed with police": in a sentence that names one
 * country only, a role word with no country of its own ("police",
 * "troops", "lawmakers") is that country's. Not for foreign or
 * international roles, nor when the sentence names two countries or an
 * international body ("Pakistani troops killed militants near the Afghan
 * border" says nothing of whose militants). */
static void domestic_roles(vigil_coder *c)
{
    /* Most sentences have no such phrase: find the first before asking
     * which countries the sentence names (the codes do not change until
     * then). */
    /* (Locals: no call below changes them.) */
    chunk *const chs = c->ch;
    const size_t nch = c->nch;
    size_t k = 0;
    while (k < nch && !domestic_candidate(c, &chs[k])) k++;
    if (k == nch) return;
    char country[2][4];
    if (sentence_countries(c, country) != 1) return;
    for (; k < nch; k++) {
        chunk *ch = &chs[k];
        if (!domestic_candidate(c, ch)) continue;
        int foreign = 0;
        for (uint32_t i = ch->start; i < ch->end; i++)
            if (tok_in(c, i, CWC_FOREIGN)) /* "foreign", "international", "anti", ... */
                foreign = 1;
        /* "the spokesman" refers back (resolve_chunk) rather than here. */
        if (foreign || (c->tok[ch->start].lex & L_DET && person_role(c, ch->end - 1))) continue;
        combine(ch->code, country[0], ch->agent);
    }
}

/* Coordinated nouns share what stands before the first: "Danish media and
 * government" -> DNKMED and DNKGOV; "Eriador's death and injury toll" ->
 * both Eriador's. Only a bare second noun (no determiner, no actor of its
 * own) shares. */
static void shared_modifiers(vigil_coder *c)
{
    /* Both rules need "and" or "or" (most sentences have neither). */
    if (!(c->slex & (L_AND | L_OR))) return;
    /* The phrases an "and" joins to the next, for the second rule: both
     * rules begin with the same test of the chunks' places and the token
     * between, which neither changes. */
    uint16_t ands[VG_MAX_TOKENS];
    size_t nands = 0;
    /* (Locals: the calls in the walk change none of them.) */
    chunk *const chs = c->ch;
    const ctok *const tok = c->tok;
    const size_t nch = c->nch;
    for (size_t k = 0; k + 1 < nch; k++) {
        chunk *a = &chs[k], *b = &chs[k + 1];
        if (b->start != a->end + 1 || !(tok[a->end].lex & (L_AND | L_OR))) continue;
        if (tok[a->end].lex & L_AND) ands[nands++] = (uint16_t)k;
        if (*b->code || *b->poss || b->pronoun || (c->tok[b->start].lex & (L_DET | L_PRON)))
            continue;
        int b_role = role_head(c, b);
        if (b_role && *a->code && *a->agent && a->actor && !a->person) {
            const char *base = vg_actor_code_at(c->dict, a->actor, c->date);
            if (base) combine(b->code, base, b->agent);
            b->actor = a->actor;
        } else if (!b_role && !*a->code && *a->poss) {
            /* "Ithilen's sheep and goats of Gondor": a phrase with an "of"
             * owner of its own does not share the possessor before it; the
             * owner is its possessor ("Gondor's goats"). */
            const chunk *o = k + 2 < c->nch ? &c->ch[k + 2] : NULL;
            if (o && b->end + 1 == o->start && tok_is(c, b->end, CW_OF) && *o->code && !o->pronoun)
                copy_code(b->poss, o->code);
            else
                copy_code(b->poss, a->poss);
        }
    }
    /* And what stands after the last: "Indian and Pakistani troops", "U.S.
     * and British officials" -> INDMIL and PAKMIL. The first phrase is a
     * bare name (no determiner, no role of its own); the second is a name
     * and a role word. */
    for (size_t y = 0; y < nands; y++) {
        const size_t k = ands[y];
        chunk *a = &c->ch[k], *b = &c->ch[k + 1];
        if (strlen(a->code) != 3 || *a->agent || a->pronoun || *a->poss || a->person) continue;
        uint32_t as = a->start + (tok_is(c, a->start, CW_THE) ? 1 : 0); /* "the Turkish and ..." */
        const ctok *ah = &c->tok[as];
        if (ah->tag != TG_ACTOR || as + ah->plen != a->end) continue;
        const ctok *bh = &c->tok[b->start];
        if (bh->tag != TG_ACTOR || !*b->agent || !role_head(c, b) || strlen(b->code) <= 3 ||
            strncmp(b->code + 3, b->agent, strlen(b->agent)) != 0)
            continue;
        /* Back through a list: "U.S., French, Chinese and Russian
         * representatives". */
        for (size_t j = k + 1; j-- > 0;) {
            chunk *x = &c->ch[j];
            if (j < k) {
                const chunk *nx = &c->ch[j + 1];
                const ctok *xh = &c->tok[x->start];
                if (nx->start != x->end + 1 || !punct_is(c, x->end, ',') || strlen(x->code) != 3 ||
                    *x->agent || x->pronoun || *x->poss || x->person || xh->tag != TG_ACTOR ||
                    x->start + xh->plen != x->end)
                    break;
            }
            char base[VG_MAX_CODE];
            copy_code(base, x->code);
            combine(x->code, base, b->agent);
            copy_code(x->agent, b->agent);
        }
    }
}

/* Joins coded chunks into compound groups: "Iran and North Korea",
 * "Arnor, Rohan and Gondor", "neither X nor Y". A bare comma joins only as
 * part of a list that ends with "and" or "nor", so "Faced with Western
 * sanctions, Moscow turned ..." stays two phrases. */
static void build_groups(vigil_coder *c)
{
    enum { LINK_NONE, LINK_COMMA, LINK_AND };
    /* build_chunks made every chunk a group of its own; only a call that
     * joined some leaves anything to undo. */
    if (c->grouped)
        for (size_t x = 0; x < c->nch; x++) c->ch[x].gfirst = c->ch[x].glast = (uint32_t)x;
    c->grouped = 0;
    /* Every group ends at "and", "or" or "nor" (L_OR): without one in the
     * sentence each phrase is a group of its own. */
    if (!(c->slex & (L_AND | L_OR))) return;
    size_t k = 0;
    while (k + 1 < c->nch) {
        /* Find the longest run of links starting at chunk k. */
        size_t j = k, last_and = k;
        while (j + 1 < c->nch) {
            chunk *a = &c->ch[j], *b = &c->ch[j + 1];
            /* "Ithilen's sheep and goats of Gondor" (goats: Gondor's): two
             * phrases named by their owners only, joined by "and". */
            int owners = j == k && !*a->code && *a->poss && !*b->code && *b->poss && !a->pronoun &&
                         !b->pronoun && a->end + 1 == b->start && (c->tok[a->end].lex & L_AND);
            if (owners) {
                last_and = j + 1;
                break;
            }
            if (!*a->code) break;
            uint32_t i = a->end;
            int link = LINK_NONE;
            if (i < b->start && punct_is(c, i, ',')) i++, link = LINK_COMMA;
            if (i < b->start && ((c->tok[i].lex & L_AND) || tok_is(c, i, CW_NOR)))
                i++, link = LINK_AND;
            if (link == LINK_NONE || i != b->start) break;
            /* A list may end in a phrase that names no actor: "The United
             * States, the U.N. and rights groups condemned Thailand" has two
             * sources. Only after a list of two or more coded phrases, and
             * never a pronoun ("Russia and its"). */
            if (!*b->code && (link != LINK_AND || j == k || b->pronoun || *b->poss)) break;
            /* "A, and B": a comma before the conjunction of only two
             * phrases joins clauses, not names. */
            if (link == LINK_AND && punct_is(c, a->end, ',') && j == k) break;
            j++;
            if (link == LINK_AND) {
                last_and = j;
                break; /* "A, B and C" ends at the conjunction */
            }
        }
        if (last_and > k) {
            c->grouped = 1;
            for (size_t x = k; x <= last_and; x++) {
                c->ch[x].gfirst = (uint32_t)k;
                c->ch[x].glast = (uint32_t)last_and;
            }
            k = last_and + 1;
        } else {
            k++;
        }
    }
}

/* ----------------------------------------------------- clause analysis */

/* The auxiliary chain left of a verb: sets flags and returns its start. */
static uint32_t aux_chain(vigil_coder *c, uint32_t v, unsigned *flags, int *inf_ctrl)
{
    int32_t i = (int32_t)v - 1;
    uint32_t start = v;
    int saw_be = 0;
    *inf_ctrl = -1;
    while (i >= 0) {
        const ctok *t = &c->tok[i];
        uint64_t l = t->lex;
        if (t->inphrase && t->tag != TG_VERB && c->tok[t->head].tag != TG_VERB) break;
        if (l & L_NEG)
            *flags |= VF_NEG;
        else if (l & (L_BE | L_GET))
            saw_be = 1;
        else if (l & L_HYPO)
            *flags |= VF_HYPO;
        else if (l & (L_MODAL | L_HAVE | L_DO)) {
        } else if (l & L_TO) {
            /* "refused to supply", "threatened to impose", "agreed to
             * meet": the infinitive is controlled by the verb before. */
            int32_t p = i - 1;
            while (p >= 0 && is_skippable(c, (uint32_t)p)) p--;
            if (p >= 0 && (c->tok[p].isverb || (c->tok[p].lex & (L_REFUSE | L_IRREAL)))) {
                *flags |= VF_INF;
                if (c->tok[p].lex & L_REFUSE)
                    *flags |= VF_REFUSED | VF_NEG;
                else
                    *flags |= VF_HYPO;
                *inf_ctrl = p;
                start = (uint32_t)i;
                break;
            }
            /* "rallied outside parliament to protest against the
             * government": after a verb and a prepositional phrase of its
             * own, an infinitive of purpose; its subject is the verb's and
             * the act is real. (Not "called on Russia to withdraw": "on"
             * belongs to the verb there.) */
            if (p >= 0 && c->tok[p].chunk >= 0) {
                int32_t b = (int32_t)c->ch[c->tok[p].chunk].start - 1;
                const ctok *bt = b >= 1 ? &c->tok[b] : NULL;
                int own_prep = bt && (bt->lex & L_PREP) && !(bt->lex & L_TO) &&
                               !tok_is(c, (uint32_t)b, CW_OF) &&
                               !(bt->inphrase && c->tok[bt->head].tag == TG_VERB);
                int32_t q = b - 1;
                while (own_prep && q >= 0 && is_skippable(c, (uint32_t)q)) q--;
                /* ("outside parliament in Tbilisi": a chain of them.) */
                while (own_prep && q >= 1 && c->tok[q].chunk >= 0) {
                    int32_t b2 = (int32_t)c->ch[c->tok[q].chunk].start - 1;
                    if (b2 < 1 || !(c->tok[b2].lex & L_PREP) || (c->tok[b2].lex & L_TO) ||
                        tok_is(c, (uint32_t)b2, CW_OF))
                        break;
                    q = b2 - 1;
                }
                if (own_prep && q >= 0 && (c->tok[q].isverb == 1 || c->tok[q].isverb == 3)) {
                    *flags |= VF_INF;
                    *inf_ctrl = q;
                    start = (uint32_t)i;
                    break;
                }
            }
            if (p >= 1 && tok_is(c, (uint32_t)p, CW_ABOUT) && (c->tok[p - 1].lex & L_BE)) {
                /* "is about to restore": an imminent act, coded as such. */
                i = p - 1;
                start = (uint32_t)i;
                i--;
                continue;
            }
            if (p >= 0 && (c->tok[p].lex & L_BE)) { /* "is to visit" */
                *flags |= VF_HYPO;
                i = p;
                start = (uint32_t)i;
                i--;
                continue;
            }
            break;
        } else if (!is_skippable(c, (uint32_t)i))
            break;
        start = (uint32_t)i;
        i--;
    }
    /* "was hit", "will be cut": after "be" a base form can only be a
     * participle (verbs whose participle is their base form). (The verb's
     * form looked up only then: most chains have no "be".) */
    if (saw_be) {
        const vg_verbform *vf =
            c->tok[v].tag == TG_VERB ? vg_dict_verbform(c->dict, c->tok[v].ent) : NULL;
        int form = vf ? vf->form : 0;
        if (form == VG_VF_PART || form == VG_VF_PASTPART || form == VG_VF_BASE)
            *flags |= VF_PASSIVE;
    }
    return start;
}

/* Is chunk k a quantity ("thousands", "dozens", "two", "hundreds of")? */
static int quantity(const vigil_coder *c, int32_t k)
{
    uint32_t h = c->ch[k].end - 1;
    if (*c->ch[k].code) return 0;
    if (c->tok[h].kind == VG_TOK_NUM || (c->tok[h].lex & L_NUMW)) return 1;
    /* "thousands", "dozens", "some", "several", ... (cwords.h) */
    return tok_in(c, h, CWC_QUANTITY);
}

/* The head phrase of chunk k: back over prepositional tails, "the delivery
 * of missiles to Russia" -> "the delivery". */
static int32_t np_head(const vigil_coder *c, int32_t k)
{
    for (;;) {
        int32_t p = (int32_t)c->ch[c->ch[k].gfirst].start - 1;
        /* "in then war-torn Ivory Coast" (adverbs only: "told VOA on
         * Sunday it had" is a time adverbial before a new subject). */
        while (p >= 0 && (c->tok[p].lex & L_ADV) && !(c->tok[p].lex & L_TIME)) p--;
        /* "the 2004 bombing of a base": a gerund heads the phrase, and it
         * names no actor. */
        if (p >= 1 && tok_is(c, (uint32_t)p, CW_OF) && c->tok[p - 1].isverb == 4) return -1;
        if (p >= 0 && (c->tok[p].lex & L_PREP) && !(c->tok[p].lex & L_SUB) && p - 1 >= 0 &&
            c->tok[p - 1].chunk >= 0) {
            /* "thousands of Serbians", "dozens of protesters": after a
             * quantity the head is what is counted. */
            if (tok_is(c, (uint32_t)p, CW_OF) && quantity(c, c->tok[p - 1].chunk)) return k;
            k = c->tok[p - 1].chunk;
            continue;
        }
        /* "a row between Radagast the Brown": a name and its apposition
         * inside a prepositional phrase attached to a noun. */
        if (p >= 1 && c->tok[p].chunk >= 0 && c->tok[p].chunk != k) {
            int32_t a = c->tok[p].chunk;
            int32_t q = (int32_t)c->ch[c->ch[a].gfirst].start - 1;
            if (q >= 1 && (c->tok[q].lex & L_PREP) && !(c->tok[q].lex & L_SUB) &&
                c->tok[q - 1].chunk >= 0) {
                k = a;
                continue;
            }
        }
        return k;
    }
}

/* Is the comma at i, right before the verb group at g, one of a list of
 * verb phrases ("He announced a \"separation\" from the United States in
 * 2016, accepted $2 billion ...")? The clause before it runs from the
 * sentence's start (scare quotes inside it do not matter) and has a finite
 * verb of its own. Not after an apposition or a second comma ("Sightsavers,
 * a British agency that aims to ..., said"). */
static int verb_list_comma(const vigil_coder *c, uint32_t i, uint32_t g)
{
    uint32_t n = i + 1;
    while (n < g && is_skippable(c, n)) n++;
    if (n != g || g >= c->ntok) return 0;
    /* ", saying ...", ", introduced by X": a participle, no new clause. */
    const ctok *v = &c->tok[g];
    uint32_t after = g + (v->tag == TG_VERB ? v->plen : 1);
    if (v->isverb == 4 || (after < c->ntok && tok_is(c, after, CW_BY))) return 0;
    int verb = 0;
    for (uint32_t q = i; q-- > 0;) {
        const ctok *t = &c->tok[q];
        if (t->kind == VG_TOK_PUNCT && !attached_hyphen(c, q)) return 0;
        if (t->isverb == 1 || t->isverb == 2) verb = 1;
    }
    return verb;
}

/* The subject chunk for a verb group starting at token g, or -1. For
 * coordination ("... and warned") *coord is set. */
static int32_t find_subject(vigil_coder *c, uint32_t g, int *coord, int *comma_coord)
{
    *coord = 0;
    *comma_coord = 0;
    int32_t i = (int32_t)g - 1;
    int quote = g < c->ntok ? c->tok[g].quote : 0;
    while (i >= 0 && is_skippable(c, (uint32_t)i)) i--;
    while (i >= 0) {
        const ctok *t = &c->tok[i];
        /* (skip_paren_left's own first test, so that most steps skip the
         * call.) */
        if (t->pch == (uint8_t)')' && skip_paren_left(c, i) != i) {
            i = skip_paren_left(c, i);
            continue;
        }
        if (t->quote != quote && t->kind != VG_TOK_QUOTE) return -1;
        if (t->chunk >= 0) {
            int32_t k = t->chunk;
            /* "The West has for months warned": a prepositional phrase with
             * no noun before it is an adverbial; the subject is further
             * left. */
            int32_t pp = (int32_t)c->ch[k].start - 1;
            if (pp >= 0 && (c->tok[pp].lex & L_PREP) && !(pp > 0 && c->tok[pp - 1].chunk >= 0)) {
                i = pp - 1;
                while (i >= 0 &&
                       (is_skippable(c, (uint32_t)i) || (c->tok[i].lex & (L_HAVE | L_BE))))
                    i--;
                continue;
            }
            return np_head(c, k);
        }
        if (t->lex & L_REL) {
            /* "Iran, which supplied ...": the antecedent, the head of the
             * phrase before it ("the bombing of a base in Ivory Coast that
             * killed ..." -> "the bombing"). */
            int32_t p = i - 1;
            if (p >= 0 && punct_is(c, (uint32_t)p, ',')) p--;
            if (p >= 0 && c->tok[p].chunk >= 0 && !(t->lex & L_THAT))
                return np_head(c, c->tok[p].chunk);
            if (p >= 0 && c->tok[p].chunk >= 0 && (t->lex & L_THAT) && !c->tok[p].isverb &&
                !(c->tok[p].lex & L_SPEECH))
                return np_head(c, c->tok[p].chunk);
            return -1;
        }
        if (t->lex & (L_AND | L_OR) || tok_is(c, (uint32_t)i, CW_BUT)) {
            *coord = 1;
            if (i - 1 >= 0 && punct_is(c, (uint32_t)i - 1, ',')) *comma_coord = 1;
            return -1;
        }
        if ((t->lex & L_PREP) && i + 1 < (int32_t)c->ntok && c->tok[i + 1].chunk < 0 &&
            (c->tok[i + 1].lex & L_TIME)) {
            /* "The United States on Thursday fired": a time adverbial. */
            i--;
            while (i >= 0 && is_skippable(c, (uint32_t)i)) i--;
            continue;
        }
        if (punct_is(c, (uint32_t)i, ',')) {
            /* "China, which has been North Korea's closest ally, expressed
             * ...", "Eriador, the state's fiercest foe, said", "Somali
             * soldiers, supported by clan militias, attacked": a relative
             * clause, an apposition or a participle's aside between commas
             * after a phrase is skipped whole; the subject is that phrase. */
            int32_t q = i - 1;
            int verb = 0;
            while (q >= 0 && !punct_is(c, (uint32_t)q, ',') && !is_boundary(c, (uint32_t)q)) {
                if (c->tok[q].isverb && c->tok[q].isverb != 4) verb = 1;
                q--;
            }
            if (q > 0 && punct_is(c, (uint32_t)q, ',') && c->tok[q - 1].chunk >= 0 &&
                c->tok[q + 1].quote == quote &&
                (((c->tok[q + 1].lex & L_REL) && !(c->tok[q + 1].lex & L_THAT)) ||
                 (!verb && (c->tok[q + 1].chunk >= 0 || c->tok[q + 1].isverb == 4)))) {
                i = q - 1;
                continue;
            }
            /* "He announced a separation from the United States, accepted
             * $2 billion ...": a verb right after a comma that closes a
             * clause with a verb of its own continues a list of verb
             * phrases; it shares the sentence's subject. */
            if (verb_list_comma(c, (uint32_t)i, g)) {
                *coord = 1;
                *comma_coord = 1;
                return -1;
            }
            /* An adverbial phrase between commas: keep looking left. */
            i--;
            while (i >= 0 && is_skippable(c, (uint32_t)i)) i--;
            continue;
        }
        return -1;
    }
    return -1;
}

/* The end of the clause that starts right of token v: the next verb, a
 * subordinator or relative, or a boundary. */
static uint32_t clause_end(const vigil_coder *c, uint32_t from)
{
    const ctok *const tok = c->tok;
    const uint32_t ntok = (uint32_t)c->ntok;
    int quote = from < ntok ? tok[from].quote : 0;
    for (uint32_t i = from; i < ntok; i++) {
        const ctok *t = &tok[i];
        /* An infinitive ("threatened to attack") belongs to the clause. */
        /* A gerund or participle after a noun ("the roads leading into
         * Mordor") modifies it and stays in the clause. */
        if (t->isverb && t->isverb != 4 && !(i > 0 && (tok[i - 1].lex & L_TO))) return i;
        if (t->bound) return i;
        if (t->quote != quote) return i;
        if ((t->lex & (L_SUB | L_REL | L_THAT)) && !(t->lex & L_PREP) && !t->inphrase) return i;
    }
    return ntok;
}

/* A verb group's clause end, noted in g the first time it is asked for:
 * only the target search and what follows it read it, and most verb
 * groups never get there (no dictionary verb, no code, no source). It is
 * clause_end from the verb's end, as the verb-group loop once noted it
 * for every group (vend > 0, so a clause end is never 0). */
static uint32_t clause_end_of(const vigil_coder *c, vgroup *g)
{
    if (!g->cl_end) g->cl_end = clause_end(c, g->vend);
    return g->cl_end;
}

/* How far right a verb group's patterns may look: to the next boundary or
 * where a quote opens or closes, from the verb's end (its last token's
 * quote), noted in g the first time a candidate pattern gets past its
 * needs (most groups never have one). The verb-group loop once noted it for
 * every group, taking over the stretch of the verb before when the verb
 * ended inside it: no boundary and no quote edge lie between, so the walk
 * from the verb ends where that one ended. Never 0 (vend > 0). */
static uint32_t pattern_end_of(const vigil_coder *c, vgroup *g)
{
    if (!g->pat_end) {
        const ctok *const tok = c->tok;
        const uint32_t ntok = (uint32_t)c->ntok;
        const uint8_t q = tok[g->vend - 1].quote;
        uint32_t e = g->vend;
        while (e < ntok && !tok[e].bound && tok[e].quote == q) e++;
        g->pat_end = e;
    }
    return g->pat_end;
}

/* --------------------------------------------------- pattern matching */

typedef struct match {
    int score;
    uint32_t end;       /* first token after the matched words */
    uint32_t words[16]; /* tokens the pattern's words matched */
    int nwords;
    int neg;          /* the pattern's own words include the negation */
    int mutual;       /* a '%' before the verb: the compound subject acts on itself */
    int32_t src, tgt; /* chunks bound by $ and + */
    int32_t speech;   /* a speech verb the words before the verb matched, -1 */
    const vg_pattern *pat;
} match;

/* elem_at for a synonym-set element. */
static uint32_t elem_syn_at(vigil_coder *c, const vg_pel *e, uint32_t i)
{
    if (c->syn_first[i] < 0) {
        vg_hit hits[MAX_HITS];
        size_t nh = vg_dict_lookup(c->dict, c->ids, c->sids, c->ntok, i, hits, MAX_HITS);
        syn_record(c, i, hits, nh);
    }
    if (!c->syn_count[i]) return 0; /* (and c->syn may still be NULL) */
    const struct synhit *x = c->syn + c->syn_first[i];
    for (uint32_t h = 0; h < c->syn_count[i]; h++)
        if (x[h].id == e->id) return x[h].len;
    return 0;
}

/* Does the phrase at token i match element e? Returns its length, 0.
 * (Inline: most calls test a word, a few instructions where the call cost
 * about thirty.) */
static inline uint32_t elem_at(vigil_coder *c, const vg_pel *e, uint32_t i)
{
    if (i >= c->ntok) return 0;
    if (e->kind == VG_PE_WORD) {
        const ctok *t = &c->tok[i];
        return t->wid == e->id || (e->stem && t->sid == e->id);
    }
    return e->kind == VG_PE_SYN ? elem_syn_at(c, e, i) : 0;
}

#define PAT_GAP 6

/* The bit arrays of the sentence's words and synonym sets, in one
 * allocation: a need (pattern_needs) is a bit position in it, so testing
 * one is the same whether it is a word or a set. One more word stays zero:
 * the position of a need no sentence can meet. */
static void need_bits(vigil_coder *c)
{
    if (c->wordbits) return;
    /* (The dictionary's layout: its patterns' needs are positions in it.) */
    vg_dict_need_layout(c->dict, &c->nwordbits, &c->nsynbits);
    c->wordbits = vg_calloc(c->nwordbits + c->nsynbits + 1, sizeof *c->wordbits);
    c->synbits = c->wordbits + c->nwordbits;
}

/* Looks up the synonym sets at token i, a position tagging passed over
 * (inside a phrase). */
static void syn_lookup(vigil_coder *c, uint32_t i)
{
    vg_hit hits[MAX_HITS];
    size_t nh = vg_dict_lookup(c->dict, c->ids, c->sids, c->ntok, i, hits, MAX_HITS);
    syn_record(c, i, hits, nh);
}

/* Fills c->synbits from the synonym-set hits of every token, looking up
 * the positions tagging passed over (inside a phrase) first, unless
 * fill_wordset did in its walk this sentence (walked). */
static void syn_presence(vigil_coder *c, int walked)
{
    /* (Most positions were looked up by tagging: the test through a local
     * pointer, reloaded only after a lookup.) */
    const int32_t *first = c->syn_first;
    const uint32_t n = walked ? 0 : (uint32_t)c->ntok;
    for (uint32_t i = 0; i < n; i++)
        if (first[i] < 0) syn_lookup(c, i);
    need_bits(c);
    uint64_t *sbits = c->synbits;
    const size_t nsbits = c->nsynbits, nsyn = c->nsyn;
    const struct synhit *syn = c->syn;
    memset(sbits, 0, nsbits * sizeof *sbits);
    for (size_t h = 0; h < nsyn; h++) {
        uint32_t id = syn[h].id;
        if (id / 64 < nsbits) sbits[id / 64] |= (uint64_t)1 << (id % 64);
    }
    c->syn_all = 1;
}

/* A quick test before matching: every exact word a pattern needs must occur
 * in the sentence, and every synonym set it needs must have a member there.
 * Families hold thousands of patterns; most fail here, with one probe of a
 * small hash set of the sentence's word ids or one bit test per set. */
static int words_present(vigil_coder *c, const vg_pel *pels, const vg_pattern *p)
{
    /* The synonym sets of the sentence, once per sentence (nearly every
     * sentence with patterns needs them; asking here rather than at the
     * first set element keeps the loop free of calls). */
    if (!c->syn_all) syn_presence(c, 0);
    const vg_pel *els = pels + p->first_el; /* (pels: c->pels) */
    const uint64_t *wbits = c->wordbits, *sbits = c->synbits;
    uint32_t nwbits = (uint32_t)c->nwordbits, nsbits = (uint32_t)c->nsynbits;
    uint32_t n = (uint32_t)p->npre + p->npost;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t id = els[k].id;
        if (els[k].kind == VG_PE_SYN) {
            if (id / 64 < nsbits && !(sbits[id / 64] >> (id % 64) & 1)) return 0;
            continue;
        }
        if (els[k].kind != VG_PE_WORD || els[k].stem) continue;
        if (id / 64 >= nwbits || !(wbits[id / 64] >> (id % 64) & 1)) return 0;
    }
    return 1;
}

/* Fills the word-id set of the sentence (see words_present), clearing the
 * bits of the previous sentence's words first. Its walk also looks up the
 * synonym sets of the positions tagging passed over, which syn_presence
 * would walk the tokens again for (nearly every sentence that gets here
 * asks for it; the records elem_at reads are the same whoever looks a
 * position up first, only their order in c->syn differs). */
static void fill_wordset(vigil_coder *c)
{
    need_bits(c);
    /* (Locals: the stores to the bit words, of the type of size_t, would
     * make the compiler load the counts again at every step.) */
    uint64_t *bits = c->wordbits;
    const size_t nbits = c->nwordbits;
    const uint32_t *words = c->wordlist;
    /* (Two a step: the loop's own count and test were half its cost.) */
    size_t w = 0;
    for (const size_t nw = c->nwordlist; w + 1 < nw; w += 2)
        bits[words[w] / 64] = 0, bits[words[w + 1] / 64] = 0;
    if (w < c->nwordlist) bits[words[w] / 64] = 0;
    c->anchors_ready = 0;
    /* The word ids as tagging kept them in a row (c->ids: the tokens' wid). */
    const uint32_t *ids = c->ids;
    const int32_t *first = c->syn_first;
    const size_t n = c->ntok;
    size_t m = 0;
    for (size_t t = 0; t < n; t++) {
        if (first[t] < 0) syn_lookup(c, (uint32_t)t);
        uint32_t id = ids[t];
        if (!id || id / 64 >= nbits) continue;
        uint64_t bit = (uint64_t)1 << (id % 64);
        if (bits[id / 64] & bit) continue;
        bits[id / 64] |= bit;
        c->wordlist[m++] = id;
    }
    c->nwordlist = m;
}

/* The patterns of a family that may match this sentence, with what each
 * needs (vg_pcand): a small family's all; a large one's those whose anchor
 * word occurs in it and those with no anchor, grouped by anchor (the
 * caller breaks ties by pattern index, as a full scan in family order
 * would). Returns the number of runs in c->cand. */
static size_t family_candidates(vigil_coder *c, uint32_t family)
{
    const vg_family *fm = vg_dict_family(c->dict, family);
    if (!fm) return 0;
    if (fm->npatterns > VG_ANCHOR_MIN_PATTERNS && !c->anchors_ready) {
        /* The sentence's words that anchor some family's patterns, once
         * per sentence: only they can have a list in this family. */
        c->nanchorlist = vg_dict_anchor_words(c->dict, c->wordlist, c->nwordlist, c->anchorlist);
        c->anchors_ready = 1;
    }
    return vg_dict_family_spans(c->dict, family, c->anchorlist, c->nanchorlist, c->cand);
}

/* The subject of the verb group whose verb word is token i, -1. */
static int32_t subject_of_verb(const vigil_coder *c, uint32_t i)
{
    for (size_t gi = 0; gi < c->nvg; gi++)
        if (c->vg[gi].v == i) return c->vg[gi].subj;
    return -1;
}

/* Matches pattern p, whose elements lie where sh says (vg_pshape: p's own
 * record is not read). */
static int match_pattern(vigil_coder *c, const vg_pshape *sh, const vg_pattern *p, const vgroup *g,
                         int32_t subj, match *m)
{
    const vg_pel *els = c->pels + sh->first_el;
    m->score = 0;
    m->nwords = 0;
    m->src = m->tgt = -1;
    m->pat = p;
    m->end = g->vend;
    /* After the verb. */
    uint32_t cur = g->vend;
    int contiguous = 0, touch = 0;
    /* An apposition between commas after a bound actor ("attacked The Wall
     * Street Journal, the country's leading business paper, for refusing"):
     * the next pattern word is looked for after it too. */
    uint32_t app_lo = UINT32_MAX, app_hi = 0;
    for (uint16_t k = 0; k < sh->npost; k++) {
        const vg_pel *e = &els[sh->npre + k];
        if (e->kind == VG_PE_VERB_ADJ) {
            touch = 1; /* "*_OUT": the next word right after the verb */
            continue;
        }
        if (e->kind == VG_PE_NP_OPEN) {
            /* Words of a {group} are adjacent to each other; the group
             * itself may stand a few words after what precedes it. */
            contiguous = 2;
            continue;
        }
        if (e->kind == VG_PE_NP_CLOSE) {
            contiguous = 0;
            continue;
        }
        if (e->kind == VG_PE_PP_OPEN || e->kind == VG_PE_PP_CLOSE) continue;
        if (e->kind == VG_PE_SKIP) {
            /* '^': pass over the next noun phrase ("* IFTAR IN ^ +": the
             * place, then the target). */
            uint32_t i = cur;
            while (i < g->pat_end && c->tok[i].chunk < 0) i++;
            if (i >= g->pat_end || i > cur + PAT_GAP) return 0;
            cur = c->ch[c->ch[c->tok[i].chunk].glast].end;
            continue;
        }
        int found = 0;
        uint32_t lim = contiguous == 1 || touch ? cur + 1 : cur + PAT_GAP + 1;
        touch = 0;
        if (lim > g->pat_end) lim = g->pat_end;
        for (uint32_t i = cur; i < lim && !found; i++) {
            if (i == app_lo && contiguous != 1) {
                lim += app_hi - app_lo;
                if (lim > g->pat_end) lim = g->pat_end;
                i = app_hi;
                if (i >= lim) break;
            }
            if (e->kind == VG_PE_SOURCE || e->kind == VG_PE_TARGET || e->kind == VG_PE_COMPOUND) {
                if (c->tok[i].chunk < 0) continue;
                int32_t ck = c->tok[i].chunk;
                /* '%': a compound actor, the target ("agrees with X and Y"). */
                if (e->kind == VG_PE_COMPOUND) {
                    if (c->ch[ck].glast == c->ch[ck].gfirst) continue;
                    m->tgt = ck;
                    cur = c->ch[c->ch[ck].glast].end;
                    found = 1;
                    m->score += 1;
                    continue;
                }
                if (e->kind == VG_PE_SOURCE)
                    m->src = ck;
                else
                    m->tgt = ck;
                /* Later elements may stand inside the phrase ("+ 's
                 * &ACCUSATION" in "Gondor's accusations"). */
                cur = i + 1;
                uint32_t ae = c->ch[c->ch[ck].glast].end;
                int32_t ak =
                    ae + 1 < g->pat_end && punct_is(c, ae, ',') ? c->tok[ae + 1].chunk : -1;
                if (ak >= 0 && c->ch[ak].end < g->pat_end && punct_is(c, c->ch[ak].end, ','))
                    app_lo = ae, app_hi = c->ch[ak].end + 1;
                found = 1;
                m->score += 1;
            } else {
                uint32_t len = elem_at(c, e, i);
                /* ("deployed troops in Belarus, according to NATO": the "to"
                 * of an attribution is no pattern's "to".) */
                if (len && i > 0 && (c->tok[i - 1].lex & L_ACCORDING)) len = 0;
                if (len) {
                    if (m->nwords < 16) m->words[m->nwords++] = i;
                    cur = i + len;
                    found = 1;
                    m->score += 2 * (int)len;
                }
            }
            if (contiguous == 1 && !found) break;
        }
        if (!found) return 0;
        if (contiguous == 2) contiguous = 1;
        if (cur > m->end) m->end = cur;
        if (contiguous && k + 1 < sh->npost && els[sh->npre + k + 1].kind == VG_PE_NP_CLOSE)
            contiguous = 0;
    }
    /* Before the verb, right to left, from inside its auxiliary chain
     * ("- &NEGAUX * over efforts": "did n't clash over") to the subject. A
     * pattern that names a negation codes it: the event is not negated. */
    int32_t lcur = (int32_t)g->v - 1;
    m->neg = 0;
    m->mutual = 0;
    m->speech = -1;
    int group = 0; /* 1: inside a {group}, 2: and one of its words matched */
    touch = 0;     /* "RECENTLY_*": the element ends right before the verb word */
    for (int k = (int)sh->npre - 1; k >= 0; k--) {
        const vg_pel *e = &els[k];
        if (e->kind == VG_PE_VERB_ADJ) {
            touch = 1;
            continue;
        }
        if (e->kind == VG_PE_COMPOUND) {
            /* '%' before the verb: the subject is a compound ("X and Y
             * have postponed"), and its members act on each other. */
            if (subj < 0 || c->ch[subj].glast == c->ch[subj].gfirst) return 0;
            m->mutual = 1;
            m->score += 1;
            continue;
        }
        /* Right to left, a group closes first: "DEATH_TOTAL *" needs
         * "death total" adjacent. */
        if (e->kind == VG_PE_NP_CLOSE) {
            group = 1;
            continue;
        }
        if (e->kind == VG_PE_NP_OPEN) {
            group = 0;
            continue;
        }
        if (e->kind >= VG_PE_NP_OPEN) continue;
        if (e->kind == VG_PE_SOURCE || e->kind == VG_PE_TARGET) {
            int32_t who = subj;
            /* "+ HOSTING * MAY_DAY $" on "Mordor will be hosting Osgiliath
             * to celebrate May Day": the infinitive has no subject of its
             * own, and the '+' stands left of "hosting", so it is the
             * subject of the verb the pattern word is. */
            if (who < 0 && lcur + 1 < (int32_t)g->v) who = subject_of_verb(c, (uint32_t)lcur + 1);
            if (who < 0) return 0;
            if (e->kind == VG_PE_SOURCE)
                m->src = who;
            else
                m->tgt = who;
            m->score += 1;
            continue;
        }
        int found = 0;
        /* Up to three tokens away; inside a group the element must end
         * right before the word matched last. */
        for (int32_t i = lcur; i >= 0 && i >= lcur - 3 && !found; i--) {
            uint32_t len = elem_at(c, e, (uint32_t)i);
            if (len && i + (int32_t)len - 1 <= lcur &&
                (group != 2 || i + (int32_t)len - 1 == lcur) &&
                (!touch || i + (int32_t)len == (int32_t)g->v)) {
                for (uint32_t q = (uint32_t)i; q < (uint32_t)i + len; q++) {
                    if ((c->tok[q].lex & L_NEG) || tok_is(c, q, CW_NEITHER)) m->neg = 1;
                    if ((c->tok[q].lex & L_SPEECH) && c->tok[q].isverb) m->speech = (int32_t)q;
                }
                lcur = i - 1;
                found = 1;
                m->score += 2 * (int)len;
            }
        }
        if (!found) return 0;
        touch = 0;
        if (group) group = 2;
    }
    return 1;
}

/* ------------------------------------------------------------ emitting */

static void span_of(const vigil_coder *c, uint32_t a, uint32_t b, uint32_t sbase, vigil_span *s)
{
    s->start = c->tok[a].start - sbase;
    s->end = c->tok[b - 1].end - sbase;
}

/* Records an unknown word or name as "verb WORD" or "name PHRASE" (verbs
 * lower-cased), once per doc. */
static void add_unknown(vigil_coder *c, const char *kind, const char *s, size_t n, int fold)
{
    char w[96];
    size_t k = strlen(kind);
    if (n + k + 2 >= sizeof w) return;
    memcpy(w, kind, k);
    w[k++] = ' ';
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        w[k + i] = (char)(fold && ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    w[k + n] = '\0';
    /* Known already? A story may note hundreds of items: the first
     * UNK_HASHED are found by hash (FNV-1a), the rest one by one. */
    if (c->nunknown == 0 && ++c->unk_gen == 0) { /* a new story */
        memset(c->unk_slot, 0, sizeof c->unk_slot);
        c->unk_gen = 1;
    }
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < k + n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    const uint32_t mask = 2 * UNK_HASHED - 1;
    uint32_t slot = h & mask;
    for (; c->unk_slot[slot].gen == c->unk_gen; slot = (slot + 1) & mask)
        if (strcmp(c->unknown[c->unk_slot[slot].idx], w) == 0) return;
    for (size_t i = UNK_HASHED; i < c->nunknown; i++)
        if (strcmp(c->unknown[i], w) == 0) return;
    if (c->nunknown < UNK_HASHED)
        c->unk_slot[slot] = (struct unk_slot){c->unk_gen, (uint32_t)c->nunknown};
    char *copy = vg_strdup(w);
    VG_PUSH(c->unknown, c->nunknown, c->capunknown, copy);
}

/* Appends s to the string dst[0..*o) of room cap, cut where the room
 * ends, and keeps it terminated (as snprintf cuts). */
static void put_cut(char *dst, size_t cap, size_t *o, const char *s)
{
    size_t n = strlen(s), room = cap - 1 - *o;
    if (n > room) n = room;
    memcpy(dst + *o, s, n);
    *o += n;
    dst[*o] = '\0';
}

/* Appends ":" and the decimal number n, cut the same way. */
static void put_line(char *dst, size_t cap, size_t *o, unsigned n)
{
    char d[16];
    size_t m = sizeof d - 1;
    d[m] = '\0';
    do d[--m] = (char)('0' + n % 10);
    while (n /= 10);
    d[--m] = ':';
    put_cut(dst, cap, o, d + m);
}

static void emit(vigil_coder *c, unsigned sent, vigil_span sspan, const char *code,
                 const chunk *src, const chunk *tgt, const vgroup *g, const vg_pattern *pat,
                 int *count)
{
    if (*count >= (int)VG_MAX_EVENTS_PER_SENTENCE) return;
    int negated = (g->flags & VF_NEG) != 0;
    if (negated && !(c->flags & VIGIL_CODE_NEGATED)) return;
    /* An actor named only through its possessor ("condemned Mordor's
     * decision", "Mordor's militia attacked") is the possessor. */
    const char *scode = src ? (*src->code ? src->code : src->poss) : "";
    const char *tcode = tgt ? (*tgt->code ? tgt->code : tgt->poss) : "";
    if (!(c->flags & VIGIL_CODE_NO_DYAD) && (!*scode || !*tcode)) return;
    if (!*scode && !*tcode) return;
    if (*scode && strcmp(scode, tcode) == 0) return;
    /* A dictionary may use codes outside CAMEO (old WEIS-style codes in
     * PETRARCH's validation set, local extensions): they are emitted as
     * written, with the root of their first two digits and no scores.
     * (Looked up after the tests above, which drop three calls in four
     * and do not need it.) */
    vigil_cameo local = {code, "not a CAMEO code", 0.0, 0, "", ""};
    const vigil_cameo *cm = vigil_cameo_lookup(code);
    if (!cm) {
        if (strlen(code) < 2 || strlen(code) > 7) return;
        cm = &local;
    }
    /* A country and its own government, military or people ("Canada" and
     * "CANGOV") in one event is almost always a mis-resolved actor, not a
     * domestic event; domestic events name two roles (USAGOV -> USAOPP). */
    /* Deeper codes are real domestic actors: PAK -> PAKSEPBLA (designating
     * a separatist group) stays. */
    size_t sl = strlen(scode), tl = strlen(tcode);
    /* Protests are the exception: "Serbians marched to demand the
     * government's resignation" is the people against their government. */
    int protest = cm->code[0] == '1' && cm->code[1] == '4';
    /* So is a state's coercion or violence against its own people ("Iran
     * executed two protesters", "Russia jailed a journalist"): a bare
     * country acting on a role that is no organ of the state. */
    int repression = sl == 3 && tl == 6 && cm->code[0] == '1' &&
                     (cm->code[1] == '7' || cm->code[1] == '8') && !state_role(tcode + 3);
    /* And rebels taking territory of their own country ("M23 rebels
     * captured the city of Goma"). */
    int insurgency =
        tl == 3 && sl == 6 && strcmp(cm->code, "192") == 0 && irregular_role(scode + 3);
    if (*scode && *tcode && strncmp(scode, tcode, 3) == 0 && !protest && !repression &&
        !insurgency && ((sl == 3 && tl <= 6) || (tl == 3 && sl <= 6)))
        return;
    /* One event per (source, target, code) per sentence. */
    for (size_t i = c->nev; i-- > 0;) {
        vigil_event *o = &c->ev[i];
        if (o->sentence != sent) break;
        if (strcmp(o->source, scode) == 0 && strcmp(o->target, tcode) == 0 &&
            strcmp(o->code, code) == 0)
            return;
    }
    vg_grow((void **)&c->ev, &c->capev, c->nev + 1, sizeof *c->ev);
    vg_grow((void **)&c->info, &c->capinfo, c->nev + 1, sizeof *c->info);
    vigil_event *e = &c->ev[c->nev];
    evinfo *inf = &c->info[c->nev];
    memset(e, 0, sizeof *e);
    memset(inf, 0, sizeof *inf);
    c->nev++;
    (*count)++;
    if (*scode && *tcode && !strchr(scode, '/') && !strchr(tcode, '/')) {
        copy_code(c->pair[0], scode);
        copy_code(c->pair[1], tcode);
        c->age_pair = 0;
    }
    const vigil_doc *d = c->doc;
    e->story = d->id;
    e->sentence = sent;
    e->date = d->date;
    copy_code(e->source, scode);
    copy_code(e->target, tcode);
    memcpy(e->code, cm->code, strlen(cm->code) + 1); /* at most 7 bytes + NUL */
    memcpy(e->root, cm->code, 2);
    e->root[2] = '\0';
    e->quad = cm->quad;
    e->goldstein = cm->goldstein;
    e->plover = cm->plover;
    e->negated = negated;
    e->hypothetical = (g->flags & (VF_HYPO | VF_COND)) != 0;
    copy_code(e->speaker, g->speaker);
    if (src) span_of(c, src->start, src->end, sspan.start, &e->ev_source);
    if (tgt) span_of(c, tgt->start, tgt->end, sspan.start, &e->ev_target);
    span_of(c, g->v, g->vend, sspan.start, &e->ev_verb);
    e->text = d->text + sspan.start;
    e->text_len = sspan.end - sspan.start;
    const vg_verbform *vf = vg_dict_verbform(c->dict, c->tok[g->v].ent);
    const vg_verb *vb = vf ? vg_dict_verb(c->dict, vf->verb) : NULL;
    /* (What snprintf with "%s", "%s [%s]" and "%s:%u" would write, cut at
     * the field's room, without its format parsing: once per event.) */
    if (pat) {
        size_t o = 0;
        put_cut(inf->rule, sizeof inf->rule, &o, pat->text ? pat->text : "");
        o = 0;
        put_cut(inf->where, sizeof inf->where, &o, pat->file ? pat->file : "");
        put_line(inf->where, sizeof inf->where, &o, (unsigned)pat->line);
    } else if (vb) {
        size_t o = 0;
        put_cut(inf->rule, sizeof inf->rule, &o, vb->lemma);
        put_cut(inf->rule, sizeof inf->rule, &o, " [");
        put_cut(inf->rule, sizeof inf->rule, &o, vb->code);
        put_cut(inf->rule, sizeof inf->rule, &o, "]");
        o = 0;
        put_cut(inf->where, sizeof inf->where, &o, vb->file ? vb->file : "");
        put_line(inf->where, sizeof inf->where, &o, (unsigned)vb->line);
    }
    if (c->flags & VIGIL_CODE_EXPLAIN) {
        vg_buf b;
        vg_buf_init(&b, 1u << 16);
        vg_buf_printf(&b, "%s -> %s %s (%s)%s%s\n", *scode ? scode : "-", *tcode ? tcode : "-",
                      cm->code, cm->label, negated ? " negated" : "",
                      e->hypothetical ? " hypothetical" : "");
        const chunk *parts[2] = {src, tgt};
        const char *names[2] = {"source", "target"};
        for (int k = 0; k < 2; k++) {
            if (!parts[k]) continue;
            const chunk *ck = parts[k];
            vg_buf_printf(&b, "  %s: \"%.*s\" -> %s", names[k],
                          (int)(c->tok[ck->end - 1].end - c->tok[ck->start].start),
                          d->text + c->tok[ck->start].start, ck->code);
            if (ck->actor) {
                const vg_actor *a = vg_dict_actor(c->dict, ck->actor);
                if (a) vg_buf_printf(&b, " (actor \"%s\" %s:%u)", a->name, a->file, a->line);
            }
            if (ck->pronoun) vg_buf_puts(&b, " (resolved from earlier mention)");
            for (uint32_t i = ck->start; i < ck->end; i++)
                if (c->tok[i].tag == TG_AGENT) {
                    const vg_agent *a = vg_dict_agent(c->dict, c->tok[i].ent);
                    if (a) vg_buf_printf(&b, " (agent \"%s\" %s:%u)", a->name, a->file, a->line);
                }
            vg_buf_putc(&b, '\n');
        }
        vg_buf_printf(&b, "  verb: \"%.*s\"", (int)(c->tok[g->vend - 1].end - c->tok[g->v].start),
                      d->text + c->tok[g->v].start);
        if (vb) vg_buf_printf(&b, " (verb \"%s\" %s:%u)", vb->lemma, vb->file, vb->line);
        vg_buf_putc(&b, '\n');
        if (pat) vg_buf_printf(&b, "  pattern: %s (%s:%u)\n", pat->text, pat->file, pat->line);
        if (*g->speaker) vg_buf_printf(&b, "  speaker: %s\n", g->speaker);
        if (g->flags & VF_PASSIVE) vg_buf_puts(&b, "  voice: passive\n");
        if (g->flags & VF_REFUSED) vg_buf_puts(&b, "  refusal: \"refused to\"-type verb\n");
        inf->explain = vg_buf_take(&b);
    }
}

/* ----------------------------------------------------------- sentences */

/* The code of a chunk's group members, one by one. */
#define MAX_SIDE 32

/* The actors a chunk stands for: the members of its compound group, and
 * for a role phrase standing for a group ("soldiers from X and Y") each
 * member with the role. Copies go to out[] (spans stay those of the
 * phrases the text names). */
/* PETRARCH writes an entry that names several actors at once with "/"
 * ("the Shire" = [FRO/BIL/SAM]): each is an actor of its own. */
static size_t split_codes(chunk *out, size_t n)
{
    size_t m = n;
    for (size_t i = 0; i < n; i++) {
        char *slash = strchr(out[i].code, '/');
        while (slash && m < MAX_SIDE) {
            *slash = '\0';
            char *next = slash + 1;
            slash = strchr(next, '/');
            out[m] = out[i];
            copy_code(out[m].code, next);
            if (slash) out[m].code[slash - next] = '\0';
            m++;
        }
        if (slash) *slash = '\0';
    }
    return m;
}

static size_t expand_side(const vigil_coder *c, int32_t k, chunk *out)
{
    size_t n = 0;
    if (k < 0) return 0;
    for (uint32_t m = c->ch[k].gfirst; m <= c->ch[k].glast && n < MAX_SIDE; m++) {
        const chunk *ch = &c->ch[m];
        /* An uncoded last member of a list ("... and rights groups"). */
        if (!*ch->code && !*ch->poss && c->ch[k].glast > c->ch[k].gfirst) continue;
        if (ch->proxy) {
            const chunk *pg = &c->ch[ch->proxy - 1];
            for (uint32_t q = pg->gfirst; q <= pg->glast && n < MAX_SIDE; q++) {
                out[n] = *ch;
                combine(out[n].code, c->ch[q].code, ch->agent);
                n++;
            }
        } else {
            out[n++] = *ch;
        }
    }
    return split_codes(out, n);
}

/* expand_side, but a phrase that stands for itself alone (no group, no
 * proxy, no "/" list) is used in place, not copied: *side is where the
 * members are. */
static size_t side_of(const vigil_coder *c, int32_t k, chunk *out, const chunk **side)
{
    if (k >= 0) {
        const chunk *ch = &c->ch[k];
        if (ch->gfirst == ch->glast && !ch->proxy && !strchr(ch->code, '/')) {
            *side = ch;
            return 1;
        }
    }
    *side = out;
    return expand_side(c, k, out);
}

/* Does a compound subject without a target act on itself? For meeting
 * and cooperating yes ("Arnor and Rohan met", "X and Y agreed to a
 * ceasefire"); otherwise only
 * when the clause says so ("postponed their meeting", "each other"):
 * "Brunei, Malaysia and Vietnam claim parts of the sea" are no claims
 * against each other. */
static int reciprocal(const vigil_coder *c, const vgroup *g, const char *code)
{
    if (g->flags & VF_MUTUAL) return 1;
    /* Acts two sides do together: intents to cooperate (03), meetings and
     * talks (04), diplomatic cooperation, relations and agreements (050,
     * 054, 057),
     * material cooperation (06), ceasefires (087). Praise, aid and
     * concessions go one way: "Greece, Panama and South Korea supported
     * the call" is no support of each other. */
    if (code[0] == '0' && (code[1] == '3' || code[1] == '4' || code[1] == '6')) return 1;
    /* What two sides exchange goes both ways, whatever it is: "Azerbaijan
     * and Armenia exchanged accusations", "... swapped prisoners". */
    static const char *const exchanges[] = {"exchange", "swap", "trade prisoners"};
    if (verb_lemma_in(c, g->v, exchanges, sizeof exchanges / sizeof exchanges[0])) return 1;
    if (strcmp(code, "050") == 0 || strcmp(code, "054") == 0 || strcmp(code, "057") == 0 ||
        strncmp(code, "087", 3) == 0)
        return 1;
    /* Fights that take two: "Indian and Pakistani troops clashed",
     * "exchanged fire". */
    static const char *const mutual[] = {"clash",      "exchange fire", "exchange gunfire",
                                         "trade fire", "fight",         "battle"};
    if (code[0] == '1' && code[1] == '9' &&
        verb_lemma_in(c, g->v, mutual, sizeof mutual / sizeof mutual[0]))
        return 1;
    for (uint32_t i = g->vend; i < g->cl_end; i++)
        if (tok_is(c, i, CW_THEIR) || tok_is(c, i, CW_EACH) || tok_is(c, i, CW_ONE) ||
            tok_is(c, i, CW_TOGETHER) || tok_is(c, i, CW_JOINTLY))
            return 1;
    return 0;
}

/* Is token i a member of the dictionary's &ATTACK set ("attack",
 * "airstrike", "shelling")? The set is looked up once per coder and token
 * i's set hits once per sentence (elem_at): caches, so a coder the caller
 * holds as const may be asked too. */
static int attack_noun(const vigil_coder *cc, uint32_t i)
{
    vigil_coder *c = (vigil_coder *)cc;
    if (!c->attack_set) c->attack_set = vg_dict_find_synset(c->dict, "&ATTACK") + 1;
    if (c->attack_set == 1) return 0;
    vg_pel e;
    memset(&e, 0, sizeof e);
    e.kind = VG_PE_SYN;
    e.id = c->attack_set - 1;
    return elem_at(c, &e, i) != 0;
}

/* A noun of harm done to someone: "killing", "arrest", "detention", or an
 * attack noun; not one inside a verb phrase of the dictionary ("launched an
 * attack on Gaza": Gaza is the target). */
static int harm_word(const vigil_coder *c, uint32_t i)
{
    const ctok *t = &c->tok[i];
    if (t->head != i && c->tok[t->head].tag == TG_VERB) return 0;
    return tok_in(c, i, CWC_HARM) || attack_noun(c, i);
}

/* The code of the attack noun at i, when it names the weapon: shelling
 * 194, an airstrike or bombing 195, a drone strike 1952; else `code`. */
static const char *weapon_code(const vigil_coder *c, uint32_t i, const char *code)
{
    if (tok_is(c, i, CW_SHELLING)) return "194";
    if (tok_is(c, i, CW_AIRSTRIKE) || tok_is(c, i, CW_AIRSTRIKES) || tok_is(c, i, CW_BOMBING) ||
        tok_is(c, i, CW_BOMBARDMENT))
        return "195";
    if (i > 0 && tok_is(c, i - 1, CW_DRONE)) return "1952";
    if (i + 1 < c->ntok && tok_is(c, i, CW_DRONE)) return "1952";
    if (tok_is(c, i, CW_DRONES)) return "1952";
    return code;
}

/* "Five Palestinians were killed in an Israeli airstrike", "wounded in
 * Russian shelling": with no "by", an attack named with its side after
 * "in" or "during" is the agent of a passive verb. The attack nouns are the
 * dictionary's &ATTACK set. */
static int32_t attack_agent(vigil_coder *c, const vgroup *g, uint32_t *noun)
{
    for (uint32_t i = g->vend; i + 1 < g->cl_end; i++) {
        if (punct_is(c, i, ',')) break;
        if (!tok_is(c, i, CW_IN) && !tok_is(c, i, CW_DURING)) continue;
        int32_t k = c->tok[i + 1].chunk;
        if (k < 0 || !*c->ch[k].code || c->ch[k].pronoun) continue;
        for (uint32_t q = c->ch[k].start; q <= c->ch[k].end && q < c->ntok; q++)
            if (attack_noun(c, q)) {
                *noun = q;
                return k;
            }
        return -1;
    }
    return -1;
}

/* One event per source and target the two phrases stand for. A compound
 * subject with no target acts on itself pairwise ("Gondor and Osgiliath
 * have postponed their meeting": each to the other). */
static void emit_groups(vigil_coder *c, unsigned sent, vigil_span sspan, const char *code,
                        int32_t src, int32_t tgt, const vgroup *g, const vg_pattern *pat,
                        int *count)
{
    chunk Sx[MAX_SIDE], Tx[MAX_SIDE];
    const chunk *S, *T;
    /* emit drops an event with no source or no target unless the coder
     * codes monads (VIGIL_CODE_NO_DYAD), and it has no side effect before
     * it keeps one: without a source side, or without a target side and
     * outside the reciprocal case, none of the calls below would keep one
     * (three verbs in four have no target or no source). */
    const int dyads = !(c->flags & VIGIL_CODE_NO_DYAD);
    size_t ns = side_of(c, src, Sx, &S);
    if (!ns && dyads) return;
    size_t nt = side_of(c, tgt, Tx, &T);
    if (!ns && !nt) return;
    if (!ns) {
        for (size_t t = 0; t < nt; t++) emit(c, sent, sspan, code, NULL, &T[t], g, pat, count);
        return;
    }
    if (!nt && ns >= 2 && dyads && reciprocal(c, g, code)) {
        for (size_t a = 0; a < ns; a++)
            for (size_t b = 0; b < ns; b++)
                if (a != b) emit(c, sent, sspan, code, &S[a], &S[b], g, pat, count);
        return;
    }
    if (!nt && dyads) return;
    for (size_t a = 0; a < ns; a++) {
        if (!nt) emit(c, sent, sspan, code, &S[a], NULL, g, pat, count);
        for (size_t t = 0; t < nt; t++) emit(c, sent, sspan, code, &S[a], &T[t], g, pat, count);
    }
}

/* Is token p a participle: a verb form read as one, or an unknown lower-case
 * word that looks like a past form ("the drones launched by Russia")? */
static int participle_at(const vigil_coder *c, uint32_t p)
{
    const ctok *pv = &c->tok[p];
    return pv->isverb == 4 ||
           (pv->isverb != 1 && pv->kind == VG_TOK_WORD && !pv->lex && looks_past(c, p));
}

/* The first coded phrase in [i, end) right after one of the prepositions
 * of the list `preps` (CWC_TARGET_PREP or CWC_PLACE_PREP), or -1. */
static int32_t prep_object(const vigil_coder *c, uint32_t i, uint32_t end, unsigned preps,
                           int places)
{
    for (; i < end; i++) {
        /* A comma ends the verb's phrase: what follows it ("..., largely
         * from the Middle East") is an aside; so does "according to X". */
        if (punct_is(c, i, ',') || (c->tok[i].lex & L_ACCORDING)) break;
        if (!(c->tok[i].lex & L_PREP)) continue;
        /* "accused YChina of supporting propaganda about Xinjiang": what
         * follows "of/for" and a gerund is the charge, not a partner. */
        if ((tok_is(c, i, CW_OF) || tok_is(c, i, CW_FOR)) && i + 1 < end &&
            c->tok[i + 1].isverb == 4)
            break;
        int ok = tok_in(c, i, preps);
        /* "in exchange for 90 Palestinian prisoners": the price, not the
         * partner. */
        if (ok && i > 0 && tok_is(c, i, CW_FOR) && tok_is(c, i - 1, CW_EXCHANGE)) ok = 0;
        /* "the drones launched by Russia": the agent of a participle owns
         * the object it modifies; but "in a deal brokered by China" names
         * no partner of the verb. */
        if (ok && i > 1 && participle_at(c, i - 1) && tok_is(c, i, CW_BY) &&
            c->tok[i - 2].chunk >= 0) {
            int32_t q = (int32_t)c->ch[c->tok[i - 2].chunk].start - 1;
            if (q >= 0 && (c->tok[q].lex & L_PREP) && !tok_is(c, (uint32_t)q, CW_OF)) ok = 0;
            /* "says insecurity caused by X has ...": a reported clause. */
            if (q >= 0 && (c->tok[q].lex & L_SPEECH)) ok = 0;
        }
        if (!ok || i + 1 >= end) continue;
        /* "seized a tanker in the Gulf of Oman": a sea named after a
         * country is no place of that country, nor a partner. */
        if (i > 0 && tok_is(c, i, CW_OF) && tok_in(c, i - 1, CWC_WATER)) continue;
        /* "condemned the killing of aid workers", "the attack on Kyiv",
         * "arrested suspects over the killing of a blogger": after a word
         * of harm, "of/on/against X" is the victim, no partner of the verb
         * (a "by X" agent still is). */
        if (!places && i > 0 && !tok_is(c, i, CW_BY) && harm_word(c, i - 1)) continue;
        /* "in the Sea of Japan", "near the city of Aleppo": "of" inside a
         * place names where, not whom. */
        if (!places && tok_is(c, i, CW_OF) && i > 0 && c->tok[i - 1].chunk >= 0) {
            uint32_t hs = c->ch[c->tok[i - 1].chunk].start;
            if (hs > 0 && (tok_is(c, hs - 1, CW_IN) || tok_is(c, hs - 1, CW_AT) ||
                           tok_is(c, hs - 1, CW_NEAR) || tok_is(c, hs - 1, CW_ACROSS)))
                continue;
        }
        int32_t k = c->tok[i + 1].chunk;
        /* "ties with Gondor's police": the possessor. */
        if (k >= 0 && (*c->ch[k].code || *c->ch[k].poss)) return k;
    }
    return -1;
}

/* Does phrase k stand after "by" and a participle ("kidnapped by gunmen")? */
static int participle_agent(const vigil_coder *c, int32_t k)
{
    uint32_t b = c->ch[k].start;
    return b >= 2 && tok_is(c, b - 1, CW_BY) && participle_at(c, b - 2);
}

/* Where a verb's direct object starts, from token i: past adverbs and time
 * words, and past "more than", "at least" before a count ("arrested more
 * than 100 protesters", "killed at least 20 militants"). */
static uint32_t object_start(const vigil_coder *c, uint32_t i, uint32_t end)
{
    while (i < end && is_skippable(c, i)) i++;
    if (i + 2 < end && tok_is(c, i + 1, CW_THAN) &&
        (tok_is(c, i, CW_MORE) || tok_is(c, i, CW_FEWER) || tok_is(c, i, CW_LESS)))
        i += 2;
    else if (i + 2 < end && tok_is(c, i, CW_AT) &&
             (tok_is(c, i + 1, CW_LEAST) || tok_is(c, i + 1, CW_MOST)))
        i += 2;
    return i;
}

/* The default target: a coded direct object, else the first coded noun
 * after a preposition that can introduce a target. */
static int32_t default_target(const vigil_coder *c, const vgroup *g, uint32_t from)
{
    uint32_t i = from;
    /* "condemned and sanctioned Mordor": the object is shared. */
    if (i + 1 < c->ntok && (c->tok[i].lex & (L_AND | L_OR)) && c->tok[i + 1].isverb) {
        for (size_t gj = 0; gj < c->nvg; gj++)
            if (c->vg[gj].v == i + 1) {
                clause_end_of(c, &c->vg[gj]); /* (a later group: not asked yet) */
                return default_target(c, &c->vg[gj], c->vg[gj].vend);
            }
    }
    i = object_start(c, i, g->cl_end);
    if (i < g->cl_end && c->tok[i].chunk >= 0) {
        int32_t k = c->tok[i].chunk;
        if (*c->ch[k].code || *c->ch[k].poss) return k;
    }
    /* "to", "with", "against", "on", ... and "by" ("condemned an attack by
     * X": X, active verbs only), "of", "about" (cwords.h). */
    return prep_object(c, i, g->cl_end, CWC_TARGET_PREP, 0);
}

/* A place as the target, when nothing else is: "arrived in X", "appealed
 * for peace in X", "criticized the closure of guest houses in X". Not for
 * protests (a protest in Tehran is not against Iran) nor for a compound
 * subject acting together ("X and Y held a summit in Z" is a meeting of X
 * and Y), and "with the leaders of Y" beats "in X" (default_target). */
static int32_t place_target(const vigil_coder *c, const vgroup *g, int32_t src, const char *code)
{
    if (code[0] == '1' && code[1] == '4') return -1;
    if (src >= 0 && acts_together(c, &c->ch[src]) && reciprocal(c, g, code)) return -1;
    /* "condemned the killing of aid workers in Gaza": the place of an
     * attack or a killing is the victims', no party to the condemnation
     * (but "the arrest of its citizen in Poland" is Poland's act, and for
     * the attack itself, "launched strikes on camps in Pakistan", the
     * place is the target). */
    uint32_t o = g->vend;
    while (o < g->cl_end && (is_skippable(c, o) || (c->tok[o].lex & (L_DET | L_POSS)))) o++;
    int force = force_code(code);
    if (!force && o < g->cl_end && harm_word(c, o) && !tok_is(c, o, CW_ARREST) &&
        !tok_is(c, o, CW_ARRESTS) && !tok_is(c, o, CW_DETENTION) && !tok_is(c, o, CW_EXECUTION))
        return -1;
    /* "in", "at", "inside", "of" */
    return prep_object(c, g->vend, g->cl_end, CWC_PLACE_PREP, 1);
}

/* "Gollum allowed that Mordor isn't a pleasant place", "X expressed hope
 * that Y would ...": a verb with no object of its own acts on the subject
 * of its "that" clause. */
static int32_t complement_subject(const vigil_coder *c, const vgroup *g)
{
    uint32_t i = g->vend;
    while (i < c->ntok && is_skippable(c, i)) i++;
    /* "expressed hopes (on Thursday) that": an uncoded object noun and a
     * time adverbial may come first. */
    if (i < c->ntok && c->tok[i].chunk >= 0 && !*c->ch[c->tok[i].chunk].code &&
        !(c->tok[i].lex & L_THAT))
        i = c->ch[c->tok[i].chunk].end;
    while (i < c->ntok && is_skippable(c, i)) i++;
    if (i + 1 < c->ntok && (c->tok[i].lex & L_PREP) && (c->tok[i + 1].lex & L_TIME)) i += 2;
    if (i + 1 >= c->ntok || !(c->tok[i].lex & L_THAT) || c->tok[i].chunk >= 0) return -1;
    int32_t k = c->tok[i + 1].chunk;
    if (k < 0 || !*c->ch[k].code || c->ch[k].pronoun) return -1;
    /* The phrase must be the clause's subject: a verb follows it, perhaps
     * after an apposition between commas. */
    uint32_t j = c->ch[c->ch[k].glast].end;
    if (j < c->ntok && punct_is(c, j, ',')) {
        uint32_t q = j + 1;
        while (q < c->ntok && !punct_is(c, q, ',') && !is_boundary(c, q) && !c->tok[q].isverb) q++;
        if (q < c->ntok && punct_is(c, q, ',')) j = q + 1;
    }
    uint32_t j0 = j;
    while (j < c->ntok &&
           (is_skippable(c, j) || (c->tok[j].lex & (L_MODAL | L_NEG | L_HAVE | L_BE | L_DO))))
        j++;
    if (j > j0 || (j < c->ntok && c->tok[j].isverb)) return k;
    return -1;
}

/* "signed an accord to supply Gondor", "abandoned efforts to stop an
 * anti-Gondor parade": a verb that acts on a plan or an attempt (signs,
 * launches, abandons it) acts on the object of that plan's infinitive. Only after these nouns:
 * elsewhere an infinitive's object is no partner of the verb before it ("considers AI a tool to
 * handle U.S. restrictions"). */
static int32_t purpose_object(const vigil_coder *c, const vgroup *g, const char *code)
{
    /* Verbs that judge or discuss the plan ("praised the plan to resupply
     * Rohan", "rejected", "discussed", "demanded") are about the plan's
     * author, not its object. */
    static const char *const judging[] = {"01", "02",  "04",  "10",  "11",  "12",
                                          "14", "051", "052", "053", "055", "056"};
    for (size_t k = 0; k < sizeof judging / sizeof judging[0]; k++) {
        /* (Does code begin with judging[k]? A byte loop, no strlen and
         * strncmp calls: twelve prefixes per call.) */
        const char *p = judging[k], *q = code;
        while (*p && *p == *q) p++, q++;
        if (!*p) return -1;
    }
    uint32_t i = g->vend;
    if (c->tok[g->v].plen < 2 || !tok_in(c, g->vend - 1, CWC_PLAN_NOUN)) {
        while (i < g->cl_end && is_skippable(c, i)) i++;
        if (i >= g->cl_end || c->tok[i].chunk < 0) return -1;
        const chunk *o = &c->ch[c->tok[i].chunk];
        if (*o->code || *o->poss || o->end > g->cl_end) return -1;
        /* "accord", "deal", "plan", "efforts", "bid", "proposal", ... (cwords.h) */
        if (!tok_in(c, o->end - 1, CWC_PLAN_NOUN)) return -1;
        i = o->end;
    } /* else a verb phrase of several words ending in such a noun: "used water cannon to
       * disperse" */
    /* "signed an accord on Thursday to supply ..." */
    if (i + 1 < g->cl_end && (c->tok[i].lex & L_PREP) && (c->tok[i + 1].lex & L_TIME)) i += 2;
    while (i < g->cl_end && is_skippable(c, i)) i++;
    if (i + 2 >= c->ntok || !(c->tok[i].lex & L_TO) || c->tok[i + 1].chunk >= 0) return -1;
    i += 2; /* past "to" and the infinitive */
    if (c->tok[i].chunk < 0) return -1;
    int32_t k = c->tok[i].chunk;
    return *c->ch[k].code || *c->ch[k].poss ? k : -1;
}

/* "Police fired on protesters", "protesters clashed with police": a verb
 * phrase of the dictionary that ends in a role word names its object. The
 * object is of the source's country (these are domestic acts); a phrase
 * for it is added to the sentence's chunks. Returns its index, or -1. */
static int32_t verb_object_role(vigil_coder *c, const vgroup *g, int32_t src)
{
    const ctok *t = &c->tok[g->v];
    if (t->tag != TG_VERB || t->plen < 2) return -1;
    uint32_t last = g->v + t->plen - 1;
    if (last >= c->ntok) return -1;
    vg_hit hits[MAX_HITS];
    size_t nh = vg_dict_lookup(c->dict, c->ids, c->sids, c->ntok, last, hits, MAX_HITS);
    const vg_agent *a = NULL;
    for (size_t h = 0; h < nh && !a; h++)
        if (hits[h].kind == VG_ENT_AGENT && hits[h].len == 1)
            a = vg_dict_agent(c->dict, hits[h].id);
    const char *sc = c->ch[src].code;
    if (!a || !country_code(sc)) return -1;
    char country[4];
    memcpy(country, sc, 3);
    country[3] = '\0';
    chunk k;
    memset(&k, 0, sizeof k);
    k.start = last;
    k.end = last + 1;
    combine(k.code, country, a->code);
    copy_code(k.agent, a->code);
    k.gfirst = k.glast = (uint32_t)c->nch;
    VG_PUSH(c->ch, c->nch, c->capch, k);
    return (int32_t)c->nch - 1;
}

/* "Russian forces launched drones at Ukraine, killing at least 12 people,
 * Ukrainian officials said", "Israeli strikes killed 20 civilians,
 * Palestinian health officials said": civilians harmed by an act of
 * force, named by no country, are of the other country the sentence names
 * when it names exactly two, the source's and one other. Only for
 * civilians and only for force (18-20): whose rebels died near a border is
 * not said. Codes the object phrase; returns it, or -1. */
static int32_t victims_object(vigil_coder *c, const vgroup *g, int32_t src, const char *code)
{
    if (!force_code(code)) return -1;
    /* (Not when the source is only the one who reports it.) */
    for (size_t gi = 0; gi < c->nvg; gi++)
        if ((c->vg[gi].flags & VF_SPEECH) && c->vg[gi].subj == src) return -1;
    const char *sc = *c->ch[src].code ? c->ch[src].code : c->ch[src].poss;
    if (!country_code(sc)) return -1;
    uint32_t i = object_start(c, g->vend, g->cl_end);
    if (i >= g->cl_end || c->tok[i].chunk < 0) return -1;
    int32_t k = c->tok[i].chunk;
    chunk *v = &c->ch[k];
    if (*v->code || *v->poss || v->pronoun || strcmp(v->agent, "CVL") != 0) return -1;
    char cc[2][4];
    if (sentence_countries(c, cc) != 2) return -1;
    if (memcmp(cc[0], sc, 3) != 0 && memcmp(cc[1], sc, 3) != 0) return -1;
    const char *other = memcmp(cc[0], sc, 3) == 0 ? cc[1] : cc[0];
    combine(v->code, other, v->agent);
    return k;
}

/* "Iran is an important partner, we are developing our trade relations":
 * a relation owned by "our" or "their" has a partner the verb does not
 * name. When the sentence names exactly one other actor (not a pronoun,
 * not of the source's own country), that actor is the partner. */
static int32_t implicit_partner(const vigil_coder *c, const vgroup *g, int32_t src)
{
    uint32_t i = g->vend;
    while (i < g->cl_end && is_skippable(c, i)) i++;
    if (i >= g->cl_end || c->tok[i].chunk < 0) return -1;
    if (!tok_is(c, i, CW_OUR) && !tok_is(c, i, CW_THEIR)) return -1;
    const char *own = c->ch[src].code;
    int32_t found = -1;
    for (size_t k = 0; k < c->nch; k++) {
        const chunk *ch = &c->ch[k];
        if (!*ch->code || ch->pronoun || (int32_t)k == src) continue;
        if (strncmp(ch->code, own, 3) == 0) continue;
        if (found >= 0 && strcmp(c->ch[found].code, ch->code) != 0) return -1;
        found = (int32_t)k;
    }
    return found;
}

/* The chunk after "by" in a passive clause. */
static int32_t by_agent(const vigil_coder *c, const vgroup *g)
{
    for (uint32_t i = g->vend; i + 1 < g->cl_end + 1 && i + 1 < c->ntok; i++) {
        /* "added to the lists of prisoners pardoned by the king": that
         * agent is the participle's. */
        if (i > g->vend && c->tok[i].isverb == 4 && (c->tok[i + 1].lex & L_BY)) return -1;
        if ((c->tok[i].lex & L_BY) && c->tok[i + 1].chunk >= 0) {
            int32_t k = c->tok[i + 1].chunk;
            /* "by a barrage of Russian missiles": the actor in the "of"
             * phrase of an agent that names none. */
            uint32_t e = c->ch[k].end;
            if (!*c->ch[k].code && !*c->ch[k].poss && e + 1 < c->ntok && tok_is(c, e, CW_OF) &&
                c->tok[e + 1].chunk >= 0 && *c->ch[c->tok[e + 1].chunk].code)
                return c->tok[e + 1].chunk;
            return k;
        }
    }
    return -1;
}

static void note_unknown_verbs(vigil_coder *c)
{
    /* One walk: words outside phrases with no lexicon class are the only
     * candidates; lower-case ones may be verbs, capitalised ones start
     * names (noted here, looked at after the verbs, which come first). */
    uint16_t cap[VG_MAX_TOKENS];
    size_t ncap = 0;
    const ctok *const tok = c->tok; /* (locals: see find_verbs) */
    /* The candidates are words with no lexicon class: mark_triggers listed
     * them all (and what_it_called, which takes classes away, every
     * token). */
    const uint16_t *const wk = c->wk_pos;
    const size_t nwk = c->nwk;
    for (size_t y = 0; y < nwk; y++) {
        const uint32_t i = wk[y];
        if (i == 0) continue;
        const ctok *t = &tok[i];
        if (t->kind != VG_TOK_WORD || t->inphrase || t->lex) continue;
        if (t->tflags & (VG_TF_CAP | VG_TF_UPPER)) {
            if ((t->tflags & VG_TF_CAP) && !t->isverb && !(t->tflags & VG_TF_ABBR))
                cap[ncap++] = (uint16_t)i;
            continue;
        }
        if (t->tag || (t->isverb && t->isverb != 3)) continue;
        /* (The phrase before first: most words follow none with a code.) */
        int32_t pk = tok[i - 1].chunk;
        if (pk < 0 || !*c->ch[pk].code) continue;
        if (!looks_past(c, i)) continue;
        size_t n;
        const char *s = tok_text(c, i, &n);
        add_unknown(c, "verb", s, n, 1);
    }
    /* Capitalised phrases that matched nothing, for dictionary
     * maintainers: runs of capitalised words inside the sentence. */
    uint32_t next = 1; /* past the run noted last */
    for (size_t x = 0; x < ncap; x++) {
        uint32_t i = cap[x];
        if (i < next) continue;
        const ctok *pv = &c->tok[i - 1];
        /* Words after a quote or a colon start a sentence of their own. */
        if (pv->kind == VG_TOK_QUOTE || (pv->kind == VG_TOK_PUNCT && !punct_is(c, i - 1, ',')))
            continue;
        uint32_t j = i + 1;
        while (j < c->ntok && c->tok[j].kind == VG_TOK_WORD && (c->tok[j].tflags & VG_TF_CAP) &&
               !c->tok[j].inphrase && !c->tok[j].lex && !c->tok[j].isverb)
            j++;
        add_unknown(c, "name", c->doc->text + c->tok[i].start, c->tok[j - 1].end - c->tok[i].start,
                    0);
        next = j;
    }
}

/* Carries what the sentence mentioned into the next ones. Subjects are
 * more salient than objects: a later "he" or "it" refers to the subject of
 * the main clause when it has the right kind. */
/* Remembers the chunk's last role phrase for definite-role coreference. */
static void remember_chunk_role(vigil_coder *c, const chunk *ch)
{
    if (!*ch->agent) return;
    for (uint32_t i = ch->end; i-- > ch->start;)
        if (c->tok[i].tag == TG_AGENT) {
            role_remember(c, i, i + c->tok[i].plen - 1, ch->agent, ch->code);
            return;
        }
}

/* The codes of the coded members of ch's compound group, joined by '/'
 * (a code pair or list the coder splits again), into out; out is left as
 * it is when the group has one coded member or the list does not fit. */
static void group_codes(const vigil_coder *c, const chunk *ch, char *out)
{
    char buf[VG_MAX_CODE];
    size_t n = 0, members = 0;
    for (uint32_t m = ch->gfirst; m <= ch->glast; m++) {
        const char *code = c->ch[m].code;
        size_t l = strlen(code);
        if (!l || strchr(code, '/')) continue;
        if (n + l + 2 > sizeof buf) return;
        if (n) buf[n++] = '/';
        memcpy(buf + n, code, l);
        n += l;
        members++;
    }
    buf[n] = '\0';
    if (members >= 2) copy_code(out, buf);
}

static void update_discourse(vigil_coder *c)
{
    c->age_person++, c->age_actor++, c->age_plural++, c->age_pair++;
    /* (No phrase with a code or a possessor's code: nothing to remember.) */
    if (!c->coded) return;
    /* The last phrase of each kind wins: found first, copied once. */
    const chunk *person = NULL, *actor = NULL, *plural = NULL;
    /* (Locals: remember_chunk_role changes neither.) */
    const chunk *const chs = c->ch;
    const size_t nch = c->nch;
    for (size_t k = 0; k < nch; k++) {
        const chunk *ch = &chs[k];
        if (!*ch->code) continue;
        if (ch->person)
            person = ch;
        else if (!ch->pronoun || !(c->tok[ch->start].lex & L_P_WE))
            actor = ch;
        if (ch->glast > ch->gfirst || ch->plural) plural = ch;
        /* (A subject's role is remembered again below, which moves its
         * entry last whatever this walk did: only the others here. The
         * table keeps the last 16 roles by when each was last remembered,
         * so leaving out a remembering that a later one of the same key
         * and code overrides changes nothing.) */
        if (!*ch->agent) continue;
        size_t gi = 0;
        while (gi < c->nvg && c->vg[gi].subj != (int32_t)k) gi++;
        if (gi == c->nvg) remember_chunk_role(c, ch);
    }
    if (person) copy_code_all(c->last_person, person->code), c->age_person = 0;
    if (actor) copy_code_all(c->last_actor, actor->code), c->age_actor = 0;
    if (plural) copy_code_all(c->last_plural, plural->code), c->age_plural = 0;
    /* Subjects are what a story goes on about: "Iran's foreign minister met
     * Oman's foreign minister ... The minister also criticised Washington"
     * is Iran's. Their roles are remembered last, the main clause's last of
     * all. */
    /* (A subject of several verbs counts where it is remembered last, at
     * its first verb: each remembering moves its entry last.) */
    for (size_t gi = c->nvg; gi-- > 0;) {
        const int32_t sj = c->vg[gi].subj;
        if (sj < 0 || !*c->ch[sj].code || !*c->ch[sj].agent) continue;
        size_t gj = 0;
        while (gj < gi && c->vg[gj].subj != sj) gj++;
        if (gj == gi) remember_chunk_role(c, &c->ch[sj]);
    }
    int person_set = 0, actor_set = 0, plural_set = 0;
    for (size_t gi = 0; gi < c->nvg; gi++) {
        const vgroup *g = &c->vg[gi];
        if (g->subj < 0 || (g->flags & VF_SPEECH)) continue;
        const chunk *ch = &c->ch[g->subj];
        if (!*ch->code || (ch->pronoun && (c->tok[ch->start].lex & L_P_WE))) continue;
        /* "They" refers to the plural subject of the main clause before
         * the last group named in passing ("G7 ministers ... the four
         * nations China, North Korea, Iran and Russia. They called ..."). */
        if ((ch->glast > ch->gfirst || ch->plural) && !plural_set && !ch->pronoun) {
            copy_code_all(c->last_plural, ch->code), plural_set = 1, c->age_plural = 0;
            /* "Iran and Russia signed a pact. They also agreed ...": every
             * member of a compound subject. */
            group_codes(c, ch, c->last_plural);
        }
        if (ch->person && !person_set)
            copy_code_all(c->last_person, ch->code), person_set = 1, c->age_person = 0;
        if (!ch->person && !actor_set)
            copy_code_all(c->last_actor, ch->code), actor_set = 1, c->age_actor = 0;
    }
}

/* Conditionals make events hypothetical: the verbs of an "if" clause, and
 * the verb the clause hangs on — the nearest verb before it ("warned of
 * sanctions if the deliveries were confirmed"), or, for a sentence that
 * opens with the condition, the first verb after it ("If confirmed, the
 * EU would respond"). */
static void mark_conditionals(vigil_coder *c)
{
    for (uint32_t k = 0; k < c->ntok; k++) {
        if (!(c->tok[k].lex & L_COND) || c->tok[k].inphrase) continue;
        uint32_t e = k + 1;
        while (e < c->ntok && !punct_is(c, e, ',') && !is_boundary(c, e)) e++;
        int32_t before = -1;
        size_t first_after = c->nvg;
        for (size_t gi = 0; gi < c->nvg; gi++) {
            vgroup *g = &c->vg[gi];
            if (g->v > k && g->v < e) g->flags |= VF_COND;
            if (g->v < k && !(g->flags & VF_SPEECH)) before = (int32_t)gi;
            if (g->v >= e && first_after == c->nvg) first_after = gi;
        }
        /* A condition at the start of its clause governs what follows. */
        int32_t p = (int32_t)k - 1;
        while (p >= 0 && is_skippable(c, (uint32_t)p)) p--;
        int opens = p < 0 || punct_is(c, (uint32_t)p, ',') || is_boundary(c, (uint32_t)p) ||
                    (c->tok[p].lex & (L_THAT | L_AND)) || c->tok[p].isverb == 2;
        if (opens && first_after < c->nvg)
            c->vg[first_after].flags |= VF_COND;
        else if (before >= 0)
            c->vg[before].flags |= VF_COND;
        k = e;
    }
}

/* With VIGIL_CODE_DEBUG: the analysis of the sentence on stderr, one token
 * a line (tag, verb, chunk and its code), then each verb group. */
static void debug_dump(const vigil_coder *c)
{
    static const char *tags[] = {"-", "ACTOR", "AGENT", "VERB"};
    for (uint32_t i = 0; i < c->ntok; i++) {
        const ctok *t = &c->tok[i];
        size_t n;
        const char *s = tok_text(c, i, &n);
        int32_t k = t->chunk;
        fprintf(stderr, "  %3u %-16.*s %-5s v=%d lex=%llx chunk=%d %s\n", i, (int)n, s,
                tags[t->tag], t->isverb, (unsigned long long)t->lex, k,
                k >= 0 ? c->ch[k].code : "");
    }
    for (size_t gi = 0; gi < c->nvg; gi++) {
        const vgroup *g = &c->vg[gi];
        fprintf(stderr, "  verb %u-%u aux %u flags %x subj %d clause-end %u speaker %s%s\n", g->v,
                g->vend, g->gstart, g->flags, g->subj, g->cl_end, g->speaker,
                g->consumed ? " consumed" : "");
    }
}

/* "The Kremlin denied that Russia had sent troops": what a denial's (or a
 * negated confirmation's) clause says is not asserted, so its verbs are negated (kept with the
 * flag under --negated). The clause runs from the denial verb to the end of
 * the sentence or the next boundary. */
static void mark_denied(vigil_coder *c)
{
    for (size_t gi = 0; gi < c->nvg; gi++) {
        const ctok *t = &c->tok[c->vg[gi].v];
        /* ("did not confirm reports that it had sent troops" leaves the
         * clause as unasserted as a denial does.) */
        int unconfirmed = (c->vg[gi].flags & VF_NEG) && (tok_is(c, c->vg[gi].v, CW_CONFIRM) ||
                                                         tok_is(c, c->vg[gi].v, CW_CONFIRMED));
        if (!unconfirmed && (!(t->lex & L_DENY) || (c->vg[gi].flags & VF_NEG))) continue;
        uint32_t j = c->vg[gi].vend;
        if (j < c->ntok && (c->tok[j].lex & L_THAT)) j++;
        for (size_t gj = gi + 1; gj < c->nvg; gj++) {
            vgroup *g = &c->vg[gj];
            if (g->v < j) continue;
            int cut = 0;
            for (uint32_t k = c->vg[gi].vend; k < g->v; k++)
                if (is_boundary(c, k)) cut = 1;
            if (cut) break;
            g->flags |= VF_NEG;
        }
    }
}

/* Is token i a count before a span of time: a number ("five", "5"), "a",
 * "an", "several", "few", "many"? Not "last", "this", "next" or "the":
 * "last week after the talks failed" is recent news. */
static int counts_span(const vigil_coder *c, uint32_t i)
{
    size_t n;
    const char *s = tok_text(c, i, &n);
    return (c->tok[i].lex & L_NUMW) || (n && s[0] >= '0' && s[0] <= '9') || tok_is(c, i, CW_A) ||
           tok_is(c, i, CW_AN) || tok_is(c, i, CW_SEVERAL) || tok_is(c, i, CW_FEW) ||
           tok_is(c, i, CW_MANY);
}

/* Flags the verb groups whose verb word lies in [from, to). */
static void flag_verbs(vigil_coder *c, uint32_t from, uint32_t to, unsigned flag)
{
    for (size_t gi = 0; gi < c->nvg; gi++)
        if (c->vg[gi].v >= from && c->vg[gi].v < to) c->vg[gi].flags |= flag;
}

/* "Arnor restored ties with Gondor five years after Calenardhon crowds
 * burned its embassy": a clause after "<count> weeks/months/years after",
 * "... since" or "... before" tells of something that happened (or will)
 * at another time than the story's date. Coding it would put a five-year-old
 * attack into today's figures, so its verbs code nothing. The clause runs to
 * the next comma or boundary. Days are left alone: "two days after the strike"
 * is still the news of the week. */
static void mark_past(vigil_coder *c)
{
    if (!(c->mk_all & TR_SINCE)) return;
    uint32_t next = 2; /* past the clause flagged last */
    for (size_t x = 0; x < c->nmk; x++) {
        uint32_t k = c->mk_pos[x];
        if (!(c->mk_bits[x] & TR_SINCE) || k < next) continue;
        if (!(vg_cwords_table[c->tok[k - 1].cw].classes & CWC_TIME_SPAN) || !counts_span(c, k - 2))
            continue;
        uint32_t e = k + 1;
        while (e < c->ntok && !punct_is(c, e, ',') && !is_boundary(c, e)) e++;
        flag_verbs(c, k + 1, e, VF_PAST);
        next = e + 1;
    }
}

/* PETRARCH's comma options: a comma-delimited clause of between min and
 * max words, at the start (comma_bmin/bmax), inside (comma_min/max) or at
 * the end of the sentence (comma_emin/emax), is taken out before coding;
 * a max of 0 turns that kind off. Only clauses are taken out: a stretch
 * with a verb of its own (a list of names or an apposition stays). Its
 * verbs code nothing. */
static void mark_comma_clauses(vigil_coder *c)
{
    if (!c->nopts) return;
    long lim[3][2] = {{option_long(c, "comma_bmin"), option_long(c, "comma_bmax")},
                      {option_long(c, "comma_min"), option_long(c, "comma_max")},
                      {option_long(c, "comma_emin"), option_long(c, "comma_emax")}};
    uint32_t from = 0;
    int first = 1;
    for (uint32_t k = 0; k <= c->ntok; k++) {
        int last = k == c->ntok;
        if (!last && !punct_is(c, k, ',')) continue;
        /* "complete, full diplomatic ties": a comma between adjectives is
         * inside a noun phrase. */
        if (!last && k > 0 && k + 1 < c->ntok && plain_word(c, k - 1) && plain_word(c, k + 1))
            continue;
        int kind = first ? 0 : last ? 2 : 1;
        if (first && last) break;
        long words = 0;
        for (uint32_t i = from; i < k; i++)
            if (c->tok[i].kind == VG_TOK_WORD || c->tok[i].kind == VG_TOK_NUM) words++;
        if (lim[kind][1] > 0 && words >= lim[kind][0] && words <= lim[kind][1])
            flag_verbs(c, from, k, VF_CUT); /* (a clause only if a verb is there) */
        from = k + 1;
        first = 0;
    }
}

/* Is token i a year before the story's ("2019" in a story of 2024)? */
static int earlier_year(const vigil_coder *c, uint32_t i)
{
    size_t n;
    const char *s = tok_text(c, i, &n);
    if (n != 4 || c->date == 99991231) return 0;
    int y = 0;
    for (size_t k = 0; k < 4; k++) {
        if (s[k] < '0' || s[k] > '9') return 0;
        y = y * 10 + (s[k] - '0');
    }
    return y >= 1900 && y < c->date / 10000;
}

/* Is token i a decade or century before the story's: "1990s", or "19th"
 * before "century"/"centuries"? */
static int earlier_period(const vigil_coder *c, uint32_t i)
{
    size_t n;
    const char *s = tok_text(c, i, &n);
    if (c->date == 99991231 || n < 4) return 0;
    int v = 0;
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9') v = v * 10 + (s[d++] - '0');
    int year = c->date / 10000;
    if (d == 4 && n == 5 && s[4] == 's') return v >= 1000 && v / 10 < year / 10;
    if (d == 2 && n == 4 && i + 1 < c->ntok &&
        (tok_is(c, i + 1, CW_CENTURY) || tok_is(c, i + 1, CW_CENTURIES)))
        return v > 0 && v < year / 100 + 1;
    return 0;
}

/* Where a time phrase at i that dates an act before the story ends, or 0:
 * "last year", "last month", "in 2019", "in March 2019", "five years ago",
 * "in the past".
 * ("Last week" is still the week's news.) */
static uint32_t past_time_at(const vigil_coder *c, uint32_t i)
{
    if (tok_is(c, i, CW_LAST) && i + 1 < c->ntok &&
        (tok_is(c, i + 1, CW_YEAR) || tok_is(c, i + 1, CW_MONTH)))
        return i + 2;
    /* "has mediated between Tehran and Washington in the past" */
    if (tok_is(c, i, CW_IN) && i + 2 < c->ntok && tok_is(c, i + 1, CW_THE) &&
        tok_is(c, i + 2, CW_PAST))
        return i + 3;
    /* "in the 1990s", "during the 19th century" */
    if ((tok_is(c, i, CW_IN) || tok_is(c, i, CW_DURING)) && i + 2 < c->ntok &&
        tok_is(c, i + 1, CW_THE) && earlier_period(c, i + 2))
        return i + 3 +
               (i + 3 < c->ntok && (vg_cwords_table[c->tok[i + 3].cw].classes & CWC_TIME_SPAN));
    if (tok_is(c, i, CW_IN) && i + 1 < c->ntok) {
        if (earlier_year(c, i + 1)) return i + 2;
        if (i + 2 < c->ntok && (c->tok[i + 1].tflags & VG_TF_CAP) && earlier_year(c, i + 2))
            return i + 3;
    }
    if (i > 0 && i + 1 < c->ntok && (vg_cwords_table[c->tok[i].cw].classes & CWC_TIME_SPAN) &&
        tok_is(c, i + 1, CW_AGO) && counts_span(c, i - 1))
        return i + 2;
    return 0;
}

/* "Ruto, who visited Washington last year, urged ...", "In 2019, China
 * signed a trade deal with Mauritius": an act the sentence dates before the
 * story is background, not today's event; coded with the story's date it
 * would count again. The time phrase marks the verb before it in its
 * clause, or, opening the sentence, the first verb after it. */
static void mark_dated_past(vigil_coder *c)
{
    if (!(c->mk_all & TR_PAST)) return;
    uint32_t next = 0; /* past the time phrase found last */
    for (size_t x = 0; x < c->nmk; x++) {
        uint32_t i = c->mk_pos[x];
        if (!(c->mk_bits[x] & TR_PAST) || i < next) continue;
        uint32_t e = past_time_at(c, i);
        if (!e) continue;
        int32_t before = -1;
        for (size_t gi = 0; gi < c->nvg; gi++)
            if (c->vg[gi].vend <= i) before = (int32_t)gi;
        int32_t mark = -1;
        if (before >= 0) {
            int cut = 0;
            for (uint32_t k = c->vg[before].vend; k < i && !cut; k++) cut = is_boundary(c, k);
            if (!cut) mark = before;
        } else {
            /* Opening the sentence, or right before the verb ("Cairo last
             * year signed"). */
            for (size_t gi = 0; gi < c->nvg && mark < 0; gi++)
                if (c->vg[gi].v >= e && (i == 0 || c->vg[gi].gstart <= i || c->vg[gi].gstart == e))
                    mark = (int32_t)gi;
        }
        /* With the infinitives it controls ("offered to pay ... to invite"). */
        for (size_t gi = mark < 0 ? c->nvg : (size_t)mark; gi < c->nvg; gi++) {
            if ((int32_t)gi > mark && !(c->vg[gi].flags & VF_INF)) break;
            c->vg[gi].flags |= VF_PAST;
        }
        next = e;
    }
}

/* Does "to", a dictionary verb in verbal use and a coded object follow
 * the refusal verb group g ("refused to condemn Russia's invasion")? Then
 * the infinitive's own (negated) event says it all. Not "refused to attend
 * a hearing by the UN court": the refusal is the event there. */
static int refused_verb_codes(const vigil_coder *c, const vgroup *g)
{
    uint32_t i = g->vend;
    if (i + 2 >= c->ntok || !(c->tok[i].lex & L_TO)) return 0;
    const ctok *v = &c->tok[i + 1];
    if (v->tag != TG_VERB || v->isverb != 1) return 0;
    int32_t k = c->tok[i + 1 + v->plen].chunk;
    return k >= 0 && (*c->ch[k].code || *c->ch[k].poss);
}

/* Could token q end the key of a remembered role (role_lookup)? A key
 * found there, whole or as the last word of a longer role, ends with the
 * phrase's last word, lower-cased, after a space or at its start. */
static int role_word_remembered(const vigil_coder *c, uint32_t q)
{
    size_t n;
    const char *s = tok_text(c, q, &n);
    if (n == 0 || n >= sizeof c->roles[0].word) return 0;
    char w[sizeof c->roles[0].word];
    for (size_t k = 0; k < n; k++) w[k] = (char)lower_of[(uint8_t)s[k]];
    for (size_t k = 0; k < c->nroles; k++) {
        const char *e = c->roles[k].word;
        size_t m = c->roles[k].len;
        if (m >= n && (m == n || e[m - n - 1] == ' ') && memcmp(e + m - n, w, n) == 0) return 1;
    }
    return 0;
}

/* Does a chunk starting with this word refer back to a remembered role
 * (resolve_chunk's "definite")? */
static inline int definite_word(uint8_t cw)
{
    return cw == CW_THE || cw == CW_THIS || cw == CW_THESE;
}

/* Can the sentence just tagged end with a phrase holding a code or a
 * possessor's code? 0 only when it surely cannot: then no verb of it is
 * coded (emit keeps no event without a code on either side), and nothing
 * of it but its age stays for later sentences (update_discourse,
 * name_remember and role_remember take coded phrases only; the speaker
 * is a coded phrase; the last event's pair is an event's), so
 * code_sentence skips all its passes. Every way a phrase gets a code:
 * - an actor tag, or a verb form's actor reading (find_verbs may make it
 *   a noun); no pass after tagging makes a new tag (gapped_names widens
 *   an actor's), and the possessor, a prefix role, the national adjective
 *   and "allies" all need one;
 * - a pronoun of a kind the discourse state may still resolve ("we" takes
 *   the speaker, a coded phrase of this sentence; "them" and "it" take an
 *   earlier coded phrase of it before the story's);
 * - "the two leaders", "both sides" right after an event with two sides;
 * - an unknown capitalised word the story has named (name_lookup);
 * - a role phrase (or a verb form's role reading) with no actor: only as
 *   a role remembered before (role_lookup: its last word ends the key), in
 *   a phrase whose first word is "the", "this" or "these" (so one of them
 *   stands at or before the role's last word), or,
 *   without the dyad rule, as "---" and the role;
 * - phrases coded from others (appositions, role_of_actor, domestic_roles,
 *   shared_modifiers, a pronoun subject) need a coded one first;
 *   new_actors makes codes from words when new_actor_length is set.
 * --debug and --unknown print what the passes find: such runs take them. */
static int sentence_may_code(const vigil_coder *c)
{
    if (c->stags & (1u << TG_ACTOR)) return 1; /* (most sentences) */
    if (c->flags & (VIGIL_CODE_DEBUG | VIGIL_CODE_UNKNOWN)) return 1;
    if (c->nopts && option_long(c, "new_actor_length") > 0) return 1;
    const int coref = !(c->flags & VIGIL_CODE_NO_COREF);
    uint64_t live = 0; /* the pronoun classes that may resolve */
    if (coref && c->age_person <= COREF_REACH && *c->last_person) live |= L_P_PERSON;
    if (coref &&
        ((c->age_plural <= COREF_REACH && *c->last_plural) || (c->age_pair <= 1 && *c->pair[0])))
        live |= L_P_PLURAL;
    if (coref && c->age_actor <= COREF_REACH && *c->last_actor) live |= L_P_IT;
    if ((c->slex & L_PRON) && (c->slex & live)) return 1;
    const int roles = (c->stags & (1u << TG_AGENT)) != 0;
    if (roles && (c->flags & VIGIL_CODE_NO_DYAD)) return 1;
    const int pairs = coref && c->age_pair <= 1 && *c->pair[0];
    const int names = c->nnames > 0, role_keys = roles && c->nroles > 0;
    if (!pairs && !names && !role_keys) return 0;
    const ctok *tok = c->tok;
    for (uint32_t i = 0; i < c->ntok; i++) {
        const ctok *t = &tok[i];
        if (pairs && (vg_cwords_table[t->cw].classes & CWC_PAIR_HEAD)) return 1;
        /* (Any capitalised word: what_it_called may take a word's class.) */
        if (names && t->kind == VG_TOK_WORD && (t->tflags & VG_TF_CAP)) {
            size_t n;
            const char *s = tok_text(c, i, &n);
            char code[VG_MAX_CODE];
            if (name_lookup(c, s, n, code)) return 1;
        }
        if (role_keys && (t->tag == TG_AGENT || t->alt_tag == TG_AGENT)) {
            /* (The phrase's chunk starts at or before its last word. Few
             * sentences get here: the walk back is not kept up for all.) */
            int def = 0;
            for (uint32_t q = 0; q < i + t->plen && q < c->ntok && !def; q++)
                def = definite_word(tok[q].cw);
            for (uint32_t q = i; def && q < i + t->plen && q < c->ntok; q++)
                if (role_word_remembered(c, q)) return 1;
        }
    }
    return 0;
}

static void code_sentence(vigil_coder *c, unsigned si)
{
    /* (A sentence that cannot code, one in five: only its age counts.) */
    if (!sentence_may_code(c)) {
        c->nch = c->nvg = c->nvpos = 0;
        c->coded = 0;
        update_discourse(c);
        return;
    }
    const vigil_doc *d = c->doc;
    vigil_span sspan = d->sent[si];
    int count = 0;
    mark_triggers(c);
    gapped_names(c);
    scare_quotes(c);
    what_it_called(c);
    find_verbs(c);
    build_chunks(c);
    int wordset_ready = 0; /* fill_wordset is for pattern matching only */
    /* The dictionary's patterns and their elements, looked up with the
     * word set (the candidate loop reads them thousands of times). */
    const vg_pattern *pats = NULL;
    const vg_pel *pels = NULL;
    const vg_pshape *shapes = NULL;
    size_t npats = 0;

    /* Speech verbs first: their subjects are the speakers of what they
     * introduce, and "we" inside a quote is the speaker. */
    char speaker[VG_MAX_CODE] = "";
    uint32_t sp_from = 0, sp_to = 0; /* token range the speaker covers */
    /* (The loops over the tokens that look for a class of words run only
     * when the sentence has one: c->slex.) */
    int has_cond = 0;
    for (uint32_t i = 0; i < c->ntok && (c->slex & L_COND); i++) {
        if ((c->tok[i].lex & L_COND) && !c->tok[i].inphrase) has_cond = 1;
    }
    for (size_t x = 0; x < c->nvpos && (c->slex & L_SPEECH); x++) {
        uint32_t i = c->vpos[x];
        if (!(c->tok[i].lex & L_SPEECH)) continue;
        int coord, cc;
        unsigned fl = 0;
        int ic;
        uint32_t gs = aux_chain(c, i, &fl, &ic);
        int32_t sj = find_subject(c, gs, &coord, &cc);
        if (sj < 0 && i + 1 < c->ntok && c->tok[i + 1].chunk >= 0 &&
            (i == 0 || c->tok[i - 1].kind == VG_TOK_QUOTE || punct_is(c, i - 1, ',')))
            sj = c->tok[i + 1].chunk; /* '"...," said Peskov' */
        if (sj < 0) continue;
        resolve_chunk(c, &c->ch[sj], 0, "");
        if (!*c->ch[sj].code) continue;
        copy_code_all(speaker, c->ch[sj].code);
        copy_code_all(c->last_speaker, speaker);
        if (c->ch[sj].person) copy_code_all(c->last_person, speaker);
        /* What the speaker covers: the quote or clause before a trailing
         * '"...," X said' or ', X said', else the clause after the verb. */
        uint32_t first = c->ch[sj].start < gs ? c->ch[sj].start : gs;
        if (c->ch[sj].start > i) first = i;
        if (first > 0 && (c->tok[first - 1].kind == VG_TOK_QUOTE || punct_is(c, first - 1, ',')))
            sp_from = 0, sp_to = first;
        else
            sp_from = i + 1, sp_to = (uint32_t)c->ntok;
        break;
    }
    /* "according to X" */
    for (uint32_t i = 0; i + 2 < c->ntok && !*speaker && (c->slex & L_ACCORDING); i++)
        if ((c->tok[i].lex & L_ACCORDING) && c->tok[i + 2].chunk >= 0) {
            chunk *k = &c->ch[c->tok[i + 2].chunk];
            resolve_chunk(c, k, 0, "");
            if (*k->code) {
                copy_code_all(speaker, k->code);
                sp_from = 0, sp_to = (uint32_t)c->ntok;
            }
        }

    for (size_t k = 0; k < c->nch; k++) {
        chunk *ch = &c->ch[k];
        if (*ch->code || ch->plain) continue; /* (most: the tests below only then) */
        int in_sp = *speaker && ch->start >= sp_from && ch->start < sp_to;
        int in_quote = c->tok[ch->start].quote;
        resolve_chunk(c, ch, in_sp || in_quote, speaker);
    }
    appositions(c);
    shared_modifiers(c);
    /* (Both start from a phrase with a role and no code of its own: no
     * phrase has a role when no token was tagged as one, c->stags.) */
    const int roles = (c->stags & (1u << TG_AGENT)) != 0;
    if (roles) domestic_roles(c);
    build_groups(c);
    /* Role phrases that now stand for an actor can join lists too
     * ("Ithilen and the government of Gondor"); when none does, the groups
     * stay as they are. */
    if (roles && role_of_actor(c)) build_groups(c);
    new_actors(c);

    /* A sentence none of whose phrases has a code or a possessor's code
     * (one in four) keeps no event: emit needs a code on one side at
     * least, and no step below makes one from nothing (a pronoun subject
     * takes the main subject's code, verb_object_role and victims_object
     * start from the source's country, a proxy's members from their own
     * codes). Nor does update_discourse read any phrase without a code,
     * subjects included. So its verb groups are not built, flagged or
     * coded; what they would leave behind (the groups, their flags, what a
     * pattern consumed) is read only by debug_dump, so --debug builds them. */
    int coded = (c->flags & VIGIL_CODE_DEBUG) != 0;
    for (size_t k = 0; k < c->nch && !coded; k++) coded = *c->ch[k].code || *c->ch[k].poss;
    const size_t nverbs = coded ? c->nvpos : 0;
    c->coded = coded;

    /* Verb groups, left to right. */
    c->nvg = 0;
    int32_t main_subj = -1; /* subject of the first verb: target of ", and V" */
    int32_t prev_subj = -1;
    int main_is_speech = 0;
    for (size_t x = 0; x < nverbs; x++) {
        uint32_t i = c->vpos[x];
        ctok *t = &c->tok[i];
        vgroup g;
        memset(&g, 0, sizeof g);
        g.v = i;
        g.vend = i + (t->tag == TG_VERB ? t->plen : 1);
        if (g.vend > c->ntok) g.vend = (uint32_t)c->ntok;
        int inf_ctrl;
        g.gstart = aux_chain(c, i, &g.flags, &inf_ctrl);
        if (t->lex & L_SPEECH) g.flags |= VF_SPEECH;
        int coord = 0, cc = 0;
        uint32_t sstart = g.gstart;
        if (inf_ctrl >= 0) {
            /* The subject of "X refused to supply" is X: search from the
             * controlling verb's own auxiliary chain. */
            unsigned f2 = 0;
            int ic2;
            sstart = aux_chain(c, (uint32_t)inf_ctrl, &f2, &ic2);
            /* "did not refuse to supply": a negated refusal lifts the
             * infinitive's own negation; any other negated control verb
             * negates it ("did not agree to meet", "had no plans to"). */
            if ((f2 & VF_NEG) && (g.flags & VF_REFUSED))
                g.flags &= ~(unsigned)VF_NEG;
            else if (f2 & VF_NEG)
                g.flags |= VF_NEG;
            if (f2 & VF_HYPO) g.flags |= VF_HYPO;
        }
        g.subj = find_subject(c, sstart, &coord, &cc);
        if (t->isverb == 4) {
            /* "hit Iran with sanctions for supplying drones", "criticised
             * X over shelling Y": the gerund's subject is the object of the
             * verb before it, and the act is asserted. Not after "against"
             * or "of": "warned X against attacking Y" asserts no attack. */
            g.subj = -1;
            int32_t p = (int32_t)i - 1;
            int prep_ok =
                p >= 0 && (tok_is(c, (uint32_t)p, CW_FOR) || tok_is(c, (uint32_t)p, CW_OVER));
            /* "X declared martial law, accusing the opposition of ...": a
             * participle after a comma that closes the main clause acts
             * with its subject. */
            /* (Only an "-ing" form: "..., introduced by the president" is
             * a passive participle of the phrase before it.) */
            int ing = ends_ing(c, i);
            if (ing && p >= 0 && punct_is(c, (uint32_t)p, ',') && main_subj >= 0 && c->nvg > 0 &&
                !c->tok[i].quote && !(c->vg[c->nvg - 1].flags & VF_SPEECH)) {
                g.subj = main_subj;
                g.flags |= VF_GERUND;
            } else if (ing && p >= 0 && punct_is(c, (uint32_t)p, ',') && c->nvg > 0 &&
                       !c->tok[i].quote && (c->vg[c->nvg - 1].flags & VF_SPEECH) &&
                       c->vg[c->nvg - 1].subj >= 0) {
                /* '"...," the minister told reporters, warning Israel
                 * against ...': the speaker acts. */
                g.subj = c->vg[c->nvg - 1].subj;
                g.flags |= VF_GERUND;
            }
            if (prep_ok && c->nvg > 0) {
                const vgroup *pv = &c->vg[c->nvg - 1];
                uint32_t o = pv->vend;
                while (o < c->ntok && is_skippable(c, o)) o++;
                if (o < (uint32_t)p && c->tok[o].chunk >= 0 && *c->ch[c->tok[o].chunk].code &&
                    !(pv->flags & VF_PASSIVE))
                    g.subj = c->tok[o].chunk, g.flags |= VF_GERUND;
            }
        }
        if (g.subj >= 0) {
            /* "Neither Arnor nor Rohan attacked": the subject negates. */
            const chunk *f = &c->ch[c->ch[g.subj].gfirst];
            if (tok_is(c, f->start, CW_NEITHER) ||
                (f->start > 0 && tok_is(c, f->start - 1, CW_NEITHER)))
                g.flags |= VF_NEG;
            /* A pronoun subject refers first to the subject of an earlier
             * clause of the same sentence ("X did not attack Y, but it
             * shelled Z"). */
            chunk *sj = &c->ch[g.subj];
            if (sj->pronoun && !(c->tok[sj->start].lex & L_P_WE) && main_subj >= 0 &&
                main_subj != g.subj && *c->ch[main_subj].code &&
                c->ch[main_subj].person == sj->person)
                copy_code_all(sj->code, c->ch[main_subj].code);
        }
        int back_to_main = 0;
        if (g.subj < 0 && coord) {
            back_to_main = cc && main_subj >= 0;
            /* "The United Nations warned that millions of people faced
             * famine and appealed to both sides": after a "that" clause
             * whose subject names no actor, "and" goes back to the main
             * subject. */
            if (!back_to_main && main_subj >= 0 && prev_subj >= 0 && prev_subj != main_subj &&
                !*c->ch[prev_subj].code && !*c->ch[prev_subj].poss && *c->ch[main_subj].code) {
                /* (The verb before: is it in a "that" clause, a "that"
                 * standing between it and the verb before it?) */
                const vgroup *pg = c->nvg ? &c->vg[c->nvg - 1] : NULL;
                uint32_t lo = c->nvg >= 2 ? c->vg[c->nvg - 2].vend : 0;
                for (uint32_t q = pg ? pg->gstart : 0; pg && q > lo; q--)
                    if ((c->tok[q - 1].lex & L_THAT) && c->tok[q - 1].isverb == 0) {
                        /* a verb's "that" ("warned that"), not a noun's
                         * ("the allegation that ... was planned and
                         * directed"), and no passive pair */
                        back_to_main = pg->subj == prev_subj && !(pg->flags & VF_PASSIVE) &&
                                       q >= 2 &&
                                       (c->tok[q - 2].isverb == 1 || c->tok[q - 2].isverb == 2);
                        break;
                    }
            }
            g.subj = back_to_main ? main_subj : prev_subj;
        }
        /* (The clause end and the pattern stretch are asked for later, by
         * the groups that reach the target search or a pattern:
         * clause_end_of, pattern_end_of; memset left them 0.) */
        /* ", and warned ..." after "X said ..." is X's own act, not part
         * of what X said. */
        if (back_to_main && main_is_speech) sp_to = i < sp_to ? i : sp_to;
        g.speaker = *speaker && i >= sp_from && i < sp_to && !(g.flags & VF_SPEECH) ? speaker : "";
        VG_PUSH(c->vg, c->nvg, c->capvg, g);
        if (g.subj >= 0) {
            if (main_subj < 0) main_subj = g.subj, main_is_speech = (g.flags & VF_SPEECH) != 0;
            prev_subj = g.subj;
        }
    }

    if (c->nvg) {
        if (has_cond) mark_conditionals(c);
        mark_denied(c);
        mark_past(c);
        mark_dated_past(c);
        mark_comma_clauses(c);
    }

    for (size_t gi = 0; gi < c->nvg; gi++) {
        vgroup *g = &c->vg[gi];
        const ctok *t = &c->tok[g->v];
        /* Speech verbs the dictionary lacks, gerunds, and verbs another
         * verb's pattern took code nothing of their own. */
        if (t->tag != TG_VERB || g->consumed || (g->flags & (VF_PAST | VF_CUT)) ||
            (t->isverb == 4 && !(g->flags & VF_GERUND)))
            continue;
        const vg_verbform *vf = c->vform[g->v]; /* (find_verbs': a verb with TG_VERB) */
        const vg_verb *vb = vf ? vg_dict_verb(c->dict, vf->verb) : NULL;
        if (!vb) continue;
        const vg_family *fam = vg_dict_family(c->dict, vb->family);
        /* (Field by field: words[] is read only below nwords, and the
         * 100-byte memset was most of this loop's setup.) */
        match best;
        best.score = 0, best.end = 0, best.nwords = 0, best.neg = 0, best.mutual = 0;
        best.src = best.tgt = best.speech = -1;
        best.pat = NULL;
        /* The verb's patterns, then those of the verbs it overrode in
         * earlier sets (a later set extends an earlier one; on a tie the
         * later set's pattern wins). */
        /* (The form and family of each rank, as pointers: the loop below
         * asks for each record once.) */
        const vg_verbform *cform = vf;
        const vg_family *cfam = fam;
        int rank = 0, best_rank = 0;
        uint32_t best_idx = 0;
        if (fam && !wordset_ready) {
            fill_wordset(c), wordset_ready = 1;
            pats = vg_dict_patterns(c->dict, &npats);
            pels = vg_dict_pels(c->dict);
            shapes = vg_dict_pattern_shapes(c->dict);
        }
        for (uint32_t fid = fam ? vb->family : 0; fid; rank++) {
            size_t nspan = family_candidates(c, fid);
            /* The needs test reads the sentence's synonym sets (asked for
             * at the first candidate, as words_present did). */
            if (nspan && !c->syn_all) syn_presence(c, 1); /* (after fill_wordset) */
            const uint64_t *nb = c->wordbits;
            /* (The runs one after the other: the next when pc reaches the end.) */
            const vg_pcand *pc = NULL, *pend = NULL;
            for (size_t sp = 0;;) {
                if (pc == pend) {
                    if (sp == nspan) break;
                    pc = c->cand[sp].c, pend = pc + c->cand[sp].n, sp++;
                    continue;
                }
                const vg_pcand *cd = pc++;
                const uint32_t idx = VG_PC_INDEX(cd->pat), nn = VG_PC_COUNT(cd->pat);
                if (idx >= npats) continue;
                /* (Every need bit set, or the pattern cannot match; past
                 * the kept ones, words_present tells.) */
                if (nn > 0 && !(nb[cd->need[0] / 64] >> (cd->need[0] % 64) & 1)) continue;
                if (nn > 1 && !(nb[cd->need[1] / 64] >> (cd->need[1] % 64) & 1)) continue;
                if (nn > 2 && !(nb[cd->need[2] / 64] >> (cd->need[2] % 64) & 1)) continue;
                const vg_pattern *pat = &pats[idx];
                if ((cd->pat & VG_PC_MORE) && !words_present(c, pels, pat)) continue;
                match m;
                int32_t subj = g->subj;
                pattern_end_of(c, g);
                if (!match_pattern(c, &shapes[idx], pat, g, subj, &m)) continue;
                /* "- * + [---]" (a topic, no partner) says nothing when the
                 * + stands on a phrase naming no actor and two or more act
                 * together ("the two leaders discussed the war"). */
                if ((!pat->code[0] || pat->code[0] == '-') && m.tgt >= 0 && !*c->ch[m.tgt].code &&
                    !*c->ch[m.tgt].poss && subj >= 0 && acts_together(c, &c->ch[subj]))
                    continue;

                /* The most matched words win; on a tie the earlier pattern
                 * of the later set. */
                if (m.score > best.score ||
                    (m.score == best.score && best.pat && rank == best_rank && idx < best_idx)) {
                    best = m;
                    best_rank = rank;
                    best_idx = idx;
                }
            }
            const uint32_t prev = cform ? cform->prev : 0;
            cform = prev ? vg_dict_verbform(c->dict, prev) : NULL;
            const vg_verb *pv = cform ? vg_dict_verb(c->dict, cform->verb) : NULL;
            cfam = pv ? vg_dict_family(c->dict, pv->family) : NULL;
            fid = cfam ? pv->family : 0;
        }
        const char *code = best.pat ? best.pat->code : vb->code;
        if (!best.pat && (!code[0] || code[0] == '-')) {
            /* A later set's "[---]" (codes only by its patterns) leaves the
             * earlier set's own code for the verb: "briefed" is still 064
             * with the Phoenix set on top. */
            for (const vg_verbform *f = vf; f && f->prev && (!code[0] || code[0] == '-');) {
                f = vg_dict_verbform(c->dict, f->prev);
                const vg_verb *pv = f ? vg_dict_verb(c->dict, f->verb) : NULL;
                if (pv) code = pv->code;
            }
        }
        if (!code[0] || code[0] == '-') continue;
        /* "China refused to condemn Russia's invasion": with no pattern of
         * its own, a refusal whose infinitive is a coded verb is that verb's
         * negated event; the refusal adds nothing but a wrong target. */
        if (!best.pat && (t->lex & L_REFUSE) && refused_verb_codes(c, g)) continue;
        /* A verb inside the words this pattern matched ("threatened to
         * attack", "demanded that Mordor release") is part of this event. */
        for (int w = 0; w < best.nwords; w++)
            for (size_t gj = gi + 1; gj < c->nvg; gj++)
                if (c->vg[gj].v == best.words[w]) c->vg[gj].consumed = 1;
        int32_t src, tgt;
        if (g->flags & VF_PASSIVE) {
            clause_end_of(c, g); /* (read from here on, gx included) */
            src = by_agent(c, g);
            /* A pattern's "$" names the source whatever the voice ("*
             * DEAD IN $": "was shot dead in Osgiliath"). */
            if (src < 0 && best.pat && best.src >= 0 && best.src != g->subj) src = best.src;
            uint32_t noun = 0;
            if (src < 0) {
                src = attack_agent(c, g, &noun);
                /* The weapon says how, where the verb does not ("killed in
                 * Russian shelling" 194, "in an Israeli airstrike" 195). */
                if (src >= 0 && code_is_190(code)) code = weapon_code(c, noun, code);
            }
            tgt = g->subj;
            if (best.pat && best.tgt >= 0 && best.tgt != g->subj && tgt < 0) tgt = best.tgt;
        } else {
            src = best.src >= 0 ? best.src : g->subj;
            /* With dyads required, a verb with no source keeps no event
             * (emit_groups; no line below gives it one: the speaker of
             * "- NOTED + *" needs a subject), so its target is not looked
             * for. */
            /* Nor does a source phrase standing alone (no group, no proxy)
             * with no code and no possessor's code (side_of gives it as it
             * is, and emit finds no source code in it; the target search
             * below codes nothing from it). */
            /* (--debug takes the full path: test_codeskip compares.) */
            if (!(c->flags & (VIGIL_CODE_NO_DYAD | VIGIL_CODE_DEBUG)) &&
                (src < 0 || (c->ch[src].gfirst == c->ch[src].glast && !c->ch[src].proxy &&
                             !*c->ch[src].code && !*c->ch[src].poss)))
                continue;
            clause_end_of(c, g); /* (read from here on, gx included) */
            /* Without a bound target, the object after the pattern's
             * words ("refused to release the prisoners"). */
            tgt = best.tgt >= 0 ? best.tgt : default_target(c, g, g->vend);
            if (tgt < 0 && best.pat) tgt = default_target(c, g, best.end);
            /* "hosted peace talks between X and Y": the pattern's + stood
             * on a phrase that names no actor; the actor after it is the
             * target. */
            if (tgt >= 0 && tgt == best.tgt && !*c->ch[tgt].code && !*c->ch[tgt].poss) {
                int32_t t2 = default_target(c, g, c->ch[tgt].end);
                /* Else the verb's own object: "expelled a Russian diplomat
                 * accused of spying" ("* &ENVOY of +" put + on "spying"). */
                if (t2 < 0) t2 = default_target(c, g, g->vend);
                /* Or the object of the plan it names ("- * &AGREEMENT with
                 * +" on "an agreement to supply Rohan with grain"). */
                if (t2 < 0) t2 = purpose_object(c, g, code);
                /* Else nothing here: the place and the other fallbacks
                 * below may still name it ("withdrew from several areas in
                 * southern Lebanon"); but a partner after "with" is named,
                 * just not known ("negotiated with the insurgents in
                 * Doha": Qatar is no party). */
                uint32_t bs = c->ch[tgt].start;
                if (t2 >= 0 || !(bs > 0 && tok_is(c, bs - 1, CW_WITH))) tgt = t2;
            }
            /* A pattern that puts the target before the verb ("+ * ... from
             * $") makes the subject the target. */
            if (best.pat && best.tgt == g->subj && best.src >= 0) src = best.src;
            /* "- NOTED + *": the pattern runs through a speech verb and
             * puts the target on the clause's subject; the speaker acts
             * ("X noted that Y regretted ..."). */
            if (best.pat && best.tgt >= 0 && best.tgt == g->subj && best.src < 0 &&
                best.speech >= 0)
                for (size_t gj = 0; gj < c->nvg; gj++)
                    if (c->vg[gj].v == (uint32_t)best.speech && c->vg[gj].subj >= 0)
                        src = c->vg[gj].subj;
        }
        /* "rescued the crew of a tanker attacked by Houthi rebels": aid goes
         * to the victims, and the agent of the participle that names them is
         * their attacker, not the one helped. */
        /* Nor is the holder of the captives freed ("Nigerian troops freed
         * 100 hostages held by bandits": a rescue, 084). */
        /* "pledged to cooperate against al-Shabaab": with whom one
         * cooperates is not whom it is against. */
        if (tgt >= 0 && code[0] == '0' && code[1] >= '3' && code[1] <= '6' &&
            !(best.pat && best.tgt == tgt) && c->ch[tgt].start > 0 &&
            tok_is(c, c->ch[tgt].start - 1, CW_AGAINST))
            tgt = -1;
        int helps = code[0] == '0' && (code[1] == '7' || (code[1] == '8' && code[2] == '4'));
        if (tgt >= 0 && helps && !(best.pat && best.tgt == tgt) && participle_agent(c, tgt))
            tgt = -1;
        /* "Israeli airstrikes killed ...", "Russian drones struck Kyiv": a
         * weapon as the subject says how. */
        if (src >= 0 && src == g->subj && !(g->flags & VF_PASSIVE) && code_is_190(code))
            code = weapon_code(c, c->ch[src].end - 1, code);
        if (src >= 0 && tgt < 0 && !(g->flags & (VF_PASSIVE | VF_SPEECH))) {
            tgt = complement_subject(c, g);
            /* "The Kremlin denied that Russian forces had ...": what a
             * country says about its own forces is no act towards them. */
            if (tgt >= 0 && strncmp(c->ch[tgt].code, c->ch[src].code, 3) == 0) tgt = -1;
        }
        if (src >= 0 && tgt < 0 && !(g->flags & (VF_PASSIVE | VF_SPEECH)))
            tgt = purpose_object(c, g, code);
        vgroup gx = *g;
        if (best.pat && best.neg) gx.flags &= ~(unsigned)VF_NEG;
        if (best.pat && best.mutual) gx.flags |= VF_MUTUAL;
        if (src >= 0 && tgt < 0) tgt = implicit_partner(c, &gx, src);
        if (src >= 0 && tgt < 0 && !(gx.flags & VF_PASSIVE)) tgt = verb_object_role(c, g, src);
        if (src >= 0 && tgt < 0 && !(gx.flags & VF_PASSIVE)) tgt = victims_object(c, g, src, code);
        if (src >= 0 && tgt < 0 && !(gx.flags & VF_PASSIVE)) tgt = place_target(c, &gx, src, code);
        /* "withdrew from the World Health Organization": leaving an
         * international body reduces relations with it (160); it is no
         * military retreat (0874, Goldstein +10). */
        if (strncmp(code, "087", 3) == 0 && tgt >= 0 && strncmp(c->ch[tgt].code, "IGO", 3) == 0 &&
            tgt != src)
            code = "160";
        emit_groups(c, si, sspan, code, src, tgt, &gx, best.pat, &count);
        /* PETRARCH's "[032:033]": the target's side of the same act (a
         * visit is hosted) is an event of its own, in reverse. */
        const char *code2 = best.pat ? best.pat->code2 : (fam ? fam->code2 : "");
        if (code2[0] && code2[0] != '-' && src >= 0 && tgt >= 0)
            emit_groups(c, si, sspan, code2, tgt, src, &gx, best.pat, &count);
    }
    if (c->flags & VIGIL_CODE_UNKNOWN) note_unknown_verbs(c);
    update_discourse(c);
    if (c->flags & VIGIL_CODE_DEBUG) {
        for (size_t gi = 0; gi < c->nvg; gi++) clause_end_of(c, &c->vg[gi]);
        debug_dump(c);
    }
}

/* ------------------------------------------------------------- public */

vigil_coder *vigil_coder_new(vigil_dict *dict, unsigned flags)
{
    if (!dict) return NULL;
    if (vigil_dict_finish(dict) != VIGIL_OK) return NULL;
    vigil_coder *c = vg_calloc(1, sizeof *c);
    c->dict = dict;
    c->flags = flags;
    c->tcache = vg_tokcache_new(dict);
    c->tcache->cwbits = trig_cx; /* (for tagging's second loop: vg_tc_ent.cx) */
    c->pels = vg_dict_pels(dict);
    return c;
}

static void reset_doc(vigil_coder *c)
{
    for (size_t i = 0; i < c->nev; i++) vg_free(c->info[i].explain);
    c->nev = 0;
    for (size_t i = 0; i < c->nunknown; i++) vg_free(c->unknown[i]);
    c->nunknown = 0;
    c->last_person[0] = c->last_actor[0] = c->last_plural[0] = c->last_speaker[0] = '\0';
    c->pair[0][0] = c->pair[1][0] = '\0';
    c->nnames = 0;
    c->nroles = 0;
    c->age_person = c->age_actor = c->age_plural = 0;
}

vigil_status vigil_coder_code(vigil_coder *c, const vigil_doc *doc)
{
    if (!c || !doc) return VIGIL_ERR_ARG;
    reset_doc(c);
    c->doc = doc;
    c->date = parse_date(doc->date);
    for (size_t s = 0; s < doc->nsent; s++) {
        int discard_story = 0;
        if (!tag_sentence(c, doc->sent_tok[s], doc->sent_tok[s + 1], &discard_story)) {
            if (discard_story) {
                for (size_t i = 0; i < c->nev; i++) vg_free(c->info[i].explain);
                c->nev = 0;
                break;
            }
            continue;
        }
        code_sentence(c, (unsigned)s);
    }
    /* Events point at rule strings kept beside them. */
    for (size_t i = 0; i < c->nev; i++) {
        c->ev[i].rule = c->info[i].rule;
        c->ev[i].rule_where = c->info[i].where;
    }
    return VIGIL_OK;
}

size_t vigil_coder_event_count(const vigil_coder *c)
{
    return c ? c->nev : 0;
}

const vigil_event *vigil_coder_event(const vigil_coder *c, size_t i)
{
    return c && i < c->nev ? &c->ev[i] : NULL;
}

size_t vigil_coder_unknown_count(const vigil_coder *c)
{
    return c ? c->nunknown : 0;
}

const char *vigil_coder_unknown(const vigil_coder *c, size_t i)
{
    return c && i < c->nunknown ? c->unknown[i] : NULL;
}

char *vigil_coder_explain(const vigil_coder *c, size_t i)
{
    if (!c || i >= c->nev) return NULL;
    if (c->info[i].explain) return vg_strdup(c->info[i].explain);
    const vigil_event *e = &c->ev[i];
    vg_buf b;
    vg_buf_init(&b, 4096);
    vg_buf_printf(&b, "%s -> %s %s by %s (%s)\n", e->source, e->target, e->code, e->rule,
                  e->rule_where);
    return vg_buf_take(&b);
}

vigil_status vigil_coder_set_option(vigil_coder *c, const char *name, const char *value)
{
    char norm[24];
    int k = vg_option_normalise(name, value, norm, sizeof norm);
    if (!c || k < 0) return VIGIL_ERR_ARG;
    size_t i = 0;
    while (i < c->nopts && c->opts[i].option != k) i++;
    if (i == c->nopts) {
        if (c->nopts == VG_MAX_CODER_OPTIONS) return VIGIL_ERR_LIMIT;
        c->nopts++;
    }
    c->opts[i].option = k;
    memcpy(c->opts[i].value, norm, sizeof norm);
    return VIGIL_OK;
}

const char *vigil_coder_get_option(const vigil_coder *c, const char *name)
{
    int k = vg_option_index(name);
    if (!c || k < 0) return NULL;
    for (size_t i = 0; i < c->nopts; i++)
        if (c->opts[i].option == k) return c->opts[i].value;
    return NULL;
}

void vigil_coder_free(vigil_coder *c)
{
    if (!c) return;
    reset_doc(c);
    vg_free(c->tok);
    vg_free(c->ch);
    vg_free(c->vg);
    vg_free(c->ids);
    vg_free(c->sids);
    vg_free(c->todo);
    vg_free(c->tslot);
    vg_free(c->ttf);
    vg_free(c->tpre);
    vg_free(c->syn_first);
    vg_free(c->syn_count);
    vg_free(c->syn);
    vg_free(c->wordbits); /* (synbits lies inside it) */
    vg_tokcache_free(c->tcache);
    vg_free(c->ev);
    vg_free(c->info);
    vg_free(c->unknown);
    vg_free(c);
}
