#!/bin/sh
# tests/cli/store.sh — the store through the vigil command: ingest (twice:
# idempotent), queries and filters, exports against the samples written in
# tests/store/expected, trends, escalation alerts on generated corpora,
# deduplication precision and recall, and errors. Every store is checked
# with `vigil store check` (PRAGMA integrity_check and foreign keys).
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
D="--dict data --dict tests/store/dict"
S=tests/store
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }
check() { ok "$1: integrity check" "$V store check --db '$2' | grep -q '^ok'"; }

# ---- ingest twice: one story each, counts unchanged
db=$tmp/sample.db
$V ingest -q --db $db $D $S/sample.jsonl 2>"$tmp/err"
ok "ingest exit 0" "[ $? -eq 0 ]"
$V events --db $db --out tsv >"$tmp/ev1"
$V ingest --db $db $D $S/sample.jsonl 2>"$tmp/err"
ok "second ingest exit 0" "[ $? -eq 0 ]"
ok "ingest summary" "grep -q '4 stories stored' '$tmp/err'"
$V events --db $db --out tsv >"$tmp/ev2"
ok "re-ingest changes nothing" "cmp -s '$tmp/ev1' '$tmp/ev2'"
$V store stories --db $db >"$tmp/stories"
ok "four stories, once each" "[ \$(tail -n +2 '$tmp/stories' | wc -l) -eq 4 ]"
ok "brief-1 appears once" "[ \$(grep -c '^brief-1	' '$tmp/stories') -eq 1 ]"
check "sample" $db

# VLD->KRS 072 is reported in three sentences of two stories by two outlets.
$V events --db $db --dyad VLD,KRS --code 072 --to 2024-05-06 >"$tmp/out"
ok "one VLD->KRS 072 event" "[ \$(wc -l <'$tmp/out') -eq 1 ]"
ok "three mentions, two sources, two stories" \
    "grep -q '\"mentions\":3,\"sources\":2,\"stories\":2' '$tmp/out'"
$V events --db $db --dyad VLD,KRS --code 072 --to 2024-05-06 --mentions yes >"$tmp/out"
ok "mention list keeps every mention" \
    "[ \$(grep -o '\"sentence\":[0-9]*,\"date\"' '$tmp/out' | wc -l) -eq 3 ]"

# ---- filters
ok "--actor ZAN" "[ \$($V events --db $db --actor ZAN | wc -l) -eq 3 ]"
ok "--quad 4" "[ \$($V events --db $db --quad 4 | wc -l) -eq 1 ]"
ok "--root 07" "[ \$($V events --db $db --root 07 | wc -l) -eq 3 ]"
ok "--from/--to" "[ \$($V events --db $db --from 2024-05-07 --to 2024-05-07 | wc -l) -eq 4 ]"
ok "--story" "[ \$($V events --db $db --story brief-4 | wc -l) -eq 1 ]"
ok "--dyad directed" "[ \$($V events --db $db --dyad KRS,VLD | wc -l) -eq 0 ]"
ok "--dyad both" "[ \$($V events --db $db --dyad KRS,VLD --direction both | wc -l) -eq 3 ]"
ok "same day only: 072 on two days" "[ \$($V events --db $db --code 072 | wc -l) -eq 2 ]"
ok "--window 1 merges across days" "[ \$($V events --db $db --window 1 --code 072 | wc -l) -eq 1 ]"
ok "--window 1: four mentions, three stories" \
    "$V events --db $db --window 1 --code 072 | grep -q '\"last_date\":\"2024-05-07\".*\"mentions\":4,\"sources\":2,\"stories\":3'"

# ---- exports against the samples
for f in jsonl tsv csv gdelt phoenix icews plover; do
    $V export --db $db --out $f >"$tmp/x.$f"
    ok "export $f matches the sample" "cmp -s '$tmp/x.$f' $S/expected/sample.$f"
done
ok "gdelt: 61 columns on every line" \
    "awk -F'\t' 'NF != 61 { bad = 1 } END { exit bad }' '$tmp/x.gdelt'"
