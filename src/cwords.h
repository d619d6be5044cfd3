/*
 * cwords.h — the words the coder's rules test by their spelling ("of",
 * "the", "neither", "spokesman", "thousands"), each with a small id and
 * the lists it belongs to, and a map from the dictionary's word ids to
 * those ids.
 *
 * The rules ask "is token i the word w?" tens of times per sentence, which
 * was a case-folding string compare each time. Now the coder gives every
 * token its id once, when it tags the sentence (vg_cwords_of), and a rule
 * compares one byte ("t->cw == CW_OF") or tests a list bit
 * (vg_cwords_table[t->cw].classes & CWC_PERSON_ROLE).
 *
 * Finding the id is nearly free because every token already has its
 * dictionary word id (the token cache): a token whose bytes are w in some
 * letter case folds to w, so its word id is w's. The converse needs one
 * check: the dictionary's fold also lower-cases non-ASCII letters, and a
 * few of them fold to ASCII ("K", the Kelvin sign, to "k"; "ſ" to "s"), so
 * a token that folds to w is w only when it has as many bytes as w (every
 * non-ASCII character takes two bytes or more, every ASCII one byte). Words
 * of the table the dictionary does not hold give id 0 to every token that
 * folds to them, so a token with no word id is compared with those words
 * by its spelling (vg_cwords_spelled), as before.
 */
#ifndef VG_CWORDS_H
#define VG_CWORDS_H

#include "dict.h"

#include <stddef.h>
#include <stdint.h>

/* The lists a word belongs to (vg_cword.classes). */
enum {
    CWC_PERSON_ROLE = 1u << 0, /* role words that name one person ("minister") */
    CWC_PAIR_HEAD = 1u << 1,   /* "the two leaders", "both sides" */
    CWC_QUANTITY = 1u << 2,    /* "thousands of", "some of" */
    CWC_PLAN_NOUN = 1u << 3,   /* "signed an accord to supply" */
    CWC_FOREIGN = 1u << 4,     /* roles that are no country's own ("foreign troops") */
    CWC_TARGET_PREP = 1u << 5, /* prepositions that can introduce a target */
    CWC_PLACE_PREP = 1u << 6,  /* prepositions of place ("in X") */
    CWC_RECIPROCAL = 1u << 7,  /* "their", "each other", "together" */
    CWC_TIME_SPAN = 1u << 8,   /* "years" in "five years after" */
    CWC_WATER = 1u << 9,       /* "gulf" in "the Gulf of Oman": a name, not the country */
    CWC_HARM = 1u << 10        /* "killing", "arrest": what follows "of" is the victim */
};

