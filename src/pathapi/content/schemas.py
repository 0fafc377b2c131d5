"""The content schemas of one repository state, compiled once into reusable validators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from pathapi.content.kinds import SCHEMA_DIR, Kind
from pathapi.content.parsing import ParseFailure, parse_json
from pathapi.content.problems import Problem


def _refuse_remote(uri: str) -> Resource[Any]:
    """Never fetch a schema over the network: every ``$ref`` must resolve to a local file."""
    raise NoSuchResource(ref=uri)


@dataclass(frozen=True)
class SchemaSet:
    """Parsed schemas by file name, with one compiled validator per document kind."""

    schemas: Mapping[str, Mapping[str, Any]]
    validators: Mapping[Kind, Draft202012Validator]

    @classmethod
    def load(cls, files: Mapping[str, bytes]) -> tuple[SchemaSet, list[Problem]]:
        """Build from ``schemas/<name>`` bytes; problems name broken or missing schemas."""
        problems: list[Problem] = []
        schemas: dict[str, Mapping[str, Any]] = {}
        for path, data in sorted(files.items()):
            parsed = parse_json(data)
            if isinstance(parsed, ParseFailure):
                problems.append(Problem(path, parsed.line, parsed.column, parsed.message, "", "json"))
                continue
            try:
                Draft202012Validator.check_schema(parsed)
            except SchemaError as err:
                message = f"not a valid Draft 2020-12 schema: {err.message}"
                problems.append(Problem(path, 1, 1, message, "", "metaschema"))
                continue
            schemas[path.rsplit("/", 1)[-1]] = parsed
        registry: Registry[Any] = Registry(retrieve=_refuse_remote).with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas.values() if "$id" in s
        )
        validators: dict[Kind, Draft202012Validator] = {}
        for kind in Kind:
            schema = schemas.get(kind.schema_file)
            if schema is None:
                where = f"{SCHEMA_DIR}/{kind.schema_file}"
                problems.append(Problem(where, 1, 1, f"schema for {kind} documents is missing"))
                continue
            validators[kind] = Draft202012Validator(
                schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
        return cls(schemas, validators), problems
