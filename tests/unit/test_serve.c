/*
 * test_serve.c — the library parts of `vigil serve` (the "serve" section of
 * include/vigil.h): query parameters to a filter, static file names, one
 * stored story with its sentences and events, and the dyad ranking.
 *
 * Stories are invented (tests/store/dict names the actors) and coded with
 * vigil's own data/ plus that set; the store lives in a temporary file.
 */
#include "harness.h"
#include "store_story.h"
#include "vigil.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static vigil_dict *dict;
static vigil_coder *coder;
static char dbpath[64];

static void test_filter_param(void)
{
    vigil_filter f;
    memset(&f, 0, sizeof f);
    char err[128];
    INT_EQ(vigil_filter_param(&f, "from", "2024-02-29", err, sizeof err), VIGIL_OK, "from");
    STR_EQ(f.from, "2024-02-29", "from kept");
    INT_EQ(vigil_filter_param(&f, "to", "2023-02-29", err, sizeof err), VIGIL_ERR_ARG,
           "no leap day in 2023");
    OK(strstr(err, "'to'") != NULL, "the message names the parameter");
    INT_EQ(vigil_filter_param(&f, "to", "2024-1-01", err, sizeof err), VIGIL_ERR_ARG, "short date");
    OK(f.to == NULL, "a refused value sets nothing");
    INT_EQ(vigil_filter_param(&f, "actor", "RUSGOV", err, sizeof err), VIGIL_OK, "actor");
    STR_EQ(f.actor, "RUSGOV", "actor kept");
    INT_EQ(vigil_filter_param(&f, "actor", "rus", err, sizeof err), VIGIL_ERR_ARG, "lower case");
    INT_EQ(vigil_filter_param(&f, "source", "", err, sizeof err), VIGIL_ERR_ARG, "empty code");
    INT_EQ(vigil_filter_param(&f, "source", "RUS'--", err, sizeof err), VIGIL_ERR_ARG,
           "quote in a code");
    char longcode[VIGIL_CODE_MAX + 2];
    memset(longcode, 'A', sizeof longcode - 1);
    longcode[sizeof longcode - 1] = '\0';
    INT_EQ(vigil_filter_param(&f, "target", longcode, err, sizeof err), VIGIL_ERR_ARG,
           "a code longer than any stored one");
    INT_EQ(vigil_filter_param(&f, "source", "VLD", err, sizeof err), VIGIL_OK, "source");
    INT_EQ(vigil_filter_param(&f, "target", "KRS", err, sizeof err), VIGIL_OK, "target");
    INT_EQ(vigil_filter_param(&f, "both", "1", err, sizeof err), VIGIL_OK, "both=1");
    INT_EQ(f.both_directions, 1, "both set");
    INT_EQ(vigil_filter_param(&f, "both", "false", err, sizeof err), VIGIL_OK, "both=false");
    INT_EQ(f.both_directions, 0, "both cleared");
    INT_EQ(vigil_filter_param(&f, "both", "maybe", err, sizeof err), VIGIL_ERR_ARG, "both=maybe");
    INT_EQ(vigil_filter_param(&f, "code", "0231", err, sizeof err), VIGIL_OK, "code");
    INT_EQ(vigil_filter_param(&f, "code", "02315", err, sizeof err), VIGIL_ERR_ARG, "5 digits");
    INT_EQ(vigil_filter_param(&f, "code", "07a", err, sizeof err), VIGIL_ERR_ARG, "a letter");
    INT_EQ(vigil_filter_param(&f, "root", "19", err, sizeof err), VIGIL_OK, "root");
    INT_EQ(vigil_filter_param(&f, "root", "190", err, sizeof err), VIGIL_ERR_ARG, "root of 3");
    for (int q = 1; q <= 4; q++) {
        char v[2] = {(char)('0' + q), 0};
        INT_EQ(vigil_filter_param(&f, "quad", v, err, sizeof err), VIGIL_OK, "quad 1-4");
        INT_EQ(f.quad, q, "quad kept");
    }
    INT_EQ(vigil_filter_param(&f, "quad", "0", err, sizeof err), VIGIL_ERR_ARG, "quad 0");
    INT_EQ(vigil_filter_param(&f, "quad", "5", err, sizeof err), VIGIL_ERR_ARG, "quad 5");
    INT_EQ(vigil_filter_param(&f, "quad", "-1", err, sizeof err), VIGIL_ERR_ARG, "quad -1");
    INT_EQ(vigil_filter_param(&f, "quad", " 3", err, sizeof err), VIGIL_ERR_ARG, "quad ' 3'");
    INT_EQ(vigil_filter_param(&f, "window", "3650", err, sizeof err), VIGIL_OK, "window max");
    INT_EQ(f.window_days, 3650, "window kept");
    INT_EQ(vigil_filter_param(&f, "window", "3651", err, sizeof err), VIGIL_ERR_ARG,
           "window over the max");
    INT_EQ(vigil_filter_param(&f, "window", "99999999999999999999", err, sizeof err), VIGIL_ERR_ARG,
           "window overflow");
    INT_EQ(vigil_filter_param(&f, "story", "brief-1", err, sizeof err), VIGIL_OK, "story");
    INT_EQ(vigil_filter_param(&f, "story", "", err, sizeof err), VIGIL_ERR_ARG, "empty story");
    INT_EQ(vigil_filter_param(&f, "limit", "10", err, sizeof err), VIGIL_DONE,
           "not a filter parameter");
    INT_EQ(vigil_filter_param(&f, "from", NULL, NULL, 0), VIGIL_ERR_ARG, "NULL value, no err");
}

