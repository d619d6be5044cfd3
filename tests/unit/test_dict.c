/*
 * test_dict.c — the dictionary store and vigil's own format (dict.c,
 * dictload.c): longest-match lookup, dated codes, overrides between sets,
 * synonym sets, verb forms, patterns, and errors with file:line. Fixtures
 * (invented Middle-earth actors) are in tests/fixtures/dict.
 */
#include "dict.h"
#include "dict_impl.h"
#include "harness.h"

#include "alloc.h"
#include "tokenize.h"

#include <dirent.h>
#include <stdlib.h>

#define FIX "tests/fixtures/dict/"

/* Splits a sentence on spaces into word and stem ids. */
static size_t ids_of(const vigil_dict *d, const char *text, uint32_t *ids, uint32_t *stems)
{
    size_t n = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ') p++;
        const char *q = p;
        while (*q && *q != ' ') q++;
        if (q > p) {
            ids[n] = vg_dict_word_id(d, p, (size_t)(q - p));
            stems[n] = vg_dict_stem_id(d, p, (size_t)(q - p));
            n++;
        }
        p = q;
    }
    return n;
}

/* The first hit of a kind at token i: its length, and its id in *id. */
static uint32_t hit(const vigil_dict *d, const char *text, size_t i, int kind, uint32_t *id)
{
    uint32_t ids[64], stems[64];
    vg_hit h[32];
    size_t n = ids_of(d, text, ids, stems);
    size_t nh = vg_dict_lookup(d, ids, stems, n, i, h, 32);
    for (size_t k = 0; k < nh; k++)
        if (h[k].kind == kind) {
            if (id) *id = h[k].id;
            return h[k].len;
        }
    return 0;
}

static const char *actor_code(const vigil_dict *d, const char *text, int32_t date)
{
    uint32_t id = 0;
    if (!hit(d, text, 0, VG_ENT_ACTOR, &id)) return "(none)";
    const char *c = vg_actor_code_at(d, id, date);
    return c ? c : "(null)";
}

static char last_diag[512];
static void diag(void *ud, const char *msg)
{
    (void)ud;
    snprintf(last_diag, sizeof last_diag, "%s", msg);
}

static void test_store(void)
{
    vigil_dict *d = vigil_dict_new();
    uint32_t a = vg_dict_intern(d, "Gondor", 6), b = vg_dict_intern(d, "GONDOR", 6);
    INT_EQ(a, b, "interning folds case");
    OK(a >= 1, "word ids start at 1");
    STR_EQ(vg_dict_word(d, a), "gondor", "stored lower-case");
    INT_EQ(vg_dict_word_id(d, "gOnDoR", 6), a, "lookup folds case");
    INT_EQ(vg_dict_word_id(d, "rohan", 5), 0, "unknown word is 0");
    uint32_t u = vg_dict_intern(d, "\xC3\x89OWYN", 6); /* ÉOWYN */
    INT_EQ(vg_dict_word_id(d, "\xC3\xA9owyn", 6), u, "non-ASCII case folding");
    uint32_t ids[4];
    INT_EQ(vg_dict_phrase(d, "kingdom_of Gondor", ids, 4), 3, "phrase of 3 words");
    INT_EQ(ids[2], a, "phrase word id");
    INT_EQ(vg_dict_phrase(d, "a b c d e", ids, 4), -1, "too many words");
    INT_EQ(vg_dict_phrase(d, "  ", ids, 4), 0, "empty phrase");
    /* Stems. */
    uint32_t st = vg_dict_intern(d, "ministr", 7);
    vg_dict_mark_stem(d, st);
    INT_EQ(vg_dict_stem_id(d, "Ministries", 10), st, "stem of ministries");
    INT_EQ(vg_dict_stem_id(d, "ministr", 7), st, "a stem is its own stem");
    INT_EQ(vg_dict_stem_id(d, "minister", 8), 0, "minister does not begin with ministr");
    INT_EQ(vg_dict_stem_id(d, "min", 3), 0, "shorter than the stem");
    /* Dates. */
    OK(vg_date_valid(20240229), "leap day");
    OK(!vg_date_valid(20230229), "not a leap year");
    OK(!vg_date_valid(20231301), "month 13");
    INT_EQ(vg_date_next(20231231), 20240101, "next day across years");
    INT_EQ(vg_date_prev(20240301), 20240229, "previous day in a leap year");
    vigil_dict_free(d);
}

