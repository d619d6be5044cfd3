/*
 * test_petrarch.c — the PETRARCH dictionary reader (petrarch.c) on small
 * invented files in tests/fixtures/dict/pet: actor blocks with '+'
 * synonyms and dated code lines, stems, agents with substitution markers
 * and {plurals}, the verb dictionary's synsets, blocks, compound verbs and
 * patterns, and discards.
 */
#include "dict.h"
#include "harness.h"

#define PET "tests/fixtures/dict/pet/"

static size_t ids_of(const vigil_dict *d, const char *text, uint32_t *ids, uint32_t *stems)
{
    size_t n = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ') p++;
        const char *q = p;
        while (*q && *q != ' ') q++;
        if (q > p) {
            ids[n] = vg_dict_word_id(d, p, (size_t)(q - p));
            stems[n] = vg_dict_stem_id(d, p, (size_t)(q - p));
            n++;
        }
        p = q;
    }
    return n;
}

static uint32_t hit(const vigil_dict *d, const char *text, int kind, uint32_t *id)
{
    uint32_t ids[64], stems[64];
    vg_hit h[32];
    size_t n = ids_of(d, text, ids, stems);
    size_t nh = vg_dict_lookup(d, ids, stems, n, 0, h, 32);
    for (size_t k = 0; k < nh; k++)
        if (h[k].kind == kind) {
            if (id) *id = h[k].id;
            return h[k].len;
        }
    return 0;
}

static const char *code(const vigil_dict *d, const char *text, int32_t date)
{
    uint32_t id = 0;
    if (!hit(d, text, VG_ENT_ACTOR, &id)) return "(none)";
    const char *c = vg_actor_code_at(d, id, date);
    return c ? c : "(null)";
}

static int nwarn;
static void diag(void *ud, const char *m)
{
    (void)ud;
    (void)m;
    nwarn++;
}

