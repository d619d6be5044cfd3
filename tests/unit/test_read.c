/*
 * test_read.c — story readers: format detection, text, JSON lines, XML and
 * HTML inputs, chunked feeding, repairs, limits and diagnostics.
 *
 * Each input is read into a transcript (one line per story, then the
 * diagnostics), so that feeding the same bytes in chunks of any size can be
 * checked to give exactly the same result. The fixture files live in
 * tests/fixtures/read (tests/run.sh runs from the repository root).
 */
#include "harness.h"

#include "buf.h"
#include "vigil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

static void on_diag(void *data, const char *msg)
{
    vg_buf *b = data;
    vg_buf_puts(b, msg);
    vg_buf_putc(b, '\n');
}

/* The outcome of reading one input. */
typedef struct result {
    vg_buf stories; /* "id|date|source|url|html|line|body" per story */
    vg_buf diags;   /* one diagnostic per line */
    unsigned count, skipped;
    vigil_format format;
} result;

static void result_free(result *res)
{
    vg_buf_free(&res->stories);
    vg_buf_free(&res->diags);
}

static void drain(vigil_reader *r, result *res)
{
    const vigil_story *s;
    while (vigil_reader_next(r, &s) == VIGIL_OK) {
        res->count++;
        vg_buf_printf(&res->stories, "%s|%s|%s|%s|%d|%u|", s->id, s->date, s->source, s->url,
                      s->body_is_html, s->line);
        vg_buf_put(&res->stories, s->body, s->body_len);
        vg_buf_putc(&res->stories, '\n');
        if (strlen(s->body) != s->body_len) vg_buf_puts(&res->stories, "!! body_len mismatch\n");
    }
}

/* Reads input in chunks of `chunk` bytes (0: all at once), draining the
 * reader after every feed as a streaming caller would. */
static void run(vigil_format f, const char *name, const char *date, const char *in, size_t n,
                size_t chunk, result *res)
{
    memset(res, 0, sizeof *res);
    vg_buf_init(&res->stories, (size_t)1 << 30);
    vg_buf_init(&res->diags, (size_t)1 << 20);
    vigil_reader *r = vigil_reader_new(f, name, date);
    vigil_reader_set_diag(r, on_diag, &res->diags);
    if (chunk == 0) chunk = n ? n : 1;
    for (size_t i = 0; i < n; i += chunk) {
        vigil_reader_feed(r, in + i, n - i < chunk ? n - i : chunk);
        drain(r, res);
    }
    vigil_reader_finish(r);
    drain(r, res);
    res->skipped = vigil_reader_skipped(r);
    res->format = vigil_reader_format(r);
    vigil_reader_free(r);
}

static const char *S(const vg_buf *b)
{
    return b->ptr ? b->ptr : "";
}

/* Reads `in` whole and in several chunk sizes; all must agree. */
static void same_in_chunks(vigil_format f, const char *name, const char *in, size_t n,
                           const char *what)
{
    static const size_t sizes[] = {1, 2, 3, 5, 7, 13, 64, 4096};
    result whole;
    run(f, name, "2024-01-01", in, n, 0, &whole);
    int same = 1;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        result part;
        run(f, name, "2024-01-01", in, n, sizes[k], &part);
        if (strcmp(S(&whole.stories), S(&part.stories)) != 0 ||
            strcmp(S(&whole.diags), S(&part.diags)) != 0 || whole.skipped != part.skipped ||
            whole.format != part.format) {
            same = 0;
            fprintf(stderr, "chunk %zu differs:\n%s%s--- vs\n%s%s", sizes[k], S(&whole.stories),
                    S(&whole.diags), S(&part.stories), S(&part.diags));
        }
        result_free(&part);
    }
    OK(same, what);
    OK(whole.count > 0 || n == 0, what);
    result_free(&whole);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    vg_buf b;
    vg_buf_init(&b, (size_t)1 << 24);
    char tmp[4096];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) vg_buf_put(&b, tmp, k);
    fclose(f);
    *len = b.len;
    return vg_buf_take(&b);
}

