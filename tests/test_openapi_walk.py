"""Every answer of every route, with every `expand` and `lang` value and every token, matches /openapi.json.

The routes, their parameters and the values to try are read from the OpenAPI document itself,
so a new route or a new expandable field is walked without editing this file.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import shutil
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import jsonschema_rs
import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from pathapi.api.app import create_app
from pathapi.content.kinds import Kind
from pathapi.content.positions import to_pointer
from tests.support import ROOT, ContentRepo

BASE = "urn:pathapi:openapi"
TOKENS = {"preview": "walk-preview-token", "intranet": "walk-intranet-token"}
RELEASE = "release/2026-11-30.1"


@pytest.fixture(scope="module")
def walk_client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """The bundled content, a draft only previews see, a release, and both tokens configured."""
    repo = ContentRepo(tmp_path_factory.mktemp("walk") / "repo")
    shutil.copytree(ROOT / "content", repo.root / "content")
    draft = json.loads((repo.root / "content/paths/monipalvelupolku.json").read_text(encoding="utf-8"))
    repo.write({**draft, "id": "luonnos", "status": "draft"}, "path")
    repo.commit("Walk corpus")
    repo.git("tag", "-a", RELEASE, "-m", "Release")
    return create_app(
        {
            "REPO": str(repo.root),
            "TESTING": True,
            "PREVIEW_TOKEN": TOKENS["preview"],
            "INTRANET_TOKEN": TOKENS["intranet"],
        }
    ).test_client()


class Contract:
    """Validators for the documented 200 bodies, resolved inside the OpenAPI document.

    As in the validator of content/, jsonschema-rs decides (formats checked) and jsonschema names the errors
    of a body it refused: the walk checks ~1,000 distinct bodies, which jsonschema alone takes a minute for.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.registry: Registry[Any] = Registry().with_resource(
            BASE, Resource.from_contents(spec, default_specification=DRAFT202012)
        )
        self.fast_registry = jsonschema_rs.Registry([(BASE, spec)])

    @functools.cache  # noqa: B019 (one Contract per test)
    def validator(self, *pointer: str) -> Draft202012Validator:
        """A validator for the schema at POINTER (path segments) in the document."""
        return Draft202012Validator(
            {"$ref": f"{BASE}#{to_pointer(pointer)}"},
            registry=self.registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )

    @functools.cache  # noqa: B019 (one Contract per test)
    def decider(self, *pointer: str) -> Any:
        """The jsonschema-rs validator for the schema at POINTER, formats checked."""
        reference = f"{BASE}#{quote(to_pointer(pointer), safe='/~')}"  # a URI: `{doc_id}` percent-encoded
        return jsonschema_rs.Draft202012Validator(
            {"$ref": reference}, registry=self.fast_registry, validate_formats=True
        )

    @functools.cache  # noqa: B019 (one Contract per test)
    def errors(self, pointer: tuple[str, ...], data: bytes, content_type: str) -> tuple[str, ...]:
        """The schema errors of a body: the same bytes under the same schema are checked once."""
        body = _body(data, content_type)
        if self.decider(*pointer).is_valid(body):
            return ()
        named = tuple(
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
            for e in self.validator(*pointer).iter_errors(body)
        )
        return named or tuple(f"{e.instance_path}: {e.message[:200]}" for e in self.decider(*pointer).iter_errors(body))


def _auths(operation: dict[str, Any]) -> list[dict[str, str]]:
    schemes = [name for option in operation.get("security", [{}]) for name in option]
    return [{}, *({"Authorization": f"Bearer {TOKENS[name]}"} for name in schemes)]


def _values(parameter: dict[str, Any]) -> list[str | None]:
    """Values tried in combination: every expand subset worth trying, every language."""
    schema, name = parameter["schema"], parameter["name"]
    if schema.get("type") == "array" and "enum" in schema.get("items", {}):
        names = schema["items"]["enum"]
        return [None, *names, ",".join(names)]
    if "enum" in schema and name == "lang":
        return [None, *schema["enum"]]
    small = {"per_page": "2", "limit": "3", "q": "hoito"}
    if name in small:
        return [small[name]]
    assert not parameter.get("required"), f"the walk does not know a value for required {name}"
    return [None]


