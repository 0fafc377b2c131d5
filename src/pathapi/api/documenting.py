"""How a view documents itself in the OpenAPI document: its answers, headers, query parameters, moves."""

from __future__ import annotations

import http
from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields, validate
from webargs.fields import DelimitedList

from pathapi.delivery.catalog import LIST_FILTERS
from pathapi.delivery.contract import COMPONENTS

CACHE_HEADERS = {
    "ETag": {"description": "Strong validator of this representation.", "schema": {"type": "string"}},
    "Cache-Control": {"description": "Caching policy.", "schema": {"type": "string"}},
    "Content-Version": {"description": "Commit id the content was served from.", "schema": {"type": "string"}},
    "Content-Language": {"description": "Language of the texts.", "schema": {"type": "string"}},
}
REQUEST_HEADERS = [
    {
        "in": "header",
        "name": "Accept-Language",
        "required": False,
        "schema": {"type": "string"},
        "description": "Preferred languages; the `lang` parameter wins. fi, sv, en.",
    },
    {
        "in": "header",
        "name": "If-None-Match",
        "required": False,
        "schema": {"type": "string"},
        "description": "ETag(s) already held; answered with 304 when current.",
    },
    {
        "in": "header",
        "name": "If-Modified-Since",
        "required": False,
        "schema": {"type": "string"},
        "description": "HTTP date of the copy held (documents and lists): 304 when nothing changed since. "
        "Ignored when If-None-Match is sent (RFC 9110).",
    },
]
LAST_MODIFIED = {
    "Last-Modified": {
        "description": "When the answer last changed: the newest commit time of the "
        "documents it shows (deletions included for lists).",
        "schema": {"type": "string"},
    }
}
MOVED_SCHEMA = {
    "type": "object",
    "required": ["id", "type", "href"],
    "properties": {"id": {"type": "string"}, "type": {"type": "string"}, "href": {"type": "string"}},
}


MOVED_ID = "Moved Permanently: the id is a former id (alias); `Location` is the current URL, query string kept."
ID_FILTERS = dict.fromkeys(name for filters in LIST_FILTERS.values() for name, (_, kind) in filters.items() if kind)
MOVED_FILTER = (
    f"Moved Permanently: a filter value ({', '.join(ID_FILTERS)}) is a former id (alias) of a document; "
    "`Location` asks the same with the current id, every other parameter kept."
)


def moved(blp: Any, description: str = MOVED_ID) -> Callable[[Any], Any]:
    """Document the 301 a former id (``aliases``) answers with."""
    decorate: Callable[[Any], Any] = blp.alt_response(
        301,
        schema=MOVED_SCHEMA,
        description=description,
        headers={"Location": {"description": "The current URL.", "schema": {"type": "string"}}},
    )
    return decorate


LINK_HEADER = {
    "Link": {
        "description": "RFC 8288 links: self, first, last, next and prev pages (as `links`).",
        "schema": {"type": "string"},
    }
}


def ref(name: str) -> dict[str, str]:
    """A reference to a generated component."""
    return {"$ref": COMPONENTS + name}


def with_expand(query: type[Schema], names: Any, name: str) -> type[Schema]:
    """QUERY documented with ``expand`` as a comma-separated list of NAMES (parsing is unchanged)."""
    if names:
        field: Any = DelimitedList(
            fields.String(validate=validate.OneOf(sorted(names))),
            validate=validate.Length(min=1),
            metadata={"description": "References to inline, comma-separated: each becomes the document itself."},
        )
    else:
        field = fields.String(validate=validate.Length(max=0), metadata={"description": "Nothing to expand here."})
    return type(name, (query,), {"expand": field})


def documented_read(
    blp: Any,
    schema: Any,
    query: Any,
    errors: tuple[int, ...],
    *,
    content_type: str | None = None,
    description: str | None = None,
    headers: dict[str, Any] | None = None,
) -> Callable[[Any], Any]:
    """Decorate a read view: its 200 schema (or content type), query parameters, headers, 304, problems."""
    documented = {**CACHE_HEADERS, **(headers or {})}

    def decorate(view: Any) -> Any:
        view = blp.response(
            200,
            ref(schema) if isinstance(schema, str) else schema,
            content_type=content_type,
            headers=documented,
            description=description,
        )(view)
        view = blp.alt_response(304, description="Not Modified: the ETag still matches.")(view)
        for status in (*errors, *((403,) if 401 in errors else ())):  # a token may lack the right asked for
            view = blp.alt_response(status, response=http.HTTPStatus(status).name)(view)
        return blp.doc(parameters=[{"in": "query", "schema": query}, *REQUEST_HEADERS])(view)

    return decorate