static void path_ok(const char *in, const char *want)
{
    char out[64];
    INT_EQ(vigil_http_path(in, out, sizeof out), VIGIL_OK, in);
    STR_EQ(out, want, in);
}

static void path_bad(const char *in)
{
    char out[64];
    INT_EQ(vigil_http_path(in, out, sizeof out), VIGIL_ERR_ARG, in);
    STR_EQ(out, "", "nothing written for a refused path");
}

static void test_http_path(void)
{
    path_ok("app.js", "app.js");
    path_ok("/style.css", "style.css");
    path_ok("//img/logo.png", "img/logo.png");
    path_ok("a.b-c_d/e.f", "a.b-c_d/e.f");
    path_bad("");
    path_bad("/");
    path_bad("..");
    path_bad("../etc/passwd");
    path_bad("img/../../x");
    path_bad("img/..");
    path_bad(".git/config");
    path_bad("img/.hidden");
    path_bad("a//b");
    path_bad("dir/");
    path_bad("a\\b");
    path_bad("..\\x");
    path_bad("%2e%2e/x");
    path_bad("a b");
    path_bad("a\nb");
    path_bad("caf\xc3\xa9.js");
    path_bad("\xc0\xae\xc0\xae/x");
    char out[8];
    INT_EQ(vigil_http_path("abcdefgh", out, sizeof out), VIGIL_ERR_ARG, "longer than cap - 1");
    INT_EQ(vigil_http_path("abcdefg", out, sizeof out), VIGIL_OK, "exactly cap - 1");
}

typedef struct seen {
    int infos;
    char id[32], date[11];
    unsigned mentions;
    int nsent;
    char sent[8][128];
    int nev;
    char code[8][8];
    unsigned sentence[8];
    vigil_span verb[8];
    char where[8][64];
} seen;

static void on_info(void *ud, const vigil_story_info *i)
{
    seen *x = ud;
    x->infos++;
    snprintf(x->id, sizeof x->id, "%s", i->id);
    snprintf(x->date, sizeof x->date, "%s", i->date);
    x->mentions = i->mentions;
}

static void on_sentence(void *ud, unsigned idx, const char *text)
{
    seen *x = ud;
    OK((int)idx == x->nsent, "sentences in order");
    if (x->nsent < 8) snprintf(x->sent[x->nsent], sizeof x->sent[0], "%s", text);
    x->nsent++;
}

static void on_event(void *ud, const vigil_story_event *e)
{
    seen *x = ud;
    if (x->nev < 8) {
        snprintf(x->code[x->nev], sizeof x->code[0], "%s", e->code);
        x->sentence[x->nev] = e->m.sentence;
        x->verb[x->nev] = e->m.ev_verb;
        snprintf(x->where[x->nev], sizeof x->where[0], "%s", e->rule_where);
    }
    x->nev++;
}

