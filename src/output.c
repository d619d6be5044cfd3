/*
 * output.c — writes coded events as JSON lines or tab-separated values.
 *
 * Each format builds the whole line in a vg_buf and then copies it into the
 * caller's buffer with snprintf's contract: the return value is the length
 * the full line needs (without the NUL), at most cap bytes are written
 * including the NUL, and cap == 0 (buf may then be NULL) only measures. A
 * caller that gets a return value >= cap grows its buffer and calls again.
 *
 * The JSON object has the keys of the event record in DESIGN.md, in this
 * order, compact (no spaces), one object per line:
 *
 *   {"story":"s1","sentence":0,"date":"2024-09-09","source":"GON",
 *    "target":"ARN","code":"1312","root":"13","quad":3,"goldstein":-5.8,
 *    "plover":"THREATEN","negated":false,"hypothetical":true,
 *    "speaker":null,"evidence":{"source":[0,6],"verb":[7,15],
 *    "target":[16,20],"rule":"..."},"text":"..."}
 *
 * Absent values: a NULL string field is written as "" (the public struct
 * promises strings, so NULL is only tolerated), except that an empty
 * speaker — a statement nobody is reported to have made — is null, so
 * consumers can test for attribution without comparing to "". An evidence
 * span with start == end == 0 is null: a real word never has length zero,
 * so (0,0) can only mean "no evidence in this sentence" (an actor missing
 * under VIGIL_CODE_NO_DYAD, or one carried over from an earlier sentence).
 * An empty PLOVER type stays "" because the struct documents it that way
 * and it is a real answer ("PLOVER drops this code"), not a missing one.
 *
 * Goldstein scores are written with one decimal by integer arithmetic, so
 * the output never depends on the C locale (an application may have called
 * setlocale, which would turn printf's "%.1f" into "-5,8") and a score that
 * rounds to zero is "0.0", never "-0.0". A score that is not a finite
 * number is null in JSON and an empty field in TSV.
 *
 * The TSV columns are those of vigil_tsv_header. Tabs, newlines and
 * carriage returns inside any field become spaces so each event stays one
 * line of the right width; flags are 0/1 and an empty speaker is an empty
 * field. Nothing else is quoted or escaped.
 */
#include "buf.h"
#include "vigil.h"

#include <string.h>

/* Room for everything in a line that is not a string field: key names,
 * punctuation and numbers (each at most 20 characters). The real figure
 * is about 200 bytes; the slack costs nothing. */
#define LINE_FIXED_BYTES 1024u
/* The worst growth of a string in JSON: one byte becomes "\u00XX". */
#define JSON_ESCAPE_GROWTH 6u

/* A borrowed string with its length, so the fixed-size arrays of
 * vigil_event (which should hold a NUL but might be filled to the brim by
 * a careless caller) and the length-counted sentence text are handled the
 * same way. */
typedef struct field {
    const char *s;
    size_t n;
} field;

static field cstr(const char *s)
{
    field f = {s ? s : "", s ? strlen(s) : 0};
    return f;
}

/* A char array of `cap` bytes: its length is up to the first NUL, or the
 * whole array when there is none. */
static field array(const char *a, size_t cap)
{
    const char *nul = memchr(a, '\0', cap);
    field f = {a, nul ? (size_t)(nul - a) : cap};
    return f;
}

#define ARRAY_FIELD(a) array((a), sizeof(a))

/* The string fields of an event, in one place for both formats and for
 * the size bound. */
typedef struct fields {
    field story, date, source, target, code, root, plover, speaker, rule, text;
} fields;

static fields event_fields(const vigil_event *e)
{
    fields f;
    f.story = cstr(e->story);
    f.date = cstr(e->date);
    f.source = ARRAY_FIELD(e->source);
    f.target = ARRAY_FIELD(e->target);
    f.code = ARRAY_FIELD(e->code);
    f.root = ARRAY_FIELD(e->root);
    f.plover = cstr(e->plover);
    f.speaker = ARRAY_FIELD(e->speaker);
    f.rule = cstr(e->rule);
    f.text.s = e->text ? e->text : "";
    f.text.n = e->text ? e->text_len : 0;
    return f;
}

/* An upper bound on the length of either format's line for these fields.
 * It is the vg_buf's ceiling: the line is bounded by its event, whose
 * parts are bounded upstream (VG_MAX_SENTENCE_BYTES, VIGIL_CODE_MAX), so
 * the appends below can never hit it. */
