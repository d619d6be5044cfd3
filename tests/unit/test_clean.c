/*
 * test_clean.c — paragraphs, boilerplate rules and repeat collapsing
 * (clean.c). The stories are invented; fixtures are in tests/fixtures/clean.
 */
#include "alloc.h"
#include "clean.h"
#include "harness.h"
#include "ref_collapse.h"
#include "ref_phrases.h"
#include "vigil.h"

#include <stdio.h>
#include <stdlib.h>

/* The result of cleaning one text. */
typedef struct result {
    vg_buf text;
    vg_removed *rm;
    size_t nrm, caprm;
    size_t nblocks;
} result;

static void run_blocks(vg_blocks *b, unsigned flags, result *r)
{
    vg_buf_init(&r->text, 1u << 24);
    r->rm = NULL;
    r->nrm = r->caprm = 0;
    r->nblocks = b->n;
    vg_clean(b, flags, &r->text, &r->rm, &r->nrm, &r->caprm);
}

static void run(const char *text, unsigned flags, result *r)
{
    vg_blocks b = {0};
    vg_text_blocks(text, strlen(text), &b);
    run_blocks(&b, flags, r);
    vg_blocks_free(&b);
}

static void done(result *r)
{
    for (size_t i = 0; i < r->nrm; i++) vg_free(r->rm[i].text);
    vg_free(r->rm);
    vg_buf_free(&r->text);
}

static int kept(const result *r, const char *needle)
{
    return strstr(r->text.ptr, needle) != NULL;
}

/* The rule that removed a block containing needle, or "" if none did. */
static const char *rule_of(const result *r, const char *needle)
{
    for (size_t i = 0; i < r->nrm; i++)
        if (strstr(r->rm[i].text, needle)) return r->rm[i].rule;
    return "";
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    vg_buf b;
    vg_buf_init(&b, 1u << 24);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) vg_buf_put(&b, chunk, n);
    fclose(f);
    if (!b.ptr) vg_buf_put(&b, "", 0);
    return vg_buf_take(&b);
}

static size_t count_paras(const char *s)
{
    if (!*s) return 0;
    size_t n = 1;
    for (const char *p = s; (p = strstr(p, "\n\n")) != NULL; p += 2) n++;
    return n;
}

static void collapse(const char *in, const char *want, const char *what)
{
    vg_buf out;
    vg_buf_init(&out, 4096);
    vg_collapse_repeats(in, strlen(in), &out);
    STR_EQ(out.ptr, want, what);
    vg_buf_free(&out);
}

static void test_blocks(void)
{
    vg_blocks b = {0};
    const char *blank = "First paragraph here.\n\nSecond one.\r\n\r\n\n  Third.\n";
    vg_text_blocks(blank, strlen(blank), &b);
    INT_EQ(b.n, 3, "blank lines separate paragraphs");
    STR_EQ(b.n > 2 ? b.v[2].text : NULL, "Third.", "indentation and CR trimmed");
    vg_blocks_free(&b);

    const char *lines = "The first report came on Monday.\nA second report followed.\n"
                        "Officials said little.\n";
    vg_text_blocks(lines, strlen(lines), &b);
    INT_EQ(b.n, 3, "one paragraph per line when there are no blank lines");
    vg_blocks_free(&b);

    char *hw = slurp("tests/fixtures/clean/hardwrap.txt");
    OK(hw != NULL, "hardwrap fixture readable");
    if (hw) {
        vg_text_blocks(hw, strlen(hw), &b);
        INT_EQ(b.n, 3, "hard-wrapped text: three paragraphs");
        OK(b.n > 0 && strstr(b.v[0].text, "state of emergency in the northern") != NULL,
           "wrapped lines joined with a space");
        vg_blocks_free(&b);
        vg_free(hw);
    }

    /* Hard wrapped without blank lines: breaks where the next word fitted. */
    const char *hw2 = "Gondor's navy seized two cargo ships off the coast of Dol Amroth\n"
                      "on Sunday, accusing their crews of smuggling weapons to rebels.\n"
                      "Arnor called the seizure an act of piracy and demanded that\n"
                      "the crews be released at once.\n";
    vg_text_blocks(hw2, strlen(hw2), &b);
    INT_EQ(b.n, 2, "hard wrap without blank lines splits at short lines");
    vg_blocks_free(&b);

    /* A scraper's stray line break inside a sentence is joined. */
    const char *stray =
        "The minister said the talks would\ncontinue next week.\nNo date was set.\n";
    vg_text_blocks(stray, strlen(stray), &b);
    INT_EQ(b.n, 2, "mid-sentence line break joined");
    vg_blocks_free(&b);

    vg_text_blocks("", 0, &b);
    INT_EQ(b.n, 0, "empty text has no blocks");
    vg_blocks_free(&b);
}

