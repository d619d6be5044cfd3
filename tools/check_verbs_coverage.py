#!/usr/bin/env python3
"""Report which CAMEO event codes no verb or pattern in a dictionary set can produce.

Usage: tools/check_verbs_coverage.py CAMEO_EVENTS_TSV [DICT_DIR ...]

CAMEO_EVENTS_TSV is a table whose first column is the event code (a header line whose first
field is not a code is skipped), for example /work/shared/reference/cameo_events.tsv. DICT_DIR
defaults to data/ next to this script's folder. The script reads every *.verbs file of each
folder in vigil's own format: a code reaches the output when it stands in square brackets on a
`verb` line (a lemma's own code or the block's code) or at the end of a `-` pattern line.
`[---]` codes nothing and is not counted. It prints, per CAMEO root, the number of codes covered
and the codes missing with their labels, then a summary line; the exit status is 1 when a code
is missing, so the script can guard a build.
"""

import os
import re
import sys

CODE = re.compile(r"\[(\d{2,4})\]")


def strip_comment(line):
    """Drops a `#` comment, except inside square brackets (none of vigil's codes has one)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


def read_codes(folder):
    """Returns {code: number of verb or pattern lines giving it} for the *.verbs files of folder."""
    found = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".verbs"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for raw in f:
                line = strip_comment(raw).strip()
                if not (line.startswith("verb ") or line.startswith("-")):
                    continue
                for code in CODE.findall(line):
                    found[code] = found.get(code, 0) + 1
    return found


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    table = argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    folders = argv[2:] or [os.path.join(here, "..", "data")]
    labels = []
    with open(table, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if cols and re.fullmatch(r"\d{2,4}", cols[0]):
                labels.append((cols[0], cols[1] if len(cols) > 1 else ""))
    found = {}
    for folder in folders:
        for code, n in read_codes(folder).items():
            found[code] = found.get(code, 0) + n
    known = {c for c, _ in labels}
    missing = [(c, l) for c, l in labels if c not in found]
    roots = {}
    for code, _ in labels:
        r = roots.setdefault(code[:2], [0, 0])
        r[1] += 1
        if code in found:
            r[0] += 1
    for root in sorted(roots):
        covered, total = roots[root]
        label = next(l for c, l in labels if c == root) if root in known else ""
        print(f"{root} {label:<34} {covered:>3} of {total:>3} codes")
    for code, label in missing:
        print(f"missing {code:<5} {label}")
    unknown = sorted(c for c in found if c not in known)
    for code in unknown:
        print(f"not in the table: {code} ({found[code]} lines)")
    print(f"coverage: {len(labels) - len(missing)} of {len(labels)} CAMEO codes have a verb or "
          f"pattern; {sum(found.values())} coded lines")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
