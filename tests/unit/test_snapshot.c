/*
 * test_snapshot.c — dictionary snapshots (snapshot.c): a dictionary built
 * from text, written with vigil_dict_save and mapped back through
 * vigil_dict_load, must hold the same tables entry for entry, explain
 * phrases and code stories exactly as the text one does, and be written
 * byte for byte the same each time. Truncated, damaged, stale and
 * hand-altered files must give an error, never a crash (the altered ones
 * run again under `make asan` and valgrind).
 *
 * Fixtures: the golden dictionary and cases (tests/golden/), the layered
 * sets of tests/fixtures/dict/ (vigil's format with PETRARCH's on top) and
 * tests/fixtures/dict/big (a family large enough for a pattern index).
 * Files are written to a fresh folder under /tmp.
 */
#include "dict_impl.h"
#include "harness.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[64];

static char *tmp_path(const char *name)
{
    static char buf[4][128];
    static int k;
    char *p = buf[k++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", tmpdir, name);
    return p;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc((size_t)n + 1);
    *len = fread(p, 1, (size_t)n, f);
    fclose(f);
    return p;
}

static void spit(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(p, 1, n, f);
    fclose(f);
}

/* A dictionary from text sets, finished; NULL on failure. */
static vigil_dict *load_text(const char *const *sets, size_t n)
{
    vigil_dict *d = vigil_dict_new();
    for (size_t i = 0; i < n; i++)
        if (vigil_dict_load(d, sets[i]) != VIGIL_OK) {
            fprintf(stderr, "%s: %s\n", sets[i], vigil_dict_errmsg(d));
            vigil_dict_free(d);
            return NULL;
        }
    vigil_dict_finish(d);
    return d;
}

static vigil_dict *load_snap(const char *path, vigil_status *st)
{
    vigil_dict *d = vigil_dict_new();
    *st = vigil_dict_load(d, path);
    return d;
}

/* Seals a changed snapshot image again (its checksum), writes it to path
 * and loads it: what the loader says of the change itself. */
static vigil_dict *resealed(const char *path, unsigned char *img, size_t n, vigil_status *st)
{
    vg_snapshot_seal(img, n);
    spit(path, img, n);
    return load_snap(path, st);
}

static int same_str(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

/* Every table of a and b, entry by entry; one check per table. */
static void compare_tables(const vigil_dict *a, const vigil_dict *b)
{
    static const char *const kinds[] = {"actors",    "agents",   "verbs",    "patterns",
                                        "verbforms", "discards", "synsets",  "words",
                                        "families",  "phrases",  "warnings", "root:19"};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        INT_EQ(vigil_dict_count(b, kinds[i]), vigil_dict_count(a, kinds[i]), kinds[i]);

    size_t bad = 0, nw = vigil_dict_count(a, "words");
    for (uint32_t id = 1; id <= nw; id++) {
        const char *w = vg_dict_word(a, id);
        if (!same_str(w, vg_dict_word(b, id)) || vg_dict_word_id(b, w, strlen(w)) != id ||
            vg_dict_stem_id(b, w, strlen(w)) != vg_dict_stem_id(a, w, strlen(w)))
            bad++;
    }
    INT_EQ(bad, 0, "words, their ids and stems");

    bad = 0;
    for (uint32_t id = 1; id <= vigil_dict_count(a, "actors"); id++) {
        const vg_actor *x = vg_dict_actor(a, id), *y = vg_dict_actor(b, id);
        if (!y || !same_str(x->name, y->name) || !same_str(x->file, y->file) ||
            x->line != y->line || x->ncodes != y->ncodes || x->first_code != y->first_code) {
            bad++;
            continue;
        }
        for (uint32_t k = 0; k < x->ncodes; k++) {
            const vg_dated_code *p = &vg_dict_codes(a)[x->first_code + k];
            const vg_dated_code *q = &vg_dict_codes(b)[y->first_code + k];
            if (strcmp(p->code, q->code) || p->from != q->from || p->to != q->to) bad++;
        }
    }
    INT_EQ(bad, 0, "actors and their dated codes");

    bad = 0;
    for (uint32_t id = 1; id <= vigil_dict_count(a, "agents"); id++) {
        const vg_agent *x = vg_dict_agent(a, id), *y = vg_dict_agent(b, id);
        if (!y || strcmp(x->code, y->code) || x->prefix != y->prefix ||
            !same_str(x->name, y->name) || !same_str(x->file, y->file) || x->line != y->line)
            bad++;
    }
    INT_EQ(bad, 0, "agents");

    bad = 0;
    for (uint32_t id = 1; id <= vigil_dict_count(a, "verbs"); id++) {
        const vg_verb *x = vg_dict_verb(a, id), *y = vg_dict_verb(b, id);
        if (!y || strcmp(x->code, y->code) || x->family != y->family ||
            !same_str(x->lemma, y->lemma) || !same_str(x->file, y->file) || x->line != y->line)
            bad++;
    }
    for (uint32_t id = 1; id <= vigil_dict_count(a, "verbforms"); id++) {
        const vg_verbform *x = vg_dict_verbform(a, id), *y = vg_dict_verbform(b, id);
        if (!y || x->verb != y->verb || x->form != y->form) bad++;
    }
    INT_EQ(bad, 0, "verbs and verb forms");

    bad = 0;
    for (uint32_t id = 1; id <= vigil_dict_count(a, "families"); id++) {
        const vg_family *x = vg_dict_family(a, id), *y = vg_dict_family(b, id);
        if (!y || strcmp(x->code, y->code) || strcmp(x->code2, y->code2) ||
            !same_str(x->name, y->name) || x->first_pattern != y->first_pattern ||
            x->npatterns != y->npatterns)
            bad++;
    }
    for (uint32_t id = 0; id < vigil_dict_count(a, "patterns"); id++) {
        const vg_pattern *x = vg_dict_pattern(a, id), *y = vg_dict_pattern(b, id);
        if (!y || x->family != y->family || x->npre != y->npre || x->npost != y->npost ||
            strcmp(x->code, y->code) || strcmp(x->code2, y->code2) || !same_str(x->text, y->text) ||
            !same_str(x->file, y->file) || x->line != y->line) {
            bad++;
            continue;
        }
        for (uint32_t k = 0; k < (uint32_t)x->npre + x->npost; k++) {
            const vg_pel *p = &vg_dict_pels(a)[x->first_el + k];
            const vg_pel *q = &vg_dict_pels(b)[y->first_el + k];
            if (p->kind != q->kind || p->stem != q->stem || p->id != q->id) bad++;
        }
    }
    INT_EQ(bad, 0, "families, patterns and their elements");

    bad = 0;
    for (uint32_t id = 1; id <= vigil_dict_count(a, "synsets"); id++)
        if (!same_str(vg_dict_synset_info(a, id)->name, vg_dict_synset_info(b, id)->name)) bad++;
    for (uint32_t id = 1; id <= vigil_dict_count(a, "discards"); id++) {
        const vg_discard *x = vg_dict_discard(a, id), *y = vg_dict_discard(b, id);
        if (!y || !same_str(x->name, y->name) || x->story != y->story ||
            !same_str(x->file, y->file) || x->line != y->line)
            bad++;
    }
    INT_EQ(bad, 0, "synonym sets and discards");

    /* Phrases: every entry of every sub-phrase, with file:line. */
    static const char *const phrases[] = {"Gondor",
                                          "the Gondorian foreign minister",
                                          "Aragorn Elessar",
                                          "King of Gondor",
                                          "supplied missiles to Rohan",
                                          "ministers of Arnor met",
                                          "Mordor troops attacked",
                                          "sign a peace treaty",
                                          "Numenor"};
    bad = 0;
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++) {
        char *x = vigil_dict_explain(a, phrases[i], "2024-06-01");
        char *y = vigil_dict_explain(b, phrases[i], "2024-06-01");
        if (!same_str(x, y)) bad++;
        vigil_free(x);
        vigil_free(y);
    }
    INT_EQ(bad, 0, "explanations of phrases");

    /* The typo index. */
    static const char *const typos[] = {"Gondorr", "Gonodr", "Mordorr",
                                        "Rohann",  "Arnnor", "Isengardd"};
    bad = 0;
    for (size_t i = 0; i < sizeof typos / sizeof *typos; i++)
        if (vg_dict_fuzzy_actor(a, typos[i], strlen(typos[i])) !=
            vg_dict_fuzzy_actor(b, typos[i], strlen(typos[i])))
            bad++;
    INT_EQ(bad, 0, "typo matches");
}

/* Codes a story and appends every event line and explanation to out. */
static void code_into(vigil_dict *d, const char *id, const char *text, size_t len, char **out,
                      size_t *n)
{
    vigil_story s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.date = "2024-06-01";
    s.source = s.url = "";
    s.body = text;
    s.body_len = len;
    vigil_doc *doc = vigil_doc_new(&s, 0);
    vigil_coder *c = vigil_coder_new(d, VIGIL_CODE_EXPLAIN | VIGIL_CODE_NEGATED);
    vigil_coder_code(c, doc);
    for (size_t i = 0; i < vigil_coder_event_count(c); i++) {
        char line[4096];
        size_t k = vigil_event_format(vigil_coder_event(c, i), VIGIL_OUT_JSONL, line, sizeof line);
        char *ex = vigil_coder_explain(c, i);
        size_t m = strlen(ex);
        if (k >= sizeof line) k = sizeof line - 1;
        *out = realloc(*out, *n + k + m + 1);
        memcpy(*out + *n, line, k);
        memcpy(*out + *n + k, ex, m + 1);
        *n += k + m;
        vigil_free(ex);
    }
    vigil_coder_free(c);
    vigil_doc_free(doc);
}

/* Every golden case text coded with a and b; returns the events seen. */
static size_t compare_coding(vigil_dict *a, vigil_dict *b)
{
    DIR *dir = opendir("tests/golden/cases");
    OK(dir != NULL, "golden cases folder");
    if (!dir) return 0;
    char *oa = NULL, *ob = NULL;
    size_t na = 0, nb = 0, cases = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0) continue;
        char path[512];
        snprintf(path, sizeof path, "tests/golden/cases/%s", e->d_name);
        size_t len;
        unsigned char *text = slurp(path, &len);
        if (!text) continue;
        code_into(a, e->d_name, (const char *)text, len, &oa, &na);
        code_into(b, e->d_name, (const char *)text, len, &ob, &nb);
        free(text);
        cases++;
    }
    closedir(dir);
    OK(cases > 50, "golden cases read");
    OK(na > 1000, "the cases produce events");
    OK(na == nb && (na == 0 || memcmp(oa, ob, na) == 0),
       "events and explanations identical with text and snapshot");
    free(oa);
    free(ob);
    return na;
}

