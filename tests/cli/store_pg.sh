#!/bin/sh
# tests/cli/store_pg.sh — the store on PostgreSQL, against a real server
# this script starts (tests/store/pg_server.sh: Debian's initdb and pg_ctl,
# 127.0.0.1 on a free port, a temporary directory, stopped and removed on
# exit). The scenarios of store.sh and store_kill.sh run on
# `--db postgresql://…` and every query's output is compared with the same
# query on an SQLite store of the same input: events, mentions, filters,
# windows, trends, alerts and every export format must be byte-identical.
# Then: replacing a story, a real `kill -9` of an ingest, two ingests
# writing one database at once, schema migration, and errors. Without
# PostgreSQL's server binaries it prints SKIP and counts nothing.
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
D="--dict data --dict tests/store/dict"
S=tests/store
pass=0 fail=0
tmp=$(mktemp -d)
chmod 755 "$tmp"
. tests/store/pg_server.sh
trap 'pg_stop; rm -rf "$tmp"' EXIT
ok() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }
check() { ok "$1: store check" "$V store check --db '$2' | grep -q '^ok (schema version 2)'"; }

mkdir "$tmp/pg"
# fsync=off: these tests kill clients, never the server; it only saves time.
if ! pg_start "$tmp/pg" -c fsync=off; then
    echo "SKIP store_pg: $PG_SKIP"
    echo "store_pg: 0 passed, 0 failed"
    exit 0
fi
newdb() { pg_createdb "$1" || echo "postgresql://vigil@127.0.0.1:1/none"; }

# Runs the same vigil query on the SQLite store $1 and the PostgreSQL store
# $2 (the rest are the query's arguments) and compares the outputs.
same() {
    name=$1 lite=$2 pg=$3
    shift 3
    "$V" "$@" --db "$lite" >"$tmp/lite.out" 2>"$tmp/lite.err"
    a=$?
    "$V" "$@" --db "$pg" >"$tmp/pg.out" 2>"$tmp/pg.err"
    b=$?
    ok "$name: same output as SQLite" "[ $a -eq $b ] && [ -s '$tmp/lite.out' ] && cmp -s '$tmp/lite.out' '$tmp/pg.out'"
}

# ---- ingest twice: one story each, counts unchanged
lite=$tmp/sample.db
$V ingest -q --db "$lite" $D $S/sample.jsonl
db=$(newdb sample)
$V ingest -q --db "$db" $D $S/sample.jsonl 2>"$tmp/err"
ok "ingest exit 0" "[ $? -eq 0 ]"
$V events --db "$db" --out tsv >"$tmp/ev1"
$V ingest --db "$db" $D $S/sample.jsonl 2>"$tmp/err"
ok "second ingest exit 0" "[ $? -eq 0 ] && grep -q '4 stories stored' '$tmp/err'"
$V events --db "$db" --out tsv >"$tmp/ev2"
ok "re-ingest changes nothing" "cmp -s '$tmp/ev1' '$tmp/ev2'"
$V store stories --db "$db" >"$tmp/stories"
ok "four stories, once each" "[ \$(tail -n +2 '$tmp/stories' | wc -l) -eq 4 ]"
ok "brief-1 appears once" "[ \$(grep -c '^brief-1	' '$tmp/stories') -eq 1 ]"
same "store stories" "$lite" "$db" store stories
check "sample" "$db"

# VLD->KRS 072 is reported in three sentences of two stories by two outlets.
$V events --db "$db" --dyad VLD,KRS --code 072 --to 2024-05-06 >"$tmp/out"
ok "one VLD->KRS 072 event, three mentions, two sources, two stories" \
    "[ \$(wc -l <'$tmp/out') -eq 1 ] && grep -q '\"mentions\":3,\"sources\":2,\"stories\":2' '$tmp/out'"
same "mention list" "$lite" "$db" events --dyad VLD,KRS --code 072 --mentions yes

# ---- every export, against the committed samples and the SQLite store
for f in jsonl tsv csv gdelt phoenix icews plover; do
    $V export --db "$db" --out $f >"$tmp/x.$f"
    ok "export $f matches the sample" "cmp -s '$tmp/x.$f' $S/expected/sample.$f"
