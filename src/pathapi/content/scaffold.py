"""Draft skeletons for ``pathapi new``: every required field, placeholders that say what to write.

A placeholder begins with ``PLACEHOLDER_MARKS[lang]`` ("TÄYDENNÄ: …"); the ``placeholders`` rule
finds any left behind (an error once the document is published, a warning on drafts).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pathapi.content.catalogue import closest
from pathapi.content.kinds import CONTENT_DIR, ID_PATTERN, Kind
from pathapi.content.settings import Settings
from pathapi.content.versions import pointer

PLACEHOLDER_MARKS = {"fi": "TÄYDENNÄ", "sv": "KOMPLETTERA", "en": "TO DO"}
MAX_ID = 80
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)

# What each placeholder asks for: key -> (fi, sv, en)
ASK: dict[str, tuple[str, str, str]] = {
    "path.title": (
        "polun nimi asiakkaan sanoin",
        "stigens namn med kundens ord",
        "the path's name in the customer's words",
    ),
    "path.summary": (
        "kerro parilla virkkeellä, kenelle polku on ja mitä sen aikana tapahtuu",
        "berätta med ett par meningar vem stigen är för och vad som händer under den",
        "say in a sentence or two who the path is for and what happens along it",
    ),
    "phase.title": (
        "vaiheen nimi, esim. Yhteydenotto",
        "fasens namn, t.ex. Kontakt",
        "the phase's name, e.g. Getting in touch",
    ),
    "phase.promise": (
        "lupaus minämuodossa, esim. Minun on helppo ottaa yhteyttä",
        "ett löfte i jag-form, t.ex. Det är lätt för mig att ta kontakt",
        "a promise in the first person, e.g. It is easy for me to get in touch",
    ),
    "step.title": (
        "askeleen nimi, esim. Soitan terveysasemalle",
        "stegets namn, t.ex. Jag ringer hälsostationen",
        "the step's name, e.g. I call the health centre",
    ),
    "step.body": (
        "kerro selkokielellä, mitä asiakas tekee ja mitä sitten tapahtuu",
        "berätta på lättläst språk vad kunden gör och vad som händer sedan",
        "say in plain words what the customer does and what happens next",
    ),
    "step.customer_action": (
        "asiakkaan teko minämuodossa, esim. Soitan ja kerron asiani",
        "kundens handling i jag-form, t.ex. Jag ringer och berättar mitt ärende",
        "what the customer does, in the first person",
    ),
    "channel.name": (
        "kanavan nimi, esim. Terveysaseman puhelin",
        "kanalens namn, t.ex. Hälsostationens telefon",
        "the channel's name, e.g. Health centre phone",
    ),
    "channel.description": (
        "kerro, mihin asioihin kanava sopii ja milloin se palvelee",
        "berätta vilka ärenden kanalen passar för och när den betjänar",
        "say what the channel is for and when it serves",
    ),
    "topic.title": (
        "aiheen nimi, esim. Seksuaaliterveys",
        "ämnets namn, t.ex. Sexuell hälsa",
        "the topic's name, e.g. Sexual health",
    ),
    "segment.name": (
        "segmentin nimi, esim. Asiantuntijuus",
        "segmentets namn, t.ex. Expertis",
        "the segment's name, e.g. Expertise",
    ),
    "segment.description": (
        "kuvaa, mitä tämän segmentin asiakkaat arvostavat",
        "beskriv vad kunderna i segmentet värdesätter",
        "describe what these customers value",
    ),
    "segment.service_promise": (
        "palvelulupaus, esim. Saat asiantuntijan avun",
        "servicelöftet, t.ex. Du får hjälp av en expert",
        "the service promise, e.g. You get an expert's help",
    ),
    "persona.description": (
        "kuvaa henkilö ja hänen tilanteensa",
        "beskriv personen och hens situation",
        "describe the person and their situation",
    ),
}
UNIT = "TÄYDENNÄ: vastuuyksikkö"
PERSONA = "TÄYDENNÄ: nimi"


@dataclass(frozen=True)
class Refusal:
    """Why no skeleton was written: a catalogue code and its arguments."""

    code: str
    args: dict[str, str]


def placeholder(key: str, languages: Iterable[str]) -> dict[str, str]:
    """A localized placeholder asking for KEY in each of LANGUAGES."""
    index = {"fi": 0, "sv": 1, "en": 2}
    return {lang: f"{PLACEHOLDER_MARKS[lang]}: {ASK[key][index[lang]]}" for lang in languages}


def add_months(day: date, months: int) -> date:
    """DAY plus MONTHS calendar months, clamped to the last day of the target month."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _owner(settings: Settings, today: date, email: str | None) -> dict[str, str]:
    owner = {"unit": UNIT}
    if email and EMAIL.match(email):
        owner["email"] = email
    owner["review_due"] = add_months(today, settings.review.interval_months).isoformat()
    return owner


