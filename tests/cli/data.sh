#!/bin/sh
# tests/cli/data.sh — vigil's own dictionaries (data/): they load cleanly, meet the floors of
# docs/data.md, code dated people by the story's date (before, during and after an office, and
# on a handover day), and map cities to their country. The sentences are invented for the test.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
D=data
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

# The set loads without a warning.
"$V" dict check $D >"$tmp/check" 2>&1
ok "check: exit 0" "[ $? -eq 0 ]"
ok "check: no warnings" "grep -Eq '^warnings +0$' '$tmp/check'"

# Floors: entries (lines with a code) per file.
entries() { grep -c '^\[' "$D/$1"; }
ok "floor: 1000 people" "[ $(entries people.actors) -ge 1000 ]"
ok "floor: 1000 cities" "[ $(entries cities.actors) -ge 1000 ]"
ok "floor: 150 armed groups" "[ $(entries groups.actors) -ge 150 ]"
ok "floor: 120 organisations" "[ $(entries igos.actors) -ge 120 ]"

# code DATE TEXT: the events of one story, as "source target code" lines.
code() {
    printf '%s\n' "$2" | "$V" code --quiet --dict $D --date "$1" --out tsv - | tail -n +2 |
        cut -f4-6 | tr '\t' ' '
}
# A head of government before, during and after office; a city as the target.
S="Jacinda Ardern visited Lagos on Tuesday."
ok "Ardern 2016: out of office" "[ \"\$(code 2016-03-01 '$S')\" = 'NZLELI NGA 042' ]"
ok "Ardern 2020: prime minister" "[ \"\$(code 2020-03-01 '$S')\" = 'NZLGOV NGA 042' ]"
ok "Ardern 2024: out of office" "[ \"\$(code 2024-03-01 '$S')\" = 'NZLELI NGA 042' ]"
# Two separate terms of office, with a gap between them.
S="Boris Johnson praised Shanghai."
ok "Johnson 2016-03: before office" "[ \"\$(code 2016-03-01 '$S')\" = 'GBRELI CHN 051' ]"
ok "Johnson 2017: foreign secretary" "[ \"\$(code 2017-06-01 '$S')\" = 'GBRGOV CHN 051' ]"
ok "Johnson 2018-12: between offices" "[ \"\$(code 2018-12-01 '$S')\" = 'GBRELI CHN 051' ]"
ok "Johnson 2021: prime minister" "[ \"\$(code 2021-06-01 '$S')\" = 'GBRGOV CHN 051' ]"
ok "Johnson 2023: after office" "[ \"\$(code 2023-06-01 '$S')\" = 'GBRELI CHN 051' ]"
# Handover: the outgoing holder up to the handover day, the incoming one from it on (where two
# ranges of one entry hold, the one starting latest wins: Sunak leads the opposition on 07-05).
ok "handover: Sunak on 2024-07-04" "[ \"\$(code 2024-07-04 'Rishi Sunak criticized Mark Rutte.')\" = 'GBRGOV NLDELI 111' ]"
ok "handover: Starmer on 2024-07-04" "[ \"\$(code 2024-07-04 'Keir Starmer criticized Mark Rutte.')\" = 'GBROPP NLDELI 111' ]"
ok "handover: Starmer on 2024-07-05" "[ \"\$(code 2024-07-05 'Keir Starmer criticized Mark Rutte.')\" = 'GBRGOV NLDELI 111' ]"
ok "handover: Sunak on 2024-07-06" "[ \"\$(code 2024-07-06 'Rishi Sunak criticized Mark Rutte.')\" = 'GBROPP NLDELI 111' ]"
# A person moving to an organisation: Rutte heads NATO from 2024-10-01.
ok "Rutte 2025: NATO" "[ \"\$(code 2025-01-15 'Mark Rutte visited Kharkiv.')\" = 'IGOWSTNAT UKR 042' ]"
# Cities: a large one, one added by hand for the news, and an alternative spelling.
ok "city: Kharkiv is Ukraine" "[ \"\$(code 2023-01-10 'Olaf Scholz visited Kharkiv.')\" = 'DEUGOV UKR 042' ]"
ok "city: Mariupol is Ukraine" "[ \"\$(code 2023-01-10 'Olaf Scholz visited Mariupol.')\" = 'DEUGOV UKR 042' ]"
ok "city: Bombay is India" "[ \"\$(code 2023-01-10 'Olaf Scholz visited Bombay.')\" = 'DEUGOV IND 042' ]"