static void test_story_and_dyads(void)
{
    unlink(dbpath);
    vigil_store *s;
    INT_EQ(vigil_store_open(dbpath, 0, &s), VIGIL_OK, "open a new store");
    /* KRS-VLD: calm in January, conflict in the last week; ORL-ZAN: busy
     * but friendly. */
    INT_EQ(
        store_story(coder, s, "a1", "2024-01-02", "Wire", "Valdoria praised Karesh for its help."),
        VIGIL_OK, "a1");
    INT_EQ(store_story(coder, s, "a2", "2024-01-20", "Wire",
                       "Orlesia praised Zantor for its help. Zantor praised Orlesia for its help. "
                       "Orlesia sent aid to Zantor."),
           VIGIL_OK, "a2");
    INT_EQ(store_story(coder, s, "a3", "2024-01-28", "Post",
                       "Valdoria attacked Karesh near the border. Karesh condemned Valdoria."),
           VIGIL_OK, "a3");
    INT_EQ(store_story(coder, s, "a4", "2024-01-30", "Times",
                       "Orlesia signed a trade agreement with Zantor."),
           VIGIL_OK, "a4");

    seen x;
    memset(&x, 0, sizeof x);
    INT_EQ(vigil_store_story(s, "a3", on_info, on_sentence, on_event, &x), VIGIL_OK, "story a3");
    INT_EQ(x.infos, 1, "info once");
    STR_EQ(x.id, "a3", "its id");
    STR_EQ(x.date, "2024-01-28", "its date");
    INT_EQ(x.nsent, 2, "two sentences");
    STR_EQ(x.sent[1], "Karesh condemned Valdoria.", "the second sentence");
    INT_EQ(x.nev, 2, "two events");
    INT_EQ(x.mentions, 2, "two mentions in the info");
    STR_EQ(x.code[0], "190", "the attack first (sentence order)");
    INT_EQ(x.sentence[1], 1, "the condemnation is in sentence 1");
    STR_EQ(x.code[1], "111", "then the condemnation");
    /* "Karesh condemned Valdoria.": the verb is bytes 7..16. */
    OK(x.verb[1].start == 7 && x.verb[1].end == 16, "the verb's span");
    OK(strstr(x.where[0], ".verbs:") != NULL, "the pattern's file:line");
    INT_EQ(vigil_store_story(s, "nope", on_info, NULL, NULL, &x), VIGIL_DONE, "absent story");
    INT_EQ(x.infos, 1, "no info for an absent story");
    INT_EQ(vigil_store_story(s, "a1", NULL, NULL, NULL, NULL), VIGIL_OK, "callbacks may be NULL");

    vigil_filter f;
    memset(&f, 0, sizeof f);
    vigil_event_list *l;
    INT_EQ(vigil_store_query(s, &f, &l), VIGIL_OK, "query");
    vigil_dyad *d;
    size_t n;
    INT_EQ(vigil_dyads(l, 0, &d, &n), VIGIL_ERR_ARG, "days 0 refused");
    INT_EQ(vigil_dyads(l, 7, &d, &n), VIGIL_OK, "dyads");
    INT_EQ(n, 2, "two dyads");
    STR_EQ(d[0].a, "ORL", "the most mentioned first: ORL");
    STR_EQ(d[0].b, "ZAN", "... and ZAN (a < b)");
    INT_EQ(d[0].mentions, 4, "ORL-ZAN mentions");
    INT_EQ(d[0].conflict_mentions, 0, "ORL-ZAN no conflict");
    OK(d[0].escalation == 0, "a friendly dyad does not escalate");
    STR_EQ(d[1].a, "KRS", "KRS-VLD (both directions add up)");
    INT_EQ(d[1].events, 3, "KRS-VLD events");
    INT_EQ(d[1].conflict_mentions, 2, "KRS-VLD conflict mentions");
    STR_EQ(d[1].last_date, "2024-01-28", "KRS-VLD last date");
    /* The last day of the list is 2024-01-30: the recent week is 01-24..30
     * (the attack, -10, and the condemnation, -2); the week before is quiet. */
    OK(d[1].recent > 1.71 && d[1].recent < 1.72, "recent = 12 / 7 per day");
    OK(d[1].previous == 0, "previous week quiet");
    OK(d[1].escalation == d[1].recent - d[1].previous, "escalation = recent - previous");
    vigil_free(d);
    vigil_event_list_free(l);

    f.from = "2030-01-01";
    INT_EQ(vigil_store_query(s, &f, &l), VIGIL_OK, "empty query");
    INT_EQ(vigil_dyads(l, 7, &d, &n), VIGIL_OK, "dyads of nothing");
    INT_EQ(n, 0, "no dyad");
    OK(d == NULL, "nothing allocated");
    vigil_event_list_free(l);
    vigil_store_close(s);
    char p[80];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
}

int main(void)
{
    snprintf(dbpath, sizeof dbpath, "/tmp/vigil_test_serve_%ld.db", (long)getpid());
    dict = vigil_dict_new();
    OK(vigil_dict_load(dict, "data") == VIGIL_OK, "load data/");
    OK(vigil_dict_load(dict, "tests/store/dict") == VIGIL_OK, "load tests/store/dict");
    coder = vigil_coder_new(dict, 0);
    test_filter_param();
    test_http_path();
    test_story_and_dyads();
    vigil_coder_free(coder);
    vigil_dict_free(dict);
    TEST_MAIN_END();
}
