/*
 * cli/store_cli.c — the store's subcommands (docs/store.md):
 *
 *   vigil ingest  --db FILE [code options] [FILE...]   code and store stories
 *                 (--db is an SQLite file or a PostgreSQL URI: docs/store.md)
 *   vigil events  --db FILE [filters] [--out jsonl|tsv|csv|...] [--mentions yes]
 *   vigil trend   --db FILE (--dyad A,B | --actor A) [--by day|week|month]
 *                 [--out table|csv|json]
 *   vigil alerts  --db FILE [filters] [--baseline N] [--z X] [--min-mentions N]
 *                 [--out text|jsonl]
 *   vigil export  --db FILE --out gdelt|phoenix|icews|plover [filters]
 *   vigil store   check|stories --db FILE
 *
 * Filters: --from D --to D --actor A --dyad A,B --direction forward|both
 * --code C --root R --quad Q --story ID --window N (deduplication window in
 * days). Only include/vigil.h is used, as in the rest of the command.
 */
#include "store_cli.h"

#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const store_extras[] = {
    "db",           "from",     "to",          "actor",    "dyad", "direction", "code",
    "root",         "quad",     "story",       "window",   "by",   "baseline",  "z",
    "min-mentions", "mentions", "min-history", "sd-floor", "sync", NULL};

static void store_usage(FILE *f)
{
    fputs("usage: vigil ingest --db DB [--date D] [--format F] [--dict DIR]... [--sync off] "
          "[FILE...]\n"
          "       vigil events --db DB [filters] [--out jsonl|tsv|csv] [--mentions yes]\n"
          "       vigil trend  --db DB (--dyad A,B | --actor A) [--by day|week|month]\n"
          "                    [--out table|csv|json] [filters]\n"
          "       vigil alerts --db DB [filters] [--baseline 28] [--z 3] [--min-mentions 5]\n"
          "                    [--min-history 7] [--sd-floor 1] [--out text|jsonl]\n"
          "       vigil export --db DB --out gdelt|phoenix|icews|plover [filters]\n"
          "       vigil store  check|stories --db DB\n"
          "DB: an SQLite file, or PostgreSQL: postgresql://USER@HOST:PORT/DBNAME (or "
          "postgres://...)\n"
          "    or pg:CONNINFO (\"pg:host=/run/postgresql dbname=vigil\")\n"
          "filters: --from D --to D --actor A --dyad A,B --direction forward|both --code C\n"
          "         --root R --quad 1-4 --story ID --window N (dedup window in days, 0 = same "
          "day)\n",
          f);
}

/* Parses a non-negative integer option; exits 2 on a bad value. */
static unsigned long uint_opt(const options *o, const char *name, unsigned long def,
                              unsigned long max)
{
    const char *v = cli_extra(o, name);
    if (!v) return def;
    char *end;
    errno = 0;
    unsigned long x = strtoul(v, &end, 10);
    if (errno || end == v || *end || v[0] == '-' || x > max) {
        fprintf(stderr, "vigil: --%s wants a whole number from 0 to %lu, got '%s'\n", name, max, v);
        exit(2);
    }
    return x;
}

static double num_opt(const options *o, const char *name, double def)
{
    const char *v = cli_extra(o, name);
    if (!v) return def;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (errno || end == v || *end || !(x >= 0 && x < 1e9)) {
        fprintf(stderr, "vigil: --%s wants a non-negative number, got '%s'\n", name, v);
        exit(2);
    }
    return x;
}

static vigil_store *open_store(const options *o, unsigned flags)
{
    const char *db = cli_extra(o, "db");
    if (!db) {
        fprintf(stderr, "vigil: --db FILE is required\n");
        store_usage(stderr);
        exit(2);
    }
    vigil_store *s;
    if (vigil_store_open(db, flags, &s) != VIGIL_OK) {
        fprintf(stderr, "vigil: cannot open the store: %s\n", vigil_store_errmsg(s));
        vigil_store_close(s);
        exit(1);
    }
    return s;
}

/* Fills a filter from the options; the strings point into argv or `dyad`
 * (a copy the caller keeps alive). */
