/*
 * store.c — the event store: coded stories in SQLite, one transaction per
 * story, and the deduplicating query the other store modules build on.
 *
 * Layout (docs/store.md has the full schema): `stories` (one row per story
 * id), `sentences` (the cleaned sentences), `events` (one row per distinct
 * day, source, target and code: the same-day deduplication is the table's
 * unique key) and `mentions` (one row per sentence that reported an event,
 * with its evidence). Counts are never stored: they are computed from the
 * mentions when asked, so replacing a story can never leave a stale count.
 *
 * Durability: the database runs in WAL mode with synchronous=NORMAL, in
 * which a committed transaction survives the death of the process (kill -9)
 * and only a power cut may roll back the last commits. Each story is one
 * BEGIN IMMEDIATE ... COMMIT; any error rolls it back, so a story is in the
 * store whole or not at all.
 *
 * Schema versions live in PRAGMA user_version; `migrations` below brings a
 * database of any older version up to date, one transaction per step.
 *
 * Wider deduplication windows (N days) are applied at query time: the
 * query reads mentions ordered by (source, target, code, date) and chains
 * days no further than N days from the first day of the group.
 *
 * PostgreSQL: a path that is a PostgreSQL URI opens a store of
 * store_pg.c instead. Every public function checks its arguments here and
 * then hands a PostgreSQL store over to the vg_pg_* function of the same
 * name; the WHERE clause of a filter (vg_where) and the deduplicating
 * merge (vg_merge) are built here for both, so the backends cannot differ
 * in what a query selects or how it counts.
 */
#include "store.h"

#include "alloc.h"
#include "buf.h"
#include "vigil.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* The error message kept on the handle. */
#define STORE_ERR_BYTES VG_STORE_ERR_BYTES
/* How long a writer waits for another one to finish (milliseconds). */
#define STORE_BUSY_MS 10000

/* Each entry moves the schema from version i to i + 1. Never edit an entry
 * that has shipped: add a new one. */
static const char *const migrations[] = {
    /* 0 -> 1: the tables. */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE stories("
    " id INTEGER PRIMARY KEY,"
    " key TEXT NOT NULL UNIQUE,"
    " date TEXT NOT NULL,"
    " source TEXT NOT NULL DEFAULT '',"
    " url TEXT NOT NULL DEFAULT '',"
    " ingested TEXT NOT NULL);"
    "CREATE TABLE sentences("
    " story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " PRIMARY KEY(story, idx)) WITHOUT ROWID;"
    "CREATE TABLE events("
    " id INTEGER PRIMARY KEY,"
    " date TEXT NOT NULL,"
    " source TEXT NOT NULL,"
    " target TEXT NOT NULL,"
    " code TEXT NOT NULL,"
    " root TEXT NOT NULL,"
    " quad INTEGER NOT NULL,"
    " goldstein REAL NOT NULL,"
    " plover TEXT NOT NULL DEFAULT '',"
    " UNIQUE(date, source, target, code));"
    "CREATE TABLE mentions("
    " id INTEGER PRIMARY KEY,"
    " event INTEGER NOT NULL REFERENCES events(id),"
    " story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,"
    " sentence INTEGER NOT NULL,"
    " hypothetical INTEGER NOT NULL DEFAULT 0,"
    " speaker TEXT NOT NULL DEFAULT '',"
    " src_start INTEGER, src_end INTEGER,"
    " verb_start INTEGER, verb_end INTEGER,"
    " tgt_start INTEGER, tgt_end INTEGER,"
    " rule TEXT NOT NULL DEFAULT '',"
    " rule_where TEXT NOT NULL DEFAULT '',"
    " UNIQUE(story, sentence, event));"
    "INSERT INTO meta VALUES('created_by', 'vigil " VIGIL_VERSION "');",
    /* 1 -> 2: the indexes the queries use (a separate step so the
     * migration path is exercised by the tests from version 1). */
    "CREATE INDEX mentions_event ON mentions(event);"
    "CREATE INDEX events_dyad ON events(source, target, code, date);"
    "CREATE INDEX events_target ON events(target, date);"
    "CREATE INDEX events_date ON events(date);",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

/* Prepared statements kept for the life of the handle. */
enum {
    ST_FIND_STORY,
    ST_STORY_EVENTS,
    ST_DELETE_STORY,
    ST_DELETE_ORPHAN,
    ST_INSERT_STORY,
    ST_INSERT_SENTENCE,
    ST_UPSERT_EVENT,
    ST_INSERT_MENTION,
    ST_FIRST_MENTION,
    ST_COUNT
};

static const char *const statement_sql[ST_COUNT] = {
    "SELECT id FROM stories WHERE key = ?1",
    "SELECT DISTINCT event FROM mentions WHERE story = ?1",
    "DELETE FROM stories WHERE id = ?1",
    "DELETE FROM events WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM mentions WHERE event = ?1)",
    "INSERT INTO stories(key, date, source, url, ingested) "
    "VALUES(?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    "INSERT INTO sentences(story, idx, text) VALUES(?1, ?2, ?3)",
    "INSERT INTO events(date, source, target, code, root, quad, goldstein, plover) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT(date, source, target, code) DO UPDATE SET quad = excluded.quad RETURNING id",
    "INSERT OR IGNORE INTO mentions(event, story, sentence, hypothetical, speaker, src_start, "
    "src_end, verb_start, verb_end, tgt_start, tgt_end, rule, rule_where) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    "SELECT st.key, st.source, st.url, m.sentence, m.speaker, m.src_start, m.src_end, "
    "m.verb_start, m.verb_end, m.tgt_start, m.tgt_end, m.rule, se.text "
    "FROM mentions m JOIN stories st ON st.id = m.story "
    "LEFT JOIN sentences se ON se.story = m.story AND se.idx = m.sentence WHERE m.id = ?1",
};

struct vigil_store {
    sqlite3 *db;
    vg_pg *pg; /* set instead of db for a PostgreSQL store (store_pg.c) */
    int version;
    int readonly;
    sqlite3_stmt *st[ST_COUNT];
    char err[STORE_ERR_BYTES];
};

/* ------------------------------------------------------------ calendar */

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, integer only. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

int vg_day_parse(const char *s, long *out)
{
    if (!s) return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-') return 0;
        } else if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    if (s[10] != '\0') return 0;
    long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
    unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
    static const unsigned mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) return 0;
    *out = days_from_civil(y, m, d);
    return 1;
}

