/*
 * cli/serve.c — `vigil serve`: the store over HTTP, as JSON, and the
 * dashboard's static files (docs/serve.md).
 *
 *   vigil serve --db FILE [--port 8080] [--bind 127.0.0.1] [--dict DIR]...
 *               [--allow-ingest] [--max-body BYTES] [--timeout SECONDS]
 *               [--max-connections N] [--threads N] [--web DIR]
 *
 * The HTTP layer is libmicrohttpd (Debian's libmicrohttpd-dev) with its
 * internal thread pool: `--threads` threads poll the sockets (epoll) and run
 * the handlers; `--max-connections` bounds the open connections and
 * `--timeout` closes idle ones. The handlers need a store connection and a
 * coder, neither of which may be shared between threads (vigil_coder is not
 * thread-safe; an SQLite handle could be, but a mutex would serialise every
 * query), so the server keeps one "worker" (read-only store handle + coder)
 * per thread in a small pool; a request borrows one and gives it back. The
 * dictionary is loaded once, frozen, and shared read-only by every coder.
 * Ingest (`--allow-ingest` only) goes through one read-write handle under
 * its own mutex: SQLite has one writer at a time anyway.
 *
 * Every response of the API is JSON; errors are {"error": "...", "status":
 * N} with the status that says what went wrong (400 bad parameter, 403
 * ingest not allowed, 404, 405 with an Allow header, 413 body over the
 * limit, 500). Request bodies are buffered up to `--max-body` bytes; a
 * declared Content-Length over it is refused before the body is read.
 * Static files are served only from the web folder, by names that pass
 * vigil_http_path (an allowlist of bytes, no dot segments), plus uPlot's
 * two files from node_modules under fixed names.
 *
 * The command uses include/vigil.h only, like the rest of the CLI, and
 * cJSON for JSON request bodies.
 */
#include "serve.h"

#include "cli.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef VIGIL_DATADIR
#define VIGIL_DATADIR "data"
#endif

/* Defaults of the options (docs/serve.md). */
#define SERVE_MAX_BODY (1u << 20)   /* request body bytes */
#define SERVE_TIMEOUT 10u           /* seconds a connection may stay idle */
#define SERVE_MAX_CONN 64u          /* open connections */
#define SERVE_THREADS 4u            /* polling/handler threads and workers */
#define SERVE_EVENTS_LIMIT 100ul    /* events per page by default ... */
#define SERVE_EVENTS_MAX 10000ul    /* ... and at most */
#define SERVE_QUERY_ARGS 32         /* query parameters per request */
#define SERVE_STATIC_MAX (4u << 20) /* largest static file served */
#define SERVE_PATH_MAX 256u         /* longest static file name */
#define SERVE_ERR_BYTES 512u

/* A borrowed pair of a read-only store handle and a coder. */
typedef struct worker {
    vigil_store *store;
    vigil_coder *coder;
    int busy;
} worker;

typedef struct server {
    const char *db;
    vigil_dict *dict;
    char web[4096];         /* the dashboard's folder */
    char vendor[4096 + 64]; /* uPlot's dist/ folder */
    size_t max_body;
    int allow_ingest;
    int loopback; /* bound to a loopback address: check Host and Origin */
    unsigned nworkers;
    worker *workers;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    vigil_store *wstore; /* --allow-ingest: the one read-write handle */
    vigil_coder *wcoder;
    pthread_mutex_t wmu;
} server;

/* Per request: the body as it arrives. */
typedef struct request {
    char *body;
    size_t len, cap;
    int too_big;
    int refused; /* a response was queued before the body was read */
} request;

/* ------------------------------------------------------------ JSON out */

/* A growable output buffer; allocation failure ends the process, as the
 * library's allocator does. */
typedef struct jbuf {
    char *p;
    size_t len, cap;
} jbuf;

static void jb_put(jbuf *b, const char *s, size_t n)
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

