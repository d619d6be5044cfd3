/*
 * html.c — article text from an HTML page (see html.h).
 *
 * libxml2's HTML parser builds a tree from whatever markup the page has
 * (it recovers from unclosed and misnested tags and decodes entities). Three
 * passes over the tree follow:
 *
 *   1. metadata: the title (og:title, else <title>) and the publication
 *      date, from the best of several sources (article:published_time,
 *      itemprop=datePublished, JSON-LD "datePublished", date metas, the
 *      first <time datetime> of the article);
 *   2. the article root: itemprop=articleBody, else the <article> or
 *      <main> holding most of the page's paragraph text, else the element
 *      whose <p> children hold the most text (text density);
 *   3. emission: block elements become vg_blocks. Text inside a block that
 *      is never article text is still emitted, with `dropped` set to a rule
 *      name ("nav", "aside", "comments", "related", "share", "ad",
 *      "caption", "outside-article", ...), so the removed list shows it.
 *      Scripts, styles, forms' controls and embedded media emit nothing.
 *
 * Element classes and ids are matched as words ("share-bar" and
 * "shareBar" contain "share"; "shadow" does not contain "ad"). The root
 * and its ancestors are never dropped by class, since sites put words like
 * "comments-open" or "paywall" on the body or the article itself.
 */
#include "html.h"

#include "alloc.h"
#include "limits.h"

#include <cjson/cJSON.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static unsigned char to_lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c + 32) : c;
}

static int eq_ci(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an != bn) return 0;
    for (size_t i = 0; i < an; i++)
        if (to_lower((unsigned char)a[i]) != to_lower((unsigned char)b[i])) return 0;
    return 1;
}

static int name_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name &&
           eq_ci((const char *)n->name, strlen((const char *)n->name), name);
}

static int name_in(const xmlNode *n, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (name_is(n, names[i])) return 1;
    return 0;
}

/* An attribute's value (caller frees with xmlFree) or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
    char *v = attr(n, name);
    int r = v && eq_ci(v, strlen(v), value);
    if (v) xmlFree(v);
    return r;
}

/* 1 if the whitespace-separated attribute value has `token` as one of its
 * words (case-insensitively): itemprop="articleBody headline". */
static int attr_has_token(const xmlNode *n, const char *name, const char *token)
{
    char *v = attr(n, name);
    if (!v) return 0;
    int r = 0;
    for (size_t i = 0; v[i] && !r;) {
        while (v[i] && is_space((unsigned char)v[i])) i++;
        size_t s = i;
        while (v[i] && !is_space((unsigned char)v[i])) i++;
        if (i > s && eq_ci(v + s, i - s, token)) r = 1;
    }
    xmlFree(v);
    return r;
}

/* --------------------------------------------------------- element rules */

/* Elements whose content is never text of the page. */
/* clang-format off */
static const char *const skip_tags[] = {
    "script", "style", "noscript", "template", "svg", "iframe", "head", "object", "embed",
    "canvas", "video", "audio", "button", "select", "option", "input", "textarea", "math", "map",
    "picture", "img", "link", "meta", NULL};
/* clang-format on */

/* clang-format off */
static const char *const block_tags[] = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul",
    "caption", "legend", "label", NULL};
/* clang-format on */

/* Class and id words, and the rule each one drops a subtree by. */
typedef struct token_rule {
    const char *word;
    const char *rule;
} token_rule;

/* clang-format off */
static const token_rule class_rules[] = {
    {"comment", "comments"}, {"comments", "comments"}, {"disqus", "comments"},
    {"related", "related"}, {"recommend", "related"}, {"recommended", "related"},
    {"recommendations", "related"}, {"trending", "related"}, {"popular", "related"},
    {"tags", "related"}, {"outbrain", "ad"}, {"taboola", "ad"}, {"share", "share"},
    {"sharing", "share"}, {"social", "share"}, {"sharebar", "share"}, {"newsletter", "newsletter"},
    {"subscribe", "newsletter"}, {"subscription", "newsletter"}, {"signup", "newsletter"},
    {"paywall", "newsletter"}, {"regwall", "newsletter"}, {"promo", "ad"}, {"ad", "ad"},
    {"ads", "ad"}, {"advert", "ad"}, {"adslot", "ad"}, {"advertisement", "ad"}, {"sponsor", "ad"},
    {"sponsored", "ad"}, {"dfp", "ad"}, {"footer", "footer"}, {"sidebar", "aside"},
    {"breadcrumb", "nav"}, {"breadcrumbs", "nav"}, {"navbar", "nav"}, {"menu", "nav"},
    {"caption", "caption"}, {"cookie", "cookie"}, {"cookies", "cookie"}, {"consent", "cookie"},
    {"gdpr", "cookie"}, {"byline", "credit"}, {"author", "credit"}, {NULL, NULL}};
