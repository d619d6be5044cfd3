/*
 * cli/serve_api.c — the JSON API of `vigil serve` (docs/serve.md): query
 * parameters checked and turned into store filters, one function per
 * route calling the same library functions as `vigil events`, `trend`,
 * `alerts`, `store stories` and `code`, and the JSON they answer with.
 * The HTTP layer (cli/serve.c) gives each call a worker of its own (a
 * read-only store handle and a coder), so nothing here is shared between
 * threads except the frozen dictionary inside the coders and, for ingest,
 * the read-write handle under its mutex.
 */
#include "serve_api.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------ JSON out */

void jb_put(jbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            fputs("vigil serve: out of memory\n", stderr);
            abort();
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void jb_puts(jbuf *b, const char *s)
{
    jb_put(b, s, strlen(s));
}

void jb_printf(jbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void jb_printf(jbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        jb_put(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) abort();
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    jb_put(b, big, (size_t)n);
    free(big);
}

/* A JSON string. The library's strings are valid UTF-8 (the reader
 * repairs input); text that came from the request itself is passed with
 * ascii != 0, which replaces every byte outside printable ASCII by '?',
 * so an error message can never carry invalid UTF-8 into the JSON. */
void jb_str_n(jbuf *b, const char *s, size_t n, int ascii)
{
    jb_put(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int plain = c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && (!ascii || c < 0x80);
        if (plain) {
            run++;
            continue;
        }
        jb_put(b, s + i - run, run);
        run = 0;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            jb_put(b, esc, 2);
        } else if (c == '\n') {
            jb_put(b, "\\n", 2);
        } else if (c == '\t') {
            jb_put(b, "\\t", 2);
        } else if (ascii && c >= 0x80) {
            jb_put(b, "?", 1);
        } else {
            jb_printf(b, "\\u%04x", c);
        }
    }
    jb_put(b, s + n - run, run);
    jb_put(b, "\"", 1);
}

void jb_str(jbuf *b, const char *s)
{
    jb_str_n(b, s ? s : "", s ? strlen(s) : 0, 0);
}

/* A span as [start,end], or null for (0,0): no evidence for that part. */
static void jb_span(jbuf *b, vigil_span sp)
{
    if (sp.start == 0 && sp.end == 0)
        jb_puts(b, "null");
    else
        jb_printf(b, "[%u,%u]", sp.start, sp.end);
}

/* A line from a vigil_*_format call without its newline. */
static void jb_line(jbuf *b, const char *line, size_t n)
{
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
    jb_put(b, line, n);
}

/* ---------------------------------------------------------- parameters */

/* The value of a parameter (the last one given), marked as understood. */
static const char *param(params *p, const char *name)
{
    const char *v = NULL;
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->name[i], name) == 0) {
            v = p->value[i];
            p->used[i] = 1;
        }
    return v;
}

/* A whole number parameter in [lo, hi], or def when absent; 0 with a
 * message in err when malformed. */
static int num_param(params *p, const char *name, unsigned long def, unsigned long lo,
                     unsigned long hi, unsigned long *out, char *err)
{
    const char *v = param(p, name);
    *out = def;
    if (!v) return 1;
    char *end;
    errno = 0;
    unsigned long x = strtoul(v, &end, 10);
    if (!*v || *end || errno || v[0] == '-' || v[0] == '+' || x < lo || x > hi) {
        snprintf(err, SERVE_ERR_BYTES, "parameter '%.40s' wants a whole number from %lu to %lu",
                 name, lo, hi);
        return 0;
    }
    *out = x;
    return 1;
}

static int real_param(params *p, const char *name, double def, double *out, char *err)
{
    const char *v = param(p, name);
    *out = def;
    if (!v) return 1;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (!*v || *end || errno || !(x >= 0 && x < 1e9)) {
        snprintf(err, SERVE_ERR_BYTES, "parameter '%.40s' wants a non-negative number", name);
        return 0;
    }
    *out = x;
    return 1;
}

