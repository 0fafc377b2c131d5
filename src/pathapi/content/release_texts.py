"""What the release commands say (fi, sv, en): results (refusals in release_refusal_texts), and the words of notes."""

from __future__ import annotations

from pathapi.content.release_refusal_texts import REFUSALS
from pathapi.content.texts import Entry

RELEASES: dict[str, Entry] = {
    **REFUSALS,
    "release-unknown": {
        "fi": (
            "Julkaisua {name} ei ole.",
            "Katso julkaisujen nimet komennolla pathapi releases; kelpaa "
            "nimi (2026-11-30.2) tai tagi (release/2026-11-30.2).",
        ),
        "sv": (
            "Publiceringen {name} finns inte.",
            "Se namnen med pathapi releases; både namnet (2026-11-30.2) och taggen (release/2026-11-30.2) duger.",
        ),
        "en": (
            "There is no release {name}.",
            "See the names with pathapi releases; a name (2026-11-30.2) or a tag (release/2026-11-30.2) will do.",
        ),
    },
    "release-invalid": {
        "fi": (
            "Ei julkaistu: versiossa {commit} on virheitä.",
            "Korjaa alla luetellut kohdat, tallenna (commit) ja julkaise uudelleen.",
        ),
        "sv": (
            "Inte publicerat: versionen {commit} har fel.",
            "Rätta punkterna nedan, spara (commit) och publicera igen.",
        ),
        "en": ("Not released: commit {commit} has errors.", "Fix the places listed below, commit and release again."),
    },
    "release-refused": {
        "fi": ("Ei julkaistu.", "Mitään ei luotu."),
        "sv": ("Inte publicerat.", "Ingenting skapades."),
        "en": ("Not released.", "Nothing was created."),
    },
    "release-made": {
        "fi": (
            "Julkaistu {name} (versio {commit}, tagi release/{name}).",
            "Jos palvelin hakee sisällön etärepositoriosta, lähetä tagi sinne: git push origin release/{name}",
        ),
        "sv": (
            "Publicerat {name} (version {commit}, tagg release/{name}).",
            "Om servern hämtar innehållet från ett fjärrförråd, skicka taggen dit: git push origin release/{name}",
        ),
        "en": (
            "Released {name} (commit {commit}, tag release/{name}).",
            "If the server fetches from a remote, push the tag there: git push origin release/{name}",
        ),
    },
    "release-made-local": {
        "fi": (
            "Julkaistu {name} (versio {commit}, tagi release/{name}).",
            "Palvelin, joka seuraa tätä repositoriota, ottaa julkaisun käyttöön seuraavalla tarkistuksella.",
        ),
        "sv": (
            "Publicerat {name} (version {commit}, tagg release/{name}).",
            "En server som följer det här förrådet tar publiceringen i bruk vid nästa kontroll.",
        ),
        "en": (
            "Released {name} (commit {commit}, tag release/{name}).",
            "A server following this repository makes it live at its next check.",
        ),
    },
    "release-pushed": {
        "fi": (
            "Julkaistu {name} (versio {commit}), ja tagi release/{name} on lähetetty originiin.",
            "Palvelin ottaa julkaisun käyttöön, kun se seuraavan kerran hakee muutokset.",
        ),
        "sv": (
            "Publicerat {name} (version {commit}), och taggen release/{name} har skickats till origin.",
            "Servern tar publiceringen i bruk nästa gång den hämtar ändringar.",
        ),
        "en": (
            "Released {name} (commit {commit}), and tag release/{name} was pushed to origin.",
            "The server makes it live the next time it fetches.",
        ),
    },
    "release-dry-run": {
        "fi": (
            "Kokeilu: julkaisu {name} tehtäisiin versiosta {commit}.",
            "Mitään ei luotu; julkaise ilman valitsinta --dry-run.",
        ),
        "sv": (
            "Provkörning: publiceringen {name} skulle göras av versionen {commit}.",
            "Ingenting skapades; publicera utan --dry-run.",
        ),
        "en": (
            "Dry run: release {name} would be made of commit {commit}.",
            "Nothing was created; release without --dry-run.",
        ),
    },
    "release-dry-run-refused": {
        "fi": (
            "Kokeilu: julkaisu {name} tehtäisiin versiosta {commit}, mutta se estyisi (syyt yllä).",
            "Mitään ei luotu. Korjaa syyt ja kokeile uudelleen.",
        ),
        "sv": (
            "Provkörning: publiceringen {name} skulle göras av versionen {commit}, men den skulle stoppas "
            "(orsakerna ovan).",
            "Ingenting skapades. Åtgärda orsakerna och försök igen.",
        ),
        "en": (
            "Dry run: release {name} would be made of commit {commit}, but it would be refused (reasons above).",
            "Nothing was created. Fix the reasons and try again.",
        ),
    },
    "release-forced": {
        "fi": ("Ohitettu valitsimella --force:", "julkaistaan silti."),
        "sv": ("Förbigått med --force:", "publiceras ändå."),
        "en": ("Overridden with --force:", "releasing anyway."),
    },
}

