/*
 * test_output.c — events formatted as JSON lines and TSV.
 *
 * Events are built by hand over invented sentences, and the lines are
 * compared byte for byte; cJSON parses the JSON lines back to show the
 * escaping is valid JSON. The snprintf-like contract (full length
 * returned, at most cap bytes written, NUL always written when cap > 0) is
 * checked at the edges.
 */
#include "buf.h"
#include "harness.h"
#include "vigil.h"

#include <cjson/cJSON.h>
#include <locale.h>
#include <string.h>

static const char *const SENT = "Gondor warned Arnor of sanctions on Monday.";

/* A complete event: Gondor (GON) threatens Arnor (ARN) with sanctions. */
static vigil_event sample(void)
{
    vigil_event e;
    memset(&e, 0, sizeof e);
    e.story = "s1";
    e.sentence = 2;
    e.date = "2024-09-09";
    memcpy(e.source, "GON", 4);
    memcpy(e.target, "ARN", 4);
    memcpy(e.code, "1312", 5);
    memcpy(e.root, "13", 3);
    e.quad = 3;
    e.goldstein = -5.8;
    e.plover = "THREATEN";
    e.negated = 0;
    e.hypothetical = 1;
    e.ev_source = (vigil_span){0, 6};
    e.ev_verb = (vigil_span){7, 13};
    e.ev_target = (vigil_span){14, 19};
    e.rule = "WARN * OF SANCTION";
    e.rule_where = "test.verbs:12";
    e.text = SENT;
    e.text_len = strlen(SENT);
    return e;
}

static const char *const SAMPLE_JSON =
    "{\"story\":\"s1\",\"sentence\":2,\"date\":\"2024-09-09\",\"source\":\"GON\","
    "\"target\":\"ARN\",\"code\":\"1312\",\"root\":\"13\",\"quad\":3,\"goldstein\":-5.8,"
    "\"plover\":\"THREATEN\",\"negated\":false,\"hypothetical\":true,\"speaker\":null,"
    "\"evidence\":{\"source\":[0,6],\"verb\":[7,13],\"target\":[14,19],"
    "\"rule\":\"WARN * OF SANCTION\"},"
    "\"text\":\"Gondor warned Arnor of sanctions on Monday.\"}\n";

static const char *const SAMPLE_TSV =
    "s1\t2\t2024-09-09\tGON\tARN\t1312\t13\t3\t-5.8\tTHREATEN\t0\t1\t\t"
    "Gondor warned Arnor of sanctions on Monday.\n";

static char line[4096];

static const char *fmt(const vigil_event *e, vigil_outfmt f)
{
    vigil_event_format(e, f, line, sizeof line);
    return line;
}

/* The JSON text of the goldstein value of an event, e.g. "-5.8". */
static const char *gold_json(double g)
{
    static char out[32];
    vigil_event e = sample();
    e.goldstein = g;
    const char *j = strstr(fmt(&e, VIGIL_OUT_JSONL), "\"goldstein\":");
    out[0] = '\0';
    if (!j) return out;
    j += strlen("\"goldstein\":");
    size_t n = strcspn(j, ",");
    if (n >= sizeof out) n = sizeof out - 1;
    memcpy(out, j, n);
    out[n] = '\0';
    return out;
}

static void test_exact(void)
{
    vigil_event e = sample();
    STR_EQ(fmt(&e, VIGIL_OUT_JSONL), SAMPLE_JSON, "sample JSON line");
    INT_EQ(vigil_event_format(&e, VIGIL_OUT_JSONL, NULL, 0), strlen(SAMPLE_JSON), "JSON length");
    STR_EQ(fmt(&e, VIGIL_OUT_TSV), SAMPLE_TSV, "sample TSV line");
    INT_EQ(vigil_event_format(&e, VIGIL_OUT_TSV, NULL, 0), strlen(SAMPLE_TSV), "TSV length");
    STR_EQ(vigil_tsv_header(),
           "story\tsentence\tdate\tsource\ttarget\tcode\troot\tquad\tgoldstein\tplover\t"
           "negated\thypothetical\tspeaker\ttext\n",
           "TSV header");

    /* The header and a line have the same number of columns. */
    size_t tabs_h = 0, tabs_l = 0;
    for (const char *p = vigil_tsv_header(); *p; p++) tabs_h += *p == '\t';
    for (const char *p = SAMPLE_TSV; *p; p++) tabs_l += *p == '\t';
    INT_EQ(tabs_h, 13, "header has 14 columns");
    INT_EQ(tabs_l, tabs_h, "line has as many columns as the header");
}