static void make_filter(const options *o, vigil_filter *f, char *dyad, size_t cap)
{
    memset(f, 0, sizeof *f);
    f->from = cli_extra(o, "from");
    f->to = cli_extra(o, "to");
    f->actor = cli_extra(o, "actor");
    f->code = cli_extra(o, "code");
    f->root = cli_extra(o, "root");
    f->story = cli_extra(o, "story");
    f->quad = (int)uint_opt(o, "quad", 0, 4);
    f->window_days = (unsigned)uint_opt(o, "window", 0, 3650);
    const char *d = cli_extra(o, "dyad");
    if (d) {
        size_t n = strlen(d);
        const char *comma = strchr(d, ',');
        if (!comma || n >= cap || comma == d || !comma[1]) {
            fprintf(stderr, "vigil: --dyad wants SOURCE,TARGET (e.g. RUS,UKR), got '%s'\n", d);
            exit(2);
        }
        memcpy(dyad, d, n + 1);
        dyad[comma - d] = '\0';
        f->source = dyad;
        f->target = dyad + (comma - d) + 1;
    }
    const char *dir = cli_extra(o, "direction");
    if (dir && strcmp(dir, "both") == 0)
        f->both_directions = 1;
    else if (dir && strcmp(dir, "forward") != 0) {
        fprintf(stderr, "vigil: --direction is forward or both, got '%s'\n", dir);
        exit(2);
    }
}

static vigil_event_list *run_query(vigil_store *s, const vigil_filter *f)
{
    vigil_event_list *l;
    vigil_status rc = vigil_store_query(s, f, &l);
    if (rc != VIGIL_OK) {
        fprintf(stderr, "vigil: %s\n", vigil_store_errmsg(s));
        vigil_store_close(s);
        exit(rc == VIGIL_ERR_ARG ? 2 : 1);
    }
    return l;
}

/* A reusable line buffer for the export formatter. */
typedef struct line {
    char *p;
    size_t cap;
} line;

static size_t format_line(line *ln, const vigil_stored_event *e, vigil_export fmt)
{
    size_t need = vigil_export_format(e, fmt, ln->p, ln->cap);
    if (need >= ln->cap) {
        ln->cap = need + 1;
        ln->p = realloc(ln->p, ln->cap);
        if (!ln->p) {
            fprintf(stderr, "vigil: out of memory\n");
            exit(1);
        }
        vigil_export_format(e, fmt, ln->p, ln->cap);
    }
    return need;
}

