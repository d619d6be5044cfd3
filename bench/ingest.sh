#!/bin/sh
# bench/ingest.sh — ingest speed of the SQLite store (stories/s, events/s).
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