/* Sets the filter from every filter parameter present. */
static int filter_params(params *p, vigil_filter *f, char *err)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < p->n; i++) {
        vigil_status rc = vigil_filter_param(f, p->name[i], p->value[i], err, SERVE_ERR_BYTES);
        if (rc == VIGIL_OK)
            p->used[i] = 1;
        else if (rc != VIGIL_DONE)
            return 0;
    }
    if (f->target && !f->source) {
        snprintf(err, SERVE_ERR_BYTES, "parameter 'target' needs 'source' (a dyad)");
        return 0;
    }
    if (f->source && !f->target) {
        snprintf(err, SERVE_ERR_BYTES, "parameter 'source' needs 'target' (a dyad)");
        return 0;
    }
    return 1;
}

/* After a route has read what it knows: anything left is a mistake. */
static int no_unknown(const params *p, char *err)
{
    for (int i = 0; i < p->n; i++)
        if (!p->used[i]) {
            snprintf(err, SERVE_ERR_BYTES, "unknown parameter '%.60s'", p->name[i]);
            return 0;
        }
    return 1;
}

/* Runs the query of a filter on the worker's store; 0 with a message
 * (and *status) when the store refuses it. */
static int run_query(worker *w, const vigil_filter *f, vigil_event_list **l, unsigned *status,
                     char *err)
{
    vigil_status rc = vigil_store_query(w->store, f, l);
    if (rc == VIGIL_OK) return 1;
    *status = rc == VIGIL_ERR_ARG ? 400 : 500;
    snprintf(err, SERVE_ERR_BYTES, "%s", vigil_store_errmsg(w->store));
    return 0;
}

/* The last day of a list of events (its largest last_date), or "". */
static void last_day(const vigil_event_list *l, char out[11])
{
    out[0] = '\0';
    for (size_t i = 0; i < vigil_event_list_count(l); i++) {
        const vigil_stored_event *e = vigil_event_list_get(l, i);
        if (strcmp(e->last_date, out) > 0) memcpy(out, e->last_date, 11);
    }
}

/* ---------------------------------------------------------- API routes
 * Each returns the HTTP status and fills `b` (the JSON body) or `err`. */

unsigned api_events(worker *w, params *p, jbuf *b, char *err)
{
    vigil_filter f;
    unsigned long limit, offset;
    if (!filter_params(p, &f, err) ||
        !num_param(p, "limit", SERVE_EVENTS_LIMIT, 1, SERVE_EVENTS_MAX, &limit, err) ||
        !num_param(p, "offset", 0, 0, 1ul << 30, &offset, err) || !no_unknown(p, err))
        return 400;
    vigil_event_list *l;
    unsigned status;
    if (!run_query(w, &f, &l, &status, err)) return status;
    size_t n = vigil_event_list_count(l);
    jb_printf(b, "{\"total\":%zu,\"offset\":%lu,\"limit\":%lu,\"events\":[", n, offset, limit);
    char *line = NULL;
    size_t cap = 0;
    for (size_t i = offset, k = 0; i < n && k < limit; i++, k++) {
        const vigil_stored_event *e = vigil_event_list_get(l, i);
        size_t need = vigil_export_format(e, VIGIL_EXPORT_JSONL, line, cap);
        if (need >= cap) {
            cap = need + 1;
            line = realloc(line, cap);
            if (!line) abort();
            vigil_export_format(e, VIGIL_EXPORT_JSONL, line, cap);
        }
        if (k) jb_put(b, ",", 1);
        jb_line(b, line, need);
    }
    free(line);
    jb_puts(b, "]}");
    vigil_event_list_free(l);
    return 200;
}