static void json_out(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* -------------------------------------------------------------- ingest */

typedef struct ingest_ctx {
    const options *o;
    totals *t;
    vigil_store *s;
    vigil_coder *coder;
    unsigned long stored, rejected, events;
    int failed; /* a write error: stop storing, keep what is committed */
} ingest_ctx;

static void ingest_story(void *ud, const vigil_story *st)
{
    ingest_ctx *x = ud;
    if (x->failed) return;
    unsigned flags = x->o->keep_boilerplate ? VIGIL_CLEAN_KEEP_BOILERPLATE : 0;
    vigil_doc *doc = vigil_doc_new(st, flags);
    if (!doc) return;
    x->t->stories++;
    x->t->sentences += vigil_doc_sentence_count(doc);
    vigil_coder_code(x->coder, doc);
    vigil_status rc = vigil_store_put(x->s, doc, x->coder);
    if (rc == VIGIL_OK) {
        x->stored++;
        size_t n = vigil_coder_event_count(x->coder);
        for (size_t i = 0; i < n; i++)
            if (!vigil_coder_event(x->coder, i)->negated) x->events++;
    } else if (rc == VIGIL_ERR_ARG) {
        /* A story the store cannot take (no valid date): skip it. */
        fprintf(stderr, "vigil: %s\n", vigil_store_errmsg(x->s));
        x->rejected++;
    } else {
        fprintf(stderr, "vigil: %s; stopping: stories stored before this one are kept\n",
                vigil_store_errmsg(x->s));
        x->failed = 1;
    }
    vigil_doc_free(doc);
}

static int cmd_ingest(int argc, char **argv)
{
    options o;
    cli_parse_args(argc, argv, &o, store_extras);
    const char *sync = cli_extra(&o, "sync");
    unsigned flags = 0;
    if (sync && strcmp(sync, "off") == 0)
        flags |= VIGIL_STORE_NO_SYNC;
    else if (sync && strcmp(sync, "normal") != 0) {
        fprintf(stderr, "vigil: --sync is normal or off, got '%s'\n", sync);
        return 2;
    }
    double t0 = cli_now();
    vigil_dict *d = cli_load_dicts(&o);
    if (!d) return 1;
    vigil_store *s = open_store(&o, flags);
    /* A test hook for the full-disk path (docs/store.md). */
    const char *maxp = getenv("VIGIL_STORE_MAX_PAGES");
    if (maxp && *maxp) vigil_store_set_max_pages(s, strtoul(maxp, NULL, 10));
    totals t;
    memset(&t, 0, sizeof t);
    ingest_ctx x;
    memset(&x, 0, sizeof x);
    x.o = &o;
    x.t = &t;
    x.s = s;
    x.coder = vigil_coder_new(d, o.no_dyad ? VIGIL_CODE_NO_DYAD : 0);
    for (int i = 0; i < o.ninputs && !x.failed; i++)
        cli_read_input(o.inputs[i], &o, &t, ingest_story, &x);
    double secs = cli_now() - t0;
    if (secs <= 0) secs = 1e-9;
    if (!o.quiet)
        fprintf(stderr,
                "vigil: %lu stories stored, %lu rejected, %lu sentences, %lu events, %lu records "
                "skipped, %.3f seconds (%.1f stories/s, %.1f events/s)\n",
                x.stored, x.rejected, t.sentences, x.events, t.skipped, secs,
                (double)x.stored / secs, (double)x.events / secs);
    vigil_coder_free(x.coder);
    vigil_store_close(s);
    vigil_dict_free(d);
    return x.failed || t.io_errors ? 1 : 0;
}

/* -------------------------------------------------------------- events */

typedef struct mention_ctx {
    FILE *f;
    int n;
} mention_ctx;

static void print_mention(void *ud, const vigil_mention *m)
{
    mention_ctx *x = ud;
    fputs(x->n++ ? ",{\"story\":" : "{\"story\":", x->f);
    json_out(x->f, m->story);
    fprintf(x->f, ",\"sentence\":%u,\"date\":", m->sentence);
    json_out(x->f, m->date);
    fputs(",\"publisher\":", x->f);
    json_out(x->f, m->publisher);
    fprintf(x->f, ",\"hypothetical\":%s,\"evidence\":{", m->hypothetical ? "true" : "false");
    const vigil_span sp[3] = {m->ev_source, m->ev_verb, m->ev_target};
    static const char *const names[3] = {"source", "verb", "target"};
    for (int i = 0; i < 3; i++) {
        /* (0,0) is "no evidence in this sentence", as in the event record. */
        if (sp[i].start == 0 && sp[i].end == 0)
            fprintf(x->f, "\"%s\":null,", names[i]);
        else
            fprintf(x->f, "\"%s\":[%u,%u],", names[i], sp[i].start, sp[i].end);
    }
    fputs("\"rule\":", x->f);
    json_out(x->f, m->rule);
    fputs("},\"text\":", x->f);
    json_out(x->f, m->text);
    fputc('}', x->f);
}

static int cmd_events(int argc, char **argv, int is_export)
{
    options o;
    cli_parse_args(argc, argv, &o, store_extras);
    vigil_export fmt = is_export ? VIGIL_EXPORT_GDELT : VIGIL_EXPORT_JSONL;
    if (o.out && vigil_export_parse(o.out, &fmt) != VIGIL_OK) {
        fprintf(stderr,
                "vigil: unknown --out '%s' (jsonl, tsv, csv, gdelt, phoenix, icews, "
                "plover)\n",
                o.out);
        return 2;
    }
    const char *mentions = cli_extra(&o, "mentions");
    int with_mentions = mentions && strcmp(mentions, "yes") == 0;
    if (with_mentions && fmt != VIGIL_EXPORT_JSONL) {
        fprintf(stderr, "vigil: --mentions yes needs --out jsonl\n");
        return 2;
    }
    char dyad[2 * VIGIL_CODE_MAX + 2];
    vigil_filter f;
    make_filter(&o, &f, dyad, sizeof dyad);
    vigil_store *s = open_store(&o, VIGIL_STORE_READONLY);
    vigil_event_list *l = run_query(s, &f);
    fputs(vigil_export_header(fmt), stdout);
    line ln = {NULL, 0};
    size_t n = vigil_event_list_count(l);
    for (size_t i = 0; i < n; i++) {
        const vigil_stored_event *e = vigil_event_list_get(l, i);
        size_t len = format_line(&ln, e, fmt);
        if (!len) continue;
        if (with_mentions && len >= 2) {
            /* Reopen the object: drop "}\n" and add the list. */
            fwrite(ln.p, 1, len - 2, stdout);
            fputs(",\"mention_list\":[", stdout);
            mention_ctx mc = {stdout, 0};
            vigil_store_mentions(s, e, print_mention, &mc);
            fputs("]}\n", stdout);
        } else {
            fwrite(ln.p, 1, len, stdout);
        }
    }
    free(ln.p);
    vigil_event_list_free(l);
    vigil_store_close(s);
    return fflush(stdout) == 0 ? 0 : 1;
}

/* --------------------------------------------------------------- trend */

/* Prints a sparkline of v[0..n) scaled from its minimum to its maximum. */
static void sparkline(FILE *f, const char *label, const double *v, size_t n)
{
    static const char *const bars[8] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                        "\u2585", "\u2586", "\u2587", "\u2588"};
    double lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        if (!i || v[i] < lo) lo = v[i];
        if (!i || v[i] > hi) hi = v[i];
    }
    fprintf(f, "%-16s ", label);
    for (size_t i = 0; i < n; i++) {
        int k = hi > lo ? (int)((v[i] - lo) / (hi - lo) * 7.0 + 0.5) : 0;
        fputs(bars[k < 0 ? 0 : k > 7 ? 7 : k], f);
    }
    fprintf(f, "  (%.1f .. %.1f)\n", lo, hi);
}

