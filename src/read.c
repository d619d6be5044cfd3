/*
 * read.c — story readers: bytes in any supported format -> vigil_story.
 *
 * A reader takes its input in chunks of any size (vigil_reader_feed) and
 * hands out stories in input order (vigil_reader_next). JSON lines are the
 * streaming format: each record is parsed (cJSON) as soon as its newline
 * arrives, so a long feed can be drained as it goes. Plain text, HTML and
 * PETRARCH XML are one document each and are buffered until
 * vigil_reader_finish; XML is then parsed with libxml2's tree parser in
 * recovery mode, so a broken file still yields the records that survive.
 *
 * With VIGIL_FORMAT_AUTO the format is decided from the first bytes that
 * are not white space (see vigil_format_detect); until then the bytes wait
 * in the input buffer.
 *
 * Every string a story carries is repaired UTF-8 (vg_utf8_repair) and kept
 * within its named limit (limits.h). Problems in the input never stop the
 * reader: they go to the diagnostic callback as "name:LINE: what", and a
 * record that cannot be used is counted as skipped.
 */
#include "alloc.h"
#include "xmlsafe.h"
#include "buf.h"
#include "jsonl.h"
#include "limits.h"
#include "utf8.h"
#include "vigil.h"

#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* How many bytes AUTO waits for when the input starts with '<' but the
 * first element is still out of sight (a long comment or DOCTYPE). Past
 * this the guess is made on what has arrived. */
#define DETECT_WINDOW (64u * 1024)

/* A story owned by the reader, waiting in the queue or handed out. */
typedef struct rstory {
    char *id, *date, *source, *url, *body;
    size_t body_len;
    int html;
    unsigned line;
} rstory;

struct vigil_reader {
    vigil_format format; /* AUTO until the format is decided */
    char *name;          /* the input's name in messages */
    char *base;          /* story id of text and HTML input */
    char *default_date;  /* "" when there is none */
    vigil_diag_fn diag;
    void *diag_data;

    /* A UTF-8 byte order mark at the very start is dropped; until three
     * bytes have been seen they wait here. */
    unsigned char head[3];
    size_t nhead;
    int head_done;

    /* The whole input of text, HTML and XML; the undecided start of AUTO. */
    vg_buf input;
    int input_over; /* bytes past the buffer's limit were dropped */

    /* JSON lines: the partial line, lines completed so far, and whether the
     * rest of an overlong line is being thrown away. */
    vg_buf line;
    unsigned lineno;
    int discarding;

    rstory *q; /* stories ready, q[qhead..qn) */
    size_t qhead, qn, qcap;
    rstory cur; /* the story last handed out, freed on the next call */
    vigil_story view;

    unsigned skipped;
    int finished;
};

/* ------------------------------------------------------------ helpers */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* ASCII-only case folding, locale-free. */
static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* 1 if p[0..n) starts with the ASCII word w, ignoring case. */
static int starts_ci(const char *p, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (lower((unsigned char)p[i]) != lower((unsigned char)w[i])) return 0;
    return 1;
}

static int all_space(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space((unsigned char)p[i])) return 0;
    return 1;
}

static int has_bom(const char *p, size_t n)
{
    return n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
           (unsigned char)p[2] == 0xBF;
}

/* A short printable excerpt of user content for a message: at most 40
 * bytes of valid UTF-8, control characters shown as spaces. */
static void excerpt(const char *s, size_t n, char out[64])
{
    size_t o = 0, i = 0;
    while (i < n && o < 40) {
        int32_t cp;
        size_t k = vg_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1) {
            out[o++] = '?';
        } else if (cp < 0x20 || cp == 0x7F) {
            out[o++] = ' ';
        } else {
            memcpy(out + o, s + i, k);
            o += k;
        }
        i += k;
    }
    if (i < n && o <= 60) out[o++] = '.', out[o++] = '.', out[o++] = '.';
    out[o] = '\0';
}

/* Sends "name:LINE: message" (or "name: message" when line is 0) to the
 * diagnostic callback, if there is one. */
