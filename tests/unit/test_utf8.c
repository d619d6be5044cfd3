/*
 * test_utf8.c — UTF-8 decoding, validation, repair and normalisation.
 *
 * Byte sequences follow the Unicode standard's table of well-formed UTF-8;
 * repair must give one U+FFFD per maximal ill-formed subpart, and the
 * output of repair must always be valid.
 */
#include "harness.h"

#include "buf.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FFFD "\xEF\xBF\xBD"

/* Repairs s (n bytes) and checks the output and the count. */
static void repair_case(const char *s, size_t n, const char *want, unsigned want_count,
                        const char *what)
{
    vg_buf b;
    vg_buf_init(&b, 1u << 20);
    unsigned c = vg_utf8_repair(s, n, &b);
    STR_EQ(b.ptr ? b.ptr : "", want, what);
    INT_EQ(c, want_count, what);
    OK(vg_utf8_valid(b.ptr ? b.ptr : "", b.len), what);
    vg_buf_free(&b);
}

static void norm_case(const char *s, const char *want, const char *what)
{
    vg_buf b;
    vg_buf_init(&b, 1u << 20);
    INT_EQ(vg_text_normalize(s, strlen(s), &b), 0, what);
    STR_EQ(b.ptr ? b.ptr : "", want, what);
    vg_buf_free(&b);
}