static void jb_puts(jbuf *b, const char *s)
{
    jb_put(b, s, strlen(s));
}

static void jb_printf(jbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void jb_printf(jbuf *b, const char *fmt, ...)
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
static void jb_str_n(jbuf *b, const char *s, size_t n, int ascii)
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

static void jb_str(jbuf *b, const char *s)
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

/* ----------------------------------------------------------- responses */

static enum MHD_Result send_buf(struct MHD_Connection *c, unsigned status, char *body, size_t len,
                                const char *type, const char *allow)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, body ? body : (char *)"", MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    if (allow) MHD_add_response_header(r, "Allow", allow);
    enum MHD_Result rc = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, jbuf *b)
{
    jb_put(b, "\n", 1);
    char *p = b->p;
    size_t n = b->len;
    b->p = NULL;
    b->len = b->cap = 0;
    return send_buf(c, status, p, n, "application/json; charset=utf-8", NULL);
}

/* {"error": msg, "status": N}; the message may quote the request, so it is
 * written as ASCII. */
static enum MHD_Result send_error_allow(struct MHD_Connection *c, unsigned status, const char *msg,
                                        const char *allow)
{
    jbuf b = {0};
    jb_puts(&b, "{\"error\":");
    jb_str_n(&b, msg, strlen(msg), 1);
    jb_printf(&b, ",\"status\":%u}\n", status);
    char *p = b.p;
    return send_buf(c, status, p, b.len, "application/json; charset=utf-8", allow);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg)
{
    return send_error_allow(c, status, msg, NULL);
}

/* -------------------------------------------------------------- workers */

static worker *worker_take(server *sv)
{
    pthread_mutex_lock(&sv->mu);
    for (;;) {
        for (unsigned i = 0; i < sv->nworkers; i++)
            if (!sv->workers[i].busy) {
                sv->workers[i].busy = 1;
                pthread_mutex_unlock(&sv->mu);
                return &sv->workers[i];
            }
        pthread_cond_wait(&sv->cv, &sv->mu);
    }
}

static void worker_give(server *sv, worker *w)
{
    pthread_mutex_lock(&sv->mu);
    w->busy = 0;
    pthread_cond_signal(&sv->cv);
    pthread_mutex_unlock(&sv->mu);
}

/* ---------------------------------------------------------- parameters */

typedef struct params {
    const char *name[SERVE_QUERY_ARGS];
    const char *value[SERVE_QUERY_ARGS];
    int used[SERVE_QUERY_ARGS];
    int n;
    int overflow;
} params;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    params *p = cls;
    if (p->n == SERVE_QUERY_ARGS) {
        p->overflow = 1;
        return MHD_NO;
    }
    p->name[p->n] = key;
    p->value[p->n] = value ? value : "";
    p->used[p->n] = 0;
    p->n++;
    return MHD_YES;
}

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

static unsigned api_events(worker *w, params *p, jbuf *b, char *err)
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

static unsigned api_trend(worker *w, params *p, jbuf *b, char *err)
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

static unsigned api_alerts(worker *w, params *p, jbuf *b, char *err)
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

static unsigned api_dyads(worker *w, params *p, jbuf *b, char *err)
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

static unsigned api_stories(worker *w, params *p, jbuf *b, char *err)
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

static unsigned api_story(worker *w, const char *id, params *p, jbuf *b, char *err)
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

