#!/bin/sh
# bench/ingest.sh — ingest speed of the store (stories/s, events/s), SQLite
# and PostgreSQL.
#
#   sh bench/ingest.sh [CORPUS.jsonl]     default ../shared/bench/voa_stories.jsonl
#
# The VOA corpus has only 89 stories, too few to time, so it is repeated
# REPEAT times (default 20) under new story ids. Four timings: coding alone
# (vigil code to /dev/null, the floor), ingest into a new store, the same
# ingest again (every story replaced), and a new store with --sync off.
# A second corpus is generated (tests/store/gen_corpus.py big, 20,000 short
# six-sentence stories) to time the store where coding is cheap. Skips
# cleanly when the corpus is absent.
#
# Then the same on PostgreSQL: a throwaway server (tests/store/pg_server.sh,
# Debian's binaries, default settings: fsync on) on 127.0.0.1, a new
# database per run: ingest, ingest again, --sync off (synchronous_commit
# off), and two writers at once (the corpus split in two halves, ingested
# by two processes into one database; the rate is over the wall time of
# both). Skipped with a message when no server can be started.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
CORPUS=${1:-../shared/bench/voa_stories.jsonl}
REPEAT=${REPEAT:-20}
if [ ! -f "$CORPUS" ]; then
    echo "bench/ingest: $CORPUS is absent: skipped"
    exit 0
fi
[ -x "$V" ] || { echo "bench/ingest: build vigil first (make)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$CORPUS" "$REPEAT" >"$tmp/voa.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for k in range(int(sys.argv[2])):
    for s in lines:
        s = dict(s)
        s["id"] = "%s-r%d" % (s["id"], k)
        print(json.dumps(s))
PY
python3 tests/store/gen_corpus.py big 20000 "$tmp/synth.jsonl"

run() { # label, then the command; prints the summary line's rates
    label=$1
    shift
    "$@" 2>"$tmp/err" >/dev/null
    line=$(tail -n 1 "$tmp/err")
    printf '%-34s %s\n' "$label" "$(echo "$line" | sed 's/^vigil: //')"
}

for c in voa synth; do
    f="$tmp/$c.jsonl"
    n=$(wc -l <"$f")
    echo "== $c: $n stories ($(wc -c <"$f") bytes)"
    extra=""
    [ $c = synth ] && extra="--dict data --dict tests/store/dict"
    run "code only (no store)" $V code $extra "$f"
    run "ingest, new store" $V ingest --db "$tmp/$c.db" $extra "$f"
    run "ingest again (all replaced)" $V ingest --db "$tmp/$c.db" $extra "$f"
    run "ingest, new store, --sync off" $V ingest --db "$tmp/$c-nosync.db" --sync off $extra "$f"
    echo "store size: $(du -k "$tmp/$c.db" | cut -f1) KB; $($V store check --db "$tmp/$c.db")"
done

# ---- PostgreSQL
. tests/store/pg_server.sh
mkdir "$tmp/pg"
chmod 755 "$tmp"
trap 'pg_stop; rm -rf "$tmp"' EXIT
if ! pg_start "$tmp/pg"; then
    echo "== PostgreSQL: skipped ($PG_SKIP)"
    exit 0
fi
for c in voa synth; do
    f="$tmp/$c.jsonl"
    echo "== $c on $("$PG_BIN/postgres" --version | sed 's/^postgres (\(.*\)) \([^ ]*\).*/\1 \2/')"
    extra=""
    [ $c = synth ] && extra="--dict data --dict tests/store/dict"
    db=$(pg_createdb ${c}_new)
    run "ingest, new database" $V ingest --db "$db" $extra "$f"
    run "ingest again (all replaced)" $V ingest --db "$db" $extra "$f"
    echo "$($V store check --db "$db")"
    run "ingest, new database, --sync off" $V ingest --db "$(pg_createdb ${c}_nosync)" --sync off $extra "$f"
    n=$(wc -l <"$f")
    head -n $((n / 2)) "$f" >"$tmp/h1.jsonl"
    tail -n +$((n / 2 + 1)) "$f" >"$tmp/h2.jsonl"
    db=$(pg_createdb ${c}_two)
    $V ingest -q --db "$db" $extra /dev/null
    t0=$(date +%s.%N)
    $V ingest --db "$db" $extra "$tmp/h1.jsonl" 2>"$tmp/w1" >/dev/null &
    p1=$!
    $V ingest --db "$db" $extra "$tmp/h2.jsonl" 2>"$tmp/w2" >/dev/null &
    p2=$!
    wait $p1 $p2
    t1=$(date +%s.%N)
    ev=$(cat "$tmp/w1" "$tmp/w2" | sed -n 's/.* sentences, \([0-9]*\) events.*/\1/p' | awk '{ s += $1 } END { print s }')
    printf '%-34s %s\n' "two writers at once" \
        "$(awk -v n="$n" -v e="$ev" -v a="$t0" -v b="$t1" 'BEGIN { d = b - a; printf "%d stories, %d events, %.3f seconds (%.1f stories/s, %.1f events/s)", n, e, d, n / d, e / d }')"
done