/* X(NAME, "word", classes): every word must be lower-case ASCII letters. */
#define VG_CWORDS(X)                                                                               \
    X(A, "a", 0)                                                                                   \
    X(ABDUCTION, "abduction", CWC_HARM)                                                            \
    X(ABOUT, "about", CWC_TARGET_PREP)                                                             \
    X(ACCORD, "accord", CWC_PLAN_NOUN)                                                             \
    X(ACCORDS, "accords", CWC_PLAN_NOUN)                                                           \
    X(ACROSS, "across", 0)                                                                         \
    X(AFTER, "after", 0)                                                                           \
    X(AGAINST, "against", CWC_TARGET_PREP)                                                         \
    X(AGO, "ago", 0)                                                                               \
    X(AGREEMENT, "agreement", CWC_PLAN_NOUN)                                                       \
    X(AGREEMENTS, "agreements", CWC_PLAN_NOUN)                                                     \
    X(AIRSTRIKE, "airstrike", 0)                                                                   \
    X(AIRSTRIKES, "airstrikes", 0)                                                                 \
    X(ALL, "all", CWC_QUANTITY)                                                                    \
    X(AMBASSADOR, "ambassador", CWC_PERSON_ROLE)                                                   \
    X(AMONG, "among", CWC_TARGET_PREP)                                                             \
    X(AN, "an", 0)                                                                                 \
    X(ANTI, "anti", CWC_FOREIGN)                                                                   \
    X(ARREST, "arrest", CWC_HARM)                                                                  \
    X(ARRESTS, "arrests", CWC_HARM)                                                                \
    X(AS, "as", 0)                                                                                 \
    X(ASSASSINATION, "assassination", CWC_HARM)                                                    \
    X(AT, "at", CWC_PLACE_PREP)                                                                    \
    X(ATTEMPT, "attempt", CWC_PLAN_NOUN)                                                           \
    X(ATTEMPTS, "attempts", CWC_PLAN_NOUN)                                                         \
    X(BAY, "bay", CWC_WATER)                                                                       \
    X(BEFORE, "before", 0)                                                                         \
    X(BETWEEN, "between", CWC_TARGET_PREP)                                                         \
    X(BID, "bid", CWC_PLAN_NOUN)                                                                   \
    X(BIDS, "bids", CWC_PLAN_NOUN)                                                                 \
    X(BOMBARDMENT, "bombardment", 0)                                                               \
    X(BOMBING, "bombing", 0)                                                                       \
    X(BOTH, "both", CWC_QUANTITY)                                                                  \
    X(BULLETS, "bullets", CWC_PLAN_NOUN)                                                           \
    X(BUT, "but", 0)                                                                               \
    X(BY, "by", CWC_TARGET_PREP)                                                                   \
    X(CALLED, "called", 0)                                                                         \
    X(CAMPAIGN, "campaign", CWC_PLAN_NOUN)                                                         \
    X(CANNON, "cannon", CWC_PLAN_NOUN)                                                             \
    X(CENTURIES, "centuries", CWC_TIME_SPAN)                                                       \
    X(CENTURY, "century", CWC_TIME_SPAN)                                                           \
    X(CHANCELLOR, "chancellor", CWC_PERSON_ROLE)                                                   \
    X(CHIEF, "chief", CWC_PERSON_ROLE)                                                             \
    X(CLOSER, "closer", 0)                                                                         \
    X(COMMANDER, "commander", CWC_PERSON_ROLE)                                                     \
    X(CONFIRM, "confirm", 0)                                                                       \
    X(CONFIRMED, "confirmed", 0)                                                                   \
    X(COUNTERPART, "counterpart", 0)                                                               \
    X(COUNTERPARTS, "counterparts", 0)                                                             \
    X(COUNTRIES, "countries", CWC_PAIR_HEAD)                                                       \
    X(DEAL, "deal", CWC_PLAN_NOUN)                                                                 \
    X(DEALS, "deals", CWC_PLAN_NOUN)                                                               \
    X(DEATH, "death", CWC_HARM)                                                                    \
    X(DEATHS, "deaths", CWC_HARM)                                                                  \
    X(DECADE, "decade", CWC_TIME_SPAN)                                                             \
    X(DECADES, "decades", CWC_TIME_SPAN)                                                           \
    X(DELEGATIONS, "delegations", CWC_PAIR_HEAD)                                                   \
    X(DESCRIBED, "described", 0)                                                                   \
    X(DETENTION, "detention", CWC_HARM)                                                            \
    X(DIPLOMAT, "diplomat", CWC_PERSON_ROLE)                                                       \
    X(DIRECTOR, "director", CWC_PERSON_ROLE)                                                       \
    X(DOZENS, "dozens", CWC_QUANTITY)                                                              \
    X(DRIVE, "drive", CWC_PLAN_NOUN)                                                               \
    X(DRONE, "drone", 0)                                                                           \
    X(DRONES, "drones", 0)                                                                         \
    X(DURING, "during", 0)                                                                         \
    X(EACH, "each", CWC_QUANTITY | CWC_RECIPROCAL)                                                 \
    X(EFFORT, "effort", CWC_PLAN_NOUN)                                                             \
    X(EFFORTS, "efforts", CWC_PLAN_NOUN)                                                           \
    X(EMIR, "emir", CWC_PERSON_ROLE)                                                               \
    X(ENVOY, "envoy", CWC_PERSON_ROLE)                                                             \
    X(EXCHANGE, "exchange", 0)                                                                     \
    X(EXECUTION, "execution", CWC_HARM)                                                            \
    X(FEW, "few", 0)                                                                               \
    X(FEWER, "fewer", 0)                                                                           \
    X(FOR, "for", CWC_TARGET_PREP)                                                                 \
    X(FOREIGN, "foreign", CWC_FOREIGN)                                                             \
    X(FROM, "from", CWC_TARGET_PREP)                                                               \
    X(GAS, "gas", CWC_PLAN_NOUN)                                                                   \
    X(GENERAL, "general", CWC_PERSON_ROLE)                                                         \
    X(GLOBAL, "global", CWC_FOREIGN)                                                               \
    X(GOVERNMENTS, "governments", CWC_PAIR_HEAD)                                                   \
    X(GOVERNOR, "governor", CWC_PERSON_ROLE)                                                       \
    X(GULF, "gulf", CWC_WATER)                                                                     \
    X(HEAD, "head", CWC_PERSON_ROLE)                                                               \
    X(HER, "her", 0)                                                                               \
    X(HUNDREDS, "hundreds", CWC_QUANTITY)                                                          \
    X(IN, "in", CWC_PLACE_PREP)                                                                    \
    X(INITIATIVE, "initiative", CWC_PLAN_NOUN)                                                     \
    X(INSIDE, "inside", CWC_PLACE_PREP)                                                            \
    X(INTERNATIONAL, "international", CWC_FOREIGN)                                                 \
    X(INTO, "into", CWC_TARGET_PREP)                                                               \
    X(JOINTLY, "jointly", CWC_RECIPROCAL)                                                          \
    X(JUDGE, "judge", CWC_PERSON_ROLE)                                                             \
    X(KIDNAPPING, "kidnapping", CWC_HARM)                                                          \
    X(KILLING, "killing", CWC_HARM)                                                                \
    X(KILLINGS, "killings", CWC_HARM)                                                              \
    X(KING, "king", CWC_PERSON_ROLE)                                                               \
    X(LAST, "last", 0)                                                                             \
    X(LAWMAKER, "lawmaker", CWC_PERSON_ROLE)                                                       \
    X(LEADER, "leader", CWC_PERSON_ROLE)                                                           \
    X(LEADERS, "leaders", CWC_PAIR_HEAD)                                                           \
    X(LEAST, "least", 0)                                                                           \
    X(LESS, "less", 0)                                                                             \
    X(MANY, "many", CWC_QUANTITY)                                                                  \
    X(MASSACRE, "massacre", CWC_HARM)                                                              \
    X(MAYOR, "mayor", CWC_PERSON_ROLE)                                                             \
    X(MEN, "men", CWC_PAIR_HEAD)                                                                   \
    X(MILLIONS, "millions", CWC_QUANTITY)                                                          \
    X(MINISTER, "minister", CWC_PERSON_ROLE)                                                       \
    X(MINISTERS, "ministers", CWC_PAIR_HEAD)                                                       \
    X(MONTH, "month", CWC_TIME_SPAN)                                                               \
    X(MONTHS, "months", CWC_TIME_SPAN)                                                             \
    X(MORE, "more", 0)                                                                             \
    X(MOST, "most", CWC_QUANTITY)                                                                  \
    X(MURDER, "murder", CWC_HARM)                                                                  \
    X(MURDERS, "murders", CWC_HARM)                                                                \
    X(NATIONS, "nations", CWC_PAIR_HEAD)                                                           \
    X(NEAR, "near", 0)                                                                             \
    X(NEARER, "nearer", 0)                                                                         \
    X(NEGOTIATOR, "negotiator", CWC_PERSON_ROLE)                                                   \
    X(NEIGHBORS, "neighbors", CWC_PAIR_HEAD)                                                       \
    X(NEIGHBOURS, "neighbours", CWC_PAIR_HEAD)                                                     \
    X(NEITHER, "neither", 0)                                                                       \
    X(NONE, "none", CWC_QUANTITY)                                                                  \
    X(NOR, "nor", 0)                                                                               \
    X(OF, "of", CWC_TARGET_PREP | CWC_PLACE_PREP)                                                  \
    X(OFFER, "offer", CWC_PLAN_NOUN)                                                               \
    X(OFFICIAL, "official", CWC_PERSON_ROLE)                                                       \
    X(ON, "on", CWC_TARGET_PREP)                                                                   \
    X(ONE, "one", CWC_RECIPROCAL)                                                                  \
    X(OUR, "our", 0)                                                                               \
    X(OVER, "over", CWC_TARGET_PREP)                                                               \
    X(OVERSEAS, "overseas", CWC_FOREIGN)                                                           \
    X(PACT, "pact", CWC_PLAN_NOUN)                                                                 \
    X(PAST, "past", 0)                                                                             \
    X(PLAN, "plan", CWC_PLAN_NOUN)                                                                 \
    X(PLANS, "plans", CWC_PLAN_NOUN)                                                               \
    X(PREMIER, "premier", CWC_PERSON_ROLE)                                                         \
    X(PRESIDENT, "president", CWC_PERSON_ROLE)                                                     \
    X(PRESIDENTS, "presidents", CWC_PAIR_HEAD)                                                     \
    X(PRINCE, "prince", CWC_PERSON_ROLE)                                                           \
    X(PROPOSAL, "proposal", CWC_PLAN_NOUN)                                                         \
    X(PROPOSALS, "proposals", CWC_PLAN_NOUN)                                                       \
    X(PROSECUTOR, "prosecutor", CWC_PERSON_ROLE)                                                   \
    X(QUEEN, "queen", CWC_PERSON_ROLE)                                                             \
    X(RIVALS, "rivals", CWC_PAIR_HEAD)                                                             \
    X(SAID, "said", 0)                                                                             \
    X(SCORES, "scores", CWC_QUANTITY)                                                              \
    X(SEA, "sea", CWC_WATER)                                                                       \
    X(SECRETARY, "secretary", CWC_PERSON_ROLE)                                                     \
    X(SENATOR, "senator", CWC_PERSON_ROLE)                                                         \
    X(SEVERAL, "several", CWC_QUANTITY)                                                            \
    X(SHELLING, "shelling", 0)                                                                     \
    X(SIDES, "sides", CWC_PAIR_HEAD)                                                               \
    X(SINCE, "since", 0)                                                                           \
    X(SOCIAL, "social", CWC_FOREIGN)                                                               \
    X(SOME, "some", CWC_QUANTITY)                                                                  \
    X(SPOKESMAN, "spokesman", CWC_PERSON_ROLE)                                                     \
    X(SPOKESPERSON, "spokesperson", CWC_PERSON_ROLE)                                               \
    X(SPOKESWOMAN, "spokeswoman", CWC_PERSON_ROLE)                                                 \
    X(STRAIT, "strait", CWC_WATER)                                                                 \
    X(STRAITS, "straits", CWC_WATER)                                                               \
    X(TENS, "tens", CWC_QUANTITY)                                                                  \
    X(THAN, "than", 0)                                                                             \
    X(THE, "the", 0)                                                                               \
    X(THEIR, "their", CWC_RECIPROCAL)                                                              \
    X(THEM, "them", 0)                                                                             \
    X(THESE, "these", 0)                                                                           \
    X(THIS, "this", 0)                                                                             \
    X(THOUSANDS, "thousands", CWC_QUANTITY)                                                        \
    X(TO, "to", CWC_TARGET_PREP)                                                                   \
    X(TOGETHER, "together", CWC_RECIPROCAL)                                                        \
    X(TOWARD, "toward", CWC_TARGET_PREP)                                                           \
    X(TOWARDS, "towards", CWC_TARGET_PREP)                                                         \
    X(TREATY, "treaty", CWC_PLAN_NOUN)                                                             \
    X(TWO, "two", 0)                                                                               \
    X(WAS, "was", 0)                                                                               \
    X(WEEK, "week", CWC_TIME_SPAN)                                                                 \
    X(WEEKS, "weeks", CWC_TIME_SPAN)                                                               \
    X(WERE, "were", 0)                                                                             \
    X(WESTERN, "western", CWC_FOREIGN)                                                             \
    X(WHAT, "what", 0)                                                                             \
    X(WITH, "with", CWC_TARGET_PREP)                                                               \
    X(YEAR, "year", CWC_TIME_SPAN)                                                                 \
    X(YEARS, "years", CWC_TIME_SPAN)

