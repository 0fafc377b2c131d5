"""Sentences the commands say to editors (not findings): fi, sv and en, with what to do next."""

from __future__ import annotations

from pathapi.content.texts import Entry

COMMANDS: dict[str, Entry] = {
    "not-in-repository": {
        "fi": ("{path} ei ole sisältörepositoriossa.", "Anna kansio, jossa on content/-kansio, tai tiedosto sen alta."),
        "sv": ("{path} ligger inte i ett innehållsförråd.", "Ange en mapp med content/ eller en fil under den."),
        "en": ("{path} is not inside a content repository.", "Give a folder that has content/, or a file below it."),
    },
    "path-missing": {
        "fi": ("{path} ei ole olemassa.", "Tarkista polku."),
        "sv": ("{path} finns inte.", "Kontrollera sökvägen."),
        "en": ("{path} does not exist.", "Check the path."),
    },
}
