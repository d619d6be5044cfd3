#!/bin/sh
# tests/cli/store_kill.sh — a real `kill -9` of a real ingest, several times
# at different moments. After each kill the store must pass PRAGMA
# integrity_check (through `vigil store check`, and the sqlite3 shell when
# it is installed), every story in it must be complete (its sentence and
# mention counts equal those of a reference store that was never killed),
# and ingesting again must finish the job with the reference's events.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
D="--dict data --dict tests/store/dict"
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

N=6000
python3 tests/store/gen_corpus.py big $N "$tmp/big.jsonl"
$V ingest -q --db "$tmp/ref.db" $D "$tmp/big.jsonl"
$V store stories --db "$tmp/ref.db" | tail -n +2 | sort >"$tmp/ref.stories"
$V events --db "$tmp/ref.db" --out tsv | cut -f2- >"$tmp/ref.events"
ok "reference store complete" "[ \$(wc -l <'$tmp/ref.stories') -eq $N ]"

stored() { $V store stories --db "$1" 2>/dev/null | tail -n +2 | wc -l; }

# Rounds: kill as soon as at least $want stories are committed, so the
# process dies in the middle of its work (coding or inside a transaction).
round=0
for want in 1 500 2000; do
    round=$((round + 1))
    db="$tmp/k$round.db"
    $V ingest -q --db "$db" $D "$tmp/big.jsonl" &
    pid=$!
    tries=0
    while [ "$(stored "$db")" -lt $want ] && [ $tries -lt 3000 ]; do
        tries=$((tries + 1))
        sleep 0.01
    done
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    st=$?
    n=$(stored "$db")
    echo "round $round: killed (status $st) with $n of $N stories committed"
    ok "round $round: killed mid-run" "[ $st -eq 137 ] && [ $n -lt $N ]"
    ok "round $round: vigil store check" "$V store check --db '$db' | grep -q '^ok'"
    if command -v sqlite3 >/dev/null 2>&1; then
        ok "round $round: sqlite3 PRAGMA integrity_check" \
            "[ \"\$(sqlite3 '$db' 'PRAGMA integrity_check')\" = ok ]"
    fi
    $V store stories --db "$db" | tail -n +2 | sort >"$tmp/k.stories"
    missing=$(comm -23 "$tmp/k.stories" "$tmp/ref.stories" | wc -l)
    ok "round $round: every committed story complete ($n stories)" "[ $missing -eq 0 ]"
    # Ingest again: the run completes and gives the reference's events.
    $V ingest -q --db "$db" $D "$tmp/big.jsonl"
    ok "round $round: re-ingest completes" "[ \$(stored '$db') -eq $N ]"
    $V events --db "$db" --out tsv | cut -f2- >"$tmp/k.events"
    ok "round $round: events equal the reference's" "cmp -s '$tmp/k.events' '$tmp/ref.events'"
    ok "round $round: check after resume" "$V store check --db '$db' | grep -q '^ok'"
done

echo "store_kill: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
