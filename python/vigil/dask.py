"""vigil.dask — codes a corpus of JSON-lines files across a Dask
distributed cluster (Debian's python3-distributed).

    python -m vigil.dask --out-dir DIR [--workers N | --scheduler ADDR |
                         --scheduler-file FILE] [--out jsonl|tsv] [--dict DIR]...
                         [--date D] [--blocksize BYTES] [--merge FILE] [--db FILE]
                         FILE...

How: the client cuts every input file into partitions of about
--blocksize bytes at line boundaries (it only seeks; it does not read the
corpus). Each partition is one task: the worker reads its byte range,
feeds it to the library's reader exactly as `vigil code` would, and
writes the events to DIR/part-NNNNN.jsonl (or .tsv, with the header),
through a temporary name so a retried task never leaves half a file.
Each worker process loads the dictionaries once (a cache in this module,
filled on first use and warmed on every worker before the first task) and
codes with one coder per thread over that frozen set.

Partitions are numbered in input order and stories are independent, so
the part files concatenated in order are `vigil code FILE...`'s output,
byte for byte; --merge FILE writes that concatenation. Reader warnings
come back with their line numbers within the partition and are shifted
to the line of the whole file, as the CLI reports them. --db FILE then
loads the stories into the event store (docs/store.md): the store keeps
every sentence and mention, so that step codes again, in the client, with
SQLite's one writer.

Workers read the input by path, so the files must be at the same path on
every worker (a shared or copied file system), as with dask.bag.read_text.
"""

import argparse
import os
import re
import sys
import threading
import time

import vigil

# ---------------------------------------------------------- partitioning


def partitions(paths, blocksize=8 << 20):
    """Cuts files into byte ranges of about `blocksize` bytes that start
    at a line start: a list of dicts {index, path, start, end, part}
    (`part` is the range's position within its file), in input order."""
    parts = []
    for path in paths:
        path = os.path.abspath(path)
        size = os.path.getsize(path)
        cuts = [0]
        with open(path, "rb") as f:
            pos = blocksize
            while pos < size:
                f.seek(pos - 1)
                f.readline()  # to the end of the line holding byte pos-1
                cut = f.tell()
                if cut >= size:
                    break
                if cut > cuts[-1]:
                    cuts.append(cut)
                pos = max(cut, pos) + blocksize
        cuts.append(size)
        for k in range(len(cuts) - 1):
            if cuts[k + 1] > cuts[k] or size == 0:
                parts.append(
                    {"index": len(parts), "path": path, "start": cuts[k], "end": cuts[k + 1], "part": k}
                )
    return parts


# --------------------------------------------------------- worker side

_DICTS = {}
_LOADS = {"count": 0}
_DICTS_LOCK = threading.Lock()


def worker_dictionaries(dict_paths):
    """This process's Dictionaries for dict_paths, loaded on first use and
    kept for every later task (tasks of the same worker share them)."""
    key = tuple(dict_paths or ())
    with _DICTS_LOCK:
        d = _DICTS.get(key)
        if d is None:
            d = _DICTS[key] = vigil.Dictionaries(list(key) or None, diag=lambda m: None)
            _LOADS["count"] += 1
        return d


def worker_loads():
    """How many times this process loaded dictionaries (for tests)."""
    return _LOADS["count"]


def _warm(dict_paths):
    worker_dictionaries(dict_paths)
    return os.getpid()


def _read_range(path, start, end):
    with open(path, "rb") as f:
        f.seek(start)
        return f.read(end - start)


def code_partition(part, out_dir, dict_paths=None, out="jsonl", date=None, options=None):
    """Codes one partition on a worker and writes its part file. Returns
    counts, the reader's messages as (line within the partition, text)
    and the number of lines, so the client can report file lines."""
    t0 = time.monotonic()
    dicts = worker_dictionaries(dict_paths)
    coder = dicts._coder(dict(options or {}))
    before = dict(coder.stats)
    ndiag = len(coder._diag.messages)
    data = _read_range(part["path"], part["start"], part["end"])
    ext = "tsv" if out == "tsv" else "jsonl"
    final = os.path.join(out_dir, "part-%05d.%s" % (part["index"], ext))
    tmp = "%s.tmp-%d-%d" % (final, os.getpid(), threading.get_ident())
    with open(tmp, "wb") as f:
        if out == "tsv":
            f.write(vigil.tsv_header())
        for line in coder.code_file(data, format="jsonl", date=date, out=out):
            f.write(line)
    os.replace(tmp, final)
    # Messages read "bytes:LINE: what" (the reader's name for bytes input).
    diags = []
    for m in coder._diag.messages[ndiag:]:
        g = re.match(r"bytes:(\d+): (.*)", m, re.S)
        diags.append((int(g.group(1)), g.group(2)) if g else (0, m))
    del coder._diag.messages[ndiag:]
    try:
        from distributed import get_worker

        worker = get_worker().address
    except Exception:
        worker = "pid %d" % os.getpid()
    stats = {k: coder.stats[k] - before[k] for k in before}
    stats.update(
        index=part["index"],
        file=final,
        lines=data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0),
        diagnostics=diags,
        seconds=time.monotonic() - t0,
        worker=worker,
        pid=os.getpid(),
    )
    return stats


# ---------------------------------------------------------- client side


