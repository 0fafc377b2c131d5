"""The one error shape: RFC 9457 ``application/problem+json``, built only here."""

from __future__ import annotations

from typing import Any

import orjson
from werkzeug.exceptions import HTTPException

from pathapi.delivery.problems import ProblemError

PROBLEM_TYPE = "application/problem+json"
CORS_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "ETag, Content-Version, Content-Language, Link, X-Request-Id"),
)


def problem_body(status: int, title: str, detail: str, **extensions: Any) -> bytes:
    """Serialize a problem document."""
    payload = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return orjson.dumps({**payload, **extensions})


def render(
    problem: ProblemError,
    version: str | None = None,
    *,
    cache_control: str = "no-store",
    vary: str = "",
    request_id: str | None = None,
) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body for a ProblemError; no-store unless the caller allows a short lifetime."""
    body = problem_body(problem.status, problem.title, problem.detail, **problem.extensions)
    headers = [("Content-Type", PROBLEM_TYPE), ("Cache-Control", cache_control), *CORS_HEADERS, *problem.headers]
    if version:
        headers.append(("Content-Version", version))
    if vary:
        headers.append(("Vary", vary))
    if request_id:
        headers.append(("X-Request-Id", request_id))
    return problem.status, headers, body


def from_http_exception(err: HTTPException) -> ProblemError:
    """A ProblemError for werkzeug's 404/405/… with a detail that names what was asked."""
    status = err.code or 500
    detail = err.description or err.name
    return ProblemError(status, err.name, str(detail))
