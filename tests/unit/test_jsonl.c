/*
 * test_jsonl.c — the direct JSON-lines reader (src/jsonl.c) against cJSON.
 *
 * cJSON is the reference: on every line the direct reader accepts, cJSON
 * must read an object whose first "id", "text", "html", "date", "source"
 * and "url" members are absent, null or the same strings. Lines come from
 * a generator of records (escapes, surrogate pairs, non-ASCII text,
 * nesting, duplicate keys, long strings) in an ordinary mode, where the
 * direct reader must accept every line, and a hostile mode (control bytes,
 * "\u0000", bad escapes, odd numbers and white space), plus random
 * mutations of ordinary lines. Then the whole reader is run on ordinary
 * records and on the same records with one member added that only cJSON
 * reads, and the stories and messages must be the same.
 */
#include "harness.h"

#include "buf.h"
#include "jsonl.h"
#include "utf8.h"
#include "vigil.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static const char *pick(const char *const *v, size_t n)
{
    return v[rnd((unsigned)n)];
}
#define PICK(v) pick(v, sizeof v / sizeof v[0])

/* ----------------------------------------------------------- generator */

static const char *const PIECES[] = {
    "a",
    "Hello",
    " ",
    "said the minister.",
    "\xc3\xa9",
    "\xe2\x80\x99",
    "\xf0\x9f\x98\x80",
    "\xe4\xb8\xad\xe6\x96\x87",
    "\\\"",
    "\\\\",
    "\\/",
    "\\b",
    "\\f",
    "\\n",
    "\\r",
    "\\t",
    "\\u00e9",
    "\\u00E9",
    "\\u2019",
    "\\u0041",
    "\\u001f",
    "\\ud83d\\ude00",
    "\\uD83D\\uDE00",
    "0123456",
    "{[]}:,",
    "null",
    "\xc2\xa0",
};
static const char *const HOSTILE_PIECES[] = {
    "\\u0000", "\\uZZZZ", "\\u12", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\x",  "\x01",
    "\t",      "\x1f",    "\x7f",  "\\",      "\\u",     "\\ud83d\\",      "\xff",
};

static void gen_string(vg_buf *b, int hostile)
{
    vg_buf_putc(b, '"');
    unsigned k = rnd(8);
    if (rnd(10) == 0) k = 40 + rnd(200); /* long: the eight-byte skip */
    for (unsigned i = 0; i < k; i++) {
        if (hostile && rnd(6) == 0)
            vg_buf_puts(b, PICK(HOSTILE_PIECES));
        else if (rnd(3) == 0)
            vg_buf_puts(b, PICK(PIECES));
        else
            vg_buf_putc(b, 'a' + (int)rnd(26));
    }
    vg_buf_putc(b, '"');
}

static void gen_ws(vg_buf *b, int hostile)
{
    static const char *const WS[] = {"", "", "", " ", "  ", "\t", "\r\n", " \n "};
    static const char *const ODD_WS[] = {"\f", "\v", "\x01", "\x1f"};
    if (hostile && rnd(12) == 0)
        vg_buf_puts(b, PICK(ODD_WS));
    else
        vg_buf_puts(b, PICK(WS));
}

static void gen_value(vg_buf *b, int depth, int hostile);

static void gen_container(vg_buf *b, int depth, int hostile, int obj)
{
    static const char *const KEYS[] = {"\"id\"", "\"text\"", "\"k\"", "\"\"", "\"a b\""};
    vg_buf_putc(b, obj ? '{' : '[');
    unsigned k = rnd(4);
    gen_ws(b, hostile);
    for (unsigned i = 0; i < k; i++) {
        if (i) {
            vg_buf_putc(b, ',');
            gen_ws(b, hostile);
        }
        if (obj) {
            vg_buf_puts(b, PICK(KEYS));
            gen_ws(b, hostile);
            vg_buf_putc(b, ':');
            gen_ws(b, hostile);
        }
        gen_value(b, depth + 1, hostile);
        gen_ws(b, hostile);
    }
    if (hostile && k && rnd(20) == 0) vg_buf_putc(b, ','); /* a trailing comma */
    vg_buf_putc(b, obj ? '}' : ']');
}

