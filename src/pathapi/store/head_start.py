"""A head start for the validation helper of a cold ``pathapi serve`` on a large repository.

Before the server has imported its own modules (``start``), the helper process starts and checks,
on its own, the share of HEAD's content files it will most likely be asked for: it lists the
commit, reads those blobs and the schemas with one ``git cat-file`` and checks them (``main``).
When the build then sends its real question (``content.helper``; ``content.helper_process`` is
what runs in the helper), the helper's first message has told which files it read (their bytes
are not sent again), and every answer whose path, blob, schemas and limits are the same is kept;
the rest is checked then. Nothing depends on the guess: a wrong one costs only the time of a
processor that would otherwise wait. ``pathapi serve`` starts it before the command line's
modules load (``start_for_command``).
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from pathapi.content import helper, helper_process
from pathapi.content.bulk import collector_paused
from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR
from pathapi.content.sources import SourceFile
from pathapi.store.blobs import cat_file, when_waiting
from pathapi.store.git_values import MissingObjectError

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


def _read_share(repo: Path) -> tuple[dict[str, bytes], dict[tuple[str, str], bytes]]:
    """The schema files of REPO's HEAD, and the bytes of the share of its content files the build will most
    likely ask for (every file unknown), by path and blob id."""
    entries = _listing(repo)
    schemas = [(p, b) for p, b in entries if p.startswith(f"{SCHEMA_DIR}/") and p.endswith(".json")]
    content = [(p, b) for p, b in entries if p.startswith(f"{CONTENT_DIR}/")]
    share = content[len(content) - int(len(content) * helper.EARLY_SHARE) :]
    importing = threading.Thread(target=_import_validator, daemon=True)  # while git reads the blobs
    when_waiting(importing.start)
    data = cat_file(["-C", str(repo)], [b for _, b in schemas + share])
    return dict(zip([p for p, _ in schemas], data, strict=False)), dict(zip(share, data[len(schemas) :], strict=True))


def _import_validator() -> None:
    import pathapi.content.validator  # noqa: F401


def guess(schema_files: dict[str, bytes], share: dict[tuple[str, str], bytes]) -> helper_process.Guess:
    """The answers for SHARE, checked against SCHEMA_FILES and the limits of this environment."""
    from pathapi.content.validator import Validator

    validator = Validator.for_files([SourceFile(p, d) for p, d in schema_files.items()])
    answers = {
        (path, blob_id): helper_process.answer(validator, SourceFile(path, data, blob_id))
        for (path, blob_id), data in share.items()
    }
    return helper_process.Guess(schema_files, validator.limits, share, answers)


def main(argv: list[str]) -> int:
    """The helper with a head start on the repository ARGV[0]. Its first message names the files it read
    (always sent, empty when reading failed); then it is a plain helper that already knows some answers."""
    try:
        schema_files, share = _read_share(Path(argv[0]))
    except (OSError, subprocess.CalledProcessError, MissingObjectError, UnicodeDecodeError, ValueError):
        schema_files, share = {}, {}
    sys.stdout.buffer.write(helper_process.frame(pickle.dumps(list(share))))
    sys.stdout.buffer.flush()
    with collector_paused():
        found = guess(schema_files, share) if share else None
    return helper_process.main(found)


if __name__ == "__main__":
    helper_process.leave(main(sys.argv[1:]))
