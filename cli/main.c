/*
 * cli/main.c — the vigil command: arguments in, library calls, output out.
 *
 * The command is a thin client of include/vigil.h (no internal headers):
 *
 *   vigil code  [options] [FILE...]   stories in, events out (JSON lines or TSV)
 *   vigil clean [options] [FILE...]   stories as the coder sees them after cleaning
 *   vigil dict check|stats [DIR...]   load dictionaries and report problems / counts
 *
 * Events go to stdout; diagnostics and the final summary go to stderr, so a
 * pipeline sees only data on its standard output.
 */
#include "cli.h"
#include "serve.h"
#include "store_cli.h"
#include "validate_cli.h"

#include <errno.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------- code */

struct unk {
    char *item;
    unsigned long n;
};

typedef struct code_ctx {
    const options *o;
    totals *t;
    vigil_coder *coder;
    vigil_outfmt fmt;
    char *line;
    size_t cap;
    struct unk *unk; /* --unknown: items and the number of stories with them */
    size_t nunk, capunk;
} code_ctx;

static void write_event(code_ctx *x, const vigil_event *e)
{
    size_t need = vigil_event_format(e, x->fmt, x->line, x->cap);
    if (need >= x->cap) {
        /* Room for any ordinary line at once: vigil_event_format writes a
         * line in place when the buffer holds its bound (a few KB). */
        x->cap = need + 1 > 65536 ? need + 1 : 65536;
        x->line = realloc(x->line, x->cap);
        if (!x->line) {
            fprintf(stderr, "vigil: out of memory\n");
            exit(1);
        }
        vigil_event_format(e, x->fmt, x->line, x->cap);
    }
    fwrite(x->line, 1, need, stdout);
}

/* Counts an unknown item (in how many stories it occurs). */
static void count_unknown(code_ctx *x, const char *item)
{
    for (size_t i = 0; i < x->nunk; i++)
        if (strcmp(x->unk[i].item, item) == 0) {
            x->unk[i].n++;
            return;
        }
    if (x->nunk == x->capunk) {
        x->capunk = x->capunk ? x->capunk * 2 : 256;
        x->unk = realloc(x->unk, x->capunk * sizeof *x->unk);
        if (!x->unk) {
            fprintf(stderr, "vigil: out of memory\n");
            exit(1);
        }
    }
    x->unk[x->nunk].item = strdup(item);
    x->unk[x->nunk].n = 1;
    x->nunk++;
}

static int by_count(const void *a, const void *b)
{
    const struct unk *p = a, *q = b;
    if (p->n != q->n) return p->n < q->n ? 1 : -1;
    return strcmp(p->item, q->item);
}

/* A limit the doc layer applied (too many sentences or tokens, an
 * overlong story) is reported on stderr, not applied silently. */
static void report_limits(const vigil_doc *doc)
{
    for (size_t r = 0; r < vigil_doc_removed_count(doc); r++) {
        const vigil_removed *rm = vigil_doc_removed(doc, r);
        if (strcmp(rm->rule, "limit") == 0)
            fprintf(stderr, "vigil: %s: %s\n", vigil_doc_id(doc), rm->text);
    }
}

static void code_story(void *ud, const vigil_story *s)
{
    code_ctx *x = ud;
    unsigned flags = x->o->keep_boilerplate ? VIGIL_CLEAN_KEEP_BOILERPLATE : 0;
    vigil_doc *doc = vigil_doc_new(s, flags);
    if (!doc) return;
    report_limits(doc);
    x->t->stories++;
    x->t->sentences += vigil_doc_sentence_count(doc);
    x->t->repairs += vigil_doc_utf8_repairs(doc);
    vigil_coder_code(x->coder, doc);
    size_t n = vigil_coder_event_count(x->coder);
    for (size_t i = 0; i < n; i++) {
        const vigil_event *e = vigil_coder_event(x->coder, i);
        write_event(x, e);
        if (x->o->explain) {
            char *ex = vigil_coder_explain(x->coder, i);
            if (ex) {
                fprintf(stderr, "%s", ex);
                vigil_free(ex);
            }
        }
        if (!e->negated) x->t->events++;
    }
    if (x->o->unknown)
        for (size_t i = 0; i < vigil_coder_unknown_count(x->coder); i++)
            count_unknown(x, vigil_coder_unknown(x->coder, i));
    vigil_doc_free(doc);
    if (!x->o->quiet) cli_progress(x->t, 0);
}

