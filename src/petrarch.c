/*
 * petrarch.c — reads the PETRARCH (and TABARI-style) dictionary formats:
 * actors, agents, the CAMEO verb dictionary and discards.
 *
 * Common rules, as PETRARCH reads them: '#' starts a comment anywhere on a
 * line; lines beginning with "<!" are XML-style comments, running to the
 * line holding "-->" when they do not close on the same line; blank lines
 * are skipped. Words are joined by '_' or spaces. In actor and discard
 * names a final '_' means "this exact word"; without it the last word is a
 * stem that matches any word it begins ("ARGENTIN" -> "Argentina",
 * "Argentinian"). Agents are exact words plus their plurals (the Phoenix
 * agents file is written for that).
 *
 * Dates in actor code blocks are YYMMDD or YYYYMMDD. Two-digit years follow
 * PETRARCH: 00..30 are 2000..2030, 31..99 are 1931..1999. "<D" means before
 * D, ">D" after D, "D1-D2" from D1 to D2 inclusive. A seven-digit date (a
 * typo seen in the Phoenix files) is read like PETRARCH does, as YYMMDD
 * plus a stray digit, with a warning.
 *
 * The verb file is read twice: first for its synonym sets (&NAME and +member
 * lines), which may be defined after the patterns that use them, then for
 * verb blocks ("--- NAME [code] ---"), verb lines and "- pattern [code]"
 * lines. Verb transformations ("~ ...") are not used by vigil and are
 * skipped (one warning per file).
 */
#include "dict.h"

#include "alloc.h"

#include <stdio.h>
#include <string.h>

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* ASCII case-insensitive equality of n bytes. */
static int same_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return 0;
    }
    return 1;
}

static void trim(const char **s, const char **e)
{
    while (*s < *e && is_space(**s)) (*s)++;
    while (*e > *s && is_space((*e)[-1])) (*e)--;
}

/* Copies [s, e) lower-cased, with '_' turned into spaces; *exact is set
 * when the name ended in '_'. Returns the length. */
static size_t name_copy(char *out, const char *s, const char *e, int *exact)
{
    trim(&s, &e);
    size_t n = (size_t)(e - s);
    if (n >= VG_MAX_DICT_LINE) n = VG_MAX_DICT_LINE - 1;
    int ex = n > 0 && s[n - 1] == '_';
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c == '_' || c == '\t') c = ' ';
        out[o++] = c;
    }
    while (o && out[o - 1] == ' ') o--;
    out[o] = '\0';
    if (exact) *exact = ex;
    return o;
}

typedef struct lines {
    const char *p, *end;
    unsigned no;
    int in_comment;
} lines;

