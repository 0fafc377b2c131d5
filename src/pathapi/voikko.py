"""Finnish morphology by Voikko, shared by search and the plain-language advisor.

libvoikko (the C library with its Finnish dictionary, ~100x faster than pyvoikko) is opened lazily
once per process; pyvoikko (pure Python, no spelling suggestions) stands in when it is missing.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


class Native:
    """A libvoikko handle opened lazily once per process: a handle or lock must never cross a fork,
    and one handle serves one thread at a time."""

    def __init__(self) -> None:
        self.pid = -1
        self.handle: Any = None
        self.lock = threading.Lock()
        self.available = libvoikko_handle() is not None

    def _handle(self) -> Any:
        if self.pid != os.getpid():
            self.lock, self.pid = threading.Lock(), os.getpid()
            self.handle = libvoikko_handle()
        return self.handle

    def analyze(self, word: str) -> list[dict[str, str]]:
        """libvoikko's analyses of WORD (dicts of BASEFORM, CLASS, STRUCTURE, …)."""
        handle = self._handle()
        with self.lock:
            return list(handle.analyze(word))

    def spell(self, word: str) -> bool:
        """True when the dictionary accepts WORD as written."""
        handle = self._handle()
        with self.lock:
            return bool(handle.spell(word))

    def suggest(self, word: str) -> list[str]:
        """Spellings the dictionary suggests for WORD, best first."""
        handle = self._handle()
        with self.lock:
            return list(handle.suggest(word))


def libvoikko_handle() -> Any:
    """A libvoikko handle for Finnish, or None when the binding, library or dictionary is missing."""
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except (ImportError, OSError, Exception):
        return None


NATIVE = Native()
BACKEND = "libvoikko" if NATIVE.available else "pyvoikko"


def segments(word: str, structure: str) -> list[str]:
    """WORD cut at the compound boundaries (``=``) of a libvoikko STRUCTURE string."""
    found, current, at = [], "", 0
    for mark in structure:
        if mark == "=":
            if current:
                found.append(current)
            current = ""
        elif at < len(word):
            current, at = current + word[at], at + 1
    found.append(current)
    return [s.strip("-") for s in found if s.strip("-")]


@dataclass(frozen=True)
class Reading:
    """One analysis of a Finnish word: base form, word class, inflection and compound parts."""

    base: str
    word_class: str = ""
    case: str = ""
    participle: str = ""
    mood: str = ""
    person: str = ""
    parts: tuple[str, ...] = ()


def _native_readings(word: str) -> tuple[Reading, ...]:
    return tuple(
        Reading(
            a.get("BASEFORM", word),
            a.get("CLASS", ""),
            a.get("SIJAMUOTO", "") or "",
            a.get("PARTICIPLE", "") or "",
            a.get("MOOD", "") or "",
            a.get("PERSON", "") or "",
            tuple(segments(word, a.get("STRUCTURE", ""))),
        )
        for a in NATIVE.analyze(word)
    )


def _pure_readings(word: str) -> tuple[Reading, ...]:
    import pyvoikko  # ~1.5 s to load its dictionary: only when libvoikko is missing

    return tuple(
        Reading(
            a.BASEFORM or word,
            a.CLASS or "",
            a.SIJAMUOTO or "",
            a.PARTICIPLE or "",
            a.MOOD or "",
            a.PERSON or "",
            tuple(p.BASEFORM or "" for p in a.COMPOUND_PARTS or ()) or (word,),
        )
        for a in pyvoikko.analyse(word)
    )


@lru_cache(maxsize=65_536)
def readings(word: str) -> tuple[Reading, ...]:
    """Every analysis Voikko gives WORD (cached per word); empty when Voikko does not know it."""
    return _native_readings(word) if NATIVE.available else _pure_readings(word)


@lru_cache(maxsize=16_384)
def suggestions(word: str, limit: int = 3) -> tuple[str, ...]:
    """Up to LIMIT spellings Voikko suggests for an unknown WORD (none without libvoikko)."""
    return tuple(NATIVE.suggest(word)[:limit]) if NATIVE.available else ()


def known(word: str) -> bool:
    """True when Voikko accepts WORD as written (capitalisation included)."""
    return NATIVE.spell(word) if NATIVE.available else bool(readings(word))
