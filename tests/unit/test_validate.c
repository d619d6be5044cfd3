/*
 * test_validate.c — reading PETRARCH-style validation files, comparing
 * event multisets, the interim coder options and running records
 * (src/validate.c), through the public API only. The run tests use the
 * fixture set in tests/validate/ (invented dictionaries and sentences).
 */
#include "harness.h"
#include "vigil.h"

#include <stdio.h>
#include <string.h>

#define FIX "tests/validate/"

static const char *sample =
    "<Validation>\n"
    "<Environment>\n"
    "  <Verbfile>V.verbs.txt</Verbfile>\n"
    "  <Actorfile> A1.actors.txt, A2.actors.txt </Actorfile>\n"
    "  <Agentfile>G.agents.txt</Agentfile>\n"
    "  <Discardfile>D.discards.txt</Discardfile>\n"
    "  <Errorfile>errors.txt</Errorfile>\n"
    "  <Config option=\"stop_on_error\" value=\"True\"></Config>\n"
    "</Environment>\n"
    "<Sentences>\n"
    "<Sentence date=\"19950101\" id=\"R-01\" category=\"DEMO\" sentence=\"true\">\n"
    "<!-- a comment -->\n"
    "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
    "<EventCoding sourcecode='\"NEW ACTOR\"' targetcode=\" ---GOV \" eventcode=\"023\"/>\n"
    "<Text>\n  Arnor restored   ties\n with Gondor &amp; Rohan.\n</Text>\n"
    "<Parse>(ROOT (S (NP (NNP Mordor))))</Parse>\n"
    "</Sentence>\n"
    "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
    "<Sentence date = \"20080801\" id =\"R-02\" category=\"ERROR\" sentence=\"true\">\n"
    "<EventCoding error=\"dateline\"></EventCoding>\n"
    "<Text>GONDOR CITY: -- Arnor met Gondor.</Text>\n"
    "</Sentence>\n"
    "<Config option=\"comma_max\" value=\" 0 \"></Config>\n"
    "<Config option=\"no_such_option\" value=\"1\"></Config>\n"
    "<Sentence date=\"1995\" id=\"R-03\" sentence=\"false\"><Text>x</Text></Sentence>\n"
    "<Sentence date=\"19951301\" id=\"R-04\" valid=\"FALSE\"><Text>y</Text></Sentence>\n"
    "<Sentence date=\"19950101\" id=\"R-05\">\n"
    "<EventCoding noevents = \"True\"> </EventCoding>\n"
    "<Text>The weather was mild.</Text></Sentence>\n"
    "<Sentence id=\"R-05\"><EventCoding sourcecode=\"ARN\"/></Sentence>\n"
    "</Sentences>\n"
    "</Validation>\n";