static int files_equal(const char *p, const char *q)
{
    size_t n, m;
    unsigned char *a = slurp(p, &n), *b = slurp(q, &m);
    int same = a && b && n == m && memcmp(a, b, n) == 0;
    free(a);
    free(b);
    return same;
}

static void test_round_trip(const char *label, const char *const *sets, size_t nsets)
{
    vigil_dict *a = load_text(sets, nsets);
    OK(a != NULL, label);
    if (!a) return;
    const char *p1 = tmp_path("a.vgd"), *p2 = tmp_path("b.vgd"), *p3 = tmp_path("c.vgd");
    INT_EQ(vigil_dict_save(a, p1), VIGIL_OK, "save");
    INT_EQ(vigil_dict_save(a, p2), VIGIL_OK, "save again");
    OK(files_equal(p1, p2), "the same dictionary gives the same bytes");
    vigil_status st;
    vigil_dict *b = load_snap(p1, &st);
    INT_EQ(st, VIGIL_OK, "snapshot loads");
    if (st != VIGIL_OK) fprintf(stderr, "  %s\n", vigil_dict_errmsg(b));
    compare_tables(a, b);
    compare_coding(a, b);
    /* A snapshot of the snapshot is the same file: nothing is lost. */
    INT_EQ(vigil_dict_save(b, p3), VIGIL_OK, "save the mapped dictionary");
    OK(files_equal(p1, p3), "snapshot of a snapshot is identical");
    /* Layering on a snapshot is refused in both directions. */
    INT_EQ(vigil_dict_load(b, "tests/golden/dict"), VIGIL_ERR_ARG, "no set on top of a snapshot");
    OK(strstr(vigil_dict_errmsg(b), "snapshot") != NULL, "message names the snapshot");
    vigil_dict *c = vigil_dict_new();
    INT_EQ(vigil_dict_load(c, "tests/golden/dict"), VIGIL_OK, "text set");
    INT_EQ(vigil_dict_load(c, p1), VIGIL_ERR_ARG, "no snapshot on top of a set");
    OK(strstr(vigil_dict_errmsg(c), "cannot be layered") != NULL, "message says why");
    vigil_dict_free(c);
    vigil_dict_free(b);
    vigil_dict_free(a);
    remove(p1);
    remove(p2);
    remove(p3);
}