unsigned api_trend(worker *w, params *p, jbuf *b, char *err)
{
    vigil_filter f;
    if (!filter_params(p, &f, err)) return 400;
    vigil_period per = VIGIL_PERIOD_DAY;
    const char *pv = param(p, "period");
    if (pv && vigil_period_parse(pv, &per) != VIGIL_OK) {
        snprintf(err, SERVE_ERR_BYTES, "parameter 'period' is day, week or month");
        return 400;
    }
    if (!no_unknown(p, err)) return 400;
    if (!f.source && !f.actor) {
        snprintf(err, SERVE_ERR_BYTES, "trend needs a dyad (source and target) or an actor");
        return 400;
    }
    vigil_event_list *l;
    unsigned status;
    if (!run_query(w, &f, &l, &status, err)) return status;
    vigil_trend_row *rows;
    size_t n;
    vigil_status rc = vigil_trend(l, per, f.from, f.to, &rows, &n);
    vigil_event_list_free(l);
    if (rc != VIGIL_OK) {
        snprintf(err, SERVE_ERR_BYTES, "trend: %s", vigil_strerror(rc));
        return rc == VIGIL_ERR_ARG || rc == VIGIL_ERR_LIMIT ? 400 : 500;
    }
    static const char *const pnames[] = {"day", "week", "month"};
    jb_printf(b, "{\"period\":\"%s\",\"rows\":[", pnames[per]);
    for (size_t i = 0; i < n; i++)
        jb_printf(b,
                  "%s{\"start\":\"%s\",\"events\":%u,\"quad\":[%u,%u,%u,%u],\"mentions\":%u,"
                  "\"goldstein_sum\":%.1f,\"goldstein_mean\":%.2f}",
                  i ? "," : "", rows[i].start, rows[i].events, rows[i].quad[0], rows[i].quad[1],
                  rows[i].quad[2], rows[i].quad[3], rows[i].mentions, rows[i].goldstein_sum,
                  rows[i].goldstein_mean);
    jb_puts(b, "]}");
    vigil_free(rows);
    return 200;
}

static void event_brief(jbuf *b, const vigil_stored_event *e)
{
    jb_printf(b, "{\"id\":%lld,\"date\":\"%s\",\"source\":", e->id, e->date);
    jb_str(b, e->source);
    jb_puts(b, ",\"target\":");
    jb_str(b, e->target);
    jb_puts(b, ",\"code\":");
    jb_str(b, e->code);
    jb_printf(b, ",\"quad\":%d,\"goldstein\":%.1f,\"mentions\":%u,\"story\":", e->quad,
              e->goldstein, e->mentions);
    jb_str(b, e->story);
    jb_printf(b, ",\"sentence\":%u,\"text\":", e->sentence);
    jb_str(b, e->text);
    jb_puts(b, "}");
}

unsigned api_alerts(worker *w, params *p, jbuf *b, char *err)
{
    vigil_filter f;
    vigil_alert_params ap;
    vigil_alert_params_default(&ap);
    unsigned long baseline, hist, minm;
    if (!filter_params(p, &f, err) ||
        !num_param(p, "baseline", ap.baseline_days, 1, 3650, &baseline, err) ||
        !num_param(p, "min_history", ap.min_history, 0, 3650, &hist, err) ||
        !num_param(p, "min_mentions", ap.min_mentions, 0, 1000000, &minm, err) ||
        !real_param(p, "z", ap.z, &ap.z, err) ||
        !real_param(p, "sd_floor", ap.sd_floor, &ap.sd_floor, err))
        return 400;
    ap.baseline_days = (unsigned)baseline;
    ap.min_history = (unsigned)hist;
    ap.min_mentions = (unsigned)minm;
    /* day=YYYY-MM-DD or day=latest (the last day with events): only the
     * alerts of that day. */
    const char *day = param(p, "day");
    if (day && strcmp(day, "latest") != 0) {
        vigil_filter tmp;
        memset(&tmp, 0, sizeof tmp);
        if (vigil_filter_param(&tmp, "from", day, NULL, 0) != VIGIL_OK) {
            snprintf(err, SERVE_ERR_BYTES, "parameter 'day' wants a date YYYY-MM-DD or 'latest'");
            return 400;
        }
    }
    if (!no_unknown(p, err)) return 400;
    vigil_event_list *l;
    unsigned status;
    if (!run_query(w, &f, &l, &status, err)) return status;
    char last[11];
    last_day(l, last);
    const char *only = day ? (strcmp(day, "latest") == 0 ? last : day) : NULL;
    vigil_alert *a;
    size_t n;
    vigil_alerts(l, &ap, &a, &n);
    jb_puts(b, "{\"last_day\":");
    jb_str(b, last);
    jb_puts(b, ",\"alerts\":[");
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        if (only && strcmp(a[i].date, only) != 0) continue;
        jb_puts(b, first ? "{\"dyad\":[" : ",{\"dyad\":[");
        first = 0;
        jb_str(b, a[i].a);
        jb_put(b, ",", 1);
        jb_str(b, a[i].b);
        jb_printf(b,
                  "],\"date\":\"%s\",\"baseline\":[\"%s\",\"%s\"],\"z\":%.2f,\"intensity\":%.1f,"
                  "\"mean\":%.2f,\"sd\":%.2f,\"mentions\":%u,\"events\":[",
                  a[i].date, a[i].baseline_from, a[i].baseline_to, a[i].z, a[i].intensity,
                  a[i].mean, a[i].sd, a[i].mentions);
        for (size_t j = 0; j < a[i].nevents && j < 5; j++) {
            if (j) jb_put(b, ",", 1);
            event_brief(b, vigil_event_list_get(l, a[i].events[j]));
        }
        jb_puts(b, "]}");
    }
    jb_puts(b, "]}");
    vigil_alerts_free(a, n);
    vigil_event_list_free(l);
    return 200;
}

