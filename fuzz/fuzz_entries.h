/*
 * fuzz_entries.h — the entry points shared by the libFuzzer targets
 * (fuzz/fuzz_*.c) and the replay test (tests/unit/test_fuzz_regress.c).
 *
 * Each entry takes one input of arbitrary bytes, drives one part of the
 * library with it and checks the invariants the public API promises (spans
 * inside their text, strings NUL-terminated, counts consistent). A broken
 * invariant aborts, so the fuzzer records the input as a crash and the
 * replay test fails on it. Keeping the entries in one header means a saved
 * crasher is replayed by `make test` through exactly the code that found it.
 *
 * The functions are `static inline` so that each including file compiles
 * them without a separate object and without unused-function warnings.
 */
#ifndef VG_FUZZ_ENTRIES_H
#define VG_FUZZ_ENTRIES_H

#include "vigil.h"
/* Internal: vg_snapshot_seal for the snapshot target (fuzz and unit test
 * builds have src/ on the include path). */
#include "dict_impl.h"
/* Internal: the direct JSON-lines reader, checked against cJSON. */
#include "jsonl.h"
#include "utf8.h"
/* Internal: the tokenizer and the repeat collapse, checked against the
 * simple versions the unit tests keep (tests/unit/ref_*.h). */
#include "../tests/unit/ref_collapse.h"
#include "../tests/unit/ref_phrases.h"
#include "../tests/unit/ref_tokenize.h"
#include "clean.h"
#include "tokenize.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The small fixed dictionary of the coder target, relative to the
 * repository root (the Makefile passes an absolute path to fuzz builds). */
#ifndef VG_FUZZ_DICT
#define VG_FUZZ_DICT "tests/golden/dict"
#endif

/* A broken invariant: say which and abort, so the input is kept. */
#define VG_FUZZ_CHECK(cond)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Diagnostics are checked for termination (strlen walks them) and dropped. */
static inline void vg_fuzz_diag(void *ud, const char *msg)
{
    size_t *n = ud;
    VG_FUZZ_CHECK(msg != NULL);
    *n += strlen(msg) > 0;
}

/* FNV-1a over the input: a seed that makes chunking depend only on the
 * bytes, so a replay splits the input exactly as the fuzzer did. */
