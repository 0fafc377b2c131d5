"""The words of the size and depth limit findings (document, JSON nesting, text length): fi, sv and en."""

from __future__ import annotations

from pathapi.content.texts import Entry

LIMITS: dict[str, Entry] = {
    "too-large": {
        "fi": (
            "Dokumentti on {size} tavua, yli rajan {limit}.",
            "Jaa se pienempiin dokumentteihin tai siirrä pitkä aineisto linkitetylle sivulle.",
        ),
        "sv": (
            "Dokumentet är {size} byte, över gränsen {limit}.",
            "Dela upp det i mindre dokument eller flytta långt material till en länkad sida.",
        ),
        "en": (
            "The document is {size} bytes, more than the limit of {limit}.",
            "Split it into smaller documents or move long material to a linked page.",
        ),
    },
    "too-deep": {
        "fi": ("Rakenne on sisäkkäin yli {limit} tasoa.", "Madalla rakennetta."),
        "sv": ("Strukturen är kapslad mer än {limit} nivåer djupt.", "Gör strukturen plattare."),
        "en": ("Nested more than {limit} levels deep.", "Flatten the structure."),
    },
    "json-too-deep": {
        "fi": ("Rakenne on liian syvä luettavaksi.", "Madalla rakennetta."),
        "sv": ("Strukturen är för djup för att läsas.", "Gör strukturen plattare."),
        "en": ("Nested too deeply to read.", "Flatten the structure."),
    },
    "text-too-long": {
        "fi": ("Teksti on {length} merkkiä, yli rajan {limit}.", "Lyhennä tekstiä tai jaa se osiin."),
        "sv": ("Texten är {length} tecken, över gränsen {limit}.", "Korta texten eller dela upp den."),
        "en": ("The text is {length} characters, more than the limit of {limit}.", "Shorten it or split it."),
    },
}
