/*
 * clean.c — from a story body to the text the coder sees (see clean.h).
 *
 * Three steps. vg_text_blocks cuts plain text into paragraphs, joining the
 * lines of hard-wrapped text. vg_clean then scores every block with a few
 * named rules and drops publisher boilerplate:
 *
 *   credit          credit lines and bylines ("Reporting by X; Editing by
 *                   Y", "AP Photo/...", "(c) 2024 ...", "By Jane Doe");
 *                   an agency slug ("LONDON (Reuters) -") is cut from the
 *                   first paragraph instead of dropping it;
 *   appeal          the publisher speaking to the reader in the first and
 *                   second person ("we need your help", "support us");
 *                   pronouns inside quotation marks, and blocks attributed
 *                   to a third party ("... , he said"), are reporting;
 *   call-to-action  subscribe, sign up, share, read more, cookies ...;
 *   short-line      very short blocks that are not sentences, labels
 *                   ending in a colon, link-like lines ("Read also: ...");
 *   link-list       HTML blocks that are mostly link text;
 *   tail            once the end of a story turns into the publisher's
 *                   appeal or link lists, everything after it goes too.
 *
 * The scores are computed on a folded copy of the block (typographic
 * quotes and dashes mapped to ASCII) so that the rules work with or without
 * normalisation. Kept blocks are normalised (utf8.h), accidental repeats
 * are collapsed, whitespace is squeezed and the paragraphs are joined with
 * a blank line.
 */
#include "clean.h"

#include "alloc.h"
#include "limits.h"
#include "scan.h"
#include "utf8.h"
#include "vigil.h"

#include <stdint.h>
#include <string.h>

/* Working buffers hold at most one story (normalisation can grow text a
 * little, hence the factor). */
#define CLEAN_BUF_MAX (2 * (size_t)VG_MAX_STORY_BYTES)

/* ------------------------------------------------------------ byte classes */

/* One table lookup per byte instead of a chain of compares: the scans of
 * the cleaner ask these for every byte of a story. */
enum { BC_SPACE = 1, BC_LOWER = 2, BC_UPPER = 4, BC_DIGIT = 8 };
#define BC(c)                                                                                      \
    ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' || (c) == '\f' || (c) == '\v'         \
         ? BC_SPACE                                                                                \
     : (c) >= 'a' && (c) <= 'z' ? BC_LOWER                                                         \
     : (c) >= 'A' && (c) <= 'Z' ? BC_UPPER                                                         \
     : (c) >= '0' && (c) <= '9' ? BC_DIGIT                                                         \
                                : 0)
#define BC4(c) BC(c), BC((c) + 1), BC((c) + 2), BC((c) + 3)
#define BC16(c) BC4(c), BC4((c) + 4), BC4((c) + 8), BC4((c) + 12)
#define BC64(c) BC16(c), BC16((c) + 16), BC16((c) + 32), BC16((c) + 48)
static const unsigned char bclass[256] = {BC64(0), BC64(64), BC64(128), BC64(192)};

static int is_space(unsigned char c)
{
    return bclass[c] & BC_SPACE;
}

static int is_lower(unsigned char c)
{
    return bclass[c] & BC_LOWER;
}

static int is_upper(unsigned char c)
{
    return bclass[c] & BC_UPPER;
}

static int is_digit(unsigned char c)
{
    return bclass[c] & BC_DIGIT;
}

static int is_alnum(unsigned char c)
{
    return bclass[c] & (BC_LOWER | BC_UPPER | BC_DIGIT);
}

static unsigned char to_lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c + 32) : c;
}

/* Length of a UTF-8 punctuation or space sequence at s that must not count
 * as part of a word: the General Punctuation block (dashes, curly quotes,
 * ellipsis, special spaces), NBSP, guillemets and the minus sign. 0 when s
 * does not start one. */
static size_t upunct_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80) return 3;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) return 3;
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xA0 || u[1] == 0xAB || u[1] == 0xBB)) return 2;
    return 0;
}

/* 1 if s starts a quotation mark (ASCII or typographic); its length in *len. */
static int quote_at(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 1 && (u[0] == '"' || u[0] == '\'')) {
        *len = 1;
        return 1;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x98 && u[2] <= 0x9F) {
        *len = 3;
        return 1;
    }
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB)) {
        *len = 2;
        return 1;
    }
    return 0;
}

/* Case-insensitive ASCII comparison of two byte ranges (other bytes must be
 * equal). */
static int eq_ci(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn) return 0;
    for (size_t i = 0; i < an; i++)
        if (to_lower((unsigned char)a[i]) != to_lower((unsigned char)b[i])) return 0;
    return 1;
}

/* ------------------------------------------------------------------ blocks */

void vg_blocks_push(vg_blocks *b, char *text, unsigned kind, float link_density,
                    const char *dropped)
{
    vg_block blk = {text, kind, link_density, dropped};
    VG_PUSH(b->v, b->n, b->cap, blk);
}

void vg_blocks_free(vg_blocks *b)
{
    for (size_t i = 0; i < b->n; i++) vg_free(b->v[i].text);
    vg_free(b->v);
    b->v = NULL;
    b->n = b->cap = 0;
}

/* One line of plain text: content [s, e) without indentation or trailing
 * space, its indentation and its width in characters. */
typedef struct line {
    size_t s, e;
    size_t indent;
    size_t width;
    int blank;
} line;

/* Characters in s[0, n): the bytes that are not UTF-8 continuation bytes
 * (10xxxxxx). With SSE2 sixteen at a time (scan.h); elsewhere eight at a
 * time: a byte's top bit set and the next bit clear marks it, and the
 * marks are added up by one multiplication. */
static size_t utf8_width(const char *s, size_t n)
{
#if defined(__SSE2__)
    return n - vg_count_continuations((const unsigned char *)s, n);
#else
    const uint64_t highs = 0x8080808080808080ull;
    size_t cont = 0, i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t m = (w & ~(w << 1) & highs) >> 7;
        cont += (size_t)((m * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) == 0x80) cont++;
    return n - cont;
#endif
}

/* Width of the first word of a line (up to the first space). */
static size_t first_word_width(const char *text, const line *l)
{
    size_t i = l->s;
    while (i < l->e && !is_space((unsigned char)text[i])) i++;
    return utf8_width(text + l->s, i - l->s);
}

/* 1 if the line ends like a sentence or a quotation: . ! ? : or a closing
 * quote or bracket. */
static int ends_terminal(const char *text, const line *l)
{
    if (l->e == l->s) return 0;
    unsigned char c = (unsigned char)text[l->e - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'' || c == ')') return 1;
    /* Closing curly quotes and the ellipsis end in 0x9D, 0x99, 0xA6. */
    if (l->e - l->s >= 3 && (unsigned char)text[l->e - 3] == 0xE2 &&
        (unsigned char)text[l->e - 2] == 0x80 && (c == 0x9D || c == 0x99 || c == 0xA6))
        return 1;
    return 0;
}

static int starts_lower(const char *text, const line *l)
{
    return l->e > l->s && is_lower((unsigned char)text[l->s]);
}

/* Appends line content to the paragraph being built, with the separator
 * that joining needs: nothing after a word broken at its hyphen
 * ("short-" + "range"), a space otherwise. */
static void join_line(vg_buf *para, const char *text, const line *l)
{
    if (para->len > 0) {
        size_t n = para->len;
        int hyphen_break = n >= 2 && para->ptr[n - 1] == '-' &&
                           (is_lower((unsigned char)para->ptr[n - 2]) ||
                            is_upper((unsigned char)para->ptr[n - 2]));
        if (!hyphen_break) vg_buf_putc(para, ' ');
    }
    vg_buf_put(para, text + l->s, l->e - l->s);
}

static void flush_para(vg_buf *para, vg_blocks *out)
{
    if (para->len == 0) return;
    vg_blocks_push(out, vg_buf_take(para), VG_BLK_TEXT, 0.0f, NULL);
}