static void test_appeal_fixture(void)
{
    char *s = slurp("tests/fixtures/clean/appeal_ledger.txt");
    OK(s != NULL, "appeal fixture readable");
    if (!s) return;
    result r;
    run(s, 0, &r);
    INT_EQ(count_paras(r.text.ptr), 7, "all seven reporting paragraphs kept");
    OK(kept(&r, "\"We have reached an understanding"), "first-person quote kept");
    OK(kept(&r, "\"Our soldiers will withdraw"), "quote with 'our' and 'we' kept");
    OK(kept(&r, "\"I think this is a first step"), "quote with 'I' kept");
    OK(kept(&r, "two border guards were wounded."), "last reporting paragraph kept");
    OK(!kept(&r, "Before you go"), "appeal header dropped");
    STR_EQ(rule_of(&r, "Dear Ledger reader"), "appeal", "salutation is an appeal");
    STR_EQ(rule_of(&r, "help from readers like you"), "appeal", "reader address is an appeal");
    STR_EQ(rule_of(&r, "Independent reporting from the borderlands"), "tail",
           "weak appeal paragraph goes with the tail");
    STR_EQ(rule_of(&r, "Give once or give monthly"), "tail", "button label in the tail");
    STR_EQ(rule_of(&r, "Maybe later"), "call-to-action", "dismiss button");
    INT_EQ(r.nrm, 8, "eight blocks removed");
    done(&r);

    /* The same story as blank-line paragraphs gives the same result. */
    vg_buf b2;
    vg_buf_init(&b2, 1u << 20);
    for (const char *p = s; *p; p++) {
        vg_buf_putc(&b2, *p);
        if (*p == '\n') vg_buf_putc(&b2, '\n');
    }
    run(b2.ptr, 0, &r);
    INT_EQ(count_paras(r.text.ptr), 7, "blank-line layout: seven paragraphs kept");
    done(&r);
    vg_buf_free(&b2);

    run(s, VIGIL_CLEAN_KEEP_BOILERPLATE, &r);
    INT_EQ(r.nrm, 0, "KEEP_BOILERPLATE drops nothing");
    OK(kept(&r, "Maybe later"), "KEEP_BOILERPLATE keeps the buttons");
    done(&r);
    vg_free(s);
}

static void test_wire_fixture(void)
{
    char *s = slurp("tests/fixtures/clean/wire_credits.txt");
    OK(s != NULL, "wire fixture readable");
    if (!s) return;
    result r;
    run(s, 0, &r);
    OK(strncmp(r.text.ptr, "Gondor's central bank raised", 28) == 0,
       "Reuters slug stripped from the lead");
    STR_EQ(rule_of(&r, "(Reuters)"), "credit", "slug recorded as credit");
    STR_EQ(rule_of(&r, "Read more: Gondor inflation"), "short-line", "Read more line dropped");
    OK(kept(&r, "Analysts polled last week"), "story resumes after an inline link line");
    STR_EQ(rule_of(&r, "(Reporting by Tam Weller"), "credit", "credit line dropped");
    OK(kept(&r, "\"We are prepared to act again"), "governor's quote kept");
    done(&r);
    vg_free(s);
}