static inline uint64_t vg_fuzz_hash(const uint8_t *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

static inline uint64_t vg_fuzz_rand(uint64_t *s)
{
    /* xorshift64*: small and good enough to pick chunk sizes. */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

/* Checks one story as the reader hands it out. */
static inline void vg_fuzz_story(const vigil_story *s)
{
    VG_FUZZ_CHECK(s && s->id && s->date && s->source && s->url && s->body);
    VG_FUZZ_CHECK(strlen(s->body) <= s->body_len);
    VG_FUZZ_CHECK(s->body[s->body_len] == '\0');
    size_t dl = strlen(s->date);
    VG_FUZZ_CHECK(dl == 0 || dl == 10);
    VG_FUZZ_CHECK(strlen(s->id) <= 4096 && strlen(s->source) <= 4096 && strlen(s->url) <= 4096);
}

/* Drains the stories a reader has ready; returns how many there were. */
static inline size_t vg_fuzz_drain(vigil_reader *r)
{
    const vigil_story *s;
    size_t n = 0;
    while (vigil_reader_next(r, &s) == VIGIL_OK) {
        vg_fuzz_story(s);
        n++;
    }
    return n;
}

/* A reader of the given format fed the input in pseudo-random chunks
 * (1 byte up to the whole rest), draining stories between chunks as the
 * CLI does. */
static inline int vg_fuzz_reader(vigil_format fmt, const uint8_t *data, size_t size)
{
    uint64_t seed = vg_fuzz_hash(data, size) | 1;
    size_t ndiag = 0;
    vigil_reader *r = vigil_reader_new(fmt, "fuzz.in", (seed & 2) ? "2024-09-09" : NULL);
    VG_FUZZ_CHECK(r != NULL);
    vigil_reader_set_diag(r, vg_fuzz_diag, &ndiag);
    size_t off = 0;
    while (off < size) {
        uint64_t k = vg_fuzz_rand(&seed);
        size_t rest = size - off;
        /* Mostly small chunks (splitting lines and characters), sometimes
         * the whole rest at once. */
        size_t len = (k & 7) == 0 ? rest : 1 + (size_t)((k >> 8) % (rest < 64 ? rest : 64));
        VG_FUZZ_CHECK(vigil_reader_feed(r, (const char *)data + off, len) == VIGIL_OK);
        off += len;
        vg_fuzz_drain(r);
    }
    VG_FUZZ_CHECK(vigil_reader_finish(r) == VIGIL_OK);
    vg_fuzz_drain(r);
    (void)vigil_reader_skipped(r);
    VG_FUZZ_CHECK(vigil_reader_format(r) != VIGIL_FORMAT_AUTO); /* decided at the end */
    vigil_reader_free(r);
    (void)vigil_format_detect((const char *)data, size);
    return 0;
}

/* Checks a doc's public view: sentences are ordered spans of its text. */
static inline void vg_fuzz_check_doc(const vigil_doc *doc)
{
    size_t len;
    const char *text = vigil_doc_text(doc, &len);
    VG_FUZZ_CHECK(text && text[len] == '\0');
    VG_FUZZ_CHECK(vigil_doc_id(doc) && vigil_doc_date(doc));
    VG_FUZZ_CHECK(vigil_doc_source(doc) && vigil_doc_url(doc));
    uint32_t prev = 0;
    for (size_t i = 0; i < vigil_doc_sentence_count(doc); i++) {
        vigil_span sp = vigil_doc_sentence(doc, i);
        VG_FUZZ_CHECK(sp.start <= sp.end && sp.end <= len && sp.start >= prev);
        prev = sp.end;
    }
    for (size_t i = 0; i < vigil_doc_removed_count(doc); i++) {
        const vigil_removed *rm = vigil_doc_removed(doc, i);
        VG_FUZZ_CHECK(rm && rm->text && rm->rule);
        (void)strlen(rm->text);
    }
}

/* Builds a story from the input: byte 0 chooses HTML or text and the
 * cleaning flags, the rest is the body (NULs included). */
static inline void vg_fuzz_make_story(const uint8_t *data, size_t size, vigil_story *s, char **body,
                                      unsigned *flags)
{
    unsigned b = size ? data[0] : 0;
    const uint8_t *p = size ? data + 1 : data;
    size_t n = size ? size - 1 : 0;
    /* The reader guarantees a NUL-terminated body; keep that contract. */
    *body = malloc(n + 1);
    VG_FUZZ_CHECK(*body != NULL);
    if (n) memcpy(*body, p, n);
    (*body)[n] = '\0';
    memset(s, 0, sizeof *s);
    s->id = "fuzz";
    s->date = (b & 0x40) ? "" : "2024-09-09";
    s->source = "";
    s->url = "";
    s->body = *body;
    s->body_len = n;
    s->body_is_html = (b & 1) != 0;
    s->line = 1;
    s->date_is_default = (b & 0x80) != 0;
    *flags = (b >> 1) & 7u;
}

/* The cleaner, splitter and tokenizer: vigil_doc_new on a story. */
static inline int vg_fuzz_doc(const uint8_t *data, size_t size)
{
    vigil_story s;
    char *body;
    unsigned flags;
    vg_fuzz_make_story(data, size, &s, &body, &flags);
    vigil_doc *doc = vigil_doc_new(&s, flags);
    VG_FUZZ_CHECK(doc != NULL);
    vg_fuzz_check_doc(doc);
    vigil_doc_free(doc);
    free(body);
    return 0;
}

/* Checks one formatted event line: exactly one line, with the newline at
 * its end; JSON that parses to an object carrying the event's codes; TSV
 * with as many columns as its header. Output that breaks here would be
 * lost or misread by whatever consumes vigil's events. */
static inline void vg_fuzz_check_line(const vigil_event *e, vigil_outfmt f, const char *s, size_t n)
{
    VG_FUZZ_CHECK(n > 0 && s[n] == '\0' && s[n - 1] == '\n');
    VG_FUZZ_CHECK(memchr(s, '\n', n - 1) == NULL && memchr(s, '\r', n) == NULL);
    VG_FUZZ_CHECK(strlen(s) == n);
    if (f == VIGIL_OUT_JSONL) {
        cJSON *j = cJSON_ParseWithLength(s, n);
        VG_FUZZ_CHECK(j != NULL && cJSON_IsObject(j));
        const cJSON *src = cJSON_GetObjectItemCaseSensitive(j, "source");
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(j, "code");
        VG_FUZZ_CHECK(cJSON_IsString(src) && strcmp(src->valuestring, e->source) == 0);
        VG_FUZZ_CHECK(cJSON_IsString(code) && strcmp(code->valuestring, e->code) == 0);
        cJSON_Delete(j);
    } else {
        size_t tabs = 0, htabs = 0;
        for (size_t i = 0; i < n; i++) tabs += s[i] == '\t';
        for (const char *h = vigil_tsv_header(); *h; h++) htabs += *h == '\t';
        VG_FUZZ_CHECK(tabs == htabs);
    }
}

/* Checks every event of a coder against its sentence. */
static inline void vg_fuzz_check_events(const vigil_coder *c, int explain)
{
    size_t n = vigil_coder_event_count(c);
    char line[1024];
    for (size_t i = 0; i < n; i++) {
        const vigil_event *e = vigil_coder_event(c, i);
        VG_FUZZ_CHECK(e && e->text && e->story && e->date && e->plover);
        VG_FUZZ_CHECK(memchr(e->source, 0, sizeof e->source) &&
                      memchr(e->target, 0, sizeof e->target));
        VG_FUZZ_CHECK(memchr(e->code, 0, sizeof e->code) &&
                      memchr(e->speaker, 0, sizeof e->speaker));
        VG_FUZZ_CHECK(e->ev_source.start <= e->ev_source.end && e->ev_source.end <= e->text_len);
        VG_FUZZ_CHECK(e->ev_verb.start <= e->ev_verb.end && e->ev_verb.end <= e->text_len);
        VG_FUZZ_CHECK(e->ev_target.start <= e->ev_target.end && e->ev_target.end <= e->text_len);
        VG_FUZZ_CHECK(e->quad >= 0 && e->quad <= 4);
        for (int f = 0; f < 2; f++) {
            size_t need = vigil_event_format(e, (vigil_outfmt)f, line, sizeof line);
            char *out = line;
            if (need >= sizeof line) {
                out = malloc(need + 1);
                VG_FUZZ_CHECK(out != NULL);
                VG_FUZZ_CHECK(vigil_event_format(e, (vigil_outfmt)f, out, need + 1) == need);
            }
            vg_fuzz_check_line(e, (vigil_outfmt)f, out, need);
            if (out != line) free(out);
        }
        if (explain) {
            char *ex = vigil_coder_explain(c, i);
            VG_FUZZ_CHECK(ex != NULL);
            vigil_free(ex);
        }
    }
    for (size_t i = 0; i < vigil_coder_unknown_count(c); i++)
        VG_FUZZ_CHECK(vigil_coder_unknown(c, i) != NULL);
}

/* The fixed dictionary of the coder target, loaded once per process
 * (read-only after vigil_dict_finish, so sharing it is the intended use).
 * It is freed at exit so leak checkers stay quiet. */
static vigil_dict *vg_fuzz_dict_cache;

static inline void vg_fuzz_dict_release(void)
{
    vigil_dict_free(vg_fuzz_dict_cache);
    vg_fuzz_dict_cache = NULL;
}

static inline vigil_dict *vg_fuzz_fixed_dict(void)
{
    if (vg_fuzz_dict_cache) return vg_fuzz_dict_cache;
    const char *dir = getenv("VIGIL_FUZZ_DICT");
    vigil_dict *d = vigil_dict_new();
    if (vigil_dict_load(d, dir ? dir : VG_FUZZ_DICT) != VIGIL_OK) {
        fprintf(stderr, "fuzz: cannot load %s: %s\n", dir ? dir : VG_FUZZ_DICT,
                vigil_dict_errmsg(d));
        abort();
    }
    vigil_dict_finish(d);
    vg_fuzz_dict_cache = d;
    atexit(vg_fuzz_dict_release);
    return d;
}

/* The coder end to end: the input as a story (as vg_fuzz_doc builds it)
 * coded with the fixed dictionary. Byte 0's high bits pick coder flags
 * too, so negation, explanations and no-dyad paths are all reached. */
static inline int vg_fuzz_coder(const uint8_t *data, size_t size)
{
    vigil_dict *d = vg_fuzz_fixed_dict();
    vigil_story s;
    char *body;
    unsigned flags;
    vg_fuzz_make_story(data, size, &s, &body, &flags);
    unsigned b = size ? data[0] : 0;
    unsigned cf = 0;
    if (b & 0x10) cf |= VIGIL_CODE_NEGATED;
    if (b & 0x20) cf |= VIGIL_CODE_NO_DYAD;
    if (b & 0x40) cf |= VIGIL_CODE_NO_COREF;
    if (b & 0x80) cf |= VIGIL_CODE_EXPLAIN;
    if (vg_fuzz_hash(data, size) & 1) cf |= VIGIL_CODE_UNKNOWN;
    flags &= ~(unsigned)VIGIL_CLEAN_KEEP_BOILERPLATE; /* the CLI default */
    vigil_doc *doc = vigil_doc_new(&s, flags | ((b & 8) ? VIGIL_CLEAN_KEEP_BOILERPLATE : 0));
    VG_FUZZ_CHECK(doc != NULL);
    vigil_coder *c = vigil_coder_new(d, cf);
    VG_FUZZ_CHECK(c != NULL);
    vigil_status st = vigil_coder_code(c, doc);
    VG_FUZZ_CHECK(st == VIGIL_OK || st == VIGIL_ERR_LIMIT);
    vg_fuzz_check_events(c, (cf & VIGIL_CODE_EXPLAIN) != 0);
    /* A second doc on the same coder: state from the first must not leak
     * into it (events of the last call only). */
    st = vigil_coder_code(c, doc);
    VG_FUZZ_CHECK(st == VIGIL_OK || st == VIGIL_ERR_LIMIT);
    vg_fuzz_check_events(c, 0);
    vigil_coder_free(c);
    vigil_doc_free(doc);
    free(body);
    return 0;
}

/* Uses a dictionary that loaded, as the coder would: every count, an
 * explanation, and a small fixed story coded with explanations. */
static inline void vg_fuzz_use_dict(vigil_dict *d)
{
    static const char *const kinds[] = {"actors",  "agents",   "verbs",     "discards",
                                        "synsets", "patterns", "verbforms", "families",
                                        "words",   "warnings", "root:19"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) (void)vigil_dict_count(d, kinds[i]);

    static const char story_text[] =
        "Gondor attacked Mordor on Monday, the foreign minister said.\n\n"
        "The president of Arnor will visit Rohan and sign a peace treaty with its leaders.";
    char *ex = vigil_dict_explain(d, "foreign minister", "2024-09-09");
    vigil_free(ex);
    vigil_story s;
    memset(&s, 0, sizeof s);
    s.id = "fuzz";
    s.date = "2024-09-09";
    s.source = s.url = "";
    s.body = story_text;
    s.body_len = sizeof story_text - 1;
    vigil_doc *doc = vigil_doc_new(&s, 0);
    vigil_coder *c = vigil_coder_new(d, VIGIL_CODE_EXPLAIN | VIGIL_CODE_NEGATED);
    VG_FUZZ_CHECK(c != NULL);
    vigil_status st = vigil_coder_code(c, doc);
    VG_FUZZ_CHECK(st == VIGIL_OK || st == VIGIL_ERR_LIMIT);
    vg_fuzz_check_events(c, 1);
    vigil_coder_free(c);
    vigil_doc_free(doc);
}

/* A dictionary loader: the input written to a temporary file and loaded
 * as one kind, in vigil's format or PETRARCH's. Whatever loads is then
 * used: counted, explained and run over a small fixed story, since the
 * loaders' job is to leave a structure the coder can trust. */
static inline int vg_fuzz_dict(const char *kind, int petrarch, const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0]) {
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(path, sizeof path, "%s/vigil-fuzz-%ld.dict", dir, (long)getpid());
    }
    FILE *f = fopen(path, "wb");
    VG_FUZZ_CHECK(f != NULL);
    VG_FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    VG_FUZZ_CHECK(fclose(f) == 0);

    size_t ndiag = 0;
    vigil_dict *d = vigil_dict_new();
    vigil_dict_set_diag(d, vg_fuzz_diag, &ndiag);
    vigil_status st = vigil_dict_load_file(d, path, kind, petrarch);
    unlink(path);
    VG_FUZZ_CHECK(st == VIGIL_OK || st == VIGIL_ERR_SYNTAX || st == VIGIL_ERR_LIMIT ||
                  st == VIGIL_ERR_DICT);
    (void)strlen(vigil_dict_errmsg(d));
    vigil_dict_finish(d);
    vg_fuzz_use_dict(d);
    vigil_dict_free(d);
    return 0;
}

