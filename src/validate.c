/*
 * validate.c — PETRARCH-style validation files: reading them, running their
 * records through the coder and comparing the events (issue 4; see
 * docs/validate.md).
 *
 * A validation file is XML: an <Environment> naming the dictionary files,
 * <Config option= value=> elements that change coder options from where
 * they stand on, and <Sentence> records, each with the events a correct
 * coder gives (<EventCoding sourcecode= targetcode= eventcode=>, or
 * noevents="True", or error="..." for records that must code nothing), the
 * <Text> and a <Parse> tree. vigil reads the text only: it needs no
 * external parser.
 *
 * The file is parsed with libxml2 into a flat structure (records, their
 * expected events in one array, configs, dictionary names) and the tree is
 * dropped at once. A run codes one record as a story of its own with a
 * coder the validation keeps, made for the options in effect at that
 * record, and compares the two lists of events as multisets.
 *
 * This file also holds an interim vigil_coder_set_option: a small table of
 * option values keyed by coder, until the coder keeps its options itself
 * (see the note before vigil_coder_set_option).
 */
#include "alloc.h"
#include "xmlsafe.h"
#include "options.h"
#include "buf.h"
#include "limits.h"
#include "utf8.h"
#include "vigil.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

static int is_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static int is_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9';
}

static unsigned char to_lower(unsigned char ch)
{
    return (unsigned char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
}

static unsigned char to_upper(unsigned char ch)
{
    return (unsigned char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
}

/* ASCII case-insensitive equality. */
static int same_nocase(const char *a, const char *b)
{
    while (*a && *b) {
        if (to_lower((unsigned char)*a) != to_lower((unsigned char)*b)) return 0;
        a++;
        b++;
    }
    return *a == *b;
}

/* Copies s without the white space at either end into out (cap bytes,
 * cut to fit). */
static void copy_trimmed(char *out, size_t cap, const char *s)
{
    while (*s && is_space((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n > 0 && is_space((unsigned char)s[n - 1])) n--;
    if (n >= cap) n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

/* ------------------------------------------------------------ the data */

typedef struct vconfig {
    char *name;
    char *value;
} vconfig;

typedef struct vdictfile {
    char *file;
    const char *kind;
} vdictfile;

struct vigil_validation {
    char *name; /* as given, for messages */
    char *dir;  /* the folder of the file, where dictionary names resolve */
    char errmsg[512];

    vigil_vrecord *recs;
    size_t nrecs, caprecs;
    size_t *first_ev; /* per record: its first expected event in evs */
    size_t capfirst;
    vigil_vevent *evs;
    size_t nevs, capevs;
    vconfig *cfg;
    size_t ncfg, capcfg;
    vdictfile *dicts;
    size_t ndicts, capdicts;
    char **warn;
    size_t nwarn, capwarn;
    char **own; /* every string the records point to, freed with v */
    size_t nown, capown;

    /* Running. The coder is remade when the flags change; options are set
     * again whenever the record's config count differs from the one last
     * applied. */
    vigil_coder *coder;
    vigil_dict *coder_dict;
    unsigned coder_flags;
    size_t applied; /* configs applied to the coder; SIZE_MAX: none yet */
    vigil_vevent *got;
    size_t ngot, capgot;
};

static const char *keep(vigil_validation *v, char *s)
{
    VG_PUSH(v->own, v->nown, v->capown, s);
    return s;
}

/* Keeps a warning "name:line: what" (line 0: no line). */
static void warn(vigil_validation *v, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warn(vigil_validation *v, long line, const char *fmt, ...)
{
    char what[VG_MAX_FIELD_BYTES];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    vg_buf b;
    vg_buf_init(&b, 2 * VG_MAX_FIELD_BYTES);
    if (line > 0)
        vg_buf_printf(&b, "%s:%ld: %s", v->name, line, what);
    else
        vg_buf_printf(&b, "%s: %s", v->name, what);
    char *s = vg_buf_take(&b);
    VG_PUSH(v->warn, v->nwarn, v->capwarn, s);
}

/* --------------------------------------------------------- XML reading */

/* An attribute's value trimmed, as a new string (caller frees), or NULL
 * when the element lacks it. */
static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *a = xmlGetProp(n, (const xmlChar *)name);
    if (!a) return NULL;
    size_t len = strlen((const char *)a);
    char *s = vg_malloc(len + 1);
    copy_trimmed(s, len + 1, (const char *)a);
    xmlFree(a);
    return s;
}

/* 1 when an attribute is present and says "false" (any case). */
static int attr_false(const xmlNode *n, const char *name)
{
    char *a = attr(n, name);
    int f = a && same_nocase(a, "false");
    vg_free(a);
    return f;
}

/* Appends the character data under `top` (comments left out, as are
 * entity references: none is ever substituted), with runs of white space
 * made one space and none at either end. The walk is iterative so deep
 * nesting cannot exhaust the stack. */
static void collect_text(const xmlNode *top, vg_buf *out)
{
    const xmlNode *n = top->children;
    while (n) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            for (const unsigned char *p = n->content; *p; p++) {
                if (is_space(*p)) {
                    if (out->len > 0 && out->ptr[out->len - 1] != ' ') vg_buf_putc(out, ' ');
                } else {
                    vg_buf_putc(out, *p);
                }
            }
        } else if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (n == top) n = NULL;
        }
        if (n) n = n->next;
    }
    if (out->len > 0 && out->ptr[out->len - 1] == ' ') out->ptr[--out->len] = '\0';
}

/* "19950101" -> "1995-01-01"; anything else (a month or day out of
 * range included) -> "". */
static char *iso_date(const char *d)
{
    char *s = vg_malloc(11);
    s[0] = '\0';
    if (!d || strlen(d) != 8) return s;
    for (int i = 0; i < 8; i++)
        if (!is_digit((unsigned char)d[i])) return s;
    int month = (d[4] - '0') * 10 + (d[5] - '0'), day = (d[6] - '0') * 10 + (d[7] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31) return s;
    memcpy(s, d, 4);
    s[4] = '-';
    memcpy(s + 5, d + 4, 2);
    s[7] = '-';
    memcpy(s + 8, d + 6, 2);
    s[10] = '\0';
    return s;
}

static const char *known_options[] = {"require_dyad", "new_actor_length", "comma_min",
                                      "comma_max",    "comma_bmin",       "comma_bmax",
                                      "comma_emin",   "comma_emax",       "stop_on_error"};
#define NOPTIONS (sizeof known_options / sizeof known_options[0])

/* Checks an option and writes its normal form ("true"/"false", or a
 * decimal number) into out. Returns the option's index or -1. */
int vg_option_normalise(const char *name, const char *value, char *out, size_t cap)
{
    int k = -1;
    for (size_t i = 0; i < NOPTIONS; i++)
        if (name && same_nocase(name, known_options[i])) k = (int)i;
    if (k < 0 || !value) return -1;
    char v[32];
    copy_trimmed(v, sizeof v, value);
    int boolean = k == 0 || k == 8;
    if (boolean) {
        if (same_nocase(v, "true") || strcmp(v, "1") == 0 || same_nocase(v, "yes"))
            snprintf(out, cap, "true");
        else if (same_nocase(v, "false") || strcmp(v, "0") == 0 || same_nocase(v, "no"))
            snprintf(out, cap, "false");
        else
            return -1;
        return k;
    }
    /* A count of words: up to six digits. */
    size_t n = strlen(v);
    if (n == 0 || n > 6) return -1;
    unsigned long x = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit((unsigned char)v[i])) return -1;
        x = x * 10 + (unsigned long)(v[i] - '0');
    }
    snprintf(out, cap, "%lu", x);
    return k;
}