done

# ---- filters and windows: the same events as SQLite
same "all events" "$lite" "$db" events
same "--actor ZAN" "$lite" "$db" events --actor ZAN
same "--quad 4" "$lite" "$db" events --quad 4 --out csv
same "--root 07" "$lite" "$db" events --root 07
same "--from/--to" "$lite" "$db" events --from 2024-05-07 --to 2024-05-07
same "--story" "$lite" "$db" events --story brief-4
same "--dyad both" "$lite" "$db" events --dyad KRS,VLD --direction both
same "--window 1" "$lite" "$db" events --window 1 --code 072 --mentions yes
same "trend table" "$lite" "$db" trend --actor VLD --by day
same "trend csv" "$lite" "$db" trend --dyad VLD,KRS --direction both --by month --out csv
same "trend json" "$lite" "$db" trend --actor ORL --out json

# ---- alerts and deduplication on the generated corpora
python3 $S/gen_corpus.py escalation "$tmp/esc.jsonl"
python3 $S/gen_corpus.py calm "$tmp/calm.jsonl"
python3 $S/gen_corpus.py dedup "$tmp/dd.jsonl" "$tmp/truth.tsv"
for c in esc calm dd; do
    $V ingest -q --db "$tmp/$c.db" $D "$tmp/$c.jsonl"
    eval "pg_$c=\$(newdb $c)"
    eval "$V ingest -q --db \"\$pg_$c\" $D '$tmp/$c.jsonl'"
done
$V alerts --db "$pg_esc" >"$tmp/alerts" 2>"$tmp/err"
ok "escalation: the one alert, KRS-VLD on 2024-03-10" \
    "grep -q '^ALERT KRS-VLD 2024-03-10' '$tmp/alerts' && [ \$(grep -c '^ALERT' '$tmp/alerts') -eq 1 ]"
same "alerts, escalation" "$tmp/esc.db" "$pg_esc" alerts
same "alerts jsonl, escalation" "$tmp/esc.db" "$pg_esc" alerts --out jsonl
$V alerts --db "$pg_calm" >"$tmp/alerts" 2>"$tmp/err"
ok "calm corpus: no alert" "[ ! -s '$tmp/alerts' ] && grep -q '0 alerts' '$tmp/err'"
same "trend, calm" "$tmp/calm.db" "$pg_calm" trend --actor VLD --by week
for w in 0 1 2; do
    same "dedup window $w" "$tmp/dd.db" "$pg_dd" events --window $w --mentions yes
done
for f in gdelt phoenix icews plover; do same "export $f, dedup corpus" "$tmp/dd.db" "$pg_dd" export --out $f; done
check "escalation" "$pg_esc"
check "dedup" "$pg_dd"

# ---- the public API side by side with SQLite (tests/unit/test_store_pg.c)
if [ -x "$BUILD/tests/test_store_pg" ]; then
    VIGIL_TEST_PG=$(newdb unit) "$BUILD/tests/test_store_pg" >"$tmp/unit.out" 2>&1
    ok "test_store_pg against the server" "[ $? -eq 0 ] && ! grep -q SKIP '$tmp/unit.out'"
    grep -E 'FAIL|passed' "$tmp/unit.out"
fi

# ---- replacing a story: the new version, atomically, nothing left over
printf '%s\n' '{"id":"r1","date":"2024-06-01","source":"Wire","text":"Valdoria attacked Karesh. Karesh condemned Valdoria."}' >"$tmp/r1.jsonl"
printf '%s\n' '{"id":"r1","date":"2024-06-01","source":"Wire","text":"Orlesia praised Zantor for its help."}' >"$tmp/r2.jsonl"
rdb=$(newdb replace)
$V ingest -q --db "$rdb" $D "$tmp/r1.jsonl"
ok "first version: two events" "[ \$($V events --db '$rdb' | wc -l) -eq 2 ]"
$V ingest -q --db "$rdb" $D "$tmp/r2.jsonl"
ok "second version replaces it: one story" "[ \$($V store stories --db '$rdb' | tail -n +2 | wc -l) -eq 1 ]"
ok "only the new version's event" \
    "[ \$($V events --db '$rdb' | wc -l) -eq 1 ] && $V events --db '$rdb' | grep -q '\"source\":\"ORL\",\"target\":\"ZAN\"'"