static void say(vigil_reader *r, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(vigil_reader *r, unsigned line, const char *fmt, ...)
{
    if (!r->diag) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    vg_buf b;
    vg_buf_init(&b, 4096);
    if (line)
        vg_buf_printf(&b, "%s:%u: %s", r->name, line, msg);
    else
        vg_buf_printf(&b, "%s: %s", r->name, msg);
    r->diag(r->diag_data, b.ptr ? b.ptr : "");
    vg_buf_free(&b);
}

/* Copies a field into a new string: repaired UTF-8, cut at a character
 * boundary to at most max bytes (with a message naming the limit). With
 * `valid` the caller knows s is well-formed UTF-8 without NUL bytes, which
 * vg_utf8_repair would copy unchanged, so it is copied at once. */
static char *field(vigil_reader *r, unsigned line, const char *what, const char *s, size_t n,
                   size_t max, const char *limit_name, unsigned *repairs, size_t *len_out,
                   int valid)
{
    vg_buf b;
    vg_buf_init(&b, SIZE_MAX);
    if (valid)
        vg_buf_put(&b, s, n);
    else
        *repairs += vg_utf8_repair(s, n, &b);
    if (b.len > max) {
        size_t cut = max;
        while (cut > 0 && ((unsigned char)b.ptr[cut] & 0xC0) == 0x80) cut--;
        b.len = cut;
        b.ptr[cut] = '\0';
        say(r, line, "%s longer than %zu bytes (%s), truncated", what, max, limit_name);
    }
    if (len_out) *len_out = b.len;
    return vg_buf_take(&b);
}

static char *small_field(vigil_reader *r, unsigned line, const char *what, const char *s, size_t n,
                         unsigned *repairs)
{
    return field(r, line, what, s, n, VG_MAX_FIELD_BYTES, "VG_MAX_FIELD_BYTES", repairs, NULL, 0);
}

static char *body_field(vigil_reader *r, unsigned line, const char *s, size_t n, unsigned *repairs,
                        size_t *len_out)
{
    return field(r, line, "story body", s, n, VG_MAX_STORY_BYTES, "VG_MAX_STORY_BYTES", repairs,
                 len_out, 0);
}

/* small_field for a string of the direct JSON reader (valid, as below). */
static char *small_field_valid(vigil_reader *r, unsigned line, const char *what, const char *s,
                               size_t n)
{
    unsigned none = 0;
    return field(r, line, what, s, n, VG_MAX_FIELD_BYTES, "VG_MAX_FIELD_BYTES", &none, NULL, 1);
}

/* body_field for a string the direct JSON reader took from a line that is
 * valid UTF-8 (checked or repaired before it was read): its bytes, and the
 * code points its escapes encode (never NUL, never a lone surrogate), are
 * well-formed UTF-8 without NUL. */
static char *body_field_valid(vigil_reader *r, unsigned line, const char *s, size_t n,
                              size_t *len_out)
{
    unsigned none = 0;
    return field(r, line, "story body", s, n, VG_MAX_STORY_BYTES, "VG_MAX_STORY_BYTES", &none,
                 len_out, 1);
}

static int leap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned digits(const char *s, size_t n)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) v = v * 10 + (unsigned)(s[i] - '0');
    return v;
}

/* Reads a date as YYYY-MM-DD, a timestamp that starts so
 * ("2024-09-09T12:00:00Z", "2024-09-09 12:00"), or YYYYMMDD (PETRARCH),
 * and writes it as YYYY-MM-DD into out. Returns 0 for anything else,
 * including impossible days such as 2023-02-29. */
static int parse_date(const char *s, size_t n, char out[11])
{
    char d[8];
    if (n >= 10 && s[4] == '-' && s[7] == '-' &&
        (n == 10 || s[10] == 'T' || s[10] == 't' || s[10] == ' ')) {
        memcpy(d, s, 4);
        memcpy(d + 4, s + 5, 2);
        memcpy(d + 6, s + 8, 2);
    } else if (n >= 8 && (n == 8 || s[8] == 'T')) {
        memcpy(d, s, 8);
    } else {
        return 0;
    }
    for (int i = 0; i < 8; i++)
        if (!is_digit((unsigned char)d[i])) return 0;
    static const unsigned mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned y = digits(d, 4), m = digits(d + 4, 2), day = digits(d + 6, 2);
    if (y == 0 || m < 1 || m > 12 || day < 1 || day > mdays[m - 1]) return 0;
    if (m == 2 && day == 29 && !leap(y)) return 0;
    memcpy(out, d, 4);
    out[4] = '-';
    memcpy(out + 5, d + 4, 2);
    out[7] = '-';
    memcpy(out + 8, d + 6, 2);
    out[10] = '\0';
    return 1;
}

/* The story date from a record's date text: the date itself, or the
 * default with a warning when the text is not a date. */
static char *story_date(vigil_reader *r, unsigned line, const char *s, size_t n)
{
    char d[11];
    if (n == 0) return vg_strdup(r->default_date);
    if (parse_date(s, n, d)) return vg_strdup(d);
    char ex[64];
    excerpt(s, n, ex);
    if (r->default_date[0])
        say(r, line, "bad date \"%s\", using %s", ex, r->default_date);
    else
        say(r, line, "bad date \"%s\" ignored", ex);
    return vg_strdup(r->default_date);
}

