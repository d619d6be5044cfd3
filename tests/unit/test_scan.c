/*
 * test_scan.c — the sixteen-bytes-at-a-time scans of src/scan.h against
 * plain byte loops: every start and end in buffers of every length up to
 * 80 filled from byte sets that make runs end anywhere (all 256 bytes,
 * letters with one stop byte, runs longer than sixteen), plus 200,000 random
 * ranges of random bytes; vg_find_any5 likewise with the sentence
 * splitter's stop bytes and random sets, vg_skip_ascii and vg_skip_plain
 * with every byte value at every place, vg_skip_json_plain likewise, and
 * vg_count_continuations. The buffers are heap blocks cut to their range so
 * AddressSanitizer sees any read past the end.
 */
#include "harness.h"

#include "alloc.h"
#include "scan.h"

#include <stdint.h>
#include <string.h>

static uint32_t rng = 2463534242u;
static uint32_t next_rand(void)
{
    rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
    return rng;
}

static int alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t simple_skip_alnum(const unsigned char *s, size_t i, size_t n)
{
    while (i < n && alnum(s[i])) i++;
    return i;
}

static size_t simple_skip_letters(const unsigned char *s, size_t i, size_t n, unsigned *lower)
{
    for (; i < n && letter(s[i]); i++)
        if (s[i] >= 'a' && s[i] <= 'z') *lower = 1;
    return i;
}

static size_t simple_find_wordish(const unsigned char *s, size_t i, size_t n)
{
    while (i < n && !alnum(s[i]) && s[i] < 0x80) i++;
    return i;
}

/* Every scan from every start i of s[0, n) (a heap copy of exactly n
 * bytes) against the byte loops; returns the number of differences. */
static int check_all(const unsigned char *src, size_t n)
{
    unsigned char *s = vg_malloc(n ? n : 1);
    memcpy(s, src, n);
    int bad = 0;
    for (size_t i = 0; i <= n; i++) {
        if (vg_skip_alnum(s, i, n) != simple_skip_alnum(s, i, n)) bad++;
        if (vg_find_wordish(s, i, n) != simple_find_wordish(s, i, n)) bad++;
        unsigned l1 = 7, l2 = 7;
        if (vg_skip_letters(s, i, n, &l1) != simple_skip_letters(s, i, n, &l2) || l1 != l2) bad++;
        l1 = 0, l2 = 0;
        vg_skip_letters(s, i, n, &l1);
        simple_skip_letters(s, i, n, &l2);
        if (l1 != l2) bad++;
    }
    vg_free(s);
    return bad;
}

static void test_classes(void)
{
    /* Every byte alone and after sixteen letters: the class of each byte. */
    int bad = 0;
    unsigned char buf[40];
    for (unsigned c = 0; c < 256; c++) {
        for (size_t k = 0; k < 34; k++) buf[k] = (unsigned char)(k % 2 ? 'q' : 'Q');
        buf[0] = (unsigned char)c;
        bad += check_all(buf, 1);
        buf[17] = (unsigned char)c;
        bad += check_all(buf, 34);
        memset(buf, (int)c, sizeof buf);
        bad += check_all(buf, sizeof buf);
    }
    INT_EQ(bad, 0, "scan: every byte value, alone, in a run, after a run");
}

static void test_lengths(void)
{
    /* Letters (some lower case) with one stop byte, at every place of every
     * length up to 80, and long runs of letters, digits and gaps. */
    static const unsigned char stops[] = {' ',  '.',  '-',  '\'', '0',  '9',  '@', '[', '`', '{',
                                          0x80, 0xC3, 0xE2, 0xFF, 0x00, 0x7F, '_', '/', ':'};
    unsigned char buf[80];
    int bad = 0;
    for (size_t n = 0; n <= sizeof buf; n++) {
        for (size_t k = 0; k < n; k++) buf[k] = (unsigned char)('A' + k % 26 + (k % 3 ? 32 : 0));
        bad += check_all(buf, n);
        for (size_t p = 0; p < n; p++) {
            for (size_t t = 0; t < sizeof stops; t++) {
                unsigned char keep = buf[p];
                buf[p] = stops[t];
                bad += check_all(buf, n);
                buf[p] = keep;
            }
        }
        memset(buf, ' ', n);
        bad += check_all(buf, n);
        if (n) buf[n - 1] = 'x';
        bad += check_all(buf, n);
        memset(buf, 'Z', n);
        bad += check_all(buf, n);
    }
    INT_EQ(bad, 0, "scan: stop bytes at every place of every length");
}

