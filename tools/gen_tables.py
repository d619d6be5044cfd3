#!/usr/bin/env python3
"""gen_tables.py -- generates src/cameo_table.c from the CAMEO reference tables.

Usage:
    python3 tools/gen_tables.py REFERENCE_DIR OUTPUT.c [--check]

REFERENCE_DIR holds cameo_events.tsv (code, label, Goldstein score, quad
class) and plover_mapping.tsv (CAMEO code -> PLOVER event type and mode).
The output is a C file with one static array of vigil_cameo records, one per
CAMEO code, sorted by code in byte order (strcmp order), so src/cameo.c can
look codes up by binary search.

The output depends only on the two input files: no dates, no paths other
than the file names, no dictionary ordering. That lets CI regenerate the
file and compare it with the committed one; --check does exactly that and
exits 1 (printing what to run) when the committed file is out of date.

PLOVER-only codes: plover_mapping.tsv also lists 1214 ("Reject intelligence
cooperation"), which comes from the CAMEO2PLOVER crosswalk and is not a
CAMEO code in cameo_events.tsv (no codebook entry, no Goldstein score). It
is left out of the table, so vigil_cameo_lookup("1214") is NULL. The
generator names such codes in the file's header comment so the omission is
visible. A CAMEO code without a PLOVER row is an error, as is any
inconsistency we can detect (duplicate codes, a quad class that does not
match the root, a malformed number).

Only the Python standard library is used.
"""

import argparse
import csv
import os
import sys

EVENTS_FILE = "cameo_events.tsv"
PLOVER_FILE = "plover_mapping.tsv"


class TableError(Exception):
    """A problem in the reference tables, reported as file:line: message."""


