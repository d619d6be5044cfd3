#!/bin/sh
# tests/cli/snapshot.sh — `vigil dict compile` and `--dict SNAPSHOT`: the
# round trip through the command (compile, then code, explain, look up and
# count with the snapshot exactly as with the text sets), and the errors a
# truncated, damaged, stale or layered snapshot gives.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
G=tests/golden/dict
F=tests/fixtures/dict
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

"$V" dict compile $G -o "$tmp/g.vgd" 2>"$tmp/err"
ok "compile: exit 0" "[ $? -eq 0 ] && [ -s '$tmp/g.vgd' ]"
"$V" dict compile $G $F/set1 $F/set2 $F/pet -o "$tmp/l.vgd" 2>/dev/null
ok "compile layered sets: exit 0" "[ $? -eq 0 ] && [ -s '$tmp/l.vgd' ]"
"$V" dict compile $G -o "$tmp/g2.vgd" 2>/dev/null
ok "compile: the same bytes twice" "cmp -s '$tmp/g.vgd' '$tmp/g2.vgd'"

# Every golden case (one story each) coded with --explain (explanations
# go to stderr and carry file:line of every entry) with text and snapshot.
set -- tests/golden/cases/*.txt
for set in g l; do
    if [ $set = g ]; then args="--dict $G"; else args="--dict $G --dict $F/set1 --dict $F/set2 --dict $F/pet"; fi
    # shellcheck disable=SC2086
    "$V" code --quiet --explain --negated --date 2024-06-01 $args "$@" >"$tmp/t.out" 2>"$tmp/t.err"
    "$V" code --quiet --explain --negated --date 2024-06-01 --dict "$tmp/$set.vgd" "$@" >"$tmp/s.out" 2>"$tmp/s.err"
    ok "code $set: events found" "[ \$(wc -l <'$tmp/t.out') -gt 20 ]"
    ok "code $set: identical events" "cmp -s '$tmp/t.out' '$tmp/s.out'"
    grep -v '^vigil: ' "$tmp/t.err" >"$tmp/t.ex"
    grep -v '^vigil: ' "$tmp/s.err" >"$tmp/s.ex"
    ok "code $set: explanations with file:line" "grep -q '\\.actors:[0-9]' '$tmp/s.ex'"
    ok "code $set: identical explanations" "cmp -s '$tmp/t.ex' '$tmp/s.ex'"
    # shellcheck disable=SC2086
    "$V" dict stats $args >"$tmp/t.st" 2>/dev/null
    "$V" dict stats "$tmp/$set.vgd" >"$tmp/s.st" 2>/dev/null
    ok "stats $set: identical counts" "cmp -s '$tmp/t.st' '$tmp/s.st'"
    for p in "Aragorn Elessar" "the Gondorian foreign minister" "supplied missiles to Rohan" "Numenor"; do
        # shellcheck disable=SC2086
        "$V" dict lookup $args --date 2019-06-01 "$p"
    done >"$tmp/t.lk" 2>/dev/null
    for p in "Aragorn Elessar" "the Gondorian foreign minister" "supplied missiles to Rohan" "Numenor"; do
        "$V" dict lookup --dict "$tmp/$set.vgd" --date 2019-06-01 "$p"
    done >"$tmp/s.lk" 2>/dev/null
    ok "lookup $set: identical" "cmp -s '$tmp/t.lk' '$tmp/s.lk' && grep -q 'golden.actors:' '$tmp/s.lk'"
done

# The same through ingest (the store path loads dictionaries the same way).
if "$V" ingest --db "$tmp/t.db" --dict $G --date 2024-06-01 "$@" >/dev/null 2>&1 &&
    "$V" ingest --db "$tmp/s.db" --dict "$tmp/g.vgd" --date 2024-06-01 "$@" >/dev/null 2>&1; then
    "$V" events --db "$tmp/t.db" >"$tmp/t.ev" 2>/dev/null
    "$V" events --db "$tmp/s.db" >"$tmp/s.ev" 2>/dev/null
    ok "ingest: identical stored events" "[ -s '$tmp/t.ev' ] && cmp -s '$tmp/t.ev' '$tmp/s.ev'"
else
    ok "ingest with a snapshot: exit 0" "false"
fi

# Errors: clear, with the file named, and never a crash (exit 1, not a signal).
size=$(wc -c <"$tmp/g.vgd")
head -c $((size / 2)) "$tmp/g.vgd" >"$tmp/cut.vgd"
"$V" code --quiet --dict "$tmp/cut.vgd" "$1" >/dev/null 2>"$tmp/err"
ok "truncated: exit 1" "[ $? -eq 1 ]"
ok "truncated: says so" "grep -q 'cut.vgd: not a usable dictionary snapshot: .*truncated' '$tmp/err'"
cp "$tmp/g.vgd" "$tmp/bad.vgd"
printf 'X' | dd of="$tmp/bad.vgd" bs=1 seek=$((size / 3)) conv=notrunc 2>/dev/null
"$V" code --quiet --dict "$tmp/bad.vgd" "$1" >/dev/null 2>"$tmp/err"
ok "damaged: exit 1" "[ $? -eq 1 ]"
ok "damaged: checksum" "grep -q 'bad.vgd: .*checksum mismatch' '$tmp/err'"
# The vigil version in the header: after the magic, four words (the last
# is the number of sections) and one record size per section.
nsect=$(od -An -tu4 -j20 -N4 "$tmp/g.vgd" | tr -d ' ')
cp "$tmp/g.vgd" "$tmp/old.vgd"
printf '0.0.1' | dd of="$tmp/old.vgd" bs=1 seek=$((24 + 4 * nsect)) conv=notrunc 2>/dev/null
"$V" dict stats "$tmp/old.vgd" >/dev/null 2>"$tmp/err"
ok "stale: exit 1" "[ $? -eq 1 ]"
ok "stale: says which versions" "grep -q 'written by vigil 0.0.1.*this is vigil' '$tmp/err'"
"$V" code --quiet --dict "$tmp/g.vgd" --dict $F/set2 "$1" >/dev/null 2>"$tmp/err"
ok "layered on a snapshot: exit 1" "[ $? -eq 1 ]"
ok "layered on a snapshot: says why" "grep -q 'cannot be layered on a dictionary snapshot' '$tmp/err'"
# A source edited after compiling: the snapshot loads and says so.
mkdir "$tmp/src" && cp $G/* "$tmp/src/"
"$V" dict compile "$tmp/src" -o "$tmp/src.vgd" 2>/dev/null
"$V" dict stats "$tmp/src.vgd" >/dev/null 2>"$tmp/err"
ok "unchanged sources: no message" "[ ! -s '$tmp/err' ]"
echo "# edited" >>"$tmp/src/golden.actors"
"$V" dict stats "$tmp/src.vgd" >/dev/null 2>"$tmp/err"
ok "changed source: exit 0" "[ $? -eq 0 ]"
ok "changed source: named" "grep -q 'golden.actors has changed since this snapshot was compiled' '$tmp/err'"
"$V" dict compile $G 2>"$tmp/err"
ok "compile without -o: usage" "[ $? -eq 2 ] && grep -q 'usage: vigil dict compile' '$tmp/err'"
"$V" dict compile $G -o "$tmp/no/such/dir/x.vgd" 2>"$tmp/err"
ok "compile to a bad path: exit 1" "[ $? -eq 1 ] && grep -q 'cannot write the snapshot' '$tmp/err'"
echo "cli-snapshot: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
