/*
 * test_store_pg.c — the PostgreSQL backend through the public API, side by
 * side with SQLite: the same stories are stored, replaced and deleted in
 * both, and every query must give the same events, field by field, and
 * the same mentions.
 *
 * It needs a server: tests/cli/store_pg.sh starts one and runs this binary
 * with VIGIL_TEST_PG set to the URI of a new, empty database. Without it
 * (make test, make valgrind) only what needs no server is tested — the
 * path tells the backends apart, and a server that is not there gives a
 * clear error — and the rest is reported as skipped on stderr.
 */
#include "harness.h"
#include "store_story.h"
#include "store.h"
#include "vigil.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static vigil_dict *dict;
static vigil_coder *coder;

static int same_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static int same_span(vigil_span a, vigil_span b)
{
    return a.start == b.start && a.end == b.end;
}

/* Every field of two stored events. */
static int same_event(const vigil_stored_event *a, const vigil_stored_event *b)
{
    return a->id == b->id && !strcmp(a->date, b->date) && !strcmp(a->last_date, b->last_date) &&
           !strcmp(a->source, b->source) && !strcmp(a->target, b->target) &&
           !strcmp(a->code, b->code) && !strcmp(a->root, b->root) && a->quad == b->quad &&
           a->goldstein == b->goldstein && same_str(a->plover, b->plover) &&
           a->mentions == b->mentions && a->sources == b->sources && a->stories == b->stories &&
           a->hypothetical == b->hypothetical && same_str(a->story, b->story) &&
           a->sentence == b->sentence && same_str(a->publisher, b->publisher) &&
           same_str(a->url, b->url) && same_str(a->speaker, b->speaker) &&
           same_span(a->ev_source, b->ev_source) && same_span(a->ev_verb, b->ev_verb) &&
           same_span(a->ev_target, b->ev_target) && same_str(a->rule, b->rule) &&
           same_str(a->text, b->text);
}

/* Mentions as one line each, to compare the two backends' lists. */
static void add_mention(void *ud, const vigil_mention *m)
{
    vg_buf *b = ud;
    vg_buf_printf(b, "%s|%s|%s|%u|%d|%s|%u-%u|%u-%u|%u-%u|%s|%s\n", m->story, m->date, m->publisher,
                  m->sentence, m->hypothetical, m->speaker, m->ev_source.start, m->ev_source.end,
                  m->ev_verb.start, m->ev_verb.end, m->ev_target.start, m->ev_target.end, m->rule,
                  m->text);
}

/* Runs a query on both stores; 1 when the results are the same. */
static int same_query(vigil_store *a, vigil_store *b, const vigil_filter *f, const char *what)
{
    vigil_event_list *la = NULL, *lb = NULL;
    INT_EQ(vigil_store_query(a, f, &la), VIGIL_OK, what);
    INT_EQ(vigil_store_query(b, f, &lb), VIGIL_OK, what);
    int same = la && lb && vigil_event_list_count(la) == vigil_event_list_count(lb);
    for (size_t i = 0; same && i < vigil_event_list_count(la); i++) {
        const vigil_stored_event *ea = vigil_event_list_get(la, i);
        const vigil_stored_event *eb = vigil_event_list_get(lb, i);
        same = same_event(ea, eb);
        vg_buf ma, mb;
        vg_buf_init(&ma, 1u << 20);
        vg_buf_init(&mb, 1u << 20);
        vg_buf_puts(&ma, "");
        vg_buf_puts(&mb, "");
        same = same && vigil_store_mentions(a, ea, add_mention, &ma) == VIGIL_OK &&
               vigil_store_mentions(b, eb, add_mention, &mb) == VIGIL_OK &&
               strcmp(ma.ptr, mb.ptr) == 0;
        vg_buf_free(&ma);
        vg_buf_free(&mb);
    }
    OK(same, what);
    size_t n = la ? vigil_event_list_count(la) : 0;
    vigil_event_list_free(la);
    vigil_event_list_free(lb);
    return (int)n;
}

