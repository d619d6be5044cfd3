/*
 * inflect.c — English verb inflections and noun plurals for the loaders.
 *
 * Dictionaries list lemmas ("supply", "meet"); text has "supplied", "met".
 * vg_inflect makes the -s, past, participle and -ing forms by the regular
 * spelling rules (y -> ies/ied, e dropped before -ing, the final consonant
 * doubled after a short stressed vowel) and a table of irregular verbs.
 * Verbs built on an irregular one with a prefix ("withdraw", "undertake",
 * "overthrow") inherit its forms. vg_pluralize does the same for nouns (the
 * agent and synonym-set loaders add plurals of single nouns).
 *
 * Everything here works on lower-case ASCII; other bytes pass through the
 * regular rules unchanged.
 */
#include "dict.h"

#include <stdio.h>
#include <string.h>

#define FORM_MAX 64

/* Irregular verbs: base, past, past participle. Facts of English, kept in
 * alphabetical order for reading, searched linearly (only at load time). */
static const char *const irregular[][3] = {
    {"arise", "arose", "arisen"},
    {"awake", "awoke", "awoken"},
    {"be", "was", "been"},
    {"bear", "bore", "borne"},
    {"beat", "beat", "beaten"},
    {"become", "became", "become"},
    {"befall", "befell", "befallen"},
    {"begin", "began", "begun"},
    {"behold", "beheld", "beheld"},
    {"bend", "bent", "bent"},
    {"beset", "beset", "beset"},
    {"bet", "bet", "bet"},
    {"bid", "bid", "bid"},
    {"bind", "bound", "bound"},
    {"bite", "bit", "bitten"},
    {"bleed", "bled", "bled"},
    {"blow", "blew", "blown"},
    {"break", "broke", "broken"},
    {"breed", "bred", "bred"},
    {"bring", "brought", "brought"},
    {"broadcast", "broadcast", "broadcast"},
    {"build", "built", "built"},
    {"burn", "burned", "burned"},
    {"burst", "burst", "burst"},
    {"buy", "bought", "bought"},
    {"cast", "cast", "cast"},
    {"catch", "caught", "caught"},
    {"choose", "chose", "chosen"},
    {"cling", "clung", "clung"},
    {"come", "came", "come"},
    {"cost", "cost", "cost"},
    {"creep", "crept", "crept"},
    {"cut", "cut", "cut"},
    {"deal", "dealt", "dealt"},
    {"dig", "dug", "dug"},
    {"do", "did", "done"},
    {"draw", "drew", "drawn"},
    {"dream", "dreamed", "dreamed"},
    {"drink", "drank", "drunk"},
    {"drive", "drove", "driven"},
    {"eat", "ate", "eaten"},
    {"fall", "fell", "fallen"},
    {"feed", "fed", "fed"},
    {"feel", "felt", "felt"},
    {"fight", "fought", "fought"},
    {"find", "found", "found"},
    {"flee", "fled", "fled"},
    {"fling", "flung", "flung"},
    {"fly", "flew", "flown"},
    {"forbid", "forbade", "forbidden"},
    {"forecast", "forecast", "forecast"},
    {"forget", "forgot", "forgotten"},
    {"forgive", "forgave", "forgiven"},
    {"forsake", "forsook", "forsaken"},
    {"freeze", "froze", "frozen"},
    {"get", "got", "gotten"},
    {"give", "gave", "given"},
    {"go", "went", "gone"},
    {"grind", "ground", "ground"},
    {"grow", "grew", "grown"},
    {"hang", "hung", "hung"},
    {"have", "had", "had"},
    {"hear", "heard", "heard"},
    {"hide", "hid", "hidden"},
    {"hit", "hit", "hit"},
    {"hold", "held", "held"},
    {"hurt", "hurt", "hurt"},
    {"keep", "kept", "kept"},
    {"kneel", "knelt", "knelt"},
    {"know", "knew", "known"},
    {"lay", "laid", "laid"},
    {"lead", "led", "led"},
    {"lean", "leaned", "leaned"},
    {"leap", "leapt", "leapt"},
    {"learn", "learned", "learned"},
    {"leave", "left", "left"},
    {"lend", "lent", "lent"},
    {"let", "let", "let"},
    {"lie", "lied", "lied"},
    {"light", "lit", "lit"},
    {"lose", "lost", "lost"},
    {"make", "made", "made"},
    {"mean", "meant", "meant"},
    {"meet", "met", "met"},
    {"mislead", "misled", "misled"},
    {"mistake", "mistook", "mistaken"},
    {"overcome", "overcame", "overcome"},
    {"pay", "paid", "paid"},
    {"prove", "proved", "proven"},
    {"put", "put", "put"},
    {"quit", "quit", "quit"},
    {"read", "read", "read"},
    {"rid", "rid", "rid"},
    {"ride", "rode", "ridden"},
    {"ring", "rang", "rung"},
    {"rise", "rose", "risen"},
    {"run", "ran", "run"},
    {"say", "said", "said"},
    {"see", "saw", "seen"},
    {"seek", "sought", "sought"},
    {"sell", "sold", "sold"},
    {"send", "sent", "sent"},
    {"set", "set", "set"},
    {"shake", "shook", "shaken"},
    {"shed", "shed", "shed"},
    {"shine", "shone", "shone"},
    {"shoot", "shot", "shot"},
    {"show", "showed", "shown"},
    {"shrink", "shrank", "shrunk"},
    {"shut", "shut", "shut"},
    {"sing", "sang", "sung"},
    {"sink", "sank", "sunk"},
    {"sit", "sat", "sat"},
    {"slay", "slew", "slain"},
    {"sleep", "slept", "slept"},
    {"slide", "slid", "slid"},
    {"sling", "slung", "slung"},
    {"slit", "slit", "slit"},
    {"speak", "spoke", "spoken"},
    {"speed", "sped", "sped"},
    {"spend", "spent", "spent"},
    {"spin", "spun", "spun"},
    {"spit", "spat", "spat"},
    {"split", "split", "split"},
    {"spread", "spread", "spread"},
    {"spring", "sprang", "sprung"},
    {"stand", "stood", "stood"},
    {"steal", "stole", "stolen"},
    {"stick", "stuck", "stuck"},
    {"sting", "stung", "stung"},
    {"stink", "stank", "stunk"},
    {"strike", "struck", "struck"},
    {"string", "strung", "strung"},
    {"strive", "strove", "striven"},
    {"swear", "swore", "sworn"},
    {"sweep", "swept", "swept"},
    {"swell", "swelled", "swollen"},
    {"swim", "swam", "swum"},
    {"swing", "swung", "swung"},
    {"take", "took", "taken"},
    {"teach", "taught", "taught"},
    {"tear", "tore", "torn"},
    {"tell", "told", "told"},
    {"think", "thought", "thought"},
    {"throw", "threw", "thrown"},
    {"thrust", "thrust", "thrust"},
    {"tread", "trod", "trodden"},
    {"understand", "understood", "understood"},
    {"upset", "upset", "upset"},
    {"wake", "woke", "woken"},
    {"wear", "wore", "worn"},
    {"weave", "wove", "woven"},
    {"weep", "wept", "wept"},
    {"win", "won", "won"},
    {"wind", "wound", "wound"},
    {"wring", "wrung", "wrung"},
    {"write", "wrote", "written"},
    {"overtake", "overtook", "overtaken"},
    {"overthrow", "overthrew", "overthrown"},
    {"undertake", "undertook", "undertaken"},
    {"dive", "dove", "dived"},
    {"forgo", "forwent", "forgone"},
    {"forswear", "forswore", "forsworn"},
    {"foresee", "foresaw", "foreseen"},
    {"foretell", "foretold", "foretold"},
    {"inlay", "inlaid", "inlaid"},
    {"input", "input", "input"},
    {"outbid", "outbid", "outbid"},
    {"partake", "partook", "partaken"},
    {"plead", "pleaded", "pleaded"},
    {"sew", "sewed", "sewn"},
    {"sow", "sowed", "sown"},
    {"spell", "spelled", "spelled"},
    {"spoil", "spoiled", "spoiled"},
    {"stride", "strode", "stridden"},
    {"sunburn", "sunburned", "sunburned"},
    {"undergo", "underwent", "undergone"},
    {"withdraw", "withdrew", "withdrawn"},
    {"withhold", "withheld", "withheld"},
    {"withstand", "withstood", "withstood"},
    {"wed", "wed", "wed"},
    {"wet", "wet", "wet"},
    {"slink", "slunk", "slunk"},
    {"smite", "smote", "smitten"},
    {"spill", "spilled", "spilled"},
    {"outdo", "outdid", "outdone"},
    {"bespeak", "bespoke", "bespoken"},
    {"beget", "begot", "begotten"},
    {"knit", "knit", "knit"},
    {"mow", "mowed", "mown"},
    {"outrun", "outran", "outrun"},
    {"shear", "sheared", "shorn"},
    {"oversee", "oversaw", "overseen"},
    {"spoon-feed", "spoon-fed", "spoon-fed"},
    {"sublet", "sublet", "sublet"},
    {"typeset", "typeset", "typeset"},
};