static size_t line_bound(const fields *f)
{
    const field *all[] = {&f->story, &f->date,   &f->source,  &f->target, &f->code,
                          &f->root,  &f->plover, &f->speaker, &f->rule,   &f->text};
    size_t total = LINE_FIXED_BYTES;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        total += JSON_ESCAPE_GROWTH * all[i]->n + 2;
    return total;
}

/* A score in tenths, rounded half away from zero: its sign and absolute
 * value (w_tenths writes them). Returns 0 when the score is not a finite
 * number of sensible size, so the caller can write its format's "no
 * value". */
static int tenths_of(double g, int *neg, unsigned long long *v)
{
    /* This also rejects NaN, for which every comparison is false, and keeps
     * the conversion to long defined. */
    if (!(g >= -1e15 && g <= 1e15)) return 0;
    double t = g * 10.0;
    long long x = (long long)(t < 0 ? t - 0.5 : t + 0.5);
    *neg = x < 0;
    *v = (unsigned long long)(x < 0 ? -x : x);
    return 1;
}

/* The JSON line is written through a cursor into room for the line's
 * bound, which vigil_event_format always has (the caller's buffer, or its
 * own reserved at once): no room test per piece, and the length is set
 * once at the end. */
static inline char *w_raw(char *o, const char *s, size_t n)
{
    memcpy(o, s, n);
    return o + n;
}

#define W_LIT(o, s) ((o) = w_raw((o), "" s, sizeof(s) - 1))