/* ------------------------------------------------------ code, threaded */

/*
 * `vigil code -j N`: N worker threads, each with its own vigil_coder over
 * the one frozen dictionary (which is read-only and shared). The main
 * thread reads stories, copies them into batches and hands each batch to
 * the first idle worker; a worker cleans, codes and formats its batch into
 * the batch's own output buffer. The main thread writes finished batches
 * strictly in input order, so the output is byte-identical to -j 1. A ring
 * of 2N batch slots bounds memory: reading waits while the oldest batch is
 * still being coded.
 */
#define MAX_JOBS 64
#define BATCH_STORIES 64
#define BATCH_BYTES (1u << 20)

/* A growable byte string for a batch's output (the CLI sees no library
 * internals, so it keeps its own). */
typedef struct bytes {
    char *p;
    size_t len, cap;
} bytes;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "vigil: out of memory\n");
        exit(1);
    }
    return p;
}

static char *bytes_room(bytes *b, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 4096;
        while (c < b->len + n + 1) c *= 2;
        b->p = xrealloc(b->p, c);
        b->cap = c;
    }
    return b->p + b->len;
}

static void bytes_put(bytes *b, const char *s, size_t n)
{
    memcpy(bytes_room(b, n), s, n);
    b->len += n;
}

enum { SLOT_FREE, SLOT_QUEUED, SLOT_BUSY, SLOT_DONE };

typedef struct batch {
    int state;
    unsigned long seq;
    vigil_story *stories;
    size_t n, cap;
    bytes mem; /* the stories' strings, back to back (offsets until sealed) */
    bytes out; /* formatted events, in story order */
    bytes err; /* --explain text, in story order */
    bytes unk; /* --unknown items, NUL-terminated, in story order */
    totals t;
} batch;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work; /* a batch was queued, or quit */
    pthread_cond_t done; /* a batch was finished */
    batch *slots;
    size_t nslots;
    unsigned long next_take; /* sequence number the next idle worker takes */
    int quit;
    const options *o;
    vigil_dict *dict;
    unsigned coder_flags;
    vigil_outfmt fmt;
} pool;

/* Copies a string field into the batch arena; stores its offset + 1 (0 for
 * NULL) in the pointer until the batch is sealed, since the arena moves. */
static const char *stash(batch *b, const char *s, size_t n)
{
    if (!s) return NULL;
    size_t off = b->mem.len;
    bytes_put(&b->mem, s, n);
    bytes_put(&b->mem, "", 1);
    return (const char *)(uintptr_t)(off + 1);
}

static void batch_add(batch *b, const vigil_story *s)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : BATCH_STORIES;
        b->stories = xrealloc(b->stories, b->cap * sizeof *b->stories);
    }
    vigil_story c = *s;
    c.id = stash(b, s->id, s->id ? strlen(s->id) : 0);
    c.date = stash(b, s->date, s->date ? strlen(s->date) : 0);
    c.source = stash(b, s->source, s->source ? strlen(s->source) : 0);
    c.url = stash(b, s->url, s->url ? strlen(s->url) : 0);
    c.body = stash(b, s->body, s->body_len);
    b->stories[b->n++] = c;
}

static const char *unstash(const batch *b, const char *off)
{
    return off ? b->mem.p + ((uintptr_t)off - 1) : NULL;
}