void vg_day_format(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 0 || y > 9999) y = 0;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int vg_day_weekday(long day)
{
    /* 1970-01-01 was a Thursday (3 counting from Monday = 0). */
    long w = (day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* ------------------------------------------------------------- helpers */

void vg_store_set_err(char *err, const char *what)
{
    vg_buf b;
    vg_buf_init(&b, STORE_ERR_BYTES - 1);
    vg_buf_puts(&b, what);
    size_t n = b.len < STORE_ERR_BYTES - 1 ? b.len : STORE_ERR_BYTES - 1;
    if (n) memcpy(err, b.ptr, n);
    err[n] = '\0';
    vg_buf_free(&b);
}

static void set_err(vigil_store *s, const char *what)
{
    vg_store_set_err(s->err, what);
}

/* Records "context: sqlite's message" and maps SQLite's code to ours. */
static vigil_status sql_fail(vigil_store *s, const char *context)
{
    vg_buf b;
    vg_buf_init(&b, STORE_ERR_BYTES - 1);
    int code = sqlite3_extended_errcode(s->db);
    vg_buf_printf(&b, "%s: %s", context, sqlite3_errmsg(s->db));
    if ((code & 0xff) == SQLITE_FULL) vg_buf_puts(&b, " (disk or database full)");
    set_err(s, b.ptr ? b.ptr : context);
    vg_buf_free(&b);
    return VIGIL_ERR_IO;
}

static int exec(vigil_store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static void rollback(vigil_store *s)
{
    /* After some errors (SQLITE_FULL, IOERR) SQLite has already rolled the
     * transaction back; a second ROLLBACK then fails harmlessly. */
    if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static void copy_code(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* ---------------------------------------------------------- open/close */

static vigil_status migrate(vigil_store *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return sql_fail(s, "reading the schema version");
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (v > SCHEMA_VERSION) {
        vg_buf b;
        vg_buf_init(&b, STORE_ERR_BYTES - 1);
        vg_buf_printf(&b, "schema version %d is newer than this vigil's (%d)", v, SCHEMA_VERSION);
        set_err(s, b.ptr);
        vg_buf_free(&b);
        return VIGIL_ERR_ARG;
    }
    if (v < SCHEMA_VERSION && s->readonly) {
        set_err(s, "the store needs a schema upgrade: open it once for writing (vigil ingest)");
        return VIGIL_ERR_ARG;
    }
    while (v < SCHEMA_VERSION) {
        if (!exec(s, "BEGIN IMMEDIATE")) return sql_fail(s, "starting a migration");
        vg_buf b;
        vg_buf_init(&b, 1u << 20);
        vg_buf_printf(&b, "%s PRAGMA user_version = %d;", migrations[v], v + 1);
        int ok = exec(s, b.ptr);
        vg_buf_free(&b);
        if (!ok || !exec(s, "COMMIT")) {
            vigil_status rc = sql_fail(s, "migrating the schema");
            rollback(s);
            return rc;
        }
        v++;
    }
    s->version = v;
    return VIGIL_OK;
}

vigil_status vigil_store_open(const char *path, unsigned flags, vigil_store **out)
{
    *out = NULL;
    if (!path || !*path) return VIGIL_ERR_ARG;
    vigil_store *s = vg_calloc(1, sizeof *s);
    *out = s;
    s->readonly = (flags & VIGIL_STORE_READONLY) != 0;
    if (vg_pg_is_uri(path)) {
        vigil_status rc = vg_pg_open(path, flags, s->err, &s->pg);
        if (rc == VIGIL_OK) s->version = vg_pg_schema_version(s->pg);
        return rc;
    }
    int oflags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
        vg_buf b;
        vg_buf_init(&b, STORE_ERR_BYTES - 1);
        vg_buf_printf(&b, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        set_err(s, b.ptr);
        vg_buf_free(&b);
        return VIGIL_ERR_IO;
    }
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    sqlite3_extended_result_codes(s->db, 1);
    /* Reading the schema first tells a file that is not a database apart
     * from one that is (SQLite opens lazily). */
    if (!exec(s, "SELECT count(*) FROM sqlite_schema")) return sql_fail(s, path);
    if (!s->readonly) {
        if (!exec(s, "PRAGMA journal_mode = WAL")) return sql_fail(s, "setting WAL mode");
        if (!exec(s, (flags & VIGIL_STORE_NO_SYNC) ? "PRAGMA synchronous = OFF"
                                                   : "PRAGMA synchronous = NORMAL"))
            return sql_fail(s, "setting synchronous");
    }
    if (!exec(s, "PRAGMA foreign_keys = ON")) return sql_fail(s, "enabling foreign keys");
    vigil_status rc = migrate(s);
    if (rc != VIGIL_OK) return rc;
    for (int i = 0; i < ST_COUNT; i++) {
        if (s->readonly && i != ST_FIRST_MENTION && i != ST_FIND_STORY) continue;
        if (sqlite3_prepare_v3(s->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i],
                               NULL) != SQLITE_OK)
            return sql_fail(s, "preparing statements");
    }
    return VIGIL_OK;
}

const char *vigil_store_errmsg(const vigil_store *s)
{
    return s ? s->err : "no store";
}

int vigil_store_schema_version(const vigil_store *s)
{
    return s ? s->version : 0;
}

void vigil_store_set_max_pages(vigil_store *s, unsigned long pages)
{
    if (!s || !s->db) return;
    vg_buf b;
    vg_buf_init(&b, 128);
    /* SQLite never lowers the cap below the current size, and "0" leaves
     * it unchanged, so "no cap" is its largest value. */
    vg_buf_printf(&b, "PRAGMA max_page_count = %lu", pages ? pages : 4294967294ul);
    exec(s, b.ptr);
    vg_buf_free(&b);
}

void vigil_store_close(vigil_store *s)
{
    if (!s) return;
    vg_pg_close(s->pg);
    for (int i = 0; i < ST_COUNT; i++) sqlite3_finalize(s->st[i]);
    if (s->db) sqlite3_close_v2(s->db);
    vg_free(s);
}

/* --------------------------------------------------------------- write */

/* Deletes the story with row id `sid` (its sentences and mentions go with
 * it) and returns the ids of the events it mentioned in *ids, so the caller
 * can drop those left without a mention once the new version of the story
 * is in: an event the new version reports again keeps its id. Runs inside
 * the caller's transaction. */
static int delete_story_rows(vigil_store *s, sqlite3_int64 sid, sqlite3_int64 **ids, size_t *n)
{
    size_t cap = 0;
    sqlite3_stmt *st = s->st[ST_STORY_EVENTS];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, sid);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        VG_PUSH(*ids, *n, cap, sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    int ok = rc == SQLITE_DONE;
    if (ok) {
        st = s->st[ST_DELETE_STORY];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, sid);
        ok = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
    }
    return ok;
}

/* Deletes those of the events `ids` that no mention reports any more. */
static int delete_orphans(vigil_store *s, const sqlite3_int64 *ids, size_t n)
{
    int ok = 1;
    for (size_t i = 0; ok && i < n; i++) {
        sqlite3_stmt *st = s->st[ST_DELETE_ORPHAN];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, ids[i]);
        ok = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
    }
    return ok;
}

/* Finds a story's row id: 1 found, 0 absent, -1 error. */
static int find_story(vigil_store *s, const char *key, sqlite3_int64 *sid)
{
    sqlite3_stmt *st = s->st[ST_FIND_STORY];
    sqlite3_reset(st);
    bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *sid = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int insert_event(vigil_store *s, sqlite3_int64 sid, const vigil_event *e)
{
    sqlite3_stmt *st = s->st[ST_UPSERT_EVENT];
    sqlite3_reset(st);
    bind_text(st, 1, e->date);
    bind_text(st, 2, e->source);
    bind_text(st, 3, e->target);
    bind_text(st, 4, e->code);
    bind_text(st, 5, e->root);
    sqlite3_bind_int(st, 6, e->quad);
    sqlite3_bind_double(st, 7, e->goldstein);
    bind_text(st, 8, e->plover);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_int64 eid = sqlite3_column_int64(st, 0);
    /* The RETURNING row must be stepped to the end before the next write. */
    int ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
    if (!ok) return 0;

    st = s->st[ST_INSERT_MENTION];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, eid);
    sqlite3_bind_int64(st, 2, sid);
    sqlite3_bind_int(st, 3, (int)e->sentence);
    sqlite3_bind_int(st, 4, e->hypothetical ? 1 : 0);
    bind_text(st, 5, e->speaker);
    const vigil_span sp[3] = {e->ev_source, e->ev_verb, e->ev_target};
    for (int i = 0; i < 3; i++) {
        /* (0,0) means "no evidence in this sentence" (see output.c). */
        if (sp[i].start == 0 && sp[i].end == 0) {
            sqlite3_bind_null(st, 6 + 2 * i);
            sqlite3_bind_null(st, 7 + 2 * i);
        } else {
            sqlite3_bind_int64(st, 6 + 2 * i, sp[i].start);
            sqlite3_bind_int64(st, 7 + 2 * i, sp[i].end);
        }
    }
    bind_text(st, 12, e->rule);
    bind_text(st, 13, e->rule_where);
    ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
    return ok;
}

int vg_store_valid_code(const char *c)
{
    if (!*c) return 0;
    for (; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))) return 0;
    return 1;
}