/* The ids: CW_OTHER (0) for any other token, then CW_ABOUT ... */
enum {
    CW_OTHER = 0,
#define VG_CW_ENUM(name, word, classes) CW_##name,
    VG_CWORDS(VG_CW_ENUM)
#undef VG_CW_ENUM
        CW_COUNT
};

typedef struct vg_cword {
    const char *word; /* lower case; "" for CW_OTHER */
    uint8_t len;
    uint16_t classes; /* CWC_* */
} vg_cword;

/* Indexed by id; entry 0 (CW_OTHER) has no word and no class. */
extern const vg_cword vg_cwords_table[CW_COUNT];

/* The ids of one dictionary's word ids. Built once per coder; read-only. */
typedef struct vg_cwords {
    uint8_t *bywid; /* by dictionary word id: the table word it is, CW_OTHER */
    size_t nwid;
    uint8_t absent[CW_COUNT]; /* table words the dictionary does not hold */
    size_t nabsent;
    /* By length (below 16): a bit per first letter of the absent words of
     * that length, so that most tokens with no word id (names, numbers,
     * punctuation) are told apart without a compare. */
    uint32_t absent_first[16];
} vg_cwords;

/* The map of d, which must be frozen (vigil_dict_finish) and stay so.
 * Free with vg_cwords_free (NULL is fine). */
