/*
 * test_html.c — article extraction from HTML pages (html.c), and the pages
 * run through the cleaner. The pages in tests/fixtures/html are invented.
 */
#include "alloc.h"
#include "clean.h"
#include "harness.h"
#include "html.h"

#include <stdio.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    *len = 0;
    if (!f) return NULL;
    vg_buf b;
    vg_buf_init(&b, 1u << 24);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) vg_buf_put(&b, chunk, n);
    fclose(f);
    if (!b.ptr) vg_buf_put(&b, "", 0);
    *len = b.len;
    return vg_buf_take(&b);
}

/* The block containing needle, or NULL. */
static const vg_block *find(const vg_blocks *b, const char *needle)
{
    for (size_t i = 0; i < b->n; i++)
        if (strstr(b->v[i].text, needle)) return &b->v[i];
    return NULL;
}

/* The drop rule of the block containing needle: "" when it is kept by
 * html.c, "(missing)" when no block contains it. */
static const char *drop_of(const vg_blocks *b, const char *needle)
{
    const vg_block *k = find(b, needle);
    if (!k) return "(missing)";
    return k->dropped ? k->dropped : "";
}

typedef struct page {
    vg_blocks b;
    char date[11];
    char *title;
    vg_buf text; /* after vg_clean */
    vg_removed *rm;
    size_t nrm, caprm;
} page;

static int load(const char *path, page *p)
{
    size_t len;
    char *html = slurp(path, &len);
    memset(p, 0, sizeof *p);
    vg_buf_init(&p->text, 1u << 24);
    if (!html) return 0;
    vg_html_blocks(html, len, &p->b, p->date, &p->title);
    vg_free(html);
    vg_clean(&p->b, 0, &p->text, &p->rm, &p->nrm, &p->caprm);
    return 1;
}

static void unload(page *p)
{
    vg_blocks_free(&p->b);
    vg_free(p->title);
    for (size_t i = 0; i < p->nrm; i++) vg_free(p->rm[i].text);
    vg_free(p->rm);
    vg_buf_free(&p->text);
}

static int kept(const page *p, const char *needle)
{
    return p->text.ptr && strstr(p->text.ptr, needle) != NULL;
}

static void test_basic(void)
{
    page p;
    OK(load("tests/fixtures/html/article_basic.html", &p), "article_basic readable");
    STR_EQ(p.date, "2024-03-14", "article:published_time wins over <time>");
    STR_EQ(p.title, "Gondor recalls envoy from Arnor", "og:title");
    STR_EQ(drop_of(&p.b, "Politics"), "header", "site header with nav");
    STR_EQ(drop_of(&p.b, "Home > World"), "nav", "breadcrumbs by class word");
    STR_EQ(drop_of(&p.b, "Soldiers patrol"), "caption", "figure caption");
    STR_EQ(drop_of(&p.b, "By Elena Morrow"), "credit", "byline class");
    STR_EQ(drop_of(&p.b, "Advertisement"), "ad", "ad-slot");
    STR_EQ(drop_of(&p.b, "Border talks stall"), "aside", "aside of related links");
    STR_EQ(drop_of(&p.b, "Share on Facebook"), "share", "share bar");
    STR_EQ(drop_of(&p.b, "This is outrageous"), "comments", "comment section");
    STR_EQ(drop_of(&p.b, "Storm hits the coast"), "aside", "sidebar");
    STR_EQ(drop_of(&p.b, "morning briefing"), "newsletter", "newsletter box");
    STR_EQ(drop_of(&p.b, "All rights reserved"), "footer", "site footer");
    STR_EQ(drop_of(&p.b, "window.dataLayer"), "(missing)", "script text never emitted");
    STR_EQ(drop_of(&p.b, "height: 250px"), "(missing)", "style text never emitted");
    STR_EQ(drop_of(&p.b, "Gondor recalled its ambassador"), "", "lead paragraph kept");

    const vg_block *share = find(&p.b, "Share on Facebook");
    OK(share && share->link_density > 0.9f, "share bar is all links");
    const vg_block *lead = find(&p.b, "Gondor recalled its ambassador");
    OK(lead && lead->kind == VG_BLK_PARA && lead->link_density == 0.0f, "lead is a paragraph");
    const vg_block *h1 = find(&p.b, "over border incident");
    OK(h1 && h1->kind == VG_BLK_HEADING, "h1 is a heading");
    OK(find(&p.b, "deployments\xC2\xA0"
                  "along") != NULL,
       "&nbsp; decoded to U+00A0");
    OK(find(&p.b, "unresolved. Talks mediated") != NULL, "<br> becomes a space");

    /* After cleaning: the article's five paragraphs, the slug cut. */
    OK(kept(&p, "Gondor recalled its ambassador from Arnor on Thursday"), "lead kept");
    OK(!kept(&p, "(Reuters)"), "slug stripped");
    OK(kept(&p, "\"We will not accept attacks on our soldiers,\""), "quote kept, normalised");
    OK(kept(&p, "Talks mediated by Rohan collapsed last month."), "last paragraph kept");
    OK(kept(&p, "deployments along the river"), "no-break space normalised to a space");
    OK(!kept(&p, "March 13, 2024"), "bare date line dropped");
    OK(!kept(&p, "outrageous"), "comments gone");
    unload(&p);
}