vigil_status vigil_store_put(vigil_store *s, const vigil_doc *doc, const vigil_coder *c)
{
    if (!s || !doc || !c) return VIGIL_ERR_ARG;
    if (s->readonly) {
        set_err(s, "the store is open read-only");
        return VIGIL_ERR_ARG;
    }
    const char *key = vigil_doc_id(doc);
    long day;
    vg_buf msg;
    vg_buf_init(&msg, STORE_ERR_BYTES - 1);
    vigil_status rc = VIGIL_OK;
    if (!*key) {
        set_err(s, "a story without an id cannot be stored");
        rc = VIGIL_ERR_ARG;
    } else if (!vg_day_parse(vigil_doc_date(doc), &day)) {
        vg_buf_printf(&msg, "story '%s': date '%s' is not YYYY-MM-DD; not stored", key,
                      vigil_doc_date(doc));
        set_err(s, msg.ptr);
        rc = VIGIL_ERR_ARG;
    }
    vg_buf_free(&msg);
    if (rc != VIGIL_OK) return rc;
    if (s->pg) return vg_pg_put(s->pg, doc, c);

    vg_buf ctx;
    vg_buf_init(&ctx, STORE_ERR_BYTES - 1);
    vg_buf_printf(&ctx, "storing story '%s'", key);
    if (!exec(s, "BEGIN IMMEDIATE")) {
        rc = sql_fail(s, ctx.ptr);
        vg_buf_free(&ctx);
        return rc;
    }
    sqlite3_int64 sid = 0, *old = NULL;
    size_t nold = 0;
    int found = find_story(s, key, &sid);
    int ok = found >= 0;
    if (ok && found) ok = delete_story_rows(s, sid, &old, &nold);
    if (ok) {
        sqlite3_stmt *st = s->st[ST_INSERT_STORY];
        sqlite3_reset(st);
        bind_text(st, 1, key);
        bind_text(st, 2, vigil_doc_date(doc));
        bind_text(st, 3, vigil_doc_source(doc));
        bind_text(st, 4, vigil_doc_url(doc));
        ok = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
        sid = sqlite3_last_insert_rowid(s->db);
    }
    size_t len;
    const char *text = vigil_doc_text(doc, &len);
    size_t ns = vigil_doc_sentence_count(doc);
    for (size_t i = 0; ok && i < ns; i++) {
        vigil_span sp = vigil_doc_sentence(doc, i);
        if (sp.end > len || sp.start > sp.end) sp.start = sp.end = 0;
        sqlite3_stmt *st = s->st[ST_INSERT_SENTENCE];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, sid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, text + sp.start, (int)(sp.end - sp.start), SQLITE_TRANSIENT);
        ok = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
    }
    size_t ne = vigil_coder_event_count(c);
    for (size_t i = 0; ok && i < ne; i++) {
        const vigil_event *e = vigil_coder_event(c, i);
        /* Negated events are reports that something did not happen: they
         * are not events of the series. Events missing an actor (coded
         * under --no-dyad) belong to no dyad either. */
        if (e->negated || !vg_store_valid_code(e->source) || !vg_store_valid_code(e->target))
            continue;
        ok = insert_event(s, sid, e);
    }
    if (ok) ok = delete_orphans(s, old, nold);
    vg_free(old);
    if (ok) ok = exec(s, "COMMIT");
    if (!ok) {
        rc = sql_fail(s, ctx.ptr);
        rollback(s);
    }
    vg_buf_free(&ctx);
    return rc;
}