/* Next meaningful line, comments removed and trimmed; 0 at the end. */
static int next_line(lines *L, const char **s, const char **e)
{
    while (L->p < L->end) {
        const char *nl = memchr(L->p, '\n', (size_t)(L->end - L->p));
        const char *ls = L->p, *le = nl ? nl : L->end;
        L->p = nl ? nl + 1 : L->end;
        L->no++;
        const char *close = NULL;
        for (const char *q = ls; q + 2 < le; q++)
            if (q[0] == '-' && q[1] == '-' && q[2] == '>') {
                close = q;
                break;
            }
        if (L->in_comment) {
            if (close) L->in_comment = 0;
            continue;
        }
        const char *t = ls;
        while (t < le && is_space(*t)) t++;
        if (le - t >= 2 && t[0] == '<' && t[1] == '!') {
            if (!close) L->in_comment = 1;
            continue;
        }
        /* '#' starts a comment, except inside a code block: TABARI's
         * discard code "[###]" still appears in old files. */
        int open = 0;
        for (const char *q = ls; q < le; q++) {
            if (*q == '[')
                open = 1;
            else if (*q == ']')
                open = 0;
            else if (*q == '#' && !open) {
                le = q;
                break;
            }
        }
        trim(&ls, &le);
        if (ls == le) continue;
        *s = ls;
        *e = le;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ codes */

/* Copies the code at [s, e) (upper-cased, with a warning for lower case);
 * returns 0 or an error for characters no code has. */
static int read_code(vigil_dict *d, const char *s, const char *e, char *out, int actor,
                     const char *file, unsigned line)
{
    size_t n = (size_t)(e - s);
    if (n == 0) return vg_dict_error(d, file, line, "empty code");
    if (n >= VG_MAX_CODE)
        return vg_dict_error(d, file, line, "code longer than %u bytes", VG_MAX_CODE - 1);
    int lower = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z') {
            lower = 1;
            c = (char)(c - 32);
        }
        /* Event codes are only checked for shape later (with a warning):
         * the validation file has "025?". */
        int ok = (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' || c == '+' ||
                 (actor && c == '/') || (!actor && c > ' ' && c != '[' && c != ']' && c != ':');
        if (!ok) return vg_dict_error(d, file, line, "bad code '%.*s'", (int)n, s);
        out[i] = c;
    }
    out[n] = '\0';
    if (lower && actor)
        vg_dict_warn(d, file, line, "lower-case code '%.*s' read as '%s'", (int)n, s, out);
    return VIGIL_OK;
}

static int read_date(vigil_dict *d, const char *s, size_t n, int32_t *out, const char *file,
                     unsigned line)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i])) return vg_dict_error(d, file, line, "bad date '%.*s'", (int)n, s);
    int32_t v = 0;
    /* PETRARCH reads up to 7 digits as YYMMDD and more as YYYYMMDD, ignoring
     * what follows; the Phoenix files have such typos. */
    if (n == 7) {
        vg_dict_warn(d, file, line, "seven-digit date '%.*s' read as YYMMDD '%.6s'", (int)n, s, s);
        n = 6;
    } else if (n > 8) {
        vg_dict_warn(d, file, line, "long date '%.*s' read as YYYYMMDD '%.8s'", (int)n, s, s);
        n = 8;
    }
    if (n == 6) {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        v = (yy <= 30 ? 2000 + yy : 1900 + yy) * 10000;
        v += ((s[2] - '0') * 10 + (s[3] - '0')) * 100 + (s[4] - '0') * 10 + (s[5] - '0');
    } else if (n == 8) {
        for (size_t i = 0; i < 8; i++) v = v * 10 + (s[i] - '0');
    } else
        return vg_dict_error(d, file, line, "bad date '%.*s' (want YYMMDD or YYYYMMDD)", (int)n, s);
    if (!vg_date_valid(v)) return vg_dict_error(d, file, line, "bad date '%.*s'", (int)n, s);
    *out = v;
    return VIGIL_OK;
}

/* One "[CODE dates]" block whose inside is [s, e). */
static int dated_code(vigil_dict *d, const char *s, const char *e, vg_dated_code *out,
                      const char *file, unsigned line)
{
    trim(&s, &e);
    const char *ce = s;
    while (ce < e && !is_space(*ce) && *ce != '<' && *ce != '>') ce++;
    int st = read_code(d, s, ce, out->code, 1, file, line);
    if (st) return st;
    out->from = VG_DATE_MIN;
    out->to = VG_DATE_MAX;
    /* The date part without blanks ("19950601 - 19990815", "< 950601"). */
    char buf[64];
    size_t n = 0;
    for (const char *q = ce; q < e; q++) {
        if (is_space(*q)) continue;
        if (n + 1 >= sizeof buf) return vg_dict_error(d, file, line, "bad date range");
        buf[n++] = *q;
    }
    buf[n] = '\0';
    if (!n) return VIGIL_OK;
    int32_t a, b;
    if (buf[0] == '<' || buf[0] == '>') {
        st = read_date(d, buf + 1, n - 1, &a, file, line);
        if (st) return st;
        if (buf[0] == '<')
            out->to = vg_date_prev(a);
        else
            out->from = vg_date_next(a);
        return VIGIL_OK;
    }
    char *dash = memchr(buf, '-', n);
    if (!dash) {
        /* A bare date: read as "from D on", the likeliest intent. */
        st = read_date(d, buf, n, &a, file, line);
        if (st) return st;
        vg_dict_warn(d, file, line, "bare date '%s' read as '>=%s'", buf, buf);
        out->from = a;
        return VIGIL_OK;
    }
    st = read_date(d, buf, (size_t)(dash - buf), &a, file, line);
    if (!st) st = read_date(d, dash + 1, n - (size_t)(dash - buf) - 1, &b, file, line);
    if (st) return st;
    if (a > b) {
        /* Readable but wrong (the Phoenix files have a few): the code could
         * never apply, so it is dropped. */
        vg_dict_warn(d, file, line, "date range '%s' ends before it starts; code ignored", buf);
        return VIGIL_DONE;
    }
    out->from = a;
    out->to = b;
    return VIGIL_OK;
}

