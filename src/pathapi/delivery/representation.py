"""Prebuilt response bodies with their strong ETags, computed once per snapshot."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson


@dataclass(frozen=True)
class Representation:
    """A serialized JSON body, its strong ETag, its language, when it last changed, its web links."""

    body: bytes
    etag: str
    language: str
    last_modified: datetime | None = None
    links: tuple[tuple[str, str], ...] = ()  # (relation, URL) for an RFC 8288 Link header


def of_bytes(body: bytes, language: str, last_modified: datetime | None = None) -> Representation:
    """A Representation of bytes already serialized; the ETag comes from the bytes and language."""
    digest = hashlib.blake2b(body, digest_size=16)
    digest.update(language.encode())
    return Representation(body, f'"{digest.hexdigest()}"', language, last_modified)


def represent(payload: Any, language: str, last_modified: datetime | None = None) -> Representation:
    """Serialize PAYLOAD once and derive its ETag from the bytes (and the language)."""
    return of_bytes(orjson.dumps(payload), language, last_modified)
