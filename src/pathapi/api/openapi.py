"""The flask-smorest Api, configured so the OpenAPI document tells the truth about errors."""

from __future__ import annotations

import http
from collections.abc import Callable
from typing import Any

from apispec import BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin, resolver
from flask import Response
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from marshmallow import Schema, fields, validate
from webargs.fields import DelimitedList

from pathapi.api.models import ProblemModel
from pathapi.api.problems import PROBLEM_TYPE
from pathapi.api.runtime import EXTENSION
from pathapi.delivery.catalog import LIST_FILTERS
from pathapi.delivery.contract import COMPONENTS, components

SECURITY_SCHEMES = {
    "preview": {
        "type": "http",
        "scheme": "bearer",
        "description": (
            "A token with the preview right (PATHAPI_PREVIEW_TOKENS, or PATHAPI_PREVIEW_TOKEN): drafts, branches "
            "and `ref=`; answers are private."
        ),
    },
    "intranet": {
        "type": "http",
        "scheme": "bearer",
        "description": (
            "A token with the intranet right (PATHAPI_INTRANET_TOKENS, or PATHAPI_INTRANET_TOKEN): the intranet "
            "view, professional-only content included; answers are private. A secret listed in both variables "
            "carries both rights (an intranet preview). 401: no token or an unknown one; 403: a token without "
            "the right asked for (`right` names it, `parameter` the query parameter that needs it)."
        ),
    },
}
SECURITY: list[dict[str, list[str]]] = [{}, {"preview": []}, {"intranet": []}]  # {}: no token needed
OPERATION_IDS = {
    "Collection": "list{plural}",
    "Item": "get{singular}",
    "History": "get{singular}History",
    "Sync": "sync",
    "Bundle": "getBundle",
    "Search": "search",
    "SchemaList": "listSchemas",
    "SchemaDocument": "getSchema",
    "Releases": "listReleases",
    "ReleaseDetail": "getRelease",
    "Health": "getHealth",
}


def component_name(schema: Any) -> str:
    """The component name of a response model: ``HealthModel`` is ``Health`` (others as apispec names them)."""
    name = resolver(schema)
    return name.removesuffix("Model") or name


def operation_id(endpoint: str, method: str) -> str:
    """A stable operationId from a Flask endpoint such as ``paths.Item``: ``getPath``."""
    blueprint, _, view = endpoint.partition(".")
    plural = blueprint[:1].upper() + blueprint[1:]
    pattern = OPERATION_IDS.get(view, method.lower() + view)
    return pattern.format(plural=plural, singular=plural.removesuffix("s"))


class OperationDetails(BasePlugin):
    """Give every operation an operationId, and token-aware ones (they may answer 401) security."""

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        """Fill in what each decorated view would otherwise repeat."""
        rule = kwargs.get("rule")
        for method, operation in (operations or {}).items():
            if rule is not None:
                operation.setdefault("operationId", operation_id(rule.endpoint, method))
            if {401, "401"} & set(operation.get("responses", {})):
                operation.setdefault("security", SECURITY)


class PathApi(Api):
    """Errors as ``application/problem+json``; documents as the delivered JSON Schemas say."""

    ERROR_SCHEMA = ProblemModel

    def _init_spec(self, **options: Any) -> None:
        options["extra_plugins"] = [*options.get("extra_plugins", ()), OperationDetails()]
        options["marshmallow_plugin"] = MarshmallowPlugin(schema_name_resolver=component_name)
        super()._init_spec(**options)
        for name, scheme in SECURITY_SCHEMES.items():
            self.spec.components.security_scheme(name, scheme)
        self._described: Any = None
        self._describe()

    def _describe(self) -> None:
        """(Re)generate the document components from the live version's content schemas."""
        runtime = self._app.extensions.get(EXTENSION)
        if runtime is None:
            return
        content_schemas = runtime.service.library.state.edition.snapshot.content_schemas
        if content_schemas is self._described:
            return
        found = self.spec.components.schemas
        for name, schema in components(content_schemas).items():
            if name in found and self._described is None:
                raise ValueError(f"component {name!r} is generated and also written by hand")
            found[name] = schema
        self._described = content_schemas

    def _openapi_json(self) -> Response:
        """The OpenAPI document, its shapes those of the live version's content schemas."""
        self._describe()
        return super()._openapi_json()  # type: ignore[no-any-return]

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
