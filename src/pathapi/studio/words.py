"""The studio's own words in Finnish, Swedish and English; editors read Finnish first."""

from __future__ import annotations

from collections.abc import Mapping

UI_LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}

WORDS: Mapping[str, tuple[str, str, str]] = {
    "studio": ("Palvelupolkujen työtila", "Arbetsyta för servicestigar", "Service path studio"),
    "skip": ("Siirry sisältöön", "Hoppa till innehållet", "Skip to content"),
    "index": ("Kaikki sisällöt", "Allt innehåll", "All content"),
    "review": ("Muutokset", "Ändringar", "Changes"),
    "language": ("Kieli", "Språk", "Language"),
    "audience": ("Kenelle", "För vem", "Audience"),
    "public": ("Verkkosivut", "Webbplatsen", "Website"),
    "app": ("Sovellus", "Appen", "Mobile app"),
    "intranet": ("Intranet", "Intranät", "Intranet"),
    "paths": ("Palvelupolut", "Servicestigar", "Service paths"),
    "channels": ("Asiointikanavat", "Kontaktkanaler", "Service channels"),
    "topics": ("Aiheet", "Ämnen", "Topics"),
    "segments": ("Asiakassegmentit", "Kundsegment", "Customer segments"),
    "status": ("Tila", "Status", "Status"),
    "draft": ("luonnos", "utkast", "draft"),
    "review_status": ("tarkastettavana", "granskas", "in review"),
    "published": ("julkaistu", "publicerad", "published"),
    "archived": ("arkistoitu", "arkiverad", "archived"),
    "languages": ("Kielet", "Språk", "Languages"),
    "owner": ("Vastuutaho", "Ansvarig", "Owner"),
    "review_due": ("Tarkistettava viimeistään", "Ska granskas senast", "Review due"),
    "overdue": ("myöhässä", "försenad", "overdue"),
    "schedule": ("Ajastus", "Tidsinställning", "Schedule"),
    "publish_at": ("julkaistaan", "publiceras", "publishes"),
    "unpublish_at": ("poistuu", "tas bort", "unpublishes"),
    "problems": ("Korjattavaa", "Att rätta", "To fix"),
    "no_problems": ("Ei korjattavaa.", "Inget att rätta.", "Nothing to fix."),
    "name": ("Nimi", "Namn", "Name"),
    "phases": ("Vaiheet", "Skeden", "Phases"),
    "phase": ("Vaihe", "Skede", "Phase"),
    "promise": ("Lupaus asiakkaalle", "Löfte till kunden", "Promise to the customer"),
    "steps": ("Askeleet", "Steg", "Steps"),
    "customer_action": ("Asiakas tekee", "Kunden gör", "The customer does"),
    "channels_here": ("Asiointikanavat", "Kontaktkanaler", "Channels"),
    "response_time": ("Vastausaika", "Svarstid", "Response time"),
    "links": ("Linkit", "Länkar", "Links"),
    "touchpoints": ("Kosketuspisteet", "Kontaktpunkter", "Touchpoints"),
    "critical_point": ("Kriittinen kohta", "Kritisk punkt", "Critical point"),
    "swimlanes": ("Uimaradat", "Simbanor", "Swimlanes"),
    "customer": ("Asiakas", "Kunden", "Customer"),
    "professional": ("Ammattilainen", "Den professionella", "Professional"),
    "tips": ("Vinkit ja työkalut", "Tips och verktyg", "Tips and tools"),
    "professional_notes": ("Ohje ammattilaiselle", "Anvisning för professionella", "Notes for professionals"),
    "professional_action": ("Ammattilainen toimii näin", "Så gör den professionella", "What the professional does"),
    "digital_care_paths": ("Digihoitopolut", "Digitala vårdvägar", "Digital care paths"),
    "strong_auth": ("Vaatii vahvan tunnistautumisen", "Kräver stark autentisering", "Needs strong identification"),
    "joined_by_professional": (
        "Ammattilainen liittää polulle",
        "En professionell kopplar dig",
        "A professional adds the customer",
    ),
    "joined_by_customer": ("Asiakas voi aloittaa itse", "Kunden kan börja själv", "The customer can start it"),
    "target_groups": ("Kohderyhmät", "Målgrupper", "Target groups"),
    "level": ("Taso", "Nivå", "Level"),
    "related_paths": ("Liittyvät polut", "Relaterade stigar", "Related paths"),
    "fallback": ("suomeksi: käännös puuttuu", "på finska: översättning saknas", "in Finnish: translation missing"),
    "fallback_count": ("Käännös puuttuu", "Översättning saknas", "Translation missing"),
    "not_for_audience": (
        "Tämä sisältö ei näy valitulle kohderyhmälle.",
        "Det här innehållet syns inte för den valda målgruppen.",
        "This content is not shown to the chosen audience.",
    ),
    "unchecked_help": (
        "Tiedostossa on virheitä (alla). Sivu näytetään sellaisena kuin se on kirjoitettu, eikä sitä "
        "julkaista ennen kuin virheet on korjattu.",
        "Filen har fel (nedan). Sidan visas så som den är skriven och publiceras inte förrän felen är rättade.",
        "The file has errors (below). The page is shown as written and is not published until they are fixed.",
    ),
    "broken": ("Tiedostoa ei voi näyttää", "Filen kan inte visas", "The file cannot be shown"),
    "broken_help": (
        "Korjaa alla mainitut kohdat ja tallenna: sivu päivittyy itsestään.",
        "Rätta punkterna nedan och spara: sidan uppdateras av sig själv.",
        "Fix the points below and save: the page updates by itself.",
    ),
    "bad_request": ("Osoitteessa on virhe", "Adressen har ett fel", "The address has an error"),
    "allowed": ("sallitut arvot", "tillåtna värden", "allowed values"),
    "not_found": ("Sivua ei löydy", "Sidan finns inte", "Page not found"),
    "not_found_help": (
        "Tällä tunnisteella ei ole sisältöä. Katso kaikki sisällöt etusivulta.",
        "Det finns inget innehåll med den här identifieraren. Se allt innehåll på startsidan.",
        "There is no content with this id. See all content on the front page.",
    ),
    "version": ("Versio", "Version", "Version"),
    "working_tree": (
        "työkopio (tallentamattomat muutokset mukana)",
        "arbetskopia (osparade ändringar ingår)",
        "working tree (uncommitted changes included)",
    ),
    "signin": ("Kirjaudu esikatseluun", "Logga in för förhandsvisning", "Sign in to preview"),
    "signin_help": (
        "Ilman kirjautumista näet vain julkaistun sisällön. Liitä esikatselun avain.",
        "Utan inloggning ser du bara publicerat innehåll. Klistra in nyckeln för förhandsvisning.",
        "Without signing in you see published content only. Paste the preview key.",
    ),
    "token": ("Esikatselun avain", "Nyckel för förhandsvisning", "Preview key"),
    "signin_button": ("Kirjaudu", "Logga in", "Sign in"),
    "signout": ("Kirjaudu ulos", "Logga ut", "Sign out"),
    "signin_failed": (
        "Avain ei kelpaa. Tarkista se ja yritä uudelleen.",
        "Nyckeln gäller inte. Kontrollera den och försök igen.",
        "That key is not valid. Check it and try again.",
    ),
    "signed_in": (
        "Esikatselu: näet myös luonnokset ja haarat.",
        "Förhandsvisning: du ser också utkast och grenar.",
        "Preview: you also see drafts and branches.",
    ),
    "published_only": (
        "Näet vain julkaistun sisällön.",
        "Du ser bara publicerat innehåll.",
        "You see published content only.",
    ),
    "base": ("Vertailukohta", "Jämförs med", "Compared with"),
    "head": ("Uusi versio", "Ny version", "New version"),
    "show": ("Näytä", "Visa", "Show"),
    "ref": ("Haara, julkaisu tai commit", "Gren, release eller commit", "Branch, release or commit"),
    "no_changes": ("Ei muutoksia.", "Inga ändringar.", "No changes."),
    "print": ("Tulosta", "Skriv ut", "Print"),
    "file": ("Tiedosto", "Fil", "File"),
    "where": ("Kohta", "Plats", "Where"),
    "id": ("Tunniste", "Identifierare", "Id"),
    "live_note": (
        "Sivu päivittyy, kun tallennat tiedoston.",
        "Sidan uppdateras när du sparar en fil.",
        "The page updates when you save a file.",
    ),
}


def word(key: str, language: str) -> str:
    """The UI word KEY in LANGUAGE (fi, sv or en)."""
    return WORDS[key][UI_LANGUAGES.index(language) if language in UI_LANGUAGES else 0]