static int cmd_trend(int argc, char **argv)
{
    options o;
    cli_parse_args(argc, argv, &o, store_extras);
    const char *out = o.out ? o.out : "table";
    if (strcmp(out, "table") != 0 && strcmp(out, "csv") != 0 && strcmp(out, "json") != 0) {
        fprintf(stderr, "vigil: unknown --out '%s' for trend (table, csv, json)\n", out);
        return 2;
    }
    vigil_period p = VIGIL_PERIOD_DAY;
    const char *by = cli_extra(&o, "by");
    if (by && vigil_period_parse(by, &p) != VIGIL_OK) {
        fprintf(stderr, "vigil: --by is day, week or month, got '%s'\n", by);
        return 2;
    }
    char dyad[2 * VIGIL_CODE_MAX + 2];
    vigil_filter f;
    make_filter(&o, &f, dyad, sizeof dyad);
    if (!f.source && !f.actor) {
        fprintf(stderr, "vigil: trend needs --dyad A,B or --actor A\n");
        return 2;
    }
    vigil_store *s = open_store(&o, VIGIL_STORE_READONLY);
    vigil_event_list *l = run_query(s, &f);
    vigil_trend_row *rows;
    size_t n;
    vigil_status rc = vigil_trend(l, p, f.from, f.to, &rows, &n);
    if (rc != VIGIL_OK) {
        fprintf(stderr, "vigil: trend: %s\n", vigil_strerror(rc));
        vigil_event_list_free(l);
        vigil_store_close(s);
        return 1;
    }
    static const char *const pnames[] = {"day", "week", "month"};
    if (strcmp(out, "csv") == 0) {
        puts("start,events,quad1,quad2,quad3,quad4,mentions,goldstein_sum,goldstein_mean");
        for (size_t i = 0; i < n; i++)
            printf("%s,%u,%u,%u,%u,%u,%u,%.1f,%.2f\n", rows[i].start, rows[i].events,
                   rows[i].quad[0], rows[i].quad[1], rows[i].quad[2], rows[i].quad[3],
                   rows[i].mentions, rows[i].goldstein_sum, rows[i].goldstein_mean);
    } else if (strcmp(out, "json") == 0) {
        printf("{\"period\":\"%s\",\"rows\":[", pnames[p]);
        for (size_t i = 0; i < n; i++)
            printf("%s{\"start\":\"%s\",\"events\":%u,\"quad\":[%u,%u,%u,%u],\"mentions\":%u,"
                   "\"goldstein_sum\":%.1f,\"goldstein_mean\":%.2f}",
                   i ? "," : "", rows[i].start, rows[i].events, rows[i].quad[0], rows[i].quad[1],
                   rows[i].quad[2], rows[i].quad[3], rows[i].mentions, rows[i].goldstein_sum,
                   rows[i].goldstein_mean);
        puts("]}");
    } else {
        if (f.source)
            printf("dyad %s -> %s%s, per %s, %zu %ss\n", f.source, f.target,
                   f.both_directions ? " (both directions)" : "", pnames[p], n, pnames[p]);
        else
            printf("actor %s, per %s, %zu %ss\n", f.actor, pnames[p], n, pnames[p]);
        double *v = calloc(n ? n : 1, sizeof *v);
        if (!v) {
            fprintf(stderr, "vigil: out of memory\n");
            exit(1);
        }
        for (size_t i = 0; i < n; i++) v[i] = rows[i].events;
        sparkline(stdout, "events", v, n);
        for (size_t i = 0; i < n; i++) v[i] = rows[i].quad[2] + rows[i].quad[3];
        sparkline(stdout, "conflict (q3+q4)", v, n);
        for (size_t i = 0; i < n; i++) v[i] = rows[i].goldstein_sum;
        sparkline(stdout, "goldstein sum", v, n);
        free(v);
        printf("%-10s %7s %5s %5s %5s %5s %9s %9s %8s\n", "start", "events", "q1", "q2", "q3", "q4",
               "mentions", "gold.sum", "gold.avg");
        for (size_t i = 0; i < n; i++)
            printf("%-10s %7u %5u %5u %5u %5u %9u %9.1f %8.2f\n", rows[i].start, rows[i].events,
                   rows[i].quad[0], rows[i].quad[1], rows[i].quad[2], rows[i].quad[3],
                   rows[i].mentions, rows[i].goldstein_sum, rows[i].goldstein_mean);
    }
    vigil_free(rows);
    vigil_event_list_free(l);
    vigil_store_close(s);
    return 0;
}