vigil_status vigil_store_delete(vigil_store *s, const char *story_id)
{
    if (!s || !story_id) return VIGIL_ERR_ARG;
    if (s->readonly) {
        set_err(s, "the store is open read-only");
        return VIGIL_ERR_ARG;
    }
    if (s->pg) return vg_pg_delete(s->pg, story_id);
    if (!exec(s, "BEGIN IMMEDIATE")) return sql_fail(s, "deleting a story");
    sqlite3_int64 sid = 0, *old = NULL;
    size_t nold = 0;
    int found = find_story(s, story_id, &sid);
    int ok = found >= 0;
    if (ok && found) ok = delete_story_rows(s, sid, &old, &nold);
    if (ok) ok = delete_orphans(s, old, nold);
    vg_free(old);
    if (ok) ok = exec(s, "COMMIT");
    if (!ok) {
        vigil_status rc = sql_fail(s, "deleting a story");
        rollback(s);
        return rc;
    }
    return found ? VIGIL_OK : VIGIL_DONE;
}

/* --------------------------------------------------------------- check */

vigil_status vigil_store_check(vigil_store *s)
{
    if (!s) return VIGIL_ERR_ARG;
    if (s->pg) return vg_pg_check(s->pg);
    static const char *const checks[] = {
        "PRAGMA integrity_check",
        "SELECT 'foreign key: ' || \"table\" || ' row ' || rowid FROM pragma_foreign_key_check",
        "SELECT 'event ' || id || ' has no mention' FROM events e "
        "WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event = e.id)",
        "SELECT 'mention ' || m.id || ' points to a missing sentence' FROM mentions m "
        "WHERE NOT EXISTS (SELECT 1 FROM sentences se WHERE se.story = m.story AND se.idx = "
        "m.sentence)",
    };
    vg_buf b;
    vg_buf_init(&b, STORE_ERR_BYTES - 1);
    int problems = 0;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s->db, checks[i], -1, &st, NULL) != SQLITE_OK) {
            vg_buf_free(&b);
            return sql_fail(s, "checking the store");
        }
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *t = col_text(st, 0);
            if (i == 0 && strcmp(t, "ok") == 0) continue;
            if (problems++ < 8) vg_buf_printf(&b, "%s%s", b.len ? "; " : "", t);
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            vg_buf_free(&b);
            return sql_fail(s, "checking the store");
        }
    }
    if (problems)
        set_err(s, b.ptr);
    else
        set_err(s, "ok");
    vg_buf_free(&b);
    return problems ? VIGIL_ERR_SYNTAX : VIGIL_OK;
}

