/*
 * test_golden.c — the golden cases (tests/golden/cases) through the
 * library's public API, the same cases tests/cli/golden.sh runs through the
 * command. Each case is one check: its events, in canonical form
 * "SOURCE TARGET CODE[ negated][ hypothetical][ speaker=X]", must equal the
 * expected ones as a multiset.
 */
#include "harness.h"
#include "vigil.h"

#include <dirent.h>
#include <stdlib.h>

#define CASES "tests/golden/cases"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    size_t r;
    while ((r = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n < 2) b = realloc(b, cap *= 2);
    }
    fclose(f);
    b[n] = '\0';
    *len = n;
    return b;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct lines {
    char *v[256];
    int n;
} lines;

static void add_line(lines *l, const char *s)
{
    if (l->n < 256) l->v[l->n++] = strdup(s);
}

static void free_lines(lines *l)
{
    for (int i = 0; i < l->n; i++) free(l->v[i]);
    l->n = 0;
}

/* Parses the expected file into canonical lines; sets *speakers when the
 * case checks speakers and *negated when it expects negated events. */
static void read_expected(const char *path, lines *out, int *speakers, int *negated)
{
    size_t len;
    char *txt = slurp(path, &len);
    *speakers = *negated = 0;
    if (!txt) return;
    if (strstr(txt, "speaker=")) *speakers = 1;
    for (char *line = strtok(txt, "\n"); line; line = strtok(NULL, "\n")) {
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *w[16];
        int nw = 0;
        for (char *tok = line; nw < 16;) {
            while (*tok == ' ' || *tok == '\t') tok++;
            if (!*tok) break;
            w[nw++] = tok;
            while (*tok && *tok != ' ' && *tok != '\t') tok++;
            if (*tok) *tok++ = '\0';
        }
        if (nw < 3) continue;
        const char *neg = "", *hyp = "", *spk = "";
        for (int i = 3; i < nw; i++) {
            if (strcmp(w[i], "negated") == 0)
                neg = " negated", *negated = 1;
            else if (strcmp(w[i], "hypothetical") == 0)
                hyp = " hypothetical";
            else if (strncmp(w[i], "speaker=", 8) == 0 && w[i][8])
                spk = w[i];
        }
        char buf[256];
        snprintf(buf, sizeof buf, "%s %s %s%s%s%s%s", w[0], w[1], w[2], neg, hyp, *spk ? " " : "",
                 spk);
        add_line(out, buf);
    }
    free(txt);
}

static void run_case(vigil_dict *dict, const char *name, const char *input)
{
    char path[512], args[512] = "";
    snprintf(path, sizeof path, CASES "/%s.args", name);
    size_t alen;
    char *a = slurp(path, &alen);
    if (a) {
        snprintf(args, sizeof args, "%s", a);
        free(a);
    }
    const char *date = "2024-06-01";
    char datebuf[16];
    vigil_format fmt = VIGIL_FORMAT_AUTO;
    unsigned cflags = 0, dflags = 0;
    for (char *w = strtok(args, " \t\n"); w; w = strtok(NULL, " \t\n")) {
        if (strcmp(w, "--date") == 0 && (w = strtok(NULL, " \t\n"))) {
            snprintf(datebuf, sizeof datebuf, "%s", w);
            date = datebuf;
        } else if (strcmp(w, "--format") == 0 && (w = strtok(NULL, " \t\n"))) {
            vigil_format_parse(w, &fmt);
        } else if (strcmp(w, "--no-dyad") == 0)
            cflags |= VIGIL_CODE_NO_DYAD;
        else if (strcmp(w, "--keep-boilerplate") == 0)
            dflags |= VIGIL_CLEAN_KEEP_BOILERPLATE;
    }
    lines want = {0}, got = {0};
    int speakers, negated;
    snprintf(path, sizeof path, CASES "/%s.expected", name);
    read_expected(path, &want, &speakers, &negated);
    if (negated) cflags |= VIGIL_CODE_NEGATED;

    size_t len;
    char *data = slurp(input, &len);
    vigil_reader *r = vigil_reader_new(fmt, input, date);
    vigil_coder *coder = vigil_coder_new(dict, cflags);
    vigil_reader_feed(r, data, len);
    vigil_reader_finish(r);
    const vigil_story *s;
    while (vigil_reader_next(r, &s) == VIGIL_OK) {
        vigil_doc *doc = vigil_doc_new(s, dflags);
        vigil_coder_code(coder, doc);
        for (size_t i = 0; i < vigil_coder_event_count(coder); i++) {
            const vigil_event *e = vigil_coder_event(coder, i);
            char buf[256];
            snprintf(buf, sizeof buf, "%s %s %s%s%s%s%s", e->source, e->target, e->code,
                     e->negated ? " negated" : "", e->hypothetical ? " hypothetical" : "",
                     speakers && e->speaker[0] ? " speaker=" : "", speakers ? e->speaker : "");
            add_line(&got, buf);
        }
        vigil_doc_free(doc);
    }
    vigil_coder_free(coder);
    vigil_reader_free(r);
    free(data);
    qsort(want.v, (size_t)want.n, sizeof want.v[0], cmp_str);
    qsort(got.v, (size_t)got.n, sizeof got.v[0], cmp_str);
    int same = want.n == got.n;
    for (int i = 0; same && i < want.n; i++) same = strcmp(want.v[i], got.v[i]) == 0;
    OK(same, name);
    if (!same) {
        fprintf(stderr, "FAIL  %s want:\n", name);
        for (int i = 0; i < want.n; i++) fprintf(stderr, "FAIL      %s\n", want.v[i]);
        fprintf(stderr, "FAIL  got:\n");
        for (int i = 0; i < got.n; i++) fprintf(stderr, "FAIL      %s\n", got.v[i]);
    }
    free_lines(&want);
    free_lines(&got);
}

int main(void)
{
    vigil_dict *dict = vigil_dict_new();
    OK(vigil_dict_load(dict, "tests/golden/dict") == VIGIL_OK, "golden dictionary loads");
    OK(vigil_dict_finish(dict) == VIGIL_OK, "golden dictionary finishes");
    DIR *dir = opendir(CASES);
    OK(dir != NULL, "golden case folder");
    char *names[1024];
    int n = 0;
    struct dirent *de;
    while (dir && (de = readdir(dir)) && n < 1024) {
        size_t l = strlen(de->d_name);
        if (l > 9 && strcmp(de->d_name + l - 9, ".expected") == 0)
            names[n++] = strndup(de->d_name, l - 9);
    }
    if (dir) closedir(dir);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    for (int i = 0; i < n; i++) {
        static const char *exts[] = {"txt", "jsonl", "html", "xml"};
        char input[512];
        int found = 0;
        for (int k = 0; k < 4 && !found; k++) {
            snprintf(input, sizeof input, CASES "/%s.%s", names[i], exts[k]);
            FILE *f = fopen(input, "rb");
            if (f) found = 1, fclose(f);
        }
        OK(found, "case has an input file");
        if (found) run_case(dict, names[i], input);
        free(names[i]);
    }
    vigil_dict_free(dict);
    TEST_MAIN_END();
}
