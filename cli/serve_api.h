/*
 * cli/serve_api.h — what the two halves of `vigil serve` share: the HTTP
 * layer (cli/serve.c: sockets, workers, static files, routing) and the JSON
 * API (cli/serve_api.c: query parameters, one function per route, JSON
 * output). The route functions fill a JSON buffer and return the HTTP
 * status; on an error they write the message into `err` instead.
 */
#ifndef VIGIL_SERVE_API_H
#define VIGIL_SERVE_API_H

#include "vigil.h"

#include <pthread.h>
#include <stddef.h>

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

/* A growable output buffer; allocation failure ends the process, as the
 * library's allocator does. */
typedef struct jbuf {
    char *p;
    size_t len, cap;
} jbuf;

/* The query parameters of a request, as libmicrohttpd decoded them; a
 * route marks those it reads, and any left over is an error. */
typedef struct params {
    const char *name[SERVE_QUERY_ARGS];
    const char *value[SERVE_QUERY_ARGS];
    int used[SERVE_QUERY_ARGS];
    int n;
    int overflow;
} params;

void jb_put(jbuf *b, const char *s, size_t n);
void jb_puts(jbuf *b, const char *s);
void jb_printf(jbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A JSON string of n bytes; ascii != 0 writes bytes outside printable
 * ASCII as '?' (for text quoted from the request). */
void jb_str_n(jbuf *b, const char *s, size_t n, int ascii);
void jb_str(jbuf *b, const char *s);

unsigned api_events(worker *w, params *p, jbuf *b, char *err);
unsigned api_trend(worker *w, params *p, jbuf *b, char *err);
unsigned api_alerts(worker *w, params *p, jbuf *b, char *err);
unsigned api_dyads(worker *w, params *p, jbuf *b, char *err);
unsigned api_stories(worker *w, params *p, jbuf *b, char *err);
unsigned api_story(worker *w, const char *id, params *p, jbuf *b, char *err);
unsigned api_code(worker *w, const request *rq, params *p, jbuf *b, char *err);
unsigned api_ingest(server *sv, const request *rq, params *p, jbuf *b, char *err);
unsigned api_info(server *sv, params *p, jbuf *b, char *err);

#endif
