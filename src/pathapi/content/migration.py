"""``pathapi migrate``: rewrite a repository's schemas and documents to the current schema version.

Files keep their style (indentation, escaped or raw non-ASCII, line endings, final newline), and a
second run changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR, Kind, locate
from pathapi.content.schemas import id_version
from pathapi.content.versions import CURRENT, VERSIONS, declared_version, pointer, upgrade

COMMON = "common.schema.json"
INLINE = re.compile(r"[\[{] *[\"\d tfn-][^\n]*[\]}] *,? *$", re.MULTILINE)  # a container opened and closed on one line
INLINE_WIDTH = 100


@dataclass(frozen=True)
class Style:
    """How a JSON file is written: indentation, ASCII escapes, line ending, final newline."""

    indent: str | int | None = 2
    ascii: bool = False
    newline: str = "\n"
    final_newline: bool = True
    inline_short: bool = False  # short lists and objects of plain values on one line

    @classmethod
    def of(cls, text: str) -> Style:
        """The style TEXT is written in (defaults where it cannot tell)."""
        found = re.search(r"\n([ \t]+)\S", text)
        indent: str | int | None = None if "\n" not in text.strip() else 2
        if found:
            lead = found.group(1)
            indent = len(lead) if set(lead) == {" "} else lead
        escaped = re.search(r"\\u(00[89a-fA-F]|0[1-9a-fA-F]|[1-9a-fA-F])", text)
        ascii_only = bool(escaped) and all(ord(c) < 128 for c in text)
        newline = "\r\n" if "\r\n" in text else "\n"
        inline = bool(INLINE.search(text)) and indent is not None
        return cls(indent, ascii_only, newline, text.endswith(("\n", "\r\n")), inline)

    def dump(self, data: Any) -> str:
        """DATA written in this style."""
        out = (
            self._node(data, 0) if self.inline_short else json.dumps(data, ensure_ascii=self.ascii, indent=self.indent)
        )
        out = out.replace("\n", self.newline)
        return out + (self.newline if self.final_newline else "")

    def _node(self, value: Any, level: int) -> str:
        """VALUE indented at LEVEL, short containers of plain values on one line."""
        flat = json.dumps(value, ensure_ascii=self.ascii)
        unit = " " * self.indent if isinstance(self.indent, int) else str(self.indent)
        if (
            not isinstance(value, (dict, list))
            or not value
            or (_plain(value) and len(flat) + len(unit) * level <= INLINE_WIDTH)
        ):
            return flat
        inner = unit * (level + 1)
        if isinstance(value, list):
            parts = [inner + self._node(item, level + 1) for item in value]
            return "[\n" + ",\n".join(parts) + "\n" + unit * level + "]"
        parts = [
            f"{inner}{json.dumps(key, ensure_ascii=self.ascii)}: {self._node(item, level + 1)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(parts) + "\n" + unit * level + "}"


def _plain(value: dict[str, Any] | list[Any]) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return all(not isinstance(item, (dict, list)) for item in items)


def schema_file_version(schema: Any) -> int | None:
    """The schema version a schema file declares in its ``$id`` (``…/3/path.schema.json``), if any."""
    return id_version(schema)


def _read(file: Path) -> Any:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None


def repository_schema_version(root: Path) -> int | None:
    """The version of the schemas in ROOT's ``schemas/`` (from the path schema's ``$id``)."""
    return schema_file_version(_read(root / SCHEMA_DIR / Kind.PATH.schema_file))


@dataclass(frozen=True)
class Change:
    """One file to rewrite: where, what it says now, and from which version to which."""

    file: Path
    text: str
    old: int
    new: int = CURRENT


def _schema_names() -> list[str]:
    return [COMMON, *(kind.schema_file for kind in Kind)]


def schema_changes(root: Path, source: Path) -> list[Change]:
    """Files to write so ROOT's ``schemas/`` match SOURCE's (current, and previous versions beside them).

    Only when ROOT's schemas are older than this pathapi; then the old ones move to ``schemas/vN/``.
    """
    old = repository_schema_version(root)
    if old is None or old >= CURRENT or source.resolve() == (root / SCHEMA_DIR).resolve():
        return []
    changes: dict[Path, Change] = {}
    for name in _schema_names():  # the repository's own schemas stay, as version OLD
        here, kept = root / SCHEMA_DIR / name, root / SCHEMA_DIR / f"v{old}" / name
        if here.is_file() and not kept.exists():
            changes[kept] = Change(kept, here.read_text(encoding="utf-8"), old)
    for file in sorted(source.rglob("*.schema.json")):
        target = root / SCHEMA_DIR / file.relative_to(source)
        if file.parent == source or not (target.exists() or target in changes):
            changes[target] = Change(target, file.read_text(encoding="utf-8"), old)
    return list(changes.values())


def document_changes(root: Path, schemas_were: int | None = None) -> Iterator[Change]:
    """Documents of ROOT that follow an older schema version, with their upgraded text.

    SCHEMAS_WERE: the version ROOT's ``schemas/`` had before they were upgraded (then documents
    pointing at ``schemas/x.schema.json`` follow that version).
    """
    for file in sorted((root / CONTENT_DIR).rglob("*.json")):
        located = locate(file.relative_to(root).as_posix())
        if located is None:
            continue
        try:
            text = file.read_text(encoding="utf-8")
            data = json.loads(text)
        except (ValueError, UnicodeDecodeError, RecursionError):
            continue  # `pathapi validate` names broken (or absurdly nested) files
        version = declared_version(located[0], data)
        if version == CURRENT and schemas_were is not None and schemas_were < CURRENT:
            version = schemas_were if schemas_were in VERSIONS else None
        if version is None or version == CURRENT:
            continue
        upgraded = upgrade(located[0], data, version)
        upgraded["$schema"] = pointer(located[0], CURRENT)
        yield Change(file, _rewritten(text, data, upgraded), version)


def _rewritten(text: str, data: dict[str, Any], upgraded: dict[str, Any]) -> str:
    """TEXT with UPGRADED's content: only the ``$schema`` value replaced when nothing else changed."""
    if {k: v for k, v in data.items() if k != "$schema"} == {k: v for k, v in upgraded.items() if k != "$schema"}:
        old = json.dumps(data.get("$schema"))
        if old != "null" and text.count(old) == 1:
            return text.replace(old, json.dumps(upgraded["$schema"]))
        if data.get("$schema") == upgraded["$schema"]:
            return text
    return Style.of(text).dump(upgraded)


def write(change: Change) -> None:
    """Write one change (creating folders), byte for byte as prepared."""
    change.file.parent.mkdir(parents=True, exist_ok=True)
    with change.file.open("w", encoding="utf-8", newline="") as out:
        out.write(change.text)


def copy_schemas(changes: list[Change]) -> None:
    """Write schema changes: previous versions first, so nothing is lost if one fails."""
    for change in sorted(changes, key=lambda c: SCHEMA_DIR + "/v" not in c.file.as_posix()):
        write(change)
