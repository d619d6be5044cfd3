"""Tests of the vigil Python binding (python/vigil) against the real
libvigil.so and the real vigil command: the binding must give the CLI's
events, field for field, on the same stories; errors must carry the
library's message; threads must code in parallel with the GIL released.

Run by tests/cli/python.sh (VIGIL_LIB and VIGIL_CLI name the build).
"""

import json
import logging
import re
import os
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))

import vigil  # noqa: E402

# Reader warnings the tests provoke go to the "vigil" logger; keep them quiet.
logging.getLogger("vigil").addHandler(logging.NullHandler())

CLI = os.environ.get("VIGIL_CLI", os.path.join(REPO, "build", "vigil"))
STORIES = os.path.join(HERE, "data", "stories.jsonl")
GOLDEN = os.path.join(REPO, "tests", "golden", "dict")
DATE = "2024-03-01"


def cli(*args, input=None):
    r = subprocess.run([CLI, *args], input=input, capture_output=True, timeout=60)
    if r.returncode != 0:
        raise AssertionError("vigil %s: exit %d: %s" % (args, r.returncode, r.stderr.decode()))
    return r.stdout


def cli_events(*args):
    return [json.loads(l) for l in cli("code", "--quiet", *args).splitlines()]


def stories():
    with open(STORIES, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


class BindingVersusCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.own = vigil.Dictionaries()
        cls.golden = vigil.Dictionaries([GOLDEN])

    def test_code_file_equals_cli(self):
        for d, args in ((self.own, []), (self.golden, ["--dict", GOLDEN])):
            want = cli_events(*args, "--date", DATE, STORIES)
            got = list(d.code_file(STORIES, date=DATE))
            self.assertGreater(len(want), 5)
            self.assertEqual(got, want)

    def test_code_many_equals_cli(self):
        want = cli_events("--dict", GOLDEN, "--date", DATE, STORIES)
        got = list(self.golden.code_many(stories(), date=DATE))
        self.assertEqual(got, want)

    def test_code_one_story_equals_cli(self):
        # code(text, date, story_id) on each story, against the CLI on
        # that story alone as a plain-text file named after its id.
        with tempfile.TemporaryDirectory() as tmp:
            n = 0
            for s in stories():
                if "text" not in s or not re.fullmatch(r"\d{4}-\d\d-\d\d", s.get("date", DATE)):
                    continue
                path = os.path.join(tmp, s["id"] + ".txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(s["text"])
                date = s.get("date", DATE)
                want = cli_events("--dict", GOLDEN, "--date", date, "--format", "text", path)
                got = self.golden.code(s["text"], date=date, story_id=s["id"])
                self.assertEqual(got, want, s["id"])
                n += len(got)
            self.assertGreater(n, 3)

    def test_html_story(self):
        html = [s for s in stories() if "html" in s][0]
        got = self.own.code(html["html"], date=html["date"], story_id=html["id"], html=True)
        want = [e for e in cli_events("--date", DATE, STORIES) if e["story"] == html["id"]]
        self.assertTrue(want)
        self.assertEqual(got, want)
        self.assertNotIn("Subscribe", json.dumps(got))

    def test_tsv_lines_equal_cli(self):
        want = cli("code", "--quiet", "--out", "tsv", "--dict", GOLDEN, "--date", DATE, STORIES)
        got = vigil.tsv_header() + b"".join(
            self.golden.code_file(STORIES, date=DATE, out="tsv")
        )
        self.assertEqual(got, want)

    def test_options_equal_cli(self):
        for opt, kw in (("--negated", {"negated": True}), ("--no-dyad", {"no_dyad": True})):
            want = cli_events("--dict", GOLDEN, "--date", DATE, opt, STORIES)
            got = list(self.golden.code_file(STORIES, date=DATE, **kw))
            self.assertEqual(got, want, opt)
        negated = [e for e in self.golden.code_file(STORIES, date=DATE, negated=True) if e["negated"]]
        self.assertTrue(negated, "the fixture has a negated event (py-05)")

    def test_binary_file_object_and_bytes(self):
        want = list(self.golden.code_file(STORIES, date=DATE))
        with open(STORIES, "rb") as f:
            self.assertEqual(list(self.golden.code_file(f, date=DATE)), want)
        with open(STORIES, "rb") as f:
            data = f.read()
        self.assertEqual(list(self.golden.code_file(data, format="jsonl", date=DATE)), want)

    def test_date_objects_and_plain_strings(self):
        import datetime

        text = "Gondor accused Mordor of shelling border villages."
        a = self.golden.code_many([{"id": "x", "date": datetime.date(2024, 5, 6), "text": text}])
        a = list(a)
        self.assertEqual([e["date"] for e in a], ["2024-05-06"])
        b = list(self.golden.code_many([text, text], date="2024-05-07"))
        self.assertEqual([(e["story"], e["date"]) for e in b], [("0", "2024-05-07"), ("1", "2024-05-07")])

    def test_explain(self):
        evs = self.golden.code("Gondor accused Mordor of lying.", date=DATE, explain=True)
        self.assertEqual(len(evs), 1)
        self.assertRegex(evs[0]["explain"], r"golden\.\w+:\d+")
        plain = self.golden.code("Gondor accused Mordor of lying.", date=DATE)
        self.assertNotIn("explain", plain[0])

    def test_stats_and_counts(self):
        c = self.golden.coder()
        evs = list(c.code_file(STORIES, date=DATE))
        self.assertEqual(c.stats["stories"], 10)
        self.assertEqual(c.stats["events"], len(evs))
        # Negated events are output but not counted, as in the CLI's summary.
        for out in ("dict", "tsv"):
            n = vigil.Dictionaries([GOLDEN]).coder(negated=True)
            lines = list(n.code_file(STORIES, date=DATE, out=out))
            self.assertEqual(n.stats["events"], len(evs))
            self.assertEqual(len(lines), len(evs) + 1)
        out = cli("dict", "stats", GOLDEN).decode()
        actors = int([l for l in out.splitlines() if l.startswith("actors")][0].split()[1])
        self.assertEqual(self.golden.count("actors"), actors)
        self.assertIn("GON", self.golden.lookup("Gondor"))


class Errors(unittest.TestCase):
    def test_missing_dictionary(self):
        with self.assertRaises(vigil.VigilError) as cm:
            vigil.Dictionaries(["/nonexistent/vigil-dicts"])
        self.assertIn("/nonexistent/vigil-dicts: No such file or directory", str(cm.exception))

    def test_default_dictionaries_follow_vigil_data(self):
        from unittest import mock

        with mock.patch.dict(os.environ, {"VIGIL_DATA": "/nonexistent/data"}):
            with self.assertRaises(vigil.VigilError) as cm:
                vigil.Dictionaries()
            self.assertIn("/nonexistent/data does not exist", str(cm.exception))
        with mock.patch.dict(os.environ, {"VIGIL_DATA": GOLDEN}):
            self.assertEqual(vigil.Dictionaries().paths, [GOLDEN])

    def test_syntax_error_has_file_and_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.actors")
            with open(path, "w") as f:
                f.write("# fixture\n[GON] Gondor\n[[[ broken\n")
            with self.assertRaises(vigil.VigilError) as cm:
                vigil.Dictionaries([tmp])
            self.assertIn(path + ":3:", str(cm.exception))
            # The CLI says the same thing.
            r = subprocess.run([CLI, "dict", "check", tmp], capture_output=True, timeout=30)
            self.assertIn((path + ":3:").encode(), r.stderr)

    def test_reader_warnings_reach_python(self):
        seen = []
        c = vigil.Dictionaries([GOLDEN]).coder(diag=seen.append)
        evs = list(c.code_many(stories(), date=DATE))
        self.assertTrue(any(m.startswith('stories:7: bad date "not-a-date"') for m in seen), seen)
        self.assertEqual([e["date"] for e in evs if e["story"] == "py-07"], [DATE])
        bad = list(c.code_file(b'{"id":"a","text":"x"}\n{broken\n', format="jsonl"))
        self.assertEqual(bad, [])
        self.assertTrue(any(m.startswith("bytes:2: ") for m in c.diagnostics))
        self.assertEqual(c.stats["skipped"], 1)

    def test_unreadable_input(self):
        with self.assertRaises(vigil.VigilError) as cm:
            list(vigil.Dictionaries([GOLDEN]).code_file("/nonexistent/in.jsonl"))
        self.assertIn("/nonexistent/in.jsonl", str(cm.exception))

    def test_bad_arguments(self):
        d = vigil.Dictionaries([GOLDEN])
        with self.assertRaises(ValueError):
            d.code_file(STORIES, out="xml")
        with self.assertRaises(ValueError):
            d.code_file(STORIES, format="pdf")

    def test_closed_dictionaries(self):
        d = vigil.Dictionaries([GOLDEN])
        c = d.coder()
        self.assertEqual(len(d.code("Gondor accused Mordor of lying.", date=DATE)), 1)
        d.close()
        with self.assertRaises(vigil.VigilError):
            d.coder()
        with self.assertRaises(vigil.VigilError):
            c.code("Gondor accused Mordor of lying.", date=DATE)
        with self.assertRaises(vigil.VigilError):
            d.code("Gondor accused Mordor of lying.", date=DATE)
        d.close()

    def test_one_coder_two_users_is_refused(self):
        c = vigil.Dictionaries([GOLDEN]).coder()
        it = c.code_many(stories(), date=DATE)
        next(it)  # the coder is now inside a stream
        with self.assertRaises(vigil.VigilError):
            c.code("Gondor accused Mordor.", date=DATE)
        rest = list(it)
        self.assertTrue(rest)
        self.assertEqual(len(c.code("Gondor accused Mordor of lying.", date=DATE)), 1)


class Threads(unittest.TestCase):
    def test_threads_give_the_sequential_result(self):
        d = vigil.Dictionaries([GOLDEN])
        corpus = [dict(s, id="%s-%d" % (s["id"], k)) for k in range(20) for s in stories()]
        want = list(d.code_many(corpus, date=DATE))
        results, errors = {}, []

        def work(t):
            try:
                out = []
                for s in corpus[t::4]:
                    out.extend(d.code_many([s], date=DATE))
                results[t] = out
            except Exception as e:  # reported below; a thread cannot fail the test
                errors.append(e)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(errors, [])
        got = sorted((e for r in results.values() for e in r), key=lambda e: json.dumps(e))
        self.assertEqual(got, sorted(want, key=lambda e: json.dumps(e)))

    def test_gil_is_released_during_library_calls(self):
        # A thread loads a dictionary from a named pipe: the library blocks
        # in fopen() until a writer opens the pipe, and only the main thread
        # writes it. With the GIL held by the C call the main thread could
        # never run and this would hang; it runs in a child process bounded
        # by a timeout, so a hang is a failure.
        prog = r"""
import os, sys, tempfile, threading
sys.path.insert(0, %r)
import vigil
tmp = tempfile.mkdtemp()
fifo = os.path.join(tmp, "pipe.actors")
os.mkfifo(fifo)
out = {}
def load():
    out["d"] = vigil.Dictionaries([fifo])
t = threading.Thread(target=load)
t.start()
with open(fifo, "w") as f:   # blocks until the library opened the pipe
    f.write("[GON] Gondor\n")
t.join()
print(out["d"].count("actors"))
""" % os.path.join(REPO, "python")
        r = subprocess.run([sys.executable, "-c", prog], capture_output=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(r.stdout.strip(), b"1")


class Pandas(unittest.TestCase):
    def test_dataframe(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed (python3-pandas)")
        d = vigil.Dictionaries([GOLDEN])
        want = list(d.code_many(stories(), date=DATE))
        df = d.dataframe(stories(), date=DATE)
        self.assertEqual(len(df), len(want))
        self.assertEqual(list(df["code"]), [e["code"] for e in want])
        self.assertEqual(str(df["date"].dtype), "datetime64[ns]")
        self.assertEqual(
            list(df["verb_start"]), [e["evidence"]["verb"][0] for e in want]
        )
        self.assertEqual(list(df["rule"]), [e["evidence"]["rule"] for e in want])
        empty = d.dataframe(["No actor here at all."])
        self.assertEqual(len(empty), 0)
        self.assertIn("goldstein", empty.columns)


class StoreIngest(unittest.TestCase):
    def test_ingest_equals_cli_ingest(self):
        with tempfile.TemporaryDirectory() as tmp:
            a, b = os.path.join(tmp, "cli.db"), os.path.join(tmp, "py.db")
            cli("ingest", "--db", a, "--dict", GOLDEN, "--date", DATE, STORIES)
            with vigil.Store(b) as s:
                n = s.ingest(vigil.Dictionaries([GOLDEN]), [STORIES], date=DATE)
            self.assertEqual(n, 10)
            ea = cli("events", "--db", a, "--out", "jsonl")
            eb = cli("events", "--db", b, "--out", "jsonl")
            self.assertTrue(ea)
            self.assertEqual(eb, ea)

    def test_store_error(self):
        with self.assertRaises(vigil.VigilError):
            vigil.Store("/nonexistent/dir/x.db")


if __name__ == "__main__":
    unittest.main()
