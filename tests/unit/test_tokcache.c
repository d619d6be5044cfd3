/*
 * test_tokcache.c — the coder's token lookup memo (tokcache.c) must give
 * exactly what vg_dict_word_stem and vg_lex give, on hits, misses and
 * after evictions. A dictionary of the set1 fixtures plus a few thousand
 * invented words and stems is asked about every word in several spellings
 * (case, a letter added or removed, a suffix), closed-class words, UTF-8,
 * bytes that are no UTF-8, NULs, the empty token and tokens longer than a
 * slot holds, many times over in a shuffled order so that slots are
 * reused.
 */
#include "dict.h"
#include "harness.h"
#include "lexicon.h"
#include "tokcache.h"

#include <stdlib.h>

#define FIX "tests/fixtures/dict/"
#define MAXTOK 40000
#define TOKBYTES 320

static char tok[MAXTOK][TOKBYTES];
static size_t toklen[MAXTOK];
static size_t ntok;

static void add(const char *s, size_t n)
{
    if (ntok >= MAXTOK || n >= TOKBYTES) return;
    memcpy(tok[ntok], s, n);
    toklen[ntok++] = n;
}

static void adds(const char *s)
{
    add(s, strlen(s));
}

static uint32_t rng = 12345;
static uint32_t rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