static unsigned api_code(worker *w, const request *rq, params *p, jbuf *b, char *err)
{
    const char *date = param(p, "date");
    const char *id = param(p, "id");
    if (date) {
        vigil_filter tmp;
        memset(&tmp, 0, sizeof tmp);
        if (vigil_filter_param(&tmp, "from", date, NULL, 0) != VIGIL_OK) {
            snprintf(err, SERVE_ERR_BYTES, "parameter 'date' wants YYYY-MM-DD");
            return 400;
        }
    }
    if (!no_unknown(p, err)) return 400;
    if (blank(rq->body, rq->len)) {
        snprintf(err, SERVE_ERR_BYTES, "POST the text of a story (plain text or JSON {\"text\"})");
        return 400;
    }
    char day[11];
    today(day);
    char *owned;
    unsigned status = 200;
    vigil_reader *r =
        body_reader(rq, id ? id : "posted", date ? date : day, 0, &owned, &status, err);
    if (!r) return status;
    jbuf warn = {0};
    diag_list dl = {&warn, 0};
    vigil_reader_set_diag(r, collect_diag, &dl);
    if (owned)
        vigil_reader_feed(r, owned, strlen(owned));
    else
        vigil_reader_feed(r, rq->body, rq->len);
    vigil_reader_finish(r);
    free(owned);
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

static unsigned api_ingest(server *sv, const request *rq, params *p, jbuf *b, char *err)
{
    if (!sv->allow_ingest) {
        snprintf(err, SERVE_ERR_BYTES,
                 "this server is read-only; start it with --allow-ingest to store stories");
        return 403;
    }
    const char *date = param(p, "date");
    if (date) {
        vigil_filter tmp;
        memset(&tmp, 0, sizeof tmp);
        if (vigil_filter_param(&tmp, "from", date, NULL, 0) != VIGIL_OK) {
            snprintf(err, SERVE_ERR_BYTES, "parameter 'date' wants YYYY-MM-DD");
            return 400;
        }
    }
    if (!no_unknown(p, err)) return 400;
    if (blank(rq->body, rq->len)) {
        snprintf(err, SERVE_ERR_BYTES, "POST stories (JSON lines, XML records, HTML or text)");
        return 400;
    }
    char day[11];
    today(day);
    char *owned;
    unsigned status = 200;
    vigil_reader *r = body_reader(rq, "posted", date ? date : day, 1, &owned, &status, err);
    if (!r) return status;
    jbuf warn = {0};
    diag_list dl = {&warn, 0};
    vigil_reader_set_diag(r, collect_diag, &dl);
    vigil_reader_feed(r, rq->body, rq->len);
    vigil_reader_finish(r);
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

static unsigned api_info(server *sv, params *p, jbuf *b, char *err)
{
    if (!no_unknown(p, err)) return 400;
    jb_printf(b,
              "{\"version\":\"%s\",\"allow_ingest\":%s,\"max_body\":%zu,\"threads\":%u,"
              "\"schema\":%d}",
              VIGIL_VERSION, sv->allow_ingest ? "true" : "false", sv->max_body, sv->nworkers,
              vigil_store_schema_version(sv->workers[0].store));
    return 200;
}

/* -------------------------------------------------------- static files */

static const char *mime_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return "application/octet-stream";
    static const char *const map[][2] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(dot, map[i][0]) == 0) return map[i][1];
    return "application/octet-stream";
}

/* Sends dir/name, a name already checked by vigil_http_path or fixed. */
static enum MHD_Result send_file(struct MHD_Connection *c, const char *dir, const char *name)
{
    char path[4096 + 64 + SERVE_PATH_MAX + 2];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0) close(fd);
        return send_error(c, 404, "no such file");
    }
    if (st.st_size > (off_t)SERVE_STATIC_MAX) {
        close(fd);
        return send_error(c, 500, "file too large to serve");
    }
    size_t n = (size_t)st.st_size, got = 0;
    char *p = malloc(n ? n : 1);
    if (!p) abort();
    while (got < n) {
        ssize_t k = read(fd, p + got, n - got);
        if (k <= 0) break;
        got += (size_t)k;
    }
    close(fd);
    if (got != n) {
        free(p);
        return send_error(c, 500, "cannot read the file");
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(n, p, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(p);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", mime_of(name));
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    /* The dashboard loads only its own files: no inline script, no other
     * origin, no framing (uPlot sets element styles, hence the style rule). */
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self' "
                            "'unsafe-inline'; object-src 'none'; base-uri 'none'; "
                            "frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    enum MHD_Result rc = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return rc;
}

/* --------------------------------------------------------------- routes */

enum { R_NONE, R_GET, R_POST };

/* Which method a path wants (R_NONE: no such route). */
static int route_method(const char *url)
{
    static const char *const gets[] = {"/api/events", "/api/trend",   "/api/alerts",
                                       "/api/dyads",  "/api/stories", "/api/info"};
    for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++)
        if (strcmp(url, gets[i]) == 0) return R_GET;
    if (strncmp(url, "/api/stories/", 13) == 0 && url[13]) return R_GET;
    if (strcmp(url, "/api/code") == 0 || strcmp(url, "/api/ingest") == 0) return R_POST;
    if (strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0) return R_NONE;
    return R_GET; /* static files */
}