/* Prefixes that leave the verb's inflection alone ("withdraw" is inflected
 * as "draw"). Only irregular bases are looked for behind them, so
 * "rebuild" -> "rebuilt" but "recall" stays regular. */
static const char *const prefixes[] = {"with", "under", "over",  "out", "up", "re",
                                       "mis",  "fore",  "inter", "un",  "co", "pre"};

/* Words that look like prefix + irregular verb but are regular. */
static const char *const not_prefixed[] = {"relay", "outlay"};

/* Two-syllable verbs stressed on the last syllable double their final
 * consonant ("admitted", "controlled"); unstressed ones do not ("visited",
 * "offered"), which is the default for words of several syllables. */
static const char *const doubling[] = {
    "admit",  "commit",  "submit",   "permit", "omit",    "emit",   "transmit", "remit",  "acquit",
    "equip",  "occur",   "recur",    "incur",  "concur",  "deter",  "defer",    "refer",  "prefer",
    "confer", "infer",   "transfer", "regret", "control", "patrol", "compel",   "expel",  "propel",
    "repel",  "dispel",  "rebel",    "excel",  "annul",   "abhor",  "outwit",   "embed",  "extol",
    "kidnap", "program", "handicap", "befit",  "abet",    "allot",  "begin",    "forget", "upset",
    "unpin",  "unplug",  "worship",  "beset",  "input",   "sublet", "typeset",  "outbid", "offset"};

