/*
 * doc.c — one story after reading, cleaning, sentence splitting and
 * tokenising (the vigil_doc_* functions of vigil.h; structure in doc.h).
 *
 * vigil_doc_new copies the story's fields (repairing invalid UTF-8, since a
 * story may be built by hand rather than by the reader), cuts the body
 * into blocks (html.c for HTML, clean.c for plain text), cleans them, then
 * splits each kept paragraph into sentences and each sentence into tokens.
 * Sentences never cross a paragraph break: the splitter is given one
 * paragraph at a time, which also gives every sentence its paragraph
 * index. Limits (limits.h) bound the number of sentences, the bytes of a
 * sentence and the tokens coded per sentence.
 */
#include "doc.h"

#include "alloc.h"
#include "html.h"
#include "limits.h"
#include "sentence.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* Copies a field, repairing invalid UTF-8 and cutting it at the field
 * limit (the repair keeps a cut character from becoming invalid). */
static char *copy_field(const char *s, unsigned *repairs)
{
    if (!s) return vg_strdup("");
    size_t n = strlen(s);
    if (n > VG_MAX_FIELD_BYTES) n = VG_MAX_FIELD_BYTES;
    if (vg_utf8_valid(s, n)) return vg_strndup(s, n);
    vg_buf b;
    vg_buf_init(&b, 4 * (size_t)VG_MAX_FIELD_BYTES);
    *repairs += vg_utf8_repair(s, n, &b);
    if (!b.ptr) return vg_strdup("");
    return vg_buf_take(&b);
}

/* Builds the public view of the removed blocks once they are final. */
static void publish_removed(vigil_doc *d)
{
    d->removed = vg_calloc(d->nremoved ? d->nremoved : 1, sizeof *d->removed);
    for (size_t i = 0; i < d->nremoved; i++) {
        d->removed[i].text = d->rm[i].text;
        d->removed[i].rule = d->rm[i].rule;
    }
}

/* Limits met while building a doc, counted so each kind is reported once. */
typedef struct doc_limits {
    size_t long_sentences; /* cut into pieces at VG_MAX_SENTENCE_BYTES */
    size_t many_tokens;    /* sentences with more than VG_MAX_TOKENS tokens */
    int sentences;         /* VG_MAX_SENTENCES reached */
} doc_limits;

/* Records a limit the doc met as a removed block with rule "limit", so a
 * caller sees in the doc itself (vigil_doc_removed, `vigil clean`) that
 * part of the story was not coded and which named limit did it. */
static void note_limit(vigil_doc *d, const char *msg)
{
    vg_removed r = {vg_strdup(msg), "limit"};
    VG_PUSH(d->rm, d->nremoved, d->capremoved, r);
}

/*
 * Adds the sentences of paragraph text[ps, pe) and their tokens. A
 * sentence longer than VG_MAX_SENTENCE_BYTES is cut at the last token that
 * fits, and only its first VG_MAX_TOKENS tokens are kept for coding.
 * Returns 0 once the story's sentence limit is reached.
 */
static int add_paragraph(vigil_doc *d, size_t ps, size_t pe, uint32_t para, doc_limits *lim,
                         vigil_span **spanv, size_t *caps)
{
    size_t ns = 0;
    vg_split_sentences(d->text + ps, pe - ps, spanv, &ns, caps);
    const vigil_span *spans = *spanv;
    int more = 1;
    for (size_t i = 0; i < ns; i++) {
        if (d->nsent >= VG_MAX_SENTENCES) {
            lim->sentences = 1;
            more = 0;
            break;
        }
        vigil_span sp = {spans[i].start + (uint32_t)ps, spans[i].end + (uint32_t)ps};
        if (sp.end <= sp.start || sp.end > pe) continue;
        size_t first = d->ntok;
        vg_tokenize_in(d->text, d->len, sp.start, sp.end, &d->tok, &d->ntok, &d->captok);
        /* The splitter cuts an overlong sentence at the last space within
         * the limit: a piece that long was (almost surely) such a cut. */
        if (sp.end - sp.start + VG_MAX_WORD_BYTES > VG_MAX_SENTENCE_BYTES) lim->long_sentences++;
        if (sp.end - sp.start > VG_MAX_SENTENCE_BYTES) {
            size_t k = first;
            while (k < d->ntok && d->tok[k].end <= sp.start + VG_MAX_SENTENCE_BYTES) k++;
            d->ntok = k;
            if (k > first)
                sp.end = d->tok[k - 1].end;
            else
                sp.end = sp.start + VG_MAX_SENTENCE_BYTES;
        }
        if (d->ntok - first > VG_MAX_TOKENS) {
            d->ntok = first + VG_MAX_TOKENS;
            lim->many_tokens++;
        }
        size_t oldcap = d->capsent;
        VG_PUSH(d->sent, d->nsent, d->capsent, sp);
        /* sent_para and sent_tok grow with sent: capsent is their capacity
         * too (plus one for sent_tok's final entry). */
        if (d->capsent != oldcap || !d->sent_tok) {
            d->sent_para = vg_realloc(d->sent_para, d->capsent * sizeof *d->sent_para);
            d->sent_tok = vg_realloc(d->sent_tok, (d->capsent + 1) * sizeof *d->sent_tok);
        }
        d->sent_para[d->nsent - 1] = para;
        d->sent_tok[d->nsent - 1] = (uint32_t)first;
    }
    return more;
}

