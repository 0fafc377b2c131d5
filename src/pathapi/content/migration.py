"""``pathapi migrate``: rewrite a repository's schemas and documents to the current schema version.

Files keep their style (indentation, escaped or raw non-ASCII, line endings, final newline), and a
second run changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pathapi.content.json_style import Style
from pathapi.content.kinds import CONTENT_DIR, SCHEMA_DIR, Kind, locate
from pathapi.content.schemas import id_version
from pathapi.content.versions import CURRENT, VERSIONS, declared_version, pointer, upgrade

COMMON = "common.schema.json"


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
