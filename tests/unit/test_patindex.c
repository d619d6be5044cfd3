/*
 * test_patindex.c — the anchor index of large verb families (dict.c,
 * vg_pattern_index_build; used by the coder for families of more than
 * VG_ANCHOR_MIN_PATTERNS patterns). A family of 80 invented patterns is
 * written to a temporary set: every pattern must be listed exactly once
 * under one of its words (the rarest) or under "no word", and coding must
 * pick the same pattern a full scan would, ties included.
 */
#include "harness.h"
#include "alloc.h"
#include "dict.h"
#include "vigil.h"

#include <stdlib.h>
#include <unistd.h>

#define NPAT 80

#include "code_text.h"

/* 1 when bit x of b is set. */
static int bit(const uint64_t *b, uint32_t x)
{
    return (int)(b[x / 64] >> (x % 64) & 1);
}

/* The runs of vg_dict_family_spans list what vg_dict_family_cands lists (a
 * small family: all its patterns in order), and each candidate's needs
 * say what the simple test says: every exact word (not a stem) in the
 * sentence, every synonym set with a member there. On random sentences'
 * bits, sometimes holding all a pattern needs: with no more needs than
 * kept, the kept ones hold exactly when all do; with more, they hold
 * whenever all do. Returns the number of failures. */
