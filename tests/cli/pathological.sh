#!/bin/sh
# tests/cli/pathological.sh — hostile input through the vigil command
# (issue 8). Every case must end with exit status 0 (or 1 for a bad
# dictionary, which is an error by design), a clear message naming the
# problem or the limit, the good stories around it still coded, and work
# within a generous time bound (bounds catch quadratic blow-ups; they are
# not benchmarks). Big inputs are generated here and streamed through a
# pipe, never committed; small ones live in tests/pathological/.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
D=tests/golden/dict
P=tests/pathological
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

# Sanitizer builds are several times slower: the bounds scale with them.
SLOW=1
case $BUILD in *asan* | *san*) SLOW=6 ;; esac
if [ -n "${VIGIL_VALGRIND:-}" ]; then SLOW=40; fi
now() { date +%s; }
# within NAME SECONDS START: the case took at most SECONDS (scaled).
within() { ok "$1 within $(($2 * SLOW)) s" "[ \$((\$(now) - $3)) -le $(($2 * SLOW)) ]"; }

# Runs vigil code on stdin with the test dictionary; stdout to $tmp/out,
# stderr to $tmp/err, exit status in $rc.
code() { "$V" code --dict $D --out tsv "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
events() { echo $(($(wc -l <"$tmp/out") - 1)); }

# ------------------------------------------------------------ encodings
# Invalid UTF-8 in every format: repaired, reported, the event still coded.
for f in bad-utf8.txt bad-utf8.jsonl bad-utf8.xml bad-utf8.html; do
    code "$P/$f"
    ok "$f: exit 0" "[ $rc -eq 0 ]"
    ok "$f: repair reported" "grep -q 'invalid UTF-8' '$tmp/err'"
    ok "$f: event coded" "grep -q 'GON	MOR	190' '$tmp/out'"
done

# NUL bytes inside a text story and inside JSON lines (raw and escaped).
printf 'Gondor attacked Mordor on Monday.\000\000 Rohan condemned\000 Mordor.\n' >"$tmp/nul.txt"
code "$tmp/nul.txt"
ok "NUL in text: exit 0" "[ $rc -eq 0 ]"
ok "NUL in text: first event coded" "grep -q 'GON	MOR	190' '$tmp/out'"
printf '{"id":"a","date":"2024-01-02","text":"Gondor attacked\000 Mordor."}\n{"id":"b","date":"2024-01-02","text":"Rohan \\u0000condemned Mordor."}\n{"id":"c","date":"2024-01-02","text":"Gondor attacked Mordor."}\n' >"$tmp/nul.jsonl"
code "$tmp/nul.jsonl"
ok "NUL in JSON lines: exit 0" "[ $rc -eq 0 ]"
ok "NUL in JSON lines: the clean record coded" "grep -q '^c	.*GON	MOR	190' '$tmp/out'"

# ---------------------------------------------------------------- sizes
# A 200 MB single line of text, streamed: cut at VG_MAX_STORY_BYTES with a
# message, the kept part coded (up to VG_MAX_SENTENCES sentences).
t=$(now)
yes 'Gondor attacked Mordor. ' | tr -d '\n' | head -c 200000000 |
    "$V" code --dict $D --out tsv --format text - 2>"$tmp/err" | tail -n 1 >"$tmp/out"
ok "200 MB line (text): limit named" "grep -q 'VG_MAX_STORY_BYTES' '$tmp/err'"
ok "200 MB line (text): events coded" "grep -q 'GON	MOR	190' '$tmp/out'"
ok "200 MB line (text): summary printed" "grep -q '1 stories, 20000 sentences' '$tmp/err'"
within "200 MB line (text)" 60 "$t"

# The same as one JSON line between two good records: the record is over
# VG_MAX_RECORD_BYTES, skipped with its line number; its neighbours coded.
t=$(now)
{
    echo '{"id":"before","date":"2024-01-02","text":"Gondor attacked Mordor."}'
    printf '{"id":"huge","date":"2024-01-02","text":"'
    yes 'Gondor attacked Mordor. ' | tr -d '\n' | head -c 200000000
    printf '"}\n'
    echo '{"id":"after","date":"2024-01-02","text":"Rohan attacked Mordor."}'
} | "$V" code --dict $D --out tsv --format jsonl - >"$tmp/out" 2>"$tmp/err"
rc=$?
ok "200 MB JSON line: exit 0" "[ $rc -eq 0 ]"
ok "200 MB JSON line: skipped at line 2 with the limit" "grep -q 'stdin:2: record longer than .*VG_MAX_RECORD_BYTES' '$tmp/err'"
ok "200 MB JSON line: record before coded" "grep -q '^before	' '$tmp/out'"
ok "200 MB JSON line: record after coded" "grep -q '^after	' '$tmp/out'"
within "200 MB JSON line" 60 "$t"

# A million tiny stories in JSON lines, streamed: every one coded, memory
# flat (the reader drains as it goes).
t=$(now)
awk 'BEGIN { for (i = 0; i < 1000000; i++)
    printf "{\"id\":\"s%d\",\"date\":\"2024-01-02\",\"text\":\"Gondor attacked Mordor.\"}\n", i }' |
    "$V" code --dict $D --out tsv - 2>"$tmp/err" | wc -l >"$tmp/count"
