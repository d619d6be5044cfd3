#!/bin/sh
# tests/cli/jobs.sh — `vigil code -j N` gives exactly the output of -j 1, in
# input order, for JSON lines, text and HTML inputs and both output formats.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }
# A corpus of many small stories so batches and threads really interleave.
i=0
while [ $i -lt 300 ]; do
    printf '{"id":"s%d","date":"2024-01-%02d","text":"Gondor attacked Mordor. Rohan condemned Mordor and praised Gondor. Arnor sent weapons to Rohan."}\n' $i $((i % 28 + 1))
    i=$((i + 1))
done >"$tmp/many.jsonl"
for out in jsonl tsv; do
    "$V" code --quiet --dict tests/golden/dict --out $out -j 1 "$tmp/many.jsonl" examples/brief.txt examples/article.html >"$tmp/j1" 2>/dev/null
    for j in 2 3 8; do
        "$V" code --quiet --dict tests/golden/dict --out $out -j $j "$tmp/many.jsonl" examples/brief.txt examples/article.html >"$tmp/jn" 2>/dev/null
        ok "-j $j equals -j 1 ($out)" "cmp -s '$tmp/j1' '$tmp/jn'"
    done
done
ok "-j 1 output not empty" "[ -s '$tmp/j1' ]"
"$V" code -j 0 "$tmp/many.jsonl" >/dev/null 2>&1
ok "-j 0 is a usage error" "[ $? -eq 2 ]"
# The progress line: only on a terminal (script gives one), never in a pipe.
"$V" code --dict tests/golden/dict "$tmp/many.jsonl" 2>"$tmp/err" >/dev/null
ok "no progress line when stderr is no terminal" "! grep -q 'sentences/s' '$tmp/err'"
if command -v script >/dev/null 2>&1; then
    script -qc "$V code --dict tests/golden/dict $tmp/many.jsonl >/dev/null" /dev/null >"$tmp/tty" 2>&1
    ok "progress line on a terminal" "grep -q 'sentences/s' '$tmp/tty'"
fi
echo "cli-jobs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