static void gen_value(vg_buf *b, int depth, int hostile)
{
    static const char *const NUMBERS[] = {
        "0", "-1", "3.25", "1e5", "-0.5E-3", "12345678901234567890", "2024", "1E+2", "0.0"};
    static const char *const ODD[] = {
        "01",  "1.",   ".5",    "+1",  "-",
        "1e",  "0x1F", "1.5.3", "NaN", "Infinity",
        "nul", "True", "tru",   "1-2", "1.00000000000000000000000000000000000000000000000001"};
    static const char *const LITERALS[] = {"true", "false", "null"};
    unsigned k = rnd(depth > 3 ? 3 : 5);
    if (hostile && rnd(15) == 0) k = 5;
    switch (k) {
    case 0:
        gen_string(b, hostile);
        break;
    case 1:
        vg_buf_puts(b, PICK(NUMBERS));
        break;
    case 2:
        vg_buf_puts(b, PICK(LITERALS));
        break;
    case 3:
    case 4:
        gen_container(b, depth, hostile, k == 3);
        break;
    default:
        vg_buf_puts(b, PICK(ODD));
        break;
    }
}

/* A record. Wanted keys get strings (or null) unless hostile, and may come
 * twice; other members get any value. */
static void gen_record(vg_buf *b, int hostile)
{
    static const char *const WANTED[] = {"id", "text", "html", "date", "source", "url"};
    static const char *const OTHER[] = {"other", "", "TEXT", "texts", "tex", "meta"};
    static const char *const ESCAPED_KEYS[] = {"te\\u0078t", "i\\u0064", "t\\\"ext"};
    gen_ws(b, 0);
    vg_buf_putc(b, '{');
    gen_ws(b, hostile);
    unsigned k = rnd(9);
    for (unsigned i = 0; i < k; i++) {
        if (i) {
            vg_buf_putc(b, ',');
            gen_ws(b, hostile);
        }
        int wanted = rnd(3) != 0;
        vg_buf_putc(b, '"');
        if (hostile && rnd(15) == 0)
            vg_buf_puts(b, PICK(ESCAPED_KEYS));
        else
            vg_buf_puts(b, wanted ? PICK(WANTED) : PICK(OTHER));
        vg_buf_putc(b, '"');
        gen_ws(b, hostile);
        vg_buf_putc(b, ':');
        gen_ws(b, hostile);
        if (wanted && !hostile) {
            if (rnd(8) == 0)
                vg_buf_puts(b, "null");
            else
                gen_string(b, 0);
        } else {
            gen_value(b, 1, hostile);
        }
        gen_ws(b, hostile);
    }
    vg_buf_putc(b, '}');
    if (hostile && rnd(20) == 0) vg_buf_puts(b, "x");
}

/* ----------------------------------------------------------- comparison */

static const char *const KEYNAMES[VG_JK_COUNT] = {"id", "text", "html", "date", "source", "url"};

/* Lines the one-pass reader (vg_jsonl_scan_utf8) accepted, and lines the
 * direct reader accepted that it refused (invalid UTF-8). */
static unsigned utf8_accepted, utf8_refused;

/* 1 if the direct reader agrees with cJSON on p[0, n) (or refuses it);
 * *accepted says whether it accepted. */
