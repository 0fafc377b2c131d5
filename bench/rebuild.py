"""Rebuild after a one-document commit vs a full build, on a generated git repository.

    .venv/bin/python bench/rebuild.py [--documents 10000] [--repeat 5]

Generates a content repository of about DOCUMENTS documents (bench/generate.py), commits it,
and times:

- the full build of its snapshot (read every blob from git, validate, index);
- the rebuild after a commit that changes one path, given the previous snapshot (what the
  server's follower does): unchanged blobs are neither read nor validated again;
- the same through ``Library.refresh()``, the follower's whole step (resolve the live
  target, build, swap).

Prints the times and the ratio rebuild / full build (issue 3's target: <= 0.05), and writes
them to bench/results/rebuild-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_repository
from pathapi.delivery.library import Library
from pathapi.store.git import ContentRepository
from pathapi.store.snapshot import Snapshot, build_snapshot

RESULTS = Path(__file__).resolve().parent / "results"
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@invalid"]


def change_one_path(root: Path, round_number: int) -> str:
    """Edit one path's Finnish title, commit, and return the new commit id."""
    target = sorted((root / "content" / "paths").glob("*.json"))[0]
    data = json.loads(target.read_text())
    data["title"]["fi"] = f"Muutettu otsikko {round_number}"
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    subprocess.run([*GIT, "commit", "-qam", f"Change one path ({round_number})"], cwd=root, check=True)
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip()


def timed_build(repo: ContentRepository, sha: str, previous: Snapshot | None) -> tuple[float, Snapshot]:
    """Seconds to build the snapshot of SHA (reusing PREVIOUS), and the snapshot."""
    start = time.perf_counter()
    result = build_snapshot(repo, repo.commit(sha), previous)
    elapsed = time.perf_counter() - start
    if not isinstance(result, Snapshot):
        sys.exit("the generated repository failed validation:\n" + "\n".join(map(str, result.report.problems[:20])))
    return elapsed, result


def main() -> int:
    """Run the benchmark and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000, help="documents in the repository")
    parser.add_argument("--repeat", type=int, default=5, help="rebuild rounds (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pathapi-bench-rebuild-") as tmp:
        root = Path(tmp) / "repo"
        root.mkdir()
        start = time.perf_counter()
        write_repository(root, args.documents - 30, git=True)  # ~30 channels, topics and segments
        documents = sum(1 for _ in (root / "content").rglob("*.json"))
        print(f"generated {documents} documents in {time.perf_counter() - start:.1f} s")
        repo = ContentRepository(root)

        full, snapshot = timed_build(repo, repo.head().sha, None)
        print(f"full build:  {full:8.3f} s  ({documents / full:.0f} documents/s)")
        rebuilds, refreshes = [], []
        for round_number in range(args.repeat):
            sha = change_one_path(root, round_number)
            seconds, _ = timed_build(repo, sha, snapshot)
            rebuilds.append(seconds)
        library = Library(repo)
        library.refresh(fetch=False)  # the live edition, as a server holds it
        for round_number in range(args.repeat):
            change_one_path(root, 100 + round_number)
            start = time.perf_counter()
            assert library.refresh(fetch=False)
            refreshes.append(time.perf_counter() - start)
        rebuild, refresh = statistics.median(rebuilds), statistics.median(refreshes)
        print(f"rebuild:     {rebuild:8.3f} s  (1 changed of {documents}, median of {args.repeat})")
        print(f"refresh:     {refresh:8.3f} s  (Library.refresh: resolve, build, swap)")
        print(
            f"ratio rebuild / full build: {rebuild / full:.4f}   refresh / full build: {refresh / full:.4f}"
            "   (target <= 0.05)"
        )
        RESULTS.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        result = {
            "documents": documents,
            "full_s": full,
            "rebuild_s": rebuilds,
            "refresh_s": refreshes,
            "ratio_rebuild": rebuild / full,
            "ratio_refresh": refresh / full,
        }
        (RESULTS / f"rebuild-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
