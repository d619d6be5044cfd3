/*
 * trend.c — series of a dyad or an actor: stored events bucketed by day,
 * week (Monday to Sunday) or month, with counts per quad class, Goldstein
 * sum and mean, and mentions.
 *
 * The input is an event list (vigil_store_query has already applied the
 * dyad or actor filter and the deduplication window), so a bucket counts
 * deduplicated events, and `mentions` adds up how often they were
 * reported. Every bucket between the first and last day is present, empty
 * ones included, so a series can be drawn without gaps.
 */
#include "store.h"

#include "alloc.h"
#include "vigil.h"

#include <string.h>

/* A series longer than this many buckets is refused (about 270 years of
 * days): a typo in --from should not allocate gigabytes. */
#define TREND_MAX_BUCKETS 100000L

vigil_status vigil_period_parse(const char *name, vigil_period *out)
{
    if (!name) return VIGIL_ERR_ARG;
    if (strcmp(name, "day") == 0)
        *out = VIGIL_PERIOD_DAY;
    else if (strcmp(name, "week") == 0)
        *out = VIGIL_PERIOD_WEEK;
    else if (strcmp(name, "month") == 0)
        *out = VIGIL_PERIOD_MONTH;
    else
        return VIGIL_ERR_ARG;
    return VIGIL_OK;
}

/* The first day of the bucket that holds `day`. */
static long bucket_start(long day, vigil_period p)
{
    if (p == VIGIL_PERIOD_WEEK) return day - vg_day_weekday(day);
    if (p == VIGIL_PERIOD_MONTH) {
        char iso[11];
        vg_day_format(day, iso);
        iso[8] = '0';
        iso[9] = '1';
        long first = day;
        vg_day_parse(iso, &first);
        return first;
    }
    return day;
}

/* The first day of the bucket after the one starting at `start`. */
static long bucket_next(long start, vigil_period p)
{
    if (p == VIGIL_PERIOD_WEEK) return start + 7;
    if (p == VIGIL_PERIOD_MONTH) return bucket_start(start + 31, p);
    return start + 1;
}

vigil_status vigil_trend(const vigil_event_list *l, vigil_period p, const char *from,
                         const char *to, vigil_trend_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    size_t ne = vigil_event_list_count(l);
    long lo = 0, hi = 0;
    int have_lo = from && vg_day_parse(from, &lo), have_hi = to && vg_day_parse(to, &hi);
    if ((from && !have_lo) || (to && !have_hi)) return VIGIL_ERR_ARG;
    for (size_t i = 0; i < ne; i++) {
        long d;
        if (!vg_day_parse(vigil_event_list_get(l, i)->date, &d)) continue;
        if (!have_lo || (!from && d < lo)) lo = d, have_lo = 1;
        if (!have_hi || (!to && d > hi)) hi = d, have_hi = 1;
    }
    if (!have_lo || !have_hi || hi < lo) return VIGIL_OK;
    lo = bucket_start(lo, p);
    if (hi - lo > TREND_MAX_BUCKETS) return VIGIL_ERR_LIMIT;

    size_t cap = 0, count = 0;
    vigil_trend_row *r = NULL;
    for (long b = lo; b <= hi; b = bucket_next(b, p)) {
        vg_grow((void **)&r, &cap, count + 1, sizeof *r);
        memset(&r[count], 0, sizeof *r);
        vg_day_format(b, r[count].start);
        count++;
    }
    for (size_t i = 0; i < ne; i++) {
        const vigil_stored_event *e = vigil_event_list_get(l, i);
        long d;
        if (!vg_day_parse(e->date, &d) || d < lo || d > hi) continue;
        long start = bucket_start(d, p);
        /* Buckets are in order; find this one by its start date. */
        char iso[11];
        vg_day_format(start, iso);
        size_t a = 0, z = count;
        while (a < z) {
            size_t m = (a + z) / 2;
            if (strcmp(r[m].start, iso) < 0)
                a = m + 1;
            else
                z = m;
        }
        if (a >= count || strcmp(r[a].start, iso) != 0) continue;
        vigil_trend_row *row = &r[a];
        row->events++;
        if (e->quad >= 1 && e->quad <= 4) row->quad[e->quad - 1]++;
        row->mentions += e->mentions;
        row->goldstein_sum += e->goldstein;
    }
    for (size_t i = 0; i < count; i++)
        r[i].goldstein_mean = r[i].events ? r[i].goldstein_sum / r[i].events : 0.0;
    *rows = r;
    *n = count;
    return VIGIL_OK;
}
