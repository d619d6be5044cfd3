#!/bin/sh
# tests/cli/web.sh — the dashboard in a real browser (tests/web/*.mjs):
# builds a test store from the store tests' generated escalation corpus
# plus the handwritten stories of tests/web/fixtures/, starts `vigil serve`
# on a free loopback port, and runs each browser script with Node,
# playwright-core (npm, from package.json) and Debian's chromium.
# Screenshots go to $BUILD/web-artifacts/. Without chromium or
# node_modules it says so and skips (setup.sh installs both).
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
ART=$BUILD/web-artifacts
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
skip() { echo "SKIP web: $1"; echo "web: 0 passed, 0 failed"; exit 0; }
[ -x "$CHROMIUM" ] || skip "no $CHROMIUM (./setup.sh installs Debian's chromium)"
command -v node >/dev/null 2>&1 || skip "no node"
[ -d node_modules/playwright-core ] && [ -d node_modules/uplot ] ||
    skip "no node_modules (./setup.sh runs npm ci)"

tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

D="--dict data --dict tests/store/dict --dict tests/web/fixtures/dict"
python3 tests/store/gen_corpus.py escalation "$tmp/esc.jsonl" || { echo "FAIL corpus"; echo "web: 0 passed, 1 failed"; exit 1; }
# shellcheck disable=SC2086
if ! $V ingest -q --db "$tmp/web.db" $D "$tmp/esc.jsonl" tests/web/fixtures/stories.jsonl; then
    echo "FAIL ingest"; echo "web: 0 passed, 1 failed"; exit 1
fi

# shellcheck disable=SC2086
$V serve --db "$tmp/web.db" --port 0 $D 2>"$tmp/serve.err" &
pid=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$tmp/serve.err")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "FAIL the server did not start"; cat "$tmp/serve.err"; echo "web: 0 passed, 1 failed"; exit 1
fi

mkdir -p "$ART"
rm -f "$ART"/*.png
pass=0 fail=0
for t in tests/web/*.mjs; do
    CHROMIUM=$CHROMIUM node "$t" "http://127.0.0.1:$port" "$ART" >"$tmp/out" 2>&1
    rc=$?
    grep -v '^web: ' "$tmp/out"
    line=$(grep -E '^web: [0-9]+ passed, [0-9]+ failed$' "$tmp/out" | tail -n 1)
    p=$(echo "$line" | sed -E 's/web: ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
    [ -z "$line" ] && p=0 f=1
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    pass=$((pass + p)) fail=$((fail + f))
done
kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
grep -q 'stopping' "$tmp/serve.err" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL the server did not stop cleanly"; cat "$tmp/serve.err"; }
pid=
echo "screenshots in $ART"
echo "web: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
