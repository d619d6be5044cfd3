/*
 * dyads.c — the most active and the most escalating dyads of an event
 * list, for the dashboard's overview (`vigil serve`, GET /api/dyads).
 *
 * A dyad is an unordered pair of primary actors, as alerts group them
 * (alerts.c, vigil_primary_actor), so A->B and B->A add up and RUSGOV
 * counts as RUS. For each dyad: events, mentions, conflict mentions and
 * the Goldstein sum over the whole list; and the conflict intensity (the
 * sum of mentions x -goldstein over conflict events with a negative
 * score, the alerts' measure) over the last `days` days of the list
 * against the `days` days before them. Escalation is the difference,
 * recent minus previous, per day: a dyad whose conflict reporting grew
 * by 40 weighted mentions a day over the week scores 40.
 *
 * The work is a sort of the events by dyad and one pass over them: the
 * list is already in memory (vigil_store_query), so no SQL is needed.
 */
#include "store.h"

#include "alloc.h"
#include "vigil.h"

#include <stdlib.h>
#include <string.h>

typedef struct dref {
    char a[VIGIL_CODE_MAX], b[VIGIL_CODE_MAX];
    size_t index;
} dref;

static int cmp_dref(const void *x, const void *y)
{
    const dref *p = x, *q = y;
    int c = strcmp(p->a, q->a);
    return c ? c : strcmp(p->b, q->b);
}

static int cmp_active(const void *x, const void *y)
{
    const vigil_dyad *p = x, *q = y;
    if (p->mentions != q->mentions) return p->mentions < q->mentions ? 1 : -1;
    if (p->events != q->events) return p->events < q->events ? 1 : -1;
    int c = strcmp(p->a, q->a);
    return c ? c : strcmp(p->b, q->b);
}

vigil_status vigil_dyads(const vigil_event_list *l, unsigned days, vigil_dyad **out, size_t *n)
{
    if (!out || !n) return VIGIL_ERR_ARG;
    *out = NULL;
    *n = 0;
    if (!l || days == 0) return VIGIL_ERR_ARG;
    size_t ne = vigil_event_list_count(l);
    if (ne == 0) return VIGIL_OK;
    /* The last day of the list closes the recent window. */
    long last = 0;
    for (size_t i = 0; i < ne; i++) {
        long d;
        if (vg_day_parse(vigil_event_list_get(l, i)->last_date, &d) && (i == 0 || d > last))
            last = d;
    }
    dref *r = vg_malloc(ne * sizeof *r);
    for (size_t i = 0; i < ne; i++) {
        const vigil_stored_event *e = vigil_event_list_get(l, i);
        char p[VIGIL_CODE_MAX], q[VIGIL_CODE_MAX];
        vigil_primary_actor(e->source, p, sizeof p);
        vigil_primary_actor(e->target, q, sizeof q);
        int swap = strcmp(p, q) > 0;
        memcpy(r[i].a, swap ? q : p, VIGIL_CODE_MAX);
        memcpy(r[i].b, swap ? p : q, VIGIL_CODE_MAX);
        r[i].index = i;
    }
    qsort(r, ne, sizeof *r, cmp_dref);
    vigil_dyad *d = vg_malloc(ne * sizeof *d);
    size_t nd = 0;
    for (size_t i = 0; i < ne; i++) {
        if (i == 0 || cmp_dref(&r[i - 1], &r[i]) != 0) {
            memset(&d[nd], 0, sizeof d[nd]);
            memcpy(d[nd].a, r[i].a, VIGIL_CODE_MAX);
            memcpy(d[nd].b, r[i].b, VIGIL_CODE_MAX);
            memcpy(d[nd].last_date, "0000-00-00", 11);
            nd++;
        }
        vigil_dyad *y = &d[nd - 1];
        const vigil_stored_event *e = vigil_event_list_get(l, r[i].index);
        y->events++;
        y->mentions += e->mentions;
        y->goldstein_sum += e->goldstein;
        if (strcmp(e->last_date, y->last_date) > 0) memcpy(y->last_date, e->last_date, 11);
        if (e->quad < 3) continue;
        y->conflict_mentions += e->mentions;
        if (e->goldstein >= 0) continue;
        long day;
        if (!vg_day_parse(e->date, &day)) continue;
        double w = e->mentions * -e->goldstein;
        if (day > last - (long)days)
            y->recent += w;
        else if (day > last - 2 * (long)days)
            y->previous += w;
    }
    vg_free(r);
    for (size_t i = 0; i < nd; i++) {
        d[i].recent /= days;
        d[i].previous /= days;
        d[i].escalation = d[i].recent - d[i].previous;
    }
    qsort(d, nd, sizeof *d, cmp_active);
    *out = d;
    *n = nd;
    return VIGIL_OK;
}