/* ------------------------------------------------------------------ actors */

typedef struct aname {
    const char *s, *e;
    unsigned line;
} aname;

typedef struct actorblock {
    aname *names;
    size_t n, cap;
    vg_dated_code codes[VG_MAX_ACTOR_CODES];
    size_t ncodes;
    unsigned trailing, first_trailing; /* lines with notes after the codes */
} actorblock;

static int flush_actor(vigil_dict *d, actorblock *b, const char *file)
{
    if (!b->n) return VIGIL_OK;
    char name[VG_MAX_DICT_LINE];
    int exact;
    name_copy(name, b->names[0].s, b->names[0].e, &exact);
    int st = VIGIL_OK;
    if (!b->ncodes) {
        vg_dict_warn(d, file, b->names[0].line, "actor '%s' has no code; skipped", name);
    } else {
        uint32_t id = vg_dict_add_actor(d, name, b->codes, b->ncodes, file, b->names[0].line);
        for (size_t i = 0; i < b->n && !st; i++) {
            size_t len = name_copy(name, b->names[i].s, b->names[i].e, &exact);
            st = vg_dict_map_phrase(d, name, len, !exact, VG_ENT_ACTOR, id, file, b->names[i].line);
        }
    }
    b->n = 0;
    b->ncodes = 0;
    return st;
}

/* Reads every "[...]" group in [s, e) into the block. */
static int actor_codes(vigil_dict *d, actorblock *b, const char *s, const char *e, const char *file,
                       unsigned line)
{
    while (s < e) {
        while (s < e && is_space(*s)) s++;
        if (s == e) break;
        if (*s != '[') {
            /* Some Phoenix lines carry notes after the codes without a '#'
             * ("[MNCMED] Newspapers/Magazines"); PETRARCH ignores them. */
            if (!b->trailing++) b->first_trailing = line;
            break;
        }
        const char *close = memchr(s, ']', (size_t)(e - s));
        if (!close) return vg_dict_error(d, file, line, "unterminated '['");
        if (b->ncodes == VG_MAX_ACTOR_CODES)
            return vg_dict_error(d, file, line, "more than %u codes (VG_MAX_ACTOR_CODES)",
                                 VG_MAX_ACTOR_CODES);
        int st = dated_code(d, s + 1, close, &b->codes[b->ncodes], file, line);
        if (st == VIGIL_OK)
            b->ncodes++;
        else if (st != VIGIL_DONE)
            return st;
        s = close + 1;
    }
    return VIGIL_OK;
}

static int load_actors(vigil_dict *d, lines *L, const char *file)
{
    actorblock b;
    memset(&b, 0, sizeof b);
    const char *s, *e;
    int st = VIGIL_OK;
    while (!st && next_line(L, &s, &e)) {
        if (*s == '[') {
            if (!b.n)
                st = vg_dict_error(d, file, L->no, "code block without an actor name");
            else
                st = actor_codes(d, &b, s, e, file, L->no);
            continue;
        }
        int syn = *s == '+';
        if (syn) {
            s++;
            if (!b.n) {
                st = vg_dict_error(d, file, L->no, "'+' synonym without an actor before it");
                continue;
            }
        } else {
            st = flush_actor(d, &b, file);
            if (st) break;
        }
        const char *br = memchr(s, '[', (size_t)(e - s));
        const char *ne = br ? br : e, *ns = s;
        trim(&ns, &ne);
        if (memchr(ns, ']', (size_t)(ne - ns))) {
            /* A typo PETRARCH tolerates (the Phoenix files have one). */
            vg_dict_warn(d, file, L->no, "']' without '[' in a name; name skipped");
            continue;
        }
        if (ns == ne) {
            if (syn)
                vg_dict_warn(d, file, L->no, "empty synonym");
            else
                st = vg_dict_error(d, file, L->no, "actor without a name");
            continue;
        }
        aname a = {ns, ne, L->no};
        VG_PUSH(b.names, b.n, b.cap, a);
        if (br) st = actor_codes(d, &b, br, e, file, L->no);
    }
    if (!st) st = flush_actor(d, &b, file);
    if (b.trailing)
        vg_dict_warn(d, file, b.first_trailing, "%u lines with text after their codes (ignored)",
                     b.trailing);
    vg_free(b.names);
    return st;
}

