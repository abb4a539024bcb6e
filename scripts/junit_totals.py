"""Print one closing line with the totals of every pytest run's JUnit report."""

import sys
import xml.etree.ElementTree as ET


def main(paths: list[str]) -> int:
    passed = failed = skipped = 0
    for path in paths:
        try:
            root = ET.parse(path).getroot()  # noqa: S314 - our own pytest's report
        except (OSError, ET.ParseError):
            continue
        for suite in root.iter("testsuite"):
            tests = int(suite.get("tests", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skip = int(suite.get("skipped", 0))
            passed += tests - bad - skip
            failed += bad
            skipped += skip
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0 if passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