/* clang-format on */

/* Looks each word of a class or id value up in class_rules. Words are
 * split at non-alphanumeric bytes and at lower-to-upper case changes. */
static const char *class_rule(const char *v)
{
    size_t i = 0;
    while (v[i]) {
        while (v[i] && !(is_lower((unsigned char)v[i]) || is_upper((unsigned char)v[i]) ||
                         is_digit((unsigned char)v[i])))
            i++;
        size_t s = i;
        while (v[i] && (is_lower((unsigned char)v[i]) || is_upper((unsigned char)v[i]) ||
                        is_digit((unsigned char)v[i]))) {
            i++;
            if (v[i] && is_upper((unsigned char)v[i]) && is_lower((unsigned char)v[i - 1])) break;
        }
        if (i == s) break;
        for (size_t k = 0; class_rules[k].word; k++)
            if (eq_ci(v + s, i - s, class_rules[k].word)) return class_rules[k].rule;
    }
    return NULL;
}

/* 1 for elements the page hides from readers. */
static int is_hidden(const xmlNode *n)
{
    xmlChar *h = xmlGetProp(n, (const xmlChar *)"hidden");
    if (h) {
        xmlFree(h);
        return 1;
    }
    if (attr_is(n, "aria-hidden", "true")) return 1;
    char *st = attr(n, "style");
    int r = 0;
    if (st) {
        /* "display: none" with any spacing. */
        size_t j = 0;
        char sq[64];
        for (size_t i = 0; st[i] && j + 1 < sizeof sq; i++)
            if (!is_space((unsigned char)st[i])) sq[j++] = (char)to_lower((unsigned char)st[i]);
        sq[j] = '\0';
        r = strstr(sq, "display:none") != NULL || strstr(sq, "visibility:hidden") != NULL;
        xmlFree(st);
    }
    return r;
}

/* Rules from the tag and the role (independent of the article root). */
static const char *tag_rule(const xmlNode *n)
{
    if (name_is(n, "nav")) return "nav";
    if (name_is(n, "aside")) return "aside";
    if (name_is(n, "form")) return "form";
    if (name_is(n, "figure") || name_is(n, "figcaption")) return "caption";
    char *role = attr(n, "role");
    const char *r = NULL;
    if (role) {
        size_t rl = strlen(role);
        if (eq_ci(role, rl, "navigation"))
            r = "nav";
        else if (eq_ci(role, rl, "complementary"))
            r = "aside";
        else if (eq_ci(role, rl, "contentinfo"))
            r = "footer";
        else if (eq_ci(role, rl, "banner"))
            r = "header";
        else if (eq_ci(role, rl, "search"))
            r = "form";
        xmlFree(role);
    }
    return r;
}

static const char *class_id_rule(const xmlNode *n)
{
    const char *r = NULL;
    char *c = attr(n, "class");
    if (c) {
        r = class_rule(c);
        xmlFree(c);
    }
    if (!r) {
        char *id = attr(n, "id");
        if (id) {
            r = class_rule(id);
            xmlFree(id);
        }
    }
    return r;
}

/* ------------------------------------------------------------------ dates */

/* Parses "YYYY-MM-DD", "YYYY/MM/DD" or "YYYYMMDD" at the start of s (after
 * spaces) into out; 1 on success. */
