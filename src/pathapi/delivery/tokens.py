"""Signed sync tokens and cursors: the server reads back only what it handed out.

A token or cursor is ``<prefix><base64url JSON>.<base64url HMAC-SHA256>``; the MAC covers the
prefix too, so a token cannot pass for a cursor. The key is ``PATHAPI_TOKEN_SECRET`` when set;
otherwise every replica derives the same one from the root commit(s) of the repository it
serves. That default keeps replicas in agreement without configuration, but anyone holding
the repository can compute it: set a secret in production. Whatever the key, every field is
also checked on its own (types, allowed values) here, and against the server's state (published
history, schedule, topics) where it is used, so a forged token can never select an answer the
client could not have reached honestly.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from typing import Any

import orjson

from pathapi.content.audience import APP, INTRANET
from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import ID_PATTERN
from pathapi.delivery.problems import ProblemError
from pathapi.store.git import ContentRepository

TOKEN, CURSOR = "t2.", "c2."  # t1./c1. were unsigned: they are refused with a start-over 400
RESYNC = "start over with GET /v1/sync without a token"
PREVIEW_VIEW = "preview"
INTRANET_PREVIEW_VIEW = "intranet-preview"
VIEWS = (APP, PREVIEW_VIEW, INTRANET, INTRANET_PREVIEW_VIEW)  # a token is read back only in its own view
FULL_SHA = re.compile(r"^[0-9a-f]{40}$")
LAST_MICROSECOND = 253_402_300_799_999_999  # 9999-12-31T23:59:59.999999Z: datetime's limit
POINT_FIELDS = frozenset({"commit", "at", "lang", "topic", "view"})
CURSOR_FIELDS = frozenset({"target", "since", "offset"})


def start_over(what: str, reason: str) -> ProblemError:
    """The 400 that tells an app its token or cursor is unusable and how to recover."""
    return ProblemError(400, "Bad Request", f"{what} {reason}; {RESYNC}", parameter=what)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenSeal:
    """Signs payloads the server hands out and opens only those it signed itself."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _mac(self, signed: str) -> bytes:
        return hmac.new(self._key, signed.encode(), hashlib.sha256).digest()

    def seal(self, prefix: str, payload: Any) -> str:
        """PREFIX, PAYLOAD as base64 JSON, and the MAC of both."""
        return self.seal_bytes(prefix, orjson.dumps(payload))

    def seal_bytes(self, prefix: str, raw: bytes) -> str:
        """PREFIX, RAW (JSON text) in base64, and the MAC of both."""
        signed = prefix + _b64(raw)
        return f"{signed}.{_b64(self._mac(signed))}"

    def open(self, prefix: str, value: str, what: str) -> Any:
        """The payload of VALUE; a start-over 400 unless this server sealed it with PREFIX."""
        if not value.startswith(prefix):
            old = value.startswith(prefix[0] + "1.")
            raise start_over(what, "is from an older server version" if old else "is malformed")
        signed, _, mac = value.rpartition(".")
        try:
            valid = bool(signed) and hmac.compare_digest(_unb64(mac), self._mac(signed))
            if not valid:
                raise start_over(what, "was not issued by this server")
            return orjson.loads(_unb64(signed[len(prefix) :]))
        except (ValueError, binascii.Error, orjson.JSONDecodeError):
            raise start_over(what, "is malformed") from None


def default_key(repo: ContentRepository, sha: str) -> bytes:
    """The key every replica of the same repository derives without configuration."""
    roots = sorted(repo.roots(sha))
    return hashlib.sha256(b"pathapi sync tokens v2\0" + ",".join(roots).encode()).digest()


def key_for(secret: str | None, repo: ContentRepository, sha: str) -> bytes:
    """The configured secret's key, else the repository's default key."""
    if secret:
        return hashlib.sha256(b"pathapi sync tokens v2\0secret\0" + secret.encode()).digest()
    return default_key(repo, sha)


def point_fields(payload: Any, what: str) -> tuple[str, int, str, str | None, str, bool]:
    """(commit, at, lang, topic, view, html) of a decoded sync point, each of the right type and range."""
    if not isinstance(payload, dict) or set(payload) - {"html"} != POINT_FIELDS:
        raise start_over(what, "is malformed")
    commit, at, lang, topic, view = (payload[k] for k in ("commit", "at", "lang", "topic", "view"))
    if not (isinstance(commit, str) and FULL_SHA.match(commit)):
        raise start_over(what, "names no commit")
    if type(at) is not int or not 0 <= at <= LAST_MICROSECOND:
        raise start_over(what, "names no moment")
    if not (isinstance(lang, str) and lang in LANGUAGES):
        raise start_over(what, f"names a language other than {', '.join(LANGUAGES)}")
    if topic is not None and not (isinstance(topic, str) and ID_PATTERN.match(topic)):
        raise start_over(what, "names no topic")
    if not (isinstance(view, str) and view in VIEWS):
        raise start_over(what, "names an unknown view")
    html = payload.get("html", False)  # tokens from before format=html have none
    if type(html) is not bool:
        raise start_over(what, "names no format")
    return commit, at, lang, topic, view, html


def cursor_fields(payload: Any) -> tuple[Any, Any, int]:
    """(target payload, since payload or None, offset) of a decoded cursor."""
    if not isinstance(payload, dict) or set(payload) != CURSOR_FIELDS:
        raise start_over("cursor", "is malformed")
    offset = payload["offset"]
    if type(offset) is not int or offset < 1:
        raise start_over("cursor", "names no page")
    return payload["target"], payload["since"], offset
