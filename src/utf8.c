/*
 * utf8.c — UTF-8 validation, repair and normalisation (see utf8.h).
 *
 * Every byte of input passes through here, so the common case is made
 * cheap: runs of plain ASCII are found sixteen bytes at a time with SSE2
 * (scan.h; eight at a time elsewhere) and copied in one piece, and only the bytes around non-ASCII
 * characters are looked at one by one. Decoding follows the Unicode table of well-formed byte
 * sequences (Table 3-7), so overlong forms, surrogates and code points
 * above U+10FFFF are rejected by the ranges of the second byte alone.
 *
 * Repair replaces each "maximal subpart" of an ill-formed sequence with one
 * U+FFFD, the practice the Unicode standard recommends and browsers follow:
 * a truncated three-byte character gives one replacement, not three.
 *
 * Normalisation maps typographic punctuation to ASCII and then composes to
 * NFC with utf8proc. utf8proc is called only on the short non-ASCII
 * segments (plus the ASCII letter before them, which a combining mark may
 * compose with), and only when a segment holds a code point that NFC can
 * change at all (a combining mark, or one of a few blocks; see
 * nfc_may_change).
 */
#include "utf8.h"

#include "alloc.h"
#include "scan.h"
#include "vigil.h"

#include <string.h>
#include <utf8proc.h>

/* The bytes of U+FFFD REPLACEMENT CHARACTER. */
static const char REPLACEMENT[3] = {(char)0xEF, (char)0xBF, (char)0xBD};

/* Lead-byte classes: 0 = ASCII, 1 = continuation or never valid,
 * 2..4 = lead byte of a sequence of that length. 0xC0, 0xC1 and 0xF5..0xFF
 * can only start overlong or out-of-range sequences, so they are class 1. */
