/*
 * dictload.c — reads vigil's own dictionary format (docs/dictionaries.md):
 * *.actors, *.agents, *.synsets, *.verbs and *.discards files.
 *
 * Every format is line based: a line is read, its '#' comment cut off, and
 * then parsed by the reader of its kind. Names are split into words the way
 * the tokenizer splits text (vg_dict_phrase) and mapped into the phrase
 * table. Anything that cannot be read stops the file with "file:line: what"
 * (vg_dict_error); duplicates inside one file are warnings.
 *
 * The verb-pattern parser and the verb-form helper here are shared with the
 * PETRARCH reader (petrarch.c), which calls them with petrarch = 1.
 */
#include "dict.h"

#include "alloc.h"
#include "cameo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------- small helpers */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Trims [*s, *e) of blanks at both ends. */
static void trim(const char **s, const char **e)
{
    while (*s < *e && is_space(**s)) (*s)++;
    while (*e > *s && is_space((*e)[-1])) (*e)--;
}

static void lower_ascii(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z') *s = (char)(*s + 32);
}

/* Copies [s, e) into a NUL-terminated buffer of VG_MAX_DICT_LINE bytes. */
static void copy_span(char *out, const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (n >= VG_MAX_DICT_LINE) n = VG_MAX_DICT_LINE - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

/* Iterates the lines of a loaded file: returns 0 at the end. *s and *e get
 * the line without its comment, trimmed. */
typedef struct lines {
    const char *p, *end;
    unsigned no;
} lines;

static int next_line(lines *L, const char **s, const char **e)
{
    if (L->p >= L->end) return 0;
    const char *nl = memchr(L->p, '\n', (size_t)(L->end - L->p));
    const char *le = nl ? nl : L->end;
    *s = L->p;
    const char *h = memchr(L->p, '#', (size_t)(le - L->p));
    *e = h ? h : le;
    L->p = nl ? nl + 1 : L->end;
    L->no++;
    trim(s, e);
    return 1;
}

/* Does the phrase ids[0..n) already name an entry of this kind, and from
 * which file? Used for duplicate warnings. */
static uint32_t existing(const vigil_dict *d, const uint32_t *ids, size_t n, int kind)
{
    vg_hit hits[32];
    size_t nh = vg_dict_lookup(d, ids, NULL, n, 0, hits, 32);
    for (size_t i = 0; i < nh; i++)
        if (hits[i].len == n && hits[i].kind == kind) return hits[i].id;
    return 0;
}

/* Maps one name (text, already without its ';') to (kind, id); warns when
 * the same file already gave the name an entry of that kind. */
static int map_name(vigil_dict *d, const char *s, const char *e, int kind, uint32_t id,
                    const char *file, unsigned line)
{
    char buf[VG_MAX_DICT_LINE];
    trim(&s, &e);
    copy_span(buf, s, e);
    uint32_t ids[VG_MAX_PHRASE_WORDS];
    int n = vg_dict_phrase(d, buf, ids, VG_MAX_PHRASE_WORDS);
    if (n < 0) {
        vg_dict_warn(d, file, line,
                     "name '%s' has more than %u words (VG_MAX_PHRASE_WORDS); skipped", buf,
                     VG_MAX_PHRASE_WORDS);
        return VIGIL_OK;
    }
    if (n == 0) return VIGIL_OK;
    uint32_t old = existing(d, ids, (size_t)n, kind);
    if (old) {
        /* Only a name given twice in one file is a duplicate: a later file
         * overrides on purpose, and a name on the line that generated it as
         * a plural ("spokesman; spokesmen") is just explicit. */
        const char *of = NULL;
        unsigned ol = 0;
        if (kind == VG_ENT_ACTOR)
            of = vg_dict_actor(d, old)->file, ol = vg_dict_actor(d, old)->line;
        if (kind == VG_ENT_AGENT)
            of = vg_dict_agent(d, old)->file, ol = vg_dict_agent(d, old)->line;
        if (kind == VG_ENT_DISCARD)
            of = vg_dict_discard(d, old)->file, ol = vg_dict_discard(d, old)->line;
        if (of == file && ol != line)
            vg_dict_warn(d, file, line, "duplicate name '%s' (the later one is kept)", buf);
    }
    vg_dict_map(d, ids, (size_t)n, 0, kind, id);
    return VIGIL_OK;
}

/* ------------------------------------------------------------------ codes */

/* Actor and role codes: upper-case letters and digits in groups of three. */
static int actor_code_ok(const char *c)
{
    size_t n = strlen(c);
    if (n == 0 || n % 3 != 0 || n >= VG_MAX_CODE) return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_upper(c[i]) && !is_digit(c[i])) return 0;
    return 1;
}

