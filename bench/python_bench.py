"""bench/python_bench.py — the driver of bench/python.sh (which says what
it measures): CLI, binding and Dask runs on one corpus, stories/s, and a
check that each gives the CLI's events."""

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import vigil
import vigil.dask
from distributed import Client, LocalCluster


def main():
    logging.getLogger("vigil").addHandler(logging.NullHandler())
    corpus, runs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    cli = os.environ["VIGIL_CLI"]
    DATE = "2024-01-01"
    stories = sum(1 for l in open(corpus, "rb") if l.strip())
    mb = os.path.getsize(corpus) / 1e6

    def best(fn):
        times = []
        for _ in range(runs):
            t0 = time.monotonic()
            digest = fn()
            times.append(time.monotonic() - t0)
        return min(times), digest

    def row(name, secs, digest, ref):
        same = "same events" if digest == ref else "DIFFERENT EVENTS"
        print("%-44s %7.3f s  %7.0f stories/s  %s" % (name, secs, stories / secs, same), flush=True)

    print("corpus: %s, %d stories, %.1f MB; dictionaries: data/; best of %d runs" % (corpus, stories, mb, runs))
    def run_cli(j):
        r = subprocess.run([cli, "code", "--quiet", "--date", DATE, "-j", str(j), corpus],
                           capture_output=True, check=True)
        return hashlib.sha256(r.stdout).hexdigest()
    t, ref = best(lambda: run_cli(1))
    row("CLI vigil code -j 1 (whole process)", t, ref, ref)
    t, h = best(lambda: run_cli(2))
    row("CLI vigil code -j 2 (whole process)", t, h, ref)

    dicts = vigil.Dictionaries()
    def binding(nthreads):
        parts = vigil.dask.partitions([corpus], 1 << 20)
        res = [None] * len(parts)
        def work(k):
            c = dicts.coder(diag=lambda m: None)
            for i in range(k, len(parts), nthreads):
                p = parts[i]
                with open(p["path"], "rb") as f:
                    f.seek(p["start"])
                    data = f.read(p["end"] - p["start"])
                res[i] = b"".join(c.code_file(data, format="jsonl", date=DATE, out="jsonl"))
        ths = [threading.Thread(target=work, args=(k,)) for k in range(nthreads)]
        for th in ths: th.start()
        for th in ths: th.join()
        return hashlib.sha256(b"".join(res)).hexdigest()
    t, h = best(lambda: binding(1))
    row("Python binding, 1 thread", t, h, ref)
    t, h = best(lambda: binding(2))
    row("Python binding, 2 threads", t, h, ref)

    for n in (1, 2):
        t0 = time.monotonic()
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
        client.wait_for_workers(n)
        client.run(vigil.dask._warm, [])
        up = time.monotonic() - t0
        tmp = tempfile.mkdtemp(dir=out)
        def job():
            m = os.path.join(tmp, "merged.jsonl")
            vigil.dask.run(client, [corpus], os.path.join(tmp, "parts"), date=DATE, blocksize=1 << 20, merge=m)
            with open(m, "rb") as f:
                return hashlib.sha256(f.read()).hexdigest()
        t, h = best(job)
        row("Dask, %d worker%s (cluster up in %.1f s)" % (n, "s" if n > 1 else "", up), t, h, ref)
        client.close()
        cluster.close()
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
