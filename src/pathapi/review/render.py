"""A Review as text for the terminal, Markdown for a pull-request comment, or JSON for tools."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import orjson

from pathapi.review.changes import Block, BlockChange, DocumentReview, FieldChange, Review, StaleTranslation
from pathapi.review.words import ADDED, REMOVED, shortened, word_diff

LANGS = ("fi", "sv", "en")
WORDS: dict[str, tuple[str, str, str]] = {
    "title": ("Sisällön muutokset", "Ändringar i innehållet", "Content changes"),
    "working tree": ("työkopio", "arbetskopia", "working tree"),
    "documents": ("dokumenttia", "dokument", "documents"),
    "document": ("dokumentti", "dokument", "document"),
    "none": ("Ei muutoksia.", "Inga ändringar.", "No changes."),
    "added": ("lisätty", "tillagd", "added"),
    "removed": ("poistettu", "borttagen", "removed"),
    "changed": ("muutettu", "ändrad", "changed"),
    "renamed": ("tunniste vaihtui", "ny identifierare", "renamed"),
    "unreadable": ("ei luettavissa", "kan inte läsas", "unreadable"),
    "reordered": ("järjestys muuttui", "ordningen ändrades", "order changed"),
    "stale": ("käännös jäljessä", "översättning efter", "translation behind"),
    "stale_help": (
        "ei päivitetty, vaikka suomenkielinen teksti muuttui: tarkista ja päivitä",
        "inte uppdaterad fast den finska texten ändrades: kontrollera och uppdatera",
        "not updated although the Finnish text changed: check and update",
    ),
    "status": ("tila", "status", "status"),
    "draft": ("luonnos", "utkast", "draft"),
    "review": ("tarkastettavana", "granskas", "in review"),
    "published": ("julkaistu", "publicerad", "published"),
    "archived": ("arkistoitu", "arkiverad", "archived"),
    "publish_at": ("julkaistaan", "publiceras", "publish at"),
    "unpublish_at": ("poistuu", "tas bort", "unpublish at"),
    "path": ("polku", "stig", "path"),
    "channel": ("kanava", "kanal", "channel"),
    "topic": ("aihe", "ämne", "topic"),
    "segment": ("segmentti", "segment", "segment"),
    "phases": ("vaihe", "skede", "phase"),
    "steps": ("askel", "steg", "step"),
    "links": ("linkki", "länk", "link"),
    "critical_points": ("kriittinen kohta", "kritisk punkt", "critical point"),
    "digital_care_paths": ("digihoitopolku", "digital vårdväg", "digital care path"),
    "personas": ("persoona", "persona", "persona"),
    "hours": ("aukioloaika", "öppettid", "opening hours"),
    "weekly": ("viikon aukioloaika", "öppettid per vecka", "weekly hours"),
    "exceptions": ("poikkeusaukioloaika", "avvikande öppettid", "exception to the hours"),
}
MARK = {"added": "+", "removed": "-", "changed": "~", "renamed": ">", "unreadable": "!"}


def word(key: str, lang: str) -> str:
    return WORDS[key][LANGS.index(lang)] if key in WORDS else key


def finnish(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("fi", ""))
    return "" if value is None else str(value)


def where(block: Block, lang: str, name: str = "") -> str:
    """A block and field as words: ``vaihe "harkinta" > askel "soitto" > body``."""
    parts = [f'{word(key, lang)} "{ident}"' if ident else word(key, lang) for key, ident in block]
    return " > ".join([*parts, name] if name else parts)


def _value(value: Any) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _status(change: tuple[str | None, str | None], lang: str) -> str:
    return " → ".join(word(s, lang) if s else "—" for s in change)


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ¶ ", text.strip())


def _counts(review: Review, lang: str) -> str:
    counted = Counter(d.change for d in review.documents)
    parts = [f"{n} {word(change, lang)}" for change, n in sorted(counted.items())]
    stale = f" · {review.stale_count} {word('stale', lang)}" if review.stale_count else ""
    noun = word("document" if len(review.documents) == 1 else "documents", lang)
    return f"{len(review.documents)} {noun}: {', '.join(parts)}{stale}"


def _head(document: DocumentReview, lang: str) -> str:
    renamed = f"{document.old_id} → " if document.old_id else ""
    title = finnish(document.title)
    return f"{word(document.kind, lang)} {renamed}{document.id}" + (f" — {title}" if title else "")


def _text_field(change: FieldChange, lang: str) -> list[str]:
    label = where(change.block, lang, change.field) + (f" [{change.language}]" if change.language else "")
    if isinstance(change.old, str) and isinstance(change.new, str):
        marked = "".join(
            f"[-{t}-]" if op == REMOVED else f"{{+{t}+}}" if op == ADDED else t
            for op, t in shortened(word_diff(change.old, change.new))
        )
        return [f"  {label}: {word(change.change, lang)}", f"      {_one_line(marked)}"]
    return [f"  {label}: {_one_line(_value(change.old))} → {_one_line(_value(change.new))}"]


def _block_line(block: BlockChange, lang: str) -> str:
    if block.change == "reordered":
        return f"  ↕ {where(block.block, lang)}: {word('reordered', lang)}"
    title = finnish(block.title)
    return f"  {MARK[block.change]} {where(block.block, lang)}: {word(block.change, lang)}" + (
        f" — {title}" if title else ""
    )


def _stale_line(stale: StaleTranslation, lang: str) -> str:
    return (
        f"  ! {word('stale', lang)}: {where(stale.block, lang, stale.field)}: "
        f"{', '.join(stale.languages)} {word('stale_help', lang)}"
    )


def text(review: Review, lang: str = "fi") -> str:
    """A readable review for the terminal, with ``[-removed-]{+added+}`` word diffs."""
    head = review.head if review.head != "working tree" else word("working tree", lang)
    lines = [f"{word('title', lang)}: {review.base} → {head}"]
    if not review.documents:
        return "\n".join([*lines, word("none", lang)]) + "\n"
    lines.append(_counts(review, lang))
    for document in review.documents:
        lines += ["", f"{MARK[document.change]} {_head(document, lang)} ({word(document.change, lang)})"]
        if document.problem:
            lines.append(f"  {document.problem}")
        if document.status:
            lines.append(f"  {word('status', lang)}: {_status(document.status, lang)}")
        lines += [f"  {word(n, lang)}: {_value(a)} → {_value(b)}" for n, a, b in document.schedule]
        lines += [_block_line(b, lang) for b in document.blocks]
        for change in document.fields:
            lines += _text_field(change, lang)
        lines += [_stale_line(s, lang) for s in document.stale]
    return "\n".join(lines) + "\n"


def as_json(review: Review) -> str:
    """The review as JSON: every change with old and new values, texts also as word diffs."""

    def field(change: FieldChange) -> dict[str, Any]:
        item = {
            "where": [list(b) for b in change.block],
            "field": change.field,
            "language": change.language,
            "change": change.change,
            "old": change.old,
            "new": change.new,
        }
        if isinstance(change.old, str) and isinstance(change.new, str):
            item["words"] = [{"op": op, "text": t} for op, t in word_diff(change.old, change.new)]
        return item

    documents = [
        {
            "type": d.kind,
            "id": d.id,
            "change": d.change,
            "old_id": d.old_id,
            "title": d.title,
            "status": list(d.status) if d.status else None,
            "problem": d.problem,
            "schedule": [{"field": n, "old": a, "new": b} for n, a, b in d.schedule],
            "blocks": [{"where": [list(x) for x in b.block], "change": b.change, "title": b.title} for b in d.blocks],
            "fields": [field(c) for c in d.fields],
            "stale_translations": [
                {"where": [list(x) for x in s.block], "field": s.field, "languages": list(s.languages)} for s in d.stale
            ],
        }
        for d in review.documents
    ]
    payload = {
        "base": review.base,
        "head": review.head,
        "stale_translations": review.stale_count,
        "documents": documents,
    }
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n"


def _md(text: str) -> str:
    """TEXT safe inside a Markdown list item: HTML and Markdown syntax escaped, one line."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s*\n\s*", " ¶ ", re.sub(r"([\\`*_\[\]#|~])", r"\\\1", escaped))