static void test_parse(void)
{
    vigil_validation *v = NULL;
    INT_EQ(vigil_validation_parse(sample, strlen(sample), "dir/sample.xml", &v), VIGIL_OK,
           "sample parses");
    OK(v != NULL, "handle");
    INT_EQ(vigil_validation_record_count(v), 6, "six records");

    /* Environment: files in order, a comma list split, kinds named. */
    INT_EQ(vigil_validation_dict_count(v), 5, "five dictionary files");
    const char *kind = NULL;
    STR_EQ(vigil_validation_dict(v, 0, &kind), "V.verbs.txt", "verb file");
    STR_EQ(kind, "verbs", "verb kind");
    STR_EQ(vigil_validation_dict(v, 1, &kind), "A1.actors.txt", "first actor file");
    STR_EQ(vigil_validation_dict(v, 2, &kind), "A2.actors.txt", "second actor file, trimmed");
    STR_EQ(kind, "actors", "actor kind");
    STR_EQ(vigil_validation_dict(v, 3, &kind), "G.agents.txt", "agent file");
    STR_EQ(kind, "agents", "agent kind");
    STR_EQ(vigil_validation_dict(v, 4, &kind), "D.discards.txt", "discard file");
    STR_EQ(kind, "discards", "discard kind");
    OK(vigil_validation_dict(v, 5, &kind) == NULL, "past the end");

    /* Configs in file order, the environment's first. */
    INT_EQ(vigil_validation_config_count(v), 4, "four configs");
    const char *name, *value;
    INT_EQ(vigil_validation_config(v, 0, &name, &value), VIGIL_OK, "config 0");
    STR_EQ(name, "stop_on_error", "config 0 name");
    INT_EQ(vigil_validation_config(v, 1, &name, &value), VIGIL_OK, "config 1");
    STR_EQ(name, "require_dyad", "config 1 name");
    STR_EQ(value, "false", "config 1 value");
    INT_EQ(vigil_validation_config(v, 2, &name, &value), VIGIL_OK, "config 2");
    STR_EQ(value, "0", "config value trimmed");
    INT_EQ(vigil_validation_config(v, 9, &name, &value), VIGIL_ERR_ARG, "config past the end");

    const vigil_vrecord *r = vigil_validation_record(v, 0);
    STR_EQ(r->id, "R-01", "id");
    STR_EQ(r->date, "1995-01-01", "date made ISO");
    STR_EQ(r->category, "DEMO", "category");
    STR_EQ(r->text, "Arnor restored ties with Gondor & Rohan.", "text: spaces collapsed, entity");
    OK(strstr(r->text, "Mordor") == NULL, "the parse tree is not read");
    INT_EQ(r->line, 11, "line of <Sentence>");
    INT_EQ(r->skip, 0, "not skipped");
    INT_EQ(r->nexpected, 2, "two events expected");
    STR_EQ(r->expected[0].source, "ARN", "event 0 source");
    STR_EQ(r->expected[0].target, "GON", "event 0 target");
    STR_EQ(r->expected[0].code, "064", "event 0 code");
    STR_EQ(r->expected[1].source, "\"NEW ACTOR\"", "a new actor keeps its quotes");
    STR_EQ(r->expected[1].target, "---GOV", "codes trimmed");
    INT_EQ(r->nconfig, 1, "one config before R-01");

    r = vigil_validation_record(v, 1);
    STR_EQ(r->date, "2008-08-01", "date with spaces around =");
    STR_EQ(r->error, "dateline", "error record");
    INT_EQ(r->nexpected, 0, "an error record expects nothing");
    INT_EQ(r->nconfig, 2, "the config between records applies from R-02 on");

    r = vigil_validation_record(v, 2);
    INT_EQ(r->skip, 1, "sentence=false skips");
    STR_EQ(r->date, "", "a malformed date is empty");
    STR_EQ(r->category, "", "no category");
    INT_EQ(r->nconfig, 4, "both later configs apply");
    INT_EQ(vigil_validation_record(v, 3)->skip, 1, "valid=FALSE skips");
    STR_EQ(vigil_validation_record(v, 3)->date, "", "month 13 is no date");

    r = vigil_validation_record(v, 4);
    INT_EQ(r->noevents, 1, "noevents");
    INT_EQ(r->nexpected, 0, "noevents expects nothing");
    STR_EQ(r->error, "", "no error");

    r = vigil_validation_record(v, 5);
    INT_EQ(r->nexpected, 1, "a coding with missing codes is kept");
    STR_EQ(r->expected[0].target, "---", "a missing code is ---");
    STR_EQ(r->text, "", "no text");
    OK(vigil_validation_record(v, 6) == NULL, "record past the end");

    INT_EQ(vigil_validation_find(v, "R-04"), 3, "find");
    INT_EQ(vigil_validation_find(v, "R-05"), 4, "find gives the first of a duplicate id");
    OK(vigil_validation_find(v, "nope") == (size_t)-1, "find: absent");

    /* Warnings: the unknown option, the duplicate id, the missing codes
     * and the missing text. */
    size_t nw = vigil_validation_warning_count(v);
    int unknown = 0, dup = 0, codes = 0, notext = 0;
    for (size_t i = 0; i < nw; i++) {
        const char *w = vigil_validation_warning(v, i);
        unknown |= strstr(w, "no_such_option") != NULL;
        dup |= strstr(w, "used twice") != NULL;
        codes |= strstr(w, "lacks a code") != NULL;
        notext |= strstr(w, "has no <Text>") != NULL;
        OK(strncmp(w, "dir/sample.xml:", 15) == 0, "warning names the file");
    }
    OK(unknown && dup && codes && notext, "the four warnings");
    INT_EQ(nw, 4, "no other warnings");
    OK(vigil_validation_warning(v, nw) == NULL, "warning past the end");
    vigil_validation_free(v);
}

