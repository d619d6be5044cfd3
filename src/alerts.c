/*
 * alerts.c — escalation alerts per dyad: a rolling-baseline z-score on
 * daily conflict intensity, weighted by mentions.
 *
 * The method (docs/store.md, "Alerts"):
 *
 *   - A dyad is an unordered pair of primary actors (vigil_primary_actor:
 *     "RUSGOV" and "RUSMIL" are both RUS), so A->B and B->A add up.
 *   - The conflict intensity of a dyad on a day is the sum, over its
 *     deduplicated conflict events (quad 3 and 4) with a negative Goldstein
 *     score, of mentions x -goldstein: a heavily reported attack (-10,
 *     twelve mentions) weighs 120, a lone criticism (-2) weighs 2.
 *   - The baseline of a day is the mean and the standard deviation of the
 *     dyad's intensity over the `baseline_days` days before it, days
 *     without events counting as zero. Days before the first event of the
 *     whole list are unknown, not zero: the window is cut there, and a
 *     day with fewer than `min_history` days of known history is not
 *     scored.
 *   - z = (intensity - mean) / max(sd, sd_floor). The floor keeps a quiet
 *     dyad (sd 0) from turning any single event into an infinite score.
 *   - A day is an alert when z >= the threshold and the day's conflict
 *     mentions reach `min_mentions`, so one stray report never alerts.
 */
#include "store.h"

#include "alloc.h"
#include "vigil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void vigil_alert_params_default(vigil_alert_params *p)
{
    p->baseline_days = 28;
    p->min_history = 7;
    p->z = 3.0;
    p->sd_floor = 1.0;
    p->min_mentions = 5;
}

/* One conflict event, keyed for sorting by dyad and day. */
typedef struct item {
    char a[VIGIL_CODE_MAX], b[VIGIL_CODE_MAX];
    long day;
    double weight;
    unsigned mentions;
    size_t index;
} item;

static int cmp_items(const void *x, const void *y)
{
    const item *p = x, *q = y;
    int c = strcmp(p->a, q->a);
    if (!c) c = strcmp(p->b, q->b);
    if (!c) c = p->day < q->day ? -1 : p->day > q->day;
    if (!c) c = p->weight > q->weight ? -1 : p->weight < q->weight;
    return c;
}

/* A dyad's total on one day, and where its items start. */
typedef struct dayrow {
    long day;
    double intensity;
    unsigned mentions;
    size_t first, count;
} dayrow;

void vigil_alerts_free(vigil_alert *a, size_t n)
{
    if (!a) return;
    for (size_t i = 0; i < n; i++) vg_free(a[i].events);
    vg_free(a);
}

static int cmp_alerts(const void *x, const void *y)
{
    const vigil_alert *p = x, *q = y;
    int c = strcmp(p->date, q->date);
    if (!c) c = strcmp(p->a, q->a);
    if (!c) c = strcmp(p->b, q->b);
    return c;
}

/* Scores the days of one dyad (rows[0..nrows)) and appends its alerts. */
static void score_dyad(const item *items, const dayrow *rows, size_t nrows, long data_start,
                       const vigil_alert_params *p, vigil_alert **out, size_t *n, size_t *cap)
{
    size_t lo = 0; /* first row inside the current baseline window */
    for (size_t k = 0; k < nrows; k++) {
        long d = rows[k].day;
        long wstart = d - (long)p->baseline_days;
        if (wstart < data_start) wstart = data_start;
        long wdays = d - wstart;
        if (wdays < (long)p->min_history || wdays <= 0) continue;
        while (lo < k && rows[lo].day < wstart) lo++;
        double sum = 0, sumsq = 0;
        for (size_t j = lo; j < k; j++) {
            sum += rows[j].intensity;
            sumsq += rows[j].intensity * rows[j].intensity;
        }
        double mean = sum / (double)wdays;
        double var = sumsq / (double)wdays - mean * mean;
        double sd = var > 0 ? sqrt(var) : 0.0;
        double z = (rows[k].intensity - mean) / (sd > p->sd_floor ? sd : p->sd_floor);
        if (z < p->z || rows[k].mentions < p->min_mentions) continue;

        vg_grow((void **)out, cap, *n + 1, sizeof **out);
        vigil_alert *a = &(*out)[(*n)++];
        memset(a, 0, sizeof *a);
        const item *it = &items[rows[k].first];
        memcpy(a->a, it->a, sizeof a->a);
        memcpy(a->b, it->b, sizeof a->b);
        vg_day_format(d, a->date);
        vg_day_format(wstart, a->baseline_from);
        vg_day_format(d - 1, a->baseline_to);
        a->intensity = rows[k].intensity;
        a->mean = mean;
        a->sd = sd;
        a->z = z;
        a->mentions = rows[k].mentions;
        a->nevents = rows[k].count;
        a->events = vg_malloc(rows[k].count * sizeof *a->events);
        /* Items of a day are sorted by weight, largest first. */
        for (size_t j = 0; j < rows[k].count; j++) a->events[j] = it[j].index;
    }
}

vigil_status vigil_alerts(const vigil_event_list *l, const vigil_alert_params *params,
                          vigil_alert **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    vigil_alert_params def;
    vigil_alert_params_default(&def);
    const vigil_alert_params *p = params ? params : &def;
    size_t ne = vigil_event_list_count(l);
    long data_start = 0;
    int have_start = 0;
    item *items = NULL;
    size_t ni = 0, capi = 0;
    for (size_t i = 0; i < ne; i++) {
        const vigil_stored_event *e = vigil_event_list_get(l, i);
        long d;
        if (!vg_day_parse(e->date, &d)) continue;
        if (!have_start || d < data_start) data_start = d, have_start = 1;
        if ((e->quad != 3 && e->quad != 4) || !(e->goldstein < 0)) continue;
        item it;
        memset(&it, 0, sizeof it);
        char x[VIGIL_CODE_MAX], y[VIGIL_CODE_MAX];
        vigil_primary_actor(e->source, x, sizeof x);
        vigil_primary_actor(e->target, y, sizeof y);
        int swap = strcmp(x, y) > 0;
        memcpy(it.a, swap ? y : x, sizeof it.a);
        memcpy(it.b, swap ? x : y, sizeof it.b);
        it.day = d;
        it.mentions = e->mentions;
        it.weight = (double)e->mentions * -e->goldstein;
        it.index = i;
        VG_PUSH(items, ni, capi, it);
    }
    if (ni > 1) qsort(items, ni, sizeof *items, cmp_items);

    size_t cap = 0;
    dayrow *rows = NULL;
    size_t nrows = 0, caprows = 0;
    for (size_t i = 0; i < ni;) {
        /* One dyad: items[i..j). */
        size_t j = i;
        nrows = 0;
        while (j < ni && strcmp(items[j].a, items[i].a) == 0 &&
               strcmp(items[j].b, items[i].b) == 0) {
            if (!nrows || rows[nrows - 1].day != items[j].day) {
                dayrow r = {items[j].day, 0.0, 0, j, 0};
                VG_PUSH(rows, nrows, caprows, r);
            }
            dayrow *r = &rows[nrows - 1];
            r->intensity += items[j].weight;
            r->mentions += items[j].mentions;
            r->count++;
            j++;
        }
        score_dyad(items, rows, nrows, data_start, p, out, n, &cap);
        i = j;
    }
    vg_free(rows);
    vg_free(items);
    if (*n > 1) qsort(*out, *n, sizeof **out, cmp_alerts);
    return VIGIL_OK;
}