static void dyad_json(jbuf *b, const vigil_dyad *d)
{
    jb_puts(b, "{\"a\":");
    jb_str(b, d->a);
    jb_puts(b, ",\"b\":");
    jb_str(b, d->b);
    jb_printf(b,
              ",\"last_date\":\"%s\",\"events\":%u,\"mentions\":%u,\"conflict_mentions\":%u,"
              "\"goldstein_sum\":%.1f,\"recent\":%.2f,\"previous\":%.2f,\"escalation\":%.2f}",
              d->last_date, d->events, d->mentions, d->conflict_mentions, d->goldstein_sum,
              d->recent, d->previous, d->escalation);
}

static int by_escalation(const void *x, const void *y)
{
    const vigil_dyad *p = *(const vigil_dyad *const *)x, *q = *(const vigil_dyad *const *)y;
    if (p->escalation != q->escalation) return p->escalation < q->escalation ? 1 : -1;
    int c = strcmp(p->a, q->a);
    return c ? c : strcmp(p->b, q->b);
}

unsigned api_dyads(worker *w, params *p, jbuf *b, char *err)
{
    vigil_filter f;
    unsigned long days, limit;
    if (!filter_params(p, &f, err) || !num_param(p, "days", 7, 1, 365, &days, err) ||
        !num_param(p, "limit", 10, 1, 1000, &limit, err) || !no_unknown(p, err))
        return 400;
    vigil_event_list *l;
    unsigned status;
    if (!run_query(w, &f, &l, &status, err)) return status;
    char last[11];
    last_day(l, last);
    vigil_dyad *d;
    size_t n;
    vigil_dyads(l, (unsigned)days, &d, &n);
    vigil_event_list_free(l);
    jb_puts(b, "{\"last_day\":");
    jb_str(b, last);
    jb_printf(b, ",\"days\":%lu,\"total\":%zu,\"active\":[", days, n);
    for (size_t i = 0; i < n && i < limit; i++) {
        if (i) jb_put(b, ",", 1);
        dyad_json(b, &d[i]);
    }
    jb_puts(b, "],\"escalating\":[");
    const vigil_dyad **order = malloc((n ? n : 1) * sizeof *order);
    if (!order) abort();
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (d[i].escalation > 0) order[m++] = &d[i];
    qsort(order, m, sizeof *order, by_escalation);
    for (size_t i = 0; i < m && i < limit; i++) {
        if (i) jb_put(b, ",", 1);
        dyad_json(b, order[i]);
    }
    jb_puts(b, "]}");
    free(order);
    vigil_free(d);
    return 200;
}

