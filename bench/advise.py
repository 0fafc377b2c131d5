"""The plain-language advisor's speed: the bundled content and a generated repository, cold and warm.

    .venv/bin/python bench/advise.py [--count 1000]

Cold: a fresh process's first run (Voikko opened, every word analysed once). Warm: the same
run again in the same process (analyses cached per word). Validation (needed first, to get the
documents and their positions) is timed apart. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.generate import write_repository  # noqa: E402

from pathapi.content.advice.repository import advise  # noqa: E402
from pathapi.content.sources import read_directory  # noqa: E402
from pathapi.content.validator import validate_files  # noqa: E402
from pathapi.voikko import BACKEND  # noqa: E402


def measure(root: Path) -> tuple[int, int, float, float, float]:
    """(documents, texts advised, validation s, cold advice s, warm advice s) for the repository at ROOT."""
    files = read_directory(root)
    start = time.perf_counter()
    validation = validate_files(files)
    validated = time.perf_counter()
    first = advise(files, validation)
    cold = time.perf_counter()
    advise(files, validation)
    warm = time.perf_counter()
    return (len(validation.documents), len(first.scores), validated - start, cold - validated, warm - cold)


def main() -> int:
    """Measure the bundled content, then a generated repository of COUNT paths."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="paths in the generated repository")
    args = parser.parse_args()
    rows = [("bundled content", *measure(ROOT))]
    with tempfile.TemporaryDirectory() as tmp:
        write_repository(Path(tmp), args.count)
        rows.append((f"generated, {args.count} paths", *measure(Path(tmp))))
    print(f"Voikko backend: {BACKEND}\n")
    print("| repository | documents | scores | validate s | advise cold s | advise warm s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, docs, scores, validate, cold, warm in rows:
        print(f"| {name} | {docs} | {scores} | {validate:.2f} | {cold:.2f} | {warm:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