vg_cwords *vg_cwords_new(const vigil_dict *d);
void vg_cwords_free(vg_cwords *m);

/* The id of the token s[0..n) by its spelling alone: the table word it is
 * in any ASCII letter case, CW_OTHER if none. The reference behaviour. */
uint8_t vg_cwords_spelled(const char *s, size_t n);

/* The id of the token s[0..n) among the words of m->absent only. */
uint8_t vg_cwords_absent(const vg_cwords *m, const char *s, size_t n);

/* The id of the token s[0..n) whose dictionary word id is wid
 * (vg_dict_word_id of the same bytes): the same as vg_cwords_spelled. */
static inline uint8_t vg_cwords_of(const vg_cwords *m, const char *s, size_t n, uint32_t wid)
{
    if (wid) {
        uint8_t k = wid < m->nwid ? m->bywid[wid] : CW_OTHER;
        return k && vg_cwords_table[k].len == n ? k : CW_OTHER;
    }
    if (n == 0 || n >= 16) return CW_OTHER;
    unsigned a = ((unsigned char)s[0] | 0x20u) - 'a'; /* the first letter, either case */
    if (a >= 26 || !(m->absent_first[n] >> a & 1)) return CW_OTHER;
    return vg_cwords_absent(m, s, n);
}

#endif
