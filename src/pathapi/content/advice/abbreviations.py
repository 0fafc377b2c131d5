"""Abbreviations in customer-facing text: listed ones need their meaning nearby, unlisted ones a place in the list."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from pathapi.content.advice.customer import Text
from pathapi.content.advice.prose import mask, sentences, words
from pathapi.content.advice.sentences import ALL_CAPS, Advice
from pathapi.content.advice.vocabulary import Vocabulary

STEM_SHARE = 0.7  # each word of the meaning, its first 70 %, in order: inflected forms explain it too


def _pattern(meaning: str) -> re.Pattern[str]:
    """The meaning's words by their stems, in order: ``terveyden ja hyvinvoinnin laitos`` finds ``…laitoksen``."""
    words = re.findall(r"\w+", meaning.lower())
    stems = [w if len(w) <= 3 else w[: max(3, math.ceil(len(w) * STEM_SHARE))] for w in words]
    return re.compile(r"\W+".join(re.escape(stem) + r"\w*" for stem in stems))


def _explained(meaning: str, corpus: str) -> bool:
    return _pattern(meaning).search(corpus) is not None


def _token(text: str, start: int, end: int) -> str:
    """The word with its full stop when it is an abbreviation written with one (``esim.``)."""
    return text[start : end + 1] if text[end : end + 1] == "." else text[start:end]


def _judge(text: Text, start: int, word: str, vocabulary: Vocabulary, corpus: str) -> tuple[str, Advice] | None:
    """(key, advice) when WORD at START is an abbreviation the reader may not know; None otherwise."""
    token = _token(text.value, start, start + len(word))
    head = word.split("-")[0]
    if head != word:  # HPV-rokote: the abbreviation is the first part
        token = head
    meaning = vocabulary.meaning(text.language, token) or vocabulary.meaning(text.language, word)
    if meaning is not None:
        if not token.endswith(".") and _explained(meaning, corpus):  # esim.: write it out, always
            return None
        return token.lower(), Advice(start, "advice-abbreviation", (("abbreviation", token), ("meaning", meaning)))
    if ALL_CAPS.match(head) and not vocabulary.accepts(text.language, head):
        return head.lower(), Advice(start, "advice-abbreviation-unknown", (("abbreviation", head),))
    return None


def abbreviation_advice(texts: list[Text], vocabulary: Vocabulary) -> Iterator[tuple[Text, Advice]]:
    """The first unexplained use of each abbreviation per language of one document."""
    languages = {t.language for t in texts}
    corpus = {lang: " ".join(t.value for t in texts if t.language == lang).lower() for lang in languages}
    seen: set[tuple[str, str]] = set()
    for text in texts:
        listed = frozenset(vocabulary.abbreviations.get(text.language, {}))
        candidates = {a.lower().rstrip(".") for a in listed}
        for sentence in sentences(mask(text.value, text.markdown), listed):
            for word in words(sentence):
                head = word.text.split("-")[0]
                if not ALL_CAPS.match(head) and head.lower() not in candidates and word.text.lower() not in candidates:
                    continue
                judged = _judge(text, word.start, word.text, vocabulary, corpus[text.language])
                if judged is not None and (text.language, judged[0]) not in seen:
                    seen.add((text.language, judged[0]))
                    yield text, judged[1]