static void test_speaker_and_flags(void)
{
    vigil_event e = sample();
    memcpy(e.speaker, "GONGOV", 7);
    e.negated = 1;
    e.hypothetical = 0;
    const char *j = fmt(&e, VIGIL_OUT_JSONL);
    OK(strstr(j, "\"negated\":true,\"hypothetical\":false,\"speaker\":\"GONGOV\",") != NULL,
       "flags and speaker in JSON");
    const char *t = fmt(&e, VIGIL_OUT_TSV);
    OK(strstr(t, "\tTHREATEN\t1\t0\tGONGOV\tGondor") != NULL, "flags and speaker in TSV");

    /* Any nonzero flag is true. */
    e.negated = 7;
    OK(strstr(fmt(&e, VIGIL_OUT_JSONL), "\"negated\":true") != NULL, "nonzero flag is true");
}

static void test_null_spans(void)
{
    /* Actor missing (VIGIL_CODE_NO_DYAD): no target, no target span. */
    vigil_event e = sample();
    e.target[0] = '\0';
    e.ev_target = (vigil_span){0, 0};
    const char *j = fmt(&e, VIGIL_OUT_JSONL);
    OK(strstr(j, "\"target\":\"\",\"code\"") != NULL, "empty target is an empty string");
    OK(strstr(j, "\"verb\":[7,13],\"target\":null,\"rule\"") != NULL, "empty target span null");
    OK(strstr(fmt(&e, VIGIL_OUT_TSV), "\tGON\t\t1312\t") != NULL, "empty target TSV field");

    /* A span that starts at 0 but is not empty is a real span. */
    e = sample();
    OK(strstr(fmt(&e, VIGIL_OUT_JSONL), "\"source\":[0,6]") != NULL, "span at offset 0 kept");
    e.ev_source = (vigil_span){0, 0};
    OK(strstr(fmt(&e, VIGIL_OUT_JSONL), "{\"source\":null,") != NULL, "(0,0) source span null");
}

