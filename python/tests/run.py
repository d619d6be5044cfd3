"""Runs the binding's unittest modules matching a pattern and prints the
line tests/run.sh adds up: "NAME: N passed, N failed" (skipped tests are
listed with their reason and counted in neither). Exit 1 on any failure.

    python3 python/tests/run.py NAME 'test_binding.py'
"""

import os
import sys
import unittest

name, pattern = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
suite = unittest.defaultTestLoader.discover(here, pattern=pattern, top_level_dir=here)
result = unittest.TextTestRunner(stream=sys.stdout, verbosity=1).run(suite)
for test, reason in result.skipped:
    print("%s: skipped %s: %s" % (name, test.id(), reason))
for test, tb in result.failures + result.errors:
    print("FAIL %s\n%s" % (test.id(), tb))
failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
passed = result.testsRun - failed - len(result.skipped) - len(result.expectedFailures)
print("%s: %d passed, %d failed" % (name, passed, failed))
sys.exit(1 if failed or result.testsRun == 0 else 0)