vigil_status vigil_store_stories(vigil_store *s, vigil_story_fn fn, void *ud)
{
    if (!s || !fn) return VIGIL_ERR_ARG;
    if (s->pg) return vg_pg_stories(s->pg, fn, ud);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT key, date, source, "
                           "(SELECT count(*) FROM sentences WHERE story = s.id), "
                           "(SELECT count(*) FROM mentions WHERE story = s.id) "
                           "FROM stories s ORDER BY key",
                           -1, &st, NULL) != SQLITE_OK)
        return sql_fail(s, "listing stories");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        vigil_story_info info = {col_text(st, 0), col_text(st, 1), col_text(st, 2),
                                 (unsigned)sqlite3_column_int(st, 3),
                                 (unsigned)sqlite3_column_int(st, 4)};
        fn(ud, &info);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? VIGIL_OK : sql_fail(s, "listing stories");
}

/* --------------------------------------------------------------- query */

struct vigil_event_list {
    vigil_stored_event *ev;
    size_t n, cap;
};

/* The strings of a stored event are owned by it (vg_strdup). */
static void free_event_strings(vigil_stored_event *e)
{
    vg_free((char *)e->plover);
    vg_free((char *)e->story);
    vg_free((char *)e->publisher);
    vg_free((char *)e->url);
    vg_free((char *)e->speaker);
    vg_free((char *)e->rule);
    vg_free((char *)e->text);
}

size_t vigil_event_list_count(const vigil_event_list *l)
{
    return l ? l->n : 0;
}

const vigil_stored_event *vigil_event_list_get(const vigil_event_list *l, size_t i)
{
    return l && i < l->n ? &l->ev[i] : NULL;
}

void vigil_event_list_free(vigil_event_list *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) free_event_strings(&l->ev[i]);
    vg_free(l->ev);
    vg_free(l);
}

/* Checks an actor prefix: CAMEO codes are upper-case letters and digits,
 * which also keeps GLOB's special characters out of the pattern. */
static int check_prefix(vigil_store *s, const char *what, const char *v)
{
    if (!v) return 1;
    if (vg_store_valid_code(v)) return 1;
    vg_buf b;
    vg_buf_init(&b, STORE_ERR_BYTES - 1);
    vg_buf_printf(&b, "%s '%s': actor codes are upper-case letters and digits", what, v);
    set_err(s, b.ptr);
    vg_buf_free(&b);
    return 0;
}

static int check_date(vigil_store *s, const char *what, const char *v)
{
    long d;
    if (!v || vg_day_parse(v, &d)) return 1;
    vg_buf b;
    vg_buf_init(&b, STORE_ERR_BYTES - 1);
    vg_buf_printf(&b, "%s '%s' is not a YYYY-MM-DD date", what, v);
    set_err(s, b.ptr);
    vg_buf_free(&b);
    return 0;
}

/* Builds the WHERE clause of a filter; `bind` lists the values in order. */
static void add_bind(vg_where *w, int dollar, const char *before, const char *after, const char *v)
{
    vg_buf_puts(&w->sql, before);
    w->bind[w->nbind++] = v;
    if (dollar)
        vg_buf_printf(&w->sql, "$%d", w->nbind);
    else
        vg_buf_puts(&w->sql, "?");
    vg_buf_puts(&w->sql, after);
}

/* A prefix pattern: "RUS" -> "RUS*" (GLOB) or "RUS%" (LIKE). */
static char *prefix_pattern(const char *prefix, int dollar)
{
    size_t n = strlen(prefix);
    char *g = vg_malloc(n + 2);
    memcpy(g, prefix, n);
    g[n] = dollar ? '%' : '*';
    g[n + 1] = '\0';
    return g;
}

