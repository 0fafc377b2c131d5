"""Full-text search over paths: stemmed (Snowball via PyStemmer), ranked (BM25), with snippets.

An index is built once per catalog and language, from the texts that audience may see:
titles, summaries, and each step's title, body, customer action and link titles. Finnish
compounds are common (``raskaudenkeskeytys``), so a query stem also matches index terms it
begins or, when long enough, sits inside, at a lower weight than an exact stem.
"""

from __future__ import annotations

import heapq
import html
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import Stemmer

from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import Kind
from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.present import href, present

WORD = re.compile(r"\w+", re.UNICODE)
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKDOWN_MARKS = re.compile(r"[*_`#>]+|^\s*[-+]\s+|^\s*\d+\.\s+", re.MULTILINE)
STEMMERS = {"fi": "finnish", "sv": "swedish", "en": "english"}
FIELD_WEIGHTS = {"title": 3.0, "summary": 1.5, "step_title": 2.0, "body": 1.0, "customer_action": 1.2,
                 "link": 1.5}
PREFIX_WEIGHT, INFIX_WEIGHT, MIN_INFIX = 0.6, 0.4, 5
K1, B = 1.2, 0.75
SNIPPET = 160


def plain(text: str) -> str:
    """Markdown reduced to the words a person reads."""
    return " ".join(MARKDOWN_MARKS.sub(" ", MARKDOWN_LINK.sub(r"\1", text)).split())


@dataclass(frozen=True)
class Field:
    """One searchable text of a path: where it is and what it says."""

    path_id: str
    name: str
    text: str
    phase: str | None = None
    step: str | None = None
    step_title: str | None = None


