"""The one error shape: every HTTP error leaves as RFC 9457 ``application/problem+json``, built only here.

Handlers raise pathapi.delivery.problems.ProblemError; both lanes render it with
``problem_reply`` (how long a miss may be cached, ``Vary``, the request id), and the Flask
error handlers below turn werkzeug's errors and unexpected exceptions into the same shape.
"""

from __future__ import annotations

import logging
import re
import uuid

import orjson
from flask import Flask, Response, g, request
from git import GitCommandError
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from pathapi.api.cors import CORS_HEADERS
from pathapi.api.replies import Reply, to_response
from pathapi.api.runtime import runtime
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.service import ReadService
from pathapi.delivery.version_resolution import UNREADABLE_RETRY
from pathapi.store.git_values import MissingObjectError, RepositoryError

log = logging.getLogger("pathapi.errors")
PROBLEM_TYPE = "application/problem+json"
REQUEST_ID_HEADER = "X-Request-Id"
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+=@/-]{0,127}$")
MISSES = frozenset({404, 410})


def request_id(incoming: str | None) -> str:
    """The client's (or a proxy's) request id when it is sane, else a new one."""
    if incoming and SANE_REQUEST_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def render(
    problem: ProblemError,
    version: str | None = None,
    *,
    cache_control: str = "no-store",
    vary: str = "",
    rid: str | None = None,
) -> Reply:
    """The problem+json Reply for PROBLEM; no-store unless the caller allows a short lifetime."""
    payload = {"type": "about:blank", "title": problem.title, "status": problem.status, "detail": problem.detail}
    body = orjson.dumps({**payload, **problem.extensions})
    headers = [("Content-Type", PROBLEM_TYPE), ("Cache-Control", cache_control), *CORS_HEADERS, *problem.headers]
    if version:
        headers.append(("Content-Version", version))
    if vary:
        headers.append(("Vary", vary))
    if rid:
        headers.append((REQUEST_ID_HEADER, rid))
    return Reply(problem.status, headers, body)


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
    return render(problem, version, cache_control=cache_control or "no-store", vary=vary, rid=rid)


def crashed(err: BaseException, rid: str, method: str, path: str) -> ProblemError:
    """Log an unexpected exception with its request id; the client learns only the id.

    Missing or damaged git objects (a pruned or corrupt repository) are a 503 that says so:
    an operator can repair the repository, and the next request tries again.
    """
    if isinstance(err, MissingObjectError):
        log.error("damaged repository in %s %s (request id %s): %s", method, path, rid, err)
        return _unavailable(
            f"the server's copy of the content repository is damaged ({err}); its operators have "
            f"been told (request id {rid}); try again later",
            rid,
        )
    if isinstance(err, (RepositoryError, GitCommandError)):  # e.g. the repository was moved or deleted
        log.error("repository unreadable in %s %s (request id %s): %s", method, path, rid, err)
        return _unavailable(
            f"the server cannot read its copy of the content repository now; its operators have "
            f"been told (request id {rid}); what it holds in memory is still served",
            rid,
        )
    log.error("unhandled error in %s %s (request id %s)", method, path, rid, exc_info=err)
    return ProblemError(
        500,
        "Internal Server Error",
        f"the server failed to answer; it has been logged under request id {rid}",
        request_id=rid,
    )


def _unavailable(detail: str, rid: str) -> ProblemError:
    """A 503 for a repository that cannot be read now, with when to try again."""
    headers = (("Retry-After", str(UNREADABLE_RETRY)),)
    return ProblemError(503, "Service Unavailable", detail, request_id=rid, headers=headers)


def _request_id() -> str:
    """This Flask request's id: the sane incoming one, else a new one (made once per request)."""
    if "request_id" not in g:
        g.request_id = request_id(request.headers.get(REQUEST_ID_HEADER))
    return str(g.request_id)


def _response(problem: ProblemError, extra: list[tuple[str, str]] | None = None) -> Response:
    try:
        service: ReadService | None = runtime().service
    except (KeyError, RuntimeError):
        service = None
    reply = problem_reply(problem, service, request.headers.get("Authorization"), _request_id())
    return to_response(Reply(reply.status, [*reply.headers, *(extra or [])], reply.body))


def handle_problem(err: ProblemError) -> Response:
    """Render a ProblemError raised by a handler."""
    return _response(err)


def handle_http(err: HTTPException) -> Response:
    """Render werkzeug's errors (404 route, 405 with its Allow header, …) with a detail that names what was asked."""
    kept = [(k, v) for k, v in err.get_headers() if k.lower() == "allow"]
    problem = ProblemError(err.code or 500, err.name, str(err.description or err.name))
    if isinstance(err, NotFound):
        problem.detail = f"no resource at {request.path}; see /openapi.json for the routes"
    elif isinstance(err, MethodNotAllowed):
        allowed = ", ".join(err.valid_methods or [])
        problem.detail = f"{request.method} is not allowed on {request.path}; allowed: {allowed}"
    return _response(problem, kept)


def handle_unexpected(err: Exception) -> Response:
    """Log the failure with its request id, tell the client only that it happened."""
    return _response(crashed(err, _request_id(), request.method, request.path))


def register_error_handlers(app: Flask) -> None:
    """Install the handlers (after flask-smorest's, which they replace)."""
    app.register_error_handler(ProblemError, handle_problem)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
