"""The helper process: it reads the schema files and the files to check on stdin, and writes one answer per
file on stdout (``content.helper`` starts it and makes the parent's checks from its answers)."""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from pathapi.content.bulk import collector_paused
from pathapi.content.findings import Problem
from pathapi.content.limits import Limits
from pathapi.content.parsing import long_digit_run, parse_json
from pathapi.content.sources import SourceFile

if TYPE_CHECKING:
    from pathapi.content.validator import Validator


@dataclass(frozen=True)
class Answer:
    """The helper's outcome for one file: its problems, and the document's schema version if one came of it."""

    path: str
    problems: tuple[Problem, ...]
    version: int | None = None  # None: no document (the file is refused)
    data: Any = None  # the document's data when orjson would not read it as the standard parser does
    valid_blob: bool = False  # passed its schema (for the record of known-valid blobs)


def frame(data: bytes) -> bytes:
    """DATA with its length before it (a message on a pipe that carries more than one)."""
    return len(data).to_bytes(8, "big") + data


def answer(validator: Validator, file: SourceFile) -> Answer:
    """Check FILE here (in the helper) and say what the parent needs to make its FileCheck."""
    check = validator.check_file(file)
    if check.document is None:
        return Answer(file.path, check.problems)
    # The parent reads the bytes with orjson, as check_file did, unless a long number may make it differ
    # (never in a file check_file read the fast way: ``parsing.plain_value`` made sure).
    data = parse_json(file.data) if not check.positions.plain and long_digit_run(file.data) else None
    return Answer(file.path, check.problems, check.document.schema_version, data, True)


@dataclass(frozen=True)
class Guess:
    """What a helper read and worked out before it was asked (``store.head_start``): the bytes of the files
    it read (the parent does not send them), and their answers for the schemas and limits it guessed."""

    schema_files: dict[str, bytes]
    limits: Limits
    data: dict[tuple[str, str], bytes]  # by path and blob id
    answers: dict[tuple[str, str], Answer]


def main(guess: Guess | None = None) -> int:
    """The helper: read the schemas and files on stdin, check the files, write the answers on stdout.

    A file sent without its bytes is one of GUESS's; its answer is kept when the schemas and limits are
    the ones guessed."""
    from pathapi.content.validator import Validator

    given = sys.stdin.buffer.read()
    if not given:
        return 0  # started early and not needed after all
    with collector_paused():
        schema_files, limits, files = pickle.loads(given)
        same = guess is not None and guess.schema_files == schema_files and guess.limits == limits
        validator = None
        answers = []
        for path, data, blob_id in files:
            found = guess.answers.get((path, blob_id)) if same and guess is not None else None
            if found is None:
                if data is None and guess is not None:
                    data = guess.data[(path, blob_id)]
                if validator is None:
                    validator = Validator.for_files([SourceFile(p, d) for p, d in schema_files.items()], limits)
                found = answer(validator, SourceFile(path, data, blob_id))
            answers.append(found)
    shallow = [tuple(getattr(a, f.name) for f in fields(a)) for a in answers]  # no class of __main__
    sys.stdout.buffer.write(pickle.dumps(shallow))
    return 0


def leave(status: int) -> None:
    """End the helper with STATUS once its answers are out, without tearing down the thousands of
    documents it made: the parent waits for this exit (~50 ms on 5,000 documents)."""
    sys.stdout.flush()
    os._exit(status)


if __name__ == "__main__":
    leave(main())
