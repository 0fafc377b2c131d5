"""Advice on one text: its sentences and words, per language (Finnish through Voikko)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pathapi.content.advice import finnish
from pathapi.content.advice.prose import Span, letters, sentences, words
from pathapi.content.advice.thresholds import Thresholds
from pathapi.content.advice.vocabulary import Vocabulary

ALL_CAPS = re.compile(r"^[A-ZÅÄÖ]{2,6}$")


@dataclass(frozen=True)
class Advice:
    """One piece of advice on a text: at which character, which catalogue code, with which arguments."""

    offset: int
    code: str
    args: tuple[tuple[str, str], ...]


def _advice(span: Span, code: str, **args: object) -> Advice:
    return Advice(span.start, code, tuple((k, str(v)) for k, v in args.items()))


def fragment(masked: str, word: Span) -> bool:
    """A piece of a word rather than a word: ``sosiaali-`` (ja terveys…), ``THL:n``, ``15-vuotias``."""
    after = masked[word.end : word.end + 1]
    before = masked[max(0, word.start - 2) : word.start]
    return after == "-" or before.endswith(":") or (before.endswith("-") and before[:1].isdigit())


class TextAdvisor:
    """Finds long sentences, long and compound words, passive, participles, -minen piles, unknown words."""

    def __init__(self, language: str, thresholds: Thresholds, vocabulary: Vocabulary) -> None:
        self.language = language
        self.limits = thresholds
        self.vocabulary = vocabulary
        self.finnish = language == "fi"
        self.abbreviations = frozenset(vocabulary.abbreviations.get(language, {}))
        # Advice depends only on the words: cached per text and per word (bounded), texts repeat across versions.
        self._texts = lru_cache(maxsize=16_384)(self._advise)
        self._words = lru_cache(maxsize=65_536)(self._word_advice)

    def advise(self, masked: str) -> Iterator[Advice]:
        """Advice on one masked text, in reading order."""
        return iter(self._texts(masked))

    def _advise(self, masked: str) -> tuple[Advice, ...]:
        return tuple(self._advice(masked))

    def _advice(self, masked: str) -> Iterator[Advice]:
        spans = sentences(masked, self.abbreviations)
        for sentence in spans:
            yield from self._sentence(sentence, masked)
        if self.finnish and self.limits.on("passive"):
            passives = [w for s in spans for w in words(s) if finnish.is_passive(w.text)]
            if len(passives) >= self.limits.passives_per_text:
                yield _advice(
                    passives[0], "advice-passive", count=len(passives), words=", ".join(w.text for w in passives)
                )

    def _sentence(self, sentence: Span, masked: str) -> Iterator[Advice]:
        found = words(sentence)
        limit = self.limits.sentence_words[self.language]
        if self.limits.on("long_sentence") and len(found) > limit:
            yield _advice(sentence, "advice-long-sentence", words=len(found), limit=limit)
        minen = [w for w in found if self.finnish and finnish.is_minen(w.text)]
        if self.limits.on("nominal") and len(minen) >= self.limits.minen_per_sentence:
            yield _advice(minen[0], "advice-nominal", count=len(minen), words=", ".join(w.text for w in minen))
        for word in found:
            if not fragment(masked, word):
                yield from (Advice(word.start, code, args) for code, args in self._words(word.text))

    def _word_advice(self, text: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        """(code, args) of the advice on one word, wherever it stands."""
        return tuple((a.code, a.args) for a in self._word(Span(0, len(text), text)))

    def _word(self, word: Span) -> Iterator[Advice]:
        text = word.text
        listed_abbreviation = self.vocabulary.meaning(self.language, text) or self.vocabulary.meaning(
            self.language, f"{text}."
        )
        if ALL_CAPS.match(text.split("-")[0]) or listed_abbreviation is not None:
            return  # abbreviations: see the document advisor
        listed = self.vocabulary.remainder(self.language, text) is not None  # names may be long: Omaolo-oirearvio
        if self.limits.on("long_word") and not listed and letters(text) > self.limits.word_letters[self.language]:
            yield _advice(
                word,
                "advice-long-word",
                word=text,
                letters=letters(text),
                limit=self.limits.word_letters[self.language],
            )
        elif self.finnish and not listed and self.limits.on("compound"):
            parts = finnish.compound_parts(text)
            if len(parts) >= self.limits.compound_parts:
                yield _advice(word, "advice-compound", word=text, parts=" + ".join(parts), count=len(parts))
        if not self.finnish:
            return
        if self.limits.on("participle") and not finnish.is_passive(text) and finnish.is_participial(text):
            yield _advice(word, "advice-participle", word=text)
        if self.limits.on("unknown_word") and not self._accepted(text):
            shown = finnish.suggest(text)
            code = "advice-unknown-word" if shown else "advice-unknown-word-plain"
            yield _advice(word, code, word=text, suggestions=", ".join(f"”{s}”" for s in shown))

    def _accepted(self, word: str) -> bool:
        if finnish.is_known(word) or self.vocabulary.accepts(self.language, word):
            return True
        rest = self.vocabulary.remainder(self.language, word)
        if rest is not None and len(rest.strip("-")) >= 3 and finnish.is_known(rest.strip("-")):
            return True  # a listed name in a compound: Päijät-Sote-sovellukseen, takaisinsoittopyynnön
        parts = [p for p in word.split("-") if p]
        return len(parts) > 1 and all(finnish.is_known(p) or self.vocabulary.accepts(self.language, p) for p in parts)