/* A dictionary snapshot (snapshot.c) mapped from the input. Half the
 * inputs (by their hash) get a matching size and checksum first, so the
 * mutations reach the structural checks instead of stopping at the
 * checksum; whatever loads is used like a loaded text dictionary. */
static inline int vg_fuzz_snapshot(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0]) {
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(path, sizeof path, "%s/vigil-fuzz-%ld.vgd", dir, (long)getpid());
    }
    unsigned char *img = malloc(size + 1);
    VG_FUZZ_CHECK(img != NULL);
    if (size) memcpy(img, data, size);
    if (vg_fuzz_hash(data, size) & 1) vg_snapshot_seal(img, size);
    FILE *f = fopen(path, "wb");
    VG_FUZZ_CHECK(f != NULL);
    VG_FUZZ_CHECK(fwrite(img, 1, size, f) == size);
    VG_FUZZ_CHECK(fclose(f) == 0);
    free(img);
    vigil_dict *d = vigil_dict_new();
    vigil_status st = vigil_dict_load(d, path);
    unlink(path);
    /* Not a snapshot at all: the text loaders say they cannot tell the kind. */
    VG_FUZZ_CHECK(st == VIGIL_OK || st == VIGIL_ERR_DICT || st == VIGIL_ERR_ARG);
    VG_FUZZ_CHECK(st == VIGIL_OK || vigil_dict_errmsg(d)[0] != '\0');
    if (st == VIGIL_OK) vg_fuzz_use_dict(d);
    vigil_dict_free(d);
    return 0;
}

