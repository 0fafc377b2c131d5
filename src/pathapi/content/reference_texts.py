"""Sentences of ``pathapi docs fields``: fi, sv and en, with what to do next."""

from __future__ import annotations

from pathapi.content.texts import Entry

REFERENCE: dict[str, Entry] = {
    "fields-unannotated": {
        "fi": (
            "Kentältä puuttuu x-shown-merkintä tai se on väärän muotoinen: {where}.",
            'Lisää kenttään "x-shown": {{"website": …, "app": …, "intranet": …}}; kerro kullekin, '
            "miten kenttä näytetään, tai false, jos sitä ei näytetä.",
        ),
        "sv": (
            "Fältet saknar x-shown-anteckning eller den har fel form: {where}.",
            'Lägg till "x-shown": {{"website": …, "app": …, "intranet": …}} i fältet; skriv för var och '
            "en hur fältet visas, eller false om det inte visas.",
        ),
        "en": (
            "A field has no x-shown annotation, or a malformed one: {where}.",
            'Add "x-shown": {{"website": …, "app": …, "intranet": …}} to the field: for each, how it is '
            "shown, or false when it is not.",
        ),
    },
    "fields-drift": {
        "fi": ("{file} ei vastaa skeemoja.", "Aja `pathapi docs fields` ja commitoi muuttunut tiedosto."),
        "sv": ("{file} motsvarar inte schemana.", "Kör `pathapi docs fields` och committa den ändrade filen."),
        "en": ("{file} does not match the schemas.", "Run `pathapi docs fields` and commit the changed file."),
    },
    "fields-written": {
        "fi": ("Kirjoitettiin {file} ({count} kenttää).", "Commitoi se skeemojen muutosten kanssa."),
        "sv": ("Skrev {file} ({count} fält).", "Committa den tillsammans med ändringarna i schemana."),
        "en": ("Wrote {file} ({count} fields).", "Commit it with the schema changes."),
    },
}