/* Event codes: "---" (no event) or a CAMEO code from the table. */
static int event_code_ok(const char *c)
{
    return strcmp(c, "---") == 0 || vg_cameo_valid(c);
}

/* An ISO date YYYY-MM-DD at s (exactly 10 bytes) into *out. */
static int iso_date(const char *s, size_t n, int32_t *out)
{
    if (n != 10 || s[4] != '-' || s[7] != '-') return 0;
    int32_t v = 0;
    for (size_t i = 0; i < 10; i++) {
        if (i == 4 || i == 7) continue;
        if (!is_digit(s[i])) return 0;
        v = v * 10 + (s[i] - '0');
    }
    if (!vg_date_valid(v)) return 0;
    *out = v;
    return 1;
}

/* Reads "[CODE]" or "[CODE FROM..TO]" at *p (which points at '['). */
static int read_dated_code(vigil_dict *d, const char **p, const char *e, vg_dated_code *out,
                           const char *file, unsigned line)
{
    const char *s = *p + 1;
    const char *close = memchr(s, ']', (size_t)(e - s));
    if (!close) return vg_dict_error(d, file, line, "unterminated '['");
    const char *c = s;
    while (c < close && is_space(*c)) c++;
    const char *ce = c;
    while (ce < close && !is_space(*ce)) ce++;
    char code[VG_MAX_DICT_LINE];
    copy_span(code, c, ce);
    if (!actor_code_ok(code))
        return vg_dict_error(d, file, line,
                             "bad actor code '%s' (upper-case letters and digits, "
                             "groups of three)",
                             code);
    memcpy(out->code, code, strlen(code) + 1);
    out->from = VG_DATE_MIN;
    out->to = VG_DATE_MAX;
    const char *r = ce, *re = close;
    trim(&r, &re);
    if (r < re) {
        const char *dots = NULL;
        for (const char *q = r; q + 1 < re; q++)
            if (q[0] == '.' && q[1] == '.') {
                dots = q;
                break;
            }
        char range[VG_MAX_DICT_LINE];
        copy_span(range, r, re);
        if (!dots)
            return vg_dict_error(d, file, line, "bad date range '%s' (want FROM..TO)", range);
        const char *a = r, *ae = dots, *b = dots + 2, *be = re;
        trim(&a, &ae);
        trim(&b, &be);
        if (a == ae && b == be)
            return vg_dict_error(d, file, line, "bad date range '%s' (both ends open)", range);
        if (a < ae && !iso_date(a, (size_t)(ae - a), &out->from))
            return vg_dict_error(d, file, line, "bad date in '%s' (want YYYY-MM-DD)", range);
        if (b < be && !iso_date(b, (size_t)(be - b), &out->to))
            return vg_dict_error(d, file, line, "bad date in '%s' (want YYYY-MM-DD)", range);
        if (out->from > out->to)
            return vg_dict_error(d, file, line, "date range '%s' ends before it starts", range);
    }
    *p = close + 1;
    return VIGIL_OK;
}

/* ------------------------------------------------------------------ actors */

static int actor_line(vigil_dict *d, const char *s, const char *e, const char *file, unsigned line)
{
    vg_dated_code codes[VG_MAX_ACTOR_CODES];
    size_t nc = 0;
    while (s < e && *s == '[') {
        if (nc == VG_MAX_ACTOR_CODES)
            return vg_dict_error(d, file, line, "more than %u codes (VG_MAX_ACTOR_CODES)",
                                 VG_MAX_ACTOR_CODES);
        int st = read_dated_code(d, &s, e, &codes[nc++], file, line);
        if (st) return st;
        while (s < e && is_space(*s)) s++;
    }
    if (!nc)
        return vg_dict_error(d, file, line, "an actor line starts with its code: [CODE] names");
    if (s == e) return vg_dict_error(d, file, line, "actor without a name");
    if (memchr(s, '[', (size_t)(e - s)) || memchr(s, ']', (size_t)(e - s)))
        return vg_dict_error(d, file, line, "codes must come before the names");
    const char *semi = memchr(s, ';', (size_t)(e - s));
    char name[VG_MAX_DICT_LINE];
    const char *ne = semi ? semi : e, *ns = s;
    trim(&ns, &ne);
    copy_span(name, ns, ne);
    uint32_t id = vg_dict_add_actor(d, name, codes, nc, file, line);
    while (s < e) {
        semi = memchr(s, ';', (size_t)(e - s));
        const char *pe = semi ? semi : e;
        int st = map_name(d, s, pe, VG_ENT_ACTOR, id, file, line);
        if (st) return st;
        s = semi ? semi + 1 : e;
    }
    return VIGIL_OK;
}