static int contains(const vg_buf *b, const char *needle)
{
    return strstr(S(b), needle) != NULL;
}

/* ------------------------------------------------------------ formats */

static void test_format_names(void)
{
    STR_EQ(vigil_format_name(VIGIL_FORMAT_AUTO), "auto", "name auto");
    STR_EQ(vigil_format_name(VIGIL_FORMAT_TEXT), "text", "name text");
    STR_EQ(vigil_format_name(VIGIL_FORMAT_JSONL), "jsonl", "name jsonl");
    STR_EQ(vigil_format_name(VIGIL_FORMAT_XML), "xml", "name xml");
    STR_EQ(vigil_format_name(VIGIL_FORMAT_HTML), "html", "name html");
    OK(vigil_format_name((vigil_format)42) == NULL, "unknown format name");
    vigil_format f = VIGIL_FORMAT_AUTO;
    INT_EQ(vigil_format_parse("jsonl", &f), VIGIL_OK, "parse jsonl");
    INT_EQ(f, VIGIL_FORMAT_JSONL, "parsed jsonl");
    INT_EQ(vigil_format_parse("XML", &f), VIGIL_OK, "parse XML");
    INT_EQ(f, VIGIL_FORMAT_XML, "parsed xml");
    INT_EQ(vigil_format_parse("yaml", &f), VIGIL_ERR_ARG, "parse unknown");
    INT_EQ(vigil_format_parse("jsonlx", &f), VIGIL_ERR_ARG, "parse longer name");
    INT_EQ(vigil_format_parse(NULL, &f), VIGIL_ERR_ARG, "parse NULL");
    OK(vigil_reader_new((vigil_format)42, "x", NULL) == NULL, "reader with bad format");
}