class SearchIndex:
    """An inverted index of stems over the fields of one catalog's paths in one language."""

    def __init__(self, catalog: Catalog, language: str) -> None:
        self.language = language
        self.stemmer = Stemmer.Stemmer(STEMMERS[language])
        self.fields: list[Field] = []
        self.titles: dict[str, str] = {}
        self.postings: dict[str, dict[int, float]] = defaultdict(dict)
        self.lengths: list[int] = []
        self.spans: dict[str, tuple[int, int]] = {}  # path id -> its fields' index range
        for document in catalog.documents[Kind.PATH].values():
            presented = present(document, language, catalog.audience)
            self.titles[document.id] = str(presented["title"])
            first = len(self.fields)
            for field in self._fields(document.id, presented):
                self._add(field)
            self.spans[document.id] = (first, len(self.fields))
        self.average = sum(self.lengths) / len(self.lengths) if self.lengths else 1.0
        self.vocabulary = sorted(self.postings)
        self._weigh()
        self.expansions: BoundedCache[str, Any] = BoundedCache("SearchIndex.expansions", 4096, 4 * MB)

    def _weigh(self) -> None:
        """Replace term frequencies by each field's BM25 weight, and sum them per path for ranking."""
        count = len(self.fields) or 1
        self.path_postings: dict[str, dict[str, float]] = {}
        for term, postings in self.postings.items():
            idf = math.log(1 + (count - len(postings) + 0.5) / (len(postings) + 0.5))
            by_path: dict[str, float] = defaultdict(float)
            for index, tf in postings.items():
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * self.lengths[index] / self.average))
                postings[index] = weight = idf * norm * FIELD_WEIGHTS[self.fields[index].name]
                by_path[self.fields[index].path_id] += weight
            self.path_postings[term] = dict(by_path)

    @staticmethod
    def _fields(path_id: str, doc: dict[str, Any]) -> list[Field]:
        fields = [Field(path_id, "title", doc["title"]), Field(path_id, "summary", plain(doc["summary"]))]
        for phase in doc["phases"]:
            for step in phase["steps"]:
                where = {"phase": phase["id"], "step": step["id"], "step_title": step["title"]}
                fields.append(Field(path_id, "step_title", step["title"], **where))
                fields.append(Field(path_id, "body", plain(step["body"]), **where))
                fields.append(Field(path_id, "customer_action", step["customer_action"], **where))
                fields += [Field(path_id, "link", link["title"], **where) for link in step.get("links", [])]
        return fields

    def stems(self, text: str) -> list[str]:
        """The stems of every word of TEXT."""
        return list(self.stemmer.stemWords([w.lower() for w in WORD.findall(text)]))

    def _add(self, field: Field) -> None:
        index = len(self.fields)
        self.fields.append(field)
        stems = self.stems(field.text)
        self.lengths.append(len(stems))
        for stem in stems:
            postings = self.postings[stem]
            postings[index] = postings.get(index, 0.0) + 1.0

    def expand(self, stem: str) -> dict[str, float]:
        """Index terms a query stem matches, with weights: exact, prefix, inside a compound."""
        return self.expansions.get_or_compute(stem, lambda: self._expand(stem))  # type: ignore[no-any-return]

    def _expand(self, stem: str) -> dict[str, float]:
        matches = {stem: 1.0} if stem in self.postings else {}
        if len(stem) >= 3:
            for term in self.vocabulary:
                if term != stem and term.startswith(stem):
                    matches[term] = PREFIX_WEIGHT
                elif len(stem) >= MIN_INFIX and stem in term and term not in matches:
                    matches[term] = INFIX_WEIGHT
        return matches

    def search(self, query: str, limit: int) -> dict[str, Any]:
        """Paths ranked by BM25 over their fields, each with its best-matching fields as snippets."""
        stems = list(dict.fromkeys(self.stems(query)))
        totals: dict[str, float] = defaultdict(float)
        matched: dict[str, float] = {}
        for stem in stems:
            for term, weight in self.expand(stem).items():
                matched[term] = max(weight, matched.get(term, 0.0))
                for path_id, score in self.path_postings[term].items():
                    totals[path_id] += weight * score
        best = heapq.nsmallest(limit, totals.items(), key=lambda item: (-item[1], item[0]))
        results = [self._result(path_id, total, matched) for path_id, total in best]
        return {"query": query, "language": self.language, "total": len(totals), "items": results}

    def _field_score(self, index: int, matched: dict[str, float]) -> float:
        return sum(weight * self.postings[term].get(index, 0.0) for term, weight in matched.items())

    def _result(self, path_id: str, total: float, matched: dict[str, float]) -> dict[str, Any]:
        first, end = self.spans[path_id]
        scored = ((self._field_score(i, matched), i) for i in range(first, end))
        hits = heapq.nlargest(3, ((score, i) for score, i in scored if score > 0))
        terms = set(matched)
        return {
            "id": path_id,
            "type": Kind.PATH.value,
            "title": self.titles[path_id],
            "href": href(Kind.PATH, path_id),
            "score": round(total, 4),
            "hits": [self._hit(index, terms) for _score, index in hits],
        }

    def _hit(self, index: int, terms: set[str]) -> dict[str, Any]:
        field = self.fields[index]
        hit: dict[str, Any] = {"field": field.name, "snippet": self.snippet(field.text, terms)}
        if field.step is not None:
            hit.update(phase=field.phase, step=field.step, step_title=field.step_title)
        return hit

    def snippet(self, text: str, terms: set[str]) -> str:
        """Up to SNIPPET characters around the first match, HTML-escaped, matches in <mark>."""
        words = [(m.start(), m.end()) for m in WORD.finditer(text)]
        stems = self.stemmer.stemWords([text[s:e].lower() for s, e in words])
        marked = [span for span, stem in zip(words, stems, strict=True) if stem in terms]
        first = marked[0][0] if marked else 0
        start = max(0, first - SNIPPET // 3)
        if start:
            start = text.rfind(" ", 0, start) + 1
        end = min(len(text), start + SNIPPET)
        if end < len(text):
            end = max(text.rfind(" ", start, end), first + 1)
        pieces, cursor = [], start
        for s, e in marked:
            if s < start or e > end:
                continue
            pieces += [html.escape(text[cursor:s]), f"<mark>{html.escape(text[s:e])}</mark>"]
            cursor = e
        pieces.append(html.escape(text[cursor:end]))
        return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")


def index_for(catalog: Catalog, language: str) -> SearchIndex:
    """The catalog's search index for LANGUAGE (one of fi, sv, en), built on first use."""
    if language not in LANGUAGES:
        raise ValueError(f"no search index for language {language!r}")
    return catalog.indexes.get_or_compute(language, lambda: SearchIndex(catalog, language))  # type: ignore[no-any-return]