int main(void)
{
    vigil_dict *d = vigil_dict_new();
    vigil_dict_set_diag(d, diag, NULL);
    INT_EQ(vigil_dict_load(d, PET), VIGIL_OK, "PETRARCH folder loads");
    STR_EQ(vigil_dict_errmsg(d), "", "no error");

    /* Actors. */
    INT_EQ(vigil_dict_count(d, "actors"), 5, "actor entries");
    STR_EQ(code(d, "arnor", 0), "ARN", "exact name");
    STR_EQ(code(d, "arnorian", 0), "(none)", "ARNOR_ is exact: no stem match");
    STR_EQ(code(d, "arnor kingdom", 0), "ARN", "'+' synonym shares the code");
    STR_EQ(code(d, "gondorian", 0), "GON", "GONDOR is a stem");
    STR_EQ(code(d, "Gondor", 0), "GON", "a stem matches itself");
    STR_EQ(code(d, "minas tirith", 0), "GON", "synonym after a code on the line");
    STR_EQ(code(d, "strider", 20020505), "GONELI", "multi-line code block, YYMMDD range");
    STR_EQ(code(d, "aragorn elessar", 20040101), "GONGOV", "'>' date");
    STR_EQ(code(d, "strider", 20031231), "GONELI", "'>D' is after D");
    STR_EQ(code(d, "strider", 19990101), "RNG", "'<' date, 2-digit year 01 is 2001");
    STR_EQ(code(d, "faramir", 20000101), "ITHGOV", "spaces around the dash, 8-digit dates");
    STR_EQ(code(d, "faramir", 20050101), "ITHMIL", "undated fallback");
    STR_EQ(code(d, "elvish council", 0), "ELF", "lower-case code upper-cased");
    OK(nwarn > 0, "warnings were given");

    /* Agents. */
    uint32_t ag = 0;
    INT_EQ(hit(d, "horsemen", VG_ENT_AGENT, &ag), 1, "!PERSON! substitution");
    STR_EQ(vg_dict_agent(d, ag)->code, "MIL", "~MIL");
    INT_EQ(hit(d, "horsewoman", VG_ENT_AGENT, NULL), 1, "substitution item 3");
    INT_EQ(hit(d, "stewards", VG_ENT_AGENT, NULL), 1, "generated plural");
    INT_EQ(hit(d, "captains of the guard", VG_ENT_AGENT, NULL), 4, "explicit {plural}");
    INT_EQ(hit(d, "captains", VG_ENT_AGENT, NULL), 0, "no generated plural beside {plural}");
    INT_EQ(hit(d, "rangers", VG_ENT_AGENT, NULL), 1, "{} keeps the name");
    INT_EQ(hit(d, "watch council", VG_ENT_AGENT, &ag), 2, "IGO~");
    INT_EQ(vg_dict_agent(d, ag)->prefix, 1, "IGO~ is a prefix code");
    INT_EQ(hit(d, "loose word", VG_ENT_AGENT, NULL), 0, "agent without a code is skipped");

    /* Verbs. */
    uint32_t vf = 0;
    INT_EQ(hit(d, "pledged", VG_ENT_VERB, &vf), 1, "regular forms generated");
    const vg_verb *v = vg_dict_verb(d, vg_dict_verbform(d, vf)->verb);
    STR_EQ(v->code, "050", "family code");
    INT_EQ(hit(d, "swore", VG_ENT_VERB, &vf), 1, "irregular verb from the table");
    STR_EQ(vg_dict_verb(d, vg_dict_verbform(d, vf)->verb)->code, "051", "verb's own code");
    INT_EQ(hit(d, "handed over", VG_ENT_VERB, &vf), 2, "compound verb form from braces");
    STR_EQ(vg_dict_verb(d, vg_dict_verbform(d, vf)->verb)->lemma, "hand over", "compound lemma");
    INT_EQ(hit(d, "rode", VG_ENT_VERB, &vf), 1, "braces: past");
    INT_EQ(vg_dict_verbform(d, vf)->form, VG_VF_PAST, "rode is PAST");
    INT_EQ(hit(d, "ridden", VG_ENT_VERB, &vf), 1, "braces: participle");
    INT_EQ(vg_dict_verbform(d, vf)->form, VG_VF_PART, "ridden is PART");
    INT_EQ(hit(d, "riding", VG_ENT_VERB, &vf), 1, "braces: -ing");
    INT_EQ(vg_dict_verbform(d, vf)->form, VG_VF_ING, "riding is ING");
    INT_EQ(hit(d, "raiding", VG_ENT_VERB, &vf), 1, "second block");
    STR_EQ(vg_dict_verb(d, vg_dict_verbform(d, vf)->verb)->code, "---", "[---] block");

    /* Synsets: plural generation rules. */
    uint32_t blade = vg_dict_find_synset(d, "&BLADE");
    OK(blade != 0, "&BLADE");
    uint32_t sid = 0;
    INT_EQ(hit(d, "swords", VG_ENT_SYN, &sid), 1, "plural of a member");
    INT_EQ(sid, blade, "in &BLADE");
    INT_EQ(hit(d, "long knives", VG_ENT_SYN, NULL), 2, "plural of a phrase's last word");
    INT_EQ(hit(d, "axes", VG_ENT_SYN, NULL), 0, "AXE_: no plural");
    OK(vg_dict_find_synset(d, "&HELPERS") != 0, "name without its final '_'");
    INT_EQ(hit(d, "allies", VG_ENT_SYN, NULL), 0, "&HELPERS_: no plurals");
    OK(vg_dict_find_synset(d, "&LATESET") != 0, "set defined after use");

    /* Patterns. */
    const vg_family *f = vg_dict_family(d, v->family);
    INT_EQ(f->npatterns, 5, "pledge patterns");
    const vg_pel *els = vg_dict_pels(d);
    const vg_pattern *p = vg_dict_pattern(d, f->first_pattern);
    STR_EQ(p->code, "072", "first code");
    STR_EQ(p->code2, "073", "second code");
    INT_EQ(p->npost, 5, "&BLADE (TO +)");
    INT_EQ(els[p->first_el].kind, VG_PE_SYN, "synset element");
    INT_EQ(els[p->first_el + 1].kind, VG_PE_PP_OPEN, "(");
    INT_EQ(els[p->first_el + 3].kind, VG_PE_TARGET, "+ in the PP");
    p = vg_dict_pattern(d, f->first_pattern + 1);
    INT_EQ(p->npre, 1, "$ before");
    INT_EQ(p->npost, 5, "OATH_OF_FEALTY is an adjacent group");
    INT_EQ(els[p->first_el + 1].kind, VG_PE_NP_OPEN, "implicit {");
    INT_EQ(els[p->first_el + 5].kind, VG_PE_NP_CLOSE, "implicit }");
    p = vg_dict_pattern(d, f->first_pattern + 2);
    INT_EQ(els[p->first_el + 1].kind, VG_PE_SYN, "forward-referenced set");
    p = vg_dict_pattern(d, f->first_pattern + 3);
    INT_EQ(p->npre, 1, "'%' before the verb");
    INT_EQ(els[p->first_el].kind, VG_PE_COMPOUND, "'%' is a compound element");
    p = vg_dict_pattern(d, f->first_pattern + 4);
    INT_EQ(p->npre, 2, "RELUCTANTLY ^ before the verb");
    INT_EQ(els[p->first_el + 1].kind, VG_PE_SKIP, "'^' skips a phrase");
    INT_EQ(p->line, 19, "pattern line number");

    /* Discards. */
    uint32_t di = 0;
    INT_EQ(hit(d, "hobbit cup", VG_ENT_DISCARD, &di), 2, "story discard");
    INT_EQ(vg_dict_discard(d, di)->story, 1, "'+' means story");
    INT_EQ(hit(d, "long ago", VG_ENT_DISCARD, &di), 2, "sentence discard");
    INT_EQ(vg_dict_discard(d, di)->story, 0, "no '+': sentence");
    INT_EQ(hit(d, "long agony", VG_ENT_DISCARD, NULL), 2, "a final word without '_' is a stem");
    vigil_dict_free(d);

    /* A single PETRARCH file by kind. */
    d = vigil_dict_new();
    INT_EQ(vigil_dict_load_file(d, PET "Test.discards.txt", "discards", 1), VIGIL_OK, "one file");
    INT_EQ(vigil_dict_count(d, "discards"), 2, "two discards");
    vigil_dict_free(d);
    TEST_MAIN_END();
}
