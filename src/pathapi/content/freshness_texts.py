"""What ``pathapi stale`` and the ``--today`` option say (fi, sv, en), with what to do."""

from __future__ import annotations

from pathapi.content.texts import Entry

FRESHNESS: dict[str, Entry] = {
    "today-format": {
        "fi": ("Päivä {value} ei kelpaa.", "Kirjoita se muodossa 2026-12-24."),
        "sv": ("Dagen {value} duger inte.", "Skriv den som 2026-12-24."),
        "en": ("{value} is not a date.", "Write it as 2026-12-24."),
    },
    "within-format": {
        "fi": ("Päivien määrä {value} ei kelpaa.", "Anna kokonaisluku 0 tai enemmän, esimerkiksi --within 30."),
        "sv": ("Antalet dagar {value} duger inte.", "Ange ett heltal 0 eller större, till exempel --within 30."),
        "en": ("{value} is not a number of days.", "Give a whole number 0 or more, e.g. --within 30."),
    },
    "stale-none": {
        "fi": ("Ei myöhässä olevia tarkistuksia{within} (tänään {today}).", "Kaikki sisältö on ajan tasalla."),
        "sv": ("Inga försenade granskningar{within} (i dag {today}).", "Allt innehåll är aktuellt."),
        "en": ("No reviews overdue{within} (today {today}).", "All content is up to date."),
    },
    "stale-summary": {
        "fi": (
            "Tarkistuksia myöhässä: {overdue} (tänään {today}).",
            'Pyydä omistajia tarkistamaan sisältö; kirjaa sitten "reviewed_on" ja uusi "review_due".',
        ),
        "sv": (
            "Försenade granskningar: {overdue} (i dag {today}).",
            'Be ägarna granska innehållet; skriv sedan "reviewed_on" och ett nytt "review_due".',
        ),
        "en": (
            "Reviews overdue: {overdue} (today {today}).",
            'Ask the owners to review the content, then write "reviewed_on" and a new "review_due".',
        ),
    },
    "stale-summary-within": {
        "fi": (
            "Tarkistuksia myöhässä: {overdue}; erääntyy {days} päivän sisällä: {upcoming} (tänään {today}).",
            'Pyydä omistajia tarkistamaan sisältö; kirjaa sitten "reviewed_on" ja uusi "review_due".',
        ),
        "sv": (
            "Försenade granskningar: {overdue}; förfaller inom {days} dagar: {upcoming} (i dag {today}).",
            'Be ägarna granska innehållet; skriv sedan "reviewed_on" och ett nytt "review_due".',
        ),
        "en": (
            "Reviews overdue: {overdue}; due within {days} days: {upcoming} (today {today}).",
            'Ask the owners to review the content, then write "reviewed_on" and a new "review_due".',
        ),
    },
}

STALE_WORDS: dict[str, dict[str, tuple[str, str]]] = {  # (one, many)
    "fi": {
        "late": ("1 päivä myöhässä", "{days} päivää myöhässä"),
        "ahead": ("1 päivän päästä", "{days} päivän päästä"),
        "today": ("tänään", "tänään"),
        "within": (" eikä 1 päivän sisällä erääntyviä", " eikä {days} päivän sisällä erääntyviä"),
        "owner": ("omistaja", "omistaja"),
    },
    "sv": {
        "late": ("1 dag försenad", "{days} dagar försenad"),
        "ahead": ("om 1 dag", "om {days} dagar"),
        "today": ("i dag", "i dag"),
        "within": (" och inga som förfaller inom 1 dag", " och inga som förfaller inom {days} dagar"),
        "owner": ("ägare", "ägare"),
    },
    "en": {
        "late": ("1 day overdue", "{days} days overdue"),
        "ahead": ("due in 1 day", "due in {days} days"),
        "today": ("due today", "due today"),
        "within": (" and none due within 1 day", " and none due within {days} days"),
        "owner": ("owner", "owner"),
    },
}


def stale_word(lang: str, word: str, days: int) -> str:
    """WORD in LANG for a number of DAYS (singular for one)."""
    one, many = STALE_WORDS[lang][word]
    return (one if days == 1 else many).format(days=days)