static int agrees(const char *p, size_t n, int *accepted)
{
    vg_jfield f[VG_JK_COUNT];
    vg_buf scratch;
    vg_buf_init(&scratch, SIZE_MAX);
    *accepted = vg_jsonl_scan(p, n, f, &scratch);
    int same = 1;
    if (*accepted) {
        const char *end = NULL;
        cJSON *root = cJSON_ParseWithLengthOpts(p, n, &end, 0);
        if (!root || end != p + n || !cJSON_IsObject(root)) {
            same = 0;
        } else {
            for (int k = 0; k < VG_JK_COUNT && same; k++) {
                const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, KEYNAMES[k]);
                if (!it)
                    same = f[k].kind == VG_JV_ABSENT;
                else if (cJSON_IsNull(it))
                    same = f[k].kind == VG_JV_NULL;
                else if (cJSON_IsString(it) && it->valuestring)
                    same = f[k].kind == VG_JV_STRING && f[k].n == strlen(it->valuestring) &&
                           memcmp(f[k].s, it->valuestring, f[k].n) == 0;
                else
                    same = 0;
            }
        }
        cJSON_Delete(root);
        /* The reader copies the body of a valid line without repairing
         * it again: every string of such a line must be valid UTF-8
         * without NUL bytes (vg_utf8_valid refuses NUL). */
        if (vg_utf8_valid(p, n))
            for (int k = 0; k < VG_JK_COUNT; k++)
                if (f[k].kind == VG_JV_STRING && !vg_utf8_valid(f[k].s, f[k].n)) same = 0;
    }
    /* The one-pass reader with its UTF-8 check: the same answer as the
     * direct reader after vg_utf8_valid, and the same fields. */
    vg_jfield g[VG_JK_COUNT];
    vg_buf scratch2;
    vg_buf_init(&scratch2, SIZE_MAX);
    int acc2 = vg_jsonl_scan_utf8(p, n, g, &scratch2);
    if (acc2 != (*accepted && vg_utf8_valid(p, n))) same = 0;
    for (int k = 0; acc2 && k < VG_JK_COUNT; k++)
        if (g[k].kind != f[k].kind || g[k].n != f[k].n ||
            (g[k].n && memcmp(g[k].s, f[k].s, g[k].n) != 0))
            same = 0;
    utf8_accepted += acc2;
    utf8_refused += *accepted && !acc2;
    vg_buf_free(&scratch2);
    vg_buf_free(&scratch);
    if (!same) fprintf(stderr, "direct reader and cJSON differ on: %.*s\n", (int)n, p);
    return same;
}

static void test_fixed_lines(void)
{
    static const char *const lines[] = {
        "{}",
        "{ }",
        "{\"text\":\"x\"}",
        "{\"text\":\"a\\u00e9\\u2019\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
        "{\"id\":null,\"text\":\"x\",\"text\":\"y\"}",
        "{\"id\":\"\",\"html\":\"<p>x</p>\",\"meta\":{\"a\":[1,2,{\"b\":null}],\"c\":true}}",
        "{\"date\":\"2024-01-02\",\"text\":\"x\",\"n\":-0.5e-3,\"m\":[],\"o\":{}}",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        int acc;
        OK(agrees(lines[i], strlen(lines[i]), &acc), lines[i]);
        OK(acc, lines[i]);
    }
    /* Left to cJSON, each for its reason. */
    static const char *const refused[] = {
        "",
        " {}",
        "{\"text\":\"x\"} ",
        "{\"text\":\"x\",}",
        "{\"text\":\"\\u0000\"}",
        "{\"text\":\"\\uZZZZ\"}",
        "{\"text\":\"\\ud800\"}",
        "{\"text\":\"\\udc00\"}",
        "{\"text\":\"\\ud800\\u0041\"}",
        "{\"text\":\"\\x\"}",
        "{\"text\":\"a\x01\"}",
        "{\"te\\u0078t\":\"x\"}",
        "{\"text\":\"x\",\"a\":01}",
        "{\"text\":\"x\",\"a\":1.}",
        "{\"text\":\"x\",\"a\":+1}",
        "{\"text\":\"x\",\x0c\"a\":1}",
        "{\"id\":5,\"text\":\"x\"}",
        "{\"date\":20240102,\"text\":\"x\"}",
        "{\"text\":[\"x\"]}",
        "{\"text\":\"x\",\"a\":1.00000000000000000000000000000000000000000000000001}",
        "[{\"text\":\"x\"}]",
        "{\"text\":\"x\"",
        "{\"text\" \"x\"}",
        "{\"text\":\"x\"}}",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        vg_jfield f[VG_JK_COUNT];
        vg_buf scratch;
        vg_buf_init(&scratch, SIZE_MAX);
        OK(!vg_jsonl_scan(refused[i], strlen(refused[i]), f, &scratch), refused[i]);
        vg_buf_free(&scratch);
    }
    /* Deep nesting is refused, not recursed into without bound. */
    vg_buf deep;
    vg_buf_init(&deep, SIZE_MAX);
    vg_buf_puts(&deep, "{\"text\":\"x\",\"a\":");
    for (int i = 0; i < 100000; i++) vg_buf_putc(&deep, '[');
    int acc;
    OK(agrees(deep.ptr, deep.len, &acc) && !acc, "deep nesting refused");
    vg_buf_free(&deep);
}

