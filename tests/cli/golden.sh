#!/bin/sh
# tests/cli/golden.sh — runs every golden case through the vigil command.
#
# A case is tests/golden/cases/NAME.{txt,jsonl,html,xml} with NAME.expected
# (one event per line: SOURCE TARGET CODE [negated] [hypothetical]
# [speaker=CODE]) and optionally NAME.args (extra arguments). The events
# vigil prints, in that canonical form, must equal the expected ones as a
# multiset. test_golden.c runs the same cases through the library.
BUILD=${VIGIL_BUILD:-build}
VIGIL=$BUILD/vigil
DIR=tests/golden/cases
DICT=tests/golden/dict
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for exp in "$DIR"/*.expected; do
    [ -f "$exp" ] || continue
    name=$(basename "$exp" .expected)
    input=""
    for ext in txt jsonl html xml; do
        [ -f "$DIR/$name.$ext" ] && input="$DIR/$name.$ext" && break
    done
    if [ -z "$input" ]; then echo "FAIL $name: no input file"; fail=$((fail + 1)); continue; fi
    args="--date 2024-06-01"
    [ -f "$DIR/$name.args" ] && args="$args $(cat "$DIR/$name.args")"
    speakers=0
    grep -q 'speaker=' "$exp" && speakers=1
    negated=0
    grep -v '^#' "$exp" | grep -qw 'negated' && negated=1 && args="$args --negated"
    # shellcheck disable=SC2086
    if ! "$VIGIL" code --quiet --dict "$DICT" --out tsv $args "$input" >"$tmp/out.tsv" 2>"$tmp/err"; then
        echo "FAIL $name: vigil exited with an error"; cat "$tmp/err"; fail=$((fail + 1)); continue
    fi
    tail -n +2 "$tmp/out.tsv" | awk -F'\t' -v sp=$speakers '{
        s = $4 " " $5 " " $6
        if ($11 == "1") s = s " negated"
        if ($12 == "1") s = s " hypothetical"
        if (sp && $13 != "") s = s " speaker=" $13
        print s }' | sort >"$tmp/got"
    grep -v '^[[:space:]]*#' "$exp" | sed -e 's/[[:space:]]*#.*$//' -e 's/[[:space:]][[:space:]]*/ /g' \
        -e 's/^ //' -e 's/ $//' | grep -v '^$' | awk -v sp=$speakers '{
        s = $1 " " $2 " " $3; neg = ""; hyp = ""; spk = ""
        for (i = 4; i <= NF; i++) {
            if ($i == "negated") neg = " negated"
            else if ($i == "hypothetical") hyp = " hypothetical"
            else if ($i ~ /^speaker=/ && $i != "speaker=") spk = " " $i
        }
        print s neg hyp spk }' | sort >"$tmp/want"
    if cmp -s "$tmp/got" "$tmp/want"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name ($input)"
        echo "  want:"; sed 's/^/    /' "$tmp/want"
        echo "  got:"; sed 's/^/    /' "$tmp/got"
    fi
done
echo "golden-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
