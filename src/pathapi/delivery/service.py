"""How a read is answered: which edition and catalog, for whom, cached for how long."""

from __future__ import annotations

import hmac
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pathapi.delivery.catalog import Catalog
from pathapi.delivery.edition import Edition
from pathapi.delivery.library import Library
from pathapi.delivery.problems import ProblemError, unauthorized

YEAR = 31_536_000
PREVIEW_CACHE = "private, no-store"


@dataclass(frozen=True)
class Context:
    """The edition and catalog a read is answered from, and its Cache-Control."""

    edition: Edition
    catalog: Catalog
    cache_control: str
    preview: bool
    authorization_matters: bool = False


class ReadService:
    """Resolves ``version=``, ``ref=`` and preview access to a Context; no web framework."""

    def __init__(self, library: Library, clock: Callable[[], datetime], max_age: int,
                 preview_token: str | None) -> None:
        self.library = library
        self.clock = clock
        self.max_age = max_age
        self.preview_token = preview_token

    def is_preview(self, authorization: str | None) -> bool:
        """True for a valid preview bearer token, False for none; 401 for a wrong one."""
        if not authorization:
            return False
        if not self.preview_token:
            raise unauthorized("preview is not enabled on this server; send no Authorization header")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), self.preview_token.encode()):
            raise unauthorized("invalid preview token")
        return True

    def context(self, params: dict[str, Any], authorization: str | None) -> Context:
        """The Context for parsed query PARAMS and the request's Authorization header."""
        preview = self.is_preview(authorization)
        version, ref = params.get("version"), params.get("ref")
        if version and ref:
            raise ProblemError(400, "Bad Request", "give either 'version' or 'ref', not both", parameter="ref")
        if ref and not preview:
            raise unauthorized("query parameter 'ref' is for previews: send Authorization: Bearer <token>")
        now = self.clock()
        if ref:
            edition = self.library.ref(ref)
        elif version:
            edition = self.library.version(version, preview=preview)
        else:
            edition = self.library.state.edition
        if preview:
            return Context(edition, edition.preview(), PREVIEW_CACHE, True, True)
        cache_control = self._cache_control(edition, now, pinned=bool(version))
        # With previews enabled the same URL answers differently with a token: caches must key on it.
        return Context(edition, edition.public(now), cache_control, False, bool(self.preview_token))

    def _cache_control(self, edition: Edition, now: datetime, *, pinned: bool) -> str:
        """Long and immutable for a pinned version; short for live; never past a scheduled change."""
        upcoming = edition.schedule.next_change(now)
        until = math.ceil((upcoming - now).total_seconds()) if upcoming else None
        if pinned:
            return f"public, max-age={YEAR}, immutable" if until is None else f"public, max-age={min(YEAR, until)}"
        return f"public, max-age={self.max_age if until is None else min(self.max_age, until)}"