static void test_random(void)
{
    static const unsigned char pool[] = "aZ9 .-'\x80\xc3\xe2\x01";
    unsigned char buf[200];
    int bad = 0;
    for (int t = 0; t < 200000; t++) {
        size_t n = next_rand() % sizeof buf;
        uint32_t mode = next_rand() % 3;
        for (size_t k = 0; k < n; k++) {
            uint32_t r = next_rand();
            buf[k] = mode == 0   ? (unsigned char)r
                     : mode == 1 ? pool[r % (sizeof pool - 1)]
                                 : (unsigned char)(r % 8 ? 'a' + r % 26 : r >> 8);
        }
        unsigned char *s = vg_malloc(n ? n : 1);
        memcpy(s, buf, n);
        size_t i = n ? next_rand() % (n + 1) : 0;
        unsigned l1 = 0, l2 = 0;
        if (vg_skip_alnum(s, i, n) != simple_skip_alnum(s, i, n)) bad++;
        if (vg_find_wordish(s, i, n) != simple_find_wordish(s, i, n)) bad++;
        if (vg_skip_letters(s, i, n, &l1) != simple_skip_letters(s, i, n, &l2) || l1 != l2) bad++;
        vg_free(s);
    }
    INT_EQ(bad, 0, "scan: 200,000 random ranges");
}

/* vg_find_any5 against a byte loop: the splitter's stop bytes and random
 * sets, on every start of buffers of every length up to 80 with one, two
 * or none of the bytes, and on 100,000 random ranges. */
static size_t simple_find_any5(const unsigned char *s, size_t i, size_t n, const unsigned char *set)
{
    while (i < n && memchr(set, s[i], 5) == NULL) i++;
    return i;
}

static int any5_all(const unsigned char *src, size_t n, const unsigned char *set)
{
    unsigned char *s = vg_malloc(n ? n : 1);
    memcpy(s, src, n);
    int bad = 0;
    for (size_t i = 0; i <= n; i++)
        if (vg_find_any5(s, i, n, set[0], set[1], set[2], set[3], set[4]) !=
            simple_find_any5(s, i, n, set))
            bad++;
    vg_free(s);
    return bad;
}

static void test_any5(void)
{
    static const unsigned char stops[5] = {'\n', '.', '?', '!', 0xE2};
    unsigned char buf[80] = {0}, set[5];
    int bad = 0;
    for (size_t n = 0; n <= sizeof buf; n++) {
        for (size_t k = 0; k < n; k++) buf[k] = (unsigned char)('a' + k % 26);
        bad += any5_all(buf, n, stops);
        for (size_t p = 0; p < n; p++) {
            for (int t = 0; t < 5; t++) {
                buf[p] = stops[t];
                bad += any5_all(buf, n, stops);
                if (p + 17 < n) {
                    buf[p + 17] = stops[(t + 1) % 5];
                    bad += any5_all(buf, n, stops);
                    buf[p + 17] = (unsigned char)('a' + (p + 17) % 26);
                }
            }
            buf[p] = (unsigned char)('a' + p % 26);
        }
    }
    for (int t = 0; t < 100000; t++) {
        for (int k = 0; k < 5; k++) set[k] = (unsigned char)next_rand();
        if (t % 3 == 0) set[3] = set[4] = set[2];
        size_t n = next_rand() % (sizeof buf + 1);
        for (size_t k = 0; k < n; k++) {
            uint32_t r = next_rand();
            buf[k] = r % 50 ? (unsigned char)(r >> 8) : set[r % 5];
        }
        unsigned char *s = vg_malloc(n ? n : 1);
        memcpy(s, buf, n);
        size_t i = next_rand() % (n + 1);
        if (vg_find_any5(s, i, n, set[0], set[1], set[2], set[3], set[4]) !=
            simple_find_any5(s, i, n, set))
            bad++;
        vg_free(s);
    }
    INT_EQ(bad, 0, "scan: vg_find_any5 on every place and 100,000 random ranges");
}

/* all() on buf[0, n) as it is and with every byte value at places spread
 * over it (every place of the first twenty, then sparser); the number of
 * mismatches all() counted. buf is left as it was. */
