"""A WSGI fast lane for the hottest reads: no Flask request machinery, same handlers.

Measured on this machine (TOOLING.md), Flask's per-request work costs about three times
a bare WSGI callable returning the same bytes. GET and HEAD reads of documents and
collections are answered here by the very handlers the Flask views call; every other
request (other methods, unknown routes, ids that need decoding) goes on to Flask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from pathapi.api.problems import render
from pathapi.api.reads import ReadRequest, Reply, read_collection, read_item
from pathapi.content.kinds import ID_PATTERN, KIND_BY_FOLDER
from pathapi.delivery.edition import Live
from pathapi.delivery.problems import ProblemError

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
STATUS_LINES = {s.value: f"{s.value} {s.phrase}" for s in HTTPStatus}
PREFIX = "/v1/"


class FastLane:
    """Wraps a WSGI app; answers ``GET|HEAD /v1/<collection>[/<id>]`` itself."""

    def __init__(self, app: WSGIApp, live: Live, cache_control: Callable[[], str]) -> None:
        self.app = app
        self.live = live
        self.cache_control = cache_control

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Serve a read from prebuilt bytes, or hand the request to the wrapped app."""
        method = environ["REQUEST_METHOD"]
        path: str = environ.get("PATH_INFO", "")
        if method not in ("GET", "HEAD") or not path.startswith(PREFIX):
            return self.app(environ, start_response)
        folder, _, doc_id = path[len(PREFIX):].partition("/")
        kind = KIND_BY_FOLDER.get(folder)
        if kind is None or (doc_id and not ID_PATTERN.match(doc_id)) or path.endswith("/"):
            return self.app(environ, start_response)
        edition = self.live.current
        request = ReadRequest(
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_ACCEPT_LANGUAGE"),
            environ.get("HTTP_IF_NONE_MATCH"),
        )
        try:
            if doc_id:
                reply = read_item(edition, kind, doc_id, request, self.cache_control())
            else:
                reply = read_collection(edition, kind, request, self.cache_control())
        except ProblemError as problem:
            reply = Reply(*render(problem, edition.version))
        headers = reply.headers
        if reply.status != 304:
            headers = [*headers, ("Content-Length", str(len(reply.body)))]
        start_response(STATUS_LINES[reply.status], headers)
        return [] if method == "HEAD" or reply.status == 304 else [reply.body]
