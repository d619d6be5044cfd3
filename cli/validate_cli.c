/*
 * cli/validate_cli.c — `vigil validate FILE.xml [--dict-dir DIR] [--only ID]
 * [--json] [--verbose]`.
 *
 * Reads a PETRARCH-style validation file (include/vigil.h, section
 * "validation"), loads the dictionaries its <Environment> names in PETRARCH
 * syntax, runs every record through the coder and prints each failing
 * record with its text, the events expected and the events got. The last
 * line is "N passed, N failed, N skipped". With --json every record is one
 * JSON object per line, then a summary object. Problems with the file
 * itself (unknown options, records without text) go to stderr.
 */
#include "validate_cli.h"

#include "vigil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ONLY 64

typedef struct vopts {
    const char *file;
    const char *dict_dir;
    const char *only[MAX_ONLY];
    int nonly;
    int json, verbose, quiet, debug;
} vopts;

static void usage(FILE *f)
{
    fputs("usage: vigil validate FILE.xml [--dict-dir DIR] [--only ID]... [--json] [--verbose]\n"
          "  Codes the <Text> of every record of a PETRARCH-style validation file and\n"
          "  compares the events with its <EventCoding> elements.\n"
          "  --dict-dir DIR  where the dictionary files of <Environment> are (default: the\n"
          "                  folder of FILE.xml)\n"
          "  --only ID       run only this record (may be repeated)\n"
          "  --json          one JSON object per record, then a summary object\n"
          "  --verbose       also list passing and skipped records, with explanations\n"
          "  --debug         the coder's sentence analysis on stderr\n"
          "  --quiet         no warnings about the file on stderr\n",
          f);
}

/* Returns 0, or 2 after printing the problem. */
static int parse_args(int argc, char **argv, vopts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--dict-dir") == 0 || strcmp(a, "--only") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "vigil validate: %s needs a value\n", a);
                return 2;
            }
            if (a[2] == 'd') {
                o->dict_dir = argv[++i];
            } else if (o->nonly < MAX_ONLY) {
                o->only[o->nonly++] = argv[++i];
            } else {
                fprintf(stderr, "vigil validate: at most %d --only options\n", MAX_ONLY);
                return 2;
            }
        } else if (strcmp(a, "--json") == 0) {
            o->json = 1;
        } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            o->verbose = 1;
        } else if (strcmp(a, "--debug") == 0) {
            o->debug = 1;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "vigil validate: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (o->file) {
            fprintf(stderr, "vigil validate: one validation file at a time ('%s')\n", a);
            return 2;
        } else {
            o->file = a;
        }
    }
    if (!o->file) {
        usage(stderr);
        return 2;
    }
    return 0;
}

typedef struct diag_count {
    unsigned long n;
    int show;
} diag_count;

/* Dictionary messages: all of them with --verbose, else only counted. */
static void dict_diag(void *ud, const char *msg)
{
    diag_count *dc = ud;
    dc->n++;
    if (dc->show) fprintf(stderr, "vigil validate: dictionary: %s\n", msg);
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static void json_events(const vigil_vevent *e, size_t n)
{
    putchar('[');
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",{\"source\":" : "{\"source\":", stdout);
        json_str(stdout, e[i].source);
        fputs(",\"target\":", stdout);
        json_str(stdout, e[i].target);
        fputs(",\"code\":", stdout);
        json_str(stdout, e[i].code);
        putchar('}');
    }
    putchar(']');
}

static const char *outcome_name(vigil_voutcome o)
{
    return o == VIGIL_V_PASS ? "pass" : o == VIGIL_V_FAIL ? "fail" : "skip";
}

static void json_record(const vigil_vrecord *r, const vigil_vresult *res)
{
    fputs("{\"id\":", stdout);
    json_str(stdout, r->id);
    printf(",\"line\":%u,\"category\":", r->line);
    json_str(stdout, r->category);
    printf(",\"outcome\":\"%s\",\"date\":", outcome_name(res->outcome));
    json_str(stdout, r->date);
    fputs(",\"text\":", stdout);
    json_str(stdout, r->text);
    printf(",\"noevents\":%s,\"error\":", r->noevents ? "true" : "false");
    json_str(stdout, r->error);
    fputs(",\"expected\":", stdout);
    json_events(r->expected, r->nexpected);
    fputs(",\"got\":", stdout);
    json_events(res->got, res->ngot);
    fputs("}\n", stdout);
}

static void text_events(const char *label, const vigil_vevent *e, size_t n, const char *none)
{
    printf("  %-9s", label);
    if (n == 0) printf(" %s", none);
    for (size_t i = 0; i < n; i++)
        printf("%s%s %s %s", i ? "; " : " ", e[i].source, e[i].target, e[i].code);
    putchar('\n');
}

