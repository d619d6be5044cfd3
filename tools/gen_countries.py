#!/usr/bin/env python3
# tools/gen_countries.py — writes data/countries.actors from the reference country table.
#
# Usage: python3 tools/gen_countries.py /work/shared/reference/countries.tsv > data/countries.actors
#
# For every row of countries.tsv the entry gets the row's `cameo_code` (CAMEO convention: ROM,
# MTN, TMP, IMY, KSV) and these names: the English name, the alternative names, the demonyms and
# their plurals, and the capital(s). Names are cleaned and filtered by the hand-made tables below:
# names with commas or parentheses ("Iran, Islamic Republic of") are ISO sort forms and are dropped;
# historical capitals, capitals that are common surnames or other cities' names, and names shared by
# several countries are resolved by the tables so that every name maps to exactly one code. A
# capital codes the bare country (Phoenix practice: MOSCOW_ is a synonym of RUSSIAN_FEDERATION_
# [RUS]); institutional metonyms such as "Kremlin" live in data/institutions.actors.
# The output is committed, so building vigil never needs /work/shared. Collisions left after the
# tables are applied are reported on stderr and resolved in favour of the first code listed in
# PREFER (or else the first row met); run the script after editing the tables and read stderr.
import sys
import unicodedata

# Names never to emit, whatever row they come from (lower case). Reasons in comments.
BLOCK = {
    # Capitals that are common surnames, other cities' names or ordinary words.
    'hamilton', 'douglas', 'stanley', 'jamestown', 'plymouth', 'victoria', 'city of victoria',
    'the valley', 'the bottom', 'salisbury', 'sana', 'bida', 'el beda',
    'new flower', 'city of light', 'eternal city', 'serdica', 'urga', 'kulun', 'christiania',
    'leopoldville', 'frunze', 'stalinabad', 'usumbura', 'fort-lamy', 'ciudad trujillo',
    'konakri', 'tiflis', 'erivan', 'jerevan', 'vilna', 'vilno', 'wilno', 'uskub', 'skoplje',
    'dimash', 'tarabulus al-gharb', 'al kuwayt', 'koweit', 'al qahira', 'el qahira', 'masqat',
    'bayrut', 'athinai', 'kobenhavn', 'helsingfors', 'dyushambe', 'dusanbe', 'taskent', 'biskek',
    'bucharesti', 'gran santiago', 'kishinev', 'taipeh', 'teheran', 'asmera', 'adis abeba',
    'phnum penh', 'pnom penh', 'muqdisho', 'mogadiscio', 'kyyiv', 'prag', 'bruxelles', 'berne',
    'ulan bator', 'washington d.c.', 'east berlin', 'bonn', 'aden',
    # Brussels codes the EU (data/igos.actors), not Belgium: news uses it for the EU far more often.
    'brussels',
    # Bare "Virgin Islands" is ambiguous between the British and the U.S. islands.
    'virgin islands', 'virgin islander',
    # Demonyms that are only a sovereign's demonym reused for a dependency.
    'channel islander', 'american islander',
    # Forms that are not English names (endonyms kept by the reference table).
    'hayastan', 'oesterreich', 'sakartvelo', 'dzayer', 'nihon', 'qazaqstan', 'kyrgzstan',
    'madagaskar', 'mexicanos', 'mazedonien', 'crna gora', 'nijeriya', 'naoero', 'portuguesa',
    'suid-afrika', 'ukrayina', 'matanitu ko viti', 'svalbard og jan mayen', 'tajikstan',
    'timor lorosae', 'somers isles', 'roumania', 'rumania',
    # Words that are also ordinary English words (matching is case-insensitive): "us" (the
    # pronoun: "U.S." is kept), "roma" (the Roma people), "male" (ASCII Malé). ("Polish" stays:
    # "Polish farmers" is far more frequent in news than the verb.)
    'us', 'roma', 'male',
    # More ordinary words: "jersey" (the garment), "reunion", "cayenne" (the pepper). Jersey keeps
    # "Bailiwick of Jersey", Réunion its accented and "Reunion Island" forms.
    'jersey', 'reunion', 'cayenne',
    # Capitals whose name is more often another place: San Jose (California), Saint-Denis (by
    # Paris), George Town (Penang), West Island (Montreal).
    'san jose', 'saint-denis', 'george town', 'west island',
    # Misspellings and local-language forms of capitals kept by the reference table.
    'valetta', 'tallin', 'bucuresti', 'dimashq', 'al khartoum',
    # Plural-only or compound demonym forms the table writes with "and"/"or".
    'kittian and nevisian', 'kittitian or nevisian',
    'south georgia and the south sandwich islander', 'south georgian south sandwich islander',
    'saint-pierrais, miquelonnais', 'channel islanders', 'american islanders', 'heard and mcdonald islander',
    'wallis and futuna islander', 'myanmarian', 'emirian', 'antarctican',
}

