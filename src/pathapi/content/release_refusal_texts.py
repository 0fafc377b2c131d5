"""Why a release is refused (fi, sv, en), each fix ending with the --force way out."""

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
