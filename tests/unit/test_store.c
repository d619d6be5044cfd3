/*
 * test_store.c — the event store through its public API: calendar helpers,
 * storing and replacing stories, deduplication and its window, filters,
 * migrations, a full database, exports, trends and alerts.
 *
 * Stories are invented (tests/store/dict names the actors) and coded with
 * vigil's own data/ plus that set; the store lives in a temporary file.
 */
#include "harness.h"
#include "store_story.h"
#include "store.h"
#include "vigil.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static vigil_dict *dict;
static vigil_coder *coder;
static char dbpath[64];

static vigil_event_list *query(vigil_store *s, const vigil_filter *f)
{
    vigil_event_list *l = NULL;
    vigil_status rc = vigil_store_query(s, f, &l);
    INT_EQ(rc, VIGIL_OK, "query runs");
    return l;
}

static const vigil_stored_event *find(const vigil_event_list *l, const char *src, const char *tgt,
                                      const char *code)
{
    for (size_t i = 0; i < vigil_event_list_count(l); i++) {
        const vigil_stored_event *e = vigil_event_list_get(l, i);
        if (strcmp(e->source, src) == 0 && strcmp(e->target, tgt) == 0 &&
            strcmp(e->code, code) == 0)
            return e;
    }
    return NULL;
}

static void remove_db(void)
{
    char p[80];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
}

static void test_calendar(void)
{
    long d;
    OK(vg_day_parse("1970-01-01", &d) && d == 0, "epoch is day 0");
    OK(vg_day_parse("2024-02-29", &d), "leap day");
    OK(!vg_day_parse("2023-02-29", &d), "no leap day in 2023");
    OK(!vg_day_parse("2024-13-01", &d), "month 13");
    OK(!vg_day_parse("2024-1-01", &d), "short month");
    OK(!vg_day_parse("2024-01-011", &d), "trailing digit");
    char out[11];
    vg_day_parse("2024-03-01", &d);
    vg_day_format(d - 1, out);
    STR_EQ(out, "2024-02-29", "day before March 1st, 2024");
    vg_day_parse("2024-09-09", &d);
    INT_EQ(vg_day_weekday(d), 0, "2024-09-09 is a Monday");
    vg_day_format(d + 365, out);
    STR_EQ(out, "2025-09-09", "a year later");
}

static void test_put_replace(void)
{
    vigil_store *s;
    INT_EQ(vigil_store_open(dbpath, 0, &s), VIGIL_OK, "open a new store");
    INT_EQ(vigil_store_schema_version(s), 2, "schema version 2");
    const char *text = "Valdoria attacked Karesh near the border. Karesh condemned Valdoria. "
                       "Valdorian troops attacked Karesh again, officials said.";
    INT_EQ(store_story(coder, s, "s1", "2024-03-01", "Wire", text), VIGIL_OK, "store a story");
    INT_EQ(store_story(coder, s, "s1", "2024-03-01", "Wire", text), VIGIL_OK, "store it again");
    vigil_event_list *l = query(s, NULL);
    const vigil_stored_event *e = find(l, "VLD", "KRS", "190");
    OK(e != NULL, "VLD->KRS 190 stored");
    if (e) {
        INT_EQ(e->mentions, 1, "one mention of VLD->KRS 190 after re-ingest");
        INT_EQ(e->stories, 1, "one story");
        STR_EQ(e->story, "s1", "first mention's story");
        OK(e->text && strstr(e->text, "attacked") != NULL, "first mention's sentence");
    }
    OK(find(l, "KRS", "VLD", "111") != NULL, "KRS->VLD 111 stored");
    vigil_event_list_free(l);

    /* Replacing with a different text drops the events only it gave. */
    INT_EQ(
        store_story(coder, s, "s1", "2024-03-01", "Wire", "Orlesia praised Zantor for its help."),
        VIGIL_OK, "replace the story");
    l = query(s, NULL);
    INT_EQ(vigil_event_list_count(l), 1, "only the new story's event remains");
    OK(find(l, "ORL", "ZAN", "051") != NULL, "ORL->ZAN 051");
    vigil_event_list_free(l);
    INT_EQ(vigil_store_check(s), VIGIL_OK, "integrity check after replace");

    /* A story without a valid date is refused and nothing changes. */
    INT_EQ(store_story(coder, s, "bad", "2024-02-30", "Wire", "Valdoria attacked Karesh."),
           VIGIL_ERR_ARG, "bad date refused");
    OK(strstr(vigil_store_errmsg(s), "2024-02-30") != NULL, "message names the date");
    INT_EQ(vigil_store_delete(s, "s1"), VIGIL_OK, "delete a story");
    INT_EQ(vigil_store_delete(s, "s1"), VIGIL_DONE, "delete it again: absent");
    l = query(s, NULL);
    INT_EQ(vigil_event_list_count(l), 0, "no events left");
    vigil_event_list_free(l);
    INT_EQ(vigil_store_check(s), VIGIL_OK, "integrity check after delete");
    vigil_store_close(s);
    remove_db();
}