static void add_config(vigil_validation *v, const xmlNode *n)
{
    char *name = attr(n, "option");
    char *value = attr(n, "value");
    char norm[32];
    long line = xmlGetLineNo(n);
    if (!name || !value) {
        warn(v, line, "<Config> without option= and value=, ignored");
        vg_free(name);
        vg_free(value);
        return;
    }
    if (vg_option_normalise(name, value, norm, sizeof norm) < 0)
        warn(v, line, "unknown option or value '%s' in <Config> (kept; the coder may reject it)",
             name);
    vconfig c = {name, value};
    VG_PUSH(v->cfg, v->ncfg, v->capcfg, c);
}

/* <Verbfile> and friends: a file name, or several separated by commas. */
static void add_dicts(vigil_validation *v, const xmlNode *n, const char *kind)
{
    vg_buf b;
    vg_buf_init(&b, VG_MAX_FIELD_BYTES);
    collect_text(n, &b);
    const char *p = b.ptr ? b.ptr : "";
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char *f = vg_strndup(p, len);
        char *t = vg_malloc(len + 1);
        copy_trimmed(t, len + 1, f);
        vg_free(f);
        if (*t) {
            vdictfile d = {t, kind};
            VG_PUSH(v->dicts, v->ndicts, v->capdicts, d);
        } else {
            vg_free(t);
        }
        p = e ? e + 1 : p + len;
    }
    vg_buf_free(&b);
}

