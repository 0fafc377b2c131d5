"""Names for the schemas' enumerated values in Finnish, Swedish and English."""

from __future__ import annotations

from collections.abc import Mapping

from pathapi.studio.words import UI_LANGUAGES

LABELS: Mapping[str, tuple[str, str, str]] = {
    # critical point kinds
    "handover_customer_to_professional": (
        "Tieto siirtyy asiakkaalta ammattilaiselle",
        "Information från kunden till den professionella",
        "Hand-over from customer to professional",
    ),
    "handover_between_professionals": (
        "Tieto siirtyy ammattilaiselta toiselle",
        "Överlämning mellan professionella",
        "Hand-over between professionals",
    ),
    "information_to_customer_and_family": (
        "Tieto asiakkaalle ja läheisille",
        "Information till kunden och de närstående",
        "Information to the customer and family",
    ),
    "information_into_systems": (
        "Tieto kirjataan järjestelmiin",
        "Information förs in i systemen",
        "Information into systems",
    ),
    "access_to_care": ("Hoitoon pääsy", "Tillgång till vård", "Access to care"),
    "self_care_guidance": ("Omahoidon ohjaus", "Handledning i egenvård", "Self-care guidance"),
    # link kinds
    "information": ("Luotettavaa tietoa", "Pålitlig information", "Information"),
    "self_care": ("Omahoito", "Egenvård", "Self-care"),
    "coaching": ("Valmennus", "Coachning", "Coaching"),
    "peer_support": ("Vertaistuki", "Kamratstöd", "Peer support"),
    "third_sector": ("Järjestöt", "Organisationer", "Third sector"),
    "form": ("Lomakkeet", "Blanketter", "Forms"),
    "symptom_check": ("Oirearviot", "Symtombedömningar", "Symptom checks"),
    "self_assessment": ("Itsearviot", "Självbedömningar", "Self-assessments"),
    "booking": ("Ajanvaraus", "Tidsbokning", "Booking"),
    "contact": ("Yhteystiedot", "Kontaktuppgifter", "Contact"),
    "video": ("Video", "Video", "Video"),
    "process": ("IMS-prosessikuvaukset", "IMS-processbeskrivningar", "IMS process descriptions"),
    "instruction": ("Toimintaohjeet", "Anvisningar", "Work instructions"),
    # channel types
    "phone": ("Puhelin", "Telefon", "Phone"),
    "chat": ("Chat", "Chatt", "Chat"),
    "non_urgent_message": ("Kiireetön viesti", "Icke-brådskande meddelande", "Non-urgent message"),
    "digital_form": ("Sähköinen lomake", "Elektronisk blankett", "Digital form"),
    "callback": ("Soittopyyntö", "Begäran om återuppringning", "Callback request"),
    "website": ("Verkkosivu", "Webbplats", "Website"),
    "service_location": ("Palvelupiste", "Serviceställe", "Service location"),
    "customer_service_centre": ("Asiakaspalvelukeskus", "Kundservicecenter", "Customer service centre"),
    "walk_in": ("Matalan kynnyksen piste", "Lågtröskelställe", "Walk-in point"),
    "mobile_app": ("Mobiilisovellus", "Mobilapp", "Mobile app"),
    # touchpoints
    "physical": ("Fyysinen", "Fysisk", "Physical"),
    "digital": ("Digitaalinen", "Digital", "Digital"),
    "face_to_face": ("Kasvokkain", "Ansikte mot ansikte", "Face to face"),
    # target groups
    "children": ("Lapset", "Barn", "Children"),
    "young_people": ("Nuoret", "Unga", "Young people"),
    "adults": ("Aikuiset", "Vuxna", "Adults"),
    "older_people": ("Ikääntyneet", "Äldre", "Older people"),
    "families": ("Perheet", "Familjer", "Families"),
    "relatives": ("Läheiset", "Närstående", "Relatives"),
    "pregnant": ("Raskaana olevat", "Gravida", "Pregnant people"),
    # path levels
    "strategic": ("Strateginen polku", "Strategisk stig", "Strategic path"),
    "service": ("Palvelupolku", "Servicestig", "Service path"),
    "touchpoint": ("Kosketuspisteet", "Kontaktpunkter", "Touchpoints"),
}


def label(value: str, language: str) -> str:
    """The name of an enumerated VALUE in LANGUAGE; the value itself when unknown."""
    names = LABELS.get(value)
    return names[UI_LANGUAGES.index(language)] if names and language in UI_LANGUAGES else value
