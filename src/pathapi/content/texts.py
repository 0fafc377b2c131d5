"""The shared vocabulary of the finding catalogues: the Entry shape, the translated TERMS, report WORDS.

Each catalogue (syntax_texts, schema_texts, rule_texts, ...) maps a stable code to
(message, fix) in Finnish, Swedish and English.

Placeholders such as ``{name}`` are filled from the finding's arguments. Arguments named in
``TRANSLATED`` are words (a document kind, a JSON type) looked up in ``TERMS`` first.
A code missing from every catalogue is shown with its English text in every language.
"""

from __future__ import annotations

Entry = dict[str, tuple[str, str]]

TRANSLATED = ("kind", "expected", "got", "what")

TERMS: dict[str, dict[str, str]] = {
    "fi": {
        "path": "polku",
        "channel": "kanava",
        "segment": "segmentti",
        "topic": "aihe",
        "object": "objekti {…}",
        "array": "lista […]",
        "string": 'teksti "…"',
        "boolean": "true tai false",
        "integer": "kokonaisluku",
        "number": "luku",
        "null": "null",
        "phase": "vaihe",
        "step": "askel",
        "or": "tai",
    },
    "sv": {
        "path": "stig",
        "channel": "kanal",
        "segment": "segment",
        "topic": "ämne",
        "object": "ett objekt {…}",
        "array": "en lista […]",
        "string": 'en text "…"',
        "boolean": "true eller false",
        "integer": "ett heltal",
        "number": "ett tal",
        "null": "null",
        "phase": "fas",
        "step": "steg",
        "or": "eller",
    },
    "en": {
        "path": "path",
        "channel": "channel",
        "segment": "segment",
        "topic": "topic",
        "object": "an object {…}",
        "array": "an array […]",
        "string": 'a string "…"',
        "boolean": "true or false",
        "integer": "an integer",
        "number": "a number",
        "null": "null",
        "phase": "phase",
        "step": "step",
        "or": "or",
    },
}

# Words used around findings: the warning prefix and the summary line (singular, plural).
WORDS: dict[str, dict[str, str | tuple[str, str]]] = {
    "fi": {
        "warning": "varoitus: ",
        "markdown_line": "Markdown-rivi {line}: ",
        "documents": ("dokumentti", "dokumenttia"),
        "errors": ("virhe", "virhettä"),
        "warnings": ("varoitus", "varoitusta"),
        "summary": "Tarkistettu {checked}: {errors}, {warnings}",
    },
    "sv": {
        "warning": "varning: ",
        "markdown_line": "Markdown-rad {line}: ",
        "documents": ("dokument", "dokument"),
        "errors": ("fel", "fel"),
        "warnings": ("varning", "varningar"),
        "summary": "{checked} kontrollerade: {errors}, {warnings}",
    },
    "en": {
        "warning": "warning: ",
        "markdown_line": "Markdown line {line}: ",
        "documents": ("document", "documents"),
        "errors": ("problem", "problems"),
        "warnings": ("warning", "warnings"),
        "summary": "{checked} checked, {errors}, {warnings}",
    },
}