/* The host part of "host[:port]" or "[v6]:port" is a loopback name. */
static int loopback_host(const char *h, size_t n)
{
    if (n && h[0] == '[') {
        const char *close = memchr(h, ']', n);
        return close && (size_t)(close - h) == 4 && memcmp(h, "[::1]", 5) == 0 &&
               (close + 1 == h + n || close[1] == ':');
    }
    const char *colon = memchr(h, ':', n);
    size_t k = colon ? (size_t)(colon - h) : n;
    return (k == 9 && memcmp(h, "localhost", 9) == 0) || (k == 9 && memcmp(h, "127.0.0.1", 9) == 0);
}

/* A server on loopback answers only requests addressed to loopback names
 * (a page elsewhere cannot reach it through DNS rebinding, where a name it
 * controls resolves to 127.0.0.1) and refuses a POST from a page of
 * another origin (a form on a web site cannot post stories into it). */
static const char *foreign(const server *sv, struct MHD_Connection *c, int is_post)
{
    if (!sv->loopback) return NULL;
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (host && !loopback_host(host, strlen(host)))
        return "the Host header names no loopback address; this server answers local requests "
               "only";
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    if (is_post && origin) {
        const char *p = strstr(origin, "://");
        p = p ? p + 3 : origin;
        size_t n = strcspn(p, "/");
        if (!loopback_host(p, n)) return "cross-origin request refused";
    }
    return NULL;
}