static void test_parse_errors(void)
{
    vigil_validation *v = NULL;
    const char *bad = "<Validation><Sentences>\n"
                      "<Sentence id=\"A\" date=\"20000101\"><Text>Arnor met Gondor.</Text>"
                      "</Sentence>\n"
                      "<Sentence id=\"B\"><Text>broken</Sentence>\n";
    INT_EQ(vigil_validation_parse(bad, strlen(bad), "bad.xml", &v), VIGIL_ERR_SYNTAX,
           "malformed XML");
    OK(v != NULL, "a handle with the message");
    OK(strstr(vigil_validation_errmsg(v), "bad.xml:") != NULL, "message names the file");
    OK(vigil_validation_record_count(v) >= 1, "records before the error are kept");
    STR_EQ(vigil_validation_record(v, 0)->id, "A", "first record read");
    vigil_validation_free(v);

    INT_EQ(vigil_validation_parse("", 0, "empty.xml", &v), VIGIL_ERR_SYNTAX, "empty input");
    INT_EQ(vigil_validation_record_count(v), 0, "no records");
    vigil_validation_free(v);

    /* Invalid UTF-8 is repaired and said. */
    const char *latin = "<Validation><Sentence id=\"U\"><Text>Caf\xe9 talks</Text>"
                        "</Sentence></Validation>";
    INT_EQ(vigil_validation_parse(latin, strlen(latin), "latin.xml", &v), VIGIL_OK,
           "invalid UTF-8 read");
    INT_EQ(vigil_validation_record_count(v), 1, "its record");
    OK(vigil_validation_warning_count(v) == 1 &&
           strstr(vigil_validation_warning(v, 0), "UTF-8") != NULL,
       "repair warned");
    vigil_validation_free(v);

    INT_EQ(vigil_validation_load(FIX "no-such-file.xml", &v), VIGIL_ERR_IO, "missing file");
    OK(strstr(vigil_validation_errmsg(v), "no-such-file.xml") != NULL, "message names it");
    vigil_validation_free(v);
    INT_EQ(vigil_validation_parse("x", 1, "n", NULL), VIGIL_ERR_ARG, "NULL out");
    vigil_validation_free(NULL);
}

static vigil_vevent ev(const char *s, const char *t, const char *c)
{
    vigil_vevent e;
    memset(&e, 0, sizeof e);
    snprintf(e.source, sizeof e.source, "%s", s);
    snprintf(e.target, sizeof e.target, "%s", t);
    snprintf(e.code, sizeof e.code, "%s", c);
    return e;
}

static void test_equal(void)
{
    vigil_vevent a[3] = {ev("ARN", "GON", "064"), ev("GON", "ARN", "064"), ev("ARN", "GON", "064")};
    vigil_vevent b[3] = {ev("GON", "ARN", "064"), ev("ARN", "GON", "064"), ev("ARN", "GON", "064")};
    OK(vigil_vevents_equal(a, 3, b, 3), "order does not matter");
    OK(!vigil_vevents_equal(a, 3, b, 2), "counts differ");
    vigil_vevent c[3] = {ev("GON", "ARN", "064"), ev("GON", "ARN", "064"), ev("ARN", "GON", "064")};
    OK(!vigil_vevents_equal(a, 3, c, 3), "multiplicities matter");
    OK(vigil_vevents_equal(NULL, 0, NULL, 0), "two empty lists");
    OK(!vigil_vevents_equal(a, 1, NULL, 0), "one empty list");
    vigil_vevent d[1] = {ev("ARN", "", "023")}, e[1] = {ev("arn", "---", "023")};
    OK(vigil_vevents_equal(d, 1, e, 1), "'' is '---', actor case ignored");
    vigil_vevent f[1] = {ev("ARN", "---", "0230")};
    OK(!vigil_vevents_equal(e, 1, f, 1), "event codes compare exactly");
    vigil_vevent g[1] = {ev("---GOV", "---", "023")}, h[1] = {ev("GOV", "---", "023")};
    OK(!vigil_vevents_equal(g, 1, h, 1), "a role without a country keeps its dashes");
}