def _path(langs: tuple[str, ...], topic: str) -> dict[str, Any]:
    step = {
        "id": "ensimmainen-askel",
        "title": placeholder("step.title", langs),
        "body": placeholder("step.body", langs),
        "customer_action": placeholder("step.customer_action", langs),
    }
    phase = {
        "id": "ensimmainen-vaihe",
        "title": placeholder("phase.title", langs),
        "promise": placeholder("phase.promise", langs),
        "steps": [step],
    }
    return {
        "level": "service",
        "title": placeholder("path.title", langs),
        "summary": placeholder("path.summary", langs),
        "topics": [topic],
        "phases": [phase],
    }


def skeleton(
    kind: Kind,
    doc_id: str,
    settings: Settings,
    today: date,
    *,
    topic: str = "",
    segment_code: str = "S1",
    email: str | None = None,
) -> dict[str, Any]:
    """A draft KIND document DOC_ID with every required field, in the settings' required languages."""
    langs = settings.languages.required
    head: dict[str, Any] = {"$schema": pointer(kind), "id": doc_id, "status": "draft"}
    if kind is Kind.PATH:
        body = _path(langs, topic)
        return {
            **head,
            **{k: v for k, v in body.items() if k != "phases"},
            "owner": _owner(settings, today, email),
            "phases": body["phases"],
        }
    if kind is Kind.CHANNEL:
        return {
            **head,
            "type": "phone",
            "name": placeholder("channel.name", langs),
            "description": placeholder("channel.description", langs),
            "requires_strong_auth": False,
            "owner": _owner(settings, today, email),
        }
    if kind is Kind.TOPIC:
        return {**head, "title": placeholder("topic.title", langs)}
    return {
        **head,
        "code": segment_code,
        "name": placeholder("segment.name", langs),
        "share_percent": 0,
        "description": placeholder("segment.description", langs),
        "service_promise": placeholder("segment.service_promise", langs),
        "personas": [{"name": PERSONA, "description": placeholder("persona.description", langs)}],
    }


def _ids(root: Path, kind: Kind) -> list[str]:
    folder = root / CONTENT_DIR / kind.folder
    return sorted(f.stem for f in folder.glob("*.json")) if folder.is_dir() else []


def free_segment_code(root: Path) -> str:
    """The first code S1-S9 no segment file of ROOT mentions (S9 when all are taken)."""
    folder = root / CONTENT_DIR / Kind.SEGMENT.folder
    text = (
        " ".join(f.read_text(encoding="utf-8", errors="replace") for f in folder.glob("*.json"))
        if folder.is_dir()
        else ""
    )
    return next((f"S{n}" for n in range(1, 10) if f'"S{n}"' not in text), "S9")


def refusal(root: Path, kind: Kind, doc_id: str, topic: str | None) -> Refusal | None:
    """Why DOC_ID cannot become a new KIND document in ROOT, or None when it can."""
    if not ID_PATTERN.match(doc_id) or len(doc_id) > MAX_ID:
        from pathapi.content.messages import id_suggestion

        return Refusal("new-bad-id", {"id": doc_id, "suggestion": id_suggestion(doc_id)[:MAX_ID].strip("-")})
    target = root / CONTENT_DIR / kind.folder / f"{doc_id}.json"
    if target.exists():
        return Refusal("new-exists", {"file": f"{CONTENT_DIR}/{kind.folder}/{doc_id}.json"})
    if kind is not Kind.PATH:
        return None
    topics = _ids(root, Kind.TOPIC)
    if not topics:
        return Refusal("new-no-topic", {})
    if topic is not None and topic not in topics:
        near = closest(topic, topics) or topics[:3]
        return Refusal("new-unknown-topic", {"topic": topic, "closest": ", ".join(near)})
    return None


def chosen_topic(root: Path, topic: str | None) -> str:
    """The topic a new path goes under: the one asked for, else the first existing one."""
    return topic or _ids(root, Kind.TOPIC)[0]
