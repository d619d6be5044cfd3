#!/bin/sh
# tests/cli/serve.sh — `vigil serve` over real HTTP on loopback: every
# route, its refusals and limits (tests/serve/api.py), a second server with
# --allow-ingest on a copy of the store, the command's own errors, and a
# clean stop on SIGTERM. Both servers are always killed (trap).
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
D="--dict data --dict tests/store/dict"
MAXB=65536
pass=0 fail=0
tmp=$(mktemp -d)
pids=
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

# Starts a server on a free port (--port 0) and sets $port from its banner.
start() { # $1 = log file, then the arguments
    log=$1
    shift
    : >"$log"
    # shellcheck disable=SC2086
    $V serve --port 0 $D "$@" 2>"$log" &
    last=$!
    pids="$pids $last"
    port=
    for _ in $(seq 1 150); do
        port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$log")
        [ -n "$port" ] && return 0
        kill -0 "$last" 2>/dev/null || break
        sleep 0.1
    done
    echo "FAIL server did not start: $(cat "$log")"
    return 1
}

# shellcheck disable=SC2086
$V ingest -q --db "$tmp/s.db" $D tests/store/sample.jsonl
$V ingest -q --db "$tmp/w.db" $D tests/store/sample.jsonl

# ---- the command's own errors
$V serve --port 0 >/dev/null 2>"$tmp/e"
ok "no --db: exit 2" "[ $? -eq 2 ] && grep -q -- '--db FILE is required' '$tmp/e'"
$V serve --db "$tmp/s.db" --bind example >/dev/null 2>"$tmp/e"
ok "a bad --bind: exit 2" "[ $? -eq 2 ] && grep -q 'wants an IP address' '$tmp/e'"
$V serve --db "$tmp/s.db" --port 70000 >/dev/null 2>"$tmp/e"
ok "a bad --port: exit 2" "[ $? -eq 2 ]"
$V serve --db "$tmp/s.db" --max-body 0 >/dev/null 2>"$tmp/e"
ok "--max-body 0: exit 2" "[ $? -eq 2 ]"
$V serve --db "$tmp/none.db" --port 0 >/dev/null 2>"$tmp/e"
ok "a missing store, read-only: exit 1" "[ $? -eq 1 ] && grep -q 'cannot open the store' '$tmp/e'"
ok "and no file created" "[ ! -e '$tmp/none.db' ]"
timeout 10 $V serve --db "$tmp/s.db" stray >/dev/null 2>"$tmp/e"
ok "a stray argument: exit 2" "[ $? -eq 2 ]"

if start "$tmp/ro.log" --db "$tmp/s.db" --max-body $MAXB --timeout 2 --max-connections 48 --threads 4; then
    ro=$port
    ro_pid=$last
    ok "banner says read-only, on loopback" "grep -q '127.0.0.1:$ro/ (read-only' '$tmp/ro.log'"
    # The same port twice: the second cannot listen.
    timeout 10 $V serve --db "$tmp/s.db" --port "$ro" $D 2>"$tmp/e"
    ok "a port in use: exit 1 with a message" "[ $? -eq 1 ] && grep -q 'cannot listen' '$tmp/e'"
    if start "$tmp/rw.log" --db "$tmp/w.db" --allow-ingest --max-body $MAXB; then
        rw=$port
        python3 tests/serve/api.py "$ro" "$rw" "$V" "$tmp/s.db" $MAXB >"$tmp/api.out" 2>&1
        rc=$?
        grep -v '^serve: ' "$tmp/api.out"
        line=$(grep -E '^serve: [0-9]+ passed, [0-9]+ failed$' "$tmp/api.out" | tail -n 1)
        if [ -n "$line" ]; then
            p=$(echo "$line" | sed -E 's/serve: ([0-9]+) passed.*/\1/')
            f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
            pass=$((pass + p)) fail=$((fail + f))
        fi
        ok "api.py ran to the end" "[ -n '$line' ] && [ $rc -eq 0 -o -n '$line' ]"
        $V store check --db "$tmp/w.db" >"$tmp/chk"
        ok "the ingest server's store is intact" "grep -q '^ok' '$tmp/chk'"
    else
        fail=$((fail + 1))
    fi
    kill -TERM "$ro_pid"
    wait "$ro_pid"
    ok "SIGTERM: a clean stop, exit 0" "[ $? -eq 0 ] && grep -q 'stopping' '$tmp/ro.log'"
else
    fail=$((fail + 1))
fi
echo "serve: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