static void test_detect(void)
{
    struct {
        const char *in;
        vigil_format want;
    } cases[] = {
        {"{\"id\":1}", VIGIL_FORMAT_JSONL},
        {"  \n\n{\"id\":1}", VIGIL_FORMAT_JSONL},
        {"\xEF\xBB\xBF{\"id\":1}", VIGIL_FORMAT_JSONL},
        {"<?xml version=\"1.0\"?>\n<Sentences>", VIGIL_FORMAT_XML},
        {"<?xml version=\"1.0\"?><!-- records --><Validation>", VIGIL_FORMAT_XML},
        {"<Validation>\n<!-- x -->", VIGIL_FORMAT_XML},
        {"<Sentence date=\"20080101\" id=\"A\">", VIGIL_FORMAT_XML},
        {"\xEF\xBB\xBF<Sentences>", VIGIL_FORMAT_XML},
        {"<!DOCTYPE html><html><body>", VIGIL_FORMAT_HTML},
        {"<!doctype HTML>\n<p>x", VIGIL_FORMAT_HTML},
        {"<html lang=\"en\">", VIGIL_FORMAT_HTML},
        {"<head><title>x</title>", VIGIL_FORMAT_HTML},
        {"<div class=\"story\">", VIGIL_FORMAT_HTML},
        {"<p>Arnor said", VIGIL_FORMAT_HTML},
        {"<article>", VIGIL_FORMAT_HTML},
        {"<meta charset=\"utf-8\">", VIGIL_FORMAT_HTML},
        {"<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"x\"><html>", VIGIL_FORMAT_HTML},
        {"<?xml version=\"1.0\"?><rss>", VIGIL_FORMAT_HTML},
        {"<SentenceX>", VIGIL_FORMAT_HTML},
        {"Arnor and Gondor met.", VIGIL_FORMAT_TEXT},
        {"   Arnor", VIGIL_FORMAT_TEXT},
        {"", VIGIL_FORMAT_TEXT},
        {"[1,2,3]", VIGIL_FORMAT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char what[96];
        snprintf(what, sizeof what, "detect case %zu", i);
        INT_EQ(vigil_format_detect(cases[i].in, strlen(cases[i].in)), cases[i].want, what);
    }
}

/* AUTO decides as soon as it can: at the first '{' for JSON lines. */
static void test_auto_decides_early(void)
{
    vigil_reader *r = vigil_reader_new(VIGIL_FORMAT_AUTO, "in.jsonl", NULL);
    vigil_reader_feed(r, "\xEF\xBB", 2);
    INT_EQ(vigil_reader_format(r), VIGIL_FORMAT_AUTO, "undecided within the BOM");
    vigil_reader_feed(r, "\xBF  \n", 4);
    INT_EQ(vigil_reader_format(r), VIGIL_FORMAT_AUTO, "undecided on white space");
    vigil_reader_feed(r, "{\"id\":\"a\",", 10);
    INT_EQ(vigil_reader_format(r), VIGIL_FORMAT_JSONL, "decided at '{'");
    const vigil_story *s = NULL;
    INT_EQ(vigil_reader_next(r, &s), VIGIL_DONE, "no story before the newline");
    vigil_reader_feed(r, "\"text\":\"Arnor protested.\"}\n", 27);
    INT_EQ(vigil_reader_next(r, &s), VIGIL_OK, "story at the newline, before finish");
    STR_EQ(s ? s->id : NULL, "a", "streamed id");
    INT_EQ(s ? s->line : 0, 2, "line counts the blank first line");
    INT_EQ(vigil_reader_next(r, &s), VIGIL_DONE, "then none");
    vigil_reader_finish(r);
    INT_EQ(vigil_reader_feed(r, "x", 1), VIGIL_ERR_ARG, "feed after finish");
    vigil_reader_free(r);
    vigil_reader_free(NULL);

    r = vigil_reader_new(VIGIL_FORMAT_AUTO, "page", NULL);
    vigil_reader_feed(r, "<?xml version=\"1.0\"?>\n<Sent", 27);
    INT_EQ(vigil_reader_format(r), VIGIL_FORMAT_AUTO, "undecided mid-name");
    vigil_reader_feed(r, "ences>", 6);
    INT_EQ(vigil_reader_format(r), VIGIL_FORMAT_XML, "decided once the name is in");
    vigil_reader_free(r);
}

/* --------------------------------------------------------------- text */

static void test_text(void)
{
    const char *body = "Arnor and Gondor met.\n\nThey agreed to talk again.\n";
    result res;
    run(VIGIL_FORMAT_TEXT, "/data/news/article.txt", "2024-09-09", body, strlen(body), 0, &res);
    INT_EQ(res.count, 1, "text: one story");
    char want[256];
    snprintf(want, sizeof want, "article|2024-09-09|||0|1|%s\n", body);
    STR_EQ(S(&res.stories), want, "text: fields and body");
    STR_EQ(S(&res.diags), "", "text: no diagnostics");
    result_free(&res);

    run(VIGIL_FORMAT_AUTO, "-", NULL, body, strlen(body), 0, &res);
    INT_EQ(res.format, VIGIL_FORMAT_TEXT, "auto: text");
    snprintf(want, sizeof want, "stdin||||0|1|%s\n", body);
    STR_EQ(S(&res.stories), want, "stdin id, no date");
    result_free(&res);

    run(VIGIL_FORMAT_TEXT, "notes.2024.txt", NULL, "x", 1, 0, &res);
    STR_EQ(S(&res.stories), "notes.2024||||0|1|x\n", "only the final extension goes");
    result_free(&res);
    run(VIGIL_FORMAT_TEXT, "dir.d/README", NULL, "x", 1, 0, &res);
    STR_EQ(S(&res.stories), "README||||0|1|x\n", "dots in directories are not extensions");
    result_free(&res);

    run(VIGIL_FORMAT_TEXT, "empty.txt", NULL, "", 0, 0, &res);
    INT_EQ(res.count, 0, "empty text: no story");
    result_free(&res);
    run(VIGIL_FORMAT_AUTO, "blank.txt", NULL, " \n\t\n", 4, 0, &res);
    INT_EQ(res.count, 0, "white space: no story");
    result_free(&res);

    const char bom[] = "\xEF\xBB\xBFGondor";
    run(VIGIL_FORMAT_TEXT, "b.txt", NULL, bom, strlen(bom), 1, &res);
    STR_EQ(S(&res.stories), "b||||0|1|Gondor\n", "BOM dropped (byte by byte)");
    result_free(&res);
    run(VIGIL_FORMAT_TEXT, "c.txt", NULL, "\xEF\xBB", 2, 0, &res);
    STR_EQ(S(&res.stories),
           "c||||0|1|"
           "\xEF\xBF\xBD"
           "\n",
           "partial BOM is text (repaired)");
    result_free(&res);

    /* Invalid UTF-8 and NUL bytes are repaired and reported once. */
    const char bad[] = "Ar\xFFnor\0and Gondor\xE2\x82";
    run(VIGIL_FORMAT_TEXT, "bad.txt", NULL, bad, sizeof bad - 1, 0, &res);
    STR_EQ(S(&res.stories), "bad||||0|1|Ar\xEF\xBF\xBDnor and Gondor\xEF\xBF\xBD\n",
           "text repaired");
    STR_EQ(S(&res.diags), "bad.txt:1: invalid UTF-8 repaired (3 sequences)\n", "repair reported");
    result_free(&res);

    same_in_chunks(VIGIL_FORMAT_AUTO, "t.txt", bad, sizeof bad - 1, "text in chunks");
}

/* ---------------------------------------------------------- JSON lines */

static const char JSONL[] =
    "{\"id\":\"s1\",\"date\":\"2024-09-09T12:00:00Z\",\"text\":\"Gondor recalled its "
    "envoy.\",\"source\":\"Herald\",\"url\":\"https://example.org/a\"}\n"
    "{\"id\":\"s2\",\"text\":\"broken\"\n"
    "\n"
    "   \r\n"
    "{\"id\":12345,\"date\":\"20240911\",\"html\":\"<p>Arnor closed the border.</p>\"}\r\n"
    "{\"text\":\"No id here.\",\"date\":\"yesterday\"}\n"
    "[1,2]\n"
    "{\"id\":\"s7\",\"title\":\"no body\"}\n"
    "{\"id\":\"s8\",\"text\":\"ok\"} trailing\n"
    "{\"id\":\"s9\",\"date\":\"2023-02-29\",\"text\":\"Rohan \\u00e9lan \\\"quoted\\\".\"}\n"
    "{\"id\":\"s10\",\"text\":\"last line without newline\",\"date\":null}";

static void test_jsonl(void)
{
    result res;
    run(VIGIL_FORMAT_JSONL, "feeds/stories.jsonl", "2024-01-01", JSONL, strlen(JSONL), 0, &res);
    INT_EQ(res.count, 5, "jsonl: five stories");
    INT_EQ(res.skipped, 4, "jsonl: four skipped");
    STR_EQ(S(&res.stories),
           "s1|2024-09-09|Herald|https://example.org/a|0|1|Gondor recalled its envoy.\n"
           "12345|2024-09-11|||1|5|<p>Arnor closed the border.</p>\n"
           "stories:6|2024-01-01|||0|6|No id here.\n"
           "s9|2024-01-01|||0|10|Rohan \xC3\xA9lan \"quoted\".\n"
           "s10|2024-01-01|||0|11|last line without newline\n",
           "jsonl: stories");
    OK(contains(&res.diags, "feeds/stories.jsonl:2: malformed JSON line (invalid JSON at column "),
       "bad line reported with its number");
    OK(contains(&res.diags, "feeds/stories.jsonl:6: bad date \"yesterday\", using 2024-01-01\n"),
       "bad date reported");
    OK(contains(&res.diags, "feeds/stories.jsonl:7: malformed JSON line (not a JSON object), "
                            "record skipped\n"),
       "array line reported");
    OK(contains(&res.diags, "feeds/stories.jsonl:8: malformed JSON line (no \"text\" or \"html\" "
                            "string), record skipped\n"),
       "record without body reported");
    OK(contains(&res.diags, "feeds/stories.jsonl:9: malformed JSON line (unexpected text after "
                            "the object at column 24), record skipped\n"),
       "trailing text reported");
    OK(contains(&res.diags, "feeds/stories.jsonl:10: bad date \"2023-02-29\""),
       "impossible day reported");
    OK(!contains(&res.diags, ":3:") && !contains(&res.diags, ":4:"), "blank lines are quiet");
    result_free(&res);

    same_in_chunks(VIGIL_FORMAT_JSONL, "s.jsonl", JSONL, strlen(JSONL), "jsonl in chunks");
    same_in_chunks(VIGIL_FORMAT_AUTO, "s.jsonl", JSONL, strlen(JSONL), "auto jsonl in chunks");

    /* Without a default date, records without one get "". */
    const char one[] =
        "{\"id\":\"x\",\"text\":\"t\"}\n{\"id\":7.5,\"text\":\"u\",\"date\":\"x\"}\n";
    run(VIGIL_FORMAT_AUTO, "o.jsonl", NULL, one, strlen(one), 0, &res);
    STR_EQ(S(&res.stories), "x||||0|1|t\n7.5||||0|2|u\n", "no default date; fractional id");
    STR_EQ(S(&res.diags), "o.jsonl:2: bad date \"x\" ignored\n", "bad date without default");
    result_free(&res);

    /* Object ids are not ids: the fallback is used and the problem said. */
    const char objid[] = "{\"id\":{\"a\":1},\"text\":\"t\"}\n";
    run(VIGIL_FORMAT_JSONL, "-", NULL, objid, strlen(objid), 0, &res);
    STR_EQ(S(&res.stories), "stdin:1||||0|1|t\n", "object id replaced");
    OK(contains(&res.diags, "stdin:1: \"id\" is not a string or number"), "object id reported");
    result_free(&res);
}

static void test_jsonl_utf8(void)
{
    /* Raw invalid bytes and a raw NUL inside JSON strings. */
    const char in[] = "{\"id\":\"u\\u00e9\",\"text\":\"Ar\xFFnor \xC0\xAF and\0Gondor\"}\n"
                      "{\"id\":\"clean\",\"text\":\"Caf\xC3\xA9\"}\n";
    result res;
    run(VIGIL_FORMAT_JSONL, "u.jsonl", NULL, in, sizeof in - 1, 0, &res);
    STR_EQ(S(&res.stories),
           "u\xC3\xA9||||0|1|Ar\xEF\xBF\xBDnor \xEF\xBF\xBD\xEF\xBF\xBD and Gondor\n"
           "clean||||0|2|Caf\xC3\xA9\n",
           "json strings repaired");
    STR_EQ(S(&res.diags), "u.jsonl:1: invalid UTF-8 repaired (4 sequences)\n",
           "one repair message for the story");
    result_free(&res);
    same_in_chunks(VIGIL_FORMAT_AUTO, "u.jsonl", in, sizeof in - 1, "repairs in chunks");
}

static void test_jsonl_limits(void)
{
    /* A field over VG_MAX_FIELD_BYTES is cut at a character boundary. */
    vg_buf in;
    vg_buf_init(&in, (size_t)1 << 20);
    vg_buf_puts(&in, "{\"id\":\"");
    for (int i = 0; i < 3000; i++) vg_buf_puts(&in, "\xC3\xA9");
    vg_buf_puts(&in, "\",\"source\":\"x\",\"text\":\"t\"}\n");
    vigil_reader *r = vigil_reader_new(VIGIL_FORMAT_JSONL, "big.jsonl", NULL);
    vg_buf diags;
    vg_buf_init(&diags, 1 << 16);
    vigil_reader_set_diag(r, on_diag, &diags);
    vigil_reader_feed(r, in.ptr, in.len);
    vigil_reader_finish(r);
    const vigil_story *s = NULL;
    INT_EQ(vigil_reader_next(r, &s), VIGIL_OK, "long id story");
    INT_EQ(s ? strlen(s->id) : 0, 4096, "id cut to 4096 bytes");
    OK(s && (s->id[4095] & 0xC0) == 0x80 && (s->id[4094] & 0xC0) == 0xC0, "cut on a boundary");
    STR_EQ(s ? s->source : NULL, "x", "other fields kept");
    STR_EQ(S(&diags), "big.jsonl:1: id longer than 4096 bytes (VG_MAX_FIELD_BYTES), truncated\n",
           "field limit reported");
    vigil_reader_free(r);
    vg_buf_free(&in);
    vg_buf_reset(&diags);

    /* A line over VG_MAX_RECORD_BYTES is skipped without being kept. */
    r = vigil_reader_new(VIGIL_FORMAT_AUTO, "huge.jsonl", NULL);
    vigil_reader_set_diag(r, on_diag, &diags);
    const char *first = "{\"id\":\"a\",\"text\":\"before\"}\n{\"id\":\"b\",\"text\":\"";
    vigil_reader_feed(r, first, strlen(first));
    size_t chunk = (size_t)1 << 20;
    char *x = malloc(chunk);
    memset(x, 'x', chunk);
    for (int i = 0; i < 33; i++) vigil_reader_feed(r, x, chunk);
    free(x);
    const char *rest = "\"}\n{\"id\":\"c\",\"text\":\"after\"}\n";
    vigil_reader_feed(r, rest, strlen(rest));
    vigil_reader_finish(r);
    result res;
    memset(&res, 0, sizeof res);
    vg_buf_init(&res.stories, 1 << 20);
    drain(r, &res);
    STR_EQ(S(&res.stories), "a||||0|1|before\nc||||0|3|after\n", "stories around the huge line");
    INT_EQ(vigil_reader_skipped(r), 1, "huge line skipped");
    STR_EQ(S(&diags),
           "huge.jsonl:2: record longer than 33554432 bytes (VG_MAX_RECORD_BYTES), "
           "skipped\n",
           "huge line reported once");
    vigil_reader_free(r);
    vg_buf_free(&res.stories);
    vg_buf_free(&diags);
}

/* A text story over VG_MAX_STORY_BYTES is cut at a character boundary. */
static void test_text_limit(void)
{
    vigil_reader *r = vigil_reader_new(VIGIL_FORMAT_TEXT, "long.txt", NULL);
    vg_buf diags;
    vg_buf_init(&diags, 1 << 16);
    vigil_reader_set_diag(r, on_diag, &diags);
    size_t chunk = (size_t)1 << 20;
    char *x = malloc(chunk);
    for (size_t i = 0; i < chunk; i += 2) x[i] = (char)0xC3, x[i + 1] = (char)0xA9;
    vigil_reader_feed(r, "a", 1); /* puts every character on an even offset + 1 */
    for (int i = 0; i < 17; i++) vigil_reader_feed(r, x, chunk);
    free(x);
    vigil_reader_finish(r);
    const vigil_story *s = NULL;
    INT_EQ(vigil_reader_next(r, &s), VIGIL_OK, "long text story");
    INT_EQ(s ? s->body_len : 0, 16u * 1024 * 1024 - 1, "cut below the limit at a boundary");
    OK(s && ((unsigned char)s->body[s->body_len - 1]) == 0xA9, "ends with a whole character");
    STR_EQ(S(&diags),
           "long.txt:1: story body longer than 16777216 bytes (VG_MAX_STORY_BYTES), truncated\n",
           "story limit reported");
    vigil_reader_free(r);
    vg_buf_free(&diags);
}

/* ----------------------------------------------------------------- XML */

static const char XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                    /* 1 */
    "<Validation>\n"                                                                  /* 2 */
    "<Sentences>\n"                                                                   /* 3 */
    "<Sentence date=\"20080801\" id=\"ARN-1\" source=\"Herald\" sentence=\"True\">\n" /* 4 */
    "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"042\"/>\n"        /* 5 */
    "<Text>\n"                                                                        /* 6 */
    "  Arnor's envoy visited\tGondor\n"                                               /* 7 */
    "  on Friday.\n"                                                                  /* 8 */
    "</Text>\n"                                                                       /* 9 */
    "<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>\n"                                    /* 10 */
    "</Sentence>\n"                                                                   /* 11 */
    "<Sentence date=\"2008-08-02\" id=\"ARN-2\"><Text>Rohan &amp; Dale "              /* 12 */
    "<![CDATA[<signed>]]> a pact.</Text></Sentence>\n"
    "<Sentence date=\"20081399\" id=\"ARN-3\"><Text>Bad date.</Text></Sentence>\n" /* 13 */
    "<Sentence id=\"ARN-4\"><Parse>(ROOT)</Parse></Sentence>\n"                    /* 14 */
    "<Sentence date=\"20080805\"><Text>No id.</Text></Sentence>\n"                 /* 15 */
    "</Sentences>\n"
    "</Validation>\n";

static void test_xml(void)
{
    result res;
    run(VIGIL_FORMAT_AUTO, "records.xml", "2000-01-01", XML, strlen(XML), 0, &res);
    INT_EQ(res.format, VIGIL_FORMAT_XML, "xml detected");
    INT_EQ(res.count, 3, "xml: three stories");
    INT_EQ(res.skipped, 2, "xml: two skipped");
    STR_EQ(S(&res.stories),
           "ARN-1|2008-08-01|Herald||0|4|Arnor's envoy visited Gondor on Friday.\n"
           "ARN-2|2008-08-02|||0|12|Rohan & Dale <signed> a pact.\n"
           "ARN-3|2000-01-01|||0|13|Bad date.\n",
           "xml: stories");
    STR_EQ(S(&res.diags),
           "records.xml:13: bad date \"20081399\", using 2000-01-01\n"
           "records.xml:14: <Sentence> record without <Text>, skipped\n"
           "records.xml:15: <Sentence> record without an id, skipped\n",
           "xml: diagnostics");
    result_free(&res);
    same_in_chunks(VIGIL_FORMAT_AUTO, "records.xml", XML, strlen(XML), "xml in chunks");

    /* Bare records without a container element. */
    const char bare[] = "<Sentence date=\"20100101\" id=\"B1\"><Text>One.</Text></Sentence>\n"
                        "<Sentence date=\"20100102\" id=\"B2\">\n<Text>Two.</Text></Sentence>\n";
    run(VIGIL_FORMAT_AUTO, "bare.xml", NULL, bare, strlen(bare), 0, &res);
    STR_EQ(S(&res.stories), "B1|2010-01-01|||0|1|One.\nB2|2010-01-02|||0|2|Two.\n",
           "bare records read, lines kept");
    STR_EQ(S(&res.diags), "", "bare records: no diagnostics");
    result_free(&res);

    /* A broken document: the records before the break are kept. */
    const char broken[] = "<Sentences>\n"
                          "<Sentence date=\"20100101\" id=\"K1\"><Text>Kept.</Text></Sentence>\n"
                          "<Sentence date=\"20100102\" id=\"K2\"><Text>Also kept.</Text>\n"
                          "<Sentence id=\"K3\" <<< broken\n";
    run(VIGIL_FORMAT_XML, "broken.xml", NULL, broken, strlen(broken), 0, &res);
    OK(strncmp(S(&res.stories), "K1|2010-01-01|||0|2|Kept.\n", 26) == 0, "record before break");
    OK(contains(&res.stories, "K2|2010-01-02|||0|3|Also kept.\n"), "recovered record");
    OK(contains(&res.diags, "broken.xml:4: XML error: "), "XML error with line");
    result_free(&res);

    /* Entities are never expanded, external ones never fetched. */
    const char ent[] = "<?xml version=\"1.0\"?>\n"
                       "<!DOCTYPE Sentences [\n"
                       "<!ENTITY boom \"BOOM\">\n"
                       "<!ENTITY ext SYSTEM \"file:///etc/hostname\">\n"
                       "]>\n"
                       "<Sentences><Sentence id=\"E1\" date=\"20100101\">"
                       "<Text>A &boom; and &ext; here.</Text></Sentence></Sentences>\n";
    run(VIGIL_FORMAT_AUTO, "ent.xml", NULL, ent, strlen(ent), 0, &res);
    INT_EQ(res.format, VIGIL_FORMAT_XML, "xml with DOCTYPE detected");
    STR_EQ(S(&res.stories), "E1|2010-01-01|||0|6|A and here.\n", "entities not expanded");
    result_free(&res);

    /* Invalid UTF-8 in XML is repaired before libxml2 sees it. */
    const char badxml[] = "<Sentences>\n<Sentence id=\"U1\" date=\"20100101\">"
                          "<Text>Ar\xFFnor</Text></Sentence></Sentences>";
    run(VIGIL_FORMAT_XML, "bad.xml", NULL, badxml, sizeof badxml - 1, 0, &res);
    STR_EQ(S(&res.stories), "U1|2010-01-01|||0|2|Ar\xEF\xBF\xBDnor\n", "xml repaired");
    OK(contains(&res.diags, "bad.xml:2: invalid UTF-8 repaired (1 sequences)"), "xml repair said");
    result_free(&res);

    /* Latin-1 declared: libxml2 converts, nothing to repair. */
    const char latin[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<Sentences>"
                         "<Sentence id=\"L1\" date=\"20100101\"><Text>Caf\xE9</Text></Sentence>"
                         "</Sentences>";
    run(VIGIL_FORMAT_AUTO, "latin.xml", NULL, latin, sizeof latin - 1, 0, &res);
    STR_EQ(S(&res.stories), "L1|2010-01-01|||0|2|Caf\xC3\xA9\n", "latin-1 converted");
    STR_EQ(S(&res.diags), "", "latin-1: no diagnostics");
    result_free(&res);

    /* Empty and white-space XML inputs give nothing, quietly. */
    run(VIGIL_FORMAT_XML, "e.xml", NULL, "\n \n", 3, 0, &res);
    OK(res.count == 0 && res.diags.len == 0, "blank xml");
    result_free(&res);
}

/* ---------------------------------------------------------------- HTML */

static void test_html(void)
{
    const char page[] =
        "<!DOCTYPE html>\n<html><body><p>Gondor &amp; Arnor met.</p></body></html>\n";
    result res;
    run(VIGIL_FORMAT_AUTO, "/pages/talks.html", NULL, page, strlen(page), 0, &res);
    INT_EQ(res.format, VIGIL_FORMAT_HTML, "html detected");
    char want[256];
    snprintf(want, sizeof want, "talks||||1|1|%s\n", page);
    STR_EQ(S(&res.stories), want, "html: whole page, html flag, no date");
    result_free(&res);
    run(VIGIL_FORMAT_HTML, "p.htm", "2024-02-02", "<p>x</p>", 8, 0, &res);
    STR_EQ(S(&res.stories), "p|2024-02-02|||1|1|<p>x</p>\n", "html with default date");
    result_free(&res);
    same_in_chunks(VIGIL_FORMAT_AUTO, "t.html", page, strlen(page), "html in chunks");
}

/* ------------------------------------------------------------ fixtures */

static void test_fixtures(void)
{
    static const struct {
        const char *path;
        vigil_format format;
        unsigned stories, skipped;
    } files[] = {
        {"tests/fixtures/read/records.xml", VIGIL_FORMAT_XML, 3, 2},
        {"tests/fixtures/read/stories.jsonl", VIGIL_FORMAT_JSONL, 3, 1},
        {"tests/fixtures/read/page.html", VIGIL_FORMAT_HTML, 1, 0},
        {"tests/fixtures/read/article.txt", VIGIL_FORMAT_TEXT, 1, 0},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t n = 0;
        char *data = slurp(files[i].path, &n);
        OK(data != NULL, files[i].path);
        if (!data) continue;
        result res;
        run(VIGIL_FORMAT_AUTO, files[i].path, "2024-01-01", data, n, 0, &res);
        INT_EQ(res.format, files[i].format, files[i].path);
        INT_EQ(res.count, files[i].stories, files[i].path);
        INT_EQ(res.skipped, files[i].skipped, files[i].path);
        result_free(&res);
        same_in_chunks(VIGIL_FORMAT_AUTO, files[i].path, data, n, files[i].path);
        vigil_free(data);
    }
}

int main(void)
{
    test_format_names();
    test_detect();
    test_auto_decides_early();
    test_text();
    test_jsonl();
    test_jsonl_utf8();
    test_jsonl_limits();
    test_text_limit();
    test_xml();
    test_html();
    test_fixtures();
    TEST_MAIN_END();
}