static void test_generated(void)
{
    vg_buf b;
    vg_buf_init(&b, SIZE_MAX);
    unsigned ordinary_refused = 0, disagree = 0, hostile_accepted = 0, mutated_accepted = 0;
    for (int i = 0; i < 20000; i++) {
        int acc;
        vg_buf_reset(&b);
        gen_record(&b, 0);
        if (!agrees(b.ptr, b.len, &acc)) disagree++;
        /* jsonl_record trims the line first; the generator's leading
         * white space is plain JSON white space. */
        size_t s = 0;
        while (s < b.len &&
               (b.ptr[s] == ' ' || b.ptr[s] == '\t' || b.ptr[s] == '\r' || b.ptr[s] == '\n'))
            s++;
        if (!agrees(b.ptr + s, b.len - s, &acc)) disagree++;
        if (!acc) ordinary_refused++;

        /* One to three mutations of the ordinary line. */
        for (int m = 1 + (int)rnd(3); m > 0 && b.len > 0; m--) {
            static const char INS[] = "\"\\{}[],: u0an\x01\xc3";
            size_t at = rnd((unsigned)b.len);
            switch (rnd(4)) {
            case 0: /* delete */
                memmove(b.ptr + at, b.ptr + at + 1, b.len - at - 1);
                b.len--;
                break;
            case 1: /* replace */
                b.ptr[at] = INS[rnd(sizeof INS - 1)];
                break;
            case 2: /* truncate */
                b.len = at;
                break;
            default: { /* insert */
                char c = INS[rnd(sizeof INS - 1)];
                vg_buf_putc(&b, ' ');
                memmove(b.ptr + at + 1, b.ptr + at, b.len - at - 1);
                b.ptr[at] = c;
                break;
            }
            }
        }
        if (!agrees(b.ptr, b.len, &acc)) disagree++;
        mutated_accepted += (unsigned)acc;

        vg_buf_reset(&b);
        gen_record(&b, 1);
        if (!agrees(b.ptr, b.len, &acc)) disagree++;
        hostile_accepted += (unsigned)acc;
    }
    INT_EQ(disagree, 0, "direct reader agrees with cJSON on generated and mutated lines");
    OK(utf8_accepted > 20000 && utf8_refused > 100,
       "one-pass UTF-8 check: lines accepted, and invalid ones refused");
    INT_EQ(ordinary_refused, 0, "direct reader takes every ordinary record");
    /* Both kinds must exercise both answers, or the comparison says little. */
    OK(mutated_accepted > 100 && mutated_accepted < 19000, "mutations: some accepted, most not");
    OK(hostile_accepted > 100 && hostile_accepted < 19000, "hostile: some accepted, some not");
    vg_buf_free(&b);
}

/* ------------------------------------------------- through the reader */

static void on_diag(void *data, const char *msg)
{
    vg_buf_puts(data, msg);
    vg_buf_putc(data, '\n');
}

/* Everything the reader makes of one line: stories, messages, skips. */
static void read_line(const char *p, size_t n, vg_buf *out)
{
    vigil_reader *r = vigil_reader_new(VIGIL_FORMAT_JSONL, "in", "2024-01-01");
    vigil_reader_set_diag(r, on_diag, out);
    vigil_reader_feed(r, p, n);
    vigil_reader_finish(r);
    const vigil_story *s;
    while (vigil_reader_next(r, &s) == VIGIL_OK) {
        vg_buf_printf(out, "%s|%s|%s|%s|%d|%u|%zu|", s->id, s->date, s->source ? s->source : "-",
                      s->url ? s->url : "-", s->body_is_html, s->line, s->body_len);
        vg_buf_put(out, s->body, s->body_len);
        vg_buf_putc(out, '\n');
    }
    vg_buf_printf(out, "skipped %u\n", vigil_reader_skipped(r));
    vigil_reader_free(r);
}