def _md_field(change: FieldChange, lang: str) -> str:
    label = where(change.block, lang, change.field) + (f" ({change.language})" if change.language else "")
    if isinstance(change.old, str) and isinstance(change.new, str):
        body = "".join(
            f"<del>{_md(t)}</del>" if op == REMOVED else f"<ins>{_md(t)}</ins>" if op == ADDED else _md(t)
            for op, t in shortened(word_diff(change.old, change.new))
        )
    else:
        body = f"{_md(_value(change.old))} → {_md(_value(change.new))}"
    return f"- **{_md(label)}**: {body}"


def markdown(review: Review, lang: str = "fi") -> str:
    """The review as a pull-request comment (GitHub and GitLab Markdown)."""
    head = review.head if review.head != "working tree" else word("working tree", lang)
    lines = [f"### {word('title', lang)}: `{review.base}` → `{head}`", ""]
    if not review.documents:
        return "\n".join([*lines, word("none", lang)]) + "\n"
    lines.append(_md(_counts(review, lang)))
    for document in review.documents:
        lines += ["", f"#### {_md(_head(document, lang))} ({word(document.change, lang)})", ""]
        if document.problem:
            lines.append(f"- {_md(document.problem)}")
        if document.status:
            lines.append(f"- **{word('status', lang)}**: {_status(document.status, lang)}")
        lines += [f"- **{word(n, lang)}**: {_md(_value(a))} → {_md(_value(b))}" for n, a, b in document.schedule]
        lines += [f"- {_md(_block_line(b, lang).strip())}" for b in document.blocks]
        lines += [_md_field(c, lang) for c in document.fields]
        lines += [f"- ⚠️ **{_md(_stale_line(s, lang).strip().removeprefix('! '))}**" for s in document.stale]
    return "\n".join(lines) + "\n"


FORMATS = {"text": text, "markdown": markdown}