/*
 * Plain text to paragraphs. Lines are measured first; the text counts as
 * hard-wrapped when its longest line is short (30..100 characters), there
 * are at least three line breaks inside paragraphs and most lines that
 * continue into another line reach close to that width. In hard-wrapped
 * text a line break ends a paragraph only at a blank line, at an indented
 * line, where the next word would still have fitted on the line (so the
 * writer chose to break), or after a sentence end well short of the width. Otherwise each line is a
 * paragraph, except that a line ending mid-sentence and followed by one starting in lower case is
 * continued (a scraper's stray line break).
 */
void vg_text_blocks(const char *text, size_t len, vg_blocks *out)
{
    line *lines = NULL;
    size_t nl = 0, capl = 0;
    size_t i = 0;
    while (i < len) {
        size_t s = i;
        const char *eol = memchr(text + i, '\n', len - i);
        i = eol ? (size_t)(eol - text) : len;
        size_t e = i;
        if (i < len) i++; /* the newline */
        line l = {s, e, 0, 0, 0};
        while (l.s < l.e && (text[l.s] == ' ' || text[l.s] == '\t')) {
            l.indent += text[l.s] == '\t' ? 4 : 1;
            l.s++;
        }
        while (l.e > l.s && is_space((unsigned char)text[l.e - 1])) l.e--;
        /* A line of only non-breaking spaces is blank too. */
        while (l.s < l.e && upunct_len(text + l.s, l.e - l.s) == 2 &&
               (unsigned char)text[l.s + 1] == 0xA0)
            l.s += 2;
        l.blank = l.e == l.s;
        VG_PUSH(lines, nl, capl, l);
    }

    /* Hard-wrap detection. Widths matter only to it, and only when three
     * line breaks or more fall inside paragraphs: a story of one line per
     * paragraph (most JSON lines) is not measured. */
    size_t wmax = 0, cont = 0, longish = 0;
    for (size_t k = 0; k + 1 < nl; k++) cont += !lines[k].blank && !lines[k + 1].blank;
    if (cont >= 3) {
        for (size_t k = 0; k < nl; k++) {
            lines[k].width = utf8_width(text + lines[k].s, lines[k].e - lines[k].s);
            if (!lines[k].blank && lines[k].width > wmax) wmax = lines[k].width;
        }
        for (size_t k = 0; k + 1 < nl; k++) {
            if (lines[k].blank || lines[k + 1].blank) continue;
            if (lines[k].width * 10 >= wmax * 7) longish++;
        }
    }
    int hard = wmax >= 30 && wmax <= 100 && cont >= 3 && longish * 10 >= cont * 6;

    vg_buf para;
    vg_buf_init(&para, CLEAN_BUF_MAX);
    for (size_t k = 0; k < nl; k++) {
        const line *l = &lines[k];
        if (l->blank) {
            flush_para(&para, out);
            continue;
        }
        if (para.len > 0 && k > 0 && !lines[k - 1].blank) {
            const line *p = &lines[k - 1];
            int joins;
            if (hard)
                joins = !(l->indent > p->indent) &&
                        p->width + 1 + first_word_width(text, l) > wmax &&
                        !(ends_terminal(text, p) && p->width * 10 < wmax * 8);
            else
                joins = !ends_terminal(text, p) && starts_lower(text, l);
            if (!joins) flush_para(&para, out);
        }
        join_line(&para, text, l);
    }
    flush_para(&para, out);
    vg_buf_free(&para);
    vg_free(lines);
}

/* ---------------------------------------------------------------- analysis */

/* Blocks longer than this are never boilerplate; the phrase rules look at
 * this many bytes at most, which bounds the work on hostile input. */
#define SCAN_BYTES 2048u

/* Folds text for the rules: typographic quotes become ASCII quotes, dashes
 * '-', special spaces ' ', the ellipsis "...". Case is kept. */
static void fold(const char *s, size_t n, vg_buf *out)
{
    vg_buf_reset(out);
    for (size_t i = 0; i < n;) {
        /* ASCII is copied as it is, a run at a time: only sequences that
         * start with a byte from 0x80 up are folded. */
        size_t j = i;
        while (j < n && (unsigned char)s[j] < 0x80) j++;
        if (j > i) {
            vg_buf_put(out, s + i, j - i);
            i = j;
            continue;
        }
        const unsigned char *u = (const unsigned char *)s + i;
        size_t q = 0;
        size_t pl = upunct_len(s + i, n - i);
        if (quote_at(s + i, n - i, &q) && q > 1) {
            int single = (q == 3 && u[2] >= 0x98 && u[2] <= 0x9B);
            vg_buf_putc(out, single ? '\'' : '"');
            i += q;
        } else if (pl == 3 && u[1] == 0x80 && u[2] == 0xA6) {
            vg_buf_puts(out, "...");
            i += 3;
        } else if (pl == 3 && ((u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95) || u[1] == 0x88)) {
            vg_buf_putc(out, '-');
            i += 3;
        } else if (pl) {
            vg_buf_putc(out, ' ');
            i += pl;
        } else {
            vg_buf_putc(out, *u);
            i++;
        }
    }
    if (!out->ptr) vg_buf_put(out, "", 0);
}

/* A word of folded text. */
typedef struct word {
    size_t s, e;
    int quoted; /* inside quotation marks */
} word;

/* What the rules know about one block. */
typedef struct feats {
    size_t nwords;
    int first_out;  /* first-person pronouns outside quotation marks */
    int second_out; /* second-person pronouns outside quotation marks */
    int attributed; /* "said", "told", "according to" ... by a third party */
    int quoted;     /* contains quotation marks */
    int final_punct;
    int ends_colon;
    int verbish;
    int has_url;
    int has_email;
} feats;

/* The same test as eq_ci(word, lit) without measuring lit first: the
 * comparison stops at the first differing byte, which for a word against a
 * list of short literals is almost always the first (profiled: this was
 * the cleaner's hottest function with strlen + eq_ci). Words never hold
 * NUL bytes, so reaching lit's NUL early means the lengths differ. */
static int wd_is(const char *t, const word *w, const char *lit)
{
    const unsigned char *a = (const unsigned char *)t + w->s;
    const unsigned char *b = (const unsigned char *)lit;
    size_t n = w->e - w->s;
    for (size_t i = 0; i < n; i++)
        if (!b[i] || to_lower(a[i]) != to_lower(b[i])) return 0;
    return b[n] == '\0';
}

static int wd_in(const char *t, const word *w, const char *const *list)
{
    if (w->e == w->s) {
        for (size_t i = 0; list[i]; i++)
            if (wd_is(t, w, list[i])) return 1;
        return 0;
    }
    /* The first letters differ for nearly every literal: test that before
     * calling wd_is. */
    unsigned char c0 = to_lower((unsigned char)t[w->s]);
    for (size_t i = 0; list[i]; i++)
        if (to_lower((unsigned char)list[i][0]) == c0 && wd_is(t, w, list[i])) return 1;
    return 0;
}

/* clang-format off */
static const char *const first_person[] = {
    "we", "our", "ours", "us", "ourselves", "we're", "we've", "we'll", "we'd", "i", "me", "my",
    "i'm", "i've", "i'll", "i'd", NULL};
/* clang-format on */
/* clang-format off */
static const char *const second_person[] = {
    "you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd", NULL};
/* clang-format on */
/* clang-format off */
static const char *const attribution[] = {
    "said", "says", "added", "adds", "told", "tells", "stated", "noted", "warned", "wrote",
    "tweeted", "posted", "insisted", "stressed", "explained", "announced", "declared", "reported",
    "claimed", "argued", "asked", "replied", "according", "quoted", "cited", NULL};
/* clang-format on */
/* clang-format off */
static const char *const verb_words[] = {
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "may", "might", "must", "should", "says", "said", "do", "does", "did", NULL};
/* clang-format on */

/* Splits folded text into words (letters, digits, non-ASCII letters, inner
 * hyphens and apostrophes) and notes which lie inside quotation marks. A
 * double quote toggles; a single quote opens only before a word and closes
 * only after one, so apostrophes ("Iran's", "allies'") do not count. An
 * unclosed quote runs to the end of the block, as news paragraphs that
 * continue a quotation do. */
