"""The terms a text adds to the index: analysed field texts (cached across versions) and compound parts."""

from __future__ import annotations

from collections import Counter, defaultdict

from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.search.analysis import PART_WEIGHT, WORD, analyzer_for, split_compound

FieldTerms = tuple[tuple[tuple[str, float], ...], int]
# Texts repeat across documents and versions (link titles, unchanged steps): analysed once.
_FIELD_TERMS: BoundedCache[tuple[str, str], FieldTerms] = BoundedCache("search.field_terms", 131_072, 64 * MB)


def field_terms(language: str, text: str) -> FieldTerms:
    """The weighted term counts of one text and its number of words."""
    return _FIELD_TERMS.get_or_compute((language, text), lambda: _field_terms(language, text))


def _field_terms(language: str, text: str) -> FieldTerms:
    terms_of = analyzer_for(language).terms
    totals: dict[str, float] = defaultdict(float)
    words_in = Counter(WORD.findall(text.lower()))
    for word, count in words_in.items():
        for term, weight in terms_of(word):
            totals[term] += weight * count
    return tuple(totals.items()), sum(words_in.values())


def add_compound_parts(postings: dict[str, dict[int, float]]) -> None:
    """Swedish compounds also count as their parts, split where the tail is a word of the index."""
    known = {t for t in postings if len(t) >= 4}
    for term in [t for t in postings if len(t) >= 9]:
        for part in split_compound(term, known):
            target = postings[part]
            for doc, count in postings[term].items():
                target[doc] = target.get(doc, 0.0) + PART_WEIGHT * count
