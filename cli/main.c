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
#include "vigil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef VIGIL_DATADIR
#define VIGIL_DATADIR "data"
#endif

#define MAX_DICTS 16
#define MAX_INPUTS 4096

typedef struct options {
    const char *date;
    vigil_format format;
    const char *out;
    const char *dicts[MAX_DICTS];
    int ndicts;
    const char *inputs[MAX_INPUTS];
    int ninputs;
    int explain, unknown, negated, quiet, keep_boilerplate, no_dyad, debug;
} options;

typedef struct totals {
    unsigned long stories, sentences, events, skipped, repairs;
    int io_errors;
} totals;

static void diag(void *ud, const char *msg)
{
    (void)ud;
    fprintf(stderr, "vigil: %s\n", msg);
}

static void usage(FILE *f)
{
    fputs("usage: vigil code  [--date YYYY-MM-DD] [--format auto|text|jsonl|xml|html]\n"
          "                   [--out jsonl|tsv] [--dict DIR]... [--explain] [--unknown]\n"
          "                   [--negated] [--no-dyad] [--quiet] [FILE...]\n"
          "       vigil clean [--date D] [--format F] [--out jsonl|text] [--keep-boilerplate] "
          "[FILE...]\n"
          "       vigil dict check|stats [DIR...]\n"
          "       vigil version\n"
          "FILE '-' or none reads standard input. --dict may be repeated: later sets extend\n"
          "and override earlier ones (default: vigil's own dictionaries, " VIGIL_DATADIR ").\n",
          f);
}

static int valid_date(const char *d)
{
    if (strlen(d) != 10 || d[4] != '-' || d[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) return 0;
    int m = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
    return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

static const char *today(void)
{
    static char buf[11];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

/* Parses options shared by the subcommands; returns 0 or exits on error. */
static void parse_args(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->format = VIGIL_FORMAT_AUTO;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
#define NEEDVAL()                                                                                  \
    do {                                                                                           \
        if (i + 1 >= argc) {                                                                       \
            fprintf(stderr, "vigil: %s needs a value\n", a);                                       \
            exit(2);                                                                               \
        }                                                                                          \
        val = argv[++i];                                                                           \
    } while (0)
        if (strcmp(a, "--date") == 0) {
            NEEDVAL();
            if (!valid_date(val)) {
                fprintf(stderr, "vigil: --date wants YYYY-MM-DD, got '%s'\n", val);
                exit(2);
            }
            o->date = val;
        } else if (strcmp(a, "--format") == 0) {
            NEEDVAL();
            if (vigil_format_parse(val, &o->format) != VIGIL_OK) {
                fprintf(stderr, "vigil: unknown format '%s' (auto, text, jsonl, xml, html)\n", val);
                exit(2);
            }
        } else if (strcmp(a, "--out") == 0) {
            NEEDVAL();
            o->out = val;
        } else if (strcmp(a, "--dict") == 0) {
            NEEDVAL();
            if (o->ndicts == MAX_DICTS) {
                fprintf(stderr, "vigil: at most %d --dict sets\n", MAX_DICTS);
                exit(2);
            }
            o->dicts[o->ndicts++] = val;
        } else if (strcmp(a, "--explain") == 0) {
            o->explain = 1;
        } else if (strcmp(a, "--unknown") == 0) {
            o->unknown = 1;
        } else if (strcmp(a, "--negated") == 0) {
            o->negated = 1;
        } else if (strcmp(a, "--debug") == 0) {
            o->debug = 1;
        } else if (strcmp(a, "--no-dyad") == 0) {
            o->no_dyad = 1;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "--keep-boilerplate") == 0) {
            o->keep_boilerplate = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "vigil: unknown option '%s'\n", a);
            usage(stderr);
            exit(2);
        } else {
            if (o->ninputs == MAX_INPUTS) {
                fprintf(stderr, "vigil: at most %d inputs\n", MAX_INPUTS);
                exit(2);
            }
            o->inputs[o->ninputs++] = a;
        }
#undef NEEDVAL
    }
    if (o->ninputs == 0) o->inputs[o->ninputs++] = "-";
}

/* Loads the dictionary sets named by --dict (or the default set). */
static vigil_dict *load_dicts(const options *o)
{
    vigil_dict *d = vigil_dict_new();
    vigil_dict_set_diag(d, diag, NULL);
    const char *def = getenv("VIGIL_DATA");
    if (!def || !*def) def = VIGIL_DATADIR;
    int n = o->ndicts;
    const char *const *sets = o->dicts;
    const char *one[1] = {def};
    if (n == 0) sets = one, n = 1;
    for (int i = 0; i < n; i++) {
        if (vigil_dict_load(d, sets[i]) != VIGIL_OK) {
            fprintf(stderr, "vigil: cannot load dictionaries from %s: %s\n", sets[i],
                    vigil_dict_errmsg(d));
            vigil_dict_free(d);
            return NULL;
        }
    }
    if (vigil_dict_finish(d) != VIGIL_OK) {
        fprintf(stderr, "vigil: dictionaries: %s\n", vigil_dict_errmsg(d));
        vigil_dict_free(d);
        return NULL;
    }
    return d;
}

typedef void (*story_fn)(void *ud, const vigil_story *s);

/* Reads one input (a file or stdin) through a reader, calling fn for each
 * story as soon as it is complete. */
