/*
 * sentence.h — sentence splitting.
 *
 * Splits cleaned text into sentences. A sentence ends at . ? ! (plus any
 * closing quotes and brackets) followed by space and a plausible sentence
 * start, unless the word before the period is an abbreviation (Mr., Gen.,
 * Sen., Jan., U.S.), an initial, or a number's decimal point; a paragraph
 * break (blank line) always ends one. Quotes and parentheses are kept with
 * the sentence they belong to. In detail:
 *   - after "." the next sentence must not start with a lower-case letter;
 *     after "?" or "!" likewise (`"Why?" he asked.` is one sentence);
 *   - after an ellipsis ("..." or "…") only a capital starts a sentence;
 *   - titles (vg_is_title_abbrev: "Gen.", "Mr.") never end a sentence;
 *     other abbreviations, dotted acronyms ("U.S.", "e.g.") and initials
 *     end one only before a common sentence opener ("The", "He", "It",
 *     "But" ...) or when a closing quote follows them (`the U.S." Tarn`);
 *     "I." and a capital after a lower-case word ("posted on X.") are not
 *     initials;
 *   - a quotation holding several sentences is split inside:
 *     `He said: "We will respond. We will not wait."` gives
 *     `He said: "We will respond.` and `We will not wait."`;
 *   - a single line break ends a sentence when the next line starts with a
 *     list bullet ("- ", "* ", "•"), or when the line is a heading: shorter
 *     than 60 bytes, the whole sentence so far, not ending in a period,
 *     continuing punctuation or a function word ("and", "of"), and followed
 *     by a line starting with a capital or a digit. Otherwise the line
 *     break is a hard wrap and the sentence goes on;
 *   - a piece without any letter or digit (a lone "…", "* * *") is dropped;
 *   - a sentence longer than VG_MAX_SENTENCE_BYTES is cut at the last white
 *     space within the limit (with none, at the limit on a UTF-8 character
 *     boundary) and the rest goes on as a new sentence.
 * The count limit VG_MAX_SENTENCES is the caller's to apply. Typographic
 * quotes and "…" are understood whether or not the text was normalised.
 */
#ifndef VG_SENTENCE_H
#define VG_SENTENCE_H

#include "vigil.h"

#include <stddef.h>

/* 1 if word w[0..n) (without its final period) is a known abbreviation
 * that takes a period, like "Mr", "Gen", "Jan", "approx". Matching is
 * exact, except that a word starting with a capital also matches in its
 * capitalised and lower-case forms ("GEN" -> "Gen", "Etc" -> "etc"); a
 * lower-case word never matches a capitalised entry ("no" is not "No"). */
int vg_is_abbrev(const char *w, size_t n);
/* 1 if the abbreviation is one that usually precedes a name (Mr, Gen,
 * Sen, Dr, St) and so never ends a sentence. */
int vg_is_title_abbrev(const char *w, size_t n);

/* Appends the sentence spans of text[0, len) to *v (count *n, capacity
 * *cap); spans exclude surrounding whitespace. Returns the number added. */
size_t vg_split_sentences(const char *text, size_t len, vigil_span **v, size_t *n, size_t *cap);

#endif
