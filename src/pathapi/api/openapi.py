"""The flask-smorest Api, configured so the OpenAPI document tells the truth about errors."""

from __future__ import annotations

import http
import threading
from typing import Any

from apispec import APISpec, BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin, resolver
from flask import Flask, Response
from flask_smorest import Api
from flask_smorest.spec import openapi_cli
from flask_smorest.utils import prepare_response

from pathapi.api.models import ProblemModel
from pathapi.api.problems import PROBLEM_TYPE
from pathapi.api.runtime import EXTENSION
from pathapi.delivery.contract import components

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
    """Errors as ``application/problem+json``; documents as the delivered JSON Schemas say.

    The OpenAPI document is written the first time it is asked for (``spec``), not when the app is
    made: most apps (a test's, a worker's before anyone reads /docs) never need it, and writing it is
    most of the cost of making an app. ``pathapi serve`` writes it in the parent (``write_document``) so that
    workers inherit it."""

    ERROR_SCHEMA = ProblemModel

    def __init__(self, app: Flask) -> None:
        self._written: APISpec | None = None
        self._described: Any = None  # the content schemas the components were generated from
        self._spec_options: dict[str, Any] | None = None  # set by init_app: the spec is not written yet
        self._unwritten: list[tuple[Any, str, Any]] = []  # (blueprint, name, parameters) to document
        self._writing = threading.Lock()
        super().__init__(app)

    @property
    def spec(self) -> APISpec | None:
        """The OpenAPI document of every registered blueprint, written on first use."""
        if self._written is None and self._spec_options is not None:
            with self._writing:
                if self._written is None:
                    self._write_spec()
        return self._written

    @spec.setter
    def spec(self, value: APISpec | None) -> None:
        self._written = value

    def _init_spec(self, **options: Any) -> None:
        self._spec_options = options
        self._app.cli.add_command(openapi_cli)  # what flask-smorest's _init_spec adds to the app

    def _write_spec(self) -> None:
        """Write the document (flask-smorest's _init_spec), then the blueprints registered meanwhile."""
        options = dict(self._spec_options or {})
        options["extra_plugins"] = [*options.get("extra_plugins", ()), OperationDetails()]
        options["marshmallow_plugin"] = MarshmallowPlugin(schema_name_resolver=component_name)
        super()._init_spec(**options)
        spec = self._written
        assert spec is not None
        for name, scheme in SECURITY_SCHEMES.items():
            spec.components.security_scheme(name, scheme)
        self._describe()
        for blueprint, name, parameters in self._unwritten:
            blueprint.register_views_in_doc(self, self._app, spec, name=name, parameters=parameters)
            spec.tag({"name": name, "description": blueprint.description})
        self._unwritten.clear()

    def register_blueprint(self, blp: Any, *, parameters: Any = None, **options: Any) -> None:
        """Register BLP in the app now; document it when the document is written."""
        if self._written is not None:
            super().register_blueprint(blp, parameters=parameters, **options)
            return
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        self._unwritten.append((blp, name, parameters))

    def _describe(self) -> None:
        """(Re)generate the document components from the live version's content schemas."""
        if self._written is None:
            return  # written with them when first asked for
        runtime = self._app.extensions.get(EXTENSION)
        if runtime is None:
            return
        content_schemas = runtime.service.library.state.edition.snapshot.content_schemas
        if content_schemas is self._described:
            return
        found = self._written.components.schemas
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
        spec = self._written
        assert spec is not None  # called while the document is written
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, spec, PROBLEM_TYPE)
            spec.components.response(status.name, response, lazy=True)
        default: dict[str, Any] = {"description": "Any error", "schema": self.ERROR_SCHEMA}
        prepare_response(default, spec, PROBLEM_TYPE)
        spec.components.response("DEFAULT_ERROR", default, lazy=True)


def write_document(app: Flask) -> None:
    """Write APP's OpenAPI document now rather than at its first reader (``pathapi serve``'s parent:
    the workers it forks afterwards inherit it)."""
    for api in app.extensions["flask-smorest"]["apis"].values():
        _ = api["ext_obj"].spec
