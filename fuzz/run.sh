#!/bin/sh
# fuzz/run.sh — runs vigil's libFuzzer targets (built by `make fuzz-build`)
# for a set time each, with seed corpora taken from the test fixtures.
#
#   sh fuzz/run.sh [SECONDS] [TARGET...]     (default: 60 s, every target)
#
# FUZZ_JOBS targets run side by side (default 1). Corpora grow in
# build-fuzz/corpus/TARGET (seeded from tests/ and tests/fuzz-regress/);
# crashes land in build-fuzz/crashes/TARGET/. A crash makes the script
# exit 1; copy the input to tests/fuzz-regress/TARGET/ once it is fixed,
# so `make test` replays it.
cd "$(dirname "$0")/.." || exit 2
B=${FUZZ_BUILD:-build-fuzz}
SECS=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
TARGETS=${*:-"read_text read_jsonl read_xml read_html read_auto doc coder dict_actors dict_agents dict_verbs dict_discards dict_synsets pdict_actors pdict_agents pdict_verbs pdict_discards validate snapshot http jsonl front"}

# Snapshots of the small fixture sets (under -max_len), compiled with the
# ordinary build's vigil when there is one.
snapshot_seeds() {
    v=${VIGIL_BUILD:-build}/vigil
    [ -x "$v" ] || return 0
    for s in set1 set2 pet big; do
        "$v" dict compile tests/fixtures/dict/$s -o "$B/seed-$s.vgd" 2>/dev/null && echo "$B/seed-$s.vgd"
    done
}

# Seeds for one target: fixture files of the matching kind.
seeds() {
    case $1 in
    read_text) echo tests/fixtures/read/article.txt tests/fixtures/clean/* tests/golden/cases/*.txt examples/brief.txt ;;
    read_jsonl) echo tests/fixtures/read/stories.jsonl examples/stories.jsonl ;;
    read_xml) echo tests/fixtures/read/records.xml ;;
    read_html) echo tests/fixtures/html/* tests/fixtures/read/page.html examples/article.html ;;
    read_auto) echo tests/fixtures/read/* tests/fixtures/html/* examples/* ;;
    doc) echo tests/fixtures/clean/* tests/fixtures/html/* tests/golden/cases/*.txt ;;
    coder) echo tests/golden/cases/*.txt examples/brief.txt ;;
    dict_*) k=${1#dict_}; echo tests/golden/dict/*."$k" tests/fixtures/dict/set*/*."$k" tests/fixtures/dict/bad/*."$k" ;;
    pdict_actors) echo tests/fixtures/dict/pet/*.actors.txt tests/fixtures/dict/bad/*.actors.txt ;;
    pdict_agents) echo tests/fixtures/dict/pet/*.agents.txt ;;
    pdict_verbs) echo tests/fixtures/dict/pet/*.verbs.txt ;;
    pdict_discards) echo tests/fixtures/dict/pet/*.discards.txt ;;
    validate) echo tests/validate/*.xml tests/fixtures/read/records.xml ;;
    snapshot) snapshot_seeds ;;
    http) echo tests/fuzz-regress/http/* ;;
    jsonl) echo tests/fixtures/read/stories.jsonl examples/stories.jsonl tests/fuzz-regress/read_jsonl/* ;;
    front) echo tests/fixtures/clean/* tests/golden/cases/*.txt examples/brief.txt ;;
    esac
}

# Sets CPU to the seconds (user + system) used by finished children of this
# shell. `times` must run in this shell, not in $(...) or a pipe, whose
# subshell has no children of its own.
cpu_seconds() {
    times >"$B/.times.$$"
    CPU=$(tail -n 1 "$B/.times.$$" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m");
        n += a[1] * 60 + a[2] } printf "%d", n }')
    rm -f "$B/.times.$$"
}

run_one() {
    t=$1
    bin=$B/fuzz/fuzz_$t
    [ -x "$bin" ] || { echo "fuzz: $bin missing (make fuzz-build)"; return 1; }
    mkdir -p "$B/corpus/$t" "$B/crashes/$t"
    for f in $(seeds "$t") tests/fuzz-regress/"$t"/*; do
        [ -f "$f" ] && cp "$f" "$B/corpus/$t/seed-$(basename "$f")"
    done
    cpu_seconds; t0=$CPU
    "$bin" -max_total_time="$SECS" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$B/crashes/$t/" "$B/corpus/$t" \
        >"$B/fuzz-$t.log" 2>&1
    rc=$?
    cpu_seconds; cpu=$((CPU - t0))
    execs=$(grep -E '^stat::number_of_executed_units' "$B/fuzz-$t.log" | awk '{print $2}')
    if [ $rc -eq 0 ]; then
        echo "fuzz $t: ${SECS}s, ${cpu}s CPU, ${execs:-?} runs, no crash"
    else
        echo "fuzz $t: CRASH (exit $rc), see $B/fuzz-$t.log and $B/crashes/$t/"
        grep -E 'ERROR|SUMMARY|invariant|#[0-9] ' "$B/fuzz-$t.log" | head -n 12
    fi
    return $rc
}

if [ "${FUZZ_JOBS:-1}" -gt 1 ] 2>/dev/null; then
    # Each target in its own copy of this script, FUZZ_JOBS at a time.
    for t in $TARGETS; do echo "$t"; done |
        FUZZ_JOBS=1 xargs -P "$FUZZ_JOBS" -I{} sh fuzz/run.sh "$SECS" {}
    exit $?
fi
status=0
for t in $TARGETS; do run_one "$t" || status=1; done
exit $status