static size_t split_words(const char *t, size_t n, word **v, size_t *cap)
{
    size_t nw = 0;
    int dq = 0, sq = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)t[i];
        if (c == '"') {
            dq = !dq;
            i++;
            continue;
        }
        if (c == '\'') {
            int before_word = i + 1 < n && (is_alnum((unsigned char)t[i + 1]));
            int after_space = i == 0 || is_space((unsigned char)t[i - 1]) || t[i - 1] == '(';
            if (!sq && before_word && after_space)
                sq = 1;
            else if (sq && !before_word)
                sq = 0;
            i++;
            continue;
        }
        if (is_alnum(c) || c >= 0x80) {
            word w = {i, i, dq || sq};
            while (i < n) {
                unsigned char d = (unsigned char)t[i];
                if (is_alnum(d) || d >= 0x80)
                    i++;
                else if ((d == '-' || d == '\'') && i + 1 < n &&
                         (is_alnum((unsigned char)t[i + 1]) || (unsigned char)t[i + 1] >= 0x80))
                    i++;
                else
                    break;
            }
            w.e = i;
            VG_PUSH(*v, nw, *cap, w);
            continue;
        }
        i++;
    }
    return nw;
}

/* 1 if lit occurs in t[0, n), case-insensitively. Candidates are found
 * with memchr, once for each case of lit's first letter (to_lower maps
 * exactly those two bytes to it), instead of a compare at every byte. */
static int contains_ci(const char *t, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (m == 0) return 1;
    if (m > n) return 0;
    unsigned char lo = to_lower((unsigned char)lit[0]);
    unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 32) : lo;
    for (int v = 0; v < (up != lo ? 2 : 1); v++) {
        for (const char *q = t; (q = memchr(q, v ? up : lo, (size_t)(t + n - m + 1 - q)));) {
            /* The second byte inline first: 'h' is common, "ht" is not. */
            if ((m < 2 || to_lower((unsigned char)q[1]) == to_lower((unsigned char)lit[1])) &&
                eq_ci(q, m, lit, m))
                return 1;
            if (++q > t + n - m) break;
        }
    }
    return 0;
}

/* Finds phrase p in t at word boundaries, case-insensitively. A phrase
 * ending in '*' matches any word continuation ("donat*": donate,
 * donation); one that ends in punctuation needs no boundary after it. */
static int has_phrase(const char *t, size_t n, const char *p)
{
    size_t m = strlen(p);
    int prefix = m > 0 && p[m - 1] == '*';
    if (prefix) m--;
    int punct_end = m > 0 && !is_alnum((unsigned char)p[m - 1]);
    if (m == 0 || m > n) {
        /* The degenerate cases keep the plain scan. */
        for (size_t i = 0; i + m <= n; i++) {
            if (i > 0 && is_alnum((unsigned char)t[i - 1])) continue;
            if (!prefix && !punct_end && i + m < n && is_alnum((unsigned char)t[i + m])) continue;
            return 1;
        }
        return 0;
    }
    /* Candidates are found with memchr, once for each case of the first
     * letter (to_lower maps exactly those two bytes to it): a vectorised
     * scan instead of a compare at every byte. The order in which
     * matches are found does not matter, only whether one exists. */
    unsigned char lo = to_lower((unsigned char)p[0]);
    unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 32) : lo;
    for (int v = 0; v < (up != lo ? 2 : 1); v++) {
        const char *q = t;
        for (;;) {
            size_t i = (size_t)(q - t);
            if (i + m > n) break;
            q = memchr(q, v ? up : lo, n - m + 1 - i);
            if (!q) break;
            i = (size_t)(q - t);
            q++;
            if (i > 0 && is_alnum((unsigned char)t[i - 1])) continue;
            if (!eq_ci(t + i, m, p, m)) continue;
            if (!prefix && !punct_end && i + m < n && is_alnum((unsigned char)t[i + m])) continue;
            return 1;
        }
    }
    return 0;
}

/* Phrase lists longer than this are counted phrase by phrase. */
#define PHRASES_MAX 128

/* Buckets of the phrases by their first two bytes, lower-cased: the low
 * five bits of each (the 26 letters apart, other bytes share buckets). */
#define PAIR_BUCKETS 1024u

static unsigned pair_bucket(unsigned char a, unsigned char b)
{
    return ((a & 31u) << 5) | (b & 31u);
}

/*
 * The number of phrases of list that has_phrase finds in t, in one walk
 * over t instead of one search per phrase (a short block of 2,000 bytes
 * took about 5,000 instructions a phrase, 113 phrases a block). A phrase
 * can only start where has_phrase lets it, at a byte that follows no
 * letter or digit; there, only the phrases whose first two bytes are
 * those of t (lower-cased) are compared, through a chain of them per
 * bucket of the two bytes: most word starts have no phrase in their
 * bucket ("the" has none), and a chain of first letters held about six
 * phrases a word ("s": subscribe, sign up, share this...), each tested.
 * Inside a word the walk jumps to its end (scan.h). Each phrase is
 * counted once, as has_phrase answers once. Empty and one-byte phrases
 * (and "*") keep has_phrase's own scan. tests/unit/test_clean.c compares
 * it with the sum of has_phrase on generated texts and lists.
 */
int vg_count_phrases(const char *t, size_t n, const char *const *list)
{
    size_t np = 0;
    while (list[np]) np++;
    if (np > PHRASES_MAX) {
        int c = 0;
        for (size_t i = 0; list[i]; i++) c += has_phrase(t, n, list[i]);
        return c;
    }
    unsigned char head[PAIR_BUCKETS], next[PHRASES_MAX], hit[PHRASES_MAX], free_end[PHRASES_MAX];
    /* The first three bytes lower-cased (the third 0 for a phrase of two). */
    unsigned char first[PHRASES_MAX], second[PHRASES_MAX], third[PHRASES_MAX];
    size_t plen[PHRASES_MAX];
    memset(head, 0xFF, sizeof head);
    int count = 0;
    /* Chained in reverse so each chain runs in list order (the order does
     * not change the count; it keeps the walk easy to follow). */
    for (size_t k = np; k-- > 0;) {
        const char *p = list[k];
        size_t m = strlen(p);
        int prefix = m > 0 && p[m - 1] == '*';
        if (prefix) m--;
        hit[k] = 0;
        if (m < 2) {
            count += has_phrase(t, n, p);
            continue;
        }
        plen[k] = m;
        first[k] = to_lower((unsigned char)p[0]);
        second[k] = to_lower((unsigned char)p[1]);
        third[k] = m > 2 ? to_lower((unsigned char)p[2]) : 0;
        free_end[k] = (unsigned char)(prefix || !is_alnum((unsigned char)p[m - 1]));
        unsigned b = pair_bucket(first[k], second[k]);
        next[k] = head[b];
        head[b] = (unsigned char)k;
    }
    const unsigned char *u = (const unsigned char *)t;
    size_t i = 0;
    /* The last byte starts no phrase of two bytes or more. */
    while (i + 1 < n) {
        /* t[i] follows no letter or digit (or starts t). */
        unsigned char c = u[i], a = to_lower(c), b = to_lower(u[i + 1]);
        for (unsigned k = head[pair_bucket(a, b)]; k != 0xFF; k = next[k]) {
            size_t m = plen[k];
            /* The bucket holds other pairs too: the bytes themselves first,
             * and the third ("the" against "thank you for") before eq_ci. */
            if (hit[k] || first[k] != a || second[k] != b || m > n - i ||
                (m > 2 &&
                 (to_lower(u[i + 2]) != third[k] || !eq_ci(t + i + 3, m - 3, list[k] + 3, m - 3))))
                continue;
            if (!free_end[k] && i + m < n && is_alnum(u[i + m])) continue;
            hit[k] = 1;
            count++;
        }
        /* Past a word the next byte follows a letter or digit: skip it. */
        i = is_alnum(c) ? vg_skip_alnum(u, i + 1, n) + 1 : i + 1;
    }
    return count;
}

static int count_phrases(const char *t, size_t n, const char *const *list)
{
    return vg_count_phrases(t, n, list);
}

/* 1 if the block starts with p (case-insensitively), after any opening
 * bracket or space. */