static void test_newsletter_fixture(void)
{
    char *s = slurp("tests/fixtures/clean/newsletter_page.txt");
    OK(s != NULL, "newsletter fixture readable");
    if (!s) return;
    result r;
    run(s, 0, &r);
    OK(kept(&r, "Rohan dispatched a convoy"), "lead kept");
    OK(kept(&r, "according to Gondor's emergency ministry"), "second paragraph kept");
    OK(kept(&r, "thanked Rohan in a post on social media"), "paragraph after share buttons kept");
    STR_EQ(rule_of(&r, "By Lise Haral"), "credit", "byline");
    STR_EQ(rule_of(&r, "Sign up for our free morning"), "call-to-action", "newsletter prompt");
    STR_EQ(rule_of(&r, "Share this article"), "call-to-action", "share button");
    STR_EQ(rule_of(&r, "Print"), "short-line", "print button");
    STR_EQ(rule_of(&r, "Follow us on"), "call-to-action", "follow us");
    STR_EQ(rule_of(&r, "We use cookies"), "call-to-action", "cookie notice");
    STR_EQ(rule_of(&r, "All rights reserved"), "credit", "copyright line");
    done(&r);
    vg_free(s);
}

static void test_rules_inline(void)
{
    result r;
    /* An AP-style dateline slug and photo credits. */
    run("KYIV, Ukraine (AP) \xE2\x80\x94 Arnor's president met the envoy from Gondor on Monday "
        "to discuss a prisoner exchange.\n\n"
        "(AP Photo/Jon Reed)\n\n"
        "Photo: Arnor presidential press office\n\n"
        "The exchange would be the first since the spring, officials said.\n",
        0, &r);
    OK(strncmp(r.text.ptr, "Arnor's president met", 21) == 0, "AP dateline slug stripped");
    STR_EQ(rule_of(&r, "AP Photo/"), "credit", "AP photo credit");
    STR_EQ(rule_of(&r, "Photo: Arnor"), "credit", "Photo: credit");
    done(&r);

    /* A parenthesis in a lead sentence is not a slug. */
    run("The European Council (EC) - the bloc's top body - met on Friday to discuss sanctions "
        "against Mordor.\n",
        0, &r);
    OK(strncmp(r.text.ptr, "The European Council (EC)", 25) == 0, "no false slug");
    done(&r);

    /* Reported appeals stay: the reader is not being addressed. */
    run("Gondor's king told parliament on Monday that the country needed foreign support.\n\n"
        "\"We need your help, and we need it now,\" the king said, addressing the envoys of "
        "Rohan and Arnor.\n\n"
        "\"Donate what you can to the relief fund,\" he urged citizens in a televised speech, "
        "according to state media.\n",
        0, &r);
    INT_EQ(count_paras(r.text.ptr), 3, "quoted appeals inside reporting kept");
    INT_EQ(r.nrm, 0, "nothing removed from reporting");
    done(&r);

    /* Publisher appeals in other styles. */
    run("Arnor's army completed its withdrawal from the river islands on Sunday, the defence "
        "ministry said.\n\n"
        "Support independent journalism. Make a contribution today and help us keep our "
        "reporting free for everyone.\n\n"
        "Thank you for reading. If you enjoyed this article, please consider becoming a "
        "member.\n",
        0, &r);
    INT_EQ(count_paras(r.text.ptr), 1, "appeals in another style dropped");
    STR_EQ(rule_of(&r, "Make a contribution"), "appeal", "contribution appeal");
    done(&r);

    /* Calls to action and link-like lines. */
    run("Rohan and Gondor signed a defence pact in Edoras on Wednesday, the two governments "
        "said in a joint statement.\n\n"
        "READ ALSO: Rohan's king visits the western border\n\n"
        "https://example.org/news/rohan-pact\n\n"
        "Download our app for breaking news alerts.\n\n"
        "The pact commits each country to come to the other's aid if attacked.\n\n"
        "Advertisement\n",
        0, &r);
    STR_EQ(rule_of(&r, "READ ALSO"), "short-line", "READ ALSO line");
    STR_EQ(rule_of(&r, "https://example.org"), "short-line", "bare link");
    STR_EQ(rule_of(&r, "Download our app"), "call-to-action", "app prompt");
    STR_EQ(rule_of(&r, "Advertisement"), "call-to-action", "advertisement label");
    OK(kept(&r, "The pact commits each country"), "reporting after the prompts kept");
    done(&r);

    /* Reporting that merely mentions subscriptions and sign-ups is kept. */
    run("Millions of viewers in Arnor subscribe to satellite channels based in Gondor, which the "
        "government in Annuminas has tried to block for years, the regulator said in a report "
        "published on Tuesday.\n\n"
        "Gondor and Rohan will sign up to the new trade agreement next month, officials said.\n",
        0, &r);
    INT_EQ(r.nrm, 0, "reporting with subscribe / sign up kept");
    done(&r);

    /* A false trigger mid-story does not take the rest with it. */
    run("Arnor's parliament passed the budget on Thursday after a night-long session.\n\n"
        "Gondor's finance minister welcomed the vote.\n\n"
        "Related: Arnor budget talks stall\n\n"
        "The budget raises military spending by a fifth, the finance ministry said.\n\n"
        "Opposition parties voted against it.\n\n"
        "Protests are planned for Saturday in the capital.\n",
        0, &r);
    INT_EQ(count_paras(r.text.ptr), 5, "only the link line removed mid-story");
    done(&r);

    /* A label ending in a colon and a short non-sentence. */
    run("Arnor expelled two Gondorian diplomats on Monday, the foreign ministry said.\n\n"
        "Most popular\n\n"
        "Topics:\n",
        0, &r);
    OK(rule_of(&r, "Most popular")[0] != '\0', "Most popular dropped");
    STR_EQ(rule_of(&r, "Topics:"), "short-line", "label with colon");
    done(&r);
}