/* Exercises a dictionary that loaded from an altered file. */
static void use(vigil_dict *d)
{
    static const char *const phrases[] = {"Gondor", "the Gondorian foreign minister",
                                          "supplied missiles to Rohan", "Mordor troops attacked"};
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
        vigil_free(vigil_dict_explain(d, phrases[i], NULL));
    static const char story[] = "Gondor attacked Mordor on Monday, the foreign minister said.\n\n"
                                "The president of Arnor will visit Rohan and sign a treaty.";
    char *out = NULL;
    size_t n = 0;
    code_into(d, "x", story, sizeof story - 1, &out, &n);
    free(out);
    (void)vg_dict_fuzzy_actor(d, "Gondorr", 7);
    (void)vigil_dict_count(d, "root:19");
}

static void test_damage(void)
{
    const char *sets[] = {"tests/golden/dict"};
    vigil_dict *a = load_text(sets, 1);
    if (!a) return;
    const char *good = tmp_path("good.vgd"), *bad = tmp_path("bad.vgd");
    vigil_dict_save(a, good);
    vigil_dict_free(a);
    size_t n;
    unsigned char *img = slurp(good, &n);
    OK(img && n > 4096, "snapshot read back");
    if (!img) return;
    unsigned char *w = malloc(n);
    vigil_status st;

    /* Truncated anywhere: an error that says so. */
    size_t cuts[] = {0, 7, 8, 100, 400, 512, n / 2, n - 1};
    size_t refused = 0, said = 0;
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        spit(bad, img, cuts[i]);
        vigil_dict *d = load_snap(bad, &st);
        if (st != VIGIL_OK) refused++;
        if (cuts[i] >= 8 && strstr(vigil_dict_errmsg(d), "truncated")) said++;
        vigil_dict_free(d);
    }
    INT_EQ(refused, sizeof cuts / sizeof *cuts, "every truncated file refused");
    INT_EQ(said, sizeof cuts / sizeof *cuts - 2, "the message says truncated");

    /* One byte changed anywhere: the checksum finds it. */
    refused = said = 0;
    size_t tries = 0;
    for (size_t at = 8; at < n; at += n / 97 + 1, tries++) {
        memcpy(w, img, n);
        w[at] ^= 0x5A;
        spit(bad, w, n);
        vigil_dict *d = load_snap(bad, &st);
        if (st == VIGIL_ERR_DICT) refused++;
        if (strstr(vigil_dict_errmsg(d), "bad.vgd")) said++;
        vigil_dict_free(d);
    }
    INT_EQ(refused, tries, "every damaged byte found");
    INT_EQ(said, tries, "messages name the file");

    /* Bytes altered with the checksum made to match (a crafted file): the
     * structural checks must refuse it or leave a dictionary that works.
     * Sanitizer builds turn any stray read into a failure here. */
    uint64_t seed = 88172645463325252u;
    size_t loaded = 0, unclear = 0;
    for (int k = 0; k < 400; k++) {
        memcpy(w, img, n);
        for (int j = 0; j < 1 + k % 3; j++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            size_t at = (size_t)(seed % n);
            /* Half the time a small value, the likeliest to pass as an index. */
            w[at] =
                (k & 1) ? (unsigned char)(seed >> 40) : (unsigned char)(w[at] + 1 + (seed >> 60));
        }
        vigil_dict *d = resealed(bad, w, n, &st);
        if (st == VIGIL_OK) {
            loaded++;
            use(d);
        } else {
            /* A changed magic is no snapshot: the text loaders refuse the name. */
            if (!((st == VIGIL_ERR_DICT || (st == VIGIL_ERR_ARG && memcmp(w, img, 8) != 0)) &&
                  vigil_dict_errmsg(d)[0]))
                unclear++;
        }
        vigil_dict_free(d);
    }
    INT_EQ(unclear, 0, "crafted files: refused with a clear error, or usable");
    OK(loaded > 0 && loaded < 400, "some crafted files load, others are refused");

    /* Written by another version: refused as stale, naming both. */
    memcpy(w, img, n);
    unsigned char *v = NULL;
    for (size_t i = 0; i + strlen(VIGIL_VERSION) < 512 && !v; i++)
        if (memcmp(w + i, VIGIL_VERSION, strlen(VIGIL_VERSION)) == 0) v = w + i;
    OK(v != NULL, "header holds the vigil version");
    if (v) {
        memcpy(v, "9.9.9", 5);
        vigil_dict *d = resealed(bad, w, n, &st);
        INT_EQ(st, VIGIL_ERR_DICT, "stale snapshot refused");
        OK(strstr(vigil_dict_errmsg(d), "written by vigil 9.9.9") != NULL, "stale: says by what");
        OK(strstr(vigil_dict_errmsg(d), "vigil dict compile") != NULL, "stale: says what to do");
        vigil_dict_free(d);
    }
    /* Only the magic. */
    spit(bad, img, 8);
    vigil_dict *d = load_snap(bad, &st);
    INT_EQ(st, VIGIL_ERR_DICT, "magic alone refused");
    vigil_dict_free(d);

    /* An unwritable target. */
    d = load_snap(good, &st);
    INT_EQ(vigil_dict_save(d, "/nonexistent-dir/x.vgd"), VIGIL_ERR_IO, "unwritable target");
    OK(strstr(vigil_dict_errmsg(d), "nonexistent-dir") != NULL, "message names the path");
    vigil_dict_free(d);
    free(w);
    free(img);
    remove(good);
    remove(bad);
}