ok "phoenix: 26 columns" "awk -F'\t' 'NF != 26 { bad = 1 } END { exit bad }' '$tmp/x.phoenix'"
ok "icews: 20 columns" "awk -F'\t' 'NF != 20 { bad = 1 } END { exit bad }' '$tmp/x.icews'"

# ---- trend
$V trend --db $db --actor VLD --by day >"$tmp/trend"
ok "trend table has a sparkline" "grep -q '▁\|█' '$tmp/trend'"
ok "trend table has both days" "grep -q '^2024-05-06' '$tmp/trend' && grep -q '^2024-05-07' '$tmp/trend'"
$V trend --db $db --dyad VLD,KRS --direction both --by month --out csv >"$tmp/trend.csv"
ok "trend csv: header and one month" "[ \$(wc -l <'$tmp/trend.csv') -eq 2 ]"
ok "trend csv row" "grep -q '^2024-05-01,3,1,2,0,0,5,17.6,' '$tmp/trend.csv'"
$V trend --db $db --actor ORL --out json >"$tmp/trend.json"
ok "trend json" "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"period\"]==\"day\"' '$tmp/trend.json'"
$V trend --db $db >/dev/null 2>"$tmp/err"
ok "trend without dyad or actor: usage error" "[ $? -eq 2 ] && grep -q 'needs --dyad' '$tmp/err'"

# ---- alerts: a planted escalation is found, a calm corpus gives none
python3 $S/gen_corpus.py escalation "$tmp/esc.jsonl"
python3 $S/gen_corpus.py calm "$tmp/calm.jsonl"
$V ingest -q --db $tmp/esc.db $D "$tmp/esc.jsonl"
$V ingest -q --db $tmp/calm.db $D "$tmp/calm.jsonl"
$V alerts --db $tmp/esc.db >"$tmp/alerts" 2>"$tmp/err"
ok "escalation: alert for KRS-VLD on 2024-03-10" "grep -q '^ALERT KRS-VLD 2024-03-10' '$tmp/alerts'"
ok "escalation: only that alert" "[ \$(grep -c '^ALERT' '$tmp/alerts') -eq 1 ]"
ok "alert lists the events that drove it" "grep -q 'VLDMIL->KRS 194' '$tmp/alerts'"
$V alerts --db $tmp/esc.db --out jsonl >"$tmp/alerts.jsonl"
ok "alerts jsonl" "grep -q '\"dyad\":\[\"KRS\",\"VLD\"\],\"date\":\"2024-03-10\"' '$tmp/alerts.jsonl'"
$V alerts --db $tmp/calm.db >"$tmp/alerts" 2>"$tmp/err"
ok "calm corpus: no alert" "[ ! -s '$tmp/alerts' ] && grep -q '0 alerts' '$tmp/err'"
check "escalation" $tmp/esc.db
check "calm" $tmp/calm.db

# ---- deduplication precision and recall (numbers go to the log)
python3 $S/gen_corpus.py dedup "$tmp/dd.jsonl" "$tmp/truth.tsv"
$V ingest -q --db $tmp/dd.db $D "$tmp/dd.jsonl"
for w in 0 1 2; do
    $V events --db $tmp/dd.db --window $w --mentions yes >"$tmp/dd$w.jsonl"
    python3 $S/dedup_eval.py "$tmp/truth.tsv" "$tmp/dd$w.jsonl" $w | tee "$tmp/pr$w"
done
ok "dedup window 0: precision >= 0.7" "grep -Eq 'precision=(0\.[7-9]|1\.)' '$tmp/pr0'"
ok "dedup window 0: recall >= 0.75" "grep -Eq 'recall=(0\.(7[5-9]|[89])|1\.)' '$tmp/pr0'"
ok "dedup window 2: recall >= 0.95" "grep -Eq 'recall=(0\.9[5-9]|1\.)' '$tmp/pr2'"
check "dedup" $tmp/dd.db