static int parse_date(const char *s, char out[11])
{
    if (!s) return 0;
    while (is_space((unsigned char)*s)) s++;
    for (int i = 0; i < 4; i++)
        if (!is_digit((unsigned char)s[i])) return 0;
    size_t p = 4;
    char sep = s[p];
    if (sep == '-' || sep == '/')
        p++;
    else
        sep = 0;
    if (!is_digit((unsigned char)s[p]) || !is_digit((unsigned char)s[p + 1])) return 0;
    int month = (s[p] - '0') * 10 + (s[p + 1] - '0');
    p += 2;
    if (sep) {
        if (s[p] != sep) return 0;
        p++;
    }
    if (!is_digit((unsigned char)s[p]) || !is_digit((unsigned char)s[p + 1])) return 0;
    int day = (s[p] - '0') * 10 + (s[p + 1] - '0');
    if (is_digit((unsigned char)s[p + 2])) return 0;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return 0;
    memcpy(out, s, 4);
    out[4] = '-';
    out[5] = (char)('0' + month / 10);
    out[6] = (char)('0' + month % 10);
    out[7] = '-';
    out[8] = (char)('0' + day / 10);
    out[9] = (char)('0' + day % 10);
    out[10] = '\0';
    return 1;
}

/* Date sources, best first. */
enum {
    DATE_OG = 0,   /* article:published_time */
    DATE_ITEMPROP, /* itemprop=datePublished */
    DATE_JSONLD,   /* JSON-LD "datePublished" */
    DATE_META,     /* name=date, pubdate, DC.date.issued, ... */
    DATE_TIME,     /* first <time datetime> in the article */
    DATE_NONE
};

typedef struct meta_state {
    char date[11];
    int date_rank;
    char *title;    /* <title>, owned by us (vg_) */
    char *og_title; /* og:title */
} meta_state;

static void offer_date(meta_state *m, const char *value, int rank)
{
    char d[11];
    if (rank < m->date_rank && parse_date(value, d)) {
        memcpy(m->date, d, 11);
        m->date_rank = rank;
    }
}

/* clang-format off */
static const char *const date_meta_names[] = {
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date.issued", "dc.date",
    "dcterms.created", "dcterms.issued", "dcterms.date", "sailthru.date", "parsely-pub-date",
    "article.published", "publication_date", "og:published_time", "datepublished",
    "article:published", NULL};
/* clang-format on */

/* Finds "datePublished" in a parsed JSON-LD value, at any depth (pages
 * nest it in @graph arrays). */
static const char *jsonld_date(const cJSON *j, int depth)
{
    if (!j || depth > 16) return NULL;
    if (cJSON_IsObject(j)) {
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(j, "datePublished");
        if (cJSON_IsString(d) && d->valuestring) return d->valuestring;
    }
    if (cJSON_IsObject(j) || cJSON_IsArray(j)) {
        const cJSON *c;
        cJSON_ArrayForEach(c, j)
        {
            const char *r = jsonld_date(c, depth + 1);
            if (r) return r;
        }
    }
    return NULL;
}

/* JSON-LD that cJSON rejects (trailing commas and the like are common):
 * looks for "datePublished" : "..." in the raw text. */
static const char *scan_date_key(const char *s)
{
    const char *k = strstr(s, "\"datePublished\"");
    if (!k) return NULL;
    k += strlen("\"datePublished\"");
    while (is_space((unsigned char)*k)) k++;
    if (*k != ':') return NULL;
    k++;
    while (is_space((unsigned char)*k)) k++;
    return *k == '"' ? k + 1 : NULL;
}

static void jsonld(meta_state *m, const xmlNode *n)
{
    xmlChar *content = xmlNodeGetContent(n);
    if (!content) return;
    const char *s = (const char *)content;
    cJSON *j = cJSON_Parse(s);
    const char *d = j ? jsonld_date(j, 0) : NULL;
    if (!d) d = scan_date_key(s);
    if (d) offer_date(m, d, DATE_JSONLD);
    cJSON_Delete(j);
    xmlFree(content);
}

/* Whitespace-collapsed text content of an element, owned by the caller. */
static char *text_of(const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c) return vg_strdup("");
    vg_buf b;
    vg_buf_init(&b, VG_MAX_FIELD_BYTES);
    int pending = 0;
    for (const unsigned char *p = c; *p; p++) {
        if (is_space(*p)) {
            pending = 1;
            continue;
        }
        if (pending && b.len) vg_buf_putc(&b, ' ');
        pending = 0;
        if (vg_buf_putc(&b, *p)) break;
    }
    xmlFree(c);
    if (!b.ptr) return vg_strdup("");
    return vg_buf_take(&b);
}