static void test_dedup_and_filters(void)
{
    vigil_store *s;
    vigil_store_open(dbpath, 0, &s);
    store_story(coder, s, "a", "2024-03-01", "Wire", "Valdoria attacked Karesh near the border.");
    store_story(coder, s, "b", "2024-03-01", "Post",
                "Valdoria attacked Karesh overnight, witnesses said.");
    store_story(coder, s, "c", "2024-03-01", "Wire",
                "Valdoria attacked Karesh. Valdoria attacked Karesh again.");
    store_story(coder, s, "d", "2024-03-02", "Radio", "Valdoria attacked Karesh near the border.");
    store_story(coder, s, "e", "2024-03-05", "Radio", "Orlesia praised Zantor for its help.");

    vigil_event_list *l = query(s, NULL);
    INT_EQ(vigil_event_list_count(l), 3, "same day merged, next day separate");
    const vigil_stored_event *e = vigil_event_list_get(l, 0);
    STR_EQ(e->date, "2024-03-01", "sorted by date");
    INT_EQ(e->mentions, 4, "four mentions (two in story c)");
    INT_EQ(e->stories, 3, "three stories");
    INT_EQ(e->sources, 2, "two publishers");
    STR_EQ(e->story, "a", "first mention from the first story");
    vigil_event_list_free(l);

    vigil_filter f;
    memset(&f, 0, sizeof f);
    f.window_days = 1;
    l = query(s, &f);
    INT_EQ(vigil_event_list_count(l), 2, "a one-day window merges the next day");
    e = vigil_event_list_get(l, 0);
    INT_EQ(e->mentions, 5, "five mentions over two days");
    INT_EQ(e->sources, 3, "three publishers over two days");
    STR_EQ(e->last_date, "2024-03-02", "last day of the merged event");
    vigil_event_list_free(l);

    memset(&f, 0, sizeof f);
    f.actor = "ZAN";
    l = query(s, &f);
    INT_EQ(vigil_event_list_count(l), 1, "--actor matches the target side");
    vigil_event_list_free(l);
    f.actor = "VLD";
    f.from = "2024-03-02";
    f.to = "2024-03-02";
    l = query(s, &f);
    INT_EQ(vigil_event_list_count(l), 1, "--actor with a date range");
    vigil_event_list_free(l);

    memset(&f, 0, sizeof f);
    f.source = "KRS";
    f.target = "VLD";
    l = query(s, &f);
    INT_EQ(vigil_event_list_count(l), 0, "dyad is directed");
    vigil_event_list_free(l);
    f.both_directions = 1;
    l = query(s, &f);
    INT_EQ(vigil_event_list_count(l), 2, "dyad in both directions");
    vigil_event_list_free(l);

    memset(&f, 0, sizeof f);
    f.root = "05";
    l = query(s, &f);
    INT_EQ(vigil_event_list_count(l), 1, "--root");
    vigil_event_list_free(l);
    memset(&f, 0, sizeof f);
    f.quad = 4;
    l = query(s, &f);
    INT_EQ(vigil_event_list_count(l), 2, "--quad 4");
    vigil_event_list_free(l);
    memset(&f, 0, sizeof f);
    f.code = "190";
    f.story = "d";
    l = query(s, &f);
    INT_EQ(vigil_event_list_count(l), 1, "--story");
    vigil_event_list_free(l);

    memset(&f, 0, sizeof f);
    f.actor = "vld*";
    vigil_event_list *bad = NULL;
    INT_EQ(vigil_store_query(s, &f, &bad), VIGIL_ERR_ARG, "bad actor code refused");
    OK(bad == NULL, "no list on error");
    f.actor = NULL;
    f.from = "March";
    INT_EQ(vigil_store_query(s, &f, &bad), VIGIL_ERR_ARG, "bad date refused");

    INT_EQ(vigil_store_check(s), VIGIL_OK, "integrity check");
    vigil_store_close(s);
    remove_db();
}

