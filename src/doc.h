/*
 * doc.h — the vigil_doc structure: one story after reading, cleaning,
 * sentence splitting and tokenising (doc.c builds it; coder.c reads it).
 */
#ifndef VG_DOC_H
#define VG_DOC_H

#include "clean.h"
#include "tokenize.h"
#include "vigil.h"

struct vigil_doc {
    char *id, *date, *source, *url;
    char *text; /* cleaned text, paragraphs separated by "\n\n" */
    size_t len;
    vigil_removed *removed; /* public view of dropped blocks */
    vg_removed *rm;         /* owned texts */
    size_t nremoved, capremoved;
    vigil_span *sent; /* sentence spans into text */
    size_t nsent, capsent;
    uint32_t *sent_para; /* paragraph index of each sentence */
    vg_token *tok;       /* all tokens, offsets into text */
    size_t ntok, captok;
    uint32_t *sent_tok; /* first token of sentence i; sent_tok[nsent] == ntok */
    unsigned repairs;   /* invalid UTF-8 sequences repaired */
};

#endif