static void test_reader_same(void)
{
    static const char *const DATES[] = {"\"2024-02-03\"", "\"2024-02-30\"",          "\"\"", "null",
                                        "\"20240203\"",   "\"2024-02-03T10:00:00Z\""};
    /* cJSON reads this number (under its 64-byte buffer); the direct
     * reader leaves numbers over 40 bytes to it. */
    static const char PAD[] = ",\"zzpad\":1.000000000000000000000000000000000000000000000001";
    vg_buf a, b, ra, rb;
    vg_buf_init(&a, SIZE_MAX);
    vg_buf_init(&b, SIZE_MAX);
    vg_buf_init(&ra, SIZE_MAX);
    vg_buf_init(&rb, SIZE_MAX);
    unsigned differ = 0, stories = 0;
    for (int i = 0; i < 3000; i++) {
        vg_buf_reset(&a);
        vg_buf_puts(&a, "{");
        int first = 1;
        for (int k = 0; k < VG_JK_COUNT; k++) {
            if (rnd(4) == 0) continue;
            if (!first) vg_buf_putc(&a, ',');
            first = 0;
            vg_buf_printf(&a, "\"%s\":", KEYNAMES[k]);
            if (k == VG_JK_DATE)
                vg_buf_puts(&a, PICK(DATES));
            else if (rnd(10) == 0)
                vg_buf_puts(&a, "null");
            else
                gen_string(&a, 0);
            if (rnd(10) == 0) { /* a later duplicate never counts */
                vg_buf_printf(&a, ",\"%s\":", KEYNAMES[k]);
                gen_string(&a, 0);
            }
        }
        if (first) vg_buf_puts(&a, "\"other\":1");
        vg_buf_reset(&b);
        vg_buf_put(&b, a.ptr, a.len);
        vg_buf_puts(&b, PAD);
        vg_buf_puts(&a, "}");
        vg_buf_puts(&b, "}");
        vg_jfield f[VG_JK_COUNT];
        vg_buf scratch;
        vg_buf_init(&scratch, SIZE_MAX);
        OK(vg_jsonl_scan(a.ptr, a.len, f, &scratch), "direct reader takes the plain record");
        OK(!vg_jsonl_scan(b.ptr, b.len, f, &scratch), "and leaves the padded one to cJSON");
        vg_buf_free(&scratch);
        vg_buf_reset(&ra);
        vg_buf_reset(&rb);
        read_line(a.ptr, a.len, &ra);
        read_line(b.ptr, b.len, &rb);
        if (ra.len != rb.len || memcmp(ra.ptr, rb.ptr, ra.len) != 0) {
            if (differ++ < 3) fprintf(stderr, "reader differs:\n%s--- vs\n%s", ra.ptr, rb.ptr);
        }
        stories += strstr(ra.ptr, "skipped 0") != NULL;
    }
    INT_EQ(differ, 0, "reader: direct and cJSON paths give the same stories and messages");
    OK(stories > 1000, "most generated records are stories");
    vg_buf_free(&a);
    vg_buf_free(&b);
    vg_buf_free(&ra);
    vg_buf_free(&rb);
}

/* Every byte value alone in a string of ASCII letters, at every place of
 * strings of a few lengths (the string scan's thirty-two-byte steps, its
 * sixteen-byte step and its byte loop each meet it): the line is
 * accepted, with the string as it is, exactly when the byte is one a
 * JSON string holds as it is (not '"', '\\', a byte below 0x20, nor one
 * from 0x80 up, which alone is no UTF-8). A scan that stops at a byte it
 * should pass takes it for a backslash and refuses the line; one that
 * passes a quotation mark or a control byte accepts a bad line. */
static void test_every_byte(void)
{
    static const size_t lens[] = {1, 15, 40, 72, 90, 105};
    char line[160], body[120];
    int bad = 0;
    for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
        size_t len = lens[l];
        for (int c = 0; c < 256; c++) {
            for (size_t at = 0; at < len; at++) {
                memset(body, 'a', len);
                body[at] = (char)c;
                memcpy(line, "{\"text\":\"", 9);
                memcpy(line + 9, body, len);
                memcpy(line + 9 + len, "\"}", 2);
                vg_jfield f[VG_JK_COUNT];
                vg_buf scratch;
                vg_buf_init(&scratch, SIZE_MAX);
                int plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
                int acc = vg_jsonl_scan_utf8(line, len + 11, f, &scratch);
                if (acc != plain ||
                    (acc && (f[VG_JK_TEXT].n != len || memcmp(f[VG_JK_TEXT].s, body, len) != 0))) {
                    if (bad++ < 3)
                        fprintf(stderr, "byte 0x%02x at %zu of %zu: accepted %d\n", c, at, len,
                                acc);
                }
                vg_buf_free(&scratch);
            }
        }
    }
    INT_EQ(bad, 0, "scan: every byte at every place of a string");
}

int main(void)
{
    test_every_byte();
    test_fixed_lines();
    test_generated();
    test_reader_same();
    TEST_MAIN_END();
}
