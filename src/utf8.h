/*
 * utf8.h — UTF-8 validation, repair and normalisation.
 *
 * Input from scrapers is often broken: invalid sequences are replaced with
 * U+FFFD and counted, never passed on and never a crash. Normalisation makes
 * text NFC (utf8proc) and maps typographic punctuation to the plain forms
 * the tokenizer and dictionaries use:
 *   ‘ ’ ‚ ‛ ′ -> '      “ ” „ ‟ ″ « » -> "     ‐ ‑ ‒ – − -> -
 *   — ― -> --           … -> ...            NBSP and other spaces -> ' '
 *   zero-width and soft-hyphen characters are removed.
 */
#ifndef VG_UTF8_H
#define VG_UTF8_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

/* Appends `in` to `out` with every invalid sequence (bad lead byte,
 * truncated, overlong, surrogate, > U+10FFFF) replaced by U+FFFD; NUL bytes
 * become spaces. Returns the number of repairs. */
unsigned vg_utf8_repair(const char *in, size_t len, vg_buf *out);
/* 1 if the bytes are valid UTF-8 without NUL. */
int vg_utf8_valid(const char *s, size_t len);
/* Decodes one code point at s (len > 0); returns its byte length (>= 1)
 * and stores U+FFFD for an invalid sequence (length 1). */
size_t vg_utf8_decode(const char *s, size_t len, int32_t *cp);
/* Appends the normalised form of valid UTF-8 `in` to `out` (see above). */
int vg_text_normalize(const char *in, size_t len, vg_buf *out);

#endif