/* ------------------------------------------------------------------ agents */

#define MAX_SUBST 32
#define MAX_SUBST_ITEMS 16

typedef struct subst {
    char name[32];
    char items[MAX_SUBST_ITEMS][48];
    size_t n;
} subst;

static int map_agent_name(vigil_dict *d, const char *name, uint32_t id, const char *plural,
                          int auto_plural, const char *file, unsigned line)
{
    size_t len = strlen(name);
    int st = vg_dict_map_phrase(d, name, len, 0, VG_ENT_AGENT, id, file, line);
    if (st) return st;
    char pl[64];
    if (plural) {
        if (!*plural) return VIGIL_OK;
        return vg_dict_map_phrase(d, plural, strlen(plural), 0, VG_ENT_AGENT, id, file, line);
    }
    if (!auto_plural) return VIGIL_OK;
    vg_pluralize(name, pl);
    if (pl[0] && strcmp(pl, name) != 0)
        return vg_dict_map_phrase(d, pl, strlen(pl), 0, VG_ENT_AGENT, id, file, line);
    return VIGIL_OK;
}

static int load_agents(vigil_dict *d, lines *L, const char *file)
{
    subst *subs = vg_calloc(MAX_SUBST, sizeof *subs);
    size_t nsubs = 0;
    const char *s, *e;
    int st = VIGIL_OK;
    while (!st && next_line(L, &s, &e)) {
        const char *eq = memchr(s, '=', (size_t)(e - s));
        if (*s == '!' && eq) {
            /* "!PERSON! = MAN, MEN, WOMAN" */
            const char *ne = memchr(s + 1, '!', (size_t)(e - s - 1));
            if (!ne || ne > eq || ne - s - 1 >= 32) {
                st = vg_dict_error(d, file, L->no, "bad substitution set");
                break;
            }
            if (nsubs == MAX_SUBST) {
                st = vg_dict_error(d, file, L->no, "more than %d substitution sets", MAX_SUBST);
                break;
            }
            subst *x = &subs[nsubs++];
            memcpy(x->name, s + 1, (size_t)(ne - s - 1));
            x->name[ne - s - 1] = '\0';
            x->n = 0;
            const char *p = eq + 1;
            while (p < e && !st) {
                const char *c = memchr(p, ',', (size_t)(e - p));
                const char *is = p, *ie = c ? c : e;
                p = c ? c + 1 : e;
                trim(&is, &ie);
                if (is == ie) continue;
                if (x->n == MAX_SUBST_ITEMS || ie - is >= 48) {
                    st = vg_dict_error(d, file, L->no, "substitution set too large");
                    break;
                }
                memcpy(x->items[x->n], is, (size_t)(ie - is));
                x->items[x->n][ie - is] = '\0';
                x->n++;
            }
            continue;
        }
        const char *br = memchr(s, '[', (size_t)(e - s));
        if (!br) {
            vg_dict_warn(d, file, L->no, "agent without a code; skipped");
            continue;
        }
        const char *close = memchr(br, ']', (size_t)(e - br));
        if (!close) {
            /* A typo PETRARCH tolerates ("[~ENV}" in Phoenix.agents.txt). */
            vg_dict_warn(d, file, L->no, "unterminated '['; agent skipped");
            continue;
        }
        const char *cs = br + 1, *ce = close;
        trim(&cs, &ce);
        int prefix = 0;
        if (cs < ce && *cs == '~')
            cs++;
        else if (cs < ce && ce[-1] == '~') {
            prefix = 1;
            ce--;
        }
        while (cs < ce && is_space(*cs)) cs++;
        char code[VG_MAX_CODE];
        st = read_code(d, cs, ce, code, 0, file, L->no);
        if (st) break;
        /* Name and optional {plural}. */
        const char *ns = s, *ne = br;
        const char *ob = memchr(ns, '{', (size_t)(ne - ns));
        char plural[VG_MAX_DICT_LINE];
        const char *pl = NULL;
        if (ob) {
            const char *cb = memchr(ob, '}', (size_t)(ne - ob));
            if (!cb) {
                st = vg_dict_error(d, file, L->no, "unterminated '{'");
                break;
            }
            name_copy(plural, ob + 1, cb, NULL);
            pl = plural;
            ne = ob;
        }
        char name[VG_MAX_DICT_LINE];
        name_copy(name, ns, ne, NULL);
        if (!name[0]) {
            st = vg_dict_error(d, file, L->no, "agent without a name");
            break;
        }
        char *bang = strchr(name, '!');
        if (!bang) {
            uint32_t id = vg_dict_add_agent(d, name, code, prefix, file, L->no);
            st = map_agent_name(d, name, id, pl, 1, file, L->no);
            continue;
        }
        char *bang2 = strchr(bang + 1, '!');
        if (!bang2) {
            st = vg_dict_error(d, file, L->no, "unterminated substitution marker");
            break;
        }
        subst *x = NULL;
        for (size_t i = 0; i < nsubs; i++)
            if ((size_t)(bang2 - bang - 1) == strlen(subs[i].name) &&
                same_ci(subs[i].name, bang + 1, (size_t)(bang2 - bang - 1)))
                x = &subs[i];
        if (!x) {
            vg_dict_warn(d, file, L->no, "unknown substitution marker; skipped");
            continue;
        }
        uint32_t id = vg_dict_add_agent(d, name, code, prefix, file, L->no);
        for (size_t i = 0; i < x->n && !st; i++) {
            char full[VG_MAX_DICT_LINE], item[64];
            name_copy(item, x->items[i], x->items[i] + strlen(x->items[i]), NULL);
            snprintf(full, sizeof full, "%.*s%s%s", (int)(bang - name), name, item, bang2 + 1);
            st = map_agent_name(d, full, id, NULL, 0, file, L->no);
        }
    }
    vg_free(subs);
    return st;
}

