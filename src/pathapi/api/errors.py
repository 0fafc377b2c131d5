"""Flask error handlers: every error leaves as problem+json, with no stack trace."""

from __future__ import annotations

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from pathapi.api.failures import REQUEST_ID_HEADER, crashed, problem_reply, request_id
from pathapi.api.problems import from_http_exception
from pathapi.api.runtime import runtime
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.service import ReadService


def _request_id() -> str:
    """This request's id: the sane incoming one, else a new one (made once per request)."""
    if "request_id" not in g:
        g.request_id = request_id(request.headers.get(REQUEST_ID_HEADER))
    return str(g.request_id)


def _response(problem: ProblemError, extra: list[tuple[str, str]] | None = None) -> Response:
    try:
        service: ReadService | None = runtime().service
    except (KeyError, RuntimeError):
        service = None
    reply = problem_reply(problem, service, request.headers.get("Authorization"), _request_id())
    response = Response(reply.body, status=reply.status)
    response.headers.clear()
    response.headers.extend([*reply.headers, *(extra or [])])
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
    """Log the failure with its request id, tell the client only that it happened."""
    return _response(crashed(err, _request_id(), request.method, request.path))


def register_error_handlers(app: Flask) -> None:
    """Install the handlers (after flask-smorest's, which they replace)."""
    app.register_error_handler(ProblemError, handle_problem)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