static void read_input(const char *path, const options *o, totals *t, story_fn fn, void *ud)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "vigil: %s: %s\n", path, strerror(errno));
        t->io_errors++;
        return;
    }
    vigil_reader *r = vigil_reader_new(o->format, path, o->date ? o->date : today());
    vigil_reader_set_diag(r, diag, NULL);
    char *buf = malloc(1 << 16);
    if (!buf) {
        fprintf(stderr, "vigil: out of memory\n");
        exit(1);
    }
    const vigil_story *s;
    size_t n;
    while ((n = fread(buf, 1, 1 << 16, f)) > 0) {
        vigil_reader_feed(r, buf, n);
        while (vigil_reader_next(r, &s) == VIGIL_OK) fn(ud, s);
    }
    if (ferror(f)) {
        fprintf(stderr, "vigil: %s: read error\n", path);
        t->io_errors++;
    }
    vigil_reader_finish(r);
    while (vigil_reader_next(r, &s) == VIGIL_OK) fn(ud, s);
    t->skipped += vigil_reader_skipped(r);
    vigil_reader_free(r);
    free(buf);
    if (f != stdin) fclose(f);
}

/* ---------------------------------------------------------------- code */

typedef struct code_ctx {
    const options *o;
    totals *t;
    vigil_coder *coder;
    vigil_outfmt fmt;
    char *line;
    size_t cap;
} code_ctx;

static void write_event(code_ctx *x, const vigil_event *e)
{
    size_t need = vigil_event_format(e, x->fmt, x->line, x->cap);
    if (need >= x->cap) {
        x->cap = need + 1;
        x->line = realloc(x->line, x->cap);
        if (!x->line) {
            fprintf(stderr, "vigil: out of memory\n");
            exit(1);
        }
        vigil_event_format(e, x->fmt, x->line, x->cap);
    }
    fwrite(x->line, 1, need, stdout);
}

static void code_story(void *ud, const vigil_story *s)
{
    code_ctx *x = ud;
    unsigned flags = x->o->keep_boilerplate ? VIGIL_CLEAN_KEEP_BOILERPLATE : 0;
    vigil_doc *doc = vigil_doc_new(s, flags);
    if (!doc) return;
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
    if (x->o->unknown) {
        for (size_t i = 0; i < vigil_coder_unknown_count(x->coder); i++)
            fprintf(stderr, "vigil: %s: unknown verb '%s'\n", vigil_doc_id(doc),
                    vigil_coder_unknown(x->coder, i));
    }
    vigil_doc_free(doc);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmd_code(int argc, char **argv)
{
    options o;
    parse_args(argc, argv, &o);
    code_ctx x;
    totals t;
    memset(&x, 0, sizeof x);
    memset(&t, 0, sizeof t);
    x.o = &o;
    x.t = &t;
    x.fmt = VIGIL_OUT_JSONL;
    if (o.out && strcmp(o.out, "tsv") == 0) x.fmt = VIGIL_OUT_TSV;
    else if (o.out && strcmp(o.out, "jsonl") != 0) {
        fprintf(stderr, "vigil: unknown --out '%s' (jsonl, tsv)\n", o.out);
        return 2;
    }
    double t0 = now_seconds();
    vigil_dict *d = load_dicts(&o);
    if (!d) return 1;
    unsigned cf = 0;
    if (o.explain) cf |= VIGIL_CODE_EXPLAIN;
    if (o.negated) cf |= VIGIL_CODE_NEGATED;
    if (o.no_dyad) cf |= VIGIL_CODE_NO_DYAD;
    if (o.debug) cf |= VIGIL_CODE_DEBUG;
    x.coder = vigil_coder_new(d, cf);
    if (x.fmt == VIGIL_OUT_TSV) fputs(vigil_tsv_header(), stdout);
    for (int i = 0; i < o.ninputs; i++) read_input(o.inputs[i], &o, &t, code_story, &x);
    fflush(stdout);
    double secs = now_seconds() - t0;
    if (!o.quiet)
        fprintf(stderr,
                "vigil: %lu stories, %lu sentences, %lu events, %lu records skipped, %.3f "
                "seconds\n",
                t.stories, t.sentences, t.events, t.skipped, secs);
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
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        default:
            if (ch < 0x20) printf("\\u%04x", ch);
            else putchar(ch);
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
    parse_args(argc, argv, &o);
    totals t;
    memset(&t, 0, sizeof t);
    clean_ctx x = {&o, &t, 0};
    if (o.out && strcmp(o.out, "text") == 0) x.text = 1;
    else if (o.out && strcmp(o.out, "jsonl") != 0) {
        fprintf(stderr, "vigil: unknown --out '%s' for clean (jsonl, text)\n", o.out);
        return 2;
    }
    for (int i = 0; i < o.ninputs; i++) read_input(o.inputs[i], &o, &t, clean_story, &x);
    return t.io_errors ? 1 : 0;
}

/* ---------------------------------------------------------------- dict */

static int cmd_dict(int argc, char **argv)
{
    if (argc < 1 || (strcmp(argv[0], "check") != 0 && strcmp(argv[0], "stats") != 0)) {
        usage(stderr);
        return 2;
    }
    options o;
    parse_args(argc - 1, argv + 1, &o);
    /* Bare arguments name the sets here, not inputs. */
    if (!(o.ninputs == 1 && strcmp(o.inputs[0], "-") == 0))
        for (int i = 0; i < o.ninputs && o.ndicts < MAX_DICTS; i++) o.dicts[o.ndicts++] = o.inputs[i];
    vigil_dict *d = load_dicts(&o);
    if (!d) return 1;
    static const char *kinds[] = {"actors",   "agents",    "verbs",   "verbforms",
                                  "patterns", "synsets",   "discards", "words"};
    if (strcmp(argv[0], "stats") == 0 || !o.quiet)
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            printf("%-10s %zu\n", kinds[i], vigil_dict_count(d, kinds[i]));
    vigil_dict_free(d);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
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
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "vigil: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
