/*
 * test_cameo.c — the CAMEO table and its lookup.
 *
 * Known values are taken from the reference tables the table is generated
 * from (cameo_events.tsv, plover_mapping.tsv); the whole-table checks hold
 * the generated file to CAMEO's structure: sorted unique codes, the quad
 * class of each root, every code's parent present.
 */
#include "cameo.h"
#include "harness.h"
#include "vigil.h"

#include <string.h>

static int all_digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

static int root_number(const char *code)
{
    return (code[0] - '0') * 10 + (code[1] - '0');
}

static int expected_quad(int root)
{
    if (root >= 1 && root <= 5) return 1;
    if (root >= 6 && root <= 9) return 2;
    if (root >= 10 && root <= 14) return 3;
    if (root >= 15 && root <= 20) return 4;
    return 0;
}

/* The PLOVER event types the crosswalk uses, plus "" for dropped codes. */
static int known_plover(const char *t)
{
    static const char *const types[] = {"",       "AGREE",    "CONSULT", "SUPPORT",  "COOPERATE",
                                        "AID",    "CONCEDE",  "RETREAT", "ACCUSE",   "REQUEST",
                                        "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION",
                                        "COERCE", "ASSAULT"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(t, types[i]) == 0) return 1;
    return 0;
}

static void test_known_codes(void)
{
    const vigil_cameo *c = vigil_cameo_lookup("072");
    OK(c != NULL, "072 found");
    if (c) {
        STR_EQ(c->code, "072", "072 code");
        STR_EQ(c->label, "Provide military aid", "072 label");
        OK(c->goldstein == 8.3, "072 goldstein 8.3");
        INT_EQ(c->quad, 2, "072 quad");
        STR_EQ(c->plover, "AID", "072 plover");
        STR_EQ(c->plover_mode, "", "072 plover mode");
    }

    c = vigil_cameo_lookup("1312");
    OK(c != NULL, "1312 found");
    if (c) {
        STR_EQ(c->label, "Threaten with sanctions, boycott, embargo", "1312 label");
        OK(c->goldstein == -5.8, "1312 goldstein -5.8");
        INT_EQ(c->quad, 3, "1312 quad");
        STR_EQ(c->plover, "THREATEN", "1312 plover");
        STR_EQ(c->plover_mode, "restrict", "1312 plover mode");
    }

    c = vigil_cameo_lookup("19");
    OK(c != NULL, "root 19 found");
    if (c) {
        STR_EQ(c->label, "FIGHT", "19 label");
        OK(c->goldstein == -10.0, "19 goldstein");
        INT_EQ(c->quad, 4, "19 quad");
        STR_EQ(c->plover, "ASSAULT", "19 plover");
    }

    c = vigil_cameo_lookup("01");
    OK(c != NULL && strcmp(c->plover, "") == 0, "01 has no PLOVER type");
    OK(c != NULL && c->goldstein == 0.0 && c->quad == 1, "01 goldstein 0, quad 1");

    c = vigil_cameo_lookup("044");
    STR_EQ(c ? c->label : NULL, "Meet at a \"third\" location", "044 label keeps its quotes");
    STR_EQ(c ? c->plover_mode : NULL, "third-party", "044 plover mode");

    c = vigil_cameo_lookup("0874");
    OK(c != NULL && c->goldstein == 10.0, "0874 goldstein 10.0");
    c = vigil_cameo_lookup("163");
    OK(c != NULL && c->goldstein == -8.0 && strcmp(c->plover, "COERCE") == 0, "163 -8.0 COERCE");
    c = vigil_cameo_lookup("011");
    OK(c != NULL && c->goldstein == -0.1, "011 goldstein -0.1");
    c = vigil_cameo_lookup("1712");
    STR_EQ(c ? c->plover : NULL, "ASSAULT", "1712 plover differs from its root's");
    c = vigil_cameo_lookup("155");
    OK(c != NULL && c->goldstein == -7.2, "155 goldstein derived from its root");

    /* 1213 is an ICEWS-only CAMEO code kept in the table; 1214 is only in
     * the PLOVER crosswalk and is left out on purpose. */
    OK(vigil_cameo_lookup("1213") != NULL, "1213 present");
    OK(vigil_cameo_lookup("1214") == NULL, "1214 (PLOVER-only) absent");
    OK(vigil_cameo_lookup("2042") != NULL, "last code 2042 present");
}

static void test_bad_codes(void)
{
    OK(vigil_cameo_lookup(NULL) == NULL, "NULL");
    OK(vigil_cameo_lookup("") == NULL, "empty");
    OK(vigil_cameo_lookup("0") == NULL, "one digit");
    OK(vigil_cameo_lookup("72") == NULL, "missing leading zero");
    OK(vigil_cameo_lookup("0072") == NULL, "extra leading zero");
    OK(vigil_cameo_lookup("00") == NULL, "root 00");
    OK(vigil_cameo_lookup("21") == NULL, "root 21");
    OK(vigil_cameo_lookup("099") == NULL, "unused 3-digit code");
    OK(vigil_cameo_lookup("0720") == NULL, "unused 4-digit code");
    OK(vigil_cameo_lookup("072 ") == NULL, "trailing space");
    OK(vigil_cameo_lookup(" 072") == NULL, "leading space");
    OK(vigil_cameo_lookup("07a") == NULL, "letter");
    OK(vigil_cameo_lookup("13120") == NULL, "five digits");
    OK(vigil_cameo_lookup("1312 plus a long tail of text") == NULL, "long string");
    OK(vg_cameo_valid("057"), "valid 057");
    OK(vg_cameo_valid("20"), "valid 20");
    OK(!vg_cameo_valid("57"), "invalid 57");
    OK(!vg_cameo_valid(NULL), "invalid NULL");
}