static void test_no_server(void)
{
    OK(vg_pg_is_uri("postgresql://u@h/db") && vg_pg_is_uri("postgres://h/db") &&
           vg_pg_is_uri("pg:host=h dbname=d"),
       "PostgreSQL URIs and conninfo");
    OK(!vg_pg_is_uri("store.db") && !vg_pg_is_uri("/tmp/postgresql.db") &&
           !vg_pg_is_uri("file:x.db"),
       "file names are SQLite");
    vigil_store *s = NULL;
    /* Nothing listens on port 1. */
    INT_EQ(vigil_store_open("postgresql://vigil:secret@127.0.0.1:1/none", 0, &s), VIGIL_ERR_IO,
           "no server: I/O error");
    const char *msg = vigil_store_errmsg(s);
    OK(strncmp(msg, "PostgreSQL: ", 12) == 0 && strstr(msg, "127.0.0.1") != NULL,
       "the message says which server");
    OK(strstr(msg, "secret") == NULL, "the message does not repeat the password");
    vigil_store_close(s);
}

/* vigil_store_story as text, event ids left out (they may differ). */
typedef struct story_text {
    char b[8192];
    size_t n;
} story_text;

static void st_add(story_text *t, const char *line)
{
    size_t k = strlen(line);
    if (k < sizeof t->b - t->n) memcpy(t->b + t->n, line, k + 1), t->n += k;
}

static void st_info(void *ud, const vigil_story_info *i)
{
    char line[256];
    snprintf(line, sizeof line, "story %s %s %u %u\n", i->date, i->source, i->sentences,
             i->mentions);
    st_add(ud, line);
}

static void st_sentence(void *ud, unsigned idx, const char *text)
{
    char line[512];
    snprintf(line, sizeof line, "sentence %u %s\n", idx, text);
    st_add(ud, line);
}

static void st_event(void *ud, const vigil_story_event *e)
{
    char line[512];
    snprintf(line, sizeof line, "event %u %s %s %s %d %.1f %s %s %s %u %u %u\n", e->m.sentence,
             e->source, e->target, e->code, e->quad, e->goldstein, e->plover, e->rule_where,
             e->m.rule, e->m.ev_source.start, e->m.ev_verb.start, e->m.ev_target.end);
    st_add(ud, line);
}