static int starts_with(const char *t, size_t n, const char *p)
{
    size_t i = 0;
    while (i < n && (is_space((unsigned char)t[i]) || t[i] == '(' || t[i] == '[')) i++;
    size_t m = strlen(p);
    return n - i >= m && eq_ci(t + i, m, p, m);
}

/* The four word lists analyse asks about, as one index: every entry is
 * chained by its lower-cased first byte and carries its list's bit, and
 * `lens` says which lengths the entries of each first byte have (bit 31:
 * 31 or more), so a word is classed by one look at `lens` (most words:
 * "the" has no entry of its length) and, if that passes, one walk of a
 * chain, instead of four walks of four lists' chains. */
enum { WC_FIRST = 1, WC_SECOND = 2, WC_ATTR = 4, WC_VERB = 8 };
#define WCLASS_MAX 128

typedef struct wclass {
    unsigned char head[256];
    uint32_t lens[256];
    unsigned char next[WCLASS_MAX];
    unsigned char len[WCLASS_MAX]; /* entry lengths, at most 31 */
    unsigned char bit[WCLASS_MAX];
    const char *lit[WCLASS_MAX];
} wclass;

static void wclass_add(wclass *x, size_t *n, const char *const *list, unsigned bit)
{
    for (size_t k = 0; list[k] && *n < WCLASS_MAX; k++) {
        size_t m = strlen(list[k]);
        unsigned char c = to_lower((unsigned char)list[k][0]);
        unsigned lb = m < 31 ? (unsigned)m : 31u;
        x->lit[*n] = list[k];
        x->len[*n] = (unsigned char)lb;
        x->bit[*n] = (unsigned char)bit;
        x->next[*n] = x->head[c];
        x->head[c] = (unsigned char)*n;
        x->lens[c] |= 1u << lb;
        ++*n;
    }
}

static void wclass_build(wclass *x)
{
    /* Every entry of the four lists (their NULLs apart) has a slot. */
    _Static_assert(sizeof first_person / sizeof *first_person +
                           sizeof second_person / sizeof *second_person +
                           sizeof attribution / sizeof *attribution +
                           sizeof verb_words / sizeof *verb_words - 4 <=
                       WCLASS_MAX,
                   "WCLASS_MAX holds the four word lists");
    memset(x->head, 0xFF, sizeof x->head);
    memset(x->lens, 0, sizeof x->lens);
    size_t n = 0;
    wclass_add(x, &n, first_person, WC_FIRST);
    wclass_add(x, &n, second_person, WC_SECOND);
    wclass_add(x, &n, attribution, WC_ATTR);
    wclass_add(x, &n, verb_words, WC_VERB);
}

/* The bits of the lists that hold word w (wd_is against each entry). */
static inline unsigned wclass_of(const char *t, const word *w, const wclass *x)
{
    size_t wl = w->e - w->s;
    if (wl == 0) return 0; /* no entry is empty */
    unsigned char c = to_lower((unsigned char)t[w->s]);
    unsigned lb = wl < 31 ? (unsigned)wl : 31u;
    if (!((x->lens[c] >> lb) & 1u)) return 0;
    unsigned bits = 0;
    for (unsigned k = x->head[c]; k != 0xFF; k = x->next[k])
        if (x->len[k] == lb && !(bits & x->bit[k]) && wd_is(t, w, x->lit[k])) bits |= x->bit[k];
    return bits;
}

static void analyse(const char *t, size_t n, const word *w, size_t nw, feats *f)
{
    memset(f, 0, sizeof *f);
    f->nwords = nw;
    wclass x;
    wclass_build(&x);
    unsigned prev = 0; /* the previous word's lists */
    for (size_t i = 0; i < nw; i++) {
        unsigned cl = wclass_of(t, &w[i], &x);
        /* "US" in capitals is the country, not the pronoun. */
        int us_caps = w[i].e - w[i].s == 2 && t[w[i].s] == 'U' && t[w[i].s + 1] == 'S';
        if (!w[i].quoted && !us_caps && (cl & WC_FIRST)) f->first_out++;
        if (!w[i].quoted && (cl & WC_SECOND)) f->second_out++;
        if (cl & WC_ATTR) {
            /* "we said" is the publisher speaking, not a third party. */
            int self = i > 0 && (prev & (WC_FIRST | WC_SECOND));
            if (!self) f->attributed = 1;
        }
        if (cl & WC_VERB) f->verbish = 1;
        size_t len = w[i].e - w[i].s;
        if (len > 4 && eq_ci(t + w[i].e - 2, 2, "ed", 2)) f->verbish = 1;
        prev = cl;
    }
    /* quote_at holds at every '"' (a quotation mark of one byte). */
    f->quoted = memchr(t, '"', n) != NULL;
    size_t e = n;
    while (e > 0 && is_space((unsigned char)t[e - 1])) e--;
    size_t k = e;
    while (k > 0 && (t[k - 1] == '"' || t[k - 1] == '\'' || t[k - 1] == ')' || t[k - 1] == ']'))
        k--;
    if (k > 0 && (t[k - 1] == '.' || t[k - 1] == '!' || t[k - 1] == '?')) f->final_punct = 1;
    if (e > 0 && t[e - 1] == ':') f->ends_colon = 1;
    f->has_url =
        contains_ci(t, n, "http://") || contains_ci(t, n, "https://") || contains_ci(t, n, "www.");
    /* An address: '@' between letters or digits, found by memchr. */
    for (const char *at_sign = n > 2 ? memchr(t + 1, '@', n - 2) : NULL; at_sign;) {
        size_t i = (size_t)(at_sign - t);
        if (is_alnum((unsigned char)t[i - 1]) && is_alnum((unsigned char)t[i + 1])) {
            f->has_email = 1;
            break;
        }
        at_sign = i + 2 < n ? memchr(t + i + 1, '@', n - 2 - i) : NULL;
    }
}

/* ------------------------------------------------------------------- rules */

/* clang-format off */
static const char *const appeal_phrases[] = {
    "support us", "support our", "support independent", "independent journalism",
    "independent media", "donate*", "donation*", "contribution", "contribute today",
    "become a member", "become a supporter", "become a patron", "membership", "dear reader*",
    "dear friend*", "we need your", "need your help", "your support", "thank you for",
    "reader-funded", "reader-supported", "chip in", "make a gift", "per month", "monthly",
    "for just", "any amount", "patreon", "paypal", "crowdfund*", "our journalism", "our reporting",
    "our newsroom", "our work", "free press", "keep us going", "fund our", "supporting",
    "no matter how small", NULL};
/* clang-format on */

/* clang-format off */
static const char *const cta_phrases[] = {
    "subscribe*", "subscription*", "sign up", "signup", "sign in", "log in", "login",
    "newsletter*", "share this", "share on", "share via", "share article", "share the story",
    "print this", "email this", "e-mail this", "follow us", "read more", "read also", "see also",
    "also read", "read next", "click here", "tap here", "download our", "download the app",
    "our app", "remind me later", "remind me", "not now", "no thanks", "maybe later", "cookie*",
    "all rights reserved", "privacy policy", "terms of use", "terms of service",
    "terms and conditions", "advertisement", "continue reading", "keep reading",
    "listen to this article", "most read", "most popular", "don't miss", "get the latest", "inbox",
    "create an account", "create a free account", "already a subscriber",
    "already have an account", "skip to", "back to top", "leave a comment",
    "join the conversation", "more stories", "related stories", "related articles",
    "related coverage", "you may also like", "whatsapp channel", "telegram channel",
    "enable notifications", "turn on notifications", "breaking news alerts", "watch live", "on twitter", "on facebook", "on instagram", "on telegram",
    "on youtube", NULL};
/* clang-format on */

/* clang-format off */
static const char *const imperative_starts[] = {
    "subscribe", "sign", "read", "click", "tap", "share", "follow", "download", "support",
    "donate", "join", "get", "watch", "listen", "remind", "register", "log", "print", "email",
    "tweet", "like", "see", "contact", "send", "become", "give", "help", "continue", "learn",
    "explore", "discover", "visit", "check", "don't", "please", "thank", NULL};
/* clang-format on */

