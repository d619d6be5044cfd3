/*
 * test_doc.c — vigil_doc: fields, cleaning, sentences and tokens wired up
 * (doc.c), through the public API and the internal structure.
 */
#include "alloc.h"
#include "doc.h"
#include "harness.h"
#include "limits.h"
#include "utf8.h"
#include "vigil.h"

static vigil_story story(const char *id, const char *date, const char *body, int html)
{
    vigil_story s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.date = date;
    s.source = "Minas Herald";
    s.url = "https://herald.example/a/1";
    s.body = body;
    s.body_len = strlen(body);
    s.body_is_html = html;
    return s;
}

/* 1 if the text of span sp equals want. */
static int span_is(const vigil_doc *d, vigil_span sp, const char *want)
{
    size_t len;
    const char *t = vigil_doc_text(d, &len);
    size_t n = strlen(want);
    return sp.end <= len && sp.end - sp.start == n && memcmp(t + sp.start, want, n) == 0;
}

static void test_plain(void)
{
    const char *body =
        "Gondor's army moved two brigades to the river on Monday. Arnor protested.\n\n"
        "\"We will defend every bank of the Anduin,\" Gen. Hal Berin said.\n\n"
        "Support our reporting: donate today and help us keep going.\n";
    vigil_story s = story("s1", "2024-05-01", body, 0);
    vigil_doc *d = vigil_doc_new(&s, 0);
    OK(d != NULL, "doc created");
    STR_EQ(vigil_doc_id(d), "s1", "id");
    STR_EQ(vigil_doc_date(d), "2024-05-01", "date");
    STR_EQ(vigil_doc_source(d), "Minas Herald", "source");
    STR_EQ(vigil_doc_url(d), "https://herald.example/a/1", "url");
    size_t len;
    const char *text = vigil_doc_text(d, &len);
    INT_EQ(len, strlen(text), "length matches text");
    OK(strstr(text, "donate") == NULL, "appeal removed");
    INT_EQ(vigil_doc_removed_count(d), 1, "one block removed");
    const vigil_removed *r = vigil_doc_removed(d, 0);
    STR_EQ(r ? r->rule : NULL, "appeal", "removed rule");
    OK(vigil_doc_removed(d, 1) == NULL, "removed out of range is NULL");

    INT_EQ(vigil_doc_sentence_count(d), 3, "three sentences");
    OK(span_is(d, vigil_doc_sentence(d, 0),
               "Gondor's army moved two brigades to the river on Monday."),
       "sentence 0");
    OK(span_is(d, vigil_doc_sentence(d, 1), "Arnor protested."), "sentence 1");
    OK(span_is(d, vigil_doc_sentence(d, 2),
               "\"We will defend every bank of the Anduin,\" Gen. Hal Berin said."),
       "sentence 2 keeps the abbreviation and the quote");
    vigil_span none = vigil_doc_sentence(d, 99);
    INT_EQ(none.end - none.start, 0, "sentence out of range is empty");

    /* Internal structure: paragraphs and tokens. */
    INT_EQ(d->sent_para[0], 0, "sentence 0 in paragraph 0");
    INT_EQ(d->sent_para[1], 0, "sentence 1 in paragraph 0");
    INT_EQ(d->sent_para[2], 1, "sentence 2 in paragraph 1");
    INT_EQ(d->sent_tok[0], 0, "first token of sentence 0");
    INT_EQ(d->sent_tok[d->nsent], d->ntok, "sent_tok ends at ntok");
    int inside = 1;
    for (size_t i = 0; i < d->nsent; i++)
        for (uint32_t k = d->sent_tok[i]; k < d->sent_tok[i + 1]; k++)
            if (d->tok[k].start < d->sent[i].start || d->tok[k].end > d->sent[i].end) inside = 0;
    OK(inside, "every token lies inside its sentence");
    /* "Gondor's" -> "Gondor" + "'s". */
    OK(d->ntok > 2 && d->tok[0].end - d->tok[0].start == 6 && (d->tok[1].flags & VG_TF_POSS),
       "possessive split");
    INT_EQ(d->sent_tok[2] - d->sent_tok[1], 3, "Arnor protested . is three tokens");
    INT_EQ(vigil_doc_utf8_repairs(d), 0, "no repairs");
    vigil_doc_free(d);

    /* The same story with boilerplate kept. */
    d = vigil_doc_new(&s, VIGIL_CLEAN_KEEP_BOILERPLATE);
    INT_EQ(vigil_doc_removed_count(d), 0, "flags reach the cleaner");
    INT_EQ(vigil_doc_sentence_count(d), 4, "appeal kept as a sentence");
    vigil_doc_free(d);
}

static void test_html_doc(void)
{
    const char *page = "<html><head><meta property=\"article:published_time\" "
                       "content=\"2023-09-09T10:00:00Z\"></head><body>"
                       "<nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav>"
                       "<article><p>Rohan recalled its envoy from Gondor on Saturday.</p>"
                       "<p>Gondor said the move was regrettable.</p></article>"
                       "<footer>Copyright 2023 Eastfold Courier</footer></body></html>";
    vigil_story s = story("h1", "", page, 1);
    vigil_doc *d = vigil_doc_new(&s, 0);
    STR_EQ(vigil_doc_date(d), "2023-09-09", "date from page metadata");
    INT_EQ(vigil_doc_sentence_count(d), 2, "two sentences from the article");
    STR_EQ(vigil_doc_text(d, NULL),
           "Rohan recalled its envoy from Gondor on Saturday.\n\n"
           "Gondor said the move was regrettable.",
           "article text only");
    INT_EQ(vigil_doc_removed_count(d), 2, "nav and footer removed");
    vigil_doc_free(d);

    s = story("h2", "2024-01-02", page, 1);
    d = vigil_doc_new(&s, 0);
    STR_EQ(vigil_doc_date(d), "2024-01-02", "story date wins over metadata");
    vigil_doc_free(d);
}