static void test_goldstein(void)
{
    STR_EQ(gold_json(-5.8), "-5.8", "-5.8");
    STR_EQ(gold_json(8.3), "8.3", "8.3");
    STR_EQ(gold_json(0.0), "0.0", "0.0");
    STR_EQ(gold_json(-0.0), "0.0", "-0.0 prints as 0.0");
    STR_EQ(gold_json(-0.04), "0.0", "-0.04 rounds to 0.0, not -0.0");
    STR_EQ(gold_json(-0.1), "-0.1", "-0.1");
    STR_EQ(gold_json(10.0), "10.0", "10.0");
    STR_EQ(gold_json(-10.0), "-10.0", "-10.0");
    STR_EQ(gold_json(3.0), "3.0", "3.0");
    STR_EQ(gold_json(7.44), "7.4", "7.44 rounds down");
    STR_EQ(gold_json(-7.46), "-7.5", "-7.46 rounds up in magnitude");
    double zero = 0.0;
    STR_EQ(gold_json(zero / zero), "null", "NaN is null");
    STR_EQ(gold_json(1.0 / zero), "null", "infinity is null");

    vigil_event e = sample();
    e.goldstein = zero / zero;
    OK(strstr(fmt(&e, VIGIL_OUT_TSV), "\t3\t\tTHREATEN\t") != NULL, "NaN is an empty TSV field");

    /* An application may set a locale with a decimal comma; the library
     * must not follow it. Skipped when no such locale is installed. */
    const char *locales[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"};
    for (size_t i = 0; i < sizeof locales / sizeof locales[0]; i++) {
        if (setlocale(LC_NUMERIC, locales[i])) {
            STR_EQ(gold_json(-5.8), "-5.8", "decimal point under a decimal-comma locale");
            setlocale(LC_NUMERIC, "C");
            break;
        }
    }
}

static void test_escaping(void)
{
    static const char text[] =
        "He said \"no\" \\ then\nleft\tnow \x01 \x7f Min\xc3\xa1s \xe2\x80\x99";
    vigil_event e = sample();
    e.text = text;
    e.text_len = sizeof text - 1;
    e.story = "a\"b";
    const char *j = fmt(&e, VIGIL_OUT_JSONL);
    OK(strstr(j, "\"text\":\"He said \\\"no\\\" \\\\ then\\nleft\\tnow \\u0001 \\u007f "
                 "Min\xc3\xa1s \xe2\x80\x99\"}\n") != NULL,
       "text escaped, UTF-8 kept");
    OK(strstr(j, "{\"story\":\"a\\\"b\",") != NULL, "story escaped");

    /* cJSON reads the line back to the same strings. */
    cJSON *root = cJSON_Parse(j);
    OK(root != NULL, "JSON parses");
    if (root) {
        cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "text");
        OK(cJSON_IsString(t) && strcmp(t->valuestring, text) == 0, "text round-trips");
        cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "speaker");
        OK(cJSON_IsNull(s), "speaker is null");
        cJSON *g = cJSON_GetObjectItemCaseSensitive(root, "goldstein");
        OK(cJSON_IsNumber(g) && g->valuedouble == -5.8, "goldstein number");
        cJSON *ev = cJSON_GetObjectItemCaseSensitive(root, "evidence");
        cJSON *verb = cJSON_GetObjectItemCaseSensitive(ev, "verb");
        OK(cJSON_GetArraySize(verb) == 2 && cJSON_GetArrayItem(verb, 1)->valueint == 13,
           "evidence.verb [7,13]");
        /* The keys in the documented order. */
        static const char *const keys[] = {"story",     "sentence", "date",    "source",
                                           "target",    "code",     "root",    "quad",
                                           "goldstein", "plover",   "negated", "hypothetical",
                                           "speaker",   "evidence", "text"};
        size_t k = 0, ordered = 1;
        for (cJSON *it = root->child; it; it = it->next, k++)
            if (k >= sizeof keys / sizeof keys[0] || strcmp(it->string, keys[k]) != 0) ordered = 0;
        OK(ordered && k == sizeof keys / sizeof keys[0], "keys in order");
        cJSON_Delete(root);
    }

    /* TSV: tabs and line breaks become spaces; quotes and backslashes stay. */
    e.story = "st\tory";
    const char *t = fmt(&e, VIGIL_OUT_TSV);
    OK(strncmp(t, "st ory\t2\t", 9) == 0, "tab in story replaced");
    OK(strstr(t, "\tHe said \"no\" \\ then left now \x01 \x7f Min\xc3\xa1s \xe2\x80\x99\n") != NULL,
       "TSV text flattened");
    size_t newlines = 0;
    for (const char *p = t; *p; p++) newlines += *p == '\n';
    INT_EQ(newlines, 1, "one TSV line");

    static const char crlf[] = "one\r\ntwo";
    e.text = crlf;
    e.text_len = sizeof crlf - 1;
    OK(strstr(fmt(&e, VIGIL_OUT_TSV), "\tone  two\n") != NULL, "CR LF become two spaces");
}