/* The offset of the n bytes of needle in hay[0..len), or (size_t)-1. */
static size_t find_bytes(const unsigned char *hay, size_t len, const void *needle, size_t n)
{
    for (size_t i = 0; n && i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0) return i;
    return (size_t)-1;
}

/* Codes stories that use the large family of the big fixture. */
static void use_big(vigil_dict *d, char **out, size_t *n)
{
    static const char story[] = "Arnor warned Gondor about topic7 on Monday.\n\n"
                                "Rohan threatened Mordor with drones near topic3.\n\n"
                                "Gondor warned Arnor about grain and topic40.\n\n"
                                "Mordor threatened Rohan near Minas Tirith.";
    code_into(d, "big", story, sizeof story - 1, out, n);
}

/* The pattern index of a family of more than VG_ANCHOR_MIN_PATTERNS
 * patterns is kept in the snapshot (format 3): mapped as it was built,
 * coding the same; and its sections are checked like every other, so a
 * crafted file is refused with a clear error or loads and works. */
static void test_pattern_index(void)
{
    const char *sets[] = {"tests/fixtures/dict/big"};
    vigil_dict *a = load_text(sets, 1);
    OK(a != NULL, "big fixture loads");
    if (!a) return;
    OK(a->nanchors > 0 && a->npat_index > VG_ANCHOR_MIN_PATTERNS && a->anchor_bits,
       "the fixture has a pattern index");
    const char *good = tmp_path("big.vgd"), *bad = tmp_path("bigbad.vgd");
    INT_EQ(vigil_dict_save(a, good), VIGIL_OK, "save");
    vigil_status st;
    vigil_dict *b = load_snap(good, &st);
    INT_EQ(st, VIGIL_OK, "snapshot with a pattern index loads");
    INT_EQ(b->nanchors, a->nanchors, "anchor slots");
    INT_EQ(b->npat_index, a->npat_index, "indexed patterns");
    OK(b->anchors && memcmp(b->anchors, a->anchors, a->nanchors * sizeof *a->anchors) == 0,
       "anchor table identical");
    OK(b->pat_index &&
           memcmp(b->pat_index, a->pat_index, a->npat_index * sizeof *a->pat_index) == 0,
       "pattern lists identical");
    OK(b->anchor_bits && memcmp(b->anchor_bits, a->anchor_bits,
                                VG_ANCHOR_BITS(a->nwords) * sizeof *a->anchor_bits) == 0,
       "anchor word bits identical");
    OK((void *)b->pat_index > b->map && (char *)b->pat_index < (char *)b->map + b->maplen,
       "the index is mapped, not rebuilt");
    OK(a->node_bits && b->node_bits &&
           memcmp(a->node_bits, b->node_bits, VG_NODE_BITS / 64 * sizeof *a->node_bits) == 0,
       "phrase-node filter identical");
    OK(a->pair_bits && b->pair_bits &&
           memcmp(a->pair_bits, b->pair_bits, VG_PAIR_BITS / 64 * sizeof *a->pair_bits) == 0,
       "word-pair filter identical");
    char *oa = NULL, *ob = NULL;
    size_t na = 0, nb = 0;
    use_big(a, &oa, &na);
    use_big(b, &ob, &nb);
    OK(na > 0 && strstr(oa, "about topic7") != NULL, "the large family's patterns code");
    OK(na == nb && memcmp(oa, ob, na) == 0, "coding identical with text and snapshot");
    free(oa);
    free(ob);
    vigil_dict_free(b);

    size_t n;
    unsigned char *img = slurp(good, &n);
    OK(img != NULL, "read back");
    if (!img) {
        vigil_dict_free(a);
        return;
    }
    size_t an = find_bytes(img, n, a->anchors, a->nanchors * sizeof *a->anchors);
    size_t px = find_bytes(img, n, a->pat_index, a->npat_index * sizeof *a->pat_index);
    size_t bits = find_bytes(img, n, a->anchor_bits, VG_ANCHOR_BITS(a->nwords) * 8);
    OK(an != (size_t)-1 && px != (size_t)-1 && bits != (size_t)-1, "sections found in the file");
    if (an == (size_t)-1 || px == (size_t)-1 || bits == (size_t)-1) {
        free(img);
        vigil_dict_free(a);
        return;
    }
    unsigned char *w = malloc(n);
    size_t slot = 0; /* the first used anchor slot */
    while (!a->anchors[slot].family) slot++;
    const uint32_t big = 0x7fffffffu;
    struct {
        const char *what;
        size_t at; /* offset of a uint32_t in the image */
        uint32_t value;
    } cases[] = {
        {"a pattern outside the table", px, (uint32_t)a->npatterns},
        {"a pattern far outside", px + 4 * (a->npat_index - 1), big},
        {"an anchor's family outside", an + 16 * slot, (uint32_t)a->nfamilies},
        {"an anchor's word outside", an + 16 * slot + 4, (uint32_t)a->nwords},
        {"a list starting outside", an + 16 * slot + 8, (uint32_t)a->npat_index + 1},
        {"a list running outside", an + 16 * slot + 12, (uint32_t)a->npat_index + 1},
        {"a list of 2^31 patterns", an + 16 * slot + 12, big},
    };
    size_t refused = 0, said = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        memcpy(w, img, n);
        memcpy(w + cases[i].at, &cases[i].value, 4);
        vigil_dict *d = resealed(bad, w, n, &st);
        if (st == VIGIL_ERR_DICT) refused++;
        if (strstr(vigil_dict_errmsg(d), "bad pattern index"))
            said++;
        else
            fprintf(stderr, "  %s: %s\n", cases[i].what, vigil_dict_errmsg(d));
        vigil_dict_free(d);
    }
    INT_EQ(refused, sizeof cases / sizeof *cases, "crafted pattern indexes refused");
    INT_EQ(said, sizeof cases / sizeof *cases, "the message says what is wrong");
    /* A full anchor table would make a probe for an absent key endless. */
    memcpy(w, img, n);
    for (size_t i = 0; i < a->nanchors; i++)
        if (!a->anchors[i].family) {
            uint32_t one = 1;
            memcpy(w + an + 16 * i, &one, 4);
        }
    vigil_dict *d = resealed(bad, w, n, &st);
    INT_EQ(st, VIGIL_ERR_DICT, "an anchor table with no empty slot refused");
    vigil_dict_free(d);

    /* Written by a build that indexes families from another size on: the
     * index does not cover what this build searches through it. */
    uint32_t fam = a->anchors[slot].family, np = a->families[fam].npatterns;
    a->families[fam].npatterns = VG_ANCHOR_MIN_PATTERNS;
    INT_EQ(vigil_dict_save(a, bad), VIGIL_OK, "save with a family below the threshold");
    a->families[fam].npatterns = np;
    d = load_snap(bad, &st);
    INT_EQ(st, VIGIL_ERR_DICT, "an index of another threshold refused");
    OK(strstr(vigil_dict_errmsg(d), "recompile") != NULL, "and the message says to recompile");
    vigil_dict_free(d);

    /* Random bytes in the three sections (sealed): refused, or usable. */
    uint64_t seed = 0x9E3779B97F4A7C15u;
    size_t loaded = 0, unclear = 0;
    size_t from[] = {an, px, bits};
    size_t len[] = {a->nanchors * 16, a->npat_index * 4, VG_ANCHOR_BITS(a->nwords) * 8};
    for (int k = 0; k < 300; k++) {
        memcpy(w, img, n);
        for (int j = 0; j < 1 + k % 3; j++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            size_t s = (size_t)(seed >> 50) % 3;
            size_t at = from[s] + (size_t)(seed % len[s]);
            w[at] =
                (k & 1) ? (unsigned char)(seed >> 40) : (unsigned char)(w[at] + 1 + (seed >> 60));
        }
        d = resealed(bad, w, n, &st);
        if (st == VIGIL_OK) {
            loaded++;
            char *o = NULL;
            size_t on = 0;
            use_big(d, &o, &on);
            use(d);
            free(o);
        } else if (st != VIGIL_ERR_DICT || !vigil_dict_errmsg(d)[0]) {
            unclear++;
        }
        vigil_dict_free(d);
    }
    INT_EQ(unclear, 0, "crafted index sections: refused with a clear error, or usable");
    OK(loaded > 0 && loaded < 300, "some load, others are refused");
    free(w);
    free(img);
    vigil_dict_free(a);
    remove(good);
    remove(bad);
}

