#!/bin/sh
# bench/run.sh — the throughput benchmark of `vigil code` (issue 6; `make bench`).
#
#   sh bench/run.sh            or   make bench
#
# The corpus is ../shared/bench/voa_stories.jsonl repeated to about BENCH_MB
# megabytes (default 100) as that folder's README describes: replica r of
# every story gets the id suffix -r<r>, nothing else changes. It is
# generated once into build/bench/ (never committed). The dictionaries are
# the heaviest realistic load: vigil's own data/ with the Phoenix set
# layered on top, compiled by this build into one snapshot
# (build/bench/dicts.vgd, `vigil dict compile`), as a production run
# would load them; BENCH_DICTS overrides, as --dict arguments. The run
# with the same dictionaries read from their text files is timed too, and
# its output must hash the same.
#
# Reported, and written to build/bench/results.txt:
#   - wall time over BENCH_RUNS runs (default 5; min and median), whole
#     process, with hyperfine when installed and a plain loop otherwise;
#   - sentences/s and stories/s at the median;
#   - the same with -j BENCH_JOBS worker threads (default 2) when > 1;
#   - callgrind instructions per sentence on the 89 stories (one copy),
#     with the cost of an empty run (dictionary loading) taken off, so
#     the figure is repeatable on a noisy machine;
#   - peak RSS (/usr/bin/time -v);
#   - the sha256 of the output, so speed work cannot silently change what
#     vigil codes (the -j output must hash the same);
#   - the time `wc -w` takes on the same input: the machine's floor.
#
# Skips cleanly (exit 0) when ../shared/bench is absent.
set -u
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
SRC=${BENCH_SRC:-../shared/bench/voa_stories.jsonl}
MB=${BENCH_MB:-100}
RUNS=${BENCH_RUNS:-5}
JOBS=${BENCH_JOBS:-2}
PHX=../shared/third_party/petrarch2/dictionaries
OUT=$BUILD/bench
RES=$OUT/results.txt
TEXT_DICTS=""
if [ -z "${BENCH_DICTS+x}" ]; then
    if [ -d "$PHX" ]; then TEXT_DICTS="data $PHX"; else TEXT_DICTS="data"; fi
fi

if [ ! -f "$SRC" ]; then
    echo "bench: $SRC is absent: skipped"
    exit 0
fi
[ -x "$V" ] || { echo "bench: build vigil first (make)"; exit 1; }
mkdir -p "$OUT"
if [ -n "$TEXT_DICTS" ]; then
    # shellcheck disable=SC2086
    "$V" dict compile $TEXT_DICTS -o "$OUT/dicts.vgd" >/dev/null 2>&1 ||
        { echo "bench: vigil dict compile $TEXT_DICTS failed"; exit 1; }
    BENCH_DICTS="--dict $OUT/dicts.vgd"
fi

# Replicas: at least BENCH_MB megabytes of the 394,634-byte source (254 for
# 100 MB: 100,340,276 bytes, sha256 971d8031... as the README says).
SRCBYTES=$(wc -c <"$SRC")
K=$(( (MB * 1000000 + SRCBYTES - 1) / SRCBYTES ))
[ "$K" -ge 1 ] || K=1
CORPUS=$OUT/voa_x$K.jsonl
if [ ! -s "$CORPUS" ]; then
    echo "bench: generating $CORPUS ($K copies of $SRC)"
    python3 - "$SRC" "$K" "$CORPUS.tmp" <<'PY' || { echo "bench: python3 failed"; exit 1; }
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[3], "w", encoding="utf-8", newline="\n") as out:
    for r in range(int(sys.argv[2])):
        for rec in recs:
            out.write(json.dumps(dict(rec, id=f"{rec['id']}-r{r}"), ensure_ascii=False) + "\n")
PY
    mv "$CORPUS.tmp" "$CORPUS"
fi
BYTES=$(wc -c <"$CORPUS")

# One run not timed: counts (from vigil's summary line), output hash, and
# a warm page cache for what follows.
# shellcheck disable=SC2086
"$V" code $BENCH_DICTS "$CORPUS" 2>"$OUT/summary.txt" | sha256sum | cut -d' ' -f1 >"$OUT/hash.txt"
SUMMARY=$(grep '^vigil: [0-9]* stories' "$OUT/summary.txt" | tail -n 1)
STORIES=$(echo "$SUMMARY" | sed 's/^vigil: \([0-9]*\) stories, \([0-9]*\) sentences, \([0-9]*\) events.*/\1/')
SENTS=$(echo "$SUMMARY" | sed 's/^vigil: \([0-9]*\) stories, \([0-9]*\) sentences, \([0-9]*\) events.*/\2/')
EVENTS=$(echo "$SUMMARY" | sed 's/^vigil: \([0-9]*\) stories, \([0-9]*\) sentences, \([0-9]*\) events.*/\3/')
HASH=$(cat "$OUT/hash.txt")

# Wall times of RUNS runs of a command line (output to /dev/null), one a
# line in seconds, into file $1.
time_runs() {
    f=$1
    shift
    : >"$f"
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N -w 1 -r "$RUNS" --export-json "$f.json" "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; [print(t) for t in json.load(open(sys.argv[1]))["results"][0]["times"]]' \
            "$f.json" >"$f"
    else
        i=0
        while [ "$i" -lt "$RUNS" ]; do
            /usr/bin/time -f '%e' -o "$f.one" "$@" >/dev/null 2>&1
            tail -n 1 "$f.one" >>"$f"
            i=$((i + 1))
        done
    fi
}
# "min median" of the numbers in file $1.
min_median() {
    sort -n "$1" | awk '{a[NR] = $1} END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
        printf "%.3f %.3f", a[1], m }'
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }'; }