static void count_mention(void *ud, const vigil_mention *m)
{
    unsigned *n = ud;
    (*n)++;
    OK(m->text[0] != '\0', "mention has its sentence");
}

static void test_mentions(void)
{
    vigil_store *s;
    vigil_store_open(dbpath, 0, &s);
    store_story(coder, s, "a", "2024-03-01", "Wire", "Valdoria attacked Karesh near the border.");
    store_story(coder, s, "b", "2024-03-02", "Post",
                "Valdoria attacked Karesh overnight, witnesses said.");
    vigil_filter f;
    memset(&f, 0, sizeof f);
    f.window_days = 2;
    vigil_event_list *l = query(s, &f);
    unsigned n = 0;
    INT_EQ(vigil_store_mentions(s, vigil_event_list_get(l, 0), count_mention, &n), VIGIL_OK,
           "mentions listed");
    INT_EQ(n, 2, "both mentions of the windowed event");
    vigil_event_list_free(l);
    vigil_store_close(s);
    remove_db();
}

static void test_migration(void)
{
    vigil_store *s;
    vigil_store_open(dbpath, 0, &s);
    store_story(coder, s, "a", "2024-03-01", "Wire", "Valdoria attacked Karesh near the border.");
    vigil_store_close(s);
    /* Turn the file back into a version-1 store: no indexes. */
    sqlite3 *db;
    sqlite3_open(dbpath, &db);
    int rc = sqlite3_exec(db,
                          "DROP INDEX mentions_event; DROP INDEX events_dyad; DROP INDEX "
                          "events_target; DROP INDEX events_date; PRAGMA user_version = 1;",
                          NULL, NULL, NULL);
    INT_EQ(rc, SQLITE_OK, "downgrade to version 1");
    sqlite3_close(db);
    INT_EQ(vigil_store_open(dbpath, VIGIL_STORE_READONLY, &s), VIGIL_ERR_ARG,
           "read-only open of an old store refused");
    OK(strstr(vigil_store_errmsg(s), "upgrade") != NULL, "message says why");
    vigil_store_close(s);
    INT_EQ(vigil_store_open(dbpath, 0, &s), VIGIL_OK, "open migrates");
    INT_EQ(vigil_store_schema_version(s), 2, "now version 2");
    vigil_event_list *l = query(s, NULL);
    INT_EQ(vigil_event_list_count(l), 1, "data kept through the migration");
    vigil_event_list_free(l);
    vigil_store_close(s);

    sqlite3_open(dbpath, &db);
    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(db);
    INT_EQ(vigil_store_open(dbpath, 0, &s), VIGIL_ERR_ARG, "a newer schema is refused");
    OK(strstr(vigil_store_errmsg(s), "newer") != NULL, "message says newer");
    vigil_store_close(s);
    remove_db();

    /* A file that is not a database. */
    FILE *fp = fopen(dbpath, "w");
    fputs("this is not a database, just some text that is long enough to matter\n", fp);
    fclose(fp);
    OK(vigil_store_open(dbpath, 0, &s) == VIGIL_ERR_IO, "a text file is not a store");
    OK(strstr(vigil_store_errmsg(s), "not a database") != NULL, "sqlite's reason kept");
    vigil_store_close(s);
    remove_db();
}

