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
#include "store_cli.h"
#include "validate_cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    if (x->o->unknown)
        for (size_t i = 0; i < vigil_coder_unknown_count(x->coder); i++)
            count_unknown(x, vigil_coder_unknown(x->coder, i));
    vigil_doc_free(doc);
}

static int cmd_code(int argc, char **argv)
{
    options o;
    cli_parse_args(argc, argv, &o, NULL);
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
    double t0 = cli_now();
    vigil_dict *d = cli_load_dicts(&o);
    if (!d) return 1;
    unsigned cf = 0;
    if (o.explain) cf |= VIGIL_CODE_EXPLAIN;
    if (o.negated) cf |= VIGIL_CODE_NEGATED;
    if (o.no_dyad) cf |= VIGIL_CODE_NO_DYAD;
    if (o.debug) cf |= VIGIL_CODE_DEBUG;
    x.coder = vigil_coder_new(d, cf);
    if (x.fmt == VIGIL_OUT_TSV) fputs(vigil_tsv_header(), stdout);
    for (int i = 0; i < o.ninputs; i++) cli_read_input(o.inputs[i], &o, &t, code_story, &x);
    fflush(stdout);
    double secs = cli_now() - t0;
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
    cli_parse_args(argc, argv, &o, NULL);
    totals t;
    memset(&t, 0, sizeof t);
    clean_ctx x = {&o, &t, 0};
    if (o.out && strcmp(o.out, "text") == 0) x.text = 1;
    else if (o.out && strcmp(o.out, "jsonl") != 0) {
        fprintf(stderr, "vigil: unknown --out '%s' for clean (jsonl, text)\n", o.out);
        return 2;
    }
    for (int i = 0; i < o.ninputs; i++) cli_read_input(o.inputs[i], &o, &t, clean_story, &x);
    return t.io_errors ? 1 : 0;
}

/* ---------------------------------------------------------------- dict */

/* vigil dict check|stats [DIR...]: bare arguments name dictionary sets.
 * vigil dict lookup [--dict DIR] [--date D] PHRASE...: bare arguments are
 * phrases to explain. */
static int cmd_dict(int argc, char **argv)
{
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
        for (int i = 0; i < o.ninputs && o.ndicts < MAX_DICTS; i++) o.dicts[o.ndicts++] = o.inputs[i];
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
    { int rc = cli_store_main(cmd, argc - 2, argv + 2); if (rc >= 0) return rc; }
    if (strcmp(cmd, "validate") == 0) return cli_validate_main(argc - 2, argv + 2);
    fprintf(stderr, "vigil: unknown command '%s'\n", cmd);
    cli_usage(stderr);
    return 2;
}
