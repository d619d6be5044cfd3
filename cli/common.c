/*
 * cli/common.c — option parsing, dictionary loading and input reading
 * shared by the vigil command's subcommands (see cli.h).
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef VIGIL_DATADIR
#define VIGIL_DATADIR "data"
#endif

void cli_diag(void *ud, const char *msg)
{
    (void)ud;
    fprintf(stderr, "vigil: %s\n", msg);
}

/* Dictionary messages while coding: the first few are shown, the rest
 * counted; `vigil dict check` shows them all. */
#define DICT_DIAG_SHOWN 5
static void dict_diag(void *ud, const char *msg)
{
    unsigned long *n = ud;
    if ((*n)++ < DICT_DIAG_SHOWN) fprintf(stderr, "vigil: %s\n", msg);
}

void cli_usage(FILE *f)
{
    fputs("usage: vigil code  [--date YYYY-MM-DD] [--format auto|text|jsonl|xml|html]\n"
          "                   [--out jsonl|tsv] [--dict DIR]... [--explain] [--unknown]\n"
          "                   [--negated] [--no-dyad] [--debug] [--quiet] [-j N] [FILE...]\n"
          "       vigil clean [--date D] [--format F] [--out jsonl|text] [--keep-boilerplate] "
          "[FILE...]\n"
          "       vigil dict check|stats [DIR...]\n"
          "       vigil dict compile [DIR...] -o FILE   (a snapshot; --dict FILE loads it)\n"
          "       vigil dict lookup [--dict DIR] [--date D] PHRASE...\n"
          "       vigil ingest --db FILE [code options] [FILE...]\n"
          "       vigil events|export --db FILE [filters] [--out ...]   (see docs/store.md)\n"
          "       vigil trend|alerts --db FILE [options]                (see docs/store.md)\n"
          "       vigil store check|stories --db FILE\n"
          "       vigil serve --db FILE [--port 8080] [--bind 127.0.0.1] [--allow-ingest] "
          "(docs/serve.md)\n"
          "       vigil validate FILE.xml [--dict-dir DIR] [--only ID] [--json] [--verbose]\n"
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

const char *cli_today(void)
{
    static char buf[11];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

static int is_extra(const char *const *extras, const char *a)
{
    for (; extras && *extras; extras++)
        if (strcmp(*extras, a + 2) == 0) return 1;
    return 0;
}

const char *cli_extra(const options *o, const char *name)
{
    for (int i = o->nextra; i-- > 0;)
        if (strcmp(o->extra_name[i], name) == 0) return o->extra_value[i];
    return NULL;
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_parse_args(int argc, char **argv, options *o, const char *const *extras)
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
            cli_usage(stdout);
            exit(0);
        } else if (a[0] == '-' && a[1] == '-' && is_extra(extras, a)) {
            NEEDVAL();
            if (o->nextra < 32) {
                o->extra_name[o->nextra] = a + 2;
                o->extra_value[o->nextra++] = val;
            }
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "vigil: unknown option '%s'\n", a);
            cli_usage(stderr);
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

vigil_dict *cli_load_dicts(const options *o)
{
    vigil_dict *d = vigil_dict_new();
    unsigned long nmsg = 0;
    if (o->all_dict_messages)
        vigil_dict_set_diag(d, cli_diag, NULL);
    else
        vigil_dict_set_diag(d, dict_diag, &nmsg);
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
    vigil_dict_set_diag(d, NULL, NULL);
    if (nmsg > DICT_DIAG_SHOWN)
        fprintf(stderr,
                "vigil: ... %lu more dictionary messages (vigil dict check lists them all)\n",
                nmsg - DICT_DIAG_SHOWN);
    if (vigil_dict_finish(d) != VIGIL_OK) {
        fprintf(stderr, "vigil: dictionaries: %s\n", vigil_dict_errmsg(d));
        vigil_dict_free(d);
        return NULL;
    }
    return d;
}

void cli_read_input(const char *path, const options *o, totals *t, story_fn fn, void *ud)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "vigil: %s: %s\n", path, strerror(errno));
        t->io_errors++;
        return;
    }
    vigil_reader *r = vigil_reader_new(o->format, path, o->date ? o->date : cli_today());
    vigil_reader_set_diag(r, cli_diag, NULL);
    char *buf = malloc(1 << 16);
    if (!buf) {
        fprintf(stderr, "vigil: out of memory\n");
        exit(1);
    }
    const vigil_story *s;
    size_t n;
    while ((n = fread(buf, 1, 1 << 16, f)) > 0) {
        t->bytes_read += n;
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

void cli_measure_inputs(const options *o, totals *t)
{
    t->bytes_total = 0;
    for (int i = 0; i < o->ninputs; i++) {
        struct stat st;
        if (strcmp(o->inputs[i], "-") == 0 || stat(o->inputs[i], &st) != 0 ||
            !S_ISREG(st.st_mode)) {
            t->bytes_total = 0; /* a pipe: the total is unknown */
            return;
        }
        t->bytes_total += (unsigned long long)st.st_size;
    }
}

void cli_progress(const totals *t, int final)
{
    static double last; /* the CLI is one process with one progress line */
    if (!isatty(2)) return;
    double now = cli_now();
    if (!final && now - last < 0.5) return;
    last = now;
    double secs = now - t->started;
    double rate = secs > 0 ? (double)t->sentences / secs : 0;
    fprintf(stderr, "\rvigil: %lu stories, %.0f sentences/s, %lu events", t->stories, rate,
            t->events);
    if (t->bytes_total && t->bytes_read && !final) {
        double left = secs * (double)(t->bytes_total - t->bytes_read) / (double)t->bytes_read;
        fprintf(stderr, ", ETA %.0f s   ", left);
    }
    if (final) fputs("\n", stderr);
    fflush(stderr);
}