/* ------------------------------------------------------------------ agents */

static int agent_line(vigil_dict *d, const char *s, const char *e, const char *file, unsigned line)
{
    if (*s != '[')
        return vg_dict_error(d, file, line, "an agent line starts with its code: [CODE] names");
    const char *close = memchr(s, ']', (size_t)(e - s));
    if (!close) return vg_dict_error(d, file, line, "unterminated '['");
    const char *c = s + 1, *ce = close;
    trim(&c, &ce);
    int prefix = 0;
    if (c < ce && *c == '~')
        c++;
    else if (c < ce && ce[-1] == '~') {
        prefix = 1;
        ce--;
    }
    char code[VG_MAX_DICT_LINE];
    copy_span(code, c, ce);
    if (!actor_code_ok(code)) return vg_dict_error(d, file, line, "bad role code '%s'", code);
    s = close + 1;
    while (s < e && is_space(*s)) s++;
    if (s == e) return vg_dict_error(d, file, line, "agent without a name");
    while (s < e) {
        const char *semi = memchr(s, ';', (size_t)(e - s));
        const char *ns = s, *ne = semi ? semi : e;
        trim(&ns, &ne);
        s = semi ? semi + 1 : e;
        if (ns == ne) continue;
        char name[VG_MAX_DICT_LINE];
        copy_span(name, ns, ne);
        uint32_t id = vg_dict_add_agent(d, name, code, prefix, file, line);
        int st = map_name(d, ns, ne, VG_ENT_AGENT, id, file, line);
        if (st) return st;
        /* Regular plurals come for free; irregular ones are listed. */
        char low[VG_MAX_DICT_LINE], pl[64];
        copy_span(low, ns, ne);
        lower_ascii(low);
        vg_pluralize(low, pl);
        if (pl[0] && strcmp(pl, low) != 0) {
            st = vg_dict_map_phrase(d, pl, strlen(pl), 0, VG_ENT_AGENT, id, file, line);
            if (st) return st;
        }
    }
    return VIGIL_OK;
}

/* ----------------------------------------------------------------- synsets */

/* "&NAME = a; b c; d". Single nouns also get their plural. */
static int synset_line(vigil_dict *d, const char *s, const char *e, const char *file, unsigned line)
{
    const char *n = s + 1;
    while (n < e && (is_upper(*n) || is_digit(*n) || *n == '_')) n++;
    if (n == s + 1) return vg_dict_error(d, file, line, "a synonym set is named & + capitals");
    char name[VG_MAX_DICT_LINE];
    copy_span(name, s, n);
    while (n < e && is_space(*n)) n++;
    if (n == e || *n != '=') return vg_dict_error(d, file, line, "expected '=' after %s", name);
    if (vg_dict_find_synset(d, name))
        vg_dict_warn(d, file, line, "synonym set %s defined again (members are added)", name);
    uint32_t id = vg_dict_synset(d, name);
    s = n + 1;
    while (s < e) {
        const char *semi = memchr(s, ';', (size_t)(e - s));
        const char *ms = s, *me = semi ? semi : e;
        trim(&ms, &me);
        s = semi ? semi + 1 : e;
        if (ms == me) continue;
        if (*ms == '&')
            return vg_dict_error(d, file, line, "a synonym set cannot hold another set");
        int st = vg_dict_map_phrase(d, ms, (size_t)(me - ms), 0, VG_ENT_SYN, id, file, line);
        if (st) return st;
        if (!memchr(ms, ' ', (size_t)(me - ms))) {
            char low[VG_MAX_DICT_LINE], pl[64];
            copy_span(low, ms, me);
            lower_ascii(low);
            vg_pluralize(low, pl);
            if (pl[0] && strcmp(pl, low) != 0) {
                st = vg_dict_map_phrase(d, pl, strlen(pl), 0, VG_ENT_SYN, id, file, line);
                if (st) return st;
            }
        }
    }
    return VIGIL_OK;
}

