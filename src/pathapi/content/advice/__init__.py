"""The plain-language advisor: warnings on customer-facing text, and reading levels per step and document.

Finnish goes through Voikko (passive, participial constructions, -minen nouns, compounds, unknown
words with suggestions); every language gets sentence and word length, abbreviations from the
repository's vocabulary, and LIX. Thresholds come from the repository settings (``advice``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pathapi.content.advice.abbreviations import abbreviation_advice
from pathapi.content.advice.customer import Text, customer_texts
from pathapi.content.advice.prose import mask
from pathapi.content.advice.reading_level import Counts, count
from pathapi.content.advice.sentences import Advice, TextAdvisor
from pathapi.content.advice.thresholds import Thresholds
from pathapi.content.advice.vocabulary import Vocabulary
from pathapi.content.document import Document
from pathapi.content.findings import WARNING, Problem
from pathapi.content.kinds import Kind
from pathapi.content.positions import Positions

RULE = "advice"


@dataclass(frozen=True)
class Score:
    """The reading level (LIX) of a step or a whole document in one language."""

    file: str
    pointer: str
    label: str  # the document id, or phase-id/step-id
    what: str
    language: str
    lix: int
    words: int


@dataclass(frozen=True)
class Advised:
    """Everything the advisor says about a set of documents."""

    problems: tuple[Problem, ...]
    scores: tuple[Score, ...]


class Advisor:
    """Advises on documents with one repository's schemas, vocabulary and thresholds."""

    def __init__(
        self,
        schemas: Mapping[str, Mapping[str, Any]],
        vocabulary: Vocabulary | None = None,
        thresholds: Thresholds | None = None,
    ) -> None:
        self.schemas = schemas
        self.vocabulary = vocabulary or Vocabulary()
        self.limits = thresholds or Thresholds()
        self.texts = {lang: TextAdvisor(lang, self.limits, self.vocabulary) for lang in ("fi", "sv", "en")}

    def advise(self, documents: Iterable[tuple[Document, Positions]]) -> Advised:
        """Advice on every customer-facing text of DOCUMENTS, and their reading levels."""
        problems: list[Problem] = []
        scores: list[Score] = []
        for document, positions in documents:
            found, scored = self.document(document, positions)
            problems += found
            scores += scored
        return Advised(tuple(sorted(problems)), tuple(scores))

    def document(self, document: Document, positions: Positions) -> tuple[list[Problem], list[Score]]:
        """Advice and scores for one document."""
        texts = [t for t in customer_texts(document, self.schemas) if t.language in self.texts]
        problems = [
            self._problem(document, positions, text, advice) for text in texts for advice in self._text_advice(text)
        ]
        if self.limits.on("abbreviation"):
            problems += [
                self._problem(document, positions, text, advice)
                for text, advice in abbreviation_advice(texts, self.vocabulary)
            ]
        scores = list(self._scores(document, texts))
        if self.limits.on("reading_level"):
            problems += [self._level(document, positions, score) for score in scores if self._too_hard(score)]
        return problems, scores

    def _text_advice(self, text: Text) -> Iterator[Advice]:
        return self.texts[text.language].advise(mask(text.value, text.markdown))

    def _problem(self, document: Document, positions: Positions, text: Text, advice: Advice) -> Problem:
        line, column = positions.inside(text.pointer, text.value, advice.offset)
        return Problem.of(
            document.path, line, column, advice.code, text.pointer, RULE, severity=WARNING, **dict(advice.args)
        )

    def _scores(self, document: Document, texts: list[Text]) -> Iterator[Score]:
        by_step: dict[tuple[str, str], Counts] = defaultdict(Counts)
        whole: dict[str, Counts] = defaultdict(Counts)
        for text in texts:
            counts = count(mask(text.value, text.markdown), self.texts[text.language].abbreviations)
            whole[text.language] += counts
            if text.step is not None:
                by_step[(text.step, text.language)] += counts
        for (step, language), counts in by_step.items():
            yield Score(document.path, step, _step_label(document, step), "step", language, counts.lix, counts.words)
        for language, counts in whole.items():
            yield Score(document.path, "", document.id, document.kind.value, language, counts.lix, counts.words)

    def _too_hard(self, score: Score) -> bool:
        """Paths and their steps are advised on their reading level; channels and topics only scored."""
        if score.what not in ("step", Kind.PATH.value):
            return False
        limits = self.limits.lix_step if score.what == "step" else self.limits.lix_document
        return score.words >= self.limits.lix_min_words and score.lix > limits[score.language]

    def _level(self, document: Document, positions: Positions, score: Score) -> Problem:
        limits = self.limits.lix_step if score.what == "step" else self.limits.lix_document
        line, column = positions.of(score.pointer)
        return Problem.of(
            document.path,
            line,
            column,
            "advice-reading-level",
            score.pointer,
            RULE,
            severity=WARNING,
            what=score.what,
            language=score.language,
            score=score.lix,
            limit=limits[score.language],
        )


def _step_label(document: Document, pointer: str) -> str:
    """``phase-id/step-id`` of the step at POINTER (``/phases/1/steps/2``)."""
    _, _, phase, _, step = pointer.split("/")
    node = document.data["phases"][int(phase)]
    return f"{node.get('id', phase)}/{node['steps'][int(step)].get('id', step)}"


def advisable(kind: Kind) -> bool:
    """Whether documents of KIND have customer-facing text (segments are a planning aid)."""
    return kind is not Kind.SEGMENT
