/*
 * html.h — article text from an HTML page (libxml2's tolerant HTML parser).
 *
 * Walks the page and emits block elements (p, h1-h6, li, blockquote, div
 * text) as vg_blocks. Elements that are never article text are dropped
 * with a rule name: script/style/noscript, nav, header/footer outside the
 * article, aside, form, figure captions, comment sections, ads and related
 * links (by tag, role, and class/id words such as "comment", "related",
 * "share", "newsletter", "promo", "ad-"). When an <article> or a main
 * content container exists, text outside it is dropped as "outside-article".
 * The story date comes from metadata when present: article:published_time,
 * datePublished (JSON-LD or itemprop), <time datetime>, date/DC.date metas.
 */
#ifndef VG_HTML_H
#define VG_HTML_H

#include "clean.h"

#include <stddef.h>

/* Extracts blocks from html; date_out (11 bytes) receives "YYYY-MM-DD" from
 * the page's metadata or "" when there is none. title_out likewise gets the
 * page title (caller frees; may be NULL to ignore). Never fails on content. */
void vg_html_blocks(const char *html, size_t len, vg_blocks *out, char date_out[11],
                    char **title_out);

#endif