def _alone(parameter: dict[str, Any]) -> list[str]:
    """Values tried one at a time: any other enum (format, form, …), and the release for ``version``."""
    if parameter["name"] == "version":
        return [RELEASE.removeprefix("release/")]
    if "enum" in parameter["schema"] and parameter["name"] != "lang":
        return [str(value) for value in parameter["schema"]["enum"]]
    return []


def _queries(parameters: list[dict[str, Any]]) -> Iterator[tuple[str, bool]]:
    """Query strings, and whether each must succeed (values tried alone may need a token they lack)."""
    query = [p for p in parameters if p["in"] == "query"]
    base = [
        [(p["name"], v) for p, v in zip(query, values, strict=True) if v is not None]
        for values in itertools.product(*(_values(p) for p in query))
    ]
    extra = [
        [*[(n, v) for n, v in base[0] if n != p["name"]], (p["name"], value)] for p in query for value in _alone(p)
    ]
    for pairs, strict in [*((b, True) for b in base), *((e, False) for e in extra)]:
        yield ("?" + urlencode(pairs, safe=",") if pairs else ""), strict


def _fill(client: FlaskClient, template: str, headers: dict[str, str]) -> list[str]:
    """Every concrete URL of TEMPLATE: each visible id, schema name or release name."""
    if "{" not in template:
        return [template]
    if "/steps/{" in template:  # deep links: the first, second and last step of a few paths
        urls = []
        for path_url in _fill(client, template.partition("/steps/")[0], headers)[:3]:
            path = client.get(path_url, headers=headers).get_json()
            steps = [step["id"] for phase in path["phases"] for step in phase["steps"]]
            urls += [f"{path_url}/steps/{step}" for step in dict.fromkeys([*steps[:2], steps[-1]])]
        return urls
    prefix, _, rest = template.partition("{")
    folder = prefix.strip("/").split("/")[-1]
    if folder in {kind.folder for kind in Kind}:
        items = client.get(f"/v1/{folder}?per_page=100", headers=headers).get_json()["items"]
        names = [item["id"] for item in items]
    elif folder == "schemas":
        names = [item["name"] for item in client.get("/v1/schemas").get_json()["items"]]
    elif folder == "releases":
        names = [item["name"] for item in client.get("/v1/releases").get_json()["items"]]
    else:
        raise AssertionError(f"the walk does not know how to fill {template}")
    assert names, template
    return [prefix + name + rest.partition("}")[2] for name in names]