static char diag_msg[1024];
static void diag(void *ud, const char *msg)
{
    (void)ud;
    snprintf(diag_msg, sizeof diag_msg, "%s", msg);
}

/* A source edited after compiling: the snapshot still loads (it is what it
 * is) and the diagnostic callback says which source changed. */
static void test_changed_source(void)
{
    static const char *const files[] = {"golden.actors", "golden.agents", "golden.verbs",
                                        "golden.synsets", "golden.discards"};
    char dir[128], from[256], to[256];
    snprintf(dir, sizeof dir, "%s/src", tmpdir);
    mkdir(dir, 0700);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t n;
        snprintf(from, sizeof from, "tests/golden/dict/%s", files[i]);
        snprintf(to, sizeof to, "%s/%s", dir, files[i]);
        unsigned char *p = slurp(from, &n);
        if (p) spit(to, p, n);
        free(p);
    }
    const char *sets[] = {dir};
    vigil_dict *a = load_text(sets, 1);
    OK(a != NULL, "copied set loads");
    if (!a) return;
    const char *snap = tmp_path("src.vgd");
    INT_EQ(vigil_dict_save(a, snap), VIGIL_OK, "save");
    vigil_dict_free(a);

    diag_msg[0] = '\0';
    vigil_dict *d = vigil_dict_new();
    vigil_dict_set_diag(d, diag, NULL);
    INT_EQ(vigil_dict_load(d, snap), VIGIL_OK, "unchanged sources: loads");
    STR_EQ(diag_msg, "", "unchanged sources: nothing said");
    vigil_dict_free(d);

    snprintf(to, sizeof to, "%s/golden.verbs", dir);
    FILE *f = fopen(to, "ab");
    if (f) {
        fputs("# an edit after compiling\n", f);
        fclose(f);
    }
    d = vigil_dict_new();
    vigil_dict_set_diag(d, diag, NULL);
    INT_EQ(vigil_dict_load(d, snap), VIGIL_OK, "changed source: still loads");
    OK(strstr(diag_msg, "golden.verbs has changed since this snapshot was compiled") != NULL,
       "changed source: named");
    INT_EQ(vigil_dict_count(d, "warnings"), 0, "not counted as a dictionary warning");
    vigil_dict_free(d);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(to, sizeof to, "%s/%s", dir, files[i]);
        remove(to);
    }
    rmdir(dir);
    remove(snap);
}

