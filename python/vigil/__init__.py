"""vigil — political event coding from Python, over libvigil.so.

    import vigil
    dicts = vigil.Dictionaries()                 # vigil's own data/ (or paths)
    events = dicts.code("Gondor attacked Mordor.", date="2024-05-01", story_id="s1")
    for e in dicts.code_many(stories): ...       # dicts or strings, streamed
    for e in dicts.code_file("stories.jsonl"): ...
    df = dicts.dataframe(stories)                # pandas, where installed

Each event is a dict with exactly the fields of `vigil code`'s JSON lines:
the binding formats events with the library's own formatter and parses
that line, and it builds every story as a JSON-lines record read by the
library's reader, so it codes exactly as the CLI does on the same record.

Dictionaries are loaded and frozen once; a frozen set is read-only and is
shared by any number of coders. A Coder is not thread-safe: Dictionaries'
code* methods use one coder per thread (threading.local), and the GIL is
released inside the C calls, so Python threads code in parallel.
Library errors raise VigilError with the library's message (file:line).
The design and the Dask and GNU parallel recipes are in docs/python.md.
"""

import ctypes
import datetime
import io
import json
import logging
import os
import threading
import weakref

from . import _lib as L

__all__ = ["VigilError", "Dictionaries", "Coder", "Store", "to_dataframe", "default_data_dir"]

log = logging.getLogger("vigil")

_CHUNK = 1 << 16


