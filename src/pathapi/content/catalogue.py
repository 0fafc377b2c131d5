"""Findings in the editor's language: pick the language, fill a catalogue entry, suggest near words."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping

from pathapi.content.advice_texts import ADVICE
from pathapi.content.command_texts import COMMANDS
from pathapi.content.freshness_texts import FRESHNESS
from pathapi.content.limit_texts import LIMITS
from pathapi.content.markdown_texts import MARKDOWN
from pathapi.content.reference_texts import REFERENCE
from pathapi.content.release_texts import RELEASES
from pathapi.content.rule_texts import RULES
from pathapi.content.schema_file_texts import SCHEMA_FILES
from pathapi.content.schema_texts import SCHEMA
from pathapi.content.syntax_texts import SYNTAX
from pathapi.content.texts import TERMS, TRANSLATED, WORDS, Entry

LANGUAGES = ("fi", "sv", "en")
DEFAULT = "fi"
CATALOGUE: dict[str, Entry] = {
    **SYNTAX,
    **SCHEMA,
    **RULES,
    **LIMITS,
    **SCHEMA_FILES,
    **MARKDOWN,
    **COMMANDS,
    **REFERENCE,
    **ADVICE,
    **RELEASES,
    **FRESHNESS,
}


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The editor's language from LC_ALL, LC_MESSAGES or LANG (first one set), else Finnish."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else DEFAULT
    return DEFAULT


def _term(value: str, lang: str) -> str:
    """A word argument (kind, JSON type) in LANG; ``a|b`` alternatives joined with 'or'."""
    words = TERMS[lang]
    return f" {words['or']} ".join(words.get(part, part) for part in value.split("|"))


def render(code: str, args: Mapping[str, str], lang: str) -> tuple[str, str] | None:
    """(message, fix) for CODE in LANG with ARGS filled in; None for a code not in the catalogue."""
    entry = CATALOGUE.get(code)
    if entry is None:
        return None
    values = {k: _term(v, lang) if k in TRANSLATED else v for k, v in args.items()}
    if values.get("where"):  # the line within a multi-line Markdown text
        values["where"] = str(WORDS[lang]["markdown_line"]).format(line=values["where"])
    message, fix = entry[lang if lang in entry else "en"]
    return message.format(**values), fix.format(**values)


def english(code: str, args: Mapping[str, str]) -> tuple[str, str]:
    """The English (message, fix): what the machine-readable ``message`` field carries."""
    rendered = render(code, args, "en")
    if rendered is None:
        raise KeyError(f"no catalogue entry for {code!r}")
    return rendered


def say(code: str, lang: str, **args: object) -> str:
    """A command's sentence and what to do, in LANG."""
    rendered = render(code, {k: str(v) for k, v in args.items()}, lang)
    if rendered is None:
        raise KeyError(f"no catalogue entry for {code!r}")
    return f"{rendered[0]} {rendered[1]}"


def closest(word: str, options: Iterable[str], n: int = 3) -> list[str]:
    """Up to N options that look like WORD (difflib), nearest first."""
    return difflib.get_close_matches(word, sorted(set(options)), n=n, cutoff=0.6)


def quoted(values: Iterable[object]) -> str:
    """Values as a comma-separated list of JSON-quoted words."""
    return ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in values)


def plural(lang: str, what: str, count: int) -> str:
    """COUNT followed by WHAT ('documents', 'errors', 'warnings') in LANG, singular or plural."""
    forms = WORDS[lang][what]
    assert isinstance(forms, tuple)
    return f"{count} {forms[0] if count == 1 else forms[1]}"


def summary(lang: str, checked: int, errors: int, warnings: int) -> str:
    """The last line of a validation run in LANG."""
    template = str(WORDS[lang]["summary"])
    return template.format(
        checked=plural(lang, "documents", checked),
        errors=plural(lang, "errors", errors),
        warnings=plural(lang, "warnings", warnings),
    )


def warning_prefix(lang: str) -> str:
    """'varoitus: ' and the like, put before a warning's message."""
    return str(WORDS[lang]["warning"])