static void add_coding(vigil_validation *v, vigil_vrecord *r, const xmlNode *n)
{
    char *noev = attr(n, "noevents");
    char *err = attr(n, "error");
    if (noev) {
        if (same_nocase(noev, "true")) r->noevents = 1;
        vg_free(noev);
        vg_free(err);
        return;
    }
    if (err) {
        r->error = keep(v, err);
        return;
    }
    char *s = attr(n, "sourcecode"), *t = attr(n, "targetcode"), *c = attr(n, "eventcode");
    if (!s || !t || !c)
        warn(v, xmlGetLineNo(n), "<EventCoding> of record '%s' lacks a code; '---' assumed", r->id);
    vigil_vevent ev;
    memset(&ev, 0, sizeof ev);
    copy_trimmed(ev.source, sizeof ev.source, s && *s ? s : "---");
    copy_trimmed(ev.target, sizeof ev.target, t && *t ? t : "---");
    copy_trimmed(ev.code, sizeof ev.code, c && *c ? c : "---");
    VG_PUSH(v->evs, v->nevs, v->capevs, ev);
    r->nexpected++;
    vg_free(s);
    vg_free(t);
    vg_free(c);
}

static void add_record(vigil_validation *v, const xmlNode *n)
{
    vigil_vrecord r;
    memset(&r, 0, sizeof r);
    char *id = attr(n, "id");
    r.id = keep(v, id ? id : vg_strdup(""));
    char *d = attr(n, "date");
    r.date = keep(v, iso_date(d));
    vg_free(d);
    char *cat = attr(n, "category");
    r.category = keep(v, cat ? cat : vg_strdup(""));
    r.error = "";
    long line = xmlGetLineNo(n);
    r.line = line > 0 ? (unsigned)line : 0;
    r.skip = attr_false(n, "sentence") || attr_false(n, "valid");
    r.nconfig = v->ncfg;
    size_t first = v->nevs;
    int has_text = 0;
    vg_buf text;
    vg_buf_init(&text, VG_MAX_STORY_BYTES);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (vg_xml_is_elem(c, "EventCoding")) {
            add_coding(v, &r, c);
        } else if (vg_xml_is_elem(c, "Text")) {
            if (has_text) vg_buf_putc(&text, ' ');
            collect_text(c, &text);
            has_text = 1;
        }
    }
    r.text = keep(v, text.ptr ? vg_buf_take(&text) : vg_strdup(""));
    vg_buf_free(&text);
    if (!*r.id) warn(v, line, "a <Sentence> without id=");
    if (!has_text && !r.skip) warn(v, line, "record '%s' has no <Text>", r.id);
    /* Records that must code nothing keep no expected events, whatever
     * else they list. */
    if ((r.noevents || *r.error) && r.nexpected) {
        warn(v, line, "record '%s' expects no events but lists some; they are ignored", r.id);
        v->nevs = first;
        r.nexpected = 0;
    }
    if (*r.id && vigil_validation_find(v, r.id) != (size_t)-1)
        warn(v, line, "record id '%s' is used twice", r.id);
    vg_grow((void **)&v->first_ev, &v->capfirst, v->nrecs + 1, sizeof *v->first_ev);
    v->first_ev[v->nrecs] = first;
    VG_PUSH(v->recs, v->nrecs, v->caprecs, r);
}