static void test_blocks_from_html(void)
{
    /* Blocks an earlier stage dropped keep their rule; link-dense ones go. */
    vg_blocks b = {0};
    vg_blocks_push(&b, vg_strdup("Home World Politics"), VG_BLK_LIST, 1.0f, "nav");
    vg_blocks_push(&b,
                   vg_strdup("Gondor's envoy arrived in Annuminas on Friday for talks on the "
                             "river crossing, the embassy said."),
                   VG_BLK_PARA, 0.0f, NULL);
    vg_blocks_push(&b, vg_strdup("Arnor election results Border talks stall again"), VG_BLK_PARA,
                   0.9f, NULL);
    result r;
    run_blocks(&b, 0, &r);
    STR_EQ(rule_of(&r, "Home World"), "nav", "earlier rule kept");
    STR_EQ(rule_of(&r, "Arnor election results"), "link-list", "link-dense block");
    INT_EQ(count_paras(r.text.ptr), 1, "one paragraph kept");
    done(&r);
    vg_blocks_free(&b);
}

static void test_normalize_and_repeats(void)
{
    result r;
    run("Gondor  warned   of \xE2\x80\x9Cserious consequences\xE2\x80\x9D if the the talks "
        "fail.\n",
        0, &r);
    STR_EQ(r.text.ptr, "Gondor warned of \"serious consequences\" if the talks fail.",
           "normalised, squeezed, repeat collapsed");
    done(&r);

    run("Gondor warned of \xE2\x80\x9Cserious consequences\xE2\x80\x9D if the the talks fail.\n",
        VIGIL_CLEAN_NO_NORMALIZE | VIGIL_CLEAN_KEEP_REPEATS, &r);
    OK(kept(&r, "\xE2\x80\x9C") && kept(&r, "the the"), "flags skip normalising and collapsing");
    done(&r);

    collapse("short-range short-range ballistic missiles", "short-range ballistic missiles",
             "hyphenated compound repeat");
    collapse("the the talks", "the talks", "the the");
    collapse("The the talks", "The talks", "case-insensitive, first copy's case kept");
    collapse("would respond \"respond swiftly\"", "would \"respond swiftly\"",
             "repeat across an opening quote");
    collapse("what he had had in mind", "what he had had in mind", "had had kept");
    collapse("he said that that was wrong", "he said that that was wrong", "that that kept");
    collapse("scores of 2 2 and 3", "scores of 2 2 and 3", "numbers kept");
    collapse("a very very bad day", "a very very bad day", "deliberate very very");
    collapse("no, no, no", "no, no, no", "comma between repeats");
    collapse("Arnor. Arnor will", "Arnor. Arnor will", "sentence end between repeats");
    collapse("the the the end", "the end", "triple repeat");
    collapse("", "", "empty input");
}