static void test_full(void)
{
    vigil_store *s;
    vigil_store_open(dbpath, 0, &s);
    INT_EQ(store_story(coder, s, "a", "2024-03-01", "Wire",
                       "Valdoria attacked Karesh near the border."),
           VIGIL_OK, "first story");
    vigil_store_set_max_pages(s, 1); /* never below the current size: full now */
    /* A long story needs new pages. */
    size_t n = 0;
    char *big = malloc(200000);
    while (n + 60 < 200000) {
        memcpy(big + n, "Orlesia praised Zantor for its help after the long floods. ", 59);
        n += 59;
    }
    big[n] = '\0';
    vigil_status rc = store_story(coder, s, "b", "2024-03-02", "Wire", big);
    free(big);
    INT_EQ(rc, VIGIL_ERR_IO, "a full database is an I/O error");
    OK(strstr(vigil_store_errmsg(s), "full") != NULL, "message says full");
    vigil_store_set_max_pages(s, 0);
    vigil_event_list *l = query(s, NULL);
    INT_EQ(vigil_event_list_count(l), 1, "the committed story is intact, the failed one absent");
    vigil_event_list_free(l);
    INT_EQ(vigil_store_check(s), VIGIL_OK, "integrity check after the failure");
    INT_EQ(store_story(coder, s, "c", "2024-03-03", "Wire", "Orlesia praised Zantor."), VIGIL_OK,
           "the store works again once there is room");
    vigil_store_close(s);
    remove_db();
}

static size_t count_fields(const char *line, char sep)
{
    size_t n = 1;
    for (; *line && *line != '\n'; line++)
        if (*line == sep) n++;
    return n;
}