static void test_side_by_side(const char *uri)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/vigil_test_store_pg_%ld.db", (long)getpid());
    unlink(path);
    vigil_store *lite, *pg;
    INT_EQ(vigil_store_open(path, 0, &lite), VIGIL_OK, "open SQLite");
    INT_EQ(vigil_store_open(uri, 0, &pg), VIGIL_OK, "open PostgreSQL");
    INT_EQ(vigil_store_schema_version(pg), vigil_store_schema_version(lite),
           "the same schema version");
    vigil_store *both[2] = {lite, pg};
    static const struct {
        const char *id, *date, *pub, *text;
    } stories[] = {
        {"s1", "2024-03-01", "Wire",
         "Valdoria attacked Karesh near the border. Karesh condemned Valdoria. "
         "Valdorian troops attacked Karesh again, officials said."},
        {"s2", "2024-03-01", "Post", "Valdoria attacked Karesh overnight, witnesses said."},
        {"s3", "2024-03-02", "", "Valdoria attacked Karesh. Orlesia praised Zantor for its help."},
        {"s4", "2024-03-05", "Wire", "Karesh may attack Valdoria, the minister warned."},
        /* Replacements: s2 with another text, s1 with the same. */
        {"s2", "2024-03-01", "Post", "Zantor condemned Orlesia. \"Quotes\\and\" backslashes."},
        {"s1", "2024-03-01", "Wire",
         "Valdoria attacked Karesh near the border. Karesh condemned Valdoria. "
         "Valdorian troops attacked Karesh again, officials said."},
    };
    for (size_t i = 0; i < sizeof stories / sizeof stories[0]; i++)
        for (int k = 0; k < 2; k++)
            INT_EQ(store_story(coder, both[k], stories[i].id, stories[i].date, stories[i].pub,
                               stories[i].text),
                   VIGIL_OK, "store a story");
    INT_EQ(store_story(coder, pg, "bad", "2024-02-30", "Wire", "Valdoria attacked Karesh."),
           VIGIL_ERR_ARG, "bad date refused");

    vigil_filter f;
    memset(&f, 0, sizeof f);
    OK(same_query(lite, pg, &f, "all events") >= 4, "several events");
    f.window_days = 2;
    same_query(lite, pg, &f, "window 2");
    memset(&f, 0, sizeof f);
    f.source = "VLD";
    f.target = "KRS";
    f.both_directions = 1;
    same_query(lite, pg, &f, "dyad, both directions");
    memset(&f, 0, sizeof f);
    f.actor = "ORL";
    f.from = "2024-03-01";
    f.to = "2024-03-02";
    same_query(lite, pg, &f, "actor and dates");
    memset(&f, 0, sizeof f);
    f.story = "s3";
    f.quad = 4;
    same_query(lite, pg, &f, "story and quad");
    f.actor = "vld";
    vigil_event_list *l = NULL;
    INT_EQ(vigil_store_query(pg, &f, &l), VIGIL_ERR_ARG, "bad actor refused");

    /* One stored story (what `vigil serve` shows), the same on both. */
    static story_text txt[2];
    for (int k = 0; k < 2; k++) {
        INT_EQ(vigil_store_story(both[k], "s1", st_info, st_sentence, st_event, &txt[k]), VIGIL_OK,
               "read a story");
        INT_EQ(vigil_store_story(both[k], "none", st_info, NULL, NULL, &txt[k]), VIGIL_DONE,
               "an absent story");
    }
    OK(strstr(txt[0].b, "event ") != NULL, "the story has events");
    STR_EQ(txt[1].b, txt[0].b, "the same story on both backends");

    for (int k = 0; k < 2; k++) {
        INT_EQ(vigil_store_delete(both[k], "s3"), VIGIL_OK, "delete a story");
        INT_EQ(vigil_store_delete(both[k], "s3"), VIGIL_DONE, "delete it again: absent");
    }
    memset(&f, 0, sizeof f);
    same_query(lite, pg, &f, "after the deletion");
    INT_EQ(vigil_store_check(pg), VIGIL_OK, "check");
    STR_EQ(vigil_store_errmsg(pg), "ok", "check says ok");
    vigil_store_close(pg);

    /* Read-only: queries work, writes are refused. */
    INT_EQ(vigil_store_open(uri, VIGIL_STORE_READONLY, &pg), VIGIL_OK, "open read-only");
    same_query(lite, pg, &f, "read-only");
    INT_EQ(store_story(coder, pg, "s9", "2024-03-01", "Wire", "Valdoria attacked Karesh."),
           VIGIL_ERR_ARG, "read-only: put refused");
    vigil_store_close(pg);
    vigil_store_close(lite);
    unlink(path);
    char side[80];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

int main(void)
{
    test_no_server();
    const char *uri = getenv("VIGIL_TEST_PG");
    if (uri && *uri) {
        dict = vigil_dict_new();
        OK(vigil_dict_load(dict, "data") == VIGIL_OK, "load data/");
        OK(vigil_dict_load(dict, "tests/store/dict") == VIGIL_OK, "load tests/store/dict");
        coder = vigil_coder_new(dict, 0);
        test_side_by_side(uri);
        vigil_coder_free(coder);
        vigil_dict_free(dict);
    } else {
        fprintf(stderr, "test_store_pg: SKIP the server tests (VIGIL_TEST_PG is not set; "
                        "tests/cli/store_pg.sh sets it)\n");
    }
    TEST_MAIN_END();
}