/* The plain squeeze, byte by byte, as the reference for the cleaner's
 * (which copies text that needs no squeezing whole). */
static void squeeze_ref(const char *s, size_t n, vg_buf *out)
{
    int pending = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pending = 1;
            continue;
        }
        if (pending && out->len > 0) vg_buf_putc(out, ' ');
        pending = 0;
        vg_buf_putc(out, (int)c);
    }
}

/* Random blocks of words, single and double spaces, tabs, newlines and
 * control bytes at every offset from an eight-byte boundary, kept whole
 * (no rules, no normalisation, no repeat collapsing): each must come out
 * squeezed as the reference squeezes it, the paragraphs joined by a blank
 * line. */
static void test_squeeze_random(void)
{
    static const char *const parts[] = {" ",      "  ",       "\t",           "\n",   "\r\n",
                                        "\v",     "\f",       "\x01",         "\x1f", "a",
                                        "Gondor", "\xc3\xa9", "\xe2\x80\x99", ".",    "word  word"};
    unsigned long long x = 0x9E3779B97F4A7C15ull;
    int same = 1;
    for (int t = 0; t < 3000 && same; t++) {
        vg_blocks b = {0};
        vg_buf want;
        vg_buf_init(&want, 1u << 24);
        size_t nb = 1 + t % 3;
        for (size_t k = 0; k < nb; k++) {
            vg_buf blk;
            vg_buf_init(&blk, 1u << 20);
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            size_t np = (size_t)(x % 40);
            for (size_t i = 0; i < np; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                /* Mostly words with single spaces, as normalised text is. */
                const char *p = x % 3 ? (x % 2 ? "abcdefg" + (x >> 8) % 7 : " ")
                                      : parts[(x >> 8) % (sizeof parts / sizeof parts[0])];
                vg_buf_puts(&blk, p);
            }
            vg_buf para;
            vg_buf_init(&para, 1u << 20);
            squeeze_ref(blk.ptr ? blk.ptr : "", blk.len, &para);
            if (para.len) {
                if (want.len) vg_buf_puts(&want, "\n\n");
                vg_buf_put(&want, para.ptr, para.len);
            }
            vg_buf_free(&para);
            vg_blocks_push(&b, blk.ptr ? vg_buf_take(&blk) : vg_strdup(""), VG_BLK_PARA, 0.0f,
                           NULL);
        }
        result r;
        run_blocks(
            &b, VIGIL_CLEAN_KEEP_BOILERPLATE | VIGIL_CLEAN_NO_NORMALIZE | VIGIL_CLEAN_KEEP_REPEATS,
            &r);
        const char *got = r.text.ptr ? r.text.ptr : "", *exp = want.ptr ? want.ptr : "";
        if (strcmp(got, exp) != 0) {
            same = 0;
            fprintf(stderr, "squeeze differs:\n[%s]\n[%s]\n", got, exp);
        }
        done(&r);
        vg_buf_free(&want);
        vg_blocks_free(&b);
    }
    OK(same, "blocks are squeezed as the byte-by-byte reference squeezes them");
}

