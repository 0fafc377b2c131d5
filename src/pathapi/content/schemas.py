"""The content schemas of one repository state, compiled once into reusable validators."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable

from pathapi.content.compiled import Explainer, fast_validator, format_names, meta_valid
from pathapi.content.findings import WARNING, Problem
from pathapi.content.kinds import SCHEMA_DIR, Kind
from pathapi.content.parsing import ParseFailure, parse_json
from pathapi.content.positions import Positions, to_pointer
from pathapi.content.versions import CURRENT, VERSIONS, schema_path

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_VERSION = re.compile(r"/(\d+)/[a-z]+\.schema\.json$")


def _refuse_remote(uri: str) -> Resource[Any]:
    """Never fetch a schema over the network: every ``$ref`` must resolve to a local file."""
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


def _meta_error(schema: Mapping[str, Any]) -> Any:
    """jsonschema's best explanation of why SCHEMA is not a valid Draft 2020-12 schema, or None."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    return best_match(Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema))


def _refs(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """(pointer, value) of every ``$ref`` in a schema."""
    if isinstance(node, dict):
        for key, child in node.items():
            if key == "$ref" and isinstance(child, str):
                yield f"{pointer}/$ref", child
            else:
                yield from _refs(child, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _refs(child, f"{pointer}/{index}")


def _dialect_problem(path: str, schema: Mapping[str, Any], positions: Positions) -> Problem:
    """A schema that does not declare Draft 2020-12, the only dialect pathapi compiles."""
    if "$schema" not in schema:
        return Problem.of(path, 1, 1, "schema-no-dialect", "", "metaschema", draft=DRAFT)
    line, column = positions.of("/$schema")
    return Problem.of(
        path,
        line,
        column,
        "schema-wrong-dialect",
        "/$schema",
        "metaschema",
        draft=DRAFT,
        value=json.dumps(schema["$schema"])[:80],
    )


@dataclass(frozen=True)
class SchemaSet:
    """Parsed schemas by file name, with one compiled validator per document kind."""

    schemas: Mapping[str, Mapping[str, Any]]
    validators: Mapping[tuple[Kind, int], Explainer]
    fast: Mapping[tuple[Kind, int], Any] = field(default_factory=dict)

    def actual_version(self, kind: Kind, version: int) -> int:
        """The version KIND's schema for VERSION really is: older repositories keep older current schemas."""
        return self._current_versions[kind] if version == CURRENT else version

    @functools.cached_property
    def _current_versions(self) -> dict[Kind, int]:
        """What the current schema of each kind declares itself to be (read once, not per document)."""
        found = {kind: id_version(self.schemas.get(schema_path(kind, CURRENT))) for kind in Kind}
        return {kind: v if v is not None and v in VERSIONS else CURRENT for kind, v in found.items()}

    def passes(self, kind: Kind, version: int, data: Any) -> bool:
        """Whether DATA is schema-valid, by the compiled validator; False means: ask ``validators``."""
        fast = self.fast.get((kind, version))
        return fast is not None and bool(fast.is_valid(data))

    @classmethod
    def load(cls, files: Mapping[str, bytes]) -> tuple[SchemaSet, list[Problem]]:
        """Build from ``schemas/<name>`` bytes; problems name broken, unresolvable or missing schemas.

        The same files give the same (immutable) set: the last few are kept, compiled, per process.
        """
        schemas, problems = _compiled(tuple(sorted(files.items())))
        return schemas, list(problems)

    @classmethod
    def _compile(cls, files: Mapping[str, bytes]) -> tuple[SchemaSet, list[Problem]]:
        """``load`` without the cache."""
        problems: list[Problem] = []
        schemas: dict[str, Mapping[str, Any]] = {}
        texts: dict[str, Positions] = {}
        for path, data in sorted(files.items()):
            positions = Positions(data.decode("utf-8", errors="replace"))
            parsed = parse_json(data)
            if isinstance(parsed, ParseFailure):
                problems.append(
                    Problem.of(path, parsed.line, parsed.column, parsed.code, "", "json", **dict(parsed.args))
                )
                continue
            if not isinstance(parsed, dict):
                problems.append(Problem.of(path, 1, 1, "schema-not-object", "", "metaschema"))
                continue
            error = None if parsed.get("$schema") == DRAFT and meta_valid(parsed) else _meta_error(parsed)
            if error is not None:
                pointer = to_pointer(error.absolute_path)
                line, column = positions.of(pointer)
                problems.append(
                    Problem.of(path, line, column, "schema-invalid", pointer, "metaschema", detail=error.message[:200])
                )
                continue
            if parsed.get("$schema") != DRAFT:
                problems.append(_dialect_problem(path, parsed, positions))
                continue
            schemas[path.removeprefix(f"{SCHEMA_DIR}/")] = parsed
            texts[path] = positions
        registry: Registry[Any] = Registry(retrieve=_refuse_remote).with_resources(  # type: ignore[call-arg]
            (s["$id"], Resource.from_contents(s)) for s in schemas.values() if "$id" in s
        )
        broken: set[str] = set()
        for path, positions in texts.items():
            name = path.removeprefix(f"{SCHEMA_DIR}/")
            resolver = registry.resolver(base_uri=str(schemas[name].get("$id", "")))
            for pointer, ref in _refs(schemas[name]):
                try:
                    resolver.lookup(ref)
                except Unresolvable:
                    line, column = positions.of(pointer)
                    problems.append(Problem.of(path, line, column, "ref-unresolved", pointer, "metaschema", ref=ref))
                    broken.add(name)
        validators: dict[tuple[Kind, int], Explainer] = {}
        fast: dict[tuple[Kind, int], Any] = {}
        resources = tuple((str(s["$id"]), s) for s in schemas.values() if "$id" in s)
        formats = format_names(resources)
        for kind in Kind:
            for version in VERSIONS:
                schema = schemas.get(schema_path(kind, version))
                where = f"{SCHEMA_DIR}/{schema_path(kind, version)}"
                if schema is None and version == CURRENT and where not in files:
                    problems.append(Problem.of(where, 1, 1, "schema-missing", "", "metaschema", kind=kind, file=where))
                if schema is None or broken:
                    continue  # documents without a usable schema are not schema-checked
                validators[(kind, version)] = Explainer(schema, registry, formats)
                fast[(kind, version)] = fast_validator(schema, resources, formats)
        problems += _outdated(schemas, texts)
        return cls(schemas, validators, {k: v for k, v in fast.items() if v is not None}), problems


@functools.lru_cache(maxsize=8)
def _compiled(files: tuple[tuple[str, bytes], ...]) -> tuple[SchemaSet, tuple[Problem, ...]]:
    """The SchemaSet of FILES, compiled once per distinct set of schema bytes (bounded: 8 sets)."""
    schemas, problems = SchemaSet._compile(dict(files))
    return schemas, tuple(problems)


def id_version(schema: Any) -> int | None:
    """The version a schema declares in its ``$id`` (``…/3/path.schema.json``), if any."""
    found = ID_VERSION.search(str(schema.get("$id", ""))) if isinstance(schema, Mapping) else None
    return int(found.group(1)) if found else None


def _outdated(schemas: Mapping[str, Mapping[str, Any]], texts: Mapping[str, Positions]) -> list[Problem]:
    """A warning when the repository's current schemas are an older version than this pathapi's."""
    where = f"{SCHEMA_DIR}/{Kind.PATH.schema_file}"
    version = id_version(schemas.get(Kind.PATH.schema_file))
    if version is None or version >= CURRENT or where not in texts:
        return []
    line, column = texts[where].of("/$id")
    return [
        Problem.of(
            where,
            line,
            column,
            "schemas-outdated",
            "/$id",
            "schema-pointer",
            severity=WARNING,
            version=version,
            current=CURRENT,
        )
    ]


def declared_enum(schema: Mapping[str, Any], field_name: str) -> tuple[str, ...]:
    """The enum SCHEMA declares for its property FIELD_NAME (a string or a list of strings), else ()."""
    node: Any = schema.get("properties", {}).get(field_name, {})
    for _ in range(8):  # follow ``items`` and local ``$ref``s down to the enum
        if "enum" in node:
            return tuple(str(v) for v in node["enum"])
        if "items" in node:
            node = node["items"]
        elif str(node.get("$ref", "")).startswith("#/"):
            target: Any = schema
            for part in node["$ref"][2:].split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            node = target
        else:
            break
    return ()
