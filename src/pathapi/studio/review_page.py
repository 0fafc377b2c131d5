"""The studio's review page: the same readable diff as `pathapi diff`, between any two refs."""

from __future__ import annotations

from flask import Response, request

from pathapi.review import render
from pathapi.review.compare import review
from pathapi.review.words import shortened, word_diff
from pathapi.studio.views import BadParameter, blp, page, settings, studio

MAX_REF = 200


def _ref(name: str) -> str | None:
    value = request.args.get(name, "").strip() or None
    if value is not None and len(value) > MAX_REF:
        raise BadParameter(name, f"{name}: at most {MAX_REF} characters")
    return value


@blp.get("/diff")
def review_page() -> Response:
    """What changed between BASE and HEAD (defaults: the live version and the branch; locally the working tree)."""
    chosen = settings()
    if not chosen["signed_in"]:
        raise BadParameter("ref", "ref")
    source = studio().source
    base, head = _ref("base") or source.default_base(), _ref("head")
    base_files, base_label = source.files(base)
    head_files, head_label = source.files(head)
    found = review(base_files, head_files, base_label, head_label)
    language = chosen["lang"]
    return page(
        "diff.html",
        chosen,
        review=found,
        base=base or "",
        head=head or "",
        refs=source.refs(),
        where=lambda block, name="": render.where(block, language, name),
        words=lambda old, new: shortened(word_diff(old, new)),
        change_word=lambda c: render.word(c, language),
        fi=render.finnish,
    )