/* ---------------------------------------------------------------- patterns */

/* Lexical items of a pattern. */
enum {
    IT_WORD = 1,
    IT_SYN,
    IT_SRC,
    IT_TGT,
    IT_COMP,
    IT_SKIP,
    IT_STAR,
    IT_NPO,
    IT_NPC,
    IT_PPO,
    IT_PPC,
    IT_JOIN
};

typedef struct item {
    uint8_t kind;
    uint32_t syn;      /* IT_SYN */
    const char *s, *e; /* IT_WORD text */
} item;

#define MAX_ITEMS (VG_MAX_PHRASE_WORDS * 8)

static int name_char(char c)
{
    return is_upper(c) || is_digit(c) || c == '_' || (c >= 'a' && c <= 'z');
}

/* Finds the longest synset name at s ('&' included) that is defined,
 * cutting at '_' from the right ("&TIETYPES_RELATIONS" -> "&TIETYPES").
 * Returns its id and sets *end; 0 when none is defined. */
static uint32_t synset_at(const vigil_dict *d, const char *s, const char *e, const char **end)
{
    const char *n = s + 1;
    while (n < e && name_char(*n)) n++;
    char name[VG_MAX_DICT_LINE];
    for (const char *cut = n; cut > s + 1; cut--) {
        if (cut != n && *cut != '_') continue;
        const char *ce = cut;
        while (ce > s + 1 && ce[-1] == '_') ce--; /* "&AUXVERB1_" is "&AUXVERB1" */
        copy_span(name, s, ce);
        /* Case matters for names; set names are capitals. */
        for (char *q = name; *q; q++)
            if (*q >= 'a' && *q <= 'z') *q = (char)(*q - 32);
        uint32_t id = vg_dict_find_synset(d, name);
        if (id) {
            *end = cut;
            return id;
        }
    }
    *end = n;
    return 0;
}