static void test_lengths_and_nulls(void)
{
    /* text_len is honoured: the sentence is a slice of a longer text. */
    vigil_event e = sample();
    e.text_len = 6;
    OK(strstr(fmt(&e, VIGIL_OUT_JSONL), "\"text\":\"Gondor\"}\n") != NULL, "text cut at text_len");
    OK(strstr(fmt(&e, VIGIL_OUT_TSV), "\tGondor\n") != NULL, "TSV text cut at text_len");

    /* NULL string pointers are written as empty strings. */
    e = sample();
    e.story = NULL;
    e.date = NULL;
    e.plover = NULL;
    e.rule = NULL;
    e.text = NULL;
    e.text_len = 99;
    const char *j = fmt(&e, VIGIL_OUT_JSONL);
    OK(strncmp(j, "{\"story\":\"\",\"sentence\":2,\"date\":\"\",", 35) == 0, "NULL story, date");
    OK(strstr(j, "\"plover\":\"\",") != NULL, "NULL plover");
    OK(strstr(j, "\"rule\":\"\"},\"text\":\"\"}\n") != NULL, "NULL rule and text");

    /* Code arrays filled to the brim without a NUL are read to their end. */
    e = sample();
    memset(e.source, 'A', sizeof e.source);
    char want[64] = "\"source\":\"";
    memset(want + 10, 'A', sizeof e.source);
    memcpy(want + 10 + sizeof e.source, "\",", 3);
    OK(strstr(fmt(&e, VIGIL_OUT_JSONL), want) != NULL, "unterminated source array");

    INT_EQ(vigil_event_format(NULL, VIGIL_OUT_JSONL, NULL, 0), 0, "NULL event");
}

static void test_truncation(void)
{
    vigil_event e = sample();
    size_t full = strlen(SAMPLE_JSON);
    char small[16];

    memset(small, 'x', sizeof small);
    INT_EQ(vigil_event_format(&e, VIGIL_OUT_JSONL, small, 10), full, "cap 10 returns full length");
    OK(memcmp(small, SAMPLE_JSON, 9) == 0 && small[9] == '\0', "cap 10 writes 9 bytes and NUL");
    OK(small[10] == 'x', "nothing past cap");

    memset(small, 'x', sizeof small);
    INT_EQ(vigil_event_format(&e, VIGIL_OUT_JSONL, small, 1), full, "cap 1 returns full length");
    OK(small[0] == '\0' && small[1] == 'x', "cap 1 writes only the NUL");

    memset(small, 'x', sizeof small);
    INT_EQ(vigil_event_format(&e, VIGIL_OUT_JSONL, small, 0), full, "cap 0 returns full length");
    OK(small[0] == 'x', "cap 0 writes nothing");

    /* Exactly full: room for the line but not its NUL loses the newline. */
    char exact[1024];
    INT_EQ(vigil_event_format(&e, VIGIL_OUT_JSONL, exact, full), full, "cap == length");
    OK(strlen(exact) == full - 1 && strncmp(exact, SAMPLE_JSON, full - 1) == 0,
       "cap == length drops the last byte");
    INT_EQ(vigil_event_format(&e, VIGIL_OUT_JSONL, exact, full + 1), full, "cap == length + 1");
    STR_EQ(exact, SAMPLE_JSON, "cap == length + 1 writes it all");

    size_t tsv = strlen(SAMPLE_TSV);
    INT_EQ(vigil_event_format(&e, VIGIL_OUT_TSV, small, 5), tsv, "TSV truncated length");
    STR_EQ(small, "s1\t2", "TSV truncated prefix");
}

static void test_long_text(void)
{
    /* A sentence of control characters grows six-fold in JSON. */
    enum { N = 10000 };
    static char text[N];
    memset(text, '\x02', N);
    vigil_event e = sample();
    e.text = text;
    e.text_len = N;
    size_t need = vigil_event_format(&e, VIGIL_OUT_JSONL, NULL, 0);
    size_t head = strlen(SAMPLE_JSON) - strlen(SENT);
    INT_EQ(need, head + 6 * N, "long escaped text measured");
}