int main(void)
{
    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, FIX "set1"), VIGIL_OK, "set1 loads");
    /* Invented words and stems, so the word table and the stem search
     * have real work. */
    char w[64];
    for (int i = 0; i < 3000; i++) {
        int n = snprintf(w, sizeof w, "w%c%c%dor", 'a' + i % 26, 'a' + i / 26 % 26, i);
        uint32_t id = vg_dict_intern(d, w, (size_t)n);
        if (i % 7 == 0) vg_dict_mark_stem(d, id);
    }
    uint32_t st = vg_dict_intern(d, "ministr", 7);
    vg_dict_mark_stem(d, st);
    vg_dict_intern(d, "\xC3\xA9owyn", 6);
    INT_EQ(vigil_dict_finish(d), VIGIL_OK, "finish");

    /* Every dictionary word in several spellings. */
    for (uint32_t id = 1; vg_dict_word(d, id); id++) {
        const char *s = vg_dict_word(d, id);
        size_t n = strlen(s);
        adds(s);
        snprintf(w, sizeof w, "%s", s);
        if (w[0] >= 'a' && w[0] <= 'z') w[0] = (char)(w[0] - 32);
        adds(w);
        for (size_t k = 0; w[k]; k++)
            if (w[k] >= 'a' && w[k] <= 'z') w[k] = (char)(w[k] - 32);
        adds(w);
        snprintf(w, sizeof w, "%sies", s);
        adds(w);
        if (n > 1) add(s, n - 1);
        snprintf(w, sizeof w, "x%s", s);
        adds(w);
    }
    static const char *other[] = {"the",
                                  "The",
                                  "THE",
                                  "said",
                                  "Said",
                                  "and",
                                  "not",
                                  "n't",
                                  "would",
                                  "to",
                                  "by",
                                  "according",
                                  "Ministries",
                                  "minister",
                                  "ministr",
                                  "min",
                                  "\xC3\x89OWYN",
                                  "\xC3\xA9owyn",
                                  "\xC3\x89owyn",
                                  "\xff\xfe",
                                  "a\xc3",
                                  "\xe2\x80\x9c",
                                  ",",
                                  ".",
                                  "'s",
                                  "'",
                                  "-",
                                  "\"",
                                  "1,000",
                                  "U.S.",
                                  "u.s."};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) adds(other[i]);
    add("", 0);
    add("the\0x", 5);
    add("wa\0", 3);
    /* Lengths around the longest token a slot holds, and far beyond. */
    for (size_t n = 20; n < 300; n += n < 40 ? 1 : 37) {
        char b[300];
        for (size_t k = 0; k < n; k++) b[k] = (char)('a' + k % 26);
        add(b, n);
        memcpy(b, "Ministr", 7);
        add(b, n);
    }
    /* Random bytes, ASCII and not. */
    for (int i = 0; i < 3000; i++) {
        char b[32];
        size_t n = 1 + rnd() % 30;
        for (size_t k = 0; k < n; k++) b[k] = (char)(i % 2 ? 'a' + rnd() % 26 : rnd() % 256);
        add(b, n);
    }
    OK(ntok > 20000, "many distinct tokens (more than the cache's slots)");

    vg_tokcache *tc = vg_tokcache_new(d);
    size_t bad = 0, asked = 0;
    for (int round = 0; round < 4; round++) {
        /* Shuffled order each round; some tokens asked twice in a row. */
        for (size_t i = ntok; i > 1; i--) {
            size_t j = rnd() % i;
            char t[TOKBYTES];
            size_t tn = toklen[i - 1];
            memcpy(t, tok[i - 1], TOKBYTES);
            memcpy(tok[i - 1], tok[j], TOKBYTES);
            toklen[i - 1] = toklen[j];
            memcpy(tok[j], t, TOKBYTES);
            toklen[j] = tn;
        }
        for (size_t i = 0; i < ntok; i++) {
            for (int rep = 0; rep < 1 + (int)(i % 3 == 0); rep++) {
                vg_tokinfo ti;
                uint32_t wid, sid;
                vg_tokcache_get(tc, tok[i], toklen[i], &ti);
                vg_dict_word_stem(d, tok[i], toklen[i], &wid, &sid);
                if (ti.wid != wid || ti.sid != sid || ti.lex != vg_lex(tok[i], toklen[i]) ||
                    ti.starts != vg_dict_may_start(d, wid, sid)) {
                    if (bad < 5)
                        fprintf(stderr, "token %zu (%zu bytes): cache %u/%u, direct %u/%u\n", i,
                                toklen[i], ti.wid, ti.sid, wid, sid);
                    bad++;
                }
                asked++;
            }
        }
    }
    INT_EQ(bad, 0, "cache answers equal direct lookups");
    OK(asked > 100000, "many lookups");
    /* The cases that matter most are really covered. */
    vg_tokinfo ti;
    vg_tokcache_get(tc, "Ministries", 10, &ti);
    INT_EQ(ti.sid, st, "stem through the cache");
    vg_tokcache_get(tc, "Ministries", 10, &ti);
    INT_EQ(ti.sid, st, "stem through the cache, again");
    vg_tokcache_get(tc, "THE", 3, &ti);
    OK(ti.lex & L_DET, "lexicon flags through the cache");
    vg_tokcache_free(tc);
    vg_tokcache_free(NULL);

    /* The key: byte i of the token in byte i % 8 (little-endian) of word
     * i / 8, zeros after, as a byte loop makes it; for every length a slot
     * holds, random bytes (NULs and high bytes among them), read from the
     * end of a buffer so a read past the token would be caught by ASan. */
    size_t keybad = 0, keys = 0;
    for (size_t n = 1; n <= VG_TC_BYTES; n++)
        for (int r = 0; r < 500; r++, keys++) {
            char *b = malloc(n);
            uint64_t want[3] = {0, 0, 0}, got[3];
            for (size_t i = 0; i < n; i++) {
                b[i] = (char)(r % 5 == 0 ? (rnd() % 3 ? 0 : rnd()) : rnd());
                want[i / 8] |= (uint64_t)(uint8_t)b[i] << (8 * (i % 8));
            }
            vg_tc_key(b, n, got);
            keybad += memcmp(want, got, sizeof want) != 0;
            free(b);
        }
    INT_EQ(keybad, 0, "token keys equal the byte-by-byte ones");
    OK(keys == 500 * VG_TC_BYTES, "every length a slot holds");

    /* Tokens differing in one byte (each position of each length) or only
     * in length (a trailing NUL), all of them words of a dictionary so
     * each has its own id: never taken for each other, and every one
     * found again after its pair was asked (two slots a set). */
    vigil_dict *d2 = vigil_dict_new();
    enum { NP = VG_TC_BYTES * (VG_TC_BYTES + 1) };
    static char pa[NP][VG_TC_BYTES + 1], pb[NP][VG_TC_BYTES + 1];
    static size_t pan[NP], pbn[NP];
    size_t np = 0;
    for (size_t n = 1; n <= VG_TC_BYTES; n++)
        for (size_t at = 0; at <= n; at++) {
            char *x = pa[np], *y = pb[np];
            for (size_t i = 0; i <= VG_TC_BYTES; i++) x[i] = y[i] = (char)('a' + (i * 7 + n) % 26);
            pan[np] = pbn[np] = n;
            if (at < n)
                y[at] = (char)('a' + (y[at] - 'a' + 1) % 26);
            else
                y[n] = '\0', pbn[np] = n + 1;
            if (pbn[np] > VG_TC_BYTES) continue;
            vg_dict_intern(d2, x, pan[np]);
            vg_dict_intern(d2, y, pbn[np]);
            np++;
        }
    INT_EQ(vigil_dict_finish(d2), VIGIL_OK, "finish the second dictionary");
    tc = vg_tokcache_new(d2);
    size_t pairbad = 0, distinct = 0;
    for (int rep = 0; rep < 2; rep++)
        for (size_t i = 0; i < np; i++) {
            uint32_t ids[2];
            for (int j = 0; j < 2; j++) {
                const char *t = j ? pb[i] : pa[i];
                size_t tn = j ? pbn[i] : pan[i];
                vg_tokinfo pi;
                uint32_t wid, sid;
                vg_tokcache_get(tc, t, tn, &pi);
                vg_dict_word_stem(d2, t, tn, &wid, &sid);
                pairbad += pi.wid != wid || pi.sid != sid || pi.lex != vg_lex(t, tn) || !wid;
                ids[j] = pi.wid;
            }
            distinct += ids[0] != ids[1];
        }
    INT_EQ(pairbad, 0, "near tokens: the cache answers the direct lookups");
    INT_EQ(distinct, 2 * np, "near tokens kept apart");
    OK(np > 250, "many pairs");
    vg_tokcache_free(tc);
    vigil_dict_free(d2);
    vigil_dict_free(d);
    TEST_MAIN_END();
}
