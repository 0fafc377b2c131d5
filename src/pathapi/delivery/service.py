"""How a read is answered: which edition and catalog, for whom, cached for how long."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pathapi.content.audience import INTRANET, PUBLIC
from pathapi.delivery.access import INTRANET_RIGHT, PREVIEW_RIGHT, Grant, TokenSet, needs
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.changelog import INTRANET_PREVIEW as INTRANET_PREVIEW
from pathapi.delivery.changelog import PREVIEW as PREVIEW
from pathapi.delivery.edition import Edition
from pathapi.delivery.library import Library
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.token_source import TokenSource
from pathapi.delivery.tokens import TokenSeal, key_for

YEAR = 31_536_000
MISS_MAX_AGE = 30  # a public 404/410 is kept this long at most, so misses do not all reach a replica
PRIVATE_CACHE = "private, no-store"


@dataclass(frozen=True)
class Context:
    """The edition and catalog a read is answered from, and its Cache-Control."""

    edition: Edition
    catalog: Catalog
    cache_control: str
    preview: bool
    authorization_matters: bool = False
    view: str = PUBLIC  # public, intranet or preview: whose eyes the answer is for


class ReadService:
    """Resolves ``version=``, ``ref=`` and preview access to a Context; no web framework."""

    def __init__(
        self,
        library: Library,
        clock: Callable[[], datetime],
        max_age: int,
        tokens: TokenSet | TokenSource | None = None,
        token_secret: str | None = None,
    ) -> None:
        self.library = library
        self.seal = TokenSeal(key_for(token_secret, library.repo, library.state.edition.version))
        self.clock = clock
        self.max_age = max_age
        self.tokens: TokenSet | TokenSource = tokens if tokens is not None else TokenSet(())

    def grant(self, authorization: str | None) -> Grant:
        """The rights of an Authorization header: none without one; 401 for an unknown token."""
        return self.tokens.grant(authorization)

    def access(self, authorization: str | None) -> str:
        """The view a request is read in by default: public, preview, intranet or intranet-preview."""
        return view_of(self.grant(authorization))

    def context(self, params: dict[str, Any], authorization: str | None) -> Context:
        """The Context for parsed query PARAMS and the request's Authorization header."""
        grant = self.grant(authorization)
        version, ref = params.get("version"), params.get("ref")
        if version and ref:
            raise ProblemError(400, "Bad Request", "give either 'version' or 'ref', not both", parameter="ref")
        if ref and not grant.preview:
            raise needs(PREVIEW_RIGHT, grant, "ref", "query parameter 'ref' (a branch, release or commit)")
        now = self.clock()
        if ref:
            edition = self.library.ref(ref)
        elif version:
            edition = self.library.version(version, preview=grant.preview)
        else:
            edition = self.library.state.edition
        audience = self._audience(params.get("audience"), grant)
        if grant.preview:
            view = INTRANET_PREVIEW if audience == INTRANET else PREVIEW
            return Context(edition, edition.preview(audience), PRIVATE_CACHE, True, True, view)
        if grant.intranet:  # whatever the audience asked for, an intranet's answers are its own
            return Context(edition, edition.view(now, audience), PRIVATE_CACHE, False, True, audience)
        pinned = isinstance(version, str) and self.library.immutable(version)
        cache_control = self._cache_control(edition, now, pinned=pinned)
        # With tokens configured the same URL answers differently with one: caches must key on it.
        return Context(edition, edition.view(now, audience), cache_control, False, bool(self.tokens))

    @staticmethod
    def _audience(asked: str | None, grant: Grant) -> str:
        """The audience ``audience=`` asks for; intranet by default with its right; 401/403 for intranet without it."""
        if asked == INTRANET and not grant.intranet:
            raise needs(INTRANET_RIGHT, grant, "audience", "query parameter 'audience=intranet'")
        return asked or (INTRANET if grant.intranet else PUBLIC)

    def cache_control(self, edition: Edition, now: datetime) -> str:
        """Cache-Control of a live public answer from EDITION at NOW."""
        return self._cache_control(edition, now, pinned=False)

    def miss_cache_control(self, authorization: str | None) -> str:
        """Cache-Control of a 404/410: short and public without credentials, never stored with them."""
        if authorization:
            return "no-store"
        edition, now = self.library.state.edition, self.clock()
        upcoming = edition.schedule.next_change(now)
        until = math.ceil((upcoming - now).total_seconds()) if upcoming else MISS_MAX_AGE
        return f"public, max-age={max(0, min(MISS_MAX_AGE, self.max_age, until))}"

    @property
    def authorization_matters(self) -> bool:
        """Whether an Authorization header can change answers (a preview or intranet token is set)."""
        return bool(self.tokens)

    def _cache_control(
        self,
        edition: Edition,
        now: datetime,
        *,
        pinned: bool,
        moments: Iterable[datetime] = (),
        longest: int | None = None,
    ) -> str:
        """Long and immutable for a pinned version; short for live; never past a scheduled change.

        MOMENTS are further instants at which the answer changes (publishing windows of other
        versions); LONGEST caps the lifetime (and then the answer is not immutable either).
        """
        upcoming = [m for m in (edition.schedule.next_change(now), *moments) if m is not None and m > now]
        until = math.ceil((min(upcoming) - now).total_seconds()) if upcoming else None
        if pinned and longest is None:
            return f"public, max-age={YEAR}, immutable" if until is None else f"public, max-age={min(YEAR, until)}"
        cap = longest or self.max_age
        return f"public, max-age={cap if until is None else min(cap, until)}"

    def view_cache_control(
        self,
        view: str,
        edition: Edition,
        now: datetime,
        *,
        pinned: bool,
        moments: Iterable[datetime] = (),
        longest: int | None = None,
    ) -> str:
        """Cache-Control of an answer from EDITION in VIEW that also changes at MOMENTS."""
        if view != PUBLIC:
            return PRIVATE_CACHE
        return self._cache_control(edition, now, pinned=pinned, moments=moments, longest=longest)


def view_of(grant: Grant) -> str:
    """The view GRANT reads by default: its rights combined."""
    if grant.preview:
        return INTRANET_PREVIEW if grant.intranet else PREVIEW
    return INTRANET if grant.intranet else PUBLIC
