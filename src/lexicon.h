/*
 * lexicon.h — closed-class English words the coder's shallow parser needs:
 * determiners, pronouns, prepositions, conjunctions, subordinators,
 * auxiliaries, modals, negations, adverbs, time words, speech verbs and a
 * few verb classes (refusal, irrealis). These are grammar, not dictionary
 * content, so they live in the code (tools/gen_lexicon.py writes the table).
 */
#ifndef VG_LEXICON_H
#define VG_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#define L_DET (1ull << 0)
#define L_POSS (1ull << 1)
#define L_PRON (1ull << 2)
#define L_P_PERSON (1ull << 3)
#define L_P_PLURAL (1ull << 4)
#define L_P_IT (1ull << 5)
#define L_P_WE (1ull << 6)
#define L_PREP (1ull << 7)
#define L_CONJ (1ull << 8)
#define L_SUB (1ull << 9)
#define L_COND (1ull << 10)
#define L_REL (1ull << 11)
#define L_THAT (1ull << 12)
#define L_BE (1ull << 13)
#define L_HAVE (1ull << 14)
#define L_DO (1ull << 15)
#define L_MODAL (1ull << 16)
#define L_HYPO (1ull << 17)
#define L_NEG (1ull << 18)
#define L_ADV (1ull << 19)
#define L_TIME (1ull << 20)
#define L_SPEECH (1ull << 21)
#define L_TRANSP (1ull << 22)
#define L_REFUSE (1ull << 23)
#define L_IRREAL (1ull << 24)
#define L_GET (1ull << 25)
#define L_TO (1ull << 26)
#define L_BY (1ull << 27)
#define L_AND (1ull << 28)
#define L_OR (1ull << 29)
#define L_ACCORDING (1ull << 30)
#define L_NAMEPREF (1ull << 31)
#define L_NUMW (1ull << 32) /* number words: one, five, million */
#define L_DENY (1ull << 33) /* deny: what follows is not asserted */

/* The classes of word s[0..n) (case-insensitive), 0 if none. */
uint64_t vg_lex(const char *s, size_t n);

#endif