/* Verbs ending in -c take a k before -ed and -ing ("panicked"). */
static const char *const c_to_ck[] = {"panic", "mimic", "traffic", "picnic", "frolic"};

static int in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0) return 1;
    return 0;
}

#define IN_LIST(w, list) in_list((w), (list), sizeof(list) / sizeof(*(list)))

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static void put(char *out, const char *a, size_t alen, const char *b)
{
    snprintf(out, FORM_MAX, "%.*s%s", (int)alen, a, b);
}

/* Vowel groups: a rough syllable count ("y" counts as a vowel after the
 * first letter, "u" after "q" does not). */
static int syllables(const char *w, size_t n)
{
    int groups = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        int v = is_vowel(c) || (c == 'y' && i > 0);
        if (c == 'u' && i > 0 && w[i - 1] == 'q') v = 0;
        if (v && !in) groups++;
        in = v;
    }
    return groups;
}

/* Does the verb double its final consonant before -ed/-ing? */
static int doubles(const char *w, size_t n)
{
    if (n < 3) return 0;
    char c = w[n - 1], v = w[n - 2], p = w[n - 3];
    if (is_vowel(c) || c == 'w' || c == 'x' || c == 'y') return 0;
    if (!is_vowel(v)) return 0;
    /* Two vowels before the consonant ("need", "rain") mean a long vowel,
     * except "qu", where the u is a consonant sound ("quit", "squat"). */
    if (is_vowel(p) && !(p == 'u' && n >= 4 && w[n - 4] == 'q')) return 0;
    if (IN_LIST(w, doubling)) return 1;
    return syllables(w, n) == 1;
}

static void regular(const char *w, char forms[5][64])
{
    size_t n = strlen(w);
    char last = n ? w[n - 1] : 0, prev = n > 1 ? w[n - 2] : 0;
    snprintf(forms[0], FORM_MAX, "%s", w);
    /* -s */
    if (last == 's' || last == 'x' || last == 'z' ||
        (last == 'h' && (prev == 'c' || prev == 's')) || (last == 'o' && n > 1 && !is_vowel(prev)))
        put(forms[1], w, n, "es");
    else if (last == 'y' && n > 1 && !is_vowel(prev))
        put(forms[1], w, n - 1, "ies");
    else
        put(forms[1], w, n, "s");
    /* past and -ing */
    if (IN_LIST(w, c_to_ck)) {
        put(forms[2], w, n, "ked");
        put(forms[4], w, n, "king");
    } else if (last == 'e') {
        put(forms[2], w, n, "d");
        if (prev == 'i') { /* die -> dying */
            char tmp[FORM_MAX];
            snprintf(tmp, sizeof tmp, "%.*sy", (int)(n - 2), w);
            put(forms[4], tmp, strlen(tmp), "ing");
        } else if (prev == 'e' || prev == 'y' || prev == 'o' || n <= 2)
            put(forms[4], w, n, "ing"); /* agreeing, dyeing, hoeing */
        else
            put(forms[4], w, n - 1, "ing");
    } else if (last == 'y' && n > 1 && !is_vowel(prev)) {
        put(forms[2], w, n - 1, "ied");
        put(forms[4], w, n, "ing");
    } else if (doubles(w, n)) {
        char tmp[FORM_MAX + 1];
        size_t k = n < FORM_MAX - 1 ? n : FORM_MAX - 1;
        memcpy(tmp, w, k);
        tmp[k] = last;
        tmp[k + 1] = '\0';
        put(forms[2], tmp, k + 1, "ed");
        put(forms[4], tmp, k + 1, "ing");
    } else {
        put(forms[2], w, n, "ed");
        put(forms[4], w, n, "ing");
    }
    memcpy(forms[3], forms[2], FORM_MAX);
}

