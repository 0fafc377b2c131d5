"""Former ids: a renamed document answers its old URLs with a redirect to the new one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pathapi.content.document import Document
from pathapi.content.kinds import Kind


class Moved(Exception):
    """The id asked for is a former id (an alias) of the document KIND/DOC_ID."""

    def __init__(self, kind: Kind, doc_id: str) -> None:
        super().__init__(f"{kind.value} moved to {doc_id}")
        self.kind = kind
        self.doc_id = doc_id


def alias_index(documents: Iterable[Document]) -> Mapping[str, str]:
    """Former id -> current id, for DOCUMENTS of one kind (the validator keeps them unique)."""
    index: dict[str, str] = {}
    for document in documents:
        aliases = document.data.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str) and alias != document.id:
                index.setdefault(alias, document.id)
    return index