static void test_set1(void)
{
    vigil_dict *d = vigil_dict_new();
    vigil_dict_set_diag(d, diag, NULL);
    INT_EQ(vigil_dict_load(d, FIX "set1"), VIGIL_OK, "set1 loads");
    STR_EQ(vigil_dict_errmsg(d), "", "no error message");
    INT_EQ(vigil_dict_count(d, "actors"), 6, "actors");
    INT_EQ(vigil_dict_count(d, "agents"), 10, "agents");
    INT_EQ(vigil_dict_count(d, "synsets"), 3, "synsets (two files)");
    INT_EQ(vigil_dict_count(d, "discards"), 3, "discards");
    INT_EQ(vigil_dict_count(d, "patterns"), 4, "patterns");
    INT_EQ(vigil_dict_count(d, "verbs"), 10, "verbs");
    vigil_dict_finish(d);

    /* Longest match. */
    uint32_t id = 0;
    INT_EQ(hit(d, "the kingdom of gondor said", 1, VG_ENT_ACTOR, &id), 3, "longest match");
    INT_EQ(hit(d, "gondor said", 0, VG_ENT_ACTOR, NULL), 1, "single word");
    INT_EQ(hit(d, "kingdom of rohan", 0, VG_ENT_ACTOR, NULL), 0, "prefix alone is nothing");
    INT_EQ(hit(d, "Minas Tirith", 0, VG_ENT_ACTOR, NULL), 2, "two words, case-insensitive");
    STR_EQ(actor_code(d, "Minas Tirith", 20200101), "GONGOV", "undated code");

    /* Dated codes: before, during, after an office. */
    STR_EQ(actor_code(d, "Denethor", 19990101), "GONELI", "before the office: fallback");
    STR_EQ(actor_code(d, "Denethor", 20010301), "GONGOV", "first day of the office");
    STR_EQ(actor_code(d, "Denethor", 20040615), "GONGOV", "during the office");
    STR_EQ(actor_code(d, "Denethor", 20050630), "GONGOV", "last day of the office");
    STR_EQ(actor_code(d, "Denethor", 20050701), "GONELI", "after the office");
    STR_EQ(actor_code(d, "Denethor Steward", 20040101), "GONGOV", "two-word name");
    STR_EQ(actor_code(d, "Rhun Council", 20101231), "RHNGOV", "open start");
    STR_EQ(actor_code(d, "Rhun Council", 20110101), "RHNREB", "open end");
    STR_EQ(actor_code(d, "Black Gate Garrison", 20030505), "MORMIL", "only dated: inside");
    STR_EQ(actor_code(d, "Black Gate Garrison", 20040505), "(null)", "only dated: outside");

    /* Agents and plurals. */
    uint32_t ag = 0;
    INT_EQ(hit(d, "foreign minister", 0, VG_ENT_AGENT, &ag), 2, "two-word agent");
    STR_EQ(vg_dict_agent(d, ag)->code, "GOV", "agent code");
    INT_EQ(hit(d, "foreign ministers", 0, VG_ENT_AGENT, NULL), 2, "plural of last word");
    INT_EQ(hit(d, "ministries", 0, VG_ENT_AGENT, NULL), 1, "ministry -> ministries");
    INT_EQ(hit(d, "spokesmen", 0, VG_ENT_AGENT, NULL), 1, "spokesman -> spokesmen");
    INT_EQ(hit(d, "soldiers", 0, VG_ENT_AGENT, NULL), 1, "soldier -> soldiers");
    INT_EQ(hit(d, "police", 0, VG_ENT_AGENT, &ag), 1, "police");
    STR_EQ(vg_dict_agent(d, ag)->code, "COP", "[~COP] is COP");
    INT_EQ(vg_dict_agent(d, ag)->prefix, 0, "~ before: suffix");
    INT_EQ(hit(d, "aid agencies", 0, VG_ENT_AGENT, &ag), 2, "aid agencies");
    INT_EQ(vg_dict_agent(d, ag)->prefix, 1, "NGO~ is a prefix code");

    /* Synonym sets. */
    uint32_t w = vg_dict_find_synset(d, "&WEAPON");
    OK(w != 0, "&WEAPON exists");
    INT_EQ(vg_dict_find_synset(d, "&NOPE"), 0, "unknown set");
    uint32_t sid = 0;
    INT_EQ(hit(d, "ballistic missiles", 0, VG_ENT_SYN, &sid), 0,
           "multi-word members get no plural");
    INT_EQ(hit(d, "ballistic missile", 0, VG_ENT_SYN, &sid), 2, "multi-word member");
    INT_EQ(sid, w, "member of &WEAPON");
    INT_EQ(hit(d, "rockets", 0, VG_ENT_SYN, NULL), 1, "plural of a single noun");
    OK(vg_dict_find_synset(d, "&TALKS") != 0, "set defined in a verbs file");

    /* Verbs and forms. */
    uint32_t vf = 0;
    INT_EQ(hit(d, "supplied", 0, VG_ENT_VERB, &vf), 1, "supplied");
    INT_EQ(vg_dict_verbform(d, vf)->form, VG_VF_PASTPART, "supplied is past and participle");
    const vg_verb *v = vg_dict_verb(d, vg_dict_verbform(d, vf)->verb);
    STR_EQ(v->lemma, "supply", "lemma");
    STR_EQ(v->code, "070", "block code");
    INT_EQ(hit(d, "supplies", 0, VG_ENT_VERB, &vf), 1, "supplies");
    INT_EQ(vg_dict_verbform(d, vf)->form, VG_VF_S, "-s form");
    INT_EQ(hit(d, "shipping", 0, VG_ENT_VERB, &vf), 1, "shipping");
    INT_EQ(vg_dict_verbform(d, vf)->form, VG_VF_ING, "-ing form");
    INT_EQ(hit(d, "met", 0, VG_ENT_VERB, &vf), 1, "met from braces");
    STR_EQ(vg_dict_verb(d, vg_dict_verbform(d, vf)->verb)->code, "040", "meet code");
    INT_EQ(hit(d, "held talks", 0, VG_ENT_VERB, &vf), 2,
           "multi-word lemma inflects its first word");
    INT_EQ(hit(d, "turned to", 0, VG_ENT_VERB, &vf), 2, "turned to");
    STR_EQ(vg_dict_verb(d, vg_dict_verbform(d, vf)->verb)->code, "---", "[---] verb");
    INT_EQ(hit(d, "visited", 0, VG_ENT_VERB, NULL), 1, "visited (no doubling)");
    INT_EQ(hit(d, "stopped", 0, VG_ENT_VERB, NULL), 1, "stopped (doubling)");
    INT_EQ(hit(d, "walked out", 0, VG_ENT_VERB, NULL), 2, "walked out");

    /* Patterns parsed into elements. */
    const vg_verb *sv = vg_dict_verb(d, vg_dict_verbform(d, 1)->verb);
    const vg_family *f = vg_dict_family(d, sv->family);
    INT_EQ(f->npatterns, 3, "supply family has 3 patterns");
    const vg_pel *els = vg_dict_pels(d);
    const vg_pattern *p0 = vg_dict_pattern(d, f->first_pattern);
    INT_EQ(p0->npre, 0, "p0 nothing before the verb");
    INT_EQ(p0->npost, 1, "p0 one element after");
    INT_EQ(els[p0->first_el].kind, VG_PE_SYN, "p0 &WEAPON");
    INT_EQ(els[p0->first_el].id, w, "p0 set id");
    STR_EQ(p0->code, "072", "p0 code");
    OK(strstr(p0->file, "core.verbs") != NULL && p0->line == 2, "p0 file:line");
    const vg_pattern *p1 = vg_dict_pattern(d, f->first_pattern + 1);
    INT_EQ(p1->npost, 3, "p1: + with &WEAPON");
    INT_EQ(els[p1->first_el].kind, VG_PE_TARGET, "p1 +");
    INT_EQ(els[p1->first_el + 1].kind, VG_PE_WORD, "p1 with");
    INT_EQ(els[p1->first_el + 1].id, vg_dict_word_id(d, "with", 4), "p1 with id");
    const vg_pattern *p2 = vg_dict_pattern(d, f->first_pattern + 2);
    INT_EQ(p2->npre, 1, "p2 $ before");
    INT_EQ(els[p2->first_el].kind, VG_PE_SOURCE, "p2 $");
    INT_EQ(p2->npost, 8, "p2 {olive branch} (to +)");
    static const int want[8] = {VG_PE_NP_OPEN, VG_PE_WORD, VG_PE_WORD,   VG_PE_NP_CLOSE,
                                VG_PE_PP_OPEN, VG_PE_WORD, VG_PE_TARGET, VG_PE_PP_CLOSE};
    int same = 1;
    for (int k = 0; k < 8; k++) same &= els[p2->first_el + 1 + k].kind == want[k];
    OK(same, "p2 element kinds");

    /* Discards. */
    uint32_t di = 0;
    INT_EQ(hit(d, "the premier league", 1, VG_ENT_DISCARD, &di), 2, "discard phrase");
    INT_EQ(vg_dict_discard(d, di)->story, 0, "sentence discard");
    INT_EQ(hit(d, "football match", 0, VG_ENT_DISCARD, &di), 2, "story discard");
    INT_EQ(vg_dict_discard(d, di)->story, 1, "story: prefix");
    vigil_dict_free(d);
}