check "replace" "$rdb"

# ---- errors
$V events --db "$PG_URI/nosuchdb" >/dev/null 2>"$tmp/err"
ok "missing database: exit 1 with the server's message" \
    "[ $? -eq 1 ] && grep -q 'cannot open the store: PostgreSQL: .*nosuchdb' '$tmp/err'"
edb=$(newdb empty)
$V events --db "$edb" >/dev/null 2>"$tmp/err"
ok "empty database, read-only: exit 1, says why" "[ $? -eq 1 ] && grep -q 'no vigil store yet' '$tmp/err'"
$V events --db "$db" --actor 'vld*' >/dev/null 2>"$tmp/err"
ok "bad actor: exit 2" "[ $? -eq 2 ] && grep -q 'upper-case' '$tmp/err'"
$V events --db "pg:host=127.0.0.1 port=$PG_PORT user=vigil dbname=sample" --code 072 >"$tmp/out"
ok "pg: conninfo form" "[ \$(wc -l <'$tmp/out') -eq 2 ]"

# ---- migration: a version-1 store (no indexes) is upgraded by ingest
if [ -x "$PG_BIN/psql" ]; then
    psql() { "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U vigil "$@"; }
    psql -d sample -c "DROP INDEX mentions_event, events_dyad, events_target, events_date;
        UPDATE vigil_schema SET version = 1" >/dev/null
    $V events --db "$db" >/dev/null 2>"$tmp/err"
    ok "version 1, read-only: refused" "[ $? -eq 1 ] && grep -q 'upgrade' '$tmp/err'"
    $V ingest -q --db "$db" $D $S/sample.jsonl
    ok "ingest migrates to version 2" \
        "[ \$(psql -d sample -t -A -c \"SELECT count(*) FROM pg_indexes WHERE indexname IN ('mentions_event', 'events_dyad', 'events_target', 'events_date')\") -eq 4 ]"
    check "migrated" "$db"
    psql -d sample -c "UPDATE vigil_schema SET version = 99" >/dev/null
    $V ingest -q --db "$db" $D $S/sample.jsonl 2>"$tmp/err"
    ok "a newer schema is refused" "[ $? -eq 1 ] && grep -q 'newer' '$tmp/err'"
    psql -d sample -c "UPDATE vigil_schema SET version = 2" >/dev/null
    # A broken invariant is found: an event without a mention.
    psql -d sample -c "INSERT INTO events VALUES (9999, '2024-01-01', 'AAA', 'BBB', '010', '01', 1, 0, '')" >/dev/null
    $V store check --db "$db" >"$tmp/out" 2>&1
    ok "check finds an event without a mention" "[ $? -ne 0 ] && grep -q 'event 9999 has no mention' '$tmp/out'"

    # A write that fails in the middle of a story (a trigger refuses one
    # sentence): the story is rolled back whole, so the version stored
    # before stays; ingest stops with exit 1; earlier stories are kept.
    fdb=$(newdb failing)
    printf '%s\n' '{"id":"f2","date":"2024-06-01","text":"Valdoria attacked Karesh."}' >"$tmp/f0.jsonl"
    $V ingest -q --db "$fdb" $D "$tmp/f0.jsonl"
    psql -d failing -c "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS
        \$\$BEGIN IF NEW.text LIKE '%Gondor%' THEN RAISE EXCEPTION 'no Gondor here'; END IF;
        RETURN NEW; END\$\$;
        CREATE TRIGGER boom BEFORE INSERT ON sentences FOR EACH ROW EXECUTE FUNCTION boom()" >/dev/null
    printf '%s\n' '{"id":"f1","date":"2024-06-01","text":"Orlesia praised Zantor for its help."}' \
        '{"id":"f2","date":"2024-06-02","text":"Karesh condemned Valdoria. Gondor was quiet."}' \
        '{"id":"f3","date":"2024-06-02","text":"Zantor praised Orlesia."}' >"$tmp/f.jsonl"
    $V ingest --db "$fdb" $D "$tmp/f.jsonl" 2>"$tmp/err"
    ok "failing story: exit 1, the server's message, stopping" \
        "[ $? -eq 1 ] && grep -q \"storing story 'f2': ERROR:  no Gondor here\" '$tmp/err' && grep -q stopping '$tmp/err'"
    $V store stories --db "$fdb" >"$tmp/out"
    ok "failing story: the old version of f2 intact, f1 stored, f3 not reached" \
        "grep -q '^f2	2024-06-01		1	1$' '$tmp/out' && grep -q '^f1	' '$tmp/out' && ! grep -q '^f3' '$tmp/out'"
    ok "failing story: the old version's event kept" \
        "$V events --db '$fdb' --dyad VLD,KRS | grep -q '\"code\":\"190\"'"
    check "failing story" "$fdb"

    # A collision: another writer (psql here) holds a new event uncommitted
    # while vigil stores a story reporting the same event. vigil's insert
    # waits, then meets the other's committed key, rolls back and stores
    # the story again, now as a second mention of that event.
    xdb=$(newdb collide)
    $V ingest -q --db "$xdb" $D /dev/null
    psql -d collide -c "BEGIN;
        INSERT INTO stories(key, date, ingested) VALUES ('sql1', '2030-01-01', 'now');
        INSERT INTO sentences SELECT id, 0, 'Valdoria attacked Karesh.' FROM stories WHERE key = 'sql1';
        INSERT INTO events(date, source, target, code, root, quad, goldstein)
            VALUES ('2030-01-01', 'VLD', 'KRS', '190', '19', 4, -10);
        INSERT INTO mentions(event, story, sentence) SELECT e.id, s.id, 0 FROM events e, stories s
            WHERE s.key = 'sql1' AND e.date = '2030-01-01';
        SELECT pg_sleep(2); COMMIT;" >/dev/null &
    psql_pid=$!
    sleep 0.5
    printf '%s\n' '{"id":"x1","date":"2030-01-01","text":"Valdoria attacked Karesh."}' >"$tmp/x1.jsonl"
    $V ingest -q --db "$xdb" $D "$tmp/x1.jsonl" 2>"$tmp/err"
    ok "collision with another writer: the story is stored again" "[ $? -eq 0 ]"
    wait $psql_pid
    ok "collision: one event, two mentions, two stories" \
        "$V events --db '$xdb' | grep -q '\"mentions\":2,\"sources\":1,\"stories\":2'"
    check "collision" "$xdb"
fi

# ---- kill -9 of a real ingest: committed stories intact, resume completes
N=1500
python3 $S/gen_corpus.py big $N "$tmp/big.jsonl"
$V ingest -q --db "$tmp/ref.db" $D "$tmp/big.jsonl"
$V store stories --db "$tmp/ref.db" | tail -n +2 | sort >"$tmp/ref.stories"
$V events --db "$tmp/ref.db" --out tsv | cut -f2- >"$tmp/ref.events"
stored() { $V store stories --db "$1" 2>/dev/null | tail -n +2 | wc -l; }
round=0
for want in 1 400; do
    round=$((round + 1))
    kdb=$(newdb kill$round)
    $V ingest -q --db "$kdb" $D "$tmp/big.jsonl" &
    pid=$!
    tries=0
    while [ "$(stored "$kdb")" -lt $want ] && [ $tries -lt 3000 ]; do
        tries=$((tries + 1))
        sleep 0.01
    done
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    st=$?
    n=$(stored "$kdb")
    echo "round $round: killed (status $st) with $n of $N stories committed"
    ok "kill round $round: killed mid-run" "[ $st -eq 137 ] && [ $n -lt $N ]"
    check "kill round $round" "$kdb"
    $V store stories --db "$kdb" | tail -n +2 | sort >"$tmp/k.stories"
    ok "kill round $round: every committed story complete ($n)" \
        "[ \$(comm -23 '$tmp/k.stories' '$tmp/ref.stories' | wc -l) -eq 0 ]"
    $V ingest -q --db "$kdb" $D "$tmp/big.jsonl"
    ok "kill round $round: resume completes" "[ \$(stored '$kdb') -eq $N ]"
    $V events --db "$kdb" --out tsv | cut -f2- >"$tmp/k.events"
    ok "kill round $round: events equal SQLite's" "cmp -s '$tmp/k.events' '$tmp/ref.events'"
done

# ---- the server dies (immediate shutdown: no checkpoint) in the middle of
# an ingest: the ingest stops with a message; after the server's crash
# recovery the store is consistent, its stories complete, and resuming
# gives SQLite's events.
sdb=$(newdb servercrash)
$V ingest -q --db "$sdb" $D "$tmp/big.jsonl" 2>"$tmp/crash.err" &
pid=$!
tries=0
while [ "$(stored "$sdb")" -lt 200 ] && [ $tries -lt 3000 ]; do
    tries=$((tries + 1))
    sleep 0.01
done
pg_stop
wait $pid
st=$?
ok "server crash: the ingest stops with exit 1 and a message" \
    "[ $st -eq 1 ] && grep -q 'stopping: stories stored before this one are kept' '$tmp/crash.err'"
pg_restart
n=$(stored "$sdb")
echo "server crash: $n of $N stories committed"
check "server crash" "$sdb"
$V store stories --db "$sdb" | tail -n +2 | sort >"$tmp/k.stories"
ok "server crash: every committed story complete ($n)" \
    "[ $n -ge 200 ] && [ $n -lt $N ] && [ \$(comm -23 '$tmp/k.stories' '$tmp/ref.stories' | wc -l) -eq 0 ]"
$V ingest -q --db "$sdb" $D "$tmp/big.jsonl"
$V events --db "$sdb" --out tsv | cut -f2- >"$tmp/k.events"
ok "server crash: resume gives SQLite's events" "cmp -s '$tmp/k.events' '$tmp/ref.events'"

# ---- two writers at once: overlapping halves of the corpus into one
# database. Every story once, the store consistent, and the events (day,
# dyad, code and counts; which mention is first depends on who committed
# first) those of SQLite.
head -n 1000 "$tmp/big.jsonl" >"$tmp/w1.jsonl"
tail -n +501 "$tmp/big.jsonl" >"$tmp/w2.jsonl"
cdb=$(newdb concurrent)
$V ingest -q --db "$cdb" $D "$tmp/w1.jsonl" 2>"$tmp/w1.err" &
p1=$!
$V ingest -q --db "$cdb" $D "$tmp/w2.jsonl" 2>"$tmp/w2.err" &
p2=$!
# Readers meanwhile (once the writers have made the tables): each sees
# one consistent snapshot.
tries=0
while [ "$(stored "$cdb")" -lt 1 ] && [ $tries -lt 3000 ]; do
    tries=$((tries + 1))
    sleep 0.01
done
rbad=0
for i in 1 2 3 4 5; do
    $V store check --db "$cdb" 2>/dev/null | grep -q '^ok' || rbad=$((rbad + 1))
    $V events --db "$cdb" --window 1 >/dev/null 2>&1 || rbad=$((rbad + 1))
done
ok "two writers: readers meanwhile see a consistent store" "[ $rbad -eq 0 ]"
wait $p1
s1=$?
wait $p2
s2=$?
ok "two writers: both exit 0" "[ $s1 -eq 0 ] && [ $s2 -eq 0 ]"
[ $s1 -eq 0 ] && [ $s2 -eq 0 ] || cat "$tmp/w1.err" "$tmp/w2.err"
$V store stories --db "$cdb" | tail -n +2 | sort >"$tmp/c.stories"
ok "two writers: every story once, complete" "cmp -s '$tmp/c.stories' '$tmp/ref.stories'"
check "two writers" "$cdb"
keys() { $V events --db "$1" --out tsv | cut -f2,4,5,6,12,13,14; }
keys "$tmp/ref.db" >"$tmp/ref.keys"
keys "$cdb" >"$tmp/c.keys"
ok "two writers: the events and counts of SQLite" "cmp -s '$tmp/ref.keys' '$tmp/c.keys'"

echo "store_pg: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
