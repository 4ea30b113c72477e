"""Runs every unittest test under tests/interop/ and prints `interop: N passed, N failed`.

Used by run.sh; needs only the Python standard library. Exit status 0 only if all passed.
"""

import pathlib
import sys
import unittest

REPO = pathlib.Path(__file__).resolve().parents[2]
TESTS = REPO / "tests" / "interop"


class CountingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.passed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1


def main() -> int:
    loader = unittest.TestLoader()
    suite = loader.discover(str(TESTS), pattern="test*.py", top_level_dir=str(TESTS))
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=CountingResult)
    result = runner.run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    # Module import errors show up as errors from unittest.loader._FailedTest, so they count.
    skipped = len(result.skipped)
    line = f"interop: {result.passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    if result.testsRun == 0:
        print("interop: no tests found under " + str(TESTS))
        failed = max(failed, 1)
        line = f"interop: 0 passed, {failed} failed"
    print(line)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
