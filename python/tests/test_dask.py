"""Distributed coding on a real Dask cluster: a scheduler and two worker
processes started here on 127.0.0.1 (each bounded by timeouts and killed
at the end). The distributed result must equal a single-process run and
the vigil command, event for event; each worker must load the
dictionaries once. Skipped when python3-distributed is not installed.

Run by tests/cli/python.sh (VIGIL_LIB and VIGIL_CLI name the build).
"""

import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))

import vigil  # noqa: E402
import vigil.dask  # noqa: E402

logging.getLogger("vigil").addHandler(logging.NullHandler())

try:
    import distributed
except ImportError:
    distributed = None

CLI = os.environ.get("VIGIL_CLI", os.path.join(REPO, "build", "vigil"))
STORIES = os.path.join(HERE, "data", "stories.jsonl")
GOLDEN = os.path.join(REPO, "tests", "golden", "dict")
DATE = "2024-03-01"
START_TIMEOUT = 40  # seconds for the scheduler and both workers to come up


def write_corpus(tmp):
    """Three JSON-lines files from the fixture stories with fresh ids and
    dates, one malformed line in the middle of the second file, and a
    blank line: enough lines for many small partitions."""
    with open(STORIES, encoding="utf-8") as f:
        base = [json.loads(l) for l in f if l.strip()]
    paths = []
    for k in range(3):
        path = os.path.join(tmp, "corpus-%d.jsonl" % k)
        with open(path, "w", encoding="utf-8") as f:
            for rep in range(8):
                for i, s in enumerate(base):
                    s = dict(s, id="%s-%d-%d" % (s["id"], k, rep))
                    if "date" in s and s["date"].startswith("2024"):
                        s["date"] = "2024-%02d-%02d" % (k + 4, rep + i + 1)
                    f.write(json.dumps(s) + "\n")
                    if k == 1 and rep == 5 and i == 3:
                        f.write('{"id": "broken", "text": \n')
                    if k == 2 and rep == 2 and i == 0:
                        f.write("\n")
        paths.append(path)
    return paths