/* -------------------------------------------------------------- alerts */

static int cmd_alerts(int argc, char **argv)
{
    options o;
    cli_parse_args(argc, argv, &o, store_extras);
    const char *out = o.out ? o.out : "text";
    if (strcmp(out, "text") != 0 && strcmp(out, "jsonl") != 0) {
        fprintf(stderr, "vigil: unknown --out '%s' for alerts (text, jsonl)\n", out);
        return 2;
    }
    vigil_alert_params p;
    vigil_alert_params_default(&p);
    p.baseline_days = (unsigned)uint_opt(&o, "baseline", p.baseline_days, 3650);
    p.min_history = (unsigned)uint_opt(&o, "min-history", p.min_history, 3650);
    p.min_mentions = (unsigned)uint_opt(&o, "min-mentions", p.min_mentions, 1000000);
    p.z = num_opt(&o, "z", p.z);
    p.sd_floor = num_opt(&o, "sd-floor", p.sd_floor);
    if (p.baseline_days == 0) {
        fprintf(stderr, "vigil: --baseline must be at least 1 day\n");
        return 2;
    }
    char dyad[2 * VIGIL_CODE_MAX + 2];
    vigil_filter f;
    make_filter(&o, &f, dyad, sizeof dyad);
    vigil_store *s = open_store(&o, VIGIL_STORE_READONLY);
    vigil_event_list *l = run_query(s, &f);
    vigil_alert *a;
    size_t n;
    vigil_alerts(l, &p, &a, &n);
    int text = strcmp(out, "text") == 0;
    for (size_t i = 0; i < n; i++) {
        if (text) {
            printf("ALERT %s-%s %s  z=%.1f  intensity=%.1f  baseline %s..%s mean=%.2f sd=%.2f  "
                   "conflict mentions=%u\n",
                   a[i].a, a[i].b, a[i].date, a[i].z, a[i].intensity, a[i].baseline_from,
                   a[i].baseline_to, a[i].mean, a[i].sd, a[i].mentions);
        } else {
            fputs("{\"dyad\":[", stdout);
            json_out(stdout, a[i].a);
            putchar(',');
            json_out(stdout, a[i].b);
            printf("],\"date\":\"%s\",\"baseline\":[\"%s\",\"%s\"],\"z\":%.2f,\"intensity\":%.1f,"
                   "\"mean\":%.2f,\"sd\":%.2f,\"mentions\":%u,\"events\":[",
                   a[i].date, a[i].baseline_from, a[i].baseline_to, a[i].z, a[i].intensity,
                   a[i].mean, a[i].sd, a[i].mentions);
        }
        for (size_t j = 0; j < a[i].nevents; j++) {
            const vigil_stored_event *e = vigil_event_list_get(l, a[i].events[j]);
            double w = e->mentions * -e->goldstein;
            if (text) {
                printf("    %s->%s %s %.1f x%u mentions = %.1f  [%s:%u] %.100s\n", e->source,
                       e->target, e->code, e->goldstein, e->mentions, w, e->story, e->sentence,
                       e->text ? e->text : "");
            } else {
                printf("%s{\"source\":", j ? "," : "");
                json_out(stdout, e->source);
                fputs(",\"target\":", stdout);
                json_out(stdout, e->target);
                fputs(",\"code\":", stdout);
                json_out(stdout, e->code);
                printf(",\"goldstein\":%.1f,\"mentions\":%u,\"weight\":%.1f,\"story\":",
                       e->goldstein, e->mentions, w);
                json_out(stdout, e->story);
                printf(",\"sentence\":%u}", e->sentence);
            }
        }
        if (!text) puts("]}");
    }
    if (text)
        fprintf(stderr,
                "vigil: %zu alert%s over %zu events (baseline %u days, z >= %.1f, at "
                "least %u conflict mentions)\n",
                n, n == 1 ? "" : "s", vigil_event_list_count(l), p.baseline_days, p.z,
                p.min_mentions);
    vigil_alerts_free(a, n);
    vigil_event_list_free(l);
    vigil_store_close(s);
    return 0;
}

