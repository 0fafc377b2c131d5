"""Localized texts for a page: which language each text is shown in, and which fall back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pathapi.content.document import is_localized
from pathapi.delivery.html import render
from pathapi.delivery.localize import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Text:
    """A text in one language: plain or as sanitized HTML, and whether it fell back to Finnish."""

    value: str
    lang: str
    fallback: bool
    html: bool = False


@dataclass
class Localizer:
    """Picks LANGUAGE from localized texts, else Finnish, counting the texts that fell back."""

    language: str
    fallbacks: list[str] = field(default_factory=list)

    def _pick(self, value: Any, where: str) -> tuple[str, str, bool] | None:
        if not is_localized(value):
            return (value, DEFAULT_LANGUAGE, False) if isinstance(value, str) else None
        if self.language in value:
            return value[self.language], self.language, False
        self.fallbacks.append(where)
        return value[DEFAULT_LANGUAGE], DEFAULT_LANGUAGE, self.language != DEFAULT_LANGUAGE

    def text(self, value: Any, where: str = "") -> Text | None:
        """A one-line text, or None when VALUE is missing."""
        picked = self._pick(value, where)
        return Text(*picked) if picked else None

    def markdown(self, value: Any, where: str = "") -> Text | None:
        """A Markdown text rendered to sanitized HTML, or None when VALUE is missing."""
        picked = self._pick(value, where)
        return Text(render(picked[0]), picked[1], picked[2], html=True) if picked else None
