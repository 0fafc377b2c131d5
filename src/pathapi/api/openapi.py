"""The flask-smorest Api, configured so the OpenAPI document tells the truth about errors."""

from __future__ import annotations

import http
from collections.abc import Callable
from typing import Any

from flask_smorest import Api
from flask_smorest.utils import prepare_response

from pathapi.api.problems import PROBLEM_TYPE
from pathapi.api.schemas import ProblemSchema


class PathApi(Api):
    """Error responses are documented as ``application/problem+json`` with ProblemSchema."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        """Register one problem response per status code, as served by api.problems."""
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        default: dict[str, Any] = {"description": "Any error", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, PROBLEM_TYPE)
        self.spec.components.response("DEFAULT_ERROR", default, lazy=True)


CACHE_HEADERS = {
    "ETag": {"description": "Strong validator of this representation.", "schema": {"type": "string"}},
    "Cache-Control": {"description": "Caching policy.", "schema": {"type": "string"}},
    "Content-Version": {"description": "Commit id the content was served from.", "schema": {"type": "string"}},
    "Content-Language": {"description": "Language of the texts.", "schema": {"type": "string"}},
}
REQUEST_HEADERS = [
    {"in": "header", "name": "Accept-Language", "required": False, "schema": {"type": "string"},
     "description": "Preferred languages; the `lang` parameter wins. fi, sv, en."},
    {"in": "header", "name": "If-None-Match", "required": False, "schema": {"type": "string"},
     "description": "ETag(s) already held; answered with 304 when current."},
]


def documented_read(blp: Any, schema: Any, query: Any, errors: tuple[int, ...], *,
                    content_type: str | None = None, description: str | None = None) -> Callable[[Any], Any]:
    """Decorate a read view: its 200 schema (or content type), query parameters, headers, 304, problems."""

    def decorate(view: Any) -> Any:
        if schema is None:
            view = blp.response(200, content_type=content_type, headers=CACHE_HEADERS, description=description)(view)
        else:
            view = blp.response(200, schema, headers=CACHE_HEADERS)(view)
        view = blp.alt_response(304, description="Not Modified: the ETag still matches.")(view)
        for status in errors:
            view = blp.alt_response(status, response=http.HTTPStatus(status).name)(view)
        return blp.doc(parameters=[{"in": "query", "schema": query}, *REQUEST_HEADERS])(view)

    return decorate
