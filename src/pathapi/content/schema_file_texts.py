"""The words of findings about the repository's own schema files (schemas/*.json): fi, sv and en."""

from __future__ import annotations

from pathapi.content.texts import Entry

SCHEMA_FILES: dict[str, Entry] = {
    "schema-not-object": {
        "fi": ("Skeeman pitää olla JSON-objekti.", "Korjaa skeematiedosto."),
        "sv": ("Ett schema måste vara ett JSON-objekt.", "Rätta schemafilen."),
        "en": ("A schema must be a JSON object.", "Fix the schema file."),
    },
    "schema-no-dialect": {
        "fi": ('Skeemasta puuttuu "$schema".', 'Lisää alkuun "$schema": "{draft}".'),
        "sv": ('Schemat saknar "$schema".', 'Lägg först till "$schema": "{draft}".'),
        "en": ('The schema has no "$schema".', 'Add "$schema": "{draft}" at its top.'),
    },
    "schema-wrong-dialect": {
        "fi": ('Skeeman "$schema" on {value}, ei Draft 2020-12.', 'Kirjoita "$schema": "{draft}".'),
        "sv": ('Schemats "$schema" är {value}, inte Draft 2020-12.', 'Skriv "$schema": "{draft}".'),
        "en": ('"$schema" is {value}, not Draft 2020-12.', 'Write "$schema": "{draft}".'),
    },
    "schema-invalid": {
        "fi": ("Skeema ei ole kelvollinen Draft 2020-12 -skeema: {detail}.", "Korjaa skeematiedosto."),
        "sv": ("Schemat är inget giltigt Draft 2020-12-schema: {detail}.", "Rätta schemafilen."),
        "en": ("Not a valid Draft 2020-12 schema: {detail}.", "Fix the schema file."),
    },
    "ref-unresolved": {
        "fi": ('$ref "{ref}" ei osoita mihinkään paikalliseen skeemaan.', "Korjaa viittaus."),
        "sv": ('$ref "{ref}" pekar inte på något lokalt schema.', "Rätta hänvisningen."),
        "en": ('$ref "{ref}" does not resolve to a local schema.', "Fix the reference."),
    },
    "schema-missing": {
        "fi": ("Skeema dokumenteille ({kind}) puuttuu.", "Palauta tiedosto {file}."),
        "sv": ("Schemat för dokument ({kind}) saknas.", "Återställ filen {file}."),
        "en": ("The schema for {kind} documents is missing.", "Restore {file}."),
    },
}
