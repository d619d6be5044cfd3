/*
 * store_pg.c — the event store's PostgreSQL backend, over libpq: the same
 * tables, transactions and queries as the SQLite store of store.c, for
 * stores that many processes (or machines) write at once.
 *
 * vigil_store_open sends `postgresql://…` and `postgres://…` URIs and
 * `pg:` + conninfo strings here (docs/store.md, "PostgreSQL"). Arguments
 * are checked by store.c before any of these functions runs, and the
 * deduplicating merge is store.c's (vg_merge), fed with rows read here, so
 * both backends give the same events, counts and first mentions.
 *
 * Writers. Each story is one transaction (BEGIN … COMMIT; a replacement
 * is delete + insert inside it), and any number of processes may write at
 * once; readers never wait. A story's transaction first takes a
 * transaction-level advisory lock on its story id, so two writers of the
 * same id take turns (the second replaces the first). Writers of different
 * stories run side by side; where they meet — the same new event inserted
 * by both, an event one deletes as orphaned while the other mentions it,
 * a deadlock — the server refuses one transaction, which is rolled back
 * and run again (write_story). Ids come from identity columns, drawn only
 * when a row is really inserted, so one writer gets SQLite's ids (SQLite
 * reuses the number of a deleted highest row; PostgreSQL does not).
 *
 * Schema versions live in the one-row table `vigil_schema`; `migrations`
 * below brings a database of any older version up to date, one
 * transaction per step, under a session advisory lock.
 *
 * Round trips are what costs on a server, so a story is written in one:
 * its statements are pipelined (libpq's pipeline mode) from BEGIN to
 * COMMIT, with all its sentences as one text array and one statement per
 * event (the event's upsert and its mention together).
 */
#include "store.h"

#include "alloc.h"
#include "buf.h"
#include "dynload.h"
#include "vigil.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpq is loaded when the first PostgreSQL store is opened, not when
 * vigil starts (dynload.h says why): every libpq function used here is
 * called through this table, typed as libpq-fe.h declares it. */
#define PG_FUNCS(X)                                                                                \
    X(PQclear)                                                                                     \
    X(PQconnectdb)                                                                                 \
    X(PQenterPipelineMode)                                                                         \
    X(PQerrorMessage)                                                                              \
    X(PQexec)                                                                                      \
    X(PQexecParams)                                                                                \
    X(PQexitPipelineMode)                                                                          \
    X(PQfinish)                                                                                    \
    X(PQgetResult)                                                                                 \
    X(PQgetisnull)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQntuples)                                                                                   \
    X(PQpipelineSync)                                                                              \
    X(PQprepare)                                                                                   \
    X(PQresultErrorField)                                                                          \
    X(PQresultErrorMessage)                                                                        \
    X(PQresultStatus)                                                                              \
    X(PQsendQueryParams)                                                                           \
    X(PQsendQueryPrepared)                                                                         \
    X(PQsetClientEncoding)                                                                         \
    X(PQsetNoticeProcessor)                                                                        \
    X(PQstatus)                                                                                    \
    X(PQtransactionStatus)

static struct {
#define PG_FIELD(f) __typeof__(&f) f;
    PG_FUNCS(PG_FIELD)
#undef PG_FIELD
} pg;

static const char *const pg_names[] = {
#define PG_NAME(f) #f,
    PG_FUNCS(PG_NAME)
#undef PG_NAME
};

/* The library's names: the soname of Debian 12's libpq, then the
 * unversioned name a development install has. */
static const char *const pg_sonames[] = {"libpq.so.5", "libpq.so", NULL};

static pthread_once_t pg_once = PTHREAD_ONCE_INIT;
static int pg_loaded;    /* set once by pg_load, read after pthread_once */
static char pg_err[256]; /* why it did not load */

static void pg_load(void)
{
    vg_dynfn fn[sizeof pg_names / sizeof pg_names[0]];
    if (!vg_dynload(pg_sonames, pg_names, sizeof fn / sizeof fn[0], fn, pg_err, sizeof pg_err))
        return;
    size_t i = 0;
#define PG_SET(f) pg.f = (__typeof__(&f))fn[i++];
    PG_FUNCS(PG_SET)
#undef PG_SET
    pg_loaded = 1;
}

/* vigil's advisory lock key ("vigi" in ASCII): alone, the migrations'
 * lock; with a story id's hash, that story's. Any other program using
 * advisory locks on the same database should avoid this key. */
#define PG_LOCK_KEY "1986618217"
/* How many times a story that collided with another writer's is run
 * again before the collision is reported as an error. */
#define PG_RETRIES 20

/* Each entry moves the schema from version i to i + 1, as in store.c (the
 * versions mean the same on both backends). Text compared or sorted is
 * COLLATE "C": byte order, as SQLite's, whatever the database's locale. */