/* The validation reader: a PETRARCH-style validation file parsed from
 * memory, every part of it read back, and its records (the first 32) run
 * through the coder with the fixed dictionary. The dictionaries the file
 * names are never loaded: they are paths, and the fuzzer must not open
 * files of its own choosing. */
static inline int vg_fuzz_validate(const uint8_t *data, size_t size)
{
    vigil_validation *v = NULL;
    vigil_status st = vigil_validation_parse((const char *)data, size, "fuzz.xml", &v);
    (void)st;
    if (!v) return 0;
    VG_FUZZ_CHECK(vigil_validation_errmsg(v) != NULL);
    for (size_t i = 0; i < vigil_validation_warning_count(v); i++)
        VG_FUZZ_CHECK(vigil_validation_warning(v, i) != NULL);
    for (size_t i = 0; i < vigil_validation_config_count(v); i++) {
        const char *name, *value;
        VG_FUZZ_CHECK(vigil_validation_config(v, i, &name, &value) == VIGIL_OK);
        VG_FUZZ_CHECK(name && value);
    }
    for (size_t i = 0; i < vigil_validation_dict_count(v); i++) {
        const char *kind = NULL;
        VG_FUZZ_CHECK(vigil_validation_dict(v, i, &kind) != NULL && kind);
    }
    size_t n = vigil_validation_record_count(v);
    vigil_dict *d = n ? vg_fuzz_fixed_dict() : NULL;
    for (size_t i = 0; i < n && i < 32; i++) {
        const vigil_vrecord *r = vigil_validation_record(v, i);
        VG_FUZZ_CHECK(r && r->id && r->date && r->category && r->text && r->error);
        VG_FUZZ_CHECK(r->nexpected == 0 || r->expected);
        VG_FUZZ_CHECK(r->nconfig <= vigil_validation_config_count(v));
        size_t k = vigil_validation_find(v, r->id);
        VG_FUZZ_CHECK(k != (size_t)-1 && k < n);
        vigil_vresult res;
        memset(&res, 0, sizeof res);
        st = vigil_validation_run(v, i, d, 0, &res);
        if (st == VIGIL_OK) {
            VG_FUZZ_CHECK(res.ngot == 0 || res.got);
            for (size_t j = 0; j < res.ngot; j++)
                VG_FUZZ_CHECK(memchr(res.got[j].source, 0, sizeof res.got[j].source) &&
                              memchr(res.got[j].code, 0, sizeof res.got[j].code));
            (void)vigil_vevents_equal(r->expected, r->nexpected, res.got, res.ngot);
        }
    }
    VG_FUZZ_CHECK(vigil_validation_record(v, n) == NULL);
    vigil_validation_free(v);
    return 0;
}

