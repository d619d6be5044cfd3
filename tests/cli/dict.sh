#!/bin/sh
# tests/cli/dict.sh — `vigil dict check|stats|lookup` and `vigil code --unknown`
# on the golden fixture dictionary.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
D=tests/golden/dict
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

"$V" dict stats $D >"$tmp/out" 2>&1
ok "stats: exit 0" "[ $? -eq 0 ]"
ok "stats: actors counted" "grep -Eq '^actors +[1-9]' '$tmp/out'"
ok "stats: per-root line for 19" "grep -Eq '^  19 FIGHT +[1-9]' '$tmp/out'"
"$V" dict check $D >"$tmp/out" 2>&1
ok "check: exit 0" "[ $? -eq 0 ]"

# A dated person codes by date; the explanation names file:line and ranges.
"$V" dict lookup --dict $D --date 2019-06-01 "Aragorn Elessar" >"$tmp/out" 2>&1
ok "lookup: before office" "grep -q 'GONELI' '$tmp/out' && grep -q 'golden.actors:' '$tmp/out'"
"$V" dict lookup --dict $D --date 2024-06-01 "Aragorn Elessar" >"$tmp/out" 2>&1
ok "lookup: in office" "grep -q -- '-> GONGOV' '$tmp/out'"
ok "lookup: range shown" "grep -q 'GONGOV 2020-01-01\.\.' '$tmp/out'"
"$V" dict lookup --dict $D "the Gondorian foreign minister" >"$tmp/out" 2>&1
ok "lookup: agent" "grep -q 'agent .* role GOV' '$tmp/out'"
"$V" dict lookup --dict $D "Numenor" >"$tmp/out" 2>&1
ok "lookup: unknown phrase" "grep -q 'no dictionary entry' '$tmp/out'"

# --unknown: names and verbs the dictionary lacks, most frequent first.
printf '%s\n' '{"id":"1","date":"2024-01-01","text":"Gondor welcomed envoys from Numenor Kingdom on Monday. Gondor marooned Mordor."}' \
    '{"id":"2","date":"2024-01-01","text":"Rohan praised Numenor Kingdom for its help."}' >"$tmp/u.jsonl"
"$V" code --quiet --unknown --dict $D "$tmp/u.jsonl" >/dev/null 2>"$tmp/err"
ok "unknown: name counted in two stories" "grep -q '^2	name Numenor Kingdom' '$tmp/err'"
ok "unknown: verb listed" "grep -q '^1	verb marooned' '$tmp/err'"
# Layered sets: a later set's verb extends the earlier one's patterns; its own
# pattern or code wins, and "[---]" leaves the earlier code in place.
L="--dict tests/fixtures/dict/set1 --dict tests/fixtures/dict/set3"
lay() { printf '%s\n' "$1" | "$V" code --quiet $L --date 2024-01-01 --out tsv - | tail -n +2 | cut -f4-6 | tr '\t' ' '; }
ok "layered: earlier pattern kept" "[ \"\$(lay 'Arnor supplied Gondor with missiles.')\" = 'ARN GON 072' ]"
ok "layered: later pattern" "[ \"\$(lay 'Arnor supplied Gondor with grain.')\" = 'ARN GON 0233' ]"
ok "layered: later default code" "[ \"\$(lay 'Arnor supplied Gondor.')\" = 'ARN GON 073' ]"
ok "layered: [---] keeps the earlier code" "[ \"\$(lay 'Arnor met Gondor.')\" = 'ARN GON 040' ]"
ok "layered: later pattern of a [---] verb" "[ \"\$(lay 'Arnor met Gondor in secret.')\" = 'ARN GON 046' ]"
echo "cli-dict: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