static void test_density(void)
{
    page p;
    OK(load("tests/fixtures/html/jsonld_density.html", &p), "jsonld_density readable");
    STR_EQ(p.date, "2023-07-21", "JSON-LD datePublished in @graph beats meta date");
    STR_EQ(p.title, "Rohan and Gondor agree grain deal - Eastfold Courier", "<title>");
    STR_EQ(drop_of(&p.b, "two hundred thousand tonnes"), "", "densest container is the root");
    STR_EQ(drop_of(&p.b, "Critics in Rohan's assembly"), "", "paragraph after promo kept");
    STR_EQ(drop_of(&p.b, "Subscribe to our weekly digest"), "ad", "inline promo");
    STR_EQ(drop_of(&p.b, "Finally some good news"), "comments", "disqus thread by id");
    STR_EQ(drop_of(&p.b, "Gondor bans river fishing"), "related", "popular posts");
    STR_EQ(drop_of(&p.b, "We use cookies"), "cookie", "cookie notice");
    STR_EQ(drop_of(&p.b, "Log in"), "outside-article", "top bar outside the article");
    OK(kept(&p, "\"Our farmers are ready to help our neighbours,\""), "first-person quote kept");
    size_t paras = 1;
    for (const char *s = p.text.ptr; (s = strstr(s, "\n\n")) != NULL; s += 2) paras++;
    INT_EQ(paras, 4, "four paragraphs of article text");
    unload(&p);
}

static void test_broken(void)
{
    page p;
    OK(load("tests/fixtures/html/broken.html", &p), "broken readable");
    STR_EQ(p.date, "2022-11-05", "DC.date.issued with slashes");
    STR_EQ(p.title, "Arnor & Gondor: talks resume", "title entities and spaces");
    OK(kept(&p, "Negotiators from Arnor and Gondor resumed talks"), "unclosed <p> recovered");
    OK(!kept(&p, "ANNUMINAS"), "dateline slug cut");
    OK(kept(&p, "The talks will focus on the river islands"), "misnested tags recovered");
    OK(kept(&p, "\"We are cautiously hopeful,\" a spokesman for the mediator said. He declined"),
       "entities decoded and normalised");
    OK(kept(&p, "Arnor's delegation is led by"), "table cell text kept");
    OK(kept(&p, "Gondor's delegation arrived"), "paragraph after the ad kept");
    OK(!kept(&p, "Injected"), "script output ignored");
    OK(!kept(&p, "Sign up"), "newsletter box dropped");
    OK(!kept(&p, "Northern Ledger"), "masthead outside itemprop=articleBody");
    STR_EQ(drop_of(&p.b, "Gondor's delegation"), "", "paywall class on the root ignored");
    unload(&p);
}

