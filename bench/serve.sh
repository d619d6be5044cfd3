#!/bin/sh
# bench/serve.sh — load test of `vigil serve` on loopback with wrk (Debian's
# `wrk`, installed by setup.sh). `make bench-serve` runs it.
#
# The store is the store tests' generated escalation corpus (296 stories,
# 273 events; tests/store/gen_corpus.py). The server runs with its
# defaults (4 threads, 64 connections) on a free loopback port; wrk drives
# it for SERVE_SECONDS (10) with SERVE_CONN (32) connections on
# SERVE_THREADS (2) threads, once per endpoint:
#   GET  /api/events?limit=100         a page of deduplicated events (JSON)
#   GET  /api/events?source=VLD&target=KRS&both=1&limit=20   a dyad's events
#   POST /api/code                     a 4-sentence story coded, with explanations
# and reports requests/s and the p99 latency of each (wrk --latency), in
# build/bench/serve.txt. Bounded in count and time: each run stops by
# itself; the server is always killed. Loopback only.
set -u
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
SECS=${SERVE_SECONDS:-10}
CONN=${SERVE_CONN:-32}
THREADS=${SERVE_THREADS:-2}
OUT=$BUILD/bench
RES=$OUT/serve.txt
command -v wrk >/dev/null 2>&1 || { echo "bench-serve: SKIP: no wrk (./setup.sh installs it)"; exit 0; }
[ -x "$V" ] || { echo "bench-serve: build first (make)"; exit 2; }
mkdir -p "$OUT"
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

D="--dict data --dict tests/store/dict"
python3 tests/store/gen_corpus.py escalation "$tmp/esc.jsonl"
# shellcheck disable=SC2086
$V ingest -q --db "$tmp/b.db" $D "$tmp/esc.jsonl" || exit 1
: >"$tmp/serve.log"
# shellcheck disable=SC2086
$V serve --db "$tmp/b.db" --port 0 $D 2>"$tmp/serve.log" &
pid=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$tmp/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "bench-serve: the server did not start"; cat "$tmp/serve.log"; exit 1; }
U=http://127.0.0.1:$port

run() { # $1 = label, then wrk arguments
    label=$1
    shift
    wrk -t "$THREADS" -c "$CONN" -d "${SECS}s" --timeout 10s --latency "$@" >"$tmp/wrk.out" 2>&1
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$tmp/wrk.out")
    p50=$(awk '$1 == "50%" { print $2 }' "$tmp/wrk.out")
    p99=$(awk '$1 == "99%" { print $2 }' "$tmp/wrk.out")
    n=$(awk '/requests in/ { print $1 }' "$tmp/wrk.out")
    bad=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$tmp/wrk.out")
    errs=$(awk '/Socket errors:/ { print }' "$tmp/wrk.out")
    printf '%-34s %10s req/s   p50 %8s   p99 %8s   (%s requests, non-2xx %s)%s\n' \
        "$label" "$rps" "$p50" "$p99" "$n" "${bad:-0}" "${errs:+  $errs}" | tee -a "$RES"
}

{
    echo "# vigil serve on loopback: wrk -t $THREADS -c $CONN -d ${SECS}s, server defaults"
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -m)"
} | tee "$RES"
run "GET /api/events?limit=100" "$U/api/events?limit=100"
run "GET /api/events (one dyad)" "$U/api/events?source=VLD&target=KRS&both=1&limit=20"
run "POST /api/code (4 sentences)" -s bench/serve.lua "$U/api/code"
echo "results in $RES"