static void test_repairs_and_limits(void)
{
    /* A story built by hand with invalid UTF-8 in the body and the id. */
    const char bad[] = "Arnor\xFF said the talks\xC3 would resume on Monday.";
    vigil_story s = story("bad\xFE", "", bad, 0);
    vigil_doc *d = vigil_doc_new(&s, 0);
    OK(vigil_doc_utf8_repairs(d) >= 3, "invalid bytes counted");
    size_t len;
    const char *t = vigil_doc_text(d, &len);
    OK(vg_utf8_valid(t, len), "text is valid UTF-8");
    OK(vg_utf8_valid(vigil_doc_id(d), strlen(vigil_doc_id(d))), "id is valid UTF-8");
    INT_EQ(vigil_doc_sentence_count(d), 1, "one sentence");
    vigil_doc_free(d);

    /* A sentence of more than VG_MAX_TOKENS tokens keeps the first ones. */
    vg_buf b;
    vg_buf_init(&b, 1u << 20);
    vg_buf_puts(&b, "Gondor");
    for (unsigned i = 0; i < 900; i++) vg_buf_puts(&b, " and Arnor"); /* 9000 bytes */
    vg_buf_puts(&b, " met.");
    s = story("long", "", b.ptr, 0);
    d = vigil_doc_new(&s, 0);
    /* The splitter cuts the 9000-byte sentence at the byte limit. */
    INT_EQ(vigil_doc_sentence_count(d), 2, "long sentence cut in two");
    INT_EQ(d->sent_tok[1] - d->sent_tok[0], VG_MAX_TOKENS, "tokens capped at VG_MAX_TOKENS");
    vigil_span sp = vigil_doc_sentence(d, 0);
    OK(sp.end - sp.start <= VG_MAX_SENTENCE_BYTES, "sentence within the byte limit");
    vigil_doc_free(d);
    vg_buf_free(&b);

    /* Empty bodies and NULL. */
    s = story("empty", "", "", 0);
    d = vigil_doc_new(&s, 0);
    INT_EQ(vigil_doc_sentence_count(d), 0, "empty story has no sentences");
    STR_EQ(vigil_doc_text(d, NULL), "", "empty text");
    INT_EQ(d->sent_tok[0], 0, "sent_tok has its final entry");
    vigil_doc_free(d);
    OK(vigil_doc_new(NULL, 0) == NULL, "NULL story gives NULL");
    vigil_doc_free(NULL);
    OK(1, "vigil_doc_free(NULL) is fine");
}

/* Every story a reader gives says its body is checked, and is: valid
 * UTF-8 without NUL (vigil_doc_new skips its own check for it). The doc of
 * each is the one made with the check, text and sentences. Inputs in each
 * format, with invalid bytes, escapes, a NUL escape, a cut character. */
static void test_reader_checked(void)
{
    static const struct {
        vigil_format f;
        const char *in;
    } inputs[] = {
        {VIGIL_FORMAT_JSONL, "{\"id\":\"a\",\"text\":\"Arnor \xE2\x80\x9Csaid\xE2\x80\x9D it. "
                             "Gondor \\u2019s army\\n moved.\"}\n"
                             "{\"id\":\"b\",\"text\":\"bad \xFF\xC3 bytes \xE2\x80 here.\"}\n"
                             "{\"id\":\"c\",\"text\":\"nul \\u0000 in it, \\u00e9 too.\"}\n"
                             "{\"id\":\"d\",\"html\":\"<p>Rohan \xED\xA0\x80 rode.</p>\"}\n"},
        {VIGIL_FORMAT_TEXT, "Minas \xC0\xAF Tirith held. The siege \xF4\x90\x80\x80 ended\xE2"},
        {VIGIL_FORMAT_HTML,
         "<html><body><p>Edoras \xFE burned. Theoden \xE2\x80\x94 rode.</p></body></html>"},
        {VIGIL_FORMAT_XML, "<Sentences><Sentence id=\"x1\" date=\"20240101\"><Text>Arnor \xFF "
                           "met Gondor.</Text></Sentence></Sentences>"},
    };
    int stories = 0, bad = 0;
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        vigil_reader *r = vigil_reader_new(inputs[k].f, "in", "2024-01-01");
        vigil_reader_feed(r, inputs[k].in, strlen(inputs[k].in));
        vigil_reader_finish(r);
        const vigil_story *st;
        while (vigil_reader_next(r, &st) == VIGIL_OK) {
            stories++;
            if (!st->body_checked || !vg_utf8_valid(st->body, st->body_len)) bad++;
            vigil_story unchecked = *st;
            unchecked.body_checked = 0;
            vigil_doc *a = vigil_doc_new(st, 0), *b = vigil_doc_new(&unchecked, 0);
            size_t na, nb;
            const char *ta = vigil_doc_text(a, &na), *tb = vigil_doc_text(b, &nb);
            if (na != nb || memcmp(ta, tb, na) != 0 ||
                vigil_doc_sentence_count(a) != vigil_doc_sentence_count(b) ||
                vigil_doc_utf8_repairs(b) != 0)
                bad++;
            vigil_doc_free(a);
            vigil_doc_free(b);
        }
        vigil_reader_free(r);
    }
    INT_EQ(bad, 0, "reader bodies are checked UTF-8, and their docs need no repair");
    OK(stories == 7, "a story from each record");
}

int main(void)
{
    test_reader_checked();
    test_plain();
    test_html_doc();
    test_repairs_and_limits();
    TEST_MAIN_END();
}
