/*
 * lexicon.c — closed-class word lookup (see lexicon.h).
 *
 * The table is sorted by bytes so a binary search finds a word in about
 * nine comparisons; words are lower-cased into a small stack buffer first.
 * Words longer than the buffer cannot be closed-class words.
 */
#include "lexicon.h"

#include <string.h>

typedef struct lexent {
    const char *word;
    uint64_t flags;
} lexent;

static const lexent table[] = {
#include "lexicon_table.inc"
};

uint64_t vg_lex(const char *s, size_t n)
{
    char w[24];
    if (n == 0 || n >= sizeof w) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) return 0;
        w[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    w[n] = '\0';
    size_t lo = 0, hi = sizeof table / sizeof table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(table[mid].word, w);
        if (c == 0) return table[mid].flags;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