void vg_where_build(vg_where *w, const vigil_filter *f, int dollar)
{
    memset(w, 0, sizeof *w);
    vg_buf_init(&w->sql, 1u << 16);
    vg_buf_puts(&w->sql, "");
    const char *match = dollar ? " LIKE " : " GLOB ";
    if (f->from) add_bind(w, dollar, " AND e.date >= ", "", f->from);
    if (f->to) add_bind(w, dollar, " AND e.date <= ", "", f->to);
    vg_buf b;
    vg_buf_init(&b, 64);
    if (f->actor) {
        w->pat[0] = prefix_pattern(f->actor, dollar);
        vg_buf_printf(&b, " AND (e.source%s", match);
        add_bind(w, dollar, b.ptr, "", w->pat[0]);
        vg_buf_reset(&b);
        vg_buf_printf(&b, " OR e.target%s", match);
        add_bind(w, dollar, b.ptr, ")", w->pat[0]);
        vg_buf_reset(&b);
    }
    if (f->source || f->target) {
        w->pat[1] = prefix_pattern(f->source ? f->source : "", dollar);
        w->pat[2] = prefix_pattern(f->target ? f->target : "", dollar);
        for (int dir = 0; dir < (f->both_directions ? 2 : 1); dir++) {
            vg_buf_printf(&b, "%s(e.source%s", dir ? " OR " : " AND (", match);
            add_bind(w, dollar, b.ptr, "", w->pat[1 + dir]);
            vg_buf_reset(&b);
            vg_buf_printf(&b, " AND e.target%s", match);
            add_bind(w, dollar, b.ptr, ")", w->pat[2 - dir]);
            vg_buf_reset(&b);
        }
        vg_buf_puts(&w->sql, ")");
    }
    vg_buf_free(&b);
    if (f->code) add_bind(w, dollar, " AND e.code = ", "", f->code);
    if (f->root) add_bind(w, dollar, " AND e.root = ", "", f->root);
    /* The quad is passed as text like the other values, and cast. */
    static const char *const quads[5] = {"0", "1", "2", "3", "4"};
    if (f->quad)
        add_bind(w, dollar, " AND e.quad = CAST(", " AS INTEGER)",
                 quads[f->quad >= 1 && f->quad <= 4 ? f->quad : 0]);
    if (f->story)
        add_bind(w, dollar,
                 " AND e.id IN (SELECT m2.event FROM mentions m2 JOIN stories s2 ON s2.id = "
                 "m2.story WHERE s2.key = ",
                 ")", f->story);
}

void vg_where_free(vg_where *w)
{
    for (int i = 0; i < 3; i++) vg_free(w->pat[i]);
    vg_buf_free(&w->sql);
}

/* Per-cluster accumulation of distinct stories and publishers. */
typedef struct cluster {
    long long *stories;
    size_t nst, capst;
    char **pubs;
    size_t npub, cappub;
} cluster;

static void cluster_reset(cluster *c)
{
    for (size_t i = 0; i < c->npub; i++) vg_free(c->pubs[i]);
    c->nst = c->npub = 0;
}

static void cluster_add(cluster *c, long long story, const char *pub)
{
    size_t i;
    for (i = 0; i < c->nst; i++)
        if (c->stories[i] == story) break;
    if (i == c->nst) VG_PUSH(c->stories, c->nst, c->capst, story);
    for (i = 0; i < c->npub; i++)
        if (strcmp(c->pubs[i], pub) == 0) break;
    if (i == c->npub) VG_PUSH(c->pubs, c->npub, c->cappub, vg_strdup(pub));
}

static int cmp_events(const void *a, const void *b)
{
    const vigil_stored_event *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    if (!c) c = strcmp(x->source, y->source);
    if (!c) c = strcmp(x->target, y->target);
    if (!c) c = strcmp(x->code, y->code);
    return c;
}

/* The merge in progress: the list built so far, the open cluster, and the
 * id of each event's first mention. */
struct vg_merge {
    vigil_event_list *l;
    unsigned window;
    cluster c;
    vigil_stored_event *cur;
    long cur_day;
    long long *first;
    size_t nfirst, capfirst;
};

vg_merge *vg_merge_new(unsigned window_days)
{
    vg_merge *m = vg_calloc(1, sizeof *m);
    m->l = vg_calloc(1, sizeof *m->l);
    m->window = window_days;
    return m;
}

static void close_cluster(vg_merge *m)
{
    if (m->cur) {
        m->cur->stories = (unsigned)m->c.nst;
        m->cur->sources = (unsigned)m->c.npub;
    }
    cluster_reset(&m->c);
}

/* Rows come ordered by source, target, code, date, story, sentence: a row
 * joins the open event when it has the same dyad and code and falls within
 * the window of the event's first day. */
void vg_merge_add(vg_merge *m, const vg_mention_row *r)
{
    long day = 0;
    vg_day_parse(r->date, &day);
    vigil_stored_event *cur = m->cur;
    int same = cur && strcmp(cur->source, r->source) == 0 && strcmp(cur->target, r->target) == 0 &&
               strcmp(cur->code, r->code) == 0 && day - m->cur_day <= (long)m->window;
    if (!same) {
        close_cluster(m);
        vigil_event_list *l = m->l;
        vg_grow((void **)&l->ev, &l->cap, l->n + 1, sizeof *l->ev);
        cur = m->cur = &l->ev[l->n++];
        memset(cur, 0, sizeof *cur);
        cur->id = r->event_id;
        copy_code(cur->date, sizeof cur->date, r->date);
        copy_code(cur->source, sizeof cur->source, r->source);
        copy_code(cur->target, sizeof cur->target, r->target);
        copy_code(cur->code, sizeof cur->code, r->code);
        copy_code(cur->root, sizeof cur->root, r->root);
        cur->quad = r->quad;
        cur->goldstein = r->goldstein;
        cur->plover = vg_strdup(r->plover);
        cur->hypothetical = 1;
        m->cur_day = day;
        VG_PUSH(m->first, m->nfirst, m->capfirst, r->mention_id);
    }
    copy_code(cur->last_date, sizeof cur->last_date, r->date);
    cur->mentions++;
    if (!r->hypothetical) cur->hypothetical = 0;
    cluster_add(&m->c, r->story_id, r->publisher);
}

size_t vg_merge_count(const vg_merge *m)
{
    return m->l->n;
}

long long vg_merge_first_id(const vg_merge *m, size_t i)
{
    return m->first[i];
}

