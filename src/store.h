/*
 * store.h — what the store's modules (store.c, export.c, trend.c,
 * alerts.c) share: calendar arithmetic on ISO dates. The store keeps days
 * as "YYYY-MM-DD" text, which sorts as dates do; windows, weeks and
 * baselines need day numbers, which these give without <time.h> (whose
 * mktime depends on the time zone).
 */
#ifndef VG_STORE_H
#define VG_STORE_H

/* Days since 1970-01-01 of an ISO date; returns 0 and leaves *out alone
 * when the text is not a valid YYYY-MM-DD date. */
int vg_day_parse(const char *iso, long *out);
/* Writes the ISO date of a day number into out (11 bytes). */
void vg_day_format(long day, char out[11]);
/* 0 = Monday .. 6 = Sunday. */
int vg_day_weekday(long day);

#endif
