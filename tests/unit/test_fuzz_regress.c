/*
 * test_fuzz_regress.c — replays every saved fuzz input.
 *
 * tests/fuzz-regress/TARGET/ holds inputs that once crashed (or hung, or
 * broke an invariant of) the fuzz target TARGET, plus hostile inputs worth
 * keeping. Each file is run through vg_fuzz_run, the very entry the fuzz
 * binary calls (fuzz/fuzz_entries.h), so `make test` catches a crash that
 * comes back. A crash here aborts the binary; the name of the file being
 * run is printed first so the culprit is known. A folder that names no
 * target is a failure, so a misspelt folder cannot hide its inputs.
 *
 * Run from the repository root (tests/run.sh does so).
 */
#include "../../fuzz/fuzz_entries.h"
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define REGRESS_DIR "tests/fuzz-regress"

static int is_target(const char *name)
{
    for (size_t i = 0; i < sizeof vg_fuzz_targets / sizeof vg_fuzz_targets[0]; i++)
        if (strcmp(name, vg_fuzz_targets[i]) == 0) return 1;
    return 0;
}

/* Reads a whole file; NULL when it cannot be read. */
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *p = malloc(cap);
    size_t k;
    while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            uint8_t *q = realloc(p, cap * 2);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return p;
}

/* Sorted names of a folder's entries, without dot files. */
static size_t list_dir(const char *path, char ***out)
{
    DIR *d = opendir(path);
    *out = NULL;
    if (!d) return 0;
    size_t n = 0, cap = 0;
    char **v = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **w = realloc(v, cap * sizeof *v);
            if (!w) break;
            v = w;
        }
        size_t k = strlen(e->d_name);
        v[n] = malloc(k + 1);
        memcpy(v[n], e->d_name, k + 1);
        n++;
    }
    closedir(d);
    for (size_t i = 1; i < n; i++) /* insertion sort: a few dozen names */
        for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    *out = v;
    return n;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

int main(void)
{
    char **dirs;
    size_t ndirs = list_dir(REGRESS_DIR, &dirs);
    OK(ndirs > 0, REGRESS_DIR " exists and has target folders");
    size_t replayed = 0;
    for (size_t i = 0; i < ndirs; i++) {
        char dpath[512];
        snprintf(dpath, sizeof dpath, "%s/%s", REGRESS_DIR, dirs[i]);
        DIR *probe = opendir(dpath);
        if (!probe) continue; /* a file such as README.md */
        closedir(probe);
        char what[1200];
        snprintf(what, sizeof what, "%s names a fuzz target", dpath);
        OK(is_target(dirs[i]), what);
        if (!is_target(dirs[i])) continue;
        char **files;
        size_t nfiles = list_dir(dpath, &files);
        for (size_t j = 0; j < nfiles; j++) {
            char fpath[1024];
            snprintf(fpath, sizeof fpath, "%s/%s", dpath, files[j]);
            size_t len = 0;
            uint8_t *data = slurp(fpath, &len);
            snprintf(what, sizeof what, "%s is readable", fpath);
            OK(data != NULL, what);
            if (!data) continue;
            fprintf(stderr, "replay %s (%zu bytes)\n", fpath, len);
            fflush(stderr);
            snprintf(what, sizeof what, "%s replays cleanly", fpath);
            INT_EQ(vg_fuzz_run(dirs[i], data, len), 0, what);
            free(data);
            replayed++;
        }
        free_list(files, nfiles);
    }
    free_list(dirs, ndirs);
    OK(replayed > 0, "at least one saved input replayed");
    fprintf(stderr, "%zu inputs replayed\n", replayed);
    vg_fuzz_dict_release();
    TEST_MAIN_END();
}
