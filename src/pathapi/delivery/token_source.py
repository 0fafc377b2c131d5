"""Token settings that may live in files, re-read when the file changes: rotation without a restart.

``PATHAPI_INTRANET_TOKENS=@/run/secrets/intranet-tokens`` reads ``name:secret`` entries (one per
line or comma-separated; ``#`` starts a comment) from that file. Every worker looks at the file's
modification time and size at most every CHECK_SECONDS, on a request, and swaps in the new set;
a file that cannot be read or parsed keeps the previous set and is logged (without secrets).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pathapi.delivery.access import INTRANET_RIGHT, PREVIEW_RIGHT, Grant, TokenSet
from pathapi.delivery.access import VARIABLES as LIST_VARIABLES

CHECK_SECONDS = 5.0
VARIABLES = (LIST_VARIABLES[PREVIEW_RIGHT], LIST_VARIABLES[INTRANET_RIGHT])
log = logging.getLogger("pathapi.tokens")


def _value(setting: str | None) -> tuple[str | None, Path | None]:
    """A setting's inline value, or the file an ``@FILE`` value names."""
    if setting and setting.strip().startswith("@"):
        return None, Path(setting.strip()[1:])
    return setting, None


def _read(file: Path) -> str:
    """The entries of a token file as one comma-separated value, comments and blank lines dropped."""
    lines = (line.split("#", 1)[0].strip() for line in file.read_text(encoding="utf-8").splitlines())
    return ",".join(line for line in lines if line)


class TokenSource:
    """The current TokenSet, from settings and token files; re-read when a file changes."""

    def __init__(
        self,
        preview: str | None = None,
        intranet: str | None = None,
        previews: str | None = None,
        intranets: str | None = None,
        *,
        check_seconds: float = CHECK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._single = (preview, intranet)
        self._lists = (_value(previews), _value(intranets))
        self._files = [file for _, file in self._lists if file is not None]
        self._check_seconds, self._clock = check_seconds, clock
        self._lock = threading.Lock()
        self._signature = self._stat()
        self._set = self._load()  # a broken file at start is a ValueError: the server does not start
        self._checked = clock()

    def _stat(self) -> tuple[tuple[int, int] | None, ...]:
        found: list[tuple[int, int] | None] = []
        for file in self._files:
            try:
                st = file.stat()
                found.append((st.st_mtime_ns, st.st_size))
            except OSError:
                found.append(None)
        return tuple(found)

    def _load(self) -> TokenSet:
        values = []
        for (value, file), variable in zip(self._lists, VARIABLES, strict=True):
            try:
                values.append(value if file is None else _read(file))
            except (OSError, UnicodeDecodeError) as err:
                raise ValueError(f"{variable}: cannot read the token file {file}: {err}") from None
        return TokenSet.from_settings(*self._single, *values)

    @property
    def current(self) -> TokenSet:
        """The token set to check a request against (files re-read when they changed)."""
        if self._files and self._clock() - self._checked >= self._check_seconds:
            self._refresh()
        return self._set

    def _refresh(self) -> None:
        with self._lock:
            self._checked = self._clock()
            signature = self._stat()
            if signature == self._signature:
                return
            self._signature = signature  # a broken file is reported once per change, not on every check
            try:
                fresh = self._load()
            except (OSError, ValueError) as err:
                log.error("token file not reloaded, the previous tokens stay valid: %s", err)
                return
            self._set = fresh
            log.warning("token file reloaded (process %d): %s", os.getpid(), ", ".join(fresh.names()) or "no tokens")

    def __bool__(self) -> bool:
        return bool(self._files) or bool(self._set)

    def grant(self, authorization: str | None) -> Grant:
        """The Grant of an Authorization header (see TokenSet.grant)."""
        return self.current.grant(authorization)

    def name_of(self, authorization: str | None) -> str | None:
        """The token's name for the access log (see TokenSet.name_of)."""
        return self.current.name_of(authorization)
