"""Benchmark the content validator on a generated repository of realistic, valid documents.

    .venv/bin/python bench/validator.py [--count 1000] [--repeat 3]

Writes COUNT generated paths (plus the channels, topics and segments they refer to, and a
copy of schemas/) into a temporary directory with bench/generate.py, then times
``validate_files(read_directory(root))`` -- reading the files, compiling the schemas,
JSON parsing, schema checks, single-document rules and the cross-document rules -- and
reports the best of REPEAT runs as documents/s and MB/s. Fails when the report is not
clean: the generator must only produce valid documents.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_repository
from pathapi.content.findings import Report
from pathapi.content.reporters import text
from pathapi.content.sources import read_directory
from pathapi.content.validator import validate_files

SHOW_PROBLEMS = 20


def time_once(root: Path) -> tuple[float, Report, int]:
    """Read and validate ROOT once; return seconds, the report and the bytes read."""
    start = time.perf_counter()
    files = read_directory(root)
    report = validate_files(files).report
    elapsed = time.perf_counter() - start
    return elapsed, report, sum(len(f.data) for f in files if f.path.startswith("content/"))


def best_of(root: Path, repeat: int) -> tuple[float, Report, int]:
    """The fastest of REPEAT timed runs (the others only warm caches)."""
    runs = [time_once(root) for _ in range(repeat)]
    return min(runs, key=lambda run: run[0])


def main() -> int:
    """Generate, validate, check the report is clean and print the throughput."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="paths to generate (default: 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs, best kept (default: 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pathapi-bench-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        write_repository(root, args.count)
        print(f"generated {args.count} paths in {time.perf_counter() - start:.1f} s")
        seconds, report, size = best_of(root, args.repeat)
    if not report.ok:
        shown = Report(report.problems[:SHOW_PROBLEMS], report.checked)
        sys.stdout.write(text(shown))
        if len(report.problems) > SHOW_PROBLEMS:
            print(f"... and {len(report.problems) - SHOW_PROBLEMS} more problems")
        print(
            "FAIL: generated documents must validate cleanly; fix bench/generate.py",
            file=sys.stderr,
        )
        return 1
    docs = report.checked
    print(
        f"validated {docs} documents ({size / 1e6:.1f} MB, {size / docs / 1e3:.1f} KB each) "
        f"in {seconds:.3f} s (best of {args.repeat})"
    )
    print(f"{docs / seconds:,.0f} documents/s, {size / 1e6 / seconds:.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