static const char *const *find_irregular(const char *w)
{
    for (size_t i = 0; i < sizeof irregular / sizeof *irregular; i++)
        if (strcmp(irregular[i][0], w) == 0) return irregular[i];
    return NULL;
}

void vg_inflect(const char *lemma, char forms[5][64])
{
    char w[FORM_MAX];
    snprintf(w, sizeof w, "%s", lemma);
    regular(w, forms);
    /* A few verbs are irregular in the present too. */
    if (strcmp(w, "be") == 0) snprintf(forms[1], FORM_MAX, "is");
    if (strcmp(w, "have") == 0) snprintf(forms[1], FORM_MAX, "has");
    if (strcmp(w, "do") == 0) snprintf(forms[1], FORM_MAX, "does");
    if (strcmp(w, "go") == 0) snprintf(forms[1], FORM_MAX, "goes");
    if (strcmp(w, "be") == 0) snprintf(forms[4], FORM_MAX, "being");

    const char *const *irr = find_irregular(w);
    size_t plen = 0;
    if (!irr && !IN_LIST(w, not_prefixed)) {
        for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes && !irr; i++) {
            size_t k = strlen(prefixes[i]);
            if (strncmp(w, prefixes[i], k) != 0 || strlen(w) < k + 2) continue;
            const char *rest = w + k;
            if (*rest == '-') rest++;
            irr = find_irregular(rest);
            if (irr) plen = (size_t)(rest - w);
        }
    }
    if (!irr) return;
    /* The -s and -ing forms stay regular ("withdraws", "undertaking"). */
    snprintf(forms[2], FORM_MAX, "%.*s%s", (int)plen, w, irr[1]);
    snprintf(forms[3], FORM_MAX, "%.*s%s", (int)plen, w, irr[2]);
    if (strcmp(irr[0], "be") == 0) return;
    /* Irregular verbs ending in a doubled-consonant syllable ("begin",
     * "run", "win", "swim", "get", "hit") take the doubled -ing. */
    if (doubles(irr[0], strlen(irr[0])) || strcmp(irr[0], "begin") == 0 ||
        strcmp(irr[0], "forget") == 0) {
        size_t bn = strlen(irr[0]);
        snprintf(forms[4], FORM_MAX, "%.*s%s%cing", (int)plen, w, irr[0], irr[0][bn - 1]);
    }
}

/* ------------------------------------------------------------ noun plurals */

static const char *const uncountable[] = {
    "police",       "people",     "staff",     "personnel", "media",        "press",
    "clergy",       "cattle",     "equipment", "aid",       "news",         "series",
    "species",      "sheep",      "fish",      "deer",      "headquarters", "public",
    "intelligence", "leadership", "infantry",  "cavalry",   "artillery",    "livestock",
    "aircraft",     "gentry",     "faithful",  "offspring", "information",  "advice",
    "evidence",     "research"};

