"""Flask error handlers: every error leaves as problem+json, with no stack trace."""

from __future__ import annotations

import logging

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from pathapi.api.problems import from_http_exception, render
from pathapi.api.runtime import runtime
from pathapi.delivery.problems import ProblemError

log = logging.getLogger(__name__)


def _response(problem: ProblemError, extra: list[tuple[str, str]] | None = None) -> Response:
    try:
        version: str | None = runtime().service.library.state.edition.version
    except (KeyError, RuntimeError):
        version = None
    status, headers, body = render(problem, version)
    response = Response(body, status=status)
    response.headers.clear()
    response.headers.extend([*headers, *(extra or [])])
    return response


def handle_problem(err: ProblemError) -> Response:
    """Render a ProblemError raised by a handler."""
    return _response(err)


def handle_http(err: HTTPException) -> Response:
    """Render werkzeug's errors (404 route, 405 with its Allow header, …)."""
    kept = [(k, v) for k, v in err.get_headers() if k.lower() == "allow"]
    problem = from_http_exception(err)
    if isinstance(err, NotFound):
        problem.detail = f"no resource at {request.path}; see /openapi.json for the routes"
    elif isinstance(err, MethodNotAllowed):
        allowed = ", ".join(err.valid_methods or [])
        problem.detail = f"{request.method} is not allowed on {request.path}; allowed: {allowed}"
    return _response(problem, kept)


def handle_unexpected(err: Exception) -> Response:
    """Log the failure, tell the client only that it happened."""
    log.exception("unhandled error", exc_info=err)
    return _response(ProblemError(500, "Internal Server Error", "the server failed to answer; it has been logged"))


def register_error_handlers(app: Flask) -> None:
    """Install the handlers (after flask-smorest's, which they replace)."""
    app.register_error_handler(ProblemError, handle_problem)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