static void meta_walk(meta_state *m, const xmlNode *n, int depth)
{
    for (; n && depth < VG_MAX_HTML_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (name_is(n, "meta")) {
            char *content = attr(n, "content");
            if (content) {
                char *prop = attr(n, "property");
                char *nm = attr(n, "name");
                if (prop && eq_ci(prop, strlen(prop), "article:published_time"))
                    offer_date(m, content, DATE_OG);
                if (prop && eq_ci(prop, strlen(prop), "og:title") && !m->og_title)
                    m->og_title = vg_strdup(content);
                if (attr_has_token(n, "itemprop", "datePublished"))
                    offer_date(m, content, DATE_ITEMPROP);
                for (size_t i = 0; date_meta_names[i]; i++) {
                    if (nm && eq_ci(nm, strlen(nm), date_meta_names[i]))
                        offer_date(m, content, DATE_META);
                    if (prop && eq_ci(prop, strlen(prop), date_meta_names[i]))
                        offer_date(m, content, DATE_META);
                }
                if (prop) xmlFree(prop);
                if (nm) xmlFree(nm);
                xmlFree(content);
            }
            continue;
        }
        if (name_is(n, "title") && !m->title) {
            m->title = text_of(n);
            continue;
        }
        if (name_is(n, "script")) {
            if (attr_is(n, "type", "application/ld+json")) jsonld(m, n);
            continue;
        }
        if (attr_has_token(n, "itemprop", "datePublished")) {
            char *v = attr(n, "datetime");
            if (!v) v = attr(n, "content");
            if (v) {
                offer_date(m, v, DATE_ITEMPROP);
                xmlFree(v);
            } else {
                char *t = text_of(n);
                offer_date(m, t, DATE_ITEMPROP);
                vg_free(t);
            }
        }
        meta_walk(m, n->children, depth + 1);
    }
}

/* The first <time datetime=...> under n. */
static void first_time(meta_state *m, const xmlNode *n, int depth)
{
    for (; n && depth < VG_MAX_HTML_DEPTH && m->date_rank > DATE_TIME; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (name_is(n, "time")) {
            char *v = attr(n, "datetime");
            if (v) {
                offer_date(m, v, DATE_TIME);
                xmlFree(v);
            }
        }
        first_time(m, n->children, depth + 1);
    }
}

/* ------------------------------------------------------------ article root */

/* Non-space bytes of text under n, skipping elements that never hold
 * text and subtrees dropped by tag or class (so a comment thread full of
 * paragraphs does not win the density contest). */
static size_t text_len(const xmlNode *n, int depth)
{
    size_t t = 0;
    for (; n && depth < VG_MAX_HTML_DEPTH; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            for (const xmlChar *p = n->content; p && *p; p++)
                if (!is_space(*p)) t++;
        } else if (n->type == XML_ELEMENT_NODE && !name_in(n, skip_tags)) {
            t += text_len(n->children, depth + 1);
        }
    }
    return t;
}

static int excluded(const xmlNode *n)
{
    const char *r = class_id_rule(n);
    /* "paywall" and "subscribe" sometimes mark the article body itself. */
    if (r && strcmp(r, "newsletter") == 0) r = NULL;
    return name_in(n, skip_tags) || tag_rule(n) || r || name_is(n, "footer");
}

/* Paragraph text under n (the sum over its <p> elements). */
static size_t para_text(const xmlNode *n, int depth)
{
    size_t t = 0;
    for (; n && depth < VG_MAX_HTML_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || excluded(n)) continue;
        if (name_is(n, "p"))
            t += text_len(n->children, depth + 1);
        else
            t += para_text(n->children, depth + 1);
    }
    return t;
}

typedef struct cand {
    const xmlNode *node;
    size_t score;
} cand;

typedef struct root_state {
    cand *v;
    size_t n, cap;
    const xmlNode *item_body; /* itemprop=articleBody */
    const xmlNode *best_article;
    size_t best_article_text;
    const xmlNode *best_main;
    size_t best_main_text;
} root_state;

/* Candidates are found again through the node's _private field, which
 * libxml2 leaves to applications: it holds the candidate's index + 1, so
 * crediting stays O(1) on pages with thousands of paragraphs. */
static void credit(root_state *rs, const xmlNode *node, size_t score)
{
    if (!node || node->type != XML_ELEMENT_NODE || score == 0) return;
    uintptr_t idx = (uintptr_t)node->_private;
    if (idx > 0 && idx <= rs->n && rs->v[idx - 1].node == node) {
        rs->v[idx - 1].score += score;
        return;
    }
    cand c = {node, score};
    VG_PUSH(rs->v, rs->n, rs->cap, c);
    ((xmlNode *)node)->_private = (void *)(uintptr_t)rs->n;
}

