"""What changed between two states of the content, per document, block, field and language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from pathapi.content.document import LANGUAGES, is_localized
from pathapi.content.kinds import locate
from pathapi.content.sources import SourceFile

Block = tuple[tuple[str, str], ...]  # e.g. (("phases", "harkinta"), ("steps", "soitto"))
SCHEDULE = ("publish_at", "unpublish_at")
SKIPPED = frozenset({"$schema", "id", "status", *SCHEDULE})


@dataclass(frozen=True)
class FieldChange:
    """One field of one block: added, removed or changed, in one language for texts."""

    block: Block
    field: str
    language: str | None
    change: str
    old: Any
    new: Any


@dataclass(frozen=True)
class BlockChange:
    """A phase, step, link or other listed item added or removed, or a list reordered."""

    block: Block
    change: str  # added | removed | reordered
    title: Any = None


@dataclass(frozen=True)
class StaleTranslation:
    """A text whose Finnish changed while these languages, present before and after, did not."""

    block: Block
    field: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class DocumentReview:
    """Everything that changed in one document."""

    kind: str
    id: str
    change: str  # added | removed | renamed | changed | unreadable
    title: Any
    old_id: str | None = None
    status: tuple[str | None, str | None] | None = None
    schedule: tuple[tuple[str, str | None, str | None], ...] = ()
    blocks: tuple[BlockChange, ...] = ()
    fields: tuple[FieldChange, ...] = ()
    stale: tuple[StaleTranslation, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class Review:
    """The changes from BASE to HEAD, documents in kind and id order."""

    base: str
    head: str
    documents: tuple[DocumentReview, ...] = field(default_factory=tuple)

    @property
    def stale_count(self) -> int:
        """How many texts have translations left behind."""
        return sum(len(d.stale) for d in self.documents)


def read_state(files: Iterable[SourceFile]) -> dict[tuple[str, str], Any]:
    """Documents by (kind, id): parsed data, or the parse error as a string."""
    state: dict[tuple[str, str], Any] = {}
    for file in files:
        located = locate(file.path)
        if located is None:
            continue
        try:
            state[(located[0].value, located[1])] = orjson.loads(file.data)
        except orjson.JSONDecodeError as err:
            state[(located[0].value, located[1])] = ParseError(str(err))
    return state


@dataclass(frozen=True)
class ParseError:
    """A file that is not JSON on one side of the comparison."""

    message: str


def _ident(item: Any, index: int, keyed: str | None) -> str:
    return str(item[keyed]) if keyed else str(index + 1)


def _key_of(items: list[Any]) -> str | None:
    """The key that names items of a list of objects: ``id``, else ``url``; None: by position."""
    for key in ("id", "url"):
        values = [i.get(key) for i in items]
        if all(isinstance(v, str) for v in values) and len(set(values)) == len(values):
            return key
    return None


def flatten(data: Mapping[str, Any]) -> tuple[dict[tuple[Block, str], Any], dict[Block, Any], dict[Block, list[str]]]:
    """Leaves by (block, field), block titles, and the order of items in each listed block."""
    leaves: dict[tuple[Block, str], Any] = {}
    titles: dict[Block, Any] = {(): data.get("title") or data.get("name")}
    orders: dict[Block, list[str]] = {}

    def visit(value: Mapping[str, Any], block: Block, prefix: str) -> None:
        for key, child in value.items():
            if not block and not prefix and key in SKIPPED:
                continue
            name = f"{prefix}{key}"
            if isinstance(child, list) and child and all(isinstance(i, dict) for i in child):
                keyed = _key_of(child)
                orders[(*block, (name, ""))] = [_ident(i, n, keyed) for n, i in enumerate(child)]
                for index, item in enumerate(child):
                    inner = (*block, (name, _ident(item, index, keyed)))
                    titles[inner] = item.get("title") or item.get("name") or item.get("kind")
                    visit({k: v for k, v in item.items() if k != keyed}, inner, "")
            elif isinstance(child, dict) and not is_localized(child):
                visit(child, block, f"{name}.")
            else:
                leaves[(block, name)] = child

    visit(data, (), "")
    return leaves, titles, orders


def _inside(block: Block, roots: set[Block]) -> bool:
    return any(block[: len(root)] == root for root in roots)


def _text_changes(where: tuple[Block, str], old: Any, new: Any) -> Iterator[FieldChange | StaleTranslation]:
    """Per-language changes of a localized text, and the translations its Finnish change left behind."""
    block, name = where
    for lang in LANGUAGES:
        a, b = old.get(lang), new.get(lang)
        if a != b:
            change = "added" if a is None else "removed" if b is None else "changed"
            yield FieldChange(block, name, lang, change, a, b)
    if old.get("fi") != new.get("fi"):
        behind = tuple(lang for lang in LANGUAGES[1:] if lang in old and old.get(lang) == new.get(lang))
        if behind:
            yield StaleTranslation(block, name, behind)


def compare_documents(
    old: Mapping[str, Any], new: Mapping[str, Any]
) -> tuple[tuple[BlockChange, ...], tuple[FieldChange, ...], tuple[StaleTranslation, ...]]:
    """Blocks added, removed and reordered; fields changed; translations left stale."""
    old_leaves, old_titles, old_orders = flatten(old)
    new_leaves, new_titles, new_orders = flatten(new)
    added = {b for b in new_titles if b not in old_titles}
    removed = {b for b in old_titles if b not in new_titles}
    blocks = [BlockChange(b, "added", new_titles[b]) for b in sorted(added) if not _inside(b[:-1], added)]
    blocks += [BlockChange(b, "removed", old_titles[b]) for b in sorted(removed) if not _inside(b[:-1], removed)]
    for container, order in new_orders.items():
        before = [i for i in old_orders.get(container, []) if i in order]
        if before != [i for i in order if i in before] and not _inside(container[:-1], added):
            blocks.append(BlockChange(container, "reordered"))
    fields: list[FieldChange] = []
    stale: list[StaleTranslation] = []
    for key in sorted(old_leaves.keys() | new_leaves.keys(), key=lambda k: (k[0], k[1])):
        if _inside(key[0], added | removed) and key[0]:
            continue
        a, b = old_leaves.get(key), new_leaves.get(key)
        if a == b:
            continue
        if is_localized(a) and is_localized(b):
            for found in _text_changes(key, a, b):
                (fields if isinstance(found, FieldChange) else stale).append(found)  # type: ignore[arg-type]
        else:
            change = "added" if a is None else "removed" if b is None else "changed"
            fields.append(FieldChange(key[0], key[1], None, change, a, b))
    return tuple(blocks), tuple(fields), tuple(stale)