def _walk(client: FlaskClient, spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, str], bool]]:
    for template, item in spec["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        parameters = [*item.get("parameters", []), *operation.get("parameters", [])]
        for headers in _auths(operation):
            for url in _fill(client, template, headers):
                for query, strict in _queries(parameters):
                    yield template, url + query, headers, strict


def _body(data: bytes, content_type: str) -> Any:
    if content_type == "application/gzip":
        return json.loads(gzip.decompress(data))
    return json.loads(data)


@pytest.mark.slow
def test_every_answer_matches_its_documented_schema(walk_client: FlaskClient) -> None:
    spec = walk_client.get("/openapi.json").get_json()
    contract = Contract(spec)
    checked: dict[str, int] = {}
    for template, url, headers, strict in _walk(walk_client, spec):
        pending: str | None = url
        while pending:  # follow page links: later pages must match too
            response = walk_client.get(pending, headers=headers)
            if not strict and response.status_code != 200:  # a documented problem, e.g. 401 without a token
                assert str(response.status_code) in spec["paths"][template]["get"]["responses"], pending
                problem = contract.validator("components", "schemas", "Problem")
                assert not list(problem.iter_errors(response.get_json())), pending
                break
            assert response.status_code == 200, (pending, headers, response.data[:300])
            documented = spec["paths"][template]["get"]["responses"]["200"]["content"]
            content_type = response.mimetype
            assert content_type in documented, (pending, content_type)
            pointer = ["paths", template, "get", "responses", "200", "content", content_type, "schema"]
            if content_type == "application/gzip":
                pointer.append("x-decompressed")
            body = _body(response.data, content_type)
            errors = contract.errors(tuple(pointer), response.data, content_type)
            assert not errors, (pending, headers, errors[:5])
            checked[template] = checked.get(template, 0) + 1
            pending = body.get("links", {}).get("next") if isinstance(body, dict) else None
            pending = pending or (body.get("next") if isinstance(body, dict) else None)
    assert set(checked) == {t for t, item in spec["paths"].items() if "get" in item}
    assert checked["/v1/paths/{doc_id}"] >= 5 * 6 * 4 * 3  # ids x expand x lang x tokens


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_expanded_answers_match_the_delivered_schema(walk_client: FlaskClient, kind: Kind) -> None:
    schema = walk_client.get(f"/v1/schemas/{kind.value}?form=delivered").get_json()
    check = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    decide = jsonschema_rs.validator_for(schema, validate_formats=True)  # fast; check names the errors
    spec = walk_client.get("/openapi.json").get_json()
    expand = next(
        p for p in spec["paths"][f"/v1/{kind.folder}/{{doc_id}}"]["get"]["parameters"] if p["name"] == "expand"
    )["schema"]
    names = expand.get("items", {}).get("enum", [])
    for item in walk_client.get(f"/v1/{kind.folder}?per_page=100").get_json()["items"]:
        for value in [None, *names, ",".join(names)]:
            expand_query = f"expand={value}&" if value else ""
            body = walk_client.get(f"/v1/{kind.folder}/{item['id']}?{expand_query}lang=sv").get_json()
            valid = decide.is_valid(body)
            errors = [] if valid else [e.message[:200] for e in check.iter_errors(body)]
            assert valid, (item["id"], value, errors[:3])


def test_expanded_references_are_typed_as_an_id_or_the_document(walk_client: FlaskClient) -> None:
    spec = walk_client.get("/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    channels = schemas["Step"]["properties"]["channels"]["items"]["oneOf"]
    assert channels == [{"$ref": "#/components/schemas/Id"}, {"$ref": "#/components/schemas/Channel"}]
    related = schemas["Path"]["properties"]["related_paths"]["items"]["oneOf"]
    assert related[1] == {"$ref": "#/components/schemas/PathSummary"}
    assert schemas["Topic"]["properties"]["parent"]["oneOf"][1] == {"$ref": "#/components/schemas/Topic"}
    assert schemas["Path"]["properties"]["level"]["enum"] == ["strategic", "service", "touchpoint"]


def test_operations_have_ids_and_token_aware_ones_name_the_bearer_schemes(walk_client: FlaskClient) -> None:
    spec = walk_client.get("/openapi.json").get_json()
    operations = [
        (path, method, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in ("get", "post", "put", "delete", "patch")
    ]
    ids = [op.get("operationId") for _, _, op in operations]
    assert all(ids) and len(set(ids)) == len(ids), ids
    assert spec["paths"]["/v1/paths/{doc_id}"]["get"]["operationId"] == "getPath"
    assert set(spec["components"]["securitySchemes"]) == {"preview", "intranet"}
    assert all(s["type"] == "http" and s["scheme"] == "bearer" for s in spec["components"]["securitySchemes"].values())
    for path, _, op in operations:
        if "401" in op["responses"]:
            assert {} in op["security"] and {"preview": []} in op["security"], path


def test_generated_shapes_follow_the_live_schemas(walk_client: FlaskClient) -> None:
    """No second copy: a component equals the delivered schema's definition, refs renamed."""
    spec = walk_client.get("/openapi.json").get_json()
    delivered = walk_client.get("/v1/schemas/channel?form=delivered").get_json()
    component = spec["components"]["schemas"]["Channel"]
    assert component["required"] == delivered["required"]
    # intranet answers keep the audience marks: the only addition to the public shape
    assert set(component["properties"]) - set(delivered["properties"]) == {"audience"}
    assert set(delivered["properties"]) <= set(component["properties"])
    assert (
        spec["components"]["schemas"]["Contact"]["properties"].keys()
        == delivered["$defs"]["contact"]["properties"].keys()
    )


def test_a_schema_change_reaches_the_openapi_document(repo: ContentRepo, make_app: Any) -> None:
    app = make_app()
    client = app.test_client()
    before = client.get("/openapi.json").get_json()["components"]["schemas"]["TargetGroup"]["enum"]
    schema_file = repo.root / "schemas/path.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["$defs"]["targetGroup"]["enum"].append("students")
    schema_file.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    repo.commit("A new target group")
    app.extensions["pathapi"].service.library.refresh()
    after = client.get("/openapi.json").get_json()["components"]["schemas"]["TargetGroup"]["enum"]
    assert after == [*before, "students"]
    assert client.get("/v1/schemas/path?form=delivered").get_json()["$defs"]["targetGroup"]["enum"] == after
