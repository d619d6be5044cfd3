/*
 * sentence.h — sentence splitting.
 *
 * Splits cleaned text into sentences. A sentence ends at . ? ! (plus any
 * closing quotes and brackets) followed by space and a plausible sentence
 * start, unless the word before the period is an abbreviation (Mr., Gen.,
 * Sen., Jan., U.S.), an initial, or a number's decimal point; a paragraph
 * break (blank line) always ends one. Quotes and parentheses are kept with
 * the sentence they belong to.
 */
#ifndef VG_SENTENCE_H
#define VG_SENTENCE_H

#include "vigil.h"

#include <stddef.h>

/* 1 if word w[0..n) (without its final period) is a known abbreviation
 * that takes a period, like "Mr", "Gen", "Jan", "approx". */
int vg_is_abbrev(const char *w, size_t n);
/* 1 if the abbreviation is one that usually precedes a name (Mr, Gen,
 * Sen, Dr, St) and so never ends a sentence. */
int vg_is_title_abbrev(const char *w, size_t n);

/* Appends the sentence spans of text[0, len) to *v (count *n, capacity
 * *cap); spans exclude surrounding whitespace. Returns the number added. */
size_t vg_split_sentences(const char *text, size_t len, vigil_span **v, size_t *n, size_t *cap);

#endif