static void test_exports(void)
{
    vigil_stored_event e;
    memset(&e, 0, sizeof e);
    e.id = 7;
    memcpy(e.date, "2024-03-01", 11);
    memcpy(e.last_date, "2024-03-01", 11);
    memcpy(e.source, "VLDMIL", 7);
    memcpy(e.target, "IGOUNO", 7);
    memcpy(e.code, "194", 4);
    memcpy(e.root, "19", 3);
    e.quad = 4;
    e.goldstein = -10.0;
    e.plover = "ASSAULT";
    e.mentions = 5;
    e.sources = 3;
    e.stories = 4;
    e.story = "s1";
    e.sentence = 0;
    e.publisher = "Wire";
    e.url = "https://example.org/s1";
    e.speaker = "";
    e.rule = "shell";
    e.text = "Valdorian troops shelled the UN base, \"officials\" said.";
    e.ev_source.start = 0;
    e.ev_source.end = 16;
    e.ev_target.start = 29;
    e.ev_target.end = 31;
    char buf[8192];
    vigil_export fmt;
    INT_EQ(vigil_export_parse("gdelt", &fmt), VIGIL_OK, "parse gdelt");
    INT_EQ(vigil_export_parse("xml", &fmt), VIGIL_ERR_ARG, "unknown format");

    size_t n = vigil_export_format(&e, VIGIL_EXPORT_GDELT, buf, sizeof buf);
    OK(n > 0 && n < sizeof buf, "gdelt line");
    INT_EQ(count_fields(buf, '\t'), 61, "gdelt has 61 columns");
    const char *head = "7\t20240301\t202403\t2024\t2024.1671\tVLDMIL\tVALDORIAN "
                       "TROOPS\tVLD\t\t\t\t\tMIL\t\t\tIGOUNO";
    OK(strncmp(buf, head, strlen(head)) == 0, "gdelt date and actor 1 columns");
    OK(strstr(buf, "\tIGOUNO\tUN\t\tUNO\t") != NULL, "gdelt actor 2 with known group");
    OK(strstr(buf, "\t1\t194\t194\t19\t4\t-10.0\t5\t3\t4\t\t0\t") != NULL,
       "gdelt event columns and counts");
    OK(strstr(buf, "\t20240301000000\thttps://example.org/s1\n") != NULL, "dateadded and url");

    n = vigil_export_format(&e, VIGIL_EXPORT_PHOENIX, buf, sizeof buf);
    INT_EQ(count_fields(buf, '\t'), 26, "phoenix has 26 columns");
    INT_EQ(count_fields(vigil_export_header(VIGIL_EXPORT_PHOENIX), '\t'), 26, "phoenix header");
    OK(strstr(buf, "VLDMIL\tVLD\tMIL\t\tIGOUNO\tIGO\tUNO\t\t194\t19\t4\t-10.0") != NULL,
       "phoenix actors and event");
    n = vigil_export_format(&e, VIGIL_EXPORT_ICEWS, buf, sizeof buf);
    INT_EQ(count_fields(buf, '\t'), 20, "icews has 20 columns");
    INT_EQ(count_fields(vigil_export_header(VIGIL_EXPORT_ICEWS), '\t'), 20, "icews header");
    OK(strstr(buf, "Valdorian troops\tMilitary\tVLD\t") != NULL, "icews source");
    n = vigil_export_format(&e, VIGIL_EXPORT_PLOVER, buf, sizeof buf);
    OK(strstr(buf, "\"event\":\"ASSAULT\"") != NULL, "plover event type");
    OK(strstr(buf, "\"actor\":\"VLDMIL\",\"actor_text\":\"Valdorian troops\"") != NULL,
       "plover actor");
    n = vigil_export_format(&e, VIGIL_EXPORT_CSV, buf, sizeof buf);
    OK(strstr(buf, ",\"Valdorian troops shelled the UN base, \"\"officials\"\" said.\"\n") != NULL,
       "csv quoting");
    INT_EQ(count_fields(vigil_export_header(VIGIL_EXPORT_CSV), ','), 18, "csv header");
    n = vigil_export_format(&e, VIGIL_EXPORT_TSV, buf, sizeof buf);
    INT_EQ(count_fields(buf, '\t'), 18, "tsv columns");
    n = vigil_export_format(&e, VIGIL_EXPORT_JSONL, buf, sizeof buf);
    OK(strstr(buf, "\"mentions\":5,\"sources\":3,\"stories\":4") != NULL, "jsonl counts");
    size_t need = vigil_export_format(&e, VIGIL_EXPORT_JSONL, buf, 10);
    INT_EQ(need, n, "snprintf contract: full length when truncated");
    INT_EQ(strlen(buf), 9, "truncated output is NUL-terminated");
    e.plover = "";
    INT_EQ(vigil_export_format(&e, VIGIL_EXPORT_PLOVER, buf, sizeof buf), 0,
           "plover drops codes without a PLOVER type");

    char p[VIGIL_CODE_MAX];
    vigil_primary_actor("RUSGOVMIL", p, sizeof p);
    STR_EQ(p, "RUS", "primary actor of a country code");
    vigil_primary_actor("IGOEUREECGOV", p, sizeof p);
    STR_EQ(p, "IGOEUREEC", "primary actor of an organisation");
}

