"""Studio sign-in: the preview token is exchanged for a signed, expiring session value.

The cookie never holds the token itself: its value is an issue time and an HMAC of that
time keyed with the token, so it stops working when it expires or the token is changed.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable

COOKIE = "pathapi_studio"
LIFETIME = 12 * 3600  # seconds a sign-in lasts: one working day


class Sessions:
    """Issues and checks session values for one preview token."""

    def __init__(
        self, token: str, clock: Callable[[], float] = time.time, matcher: Callable[[str], bool] | None = None
    ) -> None:
        self._key = hashlib.sha256(b"pathapi studio session\0" + token.encode()).digest()
        self._token = token.encode()
        self.clock = clock
        self._matcher = matcher  # any token with the preview right (named tokens), instead of TOKEN alone

    def matches(self, given: str) -> bool:
        """Whether GIVEN is the preview token, or one MATCHER accepts (constant time)."""
        if self._matcher is not None:
            return self._matcher(given.strip())
        return hmac.compare_digest(given.strip().encode(), self._token)

    def _mac(self, issued: str) -> str:
        return hmac.new(self._key, issued.encode(), hashlib.sha256).hexdigest()

    def issue(self) -> str:
        """A new session value: ``<issued>.<hmac>``."""
        issued = str(int(self.clock()))
        return f"{issued}.{self._mac(issued)}"

    def valid(self, value: str | None) -> bool:
        """Whether VALUE is a session this token issued that has not expired."""
        if not value or "." not in value:
            return False
        issued, _, mac = value.partition(".")
        if not issued.isdigit() or not 0 <= self.clock() - int(issued) < LIFETIME:
            return False
        return hmac.compare_digest(mac.encode(), self._mac(issued).encode())
