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


class FilterMoved(Exception):
    """A filter's value is a former id (an alias) of the KIND document CURRENT: the same question, asked
    with the current id, is the answer (as a renamed document's old URL redirects to its new one)."""

    def __init__(self, parameter: str, value: str, kind: Kind, current: str) -> None:
        super().__init__(f"{parameter}={value} moved to {current}")
        self.parameter = parameter
        self.value = value
        self.kind = kind
        self.current = current


def alias_index(documents: Iterable[Document]) -> Mapping[str, str]:
    """Former id -> current id, for DOCUMENTS of one kind (the validator keeps them unique)."""
    index: dict[str, str] = {}
    for document in documents:
        aliases = document.data.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str) and alias != document.id:
                index.setdefault(alias, document.id)
    return index
