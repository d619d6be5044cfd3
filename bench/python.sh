#!/bin/sh
# bench/python.sh — throughput of the Python binding and of distributed
# coding on Dask (issue 9; docs/python.md), next to the plain CLI.
#
#   sh bench/python.sh        (BENCH_SRC, BENCH_COPIES, BENCH_RUNS override)
#
# The corpus is ../shared/bench/voa_stories.jsonl repeated BENCH_COPIES
# times (default 20; replica r of every story gets the id suffix -r<r>, as
# bench/run.sh does), generated into build/bench/. Dictionaries: vigil's
# own data/. Every figure is stories/s over the best of BENCH_RUNS (3) runs:
#   - the CLI, whole process (dictionary loading included), -j 1 and -j 2;
#   - the binding in one process: one thread, and two threads each with its
#     own coder over one Dictionaries (the GIL is released in C);
#   - vigil.dask.run on a LocalCluster of 1 and of 2 worker processes (one
#     thread each) on 127.0.0.1, partitions of 1 MB: the coding job from
#     submission to the last part file, with the cluster already up and the
#     dictionaries loaded (the cluster's start-up time is printed apart).
# Each output is checked against the CLI's (sha256 of the events). Results
# go to stdout and build/bench/python.txt. Skips cleanly (exit 0) when the
# source is absent or python3-distributed is not installed.
set -u
BUILD=${VIGIL_BUILD:-build}
V=$BUILD/vigil
SRC=${BENCH_SRC:-../shared/bench/voa_stories.jsonl}
COPIES=${BENCH_COPIES:-20}
RUNS=${BENCH_RUNS:-3}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
if [ ! -f "$SRC" ]; then
    echo "bench-python: $SRC is absent: skipped"
    exit 0
fi
if ! "$PY" -c 'import distributed' 2>/dev/null; then
    echo "bench-python: python3-distributed is not installed: skipped"
    exit 0
fi
[ -x "$V" ] && [ -f "$BUILD/libvigil.so" ] || { echo "bench-python: build vigil first (make)"; exit 1; }
OUT=$BUILD/bench
mkdir -p "$OUT"
CORPUS=$OUT/voa_py_x$COPIES.jsonl
if [ ! -s "$CORPUS" ]; then
    "$PY" - "$SRC" "$COPIES" "$CORPUS.tmp" <<'PY' || exit 1
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[3], "w", encoding="utf-8", newline="\n") as out:
    for r in range(int(sys.argv[2])):
        for rec in recs:
            out.write(json.dumps(dict(rec, id=f"{rec['id']}-r{r}"), ensure_ascii=False) + "\n")
PY
    mv "$CORPUS.tmp" "$CORPUS"
fi
# The driver is a file, not a here-document: Dask's worker processes
# re-import the main module.
VIGIL_LIB=$PWD/$BUILD/libvigil.so VIGIL_CLI=$PWD/$V PYTHONPATH=$PWD/python \
    "$PY" bench/python_bench.py "$CORPUS" "$RUNS" "$OUT" | tee "$OUT/python.txt"