static int every_byte_at_places(unsigned char *buf, size_t n,
                                int (*all)(const unsigned char *, size_t))
{
    int bad = all(buf, n);
    for (size_t p = 0; p < n; p += 1 + p / 20) {
        for (unsigned c = 0; c < 256; c++) {
            unsigned char keep = buf[p];
            buf[p] = (unsigned char)c;
            bad += all(buf, n);
            buf[p] = keep;
        }
    }
    return bad;
}

/* vg_skip_ascii and vg_skip_plain against byte loops, on every start of
 * every length to 40, then every thirteenth to 144 (so vg_skip_ascii's
 * sixty-four-byte steps run once and twice), with each byte value at each
 * place, and on 100,000 random ranges. */
static size_t simple_skip_ascii(const unsigned char *s, size_t i, size_t n)
{
    while (i < n && s[i] != 0 && s[i] < 0x80) i++;
    return i;
}

static size_t simple_skip_plain(const unsigned char *s, size_t i, size_t n)
{
    while (i < n && ((s[i] >= 0x20 && s[i] <= 0x7E) || s[i] == '\n')) i++;
    return i;
}

static int ascii_all(const unsigned char *src, size_t n)
{
    unsigned char *s = vg_malloc(n ? n : 1);
    memcpy(s, src, n);
    int bad = 0;
    for (size_t i = 0; i <= n; i++) {
        bad += vg_skip_ascii(s, i, n) != simple_skip_ascii(s, i, n);
        bad += vg_skip_plain(s, i, n) != simple_skip_plain(s, i, n);
    }
    vg_free(s);
    return bad;
}

static void test_ascii(void)
{
    unsigned char buf[144] = {0};
    int bad = 0;
    for (size_t n = 0; n <= sizeof buf; n += n < 40 ? 1 : 13) {
        for (size_t k = 0; k < n; k++) buf[k] = (unsigned char)(k % 3 ? 'a' + k % 26 : ' ');
        bad += every_byte_at_places(buf, n, ascii_all);
    }
    for (int t = 0; t < 100000; t++) {
        size_t n = next_rand() % (sizeof buf + 1);
        for (size_t k = 0; k < n; k++) {
            uint32_t r = next_rand();
            buf[k] = r % 40 ? (unsigned char)(0x20 + r % 95) : (unsigned char)(r >> 8);
        }
        unsigned char *s = vg_malloc(n ? n : 1);
        memcpy(s, buf, n);
        size_t i = next_rand() % (n + 1);
        bad += vg_skip_ascii(s, i, n) != simple_skip_ascii(s, i, n);
        bad += vg_skip_plain(s, i, n) != simple_skip_plain(s, i, n);
        vg_free(s);
    }
    INT_EQ(bad, 0, "scan: vg_skip_ascii and vg_skip_plain, every byte at every place");
}

/* vg_skip_json_plain (with and without DEL) against a byte loop, with
 * every byte value at every place of lengths to 80 and on 100,000 random
 * ranges. */
static size_t simple_skip_json(const unsigned char *s, size_t i, size_t n, int del)
{
    while (i < n && s[i] != '"' && s[i] != '\\' && s[i] >= 0x20 && !(del && s[i] == 0x7F)) i++;
    return i;
}

static int json_all(const unsigned char *src, size_t n)
{
    unsigned char *s = vg_malloc(n ? n : 1);
    memcpy(s, src, n);
    int bad = 0;
    for (size_t i = 0; i <= n; i++) {
        bad += vg_skip_json_plain(s, i, n, 0) != simple_skip_json(s, i, n, 0);
        bad += vg_skip_json_plain(s, i, n, 1) != simple_skip_json(s, i, n, 1);
    }
    vg_free(s);
    return bad;
}

static void test_json(void)
{
    unsigned char buf[80] = {0};
    int bad = 0;
    for (size_t n = 0; n <= sizeof buf; n += n < 40 ? 1 : 13) {
        for (size_t k = 0; k < n; k++) buf[k] = (unsigned char)(k % 5 ? 'a' + k % 26 : 0xC3);
        bad += every_byte_at_places(buf, n, json_all);
    }
    for (int t = 0; t < 100000; t++) {
        size_t n = next_rand() % (sizeof buf + 1);
        for (size_t k = 0; k < n; k++) {
            uint32_t r = next_rand();
            buf[k] = r % 30 ? (unsigned char)(0x20 + r % 224) : (unsigned char)(r >> 8);
        }
        unsigned char *s = vg_malloc(n ? n : 1);
        memcpy(s, buf, n);
        size_t i = next_rand() % (n + 1);
        bad += vg_skip_json_plain(s, i, n, 0) != simple_skip_json(s, i, n, 0);
        bad += vg_skip_json_plain(s, i, n, 1) != simple_skip_json(s, i, n, 1);
        vg_free(s);
    }
    INT_EQ(bad, 0, "scan: vg_skip_json_plain, every byte at every place");
}