ok "a million stories: all coded" "[ \$(cat '$tmp/count') -eq 1000001 ]"
ok "a million stories: summary" "grep -q '1000000 stories, 1000000 sentences, 1000000 events' '$tmp/err'"
within "a million stories" 120 "$t"

# A sentence of 100,000 tokens: cut into pieces at VG_MAX_SENTENCE_BYTES,
# each coded on its first VG_MAX_TOKENS tokens; the doc says so.
awk 'BEGIN { printf "Gondor attacked"; for (i = 0; i < 33333; i++) printf " Mordor and Rohan"; print " on Monday." }' >"$tmp/tokens.txt"
t=$(now)
code "$tmp/tokens.txt"
ok "100,000 tokens: exit 0" "[ $rc -eq 0 ]"
ok "100,000 tokens: first event coded" "grep -q 'GON	MOR	190' '$tmp/out'"
"$V" clean --out text "$tmp/tokens.txt" >"$tmp/clean" 2>&1
ok "100,000 tokens: VG_MAX_TOKENS noted" "grep -q 'removed (limit).*VG_MAX_TOKENS' '$tmp/clean'"
ok "100,000 tokens: VG_MAX_SENTENCE_BYTES noted" "grep -q 'removed (limit).*VG_MAX_SENTENCE_BYTES' '$tmp/clean'"
within "100,000 tokens" 20 "$t"

# 10,000 actors in one sentence (compound subject and object): at most
# VG_MAX_EVENTS_PER_SENTENCE events per sentence, bounded time.
awk 'BEGIN { split("Gondor Rohan Arnor Mordor", n, " ");
    for (i = 0; i < 5000; i++) printf "%s, ", n[i % 4 + 1];
    printf "and Gondor attacked ";
    for (i = 0; i < 5000; i++) printf "%s and ", n[i % 4 + 1];
    print "Rohan." }' >"$tmp/actors.txt"
t=$(now)
code "$tmp/actors.txt"
ok "10,000 actors: exit 0" "[ $rc -eq 0 ]"
ok "10,000 actors: at most 16 events per sentence" \
    "[ \$(tail -n +2 '$tmp/out' | cut -f 1,2 | sort | uniq -c | sort -rn | awk 'NR == 1 { print \$1 + 0 } END { if (NR == 0) print 0 }') -le 16 ]"
# The same with the actors spread over short sentences that all fit.
awk 'BEGIN { for (i = 0; i < 2500; i++) printf "Gondor, Rohan, Arnor and Mordor attacked Gondor, Rohan, Arnor and Mordor. "; print "" }' >"$tmp/actors2.txt"
code "$tmp/actors2.txt"
ok "compound actors: events coded" "[ \$(events) -gt 1000 ]"
ok "compound actors: at most 16 events per sentence" \
    "[ \$(tail -n +2 '$tmp/out' | cut -f 1,2 | sort | uniq -c | sort -rn | awk 'NR == 1 { print \$1 + 0 }') -le 16 ]"
within "10,000 actors" 30 "$t"

# ---------------------------------------------------------------- markup
# Deeply nested and truncated XML and HTML, generated (200,000 levels).
awk 'BEGIN { printf "<Sentences>"; for (i = 0; i < 200000; i++) printf "<a>";
    printf "<Sentence id=\"deep\" date=\"20240102\"><Text>Gondor attacked Mordor.</Text></Sentence>";
    for (i = 0; i < 200000; i++) printf "</a>"; print "</Sentences>" }' >"$tmp/deep.xml"