int vg_parse_pattern(vigil_dict *d, const char *text, size_t len, int petrarch, vg_pel *els,
                     size_t cap, size_t *npre, size_t *npost, const char *file, unsigned line)
{
    item it[MAX_ITEMS];
    size_t ni = 0;
    const char *p = text, *e = text + len;
    /* Pass 1: items. */
    while (p < e) {
        char c = *p;
        if (is_space(c)) {
            p++;
            continue;
        }
        if (ni + 1 >= MAX_ITEMS) return vg_dict_error(d, file, line, "pattern too long");
        item x = {0, 0, NULL, NULL};
        switch (c) {
        case '{':
            x.kind = IT_NPO;
            p++;
            break;
        case '}':
            x.kind = IT_NPC;
            p++;
            break;
        case '(':
            x.kind = IT_PPO;
            p++;
            break;
        case ')':
            x.kind = IT_PPC;
            p++;
            break;
        case '*':
            x.kind = IT_STAR;
            p++;
            break;
        case '$':
            x.kind = IT_SRC;
            p++;
            break;
        case '+':
            x.kind = IT_TGT;
            p++;
            break;
        case '_':
            x.kind = IT_JOIN;
            p++;
            break;
        case '^':
            if (!petrarch) return vg_dict_error(d, file, line, "unexpected '^' in pattern");
            x.kind = IT_SKIP; /* PETRARCH's "skip a phrase" */
            p++;
            break;
        case '%':
            if (!petrarch) return vg_dict_error(d, file, line, "unexpected '%%' in pattern");
            x.kind = IT_COMP; /* a compound actor: "X and Y" */
            p++;
            break;
        case '&': {
            const char *end;
            x.syn = synset_at(d, p, e, &end);
            if (!x.syn) {
                char name[VG_MAX_DICT_LINE];
                copy_span(name, p, end);
                if (petrarch) {
                    /* PETRARCH ignores such patterns; so do we, aloud. */
                    vg_dict_warn(d, file, line, "unknown synonym set %s; pattern skipped", name);
                    return VIGIL_DONE;
                }
                return vg_dict_error(d, file, line, "unknown synonym set %s", name);
            }
            x.kind = IT_SYN;
            p = end;
            break;
        }
        default:
            x.kind = IT_WORD;
            x.s = p;
            while (p < e && !is_space(*p) && !memchr("{}()*$_&", *p, 8)) {
                /* '+' or '^' right after a word char is part of neither
                 * word; stop there too. */
                if (*p == '+' || *p == '^' || *p == '%') break;
                p++;
            }
            x.e = p;
            if (x.e == x.s) {
                p++;
                continue;
            }
            break;
        }
        it[ni++] = x;
    }

    /* Pass 2: elements. A run "a_b_c" outside explicit braces becomes a
     * {a b c} group; '_' next to '*' (PETRARCH's "IN_*") is a VG_PE_VERB_ADJ
     * mark: the element on its other side must touch the verb. */
    size_t n = 0, words_side = 0;
    int star = 0, np = 0, pp = 0, implicit = 0;
    *npre = *npost = 0;
#define EMIT(k, st, ident)                                                                         \
    do {                                                                                           \
        if (n >= cap) return vg_dict_error(d, file, line, "pattern too long");                     \
        els[n].kind = (uint8_t)(k);                                                                \
        els[n].stem = (uint8_t)(st);                                                               \
        els[n].id = (ident);                                                                       \
        n++;                                                                                       \
    } while (0)
    for (size_t i = 0; i < ni; i++) {
        item *x = &it[i];
        int joinable =
            x->kind == IT_WORD || x->kind == IT_SYN || x->kind == IT_SRC || x->kind == IT_TGT;
        int joined_next = joinable && i + 2 < ni && it[i + 1].kind == IT_JOIN &&
                          (it[i + 2].kind == IT_WORD || it[i + 2].kind == IT_SYN ||
                           it[i + 2].kind == IT_SRC || it[i + 2].kind == IT_TGT);
        if (joinable && joined_next && !np && !implicit) {
            EMIT(VG_PE_NP_OPEN, 0, 0);
            implicit = 1;
        }
        switch (x->kind) {
        case IT_JOIN:
            /* "RECENTLY_*", "*_OUT": that word touches the verb itself. */
            if ((i + 1 < ni && it[i + 1].kind == IT_STAR) || (i && it[i - 1].kind == IT_STAR))
                EMIT(VG_PE_VERB_ADJ, 0, 0);
            continue;
        case IT_NPO:
            if (np) return vg_dict_error(d, file, line, "nested '{' in pattern");
            np = 1;
            EMIT(VG_PE_NP_OPEN, 0, 0);
            break;
        case IT_NPC:
            if (!np) return vg_dict_error(d, file, line, "'}' without '{' in pattern");
            np = 0;
            EMIT(VG_PE_NP_CLOSE, 0, 0);
            break;
        case IT_PPO:
            if (pp) return vg_dict_error(d, file, line, "nested '(' in pattern");
            pp = 1;
            EMIT(VG_PE_PP_OPEN, 0, 0);
            break;
        case IT_PPC:
            if (!pp) return vg_dict_error(d, file, line, "')' without '(' in pattern");
            pp = 0;
            EMIT(VG_PE_PP_CLOSE, 0, 0);
            break;
        case IT_STAR:
            if (star) return vg_dict_error(d, file, line, "more than one '*' in pattern");
            if (np || pp)
                return vg_dict_error(d, file, line, "unterminated '%c' before '*'", np ? '{' : '(');
            star = 1;
            *npre = n;
            words_side = 0;
            break;
        case IT_SRC:
            EMIT(VG_PE_SOURCE, 0, 0);
            break;
        case IT_TGT:
            EMIT(VG_PE_TARGET, 0, 0);
            break;
        case IT_COMP:
            EMIT(VG_PE_COMPOUND, 0, 0);
            break;
        case IT_SKIP:
            EMIT(VG_PE_SKIP, 0, 0);
            break;
        case IT_SYN:
            if (++words_side > VG_MAX_PHRASE_WORDS) goto toolong;
            EMIT(VG_PE_SYN, 0, x->syn);
            break;
        case IT_WORD: {
            char w[VG_MAX_DICT_LINE];
            copy_span(w, x->s, x->e);
            uint32_t ids[VG_MAX_PHRASE_WORDS];
            int k = vg_dict_phrase(d, w, ids, VG_MAX_PHRASE_WORDS);
            if (k < 0) goto toolong;
            for (int j = 0; j < k; j++) {
                if (++words_side > VG_MAX_PHRASE_WORDS) goto toolong;
                EMIT(VG_PE_WORD, 0, ids[j]);
            }
            break;
        }
        default:
            break;
        }
        if (implicit && !joined_next && x->kind != IT_NPO) {
            EMIT(VG_PE_NP_CLOSE, 0, 0);
            implicit = 0;
        }
    }
    if (np) return vg_dict_error(d, file, line, "unterminated '{' in pattern");
    if (pp) return vg_dict_error(d, file, line, "unterminated '(' in pattern");
    if (!star) return vg_dict_error(d, file, line, "pattern without '*' (the verb)");
    *npost = n - *npre;
    return VIGIL_OK;
toolong:
    return vg_dict_error(d, file, line, "a pattern side has more than %u words",
                         VG_MAX_PHRASE_WORDS);
#undef EMIT
}

