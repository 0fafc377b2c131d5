"""One error path for both lanes: how a problem is cached and varied, request ids, logged crashes."""

from __future__ import annotations

import logging
import re
import uuid

from git import GitCommandError

from pathapi.api.problems import render
from pathapi.api.reads import Reply
from pathapi.delivery.library import UNREADABLE_RETRY
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.service import ReadService
from pathapi.store.git import MissingObjectError, RepositoryError

log = logging.getLogger("pathapi.errors")
REQUEST_ID_HEADER = "X-Request-Id"
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+=@/-]{0,127}$")
MISSES = frozenset({404, 410})


def request_id(incoming: str | None) -> str:
    """The client's (or a proxy's) request id when it is sane, else a new one."""
    if incoming and SANE_REQUEST_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def crashed(err: BaseException, rid: str, method: str, path: str) -> ProblemError:
    """Log an unexpected exception with its request id; the client learns only the id.

    Missing or damaged git objects (a pruned or corrupt repository) are a 503 that says so:
    an operator can repair the repository, and the next request tries again.
    """
    if isinstance(err, MissingObjectError):
        log.error("damaged repository in %s %s (request id %s): %s", method, path, rid, err)
        return ProblemError(
            503,
            "Service Unavailable",
            f"the server's copy of the content repository is damaged ({err}); its operators have "
            f"been told (request id {rid}); try again later",
            request_id=rid,
            headers=(("Retry-After", str(UNREADABLE_RETRY)),),
        )
    if isinstance(err, (RepositoryError, GitCommandError)):  # e.g. the repository was moved or deleted
        log.error("repository unreadable in %s %s (request id %s): %s", method, path, rid, err)
        return ProblemError(
            503,
            "Service Unavailable",
            f"the server cannot read its copy of the content repository now; its operators have "
            f"been told (request id {rid}); what it holds in memory is still served",
            request_id=rid,
            headers=(("Retry-After", str(UNREADABLE_RETRY)),),
        )
    log.error("unhandled error in %s %s (request id %s)", method, path, rid, exc_info=err)
    return ProblemError(
        500,
        "Internal Server Error",
        f"the server failed to answer; it has been logged under request id {rid}",
        request_id=rid,
    )


def problem_reply(problem: ProblemError, service: ReadService | None, authorization: str | None, rid: str) -> Reply:
    """The problem+json answer: misses cached briefly in public, everything else never stored."""
    version = cache_control = None
    vary = ""
    if service is not None:
        try:
            version = service.library.state.edition.version
            if problem.status in MISSES:
                cache_control = service.miss_cache_control(authorization)
        except Exception:  # the error answer itself must not fail
            log.exception("could not compute the caching of an error answer (request id %s)", rid)
        vary = "Authorization" if service.authorization_matters else ""
    status, headers, body = render(
        problem, version, cache_control=cache_control or "no-store", vary=vary, request_id=rid
    )
    return Reply(status, headers, body)
