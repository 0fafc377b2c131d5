"""Granian's server, with a rolling worker replacement that a stop signal ends and no client notices.

``pathapi serve`` replaces its workers (granian's reload) once search is warm and whenever a new
version goes live (pathapi.serving.prefork): a fresh fork starts, the old worker overlaps with it for
``RESPAWN_INTERVAL`` s, then goes. What granian does differently here:

- The old worker is told it is *leaving* (``LEAVE``), not stopping: it keeps answering, readiness
  included, says ``Connection: close`` for ``PATHAPI_SHUTDOWN_DRAIN`` s, then stops (pathapi.serving.shutdown).
  A load balancer never sees a replaced worker as "not ready".
- A stop signal (SIGTERM, SIGINT) ends a replacement at once: no further worker is forked and every
  worker, old or new, is stopped together. Workers that got the signal too (systemd signals the whole
  group) drain and exit on their own; granian took that for a crash and exited with status 1.

Left as granian does it: a new connection that a replaced worker accepted in the instant it stops is
closed unanswered (hyper closes connections whose request it has not read yet), and on Linux each
worker's own SO_REUSEPORT socket resets the connections still queued on it unless the host sets
``net.ipv4.tcp_migrate_req=1``. Kept-alive connections lose nothing (pathapi.serving.shutdown); nginx retries
the rest on another replica (tests/test_rolling.py measures it for direct clients).
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any

from granian import Granian

from pathapi.serving.shutdown import LEAVE, STOPPING, stopping


class Server(Granian):  # type: ignore[misc, valid-type]
    """granian's multi-process server with the replacement described in the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.leaving: list[Any] = []  # replaced workers not yet gone: stopped with the others on a stop signal

    def signal_handler_interrupt(self, *args: Any, **kwargs: Any) -> None:
        """A stop signal: whatever a worker does from now on is the server stopping it, not a crash."""
        STOPPING.set()
        for worker in [*self.wrks, *self.leaving]:
            worker.interrupt_by_parent = True
        super().signal_handler_interrupt(*args, **kwargs)

    def _respawn_workers(self, workers: list[int], spawn_target: Any, target_loader: Any, delay: float = 0) -> None:
        """Replace WORKERS one at a time: fork, overlap DELAY s, let the old one leave; a stop signal ends it."""
        for idx in workers:
            if stopping():
                break
            self.respawned_wrks[idx] = time.monotonic()
            old = self.wrks[idx]
            new = self._spawn_worker(idx=idx, target=spawn_target, callback_loader=target_loader)
            new.start()
            self.wrks[idx] = new
            self.leaving.append(old)
            if delay:
                STOPPING.wait(delay)
            if stopping() or not self._left(old):
                break  # the old worker stays in self.leaving: _stop_workers stops it with the rest
            self.leaving.remove(old)
        self._metrics.incr_spawn(len(workers))

    def _left(self, old: Any) -> bool:
        """Let the replaced worker OLD finish and wait for it (killed after the grace period); False: a stop
        signal came first (OLD is then stopped together with the others)."""
        old.interrupt_by_parent = True
        if old.is_alive():  # not a crashed worker (its pid may belong to another process by now)
            with contextlib.suppress(ProcessLookupError):
                os.kill(old.inner.pid, LEAVE)
        deadline = time.monotonic() + (self.workers_kill_timeout or 30)
        while old.is_alive() and time.monotonic() < deadline:
            if STOPPING.wait(0.05):
                return False
        if old.is_alive():
            old.kill()
        old.join()
        return True

    def _stop_workers(self) -> None:
        """Stop every worker, replaced ones still leaving included."""
        self.wrks.extend(self.leaving)
        self.leaving.clear()
        for worker in self.wrks:  # one forked as the stop signal came may exit on it before being asked to
            worker.interrupt_by_parent = True
        super()._stop_workers()