static void test_decode(void)
{
    int32_t cp;
    INT_EQ(vg_utf8_decode("A", 1, &cp), 1, "ascii length");
    INT_EQ(cp, 'A', "ascii cp");
    INT_EQ(vg_utf8_decode("\xC3\xA9", 2, &cp), 2, "e-acute length");
    INT_EQ(cp, 0xE9, "e-acute cp");
    INT_EQ(vg_utf8_decode("\xE2\x82\xAC", 3, &cp), 3, "euro length");
    INT_EQ(cp, 0x20AC, "euro cp");
    INT_EQ(vg_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4, "emoji length");
    INT_EQ(cp, 0x1F600, "emoji cp");
    INT_EQ(vg_utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4, "U+10FFFF length");
    INT_EQ(cp, 0x10FFFF, "U+10FFFF cp");

    struct {
        const char *s;
        size_t n;
        const char *what;
    } bad[] = {
        {"\xC0\xAF", 2, "overlong two-byte slash"},
        {"\xC1\xBF", 2, "overlong C1"},
        {"\xE0\x80\xAF", 3, "overlong three-byte"},
        {"\xF0\x80\x80\xAF", 4, "overlong four-byte"},
        {"\xED\xA0\x80", 3, "high surrogate"},
        {"\xED\xBF\xBF", 3, "low surrogate"},
        {"\xF4\x90\x80\x80", 4, "above U+10FFFF"},
        {"\xF5\x80\x80\x80", 4, "F5 lead"},
        {"\xFF", 1, "FF byte"},
        {"\x80", 1, "lone continuation"},
        {"\xE2\x82", 2, "truncated euro"},
        {"\xF0\x9F\x98", 3, "truncated emoji"},
        {"\xC3"
         "A",
         2, "lead then ASCII"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cp = 0;
        size_t n = vg_utf8_decode(bad[i].s, bad[i].n, &cp);
        OK(n == 1 && cp == 0xFFFD, bad[i].what);
    }
}

static void test_valid(void)
{
    OK(vg_utf8_valid("", 0), "empty is valid");
    OK(vg_utf8_valid("Gondor and Arnor", 16), "ascii valid");
    OK(vg_utf8_valid("Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 14), "mixed valid");
    OK(!vg_utf8_valid("abc\0def", 7), "NUL is not valid");
    OK(!vg_utf8_valid("abcdefgh\0ijk", 12), "NUL in second word");
    OK(!vg_utf8_valid("abcdefghijklm\xFFz", 15), "bad byte after fast path");
    OK(!vg_utf8_valid("\xED\xA0\x80", 3), "surrogate invalid");
    OK(!vg_utf8_valid("abc\xE2\x82", 5), "truncated at end invalid");
    OK(!vg_utf8_valid("\xC0\x80", 2), "overlong NUL invalid");
}

/* vg_utf8_valid against vg_utf8_repair (valid exactly when nothing is
 * repaired) on 200,000 short strings of the bytes around its shortcuts:
 * E2 and continuation bytes of every kind, other lead bytes, ASCII, NUL. */
static void test_valid_random(void)
{
    static const unsigned char alphabet[] = {0xE2, 0x80, 0x9C, 0xBF, 0xC0, 'a',  0x00,
                                             0xED, 0xA0, 0xF0, 0x9F, 0xC3, 0xE0, 0xFF};
    unsigned seed = 12345, bad = 0, valid = 0;
    for (int t = 0; t < 200000; t++) {
        unsigned char s[24];
        size_t n = (size_t)(t % 13);
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            s[k] = alphabet[(seed >> 16) % sizeof alphabet];
        }
        vg_buf b;
        vg_buf_init(&b, 1u << 20);
        int want = vg_utf8_repair((const char *)s, n, &b) == 0;
        vg_buf_free(&b);
        int got = vg_utf8_valid((const char *)s, n);
        valid += (unsigned)got;
        if (got != want && bad++ < 3) fprintf(stderr, "valid: %d, repair says %d\n", got, want);
    }
    INT_EQ(bad, 0, "valid: as repair says on 200,000 strings");
    OK(valid > 5000, "valid: many of them are valid");
}

static void test_repair(void)
{
    repair_case("Arnor", 5, "Arnor", 0, "clean ascii");
    repair_case("Caf\xC3\xA9", 5, "Caf\xC3\xA9", 0, "clean utf-8");
    repair_case("a\xFF"
                "b",
                3, "a" FFFD "b", 1, "bad byte");
    repair_case("a\xE2\x82", 3, "a" FFFD, 1, "truncated at end: one replacement");
    repair_case("\xE2\x82"
                "a",
                3, FFFD "a", 1, "truncated then ascii");
    repair_case("\xF0\x9F\x98"
                "x",
                4, FFFD "x", 1, "truncated 4-byte: one replacement");
    repair_case("\xC0\xAF", 2, FFFD FFFD, 2, "overlong: two");
    repair_case("\xE0\x80\xAF", 3, FFFD FFFD FFFD, 3, "overlong 3-byte: three");
    repair_case("\xED\xA0\x80", 3, FFFD FFFD FFFD, 3, "surrogate: three");
    repair_case("\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD, 4, "above max: four");
    repair_case("x\0y", 3, "x y", 1, "NUL becomes space");
    repair_case("0123456789\0abcdef\x80", 18, "0123456789 abcdef" FFFD, 2,
                "NUL and bad byte after fast path");
    repair_case("", 0, "", 0, "empty");

    /* A long valid run through the eight-byte path stays byte-identical. */
    char big[1000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (char)('a' + i % 26);
    memcpy(big + 500, "\xC3\xA9", 2);
    vg_buf b;
    vg_buf_init(&b, 1u << 20);
    INT_EQ(vg_utf8_repair(big, sizeof big, &b), 0, "long valid: no repair");
    OK(b.len == sizeof big && memcmp(b.ptr, big, sizeof big) == 0, "long valid copied");
    vg_buf_free(&b);

    /* Every byte value alone and in pairs: the output is always valid. */
    int all_valid = 1;
    for (int x = 0; x < 256; x++) {
        for (int y = 0; y < 256; y += 7) {
            char s[3] = {(char)x, (char)y, 'z'};
            vg_buf_init(&b, 64);
            vg_utf8_repair(s, 3, &b);
            if (!vg_utf8_valid(b.ptr, b.len)) all_valid = 0;
            vg_buf_free(&b);
        }
    }
    OK(all_valid, "repair output valid for all byte pairs");
}

static void test_normalize(void)
{
    norm_case("Gondor said no.", "Gondor said no.", "plain ascii unchanged");
    norm_case("", "", "empty");
    norm_case("\xE2\x80\x98quoted\xE2\x80\x99", "'quoted'", "single curly quotes");
    norm_case("\xE2\x80\x9Cquoted\xE2\x80\x9D", "\"quoted\"", "double curly quotes");
    norm_case("\xE2\x80\x9Elow\xE2\x80\x9F", "\"low\"", "low-9 and reversed double quotes");
    norm_case("\xC2\xAB"
              "Arnor\xC2\xBB",
              "\"Arnor\"", "guillemets");
    norm_case("don\xE2\x80\x99t", "don't", "apostrophe");
    norm_case("1\xE2\x80\xB2 2\xE2\x80\xB3", "1' 2\"", "primes");
    norm_case("pro\xE2\x80\x90"
              "Gondor",
              "pro-Gondor", "hyphen U+2010");
    norm_case("non\xE2\x80\x91"
              "stop",
              "non-stop", "non-breaking hyphen");
    norm_case("1990\xE2\x80\x93"
              "1995",
              "1990-1995", "en dash");
    norm_case("\xE2\x88\x92"
              "5",
              "-5", "minus sign");
    norm_case("talks\xE2\x80\x94"
              "again",
              "talks--again", "em dash");
    norm_case("talks\xE2\x80\x95"
              "again",
              "talks--again", "horizontal bar");
    norm_case("wait\xE2\x80\xA6", "wait...", "ellipsis");
    norm_case("10\xC2\xA0km", "10 km", "NBSP");
    norm_case("a\xE2\x80\x83"
              "b\xE2\x80\xAF"
              "c\xE3\x80\x80"
              "d",
              "a b c d", "other spaces");
    norm_case("Ar\xE2\x80\x8Bnor", "Arnor", "zero width space removed");
    norm_case("Ar\xE2\x80\x8Dn\xE2\x80\x8Cor\xEF\xBB\xBF", "Arnor", "ZWJ ZWNJ BOM removed");
    norm_case("Gon\xC2\xAD"
              "dor",
              "Gondor", "soft hyphen removed");
    norm_case("Cafe\xCC\x81 au lait", "Caf\xC3\xA9 au lait", "NFC of decomposed e-acute");
    norm_case("e\xCC\x81", "\xC3\xA9", "NFC at start");
    norm_case("\xC3\xA9", "\xC3\xA9", "precomposed unchanged");
    norm_case("\xE2\x84\xAB", "\xC3\x85", "angstrom sign to A-ring");
    norm_case("\xE1\x84\x92\xE1\x85\xA1", "\xED\x95\x98", "hangul jamo compose");
    norm_case("e\xCC\x81\xE2\x80\x99s", "\xC3\xA9's", "compose then quote");
    norm_case("Zu\xCC\x88rich \xE2\x80\x9CZ\xC3\xBC"
              "rich\xE2\x80\x9D",
              "Z\xC3\xBCrich \"Z\xC3\xBCrich\"", "umlaut both forms");
    norm_case("line1\r\nline2\rline3\n", "line1\nline2\nline3\n", "CRLF and CR");
    norm_case("a\tb", "a b", "tab to space");
    norm_case("a\r\n\r\nb", "a\n\nb", "blank CRLF line");
    norm_case("a\xE2\x80\xA8"
              "b\xE2\x80\xA9"
              "c",
              "a\nb\n\nc", "line and paragraph separators");
    norm_case("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
              "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "cyrillic unchanged");
    norm_case("\xE4\xB8\xAD\xE6\x96\x87", "\xE4\xB8\xAD\xE6\x96\x87", "CJK unchanged");

    /* A long non-ASCII segment needs more than the stack scratch. */
    char in[400], want[400];
    size_t ni = 0, nw = 0;
    for (int i = 0; i < 100; i++) {
        memcpy(in + ni, "\xE2\x84\xAB", 3), ni += 3;
        memcpy(want + nw, "\xC3\x85", 2), nw += 2;
    }
    in[ni] = '\0';
    want[nw] = '\0';
    norm_case(in, want, "100 angstrom signs");

    /* A limit on the output is reported, not overrun. */
    vg_buf b;
    vg_buf_init(&b, 4);
    OK(vg_text_normalize("Gondor", 6, &b) != 0, "limit reported");
    OK(b.len <= 4, "limit respected");
    vg_buf_free(&b);
}

/* 1 for the code points utf8.h maps or removes. */
static int typo_mapped(int32_t cp)
{
    static const int32_t mapped[] = {0x00A0, 0x00AD, 0x0085, 0x00AB, 0x00BB, 0x1680, 0x180E,
                                     0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x2010, 0x2011,
                                     0x2012, 0x2013, 0x2212, 0x2014, 0x2015, 0x2018, 0x2019,
                                     0x201A, 0x201B, 0x2032, 0x201C, 0x201D, 0x201E, 0x201F,
                                     0x2033, 0x2026, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
    if (cp >= 0x2000 && cp <= 0x200A) return 1;
    for (size_t i = 0; i < sizeof mapped / sizeof mapped[0]; i++)
        if (mapped[i] == cp) return 1;
    return 0;
}

/* Every code point, alone between letters and followed by a combining
 * mark, must come out exactly as utf8proc's own NFC gives it: this checks
 * the shortcuts that skip utf8proc. */
static void test_nfc_exhaustive(void)
{
    unsigned bad = 0, checked = 0;
    vg_buf out;
    vg_buf_init(&out, 256);
    for (int32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
        if ((cp >= 0xD800 && cp <= 0xDFFF) || typo_mapped(cp)) continue;
        for (int form = 0; form < 2; form++) {
            utf8proc_uint8_t s[16];
            size_t n = 0;
            s[n++] = 'x';
            n += (size_t)utf8proc_encode_char(cp, s + n);
            if (form)
                s[n++] = 0xCC, s[n++] = 0x81; /* U+0301 */
            else
                s[n++] = 'y';
            s[n] = 0;
            vg_buf_reset(&out);
            vg_text_normalize((const char *)s, n, &out);
            utf8proc_uint8_t *want = utf8proc_NFC(s);
            if (!want || strcmp((const char *)want, out.ptr) != 0) {
                if (bad++ < 5)
                    fprintf(stderr, "NFC differs for U+%04X form %d\n", (unsigned)cp, form);
            }
            free(want);
            checked++;
        }
    }
    vg_buf_free(&out);
    INT_EQ(bad, 0, "normalize agrees with utf8proc NFC for every code point");
    OK(checked > 2000000, "every code point checked");
}

/* The normalisation of a character of U+2000-U+203F alone between ASCII
 * bytes (written without decoding it) against the same character followed
 * by an accented letter (which takes the decoding path, and the letter
 * comes out unchanged): at the start, in the middle and at the end of the
 * text, after one or two ASCII bytes, and under an output ceiling too
 * small for the text. Every E2 80 xx sequence. */
static void test_normalize_punct_block(void)
{
    int bad = 0;
    for (unsigned x = 0x80; x <= 0xBF; x++) {
        static const char *const before[] = {"", "a", "ab", "x\n"};
        for (size_t k = 0; k < sizeof before / sizeof before[0]; k++) {
            for (int end = 0; end < 2; end++) {
                char fast[32], slow[32];
                int nf = snprintf(fast, sizeof fast, "%s\xE2\x80%c%s", before[k], (char)x,
                                  end ? "" : "b c");
                int ns = snprintf(slow, sizeof slow, "%s\xE2\x80%c\xC3\xA9%s", before[k], (char)x,
                                  end ? "" : "b c");
                vg_buf a, b;
                vg_buf_init(&a, 1u << 20);
                vg_buf_init(&b, 1u << 20);
                int ra = vg_text_normalize(fast, (size_t)nf, &a);
                int rb = vg_text_normalize(slow, (size_t)ns, &b);
                /* The slow text's output is the fast one's with "\xC3\xA9" in
                 * place where the fast one's tail begins. */
                size_t tail = end ? 0 : 3;
                int same = ra == 0 && rb == 0 && b.len == a.len + 2 &&
                           memcmp(a.ptr, b.ptr, a.len - tail) == 0 &&
                           memcmp(b.ptr + a.len - tail, "\xC3\xA9", 2) == 0 &&
                           memcmp(a.ptr + a.len - tail, b.ptr + a.len - tail + 2, tail) == 0;
                if (!same && bad++ < 3)
                    fprintf(stderr, "U+20%02X before \"%s\"\n", x - 0x80, before[k]);
                for (size_t cap = 0; cap < (size_t)nf + 2; cap++) {
                    vg_buf c;
                    vg_buf_init(&c, cap);
                    int rc = vg_text_normalize(fast, (size_t)nf, &c);
                    if ((rc == 0) != (a.len <= cap) || c.len > cap) bad++;
                    vg_buf_free(&c);
                }
                vg_buf_free(&a);
                vg_buf_free(&b);
            }
        }
    }
    INT_EQ(bad, 0, "normalize: U+2000-U+203F alone as when decoded, and at every ceiling");
}

int main(void)
{
    test_normalize_punct_block();
    test_decode();
    test_valid();
    test_valid_random();
    test_repair();
    test_normalize();
    test_nfc_exhaustive();
    TEST_MAIN_END();
}
