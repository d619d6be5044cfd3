/*
 * tokenize.h — table-driven tokenizer with byte offsets.
 *
 * A 256-entry byte-class table and one loop (SQLite's habit). Tokens are
 * spans into the text, never copies. Rules:
 *   - words: letters, digits and inner hyphens ("short-range", "COVID-19");
 *     any non-ASCII UTF-8 letter counts as a letter;
 *   - "Iran's" -> "Iran" + "'s"; "allies'" -> "allies" + "'";
 *     "don't" -> "do" + "n't"; "can't" -> "ca" + "n't";
 *   - numbers keep inner "," and "." ("1,000", "3.5"), and a trailing "%";
 *   - abbreviations keep their period: known ones (vg_is_abbrev: "Mr.",
 *     "Gen.", "Jan."), dotted acronyms ("U.S.", "U.N."), initials ("J.");
 *   - every other punctuation character is a token of its own, except runs
 *     of the same character ("--", "...").
 * A sentence-final abbreviation keeps its period and no "." token follows:
 * "... to the U.S." ends with the token "U.S.", "... to Russia." with
 * "Russia" and ".". Digits with inner ". , -" only are one NUM ("2-1",
 * "2024-09-09"); with a letter they are a WORD ("F-16"). "'s", "'" are
 * WORD tokens flagged VG_TF_POSS, "n't" a WORD flagged VG_TF_NEG; "'re",
 * "'ve", "'ll", "'d", "'m" are split off as plain WORDs. tokenize.c's
 * opening comment lists the finer rules.
 */
#ifndef VG_TOKENIZE_H
#define VG_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

enum {
    VG_TOK_WORD = 1,
    VG_TOK_NUM,
    VG_TOK_PUNCT, /* . , ; : ! ? ( ) -- ... and others */
    VG_TOK_QUOTE  /* " or ' standing alone */
};

/* Token flags. */
enum {
    VG_TF_CAP = 1u << 0,   /* first letter is upper case */
    VG_TF_UPPER = 1u << 1, /* two or more letters, all upper case */
    VG_TF_ABBR = 1u << 2,  /* keeps a period: abbreviation, acronym, initial */
    VG_TF_POSS = 1u << 3,  /* the possessive "'s" or "'" */
    VG_TF_NEG = 1u << 4    /* "n't" */
};

typedef struct vg_token {
    uint32_t start; /* byte offsets into the tokenised text */
    uint32_t end;
    uint8_t kind;
    uint8_t flags;
} vg_token;

/* Appends the tokens of text[start, end) to *v (count *n, capacity *cap),
 * offsets relative to `text`. Returns the number appended. */
size_t vg_tokenize(const char *text, uint32_t start, uint32_t end, vg_token **v, size_t *n,
                   size_t *cap);
/* The same tokens as vg_tokenize(text, start, end, ...), where text holds
 * text_len >= end readable bytes: the scans may read ahead up to text_len
 * (never past it), so a sentence's words are found sixteen bytes at a time
 * up to its last. */
size_t vg_tokenize_in(const char *text, size_t text_len, uint32_t start, uint32_t end, vg_token **v,
                      size_t *n, size_t *cap);

#endif