/* Turns the stored offsets into pointers; the arena no longer grows. */
static void batch_seal(batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        vigil_story *s = &b->stories[i];
        s->id = unstash(b, s->id);
        s->date = unstash(b, s->date);
        s->source = unstash(b, s->source);
        s->url = unstash(b, s->url);
        s->body = unstash(b, s->body);
    }
}

/* What code_story does, into the batch's buffers instead of the streams. */
static void batch_code(const pool *p, vigil_coder *coder, batch *b)
{
    unsigned flags = p->o->keep_boilerplate ? VIGIL_CLEAN_KEEP_BOILERPLATE : 0;
    for (size_t k = 0; k < b->n; k++) {
        vigil_doc *doc = vigil_doc_new(&b->stories[k], flags);
        if (!doc) continue;
        report_limits(doc); /* stderr lines are whole; their order may vary */
        b->t.stories++;
        b->t.sentences += vigil_doc_sentence_count(doc);
        b->t.repairs += vigil_doc_utf8_repairs(doc);
        vigil_coder_code(coder, doc);
        size_t n = vigil_coder_event_count(coder);
        for (size_t i = 0; i < n; i++) {
            const vigil_event *e = vigil_coder_event(coder, i);
            bytes_room(&b->out, 16384); /* the line's bound: formatted in place */
            size_t room = b->out.cap - b->out.len;
            size_t need = vigil_event_format(e, p->fmt, b->out.p + b->out.len, room);
            if (need >= room) {
                bytes_room(&b->out, need);
                vigil_event_format(e, p->fmt, b->out.p + b->out.len, need + 1);
            }
            b->out.len += need;
            if (p->o->explain) {
                char *ex = vigil_coder_explain(coder, i);
                if (ex) {
                    bytes_put(&b->err, ex, strlen(ex));
                    vigil_free(ex);
                }
            }
            if (!e->negated) b->t.events++;
        }
        if (p->o->unknown)
            for (size_t i = 0; i < vigil_coder_unknown_count(coder); i++) {
                const char *u = vigil_coder_unknown(coder, i);
                bytes_put(&b->unk, u, strlen(u) + 1);
            }
        vigil_doc_free(doc);
    }
}

static void *worker(void *arg)
{
    pool *p = arg;
    vigil_coder *coder = vigil_coder_new(p->dict, p->coder_flags);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        batch *b = &p->slots[p->next_take % p->nslots];
        while (!(b->state == SLOT_QUEUED && b->seq == p->next_take) && !p->quit) {
            pthread_cond_wait(&p->work, &p->mu);
            b = &p->slots[p->next_take % p->nslots];
        }
        if (!(b->state == SLOT_QUEUED && b->seq == p->next_take)) break; /* quit, nothing left */
        b->state = SLOT_BUSY;
        p->next_take++;
        pthread_mutex_unlock(&p->mu);
        batch_code(p, coder, b);
        pthread_mutex_lock(&p->mu);
        b->state = SLOT_DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    vigil_coder_free(coder);
    return NULL;
}

/* The reading side: stories into batches, finished batches out in order. */
typedef struct feeder {
    pool *p;
    code_ctx *x;
    unsigned long next_fill, next_write;
    batch *cur;
} feeder;

/* Writes batch b (done) and frees its slot. Called with the lock released:
 * only the main thread touches a DONE batch. */
static void batch_write(feeder *f, batch *b)
{
    fwrite(b->out.p, 1, b->out.len, stdout);
    if (b->err.len) fwrite(b->err.p, 1, b->err.len, stderr);
    for (size_t i = 0; i < b->unk.len; i += strlen(b->unk.p + i) + 1)
        count_unknown(f->x, b->unk.p + i);
    totals *t = f->x->t;
    t->stories += b->t.stories;
    t->sentences += b->t.sentences;
    t->repairs += b->t.repairs;
    t->events += b->t.events;
    if (!f->x->o->quiet) cli_progress(t, 0);
    memset(&b->t, 0, sizeof b->t);
    b->n = 0;
    b->mem.len = b->out.len = b->err.len = b->unk.len = 0;
}