static void test_override(void)
{
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, FIX "set1"), VIGIL_OK, "set1");
    INT_EQ(vigil_dict_load(d, FIX "set2"), VIGIL_OK, "set2 over set1");
    STR_EQ(actor_code(d, "Gondor", 20200101), "GONREB", "later set replaces Gondor");
    STR_EQ(actor_code(d, "Gondorian", 20200101), "GON", "other names keep the old entry");
    uint32_t ids[2], stems[2];
    vg_hit h[8];
    size_t n = ids_of(d, "gondor", ids, stems);
    size_t nh = vg_dict_lookup(d, ids, stems, n, 0, h, 8);
    INT_EQ(nh, 1, "one actor entry after the override");
    INT_EQ(vigil_dict_load_file(d, FIX "set2/late.actors", "actors", 0), VIGIL_OK, "single file");
    vigil_dict_finish(d);
    INT_EQ(vigil_dict_load(d, FIX "set2"), VIGIL_ERR_ARG, "no loading after finish");
    vigil_dict_free(d);
}

/* Loads one bad file and checks the error names file:line. */
static void bad(const char *file, const char *kind, const char *where, const char *what)
{
    vigil_dict *d = vigil_dict_new();
    char path[256];
    snprintf(path, sizeof path, FIX "bad/%s", file);
    int st = kind ? vigil_dict_load_file(d, path, kind, 0) : vigil_dict_load(d, path);
    OK(st == VIGIL_ERR_SYNTAX, file);
    const char *m = vigil_dict_errmsg(d);
    OK(strstr(m, where) != NULL, where);
    OK(strstr(m, what) != NULL, what);
    if (!strstr(m, what)) fprintf(stderr, "  message: %s\n", m);
    vigil_dict_free(d);
}