/* vg_count_continuations against a byte loop on random UTF-8-ish bytes of
 * every length to 200 and with every byte value at every place. */
static void test_continuations(void)
{
    unsigned char buf[200] = {0};
    int bad = 0;
    for (int t = 0; t < 20000; t++) {
        size_t n = next_rand() % (sizeof buf + 1);
        uint32_t mode = next_rand() % 3;
        for (size_t k = 0; k < n; k++) {
            uint32_t r = next_rand();
            buf[k] = mode == 0 ? (unsigned char)r
                               : (unsigned char)(r % 4 ? 'a' + r % 26 : 0x80 + (r >> 8) % 0x80);
            if (mode == 2 && r % 7 == 0) buf[k] = (unsigned char)(r >> 16);
        }
        unsigned char *s = vg_malloc(n ? n : 1);
        memcpy(s, buf, n);
        size_t want = 0;
        for (size_t k = 0; k < n; k++) want += (s[k] & 0xC0) == 0x80;
        bad += vg_count_continuations(s, n) != want;
        vg_free(s);
    }
    for (size_t n = 1; n <= 40; n++) {
        for (size_t p = 0; p < n; p++) {
            for (unsigned c = 0; c < 256; c++) {
                memset(buf, 'x', n);
                buf[p] = (unsigned char)c;
                bad += vg_count_continuations(buf, n) != ((c & 0xC0) == 0x80);
            }
        }
    }
    INT_EQ(bad, 0, "scan: vg_count_continuations");
}

/* vg_back_wordish against a byte loop: every p, lo near it, of buffers of
 * letters, digits and periods to length 80 with every byte value at every
 * place, and 100,000 random ranges, in heap blocks cut to the range. */
static size_t simple_back_wordish(const unsigned char *s, size_t lo, size_t p)
{
    while (p > lo && (alnum(s[p - 1]) || s[p - 1] == '.')) p--;
    return p;
}

static int back_all(const unsigned char *src, size_t n)
{
    unsigned char *s = vg_malloc(n ? n : 1);
    memcpy(s, src, n);
    int bad = 0;
    /* lo at the start, and at distances around the sixteen-byte steps. */
    static const size_t back[] = {0, 1, 2, 15, 16, 17, 31, 32, 33, 48};
    for (size_t p = 0; p <= n; p++) {
        bad += vg_back_wordish(s, 0, p) != simple_back_wordish(s, 0, p);
        for (size_t k = 0; k < sizeof back / sizeof back[0] && back[k] <= p; k++)
            bad += vg_back_wordish(s, p - back[k], p) != simple_back_wordish(s, p - back[k], p);
    }
    vg_free(s);
    return bad;
}

static void test_back(void)
{
    unsigned char buf[80] = {0};
    int bad = 0;
    for (size_t n = 0; n <= sizeof buf; n += n < 40 ? 1 : 10) {
        for (size_t k = 0; k < n; k++) buf[k] = (unsigned char)(k % 4 == 3 ? '.' : "aZ7"[k % 3]);
        bad += every_byte_at_places(buf, n, back_all);
    }
    for (int t = 0; t < 100000; t++) {
        size_t n = next_rand() % (sizeof buf + 1);
        for (size_t k = 0; k < n; k++) {
            uint32_t r = next_rand();
            buf[k] = r % 9 ? (unsigned char)"abcXYZ09."[r % 9] : (unsigned char)(r >> 8);
        }
        unsigned char *s = vg_malloc(n ? n : 1);
        memcpy(s, buf, n);
        size_t p = next_rand() % (n + 1), lo = next_rand() % (p + 1);
        bad += vg_back_wordish(s, lo, p) != simple_back_wordish(s, lo, p);
        vg_free(s);
    }
    INT_EQ(bad, 0, "scan: vg_back_wordish, every byte at every place and random ranges");
}

int main(void)
{
    test_back();
    test_continuations();
    test_json();
    test_ascii();
    test_any5();
    test_classes();
    test_lengths();
    test_random();
    TEST_MAIN_END();
}
