"""Two validators per schema: ``jsonschema-rs`` decides valid or not, ``jsonschema`` explains why not.

The compiled validator answers in microseconds; the pure-Python one (and importing it,
which alone takes most of a second) is paid only for documents that have problems. Both
get the same schemas and the same pinned formats and patterns (content.formats), and
tests/test_differential.py proves they agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from pathapi.content.formats import ecma_pattern, pinned, used_formats

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

Resources = tuple[tuple[str, Mapping[str, Any]], ...]


def _refuse_remote(uri: str) -> Any:
    """Never fetch a schema over the network: every ``$ref`` must resolve to a local file."""
    raise LookupError(f"{uri} is not a local schema")


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """``pattern`` with ECMA-262 semantics (as jsonschema-rs has them); jsonschema's own wording."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not re.search(ecma_pattern(pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def format_names(resources: Resources) -> set[str]:
    """Every format any of the schemas uses."""
    return {name for _, schema in resources for name in used_formats(schema)}


class Explainer:
    """jsonschema's validator for one schema, compiled on first use, with the pinned formats."""

    def __init__(self, schema: Mapping[str, Any], registry: Registry[Any], formats: set[str]) -> None:
        self.schema = schema
        self.registry = registry
        self.formats = formats

    @cached_property
    def compiled(self) -> Any:
        """The jsonschema Draft 2020-12 validator (imports jsonschema the first time)."""
        from jsonschema import Draft202012Validator, FormatChecker, validators

        checker = FormatChecker(formats=())
        for name, check in pinned(self.formats).items():
            checker.checks(name)(check)
        cls = validators.extend(Draft202012Validator, {"pattern": _pattern})
        return cls(self.schema, registry=self.registry, format_checker=checker)

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        """Every schema error of INSTANCE (jsonschema's positioned errors)."""
        return self.compiled.iter_errors(instance)  # type: ignore[no-any-return]

    def is_valid(self, instance: Any) -> bool:
        """Whether INSTANCE has no schema error, by jsonschema."""
        return next(iter(self.iter_errors(instance)), None) is None


def fast_validator(schema: Mapping[str, Any], resources: Resources, formats: set[str]) -> Any | None:
    """The jsonschema-rs validator for SCHEMA, or None if it cannot compile it (jsonschema then decides)."""
    try:
        registry = jsonschema_rs.Registry([(uri, dict(resource)) for uri, resource in resources])
        return jsonschema_rs.Draft202012Validator(
            dict(schema),
            registry=registry,
            retriever=_refuse_remote,
            formats=pinned(formats),
            validate_formats=True,
            ignore_unknown_formats=True,
        )
    except Exception:  # a construct the compiled validator lacks: the explaining one still works
        return None


def meta_valid(schema: Mapping[str, Any]) -> bool:
    """Whether SCHEMA is a valid Draft 2020-12 schema (jsonschema-rs; jsonschema names the error)."""
    try:
        return bool(jsonschema_rs.meta.is_valid(dict(schema)))
    except Exception:  # an unknown dialect or the like: let jsonschema judge and explain
        return False
