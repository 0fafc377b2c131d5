"""What the release commands say (fi, sv, en): refusals with their fix, results, and the words of notes."""

from __future__ import annotations

from pathapi.content.texts import Entry

FORCE = {
    "fi": " Jos julkaiset silti, lisää --force.",
    "sv": " Vill du publicera ändå, lägg till --force.",
    "en": " To release anyway, add --force.",
}


def _forced(entry: Entry) -> Entry:
    """The entry with the --force way out appended to each fix."""
    return {lang: (message, fix + FORCE[lang]) for lang, (message, fix) in entry.items()}


REFUSALS: dict[str, Entry] = {
    key: _forced(value)
    for key, value in {
        "release-uncommitted": {
            "fi": (
                "Tiedostoissa on muutoksia, joita ei ole tallennettu gitiin (commit): {files}. Ne eivät tulisi "
                "julkaisuun.",
                "Tallenna ne (git add ja git commit), yhdistä haaraan {branch} ja julkaise sitten; tai "
                "peru ne komennolla git restore.",
            ),
            "sv": (
                "Filerna har ändringar som inte har sparats i git (commit): {files}. De skulle inte komma med i "
                "publiceringen.",
                "Spara dem (git add och git commit), slå ihop dem med {branch} och publicera sedan; "
                "eller ångra dem med git restore.",
            ),
            "en": (
                "These files have changes that are not committed: {files}. They would not be in the release.",
                "Commit them (git add, git commit), merge them into {branch}, then release; or undo them "
                "with git restore.",
            ),
        },
        "release-not-on-branch": {
            "fi": (
                "Julkaistava versio {commit} ei ole haarassa {branch}, jota palvelin seuraa (olet haarassa {head}).",
                "Yhdistä muutokset haaraan {branch} (pull request), siirry siihen (git switch {local} "
                "ja git pull) ja julkaise sieltä.",
            ),
            "sv": (
                "Versionen {commit} som skulle publiceras finns inte i grenen {branch} som servern följer (du är "
                "i grenen {head}).",
                "Slå ihop ändringarna med {branch} (pull request), byt till den (git switch "
                "{local} och git pull) och publicera därifrån.",
            ),
            "en": (
                "Commit {commit} is not on {branch}, the branch the server follows (you are on {head}).",
                "Merge the changes into {branch} (a pull request), switch to it (git switch {local}, git pull) "
                "and release from there.",
            ),
        },
        "release-no-branch": {
            "fi": (
                "Seurattavaa haaraa {branch} ei ole tässä repositoriossa.",
                "Kerro haaran nimi valitsimella --branch tai ympäristömuuttujalla PATHAPI_BRANCH.",
            ),
            "sv": (
                "Grenen {branch} som ska följas finns inte i det här förrådet.",
                "Ange grenens namn med --branch eller miljövariabeln PATHAPI_BRANCH.",
            ),
            "en": (
                "The followed branch {branch} does not exist in this repository.",
                "Name it with --branch or the PATHAPI_BRANCH environment variable.",
            ),
        },
        "release-unchanged": {
            "fi": (
                "Sisältö on täsmälleen sama kuin voimassa olevassa julkaisussa {release}: uusi julkaisu ei "
                "muuttaisi mitään.",
                "Tallenna ja yhdistä muutokset ensin (git commit, pull request).",
            ),
            "sv": (
                "Innehållet är exakt detsamma som i den gällande publiceringen {release}: en ny publicering "
                "skulle inte ändra något.",
                "Spara och slå ihop ändringarna först (git commit, pull request).",
            ),
            "en": (
                "The content is exactly that of the live release {release}: a new release would change nothing.",
                "Commit and merge your changes first (git commit, a pull request).",
            ),
        },
        "release-older": {
            "fi": (
                "Versio {commit} on vanhempi kuin voimassa oleva julkaisu {release}: sen julkaiseminen "
                "poistaisi myöhemmät muutokset.",
                "Jos haluat palata aiempaan julkaisuun, käytä komentoa "
                "pathapi rollback JULKAISU (nimet: pathapi releases).",
            ),
            "sv": (
                "Versionen {commit} är äldre än den gällande publiceringen {release}: att publicera den skulle "
                "ta bort senare ändringar.",
                "Vill du gå tillbaka till en tidigare publicering, använd pathapi "
                "rollback PUBLICERING (namnen: pathapi releases).",
            ),
            "en": (
                "Commit {commit} is older than the live release {release}: releasing it would undo later changes.",
                "To go back to an earlier release, use pathapi rollback RELEASE (names: pathapi releases).",
            ),
        },
        "rollback-unchanged": {
            "fi": ("Julkaisun {target} sisältö on jo voimassa (julkaisu {release}).", "Mitään ei tarvitse tehdä."),
            "sv": (
                "Innehållet i publiceringen {target} gäller redan (publiceringen {release}).",
                "Inget behöver göras.",
            ),
            "en": ("The content of release {target} is already live (release {release}).", "Nothing needs doing."),
        },
    }.items()
}

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