/* The integers of a line (sentence, quad, evidence spans) are written
 * without printf: compare them with snprintf's on edge and random values,
 * in both formats. */
static void test_integers(void)
{
    static const long long edge[] = {
        0, 1, 9, 10, 99, 100, 12345, 2147483647, -1, -10, -2147483647 - 1};
    unsigned long long x = 88172645463325252ull;
    int same = 1;
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        vigil_event e = sample();
        long long q = i < 11 ? edge[i] : (long long)(int)(x >> 32);
        e.quad = (int)q;
        e.sentence = i < 11 ? (unsigned)(q < 0 ? -(q + 1) : q) : (unsigned)x;
        if (i == 11) e.sentence = 4294967295u;
        e.ev_source.start = (uint32_t)(x >> 8), e.ev_source.end = (uint32_t)(x >> 20);
        e.ev_verb.start = i % 7 == 0 ? 4294967295u : (uint32_t)(i % 13);
        e.ev_verb.end = e.ev_verb.start + 1;
        e.ev_target.start = 0, e.ev_target.end = (uint32_t)i;
        char want[256];
        snprintf(want, sizeof want,
                 "\"sentence\":%u,\"date\":\"2024-09-09\",\"source\":\"GON\","
                 "\"target\":\"ARN\",\"code\":\"1312\",\"root\":\"13\",\"quad\":%d,",
                 e.sentence, e.quad);
        const char *got = fmt(&e, VIGIL_OUT_JSONL);
        if (!strstr(got, want)) same = 0;
        char spans[160];
        if (e.ev_target.end)
            snprintf(spans, sizeof spans, "\"source\":[%u,%u],\"verb\":[%u,%u],\"target\":[0,%u]",
                     e.ev_source.start, e.ev_source.end, e.ev_verb.start, e.ev_verb.end,
                     e.ev_target.end);
        else
            snprintf(spans, sizeof spans, "\"source\":[%u,%u],\"verb\":[%u,%u],\"target\":null",
                     e.ev_source.start, e.ev_source.end, e.ev_verb.start, e.ev_verb.end);
        if (!(e.ev_source.start == 0 && e.ev_source.end == 0) && !strstr(got, spans)) same = 0;
        snprintf(want, sizeof want, "s1\t%u\t2024-09-09\tGON\tARN\t1312\t13\t%d\t", e.sentence,
                 e.quad);
        if (strncmp(fmt(&e, VIGIL_OUT_TSV), want, strlen(want)) != 0) same = 0;
        if (!same) {
            fprintf(stderr, "integers differ from printf's: %s\n", got);
            break;
        }
    }
    OK(same, "sentence, quad and spans are written as printf writes them");
}

/* vg_buf_json_str against the plain byte-by-byte escaper, on every byte
 * alone and on random strings of all bytes. */
static void json_ref(vg_buf *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        char tmp[8];
        if (c == '"' || c == '\\')
            snprintf(tmp, sizeof tmp, "\\%c", (int)c);
        else if (c == '\n')
            snprintf(tmp, sizeof tmp, "\\n");
        else if (c == '\t')
            snprintf(tmp, sizeof tmp, "\\t");
        else if (c == '\r')
            snprintf(tmp, sizeof tmp, "\\r");
        else if (c < 0x20 || c == 0x7f)
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
        else
            tmp[0] = (char)c, tmp[1] = 0;
        vg_buf_put(b, tmp, c == 0 ? 6 : strlen(tmp));
    }
}