/* Writes every finished batch at the head of the order; with `wait`, waits
 * for the head batch first. */
static void drain(feeder *f, int wait)
{
    pool *p = f->p;
    for (;;) {
        if (f->next_write == f->next_fill) return;
        batch *b = &p->slots[f->next_write % p->nslots];
        pthread_mutex_lock(&p->mu);
        while (wait && b->state != SLOT_DONE) pthread_cond_wait(&p->done, &p->mu);
        int ready = b->state == SLOT_DONE;
        pthread_mutex_unlock(&p->mu);
        if (!ready) return;
        batch_write(f, b);
        pthread_mutex_lock(&p->mu);
        b->state = SLOT_FREE;
        pthread_mutex_unlock(&p->mu);
        f->next_write++;
    }
}

static void submit(feeder *f)
{
    batch *b = f->cur;
    if (!b || b->n == 0) return;
    batch_seal(b);
    pthread_mutex_lock(&f->p->mu);
    b->seq = f->next_fill++;
    b->state = SLOT_QUEUED;
    pthread_cond_broadcast(&f->p->work);
    pthread_mutex_unlock(&f->p->mu);
    f->cur = NULL;
    drain(f, 0);
}

static void feed_story(void *ud, const vigil_story *s)
{
    feeder *f = ud;
    if (!f->cur) {
        /* The slot of the next batch is free once everything older than
         * one ring's worth has been written. */
        while (f->next_fill - f->next_write >= f->p->nslots) drain(f, 1);
        f->cur = &f->p->slots[f->next_fill % f->p->nslots];
    }
    batch_add(f->cur, s);
    if (f->cur->n >= BATCH_STORIES || f->cur->mem.len >= BATCH_BYTES) submit(f);
}

/* Codes every input with `jobs` worker threads; see the comment above. */
static void code_threaded(code_ctx *x, const options *o, totals *t, vigil_dict *d, unsigned cf,
                          int jobs)
{
    /* libxml2 sets up its globals on first use; that must happen once,
     * before the workers may parse HTML at the same time. */
    xmlInitParser();
    pool p;
    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    p.nslots = 2 * (size_t)jobs;
    p.slots = calloc(p.nslots, sizeof *p.slots);
    if (!p.slots) xrealloc(NULL, 0);
    p.o = o;
    p.dict = d;
    p.coder_flags = cf;
    p.fmt = x->fmt;
    pthread_t th[MAX_JOBS];
    for (int i = 0; i < jobs; i++)
        if (pthread_create(&th[i], NULL, worker, &p) != 0) {
            fprintf(stderr, "vigil: cannot start thread %d\n", i + 1);
            exit(1);
        }
    feeder f = {&p, x, 0, 0, NULL};
    for (int i = 0; i < o->ninputs; i++) cli_read_input(o->inputs[i], o, t, feed_story, &f);
    submit(&f);
    while (f.next_write != f.next_fill) drain(&f, 1);
    pthread_mutex_lock(&p.mu);
    p.quit = 1;
    pthread_cond_broadcast(&p.work);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < jobs; i++) pthread_join(th[i], NULL);
    for (size_t i = 0; i < p.nslots; i++) {
        free(p.slots[i].stories);
        free(p.slots[i].mem.p);
        free(p.slots[i].out.p);
        free(p.slots[i].err.p);
        free(p.slots[i].unk.p);
    }
    free(p.slots);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    pthread_mutex_destroy(&p.mu);
}

/* Takes "-j N", "-jN" and "--jobs N" out of the arguments (the common
 * parser does not know them); returns N, 1 when absent, -1 when invalid. */
static int take_jobs(int *argc, char **argv)
{
    int jobs = 1, k = 0;
    for (int i = 0; i < *argc; i++) {
        const char *a = argv[i], *val = NULL;
        if ((strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) && i + 1 < *argc)
            val = argv[++i];
        else if (strncmp(a, "-j", 2) == 0 && a[2])
            val = a + 2;
        else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0)
            return -1;
        if (!val) {
            argv[k++] = argv[i];
            continue;
        }
        char *end;
        errno = 0;
        long n = strtol(val, &end, 10);
        if (errno || *end || end == val || n < 1 || n > MAX_JOBS) return -1;
        jobs = (int)n;
    }
    *argc = k;
    return jobs;
}

