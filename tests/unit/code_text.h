/*
 * code_text.h — helpers shared by the tests that write a small dictionary
 * set into a temporary folder and code sentences with it (test_patindex.c,
 * test_patfilter.c, test_unknown.c): write_file() puts a file into `dir`,
 * code() returns a text's events as "SRC TGT CODE;" each, code_with() with
 * a given coder and line format (test_codeskip.c). Static: each test
 * binary gets its own copy.
 */
#ifndef VIGIL_TEST_CODE_TEXT_H
#define VIGIL_TEST_CODE_TEXT_H

#include "vigil.h"

#include <stdio.h>
#include <string.h>

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

/* Codes every story of a text (read as plain text dated 2024-01-01) with
 * coder c and appends each event to out[0..cap) through line(), which
 * writes one event's text at o (room left: room) and returns what
 * snprintf does; *n is the length so far. Returns the number of events. */
static size_t code_with(vigil_coder *c, const char *text, char *out, size_t cap, size_t *n,
                        int (*line)(char *o, size_t room, const vigil_event *e))
{
    vigil_reader *r = vigil_reader_new(VIGIL_FORMAT_TEXT, "t", "2024-01-01");
    vigil_reader_feed(r, text, strlen(text));
    vigil_reader_finish(r);
    const vigil_story *s;
    size_t count = 0;
    while (vigil_reader_next(r, &s) == VIGIL_OK) {
        vigil_doc *doc = vigil_doc_new(s, 0);
        vigil_coder_code(c, doc);
        for (size_t i = 0; i < vigil_coder_event_count(c); i++) {
            int k = line(out + *n, cap - *n, vigil_coder_event(c, i));
            if (k > 0 && (size_t)k < cap - *n) *n += (size_t)k;
            count++;
        }
        vigil_doc_free(doc);
    }
    vigil_reader_free(r);
    return count;
}

static int short_line(char *o, size_t room, const vigil_event *e)
{
    return snprintf(o, room, "%s %s %s;", e->source, e->target, e->code);
}

/* The events of a text, "SRC TGT CODE;" each. */
static void code(vigil_dict *d, const char *text, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    vigil_coder *c = vigil_coder_new(d, 0);
    code_with(c, text, out, cap, &n, short_line);
    vigil_coder_free(c);
}

#endif