def run(
    client,
    paths,
    out_dir,
    dict_paths=None,
    out="jsonl",
    date=None,
    blocksize=8 << 20,
    options=None,
    merge=None,
    db=None,
    diag=None,
):
    """Codes `paths` on the cluster of `client` (a distributed.Client).

    Writes one part file per partition into out_dir and returns a summary:
    {"partitions": [per-partition stats, in order], "stories", "sentences",
    "events", "skipped", "files": [part files in order], "seconds"}. With
    `merge`, the part files are also concatenated in order into that file
    (one TSV header); with `db`, the stories are then stored in that event
    store. `diag` receives reader warnings as "file:line: what" (default:
    the "vigil" logger). Dictionaries are loaded on every worker before
    the first task, so a bad dictionary path fails here, with the
    library's message.
    """
    t0 = time.monotonic()
    if out not in ("jsonl", "tsv"):
        raise ValueError("out must be 'jsonl' or 'tsv'")
    dict_paths = [os.path.abspath(p) for p in (dict_paths or [])]
    # Every worker codes with the same default date, fixed here.
    date = vigil._date_text(date) or vigil._today()
    os.makedirs(out_dir, exist_ok=True)
    out_dir = os.path.abspath(out_dir)
    parts = partitions(paths, blocksize)
    client.run(_warm, dict_paths)
    futures = client.map(
        code_partition,
        parts,
        out_dir=out_dir,
        dict_paths=dict_paths,
        out=out,
        date=date,
        options=options or {},
        pure=False,
    )
    results = client.gather(futures)
    results.sort(key=lambda r: r["index"])
    say = diag or (lambda m: vigil.log.warning("%s", m))
    line0 = {}
    for part, r in zip(parts, results):
        base = line0.get(part["path"], 0)
        for line, text in r["diagnostics"]:
            say("%s:%d: %s" % (part["path"], base + line, text) if line else text)
        line0[part["path"]] = base + r["lines"]
    summary = {k: sum(r[k] for r in results) for k in ("stories", "sentences", "events", "skipped")}
    summary["partitions"] = results
    summary["files"] = [r["file"] for r in results]
    if merge:
        with open(merge, "wb") as m:
            if out == "tsv":
                m.write(vigil.tsv_header())
            for r in results:
                with open(r["file"], "rb") as f:
                    if out == "tsv":
                        f.readline()
                    while True:
                        b = f.read(1 << 20)
                        if not b:
                            break
                        m.write(b)
    if db:
        with vigil.Store(db) as store:
            summary["stored"] = store.ingest(
                vigil.Dictionaries(dict_paths or None), paths, format="jsonl", date=date
            )
    summary["seconds"] = time.monotonic() - t0
    return summary


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="python -m vigil.dask",
        description="Code JSON-lines files across a Dask distributed cluster (docs/python.md).",
    )
    ap.add_argument("files", nargs="+", metavar="FILE", help="JSON-lines input files")
    ap.add_argument("--out-dir", required=True, help="where the part files go")
    ap.add_argument("--out", choices=["jsonl", "tsv"], default="jsonl")
    ap.add_argument("--dict", action="append", default=[], help="dictionary set (repeatable)")
    ap.add_argument("--date", help="default story date, YYYY-MM-DD (default: today, UTC)")
    ap.add_argument("--blocksize", type=int, default=8 << 20, help="bytes per partition")
    ap.add_argument("--negated", action="store_true")
    ap.add_argument("--no-dyad", action="store_true")
    ap.add_argument("--keep-boilerplate", action="store_true")
    ap.add_argument("--merge", metavar="FILE", help="also write all events, in order, to FILE")
    ap.add_argument("--db", metavar="FILE", help="then store the stories in this event store")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--scheduler", metavar="ADDR", help="a running scheduler (tcp://host:port)")
    g.add_argument("--scheduler-file", metavar="FILE", help="a running scheduler's file")
    g.add_argument("--workers", type=int, default=2, help="local cluster of N worker processes")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.date):
        ap.error("--date wants YYYY-MM-DD, got %r" % a.date)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("vigil.dask: needs python3-distributed (apt install python3-distributed)", file=sys.stderr)
        return 1
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    elif a.scheduler_file:
        client = Client(scheduler_file=a.scheduler_file)
    else:
        cluster = LocalCluster(
            n_workers=a.workers, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        )
        client = Client(cluster)
    options = {"negated": a.negated, "no_dyad": a.no_dyad, "keep_boilerplate": a.keep_boilerplate}
    options = {k: v for k, v in options.items() if v}
    try:
        s = run(
            client,
            a.files,
            a.out_dir,
            dict_paths=a.dict,
            out=a.out,
            date=a.date,
            blocksize=a.blocksize,
            options=options,
            merge=a.merge,
            db=a.db,
            diag=lambda m: print("vigil: " + m, file=sys.stderr),
        )
    except (vigil.VigilError, OSError) as e:
        # A library error, or an input a worker (or the client) cannot read.
        print("vigil: %s" % e, file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if not a.quiet:
        workers = len({r["worker"] for r in s["partitions"]})
        print(
            "vigil: %d stories, %d sentences, %d events, %d records skipped, %d partitions on "
            "%d workers, %.3f seconds%s"
            % (
                s["stories"],
                s["sentences"],
                s["events"],
                s["skipped"],
                len(s["partitions"]),
                workers,
                s["seconds"],
                ", %d stories stored in %s" % (s["stored"], a.db) if a.db else "",
            ),
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    # Run as a script, this file is __main__; tasks must name the module
    # vigil.dask so workers can import them, so main is taken from there.
    from vigil.dask import main as _main

    sys.exit(_main())
