#!/bin/sh
# tests/cli/errors.sh — bad input through the vigil command: each problem is
# reported clearly (file:line where there is one) and the rest is still coded.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
D=tests/golden/dict
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

# A malformed JSON line in the middle: reported with its line, others coded.
printf '%s\n' '{"id":"a","date":"2024-01-02","text":"Gondor attacked Mordor."}' \
    '{"id":"b","date":"2024-01-02","text": broken' \
    '{"id":"c","date":"2024-01-02","text":"Rohan condemned Mordor."}' >"$tmp/in.jsonl"
"$V" code --dict $D --out tsv "$tmp/in.jsonl" >"$tmp/out" 2>"$tmp/err"
ok "exit 0 with a skipped record" "[ $? -eq 0 ]"
ok "message names file and line" "grep -q 'in.jsonl:2: malformed JSON' '$tmp/err'"
ok "story before the bad line coded" "grep -q '^a	' '$tmp/out'"
ok "story after the bad line coded" "grep -q '^c	' '$tmp/out'"
ok "summary counts the skipped record" "grep -q '1 records skipped' '$tmp/err'"

# Invalid UTF-8 is repaired and reported, never a crash.
printf 'Gondor attacked \377\376 Mordor on Monday.\n' >"$tmp/bad.txt"
"$V" code --dict $D --out tsv "$tmp/bad.txt" >"$tmp/out" 2>"$tmp/err"
ok "invalid UTF-8: exit 0" "[ $? -eq 0 ]"
ok "invalid UTF-8 reported" "grep -q 'invalid UTF-8' '$tmp/err'"
ok "invalid UTF-8: event still coded" "grep -q 'GON	MOR	190' '$tmp/out'"

# A missing file: error, exit 1, other inputs still coded.
printf 'Gondor attacked Mordor.\n' >"$tmp/good.txt"
"$V" code --dict $D --out tsv "$tmp/missing.txt" "$tmp/good.txt" >"$tmp/out" 2>"$tmp/err"
ok "missing file: exit 1" "[ $? -eq 1 ]"
ok "missing file named" "grep -q 'missing.txt' '$tmp/err'"
ok "missing file: next input coded" "grep -q 'GON	MOR	190' '$tmp/out'"

# Usage errors.
"$V" code --date 2024-13-45 "$tmp/good.txt" >/dev/null 2>"$tmp/err"
ok "bad --date: exit 2" "[ $? -eq 2 ]"
ok "bad --date explained" "grep -q 'YYYY-MM-DD' '$tmp/err'"
"$V" code --format yaml "$tmp/good.txt" >/dev/null 2>"$tmp/err"
ok "bad --format: exit 2" "[ $? -eq 2 ]"
"$V" frobnicate >/dev/null 2>"$tmp/err"
ok "unknown command: exit 2" "[ $? -eq 2 ]"

# A dictionary with a bad code: file:line, exit 1.
mkdir -p "$tmp/dict"
printf '[ARN] Arnor\n[gon!] Gondor\n' >"$tmp/dict/x.actors"
"$V" code --dict "$tmp/dict" "$tmp/good.txt" >/dev/null 2>"$tmp/err"
ok "bad dictionary: exit 1" "[ $? -eq 1 ]"
ok "bad dictionary: file:line" "grep -q 'x.actors:2' '$tmp/err'"

# vigil clean: kept text and removed blocks with their rules.
printf 'Gondor attacked Mordor on Monday, officials said.\n\nSubscribe to our newsletter for daily updates.\n' >"$tmp/c.txt"
"$V" clean "$tmp/c.txt" >"$tmp/out" 2>"$tmp/err"
ok "clean: kept text" "grep -q '\"text\":\"Gondor attacked Mordor on Monday, officials said.\"' '$tmp/out'"
ok "clean: removed block with rule" "grep -q '\"removed\":\\[{\"rule\":\"[a-z-]*\",\"text\":\"Subscribe' '$tmp/out'"
"$V" clean --out text "$tmp/c.txt" >"$tmp/out" 2>"$tmp/err"
ok "clean text output" "grep -q '^--- removed' '$tmp/out'"

# stdin, forced format.
printf 'Gondor attacked Mordor.' | "$V" code --dict $D --format text --out tsv >"$tmp/out" 2>"$tmp/err"
ok "stdin text" "grep -q '^stdin	' '$tmp/out'"

echo "cli-errors: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