static int cmd_code(int argc, char **argv)
{
    options o;
    int jobs = take_jobs(&argc, argv);
    if (jobs < 0) {
        fprintf(stderr, "vigil: -j wants a number of threads from 1 to %d\n", MAX_JOBS);
        return 2;
    }
    cli_parse_args(argc, argv, &o, NULL);
    code_ctx x;
    totals t;
    memset(&x, 0, sizeof x);
    memset(&t, 0, sizeof t);
    x.o = &o;
    x.t = &t;
    x.fmt = VIGIL_OUT_JSONL;
    if (o.out && strcmp(o.out, "tsv") == 0)
        x.fmt = VIGIL_OUT_TSV;
    else if (o.out && strcmp(o.out, "jsonl") != 0) {
        fprintf(stderr, "vigil: unknown --out '%s' (jsonl, tsv)\n", o.out);
        return 2;
    }
    double t0 = cli_now();
    vigil_dict *d = cli_load_dicts(&o);
    if (!d) return 1;
    unsigned cf = 0;
    if (o.explain) cf |= VIGIL_CODE_EXPLAIN;
    if (o.negated) cf |= VIGIL_CODE_NEGATED;
    if (o.no_dyad) cf |= VIGIL_CODE_NO_DYAD;
    if (o.debug) cf |= VIGIL_CODE_DEBUG;
    if (o.unknown) cf |= VIGIL_CODE_UNKNOWN;
    x.coder = vigil_coder_new(d, cf);
    /* Events to a file or a pipe in 256 KB writes instead of the 4 KB
     * default: a hundredth of the system calls. Not with --explain or
     * --debug, whose stderr text a reader may want near the events it
     * explains (2>&1), nor on a terminal (line-buffered), nor when stories
     * come from standard input (a stream, whose reader should not wait
     * for 256 KB of events). The bytes written are the same. */
    static char outbuf[1 << 18];
    int from_stdin = 0;
    for (int i = 0; i < o.ninputs; i++) from_stdin |= strcmp(o.inputs[i], "-") == 0;
    if (!o.explain && !o.debug && !from_stdin && !isatty(1))
        setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    if (x.fmt == VIGIL_OUT_TSV) fputs(vigil_tsv_header(), stdout);
    cli_measure_inputs(&o, &t);
    t.started = cli_now();
    if (jobs > 1) {
        vigil_coder_free(x.coder);
        x.coder = NULL;
        code_threaded(&x, &o, &t, d, cf, jobs);
    } else {
        for (int i = 0; i < o.ninputs; i++) cli_read_input(o.inputs[i], &o, &t, code_story, &x);
    }
    fflush(stdout);
    double secs = cli_now() - t0;
    if (!o.quiet) cli_progress(&t, 1);
    if (!o.quiet)
        fprintf(stderr,
                "vigil: %lu stories, %lu sentences, %lu events, %lu records skipped, %.3f "
                "seconds\n",
                t.stories, t.sentences, t.events, t.skipped, secs);
    if (o.unknown) {
        /* Most frequent first: what dictionary maintainers need most. */
        qsort(x.unk, x.nunk, sizeof *x.unk, by_count);
        fprintf(stderr, "vigil: unknown to the dictionaries (stories, kind, text):\n");
        for (size_t i = 0; i < x.nunk; i++) {
            fprintf(stderr, "%lu\t%s\n", x.unk[i].n, x.unk[i].item);
            free(x.unk[i].item);
        }
        free(x.unk);
    }
    vigil_coder_free(x.coder);
    vigil_dict_free(d);
    free(x.line);
    return t.io_errors ? 1 : 0;
}

