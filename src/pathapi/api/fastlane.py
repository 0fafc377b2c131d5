"""A WSGI fast lane for the hottest reads: no Flask request machinery, the same handlers.

Flask's request machinery costs several times what a bare WSGI callable needs to return the
same prebuilt bytes; with this lane the API answers hot reads at about half the req/s of nginx
serving those bytes as files (bench/api.py, results in bench/README.md). GET and HEAD of
documents, collections, sync, the bundle and search are dispatched here straight to the
handlers the Flask views call (pathapi.api.documents, .sync, .search); every other request
(other methods, other routes, ids that need decoding) goes on to Flask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from pathapi.api.documents import read_collection, read_item
from pathapi.api.problems import crashed, problem_reply, request_id
from pathapi.api.query_string import query_text
from pathapi.api.replies import ReadRequest
from pathapi.api.search import read_search, read_suggest
from pathapi.api.sync import read_bundle, read_sync
from pathapi.content.kinds import ID_PATTERN, KIND_BY_FOLDER
from pathapi.delivery.problems import ProblemError
from pathapi.delivery.service import ReadService

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
STATUS_LINES = {s.value: f"{s.value} {s.phrase}" for s in HTTPStatus}
PREFIX = "/v1/"
APP_ROUTES = {"sync": read_sync, "bundle": read_bundle, "search": read_search, "search/suggest": read_suggest}


class FastLane:
    """Wraps a WSGI app; answers ``GET|HEAD /v1/<collection>[/<id>]`` itself."""

    def __init__(self, app: WSGIApp, service: ReadService) -> None:
        self.app = app
        self.service = service

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Serve a read from prebuilt bytes, or hand the request to the wrapped app."""
        method = environ["REQUEST_METHOD"]
        path: str = environ.get("PATH_INFO", "")
        if method not in ("GET", "HEAD") or not path.startswith(PREFIX):
            return self.app(environ, start_response)
        folder, _, doc_id = path[len(PREFIX) :].partition("/")
        kind = KIND_BY_FOLDER.get(folder)
        special = APP_ROUTES.get(path[len(PREFIX) :])
        if special is None and (kind is None or (doc_id and not ID_PATTERN.match(doc_id)) or path.endswith("/")):
            return self.app(environ, start_response)
        environ["pathapi.route"] = f"{PREFIX}{folder}/<string:doc_id>" if doc_id else f"{PREFIX}{folder}"
        request = ReadRequest(
            query_text(environ.get("QUERY_STRING", "").encode("latin-1", errors="replace")),  # WSGI: bytes as latin-1
            environ.get("HTTP_ACCEPT_LANGUAGE"),
            environ.get("HTTP_IF_NONE_MATCH"),
            environ.get("HTTP_AUTHORIZATION"),
            environ.get("HTTP_IF_MODIFIED_SINCE"),
        )
        try:
            if special is not None:
                answer = special(self.service, request)
            elif kind is not None and doc_id:
                answer = read_item(self.service, kind, doc_id, request)
            elif kind is not None:
                answer = read_collection(self.service, kind, request)
        except Exception as err:  # every failure leaves as problem+json, as in Flask
            rid = request_id(environ.get("HTTP_X_REQUEST_ID"))
            problem = err if isinstance(err, ProblemError) else crashed(err, rid, method, path)
            answer = problem_reply(problem, self.service, request.authorization, rid)
        headers = answer.headers
        if answer.status != 304:
            headers = [*headers, ("Content-Length", str(len(answer.body)))]
        start_response(STATUS_LINES[answer.status], headers)
        return [] if method == "HEAD" or answer.status == 304 else [answer.body]