static const char *const irregular_nouns[][2] = {{"man", "men"},
                                                 {"woman", "women"},
                                                 {"child", "children"},
                                                 {"person", "people"},
                                                 {"foot", "feet"},
                                                 {"tooth", "teeth"},
                                                 {"goose", "geese"},
                                                 {"mouse", "mice"},
                                                 {"criterion", "criteria"},
                                                 {"phenomenon", "phenomena"},
                                                 {"knife", "knives"},
                                                 {"wife", "wives"},
                                                 {"life", "lives"},
                                                 {"leaf", "leaves"},
                                                 {"thief", "thieves"},
                                                 {"half", "halves"},
                                                 {"self", "selves"},
                                                 {"shelf", "shelves"},
                                                 {"wolf", "wolves"},
                                                 {"loaf", "loaves"},
                                                 {"calf", "calves"},
                                                 {"hero", "heroes"},
                                                 {"potato", "potatoes"},
                                                 {"tomato", "tomatoes"},
                                                 {"veto", "vetoes"},
                                                 {"echo", "echoes"},
                                                 {"torpedo", "torpedoes"},
                                                 {"embargo", "embargoes"},
                                                 {"volcano", "volcanoes"},
                                                 {"tornado", "tornadoes"},
                                                 {"monarch", "monarchs"},
                                                 {"patriarch", "patriarchs"},
                                                 {"oligarch", "oligarchs"},
                                                 {"matriarch", "matriarchs"},
                                                 {"epoch", "epochs"},
                                                 {"stomach", "stomachs"},
                                                 {"czech", "czechs"},
                                                 {"tech", "techs"},
                                                 {"eunuch", "eunuchs"},
                                                 {"crisis", "crises"},
                                                 {"analysis", "analyses"},
                                                 {"basis", "bases"},
                                                 {"thesis", "theses"},
                                                 {"diagnosis", "diagnoses"},
                                                 {"hypothesis", "hypotheses"},
                                                 {"index", "indices"},
                                                 {"ox", "oxen"},
                                                 {"louse", "lice"},
                                                 {"dice", "dice"},
                                                 {"quiz", "quizzes"}};

/* Words in -man whose plural is -mans. */
static const char *const man_s[] = {"human",  "german", "roman",   "shaman", "talisman", "ottoman",
                                    "caiman", "cayman", "walkman", "desman", "doberman"};

void vg_pluralize(const char *noun, char out[64])
{
    size_t n = strlen(noun);
    out[0] = '\0';
    if (n == 0 || n >= 60) return;
    /* Only the last word of a phrase takes the plural ("foreign minister"). */
    const char *sp = strrchr(noun, ' ');
    size_t head = sp ? (size_t)(sp - noun) + 1 : 0;
    const char *w = noun + head;
    size_t wn = n - head;
    char last = wn ? w[wn - 1] : 0, prev = wn > 1 ? w[wn - 2] : 0;
    char tmp[FORM_MAX];

    for (size_t i = 0; i < sizeof uncountable / sizeof *uncountable; i++)
        if (strcmp(w, uncountable[i]) == 0) {
            snprintf(out, FORM_MAX, "%s", noun);
            return;
        }
    for (size_t i = 0; i < sizeof irregular_nouns / sizeof *irregular_nouns; i++) {
        size_t k = strlen(irregular_nouns[i][0]);
        /* Whole word, or the end of a compound ("spokeswoman" -> women is
         * handled by -man; "businessperson" -> people). */
        if (wn >= k && strcmp(w + wn - k, irregular_nouns[i][0]) == 0 &&
            (wn == k || strcmp(irregular_nouns[i][0], "person") == 0 ||
             strcmp(irregular_nouns[i][0], "woman") == 0 ||
             strcmp(irregular_nouns[i][0], "child") == 0)) {
            snprintf(tmp, sizeof tmp, "%.*s%s", (int)(n - k), noun, irregular_nouns[i][1]);
            snprintf(out, FORM_MAX, "%s", tmp);
            return;
        }
    }
    if (wn > 3 && strcmp(w + wn - 3, "man") == 0 && !IN_LIST(w, man_s)) {
        snprintf(out, FORM_MAX, "%.*smen", (int)(n - 3), noun);
        return;
    }
    if (last == 's') {
        /* "boss", "bus", "virus" are singular; other words in -s are taken
         * to be plural already ("troops", "talks", "forces"). */
        if (prev == 's' || prev == 'u')
            snprintf(out, FORM_MAX, "%ses", noun);
        else if (prev == 'i' && wn > 3)
            snprintf(out, FORM_MAX, "%.*ses", (int)(n - 2), noun);
        else
            snprintf(out, FORM_MAX, "%s", noun);
        return;
    }
    if (last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')))
        snprintf(out, FORM_MAX, "%ses", noun);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(out, FORM_MAX, "%.*sies", (int)(n - 1), noun);
    else
        snprintf(out, FORM_MAX, "%ss", noun);
    if (strlen(out) >= 63) out[0] = '\0';
}
