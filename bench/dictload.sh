#!/bin/sh
# bench/dictload.sh — dictionary loading from text versus a snapshot
# (issue 3; `vigil dict compile`, docs/dictionaries.md "Snapshots").
#
#   sh bench/dictload.sh           (RUNS=N runs each, default 15)
#
# The set is vigil's own data/ with the Phoenix set of
# ../shared/third_party/petrarch2/dictionaries layered on top, the heaviest
# realistic load; it is compiled once into build/bench/own+phoenix.vgd.
# Reported:
#   - the wall time of `vigil code` over an empty input (loading, then
#     nothing to code), min and median over RUNS runs, text and snapshot,
#     with hyperfine when installed and a plain loop otherwise;
#   - peak RSS of that empty run and of `vigil code` over the VOA stories
#     (../shared/bench/voa_stories.jsonl), text and snapshot;
#   - the sha256 of the coded VOA stories with each (they must be equal).
# Skips cleanly (exit 0) when ../shared is absent.
set -u
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
PHX=${PHX:-../shared/third_party/petrarch2/dictionaries}
SRC=${BENCH_SRC:-../shared/bench/voa_stories.jsonl}
RUNS=${RUNS:-15}
OUT=$BUILD/bench
if [ ! -d "$PHX" ] || [ ! -f "$SRC" ]; then
    echo "dictload: $PHX or $SRC is absent: skipped"
    exit 0
fi
[ -x "$V" ] || { echo "dictload: build vigil first (make)"; exit 1; }
mkdir -p "$OUT"
SNAP=$OUT/own+phoenix.vgd
EMPTY=$OUT/empty.jsonl
: >"$EMPTY"
"$V" dict compile data "$PHX" -o "$SNAP" 2>/dev/null || { echo "dictload: compile failed"; exit 1; }

# Wall times (seconds, one a line) of RUNS runs of a command, into $1.
time_runs() {
    f=$1
    shift
    : >"$f"
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N -w 2 -r "$RUNS" --export-json "$f.json" "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; [print(t) for t in json.load(open(sys.argv[1]))["results"][0]["times"]]' \
            "$f.json" >"$f"
    else
        "$@" >/dev/null 2>&1 # warm-up
        i=0
        while [ "$i" -lt "$RUNS" ]; do
            python3 - "$@" >>"$f" <<'PY'
import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - t)
PY
            i=$((i + 1))
        done
    fi
}
min_median_ms() {
    sort -n "$1" | awk '{a[NR] = $1} END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
        printf "min %.1f ms, median %.1f ms", a[1] * 1000, m * 1000 }'
}
rss() {
    /usr/bin/time -v -o "$OUT/rss.txt" "$@" >/dev/null 2>&1
    awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/rss.txt"
}

time_runs "$OUT/load-text.txt" "$V" code --quiet --dict data --dict "$PHX" "$EMPTY"
time_runs "$OUT/load-snap.txt" "$V" code --quiet --dict "$SNAP" "$EMPTY"
H1=$("$V" code --quiet --dict data --dict "$PHX" "$SRC" 2>/dev/null | sha256sum | cut -c1-16)
H2=$("$V" code --quiet --dict "$SNAP" "$SRC" 2>/dev/null | sha256sum | cut -c1-16)
{
    echo "vigil dictload $(date -u +%Y-%m-%dT%H:%MZ) on $(uname -m), $(nproc) cores; $RUNS runs"
    echo "set                own data/ + Phoenix; snapshot $(wc -c <"$SNAP") bytes"
    echo "load, text         $(min_median_ms "$OUT/load-text.txt")  (whole process, empty input)"
    echo "load, snapshot     $(min_median_ms "$OUT/load-snap.txt")"
    echo "peak RSS, load     text $(rss "$V" code --quiet --dict data --dict "$PHX" "$EMPTY") KB, snapshot $(rss "$V" code --quiet --dict "$SNAP" "$EMPTY") KB"
    echo "peak RSS, VOA      text $(rss "$V" code --quiet --dict data --dict "$PHX" "$SRC") KB, snapshot $(rss "$V" code --quiet --dict "$SNAP" "$SRC") KB"
    echo "VOA output sha256  text $H1..., snapshot $H2... ($([ "$H1" = "$H2" ] && echo identical || echo DIFFERENT))"
} | tee "$OUT/dictload.txt"
[ "$H1" = "$H2" ]