static void story_free(rstory *s)
{
    vg_free(s->id);
    vg_free(s->date);
    vg_free(s->source);
    vg_free(s->url);
    vg_free(s->body);
    memset(s, 0, sizeof *s);
}

/* Queues a finished story, filling absent fields with "" and reporting
 * the repairs made in it. */
static void push(vigil_reader *r, rstory *s, unsigned repairs)
{
    if (!s->id) s->id = vg_strdup("");
    if (!s->date) s->date = vg_strdup(r->default_date);
    if (!s->source) s->source = vg_strdup("");
    if (!s->url) s->url = vg_strdup("");
    if (!s->body) s->body = vg_strdup("");
    if (repairs) say(r, s->line, "invalid UTF-8 repaired (%u sequences)", repairs);
    VG_PUSH(r->q, r->qn, r->qcap, *s);
}

/* ----------------------------------------------------------- detection */

/* Looks past the XML prolog (declaration, comments, processing
 * instructions, DOCTYPE) of markup starting at p[0] == '<'. Returns the
 * offset of the first element's '<', or n when more bytes are needed.
 * *doctype_html is set for an HTML DOCTYPE, *decl for an <?xml ...?>. */
static size_t first_element(const char *p, size_t n, int *doctype_html, int *decl)
{
    size_t i = 0;
    *doctype_html = *decl = 0;
    for (;;) {
        while (i < n && is_space((unsigned char)p[i])) i++;
        if (i + 2 > n) return n;
        if (p[i] != '<') return i; /* text before any element: not a prolog */
        const char *end;
        if (p[i + 1] == '?') {
            if (starts_ci(p + i, n - i, "<?xml")) *decl = 1;
            end = memchr(p + i, '>', n - i);
            if (!end) return n;
            i = (size_t)(end - p) + 1;
        } else if (p[i + 1] == '!') {
            if (i + 4 > n) return n;
            if (p[i + 2] == '-' && p[i + 3] == '-') {
                size_t k = i + 4;
                while (k + 3 <= n && memcmp(p + k, "-->", 3) != 0) k++;
                if (k + 3 > n) return n;
                i = k + 3;
            } else {
                /* A DOCTYPE; an internal subset in [...] may hold '>'. */
                if (starts_ci(p + i, n - i, "<!doctype")) {
                    size_t k = i + 9;
                    while (k < n && is_space((unsigned char)p[k])) k++;
                    if (starts_ci(p + k, n - k, "html")) *doctype_html = 1;
                }
                size_t k = i + 2;
                int depth = 0;
                while (k < n && (depth > 0 || p[k] != '>')) {
                    if (p[k] == '[')
                        depth++;
                    else if (p[k] == ']' && depth > 0)
                        depth--;
                    k++;
                }
                if (k == n) return n;
                i = k + 1;
            }
        } else {
            return i;
        }
    }
}

/* 1 if p (at a '<') opens an element named `name`. */
static int opens(const char *p, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n < k + 2 || p[0] != '<' || memcmp(p + 1, name, k) != 0) return 0;
    unsigned char c = (unsigned char)p[k + 1];
    return is_space(c) || c == '>' || c == '/';
}

/* XML or HTML for markup; *need_more when the first element is not in
 * sight yet. Only PETRARCH's record elements make XML: any other markup is
 * taken for a web page. */
static vigil_format markup_kind(const char *p, size_t n, int *need_more)
{
    int html, decl;
    size_t at = first_element(p, n, &html, &decl);
    if (html) return VIGIL_FORMAT_HTML;
    if (at >= n) {
        *need_more = 1;
        return decl ? VIGIL_FORMAT_XML : VIGIL_FORMAT_HTML;
    }
    /* The element's name must be complete before it can be judged. */
    size_t k = at + 1;
    while (k < n && !is_space((unsigned char)p[k]) && p[k] != '>' && p[k] != '/') k++;
    if (k >= n) *need_more = 1;
    if (opens(p + at, n - at, "Sentences") || opens(p + at, n - at, "Sentence") ||
        opens(p + at, n - at, "Validation"))
        return VIGIL_FORMAT_XML;
    return VIGIL_FORMAT_HTML;
}

static vigil_format detect(const char *p, size_t n, int *need_more)
{
    size_t i = 0;
    *need_more = 0;
    if (has_bom(p, n)) i = 3;
    while (i < n && is_space((unsigned char)p[i])) i++;
    if (i == n) {
        *need_more = 1;
        return VIGIL_FORMAT_TEXT;
    }
    if (p[i] == '{') return VIGIL_FORMAT_JSONL;
    if (p[i] == '<') return markup_kind(p + i, n - i, need_more);
    return VIGIL_FORMAT_TEXT;
}

