"""The words of schema findings (valid JSON, wrong shape) and schema-version findings: fi, sv and en."""

from __future__ import annotations

from pathapi.content.texts import Entry

SCHEMA: dict[str, Entry] = {
    "required": {
        "fi": ('Pakollinen kenttä "{name}" puuttuu.', 'Lisää kenttä "{name}" tähän objektiin.'),
        "sv": ('Det obligatoriska fältet "{name}" saknas.', 'Lägg till fältet "{name}" i det här objektet.'),
        "en": ('Required property "{name}" is missing.', 'Add "{name}" to this object.'),
    },
    "unknown-property": {
        "fi": ('Tuntematon kenttä "{name}".', "Poista se tai korjaa nimi. Sallitut: {allowed}."),
        "sv": ('Okänt fält "{name}".', "Ta bort det eller rätta namnet. Tillåtna: {allowed}."),
        "en": ('Unknown property "{name}".', "Remove it or fix its name. Allowed: {allowed}."),
    },
    "unknown-property-near": {
        "fi": ('Tuntematon kenttä "{name}".', 'Tarkoititko "{closest}"?'),
        "sv": ('Okänt fält "{name}".', 'Menade du "{closest}"?'),
        "en": ('Unknown property "{name}".', 'Did you mean "{closest}"?'),
    },
    "type": {
        "fi": ("Tässä pitää olla {expected}, nyt on {got}.", "Muuta arvo oikeaan muotoon."),
        "sv": ("Här ska stå {expected}, nu står {got}.", "Ändra värdet till rätt form."),
        "en": ("Expected {expected}, got {got}.", "Change the value to the expected form."),
    },
    "const": {
        "fi": ("Arvon pitää olla {value}.", "Kirjoita tähän {value}."),
        "sv": ("Värdet måste vara {value}.", "Skriv {value} här."),
        "en": ("The value must be {value}.", "Write {value} here."),
    },
    "enum": {
        "fi": ("{value} ei ole sallittu arvo.", "Sallitut arvot: {allowed}."),
        "sv": ("{value} är inget tillåtet värde.", "Tillåtna värden: {allowed}."),
        "en": ("{value} is not one of the allowed values.", "Allowed values: {allowed}."),
    },
    "enum-near": {
        "fi": ("{value} ei ole sallittu arvo.", "Tarkoititko {closest}? Sallitut arvot: {allowed}."),
        "sv": ("{value} är inget tillåtet värde.", "Menade du {closest}? Tillåtna värden: {allowed}."),
        "en": ("{value} is not one of the allowed values.", "Did you mean {closest}? Allowed values: {allowed}."),
    },
    "enum-status": {
        "fi": (
            "Tila {value} ei ole sallittu.",
            'Käytä jotakin näistä: "draft" (luonnos, ei näy julkisesti), "review" (tarkastettavana, ei näy '
            'julkisesti), "published" (julkaistu, näkyy asiakkaille), "archived" (arkistoitu, poistunut '
            "näkyvistä).",
        ),
        "sv": (
            "Statusen {value} är inte tillåten.",
            'Använd något av dessa: "draft" (utkast, syns inte offentligt), "review" (granskas, syns inte '
            'offentligt), "published" (publicerad, syns för kunderna), "archived" (arkiverad, borttagen).',
        ),
        "en": (
            "Status {value} is not allowed.",
            'Use one of: "draft" (not public), "review" (being reviewed, not public), "published" '
            '(public, customers see it), "archived" (withdrawn from view).',
        ),
    },
    "format-date": {
        "fi": ("{value} ei ole päivämäärä.", "Kirjoita päivämäärä muodossa vuosi-kuukausi-päivä, esim. 2026-12-24."),
        "sv": ("{value} är inget datum.", "Skriv datumet som år-månad-dag, t.ex. 2026-12-24."),
        "en": ("{value} is not a date.", "Write it as year-month-day, e.g. 2026-12-24."),
    },
    "format-date-time": {
        "fi": (
            "{value} ei ole ajankohta.",
            "Kirjoita päivä, kellonaika ja aikavyöhyke, esim. 2026-12-24T08:00:00+02:00 (talviaika +02:00, "
            "kesäaika +03:00).",
        ),
        "sv": (
            "{value} är ingen tidpunkt.",
            "Skriv datum, klockslag och tidszon, t.ex. 2026-12-24T08:00:00+02:00 (vintertid +02:00, sommartid +03:00).",
        ),
        "en": (
            "{value} is not a moment in time.",
            "Write date, time and offset, e.g. 2026-12-24T08:00:00+02:00 (Finnish winter time +02:00, "
            "summer time +03:00).",
        ),
    },
    "format-email": {
        "fi": ("{value} ei ole sähköpostiosoite.", "Kirjoita osoite muodossa nimi@esimerkki.fi."),
        "sv": ("{value} är ingen e-postadress.", "Skriv adressen som namn@exempel.fi."),
        "en": ("{value} is not an e-mail address.", "Write it as name@example.fi."),
    },
    "format-uri": {
        "fi": ("{value} ei ole verkko-osoite.", "Kirjoita koko osoite, esim. https://www.esimerkki.fi/sivu."),
        "sv": ("{value} är ingen webbadress.", "Skriv hela adressen, t.ex. https://www.exempel.fi/sida."),
        "en": ("{value} is not a web address.", "Write the full address, e.g. https://www.example.fi/page."),
    },
    "format-uuid": {
        "fi": (
            "{value} ei ole PTV-tunniste (UUID).",
            "Kopioi tunniste palvelutietovarannosta, esim. 4c2a8f0e-6e8b-4c3f-9a51-2d1f0b7e9c11.",
        ),
        "sv": (
            "{value} är ingen PTV-identifierare (UUID).",
            "Kopiera identifieraren från servicedatalagret, t.ex. 4c2a8f0e-6e8b-4c3f-9a51-2d1f0b7e9c11.",
        ),
        "en": (
            "{value} is not a PTV identifier (UUID).",
            "Copy it from the service catalogue, e.g. 4c2a8f0e-6e8b-4c3f-9a51-2d1f0b7e9c11.",
        ),
    },
    "format": {
        "fi": ("{value} ei ole muotoa {format}.", "Korjaa arvon muoto."),
        "sv": ("{value} har inte formatet {format}.", "Rätta värdets format."),
        "en": ("{value} is not a valid {format}.", "Fix the value's format."),
    },
    "pattern-id": {
        "fi": (
            "{value} ei kelpaa tunnisteeksi.",
            'Käytä vain pieniä kirjaimia a-z, numeroita ja yksittäisiä väliviivoja, esim. "{suggestion}".',
        ),
        "sv": (
            "{value} duger inte som identifierare.",
            'Använd bara små bokstäver a-z, siffror och enstaka bindestreck, t.ex. "{suggestion}".',
        ),
        "en": (
            "{value} is not a valid identifier.",
            'Use lower-case letters a-z, digits and single hyphens only, e.g. "{suggestion}".',
        ),
    },
    "pattern": {
        "fi": ("{value} ei ole oikeassa muodossa.", "Muodon pitää vastata mallia {pattern}."),
        "sv": ("{value} har fel form.", "Formen ska motsvara mönstret {pattern}."),
        "en": ("{value} does not have the right form.", "It must match the pattern {pattern}."),
    },
    "min-items": {
        "fi": ("Listassa pitää olla vähintään {limit} kohta(a).", "Lisää kohtia listaan."),
        "sv": ("Listan ska ha minst {limit} element.", "Lägg till element i listan."),
        "en": ("The list must have at least {limit} item(s).", "Add items to the list."),
    },
    "max-items": {
        "fi": ("Listassa saa olla enintään {limit} kohta(a).", "Poista kohtia listasta."),
        "sv": ("Listan får ha högst {limit} element.", "Ta bort element ur listan."),
        "en": ("The list may have at most {limit} item(s).", "Remove items from the list."),
    },
    "empty": {
        "fi": ("Teksti on tyhjä.", "Kirjoita teksti tai poista koko kenttä."),
        "sv": ("Texten är tom.", "Skriv en text eller ta bort hela fältet."),
        "en": ("The text is empty.", "Write the text or remove the whole field."),
    },
    "min-length": {
        "fi": ("Tekstin pitää olla vähintään {limit} merkkiä.", "Pidennä tekstiä."),
        "sv": ("Texten ska vara minst {limit} tecken.", "Gör texten längre."),
        "en": ("The text must be at least {limit} characters.", "Make the text longer."),
    },
    "max-length": {
        "fi": ("Teksti on liian pitkä: enintään {limit} merkkiä.", "Lyhennä tekstiä."),
        "sv": ("Texten är för lång: högst {limit} tecken.", "Korta texten."),
        "en": ("The text is too long: at most {limit} characters.", "Shorten the text."),
    },
    "unique-items": {
        "fi": ("Listassa on sama kohta kahdesti.", "Poista toistuva kohta."),
        "sv": ("Listan har samma element två gånger.", "Ta bort dubbletten."),
        "en": ("The list has the same item twice.", "Remove the repeated item."),
    },
    "minimum": {
        "fi": ("{value} on liian pieni.", "Pienin sallittu arvo on {limit}."),
        "sv": ("{value} är för litet.", "Det minsta tillåtna värdet är {limit}."),
        "en": ("{value} is too small.", "The smallest allowed value is {limit}."),
    },
    "maximum": {
        "fi": ("{value} on liian suuri.", "Suurin sallittu arvo on {limit}."),
        "sv": ("{value} är för stort.", "Det största tillåtna värdet är {limit}."),
        "en": ("{value} is too large.", "The largest allowed value is {limit}."),
    },
    "contains": {
        "fi": ("Listasta puuttuu {value}.", "Lisää listaan {value}."),
        "sv": ("Listan saknar {value}.", "Lägg till {value} i listan."),
        "en": ("The list lacks {value}.", "Add {value} to the list."),
    },
    "schema-other": {
        "fi": ("Arvo ei kelpaa: {detail}.", "Korjaa arvo skeeman mukaiseksi."),
        "sv": ("Värdet duger inte: {detail}.", "Rätta värdet enligt schemat."),
        "en": ("Invalid value: {detail}.", "Fix the value to follow the schema."),
    },
    "location": {
        "fi": ("Tiedosto on väärässä paikassa.", "Dokumentit kuuluvat kansioon content/<{folders}>/<tunniste>.json."),
        "sv": ("Filen ligger på fel ställe.", "Dokument hör hemma i content/<{folders}>/<identifierare>.json."),
        "en": ("Not a document location.", "Documents belong in content/<{folders}>/<id>.json."),
    },
    "schema-pointer": {
        "fi": ('Kentän "$schema" arvo ei sovi tälle dokumentille ({kind}).', 'Kirjoita "$schema": "{expected}".'),
        "sv": ('Värdet i "$schema" passar inte för det här dokumentet ({kind}).', 'Skriv "$schema": "{expected}".'),
        "en": ('"$schema" does not fit this {kind} document.', 'Write "$schema": "{expected}".'),
    },
    "schema-pointer-missing": {
        "fi": ('Kenttä "$schema" puuttuu.', 'Lisää alkuun "$schema": "{expected}", niin editori osaa auttaa.'),
        "sv": ('Fältet "$schema" saknas.', 'Lägg först till "$schema": "{expected}" så att editorn kan hjälpa.'),
        "en": ('"$schema" is missing.', 'Add "$schema": "{expected}" first, so editors can help.'),
    },
    "schema-version-old": {
        "fi": (
            "Dokumentti noudattaa skeeman versiota {version}; nykyinen versio on {current}. Se toimii yhä, "
            "mutta uudet kentät eivät ole käytössä.",
            "Päivitä dokumentit komennolla `pathapi migrate` (muotoilu säilyy).",
        ),
        "sv": (
            "Dokumentet följer schemaversion {version}; den aktuella versionen är {current}. Det fungerar "
            "fortfarande, men de nya fälten kan inte användas.",
            "Uppdatera dokumenten med `pathapi migrate` (formateringen bevaras).",
        ),
        "en": (
            "The document follows schema version {version}; the current version is {current}. It still works, "
            "but the new fields are not available.",
            "Run `pathapi migrate` to upgrade the documents (their formatting is kept).",
        ),
    },
    "schemas-outdated": {
        "fi": (
            "Kansion schemas/ skeemat ovat versiota {version}, mutta pathapi käyttää versiota {current}.",
            "Aja `pathapi migrate`: se päivittää skeemat ja dokumentit ja säilyttää vanhat skeemat "
            "kansiossa schemas/v{version}/.",
        ),
        "sv": (
            "Schemana i mappen schemas/ är version {version}, men pathapi använder version {current}.",
            "Kör `pathapi migrate`: det uppdaterar schemana och dokumenten och behåller de gamla schemana "
            "i mappen schemas/v{version}/.",
        ),
        "en": (
            "The schemas in schemas/ are version {version}, but this pathapi uses version {current}.",
            "Run `pathapi migrate`: it upgrades the schemas and documents and keeps the old schemas in "
            "schemas/v{version}/.",
        ),
    },
    "schema-version-gone": {
        "fi": ("Skeeman versio {version} ei ole enää käytössä.", "Päivitä dokumentit komennolla `pathapi migrate`."),
        "sv": ("Schemaversion {version} finns inte längre.", "Uppdatera dokumenten med `pathapi migrate`."),
        "en": ("Schema version {version} is no longer available here.", "Run `pathapi migrate`."),
    },
}