/* Where the paragraph starting at ps ends: the next "\n\n" (the text holds
 * no NUL, so this is what strstr finds), or len. Found by memchr for the
 * newline, which is rare inside a paragraph. */
static size_t para_end(const char *t, size_t ps, size_t len)
{
    for (size_t i = ps; i < len;) {
        const char *nl = memchr(t + i, '\n', len - i);
        if (!nl) break;
        i = (size_t)(nl - t);
        if (i + 1 < len && t[i + 1] == '\n') return i;
        i++;
    }
    return len;
}

static void split_text(vigil_doc *d)
{
    uint32_t para = 0;
    size_t ps = 0;
    doc_limits lim = {0, 0, 0};
    /* Room for the tokens at once (news runs about six bytes a token; at
     * most 65,536 reserved), instead of a grow and copy every time the
     * array doubles: about seven a story. */
    size_t guess = d->len / 5 + 16;
    if (guess > 65536) guess = 65536;
    if (guess > d->captok) vg_grow((void **)&d->tok, &d->captok, guess, sizeof *d->tok);
    /* Likewise the sentences (news runs over 100 bytes a sentence; a
     * guess of one per 64 bytes, at most VG_MAX_SENTENCES), with the
     * arrays that grow with them, and one array of spans for every
     * paragraph of the story. */
    size_t sguess = d->len / 64 + 4;
    if (sguess > VG_MAX_SENTENCES) sguess = VG_MAX_SENTENCES;
    if (sguess > d->capsent) {
        vg_grow((void **)&d->sent, &d->capsent, sguess, sizeof *d->sent);
        d->sent_para = vg_realloc(d->sent_para, d->capsent * sizeof *d->sent_para);
        d->sent_tok = vg_realloc(d->sent_tok, (d->capsent + 1) * sizeof *d->sent_tok);
    }
    vigil_span *spans = NULL;
    size_t caps = 0;
    vg_grow((void **)&spans, &caps, sguess, sizeof *spans);
    while (ps < d->len) {
        size_t pe = para_end(d->text, ps, d->len);
        if (pe > ps && !add_paragraph(d, ps, pe, para, &lim, &spans, &caps)) break;
        para++;
        ps = pe < d->len ? pe + 2 : d->len;
    }
    vg_free(spans);
    char msg[160];
    if (lim.sentences) {
        snprintf(msg, sizeof msg,
                 "story has more than %u sentences (VG_MAX_SENTENCES); the rest is not coded",
                 VG_MAX_SENTENCES);
        note_limit(d, msg);
    }
    if (lim.long_sentences) {
        snprintf(msg, sizeof msg,
                 "%zu sentence pieces at the %u-byte limit (VG_MAX_SENTENCE_BYTES): overlong "
                 "sentences were cut",
                 lim.long_sentences, VG_MAX_SENTENCE_BYTES);
        note_limit(d, msg);
    }
    if (lim.many_tokens) {
        snprintf(msg, sizeof msg,
                 "%zu sentences have more than %u tokens (VG_MAX_TOKENS); only the first %u "
                 "are coded",
                 lim.many_tokens, VG_MAX_TOKENS, VG_MAX_TOKENS);
        note_limit(d, msg);
    }
    d->sent_tok = vg_realloc(d->sent_tok, (d->capsent + 1) * sizeof *d->sent_tok);
    d->sent_tok[d->nsent] = (uint32_t)d->ntok;
}