class VigilError(Exception):
    """An error reported by libvigil; str() is the library's message."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


def _status_text(st):
    s = L.lib().vigil_strerror(st)
    return s.decode() if s else "status %d" % st


def _b(s):
    return None if s is None else os.fsencode(s) if isinstance(s, os.PathLike) else s.encode()


def _date_text(d):
    """A date argument as text: str as given, date/datetime/Timestamp as
    YYYY-MM-DD."""
    if d is None or isinstance(d, str):
        return d
    if hasattr(d, "isoformat"):
        return d.isoformat()[:10]
    return str(d)


def _today():
    # The CLI's default date: today, in UTC.
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")


def default_data_dir():
    """vigil's own dictionaries, as the CLI finds them: $VIGIL_DATA, else
    data/ of the checkout this package sits in."""
    env = os.environ.get("VIGIL_DATA")
    if env:
        return env
    return os.path.join(L.REPO, "data")


class _Diag:
    """A diagnostic callback for the C side: collects lines and passes
    them to a Python function (default: the "vigil" logger). The ctypes
    callback object is kept here so it lives as long as the C side may
    call it."""

    def __init__(self, fn=None):
        self.fn = fn
        self.messages = []
        self.c = L.DIAG_FN(self._call)

    def _call(self, _ud, msg):
        text = msg.decode("utf-8", "replace")
        self.messages.append(text)
        if self.fn is not None:
            self.fn(text)
        else:
            log.warning("%s", text)


class Dictionaries:
    """A set of dictionaries, loaded once and frozen.

    `paths`: a list of dictionary sets (folders of vigil's own files, of
    PETRARCH files, or single files); later sets extend and override
    earlier ones, like repeated `vigil code --dict`. None (or []) loads
    vigil's own dictionaries (default_data_dir()). `diag` receives each
    dictionary warning, and each reader warning of the code* methods, as
    one line (default: the "vigil" logger).
    """

    def __init__(self, paths=None, diag=None):
        lib = L.lib()
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        if not paths and not os.path.isdir(default_data_dir()):
            raise VigilError(
                "no dictionaries given and %s does not exist: pass their paths, "
                "or set VIGIL_DATA to vigil's data/ folder" % default_data_dir()
            )
        self.paths = [os.fspath(p) for p in (paths or [default_data_dir()])]
        self._diag = _Diag(diag)
        self._d = lib.vigil_dict_new()
        self._local = threading.local()
        self._coders = weakref.WeakSet()
        lib.vigil_dict_set_diag(self._d, self._diag.c, None)
        try:
            for p in self.paths:
                st = lib.vigil_dict_load(self._d, _b(p))
                if st != L.OK:
                    msg = lib.vigil_dict_errmsg(self._d).decode("utf-8", "replace")
                    raise VigilError(
                        "cannot load dictionaries from %s: %s" % (p, msg or _status_text(st)), st
                    )
            st = lib.vigil_dict_finish(self._d)
            if st != L.OK:
                msg = lib.vigil_dict_errmsg(self._d).decode("utf-8", "replace")
                raise VigilError("dictionaries: %s" % (msg or _status_text(st)), st)
        except BaseException:
            self.close()
            raise
        # Frozen now: no more messages, and no callback into Python from
        # the threads that share it.
        lib.vigil_dict_set_diag(self._d, L.DIAG_FN(), None)

    @property
    def messages(self):
        """The warnings loading gave ("file:line: what")."""
        return list(self._diag.messages)

    def close(self):
        """Frees the dictionaries, and first every coder made from them
        (a closed coder raises VigilError). Call it when no thread is
        coding; closing twice is harmless."""
        if getattr(self, "_d", None):
            for c in list(self._coders):
                c.close()
            L.lib().vigil_dict_free(self._d)
            self._d = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        # Coders keep a reference to their Dictionaries, so this runs only
        # once none is left.
        try:
            self.close()
        except Exception:
            pass

    def _handle(self):
        if not self._d:
            raise VigilError("the dictionaries were closed")
        return self._d

    def count(self, kind):
        """Entries of a kind, as `vigil dict stats` counts them: "actors",
        "agents", "verbs", "patterns", "root:19", ..."""
        return L.lib().vigil_dict_count(self._handle(), kind.encode())

    def lookup(self, phrase, date=None):
        """How a phrase codes and why (`vigil dict lookup`), as text."""
        p = L.lib().vigil_dict_explain(self._handle(), phrase.encode(), _b(_date_text(date)))
        return L.take_string(p)

    def coder(self, **options):
        """A new Coder over these dictionaries (one thread at a time)."""
        return Coder(self, **options)

    def _coder(self, options):
        # One coder per thread and per set of options.
        key = tuple(sorted(options.items()))
        cache = getattr(self._local, "coders", None)
        if cache is None:
            cache = self._local.coders = {}
        c = cache.get(key)
        if c is None:
            c = cache[key] = Coder(self, diag=self._diag.fn, **options)
        return c

    # The coding methods, each with a coder of the calling thread; see Coder.
    def code(self, text, date=None, story_id="story", source=None, url=None, html=False, **options):
        return self._coder(options).code(text, date, story_id, source, url, html)

    def code_many(self, stories, date=None, **options):
        return self._coder(options).code_many(stories, date)

    def code_file(self, f, format="auto", date=None, out="dict", **options):
        return self._coder(options).code_file(f, format, date, out)

    def dataframe(self, stories, date=None, **options):
        return to_dataframe(self._coder(options).code_many(stories, date))

    code.__doc__ = "Codes one story; see Coder.code."
    code_many.__doc__ = "Codes an iterable of stories, streaming; see Coder.code_many."
    code_file.__doc__ = "Codes a file (any format the CLI reads); see Coder.code_file."
    dataframe.__doc__ = "The events of stories as a pandas DataFrame; see to_dataframe."


class Coder:
    """A coder over a frozen Dictionaries. Not thread-safe: use one per
    thread (Dictionaries' own code* methods do).

    Options (as `vigil code`'s): negated=True keeps negated events
    (flagged), no_dyad=True allows events with an actor missing,
    keep_boilerplate=True cleans nothing away, explain=True adds an
    "explain" field (the tokens and dictionary entries, file:line) to each
    event. `diag` receives reader warnings ("name:line: what"; default:
    the "vigil" logger); they are also kept in `diagnostics`.

    `stats` counts stories, sentences, events (not negated) and skipped
    records over the coder's life, as the CLI's summary line does.
    """

    def __init__(
        self, dicts, negated=False, no_dyad=False, keep_boilerplate=False, explain=False, diag=None
    ):
        lib = L.lib()
        self.dicts = dicts  # keeps the dictionaries alive as long as the coder
        flags = 0
        if negated:
            flags |= L.CODE_NEGATED
        if no_dyad:
            flags |= L.CODE_NO_DYAD
        if explain:
            flags |= L.CODE_EXPLAIN
        self.explain = explain
        self._negated = negated
        self._clean = L.CLEAN_KEEP_BOILERPLATE if keep_boilerplate else 0
        self._c = lib.vigil_coder_new(dicts._handle(), flags)
        if not self._c:
            raise VigilError("cannot create a coder")
        dicts._coders.add(self)
        self._diag = _Diag(diag)
        self._buf = ctypes.create_string_buffer(4096)
        self._busy = threading.Lock()
        self.stats = {"stories": 0, "sentences": 0, "events": 0, "skipped": 0}

    @property
    def diagnostics(self):
        return list(self._diag.messages)

    def close(self):
        if getattr(self, "_c", None):
            L.lib().vigil_coder_free(self._c)
            self._c = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------ the core

    def _story(self, story, fmt):
        """Cleans and codes one story (a vigil_story pointer the reader
        gave) and returns its events as lines (bytes) in format fmt, plus
        the explanations when asked for."""
        lib = L.lib()
        doc = lib.vigil_doc_new(story, self._clean)
        if not doc:
            return []
        try:
            # A limit the doc layer applied is reported, as the CLI does.
            for i in range(lib.vigil_doc_removed_count(doc)):
                r = lib.vigil_doc_removed(doc, i).contents
                if r.rule == b"limit":
                    self._diag._call(None, lib.vigil_doc_id(doc) + b": " + r.text)
            self.stats["stories"] += 1
            self.stats["sentences"] += lib.vigil_doc_sentence_count(doc)
            st = lib.vigil_coder_code(self._c, doc)
            if st != L.OK:
                raise VigilError("coding failed: %s" % _status_text(st), st)
            out = []
            for i in range(lib.vigil_coder_event_count(self._c)):
                e = lib.vigil_coder_event(self._c, i)
                need = lib.vigil_event_format(e, fmt, self._buf, len(self._buf))
                if need >= len(self._buf):
                    self._buf = ctypes.create_string_buffer(need + 1)
                    lib.vigil_event_format(e, fmt, self._buf, len(self._buf))
                line = ctypes.string_at(self._buf, need)
                ex = L.take_string(lib.vigil_coder_explain(self._c, i)) if self.explain else None
                out.append((line, ex))
                # Negated events (only kept with negated=True) are not
                # counted, as in the CLI's summary.
                if not self._negated or not self._is_negated(e, fmt, line):
                    self.stats["events"] += 1
            return out
        finally:
            lib.vigil_doc_free(doc)

    def _is_negated(self, e, fmt, line):
        if fmt != L.OUT_JSONL:
            need = L.lib().vigil_event_format(e, L.OUT_JSONL, None, 0)
            b = ctypes.create_string_buffer(need + 1)
            L.lib().vigil_event_format(e, L.OUT_JSONL, b, len(b))
            line = b.value
        return b'"negated":true' in line

    def _read(self, chunks, fmt_in, name, date, fmt_out):
        """Streams chunks of input bytes through a reader; yields (line,
        explanation) for every event in input order."""
        lib = L.lib()
        if not self._c:
            raise VigilError("the coder (or its dictionaries) was closed")
        if not self._busy.acquire(blocking=False):
            raise VigilError(
                "a Coder was used by two threads at once; use one Coder per thread "
                "(Dictionaries.code does)"
            )
        r = lib.vigil_reader_new(L.FORMATS[fmt_in], _b(name), _b(_date_text(date) or _today()))
        try:
            if not r:
                raise VigilError("cannot create a reader for %s" % name)
            lib.vigil_reader_set_diag(r, self._diag.c, None)
            story = ctypes.c_void_p()
            for chunk in chunks:
                if not chunk:
                    continue
                lib.vigil_reader_feed(r, chunk, len(chunk))
                while lib.vigil_reader_next(r, ctypes.byref(story)) == L.OK:
                    yield from self._story(story, fmt_out)
            lib.vigil_reader_finish(r)
            while lib.vigil_reader_next(r, ctypes.byref(story)) == L.OK:
                yield from self._story(story, fmt_out)
            self.stats["skipped"] += lib.vigil_reader_skipped(r)
        finally:
            if r:
                lib.vigil_reader_free(r)
            self._busy.release()

    def _events(self, pairs):
        """(JSON line, explanation) pairs as event dicts."""
        for line, ex in pairs:
            e = json.loads(line)
            if ex is not None:
                e["explain"] = ex
            yield e

    # --------------------------------------------------------- the API

    def code(self, text, date=None, story_id="story", source=None, url=None, html=False):
        """Codes one story and returns its events as a list of dicts.

        `text` is the story (plain text, or an HTML page with html=True);
        `date` (YYYY-MM-DD, or a date) is the story's date, today (UTC)
        when None, as `vigil code --date`. The story is read as the JSON
        record {"id", "date", "text"|"html", "source", "url"} would be.
        """
        rec = {"id": story_id, "html" if html else "text": text}
        if source is not None:
            rec["source"] = source
        if url is not None:
            rec["url"] = url
        return list(self.code_many([rec], date))

    def code_many(self, stories, date=None):
        """Codes an iterable of stories, yielding event dicts as each story
        is coded (a generator: stories are read as it is consumed).

        A story is a dict with the fields of a JSON-lines record ("id",
        "date", "text" or "html", "source", "url"; dates may be date
        objects), or a str (its id is then its position, from 0). `date`
        is the default for stories without one (today when None).
        Diagnostics name the story by position: "stories:3: bad date".
        """

        def lines():
            for i, s in enumerate(stories):
                if isinstance(s, str):
                    s = {"id": str(i), "text": s}
                elif "date" in s and not isinstance(s["date"], (str, type(None))):
                    s = dict(s, date=_date_text(s["date"]))
                yield json.dumps(s, ensure_ascii=False, default=str).encode(
                    "utf-8", "surrogatepass"
                ) + b"\n"

        return self._events(self._read(lines(), "jsonl", "stories", date, L.OUT_JSONL))

    def code_file(self, f, format="auto", date=None, out="dict"):
        """Codes a file as `vigil code --format F --date D FILE` does and
        yields its events: dicts (out="dict"), or the CLI's output lines
        as bytes (out="jsonl" or "tsv", without the TSV header, which is
        vigil.tsv_header()). `f` is a path, a binary file object, or bytes.
        Plain text and HTML inputs are one story whose id is the file name
        without its extension.
        """
        if out not in ("dict", "jsonl", "tsv"):
            raise ValueError("out must be 'dict', 'jsonl' or 'tsv'")
        if format not in L.FORMATS:
            raise ValueError("unknown format %r (auto, text, jsonl, xml, html)" % format)
        if isinstance(f, (bytes, bytearray, memoryview)):
            name, chunks = "bytes", [bytes(f)]
        elif isinstance(f, (str, os.PathLike)):
            name = os.fspath(f)
            try:
                fh = open(name, "rb")
            except OSError as e:
                raise VigilError("%s: %s" % (name, e.strerror)) from e
            chunks = _file_chunks(fh, close=True)
        else:
            name = getattr(f, "name", "stream")
            if isinstance(f, io.TextIOBase):
                raise TypeError("code_file wants a binary file (open(path, 'rb'))")
            chunks = _file_chunks(f, close=False)
        fmt = L.OUT_TSV if out == "tsv" else L.OUT_JSONL
        pairs = self._read(chunks, format, name, date, fmt)
        if out == "dict":
            return self._events(pairs)
        return (line for line, _ in pairs)

    def dataframe(self, stories, date=None):
        """The events of stories (as code_many takes them) as a DataFrame."""
        return to_dataframe(self.code_many(stories, date))


def _file_chunks(fh, close):
    try:
        while True:
            b = fh.read(_CHUNK)
            if not b:
                return
            yield b
    finally:
        if close:
            fh.close()


def tsv_header():
    """The header line of the TSV output (with its newline), as bytes."""
    return L.lib().vigil_tsv_header()


# Columns of to_dataframe, in the JSON line's order; evidence is flattened.
COLUMNS = [
    "story", "sentence", "date", "source", "target", "code", "root", "quad", "goldstein",
    "plover", "negated", "hypothetical", "speaker",
    "source_start", "source_end", "verb_start", "verb_end", "target_start", "target_end",
    "rule", "text",
]  # fmt: skip


def to_dataframe(events):
    """Event dicts (from code, code_many, code_file) as a pandas DataFrame,
    one row per event, evidence flattened into *_start/*_end columns (NA
    when absent) and "rule"; "date" as datetime64. Needs pandas (Debian's
    python3-pandas)."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("vigil.to_dataframe needs pandas (apt install python3-pandas)") from e
    rows = []
    for e in events:
        row = {k: e.get(k) for k in COLUMNS[:13]}
        ev = e.get("evidence") or {}
        for part in ("source", "verb", "target"):
            span = ev.get(part)
            row[part + "_start"] = span[0] if span else None
            row[part + "_end"] = span[1] if span else None
        row["rule"] = ev.get("rule")
        row["text"] = e.get("text")
        if "explain" in e:
            row["explain"] = e["explain"]
        rows.append(row)
    cols = COLUMNS + (["explain"] if rows and "explain" in rows[0] else [])
    df = pd.DataFrame(rows, columns=cols)
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    for c in COLUMNS[13:19]:
        df[c] = df[c].astype("Int64")
    return df


class Store:
    """The event store (`vigil ingest`; docs/store.md) through the library:
    Store(path).ingest(dicts, files) codes and stores stories. The store
    keeps every sentence and mention of a story, so storing goes through
    the coder; SQLite has one writer, so this runs in one process."""

    def __init__(self, path, no_sync=False):
        lib = L.lib()
        h = ctypes.c_void_p()
        st = lib.vigil_store_open(_b(os.fspath(path)), 2 if no_sync else 0, ctypes.byref(h))
        if st != L.OK:
            msg = lib.vigil_store_errmsg(h).decode("utf-8", "replace") if h else ""
            if h:
                lib.vigil_store_close(h)
            raise VigilError("%s: %s" % (path, msg or _status_text(st)), st)
        self._s = h
        self.path = os.fspath(path)

    def close(self):
        if getattr(self, "_s", None):
            L.lib().vigil_store_close(self._s)
            self._s = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def ingest(self, dicts, files, format="auto", date=None):
        """Codes and stores every story of the files (paths), as `vigil
        ingest --db` does; returns the number of stories stored."""
        lib = L.lib()
        coder = Coder(dicts)
        stored = 0
        try:
            for path in files:
                name = os.fspath(path)
                r = lib.vigil_reader_new(L.FORMATS[format], _b(name), _b(_date_text(date) or _today()))
                lib.vigil_reader_set_diag(r, coder._diag.c, None)
                story = ctypes.c_void_p()
                try:
                    with open(name, "rb") as fh:
                        for chunk in _file_chunks(fh, close=False):
                            lib.vigil_reader_feed(r, chunk, len(chunk))
                            while lib.vigil_reader_next(r, ctypes.byref(story)) == L.OK:
                                stored += self._put(coder, story)
                    lib.vigil_reader_finish(r)
                    while lib.vigil_reader_next(r, ctypes.byref(story)) == L.OK:
                        stored += self._put(coder, story)
                finally:
                    lib.vigil_reader_free(r)
        finally:
            coder.close()
        return stored

    def _put(self, coder, story):
        lib = L.lib()
        doc = lib.vigil_doc_new(story, 0)
        if not doc:
            return 0
        try:
            lib.vigil_coder_code(coder._c, doc)
            st = lib.vigil_store_put(self._s, doc, coder._c)
            if st == L.OK:
                return 1
            msg = lib.vigil_store_errmsg(self._s).decode("utf-8", "replace")
            sid = lib.vigil_doc_id(doc).decode("utf-8", "replace")
            if st == 3:  # VIGIL_ERR_ARG: a story the store cannot take (no id)
                coder._diag._call(None, ("storing story '%s': %s, skipped" % (sid, msg)).encode())
                return 0
            raise VigilError("storing story '%s': %s" % (sid, msg or _status_text(st)), st)
        finally:
            lib.vigil_doc_free(doc)
