#!/bin/sh
# tests/run.sh — runs every test of vigil and ends with "N passed, N failed".
#
# Unit test binaries print "<name>: N passed, N failed"; shell-level suites
# (tests/cli/*.sh) do the same. This script adds them up. A binary that
# crashes or prints no count is one failure.
BUILD=${VIGIL_BUILD:-build}
export VIGIL_BUILD=$BUILD
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
tally() { # $1 = name, $2 = output file, $3 = exit status
    line=$(grep -E '^[^ ].*: [0-9]+ passed, [0-9]+ failed$' "$2" | tail -n 1)
    if [ -z "$line" ]; then
        echo "FAIL $1: no result line (exit $3)"; tail -n 20 "$2"; fail=$((fail + 1)); return
    fi
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed$/\1/')
    f=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed$/\2/')
    if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    pass=$((pass + p)); fail=$((fail + f))
    echo "$line"
    if [ "$f" -ne 0 ]; then grep -E '^FAIL' "$2" | head -n 40; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    "$t" >"$tmp/$name.out" 2>&1
    tally "$name" "$tmp/$name.out" $?
done
for s in tests/cli/*.sh; do
    [ -f "$s" ] || continue
    name=$(basename "$s" .sh)
    sh "$s" >"$tmp/$name.out" 2>&1
    tally "$name" "$tmp/$name.out" $?
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