# shellcheck disable=SC2086
time_runs "$OUT/t1.txt" "$V" code --quiet $BENCH_DICTS "$CORPUS"
set -- $(min_median "$OUT/t1.txt")
T1MIN=$1 T1MED=$2

# The same dictionaries read from their text files: same output, and the
# difference in time is the loading (about 70 ms for data + Phoenix).
TLINE=""
if [ -n "$TEXT_DICTS" ]; then
    TARGS=$(for d in $TEXT_DICTS; do printf -- '--dict %s ' "$d"; done)
    # shellcheck disable=SC2086
    THASH=$("$V" code --quiet $TARGS "$CORPUS" 2>/dev/null | sha256sum | cut -d' ' -f1)
    # shellcheck disable=SC2086
    time_runs "$OUT/tt.txt" "$V" code --quiet $TARGS "$CORPUS"
    set -- $(min_median "$OUT/tt.txt")
    TSAME=$([ "$THASH" = "$HASH" ] && echo "identical to the snapshot's" || echo "DIFFERS from the snapshot's: $THASH")
    TLINE=$(printf 'wall, from text    min %s s, median %s s; %s sentences/s (%s); output %s' \
        "$1" "$2" "$(rate "$SENTS" "$2")" "${TARGS% }" "$TSAME")
fi

JLINE=""
if [ "$JOBS" -gt 1 ]; then
    # shellcheck disable=SC2086
    JHASH=$("$V" code --quiet -j "$JOBS" $BENCH_DICTS "$CORPUS" 2>/dev/null | sha256sum | cut -d' ' -f1)
    # shellcheck disable=SC2086
    time_runs "$OUT/tj.txt" "$V" code --quiet -j "$JOBS" $BENCH_DICTS "$CORPUS"
    set -- $(min_median "$OUT/tj.txt")
    TJMIN=$1 TJMED=$2
    SAME=$([ "$JHASH" = "$HASH" ] && echo "identical to -j 1" || echo "DIFFERS from -j 1: $JHASH")
    JLINE=$(printf 'wall -j %s         min %s s, median %s s; %s sentences/s (speed-up %s); output %s' \
        "$JOBS" "$TJMIN" "$TJMED" "$(rate "$SENTS" "$TJMED")" \
        "$(awk -v a="$T1MED" -v b="$TJMED" 'BEGIN { printf "%.2fx", a / b }')" "$SAME")
fi

# Peak RSS of one whole run.
# shellcheck disable=SC2086
/usr/bin/time -v -o "$OUT/rss.txt" "$V" code --quiet $BENCH_DICTS "$CORPUS" >/dev/null 2>&1
RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/rss.txt")

# The floor: wc -w over the same bytes.
time_runs "$OUT/twc.txt" wc -w "$CORPUS"
set -- $(min_median "$OUT/twc.txt")
WCMIN=$1 WCMED=$2

# Instructions per sentence on one copy of the stories, less an empty run.
IPS="(valgrind not installed)"
if command -v valgrind >/dev/null 2>&1; then
    ir() {
        # shellcheck disable=SC2086
        valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.$1.out" \
            "$V" code --quiet $BENCH_DICTS "$2" >/dev/null 2>"$OUT/callgrind.$1.log"
        awk '/^summary:|^totals:/ {print $2; exit}' "$OUT/callgrind.$1.out"
    }
    : >"$OUT/empty.jsonl"
    IR0=$(ir empty "$OUT/empty.jsonl")
    IR1=$(ir slice "$SRC")
    # shellcheck disable=SC2086
    S1=$("$V" code $BENCH_DICTS "$SRC" 2>&1 >/dev/null | sed -n 's/^vigil: [0-9]* stories, \([0-9]*\) sentences.*/\1/p')
    IPS=$(awk -v a="$IR1" -v b="$IR0" -v s="$S1" 'BEGIN {
        printf "%.0f instructions/sentence (%d sentences; %.1f M coding + %.1f M loading dictionaries)",
            (a - b) / s, s, (a - b) / 1e6, b / 1e6 }')
fi

{
    echo "vigil bench $(date -u +%Y-%m-%dT%H:%MZ) on $(uname -m), $(nproc) cores"
    echo "corpus             $CORPUS: $BYTES bytes, $STORIES stories, $SENTS sentences, $EVENTS events"
    if [ -n "$TEXT_DICTS" ]; then echo "dictionaries       $BENCH_DICTS: a snapshot of $TEXT_DICTS compiled by this build"; else echo "dictionaries       $BENCH_DICTS"; fi
    printf 'wall -j 1          min %s s, median %s s (%s runs); %s sentences/s, %s stories/s, %s MB/s\n' \
        "$T1MIN" "$T1MED" "$RUNS" "$(rate "$SENTS" "$T1MED")" "$(rate "$STORIES" "$T1MED")" \
        "$(awk -v b="$BYTES" -v s="$T1MED" 'BEGIN { printf "%.1f", b / 1e6 / s }')"
    [ -n "$JLINE" ] && echo "$JLINE"
    [ -n "$TLINE" ] && echo "$TLINE"
    echo "callgrind          $IPS"
    echo "peak RSS           $RSS KB"
    echo "output sha256      $HASH"
    printf 'wc -w              min %s s, median %s s (%sx faster than vigil -j 1)\n' "$WCMIN" "$WCMED" \
        "$(rate "$T1MED" "$WCMED")"
} >"$RES"
cat "$RES"
