"""Outgoing webhooks: signed POSTs from a bounded queue, retried with backoff, off the serving path."""

from __future__ import annotations

import hashlib
import heapq
import hmac
import itertools
import logging
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

import orjson

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Pathapi-Signature-256"
PERMANENT = frozenset(range(300, 500)) - {408, 425, 429}  # refused or moved: retrying cannot help


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET without the event: treat it as a failure."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        """Never follow."""
        return None


OPENER = urllib.request.build_opener(_NoRedirects)


def sign(secret: str, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256 of BODY>``, the value of X-Pathapi-Signature-256."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Delivery:
    """One event body on its way to one URL, and how many attempts it has had."""

    url: str
    body: bytes
    event: str
    event_id: str
    attempt: int = 0


class EventSender:
    """Delivers events to every URL in a background thread; a full queue drops, never blocks."""

    def __init__(
        self,
        urls: list[str],
        secret: str,
        *,
        attempts: int = 8,
        backoff: float = 2.0,
        max_backoff: float = 300.0,
        capacity: int = 256,
        timeout: float = 10.0,
    ) -> None:
        self.urls, self.secret = urls, secret
        self.attempts, self.backoff, self.max_backoff = attempts, backoff, max_backoff
        self.capacity, self.timeout = capacity, timeout
        self.delivered: list[tuple[str, str]] = []  # (url, event id) of recent successes, newest last
        self.given_up: list[tuple[str, str]] = []  # (url, event id) of recent deliveries that failed for good
        self._busy = 0  # the delivery being posted counts against the capacity too
        self._pending: list[tuple[float, int, Delivery]] = []  # a heap by due time
        self._order = itertools.count()
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def publish(self, event: dict[str, Any]) -> bool:
        """Queue EVENT for every URL; False (and a log line) when the queue is full."""
        body = orjson.dumps(event)
        with self._ready:
            if len(self._pending) + self._busy + len(self.urls) > self.capacity:
                log.error("event queue full (%d): dropped %s %s", self.capacity, event.get("event"), event.get("id"))
                return False
            for url in self.urls:
                self._push(time.monotonic(), Delivery(url, body, str(event.get("event")), str(event.get("id"))))
            self._start()
            self._ready.notify()
        return True

    def stop(self) -> None:
        """Stop the delivery thread; undelivered events are dropped."""
        with self._ready:
            self._stopped = True
            self._ready.notify()
        if self._thread is not None:
            self._thread.join(timeout=self.timeout + 1)

    def _push(self, due: float, delivery: Delivery) -> None:
        heapq.heappush(self._pending, (due, next(self._order), delivery))

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="pathapi-events", daemon=True)
            self._thread.start()

    def _next(self) -> Delivery | None:
        """The next delivery that is due, waiting for it; None once stopped."""
        with self._ready:
            while not self._stopped:
                if self._pending and self._pending[0][0] <= time.monotonic():
                    self._busy = 1
                    return heapq.heappop(self._pending)[2]
                wait = self._pending[0][0] - time.monotonic() if self._pending else None
                self._ready.wait(wait)
            return None

    def _run(self) -> None:
        while (delivery := self._next()) is not None:
            outcome = self._post(delivery)
            with self._ready:
                self._busy = 0
                self._settle(delivery, outcome)

    def _settle(self, delivery: Delivery, outcome: str | None) -> None:
        """Record a success, or schedule the next attempt with exponential backoff, or give up."""
        done = (delivery.url, delivery.event_id)
        if outcome is None:
            self.delivered = [*self.delivered[-99:], done]
            return
        retry = delivery.attempt + 1 < self.attempts and not outcome.endswith("(permanent)")
        log.warning(
            "event %s to %s failed (attempt %d): %s%s",
            delivery.event_id,
            delivery.url,
            delivery.attempt + 1,
            outcome,
            "; retrying" if retry else "; giving up",
        )
        if retry:
            delay = min(self.max_backoff, self.backoff * 2**delivery.attempt)
            self._push(
                time.monotonic() + delay,
                Delivery(delivery.url, delivery.body, delivery.event, delivery.event_id, delivery.attempt + 1),
            )
        else:
            self.given_up = [*self.given_up[-99:], done]

    def _post(self, delivery: Delivery) -> str | None:
        """POST one delivery; None on a 2xx, else why it failed ("permanent" for a refusal)."""
        request = urllib.request.Request(
            delivery.url,
            data=delivery.body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": "pathapi-events",
                "X-Pathapi-Event": delivery.event,
                "X-Pathapi-Event-Id": delivery.event_id,
                SIGNATURE_HEADER: sign(self.secret, delivery.body),
            },
        )
        try:
            with OPENER.open(request, timeout=self.timeout) as response:
                response.read()
                return None
        except urllib.error.HTTPError as err:
            err.close()
            return f"HTTP {err.code}" + (" (permanent)" if err.code in PERMANENT else "")
        except (OSError, ValueError) as err:
            return f"{type(err).__name__}: {err}"