typedef struct story_list {
    jbuf *b;
    unsigned long offset, limit, seen, shown;
} story_list;

static void list_story(void *ud, const vigil_story_info *i)
{
    story_list *x = ud;
    unsigned long k = x->seen++;
    if (k < x->offset || x->shown >= x->limit) return;
    jb_puts(x->b, x->shown++ ? ",{\"id\":" : "{\"id\":");
    jb_str(x->b, i->id);
    jb_puts(x->b, ",\"date\":");
    jb_str(x->b, i->date);
    jb_puts(x->b, ",\"source\":");
    jb_str(x->b, i->source);
    jb_printf(x->b, ",\"sentences\":%u,\"mentions\":%u}", i->sentences, i->mentions);
}

unsigned api_stories(worker *w, params *p, jbuf *b, char *err)
{
    story_list x = {b, 0, 0, 0, 0};
    if (!num_param(p, "limit", SERVE_EVENTS_LIMIT, 1, SERVE_EVENTS_MAX, &x.limit, err) ||
        !num_param(p, "offset", 0, 0, 1ul << 30, &x.offset, err) || !no_unknown(p, err))
        return 400;
    jb_puts(b, "{\"stories\":[");
    if (vigil_store_stories(w->store, list_story, &x) != VIGIL_OK) {
        snprintf(err, SERVE_ERR_BYTES, "%s", vigil_store_errmsg(w->store));
        return 500;
    }
    jb_printf(b, "],\"total\":%lu,\"offset\":%lu,\"limit\":%lu}", x.seen, x.offset, x.limit);
    return 200;
}

typedef struct story_ctx {
    jbuf *b;
    int nsent, nev;
} story_ctx;

static void story_info(void *ud, const vigil_story_info *i)
{
    story_ctx *x = ud;
    jb_puts(x->b, "{\"id\":");
    jb_str(x->b, i->id);
    jb_puts(x->b, ",\"date\":");
    jb_str(x->b, i->date);
    jb_puts(x->b, ",\"source\":");
    jb_str(x->b, i->source);
    jb_printf(x->b, ",\"mentions\":%u,\"sentences\":[", i->mentions);
}

static void story_sentence(void *ud, unsigned idx, const char *text)
{
    story_ctx *x = ud;
    (void)idx; /* sentences come in order: the array index is idx */
    if (x->nsent++) jb_put(x->b, ",", 1);
    jb_str(x->b, text);
}

/* One event as the story and paste views show it: the event, where its
 * evidence is, and why it was coded (the pattern and where it is). */
static void story_event(void *ud, const vigil_story_event *e)
{
    story_ctx *x = ud;
    if (x->nev++ == 0)
        jb_puts(x->b, "],\"events\":[");
    else
        jb_put(x->b, ",", 1);
    jb_printf(x->b, "{\"event\":%lld,\"date\":", e->event);
    jb_str(x->b, e->m.date);
    jb_puts(x->b, ",\"source\":");
    jb_str(x->b, e->source);
    jb_puts(x->b, ",\"target\":");
    jb_str(x->b, e->target);
    jb_puts(x->b, ",\"code\":");
    jb_str(x->b, e->code);
    const vigil_cameo *cm = vigil_cameo_lookup(e->code);
    jb_puts(x->b, ",\"label\":");
    jb_str(x->b, cm ? cm->label : "");
    jb_printf(x->b, ",\"quad\":%d,\"goldstein\":%.1f,\"plover\":", e->quad, e->goldstein);
    jb_str(x->b, e->plover);
    jb_printf(x->b, ",\"sentence\":%u,\"hypothetical\":%s,\"speaker\":", e->m.sentence,
              e->m.hypothetical ? "true" : "false");
    if (e->m.speaker && *e->m.speaker)
        jb_str(x->b, e->m.speaker);
    else
        jb_puts(x->b, "null");
    jb_puts(x->b, ",\"evidence\":{\"source\":");
    jb_span(x->b, e->m.ev_source);
    jb_puts(x->b, ",\"verb\":");
    jb_span(x->b, e->m.ev_verb);
    jb_puts(x->b, ",\"target\":");
    jb_span(x->b, e->m.ev_target);
    jb_puts(x->b, ",\"rule\":");
    jb_str(x->b, e->m.rule);
    jb_puts(x->b, "},\"where\":");
    jb_str(x->b, e->rule_where);
    jb_puts(x->b, "}");
}