/* vg_collapse_repeats against the version before its scans took sixteen
 * bytes at a time (ref_collapse.h): texts of words drawn from a few, so
 * that repeats are common, in every letter case, with hyphens,
 * apostrophes, digits, non-ASCII letters and punctuation, joined by the
 * gaps the rule looks at (spaces, quotes, commas, dashes, newlines). */
static uint32_t crng = 123456789u;
static uint32_t crand(void)
{
    crng ^= crng << 13, crng ^= crng >> 17, crng ^= crng << 5;
    return crng;
}

static int plain_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return 0;
    return 1;
}

static void test_collapse_reference(void)
{
    static const char *const words[] = {
        "the",
        "The",
        "THE",
        "had",
        "that",
        "talks",
        "Talks",
        "short-range",
        "Short-Range",
        "O'Brien",
        "o'brien",
        "2",
        "2024",
        "no",
        "very",
        "a",
        "A",
        "x1",
        "na\xc3\xafve",
        "\xc3\xa9t\xc3\xa9",
        "\xc3\x89T\xc3\x89",
        "\xe6\x97\xa5",
        "U.S.",
        "abcdefghijklmnopq",
        "a-b-c-d",
        "it's-a",
        "ZyxwvutsrqponmlkjihgfedcbazyxwvutsrqponmlkjihgfedcbaZYXWVUTSRQPONMLKJIHGFEDCBA",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij",
        "don't",
        "it's",
        "-",
        "'",
        "--",
        "a-",
        "-b",
        "\x80",
        "\xc3",
        "\xe2\x80",
        "respond",
        "Respond"};
    static const char *const gaps[] = {" ",
                                       " ",
                                       " ",
                                       " ",
                                       "  ",
                                       ", ",
                                       ". ",
                                       " \"",
                                       "\" ",
                                       " \xe2\x80\x9c",
                                       "\xe2\x80\x9d ",
                                       " '",
                                       " \xc2\xab",
                                       "\xc2\xa0",
                                       "\xe2\x80\x94",
                                       "-",
                                       "'",
                                       "\n",
                                       "\t",
                                       "",
                                       " ( ",
                                       " \xe2\x88\x92"};
    char buf[2048];
    int bad = 0, changed = 0, changed_ascii = 0;
    for (int t = 0; t < 30000; t++) {
        /* Half the texts are ASCII only: the collapse takes those 64
         * bytes at a time, the rest mostly byte by byte. */
        int ascii = t % 2;
        size_t len = 0, target = crand() % (ascii ? 1400 : 600);
        while (len < target) {
            const char *w = words[crand() % (sizeof words / sizeof words[0])];
            const char *g = gaps[crand() % (sizeof gaps / sizeof gaps[0])];
            size_t wn = strlen(w), gn = strlen(g);
            if (ascii && (!plain_ascii(w) || !plain_ascii(g))) continue;
            memcpy(buf + len, w, wn);
            len += wn;
            memcpy(buf + len, g, gn);
            len += gn;
        }
        /* Sometimes cut anywhere, inside a word or a character. */
        if (crand() % 4 == 0 && len) len = crand() % len;
        char *in = vg_malloc(len ? len : 1);
        memcpy(in, buf, len);
        vg_buf a, b;
        vg_buf_init(&a, 1u << 20);
        vg_buf_init(&b, 1u << 20);
        vg_collapse_repeats(in, len, &a);
        ref_collapse_repeats(in, len, &b);
        if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0) {
            if (bad++ < 3) fprintf(stderr, "collapse differs on \"%.*s\"\n", (int)len, in);
        }
        changed += a.len != len;
        changed_ascii += ascii && a.len != len;
        vg_buf_free(&a);
        vg_buf_free(&b);
        vg_free(in);
    }
    INT_EQ(bad, 0, "collapse: same as the reference on 30,000 texts");
    OK(changed > 1000 && changed_ascii > 1000, "collapse: the texts hold repeats");
}

