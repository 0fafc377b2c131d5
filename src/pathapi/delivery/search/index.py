"""The search index of one catalog in one language: BM25 over weighted, analysed terms.

Built once with the version (never on a reader's time when it can be helped), then only read.
Postings are numpy arrays, so scoring a query costs a few vector operations per term. A query
word matches, best first: its base forms and synonyms; compound parts; terms it begins
(as typed so far) or sits inside; and terms within a typo
(edit distance 1 for words of 5+ letters, 2 for 9+; a swap of two letters is one edit), weighed least.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from pathapi.delivery.cache import MB, BoundedCache
from pathapi.delivery.search.analysis import (
    PART_WEIGHT,
    WORD,
    Analyzer,
    analyzer_for,
    fold,
    split_compound,
    words,
)
from pathapi.delivery.search.entries import FIELD_WEIGHTS, SEARCHED, Entry, Field
from pathapi.delivery.search.passages import Passages
from pathapi.delivery.search.terms import add_compound_parts, field_terms

K1, B = 1.2, 0.75
SYNONYM_WEIGHT, PREFIX_WEIGHT, INFIX_WEIGHT, TYPO_WEIGHT, QUERY_PART_WEIGHT = 0.9, 0.5, 0.35, 0.3, 0.5
MIN_PREFIX, MIN_INFIX, MAX_EXPANSIONS = 4, 5, 40
# A step (or channel, topic) where all the question's words meet multiplies a document's score by 1 + FOCUS_BONUS;
# only matches weighing at least FOCUS_WEIGHT count (base forms, synonyms, parts, completions; not typos).
FOCUS_BONUS, FOCUS_WEIGHT = 1.0, 0.3
KIND_WEIGHTS = np.array([1.0, 0.75, 0.75], dtype=np.float32)  # path, channel, topic (SEARCHED order)
Expansion = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Ranked:
    """One page of ranked documents: (entry index, score), the total and the terms that matched."""

    items: list[tuple[int, float]]
    total: int
    terms: Mapping[str, float]
    together: np.ndarray | None = None  # per passage: how many of the question's words stand in it


def typo_distance(word: str) -> int:
    """Edits forgiven in a word of this length."""
    return 2 if len(word) >= 9 else 1 if len(word) >= 5 else 0


class SearchIndex:
    """Inverted index of the entries of one catalog in one language."""

    def __init__(self, entries: Sequence[Entry], language: str, synonyms: Sequence[Sequence[str]] = ()) -> None:
        self.language = language
        self.analyzer: Analyzer = analyzer_for(language)
        self.entries = list(entries)
        self.kinds = np.array([SEARCHED.index(e.kind) for e in self.entries], dtype=np.int8)
        self.field_start = np.zeros(len(self.entries) + 1, dtype=np.int64)
        postings, fields, lengths, self.surface = self._collect()
        if language == "sv":
            add_compound_parts(postings)
        self.vocabulary = sorted(postings)
        self.written = {fold(word): word for word in self.surface}  # words as written, for typos
        self.spelled: dict[str, list[str]] = defaultdict(list)  # term -> the words that stand for it
        for word in self.surface:
            for term, _weight in self.analyzer.terms(word):
                self.spelled[term].append(word)
        self.spellings = sorted(self.written)
        self.postings = self._weigh(postings, lengths)
        self.field_postings = {t: np.array(ids, dtype=np.int32) for t, ids in fields.items()}
        self.passages = Passages(self.entries)
        self.synonyms = self._synonyms(synonyms)
        self.expansions: BoundedCache[str, Expansion] = BoundedCache("SearchIndex.expansions", 4096, 4 * MB)

    def _collect(self) -> tuple[dict[str, dict[int, float]], dict[str, list[int]], list[int], Counter[str]]:
        """Term frequencies per document (weighted by field) and per field, document lengths, words seen."""
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        fields: dict[str, list[int]] = defaultdict(list)
        texts: set[str] = set()
        lengths: list[int] = []
        field_id = 0
        for number, entry in enumerate(self.entries):
            self.field_start[number] = field_id
            counts: dict[str, float] = defaultdict(float)
            length = 0
            for field in entry.fields:
                weight = FIELD_WEIGHTS[field.name]
                terms, size = field_terms(self.language, field.text)
                length += size
                texts.add(field.text)
                for term, count in terms:
                    counts[term] += weight * count
                    fields[term].append(field_id)
                field_id += 1
            lengths.append(length)
            for term, count in counts.items():
                postings[term][number] = count
        self.field_start[len(self.entries)] = field_id
        surface: Counter[str] = Counter()
        for text in texts:
            surface.update(WORD.findall(text.lower()))
        return postings, fields, lengths, surface

    def _weigh(
        self, postings: dict[str, dict[int, float]], lengths: list[int]
    ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """BM25 weight of each term in each document, as (documents, weights) arrays."""
        count = max(len(self.entries), 1)
        sizes = np.array(lengths or [1], dtype=np.float32)
        norm = K1 * (1 - B + B * sizes / max(float(sizes.mean()), 1.0))
        weighed = {}
        for term, docs in postings.items():
            ids = np.fromiter(docs.keys(), dtype=np.int32, count=len(docs))
            tf = np.fromiter(docs.values(), dtype=np.float32, count=len(docs))
            idf = math.log(1 + (count - len(docs) + 0.5) / (len(docs) + 0.5))
            weighed[term] = (ids, (idf * tf * (K1 + 1) / (tf + norm[ids])).astype(np.float32))
        return weighed

    def _synonyms(self, groups: Sequence[Sequence[str]]) -> dict[str, set[str]]:
        """Each synonym's terms mapped to the terms of the other words in its group."""
        by_term: dict[str, set[str]] = defaultdict(set)
        analysed = [[self._synonym_terms(word) for word in group] for group in groups]
        for group in analysed:
            every = set().union(*group) if group else set()
            for terms in group:
                for term in terms:
                    by_term[term] |= every - terms
        return dict(by_term)

    def _synonym_terms(self, word: str) -> set[str]:
        """The base forms a synonym stands for: itself when it is one (``vanhempi``, not also ``vanha``)."""
        terms = {t for t, w in self.analyzer.query_terms(word) if w == 1.0}
        return {fold(word)} if fold(word) in terms else terms

    def expand(self, word: str) -> Expansion:
        """Index terms a query word matches, with weights (cached per index, bounded)."""
        return self.expansions.get_or_compute(word, lambda: self._expand(word))

    def _expand(self, word: str) -> Expansion:
        # A compound in the query also finds texts that use its parts, well below the compound itself.
        base = {t: w if w == 1.0 else QUERY_PART_WEIGHT * w for t, w in self.analyzer.query_terms(word)}
        folded = fold(word)
        for term, weight in list(base.items()):
            for other in self.synonyms.get(term, ()):
                base.setdefault(other, SYNONYM_WEIGHT * weight)
        found = {t: w for t, w in base.items() if t in self.postings}
        exact = any(w >= QUERY_PART_WEIGHT * PART_WEIGHT for w in found.values())
        stems = {folded, *(t for t, w in base.items() if w == 1.0)}
        for stem in stems:
            if len(stem) >= MIN_PREFIX:
                for term in self._prefixed(stem):
                    found.setdefault(term, PREFIX_WEIGHT)
        for stem in (s for s in stems if len(s) >= MIN_INFIX):
            for term in [t for t in self.vocabulary if stem in t and not t.startswith(stem)][:MAX_EXPANSIONS]:
                found.setdefault(term, INFIX_WEIGHT)
        if not exact:  # an unknown compound (``neuvontachat``, ``könssjukdom``): its known parts
            for part in split_compound(self.analyzer.stem(word), self.postings) or split_compound(
                folded, self.postings
            ):
                if part in self.postings:
                    found.setdefault(part, PART_WEIGHT * 0.8)
        if limit := typo_distance(folded):  # typos weigh least, so exact matches rank above them
            for near, _distance, _i in process.extract(
                folded, self.spellings, scorer=OSA.distance, score_cutoff=limit, limit=10
            ):
                for term, weight in self.analyzer.terms(self.written[near]):
                    found.setdefault(term, TYPO_WEIGHT * weight)
        return tuple(found.items())

    def _prefixed(self, stem: str) -> list[str]:
        start = bisect_left(self.vocabulary, stem)
        out = []
        for term in self.vocabulary[start : start + MAX_EXPANSIONS + 1]:
            if not term.startswith(stem):
                break
            if term != stem:
                out.append(term)
        return out

    def rank(self, query: str, *, offset: int, count: int, mask: np.ndarray | None = None) -> Ranked:
        """Entries matching QUERY, best first: COUNT of them from OFFSET, with the total."""
        size = len(self.entries)
        scores = np.zeros(size, dtype=np.float32)
        covered = np.zeros(size, dtype=np.float32)
        matched: dict[str, float] = {}
        query_words = list(dict.fromkeys(w.lower() for _s, _e, w in words(query)))
        content = [w for w in query_words if not self.analyzer.is_stop_word(w)] or query_words
        together = np.zeros(len(self.passages), dtype=np.float32)  # content words met in each passage
        for word in query_words:
            expansion = self.expand(word)
            if not expansion:
                continue
            best = np.zeros(size, dtype=np.float32)
            for term, weight in expansion:
                ids, weights = self.postings[term]
                best[ids] = np.maximum(best[ids], weight * weights)
                if word in content:  # stop words neither choose the fields shown nor get marked
                    matched[term] = max(weight, matched.get(term, 0.0))
            scores += best
            if word in content:
                covered += best > 0
                together += self.passages.having(
                    [(t, w) for t, w in expansion if w >= FOCUS_WEIGHT], self.field_postings
                )
        scores *= (covered / len(content)) ** 2  # documents that answer more of the question first
        # ... and, among those, documents where the words of the question meet in one step
        scores *= 1 + FOCUS_BONUS * (self.passages.best(together, size) / len(content)) ** 2
        scores *= KIND_WEIGHTS[self.kinds]  # people look for paths first; channels and topics support them
        if mask is not None:
            scores[~mask] = 0
        candidates = np.flatnonzero(scores > 0)
        wanted = min(offset + count, len(candidates))
        if wanted < len(candidates):
            candidates = candidates[np.argpartition(-scores[candidates], wanted - 1)[:wanted]]
        order = sorted(candidates.tolist(), key=lambda i: (-float(scores[i]), int(self.kinds[i]), self.entries[i].id))
        items = [(i, float(scores[i])) for i in order[offset : offset + count]]
        return Ranked(items, int(np.count_nonzero(scores > 0)), matched, together)

    def best_fields(
        self, entries: Sequence[int], terms: Mapping[str, float], limit: int = 3, together: np.ndarray | None = None
    ) -> list[list[int]]:
        """For each entry, its fields where the matched TERMS weigh most (global field numbers); with TOGETHER,
        first those of the steps where most words of the question meet."""
        firsts = self.field_start[list(entries)]
        ends = self.field_start[[e + 1 for e in entries]]
        scored: list[dict[int, float]] = [defaultdict(float) for _ in entries]
        for term, weight in terms.items():
            ids = self.field_postings.get(term)
            if ids is None:
                continue
            lows, highs = np.searchsorted(ids, firsts), np.searchsorted(ids, ends)
            for slot in np.flatnonzero(highs > lows).tolist():
                for field in ids[lows[slot] : highs[slot]].tolist():
                    scored[slot][field] += weight
        best = []
        for slot, entry in enumerate(entries):
            fields, first = self.entries[entry].fields, int(firsts[slot])
            score = scored[slot]
            weighed = {f: score[f] * FIELD_WEIGHTS[fields[f - first].name] for f in score}
            ordered = sorted(score, key=self._field_order(weighed, together))
            steps = {int(self.passages.of_field[f]): f for f in reversed(ordered)}  # the best field of each step
            leading = sorted(steps.values(), key=ordered.index)
            best.append([*leading, *(f for f in ordered if f not in leading)][:limit])
        return best

    def _field_order(
        self, weighed: Mapping[int, float], together: np.ndarray | None
    ) -> Callable[[int], tuple[float, bool, float, float, int]]:
        """Sort key of an entry's matched fields: the step where most words of the question meet (a step before
        the document's title and summary, which the reader sees anyway), the step that weighs most, the field."""
        passage = {f: int(self.passages.of_field[f]) for f in weighed}
        met = {p: float(together[p]) if together is not None else 0.0 for p in passage.values()}
        step_weight: dict[int, float] = defaultdict(float)
        for f, weight in weighed.items():
            step_weight[passage[f]] += weight
        steps = self.passages.is_step
        return lambda f: (-met[passage[f]], not steps[passage[f]], -step_weight[passage[f]], -weighed[f], f)

    def spellings_of(self, terms: Iterable[str]) -> frozenset[str]:
        """The words of the indexed texts (lower case) that stand for any of TERMS."""
        return frozenset(word for term in terms for word in self.spelled.get(term, ()))

    def fields_of(self, entry: int) -> tuple[Field, ...]:
        """The fields of one entry, in order."""
        return self.entries[entry].fields