/* --------------------------------------------------------------- clean */

typedef struct clean_ctx {
    const options *o;
    totals *t;
    int text;
} clean_ctx;

static void json_str(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        switch (ch) {
        case '"':
            fputs("\\\"", stdout);
            break;
        case '\\':
            fputs("\\\\", stdout);
            break;
        case '\n':
            fputs("\\n", stdout);
            break;
        case '\t':
            fputs("\\t", stdout);
            break;
        case '\r':
            fputs("\\r", stdout);
            break;
        default:
            if (ch < 0x20)
                printf("\\u%04x", ch);
            else
                putchar(ch);
        }
    }
    putchar('"');
}

static void clean_story(void *ud, const vigil_story *s)
{
    clean_ctx *x = ud;
    unsigned flags = x->o->keep_boilerplate ? VIGIL_CLEAN_KEEP_BOILERPLATE : 0;
    vigil_doc *doc = vigil_doc_new(s, flags);
    if (!doc) return;
    x->t->stories++;
    size_t len;
    const char *text = vigil_doc_text(doc, &len);
    if (x->text) {
        printf("=== %s %s\n%.*s\n", vigil_doc_id(doc), vigil_doc_date(doc), (int)len, text);
        for (size_t i = 0; i < vigil_doc_removed_count(doc); i++) {
            const vigil_removed *r = vigil_doc_removed(doc, i);
            printf("--- removed (%s): %s\n", r->rule, r->text);
        }
    } else {
        fputs("{\"id\":", stdout);
        json_str(vigil_doc_id(doc), strlen(vigil_doc_id(doc)));
        fputs(",\"date\":", stdout);
        json_str(vigil_doc_date(doc), strlen(vigil_doc_date(doc)));
        fputs(",\"text\":", stdout);
        json_str(text, len);
        fputs(",\"sentences\":[", stdout);
        for (size_t i = 0; i < vigil_doc_sentence_count(doc); i++) {
            vigil_span sp = vigil_doc_sentence(doc, i);
            printf("%s[%u,%u]", i ? "," : "", sp.start, sp.end);
        }
        fputs("],\"removed\":[", stdout);
        for (size_t i = 0; i < vigil_doc_removed_count(doc); i++) {
            const vigil_removed *r = vigil_doc_removed(doc, i);
            fputs(i ? ",{\"rule\":" : "{\"rule\":", stdout);
            json_str(r->rule, strlen(r->rule));
            fputs(",\"text\":", stdout);
            json_str(r->text, strlen(r->text));
            putchar('}');
        }
        fputs("]}\n", stdout);
    }
    vigil_doc_free(doc);
}

static int cmd_clean(int argc, char **argv)
{
    options o;
    cli_parse_args(argc, argv, &o, NULL);
    totals t;
    memset(&t, 0, sizeof t);
    clean_ctx x = {&o, &t, 0};
    if (o.out && strcmp(o.out, "text") == 0)
        x.text = 1;
    else if (o.out && strcmp(o.out, "jsonl") != 0) {
        fprintf(stderr, "vigil: unknown --out '%s' for clean (jsonl, text)\n", o.out);
        return 2;
    }
    for (int i = 0; i < o.ninputs; i++) cli_read_input(o.inputs[i], &o, &t, clean_story, &x);
    return t.io_errors ? 1 : 0;
}

/* ---------------------------------------------------------------- dict */

/* vigil dict check|stats [DIR...]: bare arguments name dictionary sets
 * (folders, files or snapshots).
 * vigil dict lookup [--dict DIR] [--date D] PHRASE...: bare arguments are
 * phrases to explain. */
/* vigil dict compile SET... -o FILE: the sets as `vigil code --dict`
 * would layer them, written as one snapshot (docs/dictionaries.md). */