/* The server's helpers (src/httpq.c): the input is read as a query
 * string, "name=value&name=value", each pair given to vigil_filter_param,
 * and as a static file path given to vigil_http_path. Invariants: a set
 * field points at its value, an error message is a terminated string
 * within its buffer, and an accepted path has only allowlisted bytes, no
 * leading slash, no dot-led or empty segment. */
static inline int vg_fuzz_http(const uint8_t *data, size_t size)
{
    char *q = malloc(size + 1);
    VG_FUZZ_CHECK(q != NULL);
    memcpy(q, data, size);
    q[size] = '\0';
    vigil_filter f;
    memset(&f, 0, sizeof f);
    char err[64];
    for (char *pair = q; pair && *pair;) {
        char *amp = strchr(pair, '&');
        if (amp) *amp = '\0';
        char *eq = strchr(pair, '=');
        const char *value = eq ? eq + 1 : "";
        if (eq) *eq = '\0';
        memset(err, 'x', sizeof err);
        vigil_status st = vigil_filter_param(&f, pair, value, err, (size & 1) ? sizeof err : 0);
        VG_FUZZ_CHECK(st == VIGIL_OK || st == VIGIL_DONE || st == VIGIL_ERR_ARG);
        if (st == VIGIL_ERR_ARG && (size & 1)) VG_FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL);
        if (st == VIGIL_OK)
            VG_FUZZ_CHECK(f.from == value || f.to == value || f.actor == value ||
                          f.source == value || f.target == value || f.code == value ||
                          f.root == value || f.story == value || strcmp(pair, "both") == 0 ||
                          strcmp(pair, "quad") == 0 || strcmp(pair, "window") == 0);
        VG_FUZZ_CHECK(f.quad >= 0 && f.quad <= 4 && f.window_days <= 3650);
        pair = amp ? amp + 1 : NULL;
    }
    /* q was cut at '&' and '=' above: the path check gets the input whole
     * (up to a NUL byte, as a C string ends there). */
    size_t caps[2] = {16, 300};
    memcpy(q, data, size);
    q[size] = '\0';
    for (int k = 0; k < 2; k++) {
        char out[300];
        vigil_status st = vigil_http_path(q, out, caps[k]);
        if (st != VIGIL_OK) {
            VG_FUZZ_CHECK(out[0] == '\0');
            continue;
        }
        size_t n = strlen(out);
        VG_FUZZ_CHECK(n > 0 && n < caps[k] && out[0] != '/' && out[0] != '.' && out[n - 1] != '/');
        for (size_t i = 0; i < n; i++) {
            char c = out[i];
            VG_FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/');
            if (c == '/') VG_FUZZ_CHECK(out[i + 1] != '/' && out[i + 1] != '.');
        }
    }
    free(q);
    return 0;
}

