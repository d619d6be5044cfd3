#!/usr/bin/env python3
"""api.py — endpoint tests of `vigil serve` (run by tests/cli/serve.sh).

    api.py PORT INGEST_PORT VIGIL DB MAX_BODY

PORT is a read-only server on DB started with --max-body MAX_BODY and a short
--timeout; INGEST_PORT is a server started with --allow-ingest on a copy of it.
Every route is checked, against the command line (`vigil events`, `trend`,
`alerts`, `store stories` on the same DB) where the two must agree, and so are
the refusals: 400, 403, 404, 405, 413, path traversal, too many parameters,
idle and concurrent connections. Prints "serve: N passed, N failed".
"""
import http.client
import json
import socket
import subprocess
import sys
import threading
import time

PORT, IPORT, VIGIL, DB, MAX_BODY = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
passed = failed = 0


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


def req(method, path, body=None, headers=None, port=PORT):
    """One request; returns (status, headers dict, parsed JSON or raw bytes)."""
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=20)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    hdrs = {k.lower(): v for k, v in r.getheaders()}
    c.close()
    if method != "HEAD" and hdrs.get("content-type", "").startswith("application/json"):
        return r.status, hdrs, json.loads(data.decode("utf-8"))  # strict UTF-8
    return r.status, hdrs, data


def get(path, port=PORT):
    return req("GET", path, port=port)


def raw(data, port=PORT, read_timeout=5.0):
    """Sends bytes as they are (no client normalisation) and returns the reply."""
    s = socket.create_connection(("127.0.0.1", int(port)), timeout=read_timeout)
    s.sendall(data)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except socket.timeout:
        pass
    s.close()
    return out