/* clang-format off */
static const char *const credit_starts[] = {
    "reporting by", "additional reporting", "editing by", "edited by", "writing by", "written by",
    "compiled by", "produced by", "photo:", "photos:", "photo by", "photograph:", "photograph by",
    "photographs:", "image:", "image by", "images:", "picture:", "pictured:", "video:", "credit:",
    "credits:", "illustration:", "file photo", "\xC2\xA9", "(c)", "copyright", "our standards:",
    "contact:", "write to", "email:", "source:", NULL};
/* clang-format on */

/* clang-format off */
static const char *const credit_anywhere[] = {
    "ap photo", "/ap", "getty images", "via getty", "reuters/", "/reuters", "afp photo", "/afp",
    "epa-efe", "shutterstock", "trust principles", "contributed to this report",
    "contributed reporting", NULL};
/* clang-format on */

/* Lines that introduce a link ("Read also: ...") rather than say anything. */
/* clang-format off */
static const char *const link_prefixes[] = {
    "read also:", "read more:", "see also:", "also read:", "related:", "more:", "watch:",
    "listen:", "recommended:", "read:", "also see:", "more on this:", "read also |", "also read |",
    "read more |", NULL};
/* clang-format on */

/* Words that make a short label line ("A Message from X:") the start of a
 * publisher's tail. */
/* clang-format off */
static const char *const header_words[] = {
    "message from", "note from", "letter from", "word from", "support*", "donat*", "dear reader*",
    "before you go", "one more thing", "editor's note", "journalism", "subscribe*", "newsletter*",
    "related", "more stories", "comments", "read more", "recommended", "you may also like",
    "most read", "from our partners", "readers", "you go", "don't go", "wait", "thank you", NULL};
/* clang-format on */

/* A "By Jane Doe" byline: "By" and up to eight names, initials, "and"
 * or an agency after a comma, and no sentence punctuation at the end. */
static int is_byline(const char *t, size_t n, const word *w, size_t nw, const feats *f)
{
    if (nw < 2 || nw > 9 || !wd_is(t, &w[0], "by") || f->final_punct) return 0;
    for (size_t i = 1; i < nw; i++) {
        unsigned char c = (unsigned char)t[w[i].s];
        if (!is_upper(c) && c < 0x80 && !wd_is(t, &w[i], "and") && !wd_is(t, &w[i], "in") &&
            !wd_is(t, &w[i], "de") && !wd_is(t, &w[i], "van") && !wd_is(t, &w[i], "von"))
            return 0;
    }
    (void)n;
    return 1;
}

static int starts_imperative(const char *t, const word *w, size_t nw)
{
    return nw > 0 && wd_in(t, &w[0], imperative_starts);
}

/* Scores of one block, before the tail rule. */
typedef struct verdict {
    const char *rule; /* dropping rule or NULL */
    int appeal, cta;  /* scores */
    int weak;         /* looks at least a little like boilerplate */
    int trigger;      /* may start a publisher's tail */
    int reporting;    /* clearly reporting: attributed, no reader address */
    size_t len;       /* the block's length, measured once for both passes */
} verdict;

static void judge(const vg_block *b, size_t blen, vg_buf *fb, word **wv, size_t *wcap, verdict *v)
{
    memset(v, 0, sizeof *v);
    v->len = blen;
    /* A long block is reporting whatever its words say: decide before
     * folding and analysing it (the result would be thrown away). */
    if (blen >= SCAN_BYTES) {
        v->reporting = 1;
        return;
    }
    fold(b->text, blen, fb);
    const char *t = fb->ptr;
    size_t n = fb->len;
    size_t nw = split_words(t, n, wv, wcap);
    const word *w = *wv;
    feats f;
    analyse(t, n, w, nw, &f);

    if (nw == 0) {
        v->rule = "short-line";
        v->weak = 1;
        return;
    }

    int attr = f.attributed && nw >= 4;
    v->reporting = attr && f.first_out == 0 && f.second_out == 0 && nw >= 12;

    /* Appeals: the publisher's "we" and the reader's "you" outside quotes. */
    int ap = 2 * count_phrases(t, n, appeal_phrases);
    int sec = f.second_out < 3 ? f.second_out : 3;
    int fir = f.first_out < 4 ? f.first_out : 4;
    ap += sec + fir / 2;
    if (ap > 0) v->weak = 1;
    if (attr) ap -= 4;
    v->appeal = ap;

    /* Calls to action. */
    int ct = 2 * count_phrases(t, n, cta_phrases);
    if (ct > 0) v->weak = 1;
    if (ct > 0) {
        int imperative = starts_imperative(t, w, nw);
        if (nw < 8) ct++;
        if (imperative) ct++;
        /* A declarative sentence that mentions a login or a sponsor
         * ("Hackers stole login details of officials.") is reporting. */
        if (f.final_punct && nw >= 5 && f.second_out == 0 && !imperative) ct -= 2;
        ct += f.second_out < 2 ? f.second_out : 2;
        if (nw >= 40) ct--;
        if (nw >= 80) ct--;
        if (attr) ct -= 4;
    }
    v->cta = ct;

    /* Weak signals for the tail rule: short blocks and any address to the
     * reader. A plain sentence of reporting is never weak, however short. */
    if (nw < 12 || f.first_out > 0 || f.second_out > 0) v->weak = 1;
    if (b->link_density >= 0.3f) v->weak = 1;
    int plain_sentence = f.final_punct && f.verbish && nw >= 6 && f.first_out == 0 &&
                         f.second_out == 0 && ap <= 0 && ct <= 0 && b->link_density < 0.3f;
    if (plain_sentence) {
        v->weak = 0;
        v->reporting = 1;
    }

    /* Credits come first: they are the most specific. */
    int credit = 0;
    for (size_t i = 0; credit_starts[i]; i++) credit |= starts_with(t, n, credit_starts[i]);
    if (nw < 30) credit |= count_phrases(t, n, credit_anywhere) > 0;
    if (f.has_email && nw < 15 && !attr) credit = 1;
    if (is_byline(t, n, w, nw, &f)) credit = 1;
    if (credit && nw < 60) {
        v->rule = "credit";
        v->weak = 1;
        return;
    }

    if (b->link_density >= 0.5f || (b->link_density >= 0.3f && nw < 12)) {
        v->rule = "link-list";
        v->trigger = 1;
        return;
    }
    for (size_t i = 0; link_prefixes[i]; i++)
        if (starts_with(t, n, link_prefixes[i])) {
            /* Not a tail trigger: wire stories put these mid-story. */
            v->rule = "short-line";
            v->weak = 1;
            return;
        }
    if (f.has_url && nw < 15) {
        v->rule = "short-line";
        v->weak = 1;
        return;
    }
    if (ap >= 3 && ap >= ct) {
        v->rule = "appeal";
        v->trigger = 1;
        return;
    }
    if (ct >= 3) {
        v->rule = "call-to-action";
        v->trigger = 1;
        return;
    }
    /* A salutation ("Dear readers,", "Dear Ledger reader") opens an appeal. */
    if (starts_with(t, n, "dear ") && nw <= 6 && !attr && !f.final_punct) {
        v->rule = "appeal";
        v->trigger = 1;
        return;
    }
    /* A short label with the vocabulary of a publisher's box ("Before you
     * go...", "Support the Ledger", "A message from X:"). */
    int header = nw <= 6 && !attr && count_phrases(t, n, header_words) > 0;
    if (header && (nw <= 4 || !f.final_punct || f.ends_colon)) {
        v->rule = "short-line";
        v->weak = 1;
        v->trigger = 1;
        return;
    }
    if (f.ends_colon && nw <= 10 && !attr) {
        v->rule = "short-line";
        v->weak = 1;
        v->trigger = count_phrases(t, n, header_words) > 0;
        return;
    }
    if (nw < 5 && !f.final_punct && !f.verbish) {
        v->rule = "short-line";
        v->weak = 1;
        v->trigger = count_phrases(t, n, header_words) > 0;
        return;
    }
}

/* ----------------------------------------------------------- slugs, credit */

/* Length of a dash at s: "-", "--", en or em dash; 0 if none. */
static size_t dash_at(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] == '-' && u[1] == '-') return 2;
    if (n >= 1 && u[0] == '-') return 1;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94)) return 3;
    return 0;
}