static const char *const migrations[] = {
    /* 0 -> 1: the tables. */
    "CREATE TABLE vigil_schema(version INTEGER NOT NULL);"
    "INSERT INTO vigil_schema VALUES(0);"
    "CREATE TABLE meta(key TEXT COLLATE \"C\" PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE stories("
    " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    " key TEXT COLLATE \"C\" NOT NULL UNIQUE,"
    " date TEXT COLLATE \"C\" NOT NULL,"
    " source TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
    " url TEXT NOT NULL DEFAULT '',"
    " ingested TEXT NOT NULL);"
    "CREATE TABLE sentences("
    " story BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " PRIMARY KEY(story, idx));"
    "CREATE TABLE events("
    " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    " date TEXT COLLATE \"C\" NOT NULL,"
    " source TEXT COLLATE \"C\" NOT NULL,"
    " target TEXT COLLATE \"C\" NOT NULL,"
    " code TEXT COLLATE \"C\" NOT NULL,"
    " root TEXT COLLATE \"C\" NOT NULL,"
    " quad INTEGER NOT NULL,"
    " goldstein DOUBLE PRECISION NOT NULL,"
    " plover TEXT NOT NULL DEFAULT '',"
    " UNIQUE(date, source, target, code));"
    "CREATE TABLE mentions("
    " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    " event BIGINT NOT NULL REFERENCES events(id),"
    " story BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,"
    " sentence INTEGER NOT NULL,"
    " hypothetical INTEGER NOT NULL DEFAULT 0,"
    " speaker TEXT NOT NULL DEFAULT '',"
    " src_start BIGINT, src_end BIGINT,"
    " verb_start BIGINT, verb_end BIGINT,"
    " tgt_start BIGINT, tgt_end BIGINT,"
    " rule TEXT NOT NULL DEFAULT '',"
    " rule_where TEXT NOT NULL DEFAULT '',"
    " UNIQUE(story, sentence, event));"
    "INSERT INTO meta VALUES('created_by', 'vigil " VIGIL_VERSION "');",
    /* 1 -> 2: the indexes the queries use. */
    "CREATE INDEX mentions_event ON mentions(event);"
    "CREATE INDEX events_dyad ON events(source, target, code, date);"
    "CREATE INDEX events_target ON events(target, date);"
    "CREATE INDEX events_date ON events(date);",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

/* Prepared statements of the write path, by name = index. */
enum {
    PS_LOCK_STORY,
    PS_OLD_EVENTS,
    PS_DELETE_STORY,
    PS_DELETE_ORPHANS,
    PS_INSERT_STORY,
    PS_INSERT_SENTENCES,
    PS_PUT_EVENT,
    PS_COUNT
};

static const char *const statement_sql[PS_COUNT] = {
    /* The lock of one story id (two keys: vigil's, the id's hash). */
    "SELECT pg_advisory_xact_lock(" PG_LOCK_KEY ", hashtext($1))",
    /* Whether story $1 is there, and the ids of the events it mentions,
     * kept for the orphans' deletion in a setting local to the
     * transaction (so the whole story is one pipeline; see below). */
    "SELECT (SELECT count(*) FROM stories WHERE key = $1), "
    "set_config('vigil.old_events', coalesce((SELECT array_agg(DISTINCT m.event)::text "
    "FROM mentions m JOIN stories s ON s.id = m.story WHERE s.key = $1), '{}'), true)",
    "DELETE FROM stories WHERE key = $1",
    "DELETE FROM events WHERE id = ANY(current_setting('vigil.old_events')::bigint[]) "
    "AND NOT EXISTS (SELECT 1 FROM mentions WHERE event = events.id)",
    "INSERT INTO stories(key, date, source, url, ingested) VALUES($1, $2, $3, $4, "
    "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
    "INSERT INTO sentences(story, idx, text) "
    "SELECT s.id, u.i - 1, u.t FROM stories s, unnest($2::text[]) WITH ORDINALITY AS u(t, i) "
    "WHERE s.key = $1",
    /* The event and its mention, in one statement. The event is found
     * and locked against deletion until this transaction ends (FOR KEY
     * SHARE), or inserted — an id is drawn only then, so ids follow the
     * order in which events first appear, as in SQLite. A writer inserting
     * the same new event at the same moment makes one of the two fail
     * (unique key) and store its story again. A mention already there is
     * ignored, as SQLite's INSERT OR IGNORE does. */
    "WITH f AS (SELECT id FROM events WHERE date = $1 AND source = $2 AND target = $3 "
    "AND code = $4 FOR KEY SHARE), "
    "i AS (INSERT INTO events(date, source, target, code, root, quad, goldstein, plover) "
    "SELECT $1, $2, $3, $4, $5, $6::integer, $7::float8, $8 WHERE NOT EXISTS (SELECT 1 FROM f) "
    "RETURNING id), "
    "e AS (SELECT id FROM f UNION ALL SELECT id FROM i) "
    "INSERT INTO mentions(event, story, sentence, hypothetical, speaker, src_start, src_end, "
    "verb_start, verb_end, tgt_start, tgt_end, rule, rule_where) "
    "SELECT e.id, (SELECT id FROM stories WHERE key = $9), $10::integer, $11::integer, $12, "
    "$13::bigint, "
    "$14::bigint, $15::bigint, $16::bigint, $17::bigint, $18::bigint, $19, $20 FROM e "
    "ON CONFLICT DO NOTHING",
};

struct vg_pg {
    PGconn *conn;
    int version;
    int readonly;
    char *err; /* the store handle's message buffer */
};

/* ------------------------------------------------------------- helpers */

/* libpq's messages end with a newline and may span lines (a newline and
 * a tab); ours are one line. */
static void put_message(vg_buf *b, const char *msg)
{
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    for (size_t i = 0; i < n; i++) {
        if (msg[i] != '\n') {
            vg_buf_putc(b, msg[i]);
            continue;
        }
        while (i + 1 < n && (msg[i + 1] == '\t' || msg[i + 1] == ' ')) i++;
        vg_buf_putc(b, ' ');
    }
}

/* Records "context: the server's message" (from r when there is one, the
 * connection otherwise), clears r, and returns VIGIL_ERR_IO. */
