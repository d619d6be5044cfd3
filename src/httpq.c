/*
 * httpq.c — the pure helpers of `vigil serve` (docs/serve.md): query
 * parameters to a store filter, and request paths to static file names.
 *
 * Both take text straight from the network, so they are strict and small:
 * a parameter is checked against the shape the store expects (a date, a
 * code prefix in capitals, a number in range) before any query runs, and
 * a static path is accepted only when every byte is from a short allowlist
 * and no segment starts with a dot. Allowlisting bytes rather than looking
 * for "../" means no encoding (percent, double percent, backslashes,
 * overlong UTF-8) can smuggle a parent directory past the check: anything
 * unusual is simply not a file name the server will open. Both are fuzzed
 * (fuzz target "http") with their invariants checked.
 */
#include "store.h"

#include "vigil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest story id and code accepted in a query (longer ones cannot exist
 * in the store: codes are shorter than VIGIL_CODE_MAX). */
#define HTTPQ_STORY_MAX 512u

static vigil_status bad(char *err, size_t cap, const char *name, const char *want)
{
    if (err && cap) snprintf(err, cap, "parameter '%s' wants %s", name, want);
    return VIGIL_ERR_ARG;
}

/* An actor code prefix: capitals and digits, as the store keeps codes. */
static int is_code(const char *v)
{
    size_t n = strlen(v);
    if (n == 0 || n >= VIGIL_CODE_MAX) return 0;
    for (; *v; v++)
        if (!((*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9'))) return 0;
    return 1;
}

static int is_digits(const char *v, size_t min, size_t max)
{
    size_t n = strlen(v);
    if (n < min || n > max) return 0;
    for (; *v; v++)
        if (*v < '0' || *v > '9') return 0;
    return 1;
}

/* A whole number in [lo, hi]; 0 when the text is not one. */
static int whole(const char *v, unsigned long lo, unsigned long hi, unsigned long *out)
{
    if (!is_digits(v, 1, 10)) return 0;
    errno = 0;
    unsigned long x = strtoul(v, NULL, 10);
    if (errno || x < lo || x > hi) return 0;
    *out = x;
    return 1;
}

vigil_status vigil_filter_param(vigil_filter *f, const char *name, const char *value, char *err,
                                size_t errcap)
{
    if (!f || !name) return VIGIL_ERR_ARG;
    const char *v = value ? value : "";
    long day;
    unsigned long x;
    if (strcmp(name, "from") == 0 || strcmp(name, "to") == 0) {
        if (!vg_day_parse(v, &day)) return bad(err, errcap, name, "a date YYYY-MM-DD");
        if (name[0] == 'f')
            f->from = v;
        else
            f->to = v;
    } else if (strcmp(name, "actor") == 0 || strcmp(name, "source") == 0 ||
               strcmp(name, "target") == 0) {
        if (!is_code(v)) return bad(err, errcap, name, "an actor code in capitals (e.g. RUS)");
        if (name[0] == 'a')
            f->actor = v;
        else if (name[0] == 's')
            f->source = v;
        else
            f->target = v;
    } else if (strcmp(name, "both") == 0) {
        if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
            f->both_directions = 1;
        else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
            f->both_directions = 0;
        else
            return bad(err, errcap, name, "1 or 0");
    } else if (strcmp(name, "code") == 0) {
        if (!is_digits(v, 2, 4)) return bad(err, errcap, name, "a CAMEO code of 2 to 4 digits");
        f->code = v;
    } else if (strcmp(name, "root") == 0) {
        if (!is_digits(v, 2, 2)) return bad(err, errcap, name, "a CAMEO root of 2 digits");
        f->root = v;
    } else if (strcmp(name, "quad") == 0) {
        if (!whole(v, 1, 4, &x)) return bad(err, errcap, name, "a quad class from 1 to 4");
        f->quad = (int)x;
    } else if (strcmp(name, "story") == 0) {
        size_t n = strlen(v);
        if (n == 0 || n > HTTPQ_STORY_MAX) return bad(err, errcap, name, "a story id");
        f->story = v;
    } else if (strcmp(name, "window") == 0) {
        if (!whole(v, 0, 3650, &x)) return bad(err, errcap, name, "days from 0 to 3650");
        f->window_days = (unsigned)x;
    } else {
        return VIGIL_DONE;
    }
    return VIGIL_OK;
}

/* Bytes a static file name may hold: letters, digits, and . _ - / */
static int path_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '/';
}

vigil_status vigil_http_path(const char *path, char *out, size_t cap)
{
    if (!path || !out || cap == 0) return VIGIL_ERR_ARG;
    out[0] = '\0';
    while (*path == '/') path++;
    size_t n = strlen(path);
    if (n == 0 || n >= cap) return VIGIL_ERR_ARG;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (!path_byte(c)) return VIGIL_ERR_ARG;
        /* A segment may not start with a dot ("..", ".git", "."), may not
         * be empty ("a//b") and the path may not end with a slash. */
        int seg_start = i == 0 || path[i - 1] == '/';
        if (seg_start && (c == '.' || c == '/')) return VIGIL_ERR_ARG;
    }
    if (path[n - 1] == '/') return VIGIL_ERR_ARG;
    memcpy(out, path, n + 1);
    return VIGIL_OK;
}