static enum MHD_Result dispatch(server *sv, struct MHD_Connection *c, const char *url,
                                const char *method, const request *rq)
{
    const char *why = foreign(sv, c, strcmp(method, "POST") == 0);
    if (why) return send_error(c, 403, why);
    int want = route_method(url);
    int is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int is_post = strcmp(method, "POST") == 0;
    if (want == R_NONE) return send_error(c, 404, "no such route (see docs/serve.md)");
    if (want == R_GET && !is_get)
        return send_error_allow(c, 405, "method not allowed; use GET", "GET, HEAD");
    if (want == R_POST && !is_post)
        return send_error_allow(c, 405, "method not allowed; use POST", "POST");

    if (strncmp(url, "/api/", 5) != 0) {
        if (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0)
            return send_file(c, sv->web, "index.html");
        if (strcmp(url, "/vendor/uPlot.esm.js") == 0)
            return send_file(c, sv->vendor, "uPlot.esm.js");
        if (strcmp(url, "/vendor/uPlot.min.css") == 0)
            return send_file(c, sv->vendor, "uPlot.min.css");
        if (strncmp(url, "/static/", 8) == 0) {
            char name[SERVE_PATH_MAX];
            if (vigil_http_path(url + 8, name, sizeof name) != VIGIL_OK)
                return send_error(c, 400, "bad file name");
            return send_file(c, sv->web, name);
        }
        return send_error(c, 404, "no such page");
    }

    params p;
    memset(&p, 0, sizeof p);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &p);
    if (p.overflow) return send_error(c, 400, "too many query parameters");
    char err[SERVE_ERR_BYTES] = "";
    jbuf b = {0};
    unsigned status;
    if (strcmp(url, "/api/ingest") == 0) {
        status = api_ingest(sv, rq, &p, &b, err);
    } else if (strcmp(url, "/api/info") == 0) {
        status = api_info(sv, &p, &b, err);
    } else {
        worker *w = worker_take(sv);
        if (strcmp(url, "/api/events") == 0)
            status = api_events(w, &p, &b, err);
        else if (strcmp(url, "/api/trend") == 0)
            status = api_trend(w, &p, &b, err);
        else if (strcmp(url, "/api/alerts") == 0)
            status = api_alerts(w, &p, &b, err);
        else if (strcmp(url, "/api/dyads") == 0)
            status = api_dyads(w, &p, &b, err);
        else if (strcmp(url, "/api/stories") == 0)
            status = api_stories(w, &p, &b, err);
        else if (strcmp(url, "/api/code") == 0)
            status = api_code(w, rq, &p, &b, err);
        else
            status = api_story(w, url + 13, &p, &b, err);
        worker_give(sv, w);
    }
    if (status != 200) {
        free(b.p);
        return send_error(c, status, err[0] ? err : "error");
    }
    return send_json(c, 200, &b);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    server *sv = cls;
    request *rq = *con_cls;
    if (!rq) {
        /* First call: the headers are in. A body declared too large is
         * refused now, before a byte of it is read. */
        rq = calloc(1, sizeof *rq);
        if (!rq) return MHD_NO;
        *con_cls = rq;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || *end || n > sv->max_body) {
                rq->refused = 1;
                char msg[128];
                snprintf(msg, sizeof msg, "request body over the limit of %zu bytes", sv->max_body);
                return send_error(c, 413, msg);
            }
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (rq->refused) return MHD_YES;
        if (rq->too_big || rq->len + n > sv->max_body) {
            /* A chunked body that grew past the limit: dropped, and the
             * connection closed if it keeps coming. */
            rq->too_big = 1;
            rq->len += n;
            return rq->len > 4 * sv->max_body ? MHD_NO : MHD_YES;
        }
        if (rq->len + n + 1 > rq->cap) {
            size_t cap = rq->cap ? rq->cap : 4096;
            while (cap < rq->len + n + 1) cap *= 2;
            char *p = realloc(rq->body, cap);
            if (!p) return MHD_NO;
            rq->body = p;
            rq->cap = cap;
        }
        memcpy(rq->body + rq->len, upload_data, n);
        rq->len += n;
        rq->body[rq->len] = '\0';
        return MHD_YES;
    }
    if (rq->refused) return MHD_YES;
    if (rq->too_big) {
        char msg[128];
        snprintf(msg, sizeof msg, "request body over the limit of %zu bytes", sv->max_body);
        return send_error(c, 413, msg);
    }
    return dispatch(sv, c, url, method, rq);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decoding of the path and the query, in place. Unlike the
 * default, an escape that would give a control byte (%00 above all, which
 * would cut the string short: "app.js%00.png" would read as "app.js") is
 * left as it is, so the name checks refuse it instead. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    char *w = s;
    for (const char *r = s; *r;) {
        int hi, lo;
        if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0 &&
            hi * 16 + lo >= 0x20 && hi * 16 + lo != 0x7f) {
            *w++ = (char)(hi * 16 + lo);
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    request *rq = *con_cls;
    if (!rq) return;
    free(rq->body);
    free(rq);
    *con_cls = NULL;
}

/* ------------------------------------------------------------- command */

static void serve_usage(FILE *f)
{
    fputs("usage: vigil serve --db FILE [--port 8080] [--bind 127.0.0.1] [--dict DIR]...\n"
          "                   [--allow-ingest] [--max-body BYTES] [--timeout SECONDS]\n"
          "                   [--max-connections N] [--threads N] [--web DIR]\n"
          "Serves the store as JSON (/api/...) and the dashboard (/). Read-only unless\n"
          "--allow-ingest; listens on the loopback address unless --bind says otherwise.\n"
          "--port 0 picks a free port; the address is printed on stderr.\n",
          f);
}