# ---- errors
$V events >/dev/null 2>"$tmp/err"
ok "no --db: exit 2" "[ $? -eq 2 ] && grep -q -- '--db FILE is required' '$tmp/err'"
$V events --db $db --actor 'vld*' >/dev/null 2>"$tmp/err"
ok "bad actor: exit 2 with a reason" "[ $? -eq 2 ] && grep -q 'upper-case' '$tmp/err'"
$V events --db $db --from 2024-02-31 >/dev/null 2>"$tmp/err"
ok "bad date: exit 2" "[ $? -eq 2 ] && grep -q 'not a YYYY-MM-DD' '$tmp/err'"
$V events --db $db --out xml >/dev/null 2>"$tmp/err"
ok "unknown --out: exit 2" "[ $? -eq 2 ]"
$V events --db $tmp/none.db >/dev/null 2>"$tmp/err"
ok "missing store: exit 1 with a message" "[ $? -eq 1 ] && grep -q 'cannot open the store' '$tmp/err'"
printf 'just some text, not a database, long enough to be read as a header\n' >"$tmp/text.db"
$V ingest --db "$tmp/text.db" $D $S/sample.jsonl >/dev/null 2>"$tmp/err"
ok "a text file as store: exit 1" "[ $? -eq 1 ] && grep -q 'not a database' '$tmp/err'"
ok "the text file is left alone" "grep -q 'just some text' '$tmp/text.db'"
# Nothing listens on port 1: the PostgreSQL backend says so (store_pg.sh
# tests it against a real server).
$V ingest --db postgresql://vigil@127.0.0.1:1/vigil $D $S/sample.jsonl >/dev/null 2>"$tmp/err"
ok "postgresql URL, no server: exit 1 with a message" \
    "[ $? -eq 1 ] && grep -q 'cannot open the store: PostgreSQL: .*127.0.0.1' '$tmp/err'"

# A malformed line and a story with an impossible date: both reported, the
# rest stored, nothing already stored lost.
printf '%s\n' '{"id":"e1","date":"2024-06-01","text":"Valdoria attacked Karesh."}' \
    '{"id":"e2","date":"2024-06-01","text": broken' \
    '{"id":"e3","date":"2024-06-31","text":"Karesh condemned Valdoria."}' \
    '{"id":"e4","date":"2024-06-02","text":"Orlesia praised Zantor for its help."}' >"$tmp/bad.jsonl"
cp $db $tmp/errs.db
$V ingest --db $tmp/errs.db $D "$tmp/bad.jsonl" 2>"$tmp/err"
ok "bad records: exit 0" "[ $? -eq 0 ]"
ok "malformed line reported" "grep -q 'bad.jsonl:2: malformed JSON' '$tmp/err'"
ok "impossible date reported" "grep -q 'bad.jsonl:3: bad date' '$tmp/err'"
ok "good stories stored" "[ \$($V store stories --db $tmp/errs.db | grep -c '^e[14]	') -eq 2 ]"
ok "earlier stories kept" "[ \$($V store stories --db $tmp/errs.db | grep -c '^brief-') -eq 4 ]"
check "errors" $tmp/errs.db

# A full disk: the store's size is capped (test hook); the failing story
# is rolled back, the command stops with exit 1, committed stories stay.
python3 $S/gen_corpus.py big 300 "$tmp/big.jsonl"
$V ingest -q --db $tmp/full.db $D $S/sample.jsonl
VIGIL_STORE_MAX_PAGES=60 $V ingest --db $tmp/full.db $D "$tmp/big.jsonl" 2>"$tmp/err"
ok "full disk: exit 1" "[ $? -eq 1 ]"
ok "full disk: clear message" "grep -q 'disk or database full' '$tmp/err' && grep -q 'stopping' '$tmp/err'"
n=$($V store stories --db $tmp/full.db | tail -n +2 | wc -l)
ok "full disk: some stories stored, not all ($n)" "[ $n -gt 4 ] && [ $n -lt 304 ]"
ok "full disk: the first stories intact" "[ \$($V store stories --db $tmp/full.db | grep -c '^brief-') -eq 4 ]"
check "full" $tmp/full.db
$V ingest -q --db $tmp/full.db $D "$tmp/big.jsonl"
ok "after the disk is freed, ingest completes" \
    "[ \$($V store stories --db $tmp/full.db | tail -n +2 | wc -l) -eq 304 ]"
check "full, completed" $tmp/full.db

echo "store: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
