"""Cost of ``updated_at``: when each file last changed, from git history, full pass vs incremental.

    .venv/bin/python bench/updates.py [--files 10000] [--commits 2000] [--per-commit 5]

Builds a repository with ``git fast-import``: one commit adding FILES files under
``content/paths/``, then COMMITS commits changing PER-COMMIT files each, so the oldest files
were last changed at the very first commit and the log must be read to its start. Times:

- the full pass (``find_updates`` without a previous result: one streamed
  ``git log --first-parent --name-only`` read back until every file is found);
- the incremental pass after one more commit, given the previous result (what a server's
  follower does): only the new commits are read;
- for comparison, one ``git log -1 -- <file>`` per file on a sample, extrapolated to all files.

Writes the numbers to bench/results/updates-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from pathapi.store.git import ContentRepository
from pathapi.store.updates import find_updates

RESULTS = Path(__file__).resolve().parent / "results"


def fast_import(root: Path, files: int, commits: int, per_commit: int) -> None:
    """Write the history with one ``git fast-import`` stream."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    rng = random.Random(7)
    lines: list[str] = []
    when = 1_700_000_000

    def commit(changes: list[int], message: str) -> None:
        nonlocal when
        when += 60
        lines.extend(
            ["commit refs/heads/main", f"committer Bench <bench@invalid> {when} +0000", f"data {len(message)}", message]
        )
        for index in changes:
            body = json.dumps({"id": f"p{index}", "rev": when})
            lines.extend([f"M 100644 inline content/paths/p{index}.json", f"data {len(body)}", body])
        lines.append("")

    commit(list(range(files)), "initial")
    for number in range(commits):
        commit(rng.sample(range(files), per_commit), f"change {number}")
    stream = "\n".join(lines) + "\n"
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream.encode(), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)


def main() -> int:
    """Run the benchmark and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=2_000)
    parser.add_argument("--per-commit", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        fast_import(root, args.files, args.commits, args.per_commit)
        repo = ContentRepository(root)
        head = repo.head()
        paths = {e.path for e in repo.list_files(head.sha)}
        started = time.perf_counter()
        full = find_updates(repo, head.sha, paths, head.committed_at)
        full_s = time.perf_counter() - started
        (root / "content/paths/p0.json").write_text('{"id": "p0", "rev": "new"}')
        subprocess.run(
            ["git", "-c", "user.name=b", "-c", "user.email=b@invalid", "commit", "-qam", "one more"],
            cwd=root,
            check=True,
        )
        new = repo.head()
        started = time.perf_counter()
        incremental = find_updates(repo, new.sha, paths, new.committed_at, full)
        incremental_s = time.perf_counter() - started
        assert incremental.files["content/paths/p0.json"] == new.committed_at.astimezone(UTC).replace(microsecond=0)
        sample = sorted(paths)[:100]
        started = time.perf_counter()
        for path in sample:
            repo.log(new.sha, path, limit=1)
        per_file_s = (time.perf_counter() - started) / len(sample) * len(paths)
    result = {
        "files": args.files,
        "commits": args.commits + 2,
        "full_pass_s": round(full_s, 3),
        "incremental_s": round(incremental_s, 4),
        "one_log_per_file_s_extrapolated": round(per_file_s, 1),
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"updates-{datetime.now(UTC):%Y%m%dT%H%M%S}.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