/*
 * Length of an agency slug or dateline at the start of a lead paragraph,
 * 0 if there is none. Two shapes: a short prefix with a parenthesised
 * agency and a dash ("LONDON, Sept 9 (Reuters) - ", "(AP) -- "), and a
 * capitalised place name with a dash ("KYIV - "). The prefix must not
 * contain a sentence end, and what follows must look like a sentence.
 */
/* clang-format off */
static const char *const agencies[] = {
    "Reuters", "AP", "AFP", "UPI", "dpa", "DPA", "Xinhua", "Bloomberg", "ANI", "PTI", "IANS",
    "TASS", "Interfax", "Anadolu", "Yonhap", "Kyodo", "EFE", "ANSA", "BBC", "CNN", "RFE/RL",
    "Sputnik", "IRNA", "WAFA", "KUNA", "Bernama", "Antara", "Ukrinform", "RIA Novosti",
    "Al Jazeera", "AA", "APA", "BNS", "Prensa Latina", NULL};
/* clang-format on */

/* 1 if t starts with a word of two or more capitals ("LONDON", "KYIV"). */
static int caps_word_first(const char *t, size_t n)
{
    size_t i = 0;
    while (i < n && is_upper((unsigned char)t[i])) i++;
    return i >= 2 && (i == n || !is_lower((unsigned char)t[i]));
}

static size_t slug_len(const char *t, size_t n)
{
    size_t lim = n < 120 ? n : 120;
    /* Only a period or an opening bracket is looked at: found sixteen
     * bytes at a time (scan.h; the other three bytes asked for repeat
     * them). */
    for (size_t i = 0;
         (i = vg_find_any5((const unsigned char *)t, i, lim, '.', '(', '(', '(', '(')) < lim; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '.' && i + 1 < n && t[i + 1] == ' ') {
            /* "Sept. 9" may stand in a dateline; a longer word ends a sentence. */
            size_t w = i;
            while (w > 0 &&
                   (is_lower((unsigned char)t[w - 1]) || is_upper((unsigned char)t[w - 1])))
                w--;
            if (i - w > 4) return 0;
        }
        if (c == '(') {
            size_t j = i + 1;
            while (j < lim && t[j] != ')' && t[j] != '(' && j - i <= 40) j++;
            if (j >= lim || t[j] != ')' || j == i + 1) return 0;
            if (!is_upper((unsigned char)t[i + 1]) && t[i + 1] != 'd') return 0;
            int agency = 0;
            for (size_t k = 0; agencies[k]; k++)
                agency |= eq_ci(t + i + 1, j - i - 1, agencies[k], strlen(agencies[k]));
            if (i > 0 && !agency && !caps_word_first(t, i)) return 0;
            size_t k = j + 1;
            while (k < n && t[k] == ' ') k++;
            size_t d = dash_at(t + k, n - k);
            if (!d) return 0;
            k += d;
            if (k < n && t[k] != ' ') return 0;
            while (k < n && t[k] == ' ') k++;
            return k < n ? k : 0;
        }
    }
    /* "KYIV - ": one to three words in capitals before the dash. */
    size_t i = 0, caps_words = 0;
    while (i < n && i < 40) {
        size_t s = i;
        while (i < n && (is_upper((unsigned char)t[i]) || t[i] == ',' || t[i] == '.')) i++;
        if (i - s < 2 || (i < n && is_lower((unsigned char)t[i]))) break;
        caps_words++;
        if (i < n && t[i] == ' ') i++;
        size_t d = dash_at(t + i, n - i);
        if (d && i + d < n && t[i + d] == ' ') {
            i += d;
            while (i < n && t[i] == ' ') i++;
            return caps_words <= 3 && i < n ? i : 0;
        }
    }
    return 0;
}

/* Start of a trailing parenthesised credit ("(Reporting by A; Editing by
 * B)") at the end of a paragraph, or len when there is none. */
static size_t trailing_credit(const char *t, size_t len)
{
    static const char *const openers[] = {"(reporting by", "(additional reporting", "(writing by",
                                          "(editing by",   "(compiled by",          NULL};
    size_t e = len;
    while (e > 0 && is_space((unsigned char)t[e - 1])) e--;
    if (e == 0 || t[e - 1] != ')') return len;
    size_t from = e > 400 ? e - 400 : 0;
    for (size_t i = from; i < e; i++) {
        if (t[i] != '(') continue;
        for (size_t k = 0; openers[k]; k++) {
            size_t m = strlen(openers[k]);
            if (e - i >= m && eq_ci(t + i, m, openers[k], m)) return i;
        }
    }
    return len;
}

/* ----------------------------------------------------------------- repeats */

/* Words a writer repeats on purpose: never collapsed. */
/* clang-format off */
static const char *const deliberate[] = {
    "had", "that", "is", "very", "really", "so", "much", "many", "far", "more", "no", "yes", "ha",
    "bye", "knock", "long", "well", "chop", "tut", "boo", "now", "go", "again", "bang", "blah",
    "ho", "hey", "tick", "tock", "do", "please", NULL};
/* clang-format on */

/* A word for repeat detection: [s, e) of letters, digits, non-ASCII
 * letters, inner hyphens and apostrophes. */
static size_t word_end(const char *t, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)t;
    for (;;) {
        /* ASCII letters and digits, the bulk of every word: sixteen at a
         * time (scan.h). */
        i = vg_skip_alnum(u, i, n);
        if (i >= n) return i;
        unsigned char c = u[i];
        if (c >= 0x80) {
            if (upunct_len(t + i, n - i)) return i;
            i++;
        } else if ((c == '-' || c == '\'') && i + 1 < n &&
                   (is_alnum(u[i + 1]) || u[i + 1] >= 0x80) && !upunct_len(t + i + 1, n - i - 1)) {
            i++;
        } else {
            return i;
        }
    }
}

/* Where vg_collapse_repeats stands: the previous word kept, the gap after
 * it, and how much of the input is written out. */
typedef struct repeats {
    const char *in;
    vg_buf *out;
    size_t copied;     /* in[copied, ...) is still to be written */
    size_t pw_s, pw_e; /* the previous word kept */
    size_t gap_s;      /* where the gap after it starts */
    int have_prev;
} repeats;

/* The word in[s, e) has the previous word's length and first letter: if
 * it repeats it (see vg_collapse_repeats), drops it or the previous one.
 * Returns 1 when the word itself was dropped. */
static int drop_repeat(repeats *r, size_t s, size_t e)
{
    const char *in = r->in;
    size_t g = r->gap_s;
    int space = 0, quote = 0;
    while (g < s && is_space((unsigned char)in[g])) {
        g++;
        space = 1;
    }
    size_t q;
    while (g < s && quote_at(in + g, s - g, &q)) {
        g += q;
        quote = 1;
    }
    word pw = {r->pw_s, r->pw_e, 0};
    if (!(g == s && space && eq_ci(in + r->pw_s, r->pw_e - r->pw_s, in + s, e - s) &&
          !is_digit((unsigned char)in[s]) && !wd_in(in, &pw, deliberate)))
        return 0;
    if (quote) {
        /* Drop the first copy and the space after it. */
        if (r->pw_s >= r->copied) {
            vg_buf_put(r->out, in + r->copied, r->pw_s - r->copied);
            size_t skip = r->gap_s;
            while (skip < s && is_space((unsigned char)in[skip])) skip++;
            r->copied = skip;
        }
        return 0;
    }
    /* Drop the space before the second copy and the copy. */
    vg_buf_put(r->out, in + r->copied, r->gap_s - r->copied);
    r->copied = e;
    r->gap_s = e;
    return 1;
}

/* The word in[s, e) follows the previous one: drop it or the previous one
 * if it repeats it, and make it the previous word unless it was dropped.
 * A repeat has the previous word's length and first letter: those are
 * tested here, inline, and nearly every word fails them. */
static inline void next_word(repeats *r, size_t s, size_t e)
{
    if (r->have_prev && r->pw_e - r->pw_s == e - s &&
        to_lower((unsigned char)r->in[r->pw_s]) == to_lower((unsigned char)r->in[s]) &&
        drop_repeat(r, s, e))
        return;
    r->pw_s = s;
    r->pw_e = e;
    r->gap_s = e;
    r->have_prev = 1;
}