/* ------------------------------------------------------------------- verbs */

void vg_add_verb_forms(vigil_dict *d, uint32_t verb, const char *lemma, size_t head,
                       char forms[5][64])
{
    static const int kinds[5] = {VG_VF_BASE, VG_VF_S, VG_VF_PAST, VG_VF_PART, VG_VF_ING};
    char done[5][64];
    size_t ndone = 0;
    /* Split the lemma into words once. */
    const char *wv[VG_MAX_PHRASE_WORDS];
    size_t wl[VG_MAX_PHRASE_WORDS], nw = 0;
    for (const char *p = lemma; *p && nw < VG_MAX_PHRASE_WORDS;) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *q = p;
        while (*q && *q != ' ') q++;
        wv[nw] = p;
        wl[nw++] = (size_t)(q - p);
        p = q;
    }
    if (head >= nw) head = 0;
    for (int k = 0; k < 5; k++) {
        if (!forms[k][0]) continue;
        int kind = kinds[k];
        if (k == 2 && strcmp(forms[2], forms[3]) == 0) kind = VG_VF_PASTPART;
        if (k == 3 && forms[2][0] && strcmp(forms[2], forms[3]) == 0) continue;
        int dup = 0;
        for (size_t j = 0; j < ndone; j++)
            if (strcmp(done[j], forms[k]) == 0) dup = 1;
        if (dup) continue;
        memcpy(done[ndone++], forms[k], 64);
        char phrase[VG_MAX_DICT_LINE];
        size_t o = 0;
        for (size_t i = 0; i < nw; i++) {
            const char *ws = i == head ? forms[k] : wv[i];
            size_t n = i == head ? strlen(forms[k]) : wl[i];
            if (o + n + 2 >= sizeof phrase) break;
            if (o) phrase[o++] = ' ';
            memcpy(phrase + o, ws, n);
            o += n;
        }
        phrase[o] = '\0';
        uint32_t vf = vg_dict_add_verbform(d, verb, kind);
        uint32_t ids[VG_MAX_PHRASE_WORDS];
        int n = vg_dict_phrase(d, phrase, ids, VG_MAX_PHRASE_WORDS);
        if (n > 0) vg_dict_map(d, ids, (size_t)n, 0, VG_ENT_VERB, vf);
    }
}

/* The code at the end of [s, e) ("... [070]"): copies it to code and moves
 * *e before it; 0 when there is none, -1 when it is unterminated. */
static int trailing_code(const char *s, const char **e, char *code, size_t cap)
{
    const char *q = *e;
    while (q > s && is_space(q[-1])) q--;
    if (q == s || q[-1] != ']') {
        const char *open = NULL;
        for (const char *r = s; r < q; r++)
            if (*r == '[') open = r;
        if (open && !memchr(open, ']', (size_t)(q - open))) return -1;
        return 0;
    }
    const char *open = q - 1;
    while (open > s && *open != '[') open--;
    if (*open != '[') return -1;
    const char *cs = open + 1, *ce = q - 1;
    trim(&cs, &ce);
    size_t n = (size_t)(ce - cs);
    if (n >= cap) n = cap - 1;
    memcpy(code, cs, n);
    code[n] = '\0';
    *e = open;
    return 1;
}

typedef struct verbstate {
    uint32_t family;
} verbstate;

/* One lemma of a verb line: "meet {meets met met meeting}" or
 * "hold talks" or "provide [071]". */