/* Walks the tree in document order without recursion. Records are taken
 * whole (nothing inside them is a record or a config); everything else is
 * entered, so <Config> inside <Environment> and between records is seen
 * where it stands. */
static void walk(vigil_validation *v, xmlNode *root)
{
    static const struct {
        const char *elem, *kind;
    } files[] = {{"Verbfile", "verbs"},
                 {"Actorfile", "actors"},
                 {"Agentfile", "agents"},
                 {"Discardfile", "discards"}};
    xmlNode *n = root;
    while (n) {
        int enter = 0;
        if (vg_xml_is_elem(n, "Sentence")) {
            add_record(v, n);
        } else if (vg_xml_is_elem(n, "Config")) {
            add_config(v, n);
        } else if (n->type == XML_ELEMENT_NODE) {
            int file = 0;
            for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
                if (vg_xml_is_elem(n, files[i].elem)) {
                    add_dicts(v, n, files[i].kind);
                    file = 1;
                }
            enter = !file && n->children;
        }
        if (enter) {
            n = n->children;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (n && n->type != XML_ELEMENT_NODE) n = NULL;
        }
        if (n) n = n->next;
    }
}

/* The folder part of a path ("." when there is none). */
static char *dir_of(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash) return vg_strdup(".");
    if (slash == path) return vg_strdup("/");
    return vg_strndup(path, (size_t)(slash - path));
}

vigil_status vigil_validation_parse(const char *data, size_t len, const char *name,
                                    vigil_validation **out)
{
    if (!out) return VIGIL_ERR_ARG;
    *out = NULL;
    if (!data && len) return VIGIL_ERR_ARG;
    vigil_validation *v = vg_calloc(1, sizeof *v);
    v->name = vg_strdup(name && *name ? name : "validation");
    v->dir = dir_of(name);
    v->applied = SIZE_MAX;
    *out = v;
    if (len > VG_MAX_VALIDATION_BYTES) {
        snprintf(v->errmsg, sizeof v->errmsg, "%s: larger than VG_MAX_VALIDATION_BYTES (%u bytes)",
                 v->name, (unsigned)VG_MAX_VALIDATION_BYTES);
        return VIGIL_ERR_LIMIT;
    }
    /* libxml2 rejects invalid UTF-8; a repaired copy keeps every record
     * that can be read. */
    vg_buf fixed;
    vg_buf_init(&fixed, SIZE_MAX);
    if (len && !vg_utf8_valid(data, len)) {
        unsigned repairs = vg_utf8_repair(data, len, &fixed);
        warn(v, 0, "invalid UTF-8 repaired (%u sequences)", repairs);
        data = fixed.ptr;
        len = fixed.len;
    }
    vg_xml_errors errs;
    xmlDocPtr doc = vg_xml_parse(data, len, v->name, &errs);
    vigil_status st = VIGIL_OK;
    if (doc) walk(v, xmlDocGetRootElement(doc));
    if (errs.count) {
        snprintf(v->errmsg, sizeof v->errmsg, "%s:%d: XML error: %s", v->name, errs.line,
                 errs.first);
        st = VIGIL_ERR_SYNTAX;
    } else if (!doc) {
        snprintf(v->errmsg, sizeof v->errmsg, "%s: not an XML document", v->name);
        st = VIGIL_ERR_SYNTAX;
    }
    if (doc) xmlFreeDoc(doc);
    vg_buf_free(&fixed);
    /* The records point into evs only now that it has stopped moving. */
    for (size_t i = 0; i < v->nrecs; i++)
        v->recs[i].expected = v->recs[i].nexpected ? v->evs + v->first_ev[i] : NULL;
    return st;
}