/* xorshift64: deterministic test bytes. */
static uint64_t ck_rand(uint64_t *s)
{
    *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
    return *s;
}

/* The checksum (format 4): the vector lanes give what the plain lanes
 * give, on every length and alignment; and damage of the kinds a disk or
 * a copy makes always changes it. */
static void test_checksum(void)
{
    enum { N = 70000 };
    unsigned char *buf = malloc(N + 64), *w = malloc(N + 64);
    uint64_t seed = 0x0123456789ABCDEFu;
    for (size_t i = 0; i < N + 64; i++) buf[i] = (unsigned char)ck_rand(&seed);
    size_t diff = 0, tries = 0;
    /* Every length up to 600, at every alignment up to 16, a few seeds;
     * then long runs, all zero and all 0xFF bytes among them. */
    for (size_t n = 0; n <= 600; n++)
        for (size_t off = 0; off < 16; off++, tries++) {
            uint64_t sd = n * 31 + off;
            if (vg_snapshot_checksum(sd, buf + off, n) !=
                vg_snapshot_checksum_plain(sd, buf + off, n))
                diff++;
        }
    size_t longs[] = {4096, 4097, 65536 - 1, 65536, N};
    for (size_t i = 0; i < sizeof longs / sizeof *longs; i++, tries += 3) {
        diff += vg_snapshot_checksum(i, buf + 3, longs[i]) !=
                vg_snapshot_checksum_plain(i, buf + 3, longs[i]);
        memset(w, 0, longs[i]);
        diff += vg_snapshot_checksum(i, w, longs[i]) != vg_snapshot_checksum_plain(i, w, longs[i]);
        memset(w, 0xFF, longs[i]);
        diff += vg_snapshot_checksum(i, w, longs[i]) != vg_snapshot_checksum_plain(i, w, longs[i]);
    }
    INT_EQ(diff, 0, "vector checksum equals the plain one");
    OK(tries > 9000, "on many inputs");

    const size_t n = 16384;
    const uint64_t base = vg_snapshot_checksum(0, buf, n);
    size_t missed = 0;
    tries = 0;
    /* Every single bit of the first 1,024 bytes and the last 100 (the
     * scalar tail), and 3,000 random bits. */
    for (size_t bit = 0; bit < 8 * 1024 + 3000 + 800; bit++, tries++) {
        size_t at = bit < 8 * 1024          ? bit
                    : bit < 8 * 1024 + 3000 ? (size_t)(ck_rand(&seed) % (8 * n))
                                            : 8 * (n - 100) + (bit - 8 * 1024 - 3000);
        memcpy(w, buf, n);
        w[at / 8] ^= (unsigned char)(1u << (at % 8));
        missed += vg_snapshot_checksum(0, w, n) == base;
    }
    /* The top bits of two words of a lane (they cancel in the plain sum),
     * two words swapped (same lane, other blocks; other lanes, same block),
     * two blocks swapped, a 4 KB page zeroed or copied over another,
     * bytes cut or added at the end. */
    for (int k = 0; k < 2000; k++, tries++) {
        memcpy(w, buf, n);
        size_t b1 = (size_t)(ck_rand(&seed) % (n / 64)), b2 = (size_t)(ck_rand(&seed) % (n / 64));
        if (b2 == b1) b2 = (b1 + 1) % (n / 64);
        size_t lane = (size_t)(ck_rand(&seed) % 8), lane2 = (lane + 1 + k % 7) % 8;
        unsigned char t[64];
        switch (k % 5) {
        case 0:
            w[64 * b1 + 8 * lane + 7] ^= 0x80;
            w[64 * b2 + 8 * lane + 7] ^= 0x80;
            break;
        case 1:
            memcpy(t, w + 64 * b1 + 8 * lane, 8);
            memcpy(w + 64 * b1 + 8 * lane, w + 64 * b2 + 8 * lane, 8);
            memcpy(w + 64 * b2 + 8 * lane, t, 8);
            break;
        case 2:
            memcpy(t, w + 64 * b1 + 8 * lane, 8);
            memcpy(w + 64 * b1 + 8 * lane, w + 64 * b1 + 8 * lane2, 8);
            memcpy(w + 64 * b1 + 8 * lane2, t, 8);
            break;
        case 3:
            memcpy(t, w + 64 * b1, 64);
            memcpy(w + 64 * b1, w + 64 * b2, 64);
            memcpy(w + 64 * b2, t, 64);
            break;
        default:
            if (k % 2)
                memset(w + 4096 * (b1 % 4), 0, 4096);
            else
                memcpy(w + 4096 * (b1 % 4), w + 4096 * ((b1 + 1) % 4), 4096);
            break;
        }
        missed += vg_snapshot_checksum(0, w, n) == base;
    }
    for (size_t cut = 1; cut <= 100; cut++, tries += 2) {
        missed += vg_snapshot_checksum(0, buf, n - cut) == base;
        missed += vg_snapshot_checksum(0, buf, n + cut) == base;
    }
    INT_EQ(missed, 0, "every damage of the test changes the checksum");
    OK(tries > 13000, "many kinds of damage tried");
    free(w);
    free(buf);
}

