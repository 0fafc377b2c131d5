"""Follow the repository: rebuild in the background on a poll or a push, then swap atomically."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from pathapi.delivery.events import ReleaseEvents
from pathapi.delivery.library import Library

log = logging.getLogger(__name__)


class Follower:
    """Refreshes a Library every POLL seconds and whenever triggered, one refresh at a time."""

    def __init__(self, library: Library, poll: float | None = None, events: ReleaseEvents | None = None) -> None:
        self.library = library
        self.events = events
        self.poll = poll if poll and poll > 0 else None
        self.last_error: str | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        # Called after every change of the live state (a swap or a recorded failure), e.g. to respawn workers.
        self.listeners: list[Callable[[], None]] = []
        # Set in a worker forked from the process that follows: a trigger is passed on to that process.
        self.delegate: Callable[[], None] | None = None

    def start(self) -> None:
        """Start the background thread (idempotent; never in a worker that delegates)."""
        if self.delegate is not None:
            return
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="pathapi-follower", daemon=True)
                self._thread.start()

    def trigger(self) -> None:
        """Ask for a refresh as soon as possible (a push notification arrived)."""
        if self.delegate is not None:
            self.delegate()
            return
        self.start()
        self._wake.set()

    def stop(self) -> None:
        """Stop the background thread."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _live(self) -> object:
        """The live state object (None before the first load), to tell whether a refresh changed it."""
        try:
            return self.library.state
        except RuntimeError:
            return None

    def refresh_now(self) -> bool:
        """Refresh synchronously; errors are logged and kept for /health, never raised."""
        try:
            before = self.library.state.edition  # what a release event compares the new version with
        except RuntimeError:  # nothing loaded yet
            before = None
        state_before = self._live()
        error_before = self.last_error
        try:
            swapped = self.library.refresh()
        except Exception as err:  # a fetch or git failure must not stop the live version
            self.last_error = f"{type(err).__name__}: {err}"
            log.exception("refresh failed")
            swapped = False
        else:
            self.last_error = None
        if self._live() is not state_before or self.last_error != error_before:
            for listener in self.listeners:
                listener()
        if self.last_error is not None:
            return False
        if swapped:
            state = self.library.state
            log.info("now serving %s (%s)", state.edition.snapshot.commit.short, state.release or state.source)
            if self.events is not None and before is not None:
                self.events.released(before, state)
        return swapped

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.poll)
            self._wake.clear()
            if not self._stop.is_set():
                self.refresh_now()