vigil_status vigil_validation_load(const char *path, vigil_validation **out)
{
    if (!out) return VIGIL_ERR_ARG;
    *out = NULL;
    if (!path) return VIGIL_ERR_ARG;
    vg_buf b;
    vg_buf_init(&b, VG_MAX_VALIDATION_BYTES);
    vigil_status st = VIGIL_OK;
    FILE *f = fopen(path, "rb");
    if (!f) {
        st = VIGIL_ERR_IO;
    } else {
        char chunk[65536];
        size_t n;
        while (st == VIGIL_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            if (vg_buf_put(&b, chunk, n) != 0) st = VIGIL_ERR_LIMIT;
        if (ferror(f)) st = VIGIL_ERR_IO;
        fclose(f);
    }
    if (st == VIGIL_OK) {
        st = vigil_validation_parse(b.ptr ? b.ptr : "", b.len, path, out);
    } else {
        /* A handle still comes back, so the caller can show why. */
        vigil_validation *v = vg_calloc(1, sizeof *v);
        v->name = vg_strdup(path);
        v->dir = dir_of(path);
        v->applied = SIZE_MAX;
        if (st == VIGIL_ERR_LIMIT)
            snprintf(v->errmsg, sizeof v->errmsg,
                     "%s: larger than VG_MAX_VALIDATION_BYTES (%u bytes)", path,
                     (unsigned)VG_MAX_VALIDATION_BYTES);
        else
            snprintf(v->errmsg, sizeof v->errmsg, "%s: cannot be read", path);
        *out = v;
    }
    vg_buf_free(&b);
    return st;
}

const char *vigil_validation_errmsg(const vigil_validation *v)
{
    return v ? v->errmsg : "";
}

void vigil_validation_free(vigil_validation *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->nown; i++) vg_free(v->own[i]);
    for (size_t i = 0; i < v->ncfg; i++) {
        vg_free(v->cfg[i].name);
        vg_free(v->cfg[i].value);
    }
    for (size_t i = 0; i < v->ndicts; i++) vg_free(v->dicts[i].file);
    for (size_t i = 0; i < v->nwarn; i++) vg_free(v->warn[i]);
    vigil_coder_free(v->coder);
    vg_free(v->own);
    vg_free(v->cfg);
    vg_free(v->dicts);
    vg_free(v->warn);
    vg_free(v->recs);
    vg_free(v->first_ev);
    vg_free(v->evs);
    vg_free(v->got);
    vg_free(v->name);
    vg_free(v->dir);
    vg_free(v);
}

size_t vigil_validation_record_count(const vigil_validation *v)
{
    return v ? v->nrecs : 0;
}

const vigil_vrecord *vigil_validation_record(const vigil_validation *v, size_t i)
{
    return v && i < v->nrecs ? &v->recs[i] : NULL;
}

size_t vigil_validation_find(const vigil_validation *v, const char *id)
{
    if (!v || !id) return (size_t)-1;
    for (size_t i = 0; i < v->nrecs; i++)
        if (strcmp(v->recs[i].id, id) == 0) return i;
    return (size_t)-1;
}

size_t vigil_validation_config_count(const vigil_validation *v)
{
    return v ? v->ncfg : 0;
}

vigil_status vigil_validation_config(const vigil_validation *v, size_t i, const char **name,
                                     const char **value)
{
    if (!v || i >= v->ncfg) return VIGIL_ERR_ARG;
    if (name) *name = v->cfg[i].name;
    if (value) *value = v->cfg[i].value;
    return VIGIL_OK;
}

size_t vigil_validation_dict_count(const vigil_validation *v)
{
    return v ? v->ndicts : 0;
}

const char *vigil_validation_dict(const vigil_validation *v, size_t i, const char **kind)
{
    if (!v || i >= v->ndicts) return NULL;
    if (kind) *kind = v->dicts[i].kind;
    return v->dicts[i].file;
}

size_t vigil_validation_warning_count(const vigil_validation *v)
{
    return v ? v->nwarn : 0;
}

const char *vigil_validation_warning(const vigil_validation *v, size_t i)
{
    return v && i < v->nwarn ? v->warn[i] : NULL;
}

