"""A head start for the validation helper of a cold ``pathapi serve`` on a large repository.

Before the server has imported its own modules (``start``), the helper process starts and checks,
on its own, the share of HEAD's content files it can reach (``helper.REACH``, the last files by
path): it lists the commit, reads those blobs and the schemas with one ``git cat-file`` and checks
them, the last first, writing its answers as it goes (``main``). The build checks the same files
from the front (``content.helper``) and keeps every answer whose path and blob are its own, when the
helper's schemas and limits are its own too. Nothing depends on the guess: a wrong one costs only
the time of a processor that would otherwise wait. ``pathapi serve`` starts it before the command
line's modules load (``start_for_command``).
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from pathapi.content import helper, helper_process
from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR
from pathapi.content.limits import Limits
from pathapi.store.blobs import Meanwhile, cat_file
from pathapi.store.git_values import MissingObjectError

PARTS = (0.1, 0.3, 0.6)  # of the files a helper may reach, from the last: read one part ahead of the one checked

_started_for: list[Path] = []  # the repository of the helper started ahead, if one was (at most one)


def start(repo: Path) -> None:
    """Start the helper of REPO's first build now, when its HEAD has files enough to be worth one
    (once: a helper already started ahead for REPO is kept)."""
    if repo.resolve() in _started_for and helper.has_early():
        return
    _started_for.clear()
    if not helper.wanted(helper.MIN_FILES):
        return
    try:
        entries = _listing(repo)
    except (OSError, subprocess.CalledProcessError, UnicodeDecodeError, ValueError):
        return
    if sum(path.startswith(f"{CONTENT_DIR}/") for path, _ in entries) >= helper.MIN_FILES:
        helper.adopt(helper.start(__name__, str(repo)))
        _started_for.append(repo.resolve())


class _EarlyReading(argparse.ArgumentParser):
    """``serve``'s repository as its real parser reads it, from a parser that needs no module of pathapi."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)  # the real parser says what is wrong, a moment later


def start_for_command(argv: Sequence[str]) -> None:
    """Start the helper of ``pathapi serve`` ARGV before the command line's modules load (a quarter of a
    second sooner). Only ``--repo`` spelt out is read (else the default repository); a wrong reading costs
    nothing but the helper, as ``serve`` then starts its own."""
    early = _EarlyReading(add_help=False, allow_abbrev=False)
    early.add_argument("command")
    early.add_argument("--repo")
    early.add_argument("--dev", action="store_true")
    early.add_argument("-h", "--help", action="store_true")
    try:
        read, _rest = early.parse_known_args(argv)
    except ValueError:
        return
    if read.command != "serve" or read.dev or read.help:
        return
    from pathapi.api.config import default_repository

    start(Path(read.repo) if read.repo else default_repository())


def _listing(repo: Path) -> list[tuple[str, str]]:
    """(path, blob id) of every file under content/ and schemas/ at REPO's HEAD, by path (as the build lists them)."""
    out = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "-z", "--full-tree", "HEAD", "--", CONTENT_DIR, SCHEMA_DIR],
        capture_output=True,
        check=True,
    ).stdout.decode()
    entries = []
    for record in filter(None, out.split("\0")):
        meta, path = record.split("\t", 1)
        _mode, kind, blob = meta.split(" ")
        if kind == "blob":
            entries.append((path, blob))
    return sorted(entries)


File = tuple[str, bytes, str]  # path, bytes, blob id


def _read_share(repo: Path) -> tuple[dict[str, bytes], Iterator[list[File]]]:
    """The schema files of REPO's HEAD, and the content files a helper may reach (``helper.REACH``) in
    parts (PARTS), the last files first: the first part is read at once, each next one while the one
    before it is checked."""
    importing = threading.Thread(target=_import_validator, daemon=True)  # while git lists and reads
    importing.start()
    entries = _listing(repo)
    schemas = [(p, b) for p, b in entries if p.startswith(f"{SCHEMA_DIR}/") and p.endswith(".json")]
    content = [(p, b) for p, b in entries if p.startswith(f"{CONTENT_DIR}/")]
    reach = content[len(content) - int(len(content) * helper.REACH) :]
    ends = [len(reach) - int(len(reach) * sum(PARTS[:number])) for number in range(len(PARTS))] + [0]
    parts = [reach[start:end] for end, start in itertools.pairwise(ends) if start < end]
    where = ["-C", str(repo)]
    data = cat_file(where, [b for _, b in schemas + (parts[0] if parts else [])])
    schema_files = dict(zip([p for p, _ in schemas], data, strict=False))
    first = data[len(schemas) :]

    def checked_in_turn() -> Iterator[list[File]]:
        read_data = first
        for part, following in itertools.zip_longest(parts, parts[1:]):
            reading = Meanwhile(cat_file, where, [b for _, b in following]) if following else None
            yield [(p, d, b) for (p, b), d in zip(part, read_data, strict=True)]
            if reading is None:
                return
            try:
                read_data = reading.result()
            except (OSError, MissingObjectError, ValueError):  # git failed: the build checks the rest itself
                return

    return schema_files, checked_in_turn()


def _import_validator() -> None:
    import pathapi.content.validator  # noqa: F401


def main(argv: list[str]) -> int:
    """The helper with a head start on the repository ARGV[0]: it checks the files it may reach, the last
    first, and writes the answers as it goes (nothing when reading failed: the build checks every file)."""
    try:
        schema_files, parts = _read_share(Path(argv[0]))
    except (OSError, subprocess.CalledProcessError, MissingObjectError, UnicodeDecodeError, ValueError):
        schema_files, parts = {}, iter(())
    return helper_process.check_from_the_back(schema_files, Limits.from_environment(), parts, echo=True)


if __name__ == "__main__":
    helper_process.leave(main(sys.argv[1:]))