static void test_errors(void)
{
    bad("code.actors", NULL, "code.actors:2:", "GONDO");
    bad("date.actors", NULL, "date.actors:3:", "bad date");
    bad("bracket.actors", NULL, "bracket.actors:1:", "unterminated '['");
    bad("syn.verbs", NULL, "syn.verbs:2:", "unknown synonym set &NOSUCHSET");
    bad("brace.verbs", NULL, "brace.verbs:3:", "unterminated '{'");
    bad("event.verbs", "verbs", "event.verbs:1:", "not a CAMEO event code");
    bad("Bad.actors.txt", NULL, "Bad.actors.txt:1:", "bad date");
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, FIX "nope"), VIGIL_ERR_IO, "missing path");
    INT_EQ(vigil_dict_load_file(d, FIX "set1/core.verbs", "verbz", 0), VIGIL_ERR_ARG, "bad kind");
    vigil_dict_free(d);
}

/* Appends every lookup hit at every token of every golden case text, and
 * the word and stem id of every token, to out. */
static size_t may_start_wrong, may_start_zero;

static size_t lookups(const vigil_dict *d, uint32_t *out, size_t cap)
{
    DIR *dir = opendir("tests/golden/cases");
    if (!dir) return 0;
    size_t w = 0;
    struct dirent *e;
    vg_token *tok = NULL;
    size_t ntok = 0, captok = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0) continue;
        char path[512], text[8192];
        snprintf(path, sizeof path, "tests/golden/cases/%s", e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        size_t n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        ntok = 0;
        vg_tokenize(text, 0, (uint32_t)n, &tok, &ntok, &captok);
        uint32_t ids[VG_MAX_TOKENS], stems[VG_MAX_TOKENS];
        size_t nt = ntok < VG_MAX_TOKENS ? ntok : VG_MAX_TOKENS;
        for (size_t i = 0; i < nt; i++) {
            const char *s = text + tok[i].start;
            size_t len = tok[i].end - tok[i].start;
            ids[i] = vg_dict_word_id(d, s, len);
            stems[i] = vg_dict_stem_id(d, s, len);
            uint32_t a, b;
            vg_dict_word_stem(d, s, len, &a, &b);
            if (w + 2 <= cap) out[w++] = a, out[w++] = b;
        }
        /* Room for every hit, and for one or two only (the first hits,
         * longest first, must be the same); with and without stems. */
        static const size_t caps[] = {64, 1, 2, 0};
        for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++)
            for (size_t i = 0; i < nt; i++) {
                vg_hit h[64];
                size_t nh =
                    vg_dict_lookup(d, ids, c == 3 ? NULL : stems, nt, i, h, c == 3 ? 64 : caps[c]);
                /* A position vg_dict_may_start rules out finds nothing. */
                if (nh && !vg_dict_may_start(d, ids[i], c == 3 ? 0 : stems[i])) may_start_wrong++;
                may_start_zero += !vg_dict_may_start(d, ids[i], stems[i]);
                for (size_t k = 0; k < nh && w + 4 <= cap; k++) {
                    out[w++] = h[k].kind;
                    out[w++] = h[k].stem;
                    out[w++] = h[k].id;
                    out[w++] = h[k].len;
                }
            }
    }
    closedir(dir);
    vg_free(tok);
    return w;
}

