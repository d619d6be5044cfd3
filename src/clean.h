/*
 * clean.h — from a story body to the text the coder sees.
 *
 * A body is first cut into blocks: paragraphs of plain text (blank lines, or
 * single lines when the text has one paragraph per line), or the block
 * elements of an HTML page (html.c). The cleaner then decides for each block
 * whether it is reporting or publisher boilerplate, by rules that generalise:
 * appeals to the reader in the first and second person ("we need your
 * help", "support us"), calls to action ("subscribe", "sign up", "share",
 * "read more", "remind me later"), link-like and very short lines, credit
 * lines and agency slugs, and position (once the tail of a story turns to
 * boilerplate, the rest goes). Kept blocks are normalised (utf8.h) and
 * accidental repeated words are collapsed ("short-range short-range").
 */
#ifndef VG_CLEAN_H
#define VG_CLEAN_H

#include "buf.h"

#include <stddef.h>

/* Block kinds; plain text gives VG_BLK_TEXT only. */
enum { VG_BLK_TEXT = 0, VG_BLK_PARA, VG_BLK_HEADING, VG_BLK_LIST, VG_BLK_QUOTE };

typedef struct vg_block {
    char *text; /* owned, NUL-terminated, valid UTF-8 */
    unsigned kind;
    float link_density;  /* share of the block's characters inside links (HTML) */
    const char *dropped; /* set when an earlier stage already dropped it: rule name */
} vg_block;

typedef struct vg_blocks {
    vg_block *v;
    size_t n, cap;
} vg_blocks;

void vg_blocks_push(vg_blocks *b, char *text, unsigned kind, float link_density,
                    const char *dropped);
void vg_blocks_free(vg_blocks *b);

/* Cuts plain text into blocks (paragraphs). */
void vg_text_blocks(const char *text, size_t len, vg_blocks *out);

/* One dropped block. */
typedef struct vg_removed {
    char *text; /* owned */
    const char *rule;
} vg_removed;

/* Cleans blocks: kept text goes to `out` (paragraphs joined by "\n\n"),
 * dropped blocks to removed[] (the caller frees each text and the array).
 * flags are VIGIL_CLEAN_*. */
void vg_clean(const vg_blocks *in, unsigned flags, vg_buf *out, vg_removed **removed,
              size_t *nremoved, size_t *capremoved);

/* Collapses immediately repeated words or hyphenated compounds ("the the",
 * "short-range short-range") in one paragraph, case-insensitively, leaving
 * legitimate repeats that are not typos ("had had", "that that") alone. */
void vg_collapse_repeats(const char *in, size_t len, vg_buf *out);

/* The number of phrases of a NULL-terminated list found in t[0, n) at
 * word boundaries, case-insensitively ("donat*" matches any continuation;
 * a phrase ending in punctuation needs no boundary after it): what the
 * boilerplate rules score. */
int vg_count_phrases(const char *t, size_t n, const char *const *list);

#endif