static inline char *w_uint(char *o, unsigned long long v)
{
    char d[24];
    size_t k = sizeof d;
    do {
        d[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return w_raw(o, d + k, sizeof d - k);
}

static inline char *w_int(char *o, long long v)
{
    if (v >= 0) return w_uint(o, (unsigned long long)v);
    *o++ = '-';
    return w_uint(o, 0ull - (unsigned long long)v);
}

/* A score as tenths_of gave it: "-12.5". */
static inline char *w_tenths(char *o, int neg, unsigned long long v)
{
    if (neg) *o++ = '-';
    o = w_uint(o, v / 10);
    *o++ = '.';
    return w_uint(o, v % 10);
}

static inline char *w_str(char *o, field f)
{
    *o++ = '"';
    o = vg_json_escape(o, f.s, f.n);
    *o++ = '"';
    return o;
}

static inline char *w_span(char *o, vigil_span s)
{
    if (s.start == 0 && s.end == 0) return w_raw(o, "null", 4);
    *o++ = '[';
    o = w_uint(o, s.start);
    *o++ = ',';
    o = w_uint(o, s.end);
    *o++ = ']';
    return o;
}

static void format_json(vg_buf *b, const vigil_event *e, const fields *f)
{
    char *o = b->ptr + b->len;
    W_LIT(o, "{\"story\":");
    o = w_str(o, f->story);
    W_LIT(o, ",\"sentence\":");
    o = w_uint(o, e->sentence);
    W_LIT(o, ",\"date\":");
    o = w_str(o, f->date);
    W_LIT(o, ",\"source\":");
    o = w_str(o, f->source);
    W_LIT(o, ",\"target\":");
    o = w_str(o, f->target);
    W_LIT(o, ",\"code\":");
    o = w_str(o, f->code);
    W_LIT(o, ",\"root\":");
    o = w_str(o, f->root);
    W_LIT(o, ",\"quad\":");
    o = w_int(o, e->quad);
    W_LIT(o, ",\"goldstein\":");
    int neg;
    unsigned long long g;
    if (tenths_of(e->goldstein, &neg, &g))
        o = w_tenths(o, neg, g);
    else
        W_LIT(o, "null");
    W_LIT(o, ",\"plover\":");
    o = w_str(o, f->plover);
    if (e->negated)
        W_LIT(o, ",\"negated\":true");
    else
        W_LIT(o, ",\"negated\":false");
    if (e->hypothetical)
        W_LIT(o, ",\"hypothetical\":true");
    else
        W_LIT(o, ",\"hypothetical\":false");
    W_LIT(o, ",\"speaker\":");
    if (f->speaker.n)
        o = w_str(o, f->speaker);
    else
        W_LIT(o, "null");
    W_LIT(o, ",\"evidence\":{\"source\":");
    o = w_span(o, e->ev_source);
    W_LIT(o, ",\"verb\":");
    o = w_span(o, e->ev_verb);
    W_LIT(o, ",\"target\":");
    o = w_span(o, e->ev_target);
    W_LIT(o, ",\"rule\":");
    o = w_str(o, f->rule);
    W_LIT(o, "},\"text\":");
    o = w_str(o, f->text);
    W_LIT(o, "}\n");
    b->len = (size_t)(o - b->ptr);
}

/* Appends a TSV field, with the bytes that would break the line's shape
 * (tab, newline, carriage return) replaced by spaces, then `sep`. */
static void tsv_field(vg_buf *b, field f, char sep)
{
    size_t run = 0;
    for (size_t i = 0; i < f.n; i++) {
        char c = f.s[i];
        if (c != '\t' && c != '\n' && c != '\r') continue;
        vg_buf_put(b, f.s + run, i - run);
        vg_buf_putc(b, ' ');
        run = i + 1;
    }
    vg_buf_put(b, f.s + run, f.n - run);
    vg_buf_putc(b, sep);
}

/* Appends what a cursor writer put into d (the TSV line's numbers are
 * written by the JSON line's w_int and w_tenths). */
static void put_from(vg_buf *b, const char *d, const char *end)
{
    vg_buf_put(b, d, (size_t)(end - d));
}

static void format_tsv(vg_buf *b, const vigil_event *e, const fields *f)
{
    char d[48];
    int neg;
    unsigned long long g;
    tsv_field(b, f->story, '\t');
    put_from(b, d, w_uint(d, e->sentence));
    vg_buf_putc(b, '\t');
    tsv_field(b, f->date, '\t');
    tsv_field(b, f->source, '\t');
    tsv_field(b, f->target, '\t');
    tsv_field(b, f->code, '\t');
    tsv_field(b, f->root, '\t');
    put_from(b, d, w_int(d, e->quad));
    vg_buf_putc(b, '\t');
    if (tenths_of(e->goldstein, &neg, &g)) put_from(b, d, w_tenths(d, neg, g));
    vg_buf_putc(b, '\t');
    tsv_field(b, f->plover, '\t');
    vg_buf_printf(b, "%d\t%d\t", e->negated ? 1 : 0, e->hypothetical ? 1 : 0);
    tsv_field(b, f->speaker, '\t');
    tsv_field(b, f->text, '\n');
}

/* The public entry point (see the file comment for the contract). A NULL
 * event formats as nothing (length 0); a format value outside the enum is
 * taken as JSON lines, the default, since there is no error channel. */
size_t vigil_event_format(const vigil_event *e, vigil_outfmt fmt, char *buf, size_t cap)
{
    if (cap && buf) buf[0] = '\0';
    if (!e) return 0;

    fields f = event_fields(e);
    vg_buf b;
    size_t bound = line_bound(&f);
    if (buf && cap > bound) {
        /* The caller's buffer holds the longest line these fields can
         * make: the line is written into it, with no buffer of its own to
         * allocate, fill and copy. The ceiling (bound) keeps every append
         * within cap, so the vg_buf never reallocates the caller's memory. */
        b.ptr = buf;
        b.len = 0;
        b.cap = cap;
        b.max = bound;
        if (fmt == VIGIL_OUT_TSV)
            format_tsv(&b, e, &f);
        else
            format_json(&b, e, &f);
        buf[b.len] = '\0';
        return b.len;
    }
    vg_buf_init(&b, bound);
    /* Room for the longest line these fields can make, at once: no
     * doubling from 64 bytes, and the pieces are copied without tests
     * (format_json writes by cursor and counts on it; the ceiling is the
     * bound itself, so the reservation cannot fail). */
    if (vg_buf_reserve(&b, bound)) {
        vg_buf_free(&b);
        return 0;
    }
    if (fmt == VIGIL_OUT_TSV)
        format_tsv(&b, e, &f);
    else
        format_json(&b, e, &f);

    if (b.ptr) b.ptr[b.len] = '\0';
    size_t need = b.len;
    if (cap && buf) {
        size_t n = need < cap - 1 ? need : cap - 1;
        if (n) memcpy(buf, b.ptr, n);
        buf[n] = '\0';
    }
    vg_buf_free(&b);
    return need;
}

const char *vigil_tsv_header(void)
{
    return "story\tsentence\tdate\tsource\ttarget\tcode\troot\tquad\tgoldstein\tplover\t"
           "negated\thypothetical\tspeaker\ttext\n";
}