/* The direct JSON-lines reader (src/jsonl.c) on every line of the input:
 * when it takes a line, cJSON must read the line as an object whose first
 * id, text, html, date, source and url members are absent, null or the
 * same strings. */
static inline int vg_fuzz_jsonl(const uint8_t *data, size_t size)
{
    static const char *const keys[VG_JK_COUNT] = {"id", "text", "html", "date", "source", "url"};
    vg_buf scratch, scratch8;
    vg_buf_init(&scratch, SIZE_MAX);
    vg_buf_init(&scratch8, SIZE_MAX);
    const char *p = (const char *)data, *end = p + size;
    while (p <= end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        vg_jfield f[VG_JK_COUNT], g[VG_JK_COUNT];
        int took = vg_jsonl_scan(p, n, f, &scratch);
        /* The one-pass reader with its UTF-8 check takes the valid lines
         * of those, with the same fields. */
        int took8 = vg_jsonl_scan_utf8(p, n, g, &scratch8);
        VG_FUZZ_CHECK(took8 == (took && vg_utf8_valid(p, n)));
        for (int k = 0; took8 && k < VG_JK_COUNT; k++)
            VG_FUZZ_CHECK(g[k].kind == f[k].kind && g[k].n == f[k].n &&
                          (!g[k].n || memcmp(g[k].s, f[k].s, g[k].n) == 0));
        if (took) {
            const char *stop = NULL;
            cJSON *root = cJSON_ParseWithLengthOpts(p, n, &stop, 0);
            VG_FUZZ_CHECK(root && stop == p + n && cJSON_IsObject(root));
            for (int k = 0; k < VG_JK_COUNT; k++) {
                const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, keys[k]);
                if (!it) {
                    VG_FUZZ_CHECK(f[k].kind == VG_JV_ABSENT);
                } else if (cJSON_IsNull(it)) {
                    VG_FUZZ_CHECK(f[k].kind == VG_JV_NULL);
                } else {
                    VG_FUZZ_CHECK(cJSON_IsString(it) && it->valuestring &&
                                  f[k].kind == VG_JV_STRING);
                    VG_FUZZ_CHECK(f[k].n == strlen(it->valuestring) &&
                                  memcmp(f[k].s, it->valuestring, f[k].n) == 0);
                }
            }
            cJSON_Delete(root);
        }
        if (!nl) break;
        p = nl + 1;
    }
    vg_buf_free(&scratch);
    vg_buf_free(&scratch8);
    return 0;
}