static void test_small_pages(void)
{
    vg_blocks b = {0};
    char date[11];
    char *title = NULL;

    /* No markup beyond paragraphs: everything is article text. */
    const char *plain = "<p>Arnor closed its embassy in Osgiliath on Monday.</p>"
                        "<p>Gondor said it regretted the decision.</p>";
    vg_html_blocks(plain, strlen(plain), &b, date, &title);
    INT_EQ(b.n, 2, "two paragraphs");
    OK(b.n == 2 && !b.v[0].dropped && !b.v[1].dropped, "nothing dropped");
    STR_EQ(date, "", "no date");
    STR_EQ(title, "", "no title");
    vg_blocks_free(&b);
    vg_free(title);

    /* itemprop datePublished on <time>, and class words matched whole. */
    const char *t2 = "<html><body><article><time itemprop=\"datePublished\" "
                     "datetime=\"2021-02-03T10:00\">Feb 3</time>"
                     "<div class=\"shadow header-image\"><p>Rohan's king opened the new bridge "
                     "at Aldburg on Wednesday, the palace said.</p></div>"
                     "<div class=\"relatedArticles\"><p>Rohan opens another bridge in the "
                     "north of the country</p></div></article></body></html>";
    vg_html_blocks(t2, strlen(t2), &b, date, NULL);
    STR_EQ(date, "2021-02-03", "itemprop datePublished on <time>");
    STR_EQ(drop_of(&b, "opened the new bridge"), "", "'shadow' does not match 'ad'");
    STR_EQ(drop_of(&b, "another bridge"), "related", "camelCase class word");
    vg_blocks_free(&b);

    /* JSON-LD that cJSON rejects still gives its date; <time> is last. */
    const char *t3 = "<script type='application/ld+json'>{\"datePublished\": \"2020-05-06\",}"
                     "</script><article><time datetime='2019-01-01'></time><p>Text of the "
                     "story goes here for the test.</p></article>";
    vg_html_blocks(t3, strlen(t3), &b, date, NULL);
    STR_EQ(date, "2020-05-06", "malformed JSON-LD scanned");
    vg_blocks_free(&b);

    const char *t4 = "<article><p>Gondor and Arnor met.</p><time datetime='2019-01-31'>x</time>"
                     "<time datetime='2018-01-01'>y</time></article>";
    vg_html_blocks(t4, strlen(t4), &b, date, NULL);
    STR_EQ(date, "2019-01-31", "first <time datetime> in the article");
    vg_blocks_free(&b);

    /* Hidden elements and empty input. */
    const char *t5 = "<p>Visible text about Arnor.</p><p hidden>Hidden one.</p>"
                     "<p style=\"display: none\">Also hidden.</p>";
    vg_html_blocks(t5, strlen(t5), &b, date, NULL);
    INT_EQ(b.n, 1, "hidden paragraphs skipped");
    vg_blocks_free(&b);

    vg_html_blocks("", 0, &b, date, &title);
    INT_EQ(b.n, 0, "empty page");
    STR_EQ(title, "", "empty page has an empty title");
    vg_free(title);
    vg_blocks_free(&b);

    /* Garbage bytes do not crash the parser. */
    const char *t6 = "<<<>>><p <a href=\"\"\"'>Gondor</p></td></tr><div></span>&#xFFFFFF;&bogus;";
    vg_html_blocks(t6, strlen(t6), &b, date, NULL);
    OK(1, "garbage markup survived");
    vg_blocks_free(&b);
}

int main(void)
{
    test_basic();
    test_density();
    test_broken();
    test_small_pages();
    TEST_MAIN_END();
}