void vg_merge_set_first(vg_merge *m, size_t i, const vg_first_mention *fm)
{
    vigil_stored_event *e = &m->l->ev[i];
    e->story = vg_strdup(fm->story);
    e->publisher = vg_strdup(fm->publisher);
    e->url = vg_strdup(fm->url);
    e->sentence = fm->sentence;
    e->speaker = vg_strdup(fm->speaker);
    e->ev_source = fm->ev_source;
    e->ev_verb = fm->ev_verb;
    e->ev_target = fm->ev_target;
    e->rule = vg_strdup(fm->rule);
    e->text = vg_strdup(fm->text);
}

static void merge_free_parts(vg_merge *m)
{
    cluster_reset(&m->c);
    vg_free(m->c.stories);
    vg_free(m->c.pubs);
    vg_free(m->first);
    vg_free(m);
}

vigil_event_list *vg_merge_finish(vg_merge *m)
{
    close_cluster(m);
    vigil_event_list *l = m->l;
    merge_free_parts(m);
    if (l->n > 1) qsort(l->ev, l->n, sizeof *l->ev, cmp_events);
    return l;
}

void vg_merge_free(vg_merge *m)
{
    if (!m) return;
    vigil_event_list_free(m->l);
    merge_free_parts(m);
}

static vigil_span span_of(sqlite3_stmt *st, int i)
{
    vigil_span sp = {0, 0};
    if (sqlite3_column_type(st, i) != SQLITE_NULL) {
        sp.start = (uint32_t)sqlite3_column_int64(st, i);
        sp.end = (uint32_t)sqlite3_column_int64(st, i + 1);
    }
    return sp;
}

/* Fills the first-mention fields of event i from mention row `mid`. */
static int fill_first_mention(vigil_store *s, vg_merge *m, size_t i, sqlite3_int64 mid)
{
    sqlite3_stmt *st = s->st[ST_FIRST_MENTION];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, mid);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        vg_first_mention fm = {
            col_text(st, 0),  col_text(st, 1), col_text(st, 2), (unsigned)sqlite3_column_int(st, 3),
            col_text(st, 4),  span_of(st, 5),  span_of(st, 7),  span_of(st, 9),
            col_text(st, 11), col_text(st, 12)};
        vg_merge_set_first(m, i, &fm);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW;
}

vigil_status vigil_store_query(vigil_store *s, const vigil_filter *f, vigil_event_list **out)
{
    *out = NULL;
    if (!s) return VIGIL_ERR_ARG;
    vigil_filter none;
    memset(&none, 0, sizeof none);
    if (!f) f = &none;
    if (!check_date(s, "--from", f->from) || !check_date(s, "--to", f->to) ||
        !check_prefix(s, "--actor", f->actor) || !check_prefix(s, "dyad source", f->source) ||
        !check_prefix(s, "dyad target", f->target))
        return VIGIL_ERR_ARG;
    if (s->pg) return vg_pg_query(s->pg, f, out);

    vg_where w;
    vg_where_build(&w, f, 0);
    vg_buf sql;
    vg_buf_init(&sql, 1u << 16);
    vg_buf_printf(&sql,
                  "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.quad, "
                  "e.goldstein, e.plover, m.id, m.story, st.source, m.hypothetical "
                  "FROM events e JOIN mentions m ON m.event = e.id "
                  "JOIN stories st ON st.id = m.story WHERE 1%s"
                  " ORDER BY e.source, e.target, e.code, e.date, m.story, m.sentence",
                  w.sql.ptr);

    sqlite3_stmt *st = NULL;
    vigil_status rc = VIGIL_OK;
    vg_merge *m = NULL;
    if (sqlite3_prepare_v2(s->db, sql.ptr, -1, &st, NULL) != SQLITE_OK) {
        rc = sql_fail(s, "querying events");
        goto done;
    }
    for (int i = 0; i < w.nbind; i++) bind_text(st, i + 1, w.bind[i]);

    m = vg_merge_new(f->window_days);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        vg_mention_row r = {sqlite3_column_int64(st, 0),
                            col_text(st, 1),
                            col_text(st, 2),
                            col_text(st, 3),
                            col_text(st, 4),
                            col_text(st, 5),
                            sqlite3_column_int(st, 6),
                            sqlite3_column_double(st, 7),
                            col_text(st, 8),
                            sqlite3_column_int64(st, 9),
                            sqlite3_column_int64(st, 10),
                            col_text(st, 11),
                            sqlite3_column_int(st, 12)};
        vg_merge_add(m, &r);
    }
    if (step != SQLITE_DONE) {
        rc = sql_fail(s, "querying events");
        goto done;
    }
    for (size_t i = 0; i < vg_merge_count(m); i++) {
        if (!fill_first_mention(s, m, i, vg_merge_first_id(m, i))) {
            rc = sql_fail(s, "reading a mention");
            goto done;
        }
    }
    *out = vg_merge_finish(m);
    m = NULL;
done:
    vg_merge_free(m);
    sqlite3_finalize(st);
    vg_where_free(&w);
    vg_buf_free(&sql);
    return rc;
}