static vigil_status fail(vg_pg *p, const char *context, PGresult *r)
{
    vg_buf b;
    vg_buf_init(&b, VG_STORE_ERR_BYTES - 1);
    vg_buf_printf(&b, "%s: ", context);
    const char *msg = r ? pg.PQresultErrorMessage(r) : "";
    put_message(&b, *msg ? msg : pg.PQerrorMessage(p->conn));
    const char *state = r ? pg.PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    /* Class 53 is "insufficient resources": 53100 disk full, 53200 out of
     * memory; said as SQLite's full disk is, so the CLI's message reads
     * the same. */
    if (state && strcmp(state, "53100") == 0) vg_buf_puts(&b, " (disk or database full)");
    vg_store_set_err(p->err, b.ptr ? b.ptr : context);
    vg_buf_free(&b);
    pg.PQclear(r);
    return VIGIL_ERR_IO;
}

static int result_ok(const PGresult *r)
{
    ExecStatusType t = pg.PQresultStatus(r);
    return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
}

/* Runs SQL without parameters (several statements allowed). */
static int exec(vg_pg *p, const char *sql, PGresult **bad)
{
    PGresult *r = pg.PQexec(p->conn, sql);
    if (result_ok(r)) {
        pg.PQclear(r);
        return 1;
    }
    *bad = r;
    return 0;
}

static void rollback(vg_pg *p)
{
    if (pg.PQtransactionStatus(p->conn) != PQTRANS_IDLE) pg.PQclear(pg.PQexec(p->conn, "ROLLBACK"));
}

static long long get_ll(const PGresult *r, int row, int col)
{
    return strtoll(pg.PQgetvalue(r, row, col), NULL, 10);
}

static vigil_span span_at(const PGresult *r, int row, int col)
{
    vigil_span sp = {0, 0};
    if (!pg.PQgetisnull(r, row, col)) {
        sp.start = (uint32_t)get_ll(r, row, col);
        sp.end = (uint32_t)get_ll(r, row, col + 1);
    }
    return sp;
}

/* Notices ("relation exists, skipping") are not the user's business. */
static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Appends one element of a PostgreSQL array literal: a double-quoted
 * string with backslash escapes. A NUL byte (which PostgreSQL's text
 * cannot hold) becomes U+FFFD, as vigil's reader repairs bad bytes. */
static void array_elem(vg_buf *b, const char *s, size_t n)
{
    vg_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\') vg_buf_putc(b, '\\');
        if (s[i] == '\0')
            vg_buf_puts(b, "\xEF\xBF\xBD");
        else
            vg_buf_putc(b, s[i]);
    }
    vg_buf_putc(b, '"');
}

/* ---------------------------------------------------------- open/close */

int vg_pg_is_uri(const char *path)
{
    return strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0 ||
           strncmp(path, "pg:", 3) == 0;
}

/* The schema version, or -1 on error (0 for a database without vigil's
 * tables). */
static int read_version(vg_pg *p, PGresult **bad)
{
    PGresult *r = pg.PQexec(p->conn, "SELECT to_regclass('vigil_schema') IS NOT NULL");
    if (!result_ok(r)) {
        *bad = r;
        return -1;
    }
    int exists = pg.PQntuples(r) == 1 && pg.PQgetvalue(r, 0, 0)[0] == 't';
    pg.PQclear(r);
    if (!exists) return 0;
    r = pg.PQexec(p->conn, "SELECT version FROM vigil_schema");
    if (!result_ok(r)) {
        *bad = r;
        return -1;
    }
    int v = pg.PQntuples(r) == 1 ? (int)get_ll(r, 0, 0) : 0;
    pg.PQclear(r);
    return v;
}

static vigil_status migrate(vg_pg *p)
{
    PGresult *bad = NULL;
    int v = read_version(p, &bad);
    if (v < 0) return fail(p, "reading the schema version", bad);
    if (v > SCHEMA_VERSION) {
        vg_buf b;
        vg_buf_init(&b, VG_STORE_ERR_BYTES - 1);
        vg_buf_printf(&b, "schema version %d is newer than this vigil's (%d)", v, SCHEMA_VERSION);
        vg_store_set_err(p->err, b.ptr);
        vg_buf_free(&b);
        return VIGIL_ERR_ARG;
    }
    if (v < SCHEMA_VERSION && p->readonly) {
        vg_store_set_err(p->err, v == 0 ? "the database holds no vigil store yet: create it "
                                          "with vigil ingest"
                                        : "the store needs a schema upgrade: open it once for "
                                          "writing (vigil ingest)");
        return VIGIL_ERR_ARG;
    }
    if (v == SCHEMA_VERSION) {
        p->version = v;
        return VIGIL_OK;
    }
    /* Migrations hold vigil's lock for the session, and read the version
     * again in each step's transaction: another process may have migrated
     * while this one waited. (Taken inside the transaction, the
     * lock would come after the transaction's view of the catalog, which
     * could miss a table another process had just created.) */
    if (!exec(p, "SELECT pg_advisory_lock(" PG_LOCK_KEY ")", &bad))
        return fail(p, "starting a migration", bad);
    while (v < SCHEMA_VERSION) {
        if (!exec(p, "BEGIN", &bad)) return fail(p, "starting a migration", bad);
        v = read_version(p, &bad);
        int ok = v >= 0;
        if (ok && v < SCHEMA_VERSION) {
            vg_buf b;
            vg_buf_init(&b, 1u << 20);
            vg_buf_printf(&b, "%s UPDATE vigil_schema SET version = %d;", migrations[v], v + 1);
            ok = exec(p, b.ptr, &bad);
            vg_buf_free(&b);
            v++;
        }
        if (ok) ok = exec(p, "COMMIT", &bad);
        if (!ok) {
            vigil_status rc = fail(p, "migrating the schema", bad);
            rollback(p);
            return rc;
        }
    }
    if (!exec(p, "SELECT pg_advisory_unlock(" PG_LOCK_KEY ")", &bad))
        return fail(p, "ending a migration", bad);
    p->version = v;
    return VIGIL_OK;
}