# Verbs of moving things code only what their patterns name; "call X" is naming, not a call.
ok "send: a signal is no aid" "[ -z \"\$(code 2024-05-01 'Japan is sending a signal to China.')\" ]"
ok "send: aid still codes" "[ \"\$(code 2024-05-01 'Japan sent humanitarian aid to Sudan.')\" = 'JPN SDN 073' ]"
ok "call: naming is no phone call" "[ -z \"\$(code 2024-05-01 'Japan called the Chinese claims baseless.')\" ]"
ok "discuss: a topic is no partner" "[ -z \"\$(code 2024-05-01 'Japan discussed the role of China in the region.')\" ]"
ok "discuss: with a partner" "[ \"\$(code 2024-05-01 'Japan discussed trade with China.')\" = 'JPN CHN 040' ]"
ok "pattern + on no actor: the verb's object" "[ \"\$(code 2024-05-01 'Britain expelled a Russian diplomat accused of spying.')\" = 'GBR RUSGOV 161' ]"
ok "agree: new sanctions" "[ \"\$(code 2024-05-01 'The EU agreed a new package of sanctions against Russia.')\" = 'IGOEUREEC RUS 163' ]"
ok "passive: base-form participle, agent in an of-phrase" "[ \"\$(code 2024-05-01 'Ukraine was hit by a barrage of Russian missiles overnight.')\" = 'RUS UKR 190' ]"
ok "noun after an object name; an army is no person" "[ \"\$(code 2024-05-01 'The Israeli army said it struck Hamas targets in Gaza City.')\" = 'ISRMIL PSEREBHMS 190' ]"
ok "restored relations: both sides" "[ \"\$(code 2024-05-01 'Saudi Arabia and Iran restored diplomatic relations.' | sort | tr '\\n' ' ')\" = 'IRN SAU 054 SAU IRN 054 ' ]"
ok "verb phrase ending in a role: its object" "[ \"\$(code 2024-05-01 'Kenyan police fired on protesters in Nairobi.')\" = 'KENCOP KENCVL 175' ]"
ok "clash with police: police of the protesters' country" "[ \"\$(code 2024-05-01 'Protesters in Nairobi clashed with police.')\" = 'KENCVL KENCOP 145' ]"
ok "storm: an assault" "[ \"\$(code 2024-05-01 'Israeli commandos stormed the Turkish ship.')\" = 'ISRMIL TUR 190' ]"
ok "call: by phone codes" "[ \"\$(code 2024-05-01 'Japan called China by phone.')\" = 'JPN CHN 041' ]"
ok "expel: 'envoy of' is adjacent" "[ \"\$(code 2024-05-01 'Germany expelled two Russian diplomats over the killing of a Georgian exile in Berlin.')\" = 'DEU RUSGOV 161' ]"
ok "exchange: barbs are criticism" "[ \"\$(code 2024-05-01 'Turkey exchanged angry barbs with France.')\" = 'TUR FRA 111' ]"
ok "attack for its: criticism" "[ \"\$(code 2024-05-01 'Erdogan attacked the German media for their coverage of the vote.')\" = 'TURGOV DEUMED 111' ]"
ok "attack: for the third time" "[ \"\$(code 2024-05-01 'Russia attacked Ukraine for the third time this week.')\" = 'RUS UKR 190' ]"
ok "battle: blazes are no enemy" "[ -z \"\$(code 2024-05-01 'Australian firefighters battled blazes in Canada.')\" ]"
ok "more than N: the counted phrase" "[ \"\$(code 2024-05-01 'Police arrested more than 100 protesters in Istanbul.')\" = 'TURCOP TURCVL 173' ]"
ok "in exchange for: no partner" "[ -z \"\$(code 2024-05-01 'Hamas released three hostages in exchange for 90 Palestinian prisoners.')\" ]"
ok "lodge a strong protest" "[ \"\$(code 2024-05-01 'The Chinese embassy lodged a strong protest over the Philippine navy actions.')\" = 'CHNGOV PHLMIL 114' ]"
ok "Polish is Poland" "[ \"\$(code 2024-05-01 'Polish farmers blocked border crossings with Ukraine.')\" = 'POLAGR UKR 144' ]"
ok "sanction as a verb" "[ \"\$(code 2024-05-01 'The United States sanctioned three Chinese companies.')\" = 'USA CHNBUS 163' ]"
ok "water cannon is repression" "[ \"\$(code 2024-05-01 'Georgian police used water cannon against protesters in Tbilisi.')\" = 'GEOCOP GEOCVL 175' ]"
ok "water cannon to disperse: the infinitive's object" "[ \"\$(code 2024-05-01 'Georgian police used water cannon to disperse protesters in Tbilisi.')\" = 'GEOCOP GEOCVL 175' ]"
ok "restore ties with adjectives: recognition" "[ \"\$(code 2024-05-01 'Saudi Arabia restored full diplomatic ties with Iran.')\" = 'SAU IRN 054' ]"
ok "restore electricity: no relations" "[ -z \"\$(code 2024-05-01 'The ministry restored electricity to Kyiv.')\" ]"
ok "close its border with: restrict movement" "[ \"\$(code 2024-05-01 'Poland closed its border with Belarus after a series of migrant crossings.')\" = 'POL BLR 191' ]"
ok "close to the border: no closure" "[ -z \"\$(code 2024-05-01 'Russian troops massed close to its border with Ukraine.')\" ]"
ok "close its embassy in: reduce relations" "[ \"\$(code 2024-05-01 'The United States closed its embassy in Kabul.')\" = 'USA AFG 161' ]"
ok "recapture from: the side that held it" "[ \"\$(code 2024-05-01 'Sudan'\\''s army recaptured the presidential palace in Khartoum from the Rapid Support Forces.')\" = 'SDNMIL SDNREBRSF 192' ]"
ok "announce an aid package for: the aid" "[ \"\$(code 2024-05-01 'The Pentagon announced a new \$500 million military aid package for Ukraine.')\" = 'USAMIL UKR 072' ]"
ok "drills around: show of force" "[ \"\$(code 2024-05-01 'Chinese warships conducted drills around Taiwan on Monday.')\" = 'CHNMIL TWN 150' ]"
ok "drills with: military cooperation" "[ \"\$(code 2024-05-01 'India held naval drills with France in the Indian Ocean.')\" = 'IND FRA 062' ]"
ok "killed in an airstrike: aerial" "[ \"\$(code 2024-05-01 'Israel'\\''s military said it killed a senior Hezbollah commander in an airstrike in Beirut.')\" = 'ISRMIL LBNREBHEZ 195' ]"
ok "launch drones at: drone strike" "[ \"\$(code 2024-05-01 'Russian forces launched 120 drones at Ukrainian cities overnight.')\" = 'RUSMIL UKR 1952' ]"
ok "launch a product: nothing" "[ -z \"\$(code 2024-05-01 'The company launched a new product on Monday.')\" ]"
ok "opposition supporters: opposition" "[ \"\$(code 2024-05-01 'Opposition supporters in Mozambique clashed with police after the disputed election.')\" = 'MOZOPP MOZCOP 145' ]"
ok "file a case against: lawsuit" "[ \"\$(code 2024-05-01 'South Africa filed a genocide case against Israel at the International Court of Justice.')\" = 'ZAF ISR 115' ]"
ok "disengage: de-escalation, both sides" "[ \"\$(code 2024-05-01 'Indian and Chinese troops disengaged from two friction points along their disputed border.' | sort | tr '\\n' ' ')\" = 'CHNMIL INDMIL 087 INDMIL CHNMIL 087 ' ]"
ok "send troops to support: deployment, not rallying" "[ \"\$(code 2024-05-01 'Uganda sent troops to South Sudan to support President Salva Kiir.')\" = 'UGA SSD 154' ]"
ok "mobilized support for: rallying" "[ \"\$(code 2024-05-01 'Germany mobilized international support for Ukraine.')\" = 'DEU UKR 053' ]"
ok "draw condemnation from: the critic is the source" "[ \"\$(code 2024-05-01 'Russia'\\''s attack on a children'\\''s hospital in Kyiv drew condemnation from the United Nations.')\" = 'IGOUNO RUS 111' ]"
ok "breach computer systems: cyberattack" "[ \"\$(code 2024-05-01 'Chinese hackers breached the U.S. Treasury Department'\\''s computer systems.')\" = 'CHN USAGOV 176' ]"
ok "stand accused of: no accuser" "[ -z \"\$(code 2024-05-01 'Two Ivorian soldiers and a mercenary from Belarus stand accused of the bombing of the French army base.')\" ]"
ok "retaliate with tariffs: sanctions" "[ \"\$(code 2024-05-01 'Canada retaliated by announcing increased tariffs on U.S. exports.')\" = 'CAN USA 163' ]"
ok "agree to an immediate ceasefire: truce" "[ \"\$(code 2024-05-01 'Thailand and Cambodia agreed to an immediate ceasefire after border clashes.' | sort | tr '\\n' ' ')\" = 'KHM THA 0871 THA KHM 0871 ' ]"
ok "resume nuclear talks: negotiation" "[ \"\$(code 2024-05-01 'Iran resumed nuclear talks with the United States.')\" = 'IRN USA 046' ]"
ok "staged drills around: show of force" "[ \"\$(code 2024-05-01 'China staged large-scale military drills around Taiwan on Tuesday.')\" = 'CHN TWN 150' ]"
ok "allow aid trucks to enter" "[ \"\$(code 2024-05-01 'Israel allowed aid trucks to enter Gaza for the first time in 11 weeks.')\" = 'ISR PSE 0863' ]"
ok "approve a loan for: economic aid" "[ \"\$(code 2024-05-01 'The International Monetary Fund approved a \$7 billion loan for Pakistan.')\" = 'IGOBUSIMF PAK 071' ]"
ok "attack computer networks: cyber" "[ \"\$(code 2024-05-01 'Russian hackers attacked the computer networks of the German foreign ministry.')\" = 'RUS DEUGOV 176' ]"
ok "order the ambassador to leave: expulsion" "[ \"\$(code 2024-05-01 'Niger'\\''s military junta ordered the French ambassador to leave the country within 48 hours.')\" = 'NERMIL FRAGOV 174' ]"
ok "block a vessel: restrict movement" "[ \"\$(code 2024-05-01 'Chinese coast guard ships blocked a Philippine vessel near the Second Thomas Shoal.')\" = 'CHNMIL PHL 191' ]"
ok "willing to: an intent" "[ \"\$(code 2024-05-01 'Iran is willing to resume talks with the United States.')\" = 'IRN USA 046' ]"
ok "withdraw troops from a place: its country" "[ \"\$(code 2024-05-01 'Russia withdrew its troops from the Kherson region.')\" = 'RUS UKR 0874' ]"
ok "release citizens: persons" "[ \"\$(code 2024-05-01 'Iran released two French citizens on Friday.')\" = 'IRN FRACVL 0841' ]"
ok "counter-tariffs: sanctions" "[ \"\$(code 2024-05-01 'Canada imposed counter-tariffs on U.S. goods.')\" = 'CAN USA 163' ]"
ok "freeze assets: a financial sanction" "[ \"\$(code 2024-05-01 'The European Union froze the assets of three Russian banks.')\" = 'IGOEUREEC RUSBUS 163' ]"
ok "ban imports of: an embargo" "[ \"\$(code 2024-05-01 'Russia banned imports of Moldovan fruit.')\" = 'RUS MDA 163' ]"
ok "host nuclear weapons: military cooperation" "[ \"\$(code 2024-05-01 'Belarus is hosting Russian nuclear weapons.')\" = 'BLR RUS 062' ]"
ok "seek an arrest warrant: a charge" "[ \"\$(code 2024-05-01 'The ICC prosecutor sought an arrest warrant for Myanmar leader Min Aung Hlaing.')\" = 'IGOJUDICC MMRGOV 1121' ]"
ok "police officers to a country: a mission" "[ \"\$(code 2024-05-01 'Kenya deployed police officers to Haiti to help fight gangs.')\" = 'KEN HTI 074' ]"
ok "dissolve political parties: a ban" "[ \"\$(code 2024-05-01 'Mali'\\''s military junta dissolved all political parties.')\" = 'MLIMIL MLIPTY 1722' ]"
ok "capture the city of: occupation" "[ \"\$(code 2024-05-01 'Rebels captured the city of Goma in Congo.')\" = 'CODREB COD 192' ]"
"$V" dict lookup --dict $D "Balochistan" >"$tmp/out" 2>&1
ok "regions: Balochistan is Pakistan" "grep -q 'regions.actors:.*-> PAK' '$tmp/out'"
ok "amass: followers are no troops" "[ -z \"\$(code 2024-05-01 'The Russian blogger amassed 12 million followers in China.')\" ]"
ok "amass: troops" "[ \"\$(code 2024-05-01 'Russia amassed troops near Ukraine.')\" = 'RUS UKR 154' ]"

# lookup: names the rules leave out code nothing, and Brussels stays the EU's.
"$V" dict lookup --dict $D "Phoenix" "Mobile" >"$tmp/out" 2>&1
ok "left out: city names that are words" "[ \$(grep -c 'no dictionary entry' '$tmp/out') -eq 2 ]"
"$V" dict lookup --dict $D "Brussels" >"$tmp/out" 2>&1
ok "Brussels is the EU" "grep -q -- '-> IGOEUREEC' '$tmp/out'"
"$V" dict lookup --dict $D "Dnipro" >"$tmp/out" 2>&1
ok "lookup: Dnipro from cities.actors" "grep -q 'cities.actors:.*-> UKR' '$tmp/out'"
echo "data: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
