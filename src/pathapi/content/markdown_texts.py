"""The words of the Markdown contract's findings (see ``texts``); ``{where}`` names the Markdown line."""

from __future__ import annotations

from pathapi.content.texts import Entry

MARKDOWN: dict[str, Entry] = {
    "md-heading": {
        "fi": ("{where}Otsikkotaso {level} ei ole sallittu.", "Otsikot alkavat tasolta {min}: ### Otsikko."),
        "sv": ("{where}Rubriknivå {level} är inte tillåten.", "Rubriker börjar på nivå {min}: ### Rubrik."),
        "en": ("{where}Heading level {level} is not allowed.", "Headings start at level {min}: ### Heading."),
    },
    "md-link-http": {
        "fi": ('{where}Linkki "{href}" käyttää suojaamatonta http-yhteyttä.', "Kirjoita https://."),
        "sv": ('{where}Länken "{href}" använder oskyddad http.', "Skriv https://."),
        "en": ('{where}Link "{href}" uses http.', "Write https:// (customers are never sent over plain http)."),
    },
    "md-link-scheme": {
        "fi": ('{where}Linkki "{href}" ei ole sallittu.', "Linkki alkaa https://, tel: tai mailto:."),
        "sv": ('{where}Länken "{href}" är inte tillåten.', "En länk börjar med https://, tel: eller mailto:."),
        "en": ('{where}Link "{href}" is not allowed.', "Links start with https://, tel: or mailto:."),
    },
    "md-image-http": {
        "fi": ('{where}Kuva "{src}" ei käytä https-osoitetta.', "Kirjoita kuvan osoite muodossa https://."),
        "sv": ('{where}Bilden "{src}" använder inte https.', "Skriv bildens adress med https://."),
        "en": ('{where}Image "{src}" must use https://.', "Write the image address with https://."),
    },
    "md-html": {
        "fi": ("{where}{snippet}: HTML ei ole sallittu.", "Kirjoita se Markdownina tai poista se."),
        "sv": ("{where}{snippet}: HTML är inte tillåten.", "Skriv det som Markdown eller ta bort det."),
        "en": ("{where}{snippet}: raw HTML is not allowed.", "Write it as Markdown or remove it."),
    },
    "md-code-block": {
        "fi": ("{where}Neljällä välilyönnillä sisennetystä rivistä tulee koodilohko.", "Poista sisennys."),
        "sv": ("{where}En rad indragen med fyra mellanslag blir ett kodblock.", "Ta bort indraget."),
        "en": ("{where}A line indented by four spaces becomes a code block.", "Remove the indentation."),
    },
    "md-fence": {
        "fi": ("{where}Koodilohkot (```) eivät ole sallittuja.", "Kirjoita teksti kappaleena."),
        "sv": ("{where}Kodblock (```) är inte tillåtna.", "Skriv texten som ett stycke."),
        "en": ("{where}Code blocks (```) are not allowed.", "Write the text as a paragraph."),
    },
    "md-code-inline": {
        "fi": ("{where}Koodimerkintä (`…`) ei ole sallittu.", "Poista gravis-merkit."),
        "sv": ("{where}Kod (`…`) är inte tillåten.", "Ta bort bakåtaccenterna."),
        "en": ("{where}Code (`…`) is not allowed.", "Remove the backticks."),
    },
    "md-quote": {
        "fi": ("{where}Lainaukset (>) eivät ole sallittuja.", "Kirjoita teksti kappaleena."),
        "sv": ("{where}Citat (>) är inte tillåtna.", "Skriv texten som ett stycke."),
        "en": ("{where}Quotes (>) are not allowed.", "Write the text as a paragraph."),
    },
    "md-rule": {
        "fi": ("{where}Vaakaviivat (---, ***) eivät ole sallittuja.", "Poista rivi."),
        "sv": ("{where}Horisontella linjer (---, ***) är inte tillåtna.", "Ta bort raden."),
        "en": ("{where}Horizontal rules (---, ***) are not allowed.", "Remove the line."),
    },
    "md-image": {
        "fi": ("{where}Kuvat eivät ole sallittuja tässä kentässä.", "Linkitä sivulle, jolla kuva on."),
        "sv": ("{where}Bilder är inte tillåtna i det här fältet.", "Länka till sidan som visar bilden."),
        "en": ("{where}Images are not allowed here.", "Link to the page that shows the image instead."),
    },
    "md-other": {
        "fi": ("{where}Merkintä {what} ei ole sallittu.", "Kirjoita teksti kappaleena tai listana."),
        "sv": ("{where}Markeringen {what} är inte tillåten.", "Skriv texten som ett stycke eller en lista."),
        "en": ("{where}{what} is not allowed.", "Write the text as a paragraph or a list."),
    },
    "plain-line-break": {
        "fi": ("Tekstin pitää olla yhdellä rivillä.", "Poista rivinvaihto (pitkä teksti kuuluu Markdown-kenttään)."),
        "sv": ("Texten ska stå på en rad.", "Ta bort radbrytningen (längre text hör till ett Markdown-fält)."),
        "en": ("The text must be one line.", "Remove the line break (longer texts belong in a Markdown field)."),
    },
    "plain-markup": {
        "fi": ("Pelkän tekstin kentässä on Markdown-merkintä {markup}.", "Poista merkintä."),
        "sv": ("Ett fält för ren text innehåller Markdown {markup}.", "Ta bort markeringen."),
        "en": ("Plain text contains Markdown {markup}.", "Remove the Markdown."),
    },
}