@unittest.skipIf(distributed is None, "python3-distributed is not installed")
class DaskCluster(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = cls.tmp.name
        cls.sched_file = os.path.join(tmp, "scheduler.json")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.path.join(REPO, "python") + os.pathsep + env.get("PYTHONPATH", "")
        env["VIGIL_LIB"] = vigil._lib.library_path()
        cls.env = env
        cls.procs = []
        cls.client = None
        cls.log = open(os.path.join(tmp, "cluster.log"), "wb")
        # Runs even when setUpClass fails half way: no process outlives the test.
        cls.addClassCleanup(cls.stop_cluster)

        def start(*args):
            p = subprocess.Popen(
                [sys.executable, "-m", *args], env=env, stdout=cls.log, stderr=cls.log, cwd=tmp
            )
            cls.procs.append(p)

        # Bounds beyond the cleanup: the scheduler exits after 120 s without
        # work, a worker 30 s after losing its scheduler.
        start(
            "distributed.cli.dask_scheduler",
            "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--idle-timeout", "120",
            "--scheduler-file", cls.sched_file,
        )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        while not os.path.exists(cls.sched_file) and time.monotonic() < deadline:
            time.sleep(0.1)
        for _ in range(2):
            start(
                "distributed.cli.dask_worker",
                "--scheduler-file", cls.sched_file, "--host", "127.0.0.1",
                "--nthreads", "1", "--no-nanny", "--no-dashboard", "--death-timeout", "30",
            )  # fmt: skip
        cls.client = distributed.Client(scheduler_file=cls.sched_file, timeout=START_TIMEOUT)
        cls.client.wait_for_workers(2, timeout=max(1, deadline - time.monotonic()))
        cls.paths = write_corpus(tmp)

    @classmethod
    def stop_cluster(cls):
        try:
            if cls.client is not None:
                cls.client.close()
        finally:
            for p in reversed(cls.procs):
                p.terminate()
            for p in cls.procs:
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait(5)
            cls.log.close()
            cls.tmp.cleanup()

    def single_process(self, out):
        c = vigil.Dictionaries([GOLDEN]).coder(diag=lambda m: None)
        lines = []
        for p in self.paths:
            lines.extend(c.code_file(p, date=DATE, out=out))
        return lines

    def test_distributed_equals_single_process_and_cli(self):
        out_dir = os.path.join(self.tmp.name, "out-jsonl")
        merged = os.path.join(self.tmp.name, "merged.jsonl")
        msgs = []
        s = vigil.dask.run(
            self.client, self.paths, out_dir, dict_paths=[GOLDEN], date=DATE,
            blocksize=2000, merge=merged, diag=msgs.append,
        )  # fmt: skip
        self.assertGreaterEqual(len(s["partitions"]), 12)
        # Every part file, in order, is the single-process run, event for event.
        got = []
        for f in s["files"]:
            with open(f, encoding="utf-8") as fh:
                got.extend(json.loads(l) for l in fh)
        want = [json.loads(l) for l in self.single_process("jsonl")]
        self.assertGreater(len(want), 100)
        self.assertEqual(got, want)
        # The merged file is the CLI's output, byte for byte.
        r = subprocess.run(
            [CLI, "code", "--quiet", "--dict", GOLDEN, "--date", DATE, *self.paths],
            capture_output=True, timeout=60,
        )  # fmt: skip
        with open(merged, "rb") as fh:
            self.assertEqual(fh.read(), r.stdout)
        self.assertEqual(s["stories"], 240)
        self.assertEqual(s["skipped"], 1)
        # Warnings carry the line of the whole file, as the CLI prints them.
        cli_msgs = sorted(
            l[len("vigil: "):] for l in r.stderr.decode().splitlines() if ".jsonl:" in l
        )
        self.assertTrue(any("corpus-1.jsonl:" in m for m in cli_msgs), cli_msgs)
        self.assertEqual(sorted(msgs), cli_msgs)
        # Both workers coded, and each loaded the dictionaries once.
        self.assertEqual(len({p["worker"] for p in s["partitions"]}), 2)
        loads = self.client.run(vigil.dask.worker_loads)
        self.assertEqual(sorted(loads.values()), [1, 1])

    def test_tsv_and_command_line(self):
        out_dir = os.path.join(self.tmp.name, "out-tsv")
        merged = os.path.join(self.tmp.name, "merged.tsv")
        r = subprocess.run(
            [sys.executable, "-m", "vigil.dask", "--scheduler-file", self.sched_file,
             "--out-dir", out_dir, "--out", "tsv", "--dict", GOLDEN, "--date", DATE,
             "--blocksize", "3000", "--merge", merged, *self.paths],
            env=self.env, capture_output=True, timeout=60,
        )  # fmt: skip
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertRegex(r.stderr.decode(), r"240 stories, .* on 2 workers")
        cli = subprocess.run(
            [CLI, "code", "--quiet", "--out", "tsv", "--dict", GOLDEN, "--date", DATE, *self.paths],
            capture_output=True, timeout=60,
        )  # fmt: skip
        with open(merged, "rb") as fh:
            self.assertEqual(fh.read(), cli.stdout)
        parts = sorted(os.listdir(out_dir))
        self.assertTrue(parts and all(p.endswith(".tsv") for p in parts), parts)
        with open(os.path.join(out_dir, parts[0]), "rb") as fh:
            self.assertEqual(fh.readline(), vigil.tsv_header())

    def test_bad_dictionary_fails_with_the_library_message(self):
        with self.assertRaises(vigil.VigilError) as cm:
            vigil.dask.run(
                self.client, self.paths[:1], os.path.join(self.tmp.name, "bad"),
                dict_paths=["/nonexistent/dicts"],
            )  # fmt: skip
        self.assertIn("/nonexistent/dicts: No such file or directory", str(cm.exception))

    def test_store_final_step(self):
        db = os.path.join(self.tmp.name, "events.db")
        s = vigil.dask.run(
            self.client, self.paths[:1], os.path.join(self.tmp.name, "out-db"),
            dict_paths=[GOLDEN], date=DATE, blocksize=4000, db=db,
        )  # fmt: skip
        self.assertEqual(s["stored"], 80)
        ref = os.path.join(self.tmp.name, "ref.db")
        subprocess.run(
            [CLI, "ingest", "--db", ref, "--dict", GOLDEN, "--date", DATE, self.paths[0]],
            capture_output=True, timeout=60, check=True,
        )  # fmt: skip
        a = subprocess.run([CLI, "events", "--db", db], capture_output=True, timeout=60)
        b = subprocess.run([CLI, "events", "--db", ref], capture_output=True, timeout=60)
        self.assertTrue(b.stdout)
        self.assertEqual(a.stdout, b.stdout)


class Partitions(unittest.TestCase):
    """The partitioning alone (no cluster needed)."""

    def test_ranges_cover_the_files_at_line_starts(self):
        with tempfile.TemporaryDirectory() as tmp:
            paths = write_corpus(tmp)
            for bs in (1, 500, 2000, 10**9):
                parts = vigil.dask.partitions(paths, bs)
                self.assertEqual([p["index"] for p in parts], list(range(len(parts))))
                for path in paths:
                    mine = [p for p in parts if p["path"] == os.path.abspath(path)]
                    with open(path, "rb") as fh:
                        data = fh.read()
                    self.assertEqual(mine[0]["start"], 0)
                    self.assertEqual(mine[-1]["end"], len(data))
                    for a, b in zip(mine, mine[1:]):
                        self.assertEqual(a["end"], b["start"])
                        self.assertEqual(data[b["start"] - 1 : b["start"]], b"\n")
                if bs == 10**9:
                    self.assertEqual(len(parts), 3)


if __name__ == "__main__":
    unittest.main()