/* One step of the byte-by-byte walk from in[i]: a byte that starts no
 * word is passed, a word is measured and handed to next_word. Returns
 * where the walk goes on. */
static size_t repeats_step(repeats *r, size_t i, size_t len)
{
    const char *in = r->in;
    unsigned char c = (unsigned char)in[i];
    /* Bytes that are neither ASCII letters and digits nor part of a
     * non-ASCII character start no word: skip them all at once. */
    if (!is_alnum(c) && c < 0x80) return vg_find_wordish((const unsigned char *)in, i + 1, len);
    int word_start = (is_alnum(c) || (c >= 0x80 && !upunct_len(in + i, len - i))) &&
                     (i == 0 || !is_alnum((unsigned char)in[i - 1]));
    if (!word_start) return i + 1;
    size_t e = word_end(in, len, i);
    if (e == i) e = i + 1;
    next_word(r, i, e);
    return e;
}

#if defined(__SSE2__)
/* The ASCII letters and digits of sixteen bytes as a bit mask: the two
 * classes joined before the one movemask. */
static inline unsigned chunk_alnum(__m128i v)
{
    __m128i l = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(128 - 'a'));
    __m128i g = _mm_add_epi8(v, _mm_set1_epi8(128 - '0'));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(l, _mm_set1_epi8(-128 + 26)),
                                                    _mm_cmplt_epi8(g, _mm_set1_epi8(-128 + 10))));
}

/* The bytes that may join two parts of a word ('-' and '\''). */
static inline unsigned chunk_join(__m128i v)
{
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')),
                                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
}

/* A word in[s, s + n) of repeats_chunk: the previous word is in the
 * chunk's locals (*ps, *plen; *moved when r does not have it yet), and
 * next_word is called only for a word of the previous one's length and
 * first letter. */
static inline void chunk_word(repeats *r, size_t s, unsigned n, size_t *ps, size_t *plen,
                              int *moved)
{
    if (n == *plen && to_lower((unsigned char)r->in[*ps]) == to_lower((unsigned char)r->in[s])) {
        if (*moved) r->pw_s = *ps, r->pw_e = *ps + *plen, r->gap_s = *ps + *plen, r->have_prev = 1;
        next_word(r, s, s + n);
        *ps = r->pw_s, *plen = r->pw_e - r->pw_s, *moved = 0;
    } else {
        *ps = s, *plen = n, *moved = 1;
    }
}

/*
 * The words of in[i, i + 64), found from bit masks, when those bytes are
 * all ASCII: a word is then a run of letters and digits, with a '-' or
 * '\'' inside it when a letter or digit stands on both sides (what
 * word_end joins), and every letter or digit that follows no other starts
 * one (repeats_step's word_start). Words are handed to next_word in order.
 * Returns where the walk goes on: i + 64, or the start of a word that may
 * run on past the 64 bytes (or whose end byte may join it to what follows)
 * so the next chunk or step takes it whole; i itself when the bytes hold a
 * non-ASCII byte or start inside a word, for the byte walk to take.
 */
static size_t repeats_chunk(repeats *r, size_t i)
{
    const unsigned char *u = (const unsigned char *)r->in + i;
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)u);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + 16));
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(u + 32));
    __m128i d = _mm_loadu_si128((const __m128i *)(const void *)(u + 48));
    /* A non-ASCII byte anywhere: one mask for the four. */
    if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) ||
        (i > 0 && is_alnum(u[-1])))
        return i;
    uint64_t alnum = (uint64_t)chunk_alnum(a) | (uint64_t)chunk_alnum(b) << 16 |
                     (uint64_t)chunk_alnum(c) << 32 | (uint64_t)chunk_alnum(d) << 48;
    uint64_t join = (uint64_t)chunk_join(a) | (uint64_t)chunk_join(b) << 16 |
                    (uint64_t)chunk_join(c) << 32 | (uint64_t)chunk_join(d) << 48;
    /* A joiner at bit 0 follows no word byte of these 64 (the walk is never
     * left inside a word), so the shift bringing in 0 is right. */
    uint64_t wmask = alnum | (join & (alnum >> 1) & (alnum << 1));
    uint64_t starts = wmask & ~(wmask << 1);
    /* The previous word in locals (a length of 0 when there is none: no
     * word has it): next_word's length test inline, and r updated only
     * for a word that passes it and at the end. `moved` says the locals
     * hold a word r does not yet have as its previous one. */
    size_t ps = r->pw_s, plen = r->have_prev ? r->pw_e - r->pw_s : 0, next = i + 64;
    int moved = 0;
    /* Every word but the last of the 64 bytes ends before the next word's
     * start, so a byte outside words follows it inside the 64: its length
     * is the run of wmask from its start, with no test of where it ends.
     * The last word is taken below. */
    for (uint64_t later; (later = starts & (starts - 1)) != 0; starts = later) {
        unsigned k = vg_scan_ctz64(starts);
        unsigned n = vg_scan_ctz64(~wmask >> k);
        chunk_word(r, i + k, n, &ps, &plen, &moved);
    }
    if (starts) {
        unsigned k = vg_scan_ctz64(starts);
        /* The run from bit k: the first bit of ~wmask at k or above, with
         * the bits shifted in from the top counted as word bytes. */
        uint64_t rest = ~wmask >> k;
        unsigned n = rest ? vg_scan_ctz64(rest) : 64 - k;
        /* The end byte's class is known only when it is not the last of
         * the 64 (a joiner there may join the next byte). */
        if (k + n >= 63)
            next = i + k;
        else
            chunk_word(r, i + k, n, &ps, &plen, &moved);
    }
    if (moved) r->pw_s = ps, r->pw_e = ps + plen, r->gap_s = ps + plen, r->have_prev = 1;
    return next;
}
#endif

/*
 * Collapses a word that is immediately repeated: the copies are separated
 * only by white space, optionally with opening quotation marks before the
 * second copy. Without a quote the second copy goes (so "The the" keeps its
 * capital); with one the first copy goes and the quote stays ('respond
 * "respond swiftly' -> '"respond swiftly'). A comma or other punctuation
 * between the two ("no, no") marks a deliberate repeat, and so do the words
 * in `deliberate` and numbers ("2 2").
 *
 * The walk goes 64 bytes at a time through ASCII text (repeats_chunk) and
 * byte by byte (repeats_step) through the rest; both find the same words
 * (tests/unit/test_clean.c compares them with the byte walk alone).
 */
void vg_collapse_repeats(const char *in, size_t len, vg_buf *out)
{
    repeats r = {in, out, 0, 0, 0, 0, 0};
    size_t i = 0;
    while (i < len) {
#if defined(__SSE2__)
        if (len - i >= 64) {
            size_t next = repeats_chunk(&r, i);
            if (next > i) {
                i = next;
                continue;
            }
            /* Not ASCII, or a 64-byte word: the byte walk to the chunk's end. */
            size_t stop = i + 64;
            while (i < stop) i = repeats_step(&r, i, len);
            continue;
        }
#endif
        i = repeats_step(&r, i, len);
    }
    vg_buf_put(out, in + r.copied, len - r.copied);
    if (!out->ptr) vg_buf_put(out, "", 0);
}

/* ------------------------------------------------------------------- clean */

static void add_removed(vg_removed **rm, size_t *nrm, size_t *caprm, const char *text, size_t n,
                        const char *rule)
{
    vg_removed r = {vg_strndup(text, n), rule};
    VG_PUSH(*rm, *nrm, *caprm, r);
}

/* 1 if squeezing would leave s as it is: no white space but single
 * spaces between other bytes. Normalised text usually is, and the test
 * takes sixteen bytes at a time with SSE2, eight otherwise: no byte below 0x20 (tab, newline and
 * the other white space are all there) and no space next to a space. */
