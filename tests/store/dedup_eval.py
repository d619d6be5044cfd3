#!/usr/bin/env python3
"""dedup_eval.py — precision and recall of the store's deduplication.

    dedup_eval.py TRUTH.tsv EVENTS.jsonl

TRUTH.tsv (from gen_corpus.py dedup) gives, for every story, the real
event it reports. EVENTS.jsonl is `vigil events --mentions yes` output:
deduplicated events, each with the list of its mentions. Scoring is
pairwise over mentions: two mentions are a true pair when they report the
same real event, a predicted pair when the store merged them into one
event. precision = true predicted pairs / predicted pairs, recall = true
predicted pairs / true pairs. Mentions whose code or actors the coder got
wrong are counted apart and left out of the pairs, so the numbers measure
the merging, not the coding.

Prints one line: "window=... mentions=N miscoded=N pairs_true=N
pairs_pred=N precision=P recall=R".
"""
import itertools
import json
import sys


def main():
    truth = {}
    with open(sys.argv[1]) as f:
        next(f)
        for line in f:
            sid, eid, date, a, b, code = line.rstrip("\n").split("\t")
            truth[sid] = (int(eid), a, b, code)
    clusters = []
    miscoded = 0
    mentions = 0
    window = sys.argv[3] if len(sys.argv) > 3 else "?"
    with open(sys.argv[2]) as f:
        for line in f:
            ev = json.loads(line)
            members = []
            for m in ev["mention_list"]:
                t = truth.get(m["story"])
                mentions += 1
                # The actors may carry roles (VLDMIL): compare countries.
                if (t is None or t[3] != ev["code"] or not ev["source"].startswith(t[1])
                        or not ev["target"].startswith(t[2])):
                    miscoded += 1
                    continue
                members.append(m["story"])
            clusters.append(members)
    scored = {s for c in clusters for s in c}
    pred = set()
    for c in clusters:
        for x, y in itertools.combinations(sorted(c), 2):
            pred.add((x, y))
    true = set()
    by_event = {}
    for s in scored:
        by_event.setdefault(truth[s][0], []).append(s)
    for members in by_event.values():
        for x, y in itertools.combinations(sorted(members), 2):
            true.add((x, y))
    tp = len(pred & true)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(true) if true else 1.0
    print("window=%s mentions=%d miscoded=%d pairs_true=%d pairs_pred=%d precision=%.3f "
          "recall=%.3f" % (window, mentions, miscoded, len(true), len(pred), p, r))


if __name__ == "__main__":
    main()