static int verb_item(vigil_dict *d, verbstate *vs, const char *s, const char *e,
                     const char *blockcode, const char *file, unsigned line)
{
    char own[16] = "";
    int r = trailing_code(s, &e, own, sizeof own);
    if (r < 0) return vg_dict_error(d, file, line, "unterminated '['");
    trim(&s, &e);
    if (r > 0 && !event_code_ok(own))
        return vg_dict_error(d, file, line, "'%s' is not a CAMEO event code", own);
    const char *brace = memchr(s, '{', (size_t)(e - s));
    const char *le = brace ? brace : e;
    const char *ls = s;
    trim(&ls, &le);
    if (ls == le) return vg_dict_error(d, file, line, "verb without a lemma");
    char lemma[VG_MAX_DICT_LINE];
    copy_span(lemma, ls, le);
    lower_ascii(lemma);
    for (char *q = lemma; *q; q++)
        if (*q == '_' || *q == '\t') *q = ' ';
    char forms[5][64];
    char first[64];
    size_t fl = strcspn(lemma, " ");
    if (fl >= sizeof first) return vg_dict_error(d, file, line, "verb '%s' too long", lemma);
    memcpy(first, lemma, fl);
    first[fl] = '\0';
    vg_inflect(first, forms);
    if (brace) {
        const char *close = memchr(brace, '}', (size_t)(e - brace));
        if (!close) return vg_dict_error(d, file, line, "unterminated '{'");
        const char *t = brace + 1;
        int k = 0;
        char got[4][64];
        while (t < close) {
            while (t < close && is_space(*t)) t++;
            if (t == close) break;
            const char *te = t;
            while (te < close && !is_space(*te)) te++;
            if (k == 4 || (size_t)(te - t) >= 64)
                return vg_dict_error(d, file, line,
                                     "irregular forms are {-s past participle -ing}");
            memcpy(got[k], t, (size_t)(te - t));
            got[k][te - t] = '\0';
            lower_ascii(got[k]);
            k++;
            t = te;
        }
        if (k != 4)
            return vg_dict_error(d, file, line, "irregular forms are {-s past participle -ing}");
        for (int i = 0; i < 4; i++) memcpy(forms[i + 1], got[i], 64);
        const char *after = close + 1;
        while (after < e && is_space(*after)) after++;
        if (after != e) return vg_dict_error(d, file, line, "text after '}'");
    }
    /* A lemma given twice in one file is a duplicate, as for names: the
     * later entry wins (its forms are mapped last), with a warning. */
    uint32_t ids[VG_MAX_PHRASE_WORDS];
    int nw = vg_dict_phrase(d, lemma, ids, VG_MAX_PHRASE_WORDS);
    uint32_t old = nw > 0 ? existing(d, ids, (size_t)nw, VG_ENT_VERB) : 0;
    if (old) {
        const vg_verb *ov = vg_dict_verb(d, vg_dict_verbform(d, old)->verb);
        if (ov->file == file && ov->line != line)
            vg_dict_warn(d, file, line, "duplicate verb '%s' (the later one is kept)", lemma);
    }
    uint32_t v = vg_dict_add_verb(d, lemma, r > 0 ? own : blockcode, vs->family, file, line);
    vg_add_verb_forms(d, v, lemma, 0, forms);
    return VIGIL_OK;
}

static int verb_line(vigil_dict *d, verbstate *vs, const char *s, const char *e, const char *file,
                     unsigned line)
{
    s += 4;
    char code[16] = "";
    int r = trailing_code(s, &e, code, sizeof code);
    if (r < 0) return vg_dict_error(d, file, line, "unterminated '['");
    if (r == 0)
        return vg_dict_error(d, file, line, "a verb line ends with the block's code: [070]");
    if (!event_code_ok(code))
        return vg_dict_error(d, file, line, "'%s' is not a CAMEO event code", code);
    trim(&s, &e);
    if (s == e) return vg_dict_error(d, file, line, "verb line without verbs");
    const char *semi = memchr(s, ';', (size_t)(e - s));
    const char *fe = semi ? semi : e, *fs = s;
    const char *fb = memchr(fs, '{', (size_t)(fe - fs));
    const char *fc = memchr(fs, '[', (size_t)(fe - fs));
    if (fb) fe = fb;
    if (fc && fc < fe) fe = fc;
    trim(&fs, &fe);
    char name[VG_MAX_DICT_LINE];
    copy_span(name, fs, fe);
    lower_ascii(name);
    vs->family = vg_dict_add_family(d, name, code);
    while (s < e) {
        semi = memchr(s, ';', (size_t)(e - s));
        const char *is = s, *ie = semi ? semi : e;
        trim(&is, &ie);
        s = semi ? semi + 1 : e;
        if (is == ie) continue;
        int st = verb_item(d, vs, is, ie, code, file, line);
        if (st) return st;
    }
    return VIGIL_OK;
}

