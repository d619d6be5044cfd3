#!/bin/sh
# tests/eval/seed.sh — codes ../shared/seed/article.txt and scores it against
# the seven events of ../shared/seed/expected.md (matching on the first three
# letters of each actor, IGO+EU for the Union, and on the CAMEO root), plus
# the two things that must not come out: events from the donation appeal and
# a non-negated denial from paragraph 6. Skips cleanly without ../shared.
BUILD=${VIGIL_BUILD:-build}
SEED=${1:-../shared/seed/article.txt}
if [ ! -f "$SEED" ]; then echo "seed: skipped ($SEED not found)"; exit 0; fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# SEED_DICTS: --dict arguments (default: vigil's own set), e.g. with the Phoenix set on top.
# shellcheck disable=SC2086
"$BUILD/vigil" code --quiet $SEED_DICTS --date 2024-09-09 --out tsv "$SEED" 2>/dev/null | tail -n +2 >"$out"
cat "$out" | cut -f2,4-6,11-13 | sed 's/^/  /'
pfx() { case "$1" in IGOEU*) echo IGOEU ;; *) echo "$1" | cut -c1-3 ;; esac; }
found=0
check() { # name, source prefix, target prefixes (|-separated), roots (|-separated)
    hit=0
    while IFS="$(printf '\t')" read -r story sent date src tgt code root rest; do
        s=$(pfx "$src"); t=$(pfx "$tgt")
        [ "$s" = "$2" ] || continue
        echo "|$3|" | grep -q "|$t|" || continue
        echo "|$4|" | grep -q "|$root|" || continue
        hit=1
    done <"$out"
    if [ $hit = 1 ]; then found=$((found + 1)); echo "found   $1"; else echo "missing $1"; fi
}
check "1 IGOEUREEC->IRN 13 threaten with sanctions" IGOEU IRN 13
check "2 IRN->RUS 07 provide military aid" IRN RUS 07
check "3 USA->European allies 06/04" USA "EUR|IGOEU" "06|04"
check "4 IGOEUREEC->IRN 16 sanctions" IGOEU IRN 16
check "5 RUS->IRN 02 appeal for military aid" RUS IRN 02
check "6 RUS->PRK 02 appeal for military aid" RUS PRK 02
check "7 RUSGOV->IRN 05/06 cooperation" RUS IRN "05|06"
bad=0
if grep -q "Moscow Times" "$out"; then echo "BAD: an event from the donation appeal"; bad=1; fi
if awk -F'\t' '$14 ~ /outright denial/ && $11 == "0" && $6 !~ /^07/' "$out" | grep -q .; then
    echo "BAD: a non-negated event from the denial sentence"; bad=1
fi
total=$(wc -l <"$out")
echo "seed: $found of 7 expected events found, $total events in all, forbidden: $bad"
[ "$found" -ge 6 ] && [ "$bad" -eq 0 ]