vigil_status vg_pg_open(const char *path, unsigned flags, char *err, vg_pg **out)
{
    vg_pg *p = vg_calloc(1, sizeof *p);
    *out = p;
    p->err = err;
    p->readonly = (flags & VIGIL_STORE_READONLY) != 0;
    pthread_once(&pg_once, pg_load);
    if (!pg_loaded) {
        char msg[320];
        snprintf(msg, sizeof msg, "PostgreSQL: %s", pg_err);
        vg_store_set_err(err, msg);
        return VIGIL_ERR_IO;
    }
    /* A URI goes to libpq as it is; "pg:" is followed by a conninfo string
     * ("host=... dbname=..."). */
    p->conn = pg.PQconnectdb(strncmp(path, "pg:", 3) == 0 ? path + 3 : path);
    if (!p->conn || pg.PQstatus(p->conn) != CONNECTION_OK) {
        /* The message names the host and port; the path is not repeated
         * because a URI may hold a password. */
        vg_buf b;
        vg_buf_init(&b, VG_STORE_ERR_BYTES - 1);
        vg_buf_puts(&b, "PostgreSQL: ");
        put_message(&b, p->conn ? pg.PQerrorMessage(p->conn) : "out of memory");
        vg_store_set_err(err, b.ptr);
        vg_buf_free(&b);
        return VIGIL_ERR_IO;
    }
    pg.PQsetNoticeProcessor(p->conn, quiet_notices, NULL);
    if (pg.PQsetClientEncoding(p->conn, "UTF8") != 0) return fail(p, "setting UTF-8", NULL);
    PGresult *bad = NULL;
    /* --sync off: a commit returns before its WAL reaches the disk; a
     * server crash (not a killed client) may lose the last commits, never
     * corrupt the store. */
    if ((flags & VIGIL_STORE_NO_SYNC) && !exec(p, "SET synchronous_commit = off", &bad))
        return fail(p, "setting synchronous_commit", bad);
    vigil_status rc = migrate(p);
    if (rc != VIGIL_OK) return rc;
    if (p->readonly) {
        if (!exec(p, "SET default_transaction_read_only = on", &bad))
            return fail(p, "opening read-only", bad);
        return VIGIL_OK;
    }
    /* The write statements are the same shape for every story: plan them
     * once (without this the server plans each execution anew, which
     * costs more than running them). Only writers: a query's plan is
     * better made for its values (a LIKE prefix can use an index). */
    if (!exec(p, "SET plan_cache_mode = force_generic_plan", &bad))
        return fail(p, "setting plan_cache_mode", bad);
    for (int i = 0; i < PS_COUNT; i++) {
        char name[8] = {'v', 'g', (char)('a' + i), '\0'};
        PGresult *r = pg.PQprepare(p->conn, name, statement_sql[i], 0, NULL);
        if (!result_ok(r)) return fail(p, "preparing statements", r);
        pg.PQclear(r);
    }
    return VIGIL_OK;
}

int vg_pg_schema_version(const vg_pg *p)
{
    return p ? p->version : 0;
}

void vg_pg_close(vg_pg *p)
{
    if (!p) return;
    if (p->conn) pg.PQfinish(p->conn);
    vg_free(p);
}

/* --------------------------------------------------------------- write */

/* A pipeline: statements sent one after the other without waiting, then
 * one sync, so a story costs two round trips however many statements it
 * has. A failed statement makes the server skip the rest up to the sync
 * (their results say "aborted"), which leaves the transaction failed: the
 * caller rolls it back. */
typedef struct pipe {
    vg_pg *p;
    int n;       /* statements sent */
    int lost;    /* a send failed: the connection is gone */
    int keep;    /* index of the result to keep, -1 none */
    PGresult *r; /* that result */
} pipe;

static void pipe_start(pipe *q, vg_pg *p, int keep)
{
    q->p = p;
    q->n = q->lost = 0;
    q->keep = keep;
    q->r = NULL;
    if (!pg.PQenterPipelineMode(p->conn)) q->lost = 1;
}

static void pipe_sql(pipe *q, const char *sql)
{
    if (q->lost) return;
    if (pg.PQsendQueryParams(q->p->conn, sql, 0, NULL, NULL, NULL, NULL, 0))
        q->n++;
    else
        q->lost = 1;
}

static void pipe_ps(pipe *q, int ps, int n, const char *const *v)
{
    if (q->lost) return;
    char name[8] = {'v', 'g', (char)('a' + ps), '\0'};
    if (pg.PQsendQueryPrepared(q->p->conn, name, n, v, NULL, NULL, 0))
        q->n++;
    else
        q->lost = 1;
}

/* Syncs and reads every result; 1 when every statement succeeded. The
 * first failure's result goes to *bad (NULL when the connection failed:
 * then the connection has the message). */
static int pipe_end(pipe *q, PGresult **bad)
{
    PGconn *conn = q->p->conn;
    int ok = !q->lost && pg.PQpipelineSync(conn) == 1;
    for (int i = 0; i < q->n; i++) {
        PGresult *r = pg.PQgetResult(conn);
        if (!r) {
            ok = 0;
            break;
        }
        if (result_ok(r) && i == q->keep) {
            q->r = r;
        } else if (result_ok(r)) {
            pg.PQclear(r);
        } else {
            ok = 0;
            if (!*bad && pg.PQresultStatus(r) != PGRES_PIPELINE_ABORTED)
                *bad = r;
            else
                pg.PQclear(r);
        }
        /* Each statement's results end with a NULL. */
        PGresult *end;
        while ((end = pg.PQgetResult(conn)) != NULL) pg.PQclear(end);
    }
    if (!q->lost) {
        PGresult *s = pg.PQgetResult(conn);
        if (!s || pg.PQresultStatus(s) != PGRES_PIPELINE_SYNC) ok = 0;
        pg.PQclear(s);
    }
    if (!pg.PQexitPipelineMode(conn)) ok = 0;
    if (!ok) {
        pg.PQclear(q->r);
        q->r = NULL;
    }
    return ok;
}