# Which code keeps a name several rows give (lower-case name -> code).
PREFER = {
    'american': 'USA', 'french': 'FRA', 'dutch': 'NLD', 'indian': 'IND', 'chinese': 'CHN',
    'swedish': 'SWE', 'norwegian': 'NOR', 'italian': 'ITA', 'nigerian': 'NGA',
    'dominican': 'DOM', 'dominicans': 'DOM', 'congolese': 'COD', 'congo': 'COD',
    'kingston': 'JAM', 'oranjestad': 'ABW', 'willemstad': 'CUW', 'yugoslav': 'YUG',
    'yugoslavs': 'YUG', 'belgrade': 'SRB', 'moscow': 'RUS', 'prague': 'CZE', 'sanaa': 'YEM',
    'federal republic of germany': 'DEU', 'christmas island': 'CXR', 'gibraltar': 'GIB',
    'djibouti': 'DJI', 'virgin islanders': 'VIR', 'americans': 'USA', 'indians': 'IND',
    'nigerians': 'NGA', 'micronesian': 'FSM', 'guianan': 'GUF', 'samoan': 'WSM',
    'samoans': 'WSM', 'saint martin': 'MAF',
}

# Extra English names per cameo_code (plain English usage the table lacks).
EXTRA = {
    'USA': ['U.S.', 'USA', 'U.S.A.', 'America', 'United States of America', 'Americans'],
    'GBR': ['Britain', 'U.K.', 'UK', 'Britons', 'Brits', 'England', 'Scotland', 'Scottish', 'Wales',
            'Northern Ireland'],
    'VAT': ['Holy See'],
    'RUS': ['Russia', 'Russians'],
    'TUR': ['Turkey', 'Turks', 'Turkiye'],
    'COD': ['DRC', 'DR Congo', 'Congo', 'D.R. Congo'],
    'COG': ['Republic of Congo'],
    'PRK': ['North Koreans', 'D.P.R.K.'],
    'KOR': ['South Koreans', 'ROK'],
    'SAU': ['Saudi', 'Saudis'],
    'ARE': ['UAE', 'U.A.E.', 'Emirates', 'Emiratis'],
    'DNK': ['Danes'], 'SWE': ['Swedes'], 'FIN': ['Finns'], 'ESP': ['Spaniards'],
    'POL': ['Poles'], 'NZL': ['New Zealanders'], 'ISL': ['Icelanders'],
    'PHL': ['Filipinos', 'Philippine'], 'CZE': ['Czechs'], 'SVK': ['Slovaks'],
    'SVN': ['Slovenes', 'Slovenian', 'Slovenians'], 'HRV': ['Croats'], 'SRB': ['Serbs'],
    'BIH': ['Bosnia', 'Bosnian', 'Bosnians'], 'KGZ': ['Kyrgyz'], 'TJK': ['Tajik', 'Tajiks'],
    'UZB': ['Uzbek', 'Uzbeks'], 'KAZ': ['Kazakh', 'Kazakhs'], 'TKM': ['Turkmens'],
    'LAO': ['Lao'], 'MDV': ['Maldivian', 'Maldivians'], 'BHS': ['The Bahamas'],
    'GMB': ['The Gambia'], 'CZA': ['Czechoslovakia'], 'USR': ['Soviet Union', 'USSR', 'Soviets'],
    'YUG': ['Yugoslavia'], 'PSE': ['Palestinians'], 'VNM': ['Viet Nam'],
    'ECU': ['Ecuadorian', 'Ecuadorians'], 'ARG': ['Argentines', 'Argentinian', 'Argentinians'], 'NPL': ['Nepali', 'Nepalis'],
    'ISL': ['Icelandic'],
    'CHE': ['Swiss'], 'NLD': ['Holland'], 'MMR': ['Burma'],
    'KSV': ['Kosovo', 'Kosovar', 'Kosovars', 'Kosovans', 'Kosovan'],
    'BEL': ['Brussels-Capital Region'],  # kept unambiguous; "Brussels" alone is the EU
    'CPV': ['Cape Verdean', 'Cape Verdeans'], 'TMP': ['East Timor'],
    'BLR': ['Belarusians', 'Belarussian'], 'MKD': ['North Macedonian'],
    'CIV': ['Ivory Coast', 'Ivorians'], 'YEM': ["Sana'a"], 'UKR': ['Kiev'],
    'GRC': ['Greeks'],
    'TWN': ['Taiwanese'], 'HKG': ['Hong Kongers'],
}