static const unsigned char LEAD[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x20 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x30 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x40 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x50 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x60 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x70 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x80 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x90 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0xA0 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0xB0 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0xC0 */ 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    /* 0xD0 */ 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    /* 0xE0 */ 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    /* 0xF0 */ 4, 4, 4, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#if !defined(__SSE2__)
/* Eight bytes at a time: nonzero when any byte has its high bit set or is
 * NUL. Both send the scan to the slow path; memcpy keeps it alignment-safe. */
static int word_needs_care(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    return ((w & highs) | ((w - ones) & ~w & highs)) != 0;
}
#endif

/* Returns the length of the well-formed sequence at s[0..len), or 0 when it
 * is ill-formed; in that case *bad gets the length of its maximal subpart
 * (at least 1). *cp gets the code point of a well-formed sequence. */
static size_t decode_seq(const unsigned char *s, size_t len, int32_t *cp, size_t *bad)
{
    unsigned char c = s[0];
    unsigned n = LEAD[c];
    *bad = 1;
    if (n == 0) {
        *cp = c;
        return 1;
    }
    if (n == 1) return 0;
    /* The second byte's allowed range depends on the lead byte: this is
     * where overlongs (E0 80.., F0 80..), surrogates (ED A0..) and values
     * past U+10FFFF (F4 90..) are refused. */
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (len < 2 || s[1] < lo || s[1] > hi) return 0;
    if (n == 2) {
        *cp = (int32_t)(((c & 0x1Fu) << 6) | (s[1] & 0x3Fu));
        return 2;
    }
    *bad = 2;
    if (len < 3 || (s[2] & 0xC0) != 0x80) return 0;
    if (n == 3) {
        *cp = (int32_t)(((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu));
        return 3;
    }
    *bad = 3;
    if (len < 4 || (s[3] & 0xC0) != 0x80) return 0;
    *cp = (int32_t)(((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
                    (s[3] & 0x3Fu));
    return 4;
}

size_t vg_utf8_decode(const char *s, size_t len, int32_t *cp)
{
    size_t bad, n = decode_seq((const unsigned char *)s, len, cp, &bad);
    if (n) return n;
    *cp = 0xFFFD;
    return 1;
}

unsigned vg_utf8_repair(const char *in, size_t len, vg_buf *out)
{
    const unsigned char *s = (const unsigned char *)in;
    unsigned repairs = 0;
    size_t i = 0, run = 0; /* [run, i) is valid and not yet copied */
    while (i < len) {
#if defined(__SSE2__)
        i = vg_skip_ascii(s, i, len);
        if (i >= len) break;
#else
        if (len - i >= 8 && !word_needs_care(s + i)) {
            i += 8;
            continue;
        }
#endif
        int32_t cp;
        size_t bad, n = decode_seq(s + i, len - i, &cp, &bad);
        if (n && cp != 0) {
            i += n;
            continue;
        }
        /* A NUL or an ill-formed sequence: copy what came before, then the
         * replacement, and go on after the maximal subpart. */
        vg_buf_put(out, in + run, i - run);
        if (n)
            vg_buf_putc(out, ' ');
        else
            vg_buf_put(out, REPLACEMENT, sizeof REPLACEMENT);
        repairs++;
        i += n ? n : bad;
        run = i;
    }
    vg_buf_put(out, in + run, i - run);
    return repairs;
}

int vg_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
#if defined(__SSE2__)
        /* Plain ASCII decodes to itself: sixteen bytes at a time (scan.h). */
        i = vg_skip_ascii(p, i, len);
        if (i >= len) break;
#else
        if (len - i >= 8 && !word_needs_care(p + i)) {
            i += 8;
            continue;
        }
#endif
        /* E2 and two continuation bytes (U+2000-U+2FFF: the curly quotes
         * and dashes of news text) are well-formed whatever they are. */
        if (p[i] == 0xE2 && len - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        int32_t cp;
        size_t bad, n = decode_seq(p + i, len - i, &cp, &bad);
        if (!n || cp == 0) return 0;
        i += n;
    }
    return 1;
}

/* ------------------------------------------------------------ normalise */

#if !defined(__SSE2__)
/* ASCII bytes that normalisation copies unchanged. Carriage returns, tabs
 * and the other C0 controls are rewritten (see ascii_map), and bytes from
 * 0x80 up start a non-ASCII segment. */
static const unsigned char PLAIN[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0,
    /* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x20 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x30 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x40 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x50 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x60 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x70 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
};

/* Eight bytes at a time: 1 when all are plain, that is none is 0x80 or
 * above, below 0x20 (newlines included, to keep the test short) or DEL. */
static int word_is_plain(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t del = w ^ (0x7Full * ones);
    uint64_t bad = (w & highs) | ((w - 0x20 * ones) & ~w & highs) | ((del - ones) & ~del & highs);
    return bad == 0;
}
#endif

/* Appends the replacement for a non-plain ASCII byte at in[*i] and advances
 * *i: CR LF and lone CR become LF, vertical tab and form feed end a line,
 * tabs and other control characters become a space. */
static int ascii_map(const char *in, size_t len, size_t *i, vg_buf *out)
{
    unsigned char c = (unsigned char)in[*i];
    (*i)++;
    if (c == '\r') {
        if (*i < len && in[*i] == '\n') (*i)++;
        return vg_buf_putc(out, '\n');
    }
    if (c == '\v' || c == '\f') return vg_buf_putc(out, '\n');
    return vg_buf_putc(out, ' ');
}

/* The typographic mapping of utf8.h for one code point: returns the ASCII
 * replacement (possibly "" for characters that are removed), or NULL when
 * the code point is kept as it is. */
static const char *typo_map(int32_t cp)
{
    if (cp < 0x2000) {
        switch (cp) {
        case 0x00A0:
            return " "; /* no-break space */
        case 0x00AD:
            return ""; /* soft hyphen */
        case 0x0085:
            return "\n"; /* next line */
        case 0x00AB:
        case 0x00BB:
            return "\""; /* guillemets */
        case 0x1680:
            return " "; /* ogham space mark */
        case 0x180E:
            return ""; /* Mongolian vowel separator: zero width */
        default:
            return NULL;
        }
    }
    if (cp <= 0x200A) return " "; /* en quad .. hair space */
    switch (cp) {
    case 0x200B: /* zero width space */
    case 0x200C: /* zero width non-joiner */
    case 0x200D: /* zero width joiner */
    case 0x2060: /* word joiner */
    case 0xFEFF: /* byte order mark / zero width no-break space */
        return "";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2212:
        return "-";
    case 0x2014:
    case 0x2015:
        return "--";
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
        return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
        return "\"";
    case 0x2026:
        return "...";
    case 0x2028:
        return "\n"; /* line separator */
    case 0x2029:
        return "\n\n"; /* paragraph separator */
    case 0x202F:       /* narrow no-break space */
    case 0x205F:       /* medium mathematical space */
    case 0x3000:
        return " "; /* ideographic space */
    default:
        return NULL;
    }
}

/* Blocks holding characters with combining class 0 that NFC still
 * changes: singletons and composition exclusions (U+212B ANGSTROM SIGN,
 * CJK compatibility ideographs, Hebrew presentation forms...) and the
 * few starters that compose with what precedes them (Hangul vowel and
 * trailing jamo, some Indic vowel signs). Whole blocks are listed, a
 * superset, so that an update of Unicode inside a block stays covered. */
static const int32_t NFC_BLOCKS[][2] = {
    {0x0374, 0x0387}, {0x0900, 0x0DFF},   {0x0F00, 0x0FFF},   {0x1000, 0x109F},
    {0x1100, 0x11FF}, {0x1B00, 0x1B7F},   {0x1F00, 0x1FFF},   {0x2000, 0x2001},
    {0x2126, 0x212B}, {0x2329, 0x232A},   {0x2ADC, 0x2ADC},   {0xF900, 0xFAFF},
    {0xFB1D, 0xFB4F}, {0x11000, 0x11FFF}, {0x1D100, 0x1D1FF}, {0x2F800, 0x2FA1F},
};

/* 0 when NFC leaves the code point alone wherever it stands: it is not
 * changed by itself and composes with nothing before it. Such characters
 * (Latin-1, Cyrillic, Greek, CJK...) never need utf8proc, which keeps text
 * in those scripts on the fast path. */
static int nfc_may_change(int32_t cp)
{
    if (cp < 0x300) return 0;
    for (size_t i = 0; i < sizeof NFC_BLOCKS / sizeof NFC_BLOCKS[0] && cp >= NFC_BLOCKS[i][0]; i++)
        if (cp <= NFC_BLOCKS[i][1]) return 1;
    return utf8proc_get_property(cp)->combining_class != 0;
}

/* Scratch space for one normalize call: decomposed code points. Small
 * segments (the usual case: one accented letter) fit on the stack. */
typedef struct scratch {
    utf8proc_int32_t *cp;
    size_t cap;
    utf8proc_int32_t small[64];
} scratch;

/* Composes out[mark..] to NFC in place. The bytes are valid UTF-8 (they
 * came from the repaired input through typo_map), so utf8proc can only fail
 * on an absurdly long segment; the text is then left as it is. */
static int compose_tail(vg_buf *out, size_t mark, scratch *sc)
{
    const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    const utf8proc_uint8_t *src = (const utf8proc_uint8_t *)out->ptr + mark;
    utf8proc_ssize_t slen = (utf8proc_ssize_t)(out->len - mark);
    utf8proc_ssize_t n = utf8proc_decompose(src, slen, sc->cp, (utf8proc_ssize_t)sc->cap, opts);
    if (n > (utf8proc_ssize_t)sc->cap) {
        if (sc->cp != sc->small) vg_free(sc->cp);
        sc->cap = (size_t)n;
        sc->cp = vg_malloc(sc->cap * sizeof *sc->cp);
        n = utf8proc_decompose(src, slen, sc->cp, (utf8proc_ssize_t)sc->cap, opts);
    }
    if (n < 0) return VIGIL_OK;
    n = utf8proc_normalize_utf32(sc->cp, n, opts);
    if (n < 0) return VIGIL_OK;
    out->len = mark;
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(sc->cp[k], enc);
        if (vg_buf_put(out, enc, (size_t)m)) return VIGIL_ERR_LIMIT;
    }
    return VIGIL_OK;
}

/* vg_buf_put for the few bytes of a segment (a leading ASCII character,
 * a replacement such as "'"): copied inline when there is room under the
 * buffer's ceiling, which vg_text_normalize makes for the whole text at
 * once; otherwise vg_buf_put, with its answer at the ceiling. */
static inline int put_small(vg_buf *out, const char *p, size_t n)
{
    if (out->cap - out->len > n && n <= out->max && out->len <= out->max - n) {
        char *o = out->ptr + out->len;
        for (size_t k = 0; k < n; k++) o[k] = p[k];
        out->len += n;
        o[n] = '\0';
        return VIGIL_OK;
    }
    return vg_buf_put(out, p, n);
}

/* put_small for a run of plain text of any length: memcpy instead of the
 * byte loop. The runs between the typographic characters of a news story
 * (a curly quote every hundred bytes or so) go this way. */
static inline int put_run(vg_buf *out, const char *p, size_t n)
{
    if (out->cap - out->len > n && n <= out->max && out->len <= out->max - n) {
        memcpy(out->ptr + out->len, p, n);
        out->len += n;
        out->ptr[out->len] = '\0';
        return VIGIL_OK;
    }
    return vg_buf_put(out, p, n);
}

/* Appends one segment in[start..end): at most one leading ASCII character
 * followed by non-ASCII characters. Typographic characters are mapped as
 * they are copied; then, if anything NFC could touch remains, the appended
 * bytes are composed in place. */
static int put_segment(const char *in, size_t start, size_t end, vg_buf *out, scratch *sc)
{
    size_t mark = out->len, i = start, run = start;
    int needs_nfc = 0;
    while (i < end) {
        int32_t cp;
        size_t n = vg_utf8_decode(in + i, end - i, &cp);
        const char *rep = typo_map(cp);
        if (rep) {
            size_t rn = 0;
            while (rep[rn]) rn++;
            if (put_small(out, in + run, i - run) || put_small(out, rep, rn))
                return VIGIL_ERR_LIMIT;
            run = i + n;
        } else if (!needs_nfc && nfc_may_change(cp)) {
            needs_nfc = 1;
        }
        i += n;
    }
    if (put_small(out, in + run, end - run)) return VIGIL_ERR_LIMIT;
    return needs_nfc ? compose_tail(out, mark, sc) : VIGIL_OK;
}

int vg_text_normalize(const char *in, size_t len, vg_buf *out)
{
    const unsigned char *s = (const unsigned char *)in;
    scratch sc;
    sc.cp = sc.small;
    sc.cap = sizeof sc.small / sizeof sc.small[0];
    int rc = VIGIL_OK;
    size_t i = 0;
    /* Room for the text as long as it is (normalised text is rarely
     * longer), so the pieces below are copied without growing the
     * buffer; at the ceiling the pieces go as before. */
    if (len > 0 && vg_buf_reserve(out, len) == VIGIL_OK) out->ptr[out->len] = '\0';
    while (i < len && rc == VIGIL_OK) {
        size_t run = i;
#if defined(__SSE2__)
        i = vg_skip_plain(s, i, len);
#else
        while (len - i >= 8 && word_is_plain(s + i)) i += 8;
        while (i < len && PLAIN[s[i]]) i++;
#endif
        if (i == len) {
            rc = vg_buf_put(out, in + run, i - run);
            break;
        }
        if (s[i] < 0x80) {
            if (vg_buf_put(out, in + run, i - run))
                rc = VIGIL_ERR_LIMIT;
            else
                rc = ascii_map(in, len, &i, out);
            continue;
        }
        /* Most non-ASCII characters of news text are alone between ASCII
         * bytes and are typographic: curly quotes, dashes, the ellipsis,
         * U+2000-U+203F (E2 80 xx). Such a segment is written here, as
         * put_segment would write it (the ASCII character before it is
         * copied with the run, as put_segment copies it; no code point of
         * that block composes with anything, which nfc_may_change
         * confirms for the ones typo_map keeps), without decoding it,
         * the run and the replacement as two pieces. */
        if (s[i] == 0xE2 && len - i >= 3 && s[i + 1] == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
            (len - i == 3 || s[i + 3] < 0x80)) {
            int32_t cp = 0x2000 | (int32_t)(s[i + 2] & 0x3F);
            const char *rep = typo_map(cp);
            if (rep || !nfc_may_change(cp)) {
                /* typo_map's replacements are shorter than eight bytes: a
                 * bounded loop, which the compiler keeps inline (an
                 * unbounded one becomes a strlen call). */
                size_t rn = 0;
                if (rep)
                    while (rn < 8 && rep[rn]) rn++;
                if (put_run(out, in + run, i - run) ||
                    (rep ? put_small(out, rep, rn) : put_small(out, in + i, 3))) {
                    rc = VIGIL_ERR_LIMIT;
                    break;
                }
                i += 3;
                continue;
            }
        }
        /* A non-ASCII segment starts here. The ASCII character just before
         * it joins the segment, because a combining mark composes with it
         * (e + U+0301 -> é). ASCII characters never compose with what
         * precedes them, so the segment can end at the next ASCII byte. */
        size_t start = i > run ? i - 1 : i;
        if (put_run(out, in + run, start - run)) {
            rc = VIGIL_ERR_LIMIT;
            break;
        }
        while (i < len && s[i] >= 0x80) i++;
        rc = put_segment(in, start, i, out, &sc);
    }
    if (sc.cp != sc.small) vg_free(sc.cp);
    return rc;
}
