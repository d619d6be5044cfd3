#!/bin/sh
# tests/cli/validate.sh — `vigil validate` on the fixture validation files of
# tests/validate/ (invented sentences, PETRARCH-format dictionaries): counts,
# failure reports, --only, --json, --dict-dir, exit statuses and errors.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
F=tests/validate
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

# Every record of the fixture passes; the two skipped ones are counted.
"$V" validate $F/mini.records.xml >"$tmp/out" 2>"$tmp/err"
ok "mini: exit 0" "[ $? -eq 0 ]"
ok "mini: summary line" "[ \"\$(tail -n 1 '$tmp/out')\" = '29 passed, 0 failed, 2 skipped' ]"
ok "mini: nothing else printed" "[ \$(wc -l <'$tmp/out') -eq 1 ]"
ok "mini: no warnings" "[ ! -s '$tmp/err' ]"

# --verbose lists passing and skipped records with the coder's explanation.
"$V" validate --verbose $F/mini.records.xml >"$tmp/out" 2>&1
ok "verbose: pass listed" "grep -q '^PASS BASIC-01 (line ' '$tmp/out'"
ok "verbose: skip listed" "grep -q '^SKIP SKIP-02 ' '$tmp/out'"
ok "verbose: explanation" "grep -q '^  | .*Mini.actors.txt:' '$tmp/out'"

# --only runs the chosen records; an unknown id is an error.
"$V" validate --only DATE-02 --only DYAD-01 $F/mini.records.xml >"$tmp/out" 2>&1
ok "only: two records" "[ \"\$(tail -n 1 '$tmp/out')\" = '2 passed, 0 failed, 0 skipped' ]"
"$V" validate --only DATE-99 $F/mini.records.xml >"$tmp/out" 2>&1
ok "only: unknown id exits 2" "[ $? -eq 2 ] && grep -q \"no record with id 'DATE-99'\" '$tmp/out'"

# Failures: id, text, expected and got; exit 1. The file sits elsewhere and
# finds its dictionaries through --dict-dir.
cp $F/wrong.records.xml "$tmp/wrong.xml"
"$V" validate "$tmp/wrong.xml" >"$tmp/out" 2>"$tmp/err"
ok "wrong: dictionaries missing without --dict-dir" "[ $? -eq 2 ] && grep -q 'Mini.verbs.txt' '$tmp/err'"
"$V" validate --dict-dir $F "$tmp/wrong.xml" >"$tmp/out" 2>"$tmp/err"
ok "wrong: exit 1" "[ $? -eq 1 ]"
ok "wrong: summary" "[ \"\$(tail -n 1 '$tmp/out')\" = '1 passed, 2 failed, 0 skipped' ]"
ok "wrong: failing id" "grep -q '^FAIL WRONG-01 (line 14, BASIC)' '$tmp/out'"
ok "wrong: text" "grep -q '^  text:     Arnor accused Gondor of violating the border treaty\.' '$tmp/out'"
ok "wrong: expected" "grep -q '^  expected: GON ARN 112$' '$tmp/out'"
ok "wrong: got" "grep -q '^  got:      ARN GON 112$' '$tmp/out'"
ok "wrong: no events expected" "grep -q '^  expected: (no events)$' '$tmp/out'"
ok "wrong: passing record not shown" "! grep -q 'RIGHT-01' '$tmp/out'"

# --json: one object per record, then the summary object.
"$V" validate --json --dict-dir $F "$tmp/wrong.xml" >"$tmp/out" 2>/dev/null
ok "json: four lines" "[ \$(wc -l <'$tmp/out') -eq 4 ]"
ok "json: summary" "[ \"\$(tail -n 1 '$tmp/out')\" = '{\"passed\":1,\"failed\":2,\"skipped\":0}' ]"
ok "json: a record" "grep -q '^{\"id\":\"WRONG-01\",\"line\":14,\"category\":\"BASIC\",\"outcome\":\"fail\"' '$tmp/out'"
ok "json: events" "grep -q '\"expected\":\[{\"source\":\"GON\",\"target\":\"ARN\",\"code\":\"112\"}\],\"got\":\[{\"source\":\"ARN\",\"target\":\"GON\",\"code\":\"112\"}\]' '$tmp/out'"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/out" 2>/dev/null
    ok "json: every line parses" "[ $? -eq 0 ]"
fi

# Errors: a missing file, malformed XML, bad arguments.
"$V" validate "$tmp/none.xml" >"$tmp/out" 2>&1
ok "missing file exits 2" "[ $? -eq 2 ] && grep -q 'none.xml: cannot be read' '$tmp/out'"
printf '<Validation><Sentence id="A"><Text>x</Sentence>\n' >"$tmp/bad.xml"
"$V" validate "$tmp/bad.xml" >"$tmp/out" 2>&1
ok "malformed XML exits 2" "[ $? -eq 2 ] && grep -q 'bad.xml:[0-9]*: XML error' '$tmp/out'"
"$V" validate >"$tmp/out" 2>&1
ok "no file: usage, exit 2" "[ $? -eq 2 ] && grep -q '^usage: vigil validate' '$tmp/out'"
"$V" validate --bogus $F/mini.records.xml >"$tmp/out" 2>&1
ok "unknown option exits 2" "[ $? -eq 2 ]"
"$V" validate $F/mini.records.xml --dict-dir >"$tmp/out" 2>&1
ok "option without value exits 2" "[ $? -eq 2 ]"
echo "validate: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