static unsigned long opt_num(const options *o, const char *name, unsigned long def,
                             unsigned long lo, unsigned long hi)
{
    const char *v = cli_extra(o, name);
    if (!v) return def;
    char *end;
    errno = 0;
    unsigned long x = strtoul(v, &end, 10);
    if (!*v || *end || errno || v[0] == '-' || x < lo || x > hi) {
        fprintf(stderr, "vigil: --%s wants a whole number from %lu to %lu, got '%s'\n", name, lo,
                hi, v);
        exit(2);
    }
    return x;
}

/* The dashboard's folder: --web, else $VIGIL_WEB, else web/ beside the
 * data/ folder this checkout was built with. */
static void find_dirs(const options *o, server *sv)
{
    const char *web = cli_extra(o, "web");
    if (!web) web = getenv("VIGIL_WEB");
    if (web && *web) {
        snprintf(sv->web, sizeof sv->web, "%s", web);
    } else {
        const char *data = VIGIL_DATADIR;
        const char *slash = strrchr(data, '/');
        int n = slash ? (int)(slash - data) : 0;
        snprintf(sv->web, sizeof sv->web, "%.*s%sweb", n, data, slash ? "/" : "");
    }
    snprintf(sv->vendor, sizeof sv->vendor, "%s/../node_modules/uplot/dist", sv->web);
}