/* Sends the story row, its sentences, and its events with their mentions
 * (skipping those store.c never stores: negated ones and ones missing an
 * actor). */
static void send_story(pipe *q, const char *key, const vigil_doc *doc, const vigil_coder *c)
{
    const char *v[20];
    v[0] = key;
    v[1] = vigil_doc_date(doc);
    v[2] = vigil_doc_source(doc);
    v[3] = vigil_doc_url(doc);
    for (int i = 1; i < 4; i++)
        if (!v[i]) v[i] = "";
    pipe_ps(q, PS_INSERT_STORY, 4, v);

    size_t len;
    const char *text = vigil_doc_text(doc, &len);
    size_t ns = vigil_doc_sentence_count(doc);
    if (ns) {
        vg_buf arr;
        vg_buf_init(&arr, (size_t)1 << 31);
        vg_buf_putc(&arr, '{');
        for (size_t i = 0; i < ns; i++) {
            vigil_span sp = vigil_doc_sentence(doc, i);
            if (sp.end > len || sp.start > sp.end) sp.start = sp.end = 0;
            if (i) vg_buf_putc(&arr, ',');
            array_elem(&arr, text + sp.start, sp.end - sp.start);
        }
        vg_buf_putc(&arr, '}');
        v[0] = key;
        v[1] = arr.ptr;
        pipe_ps(q, PS_INSERT_SENTENCES, 2, v);
        vg_buf_free(&arr);
    }

    /* Numbers as text: quad, goldstein, sentence, six spans. */
    char num[9][32];
    size_t ne = vigil_coder_event_count(c);
    for (size_t i = 0; i < ne; i++) {
        const vigil_event *e = vigil_coder_event(c, i);
        if (e->negated || !vg_store_valid_code(e->source) || !vg_store_valid_code(e->target))
            continue;
        v[0] = e->date ? e->date : "";
        v[1] = e->source;
        v[2] = e->target;
        v[3] = e->code;
        v[4] = e->root;
        snprintf(num[0], sizeof num[0], "%d", e->quad);
        v[5] = num[0];
        /* %.17g gives the double back exactly. */
        snprintf(num[1], sizeof num[1], "%.17g", e->goldstein);
        v[6] = num[1];
        v[7] = e->plover ? e->plover : "";
        v[8] = key;
        snprintf(num[2], sizeof num[2], "%u", e->sentence);
        v[9] = num[2];
        v[10] = e->hypothetical ? "1" : "0";
        v[11] = e->speaker;
        const vigil_span sp[3] = {e->ev_source, e->ev_verb, e->ev_target};
        for (int k = 0; k < 3; k++) {
            /* (0,0) means "no evidence in this sentence" (see output.c). */
            if (sp[k].start == 0 && sp[k].end == 0) {
                v[12 + 2 * k] = v[13 + 2 * k] = NULL;
            } else {
                snprintf(num[3 + 2 * k], sizeof num[3], "%u", (unsigned)sp[k].start);
                snprintf(num[4 + 2 * k], sizeof num[4], "%u", (unsigned)sp[k].end);
                v[12 + 2 * k] = num[3 + 2 * k];
                v[13 + 2 * k] = num[4 + 2 * k];
            }
        }
        v[18] = e->rule ? e->rule : "";
        v[19] = e->rule_where ? e->rule_where : "";
        pipe_ps(q, PS_PUT_EVENT, 20, v);
    }
}

/* 1 when a failed story transaction collided with another writer's and
 * is worth running again: a serialization failure or deadlock, a unique
 * key another writer took first (the same new event), or a foreign key
 * broken under it (an event it deleted as orphaned while the other
 * writer was mentioning it). */
static int retryable(const PGresult *r)
{
    const char *st = r ? pg.PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    return st && (strcmp(st, "40001") == 0 || strcmp(st, "40P01") == 0 ||
                  strcmp(st, "23505") == 0 || strcmp(st, "23503") == 0);
}

/* One attempt at write_story: 1 when done (*rc set), 0 when it collided
 * with another writer and rolled back, to be run again. */
static int write_once(vg_pg *p, const char *key, const vigil_doc *doc, const vigil_coder *c,
                      const char *context, int may_retry, vigil_status *rc)
{
    PGresult *bad = NULL;
    pipe q;
    pipe_start(&q, p, 2);
    pipe_sql(&q, "BEGIN");
    const char *v[1] = {key};
    pipe_ps(&q, PS_LOCK_STORY, 1, v);
    pipe_ps(&q, PS_OLD_EVENTS, 1, v);
    pipe_ps(&q, PS_DELETE_STORY, 1, v);
    if (doc) send_story(&q, key, doc, c);
    pipe_ps(&q, PS_DELETE_ORPHANS, 0, NULL);
    pipe_sql(&q, "COMMIT");
    if (!pipe_end(&q, &bad)) {
        if (may_retry && retryable(bad)) {
            pg.PQclear(bad);
            rollback(p);
            return 0;
        }
        *rc = fail(p, context, bad);
        rollback(p);
        return 1;
    }
    int found = pg.PQntuples(q.r) == 1 && get_ll(q.r, 0, 0) > 0;
    pg.PQclear(q.r);
    *rc = found ? VIGIL_OK : VIGIL_DONE;
    return 1;
}

