#!/bin/sh
# tests/cli/dask.sh — distributed coding (python -m vigil.dask): a real
# scheduler and two worker processes on 127.0.0.1 (python/tests/test_dask.py),
# the result compared with a single-process run and with the CLI, event for
# event. Skips with a message when python3-distributed is absent; the same
# sanitizer rule as tests/cli/python.sh.
VIGIL_PY_NAME=dask VIGIL_PY_TESTS=test_dask.py exec sh "$(dirname "$0")/python.sh"