vigil_format vigil_format_detect(const char *data, size_t len)
{
    int need_more;
    if (!data) return VIGIL_FORMAT_TEXT;
    return detect(data, len, &need_more);
}

static const char *const FORMAT_NAMES[] = {"auto", "text", "jsonl", "xml", "html"};

const char *vigil_format_name(vigil_format format)
{
    if ((unsigned)format >= sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0]) return NULL;
    return FORMAT_NAMES[format];
}

vigil_status vigil_format_parse(const char *name, vigil_format *out)
{
    if (!name) return VIGIL_ERR_ARG;
    size_t n = strlen(name);
    for (unsigned f = 0; f < sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0]; f++) {
        if (n == strlen(FORMAT_NAMES[f]) && starts_ci(name, n, FORMAT_NAMES[f])) {
            if (out) *out = (vigil_format)f;
            return VIGIL_OK;
        }
    }
    return VIGIL_ERR_ARG;
}

/* ---------------------------------------------------------- JSON lines */

static int json_string(const cJSON *item)
{
    return cJSON_IsString(item) && item->valuestring;
}

static void malformed(vigil_reader *r, unsigned line, const char *why)
{
    say(r, line, "malformed JSON line (%s), record skipped", why);
    r->skipped++;
}

/* The id of a JSON record: a string, or a number written as an integer
 * when it is one; else "<base>:<line>". */
static char *json_id(vigil_reader *r, unsigned line, const cJSON *item, unsigned *repairs)
{
    if (json_string(item) && item->valuestring[0])
        return small_field(r, line, "id", item->valuestring, strlen(item->valuestring), repairs);
    char num[64];
    if (cJSON_IsNumber(item)) {
        double d = item->valuedouble;
        if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
            snprintf(num, sizeof num, "%lld", (long long)d);
        else
            snprintf(num, sizeof num, "%.17g", d);
        return vg_strdup(num);
    }
    vg_buf b;
    vg_buf_init(&b, SIZE_MAX);
    vg_buf_printf(&b, "%s:%u", r->base, line);
    if (item && !cJSON_IsNull(item) && !json_string(item))
        say(r, line, "\"id\" is not a string or number, using %s", b.ptr);
    return vg_buf_take(&b);
}

/* The story of a record read by vg_jsonl_scan: the same fields, messages
 * and order as the cJSON path below gives for string and null values. */
static void jsonl_story(vigil_reader *r, unsigned line, const vg_jfield *f, unsigned repairs)
{
    const vg_jfield *text = &f[VG_JK_TEXT], *html = &f[VG_JK_HTML];
    const vg_jfield *body = text->kind == VG_JV_STRING   ? text
                            : html->kind == VG_JV_STRING ? html
                                                         : NULL;
    if (!body) {
        malformed(r, line, "no \"text\" or \"html\" string");
        return;
    }
    rstory s;
    memset(&s, 0, sizeof s);
    s.line = line;
    s.html = body == html;
    const vg_jfield *id = &f[VG_JK_ID], *date = &f[VG_JK_DATE];
    if (id->kind == VG_JV_STRING && id->n > 0)
        s.id = small_field_valid(r, line, "id", id->s, id->n);
    else
        s.id = json_id(r, line, NULL, &repairs);
    if (date->kind == VG_JV_STRING)
        s.date = story_date(r, line, date->s, date->n);
    else
        s.date = vg_strdup(r->default_date);
    const vg_jfield *src = &f[VG_JK_SOURCE], *url = &f[VG_JK_URL];
    if (src->kind == VG_JV_STRING) s.source = small_field_valid(r, line, "source", src->s, src->n);
    if (url->kind == VG_JV_STRING) s.url = small_field_valid(r, line, "url", url->s, url->n);
    s.body = body_field_valid(r, line, body->s, body->n, &s.body_len);
    push(r, &s, repairs);
}

/* Parses one JSON line (without its newline) into a story. The common
 * record is read directly (jsonl.h); cJSON reads the rest and is the
 * reference for both. */
