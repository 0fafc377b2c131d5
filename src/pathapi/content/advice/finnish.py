"""Finnish words through Voikko: passive, participial constructions, -minen nouns, compounds, unknown words."""

from __future__ import annotations

import re
from functools import lru_cache

from pathapi.voikko import Reading, known, readings, suggestions

FINITE = frozenset({"indicative", "conditional", "imperative", "potential"})
# A past passive participle in the partitive with a possessive ending is a temporal construction: tehtyään.
_TEMPORAL_ENDING = re.compile(r"(?:ni|si|nsa|nsä|mme|nne|aan|ään|an|än)$")
# E-infinitives that work as postpositions everyone reads easily: viikon kuluessa, perjantaihin mennessä.
IDIOMS = frozenset({"kuluessa", "mennessä"})
# -minen nouns of everyday life, read as plain nouns: asuminen (housing), syöminen, nukkuminen.
EVERYDAY_MINEN = frozenset({"asua", "syödä", "nukkua", "liikkua", "oppia", "elää"})


@lru_cache(maxsize=65_536)
def _analyses(word: str) -> tuple[Reading, ...]:
    return readings(word)


def is_passive(word: str) -> bool:
    """A finite passive verb (``tehdään``, ``otetaan``): every reading agrees."""
    found = _analyses(word)
    return bool(found) and all(r.person == "4" and r.mood in FINITE for r in found)


def is_participial(word: str) -> bool:
    """A participial or infinitival construction (lauseenvastike): ``lääkärin määräämä``, ``saapuessasi``,
    ``tehtyään``. Present passive participles (``luotettava``) are mostly plain adjectives: not flagged."""
    found = _analyses(word)
    return (
        bool(found)
        and word.lower() not in IDIOMS
        and all(
            r.participle == "agent"
            or r.mood == "E-infinitive"
            or (r.participle == "past_passive" and r.case == "osanto" and _TEMPORAL_ENDING.search(word) is not None)
            for r in found
        )
    )


def is_minen(word: str) -> bool:
    """A -minen verbal noun (``hoitaminen``, ``järjestämisen``): nominal style when they pile up."""
    found = _analyses(word)
    return bool(found) and all(r.mood == "MINEN-infinitive" and r.base not in EVERYDAY_MINEN for r in found)


def compound_parts(word: str) -> tuple[str, ...]:
    """The parts of a compound word (the reading with fewest parts); the word itself when not a compound."""
    found = _analyses(word)
    if not found:
        return (word,)
    return min((r.parts for r in found if r.parts), key=len, default=(word,))


@lru_cache(maxsize=65_536)
def is_known(word: str) -> bool:
    """True when Voikko knows WORD, or each part of a hyphenated WORD."""
    if known(word) or known(word[:1] + word[1:].lower()):  # brand capitals: OmaKannasta
        return True
    parts = [p for p in word.split("-") if p]
    return len(parts) > 1 and all(known(p) for p in parts)


def suggest(word: str) -> tuple[str, ...]:
    """Voikko's spelling suggestions for an unknown WORD."""
    return suggestions(word)
