"""Who is asking: named bearer tokens, the rights each carries, and the view a request is read in.

Tokens come from the environment: ``PATHAPI_INTRANET_TOKENS`` and ``PATHAPI_PREVIEW_TOKENS`` hold
``name:secret`` pairs separated by commas; the older single ``PATHAPI_INTRANET_TOKEN`` and
``PATHAPI_PREVIEW_TOKEN`` still work (named ``intranet`` and ``preview``). A name may be listed
with two secrets, so a secret is rotated without downtime (add the new one, move the clients,
drop the old one). A secret listed in both variables carries both rights: an intranet preview.
Names appear in access logs; secrets never leave this module.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pathapi.delivery.problems import ProblemError

PREVIEW_RIGHT, INTRANET_RIGHT = "preview", "intranet"
RIGHTS = (PREVIEW_RIGHT, INTRANET_RIGHT)
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
VARIABLES = {PREVIEW_RIGHT: "PATHAPI_PREVIEW_TOKENS", INTRANET_RIGHT: "PATHAPI_INTRANET_TOKENS"}
WHAT = {PREVIEW_RIGHT: "drafts, branches and ref=", INTRANET_RIGHT: "the intranet view"}


@dataclass(frozen=True)
class Grant:
    """The rights of one request: no token (anonymous), or a named token's rights."""

    name: str | None = None
    rights: frozenset[str] = frozenset()

    @property
    def preview(self) -> bool:
        """Whether drafts, branches and ``ref=`` may be read."""
        return PREVIEW_RIGHT in self.rights

    @property
    def intranet(self) -> bool:
        """Whether professional-only content may be read."""
        return INTRANET_RIGHT in self.rights


ANONYMOUS = Grant()


def parse_pairs(value: str | None, right: str) -> list[tuple[str, str]]:
    """``name:secret`` pairs of one variable; ValueError names the variable and entry, never the secret."""
    pairs = []
    for number, entry in enumerate((value or "").split(","), start=1):
        entry = entry.strip()
        if not entry:
            continue
        name, colon, secret = entry.partition(":")
        if not colon or not NAME.match(name.strip()) or not secret.strip():
            raise ValueError(
                f"{VARIABLES[right]}: entry {number} is not name:secret (a name of letters, digits, "
                "'.', '_' or '-', then a colon and the secret), e.g. intra-hus:$(openssl rand -hex 32)"
            )
        pairs.append((name.strip(), secret.strip()))
    return pairs


def _digest(secret: str) -> bytes:
    return hashlib.sha256(b"pathapi bearer\0" + secret.encode()).digest()


class TokenSet:
    """Every configured token: who it names and which rights it carries; compared in constant time."""

    def __init__(self, entries: Iterable[tuple[str, str, str]]) -> None:
        grants: dict[bytes, Grant] = {}
        for name, secret, right in entries:
            key = _digest(secret)
            known = grants.get(key)
            if known is not None and known.name != name:
                name = f"{known.name}+{name}"
            grants[key] = Grant(name, (known.rights if known else frozenset()) | {right})
        self._grants = tuple(grants.items())

    @classmethod
    def from_settings(
        cls,
        preview: str | None = None,
        intranet: str | None = None,
        previews: str | None = None,
        intranets: str | None = None,
    ) -> TokenSet:
        """The set from the single-token settings and the ``name:secret`` lists."""
        entries = [("preview", preview, PREVIEW_RIGHT)] if preview else []
        entries += [("intranet", intranet, INTRANET_RIGHT)] if intranet else []
        entries += [(n, s, PREVIEW_RIGHT) for n, s in parse_pairs(previews, PREVIEW_RIGHT)]
        entries += [(n, s, INTRANET_RIGHT) for n, s in parse_pairs(intranets, INTRANET_RIGHT)]
        return cls(entries)

    def __bool__(self) -> bool:
        return bool(self._grants)

    def offers(self, right: str) -> bool:
        """Whether any token carries RIGHT."""
        return any(right in grant.rights for _, grant in self._grants)

    def key_for(self, right: str) -> str | None:
        """A secret derived from every secret carrying RIGHT (None when none does), e.g. to sign sessions."""
        digests = sorted(key for key, grant in self._grants if right in grant.rights)
        return hashlib.sha256(b"".join(digests)).hexdigest() if digests else None

    def carries(self, secret: str, right: str) -> bool:
        """Whether SECRET is a token with RIGHT (every comparison made, in constant time)."""
        try:
            return right in self.grant(f"Bearer {secret}").rights
        except ProblemError:
            return False

    def names(self) -> list[str]:
        """The token names, each once (for /health and logs; never the secrets)."""
        return sorted({grant.name or "" for _, grant in self._grants})

    def grant(self, authorization: str | None) -> Grant:
        """The Grant of an Authorization header: anonymous without one; 401 for anything unknown."""
        if not authorization:
            return ANONYMOUS
        if not self._grants:
            raise unauthorized("this server has no preview or intranet tokens; send no Authorization header")
        scheme, _, given = authorization.partition(" ")
        digest = _digest(given.strip())
        found = ANONYMOUS
        for key, grant in self._grants:  # every comparison is made: the time does not tell which matched
            if hmac.compare_digest(digest, key):
                found = grant
        if found is ANONYMOUS or scheme.lower() != "bearer":
            raise unauthorized(
                "the bearer token is not one this server knows (a typo, or a rotated secret?); "
                "send Authorization: Bearer <token>, or no header for the public view",
                error="invalid_token",
            )
        return found

    def name_of(self, authorization: str | None) -> str | None:
        """The token's name for the access log: None without a header, '-' for an unknown token."""
        if not authorization:
            return None
        try:
            return self.grant(authorization).name
        except ProblemError:
            return "-"


def unauthorized(detail: str, *, error: str | None = None, **extensions: str) -> ProblemError:
    """A 401 with an RFC 6750 challenge; EXTENSIONS (parameter, right) name what is missing."""
    challenge = 'Bearer realm="pathapi"' + (f', error="{error}"' if error else "")
    return ProblemError(401, "Unauthorized", detail, headers=(("WWW-Authenticate", challenge),), **extensions)


def needs(right: str, grant: Grant, parameter: str | None, why: str) -> ProblemError:
    """401 (no token) or 403 (a token without RIGHT) naming the missing right and the parameter."""
    extensions = {"right": right, **({"parameter": parameter} if parameter else {})}
    if grant.name is None:
        return unauthorized(
            f"{why} needs a token with the {right} right ({WHAT[right]}): send Authorization: Bearer <{right} token>",
            **extensions,
        )
    has = " and ".join(sorted(grant.rights)) or "no"
    detail = (
        f"{why} needs the {right} right ({WHAT[right]}); your token '{grant.name}' carries {has} only: "
        f"use a token with the {right} right (a secret listed in {VARIABLES[right]}; one listed in both "
        "variables carries both rights)"
    )
    challenge = (("WWW-Authenticate", 'Bearer realm="pathapi", error="insufficient_scope"'),)
    return ProblemError(403, "Forbidden", detail, headers=challenge, **extensions)
