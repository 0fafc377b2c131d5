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
    "new-bad-id": {
        "fi": ("\"{id}\" ei kelpaa tunnisteeksi.",
               "Käytä pieniä kirjaimia a-z, numeroita ja väliviivoja (ei ääkkösiä eikä välilyöntejä), "
               "esim. pathapi new {kind_id} {suggestion}"),
        "sv": ("\"{id}\" duger inte som identifierare.",
               "Använd små bokstäver a-z, siffror och bindestreck (inga å, ä, ö eller mellanslag), "
               "t.ex. pathapi new {kind_id} {suggestion}"),
        "en": ("\"{id}\" is not a valid identifier.",
               "Use lower-case letters a-z, digits and hyphens (no accents or spaces), "
               "e.g. pathapi new {kind_id} {suggestion}"),
    },
    "new-exists": {
        "fi": ("{file} on jo olemassa, eikä sitä korvata.", "Muokkaa sitä tai valitse toinen tunniste."),
        "sv": ("{file} finns redan och skrivs inte över.", "Redigera den eller välj en annan identifierare."),
        "en": ("{file} already exists and is left as it is.", "Edit it, or choose another id."),
    },
    "new-no-topic": {
        "fi": ("Polku tarvitsee aiheen, mutta sisällössä ei ole vielä yhtään aihetta.",
               "Luo ensin aihe: pathapi new topic AIHEEN-TUNNISTE"),
        "sv": ("En stig behöver ett ämne, men innehållet har inga ämnen än.",
               "Skapa först ett ämne: pathapi new topic ÄMNETS-IDENTIFIERARE"),
        "en": ("A path needs a topic, and there is no topic yet.", "Create one first: pathapi new topic TOPIC-ID"),
    },
    "new-unknown-topic": {
        "fi": ("Aihetta \"{topic}\" ei ole.", "Valitse olemassa oleva aihe, esim. {closest}."),
        "sv": ("Ämnet \"{topic}\" finns inte.", "Välj ett befintligt ämne, t.ex. {closest}."),
        "en": ("There is no topic \"{topic}\".", "Choose an existing one, e.g. {closest}."),
    },
    "new-created": {
        "fi": ("Luonnos on tehty: {file}.",
               "Kirjoita omat tekstisi kohtiin, joissa lukee TÄYDENNÄ, ja tarkista: pathapi validate {file}"),
        "sv": ("Utkastet är skapat: {file}.",
               "Skriv dina texter där det står TÄYDENNÄ eller KOMPLETTERA, och kontrollera: pathapi validate {file}"),
        "en": ("Draft created: {file}.",
               "Write your texts where it says TÄYDENNÄ (or KOMPLETTERA, TO DO), then check: pathapi validate {file}"),
    },
    "new-topic-chosen": {
        "fi": ("Polku on aiheen \"{topic}\" alla.", "Vaihda aihe tarvittaessa kenttään \"topics\"."),
        "sv": ("Stigen ligger under ämnet \"{topic}\".", "Byt ämne vid behov i fältet \"topics\"."),
        "en": ("The path is under topic \"{topic}\".", "Change it in \"topics\" if needed."),
    },
}
