"""The words of JSON syntax findings (the file cannot be read as JSON): fi, sv and en, by stable code."""

from __future__ import annotations

from pathapi.content.texts import Entry

SYNTAX: dict[str, Entry] = {
    "json-empty": {
        "fi": ("Tiedosto on tyhjä.", "Kirjoita tiedostoon JSON-objekti {{ … }}; `pathapi new` tekee valmiin pohjan."),
        "sv": ("Filen är tom.", "Skriv ett JSON-objekt {{ … }} i filen; `pathapi new` skapar en färdig mall."),
        "en": ("The file is empty.", "Write a JSON object {{ … }} into it; `pathapi new` writes a ready template."),
    },
    "json-syntax": {
        "fi": (
            "Tiedosto ei ole kelvollista JSONia ({detail}).",
            "Tarkista merkit tässä kohdassa ja juuri sitä ennen: puuttuuko pilkku, lainausmerkki tai sulje?",
        ),
        "sv": (
            "Filen är inte giltig JSON ({detail}).",
            "Kontrollera tecknen här och strax före: saknas ett kommatecken, citattecken eller en parentes?",
        ),
        "en": (
            "The file is not valid JSON ({detail}).",
            "Check the characters here and just before: is a comma, quotation mark or bracket missing?",
        ),
    },
    "json-end": {
        "fi": ("Tiedosto loppuu kesken.", 'Tarkista, että jokainen {{, [ ja " on suljettu.'),
        "sv": ("Filen tar slut för tidigt.", 'Kontrollera att varje {{, [ och " är stängd.'),
        "en": ("The file ends too early.", 'Check that every {{, [ and " is closed.'),
    },
    "json-trailing-comma": {
        "fi": ("Viimeisen kohdan perässä on pilkku.", "Poista pilkku ennen merkkiä }} tai ]."),
        "sv": ("Det finns ett kommatecken efter det sista elementet.", "Ta bort kommatecknet före }} eller ]."),
        "en": ("There is a comma after the last item.", "Remove the comma before }} or ]."),
    },
    "json-unterminated": {
        "fi": ("Tekstistä puuttuu loppulainausmerkki.", 'Lisää " tekstin loppuun ennen rivin loppua.'),
        "sv": ("Texten saknar avslutande citattecken.", 'Lägg till " i slutet av texten före radens slut.'),
        "en": ("The text has no closing quotation mark.", 'Add " at the end of the text, before the line ends.'),
    },
    "json-unescaped-quote": {
        "fi": (
            'Tekstin sisällä oleva lainausmerkki " katkaisee tekstin.',
            'Kirjoita lainausmerkki tekstin sisällä muodossa \\" tai käytä merkkiä ”.',
        ),
        "sv": (
            'Ett citattecken " inuti texten avslutar texten för tidigt.',
            'Skriv citattecknet inuti texten som \\" eller använd tecknet ”.',
        ),
        "en": (
            'A quotation mark " inside the text ends the text too early.',
            'Write a quotation mark inside text as \\" or use the character ”.',
        ),
    },
    "json-curly-quote": {
        "fi": (
            "Kaarevat lainausmerkit ({char}) eivät kelpaa JSONin kenttien ja tekstien ympärille.",
            'Ne tulevat usein tekstinkäsittelyohjelmasta kopioidessa. Vaihda ne suoriksi merkeiksi ".',
        ),
        "sv": (
            "Krökta citattecken ({char}) duger inte runt fält och texter i JSON.",
            'De kommer ofta med text som kopierats från ordbehandlaren. Byt dem mot raka tecken ".',
        ),
        "en": (
            "Curly quotation marks ({char}) cannot surround JSON keys or texts.",
            'They often come from copying text out of a word processor. Replace them with straight ".',
        ),
    },
    "json-tab": {
        "fi": ("Tekstin sisällä on sarkainmerkki (tab).", "Vaihda sarkain välilyönniksi."),
        "sv": ("Texten innehåller ett tabbtecken.", "Byt tabbtecknet mot ett mellanslag."),
        "en": ("The text contains a tab character.", "Replace the tab with a space."),
    },
    "json-not-utf8": {
        "fi": (
            "Tiedosto ei ole UTF-8-muodossa (tavu 0x{byte} ei aloita merkkiä).",
            "Tallenna tiedosto muodossa UTF-8.",
        ),
        "sv": ("Filen är inte i UTF-8 (byten 0x{byte} inleder inget tecken).", "Spara filen som UTF-8."),
        "en": ("The file is not UTF-8 (byte 0x{byte} cannot start a character).", "Save the file as UTF-8."),
    },
    "json-bom": {
        "fi": ("Tiedosto alkaa BOM-merkillä.", "Tallenna tiedosto muodossa UTF-8 ilman BOM-merkkiä."),
        "sv": ("Filen börjar med ett BOM-tecken.", "Spara filen som UTF-8 utan BOM."),
        "en": ("The file starts with a byte-order mark.", "Save it as UTF-8 without BOM."),
    },
    "duplicate-key": {
        "fi": (
            'Kenttä "{key}" on samassa objektissa kahdesti; vain jälkimmäinen jäisi voimaan.',
            "Poista toinen niistä.",
        ),
        "sv": ('Fältet "{key}" finns två gånger i samma objekt; bara det senare skulle gälla.', "Ta bort det ena."),
        "en": ('Key "{key}" appears more than once in one object; only the last would count.', "Remove one of them."),
    },
}