/* A squeezed text with one fault at every place of every length to 80,
 * then of every fifth length to 144 (two steps of sixty-four): two
 * spaces side by side, a space at either end, a tab or a control byte.
 * The whole-text test (sixty-four, sixteen or eight bytes at a time) must
 * see each, wherever the block boundaries of its scan fall. */
static void test_squeeze_places(void)
{
    static const char *const faults[] = {"  ", "\t", "\x01", "\x1f", "\n", " \xc3\xa9 "};
    int bad = 0;
    char text[160];
    for (size_t n = 1; n <= 144; n += n < 80 ? 1 : 5) {
        for (size_t p = 0; p < n; p++) {
            for (size_t f = 0; f < sizeof faults / sizeof faults[0]; f++) {
                for (size_t k = 0; k < n; k++) text[k] = k % 4 == 3 ? ' ' : (char)('a' + k % 26);
                size_t fl = strlen(faults[f]);
                if (p + fl > n) continue;
                memcpy(text + p, faults[f], fl);
                text[n] = 0;
                vg_blocks b = {0};
                vg_blocks_push(&b, vg_strdup(text), VG_BLK_PARA, 0.0f, NULL);
                result r;
                run_blocks(&b,
                           VIGIL_CLEAN_KEEP_BOILERPLATE | VIGIL_CLEAN_NO_NORMALIZE |
                               VIGIL_CLEAN_KEEP_REPEATS,
                           &r);
                vg_buf want;
                vg_buf_init(&want, 1u << 20);
                squeeze_ref(text, n, &want);
                const char *got = r.text.ptr ? r.text.ptr : "", *exp = want.ptr ? want.ptr : "";
                if (strcmp(got, exp) != 0 && bad++ < 3)
                    fprintf(stderr, "squeeze differs on [%s]: [%s] [%s]\n", text, got, exp);
                vg_buf_free(&want);
                done(&r);
                vg_blocks_free(&b);
            }
        }
    }
    INT_EQ(bad, 0, "squeeze: a fault at every place of every length");
}

/* An e-mail address ('@' between letters or digits, at any place of a short
 * block) makes a credit; an '@' with a space beside it does not. */
static void test_email_credit(void)
{
    static const char *const lines[] = {"mail a@b", "a@b mail", "Write to desk@example.org"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "Gondor troops crossed the river on Monday, officials said in a statement.\n\n"
                 "%s\n\nAnother paragraph of reporting follows here, as officials said.\n",
                 lines[i]);
        result r;
        run(text, 0, &r);
        STR_EQ(rule_of(&r, lines[i]), "credit", lines[i]);
        done(&r);
    }
    result r;
    run("Gondor troops crossed the river on Monday, officials said in a statement.\n\n"
        "The desk can be reached @ noon by the readers of this story\n",
        0, &r);
    STR_EQ(rule_of(&r, "reached @ noon"), "", "an '@' between spaces is no address");
    done(&r);
}

/* vg_count_phrases (one walk over the text, phrases chained by first byte)
 * against a search per phrase (ref_phrases.h): texts of words that are
 * and are not the phrases' words, in every letter case, glued by spaces,
 * punctuation, digits and non-ASCII bytes; lists of whole and prefix
 * phrases ("donat*"), phrases that begin or end in punctuation, one-letter
 * and empty ones, phrases longer than the text, and lists longer than the
 * chained walk takes (counted phrase by phrase). Each text is copied to a
 * heap block of its own length so AddressSanitizer sees a read past it. */
