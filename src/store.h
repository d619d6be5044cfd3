/*
 * store.h — what the store's modules (store.c, export.c, trend.c,
 * alerts.c) share: calendar arithmetic on ISO dates. The store keeps days
 * as "YYYY-MM-DD" text, which sorts as dates do; windows, weeks and
 * baselines need day numbers, which these give without <time.h> (whose
 * mktime depends on the time zone).
 */
#ifndef VG_STORE_H
#define VG_STORE_H

#include "buf.h"
#include "vigil.h"

#include <stddef.h>

/* Days since 1970-01-01 of an ISO date; returns 0 and leaves *out alone
 * when the text is not a valid YYYY-MM-DD date. */
int vg_day_parse(const char *iso, long *out);
/* Writes the ISO date of a day number into out (11 bytes). */
void vg_day_format(long day, char out[11]);
/* 0 = Monday .. 6 = Sunday. */
int vg_day_weekday(long day);

/* ------------------------------------------------- backends (store.c)
 * vigil_store_open picks a backend from the path: PostgreSQL URIs go to
 * store_pg.c, anything else is an SQLite file (store.c). Both share the
 * checks of their arguments and the deduplicating merge below, so a query
 * gives the same events on both. */

/* The size of the error message kept on a store handle. */
#define VG_STORE_ERR_BYTES 1024u

/* 1 when a CAMEO actor code is non-empty upper-case letters and digits. */
int vg_store_valid_code(const char *c);
/* Copies a message (cut to fit) into err (VG_STORE_ERR_BYTES). */
void vg_store_set_err(char *err, const char *msg);

/* The WHERE clause of a filter, for either SQL dialect: `dollar` numbers
 * the placeholders $1.. (PostgreSQL) instead of ? (SQLite), and prefix
 * matches are LIKE 'X%' instead of GLOB 'X*'. The actor codes were checked
 * (letters and digits only), so neither pattern has special characters. */
typedef struct vg_where {
    vg_buf sql; /* " AND ..." clauses */
    const char *bind[12];
    int nbind;
    char *pat[3]; /* owned patterns */
} vg_where;
void vg_where_build(vg_where *w, const vigil_filter *f, int dollar);
void vg_where_free(vg_where *w);

/* One (event, mention) row of the query, in the order
 * source, target, code, date, story row id, sentence. */
typedef struct vg_mention_row {
    long long event_id;
    const char *date, *source, *target, *code, *root;
    int quad;
    double goldstein;
    const char *plover;
    long long mention_id;
    long long story_id;
    const char *publisher;
    int hypothetical;
} vg_mention_row;

/* The fields of an event's first mention. */
typedef struct vg_first_mention {
    const char *story, *publisher, *url;
    unsigned sentence;
    const char *speaker;
    vigil_span ev_source, ev_verb, ev_target;
    const char *rule, *text;
} vg_first_mention;

/* The deduplicating merge: rows in, events with counts out. After the
 * rows, the backend reads each event's first mention (by its id) and
 * hands the fields over; finish sorts and returns the list. */
typedef struct vg_merge vg_merge;
vg_merge *vg_merge_new(unsigned window_days);
void vg_merge_add(vg_merge *m, const vg_mention_row *r);
size_t vg_merge_count(const vg_merge *m);
long long vg_merge_first_id(const vg_merge *m, size_t i);
void vg_merge_set_first(vg_merge *m, size_t i, const vg_first_mention *fm);
vigil_event_list *vg_merge_finish(vg_merge *m);
void vg_merge_free(vg_merge *m);

/* ------------------------------------------------ PostgreSQL (store_pg.c)
 * The same operations over libpq. Arguments are checked by store.c before
 * these are called; messages go to `err` (VG_STORE_ERR_BYTES, the store
 * handle's buffer). */
typedef struct vg_pg vg_pg;
/* 1 when the path names a PostgreSQL database (postgresql:// or
 * postgres:// URI, or "pg:" followed by a libpq conninfo string). */
int vg_pg_is_uri(const char *path);
vigil_status vg_pg_open(const char *path, unsigned flags, char *err, vg_pg **out);
int vg_pg_schema_version(const vg_pg *p);
void vg_pg_close(vg_pg *p);
vigil_status vg_pg_put(vg_pg *p, const vigil_doc *doc, const vigil_coder *c);
vigil_status vg_pg_delete(vg_pg *p, const char *story_id);
vigil_status vg_pg_check(vg_pg *p);
vigil_status vg_pg_stories(vg_pg *p, vigil_story_fn fn, void *ud);
vigil_status vg_pg_query(vg_pg *p, const vigil_filter *f, vigil_event_list **out);
vigil_status vg_pg_mentions(vg_pg *p, const vigil_stored_event *e, vigil_mention_fn fn, void *ud);
vigil_status vg_pg_story(vg_pg *p, const char *id, vigil_story_fn info_fn,
                         vigil_sentence_fn sentence_fn, vigil_story_event_fn event_fn, void *ud);

#endif