/* Readability's habit: each paragraph credits its parent with its text
 * and its grandparent with half, so the container of the story wins even
 * when its paragraphs sit in wrapper elements. */
static void root_walk(root_state *rs, const xmlNode *n, int depth)
{
    for (; n && depth < VG_MAX_HTML_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || excluded(n)) continue;
        if (!rs->item_body && attr_has_token(n, "itemprop", "articleBody")) rs->item_body = n;
        if (name_is(n, "article")) {
            size_t t = para_text(n->children, depth + 1);
            if (t > rs->best_article_text) {
                rs->best_article = n;
                rs->best_article_text = t;
            }
        }
        if (name_is(n, "main") || attr_is(n, "role", "main")) {
            size_t t = para_text(n->children, depth + 1);
            if (t > rs->best_main_text) {
                rs->best_main = n;
                rs->best_main_text = t;
            }
        }
        if (name_is(n, "p")) {
            size_t t = text_len(n->children, depth + 1);
            credit(rs, n->parent, t);
            if (n->parent) credit(rs, n->parent->parent, t / 2);
            continue;
        }
        root_walk(rs, n->children, depth + 1);
    }
}

static const xmlNode *find_body(const xmlNode *n, int depth)
{
    for (; n && depth < 8; n = n->next) {
        if (name_is(n, "body")) return n;
        const xmlNode *b = find_body(n->children, depth + 1);
        if (b) return b;
    }
    return NULL;
}

static const xmlNode *choose_root(const xmlNode *body)
{
    root_state rs;
    memset(&rs, 0, sizeof rs);
    root_walk(&rs, body->children, 1);
    size_t total = para_text(body->children, 1);
    const xmlNode *root = NULL;
    if (rs.item_body) {
        root = rs.item_body;
    } else if (rs.best_article && rs.best_article_text * 10 >= total * 4) {
        root = rs.best_article;
    } else if (rs.best_main && rs.best_main_text * 10 >= total * 4) {
        root = rs.best_main;
    } else {
        size_t best = 0;
        for (size_t i = 0; i < rs.n; i++)
            if (rs.v[i].score > best) {
                best = rs.v[i].score;
                root = rs.v[i].node;
            }
        /* A story split over several containers: climb until the root
         * holds most of the page's paragraph text. */
        while (root && root != body && root->parent && para_text(root->children, 1) * 2 < total)
            root = root->parent;
    }
    for (size_t i = 0; i < rs.n; i++) ((xmlNode *)rs.v[i].node)->_private = NULL;
    vg_free(rs.v);
    if (root == body) root = NULL;
    return root;
}

/* ---------------------------------------------------------------- emission */

typedef struct emit_state {
    vg_blocks *out;
    const xmlNode *root; /* NULL: the whole body is the article */
    vg_buf cur;          /* text of the block being built */
    size_t chars, link_chars;
    int pending_space;
    int in_link;
    unsigned kind;
    const char *drop;
    int inside; /* inside the root */
} emit_state;

static void flush(emit_state *e)
{
    if (e->cur.len > 0) {
        float ld = e->chars ? (float)e->link_chars / (float)e->chars : 0.0f;
        const char *drop = e->drop;
        if (!drop && e->root && !e->inside) drop = "outside-article";
        vg_blocks_push(e->out, vg_buf_take(&e->cur), e->kind, ld, drop);
    }
    vg_buf_reset(&e->cur);
    e->chars = e->link_chars = 0;
    e->pending_space = 0;
}

static void add_text(emit_state *e, const xmlChar *t)
{
    for (const unsigned char *p = t; p && *p; p++) {
        if (is_space(*p)) {
            e->pending_space = 1;
            continue;
        }
        if (e->pending_space && e->cur.len > 0) vg_buf_putc(&e->cur, ' ');
        e->pending_space = 0;
        if (vg_buf_putc(&e->cur, *p)) return; /* the story limit: stop adding */
        if ((*p & 0xC0) != 0x80) {
            e->chars++;
            if (e->in_link) e->link_chars++;
        }
    }
}