/* ---------------------------------------------------------------- discards */

/* "+PHRASE" discards the whole story, "PHRASE" the sentence (the header of
 * the Phoenix and validation files says so). */
static int load_discards(vigil_dict *d, lines *L, const char *file)
{
    const char *s, *e;
    int st = VIGIL_OK;
    while (!st && next_line(L, &s, &e)) {
        int story = *s == '+';
        if (story) s++;
        char name[VG_MAX_DICT_LINE];
        int exact;
        size_t len = name_copy(name, s, e, &exact);
        if (!len) {
            vg_dict_warn(d, file, L->no, "empty discard");
            continue;
        }
        uint32_t id = vg_dict_add_discard(d, name, story, file, L->no);
        st = vg_dict_map_phrase(d, name, len, !exact, VG_ENT_DISCARD, id, file, L->no);
    }
    return st;
}

/* ------------------------------------------------------------------- verbs */

/* Event codes in PETRARCH files: "---" or 2-4 digits are normal; anything
 * else (the validation file has "def", "075A") is kept with a warning. */
static int event_code(vigil_dict *d, const char *s, const char *e, char *code, char *code2,
                      const char *file, unsigned line)
{
    trim(&s, &e);
    const char *colon = memchr(s, ':', (size_t)(e - s));
    const char *ce = colon ? colon : e;
    code2[0] = '\0';
    if (ce - s >= 8 || (ce == s && !colon))
        return vg_dict_error(d, file, line, "bad event code '%.*s'", (int)(e - s), s);
    int st = VIGIL_OK;
    if (ce == s)
        memcpy(code, "---", 4); /* "[:173]": only a second code */
    else
        st = read_code(d, s, ce, code, 0, file, line);
    if (st) return st;
    if (colon) {
        const char *c2 = colon + 1;
        trim(&c2, &e);
        if (e - c2 >= 8 || e == c2) return vg_dict_error(d, file, line, "bad second code");
        st = read_code(d, c2, e, code2, 0, file, line);
        if (st) return st;
    }
    size_t n = strlen(code), digits = 0;
    for (size_t i = 0; i < n; i++) digits += is_digit(code[i]);
    if (strcmp(code, "---") != 0 && !(digits == n && n >= 2 && n <= 4))
        vg_dict_warn(d, file, line, "unusual event code '%s'", code);
    return VIGIL_OK;
}

