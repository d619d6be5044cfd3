/*
 * test_inflect.c — verb inflections and noun plurals (inflect.c): regular
 * spelling rules, consonant doubling, irregular verbs and prefixed ones.
 */
#include "dict.h"
#include "harness.h"

/* Checks base, -s, past, participle, -ing of one verb. */
static void verb(const char *lemma, const char *s, const char *past, const char *part,
                 const char *ing)
{
    char f[5][64];
    vg_inflect(lemma, f);
    char what[128];
    snprintf(what, sizeof what, "%s: -s", lemma);
    STR_EQ(f[1], s, what);
    snprintf(what, sizeof what, "%s: past", lemma);
    STR_EQ(f[2], past, what);
    snprintf(what, sizeof what, "%s: participle", lemma);
    STR_EQ(f[3], part, what);
    snprintf(what, sizeof what, "%s: -ing", lemma);
    STR_EQ(f[4], ing, what);
}

static void plural(const char *noun, const char *want)
{
    char out[64];
    vg_pluralize(noun, out);
    STR_EQ(out, want, noun);
}

int main(void)
{
    /* Regular rules. */
    verb("supply", "supplies", "supplied", "supplied", "supplying");
    verb("stop", "stops", "stopped", "stopped", "stopping");
    verb("agree", "agrees", "agreed", "agreed", "agreeing");
    verb("die", "dies", "died", "died", "dying");
    verb("make", "makes", "made", "made", "making");
    verb("visit", "visits", "visited", "visited", "visiting");
    verb("offer", "offers", "offered", "offered", "offering");
    verb("admit", "admits", "admitted", "admitted", "admitting");
    verb("control", "controls", "controlled", "controlled", "controlling");
    verb("open", "opens", "opened", "opened", "opening");
    verb("ban", "bans", "banned", "banned", "banning");
    verb("accuse", "accuses", "accused", "accused", "accusing");
    verb("attack", "attacks", "attacked", "attacked", "attacking");
    verb("deny", "denies", "denied", "denied", "denying");
    verb("obey", "obeys", "obeyed", "obeyed", "obeying");
    verb("reach", "reaches", "reached", "reached", "reaching");
    verb("push", "pushes", "pushed", "pushed", "pushing");
    verb("fix", "fixes", "fixed", "fixed", "fixing");
    verb("veto", "vetoes", "vetoed", "vetoed", "vetoing");
    verb("panic", "panics", "panicked", "panicked", "panicking");
    verb("quit", "quits", "quit", "quit", "quitting");
    verb("need", "needs", "needed", "needed", "needing");
    verb("threaten", "threatens", "threatened", "threatened", "threatening");
    verb("plan", "plans", "planned", "planned", "planning");
    verb("occur", "occurs", "occurred", "occurred", "occurring");
    verb("free", "frees", "freed", "freed", "freeing");
    /* Irregular verbs (facts). */
    verb("say", "says", "said", "said", "saying");
    verb("meet", "meets", "met", "met", "meeting");
    verb("fight", "fights", "fought", "fought", "fighting");
    verb("give", "gives", "gave", "given", "giving");
    verb("take", "takes", "took", "taken", "taking");
    verb("begin", "begins", "began", "begun", "beginning");
    verb("go", "goes", "went", "gone", "going");
    verb("have", "has", "had", "had", "having");
    verb("do", "does", "did", "done", "doing");
    verb("be", "is", "was", "been", "being");
    verb("hit", "hits", "hit", "hit", "hitting");
    verb("seek", "seeks", "sought", "sought", "seeking");
    verb("lead", "leads", "led", "led", "leading");
    verb("flee", "flees", "fled", "fled", "fleeing");
    verb("shoot", "shoots", "shot", "shot", "shooting");
    verb("win", "wins", "won", "won", "winning");
    verb("send", "sends", "sent", "sent", "sending");
    verb("speak", "speaks", "spoke", "spoken", "speaking");
    verb("see", "sees", "saw", "seen", "seeing");
    /* Prefixed irregular verbs. */
    verb("withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing");
    verb("undertake", "undertakes", "undertook", "undertaken", "undertaking");
    verb("overthrow", "overthrows", "overthrew", "overthrown", "overthrowing");
    verb("rebuild", "rebuilds", "rebuilt", "rebuilt", "rebuilding");
    verb("mislead", "misleads", "misled", "misled", "misleading");
    verb("override", "overrides", "overrode", "overridden", "overriding");
    verb("overrun", "overruns", "overran", "overrun", "overrunning");
    verb("relay", "relays", "relayed", "relayed", "relaying");
    verb("undergo", "undergoes", "underwent", "undergone", "undergoing");

    /* Noun plurals. */
    plural("minister", "ministers");
    plural("ministry", "ministries");
    plural("spokesman", "spokesmen");
    plural("foreign minister", "foreign ministers");
    plural("police", "police");
    plural("troops", "troops");
    plural("boss", "bosses");
    plural("church", "churches");
    plural("attorney", "attorneys");
    plural("human", "humans");
    plural("crisis", "crises");
    plural("monarch", "monarchs");
    plural("businesswoman", "businesswomen");
    plural("businessperson", "businesspeople");
    plural("embargo", "embargoes");
    plural("photo", "photos");
    plural("virus", "viruses");
    plural("thief", "thieves");
    plural("chief", "chiefs");
    plural("tax", "taxes");
    TEST_MAIN_END();
}