static void jsonl_record(vigil_reader *r, const char *p, size_t n, unsigned line)
{
    while (n > 0 && is_space((unsigned char)p[n - 1])) n--;
    while (n > 0 && is_space((unsigned char)*p)) p++, n--;
    if (n == 0) return; /* blank lines separate nothing; skip them quietly */

    /* The common case, a valid line of valid UTF-8, is read and checked
     * in one pass. */
    vg_jfield f[VG_JK_COUNT];
    vg_buf scratch;
    vg_buf_init(&scratch, SIZE_MAX);
    if (vg_jsonl_scan_utf8(p, n, f, &scratch)) {
        jsonl_story(r, line, f, 0);
        vg_buf_free(&scratch);
        return;
    }
    /* cJSON copies string bytes as they are and stops a C string at a NUL,
     * so broken UTF-8 is repaired on the whole line before parsing. */
    vg_buf fixed;
    vg_buf_init(&fixed, SIZE_MAX);
    unsigned repairs = 0;
    if (!vg_utf8_valid(p, n)) {
        repairs = vg_utf8_repair(p, n, &fixed);
        p = fixed.ptr;
        n = fixed.len;
    }
    int direct = vg_jsonl_scan(p, n, f, &scratch);
    if (direct) jsonl_story(r, line, f, repairs);
    vg_buf_free(&scratch);
    if (direct) {
        vg_buf_free(&fixed);
        return;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(p, n, &end, 0);
    char why[96];
    if (!root) {
        snprintf(why, sizeof why, "invalid JSON at column %zu",
                 end && end >= p ? (size_t)(end - p) + 1 : (size_t)1);
        malformed(r, line, why);
    } else if (end != p + n) {
        snprintf(why, sizeof why, "unexpected text after the object at column %zu",
                 (size_t)(end - p) + 1);
        malformed(r, line, why);
    } else if (!cJSON_IsObject(root)) {
        malformed(r, line, "not a JSON object");
    } else {
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(root, "text");
        const cJSON *html = cJSON_GetObjectItemCaseSensitive(root, "html");
        const cJSON *body = json_string(text) ? text : json_string(html) ? html : NULL;
        if (!body) {
            malformed(r, line, "no \"text\" or \"html\" string");
        } else {
            rstory s;
            memset(&s, 0, sizeof s);
            s.line = line;
            s.html = body == html;
            s.id = json_id(r, line, cJSON_GetObjectItemCaseSensitive(root, "id"), &repairs);
            const cJSON *date = cJSON_GetObjectItemCaseSensitive(root, "date");
            if (json_string(date)) {
                s.date = story_date(r, line, date->valuestring, strlen(date->valuestring));
            } else if (cJSON_IsNumber(date)) {
                char num[32];
                snprintf(num, sizeof num, "%.0f", date->valuedouble);
                s.date = story_date(r, line, num, strlen(num));
            } else {
                if (date && !cJSON_IsNull(date)) say(r, line, "\"date\" is not a string, ignored");
                s.date = vg_strdup(r->default_date);
            }
            const cJSON *src = cJSON_GetObjectItemCaseSensitive(root, "source");
            if (json_string(src))
                s.source = small_field(r, line, "source", src->valuestring,
                                       strlen(src->valuestring), &repairs);
            const cJSON *url = cJSON_GetObjectItemCaseSensitive(root, "url");
            if (json_string(url))
                s.url = small_field(r, line, "url", url->valuestring, strlen(url->valuestring),
                                    &repairs);
            s.body = body_field(r, line, body->valuestring, strlen(body->valuestring), &repairs,
                                &s.body_len);
            push(r, &s, repairs);
        }
    }
    cJSON_Delete(root);
    vg_buf_free(&fixed);
}

/* Splits fed bytes into lines. A complete line still in the caller's chunk
 * is parsed in place; only a line split across chunks is copied. An
 * overlong line is reported once and its remaining bytes are dropped as
 * they arrive, so it never occupies more than the limit. */
static void jsonl_feed(vigil_reader *r, const char *p, size_t n)
{
    while (n > 0) {
        const char *nl = memchr(p, '\n', n);
        size_t seg = nl ? (size_t)(nl - p) : n;
        unsigned line = r->lineno + 1;
        if (r->discarding) {
            /* still inside an overlong line */
        } else if (seg > VG_MAX_RECORD_BYTES - r->line.len) {
            say(r, line, "record longer than %u bytes (VG_MAX_RECORD_BYTES), skipped",
                VG_MAX_RECORD_BYTES);
            r->skipped++;
            r->discarding = 1;
            vg_buf_reset(&r->line);
        } else if (nl && r->line.len == 0) {
            jsonl_record(r, p, seg, line);
        } else {
            vg_buf_put(&r->line, p, seg);
            if (nl) jsonl_record(r, r->line.ptr, r->line.len, line);
        }
        if (!nl) return;
        vg_buf_reset(&r->line);
        r->discarding = 0;
        r->lineno++;
        p = nl + 1;
        n -= seg + 1;
    }
}

/* ------------------------------------------------------- text and HTML */

/* The one story of a plain-text or HTML input. White space alone is no
 * story. */
static void whole_story(vigil_reader *r, int html)
{
    if (all_space(r->input.ptr, r->input.len)) return;
    rstory s;
    memset(&s, 0, sizeof s);
    unsigned repairs = 0;
    s.line = 1;
    s.html = html;
    s.id = vg_strdup(r->base);
    s.body = body_field(r, 1, r->input.ptr, r->input.len, &repairs, &s.body_len);
    push(r, &s, repairs);
}

/* ----------------------------------------------------------------- XML */

/* Appends the character data under `top` with runs of white space
 * collapsed to one space and no space at either end. Entity references
 * are skipped rather than expanded: no entity is ever substituted. */
static void collect_text(const xmlNode *top, vg_buf *out)
{
    int pending_space = 0;
    const xmlNode *n = top->children;
    while (n) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            for (const unsigned char *c = n->content; *c; c++) {
                if (is_space(*c)) {
                    pending_space = out->len > 0;
                    continue;
                }
                if (pending_space) vg_buf_putc(out, ' ');
                pending_space = 0;
                const unsigned char *s = c;
                while (c[1] && !is_space(c[1])) c++;
                vg_buf_put(out, s, (size_t)(c - s) + 1);
            }
        } else if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n != top && !n->next) n = n->parent;
        if (n == top) break;
        n = n->next;
    }
}

