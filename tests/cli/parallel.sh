#!/bin/sh
# tests/cli/parallel.sh — the GNU parallel recipe of docs/python.md, local
# form: a JSON-lines corpus piped through `parallel --pipe --keep-order`
# into several `vigil code` processes gives exactly the output of one
# `vigil code` run. Skips with a message when GNU parallel is absent.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
pass=0 fail=0
if ! command -v parallel >/dev/null 2>&1; then
    echo "parallel: skipped: GNU parallel is not installed (apt install parallel)"
    echo "parallel: 0 passed, 0 failed"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }
# 400 stories: the fixture of the Python tests with fresh ids, and a few
# stories without a date (they take --date in every process alike).
i=0
while [ $i -lt 40 ]; do
    sed "s/\"id\":\"py-/\"id\":\"r$i-/" python/tests/data/stories.jsonl
    i=$((i + 1))
done >"$tmp/corpus.jsonl"
D="--quiet --dict tests/golden/dict --date 2024-03-01"
"$V" code $D "$tmp/corpus.jsonl" >"$tmp/one" 2>/dev/null
ok "single run has events" "[ \$(wc -l <'$tmp/one') -gt 200 ]"
# By records: 37 lines per process (not a divisor of 10, so chunks cut stories' order anywhere).
parallel --will-cite --pipe --keep-order -N 37 -j 2 "$V" code $D <"$tmp/corpus.jsonl" >"$tmp/byn" 2>/dev/null
ok "--pipe -N 37 --keep-order equals one run" "cmp -s '$tmp/one' '$tmp/byn'"
# By size: blocks of about 5 kB, cut at line ends by parallel.
parallel --will-cite --pipe --keep-order --block 5k -j 2 "$V" code $D <"$tmp/corpus.jsonl" >"$tmp/byblock" 2>/dev/null
ok "--pipe --block 5k --keep-order equals one run" "cmp -s '$tmp/one' '$tmp/byblock'"
# parallel's own file reading (--pipepart -a) for big files.
parallel --will-cite --pipepart -a "$tmp/corpus.jsonl" --keep-order --block 5k -j 2 "$V" code $D >"$tmp/part" 2>/dev/null
ok "--pipepart --keep-order equals one run" "cmp -s '$tmp/one' '$tmp/part'"
# Several processes really ran: each prints its own summary line.
parallel --will-cite --pipe --keep-order -N 37 -j 2 "$V" code --dict tests/golden/dict --date 2024-03-01 <"$tmp/corpus.jsonl" 2>"$tmp/err" >/dev/null
ok "one summary line per process" "[ \$(grep -c 'stories,' '$tmp/err') -eq 11 ]"
echo "parallel: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