/* The front half's faster routines against their simple versions: the
 * input is tokenized whole and in a sub-range chosen by its first bytes
 * (after a lower-case word token, as a previous sentence may leave), its
 * repeats are collapsed and the phrases of two lists counted; tokens, text
 * and counts must be the same from both. */
static inline int vg_fuzz_front(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    uint32_t n = (uint32_t)size;
    uint32_t a = size >= 2 ? data[0] % (n + 1) : 0;
    uint32_t b = size >= 2 ? a + data[1] % (n - a + 1) : n;
    uint32_t from[2] = {0, a}, to[2] = {n, b};
    for (int k = 0; k < 2; k++) {
        vg_token *v1 = NULL, *v2 = NULL;
        size_t n1 = 0, n2 = 0, c1 = 0, c2 = 0;
        vg_token prev = {0, 1, VG_TOK_WORD, 0};
        if (k) {
            VG_PUSH(v1, n1, c1, prev);
            VG_PUSH(v2, n2, c2, prev);
        }
        /* The sub-range read ahead to the input's end, as doc.c does. */
        size_t g1 = vg_tokenize_in(text, n, from[k], to[k], &v1, &n1, &c1);
        size_t g2 = ref_tokenize(text, from[k], to[k], &v2, &n2, &c2);
        VG_FUZZ_CHECK(g1 == g2 && n1 == n2);
        for (size_t i = 0; i < n1; i++)
            VG_FUZZ_CHECK(v1[i].start == v2[i].start && v1[i].end == v2[i].end &&
                          v1[i].kind == v2[i].kind && v1[i].flags == v2[i].flags);
        vg_free(v1);
        vg_free(v2);
    }
    vg_buf o1, o2;
    vg_buf_init(&o1, 1u << 22);
    vg_buf_init(&o2, 1u << 22);
    vg_collapse_repeats(text, size, &o1);
    ref_collapse_repeats(text, size, &o2);
    VG_FUZZ_CHECK(o1.len == o2.len && memcmp(o1.ptr, o2.ptr, o1.len) == 0);
    vg_buf_free(&o1);
    vg_buf_free(&o2);

    /* The boilerplate rules' phrase count (one walk over the text) against
     * a search per phrase: a fixed list, and one of pieces of the input
     * itself (cut at a NUL, some with a '*'), so phrases that occur are
     * common. */
    static const char *const fixed[] = {
        "support us", "donat*", "sign up", "read more:", "/ap",        "reuters/", "a",
        "*",          "",       "e-mail",  "don't",      "on twitter", NULL};
    char pieces[8][24];
    const char *list[9];
    size_t np = 0;
    for (size_t k = 0; k < 8 && size > 4; k++) {
        size_t at = (data[k % size] * 131u + k * 17u) % size;
        size_t len = 1 + data[(k + 1) % size] % 12;
        size_t m = 0;
        while (m < len && at + m < size && data[at + m]) pieces[np][m] = (char)data[at + m], m++;
        if (data[(k + 2) % size] % 4 == 0) pieces[np][m++] = '*';
        pieces[np][m] = '\0';
        list[np] = pieces[np];
        np++;
    }
    list[np] = NULL;
    VG_FUZZ_CHECK(vg_count_phrases(text, size, fixed) == refp_count_phrases(text, size, fixed));
    VG_FUZZ_CHECK(vg_count_phrases(text, size, list) == refp_count_phrases(text, size, list));
    return 0;
}