/* Compiles the golden test dictionary into a snapshot named name in the
 * test directory; its path, or NULL when the text would not load. */
static const char *golden_snapshot(const char *name)
{
    const char *sets[] = {"tests/golden/dict"};
    vigil_dict *a = load_text(sets, 1);
    if (!a) return NULL;
    const char *path = tmp_path(name);
    vigil_dict_save(a, path);
    vigil_dict_free(a);
    return path;
}

/* A snapshot of format 5 (an older vigil) is refused with the usual
 * message: which format, and what to do. */
static void test_old_format(void)
{
    const char *good = golden_snapshot("fmt.vgd");
    if (!good) return;
    size_t n;
    unsigned char *img = slurp(good, &n);
    OK(img && n > 64, "snapshot read back");
    if (!img) return;
    uint32_t f;
    memcpy(&f, img + 8, 4);
    INT_EQ(f, 6, "this build writes format 6");
    f = 5;
    memcpy(img + 8, &f, 4);
    vigil_status st;
    vigil_dict *d = resealed(good, img, n, &st);
    INT_EQ(st, VIGIL_ERR_DICT, "format 5 refused");
    OK(strstr(vigil_dict_errmsg(d), "snapshot format 5") != NULL, "says which format");
    OK(strstr(vigil_dict_errmsg(d), "recompile it with vigil dict compile") != NULL,
       "says to recompile");
    vigil_dict_free(d);

    /* A code field whose last byte is not a NUL (the writer always leaves
     * it 0) is refused, so no strlen runs past it. */
    f = 6;
    memcpy(img + 8, &f, 4);
    d = resealed(good, img, n, &st);
    INT_EQ(st, VIGIL_OK, "format 6 loads again");
    size_t at = (size_t)-1;
    if (st == VIGIL_OK && d->ncodes > 1)
        at = (size_t)((const unsigned char *)&d->codes[1] - (const unsigned char *)d->map);
    vigil_dict_free(d);
    OK(at < n, "a dated code found in the file");
    if (at < n) {
        INT_EQ(img[at + VG_MAX_CODE - 1], 0, "its last byte is 0 as written");
        img[at + VG_MAX_CODE - 1] = 'X';
        d = resealed(good, img, n, &st);
        INT_EQ(st, VIGIL_ERR_DICT, "a code without its NUL refused");
        OK(strstr(vigil_dict_errmsg(d), "bad actor code") != NULL, "says which");
        vigil_dict_free(d);
    }
    free(img);
    remove(good);
}

/* The typo index is not walked when a snapshot is mapped; its reader
 * bounds its probes and passes over slots naming no actor or word of the
 * dictionary. A crafted file (the checksum sealed again) whose index has
 * no empty slot, or slots with actor and word ids out of range, loads and
 * answers every typo question with 0 or an actor of the dictionary, and
 * an intact one answers as the text dictionary does. */