unsigned api_story(worker *w, const char *id, params *p, jbuf *b, char *err)
{
    if (!no_unknown(p, err)) return 400;
    story_ctx x = {b, 0, 0};
    vigil_status rc = vigil_store_story(w->store, id, story_info, story_sentence, story_event, &x);
    if (rc == VIGIL_DONE) {
        snprintf(err, SERVE_ERR_BYTES, "no story '%.200s'", id);
        return 404;
    }
    if (rc != VIGIL_OK) {
        snprintf(err, SERVE_ERR_BYTES, "%s", vigil_store_errmsg(w->store));
        return 500;
    }
    jb_puts(b, x.nev ? "]}" : "],\"events\":[]}");
    return 200;
}

/* ------------------------------------------------------- POST /api/code */

typedef struct diag_list {
    jbuf *b;
    int n;
} diag_list;

static void collect_diag(void *ud, const char *msg)
{
    diag_list *d = ud;
    if (d->n++ >= 20) return; /* a few are enough to say what was wrong */
    if (d->n > 1) jb_put(d->b, ",", 1);
    jb_str(d->b, msg);
}

static void today(char out[11])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Nothing but white space (or nothing at all). */
static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\t') return 0;
    return 1;
}

/* A reader over a request body: JSON ({"text"|"html", "id", "date",
 * "source", "url"}) is re-printed on one line and read as JSON lines, so
 * the library's reader checks and repairs it as it would a file; anything
 * else is one plain-text story. */
static vigil_reader *body_reader(const request *rq, const char *id, const char *date, int lines,
                                 char **owned, unsigned *status, char *err)
{
    *owned = NULL;
    size_t i = 0;
    while (i < rq->len && (rq->body[i] == ' ' || rq->body[i] == '\n' || rq->body[i] == '\r' ||
                           rq->body[i] == '\t'))
        i++;
    int json = i < rq->len && rq->body[i] == '{';
    vigil_reader *r;
    if (json && !lines) {
        cJSON *j = cJSON_ParseWithLength(rq->body, rq->len);
        if (!j || !cJSON_IsObject(j)) {
            cJSON_Delete(j);
            snprintf(err, SERVE_ERR_BYTES, "the body starts with '{' but is not a JSON object");
            *status = 400;
            return NULL;
        }
        cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "text");
        cJSON *h = cJSON_GetObjectItemCaseSensitive(j, "html");
        const char *tv = cJSON_IsString(t)   ? t->valuestring
                         : cJSON_IsString(h) ? h->valuestring
                                             : NULL;
        if (!tv || blank(tv, strlen(tv))) {
            cJSON_Delete(j);
            snprintf(err, SERVE_ERR_BYTES,
                     "POST the text of a story: the JSON body needs a non-empty string 'text' (or "
                     "'html')");
            *status = 400;
            return NULL;
        }
        if (!cJSON_GetObjectItemCaseSensitive(j, "id")) cJSON_AddStringToObject(j, "id", id);
        *owned = cJSON_PrintUnformatted(j);
        cJSON_Delete(j);
        if (!*owned) abort();
        r = vigil_reader_new(VIGIL_FORMAT_JSONL, "body", date);
    } else {
        r = vigil_reader_new(lines ? VIGIL_FORMAT_AUTO : VIGIL_FORMAT_TEXT, id, date);
    }
    return r;
}

/* What POST /api/code and /api/ingest share: the 'date' parameter (today
 * by default) and a non-empty body are checked, unknown parameters refused,
 * and a reader opened on the body (one story, or any format with `lines`)
 * has read all of it, its problems collected into *dl. NULL with *status
 * and err set when the request is bad. */