/* --------------------------------------------------------------- store */

static void print_story(void *ud, const vigil_story_info *i)
{
    (void)ud;
    printf("%s\t%s\t%s\t%u\t%u\n", i->id, i->date, i->source, i->sentences, i->mentions);
}

static int cmd_store(int argc, char **argv)
{
    if (argc < 1 || (strcmp(argv[0], "check") != 0 && strcmp(argv[0], "stories") != 0)) {
        store_usage(stderr);
        return 2;
    }
    options o;
    cli_parse_args(argc - 1, argv + 1, &o, store_extras);
    vigil_store *s = open_store(&o, VIGIL_STORE_READONLY);
    int rc = 0;
    if (strcmp(argv[0], "check") == 0) {
        if (vigil_store_check(s) == VIGIL_OK) {
            printf("ok (schema version %d)\n", vigil_store_schema_version(s));
        } else {
            printf("%s\n", vigil_store_errmsg(s));
            rc = 1;
        }
    } else {
        puts("story\tdate\tsource\tsentences\tmentions");
        if (vigil_store_stories(s, print_story, NULL) != VIGIL_OK) {
            fprintf(stderr, "vigil: %s\n", vigil_store_errmsg(s));
            rc = 1;
        }
    }
    vigil_store_close(s);
    return rc;
}

int cli_store_main(const char *cmd, int argc, char **argv)
{
    if (strcmp(cmd, "ingest") == 0) return cmd_ingest(argc, argv);
    if (strcmp(cmd, "events") == 0) return cmd_events(argc, argv, 0);
    if (strcmp(cmd, "export") == 0) return cmd_events(argc, argv, 1);
    if (strcmp(cmd, "trend") == 0) return cmd_trend(argc, argv);
    if (strcmp(cmd, "alerts") == 0) return cmd_alerts(argc, argv);
    if (strcmp(cmd, "store") == 0) return cmd_store(argc, argv);
    return -1;
}