static int squeezed_already(const char *s, size_t n)
{
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ') return n == 0;
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    size_t i = 0;
    int prev_space = 0;
#if defined(__SSE2__)
    /* Sixty-four at a time, then sixteen: a byte below 0x20 is one whose
     * unsigned maximum with 0x1F is 0x1F; spaces side by side are
     * neighbouring mask bits. */
    for (; n - i >= 64; i += 64) {
        const __m128i low = _mm_set1_epi8(0x1F), space = _mm_set1_epi8(' ');
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
        __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 32));
        __m128i d = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 48));
        __m128i ctl = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(a, low), low),
                                                _mm_cmpeq_epi8(_mm_max_epu8(b, low), low)),
                                   _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(c, low), low),
                                                _mm_cmpeq_epi8(_mm_max_epu8(d, low), low)));
        if (_mm_movemask_epi8(ctl)) return 0;
        uint64_t sp = (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, space)) |
                      (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, space)) << 16 |
                      (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(c, space)) << 32 |
                      (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(d, space)) << 48;
        if ((sp & (sp >> 1)) || (prev_space && (sp & 1u))) return 0;
        prev_space = (int)(sp >> 63);
    }
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i low = _mm_set1_epi8(0x1F);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, low), low))) return 0;
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
        if ((sp & (sp >> 1)) || (prev_space && (sp & 1u))) return 0;
        prev_space = (int)(sp >> 15);
    }
#endif
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w - 0x20 * ones) & ~w & highs) return 0;
        uint64_t x = w ^ (0x20 * ones);
        uint64_t sp = ~(((x & low7) + low7) | x) & highs; /* exactly the spaces */
        /* Neighbours within the word, in either byte order. */
        if ((sp & (sp >> 8)) | (sp & (sp << 8))) return 0;
        if (prev_space && s[i] == ' ') return 0;
        prev_space = s[i + 7] == ' ';
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || (c == ' ' && prev_space)) return 0;
        prev_space = c == ' ';
    }
    return 1;
}

/* Squeezes runs of white space to one space and trims both ends. The
 * result is never longer than s, so room for it is made once and the bytes
 * are written straight into out (a vg_buf_putc per byte was the cleaner's
 * busiest call); text that is squeezed already is copied whole. */
static void squeeze(const char *s, size_t n, vg_buf *out)
{
    if (squeezed_already(s, n)) {
        vg_buf_put(out, s, n);
        return;
    }
    if (vg_buf_reserve(out, n)) return;
    char *o = out->ptr + out->len;
    int pending = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            pending = 1;
            continue;
        }
        if (pending && o > out->ptr) *o++ = ' ';
        pending = 0;
        *o++ = (char)c;
    }
    out->len = (size_t)(o - out->ptr);
    out->ptr[out->len] = '\0';
}

/* Appends s[0, n) to b with repeated words collapsed, or as it is under
 * VIGIL_CLEAN_KEEP_REPEATS. */
static void derepeat(const char *s, size_t n, unsigned flags, vg_buf *b)
{
    if (flags & VIGIL_CLEAN_KEEP_REPEATS)
        vg_buf_put(b, s, n);
    else
        vg_collapse_repeats(s, n, b);
}

/*
 * Normalises, squeezes and de-repeats one kept paragraph and appends it to
 * the story's text `out`, after a blank line when out holds text already;
 * an empty paragraph adds nothing. When out surely has room for the
 * paragraph (the repeat collapse never lengthens its input) it is written
 * straight into out; otherwise it is made in `para` first, so that at
 * out's ceiling a paragraph goes whole or not at all. Text that needs no
 * squeezing (most) is not copied for it. Returns 1 when out is full.
 */
static int finish_block(const char *s, size_t n, unsigned flags, vg_buf *para, vg_buf *out)
{
    vg_buf a, b;
    vg_buf_init(&a, CLEAN_BUF_MAX);
    vg_buf_init(&b, CLEAN_BUF_MAX);
    const char *cur = s;
    size_t cn = n;
    if (!(flags & VIGIL_CLEAN_NO_NORMALIZE)) {
        if (vg_text_normalize(s, n, &a) == 0 && a.ptr) {
            cur = a.ptr;
            cn = a.len;
        }
    }
    if (!squeezed_already(cur, cn)) {
        squeeze(cur, cn, &b);
        cur = b.ptr ? b.ptr : "";
        cn = b.len;
    }
    int full = 0;
    size_t sep = out->len > 0 ? 2 : 0;
    if (out->len <= out->max && out->max - out->len >= sep && out->max - out->len - sep >= cn) {
        size_t mark = out->len;
        if (sep) vg_buf_put(out, "\n\n", 2);
        size_t body = out->len;
        derepeat(cur, cn, flags, out);
        if (out->len == body) {
            out->len = mark;
            if (out->ptr) out->ptr[mark] = '\0';
        }
    } else {
        vg_buf_reset(para);
        derepeat(cur, cn, flags, para);
        if (para->len > 0)
            full = (out->len > 0 && vg_buf_put(out, "\n\n", 2)) ||
                   vg_buf_put(out, para->ptr, para->len);
    }
    vg_buf_free(&a);
    vg_buf_free(&b);
    return full;
}

/*
 * The tail rule. A block that clearly starts the publisher's part of the
 * page (an appeal, a call to action, a link list or a label such as "A
 * Message from X:") is a trigger when it is not in the first third of the
 * story, some reporting was kept before it, and every block after it is at
 * least weakly boilerplate and none is clear reporting. Then everything
 * from it on is dropped. The conditions keep one false positive in the
 * middle of a story from taking the rest of the story with it.
 */
static size_t find_tail(const verdict *v, size_t n)
{
    int kept_before = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].trigger && kept_before && 3 * i >= n) {
            int all_weak = 1;
            for (size_t k = i + 1; k < n && all_weak; k++)
                if (!v[k].weak || v[k].reporting) all_weak = 0;
            if (all_weak) return i;
        }
        if (!v[i].rule) kept_before = 1;
    }
    return n;
}

void vg_clean(const vg_blocks *in, unsigned flags, vg_buf *out, vg_removed **removed,
              size_t *nremoved, size_t *capremoved)
{
    size_t n = in->n;
    verdict *v = vg_calloc(n ? n : 1, sizeof *v);
    vg_buf fb;
    vg_buf_init(&fb, CLEAN_BUF_MAX);
    word *wv = NULL;
    size_t wcap = 0;
    int keep_all = (flags & VIGIL_CLEAN_KEEP_BOILERPLATE) != 0;

    for (size_t i = 0; i < n; i++) {
        v[i].len = strlen(in->v[i].text);
        if (in->v[i].dropped) {
            v[i].rule = in->v[i].dropped;
            v[i].weak = 1;
            continue;
        }
        if (!keep_all) judge(&in->v[i], v[i].len, &fb, &wv, &wcap, &v[i]);
    }
    size_t tail = keep_all ? n : find_tail(v, n);

    /* The slug sits in the lead paragraph, which may follow a kept headline
     * or two; slug_len is strict enough to try the first few blocks. */
    int slug_tries = 3;
    vg_buf para;
    vg_buf_init(&para, CLEAN_BUF_MAX);
    for (size_t i = 0; i < n; i++) {
        const char *t = in->v[i].text;
        size_t len = v[i].len;
        const char *rule = v[i].rule;
        if (!rule && i >= tail) rule = "tail";
        if (rule) {
            add_removed(removed, nremoved, capremoved, t, len, rule);
            continue;
        }
        size_t s = 0, e = len;
        if (!keep_all) {
            if (slug_tries > 0) {
                slug_tries--;
                size_t sl = slug_len(t, len);
                if (sl) {
                    size_t se = sl;
                    while (se > 0 && is_space((unsigned char)t[se - 1])) se--;
                    add_removed(removed, nremoved, capremoved, t, se, "credit");
                    s = sl;
                    slug_tries = 0;
                }
            }
            size_t tc = trailing_credit(t, len);
            if (tc < len && tc > s) {
                add_removed(removed, nremoved, capremoved, t + tc, len - tc, "credit");
                e = tc;
            }
        }
        if (finish_block(t + s, e - s, flags, &para, out)) break;
    }
    if (!out->ptr) vg_buf_put(out, "", 0);
    vg_buf_free(&para);
    vg_buf_free(&fb);
    vg_free(wv);
    vg_free(v);
}