/* The code at the end of [s, *e): sets *e before it; 0 none, 1 found, -1
 * unterminated. */
static int trailing_code(const char *s, const char **e, const char **cs, const char **ce)
{
    const char *q = *e;
    while (q > s && is_space(q[-1])) q--;
    if (q == s || q[-1] != ']') {
        for (const char *r = s; r < q; r++)
            if (*r == '[' && !memchr(r, ']', (size_t)(q - r))) return -1;
        return 0;
    }
    const char *open = q - 1;
    while (open > s && *open != '[') open--;
    if (*open != '[') return -1;
    *cs = open + 1;
    *ce = q - 1;
    *e = open;
    return 1;
}

/* The words of a PETRARCH verb phrase ("KLM_NOP_+RST", "+BREAK_DOWN"):
 * lower-cased into out separated by spaces; *head gets the index of the
 * word marked '+' (0 when none is). */
static void verb_words(const char *s, const char *e, char *out, size_t *head)
{
    size_t o = 0, w = 0;
    int inword = 0;
    *head = 0;
    for (const char *p = s; p < e && o + 2 < VG_MAX_DICT_LINE; p++) {
        char c = *p;
        if (c == '_' || is_space(c)) {
            if (inword) w++;
            inword = 0;
            continue;
        }
        if (c == '+') {
            *head = w;
            continue;
        }
        if (!inword && o) out[o++] = ' ';
        inword = 1;
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        out[o++] = c;
    }
    out[o] = '\0';
}