/* Writes story `key` in one transaction and one round trip: begin, take
 * the story id's lock, note the old version's events, delete the old
 * version (its sentences and mentions go with it), insert the new one (doc
 * and c; none for a deletion), delete the old version's events that no
 * mention reports any more, commit. An event the new version reports
 * again keeps its id. A collision with another writer (see retryable)
 * rolls back and runs the story again, up to PG_RETRIES times.
 * VIGIL_DONE when there was no old version. */
static vigil_status write_story(vg_pg *p, const char *key, const vigil_doc *doc,
                                const vigil_coder *c, const char *context)
{
    vigil_status rc = VIGIL_OK;
    for (int attempt = 1; !write_once(p, key, doc, c, context, attempt < PG_RETRIES, &rc);
         attempt++)
        continue;
    return rc;
}

vigil_status vg_pg_put(vg_pg *p, const vigil_doc *doc, const vigil_coder *c)
{
    vg_buf ctx;
    vg_buf_init(&ctx, VG_STORE_ERR_BYTES - 1);
    vg_buf_printf(&ctx, "storing story '%s'", vigil_doc_id(doc));
    vigil_status rc = write_story(p, vigil_doc_id(doc), doc, c, ctx.ptr);
    vg_buf_free(&ctx);
    return rc == VIGIL_DONE ? VIGIL_OK : rc;
}

vigil_status vg_pg_delete(vg_pg *p, const char *story_id)
{
    return write_story(p, story_id, NULL, NULL, "deleting a story");
}

/* --------------------------------------------------------------- check */

/* PostgreSQL has no integrity_check: the pages are the server's business
 * (data checksums, amcheck). These check what vigil relies on, each a
 * query whose rows are problems: the relations the foreign keys promise
 * (tested again, not assumed), vigil's invariants, and that no constraint
 * or index was left unvalidated or invalid. */
static const char *const checks[] = {
    "SELECT 'schema version ' || version || ' in a one-row table' FROM vigil_schema "
    "WHERE (SELECT count(*) FROM vigil_schema) <> 1",
    "SELECT 'foreign key: sentences row ' || story || ':' || idx FROM sentences se "
    "WHERE NOT EXISTS (SELECT 1 FROM stories st WHERE st.id = se.story)",
    "SELECT 'foreign key: mentions row ' || id FROM mentions m "
    "WHERE NOT EXISTS (SELECT 1 FROM stories st WHERE st.id = m.story) "
    "OR NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event)",
    "SELECT 'event ' || id || ' has no mention' FROM events e "
    "WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event = e.id)",
    "SELECT 'mention ' || m.id || ' points to a missing sentence' FROM mentions m "
    "WHERE NOT EXISTS (SELECT 1 FROM sentences se WHERE se.story = m.story AND se.idx = "
    "m.sentence)",
    "SELECT 'constraint ' || conname || ' is not validated' FROM pg_constraint "
    "WHERE conrelid IN ('stories'::regclass, 'sentences'::regclass, 'events'::regclass, "
    "'mentions'::regclass) AND NOT convalidated",
    "SELECT 'index ' || indexrelid::regclass || ' is not valid' FROM pg_index "
    "WHERE indrelid IN ('stories'::regclass, 'sentences'::regclass, 'events'::regclass, "
    "'mentions'::regclass) AND NOT (indisvalid AND indisready)",
};

vigil_status vg_pg_check(vg_pg *p)
{
    vg_buf b;
    vg_buf_init(&b, VG_STORE_ERR_BYTES - 1);
    int problems = 0;
    /* One snapshot for every query, so a concurrent writer cannot make a
     * consistent store look broken between two of them. */
    PGresult *bad = NULL;
    if (!exec(p, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", &bad)) {
        vg_buf_free(&b);
        return fail(p, "checking the store", bad);
    }
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        PGresult *r = pg.PQexec(p->conn, checks[i]);
        if (!result_ok(r)) {
            vg_buf_free(&b);
            vigil_status rc = fail(p, "checking the store", r);
            rollback(p);
            return rc;
        }
        for (int k = 0; k < pg.PQntuples(r); k++)
            if (problems++ < 8)
                vg_buf_printf(&b, "%s%s", b.len ? "; " : "", pg.PQgetvalue(r, k, 0));
        pg.PQclear(r);
    }
    rollback(p);
    vg_store_set_err(p->err, problems ? b.ptr : "ok");
    vg_buf_free(&b);
    return problems ? VIGIL_ERR_SYNTAX : VIGIL_OK;
}

vigil_status vg_pg_stories(vg_pg *p, vigil_story_fn fn, void *ud)
{
    PGresult *r = pg.PQexec(p->conn, "SELECT key, date, source, "
                                     "(SELECT count(*) FROM sentences WHERE story = s.id), "
                                     "(SELECT count(*) FROM mentions WHERE story = s.id) "
                                     "FROM stories s ORDER BY key");
    if (!result_ok(r)) return fail(p, "listing stories", r);
    for (int i = 0; i < pg.PQntuples(r); i++) {
        vigil_story_info info = {pg.PQgetvalue(r, i, 0), pg.PQgetvalue(r, i, 1),
                                 pg.PQgetvalue(r, i, 2), (unsigned)get_ll(r, i, 3),
                                 (unsigned)get_ll(r, i, 4)};
        fn(ud, &info);
    }
    pg.PQclear(r);
    return VIGIL_OK;
}