/* An attribute's value as a new vg_ string ("" when absent). */
static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = vg_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

/* One <Sentence> record: id, date and source attributes, body from Text. */
static void xml_record(vigil_reader *r, const xmlNode *n)
{
    unsigned line = (unsigned)xmlGetLineNo(n);
    const xmlNode *text = NULL;
    for (const xmlNode *c = n->children; c && !text; c = c->next)
        if (vg_xml_is_elem(c, "Text")) text = c;
    char *id = attr(n, "id");
    if (!id[0] || !text) {
        say(r, line, "<Sentence> record without %s, skipped", !id[0] ? "an id" : "<Text>");
        r->skipped++;
        vg_free(id);
        return;
    }
    rstory s;
    memset(&s, 0, sizeof s);
    unsigned repairs = 0;
    s.line = line;
    s.id = small_field(r, line, "id", id, strlen(id), &repairs);
    vg_free(id);
    char *v = attr(n, "date");
    s.date = story_date(r, line, v, strlen(v));
    vg_free(v);
    v = attr(n, "source");
    s.source = small_field(r, line, "source", v, strlen(v), &repairs);
    vg_free(v);
    vg_buf body;
    vg_buf_init(&body, SIZE_MAX);
    collect_text(text, &body);
    s.body = body_field(r, line, body.ptr ? body.ptr : "", body.len, &repairs, &s.body_len);
    vg_buf_free(&body);
    push(r, &s, repairs);
}

/* 1 when the XML declaration names an encoding other than UTF-8; libxml2
 * then converts the input itself and it must not be repaired as UTF-8. */
static int foreign_encoding(const char *p, size_t n)
{
    if (!starts_ci(p, n, "<?xml")) return 0;
    const char *end = memchr(p, '>', n);
    size_t k = end ? (size_t)(end - p) : n;
    for (size_t i = 0; i + 9 < k; i++) {
        if (!starts_ci(p + i, k - i, "encoding")) continue;
        i += 8;
        while (i < k && (is_space((unsigned char)p[i]) || p[i] == '=')) i++;
        if (i < k && (p[i] == '"' || p[i] == '\'')) i++;
        return !(starts_ci(p + i, k - i, "utf-8") || starts_ci(p + i, k - i, "utf8"));
    }
    return 0;
}