static void test_trend_alerts(void)
{
    vigil_store *s;
    vigil_store_open(dbpath, 0, &s);
    char id[32], date[11];
    long d0;
    vg_day_parse("2024-01-01", &d0);
    /* Forty quiet days: one criticism every other day; then a spike. */
    for (int i = 0; i < 40; i++) {
        vg_day_format(d0 + i, date);
        snprintf(id, sizeof id, "q%02d", i);
        store_story(coder, s, id, date, "Wire",
                    i % 2 ? "Karesh condemned Valdoria." : "Orlesia praised Zantor for its help.");
    }
    for (int i = 0; i < 6; i++) {
        snprintf(id, sizeof id, "x%02d", i);
        store_story(coder, s, id, "2024-02-10", i % 2 ? "Wire" : "Post",
                    "Valdorian troops shelled Karesh. Valdoria attacked Karesh.");
    }
    vigil_filter f;
    memset(&f, 0, sizeof f);
    f.source = "VLD";
    f.target = "KRS";
    f.both_directions = 1;
    vigil_event_list *l = query(s, &f);
    vigil_trend_row *rows;
    size_t n;
    INT_EQ(vigil_trend(l, VIGIL_PERIOD_WEEK, NULL, NULL, &rows, &n), VIGIL_OK, "weekly trend");
    STR_EQ(rows[0].start, "2024-01-01", "weeks start on Monday");
    INT_EQ(n, 6, "six weeks from Jan 1 to Feb 10");
    INT_EQ(rows[5].quad[3], 2, "two material conflict events in the last week");
    OK(rows[5].mentions >= 12, "their mentions");
    vigil_free(rows);
    INT_EQ(vigil_trend(l, VIGIL_PERIOD_MONTH, "2024-01-15", "2024-03-31", &rows, &n), VIGIL_OK,
           "monthly trend with a range");
    INT_EQ(n, 3, "three months");
    STR_EQ(rows[2].start, "2024-03-01", "March present though empty");
    INT_EQ(rows[2].events, 0, "March empty");
    vigil_free(rows);
    vigil_event_list_free(l);

    l = query(s, NULL);
    vigil_alert *a;
    INT_EQ(vigil_alerts(l, NULL, &a, &n), VIGIL_OK, "alerts");
    INT_EQ(n, 1, "one alert");
    if (n == 1) {
        STR_EQ(a[0].a, "KRS", "dyad, first actor");
        STR_EQ(a[0].b, "VLD", "dyad, second actor");
        STR_EQ(a[0].date, "2024-02-10", "the spike day");
        STR_EQ(a[0].baseline_from, "2024-01-13", "28-day baseline");
        OK(a[0].z >= 3.0, "z over the threshold");
        INT_EQ(a[0].nevents, 2, "the two events that drove it");
        const vigil_stored_event *top = vigil_event_list_get(l, a[0].events[0]);
        INT_EQ(top->mentions, 6, "largest contribution first");
    }
    vigil_alerts_free(a, n);
    /* Higher thresholds silence it. */
    vigil_alert_params p;
    vigil_alert_params_default(&p);
    p.min_mentions = 100;
    vigil_alerts(l, &p, &a, &n);
    INT_EQ(n, 0, "min mentions respected");
    vigil_alerts_free(a, n);
    vigil_event_list_free(l);
    vigil_store_close(s);
    remove_db();
}

int main(void)
{
    snprintf(dbpath, sizeof dbpath, "/tmp/vigil_test_store_%ld.db", (long)getpid());
    dict = vigil_dict_new();
    OK(vigil_dict_load(dict, "data") == VIGIL_OK, "load data/");
    OK(vigil_dict_load(dict, "tests/store/dict") == VIGIL_OK, "load tests/store/dict");
    coder = vigil_coder_new(dict, 0);
    test_calendar();
    test_put_replace();
    test_dedup_and_filters();
    test_mentions();
    test_migration();
    test_full();
    test_exports();
    test_trend_alerts();
    vigil_coder_free(coder);
    vigil_dict_free(dict);
    TEST_MAIN_END();
}