vigil_status vigil_validation_load_dicts(vigil_validation *v, vigil_dict *d, const char *dir)
{
    if (!v || !d) return VIGIL_ERR_ARG;
    if (v->ndicts == 0) {
        snprintf(v->errmsg, sizeof v->errmsg, "%s: <Environment> names no dictionary file",
                 v->name);
        return VIGIL_ERR_DICT;
    }
    const char *base = dir && *dir ? dir : v->dir;
    for (size_t i = 0; i < v->ndicts; i++) {
        vg_buf path;
        vg_buf_init(&path, SIZE_MAX);
        if (v->dicts[i].file[0] != '/') {
            vg_buf_puts(&path, base);
            if (path.len && path.ptr[path.len - 1] != '/') vg_buf_putc(&path, '/');
        }
        vg_buf_puts(&path, v->dicts[i].file);
        vigil_status st = vigil_dict_load_file(d, path.ptr, v->dicts[i].kind, 1);
        if (st != VIGIL_OK) {
            const char *m = vigil_dict_errmsg(d);
            snprintf(v->errmsg, sizeof v->errmsg, "%s (%s file): %s", path.ptr, v->dicts[i].kind,
                     m && *m ? m : vigil_strerror(st));
            vg_buf_free(&path);
            return st;
        }
        vg_buf_free(&path);
    }
    return VIGIL_OK;
}

/* ----------------------------------------------------------- comparing */

/* The comparable form of an event: actor codes in capitals with "" made
 * "---"; the event code as written. */
static void canonical(const vigil_vevent *in, vigil_vevent *out)
{
    memset(out, 0, sizeof *out);
    const char *s = in->source[0] ? in->source : "---";
    const char *t = in->target[0] ? in->target : "---";
    for (size_t i = 0; s[i] && i + 1 < sizeof out->source; i++)
        out->source[i] = (char)to_upper((unsigned char)s[i]);
    for (size_t i = 0; t[i] && i + 1 < sizeof out->target; i++)
        out->target[i] = (char)to_upper((unsigned char)t[i]);
    memcpy(out->code, in->code, sizeof out->code);
    out->code[sizeof out->code - 1] = '\0';
}

static int cmp_vevent(const void *pa, const void *pb)
{
    const vigil_vevent *a = pa, *b = pb;
    int c = strcmp(a->source, b->source);
    if (!c) c = strcmp(a->target, b->target);
    if (!c) c = strcmp(a->code, b->code);
    return c;
}

int vigil_vevents_equal(const vigil_vevent *a, size_t na, const vigil_vevent *b, size_t nb)
{
    if (na != nb) return 0;
    if (na == 0) return 1;
    if (!a || !b) return 0;
    /* Sorting canonical copies makes equal multisets equal sequences. */
    vigil_vevent *x = vg_malloc(na * sizeof *x), *y = vg_malloc(nb * sizeof *y);
    for (size_t i = 0; i < na; i++) canonical(&a[i], &x[i]);
    for (size_t i = 0; i < nb; i++) canonical(&b[i], &y[i]);
    qsort(x, na, sizeof *x, cmp_vevent);
    qsort(y, nb, sizeof *y, cmp_vevent);
    int same = 1;
    for (size_t i = 0; i < na && same; i++) same = cmp_vevent(&x[i], &y[i]) == 0;
    vg_free(x);
    vg_free(y);
    return same;
}

/* ------------------------------------------------------------- running */

/* PETRARCH's defaults, which the validation records were written for:
 * every run starts from them, then applies the record's configs. */
static const char *const option_defaults[][2] = {
    {"require_dyad", "true"}, {"new_actor_length", "0"}, {"comma_min", "2"},  {"comma_max", "8"},
    {"comma_bmin", "0"},      {"comma_bmax", "0"},       {"comma_emin", "2"}, {"comma_emax", "8"}};
#define NDEFAULTS (sizeof option_defaults / sizeof option_defaults[0])

/* Whether require_dyad is off at a record: the last config that sets it
 * wins. */
static int dyad_off_at(const vigil_validation *v, size_t nconfig)
{
    int off = 0;
    char norm[32];
    for (size_t i = 0; i < nconfig && i < v->ncfg; i++)
        if (vg_option_normalise(v->cfg[i].name, v->cfg[i].value, norm, sizeof norm) == 0)
            off = strcmp(norm, "false") == 0;
    return off;
}