static vigil_reader *posted_reader(const request *rq, params *p, const char *id, int lines,
                                   const char *empty, diag_list *dl, unsigned *status, char *err)
{
    const char *date = param(p, "date");
    *status = 400;
    if (date) {
        vigil_filter tmp;
        memset(&tmp, 0, sizeof tmp);
        if (vigil_filter_param(&tmp, "from", date, NULL, 0) != VIGIL_OK) {
            snprintf(err, SERVE_ERR_BYTES, "parameter 'date' wants YYYY-MM-DD");
            return NULL;
        }
    }
    if (!no_unknown(p, err)) return NULL;
    if (blank(rq->body, rq->len)) {
        snprintf(err, SERVE_ERR_BYTES, "%s", empty);
        return NULL;
    }
    char day[11];
    today(day);
    char *owned;
    vigil_reader *r = body_reader(rq, id, date ? date : day, lines, &owned, status, err);
    if (!r) return NULL;
    *status = 200;
    vigil_reader_set_diag(r, collect_diag, dl);
    if (owned)
        vigil_reader_feed(r, owned, strlen(owned));
    else
        vigil_reader_feed(r, rq->body, rq->len);
    vigil_reader_finish(r);
    free(owned);
    return r;
}

static void event_json(jbuf *b, const vigil_coder *c, size_t i, char **line, size_t *cap)
{
    const vigil_event *e = vigil_coder_event(c, i);
    size_t need = vigil_event_format(e, VIGIL_OUT_JSONL, *line, *cap);
    if (need >= *cap) {
        *cap = need + 1;
        *line = realloc(*line, *cap);
        if (!*line) abort();
        vigil_event_format(e, VIGIL_OUT_JSONL, *line, *cap);
    }
    /* Reopen the object to add the explanation and the code's label. */
    size_t n = need;
    while (n && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '}')) {
        n--;
        if ((*line)[n] == '}') break;
    }
    jb_put(b, *line, n);
    const vigil_cameo *cm = vigil_cameo_lookup(e->code);
    jb_puts(b, ",\"label\":");
    jb_str(b, cm ? cm->label : "");
    jb_puts(b, ",\"where\":");
    jb_str(b, e->rule_where);
    char *ex = vigil_coder_explain(c, i);
    jb_puts(b, ",\"explain\":");
    jb_str(b, ex);
    vigil_free(ex);
    jb_put(b, "}", 1);
}

unsigned api_code(worker *w, const request *rq, params *p, jbuf *b, char *err)
{
    const char *id = param(p, "id");
    jbuf warn = {0};
    diag_list dl = {&warn, 0};
    unsigned status = 200;
    vigil_reader *r = posted_reader(rq, p, id ? id : "posted", 0,
                                    "POST the text of a story (plain text or JSON {\"text\"})", &dl,
                                    &status, err);
    if (!r) return status;
    const vigil_story *st;
    if (vigil_reader_next(r, &st) != VIGIL_OK) {
        vigil_reader_free(r);
        free(warn.p);
        snprintf(err, SERVE_ERR_BYTES, "no story could be read from the body");
        return 400;
    }
    vigil_doc *doc = vigil_doc_new(st, 0);
    vigil_reader_free(r);
    vigil_coder_code(w->coder, doc);
    jb_puts(b, "{\"id\":");
    jb_str(b, vigil_doc_id(doc));
    jb_puts(b, ",\"date\":");
    jb_str(b, vigil_doc_date(doc));
    jb_puts(b, ",\"sentences\":[");
    size_t tlen;
    const char *text = vigil_doc_text(doc, &tlen);
    for (size_t i = 0; i < vigil_doc_sentence_count(doc); i++) {
        vigil_span sp = vigil_doc_sentence(doc, i);
        if (i) jb_put(b, ",", 1);
        if (sp.end <= tlen && sp.start <= sp.end)
            jb_str_n(b, text + sp.start, sp.end - sp.start, 0);
        else
            jb_puts(b, "\"\"");
    }
    jb_puts(b, "],\"events\":[");
    char *line = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < vigil_coder_event_count(w->coder); i++) {
        if (i) jb_put(b, ",", 1);
        event_json(b, w->coder, i, &line, &cap);
    }
    free(line);
    jb_puts(b, "],\"removed\":[");
    for (size_t i = 0; i < vigil_doc_removed_count(doc); i++) {
        const vigil_removed *rm = vigil_doc_removed(doc, i);
        jb_puts(b, i ? ",{\"rule\":" : "{\"rule\":");
        jb_str(b, rm->rule);
        jb_puts(b, ",\"text\":");
        jb_str(b, rm->text);
        jb_put(b, "}", 1);
    }
    jb_puts(b, "],\"warnings\":[");
    if (warn.p) jb_put(b, warn.p, warn.len);
    jb_puts(b, "]}");
    free(warn.p);
    vigil_doc_free(doc);
    return 200;
}