static int dict_compile(int argc, char **argv)
{
    char *rest[MAX_INPUTS + MAX_DICTS + 8];
    const char *out = NULL;
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--out") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "vigil: %s needs a file name\n", argv[i]);
                return 2;
            }
            out = argv[++i];
        } else if (n < (int)(sizeof rest / sizeof *rest)) {
            rest[n++] = argv[i];
        }
    }
    if (!out) {
        fprintf(stderr, "usage: vigil dict compile [SET...] -o FILE\n");
        return 2;
    }
    options o;
    cli_parse_args(n, rest, &o, NULL);
    if (!(o.ninputs == 1 && strcmp(o.inputs[0], "-") == 0))
        for (int i = 0; i < o.ninputs && o.ndicts < MAX_DICTS; i++)
            o.dicts[o.ndicts++] = o.inputs[i];
    vigil_dict *d = cli_load_dicts(&o);
    if (!d) return 1;
    int rc = 0;
    if (vigil_dict_save(d, out) != VIGIL_OK) {
        fprintf(stderr, "vigil: cannot write the snapshot: %s\n", vigil_dict_errmsg(d));
        rc = 1;
    }
    vigil_dict_free(d);
    return rc;
}

static int cmd_dict(int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "compile") == 0) return dict_compile(argc - 1, argv + 1);
    if (argc < 1 || (strcmp(argv[0], "check") != 0 && strcmp(argv[0], "stats") != 0 &&
                     strcmp(argv[0], "lookup") != 0)) {
        cli_usage(stderr);
        return 2;
    }
    options o;
    cli_parse_args(argc - 1, argv + 1, &o, NULL);
    int lookup = strcmp(argv[0], "lookup") == 0;
    int has_args = !(o.ninputs == 1 && strcmp(o.inputs[0], "-") == 0);
    if (!lookup && has_args)
        for (int i = 0; i < o.ninputs && o.ndicts < MAX_DICTS; i++)
            o.dicts[o.ndicts++] = o.inputs[i];
    o.all_dict_messages = strcmp(argv[0], "check") == 0;
    vigil_dict *d = cli_load_dicts(&o);
    if (!d) return 1;
    if (lookup) {
        for (int i = 0; has_args && i < o.ninputs; i++) {
            char *ex = vigil_dict_explain(d, o.inputs[i], o.date);
            fputs(ex, stdout);
            vigil_free(ex);
        }
        vigil_dict_free(d);
        return 0;
    }
    static const char *kinds[] = {"actors",   "agents",  "verbs",    "verbforms", "families",
                                  "patterns", "synsets", "discards", "words",     "warnings"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        printf("%-10s %zu\n", kinds[i], vigil_dict_count(d, kinds[i]));
    if (strcmp(argv[0], "stats") == 0) {
        /* Verbs and patterns per CAMEO root, so gaps in coverage show. */
        printf("per CAMEO root (verbs with a code + patterns):\n");
        for (int r = 1; r <= 20; r++) {
            char kind[32];
            snprintf(kind, sizeof kind, "root:%02d", r);
            const vigil_cameo *cm = vigil_cameo_lookup(kind + 5);
            printf("  %02d %-40s %zu\n", r, cm ? cm->label : "", vigil_dict_count(d, kind));
        }
    }
    vigil_dict_free(d);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "code") == 0) return cmd_code(argc - 2, argv + 2);
    if (strcmp(cmd, "clean") == 0) return cmd_clean(argc - 2, argv + 2);
    if (strcmp(cmd, "dict") == 0) return cmd_dict(argc - 2, argv + 2);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("vigil %s\n", VIGIL_VERSION);
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        cli_usage(stdout);
        return 0;
    }
    {
        int rc = cli_store_main(cmd, argc - 2, argv + 2);
        if (rc >= 0) return rc;
    }
    if (strcmp(cmd, "validate") == 0) return cli_validate_main(argc - 2, argv + 2);
    if (strcmp(cmd, "serve") == 0) return cli_serve_main(argc - 2, argv + 2);
    fprintf(stderr, "vigil: unknown command '%s'\n", cmd);
    cli_usage(stderr);
    return 2;
}