int cli_serve_main(int argc, char **argv)
{
    /* --allow-ingest is a flag; the common parser takes "--name value". */
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) return 1;
    int nargs = 0, allow_ingest = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--allow-ingest") == 0)
            allow_ingest = 1;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            serve_usage(stdout);
            free(args);
            return 0;
        } else
            args[nargs++] = argv[i];
    }
    static const char *const extras[] = {
        "db", "port", "bind", "max-body", "timeout", "threads", "max-connections", "web", NULL};
    options o;
    cli_parse_args(nargs, args, &o, extras);
    if (!(o.ninputs == 1 && strcmp(o.inputs[0], "-") == 0)) {
        fprintf(stderr, "vigil serve: unexpected argument '%s'\n", o.inputs[0]);
        serve_usage(stderr);
        free(args);
        return 2;
    }
    server sv;
    memset(&sv, 0, sizeof sv);
    sv.db = cli_extra(&o, "db");
    if (!sv.db) {
        fprintf(stderr, "vigil serve: --db FILE is required\n");
        serve_usage(stderr);
        free(args);
        return 2;
    }
    sv.allow_ingest = allow_ingest;
    unsigned port = (unsigned)opt_num(&o, "port", 8080, 0, 65535);
    sv.max_body = opt_num(&o, "max-body", SERVE_MAX_BODY, 1, 1ul << 30);
    unsigned timeout = (unsigned)opt_num(&o, "timeout", SERVE_TIMEOUT, 1, 3600);
    unsigned maxconn = (unsigned)opt_num(&o, "max-connections", SERVE_MAX_CONN, 1, 10000);
    sv.nworkers = (unsigned)opt_num(&o, "threads", SERVE_THREADS, 1, 64);
    const char *bind = cli_extra(&o, "bind");
    if (!bind) bind = "127.0.0.1";
    find_dirs(&o, &sv);

    struct sockaddr_in a4;
    struct sockaddr_in6 a6;
    struct sockaddr *addr;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
    memset(&a4, 0, sizeof a4);
    memset(&a6, 0, sizeof a6);
    if (inet_pton(AF_INET, bind, &a4.sin_addr) == 1) {
        sv.loopback = (ntohl(a4.sin_addr.s_addr) >> 24) == 127;
        a4.sin_family = AF_INET;
        a4.sin_port = htons((uint16_t)port);
        addr = (struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, bind, &a6.sin6_addr) == 1) {
        sv.loopback = memcmp(&a6.sin6_addr, &in6addr_loopback, sizeof a6.sin6_addr) == 0;
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((uint16_t)port);
        addr = (struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        fprintf(stderr, "vigil serve: --bind wants an IP address (127.0.0.1, ::1), got '%s'\n",
                bind);
        free(args);
        return 2;
    }

    /* The store: with --allow-ingest a read-write handle first (it creates
     * and migrates the file), then one read-only handle per worker. */
    int rc = 1;
    if (allow_ingest) {
        if (vigil_store_open(sv.db, 0, &sv.wstore) != VIGIL_OK) {
            fprintf(stderr, "vigil serve: cannot open the store: %s\n",
                    vigil_store_errmsg(sv.wstore));
            vigil_store_close(sv.wstore);
            free(args);
            return 1;
        }
    }
    sv.dict = cli_load_dicts(&o);
    if (!sv.dict) {
        vigil_store_close(sv.wstore);
        free(args);
        return 1;
    }
    if (allow_ingest) sv.wcoder = vigil_coder_new(sv.dict, 0);
    sv.workers = calloc(sv.nworkers, sizeof *sv.workers);
    if (!sv.workers) abort();
    unsigned opened = 0;
    for (; opened < sv.nworkers; opened++) {
        worker *w = &sv.workers[opened];
        if (vigil_store_open(sv.db, VIGIL_STORE_READONLY, &w->store) != VIGIL_OK) {
            fprintf(stderr, "vigil serve: cannot open the store: %s\n",
                    vigil_store_errmsg(w->store));
            vigil_store_close(w->store);
            w->store = NULL;
            goto out;
        }
        w->coder = vigil_coder_new(sv.dict, VIGIL_CODE_EXPLAIN);
    }
    pthread_mutex_init(&sv.mu, NULL);
    pthread_cond_init(&sv.cv, NULL);
    pthread_mutex_init(&sv.wmu, NULL);

    /* SIGINT and SIGTERM are taken by sigwait below: block them before
     * the server's threads start, so they inherit the mask. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, &sv, MHD_OPTION_SOCK_ADDR, addr,
        MHD_OPTION_THREAD_POOL_SIZE, sv.nworkers, MHD_OPTION_CONNECTION_LIMIT, maxconn,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "vigil serve: cannot listen on %s port %u: %s\n", bind, port,
                strerror(errno));
        goto out_sync;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned actual = info ? info->port : port;
    fprintf(stderr,
            "vigil serve: listening on http://%s%s%s:%u/ (%s, %u threads, %u connections, "
            "bodies up to %zu bytes, web %s)\n",
            addr->sa_family == AF_INET6 ? "[" : "", bind, addr->sa_family == AF_INET6 ? "]" : "",
            actual, allow_ingest ? "ingest allowed" : "read-only", sv.nworkers, maxconn,
            sv.max_body, sv.web);
    fflush(stderr);
    if (!sv.loopback)
        fprintf(stderr,
                "vigil serve: warning: %s is not a loopback address: anyone who can "
                "reach it can read the store%s\n",
                bind, allow_ingest ? " and write into it" : "");
    fflush(stderr);
    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "vigil serve: stopping (signal %d)\n", sig);
    MHD_stop_daemon(d);
    rc = 0;
out_sync:
    pthread_mutex_destroy(&sv.mu);
    pthread_cond_destroy(&sv.cv);
    pthread_mutex_destroy(&sv.wmu);
out:
    for (unsigned i = 0; i < sv.nworkers; i++) {
        vigil_coder_free(sv.workers[i].coder);
        vigil_store_close(sv.workers[i].store);
    }
    free(sv.workers);
    vigil_coder_free(sv.wcoder);
    vigil_store_close(sv.wstore);
    vigil_dict_free(sv.dict);
    free(args);
    return rc;
}