/* ----------------------------------------------------- POST /api/ingest */

unsigned api_ingest(server *sv, const request *rq, params *p, jbuf *b, char *err)
{
    if (!sv->allow_ingest) {
        snprintf(err, SERVE_ERR_BYTES,
                 "this server is read-only; start it with --allow-ingest to store stories");
        return 403;
    }
    jbuf warn = {0};
    diag_list dl = {&warn, 0};
    unsigned status = 200;
    vigil_reader *r =
        posted_reader(rq, p, "posted", 1, "POST stories (JSON lines, XML records, HTML or text)",
                      &dl, &status, err);
    if (!r) return status;
    unsigned long stored = 0, rejected = 0, events = 0;
    int failed = 0;
    const vigil_story *st;
    pthread_mutex_lock(&sv->wmu);
    jbuf ids = {0};
    while (!failed && vigil_reader_next(r, &st) == VIGIL_OK) {
        vigil_doc *doc = vigil_doc_new(st, 0);
        vigil_coder_code(sv->wcoder, doc);
        vigil_status rc = vigil_store_put(sv->wstore, doc, sv->wcoder);
        if (rc == VIGIL_OK) {
            if (stored++) jb_put(&ids, ",", 1);
            jb_str(&ids, vigil_doc_id(doc));
            for (size_t i = 0; i < vigil_coder_event_count(sv->wcoder); i++)
                if (!vigil_coder_event(sv->wcoder, i)->negated) events++;
        } else if (rc == VIGIL_ERR_ARG) {
            rejected++;
            collect_diag(&dl, vigil_store_errmsg(sv->wstore));
        } else {
            failed = 1;
            snprintf(err, SERVE_ERR_BYTES, "%s", vigil_store_errmsg(sv->wstore));
        }
        vigil_doc_free(doc);
    }
    pthread_mutex_unlock(&sv->wmu);
    unsigned skipped = vigil_reader_skipped(r);
    vigil_reader_free(r);
    if (failed) {
        free(warn.p);
        free(ids.p);
        return 500;
    }
    jb_printf(b, "{\"stored\":%lu,\"rejected\":%lu,\"skipped\":%u,\"events\":%lu,\"ids\":[", stored,
              rejected, skipped, events);
    if (ids.p) jb_put(b, ids.p, ids.len);
    jb_puts(b, "],\"warnings\":[");
    if (warn.p) jb_put(b, warn.p, warn.len);
    jb_puts(b, "]}");
    free(warn.p);
    free(ids.p);
    return 200;
}

unsigned api_info(server *sv, params *p, jbuf *b, char *err)
{
    if (!no_unknown(p, err)) return 400;
    jb_printf(b,
              "{\"version\":\"%s\",\"allow_ingest\":%s,\"max_body\":%zu,\"threads\":%u,"
              "\"schema\":%d}",
              VIGIL_VERSION, sv->allow_ingest ? "true" : "false", sv->max_body, sv->nworkers,
              vigil_store_schema_version(sv->workers[0].store));
    return 200;
}