vigil_doc *vigil_doc_new(const vigil_story *story, unsigned flags)
{
    if (!story) return NULL;
    vigil_doc *d = vg_calloc(1, sizeof *d);
    d->id = copy_field(story->id, &d->repairs);
    d->source = copy_field(story->source, &d->repairs);
    d->url = copy_field(story->url, &d->repairs);
    char *date = copy_field(story->date, &d->repairs);

    /* The body, valid UTF-8 and within the story limit. */
    const char *body = story->body ? story->body : "";
    size_t blen = story->body ? story->body_len : 0;
    int cut_story = blen > VG_MAX_STORY_BYTES;
    if (cut_story) blen = VG_MAX_STORY_BYTES;
    vg_buf fixed;
    vg_buf_init(&fixed, 4 * (size_t)VG_MAX_STORY_BYTES);
    /* A reader's body is checked already (one pass less over every
     * story); one cut here may end inside a character. */
    if ((cut_story || !story->body_checked) && !vg_utf8_valid(body, blen)) {
        d->repairs += vg_utf8_repair(body, blen, &fixed);
        body = fixed.ptr ? fixed.ptr : "";
        blen = fixed.len;
    }

    vg_blocks blocks = {0};
    char page_date[11] = "";
    if (story->body_is_html)
        vg_html_blocks(body, blen, &blocks, page_date, NULL);
    else
        vg_text_blocks(body, blen, &blocks);
    vg_buf_free(&fixed);

    if ((date[0] == '\0' || story->date_is_default) && page_date[0] != '\0') {
        vg_free(date);
        date = vg_strdup(page_date);
    }
    d->date = date;

    vg_buf text;
    vg_buf_init(&text, 2 * (size_t)VG_MAX_STORY_BYTES);
    vg_clean(&blocks, flags, &text, &d->rm, &d->nremoved, &d->capremoved);
    vg_blocks_free(&blocks);
    d->len = text.len;
    d->text = text.ptr ? vg_buf_take(&text) : vg_strdup("");
    vg_buf_free(&text);
    if (cut_story) {
        char msg[128];
        snprintf(msg, sizeof msg,
                 "story body longer than %u bytes (VG_MAX_STORY_BYTES); the rest is not coded",
                 VG_MAX_STORY_BYTES);
        note_limit(d, msg);
    }
    split_text(d);
    /* After the split, which may add "limit" notes to the removed blocks. */
    publish_removed(d);
    return d;
}

void vigil_doc_free(vigil_doc *d)
{
    if (!d) return;
    vg_free(d->id);
    vg_free(d->date);
    vg_free(d->source);
    vg_free(d->url);
    vg_free(d->text);
    for (size_t i = 0; i < d->nremoved; i++) vg_free(d->rm[i].text);
    vg_free(d->rm);
    vg_free(d->removed);
    vg_free(d->sent);
    vg_free(d->sent_para);
    vg_free(d->tok);
    vg_free(d->sent_tok);
    vg_free(d);
}

const char *vigil_doc_id(const vigil_doc *d)
{
    return d ? d->id : "";
}

const char *vigil_doc_date(const vigil_doc *d)
{
    return d ? d->date : "";
}

const char *vigil_doc_source(const vigil_doc *d)
{
    return d ? d->source : "";
}

const char *vigil_doc_url(const vigil_doc *d)
{
    return d ? d->url : "";
}

const char *vigil_doc_text(const vigil_doc *d, size_t *len)
{
    if (len) *len = d ? d->len : 0;
    return d ? d->text : "";
}

size_t vigil_doc_removed_count(const vigil_doc *d)
{
    return d ? d->nremoved : 0;
}

const vigil_removed *vigil_doc_removed(const vigil_doc *d, size_t i)
{
    return d && i < d->nremoved ? &d->removed[i] : NULL;
}

size_t vigil_doc_sentence_count(const vigil_doc *d)
{
    return d ? d->nsent : 0;
}

vigil_span vigil_doc_sentence(const vigil_doc *d, size_t i)
{
    vigil_span none = {0, 0};
    return d && i < d->nsent ? d->sent[i] : none;
}

unsigned vigil_doc_utf8_repairs(const vigil_doc *d)
{
    return d ? d->repairs : 0;
}