static void text_record(const vigil_vrecord *r, const vigil_vresult *res, const vigil_validation *v,
                        int verbose)
{
    const char *tag = res->outcome == VIGIL_V_PASS ? "PASS" : "FAIL";
    printf("%s %s (line %u, %s)\n", tag, r->id, r->line, *r->category ? r->category : "-");
    printf("  text:     %s\n", r->text);
    char none[128];
    if (*r->error)
        snprintf(none, sizeof none, "(no events: error record '%s')", r->error);
    else
        snprintf(none, sizeof none, "(no events)");
    text_events("expected:", r->expected, r->nexpected, none);
    text_events("got:", res->got, res->ngot, "(no events)");
    if (!verbose) return;
    /* The coder's own account of each event it produced. */
    const vigil_coder *c = vigil_validation_coder(v);
    size_t n = c ? vigil_coder_event_count(c) : 0;
    for (size_t i = 0; i < n; i++) {
        char *ex = vigil_coder_explain(c, i);
        if (!ex) continue;
        /* Each line of the explanation indented under the record. */
        for (const char *p = ex; *p;) {
            const char *nl = strchr(p, '\n');
            int len = nl ? (int)(nl - p) : (int)strlen(p);
            printf("  | %.*s\n", len, p);
            p += len + (nl != NULL);
        }
        vigil_free(ex);
    }
}

int cli_validate_main(int argc, char **argv)
{
    vopts o;
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc;

    vigil_validation *v = NULL;
    vigil_status st = vigil_validation_load(o.file, &v);
    if (st != VIGIL_OK) {
        fprintf(stderr, "vigil validate: %s\n", vigil_validation_errmsg(v));
        vigil_validation_free(v);
        return 2;
    }
    if (!o.quiet)
        for (size_t i = 0; i < vigil_validation_warning_count(v); i++)
            fprintf(stderr, "vigil validate: warning: %s\n", vigil_validation_warning(v, i));
    /* Every --only id must name a record: a typo should not pass silently. */
    for (int i = 0; i < o.nonly; i++)
        if (vigil_validation_find(v, o.only[i]) == (size_t)-1) {
            fprintf(stderr, "vigil validate: no record with id '%s' in %s\n", o.only[i], o.file);
            vigil_validation_free(v);
            return 2;
        }

    vigil_dict *d = vigil_dict_new();
    diag_count dc = {0, o.verbose && !o.quiet};
    vigil_dict_set_diag(d, dict_diag, &dc);
    st = vigil_validation_load_dicts(v, d, o.dict_dir);
    vigil_dict_set_diag(d, NULL, NULL);
    if (dc.n && !dc.show && !o.quiet)
        fprintf(stderr, "vigil validate: %lu dictionary messages (--verbose shows them)\n", dc.n);
    if (st == VIGIL_OK) st = vigil_dict_finish(d);
    if (st != VIGIL_OK) {
        const char *m = vigil_validation_errmsg(v);
        fprintf(stderr, "vigil validate: %s\n", *m ? m : vigil_dict_errmsg(d));
        vigil_dict_free(d);
        vigil_validation_free(v);
        return 2;
    }

    unsigned flags = (o.verbose ? VIGIL_CODE_EXPLAIN : 0) | (o.debug ? VIGIL_CODE_DEBUG : 0);
    unsigned long passed = 0, failed = 0, skipped = 0;
    size_t n = vigil_validation_record_count(v);
    for (size_t i = 0; i < n; i++) {
        const vigil_vrecord *r = vigil_validation_record(v, i);
        if (o.nonly) {
            int chosen = 0;
            for (int k = 0; k < o.nonly; k++) chosen |= strcmp(r->id, o.only[k]) == 0;
            if (!chosen) continue;
        }
        vigil_vresult res;
        st = vigil_validation_run(v, i, d, flags, &res);
        if (st != VIGIL_OK) fprintf(stderr, "vigil validate: %s\n", vigil_validation_errmsg(v));
        if (res.outcome == VIGIL_V_PASS)
            passed++;
        else if (res.outcome == VIGIL_V_FAIL)
            failed++;
        else
            skipped++;
        if (o.json) {
            json_record(r, &res);
        } else if (res.outcome == VIGIL_V_FAIL || (o.verbose && res.outcome == VIGIL_V_PASS)) {
            text_record(r, &res, v, o.verbose);
        } else if (o.verbose) {
            printf("SKIP %s (line %u)\n", r->id, r->line);
        }
    }
    if (o.json)
        printf("{\"passed\":%lu,\"failed\":%lu,\"skipped\":%lu}\n", passed, failed, skipped);
    else
        printf("%lu passed, %lu failed, %lu skipped\n", passed, failed, skipped);
    fflush(stdout);
    vigil_dict_free(d);
    vigil_validation_free(v);
    return failed ? 1 : 0;
}
