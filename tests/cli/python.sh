#!/bin/sh
# tests/cli/python.sh — the Python binding (python/vigil, docs/python.md):
# python/tests/test_binding.py with unittest, against libvigil.so and the
# vigil command of the build: the same events as the CLI, errors with the
# library's message, threads in parallel with the GIL released, pandas.
#
# The binding loads libvigil.so into python3 with ctypes. A library built
# with sanitizers (make asan) cannot be loaded that way without preloading
# libasan into the interpreter, so under a sanitized build this suite says
# so and runs nothing: `make test` runs it on the ordinary build.
BUILD=${VIGIL_BUILD:-build}
NAME=${VIGIL_PY_NAME:-python}
PATTERN=${VIGIL_PY_TESTS:-test_binding.py}
cd "$(dirname "$0")/../.." || exit 2
PY=${PYTHON:-python3}
[ -z "$PYTHON" ] && [ -x /usr/bin/python3 ] && PY=/usr/bin/python3 # Debian's, with its packages
if ! command -v "$PY" >/dev/null 2>&1; then
    echo "$NAME: skipped: python3 is not installed"
    echo "$NAME: 0 passed, 0 failed"
    exit 0
fi
if ldd "$BUILD/libvigil.so" 2>/dev/null | grep -q 'libasan\|libubsan'; then
    echo "$NAME: skipped: $BUILD/libvigil.so is built with sanitizers (make test runs this suite)"
    echo "$NAME: 0 passed, 0 failed"
    exit 0
fi
VIGIL_LIB=$PWD/$BUILD/libvigil.so VIGIL_CLI=$PWD/$BUILD/vigil \
    timeout 300 "$PY" python/tests/run.py "$NAME" "$PATTERN" 2>&1
