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
 * This file is the HTTP layer: options, sockets, workers, routing, request
 * bodies, static files. The routes themselves (parameters in, JSON out)
 * are in cli/serve_api.c. Both use include/vigil.h only, like the rest of
 * the CLI.
 */
#include "serve.h"
#include "serve_api.h"

#include "cli.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* libmicrohttpd is loaded when `vigil serve` starts, not when vigil does:
 * it brings in GnuTLS and its dependencies, whose relocations every
 * other command would pay for at start (about 5 M instructions). Every
 * function used here is called through this table, typed as
 * microhttpd.h declares it; dlsym's answer is copied into it (ISO C has
 * no conversion from void * to a function pointer; POSIX makes the bytes
 * the same). */
#define MHD_FUNCS(X)                                                                               \
    X(MHD_add_response_header)                                                                     \
    X(MHD_create_response_from_buffer)                                                             \
    X(MHD_destroy_response)                                                                        \
    X(MHD_get_connection_values)                                                                   \
    X(MHD_get_daemon_info)                                                                         \
    X(MHD_lookup_connection_value)                                                                 \
    X(MHD_queue_response)                                                                          \
    X(MHD_start_daemon)                                                                            \
    X(MHD_stop_daemon)

static struct {
#define MHD_FIELD(f) __typeof__(&f) f;
    MHD_FUNCS(MHD_FIELD)
#undef MHD_FIELD
} mhd;

/* Loads libmicrohttpd (Debian 12's soname, then the unversioned name of
 * a development install) and fills mhd; 0 with a message on stderr when
 * it cannot. */
static int load_mhd(void)
{
    static const char *const sonames[] = {"libmicrohttpd.so.12", "libmicrohttpd.so"};
    void *h = NULL;
    for (size_t i = 0; i < sizeof sonames / sizeof sonames[0] && !h; i++)
        h = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "vigil serve: cannot load %s: %s\n", sonames[0], dlerror());
        return 0;
    }
    void *sym;
#define MHD_SET(f)                                                                                 \
    if (!(sym = dlsym(h, #f))) {                                                                   \
        fprintf(stderr, "vigil serve: cannot load %s: no symbol %s\n", sonames[0], #f);            \
        return 0;                                                                                  \
    }                                                                                              \
    memcpy(&mhd.f, &sym, sizeof sym);
    MHD_FUNCS(MHD_SET)
#undef MHD_SET
    return 1;
}

#ifndef VIGIL_DATADIR
#define VIGIL_DATADIR "data"
#endif

/* ----------------------------------------------------------- responses */

static enum MHD_Result send_buf(struct MHD_Connection *c, unsigned status, char *body, size_t len,
                                const char *type, const char *allow)
{
    struct MHD_Response *r =
        mhd.MHD_create_response_from_buffer(len, body ? body : (char *)"", MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    mhd.MHD_add_response_header(r, "Content-Type", type);
    mhd.MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    mhd.MHD_add_response_header(r, "Cache-Control", "no-store");
    if (allow) mhd.MHD_add_response_header(r, "Allow", allow);
    enum MHD_Result rc = mhd.MHD_queue_response(c, status, r);
    mhd.MHD_destroy_response(r);
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
    struct MHD_Response *r = mhd.MHD_create_response_from_buffer(n, p, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(p);
        return MHD_NO;
    }
    mhd.MHD_add_response_header(r, "Content-Type", mime_of(name));
    mhd.MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    mhd.MHD_add_response_header(r, "Cache-Control", "no-cache");
    /* The dashboard loads only its own files: no inline script, no other
     * origin, no framing (uPlot sets element styles, hence the style rule). */
    mhd.MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self' "
                                "'unsafe-inline'; object-src 'none'; base-uri 'none'; "
                                "frame-ancestors 'none'");
    mhd.MHD_add_response_header(r, "X-Frame-Options", "DENY");
    enum MHD_Result rc = mhd.MHD_queue_response(c, 200, r);
    mhd.MHD_destroy_response(r);
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
    const char *host = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (host && !loopback_host(host, strlen(host)))
        return "the Host header names no loopback address; this server answers local requests "
               "only";
    const char *origin = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
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
    mhd.MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &p);
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
        const char *cl = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
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
    if (!load_mhd()) {
        free(args);
        return 1;
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

    struct MHD_Daemon *d = mhd.MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, &sv, MHD_OPTION_SOCK_ADDR, addr,
        MHD_OPTION_THREAD_POOL_SIZE, sv.nworkers, MHD_OPTION_CONNECTION_LIMIT, maxconn,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "vigil serve: cannot listen on %s port %u: %s\n", bind, port,
                strerror(errno));
        goto out_sync;
    }
    const union MHD_DaemonInfo *info = mhd.MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
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
    mhd.MHD_stop_daemon(d);
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
