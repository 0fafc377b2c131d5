"""The words of the cross-field and cross-document rules' findings (see ``texts``)."""

from __future__ import annotations

from pathapi.content.texts import Entry

RULES: dict[str, Entry] = {
    "id-mismatch": {
        "fi": (
            'Tunniste "{id}" ei vastaa tiedoston nimeä "{file}".',
            'Kirjoita "id": "{expected}" tai nimeä tiedosto uudelleen.',
        ),
        "sv": (
            'Identifieraren "{id}" motsvarar inte filnamnet "{file}".',
            'Skriv "id": "{expected}" eller byt namn på filen.',
        ),
        "en": ('id "{id}" does not match the file name "{file}".', 'Write "id": "{expected}" or rename the file.'),
    },
    "locales-missing": {
        "fi": (
            "Tekstistä puuttuu kieli: {missing} (dokumentin kielet: {languages}).",
            "Lisää käännös tai poista kieli dokumentin otsikosta.",
        ),
        "sv": (
            "Texten saknar språk: {missing} (dokumentets språk: {languages}).",
            "Lägg till översättningen eller ta bort språket ur dokumentets rubrik.",
        ),
        "en": (
            "The text lacks a language: {missing} (the document's languages: {languages}).",
            "Add the translation or remove the language from the document's title.",
        ),
    },
    "locales-extra": {
        "fi": (
            "Tekstissä on kieli, jota otsikossa ei ole: {extra} (dokumentin kielet: {languages}).",
            "Lisää kieli myös otsikkoon tai poista se tästä.",
        ),
        "sv": (
            "Texten har ett språk som rubriken saknar: {extra} (dokumentets språk: {languages}).",
            "Lägg till språket i rubriken också eller ta bort det här.",
        ),
        "en": (
            "The text has a language the title lacks: {extra} (the document's languages: {languages}).",
            "Add the language to the title as well, or remove it here.",
        ),
    },
    "dates-ordered": {
        "fi": (
            "{later} ({later_value}) ei ole ajankohdan {earlier} ({earlier_value}) jälkeen.",
            "Korjaa jompikumpi niin, että {later} on myöhemmin.",
        ),
        "sv": (
            "{later} ({later_value}) ligger inte efter {earlier} ({earlier_value}).",
            "Rätta det ena så att {later} kommer senare.",
        ),
        "en": (
            "{later} ({later_value}) must be after {earlier} ({earlier_value}).",
            "Fix one of them so that {later} comes later.",
        ),
    },
    "https-link": {
        "fi": ('Linkki ei käytä suojattua yhteyttä: "{url}".', "Aloita osoite https:// (ei http://)."),
        "sv": ('Länken använder inte en skyddad förbindelse: "{url}".', "Börja adressen med https:// (inte http://)."),
        "en": ('The link must use https: "{url}".', "Start the address with https:// (not http://)."),
    },
    "duplicate-id": {
        "fi": (
            'Tunniste "{id}" on jo käytössä (kohta: {what}; ensimmäinen kohdassa {first}).',
            "Anna tälle oma tunniste.",
        ),
        "sv": (
            'Identifieraren "{id}" används redan (del: {what}; första vid {first}).',
            "Ge den här en egen identifierare.",
        ),
        "en": ('Duplicate {what} id "{id}" (first at {first}).', "Give this one an id of its own."),
    },
    "duplicate-document-id": {
        "fi": ('Tunniste "{id}" on jo toisella dokumentilla ({kind}).', "Anna tälle dokumentille oma tunniste."),
        "sv": (
            'Identifieraren "{id}" används redan av ett annat dokument ({kind}).',
            "Ge det här dokumentet en egen identifierare.",
        ),
        "en": ('id "{id}" is used by another {kind} document.', "Give this document an id of its own."),
    },
    "unknown-reference": {
        "fi": (
            'Viittaus tuntemattomaan kohteeseen ({kind}) "{id}": tiedostoa {file} ei ole.',
            "Tarkista tunniste tai luo dokumentti komennolla `pathapi new {kind_code} {id}`.",
        ),
        "sv": (
            'Hänvisning till okänt objekt ({kind}) "{id}": filen {file} finns inte.',
            "Kontrollera identifieraren eller skapa dokumentet med `pathapi new {kind_code} {id}`.",
        ),
        "en": (
            'Unknown {kind} "{id}": there is no {file}.',
            "Check the id, or create the document with `pathapi new {kind_code} {id}`.",
        ),
    },
    "unknown-reference-near": {
        "fi": (
            'Viittaus tuntemattomaan kohteeseen ({kind}) "{id}": tiedostoa {file} ei ole.',
            "Lähimmät olemassa olevat: {closest}.",
        ),
        "sv": (
            'Hänvisning till okänt objekt ({kind}) "{id}": filen {file} finns inte.',
            "Närmaste befintliga: {closest}.",
        ),
        "en": ('Unknown {kind} "{id}": there is no {file}.', "Closest existing ids: {closest}."),
    },
    "self-reference": {
        "fi": ("Dokumentti ({kind}) viittaa itseensä.", "Poista viittaus."),
        "sv": ("Dokumentet ({kind}) hänvisar till sig självt.", "Ta bort hänvisningen."),
        "en": ("The {kind} refers to itself.", "Remove the reference."),
    },
    "published-reference": {
        "fi": (
            'Julkaistu dokumentti viittaa kohteeseen ({kind}) "{id}", jonka tila on "{status}".',
            "Julkaise se ensin tai poista viittaus.",
        ),
        "sv": (
            'Ett publicerat dokument hänvisar till objektet ({kind}) "{id}" med statusen "{status}".',
            "Publicera det först eller ta bort hänvisningen.",
        ),
        "en": (
            'Published document refers to {kind} "{id}" whose status is "{status}".',
            "Publish it first or remove the reference.",
        ),
    },
    "reference-unpublished": {
        "fi": (
            'Dokumentti viittaa kohteeseen ({kind}) "{id}", jonka tila on "{status}".',
            "Julkaise se viimeistään samaan aikaan kuin tämä dokumentti, tai poista viittaus.",
        ),
        "sv": (
            'Dokumentet hänvisar till objektet ({kind}) "{id}" med statusen "{status}".',
            "Publicera det senast samtidigt med det här dokumentet, eller ta bort hänvisningen.",
        ),
        "en": (
            'The document refers to {kind} "{id}" whose status is "{status}".',
            "Publish it no later than this document, or remove the reference.",
        ),
    },
    "placeholder-left": {
        "fi": (
            'Tekstissä on vielä mallipohjan täytettävä kohta: "{text}".',
            "Kirjoita tilalle oma tekstisi ennen julkaisua.",
        ),
        "sv": (
            'Texten har ännu en plats att fylla i från mallen: "{text}".',
            "Skriv din egen text i stället före publiceringen.",
        ),
        "en": (
            'The text still holds a template placeholder: "{text}".',
            "Write your own text in its place before publishing.",
        ),
    },
    "language-required": {
        "fi": (
            "Dokumentista puuttuu vaadittu kieli: {missing}.",
            "Asetukset (content/settings.json) vaativat kielet {required}: käännä jokainen teksti, "
            "otsikosta alkaen, kielelle {missing}.",
        ),
        "sv": (
            "Dokumentet saknar ett obligatoriskt språk: {missing}.",
            "Inställningarna (content/settings.json) kräver språken {required}: översätt varje text, "
            "från rubriken och framåt, till {missing}.",
        ),
        "en": (
            "The document lacks a required language: {missing}.",
            "The settings (content/settings.json) require {required}: translate every text, starting "
            "with the title, into {missing}.",
        ),
    },
    "audience-nested": {
        "fi": (
            "Yleisö {extra} on laajempi kuin ympäröivän osan yleisö {enclosing}.",
            "Rajaa yleisö ympäröivän osan yleisöön tai laajenna ympäröivän osan yleisöä.",
        ),
        "sv": (
            "Målgruppen {extra} är bredare än den omgivande delens {enclosing}.",
            "Begränsa målgruppen till den omgivande delens eller vidga den omgivande delens målgrupp.",
        ),
        "en": (
            "Audience {extra} is wider than the enclosing {enclosing}.",
            "Narrow it to the enclosing audience, or widen the enclosing one.",
        ),
    },
    "review-overdue": {
        "fi": (
            "Sisällön tarkistus oli määrä tehdä viimeistään {due}; omistaja on {owner}.",
            'Pyydä omistajaa tarkistamaan sisältö. Kirjaa sitten tarkistuspäivä kenttään "reviewed_on" ja '
            'seuraava määräpäivä kenttään "review_due", esimerkiksi {next} ({months} kuukauden päästä).',
        ),
        "sv": (
            "Innehållet skulle ha granskats senast {due}; ägare är {owner}.",
            'Be ägaren granska innehållet. Skriv sedan granskningsdagen i "reviewed_on" och nästa '
            'förfallodag i "review_due", till exempel {next} (om {months} månader).',
        ),
        "en": (
            "The content was due for review by {due}; its owner is {owner}.",
            'Ask the owner to review it, then write the review date in "reviewed_on" and the next due date '
            'in "review_due", e.g. {next} ({months} months on).',
        ),
    },
    "alias-in-use": {
        "fi": (
            'Vanha tunniste "{alias}" on tiedoston {file} tunniste.',
            'Vanha tunniste ei saa olla käytössä: poista se kentästä "aliases" tai nimeä tiedosto uudelleen.',
        ),
        "sv": (
            'Den tidigare identifieraren "{alias}" är identifieraren för {file}.',
            'En tidigare identifierare får inte användas: ta bort den ur "aliases" eller byt namn på filen.',
        ),
        "en": (
            'Alias "{alias}" is the id of {file}.',
            "A former id must not be in use: remove the alias or rename that file.",
        ),
    },
    "alias-taken": {
        "fi": (
            'Vanha tunniste "{alias}" on jo dokumentin {other} vanha tunniste.',
            "Vanha osoite voi johtaa vain yhteen dokumenttiin: pidä tunniste vain toisessa.",
        ),
        "sv": (
            'Den tidigare identifieraren "{alias}" tillhör redan {other}.',
            "En gammal adress kan leda till ett dokument bara: behåll den i det ena.",
        ),
        "en": (
            'Alias "{alias}" is already a former id of {other}.',
            "An old URL can lead to one document only: keep the alias in one of them.",
        ),
    },
    "synonyms-schema-missing": {
        "fi": ("Tiedosto {file} puuttuu.", "Kopioi se pathapin schemas/-kansiosta, niin synonyymilista tarkistetaan."),
        "sv": ("Filen {file} saknas.", "Kopiera den från pathapis schemas/ så att synonymlistan kontrolleras."),
        "en": ("{file} is missing.", "Copy it from pathapi's schemas/ to check the synonym list."),
    },
    "settings-schema-missing": {
        "fi": ("Tiedosto {file} puuttuu.", "Kopioi se pathapin schemas/-kansiosta, niin asetukset tarkistetaan."),
        "sv": ("Filen {file} saknas.", "Kopiera den från pathapis schemas/ så att inställningarna kontrolleras."),
        "en": ("{file} is missing.", "Copy it from pathapi's schemas/ to check the settings."),
    },
    "synonym-repeated": {
        "fi": ('"{word}" on jo kielen {language} ryhmässä {group}.', "Kokoa samaa tarkoittavat sanat yhteen."),
        "sv": ('"{word}" finns redan i grupp {group} för {language}.', "Samla ord med samma betydelse i en grupp."),
        "en": ('"{word}" is already in group {group} of {language}.', "Put synonyms in one group."),
    },
}