vigil_status vigil_store_mentions(vigil_store *s, const vigil_stored_event *e, vigil_mention_fn fn,
                                  void *ud)
{
    if (!s || !e || !fn) return VIGIL_ERR_ARG;
    if (s->pg) return vg_pg_mentions(s->pg, e, fn, ud);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT st.key, e.date, st.source, m.sentence, m.hypothetical, m.speaker, "
            "m.src_start, m.src_end, m.verb_start, m.verb_end, m.tgt_start, m.tgt_end, m.rule, "
            "se.text FROM events e JOIN mentions m ON m.event = e.id "
            "JOIN stories st ON st.id = m.story "
            "LEFT JOIN sentences se ON se.story = m.story AND se.idx = m.sentence "
            "WHERE e.source = ?1 AND e.target = ?2 AND e.code = ?3 AND e.date BETWEEN ?4 AND ?5 "
            "ORDER BY e.date, m.story, m.sentence",
            -1, &st, NULL) != SQLITE_OK)
        return sql_fail(s, "reading mentions");
    bind_text(st, 1, e->source);
    bind_text(st, 2, e->target);
    bind_text(st, 3, e->code);
    bind_text(st, 4, e->date);
    bind_text(st, 5, e->last_date[0] ? e->last_date : e->date);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        vigil_mention m;
        m.story = col_text(st, 0);
        m.date = col_text(st, 1);
        m.publisher = col_text(st, 2);
        m.sentence = (unsigned)sqlite3_column_int(st, 3);
        m.hypothetical = sqlite3_column_int(st, 4);
        m.speaker = col_text(st, 5);
        m.ev_source = span_of(st, 6);
        m.ev_verb = span_of(st, 8);
        m.ev_target = span_of(st, 10);
        m.rule = col_text(st, 12);
        m.text = col_text(st, 13);
        fn(ud, &m);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? VIGIL_OK : sql_fail(s, "reading mentions");
}

/* ------------------------------------------------------- one story
 * For `vigil serve` (GET /api/stories/ID): a story's sentences and the
 * mentions it gave, with their events, in sentence order. Three short
 * queries on the story's key; nothing is cached. */

vigil_status vigil_store_story(vigil_store *s, const char *id, vigil_story_fn info_fn,
                               vigil_sentence_fn sentence_fn, vigil_story_event_fn event_fn,
                               void *ud)
{
    if (!s || !id) return VIGIL_ERR_ARG;
    if (s->pg) return vg_pg_story(s->pg, id, info_fn, sentence_fn, event_fn, ud);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT s.key, s.date, s.source, s.url, "
                           "(SELECT count(*) FROM sentences WHERE story = s.id), "
                           "(SELECT count(*) FROM mentions WHERE story = s.id), s.id "
                           "FROM stories s WHERE s.key = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return sql_fail(s, "reading a story");
    bind_text(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return rc == SQLITE_DONE ? VIGIL_DONE : sql_fail(s, "reading a story");
    }
    sqlite3_int64 sid = sqlite3_column_int64(st, 6);
    if (info_fn) {
        vigil_story_info info = {col_text(st, 0), col_text(st, 1), col_text(st, 2),
                                 (unsigned)sqlite3_column_int(st, 4),
                                 (unsigned)sqlite3_column_int(st, 5)};
        info_fn(ud, &info);
    }
    sqlite3_finalize(st);
    if (sentence_fn) {
        if (sqlite3_prepare_v2(s->db,
                               "SELECT idx, text FROM sentences WHERE story = ?1 ORDER BY idx", -1,
                               &st, NULL) != SQLITE_OK)
            return sql_fail(s, "reading a story's sentences");
        sqlite3_bind_int64(st, 1, sid);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            sentence_fn(ud, (unsigned)sqlite3_column_int(st, 0), col_text(st, 1));
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return sql_fail(s, "reading a story's sentences");
    }
    if (event_fn) {
        if (sqlite3_prepare_v2(
                s->db,
                "SELECT e.id, e.date, e.source, e.target, e.code, e.quad, e.goldstein, e.plover, "
                "m.sentence, m.hypothetical, m.speaker, m.src_start, m.src_end, m.verb_start, "
                "m.verb_end, m.tgt_start, m.tgt_end, m.rule, m.rule_where, se.text, st.key, "
                "st.source FROM mentions m JOIN events e ON e.id = m.event "
                "JOIN stories st ON st.id = m.story "
                "LEFT JOIN sentences se ON se.story = m.story AND se.idx = m.sentence "
                "WHERE m.story = ?1 ORDER BY m.sentence, m.id",
                -1, &st, NULL) != SQLITE_OK)
            return sql_fail(s, "reading a story's events");
        sqlite3_bind_int64(st, 1, sid);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            vigil_story_event x;
            x.event = sqlite3_column_int64(st, 0);
            x.source = col_text(st, 2);
            x.target = col_text(st, 3);
            x.code = col_text(st, 4);
            x.quad = sqlite3_column_int(st, 5);
            x.goldstein = sqlite3_column_double(st, 6);
            x.plover = col_text(st, 7);
            x.rule_where = col_text(st, 18);
            x.m.date = col_text(st, 1);
            x.m.sentence = (unsigned)sqlite3_column_int(st, 8);
            x.m.hypothetical = sqlite3_column_int(st, 9);
            x.m.speaker = col_text(st, 10);
            x.m.ev_source = span_of(st, 11);
            x.m.ev_verb = span_of(st, 13);
            x.m.ev_target = span_of(st, 15);
            x.m.rule = col_text(st, 17);
            x.m.text = col_text(st, 19);
            x.m.story = col_text(st, 20);
            x.m.publisher = col_text(st, 21);
            event_fn(ud, &x);
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return sql_fail(s, "reading a story's events");
    }
    return VIGIL_OK;
}