/* Lookups over word sequences made from the dictionary's own phrases:
 * every phrase of two words or more, as it is, with its second word
 * replaced by another, cut after its first word, and followed by noise;
 * each position asked with room for every hit, for one, and without
 * stems. Prefix words followed by a word that continues a phrase, and by
 * one that continues none, are both frequent here. The sequences depend
 * only on the phrase table, which vigil_dict_finish does not change. */
static size_t phrase_lookups(const vigil_dict *d, uint32_t *out, size_t cap, size_t *nprefix)
{
    uint32_t rng = 2463534242u;
    size_t w = 0;
    *nprefix = 0;
    uint32_t nw = (uint32_t)d->nwords;
    for (size_t k = 0; k < d->nnodes; k++) {
        const pnode *nd = &d->nodes[k];
        if (nd->n < 2) continue;
        for (int variant = 0; variant < 3; variant++) {
            uint32_t ids[VG_MAX_PHRASE_WORDS + 4], stems[VG_MAX_PHRASE_WORDS + 4];
            size_t n = 0;
            for (size_t j = 0; j < nd->n; j++, n++) {
                ids[n] = d->keys[nd->key + j];
                stems[n] = 0;
            }
            if (nd->stem) stems[n - 1] = ids[n - 1], ids[n - 1] = 0;
            rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
            if (variant == 1) ids[1] = 1 + rng % (nw - 1), stems[1] = rng % 3 ? 0 : ids[1];
            if (variant == 2) n = 1;
            for (int extra = 0; extra < 2; extra++, n++) {
                rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
                ids[n] = rng % 5 ? 1 + rng % (nw - 1) : 0;
                stems[n] = 0;
            }
            for (size_t i = 0; i < n; i++) {
                static const size_t caps[] = {64, 1, 64};
                for (size_t c = 0; c < 3; c++) {
                    vg_hit h[64];
                    size_t nh = vg_dict_lookup(d, ids, c == 2 ? NULL : stems, n, i, h, caps[c]);
                    if (w < cap) out[w++] = (uint32_t)nh;
                    for (size_t x = 0; x < nh && w + 4 <= cap; x++) {
                        out[w++] = h[x].kind;
                        out[w++] = h[x].stem;
                        out[w++] = h[x].id;
                        out[w++] = h[x].len;
                    }
                }
                if (i == 0) *nprefix += 1;
            }
        }
    }
    return w;
}