/* Parses the buffered XML input and queues its records. */
static void xml_input(vigil_reader *r)
{
    const char *p = r->input.ptr;
    size_t n = r->input.len;
    if (r->input_over)
        say(r, 0, "input longer than %u bytes (VG_MAX_RECORD_BYTES), the rest is ignored",
            VG_MAX_RECORD_BYTES);
    if (all_space(p, n)) return;

    /* libxml2 gives up at the first byte that is not UTF-8, so broken input
     * is repaired first (and reported once, at its first bad line). */
    vg_buf fixed;
    vg_buf_init(&fixed, SIZE_MAX);
    if (!foreign_encoding(p, n) && !vg_utf8_valid(p, n)) {
        size_t first = 0;
        int32_t cp;
        while (first < n) {
            size_t k = vg_utf8_decode(p + first, n - first, &cp);
            if (cp == 0 || (cp == 0xFFFD && k == 1)) break;
            first += k;
        }
        unsigned line = 1;
        for (size_t i = 0; i < first; i++) line += p[i] == '\n';
        unsigned repairs = vg_utf8_repair(p, n, &fixed);
        say(r, line, "invalid UTF-8 repaired (%u sequences)", repairs);
        p = fixed.ptr;
        n = fixed.len;
    }

    /* Bare <Sentence> records with no container are not one document;
     * they get a wrapper element, put on the same line so that line
     * numbers still match the input. */
    vg_buf wrapped;
    vg_buf_init(&wrapped, SIZE_MAX);
    size_t i = 0;
    while (i < n && is_space((unsigned char)p[i])) i++;
    int html, decl;
    size_t at = i + first_element(p + i, n - i, &html, &decl);
    if (at < n && opens(p + at, n - at, "Sentence")) {
        vg_buf_put(&wrapped, p, at);
        vg_buf_puts(&wrapped, "<vigil-records>");
        vg_buf_put(&wrapped, p + at, n - at);
        vg_buf_puts(&wrapped, "</vigil-records>");
        p = wrapped.ptr;
        n = wrapped.len;
    }

    vg_xml_errors errs;
    xmlDocPtr doc = vg_xml_parse(p, n, r->name, &errs);
    if (errs.count) {
        char ex[64];
        excerpt(errs.first, strlen(errs.first), ex);
        if (errs.count > 1)
            say(r, errs.line > 0 ? (unsigned)errs.line : 0, "XML error: %s (and %u more)", ex,
                errs.count - 1);
        else
            say(r, errs.line > 0 ? (unsigned)errs.line : 0, "XML error: %s", ex);
    } else if (!doc) {
        say(r, 0, "XML error: the input could not be parsed");
    }
    /* Walk the tree without recursion, taking each <Sentence> (and not
     * looking inside it for more). */
    xmlNode *node = doc ? doc->children : NULL;
    while (node) {
        if (vg_xml_is_elem(node, "Sentence")) {
            xml_record(r, node);
        } else if (node->type == XML_ELEMENT_NODE && node->children) {
            node = node->children;
            continue;
        }
        while (node && !node->next) {
            node = node->parent;
            if (node && node->type != XML_ELEMENT_NODE) node = NULL;
        }
        if (node) node = node->next;
    }
    if (doc) xmlFreeDoc(doc);
    vg_buf_free(&wrapped);
    vg_buf_free(&fixed);
}

/* -------------------------------------------------------------- reader */

/* The story id of a whole-file input: the base name without directories
 * and without its final extension; "stdin" for "-". */
static char *base_id(const char *name)
{
    if (!name || !name[0] || strcmp(name, "-") == 0) return vg_strdup("stdin");
    const char *b = strrchr(name, '/');
    b = b ? b + 1 : name;
    const char *dot = strrchr(b, '.');
    size_t n = (dot && dot != b) ? (size_t)(dot - b) : strlen(b);
    if (n == 0) return vg_strdup("story");
    vg_buf out;
    vg_buf_init(&out, SIZE_MAX);
    vg_utf8_repair(b, n, &out);
    return vg_buf_take(&out);
}

vigil_reader *vigil_reader_new(vigil_format format, const char *name, const char *default_date)
{
    if ((unsigned)format > VIGIL_FORMAT_HTML) return NULL;
    vigil_reader *r = vg_calloc(1, sizeof *r);
    r->format = format;
    r->name = vg_strdup((!name || !name[0] || strcmp(name, "-") == 0) ? "stdin" : name);
    r->base = base_id(name);
    r->default_date = vg_strdup(default_date ? default_date : "");
    vg_buf_init(&r->input, VG_MAX_RECORD_BYTES);
    vg_buf_init(&r->line, VG_MAX_RECORD_BYTES);
    return r;
}

void vigil_reader_set_diag(vigil_reader *r, vigil_diag_fn fn, void *userdata)
{
    if (!r) return;
    r->diag = fn;
    r->diag_data = userdata;
}

/* Keeps bytes of a buffered input, up to its limit. A text or HTML body is
 * cut at VG_MAX_STORY_BYTES anyway, so a few bytes past that are enough to
 * find a character boundary and to know that it was cut. */