static void test_phrases_reference(void)
{
    static const char *const words[] = {"support",
                                        "Support",
                                        "SUPPORT",
                                        "supporting",
                                        "us",
                                        "our",
                                        "we",
                                        "need",
                                        "your",
                                        "help",
                                        "donate",
                                        "donation",
                                        "Donations",
                                        "sign",
                                        "up",
                                        "signup",
                                        "share",
                                        "this",
                                        "read",
                                        "more",
                                        "ap",
                                        "AP",
                                        "photo",
                                        "reuters",
                                        "Reuters",
                                        "e-mail",
                                        "don't",
                                        "dear",
                                        "reader",
                                        "readers",
                                        "a",
                                        "I",
                                        "x",
                                        "2024",
                                        "3",
                                        "caf\xc3\xa9",
                                        "\xc3\x89T\xc3\x89",
                                        "\xe2\x80\x9c",
                                        "\xe2\x80\x94",
                                        "in",
                                        "on",
                                        "twitter",
                                        "log",
                                        "login",
                                        "per",
                                        "month",
                                        "inbox"};
    static const char *const glue[] = {" ", " ", " ", "  ", ", ", ". ", "-",        "/",  "'", "\"",
                                       "(", ")", ":", "|",  "",   "1",  "\xc2\xa0", "\n", "@", "*"};
    static const char *const pool[] = {
        "support us",
        "support*",
        "donat*",
        "sign up",
        "signup",
        "share this",
        "read more",
        "read more:",
        "read also |",
        "/ap",
        "ap photo",
        "reuters/",
        "/reuters",
        "dear reader*",
        "need your help",
        "your support",
        "e-mail this",
        "don't miss",
        "on twitter",
        "log in",
        "login",
        "per month",
        "inbox",
        "a",
        "x",
        "I",
        "3",
        "2024",
        "caf\xc3\xa9",
        "\xe2\x80\x9c",
        "-",
        ",",
        "*",
        "",
        "us*",
        "our",
        "our*",
        "we need your",
        "in",
        "a very long phrase that no short text can hold at all, not even close",
        "more:",
        ":",
        "(",
        "s",
        "p*"};
    size_t nwords = sizeof words / sizeof words[0], nglue = sizeof glue / sizeof glue[0];
    size_t npool = sizeof pool / sizeof pool[0];
    const char *list[160];
    char buf[1200];
    int bad = 0, found = 0, lists_long = 0;
    for (int t = 0; t < 20000; t++) {
        /* A list: up to 40 phrases, or now and then 130 (past the walk's
         * limit), drawn from the pool with repeats. */
        size_t nl = t % 50 == 0 ? 130 : crand() % 41;
        lists_long += nl > 128;
        for (size_t k = 0; k < nl; k++) list[k] = pool[crand() % npool];
        list[nl] = NULL;
        size_t len = 0, target = crand() % (t % 3 ? 120 : 1000);
        while (len < target) {
            const char *w = words[crand() % nwords];
            const char *g = glue[crand() % nglue];
            size_t wn = strlen(w), gn = strlen(g);
            if (len + wn + gn >= sizeof buf) break;
            memcpy(buf + len, w, wn);
            len += wn;
            memcpy(buf + len, g, gn);
            len += gn;
        }
        if (crand() % 4 == 0 && len) len = crand() % len;
        char *in = vg_malloc(len ? len : 1);
        memcpy(in, buf, len);
        int got = vg_count_phrases(in, len, list);
        int want = refp_count_phrases(in, len, list);
        if (got != want && bad++ < 3)
            fprintf(stderr, "phrases: %d, want %d on \"%.*s\"\n", got, want, (int)len, in);
        found += want > 0;
        vg_free(in);
    }
    INT_EQ(bad, 0, "phrases: same count as a search per phrase on 20,000 texts");
    OK(found > 5000 && lists_long > 0, "phrases: the texts hold phrases of the lists");
}

int main(void)
{
    test_phrases_reference();
    test_email_credit();
    test_squeeze_places();
    test_collapse_reference();
    test_squeeze_random();
    test_blocks();
    test_appeal_fixture();
    test_wire_fixture();
    test_newsletter_fixture();
    test_rules_inline();
    test_blocks_from_html();
    test_normalize_and_repeats();
    TEST_MAIN_END();
}