vigil_status vigil_validation_run(vigil_validation *v, size_t i, vigil_dict *d, unsigned flags,
                                  vigil_vresult *out)
{
    if (!v || !d || !out || i >= v->nrecs) return VIGIL_ERR_ARG;
    memset(out, 0, sizeof *out);
    v->ngot = 0;
    const vigil_vrecord *r = &v->recs[i];
    if (r->skip) {
        out->outcome = VIGIL_V_SKIP;
        return VIGIL_OK;
    }
    unsigned want = flags & ~(unsigned)VIGIL_CODE_NO_DYAD;
    if (dyad_off_at(v, r->nconfig)) want |= VIGIL_CODE_NO_DYAD;
    if (!v->coder || v->coder_flags != want || v->coder_dict != d) {
        vigil_coder_free(v->coder);
        v->coder = vigil_coder_new(d, want);
        v->coder_flags = want;
        v->coder_dict = d;
        v->applied = SIZE_MAX;
        if (!v->coder) {
            snprintf(v->errmsg, sizeof v->errmsg, "%s: the coder could not be made", v->name);
            return VIGIL_ERR_DICT;
        }
    }
    if (v->applied != r->nconfig) {
        /* Options a coder rejects (unknown names) were warned about when
         * the file was read; they do not stop the run. */
        for (size_t k = 0; k < NDEFAULTS; k++)
            (void)vigil_coder_set_option(v->coder, option_defaults[k][0], option_defaults[k][1]);
        for (size_t k = 0; k < r->nconfig && k < v->ncfg; k++)
            (void)vigil_coder_set_option(v->coder, v->cfg[k].name, v->cfg[k].value);
        v->applied = r->nconfig;
    }

    vigil_story s;
    memset(&s, 0, sizeof s);
    s.id = r->id;
    s.date = r->date;
    s.source = "";
    s.url = "";
    s.body = r->text;
    s.body_len = strlen(r->text);
    s.line = r->line;
    /* A record is one sentence of news text with nothing around it: the
     * cleaner's page-level rules (short lines, appeals) have nothing to
     * remove and must not drop the sentence itself. */
    vigil_doc *doc = vigil_doc_new(&s, VIGIL_CLEAN_KEEP_BOILERPLATE);
    vigil_status st = doc ? vigil_coder_code(v->coder, doc) : VIGIL_ERR_ARG;
    if (st == VIGIL_OK) {
        size_t n = vigil_coder_event_count(v->coder);
        for (size_t k = 0; k < n; k++) {
            const vigil_event *e = vigil_coder_event(v->coder, k);
            if (!e || e->negated) continue;
            vigil_vevent g;
            memset(&g, 0, sizeof g);
            snprintf(g.source, sizeof g.source, "%s", e->source[0] ? e->source : "---");
            snprintf(g.target, sizeof g.target, "%s", e->target[0] ? e->target : "---");
            snprintf(g.code, sizeof g.code, "%s", e->code);
            VG_PUSH(v->got, v->ngot, v->capgot, g);
        }
    } else {
        snprintf(v->errmsg, sizeof v->errmsg, "%s: record '%s' could not be coded: %s", v->name,
                 r->id, vigil_strerror(st));
    }
    vigil_doc_free(doc);
    if (v->ngot > 1) qsort(v->got, v->ngot, sizeof *v->got, cmp_vevent);
    out->got = v->got;
    out->ngot = v->ngot;
    out->outcome = st == VIGIL_OK && vigil_vevents_equal(r->expected, r->nexpected, v->got, v->ngot)
                       ? VIGIL_V_PASS
                       : VIGIL_V_FAIL;
    return st;
}

const vigil_coder *vigil_validation_coder(const vigil_validation *v)
{
    return v ? v->coder : NULL;
}

/* The index of a coder option's name (case-insensitive), or -1. */
int vg_option_index(const char *name)
{
    for (size_t i = 0; i < NOPTIONS; i++)
        if (name && same_nocase(name, known_options[i])) return (int)i;
    return -1;
}
