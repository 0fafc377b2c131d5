"""The settings of one content repository (``content/settings.json``): typed, frozen, with defaults.

Each group of the file (``languages``, ``review``, …) is one frozen dataclass below; to add a
setting, add it to ``schemas/settings.schema.json`` (with its default) and to its group here.
The validator checks the file against its schema (see ``Validator.check_file``); loading never
fails: a missing file, group or key takes its default, and a file that does not pass its
schema gives the defaults while ``validate`` reports why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from pathapi.content.advice.thresholds import Thresholds

SETTINGS_FILE = "content/settings.json"
SETTINGS_SCHEMA = "settings.schema.json"


@dataclass(frozen=True)
class LanguageSettings:
    """Which languages content must be written in."""

    required: tuple[str, ...] = ("fi",)

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> LanguageSettings:
        """The group from its JSON object."""
        return cls(required=tuple(data.get("required", cls.required)))


@dataclass(frozen=True)
class ReviewSettings:
    """How content is kept up to date."""

    interval_months: int = 12

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> ReviewSettings:
        """The group from its JSON object."""
        return cls(interval_months=int(data.get("interval_months", cls.interval_months)))


@dataclass(frozen=True)
class FeedbackSettings:
    """How readers report a problem: an address template, and the views that carry it."""

    url_template: str | None = None
    audience: tuple[str, ...] = ("intranet",)

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> FeedbackSettings:
        """The group from its JSON object."""
        template = data.get("url_template")
        return cls(url_template=str(template) if template else None, audience=tuple(data.get("audience", cls.audience)))


@dataclass(frozen=True)
class Settings:
    """Every setting of a repository; ``Settings()`` is the defaults."""

    languages: LanguageSettings = field(default_factory=LanguageSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    advice: Thresholds = field(default_factory=Thresholds)
    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)


# group name in the file -> how to read it; add a group here and as a field of Settings
GROUPS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "languages": LanguageSettings.parse,
    "review": ReviewSettings.parse,
    "advice": Thresholds.parse,
    "feedback": FeedbackSettings.parse,
}


def load_settings(data: bytes | None, valid: bool = True) -> Settings:
    """The settings in DATA (the file's bytes); the defaults without a file or when it is not VALID."""
    if data is None or not valid:
        return Settings()
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        return Settings()
    if not isinstance(parsed, dict):
        return Settings()
    groups = {name: read(parsed[name]) for name, read in GROUPS.items() if isinstance(parsed.get(name), dict)}
    return Settings(**groups)