static void test_json_escaper(void)
{
    int same = 1;
    unsigned long long x = 0x123456789ull;
    for (int t = 0; t < 2256 && same; t++) {
        unsigned char s[64];
        size_t n;
        if (t < 256) {
            s[0] = (unsigned char)t, n = 1;
        } else {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            n = (size_t)(x % 64);
            for (size_t i = 0; i < n; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                s[i] = (unsigned char)(x % 4 ? 'a' + x % 26 : x >> 16);
            }
        }
        vg_buf got, want;
        vg_buf_init(&got, 1024);
        vg_buf_init(&want, 1024);
        vg_buf_json_str(&got, (const char *)s, n);
        json_ref(&want, s, n);
        if (got.len != want.len || (got.len && memcmp(got.ptr, want.ptr, got.len) != 0)) same = 0;
        /* Under a ceiling below six bytes a byte (the piece-by-piece
         * path), after some text already in the buffer (the inline room
         * test): the same bytes whenever they fit. */
        vg_buf low;
        vg_buf_init(&low, 4 * n + 8);
        vg_buf_put(&low, "ab", 2);
        int st = vg_buf_json_str(&low, (const char *)s, n);
        if (want.len + 2 <= low.max && (st != VIGIL_OK || low.len != want.len + 2 ||
                                        (want.len && memcmp(low.ptr + 2, want.ptr, want.len) != 0)))
            same = 0;
        vg_buf_free(&low);
        vg_buf_free(&got);
        vg_buf_free(&want);
    }
    OK(same, "vg_buf_json_str escapes as the byte-by-byte reference does");
    /* Every byte at every place of a string of letters of each length to
     * 17: the short strings are tested and copied as two words that
     * overlap (4 to 7 bytes and 8 to 15), so each byte must be seen in
     * either word. */
    int bad = 0;
    for (size_t n = 1; n <= 17; n++)
        for (size_t p = 0; p < n; p++)
            for (int c = 0; c < 256; c++) {
                unsigned char s[17];
                memset(s, 'k', n);
                s[p] = (unsigned char)c;
                vg_buf got, want;
                vg_buf_init(&got, 1024);
                vg_buf_init(&want, 1024);
                vg_buf_json_str(&got, (const char *)s, n);
                json_ref(&want, s, n);
                if (got.len != want.len || memcmp(got.ptr, want.ptr, got.len) != 0) bad++;
                vg_buf_free(&got);
                vg_buf_free(&want);
            }
    INT_EQ(bad, 0, "vg_buf_json_str: every byte at every place of short strings");
}

/* A line written in place (the caller's buffer holds the line's bound)
 * and through the writer's own buffer (cap just over the length) must be
 * the same bytes: random texts, codes and speakers of every byte, in both
 * formats. */
static void test_in_place(void)
{
    static char big[1 << 16], exact[1 << 16];
    unsigned long long x = 0x9E3779B97F4A7C15ull;
    int same = 1, in_place = 0;
    for (int t = 0; t < 3000 && same; t++) {
        vigil_event e = sample();
        char text[300];
        size_t n = 0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t want = (size_t)(x % sizeof text);
        for (; n < want; n++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            text[n] = (char)(x % 3 ? 'a' + x % 26 : x >> 20);
        }
        e.text = text;
        e.text_len = n;
        for (size_t i = 0; i + 1 < sizeof e.speaker; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            e.speaker[i] = (char)(x % 4 ? 'A' + x % 26 : x >> 24);
        }
        e.speaker[x % sizeof e.speaker] = '\0';
        vigil_outfmt f = t % 2 ? VIGIL_OUT_TSV : VIGIL_OUT_JSONL;
        size_t need = vigil_event_format(&e, f, big, sizeof big);
        size_t need2 = vigil_event_format(&e, f, exact, need + 1);
        in_place += need + 1 < 2 * n + 1024; /* the exact cap is under the bound */
        if (need != need2 || memcmp(big, exact, need + 1) != 0) same = 0;
    }
    OK(same, "in place and through the writer's buffer: the same line");
    OK(in_place > 1000, "in place: the exact caps were under the bound");
}

int main(void)
{
    test_in_place();
    test_json_escaper();
    test_integers();
    test_exact();
    test_speaker_and_flags();
    test_null_spans();
    test_goldstein();
    test_escaping();
    test_lengths_and_nulls();
    test_truncation();
    test_long_text();
    TEST_MAIN_END();
}
