/*
 * cwords.c — the table of the words the coder's rules test by spelling,
 * and the map from a dictionary's word ids to their ids (cwords.h says
 * why and how).
 */
#include "cwords.h"

#include "alloc.h"
#include "vigil.h"

const vg_cword vg_cwords_table[CW_COUNT] = {{"", 0, 0},
#define VG_CW_ENTRY(name, word, classes) {word, (uint8_t)(sizeof word - 1), (uint16_t)(classes)},
                                            VG_CWORDS(VG_CW_ENTRY)
#undef VG_CW_ENTRY
};

_Static_assert(CW_COUNT <= 256, "table ids fit a byte");
/* Every table word is shorter than 16 bytes (vg_cwords.absent_first;
 * test_cwords checks it). */

/* Is s[0..n) word k in any ASCII letter case? */
static int spelled_as(const char *s, size_t n, uint8_t k)
{
    const vg_cword *w = &vg_cwords_table[k];
    if (n != w->len) return 0;
    for (size_t i = 0; i < n; i++) {
        char a = s[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (a != w->word[i]) return 0;
    }
    return 1;
}

uint8_t vg_cwords_spelled(const char *s, size_t n)
{
    for (unsigned k = 1; k < CW_COUNT; k++)
        if (spelled_as(s, n, (uint8_t)k)) return (uint8_t)k;
    return CW_OTHER;
}

uint8_t vg_cwords_absent(const vg_cwords *m, const char *s, size_t n)
{
    for (size_t i = 0; i < m->nabsent; i++)
        if (spelled_as(s, n, m->absent[i])) return m->absent[i];
    return CW_OTHER;
}

vg_cwords *vg_cwords_new(const vigil_dict *d)
{
    vg_cwords *m = vg_calloc(1, sizeof *m);
    uint32_t id[CW_COUNT];
    /* Word ids run from 1 to the count of words; the map covers the
     * table's ids in any case, so a larger id is no table word's. */
    m->nwid = vigil_dict_count(d, "words") + 1;
    for (unsigned k = 1; k < CW_COUNT; k++) {
        const vg_cword *w = &vg_cwords_table[k];
        id[k] = vg_dict_word_id(d, w->word, w->len);
        if (id[k] >= m->nwid) m->nwid = (size_t)id[k] + 1;
    }
    m->bywid = vg_calloc(m->nwid, 1);
    for (unsigned k = 1; k < CW_COUNT; k++) {
        if (id[k])
            m->bywid[id[k]] = (uint8_t)k;
        else {
            m->absent[m->nabsent++] = (uint8_t)k;
            m->absent_first[vg_cwords_table[k].len] |= 1u << (vg_cwords_table[k].word[0] - 'a');
        }
    }
    return m;
}

void vg_cwords_free(vg_cwords *m)
{
    if (!m) return;
    vg_free(m->bywid);
    vg_free(m);
}