NOTE_WORDS: dict[str, dict[str, str]] = {
    "fi": {
        "since": "Muutokset julkaisun {previous} jälkeen",
        "first": "Ensimmäinen julkaisu",
        "added": "Lisätty",
        "changed": "Muutettu",
        "removed": "Poistettu",
        "unchanged": "ei sisältömuutoksia",
        "scheduled": "Ajastetut muutokset",
        "publish": "tulee näkyviin",
        "unpublish": "poistuu näkyvistä",
        "pending": "tulossa",
        "passed": "tapahtunut",
        "rollback": "Paluu julkaisuun {release}: sen sisältö on taas voimassa.",
        "rollback_heading": "Paluu julkaisuun {release}",
        "heading": "Julkaisu {name}",
    },
    "sv": {
        "since": "Ändringar sedan publiceringen {previous}",
        "first": "Första publiceringen",
        "added": "Tillagt",
        "changed": "Ändrat",
        "removed": "Borttaget",
        "unchanged": "inga ändringar i innehållet",
        "scheduled": "Schemalagda ändringar",
        "publish": "visas från",
        "unpublish": "tas bort",
        "pending": "kommande",
        "passed": "har skett",
        "rollback": "Tillbaka till publiceringen {release}: dess innehåll gäller igen.",
        "rollback_heading": "Tillbaka till publiceringen {release}",
        "heading": "Publicering {name}",
    },
    "en": {
        "since": "Changes since {previous}",
        "first": "First release",
        "added": "Added",
        "changed": "Changed",
        "removed": "Removed",
        "unchanged": "no content changes",
        "scheduled": "Scheduled",
        "publish": "publish at",
        "unpublish": "unpublish at",
        "pending": "pending",
        "passed": "passed",
        "rollback": "Rollback to {release}: its content is live again.",
        "rollback_heading": "Rollback to {release}",
        "heading": "Release {name}",
    },
}

LIST_WORDS: dict[str, dict[str, str]] = {
    "fi": {
        "none": "Ei vielä julkaisuja: haaran {branch} uusin versio on voimassa.",
        "live": "voimassa",
        "pending": "Ajastetut muutokset, jotka ovat vielä tulossa ({what}):",
        "no_pending": "Ei tulossa olevia ajastettuja muutoksia ({what}).",
        "release": "julkaisu {name}",
        "branch": "haara {branch}",
    },
    "sv": {
        "none": "Inga publiceringar ännu: den senaste versionen i grenen {branch} gäller.",
        "live": "gäller",
        "pending": "Schemalagda ändringar som ännu ska ske ({what}):",
        "no_pending": "Inga kommande schemalagda ändringar ({what}).",
        "release": "publiceringen {name}",
        "branch": "grenen {branch}",
    },
    "en": {
        "none": "No releases yet: the newest commit of {branch} is live.",
        "live": "live",
        "pending": "Scheduled changes still to come ({what}):",
        "no_pending": "No scheduled changes to come ({what}).",
        "release": "release {name}",
        "branch": "branch {branch}",
    },
}