static int pattern_line(vigil_dict *d, verbstate *vs, const char *s, const char *e,
                        const char *file, unsigned line)
{
    if (!vs->family) return vg_dict_error(d, file, line, "pattern before any verb line");
    const char *text = s;
    char code[16] = "";
    int r = trailing_code(s, &e, code, sizeof code);
    if (r < 0) return vg_dict_error(d, file, line, "unterminated '['");
    if (r == 0) return vg_dict_error(d, file, line, "a pattern ends with its code: [072]");
    if (!event_code_ok(code))
        return vg_dict_error(d, file, line, "'%s' is not a CAMEO event code", code);
    vg_pel els[VG_MAX_PHRASE_WORDS * 6];
    size_t npre, npost;
    int st = vg_parse_pattern(d, s + 1, (size_t)(e - s - 1), 0, els, sizeof els / sizeof *els,
                              &npre, &npost, file, line);
    if (st) return st;
    const char *te = e;
    trim(&text, &te);
    char full[VG_MAX_DICT_LINE];
    snprintf(full, sizeof full, "%.*s [%s]", (int)(te - text), text, code);
    vg_dict_add_pattern(d, vs->family, els, npre, npost, code, "", full, file, line);
    return VIGIL_OK;
}

/* -------------------------------------------------------------- discards */

static int discard_line(vigil_dict *d, const char *s, const char *e, const char *file,
                        unsigned line)
{
    int story = 0;
    if ((size_t)(e - s) >= 6 && memcmp(s, "story:", 6) == 0) {
        story = 1;
        s += 6;
    }
    while (s < e) {
        const char *semi = memchr(s, ';', (size_t)(e - s));
        const char *ns = s, *ne = semi ? semi : e;
        trim(&ns, &ne);
        s = semi ? semi + 1 : e;
        if (ns == ne) continue;
        char name[VG_MAX_DICT_LINE];
        copy_span(name, ns, ne);
        uint32_t id = vg_dict_add_discard(d, name, story, file, line);
        int st = map_name(d, ns, ne, VG_ENT_DISCARD, id, file, line);
        if (st) return st;
    }
    return VIGIL_OK;
}

/* ------------------------------------------------------------------- file */

int vg_load_vigil_file(vigil_dict *d, const char *path, const char *kind)
{
    char *data;
    size_t len;
    int st = vg_dict_slurp(d, path, &data, &len);
    if (st) return st;
    const char *file = vg_dict_file(d, path);
    lines L = {data, data + len, 0};
    verbstate vs = {0};
    const char *s, *e;
    char k = kind[0] == 'a' ? (kind[1] == 'c' ? 'A' : 'G') : kind[0];
    while (st == VIGIL_OK && next_line(&L, &s, &e)) {
        if (s == e) continue;
        if ((size_t)(e - s) >= VG_MAX_DICT_LINE) {
            st = vg_dict_error(d, file, L.no, "line longer than %u bytes (VG_MAX_DICT_LINE)",
                               VG_MAX_DICT_LINE);
            break;
        }
        switch (k) {
        case 'A':
            st = actor_line(d, s, e, file, L.no);
            break;
        case 'G':
            st = agent_line(d, s, e, file, L.no);
            break;
        case 's':
            if (*s != '&')
                st = vg_dict_error(d, file, L.no, "expected &NAME = members");
            else
                st = synset_line(d, s, e, file, L.no);
            break;
        case 'v':
            if (*s == '&')
                st = synset_line(d, s, e, file, L.no);
            else if (*s == '-')
                st = pattern_line(d, &vs, s, e, file, L.no);
            else if ((size_t)(e - s) > 5 && memcmp(s, "verb", 4) == 0 && is_space(s[4]))
                st = verb_line(d, &vs, s, e, file, L.no);
            else
                st = vg_dict_error(d, file, L.no,
                                   "expected 'verb ...', '- pattern' or '&SET = ...'");
            break;
        case 'd':
            st = discard_line(d, s, e, file, L.no);
            break;
        default:
            st = vg_dict_error(d, file, 0, "unknown dictionary kind '%s'", kind);
        }
    }
    vg_free(data);
    return st;
}
