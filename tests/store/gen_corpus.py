#!/usr/bin/env python3
"""gen_corpus.py — synthetic news corpora for the store tests (JSON lines).

    gen_corpus.py calm        OUT.jsonl            90 days of routine relations
    gen_corpus.py escalation  OUT.jsonl            the same, plus a planted escalation
                                                   between Valdoria and Karesh on 2024-03-10
    gen_corpus.py dedup       OUT.jsonl TRUTH.tsv  reports of known events, with duplicates
                                                   and near-duplicates, and the truth
    gen_corpus.py big N       OUT.jsonl            N stories for the kill test

The actors are invented (tests/store/dict/store.actors); the sentences are
written here from templates, one event per sentence, so the truth of each
story is known. Everything is seeded: the same command gives the same file.
"""
import datetime
import json
import random
import sys

START = datetime.date(2024, 1, 1)
DAYS = 90
SPIKE = datetime.date(2024, 3, 10)
PUBLISHERS = ["Northern Wire", "Harbor Times", "Daily Ledger", "Coastal Radio", "Evening Post",
              "Capital Bulletin"]

# Templates per CAMEO code: {a} source, {b} target (country names).
TEMPLATES = {
    "111": ["{a} condemned {b} over the border dispute.",
            "{a} criticized {b} for its remarks on the treaty.",
            "Officials in {a} denounced {b} on Tuesday."],
    "1123": ["{a} accused {b} of aggression.",
             "{a} again accused {b} of aggression along the frontier."],
    "190": ["{a} attacked {b} near the border.",
            "{a} attacked {b} overnight, witnesses said."],
    "194": ["{ad} troops shelled {b} on Monday.",
            "{ad} troops shelled {b} again, local officials said."],
    "1312": ["{a} threatened {b} with sanctions.",
             "{a} threatened {b} with new sanctions on Friday."],
    "051": ["{a} praised {b} for its help.",
            "{a} praised {b} for its help after the floods."],
    "057": ["{a} signed a trade agreement with {b}.",
            "{a} signed a trade agreement with {b} in the capital."],
    "070": ["{a} sent aid to {b}.", "{a} sent aid to {b} after the storm."],
}
NAMES = {"VLD": ("Valdoria", "Valdorian"), "KRS": ("Karesh", "Kareshi"),
         "ORL": ("Orlesia", "Orlesian"), "ZAN": ("Zantor", "Zantorian")}
FILLER = ["Officials gave no further details.", "The statement was read on state television.",
          "Analysts said the move was expected."]


def sentence(rng, code, a, b):
    t = rng.choice(TEMPLATES[code])
    return t.format(a=NAMES[a][0], ad=NAMES[a][1], b=NAMES[b][0])


def story(sid, day, pub, text):
    return {"id": sid, "date": day.isoformat(), "source": pub, "text": text}


def routine(rng, out, with_spike):
    """Routine relations: ORL/ZAN cooperate and sometimes quarrel; VLD/KRS
    trade verbal blows at a low, steady rate."""
    n = 0
    for d in range(DAYS):
        day = START + datetime.timedelta(days=d)
        for _ in range(rng.randint(1, 3)):
            code = rng.choice(["051", "057", "070", "051", "111"])
            a, b = rng.choice([("ORL", "ZAN"), ("ZAN", "ORL")])
            out.append(story("r%05d" % n, day, rng.choice(PUBLISHERS),
                             sentence(rng, code, a, b) + " " + rng.choice(FILLER)))
            n += 1
        for _ in range(rng.randint(0, 2)):
            code = rng.choice(["111", "1123", "111"])
            a, b = rng.choice([("VLD", "KRS"), ("KRS", "VLD")])
            out.append(story("r%05d" % n, day, rng.choice(PUBLISHERS),
                             sentence(rng, code, a, b) + " " + rng.choice(FILLER)))
            n += 1
        if with_spike and day >= SPIKE and day < SPIKE + datetime.timedelta(days=3):
            # The escalation: many outlets report shelling, attacks and
            # threats, strongest on the first day.
            k = {0: 12, 1: 7, 2: 5}[(day - SPIKE).days]
            for i in range(k):
                code = ["194", "190", "1312", "194"][i % 4]
                out.append(story("x%05d" % n, day, PUBLISHERS[i % len(PUBLISHERS)],
                                 sentence(rng, code, "VLD", "KRS")))
                n += 1


def dedup(rng, out, truth):
    """Known events, each reported by 1-4 outlets. Near-duplicates: a late
    report dated the next day (the same event), the same dyad and code on
    consecutive days (different events), and two separate events of one
    dyad and code on one day (which no key can tell apart)."""
    dyads = [("VLD", "KRS"), ("KRS", "VLD"), ("ORL", "ZAN"), ("ZAN", "ORL")]
    codes = ["111", "190", "194", "1312", "051", "057", "070"]
    events = []
    for i in range(120):
        a, b = rng.choice(dyads)
        events.append((START + datetime.timedelta(days=rng.randrange(30)), a, b,
                       rng.choice(codes)))
    # Consecutive-day repeats of the same dyad and code: distinct events.
    for i in range(15):
        d, a, b, c = events[i]
        events.append((d + datetime.timedelta(days=1), a, b, c))
    # Two separate events of one dyad and code on the same day.
    for i in range(15, 20):
        events.append(events[i])
    n = 0
    for eid, (day, a, b, code) in enumerate(events):
        for r in range(rng.randint(1, 4)):
            late = rng.random() < 0.15
            d = day + datetime.timedelta(days=1 if late else 0)
            sid = "d%05d" % n
            n += 1
            out.append(story(sid, d, rng.choice(PUBLISHERS), sentence(rng, code, a, b)))
            truth.append((sid, eid, day.isoformat(), a, b, code))


def main():
    mode = sys.argv[1]
    rng = random.Random(20240909)
    out, truth = [], []
    if mode in ("calm", "escalation"):
        routine(rng, out, mode == "escalation")
        path = sys.argv[2]
    elif mode == "dedup":
        dedup(rng, out, truth)
        path = sys.argv[2]
    elif mode == "big":
        count = int(sys.argv[2])
        path = sys.argv[3]
        for i in range(count):
            day = START + datetime.timedelta(days=i % DAYS)
            a, b = rng.choice([("VLD", "KRS"), ("ORL", "ZAN")])
            text = " ".join(sentence(rng, rng.choice(list(TEMPLATES)), a, b) for _ in range(6))
            out.append(story("k%06d" % i, day, rng.choice(PUBLISHERS), text))
    else:
        sys.exit("usage: gen_corpus.py calm|escalation|dedup|big ...")
    with open(path, "w") as f:
        for s in out:
            f.write(json.dumps(s) + "\n")
    if mode == "dedup":
        with open(sys.argv[3], "w") as f:
            f.write("story\tevent\tdate\tsource\ttarget\tcode\n")
            for t in truth:
                f.write("\t".join(str(x) for x in t) + "\n")


if __name__ == "__main__":
    main()