static void test_typo_index(void)
{
    const char *sets[] = {"tests/golden/dict"};
    vigil_dict *a = load_text(sets, 1);
    if (!a) return;
    const char *good = tmp_path("typo.vgd"), *bad = tmp_path("typo-bad.vgd");
    vigil_dict_save(a, good);
    vigil_status st;
    vigil_dict *m = load_snap(good, &st);
    INT_EQ(st, VIGIL_OK, "typo: snapshot loads");
    size_t n;
    unsigned char *img = slurp(good, &n);
    if (st != VIGIL_OK || !img || !m->nfz) {
        OK(0, "typo: a typo index to alter");
        vigil_dict_free(m);
        vigil_dict_free(a);
        free(img);
        return;
    }
    static const char *const words[] = {"Gondorr", "Gonodr", "Mordorr", "Gondor",   "Rohann",
                                        "Arnorr",  "Mordr",  "Xyzzyx",  "Gondorian"};
    size_t nw = sizeof words / sizeof *words, same = 0;
    for (size_t i = 0; i < nw; i++)
        same += vg_dict_fuzzy_actor(a, words[i], strlen(words[i])) ==
                vg_dict_fuzzy_actor(m, words[i], strlen(words[i]));
    INT_EQ(same, nw, "typo: the mapped index answers as the built one");
    OK(vg_dict_fuzzy_actor(m, "Gondorr", 7) != 0, "typo: a misspelt actor is found");
    size_t off = (size_t)((const unsigned char *)m->fz - (const unsigned char *)m->map);
    size_t nfz = m->nfz, nact = m->nactors, nwords = m->nwords;
    vigil_dict_free(m);
    unsigned char *w = malloc(n);
    size_t loaded = 0, wrong = 0;
    uint64_t seed = 0x9E3779B97F4A7C15u;
    for (int k = 0; k < 6; k++) {
        memcpy(w, img, n);
        struct fz *fz = (struct fz *)(w + off);
        for (size_t i = 0; i < nfz; i++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            switch (k) {
            case 0: /* full: no empty slot ends a probe */
                if (!fz[i].actor) fz[i].actor = 1, fz[i].word = 1, fz[i].hash = (uint32_t)seed;
                break;
            case 1: /* actors out of range */
                if (fz[i].actor) fz[i].actor = (uint32_t)(nact + seed % 1000);
                break;
            case 2: /* words out of range, or none */
                if (fz[i].actor) fz[i].word = seed % 2 ? 0 : (uint32_t)(nwords + seed % 1000);
                break;
            case 3: /* everything at random, empty slots too */
                fz[i].actor = (uint32_t)seed, fz[i].word = (uint32_t)(seed >> 32);
                break;
            default: /* full of random but in-range ids */
                fz[i].actor = 1 + (uint32_t)(seed % (nact - 1));
                fz[i].word = 1 + (uint32_t)((seed >> 32) % (nwords - 1));
                break;
            }
        }
        vigil_dict *d = resealed(bad, w, n, &st);
        if (st == VIGIL_OK) {
            loaded++;
            for (size_t i = 0; i < nw; i++) {
                uint32_t x = vg_dict_fuzzy_actor(d, words[i], strlen(words[i]));
                wrong += x >= nact;
            }
            use(d);
        }
        vigil_dict_free(d);
    }
    INT_EQ(loaded, 6, "typo: altered indexes load (they are checked as read)");
    INT_EQ(wrong, 0, "typo: answers are actors of the dictionary or none");
    free(w);
    free(img);
    vigil_dict_free(a);
    remove(good);
    remove(bad);
}

/* The walk table's slots are not checked one by one when a snapshot is
 * mapped: a crafted file (sealed again) whose table has no empty slot is
 * refused, and one whose slots name entries past the entry table loads and
 * is used without reading outside it (ASan, valgrind); an intact one
 * answers every lookup as the text dictionary does (test_round_trip). */
static void test_walk_table(void)
{
    const char *good = golden_snapshot("walk.vgd");
    if (!good) return;
    vigil_status st;
    vigil_dict *m = load_snap(good, &st);
    INT_EQ(st, VIGIL_OK, "walk: snapshot loads");
    OK(m->walk && m->nwalk && !m->npslots, "walk: the walk table and no phrase table");
    size_t n, at = m->walk ? (size_t)((unsigned char *)m->walk - (unsigned char *)m->map) : 0,
              nwalk = m->nwalk;
    vigil_dict_free(m);
    unsigned char *img = slurp(good, &n);
    if (!img || !nwalk || at + nwalk * sizeof(wslot) > n) {
        OK(0, "walk: a table to alter");
        free(img);
        return;
    }
    unsigned char *copy = malloc(n);
    memcpy(copy, img, n);
    /* Entries past the table. */
    size_t used = 0;
    for (size_t i = 0; i < nwalk; i++) {
        wslot w;
        memcpy(&w, img + at + i * sizeof w, sizeof w);
        if (!w.parent) continue;
        w.first = 0xFFFFFFF0u - (uint32_t)i;
        memcpy(img + at + i * sizeof w, &w, sizeof w);
        used++;
    }
    OK(used > 10, "walk: slots in use");
    m = resealed(good, img, n, &st);
    INT_EQ(st, VIGIL_OK, "walk: entries past the table load");
    if (st == VIGIL_OK) use(m);
    vigil_dict_free(m);
    /* No empty slot. */
    memcpy(img, copy, n);
    for (size_t i = 0; i < nwalk; i++) {
        wslot w;
        memcpy(&w, img + at + i * sizeof w, sizeof w);
        if (!w.parent) w.parent = 1, w.last = 0xFFFFFFFFu;
        memcpy(img + at + i * sizeof w, &w, sizeof w);
    }
    m = resealed(good, img, n, &st);
    INT_EQ(st, VIGIL_ERR_DICT, "walk: a table with no empty slot refused");
    OK(strstr(vigil_dict_errmsg(m), "bad walk table") != NULL, "walk: says which");
    vigil_dict_free(m);
    free(copy);
    free(img);
    remove(good);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/vigil-snap-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    const char *golden[] = {"tests/golden/dict"};
    test_round_trip("golden dictionary", golden, 1);
    const char *layered[] = {"tests/golden/dict", "tests/fixtures/dict/set1",
                             "tests/fixtures/dict/set2", "tests/fixtures/dict/pet"};
    test_round_trip("layered sets with PETRARCH files", layered, 4);
    test_checksum();
    test_old_format();
    test_damage();
    test_typo_index();
    test_walk_table();
    test_pattern_index();
    test_changed_source();
    rmdir(tmpdir);
    TEST_MAIN_END();
}