static int check_spans(const vigil_dict *d, unsigned seed)
{
    int bad = 0;
    size_t nw, ns;
    vg_dict_need_layout(d, &nw, &ns);
    INT_EQ(nw, vigil_dict_count(d, "words") / 64 + 1, "need layout: the words' bits");
    INT_EQ(ns, vigil_dict_count(d, "synsets") / 64 + 1, "need layout: the sets' bits");
    uint64_t *bits = calloc(nw + ns + 1, sizeof *bits);
    const vg_pel *pels = vg_dict_pels(d);
    uint32_t words[40], anchors[40], *cand = NULL;
    size_t capc = 0;
    vg_pspan sp[41];
    for (int round = 0; round < 400; round++) {
        size_t nl = (size_t)(round % 40);
        uint32_t nwords = (uint32_t)vigil_dict_count(d, "words") + 3;
        for (size_t i = 0; i < nl; i++) {
            seed = seed * 1103515245u + 12345u;
            words[i] = (seed >> 8) % nwords;
        }
        size_t na = vg_dict_anchor_words(d, words, nl, anchors);
        for (uint32_t f = 1; vg_dict_family(d, f); f++) {
            const vg_family *fa = vg_dict_family(d, f);
            size_t nc = 0;
            if (fa->npatterns > VG_ANCHOR_MIN_PATTERNS)
                nc = vg_dict_family_cands(d, f, anchors, na, &cand, &capc, 0);
            else {
                vg_grow((void **)&cand, &capc, fa->npatterns + 1, sizeof *cand);
                for (uint32_t p = 0; p < fa->npatterns; p++) cand[nc++] = fa->first_pattern + p;
            }
            size_t nsp = vg_dict_family_spans(d, f, anchors, na, sp), at = 0;
            for (size_t r = 0; r < nsp; r++)
                for (size_t q = 0; q < sp[r].n; q++, at++) {
                    const vg_pcand *pc = &sp[r].c[q];
                    uint32_t idx = VG_PC_INDEX(pc->pat);
                    if (at >= nc || cand[at] != idx) bad++;
                    /* The needs against the pattern's elements. */
                    const vg_pattern *p = vg_dict_pattern(d, idx);
                    const vg_pshape *sh = &vg_dict_pattern_shapes(d)[idx];
                    if (sh->first_el != p->first_el || sh->npre != p->npre || sh->npost != p->npost)
                        bad++;
                    for (int t = 0; t < 8; t++) {
                        memset(bits, 0, (nw + ns + 1) * sizeof *bits);
                        for (uint32_t e = 0; e < (uint32_t)p->npre + p->npost; e++) {
                            const vg_pel *el = &pels[p->first_el + e];
                            seed = seed * 1103515245u + 12345u;
                            if ((seed >> 16) % 8 < (unsigned)(t == 0 ? 8 : 6)) {
                                if (el->kind == VG_PE_WORD && el->id / 64 < nw)
                                    bits[el->id / 64] |= (uint64_t)1 << (el->id % 64);
                                if (el->kind == VG_PE_SYN && el->id / 64 < ns)
                                    bits[nw + el->id / 64] |= (uint64_t)1 << (el->id % 64);
                            }
                        }
                        int all = 1;
                        for (uint32_t e = 0; e < (uint32_t)p->npre + p->npost; e++) {
                            const vg_pel *el = &pels[p->first_el + e];
                            if (el->kind == VG_PE_WORD && !el->stem &&
                                (el->id / 64 >= nw || !bit(bits, el->id)))
                                all = 0;
                            if (el->kind == VG_PE_SYN && el->id / 64 < ns &&
                                !bit(bits, (uint32_t)(64 * nw) + el->id))
                                all = 0;
                        }
                        int kept = 1;
                        for (uint32_t k = 0; k < VG_PC_COUNT(pc->pat); k++)
                            if (pc->need[k] >= 64 * (nw + ns + 1) || !bit(bits, pc->need[k]))
                                kept = 0;
                        if ((pc->pat & VG_PC_MORE) ? all && !kept : all != kept) bad++;
                    }
                }
            if (at != nc) bad++;
        }
    }
    vg_free(cand);
    free(bits);
    return bad;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/vigil-patindex-XXXXXX");
    OK(mkdtemp(dir) != NULL, "temporary set");
    write_file("t.actors", "[ARN] Arnor\n[GON] Gondor\n");
    /* Patterns: "* about topicN" (one word each, plus the common "about"),
     * two patterns with no exact word at all ("* +"), and two that tie
     * with the same words ("* about grain"): the first in the file wins. */
    /* Pattern i codes the i-th CAMEO code of a list, so the code tells
     * which pattern matched. */
    static char codes[NPAT][8];
    int nc = 0;
    for (int x = 10; x < 210 && nc < NPAT; x++) {
        char cd[16];
        snprintf(cd, sizeof cd, "%03d", x);
        if (vigil_cameo_lookup(cd) && strcmp(cd, "130") && strcmp(cd, "131") && strcmp(cd, "135") &&
            strcmp(cd, "136"))
            memcpy(codes[nc++], cd, 4);
    }
    for (int x = 1000; x < 2100 && nc < NPAT; x++) {
        char cd[16];
        snprintf(cd, sizeof cd, "%04d", x);
        if (vigil_cameo_lookup(cd)) memcpy(codes[nc++], cd, 5);
    }
    INT_EQ(nc, NPAT, "enough CAMEO codes");
    char *v = malloc(64 * NPAT + 512);
    size_t n = (size_t)snprintf(v, 512,
                                "verb warn [130]\n- * +  [131]\n- * about grain  [135]\n"
                                "- * about grain  [136]\n");
    for (int i = 0; i < NPAT; i++)
        n += (size_t)snprintf(v + n, 64, "- * + about topic%d  [%s]\n", i, codes[i]);
    /* And a small family whose patterns need more: several words, sets,
     * words and sets, a stem, more than three needs. */
    n += (size_t)snprintf(v + n, 512,
                          "verb vow [030]\n- * + &AID  [033]\n- * + ceasefire truce pact  [0311]\n"
                          "- * &AID to + about grain and &AID  [036]\n"
                          "- * + with &AID and &CITY near &CITY  [0233]\n"
                          "- * with + about grain topic1 topic2 topic3  [035]\n");
    write_file("t.synsets", "&AID = food aid; medicine\n&CITY = minas tirith; osgiliath\n");
    write_file("t.verbs", v);
    free(v);

    vigil_dict *d = vigil_dict_new();
    INT_EQ(vigil_dict_load(d, dir), VIGIL_OK, "set loads");
    if (vigil_dict_errmsg(d)[0]) {
        fprintf(stderr, "%s\n", vigil_dict_errmsg(d));
        TEST_MAIN_END();
    }
    INT_EQ(vigil_dict_finish(d), VIGIL_OK, "finish builds the index");

    /* Every pattern of the family once, under its rarest word. */
    uint32_t fam = 0;
    for (uint32_t f = 1; vg_dict_family(d, f); f++)
        if (vg_dict_family(d, f)->npatterns > VG_ANCHOR_MIN_PATTERNS) fam = f;
    OK(fam != 0, "a large family");
    if (!fam) TEST_MAIN_END();
    const vg_family *fa = vg_dict_family(d, fam);
    INT_EQ(fa->npatterns, NPAT + 3, "its patterns");
    int *seen = calloc(fa->npatterns, sizeof *seen);
    uint32_t k;
    const uint32_t *none = vg_dict_family_anchor(d, fam, 0, &k);
    INT_EQ(k, 1, "one pattern with no exact word");
    for (uint32_t i = 0; i < k; i++) seen[none[i] - fa->first_pattern]++;
    uint32_t about = vg_dict_word_id(d, "about", 5);
    vg_dict_family_anchor(d, fam, about, &k);
    INT_EQ(k, 0, "the common word anchors nothing");
    uint32_t grain = vg_dict_word_id(d, "grain", 5);
    const uint32_t *g = vg_dict_family_anchor(d, fam, grain, &k);
    INT_EQ(k, 2, "the two tying patterns under their rare word");
    for (uint32_t i = 0; i < k; i++) seen[g[i] - fa->first_pattern]++;
    for (int i = 0; i < NPAT; i++) {
        char w[16];
        int len = snprintf(w, sizeof w, "topic%d", i);
        const uint32_t *x = vg_dict_family_anchor(d, fam, vg_dict_word_id(d, w, (size_t)len), &k);
        if (k == 1) seen[x[0] - fa->first_pattern]++;
    }
    int once = 1;
    for (uint32_t i = 0; i < fa->npatterns; i++)
        if (seen[i] != 1) once = 0;
    OK(once, "every pattern listed exactly once");
    free(seen);
    /* vg_dict_is_anchor says which words have a list in some family. */
    int agree = 1, nanchor = 0;
    for (uint32_t w = 0; w < vigil_dict_count(d, "words") + 5; w++) {
        int listed = 0;
        for (uint32_t f = 1; vg_dict_family(d, f); f++)
            if (w && vg_dict_family_anchor(d, f, w, &k)) listed = 1;
        if (listed != vg_dict_is_anchor(d, w)) agree = 0;
        nanchor += listed;
    }
    OK(agree, "vg_dict_is_anchor agrees with the anchor lists");
    INT_EQ(nanchor, NPAT + 1, "anchor words: the topics and grain");

    /* The batch calls the coder makes equal the calls per word: random
     * lists of word ids (anchors or not, out of range, repeated), the
     * anchor words filtered in order, and every family's candidates the
     * anchorless list then each word's list, appended after what is there. */
    {
        uint32_t nw = (uint32_t)vigil_dict_count(d, "words") + 5;
        uint32_t words[40], anchors[40], *cand = NULL, *want_c = NULL;
        size_t capc = 0, capw = 0;
        unsigned seed = 12345;
        int same_words = 1, same_cands = 1;
        for (int round = 0; round < 3000; round++) {
            size_t nl = (size_t)(round % 40);
            for (size_t i = 0; i < nl; i++) {
                seed = seed * 1103515245u + 12345u;
                words[i] = (seed >> 8) % nw;
            }
            size_t na = vg_dict_anchor_words(d, words, nl, anchors), nb = 0;
            for (size_t i = 0; i < nl; i++)
                if (vg_dict_is_anchor(d, words[i])) {
                    if (nb >= na || anchors[nb] != words[i]) same_words = 0;
                    nb++;
                }
            if (nb != na) same_words = 0;
            for (uint32_t f = 1; vg_dict_family(d, f); f++) {
                size_t pre = (size_t)(round % 3), len = pre;
                vg_grow((void **)&cand, &capc, pre, sizeof *cand);
                vg_grow((void **)&want_c, &capw, pre, sizeof *want_c);
                for (size_t i = 0; i < pre; i++) cand[i] = want_c[i] = 7u + (uint32_t)i;
                for (size_t i = 0; i <= na; i++) {
                    const uint32_t *x = vg_dict_family_anchor(d, f, i ? anchors[i - 1] : 0, &k);
                    vg_grow((void **)&want_c, &capw, len + k, sizeof *want_c);
                    for (uint32_t j = 0; j < k; j++) want_c[len++] = x[j];
                }
                size_t got_n = vg_dict_family_cands(d, f, anchors, na, &cand, &capc, pre);
                if (got_n != len || (len && memcmp(cand, want_c, len * sizeof *cand) != 0))
                    same_cands = 0;
            }
        }
        INT_EQ(check_spans(d, 777u), 0, "vg_dict_family_spans: the candidates and their needs");
        OK(same_words, "vg_dict_anchor_words filters as vg_dict_is_anchor");
        OK(same_cands, "vg_dict_family_cands lists as vg_dict_family_anchor");
        vg_free(cand);
        vg_free(want_c);
    }

    /* Coding through the index. */
    char got[512], want[64];
    code(d, "Arnor warned Gondor about topic37.", got, sizeof got);
    snprintf(want, sizeof want, "ARN GON %s;", codes[37]);
    STR_EQ(got, want, "the pattern of the word in the sentence");
    code(d, "Arnor warned Gondor about topic79 and topic3.", got, sizeof got);
    snprintf(want, sizeof want, "ARN GON %s;", codes[3]);
    STR_EQ(got, want, "two patterns of equal score: the earlier one");
    code(d, "Arnor warned Gondor about grain.", got, sizeof got);
    STR_EQ(got, "ARN GON 135;", "a tie: the first in the file");
    code(d, "Arnor warned Gondor.", got, sizeof got);
    STR_EQ(got, "ARN GON 131;", "the pattern with no exact word");

    /* The same through a snapshot, which keeps the index (format 3). */
    char snap[96];
    snprintf(snap, sizeof snap, "%s/t.vgd", dir);
    INT_EQ(vigil_dict_save(d, snap), VIGIL_OK, "snapshot written");
    vigil_dict *m = vigil_dict_new();
    INT_EQ(vigil_dict_load(m, snap), VIGIL_OK, "snapshot mapped");
    code(m, "Arnor warned Gondor about topic79 and topic3.", got, sizeof got);
    STR_EQ(got, want, "snapshot: the same pattern");
    /* A mapped snapshot gets its families' anchor masks on loading: with
     * every anchor word of the set, each family's candidates are all its
     * lists, as vg_dict_family_anchor gives them one by one. */
    {
        uint32_t nw = (uint32_t)vigil_dict_count(m, "words") + 1, *aw = NULL, *cand = NULL;
        size_t na = 0, capa = 0, capc = 0;
        for (uint32_t w = 1; w < nw; w++)
            if (vg_dict_is_anchor(m, w)) {
                vg_grow((void **)&aw, &capa, na + 1, sizeof *aw);
                aw[na++] = w;
            }
        INT_EQ(na, NPAT + 1, "snapshot: the anchor words");
        int same = 1;
        for (uint32_t f = 1; vg_dict_family(m, f); f++) {
            size_t got_n = vg_dict_family_cands(m, f, aw, na, &cand, &capc, 0), want_n = 0;
            for (size_t i = 0; i <= na; i++) {
                const uint32_t *x = vg_dict_family_anchor(m, f, i ? aw[i - 1] : 0, &k);
                for (uint32_t j = 0; j < k; j++, want_n++)
                    if (want_n >= got_n || cand[want_n] != x[j]) same = 0;
            }
            if (want_n != got_n) same = 0;
        }
        OK(same, "snapshot: vg_dict_family_cands lists as vg_dict_family_anchor");
        INT_EQ(check_spans(m, 4242u), 0, "snapshot: the candidates and their needs");
        vg_free(aw);
        vg_free(cand);
    }
    vigil_dict_free(m);
    vigil_dict_free(d);

    char path[128];
    const char *files[] = {"t.actors", "t.verbs", "t.synsets", "t.vgd"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    TEST_MAIN_END();
}