def read_tsv(path):
    """Returns (header, rows) of a tab-separated file; each row is a dict
    with the 1-based line number under the key "__line__"."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            raise TableError("%s: empty file" % path)
        rows = []
        for lineno, cells in enumerate(reader, start=2):
            if not cells or all(c.strip() == "" for c in cells):
                continue
            cells = cells + [""] * (len(header) - len(cells))
            row = dict(zip(header, cells))
            row["__line__"] = lineno
            rows.append(row)
    return header, rows


def require_columns(path, header, names):
    missing = [n for n in names if n not in header]
    if missing:
        raise TableError("%s:1: missing column(s) %s" % (path, ", ".join(missing)))


def quad_of_root(root):
    """The quad class CAMEO assigns to a root code: 01-05 verbal
    cooperation, 06-09 material cooperation, 10-14 verbal conflict, 15-20
    material conflict."""
    r = int(root)
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 9:
        return 2
    if 10 <= r <= 14:
        return 3
    if 15 <= r <= 20:
        return 4
    return 0


def check_code(where, code):
    if not (2 <= len(code) <= 4) or not code.isascii() or not code.isdigit():
        raise TableError("%s: bad CAMEO code %r" % (where, code))


def load(ref_dir):
    """Reads both tables and returns (records, plover_only_codes)."""
    ev_path = os.path.join(ref_dir, EVENTS_FILE)
    pl_path = os.path.join(ref_dir, PLOVER_FILE)

    header, plover_rows = read_tsv(pl_path)
    require_columns(pl_path, header, ["cameo_code", "plover_event_type", "plover_mode"])
    plover = {}
    for row in plover_rows:
        where = "%s:%d" % (PLOVER_FILE, row["__line__"])
        code = row["cameo_code"].strip()
        check_code(where, code)
        if code in plover:
            raise TableError("%s: duplicate code %s" % (where, code))
        plover[code] = (row["plover_event_type"].strip(), row["plover_mode"].strip())

    header, event_rows = read_tsv(ev_path)
    require_columns(ev_path, header, ["code", "label", "goldstein", "quad_class", "root_code"])
    records = {}
    for row in event_rows:
        where = "%s:%d" % (EVENTS_FILE, row["__line__"])
        code = row["code"].strip()
        check_code(where, code)
        if code in records:
            raise TableError("%s: duplicate code %s" % (where, code))
        root = row["root_code"].strip()
        if root != code[:2]:
            raise TableError("%s: root %r does not match code %s" % (where, root, code))
        gold_text = row["goldstein"].strip()
        try:
            gold = float(gold_text)
        except ValueError:
            raise TableError("%s: bad Goldstein score %r" % (where, gold_text)) from None
        if not -10.0 <= gold <= 10.0:
            raise TableError("%s: Goldstein score %s out of range" % (where, gold_text))
        quad_text = row["quad_class"].strip()
        if not quad_text.isdigit() or int(quad_text) != quad_of_root(root):
            raise TableError("%s: quad class %r does not match root %s" % (where, quad_text, root))
        if code not in plover:
            raise TableError("%s: code %s has no row in %s" % (where, code, PLOVER_FILE))
        label = row["label"].strip()
        if not label:
            raise TableError("%s: empty label" % where)
        ptype, pmode = plover[code]
        # The score is written as the text of the table (normalised to one
        # decimal), not through float repr, so the output is stable.
        records[code] = (code, label, "%.1f" % gold, int(quad_text), ptype, pmode)

    plover_only = sorted(c for c in plover if c not in records)
    # Python's default string order on ASCII digits is strcmp's byte order.
    return [records[c] for c in sorted(records)], plover_only


def c_string(s):
    """A C string literal for s: quotes, backslashes and control bytes are
    escaped, non-ASCII bytes are written as octal escapes of their UTF-8
    encoding (octal, unlike \\x, stops after three digits), and '?' is
    escaped so no trigraph can form."""
    out = ['"']
    for b in s.encode("utf-8"):
        ch = chr(b)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "?":
            out.append("\\?")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif 0x20 <= b < 0x7F:
            out.append(ch)
        else:
            out.append("\\%03o" % b)
    out.append('"')
    return "".join(out)


def render(records, plover_only):
    lines = []
    w = lines.append
    w("/*")
    w(" * cameo_table.c -- the CAMEO event codes with labels, Goldstein scores, quad")
    w(" * classes and PLOVER types.")
    w(" *")
    w(" * generated by tools/gen_tables.py from %s and %s; do not edit." % (EVENTS_FILE, PLOVER_FILE))
    w(" * Regenerate with `make tables`; CI runs the generator with --check.")
    w(" *")
    w(" * %d records, sorted by code in strcmp order for binary search." % len(records))
    if plover_only:
        w(" * Left out: %s (in %s only; not a CAMEO code)." % (", ".join(plover_only), PLOVER_FILE))
    w(" */")
    w('#include "cameo.h"')
    w("")
    w("/* clang-format off */")
    w("static const vigil_cameo cameo_table[] = {")
    for code, label, gold, quad, ptype, pmode in records:
        w("    {%s, %s, %s, %d, %s, %s}," % (c_string(code), c_string(label), gold, quad,
                                          c_string(ptype), c_string(pmode)))
    w("};")
    w("/* clang-format on */")
    w("")
    w("const vigil_cameo *vg_cameo_table(size_t *n)")
    w("{")
    w("    if (n) *n = sizeof cameo_table / sizeof cameo_table[0];")
    w("    return cameo_table;")
    w("}")
    return "\n".join(lines) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(description="Generate src/cameo_table.c from the CAMEO tables.")
    ap.add_argument("reference_dir", help="folder holding %s and %s" % (EVENTS_FILE, PLOVER_FILE))
    ap.add_argument("output", help="the C file to write (or compare with --check)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if OUTPUT differs from what would be generated")
    args = ap.parse_args(argv)

    try:
        records, plover_only = load(args.reference_dir)
    except (OSError, TableError) as e:
        print("gen_tables.py: %s" % e, file=sys.stderr)
        return 2
    text = render(records, plover_only)

    if args.check:
        try:
            with open(args.output, encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError as e:
            print("gen_tables.py: %s" % e, file=sys.stderr)
            return 1
        if current != text:
            print("gen_tables.py: %s is out of date; run `make tables`" % args.output,
                  file=sys.stderr)
            return 1
        return 0

    # Write through a temporary file so a failed run never leaves half a table.
    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