static void test_options(void)
{
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_finish(d), VIGIL_OK, "empty dictionary");
    vigil_coder *c1 = vigil_coder_new(d, 0), *c2 = vigil_coder_new(d, 0);
    OK(vigil_coder_get_option(c1, "require_dyad") == NULL, "unset option");
    INT_EQ(vigil_coder_set_option(c1, "require_dyad", "FALSE"), VIGIL_OK, "set bool");
    STR_EQ(vigil_coder_get_option(c1, "require_dyad"), "false", "bool normalised");
    STR_EQ(vigil_coder_get_option(c1, "REQUIRE_DYAD"), "false", "names ignore case");
    INT_EQ(vigil_coder_set_option(c1, "require_dyad", "True"), VIGIL_OK, "set again");
    STR_EQ(vigil_coder_get_option(c1, "require_dyad"), "true", "the last value holds");
    INT_EQ(vigil_coder_set_option(c1, "new_actor_length", " 4 "), VIGIL_OK, "set number");
    STR_EQ(vigil_coder_get_option(c1, "new_actor_length"), "4", "number normalised");
    OK(vigil_coder_get_option(c2, "new_actor_length") == NULL, "options are per coder");
    INT_EQ(vigil_coder_set_option(c1, "comma_max", "eight"), VIGIL_ERR_ARG, "bad number");
    INT_EQ(vigil_coder_set_option(c1, "comma_max", "-1"), VIGIL_ERR_ARG, "negative number");
    INT_EQ(vigil_coder_set_option(c1, "require_dyad", "maybe"), VIGIL_ERR_ARG, "bad bool");
    INT_EQ(vigil_coder_set_option(c1, "no_such", "1"), VIGIL_ERR_ARG, "unknown option");
    INT_EQ(vigil_coder_set_option(NULL, "comma_max", "1"), VIGIL_ERR_ARG, "NULL coder");
    static const char *names[] = {"comma_min",  "comma_max",  "comma_bmin",   "comma_bmax",
                                  "comma_emin", "comma_emax", "stop_on_error"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        INT_EQ(vigil_coder_set_option(c2, names[i], i == 6 ? "no" : "3"), VIGIL_OK, names[i]);
    STR_EQ(vigil_coder_get_option(c2, "stop_on_error"), "false", "yes/no booleans");
    vigil_coder_free(c1);
    vigil_coder_free(c2);
    vigil_dict_free(d);
}

