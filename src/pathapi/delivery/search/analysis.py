"""Words to index terms, per language: Finnish by Voikko's base forms and compound parts,
Swedish and English by Snowball stems (Swedish compounds split against the index's own
vocabulary), all folded so that ``ehkaisy`` meets ``ehkäisy``.

A term is a folded string; each word yields weighted terms: its base form or stem at 1.0 and,
for compounds, their parts at ``PART_WEIGHT``. Analyses are cached per word (bounded).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from itertools import product

import Stemmer

from pathapi.delivery.cache import BoundedCache
from pathapi.voikko import BACKEND as BACKEND  # re-exported: tests name the backend in use
from pathapi.voikko import NATIVE, segments

WORD = re.compile(r"\w+", re.UNICODE)
STEMMERS = {"fi": "finnish", "sv": "swedish", "en": "english"}
PART_WEIGHT = 0.6
MIN_PART = 3
MAX_VARIANTS = 16  # umlaut restorations tried for an unknown Finnish word typed without them
FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "ü": "u", "é": "e", "è": "e", "á": "a", "à": "a"})
# Words that carry little meaning in a question: matched, but weighed down.
_STOP_TEXT = {
    "fi": "ja tai on ei olla se ne että kun jos mutta myös voi saada saa minä sinä hän me te he mitä mikä "
    "miten missä kuka tämä tuo siitä sen niin kuin vai nyt jo vain vielä enää voida haluta tehdä pitää "
    "täytyy jälkeen ennen kanssa aikana asti mukaan kautta takia vuoksi mihin mistä",
    "sv": "och eller är inte det den att om men också kan få jag du han hon vi ni de vad hur var vem denna som "
    "för på i med till av min mina mitt får vill ska måste har",
    "en": "and or is are not the a an it that if but also can get i you he she we they what how where who this "
    "to of in on for with by my me our your am was be been do does did have has may must about at from as "
    "there so will would should could",
}
STOP_WORDS = {language: frozenset(text.split()) for language, text in _STOP_TEXT.items()}
STOP_WEIGHT = 0.2
# Finnish word forms whose everyday meaning is another word than Voikko's base form ("olen raskaana": pregnant).
IDIOMS = {"raskaana": (("raskaus", 1.0),), "raskaaksi": (("raskaus", 1.0),)}

Weighted = tuple[tuple[str, float], ...]


def fold(text: str) -> str:
    """Lower case without the diacritics people leave out on a phone (ä→a, ö→o, å→a)."""
    text = unicodedata.normalize("NFC", text.lower()).translate(FOLD)
    return text


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word in TEXT."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


_NATIVE = NATIVE  # libvoikko once per process (pathapi.voikko), shared with the plain-language advisor
_segments = segments


def _native(word: str) -> Weighted:
    found: dict[str, float] = {}
    for analysis in _NATIVE.analyze(word):
        base = analysis.get("BASEFORM")
        if not base:
            continue
        found[fold(base)] = 1.0
        segments = _segments(word, analysis.get("STRUCTURE", ""))
        if len(segments) > 1:
            head = "".join(segments[:-1])
            last = (base[len(head) :] if base.lower().startswith(head.lower()) else segments[-1]).lstrip("-")
            for segment in segments[:-1]:
                known = _NATIVE.analyze(segment)
                part = known[0].get("BASEFORM", segment) if known else segment
                if len(part) >= MIN_PART:
                    found.setdefault(fold(part), PART_WEIGHT)
            if len(last) >= MIN_PART:
                found.setdefault(fold(last), PART_WEIGHT)
    return tuple(found.items())


def _pure(word: str) -> Weighted:
    import pyvoikko  # pure Python, ~1.5 s to load its dictionary: only when libvoikko is missing

    found: dict[str, float] = {}
    for analysis in pyvoikko.analyse(word):
        base = analysis.BASEFORM
        if not base:
            continue
        found[fold(base)] = 1.0
        parts = analysis.COMPOUND_PARTS or []
        if len(parts) > 1:
            for part in parts:
                if part.BASEFORM and part.CLASS != "etuliite" and len(part.BASEFORM) >= MIN_PART:
                    found.setdefault(fold(part.BASEFORM), PART_WEIGHT)
    return tuple(found.items())


_ANALYSES: BoundedCache[str, Weighted] = BoundedCache("search.voikko", 65_536)


def _voikko(word: str) -> Weighted:
    """Base forms (1.0) and compound parts (PART_WEIGHT) Voikko finds for WORD; empty when unknown."""
    return _ANALYSES.get_or_compute(word, lambda: _native(word) if _NATIVE.available else _pure(word))


def _umlaut_variants(word: str) -> list[str]:
    """WORD with each a/o possibly restored to ä/ö (at most MAX_VARIANTS spellings)."""
    spots = [i for i, c in enumerate(word) if c in "ao"][:4]
    variants = []
    for choice in product((False, True), repeat=len(spots)):
        if any(choice):
            letters = list(word)
            for spot, umlaut in zip(spots, choice, strict=True):
                if umlaut:
                    letters[spot] = "ä" if letters[spot] == "a" else "ö"
            variants.append("".join(letters))
    return variants[:MAX_VARIANTS]


class Analyzer:
    """Turns words of one language into weighted, folded index terms."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.stemmer = Stemmer.Stemmer(STEMMERS[language])
        self.stop_words = frozenset(fold(w) for w in STOP_WORDS[language])
        self._cache: BoundedCache[str, Weighted] = BoundedCache(f"search.terms.{language}", 65_536)

    def stem(self, word: str) -> str:
        """The folded Snowball stem of WORD."""
        return fold(self.stemmer.stemWord(word.lower()))

    def terms(self, word: str) -> Weighted:
        """Weighted terms of one word as it appears in a text (stop words weigh little)."""
        return self._cache.get_or_compute(word, lambda: self._terms(word))

    def _terms(self, word: str) -> Weighted:
        lowered = word.lower()
        found = _voikko(lowered) if self.language == "fi" and not lowered.isdigit() else ()
        if self.language == "fi" and lowered in IDIOMS:
            found = IDIOMS[lowered]
        if not found:
            found = ((self.stem(lowered), 1.0),)
        if self._is_stop(lowered, found):
            return tuple((term, w * STOP_WEIGHT) for term, w in found)
        return found

    def _is_stop(self, lowered: str, found: Weighted) -> bool:
        return fold(lowered) in self.stop_words or any(w == 1.0 and t in self.stop_words for t, w in found)

    def is_stop_word(self, word: str) -> bool:
        """True for words that carry little meaning in a question (``ja``, ``eivät``, ``och``)."""
        return self._is_stop(word.lower(), _voikko(word.lower()) if self.language == "fi" else ())

    def query_terms(self, word: str) -> Weighted:
        """Terms of a query word: like an indexed word, restoring umlauts a phone keyboard dropped."""
        lowered = word.lower()
        if self.language == "fi" and not _voikko(lowered) and fold(lowered) == lowered:
            restored: dict[str, float] = {}
            for variant in _umlaut_variants(lowered):
                for term, weight in _voikko(variant):
                    restored[term] = max(weight, restored.get(term, 0.0))
            if restored:
                return tuple(restored.items())
        return self.terms(word)

    def analyse(self, text: str) -> list[tuple[str, float]]:
        """Weighted terms of every word of TEXT, in order (a word's terms together)."""
        return [pair for _s, _e, word in words(text) for pair in self.terms(word)]


def split_compound(term: str, known: Container[str]) -> tuple[str, ...]:
    """Head and tail of a compound whose tail is a KNOWN term (``konssjukdom`` → kons, kon, sjukdom)."""
    for cut in range(MIN_PART, len(term) - MIN_PART):
        tail = term[cut:]
        if tail in known:
            head = term[:cut]
            heads = [head, head[:-1]] if head.endswith("s") and len(head) > MIN_PART else [head]
            return (*heads, tail)
    return ()


_ANALYZERS: dict[str, Analyzer] = {}


def analyzer_for(language: str) -> Analyzer:
    """The process's analyzer for LANGUAGE (its word cache is shared by every index)."""
    analyzer = _ANALYZERS.get(language)
    if analyzer is None:
        analyzer = _ANALYZERS.setdefault(language, Analyzer(language))
    return analyzer