/* Every target by name: the fuzz binaries are one source compiled with
 * -DVG_FUZZ_TARGET="name", and the replay test runs the files of
 * tests/fuzz-regress/<name>/ through the same call. Returns -1 for a name
 * that is not a target. */
static const char *const vg_fuzz_targets[] = {"read_text",      "read_jsonl",    "read_xml",
                                              "read_html",      "read_auto",     "doc",
                                              "coder",          "dict_actors",   "dict_agents",
                                              "dict_verbs",     "dict_discards", "dict_synsets",
                                              "pdict_actors",   "pdict_agents",  "pdict_verbs",
                                              "pdict_discards", "validate",      "snapshot",
                                              "http",           "jsonl",         "front"};

static inline int vg_fuzz_run(const char *target, const uint8_t *data, size_t size)
{
    if (strcmp(target, "read_text") == 0) return vg_fuzz_reader(VIGIL_FORMAT_TEXT, data, size);
    if (strcmp(target, "read_jsonl") == 0) return vg_fuzz_reader(VIGIL_FORMAT_JSONL, data, size);
    if (strcmp(target, "read_xml") == 0) return vg_fuzz_reader(VIGIL_FORMAT_XML, data, size);
    if (strcmp(target, "read_html") == 0) return vg_fuzz_reader(VIGIL_FORMAT_HTML, data, size);
    if (strcmp(target, "read_auto") == 0) return vg_fuzz_reader(VIGIL_FORMAT_AUTO, data, size);
    if (strcmp(target, "doc") == 0) return vg_fuzz_doc(data, size);
    if (strcmp(target, "coder") == 0) return vg_fuzz_coder(data, size);
    if (strcmp(target, "validate") == 0) return vg_fuzz_validate(data, size);
    if (strcmp(target, "snapshot") == 0) return vg_fuzz_snapshot(data, size);
    if (strcmp(target, "http") == 0) return vg_fuzz_http(data, size);
    if (strcmp(target, "jsonl") == 0) return vg_fuzz_jsonl(data, size);
    if (strcmp(target, "front") == 0) return vg_fuzz_front(data, size);
    if (strncmp(target, "dict_", 5) == 0) return vg_fuzz_dict(target + 5, 0, data, size);
    if (strncmp(target, "pdict_", 6) == 0) return vg_fuzz_dict(target + 6, 1, data, size);
    return -1;
}

#endif