/* vigil_dict_finish adds lookup shortcuts (one-word nodes by word id, a
 * stem filter; vg_dict_lookup answers positions that start no phrase or
 * only one-word phrases from them without its walk): every lookup and
 * every word and stem id must come out as it did before them, and
 * vg_dict_word_stem as the two calls it replaces. */
static void test_shortcuts(void)
{
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, "tests/golden/dict"), VIGIL_OK, "golden");
    INT_EQ(vigil_dict_load(d, FIX "pet"), VIGIL_OK, "PETRARCH set with stems");
    size_t cap = 1u << 20;
    uint32_t *before = malloc(cap * sizeof *before), *after = malloc(cap * sizeof *after);
    size_t nb = lookups(d, before, cap);
    /* Word and stem ids of every dictionary word and of forms of it. */
    size_t bad = 0, nw = vigil_dict_count(d, "words"), nstem = 0;
    uint32_t *sid = malloc((nw + 1) * 3 * sizeof *sid);
    for (uint32_t id = 1; id <= nw; id++) {
        char form[300];
        const char *w = vg_dict_word(d, id);
        for (int k = 0; k < 3; k++) {
            snprintf(form, sizeof form, k == 0 ? "%s" : k == 1 ? "%sS" : "%sization", w);
            sid[id * 3 + (uint32_t)k] = vg_dict_stem_id(d, form, strlen(form));
            nstem += sid[id * 3 + (uint32_t)k] != 0;
        }
    }
    size_t npa, npb;
    uint32_t *pbefore = malloc(cap * sizeof *pbefore), *pafter = malloc(cap * sizeof *pafter);
    size_t pnb = phrase_lookups(d, pbefore, cap, &npb);
    vigil_dict_finish(d);
    size_t pna = phrase_lookups(d, pafter, cap, &npa);
    OK(npb > 300 && pnb > 5000, "many phrase sequences looked up");
    OK(pna == pnb && memcmp(pbefore, pafter, pnb * sizeof *pbefore) == 0,
       "phrase sequence lookups identical with the shortcuts");
    free(pbefore);
    free(pafter);
    size_t na = lookups(d, after, cap);
    OK(nb > 2000, "lookups produce hits");
    OK(na == nb && memcmp(before, after, nb * sizeof *before) == 0,
       "lookups and ids identical with the shortcuts");
    INT_EQ(may_start_wrong, 0, "vg_dict_may_start rules out no position with hits");
    OK(may_start_zero > 100, "and it rules out positions");
    OK(nstem > 10, "stems found");
    for (uint32_t id = 1; id <= nw; id++) {
        char form[300];
        const char *w = vg_dict_word(d, id);
        for (int k = 0; k < 3; k++) {
            snprintf(form, sizeof form, k == 0 ? "%s" : k == 1 ? "%sS" : "%sization", w);
            uint32_t a, b;
            vg_dict_word_stem(d, form, strlen(form), &a, &b);
            if (vg_dict_stem_id(d, form, strlen(form)) != sid[id * 3 + (uint32_t)k] ||
                b != sid[id * 3 + (uint32_t)k] || a != vg_dict_word_id(d, form, strlen(form)))
                bad++;
        }
    }
    INT_EQ(bad, 0, "stem ids unchanged by the filter; vg_dict_word_stem agrees");
    /* The pair filter: the first two words of every phrase node of two
     * words or more pass (the second as a stem for a two-word stem node),
     * or tagging would miss the phrase; pairs of random words mostly do
     * not, or it would save nothing. */
    size_t pairs = 0, stems2 = 0, missed = 0, fp = 0, inl = 0;
    for (size_t k = 0; k < d->nnodes; k++) {
        const pnode *nd = &d->nodes[k];
        if (nd->n < 2) continue;
        const uint32_t *key = d->keys + nd->key;
        int stem2 = nd->n == 2 && nd->stem;
        stems2 += stem2;
        missed += !vg_dict_may_continue(d, key[0], stem2 ? 0 : key[1], stem2 ? key[1] : 0);
        pairs++;
    }
    uint32_t r = 99;
    for (int k = 0; k < 100000; k++) {
        r = r * 1103515245u + 12345u;
        uint32_t w = 1 + (r >> 8) % (uint32_t)nw;
        r = r * 1103515245u + 12345u;
        uint32_t x = 1 + (r >> 8) % (uint32_t)nw, st = k % 3 ? 0 : x;
        int yes = vg_dict_may_continue(d, w, k % 3 ? x : 0, st);
        inl += yes != vg_dict_filter_continues(vg_dict_pair_filter(d), w, k % 3 ? x : 0, st);
        fp += yes;
    }
    OK(pairs > 100 && stems2 > 0, "phrases of two words or more, some ending in a stem");
    INT_EQ(missed, 0, "every phrase's first two words pass the pair filter");
    INT_EQ(inl, 0, "the inline test agrees with vg_dict_may_continue");
    OK(fp < 2000, "random pairs mostly fail the pair filter");
    /* Tokens off the ASCII fast path of vg_dict_word_stem, and lengths
     * around the longest word the dictionary compares. */
    static const char *odd[] = {"\xC3\x89OWYN",
                                "\xC3\xA9owyn",
                                "Minist\xC3\xA8re",
                                "ministr\xC3",
                                "\xff",
                                "a\xff"
                                "b",
                                "\xe2\x80\x9cGondor",
                                "",
                                "G",
                                "\x7f"};
    bad = 0;
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        uint32_t a, b;
        size_t n = strlen(odd[i]);
        vg_dict_word_stem(d, odd[i], n, &a, &b);
        if (a != vg_dict_word_id(d, odd[i], n) || b != vg_dict_stem_id(d, odd[i], n)) bad++;
    }
    char lng[600];
    for (size_t n = 250; n < sizeof lng; n += n < 262 ? 1 : 100) {
        for (size_t k = 0; k < n; k++) lng[k] = k < 7 ? "Ministr"[k] : (char)('a' + k % 26);
        for (int u = 0; u < 2; u++) {
            if (u) memcpy(lng + n - 2, "\xC3\x89", 2); /* a two-byte character at the end */
            uint32_t a, b;
            vg_dict_word_stem(d, lng, n, &a, &b);
            if (a != vg_dict_word_id(d, lng, n) || b != vg_dict_stem_id(d, lng, n)) bad++;
        }
    }
    INT_EQ(bad, 0, "vg_dict_word_stem agrees on UTF-8, bad bytes and long tokens");
    free(sid);
    free(before);
    free(after);
    vigil_dict_free(d);
}

int main(void)
{
    test_store();
    test_shortcuts();
    test_set1();
    test_override();
    test_errors();
    TEST_MAIN_END();
}