static unsigned kind_of(const xmlNode *n, unsigned outer)
{
    if (name_is(n, "p")) return outer == VG_BLK_QUOTE ? VG_BLK_QUOTE : VG_BLK_PARA;
    if (name_is(n, "h1") || name_is(n, "h2") || name_is(n, "h3") || name_is(n, "h4") ||
        name_is(n, "h5") || name_is(n, "h6"))
        return VG_BLK_HEADING;
    if (name_is(n, "li") || name_is(n, "dd") || name_is(n, "dt")) return VG_BLK_LIST;
    if (name_is(n, "blockquote")) return VG_BLK_QUOTE;
    return outer == VG_BLK_TEXT ? VG_BLK_PARA : outer;
}

static int contains(const xmlNode *anc, const xmlNode *n)
{
    for (; n; n = n->parent)
        if (n == anc) return 1;
    return 0;
}

static void emit_walk(emit_state *e, const xmlNode *n, int depth)
{
    for (; n && depth < VG_MAX_HTML_DEPTH; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            add_text(e, n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) continue;
        if (name_in(n, skip_tags) || is_hidden(n)) continue;
        if (name_is(n, "br")) {
            e->pending_space = 1;
            continue;
        }
        int is_root = e->root && n == e->root;
        int guard = e->root && contains(n, e->root); /* the root or an ancestor */
        int inside = e->inside || is_root;
        const char *rule = NULL;
        if (!e->drop && !guard && !name_is(n, "body") && !name_is(n, "html")) {
            rule = tag_rule(n);
            if (!rule && (name_is(n, "header") || name_is(n, "footer")) && !inside)
                rule = name_is(n, "header") ? "header" : "footer";
            if (rule && strcmp(rule, "header") == 0 && inside) rule = NULL;
            if (!rule) rule = class_id_rule(n);
        }
        int block = name_in(n, block_tags) || rule;
        if (!block && name_is(n, "a")) {
            /* Links are inline: count their characters for link density. */
            e->in_link++;
            emit_walk(e, n->children, depth + 1);
            e->in_link--;
            continue;
        }
        if (!block && !is_root) {
            emit_walk(e, n->children, depth + 1);
            continue;
        }
        flush(e);
        unsigned save_kind = e->kind;
        const char *save_drop = e->drop;
        int save_inside = e->inside;
        e->kind = kind_of(n, e->kind);
        if (rule) e->drop = rule;
        e->inside = inside;
        int link = name_is(n, "a");
        e->in_link += link;
        emit_walk(e, n->children, depth + 1);
        e->in_link -= link;
        flush(e);
        e->kind = save_kind;
        e->drop = save_drop;
        e->inside = save_inside;
    }
}

/* ----------------------------------------------------------------- entry */

void vg_html_blocks(const char *html, size_t len, vg_blocks *out, char date_out[11],
                    char **title_out)
{
    date_out[0] = '\0';
    if (title_out) *title_out = NULL;
    if (len > VG_MAX_STORY_BYTES) len = VG_MAX_STORY_BYTES;
    htmlDocPtr doc = NULL;
    if (len > 0) {
        /* Story bodies are UTF-8 already (the reader repairs them), whatever
         * charset the page declares. */
        doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                             HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET);
    }
    if (!doc) {
        if (title_out) *title_out = vg_strdup("");
        return;
    }
    const xmlNode *top = xmlDocGetRootElement(doc);

    meta_state m;
    memset(&m, 0, sizeof m);
    m.date_rank = DATE_NONE;
    meta_walk(&m, top, 0);

    const xmlNode *body = find_body(top, 0);
    if (!body) body = top;
    const xmlNode *root = body ? choose_root(body) : NULL;
    if (m.date_rank > DATE_TIME && body) first_time(&m, root ? root : body, 0);
    memcpy(date_out, m.date_rank < DATE_NONE ? m.date : "", m.date_rank < DATE_NONE ? 11 : 1);

    if (body) {
        emit_state e;
        memset(&e, 0, sizeof e);
        e.out = out;
        e.root = root;
        e.kind = VG_BLK_TEXT;
        vg_buf_init(&e.cur, VG_MAX_STORY_BYTES);
        emit_walk(&e, body, 0);
        flush(&e);
        vg_buf_free(&e.cur);
    }

    if (title_out) {
        const char *t = m.og_title && m.og_title[0] ? m.og_title : m.title;
        *title_out = vg_strdup(t ? t : "");
    }
    vg_free(m.title);
    vg_free(m.og_title);
    xmlFreeDoc(doc);
}