static void keep(vigil_reader *r, const char *p, size_t n)
{
    size_t max = VG_MAX_RECORD_BYTES;
    if (r->format == VIGIL_FORMAT_TEXT || r->format == VIGIL_FORMAT_HTML)
        max = VG_MAX_STORY_BYTES + 4;
    size_t room = r->input.len < max ? max - r->input.len : 0;
    if (r->input_over) return;
    if (n <= room) {
        vg_buf_put(&r->input, p, n);
        return;
    }
    r->input_over = 1;
    vg_buf_put(&r->input, p, room);
    /* Do not keep a character cut in half: it would count as a repair. */
    char *b = r->input.ptr;
    size_t len = r->input.len, k = len;
    while (k > 0 && len - k < 4 && ((unsigned char)b[k - 1] & 0xC0) == 0x80) k--;
    if (k > 0) {
        unsigned char lead = (unsigned char)b[k - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (len - (k - 1) < need) r->input.len = k - 1;
    }
    if (r->input.ptr) r->input.ptr[r->input.len] = '\0';
}

/* Decides the format of an AUTO input from the bytes kept so far; a JSON
 * lines input then goes through the line splitter from its start. */
static void decide(vigil_reader *r, int at_end)
{
    int need_more;
    vigil_format f = detect(r->input.ptr ? r->input.ptr : "", r->input.len, &need_more);
    if (need_more && !at_end && r->input.len < DETECT_WINDOW) return;
    if (need_more && !at_end && f == VIGIL_FORMAT_TEXT) return; /* only white space yet */
    r->format = f;
    if (f == VIGIL_FORMAT_JSONL) {
        vg_buf held = r->input;
        vg_buf_init(&r->input, VG_MAX_RECORD_BYTES);
        jsonl_feed(r, held.ptr ? held.ptr : "", held.len);
        vg_buf_free(&held);
    }
}

/* Bytes after the byte-order-mark check. */
static void consume(vigil_reader *r, const char *p, size_t n)
{
    if (n == 0) return;
    if (r->format == VIGIL_FORMAT_JSONL) {
        jsonl_feed(r, p, n);
    } else {
        keep(r, p, n);
        if (r->format == VIGIL_FORMAT_AUTO) decide(r, 0);
    }
}

vigil_status vigil_reader_feed(vigil_reader *r, const char *data, size_t len)
{
    if (!r || (!data && len)) return VIGIL_ERR_ARG;
    if (r->finished) return VIGIL_ERR_ARG;
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    while (!r->head_done && len > 0) {
        r->head[r->nhead++] = (unsigned char)*data++;
        len--;
        if (r->head[r->nhead - 1] != bom[r->nhead - 1]) {
            r->head_done = 1;
            consume(r, (const char *)r->head, r->nhead);
        } else if (r->nhead == 3) {
            r->head_done = 1; /* a byte order mark: dropped */
        }
    }
    consume(r, data, len);
    return VIGIL_OK;
}

vigil_status vigil_reader_finish(vigil_reader *r)
{
    if (!r) return VIGIL_ERR_ARG;
    if (r->finished) return VIGIL_OK;
    if (!r->head_done) {
        r->head_done = 1;
        consume(r, (const char *)r->head, r->nhead);
    }
    r->finished = 1;
    if (r->format == VIGIL_FORMAT_AUTO) decide(r, 1);
    switch (r->format) {
    case VIGIL_FORMAT_JSONL:
        if (!r->discarding && r->line.len) jsonl_record(r, r->line.ptr, r->line.len, r->lineno + 1);
        vg_buf_reset(&r->line);
        break;
    case VIGIL_FORMAT_TEXT:
        whole_story(r, 0);
        break;
    case VIGIL_FORMAT_HTML:
        whole_story(r, 1);
        break;
    case VIGIL_FORMAT_XML:
        xml_input(r);
        break;
    case VIGIL_FORMAT_AUTO:
        break;
    }
    vg_buf_free(&r->input);
    vg_buf_free(&r->line);
    return VIGIL_OK;
}

vigil_status vigil_reader_next(vigil_reader *r, const vigil_story **out)
{
    if (!r || !out) return VIGIL_ERR_ARG;
    story_free(&r->cur);
    *out = NULL;
    if (r->qhead == r->qn) return VIGIL_DONE;
    r->cur = r->q[r->qhead++];
    if (r->qhead == r->qn) r->qhead = r->qn = 0;
    r->view.id = r->cur.id;
    r->view.date = r->cur.date;
    r->view.source = r->cur.source;
    r->view.url = r->cur.url;
    r->view.body = r->cur.body;
    r->view.body_len = r->cur.body_len;
    r->view.body_is_html = r->cur.html;
    r->view.line = r->cur.line;
    r->view.date_is_default = r->default_date[0] && strcmp(r->cur.date, r->default_date) == 0;
    /* Every body was repaired or checked, and cut at a character within
     * VG_MAX_STORY_BYTES, on its way here (field()). */
    r->view.body_checked = 1;
    *out = &r->view;
    return VIGIL_OK;
}

unsigned vigil_reader_skipped(const vigil_reader *r)
{
    return r ? r->skipped : 0;
}

vigil_format vigil_reader_format(const vigil_reader *r)
{
    return r ? r->format : VIGIL_FORMAT_AUTO;
}

void vigil_reader_free(vigil_reader *r)
{
    if (!r) return;
    for (size_t i = r->qhead; i < r->qn; i++) story_free(&r->q[i]);
    vg_free(r->q);
    story_free(&r->cur);
    vg_buf_free(&r->input);
    vg_buf_free(&r->line);
    vg_free(r->name);
    vg_free(r->base);
    vg_free(r->default_date);
    vg_free(r);
}