def status_of(reply):
    try:
        return int(reply.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def cli(*args):
    return subprocess.run([VIGIL, *args, "--db", DB], capture_output=True, text=True, check=False).stdout


def cli_ids(*args):
    return [json.loads(line)["id"] for line in cli("events", *args).splitlines() if line]


def is_error(st, body, code):
    return st == code and isinstance(body, dict) and body.get("status") == code and isinstance(body.get("error"), str)


# ---------------------------------------------------------------- info
st, h, b = get("/api/info")
ok(st == 200 and b["allow_ingest"] is False and b["max_body"] == MAX_BODY, "info: read-only, the body limit")
ok(h["content-type"] == "application/json; charset=utf-8", "JSON content type")
ok(h.get("x-content-type-options") == "nosniff", "nosniff header")

# ---------------------------------------------------------------- events
st, _, b = get("/api/events?limit=10000")
want = cli_ids()
ok(st == 200 and b["total"] == len(want) and [e["id"] for e in b["events"]] == want,
   f"events: the same {len(want)} events as vigil events, in order")
ok(all("evidence" in e and "text" in e for e in b["events"]), "events carry evidence and text")
st, _, p1 = get("/api/events?limit=5&offset=0")
st2, _, p2 = get("/api/events?limit=5&offset=5")
ok(st == 200 and st2 == 200 and [e["id"] for e in p1["events"] + p2["events"]] == want[:10], "paging with limit/offset")
st, _, b = get(f"/api/events?offset={len(want)}")
ok(st == 200 and b["events"] == [] and b["total"] == len(want), "offset past the end: empty page")
st, _, b = get("/api/events")
ok(len(b["events"]) == min(100, len(want)) and b["limit"] == 100, "default limit 100")

FILTERS = [
    ("actor=VLD", ["--actor", "VLD"]),
    ("source=VLD&target=KRS", ["--dyad", "VLD,KRS"]),
    ("source=KRS&target=VLD&both=1", ["--dyad", "KRS,VLD", "--direction", "both"]),
    ("code=072", ["--code", "072"]),
    ("root=07", ["--root", "07"]),
    ("quad=4", ["--quad", "4"]),
    ("from=2024-05-07&to=2024-05-07", ["--from", "2024-05-07", "--to", "2024-05-07"]),
    ("story=brief-4", ["--story", "brief-4"]),
    ("window=1&code=072", ["--window", "1", "--code", "072"]),
]
for qs, args in FILTERS:
    st, _, b = get(f"/api/events?{qs}&limit=10000")
    want = cli_ids(*args)
    ok(st == 200 and [e["id"] for e in b["events"]] == want and len(want) > 0, f"events?{qs} = vigil events {' '.join(args)}")

BAD = ["quad=9", "quad=", "from=2024-13-01", "to=yesterday", "actor=vld", "source=VLD", "target=KRS",
       "code=7", "root=190", "both=maybe", "window=-1", "limit=0", "limit=10001", "offset=-3",
       "limit=1e3", "nosuch=1", "story="]
for qs in BAD:
    st, _, b = get(f"/api/events?{qs}")
    ok(is_error(st, b, 400), f"events?{qs}: 400 with a JSON error")
st, _, b = get("/api/events?nosuch=1")
ok("nosuch" in b["error"], "the message names the unknown parameter")
st, _, b = get("/api/events?%ff%fe=1")
ok(is_error(st, b, 400), "a parameter name of invalid UTF-8: 400, and the error is valid JSON")
many = "&".join(f"p{i}=1" for i in range(40))
st, _, b = get(f"/api/events?{many}")
ok(is_error(st, b, 400) and "too many" in b["error"], "40 parameters: 400 too many")

# ---------------------------------------------------------------- trend
st, _, b = get("/api/trend?source=VLD&target=KRS&period=day")
want = json.loads(cli("trend", "--dyad", "VLD,KRS", "--out", "json"))
ok(st == 200 and b == want, "trend = vigil trend --out json")
st, _, b = get("/api/trend?actor=ORL&period=week")
want = json.loads(cli("trend", "--actor", "ORL", "--by", "week", "--out", "json"))
ok(st == 200 and b == want and b["period"] == "week", "trend by week for an actor")
for qs in ["", "period=day", "actor=ORL&period=year", "actor=ORL&by=day"]:
    st, _, b = get(f"/api/trend?{qs}")
    ok(is_error(st, b, 400), f"trend?{qs}: 400")

# ---------------------------------------------------------------- alerts
ARGS = ["--min-mentions", "1", "--min-history", "0", "--z", "0.5"]
st, _, b = get("/api/alerts?min_mentions=1&min_history=0&z=0.5")
want = [json.loads(line) for line in cli("alerts", *ARGS, "--out", "jsonl").splitlines()]
ok(st == 200 and len(b["alerts"]) == len(want) > 0, f"alerts: as many as vigil alerts ({len(want)})")
ok([(a["dyad"], a["date"], a["z"]) for a in b["alerts"]] == [(a["dyad"], a["date"], a["z"]) for a in want],
   "alerts: the same dyads, days and scores")
ok(b["last_day"] == "2024-05-07", "alerts: the last day of the data")
st, _, b2 = get("/api/alerts?min_mentions=1&min_history=0&z=0.5&day=latest")
ok(st == 200 and all(a["date"] == "2024-05-07" for a in b2["alerts"])
   and len(b2["alerts"]) == sum(a["date"] == "2024-05-07" for a in want), "alerts?day=latest: that day's only")
for qs in ["day=soon", "z=-1", "baseline=0", "min_mentions=x", "quad=7"]:
    st, _, b = get(f"/api/alerts?{qs}")
    ok(is_error(st, b, 400), f"alerts?{qs}: 400")

# ---------------------------------------------------------------- dyads
st, _, b = get("/api/dyads?limit=2&days=7")
ok(st == 200 and b["total"] == 5 and len(b["active"]) == 2, "dyads: five in all, two shown")
ok(b["active"][0]["a"] == "KRS" and b["active"][0]["b"] == "VLD", "dyads: KRS-VLD most active")
ok(all(d["escalation"] > 0 for d in b["escalating"]) and
   [d["escalation"] for d in b["escalating"]] == sorted([d["escalation"] for d in b["escalating"]], reverse=True),
   "dyads: escalating ones, largest first")
for qs in ["days=0", "days=366", "limit=0"]:
    st, _, b = get(f"/api/dyads?{qs}")
    ok(is_error(st, b, 400), f"dyads?{qs}: 400")

# ---------------------------------------------------------------- stories
st, _, b = get("/api/stories")
want = [line.split("\t")[0] for line in cli("store", "stories").splitlines()[1:]]
ok(st == 200 and [s["id"] for s in b["stories"]] == want and b["total"] == len(want), "stories = vigil store stories")
st, _, b = get("/api/stories?limit=1&offset=1")
ok(st == 200 and [s["id"] for s in b["stories"]] == want[1:2], "stories paging")
st, _, b = get("/api/stories/brief-1")
ok(st == 200 and len(b["sentences"]) == 5 and len(b["events"]) == 4, "story brief-1: 5 sentences, 4 events")
e = b["events"][1]
s = b["sentences"][e["sentence"]].encode()
ok(s[e["evidence"]["verb"][0]:e["evidence"]["verb"][1]] == b"threatened", "a span picks the verb out of its sentence")
ok(e["where"].startswith("data/") and ".verbs:" in e["where"] and e["evidence"]["rule"], "why: rule and file:line")
for path in ["/api/stories/nope", "/api/stories/%2e%2e", "/api/stories/brief-1/x"]:
    st, _, b = get(path)
    ok(is_error(st, b, 404), f"{path}: 404")
st, _, b = get("/api/stories?limit=x")
ok(is_error(st, b, 400), "stories?limit=x: 400")

# ---------------------------------------------------------------- code
TEXT = "Valdoria threatened Karesh with sanctions on Monday. Orlesia praised Zantor for its help."
st, _, b = req("POST", "/api/code?date=2024-06-01&id=mine", TEXT.encode())
ok(st == 200 and [e["code"] for e in b["events"]] == ["1312", "051"], "code: plain text, two events")
ok(b["id"] == "mine" and b["date"] == "2024-06-01" and len(b["sentences"]) == 2, "code: id, date, sentences")
ok(all(e["explain"] and e["where"] and e["label"] for e in b["events"]), "code: each event explained")
want = subprocess.run([VIGIL, "code", "--date", "2024-06-01", "--dict", "data", "--dict", "tests/store/dict"],
                      input=TEXT, capture_output=True, text=True, check=False).stdout
ok([(e["source"], e["target"], e["code"], e["evidence"]["verb"]) for e in b["events"]] ==
   [(j["source"], j["target"], j["code"], j["evidence"]["verb"]) for j in map(json.loads, want.splitlines())],
   "code: the same events as vigil code")
st, _, b = req("POST", "/api/code", json.dumps({"text": TEXT, "date": "2024-06-02", "id": "j"}).encode(),
               {"Content-Type": "application/json"})
ok(st == 200 and b["id"] == "j" and b["date"] == "2024-06-02" and len(b["events"]) == 2, "code: a JSON body")
st, _, b = req("POST", "/api/code", json.dumps({"text": TEXT}, indent=2).encode())
ok(st == 200 and len(b["events"]) == 2, "code: JSON over several lines")
st, _, b = req("POST", "/api/code", b"Valdoria threatened Karesh\xff\xfe with sanctions. \xc3(")
ok(st == 200 and isinstance(b, dict), "code: invalid UTF-8 is repaired, the answer is valid JSON")
st, _, after = get("/api/stories")
ok(after["total"] == len(want.splitlines()) or after["total"] == 4, "code stores nothing")
for body, what in [(b"", "empty"), (b"  \n ", "blank"), (b"{bad json", "broken JSON"),
                   (b'{"title": "x"}', "JSON without text"), (b'{"text": ""}', "empty text"), (b"[1,2]", "a JSON array")]:
    st, _, b = req("POST", "/api/code", body)
    ok(is_error(st, b, 400) if what != "a JSON array" else st in (200, 400), f"code: {what}: 400")
st, _, b = req("POST", "/api/code?date=2024-02-30", TEXT.encode())
ok(is_error(st, b, 400), "code: a bad date: 400")
st, _, b = req("POST", "/api/code?verbose=1", TEXT.encode())
ok(is_error(st, b, 400), "code: an unknown parameter: 400")

# ---------------------------------------------------------------- body limits
filler = b"Valdoria threatened Karesh with sanctions. "
body = (filler * (MAX_BODY // len(filler) + 1))[:MAX_BODY]
st, _, b = req("POST", "/api/code", body)
ok(st == 200 and len(b["events"]) > 0, f"code: a body of exactly {MAX_BODY} bytes is taken")
st, _, b = req("POST", "/api/code", body + b"x")
ok(is_error(st, b, 413), "code: one byte over the limit: 413")
reply = raw(b"POST /api/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999999\r\n\r\nValdoria")
ok(status_of(reply) == 413, "a huge declared Content-Length: 413 before the body is read")
chunk = b"%x\r\n%s\r\n" % (len(filler) * 100, filler * 100)
n = MAX_BODY // (len(filler) * 100) + 2
reply = raw(b"POST /api/code HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + chunk * n + b"0\r\n\r\n")
ok(status_of(reply) == 413, "a chunked body over the limit: 413")
reply = raw(b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999\r\n\r\n")
ok(status_of(reply) == 413, "ingest body over the limit: 413")

# ---------------------------------------------------------------- methods and routes
st, h, b = get("/api/code")
ok(is_error(st, b, 405) and h.get("allow") == "POST", "GET /api/code: 405, Allow: POST")
st, h, b = req("POST", "/api/events", b"x")
ok(is_error(st, b, 405) and "GET" in h.get("allow", ""), "POST /api/events: 405, Allow: GET")
st, _, b = req("DELETE", "/api/stories/brief-1")
ok(is_error(st, b, 405), "DELETE a story: 405")
st, _, b = req("PUT", "/", b"x")
ok(is_error(st, b, 405), "PUT /: 405")
for path in ["/api/nope", "/api", "/api/", "/nope", "/static/nosuch.js", "/vendor/other.js"]:
    st, _, b = get(path)
    ok(is_error(st, b, 404), f"{path}: 404")
st, h, b = req("HEAD", "/api/events")
ok(st == 200, "HEAD /api/events: 200")

# ---------------------------------------------------------------- read-only, and ingest
st, _, b = req("POST", "/api/ingest", b'{"id":"x1","date":"2024-05-08","text":"Valdoria attacked Karesh."}\n')
ok(is_error(st, b, 403) and "--allow-ingest" in b["error"], "ingest on a read-only server: 403")
st, _, b = get("/api/info", port=IPORT)
ok(st == 200 and b["allow_ingest"] is True, "the ingest server says so")
lines = (b'{"id":"new-1","date":"2024-05-08","source":"Wire","text":"Valdoria attacked Karesh near the border."}\n'
         b'{"id":"new-2","date":"2024-05-08","text":"Karesh condemned Valdoria."}\n'
         b'{"id":"new-3","date":"not a date","text":"Karesh condemned Valdoria."}\n'
         b'{"broken\n')
st, _, b = req("POST", "/api/ingest", lines, port=IPORT)
ok(st == 200 and b["stored"] == 3 and b["ids"] == ["new-1", "new-2", "new-3"], f"ingest: three stored ({b})")
ok(b["skipped"] == 1 and b["warnings"], "ingest: the broken line skipped and reported")
st, _, b = get("/api/stories/new-1", port=IPORT)
ok(st == 200 and b["events"][0]["code"] == "190", "an ingested story is served at once")
st, _, b = get("/api/events?from=2024-05-08&limit=100", port=IPORT)
ok(st == 200 and b["total"] >= 2, "its events are queried")
st, _, b = get("/api/stories/new-1")
ok(is_error(st, b, 404), "the read-only server's own store is untouched")

# ---------------------------------------------------------------- static files
st, h, b = get("/")
ok(st == 200 and h["content-type"].startswith("text/html") and b"app.js" in b, "/: the dashboard")
ok("default-src 'self'" in h.get("content-security-policy", "") and h.get("x-frame-options") == "DENY",
   "/: a content security policy, no framing")
st, h, b = get("/static/app.js")
ok(st == 200 and h["content-type"].startswith("text/javascript"), "/static/app.js")
st, h, b = get("/static/style.css")
ok(st == 200 and h["content-type"].startswith("text/css"), "/static/style.css")
st, h, b = get("/vendor/uPlot.esm.js")
ok(st == 200 and b"uPlot" in b, "/vendor/uPlot.esm.js from node_modules")
TRAVERSAL = ["/static/../Makefile", "/static/%2e%2e/Makefile", "/static/%2E%2E/%2E%2E/etc/passwd",
             "/static/..%2fMakefile", "/static/.%2e/Makefile", "/static/%252e%252e/Makefile",
             "/static/..\\Makefile", "/static/./app.js", "/static//etc/passwd", "/static/.git/config",
             "/static/%00app.js", "/static/app.js%00.png", "/../Makefile", "/static/%c0%ae%c0%ae/Makefile",
             "/static/" + "a/" * 200 + "x.js"]
for path in TRAVERSAL:
    reply = raw(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))
    code = status_of(reply)
    ok(code in (400, 404) and b"CC " not in reply and b"root:" not in reply and b"PKGS" not in reply,
       f"GET {path}: refused ({code})")

# ---------------------------------------------------------------- foreign hosts and origins
st, _, b = req("GET", "/api/info", headers={"Host": "evil.example"})
ok(is_error(st, b, 403) and "loopback" in b["error"], "a foreign Host (DNS rebinding): 403")
st, _, b = req("GET", "/api/info", headers={"Host": "127.0.0.1.evil.example:80"})
ok(is_error(st, b, 403), "a Host that only starts like loopback: 403")
for host in ["localhost", "localhost:8080", "[::1]:1", "127.0.0.1"]:
    st, _, b = req("GET", "/api/info", headers={"Host": host})
    ok(st == 200, f"Host {host}: 200")
st, _, b = req("POST", "/api/code", TEXT.encode(), {"Origin": "https://evil.example"})
ok(is_error(st, b, 403) and "cross-origin" in b["error"], "a POST from another origin: 403")
st, _, b = req("POST", "/api/ingest", b'{"id":"csrf","date":"2024-05-08","text":"x"}', {"Origin": "http://evil.example"},
               port=IPORT)
ok(is_error(st, b, 403), "a cross-origin ingest: 403")
st, _, b = req("POST", "/api/code", TEXT.encode(), {"Origin": "http://localhost:3000"})
ok(st == 200, "a POST from a loopback origin: 200")

# ---------------------------------------------------------------- hostile connections
reply = raw(b"GARBAGE\r\n\r\n")
ok(status_of(reply) in (0, 400, 405, 505), "a garbage request line is refused")
reply = raw(b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Pad: " + b"a" * 100000 + b"\r\n\r\n")
ok(status_of(reply) in (0, 413, 431, 400), "a 100 KB header is refused")
s = socket.create_connection(("127.0.0.1", int(PORT)), timeout=10)
t0 = time.time()
s.sendall(b"GET /api/info HTTP/1.1\r\n")  # and then nothing
try:
    closed = s.recv(100) is not None
except socket.timeout:
    closed = False
ok(closed and time.time() - t0 < 8, f"an idle half request is closed by the timeout ({time.time() - t0:.1f} s)")
s.close()

# Many connections at once: more than --max-connections idle sockets, then
# a burst of requests from 32 threads; every request must be answered
# and the server must be alive afterwards.
idle = []
for _ in range(80):
    try:
        idle.append(socket.create_connection(("127.0.0.1", int(PORT)), timeout=2))
    except OSError:
        break
for c in idle:
    c.close()
results = []
lock = threading.Lock()
PATHS = ["/api/events?limit=3", "/api/dyads", "/api/stories/brief-1", "/api/trend?actor=VLD", "/api/alerts"]


def hammer(k):
    for i in range(15):
        try:
            if i % 5 == 4:
                st_, _, _ = req("POST", "/api/code", TEXT.encode())
            else:
                st_, _, _ = get(PATHS[(k + i) % len(PATHS)])
        except OSError as e:
            st_ = str(e)
        with lock:
            results.append(st_)


threads = [threading.Thread(target=hammer, args=(k,)) for k in range(32)]
for t in threads:
    t.start()
for t in threads:
    t.join()
ok(len(results) == 480 and all(r == 200 for r in results),
   f"480 concurrent requests from 32 threads all answered 200 ({sum(r == 200 for r in results)})")
st, _, b = get("/api/info")
ok(st == 200, "the server is alive after the burst")

print(f"serve: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