# Demonyms whose plural is not "-s": None for none, else the plural ("Motswana" -> "Batswana").
NO_PLURAL = {'motswana': 'Batswana', 'mosotho': 'Basotho', 'kirghiz': None, 'gibraltar': None,
             'djibouti': None, 'vatican': None, 'christmas island': None}


def plural(d):
    """The plural of a demonym, or None when English uses none ("the Swiss", "the French")."""
    low = d.lower()
    if low.endswith(('ese', 'ish', 'ch', 'sh', 'ss', 'x', 'sy', 'swiss')):
        return None
    if low.endswith('s'):
        return None
    if low in ('thai', 'lao', 'malagasy', 'manx', 'swazi', 'i-kiribati', 'ni-vanuatu'):
        return {'thai': 'Thais', 'swazi': 'Swazis'}.get(low)
    if low.endswith('ic') or low in NO_PLURAL:
        return NO_PLURAL.get(low)
    return d + 's'


def ascii_form(name):
    """The name with its diacritics removed (NFKD, combining marks dropped)."""
    d = unicodedata.normalize('NFKD', name)
    return ''.join(ch for ch in d if not unicodedata.combining(ch))


def clean(name):
    name = name.strip()
    if not name or ',' in name or '(' in name or name.lower() in BLOCK:
        return None
    if name.lower().startswith('the '):
        name = name[4:]
    return name


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/reference/countries.tsv'
    rows = []
    with open(path, encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        col = {h: i for i, h in enumerate(header)}
        for line in f:
            cells = line.rstrip('\n').split('\t')
            rows.append(cells)

    entries = []  # (code, display name, [names])
    owner = {}    # lower name -> code
    for cells in rows:
        code = cells[col['cameo_code']]
        names = []
        for n in [cells[col['name']]] + cells[col['alt_names']].split(';'):
            n = clean(n) if n else None
            if n:
                names.append(n)
        dems = []
        for d in cells[col['demonyms']].split(';'):
            for part in d.split(', '):
                part = clean(part) if part else None
                if part:
                    dems.append(part)
        for d in list(dems):
            p = plural(d)
            if p:
                dems.append(p)
                if d.lower() in PREFER:  # the plural goes where the singular goes
                    PREFER.setdefault(p.lower(), PREFER[d.lower()])
        names += dems
        for c in cells[col['capital']].split(';'):
            c = clean(c) if c else None
            if c:
                names.append(c)
        names += EXTRA.get(code, [])
        for n in list(names):  # ASCII spellings of names with diacritics ("Bogota", "Cote d'Ivoire")
            a = ascii_form(n)
            if a != n and a.lower() not in BLOCK:
                names.append(a)
        kept = []
        for n in names:
            low = n.lower()
            if low in BLOCK or low in (k.lower() for k in kept):
                continue
            kept.append(n)
        display = clean(cells[col['name']]) or kept[0] if kept else code
        entries.append([code, display, kept])

    # Resolve names claimed by several codes.
    claims = {}
    for code, _, names in entries:
        for n in names:
            claims.setdefault(n.lower(), []).append(code)
    for low, codes in sorted(claims.items()):
        uniq = list(dict.fromkeys(codes))
        if len(uniq) > 1:
            win = PREFER.get(low, uniq[0])
            if low not in PREFER:
                print(f'collision: {low!r} -> {uniq}, kept {win} (first row)', file=sys.stderr)
            owner[low] = win
        else:
            owner[low] = uniq[0]

    out = sys.stdout
    out.write('# data/countries.actors — countries and territories, CAMEO country codes.\n')
    out.write('# GENERATED by tools/gen_countries.py from the reference countries table; edit the\n')
    out.write('# script\'s tables and re-run it rather than editing this file by hand.\n')
    out.write('# Names: English name, alternative names, demonyms (+ plurals), capitals (which code the\n')
    out.write('# bare country, as in Phoenix). See docs/data.md.\n\n')
    n_entries = n_names = 0
    for code, display, names in entries:
        mine = [n for n in names if owner.get(n.lower()) == code]
        if not mine:
            continue
        out.write(f'[{code}] ' + '; '.join(mine) + '\n')
        n_entries += 1
        n_names += len(mine)
    print(f'{n_entries} entries, {n_names} names', file=sys.stderr)


if __name__ == '__main__':
    main()