vigil_status vg_pg_story(vg_pg *p, const char *id, vigil_story_fn info_fn,
                         vigil_sentence_fn sentence_fn, vigil_story_event_fn event_fn, void *ud)
{
    const char *v[1] = {id};
    PGresult *r = pg.PQexecParams(p->conn,
                                  "SELECT s.key, s.date, s.source, "
                                  "(SELECT count(*) FROM sentences WHERE story = s.id), "
                                  "(SELECT count(*) FROM mentions WHERE story = s.id), s.id::text "
                                  "FROM stories s WHERE s.key = $1",
                                  1, NULL, v, NULL, NULL, 0);
    if (!result_ok(r)) return fail(p, "reading a story", r);
    if (pg.PQntuples(r) == 0) {
        pg.PQclear(r);
        return VIGIL_DONE;
    }
    if (info_fn) {
        vigil_story_info info = {pg.PQgetvalue(r, 0, 0), pg.PQgetvalue(r, 0, 1),
                                 pg.PQgetvalue(r, 0, 2), (unsigned)get_ll(r, 0, 3),
                                 (unsigned)get_ll(r, 0, 4)};
        info_fn(ud, &info);
    }
    char sid[32];
    snprintf(sid, sizeof sid, "%s", pg.PQgetvalue(r, 0, 5));
    pg.PQclear(r);
    const char *w[1] = {sid};
    if (sentence_fn) {
        r = pg.PQexecParams(p->conn,
                            "SELECT idx, text FROM sentences WHERE story = $1::bigint ORDER BY idx",
                            1, NULL, w, NULL, NULL, 0);
        if (!result_ok(r)) return fail(p, "reading a story's sentences", r);
        for (int i = 0; i < pg.PQntuples(r); i++)
            sentence_fn(ud, (unsigned)get_ll(r, i, 0), pg.PQgetvalue(r, i, 1));
        pg.PQclear(r);
    }
    if (event_fn) {
        r = pg.PQexecParams(
            p->conn,
            "SELECT e.id, e.date, e.source, e.target, e.code, e.quad, e.goldstein, e.plover, "
            "m.sentence, m.hypothetical, m.speaker, m.src_start, m.src_end, m.verb_start, "
            "m.verb_end, m.tgt_start, m.tgt_end, m.rule, m.rule_where, se.text, st.key, "
            "st.source FROM mentions m JOIN events e ON e.id = m.event "
            "JOIN stories st ON st.id = m.story "
            "LEFT JOIN sentences se ON se.story = m.story AND se.idx = m.sentence "
            "WHERE m.story = $1::bigint ORDER BY m.sentence, m.id",
            1, NULL, w, NULL, NULL, 0);
        if (!result_ok(r)) return fail(p, "reading a story's events", r);
        for (int i = 0; i < pg.PQntuples(r); i++) {
            vigil_story_event x;
            x.event = get_ll(r, i, 0);
            x.source = pg.PQgetvalue(r, i, 2);
            x.target = pg.PQgetvalue(r, i, 3);
            x.code = pg.PQgetvalue(r, i, 4);
            x.quad = (int)get_ll(r, i, 5);
            x.goldstein = strtod(pg.PQgetvalue(r, i, 6), NULL);
            x.plover = pg.PQgetvalue(r, i, 7);
            x.rule_where = pg.PQgetvalue(r, i, 18);
            x.m.date = pg.PQgetvalue(r, i, 1);
            x.m.sentence = (unsigned)get_ll(r, i, 8);
            x.m.hypothetical = (int)get_ll(r, i, 9);
            x.m.speaker = pg.PQgetvalue(r, i, 10);
            x.m.ev_source = span_at(r, i, 11);
            x.m.ev_verb = span_at(r, i, 13);
            x.m.ev_target = span_at(r, i, 15);
            x.m.rule = pg.PQgetvalue(r, i, 17);
            x.m.text = pg.PQgetvalue(r, i, 19);
            x.m.story = pg.PQgetvalue(r, i, 20);
            x.m.publisher = pg.PQgetvalue(r, i, 21);
            event_fn(ud, &x);
        }
        pg.PQclear(r);
    }
    return VIGIL_OK;
}

/* --------------------------------------------------------------- query */

typedef struct first_ref {
    long long mid; /* mention id */
    size_t idx;    /* event index in the merge */
} first_ref;

static int cmp_ref(const void *a, const void *b)
{
    const first_ref *x = a, *y = b;
    return (x->mid > y->mid) - (x->mid < y->mid);
}

/* Reads the first mention of every merged event in one query (ids sent
 * as an array) instead of one round trip per event. */
