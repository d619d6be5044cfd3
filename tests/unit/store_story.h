/*
 * store_story.h — one helper of the store tests (test_store.c,
 * test_store_pg.c, test_serve.c): code a story given as text and store it.
 */
#ifndef VG_STORE_STORY_H
#define VG_STORE_STORY_H

#include "vigil.h"

#include <string.h>

/* Codes the story (id, date, publisher, text) with c and stores it in s. */
static vigil_status store_story(vigil_coder *c, vigil_store *s, const char *id, const char *date,
                                const char *pub, const char *text)
{
    vigil_story st;
    memset(&st, 0, sizeof st);
    st.id = id;
    st.date = date;
    st.source = pub;
    st.url = "";
    st.body = text;
    st.body_len = strlen(text);
    vigil_doc *doc = vigil_doc_new(&st, 0);
    vigil_coder_code(c, doc);
    vigil_status rc = vigil_store_put(s, doc, c);
    vigil_doc_free(doc);
    return rc;
}

#endif