/* The word number k of a space-separated phrase into out (64 bytes). */
static void nth_word(const char *phrase, size_t k, char *out)
{
    const char *p = phrase;
    for (size_t i = 0; i < k; i++) {
        const char *sp = strchr(p, ' ');
        if (!sp) break;
        p = sp + 1;
    }
    size_t n = strcspn(p, " ");
    if (n >= 64) n = 63;
    memcpy(out, p, n);
    out[n] = '\0';
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* A verb line: "SAY {SAID SAYING}", "+CORDON_OFF {+CORDONS_OFF ...}",
 * "FAIL [120]". Irregular forms in braces are classified by their ending
 * and by the forms vg_inflect knows; forms they leave out are generated. */
static int verb_line(vigil_dict *d, uint32_t family, const char *s, const char *e, const char *file,
                     unsigned line)
{
    const char *cs, *ce;
    char code[8] = "", code2[8];
    int r = trailing_code(s, &e, &cs, &ce);
    if (r < 0) return vg_dict_error(d, file, line, "unterminated '['");
    if (r > 0) {
        int st = event_code(d, cs, ce, code, code2, file, line);
        if (st) return st;
    }
    const char *ob = memchr(s, '{', (size_t)(e - s));
    const char *le = ob ? ob : e;
    char lemma[VG_MAX_DICT_LINE];
    size_t head;
    verb_words(s, le, lemma, &head);
    if (!lemma[0]) return vg_dict_error(d, file, line, "verb without a word");
    char hw[64], forms[5][64];
    nth_word(lemma, head, hw);
    vg_inflect(hw, forms);
    char extra[4][64];
    size_t nextra = 0;
    if (ob) {
        const char *cb = memchr(ob, '}', (size_t)(e - ob));
        if (!cb) return vg_dict_error(d, file, line, "unterminated '{'");
        int have[5] = {1, 0, 0, 0, 0};
        char unknown[4][64];
        size_t nunk = 0;
        for (const char *p = ob + 1; p < cb;) {
            while (p < cb && is_space(*p)) p++;
            if (p == cb) break;
            const char *q = p;
            while (q < cb && !is_space(*q)) q++;
            char phrase[VG_MAX_DICT_LINE], w[64];
            size_t fh;
            verb_words(p, q, phrase, &fh);
            if (!memchr(p, '+', (size_t)(q - p))) fh = head;
            nth_word(phrase, fh, w);
            p = q;
            int k;
            if (ends_with(w, "ing"))
                k = 4;
            else if (strcmp(w, forms[1]) == 0 ||
                     (ends_with(w, "s") && !ends_with(hw, "s") && strcmp(w, forms[2]) != 0))
                k = 1;
            else if (strcmp(w, forms[2]) == 0 && strcmp(w, forms[3]) == 0)
                k = 5; /* both */
            else if (strcmp(w, forms[2]) == 0)
                k = 2;
            else if (strcmp(w, forms[3]) == 0)
                k = 3;
            else {
                if (nunk < 4) memcpy(unknown[nunk++], w, 64);
                continue;
            }
            if (k == 5) {
                have[2] = have[3] = 1;
                continue;
            }
            if (have[k] && strcmp(forms[k], w) != 0) {
                if (nextra < 4) memcpy(extra[nextra++], w, 64);
                continue;
            }
            memcpy(forms[k], w, 64);
            have[k] = 1;
        }
        /* Past forms vg_inflect did not predict: the first fills whatever
         * of past and participle is missing, the rest are extra. */
        for (size_t i = 0; i < nunk; i++) {
            if (!have[2] && !have[3]) {
                memcpy(forms[2], unknown[i], 64);
                memcpy(forms[3], unknown[i], 64);
                have[2] = have[3] = 1;
            } else if (!have[2]) {
                memcpy(forms[2], unknown[i], 64);
                have[2] = 1;
            } else if (!have[3]) {
                memcpy(forms[3], unknown[i], 64);
                have[3] = 1;
            } else if (nextra < 4)
                memcpy(extra[nextra++], unknown[i], 64);
        }
    }
    uint32_t v = vg_dict_add_verb(d, lemma, code[0] ? code : NULL, family, file, line);
    vg_add_verb_forms(d, v, lemma, head, forms);
    for (size_t i = 0; i < nextra; i++) {
        char f[5][64] = {"", "", "", "", ""};
        memcpy(f[2], extra[i], 64);
        memcpy(f[3], extra[i], 64);
        vg_add_verb_forms(d, v, lemma, head, f);
    }
    return VIGIL_OK;
}

static int pattern_line(vigil_dict *d, uint32_t family, const char *s, const char *e,
                        const char *file, unsigned line)
{
    const char *text = s, *te = e, *cs, *ce;
    char code[8], code2[8];
    int r = trailing_code(s, &e, &cs, &ce);
    if (r < 0) return vg_dict_error(d, file, line, "unterminated '['");
    if (r == 0) return vg_dict_error(d, file, line, "pattern without a [code]");
    int st = event_code(d, cs, ce, code, code2, file, line);
    if (st) return st;
    /* CAMEO.2.0.txt has two patterns with a stray ')' that PETRARCH reads
     * past; they are skipped with a warning rather than stopping the file. */
    int paren = 0, brace = 0, bad = 0;
    for (const char *q = s; q < e; q++) {
        paren += *q == '(' ? 1 : *q == ')' ? -1 : 0;
        brace += *q == '{' ? 1 : *q == '}' ? -1 : 0;
        if (paren < 0 || brace < 0 || paren > 1 || brace > 1) bad = 1;
    }
    if (bad || paren || brace) {
        vg_dict_warn(d, file, line, "unbalanced brackets in pattern; skipped");
        return VIGIL_OK;
    }
    vg_pel els[VG_MAX_PHRASE_WORDS * 6];
    size_t npre, npost;
    st = vg_parse_pattern(d, s + 1, (size_t)(e - s - 1), 1, els, sizeof els / sizeof *els, &npre,
                          &npost, file, line);
    if (st == VIGIL_DONE) return VIGIL_OK; /* skipped, with a warning */
    if (st) return st;
    char full[VG_MAX_DICT_LINE];
    snprintf(full, sizeof full, "%.*s", (int)(te - text), text);
    vg_dict_add_pattern(d, family, els, npre, npost, code, code2, full, file, line);
    return VIGIL_OK;
}

/* Pass 1: synonym sets. "&NAME" (a final '_' means: no plurals) followed by
 * "+member" lines. */
static int verb_synsets(vigil_dict *d, lines *L, const char *file)
{
    const char *s, *e;
    uint32_t set = 0;
    int noplural = 0;
    while (next_line(L, &s, &e)) {
        if (*s == '&') {
            const char *ne = s + 1;
            while (ne < e && !is_space(*ne)) ne++;
            noplural = ne[-1] == '_';
            const char *nend = ne;
            while (nend > s + 1 && nend[-1] == '_') nend--;
            char name[VG_MAX_DICT_LINE];
            size_t n = (size_t)(nend - s);
            if (n >= sizeof name) n = sizeof name - 1;
            for (size_t i = 0; i < n; i++)
                name[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
            name[n] = '\0';
            if (n < 2) return vg_dict_error(d, file, L->no, "synonym set without a name");
            set = vg_dict_synset(d, name);
            continue;
        }
        if (*s != '+' || !set) {
            set = 0;
            continue;
        }
        s++;
        if (s < e && *s == '&') {
            vg_dict_warn(d, file, L->no, "a synonym set inside another is not supported; skipped");
            continue;
        }
        char name[VG_MAX_DICT_LINE];
        int exact;
        size_t len = name_copy(name, s, e, &exact);
        if (!len) continue;
        int st = vg_dict_map_phrase(d, name, len, 0, VG_ENT_SYN, set, file, L->no);
        if (st) return st;
        if (!noplural && !exact) {
            char pl[64];
            vg_pluralize(name, pl);
            if (pl[0] && strcmp(pl, name) != 0) {
                st = vg_dict_map_phrase(d, pl, strlen(pl), 0, VG_ENT_SYN, set, file, L->no);
                if (st) return st;
            }
        }
    }
    return VIGIL_OK;
}

/* Pass 2: verb blocks, verbs and patterns. */
static int verb_blocks(vigil_dict *d, lines *L, const char *file)
{
    const char *s, *e;
    uint32_t family = 0;
    int in_set = 0;
    unsigned transforms = 0, first_transform = 0;
    int st = VIGIL_OK;
    while (!st && next_line(L, &s, &e)) {
        if (*s == '&') {
            in_set = 1;
            continue;
        }
        if (*s == '+' && in_set) continue;
        in_set = 0;
        if (e - s >= 3 && memcmp(s, "---", 3) == 0) {
            /* "---  NAME   [code]  ---" */
            const char *p = s + 3, *q = e;
            while (q - p >= 3 && memcmp(q - 3, "---", 3) == 0) q -= 3;
            const char *cs, *ce;
            char code[8] = "---", code2[8] = "";
            int r = trailing_code(p, &q, &cs, &ce);
            if (r < 0) {
                st = vg_dict_error(d, file, L->no, "unterminated '['");
                break;
            }
            if (r > 0 && (st = event_code(d, cs, ce, code, code2, file, L->no))) break;
            char name[VG_MAX_DICT_LINE];
            name_copy(name, p, q, NULL);
            family = vg_dict_add_family(d, name, code);
            if (r > 0 && code2[0]) vg_dict_family_set_code2(d, family, code2);
            continue;
        }
        if (*s == '~') {
            if (!transforms++) first_transform = L->no;
            continue;
        }
        if (!family) {
            st = vg_dict_error(d, file, L->no,
                               "verb or pattern before any '--- NAME [code] ---' line");
            break;
        }
        if (*s == '-')
            st = pattern_line(d, family, s, e, file, L->no);
        else
            st = verb_line(d, family, s, e, file, L->no);
    }
    if (transforms)
        vg_dict_warn(d, file, first_transform, "%u verb transformations ('~' lines) ignored",
                     transforms);
    return st;
}

/* -------------------------------------------------------------------- file */

int vg_load_petrarch_file(vigil_dict *d, const char *path, const char *kind)
{
    char *data;
    size_t len;
    int st = vg_dict_slurp(d, path, &data, &len);
    if (st) return st;
    const char *file = vg_dict_file(d, path);
    lines L = {data, data + len, 0, 0};
    if (strcmp(kind, "actors") == 0)
        st = load_actors(d, &L, file);
    else if (strcmp(kind, "agents") == 0)
        st = load_agents(d, &L, file);
    else if (strcmp(kind, "discards") == 0)
        st = load_discards(d, &L, file);
    else if (strcmp(kind, "verbs") == 0) {
        st = verb_synsets(d, &L, file);
        lines L2 = {data, data + len, 0, 0};
        if (!st) st = verb_blocks(d, &L2, file);
    } else
        st = vg_dict_error(d, file, 0, "unknown PETRARCH dictionary kind '%s'", kind);
    vg_free(data);
    return st;
}