static vigil_status fill_first_mentions(vg_pg *p, vg_merge *m)
{
    size_t n = vg_merge_count(m);
    if (!n) return VIGIL_OK;
    first_ref *refs = vg_malloc(n * sizeof *refs);
    vg_buf ids;
    vg_buf_init(&ids, (size_t)1 << 30);
    vg_buf_putc(&ids, '{');
    for (size_t i = 0; i < n; i++) {
        refs[i].mid = vg_merge_first_id(m, i);
        refs[i].idx = i;
        vg_buf_printf(&ids, "%s%lld", i ? "," : "", refs[i].mid);
    }
    vg_buf_putc(&ids, '}');
    qsort(refs, n, sizeof *refs, cmp_ref);
    const char *v[1] = {ids.ptr};
    PGresult *r = pg.PQexecParams(
        p->conn,
        "SELECT m.id, st.key, st.source, st.url, m.sentence, m.speaker, m.src_start, m.src_end, "
        "m.verb_start, m.verb_end, m.tgt_start, m.tgt_end, m.rule, se.text "
        "FROM mentions m JOIN stories st ON st.id = m.story "
        "LEFT JOIN sentences se ON se.story = m.story AND se.idx = m.sentence "
        "WHERE m.id = ANY($1::bigint[]) ORDER BY m.id",
        1, NULL, v, NULL, NULL, 0);
    vg_buf_free(&ids);
    vigil_status rc = VIGIL_OK;
    if (result_ok(r) && (size_t)pg.PQntuples(r) != n) {
        /* Cannot happen within the caller's snapshot; said, not assumed. */
        pg.PQclear(r);
        r = NULL;
    }
    if (!r || !result_ok(r)) {
        vg_free(refs);
        return fail(p, "reading the first mentions", r);
    }
    for (size_t i = 0; i < n; i++) {
        int row = (int)i;
        vg_first_mention fm = {pg.PQgetvalue(r, row, 1),  pg.PQgetvalue(r, row, 2),
                               pg.PQgetvalue(r, row, 3),  (unsigned)get_ll(r, row, 4),
                               pg.PQgetvalue(r, row, 5),  span_at(r, row, 6),
                               span_at(r, row, 8),        span_at(r, row, 10),
                               pg.PQgetvalue(r, row, 12), pg.PQgetvalue(r, row, 13)};
        vg_merge_set_first(m, refs[i].idx, &fm);
    }
    pg.PQclear(r);
    vg_free(refs);
    return rc;
}

vigil_status vg_pg_query(vg_pg *p, const vigil_filter *f, vigil_event_list **out)
{
    vg_where w;
    vg_where_build(&w, f, 1);
    vg_buf sql;
    vg_buf_init(&sql, 1u << 16);
    vg_buf_printf(&sql,
                  "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.quad, "
                  "e.goldstein, e.plover, m.id, m.story, st.source, m.hypothetical "
                  "FROM events e JOIN mentions m ON m.event = e.id "
                  "JOIN stories st ON st.id = m.story WHERE TRUE%s"
                  " ORDER BY e.source, e.target, e.code, e.date, m.story, m.sentence",
                  w.sql.ptr);
    /* The event rows and their first mentions are read in one snapshot. */
    PGresult *bad = NULL;
    vigil_status rc = VIGIL_OK;
    vg_merge *m = NULL;
    if (!exec(p, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", &bad)) {
        rc = fail(p, "querying events", bad);
        goto done;
    }
    PGresult *r = pg.PQexecParams(p->conn, sql.ptr, w.nbind, NULL, w.bind, NULL, NULL, 0);
    if (!result_ok(r)) {
        rc = fail(p, "querying events", r);
        goto done;
    }
    m = vg_merge_new(f->window_days);
    for (int i = 0; i < pg.PQntuples(r); i++) {
        vg_mention_row row = {get_ll(r, i, 0),        pg.PQgetvalue(r, i, 1),
                              pg.PQgetvalue(r, i, 2), pg.PQgetvalue(r, i, 3),
                              pg.PQgetvalue(r, i, 4), pg.PQgetvalue(r, i, 5),
                              (int)get_ll(r, i, 6),   strtod(pg.PQgetvalue(r, i, 7), NULL),
                              pg.PQgetvalue(r, i, 8), get_ll(r, i, 9),
                              get_ll(r, i, 10),       pg.PQgetvalue(r, i, 11),
                              (int)get_ll(r, i, 12)};
        vg_merge_add(m, &row);
    }
    pg.PQclear(r);
    rc = fill_first_mentions(p, m);
    if (rc == VIGIL_OK) {
        *out = vg_merge_finish(m);
        m = NULL;
    }
done:
    rollback(p);
    vg_merge_free(m);
    vg_where_free(&w);
    vg_buf_free(&sql);
    return rc;
}

vigil_status vg_pg_mentions(vg_pg *p, const vigil_stored_event *e, vigil_mention_fn fn, void *ud)
{
    const char *v[5] = {e->source, e->target, e->code, e->date,
                        e->last_date[0] ? e->last_date : e->date};
    PGresult *r = pg.PQexecParams(
        p->conn,
        "SELECT st.key, e.date, st.source, m.sentence, m.hypothetical, m.speaker, "
        "m.src_start, m.src_end, m.verb_start, m.verb_end, m.tgt_start, m.tgt_end, m.rule, "
        "se.text FROM events e JOIN mentions m ON m.event = e.id "
        "JOIN stories st ON st.id = m.story "
        "LEFT JOIN sentences se ON se.story = m.story AND se.idx = m.sentence "
        "WHERE e.source = $1 AND e.target = $2 AND e.code = $3 AND e.date BETWEEN $4 AND $5 "
        "ORDER BY e.date, m.story, m.sentence",
        5, NULL, v, NULL, NULL, 0);
    if (!result_ok(r)) return fail(p, "reading mentions", r);
    for (int i = 0; i < pg.PQntuples(r); i++) {
        vigil_mention mn;
        mn.story = pg.PQgetvalue(r, i, 0);
        mn.date = pg.PQgetvalue(r, i, 1);
        mn.publisher = pg.PQgetvalue(r, i, 2);
        mn.sentence = (unsigned)get_ll(r, i, 3);
        mn.hypothetical = (int)get_ll(r, i, 4);
        mn.speaker = pg.PQgetvalue(r, i, 5);
        mn.ev_source = span_at(r, i, 6);
        mn.ev_verb = span_at(r, i, 8);
        mn.ev_target = span_at(r, i, 10);
        mn.rule = pg.PQgetvalue(r, i, 12);
        mn.text = pg.PQgetvalue(r, i, 13);
        fn(ud, &mn);
    }
    pg.PQclear(r);
    return VIGIL_OK;
}