static void test_run(void)
{
    vigil_validation *v = NULL;
    INT_EQ(vigil_validation_load(FIX "mini.records.xml", &v), VIGIL_OK, "fixture loads");
    INT_EQ(vigil_validation_warning_count(v), 0, "fixture has no warnings");
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_validation_load_dicts(v, d, NULL), VIGIL_OK, "dictionaries beside the file");
    INT_EQ(vigil_dict_finish(d), VIGIL_OK, "dictionaries finish");
    OK(vigil_dict_count(d, "actors") >= 5, "actors loaded");

    vigil_vresult res;
    size_t i = vigil_validation_find(v, "BASIC-01");
    INT_EQ(vigil_validation_run(v, i, d, 0, &res), VIGIL_OK, "run BASIC-01");
    INT_EQ(res.outcome, VIGIL_V_PASS, "BASIC-01 passes");
    INT_EQ(res.ngot, 1, "one event got");
    STR_EQ(res.ngot ? res.got[0].source : NULL, "ARN", "its source");
    const vigil_coder *c = vigil_validation_coder(v);
    OK(c != NULL, "the validation's coder");
    STR_EQ(vigil_coder_get_option(c, "require_dyad"), "true", "PETRARCH's default dyad rule");
    STR_EQ(vigil_coder_get_option(c, "comma_max"), "8", "PETRARCH's default comma_max");
    STR_EQ(vigil_coder_get_option(c, "stop_on_error"), "false", "environment config applied");

    i = vigil_validation_find(v, "BASIC-02");
    INT_EQ(vigil_validation_run(v, i, d, 0, &res), VIGIL_OK, "run BASIC-02");
    INT_EQ(res.outcome, VIGIL_V_PASS, "two events in another order pass");
    INT_EQ(res.ngot, 2, "two events got");
    OK(res.ngot == 2 && strcmp(res.got[0].target, res.got[1].target) < 0, "got is sorted");

    i = vigil_validation_find(v, "SKIP-01");
    INT_EQ(vigil_validation_run(v, i, d, 0, &res), VIGIL_OK, "run SKIP-01");
    INT_EQ(res.outcome, VIGIL_V_SKIP, "a skipped record is not run");
    INT_EQ(res.ngot, 0, "nothing got");

    /* Options follow the records: run out of order, each still sees its own. */
    i = vigil_validation_find(v, "DYAD-01");
    INT_EQ(vigil_validation_run(v, i, d, 0, &res), VIGIL_OK, "run DYAD-01");
    INT_EQ(res.outcome, VIGIL_V_PASS, "require_dyad=false lets a one-sided event through");
    c = vigil_validation_coder(v);
    STR_EQ(vigil_coder_get_option(c, "require_dyad"), "false", "the record's require_dyad");
    STR_EQ(vigil_coder_get_option(c, "comma_max"), "0", "the record's comma_max");
    i = vigil_validation_find(v, "NOEV-01");
    INT_EQ(vigil_validation_run(v, i, d, 0, &res), VIGIL_OK, "run NOEV-01 after DYAD-01");
    INT_EQ(res.outcome, VIGIL_V_PASS, "noevents passes");
    c = vigil_validation_coder(v);
    STR_EQ(vigil_coder_get_option(c, "require_dyad"), "true", "back to the earlier options");
    STR_EQ(vigil_coder_get_option(c, "comma_max"), "8", "comma_max back too");
    i = vigil_validation_find(v, "DYAD-02");
    INT_EQ(vigil_validation_run(v, i, d, 0, &res), VIGIL_OK, "run DYAD-02");
    INT_EQ(res.outcome, VIGIL_V_PASS, "require_dyad=true again: no one-sided event");

    /* The whole file. */
    int pass = 0, fail = 0, skip = 0;
    for (i = 0; i < vigil_validation_record_count(v); i++) {
        INT_EQ(vigil_validation_run(v, i, d, 0, &res), VIGIL_OK, "run");
        pass += res.outcome == VIGIL_V_PASS;
        fail += res.outcome == VIGIL_V_FAIL;
        skip += res.outcome == VIGIL_V_SKIP;
    }
    INT_EQ(pass, 29, "fixture: passed");
    INT_EQ(fail, 0, "fixture: failed");
    INT_EQ(skip, 2, "fixture: skipped");
    INT_EQ(vigil_validation_run(v, 99, d, 0, &res), VIGIL_ERR_ARG, "record past the end");
    vigil_validation_free(v);
    vigil_dict_free(d);

    /* A dictionary file that is not there: the message names it. */
    const char *x = "<Validation><Environment><Verbfile>Absent.verbs.txt</Verbfile>"
                    "</Environment></Validation>";
    INT_EQ(vigil_validation_parse(x, strlen(x), FIX "x.xml", &v), VIGIL_OK, "parse");
    d = vigil_dict_new();
    OK(vigil_validation_load_dicts(v, d, NULL) != VIGIL_OK, "absent dictionary fails");
    OK(strstr(vigil_validation_errmsg(v), FIX "Absent.verbs.txt") != NULL,
       "resolved against the file's folder");
    OK(vigil_validation_load_dicts(v, d, "elsewhere") != VIGIL_OK, "and against --dict-dir");
    OK(strstr(vigil_validation_errmsg(v), "elsewhere/Absent.verbs.txt") != NULL,
       "the message names the dict-dir path");
    vigil_dict_free(d);
    vigil_validation_free(v);

    const char *y = "<Validation></Validation>";
    INT_EQ(vigil_validation_parse(y, strlen(y), "y.xml", &v), VIGIL_OK, "parse");
    d = vigil_dict_new();
    INT_EQ(vigil_validation_load_dicts(v, d, NULL), VIGIL_ERR_DICT, "no environment");
    vigil_dict_free(d);
    vigil_validation_free(v);
}

int main(void)
{
    test_parse();
    test_parse_errors();
    test_equal();
    test_options();
    test_run();
    TEST_MAIN_END();
}