static void test_whole_table(void)
{
    size_t n = 0;
    const vigil_cameo *t = vg_cameo_table(&n);
    INT_EQ(n, 317, "table size");
    OK(vg_cameo_table(NULL) == t, "table with NULL count");

    int roots = 0;
    size_t bad_order = 0, bad_shape = 0, bad_quad = 0, bad_gold = 0, bad_plover = 0;
    size_t bad_parent = 0, bad_lookup = 0, bad_label = 0;
    for (size_t i = 0; i < n; i++) {
        const char *code = t[i].code;
        size_t len = strlen(code);
        if (i > 0 && strcmp(t[i - 1].code, code) >= 0) bad_order++;
        if (len < 2 || len > 4 || !all_digits(code)) {
            bad_shape++;
            continue;
        }
        int root = root_number(code);
        if (t[i].quad != expected_quad(root)) bad_quad++;
        if (!(t[i].goldstein >= -10.0 && t[i].goldstein <= 10.0)) bad_gold++;
        if (!t[i].plover || !t[i].plover_mode || !known_plover(t[i].plover)) bad_plover++;
        if (!t[i].label || !t[i].label[0]) bad_label++;
        if (vigil_cameo_lookup(code) != &t[i]) bad_lookup++;
        if (len == 2) {
            roots++;
        } else {
            /* The parent of 0231 is 023, the parent of 023 is 02. */
            char parent[4];
            memcpy(parent, code, len - 1);
            parent[len - 1] = '\0';
            if (!vigil_cameo_lookup(parent)) bad_parent++;
        }
    }
    INT_EQ(bad_order, 0, "codes sorted and unique");
    INT_EQ(bad_shape, 0, "codes are 2-4 digits");
    INT_EQ(bad_quad, 0, "quad class 01-05=1, 06-09=2, 10-14=3, 15-20=4");
    INT_EQ(bad_gold, 0, "goldstein within -10..10");
    INT_EQ(bad_plover, 0, "PLOVER types known");
    INT_EQ(bad_label, 0, "labels present");
    INT_EQ(bad_lookup, 0, "every code finds its own record");
    INT_EQ(bad_parent, 0, "every code's parent present");
    INT_EQ(roots, 20, "twenty root codes");

    /* The quad class boundaries, one by one. */
    static const struct {
        const char *root;
        int quad;
    } bounds[] = {{"01", 1}, {"05", 1}, {"06", 2}, {"09", 2},
                  {"10", 3}, {"14", 3}, {"15", 4}, {"20", 4}};
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        const vigil_cameo *c = vigil_cameo_lookup(bounds[i].root);
        INT_EQ(c ? c->quad : -1, bounds[i].quad, bounds[i].root);
    }
}

/* The lookup compares codes in a loop of its own (cameo.c): it must find
 * what a scan of the table with strcmp finds, for every string of up to
 * five bytes over digits, bytes next to them and bytes above 0x7f, and for
 * every table code with any byte changed (a compare that stops a byte short
 * or misses the end of a code fails here). */
static const vigil_cameo *scan_lookup(const char *code)
{
    size_t n, len = strlen(code);
    const vigil_cameo *t = vg_cameo_table(&n);
    if (len < 2 || len > 4) return NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].code, code) == 0) return &t[i];
    return NULL;
}

static void test_lookup_matches_scan(void)
{
    static const char alpha[] = {'0', '1', '2', '3', '4', '5', '6',        '7',
                                 '8', '9', '/', ':', ' ', 'a', (char)0x80, (char)0xff};
    const size_t na = sizeof alpha;
    size_t checked = 0, bad = 0;
    char s[6];
    for (size_t len = 0; len <= 5; len++) {
        size_t total = 1;
        for (size_t k = 0; k < len; k++) total *= len <= 4 ? na : 10;
        for (size_t x = 0; x < total; x++) {
            size_t v = x;
            for (size_t k = 0; k < len; k++) {
                /* Five-byte strings over digits only: the length check. */
                s[k] = len <= 4 ? alpha[v % na] : (char)('0' + v % 10);
                v /= len <= 4 ? na : 10;
            }
            s[len] = '\0';
            if (vigil_cameo_lookup(s) != scan_lookup(s)) bad++;
            checked++;
        }
    }
    size_t n;
    const vigil_cameo *t = vg_cameo_table(&n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(t[i].code);
        for (size_t p = 0; p < len; p++)
            for (int b = 1; b < 256; b++) {
                memcpy(s, t[i].code, len + 1);
                s[p] = (char)b;
                if (vigil_cameo_lookup(s) != scan_lookup(s)) bad++;
                checked++;
            }
    }
    INT_EQ(bad, 0, "lookup agrees with a strcmp scan");
    OK(checked > 100000, "many strings checked");
}

int main(void)
{
    test_known_codes();
    test_bad_codes();
    test_whole_table();
    test_lookup_matches_scan();
    TEST_MAIN_END();
}
