"""Signed sync tokens and cursors: the server reads back only what it handed out.

A token or cursor is ``<prefix><base64url JSON>.<base64url HMAC-SHA256>``; the MAC covers the
prefix too, so a token cannot pass for a cursor. The key is ``PATHAPI_TOKEN_SECRET`` when set;
otherwise every replica derives the same one from the root commit(s) of the repository it
serves. That default keeps replicas in agreement without configuration, but anyone holding
the repository can compute it: set a secret in production. Whatever the key, every field is
also checked on its own (pathapi.delivery.token_fields), and against the server's state
(published history, schedule, topics) where it is used, so a forged token can never select an
answer the client could not have reached honestly.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from typing import Any

import orjson

from pathapi.delivery.problems import ProblemError
from pathapi.store.git import ContentRepository

TOKEN, CURSOR = "t2.", "c2."  # t1./c1. were unsigned: they are refused with a start-over 400
RESYNC = "start over with GET /v1/sync without a token"


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
