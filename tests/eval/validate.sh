#!/bin/sh
# tests/eval/validate.sh — PETRARCH's unit-test records through `vigil validate`
# (issue 4's measure: at least 251 of the 279 active records). Prints the
# summary line; skips cleanly without ../shared.
BUILD=${VIGIL_BUILD:-build}
F=${1:-../shared/third_party/petrarch2/validation/PETR.UnitTest.records.xml}
if [ ! -f "$F" ]; then echo "validate: skipped ($F not found)"; exit 0; fi
"$BUILD/vigil" validate --quiet "$F" | tail -n 1