t=$(now)
code "$tmp/deep.xml" "$P/good.txt"
ok "deep XML: exit 0" "[ $rc -eq 0 ]"
ok "deep XML: XML error reported" "grep -q 'deep.xml:1: XML error' '$tmp/err'"
ok "deep XML: next input coded" "grep -q '^good	' '$tmp/out'"
awk 'BEGIN { printf "<html><body><p>Gondor attacked Mordor on Monday.</p>";
    for (i = 0; i < 200000; i++) printf "<div><span>"; print "Rohan attacked Mordor." }' >"$tmp/deep.html"
code "$tmp/deep.html" "$P/good.txt"
ok "deep HTML: exit 0" "[ $rc -eq 0 ]"
ok "deep HTML: shallow text coded" "grep -q 'GON	MOR	190' '$tmp/out'"
ok "deep HTML: next input coded" "grep -q '^good	' '$tmp/out'"
within "deep markup" 30 "$t"
code "$P/truncated.xml"
ok "truncated XML: exit 0" "[ $rc -eq 0 ]"
ok "truncated XML: records before the cut coded" "grep -q '^t1	.*GON	MOR	190' '$tmp/out'"
ok "truncated XML: the cut record reported" "grep -q 'truncated.xml:[0-9]*:' '$tmp/err'"
code "$P/truncated.html"
ok "truncated HTML: exit 0" "[ $rc -eq 0 ]"
ok "truncated HTML: text coded" "grep -q 'GON	MOR	190' '$tmp/out'"
code "$P/entities.xml"
ok "entity expansion: exit 0, nothing expanded" "[ $rc -eq 0 ] && ! grep -q 'aaaaaaaaaaaaaaaaaaaa' '$tmp/out'"

# Wide markup and many short lines: 4 MB of HTML with 60,000 paragraphs
# and share bars, and 4 MB of one-line paragraphs, through the cleaner.
awk 'BEGIN { printf "<html><body><article>";
    for (i = 0; i < 60000; i++) printf "<p>Gondor <b>attacked</b> Mordor on Monday.</p><div class=\"share\"><a href=\"x\">Share</a></div>";
    print "</article></body></html>" }' >"$tmp/wide.html"
t=$(now)
code "$tmp/wide.html"
ok "wide HTML: exit 0" "[ $rc -eq 0 ]"
ok "wide HTML: events coded" "[ \$(events) -gt 1000 ]"
awk 'BEGIN { for (i = 0; i < 160000; i++) print "Gondor attacked Mordor." }' >"$tmp/lines.txt"
code "$tmp/lines.txt"
ok "many short lines: exit 0" "[ $rc -eq 0 ]"
ok "many short lines: sentences up to VG_MAX_SENTENCES" "grep -q '1 stories, 20000 sentences' '$tmp/err'"
within "wide markup and many lines" 60 "$t"

# --------------------------------------------------------- dictionaries
# Bad codes, bad dates: exit 1 with file:line, in both syntaxes.
for d in bad-code bad-date pet-bad-code pet-bad-date; do
    "$V" dict check "$P/dict/$d" >/dev/null 2>"$tmp/err"
    rc=$?
    ok "dictionary $d: exit 1" "[ $rc -eq 1 ]"
    ok "dictionary $d: file:line named" "grep -q '$P/dict/$d/[^:]*:[0-9][0-9]*:' '$tmp/err'"
    code --dict "$P/dict/$d" "$P/good.txt"
    ok "dictionary $d: code refuses it (exit 1)" "[ $rc -eq 1 ]"
done
# Duplicates: a warning each, the later entry kept, coding goes on.
"$V" dict check "$P/dict/dup" >/dev/null 2>"$tmp/err"
rc=$?
ok "duplicates: exit 0" "[ $rc -eq 0 ]"
ok "duplicates: warned with file:line" "grep -q 'dup.actors:[0-9]*: duplicate' '$tmp/err'"
ok "duplicate verb: warned with file:line" "grep -q 'dup.verbs:2: duplicate verb' '$tmp/err'"
"$V" code --dict "$P/dict/dup" --out tsv "$P/good.txt" >"$tmp/out" 2>"$tmp/err"
ok "duplicates: later code kept" "grep -q 'GND	MOR	190' '$tmp/out'"
"$V" dict check "$P/dict/pet-dup" >/dev/null 2>"$tmp/err"
rc=$?
ok "PETRARCH duplicates: exit 0" "[ $rc -eq 0 ]"

echo "pathological: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
