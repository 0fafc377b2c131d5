"""Generate a realistic, valid content repository of any size, for benchmarks.

``write_repository(root, count)`` writes ``schemas/`` (copied from this checkout) and
``content/{paths,channels,topics,segments}/<id>.json`` below ROOT: COUNT customer service
paths of about 5-10 KB each (several phases and steps, links, fi/sv/en texts) plus the
channels, topics and segments they refer to, valid for the schemas copied (schema 3 today).
Review dates are set around ``today`` (PATHAPI_TODAY, as for ``pathapi validate``, else the
real date): about 3 % of documents are overdue, the rest due within the next year. Output is
deterministic for a given seed and day.
With ``git=True`` the directory is also made a git repository with one commit, so
``pathapi serve --repo ROOT`` can serve it.

Run as a script to write one: ``python bench/generate.py DIR [--count N] [--git]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

CHECKOUT = Path(__file__).resolve().parents[1]
SCHEMAS = CHECKOUT / "schemas"
LANGS = ("fi", "sv", "en")
Text = dict[str, str]
Doc = dict[str, Any]
OVERDUE_SHARE = 0.03  # documents whose review is past due (pathapi validate warns about them)


def t(fi: str, sv: str, en: str) -> Text:
    """A localized text in all three languages."""
    return {"fi": fi, "sv": sv, "en": en}


# (id, type, fi name, sv name, en name)
CHANNELS = [
    (
        "asiakaspalvelukeskus",
        "customer_service_centre",
        "Asiakaspalvelukeskus",
        "Kundservicecentret",
        "Customer service centre",
    ),
    ("neuvontachat", "chat", "Neuvontachat", "Rådgivningschatten", "Advice chat"),
    (
        "kiireeton-viesti",
        "non_urgent_message",
        "Kiireetön viesti",
        "Icke-brådskande meddelande",
        "Non-urgent message",
    ),
    ("yhteydenottolomake", "digital_form", "Yhteydenottolomake", "Kontaktformulär", "Contact form"),
    ("videovastaanotto", "video", "Videovastaanotto", "Videomottagning", "Video appointment"),
    ("takaisinsoitto", "callback", "Takaisinsoittopalvelu", "Återuppringning", "Callback service"),
    ("verkkosivut", "website", "Verkkosivut", "Webbplatsen", "Website"),
    (
        "sote-keskus",
        "service_location",
        "Sote-keskus",
        "Social- och hälsocentralen",
        "Health and social services centre",
    ),
    ("oirearvio", "symptom_check", "Oirearvio", "Symtombedömning", "Symptom checker"),
    ("itsearvio", "self_assessment", "Itsearvio", "Självbedömning", "Self-assessment"),
    (
        "matalan-kynnyksen-piste",
        "walk_in",
        "Matalan kynnyksen piste",
        "Lågtröskelpunkt",
        "Walk-in point",
    ),
    (
        "jarjestot",
        "third_sector",
        "Järjestöt ja vertaistuki",
        "Organisationer och kamratstöd",
        "Associations and peer support",
    ),
    ("sovellus", "mobile_app", "Sote-sovellus", "Vårdappen", "Health and social care app"),
    ("puhelinneuvonta", "phone", "Puhelinneuvonta", "Telefonrådgivning", "Telephone advice"),
    (
        "paivystysapu",
        "phone",
        "Päivystysapu 116117",
        "Jourhjälpen 116117",
        "Medical Helpline 116117",
    ),
    ("neuvola", "service_location", "Neuvola", "Rådgivningen", "Child and maternity clinic"),
]

# (id, parent, fi, sv, en)
TOPICS = [
    (
        "asiakaspalvelu",
        None,
        "Asiakaspalvelu ja asiointi",
        "Kundservice och ärenden",
        "Customer service",
    ),
    ("lapset-ja-perheet", None, "Lapset ja perheet", "Barn och familjer", "Children and families"),
    ("neurokirjo", "lapset-ja-perheet", "Neurokirjo", "Neurodiversitet", "Neurodiversity"),
    (
        "mielenterveys",
        None,
        "Mielenterveys ja päihteet",
        "Psykisk hälsa och missbruk",
        "Mental health and substance use",
    ),
    ("seksuaaliterveys", None, "Seksuaaliterveys", "Sexuell hälsa", "Sexual health"),
    (
        "raskaus",
        "seksuaaliterveys",
        "Raskaus ja perhesuunnittelu",
        "Graviditet och familjeplanering",
        "Pregnancy and family planning",
    ),
    (
        "ikaantyneet",
        None,
        "Ikääntyneiden palvelut",
        "Tjänster för äldre",
        "Services for older people",
    ),
    ("sosiaalipalvelut", None, "Sosiaalipalvelut", "Socialtjänster", "Social services"),
    ("suun-terveys", None, "Suun terveys", "Munhälsa", "Oral health"),
    ("kuntoutus", None, "Kuntoutus", "Rehabilitering", "Rehabilitation"),
]

SEGMENTS = [
    ("s1-asiantuntijuus", "S1", 18, t("S1 Asiantuntijuus", "S1 Expertis", "S1 Expertise")),
    (
        "s2-saavutettavuus",
        "S2",
        24,
        t("S2 Saavutettavuus", "S2 Tillgänglighet", "S2 Accessibility"),
    ),
    ("s3-vaivattomuus", "S3", 31, t("S3 Vaivattomuus", "S3 Smidighet", "S3 Ease")),
    ("s4-nopeus", "S4", 27, t("S4 Nopeus", "S4 Snabbhet", "S4 Speed")),
]

# (slug, topic ids, fi, sv, en) — what a path is about
THEMES = [
    (
        "ehkaisy",
        ["seksuaaliterveys"],
        "Ehkäisyn aloittaminen",
        "Att börja med preventivmedel",
        "Starting contraception",
    ),
    (
        "raskauden-seuranta",
        ["raskaus", "lapset-ja-perheet"],
        "Raskauden seuranta",
        "Uppföljning av graviditeten",
        "Pregnancy follow-up",
    ),
    (
        "adhd-arvio",
        ["neurokirjo"],
        "Lapsen tarkkaavuuden arvio",
        "Bedömning av barnets uppmärksamhet",
        "Assessing a child's attention",
    ),
    (
        "masennus",
        ["mielenterveys"],
        "Apua masennukseen",
        "Hjälp vid depression",
        "Help with depression",
    ),
    (
        "paihdeneuvonta",
        ["mielenterveys"],
        "Päihdeneuvonta",
        "Missbruksrådgivning",
        "Substance use advice",
    ),
    (
        "kotihoito",
        ["ikaantyneet"],
        "Kotihoidon aloitus",
        "Att börja med hemvård",
        "Starting home care",
    ),
    (
        "toimeentulotuki",
        ["sosiaalipalvelut"],
        "Toimeentulotuen hakeminen",
        "Att ansöka om utkomststöd",
        "Applying for social assistance",
    ),
    (
        "hammashoito",
        ["suun-terveys"],
        "Hammashoitoon hakeutuminen",
        "Att söka tandvård",
        "Getting dental care",
    ),
    (
        "fysioterapia",
        ["kuntoutus"],
        "Fysioterapiaan hakeutuminen",
        "Att söka fysioterapi",
        "Getting physiotherapy",
    ),
    ("ajanvaraus", ["asiakaspalvelu"], "Ajan varaaminen", "Att boka tid", "Booking an appointment"),
]

PHASES = [
    (
        "tunnistan-tarpeen",
        t("Tunnistan tarpeeni", "Jag känner igen mitt behov", "I recognise my need"),
        t(
            "Löydän luotettavaa tietoa helposti.",
            "Jag hittar tillförlitlig information lätt.",
            "I find trustworthy information easily.",
        ),
    ),
    (
        "otan-yhteytta",
        t("Otan yhteyttä", "Jag tar kontakt", "I get in touch"),
        t(
            "Saan yhteyden minulle sopivalla tavalla.",
            "Jag får kontakt på ett sätt som passar mig.",
            "I can reach you in a way that suits me.",
        ),
    ),
    (
        "arvio",
        t("Tilanteeni arvioidaan", "Min situation bedöms", "My situation is assessed"),
        t(
            "Minua kuunnellaan ja tilanteeni arvioidaan kokonaisuutena.",
            "Jag blir lyssnad på och min situation bedöms som en helhet.",
            "I am listened to and my situation is assessed as a whole.",
        ),
    ),
    (
        "hoito-ja-tuki",
        t("Saan hoitoa ja tukea", "Jag får vård och stöd", "I receive care and support"),
        t(
            "Tiedän, kuka vastaa hoidostani.",
            "Jag vet vem som ansvarar för min vård.",
            "I know who is responsible for my care.",
        ),
    ),
    (
        "seuranta",
        t("Seuranta ja jatko", "Uppföljning och fortsättning", "Follow-up and next steps"),
        t(
            "Tiedän, mitä tapahtuu seuraavaksi.",
            "Jag vet vad som händer härnäst.",
            "I know what happens next.",
        ),
    ),
]

STEPS = [
    (
        "lue-tietoa",
        t("Lue tietoa", "Läs information", "Read information"),
        t("Lue ohjeet", "Läs anvisningarna", "Read the instructions"),
    ),
    (
        "tee-oirearvio",
        t("Tee oirearvio", "Gör en symtombedömning", "Do a symptom check"),
        t("Täytä oirearvio", "Fyll i symtombedömningen", "Fill in the symptom check"),
    ),
    (
        "soita",
        t("Soita neuvontaan", "Ring rådgivningen", "Call the advice line"),
        t("Soita", "Ring", "Call"),
    ),
    (
        "kirjoita-viesti",
        t("Lähetä viesti", "Skicka ett meddelande", "Send a message"),
        t("Kirjoita viesti", "Skriv ett meddelande", "Write a message"),
    ),
    (
        "varaa-aika",
        t("Varaa aika", "Boka tid", "Book an appointment"),
        t(
            "Varaa aika verkossa tai puhelimessa",
            "Boka tid på nätet eller per telefon",
            "Book online or by phone",
        ),
    ),
    (
        "vastaanotto",
        t("Käy vastaanotolla", "Besök mottagningen", "Attend the appointment"),
        t("Tule vastaanotolle", "Kom till mottagningen", "Come to the appointment"),
    ),
    (
        "hoitosuunnitelma",
        t("Sovitaan hoitosuunnitelma", "Vi gör upp en vårdplan", "We agree on a care plan"),
        t("Osallistu suunnitteluun", "Delta i planeringen", "Take part in planning"),
    ),
    (
        "omahoito",
        t("Omahoito kotona", "Egenvård hemma", "Self-care at home"),
        t("Seuraa vointiasi", "Följ upp ditt mående", "Monitor how you feel"),
    ),
    (
        "vertaistuki",
        t("Vertaistuki", "Kamratstöd", "Peer support"),
        t("Tutustu vertaistukeen", "Bekanta dig med kamratstöd", "Look into peer support"),
    ),
    (
        "kontrolli",
        t("Kontrollikäynti", "Kontrollbesök", "Follow-up visit"),
        t("Tule kontrolliin", "Kom på kontroll", "Come to the follow-up"),
    ),
]

SENTENCES = [
    t(
        "Voit hoitaa asian verkossa mihin aikaan tahansa.",
        "Du kan sköta ärendet på nätet när som helst.",
        "You can handle this online at any time.",
    ),
    t(
        "Ammattilainen arvioi tilanteesi ja kertoo, mitä seuraavaksi tapahtuu.",
        "En professionell bedömer din situation och berättar vad som händer härnäst.",
        "A professional assesses your situation and tells you what happens next.",
    ),
    t(
        "Ota mukaan henkilöllisyystodistus ja lista käyttämistäsi lääkkeistä.",
        "Ta med identitetsbevis och en lista över dina mediciner.",
        "Bring an identity document and a list of your medicines.",
    ),
    t(
        "Jos tilanteesi on kiireellinen, soita Päivystysapuun 116117. Hätätilanteessa soita 112.",
        "Om det är brådskande, ring Jourhjälpen 116117. I nödsituationer ring 112.",
        "If it is urgent, call the Medical Helpline 116117. In an emergency call 112.",
    ),
    t(
        "Palvelu on maksuton ja luottamuksellinen.",
        "Tjänsten är avgiftsfri och konfidentiell.",
        "The service is free of charge and confidential.",
    ),
    t(
        "Voit myös pyytää läheisesi mukaan vastaanotolle.",
        "Du kan också be en närstående att följa med till mottagningen.",
        "You can also bring someone close to you to the appointment.",
    ),
    t(
        "Saat tekstiviestin, kun aikasi lähestyy.",
        "Du får ett textmeddelande när din tid närmar sig.",
        "You get a text message when your appointment is coming up.",
    ),
    t(
        "Vastaamme viesteihin kahden arkipäivän kuluessa.",
        "Vi svarar på meddelanden inom två vardagar.",
        "We answer messages within two working days.",
    ),
    t(
        "Tunnistautuminen vahvasti pankkitunnuksilla tai mobiilivarmenteella tarvitaan.",
        "Du behöver identifiera dig starkt med bankkoder eller mobilcertifikat.",
        "You need to identify yourself strongly with online banking codes or a mobile certificate.",
    ),
    t(
        "Hoitosuunnitelma tallentuu Omakantaan, josta näet sen myöhemmin.",
        "Vårdplanen sparas i MittKanta, där du kan se den senare.",
        "The care plan is saved in My Kanta, where you can see it later.",
    ),
]

PRO_NOTES = [
    t(
        "Kirjaa hoidon tarpeen arvio ja sovittu jatko potilastietojärjestelmään.",
        "Dokumentera bedömningen av vårdbehovet och den överenskomna fortsättningen i patientdatasystemet.",
        "Record the assessment of care needs and the agreed follow-up in the patient record.",
    ),
    t(
        "Varmista, että asiakkaalla on nimetty yhteyshenkilö ennen kuin hän poistuu.",
        "Säkerställ att kunden har en utsedd kontaktperson innan hen går.",
        "Make sure the customer has a named contact person before they leave.",
    ),
    t(
        "Konsultoi tarvittaessa moniammatillista tiimiä.",
        "Konsultera vid behov det multiprofessionella teamet.",
        "Consult the multidisciplinary team when needed.",
    ),
]

LINKS = [
    (
        "information",
        "Terveyskylä",
        "https://www.terveyskyla.fi/",
        t("Luotettavaa tietoa", "Tillförlitlig information", "Trustworthy information"),
    ),
    (
        "self_care",
        "Mielenterveystalo",
        "https://www.mielenterveystalo.fi/",
        t("Omahoito-ohjelmat", "Egenvårdsprogram", "Self-care programmes"),
    ),
    (
        "symptom_check",
        "Omaolo",
        "https://www.omaolo.fi/",
        t("Oirearvio verkossa", "Symtombedömning på nätet", "Online symptom check"),
    ),
    (
        "peer_support",
        "Järjestötori",
        "https://www.jarjestotori.fi/",
        t("Vertaistukiryhmät", "Kamratstödsgrupper", "Peer support groups"),
    ),
    (
        "booking",
        "Sote-keskus",
        "https://www.example-sote.fi/ajanvaraus",
        t("Ajanvaraus verkossa", "Tidsbokning på nätet", "Online booking"),
    ),
    (
        "form",
        "Sote-keskus",
        "https://www.example-sote.fi/lomakkeet",
        t("Sähköiset lomakkeet", "Elektroniska blanketter", "Electronic forms"),
    ),
]

CRITICAL = [
    "handover_customer_to_professional",
    "handover_between_professionals",
    "information_to_customer_and_family",
    "information_into_systems",
    "access_to_care",
    "self_care_guidance",
]
TOUCHPOINTS = ["physical", "digital", "face_to_face", "phone"]
TARGET_GROUPS = [
    "children",
    "young_people",
    "adults",
    "older_people",
    "families",
    "relatives",
    "pregnant",
]
OWNERS = [
    "Palvelumuotoilu",
    "Perhekeskus",
    "Aikuissosiaalityö",
    "Mielenterveyspalvelut",
    "Digitaaliset palvelut",
]


@dataclass(frozen=True)
class Corpus:
    """The ids every generated path may refer to, and each path's status."""

    channels: list[str]
    topics: list[str]
    segments: list[str]
    paths: list[str]
    statuses: list[str]
    critical_points_list: bool = False
    today: date = field(default_factory=date.today)

    @cached_property
    def published_paths(self) -> list[str]:
        """Ids of the published paths: the only ones a published path may refer to."""
        return [p for p, status in zip(self.paths, self.statuses, strict=True) if status == "published"]


def pick(texts: Text, langs: tuple[str, ...]) -> Text:
    """Keep only LANGS of a localized text (every text of a document has the same set)."""
    return {lang: texts[lang] for lang in langs}


def paragraph(rng: random.Random, langs: tuple[str, ...], sentences: int) -> Text:
    """A Markdown paragraph of SENTENCES random sentences, the same ones in every language."""
    chosen = rng.sample(SENTENCES, sentences)
    return {lang: " ".join(s[lang] for s in chosen) for lang in langs}


def markdown(rng: random.Random, langs: tuple[str, ...]) -> Text:
    """A short Markdown text: a paragraph and, sometimes, a bullet list."""
    text = paragraph(rng, langs, 1 if rng.random() < 0.7 else 2)
    if rng.random() < 0.2:
        bullets = rng.sample(SENTENCES, 2)
        for lang in langs:
            text[lang] += "\n\n" + "\n".join(f"- {b[lang]}" for b in bullets)
    return text


def path_ids(count: int) -> list[str]:
    """Ids of COUNT paths, each named after its theme and number."""
    return [f"{THEMES[i % len(THEMES)][0]}-{i + 1:05d}" for i in range(count)]


def path_statuses(count: int, rng: random.Random) -> list[str]:
    """Status of each of COUNT paths: 90 % published, the rest draft or review."""
    return ["published" if rng.random() < 0.9 else rng.choice(["draft", "review"]) for _ in range(count)]


def owner(rng: random.Random, today: date) -> Doc:
    """A content owner reviewed within the last year and due a year later (a few already overdue)."""
    if rng.random() < OVERDUE_SHARE:
        due = today - timedelta(days=rng.randint(1, 120))
        reviewed = due - timedelta(days=365)
    else:
        reviewed = today - timedelta(days=rng.randint(0, 330))
        due = reviewed + timedelta(days=365)
    return {
        "unit": rng.choice(OWNERS),
        "email": "palvelupolut@example-sote.fi",
        "reviewed_on": reviewed.isoformat(),
        "review_due": due.isoformat(),
    }


def link(rng: random.Random, langs: tuple[str, ...]) -> Doc:
    """A curated link to a real-looking https service."""
    kind, provider, url, title = rng.choice(LINKS)
    return {"kind": kind, "title": pick(title, langs), "url": url, "provider": provider}


def step(rng: random.Random, langs: tuple[str, ...], index: int, corpus: Corpus) -> Doc:
    """One step: texts, channels, links and, sometimes, a critical point and swimlanes."""
    step_id, title, action = STEPS[index % len(STEPS)]
    doc: Doc = {
        "id": f"{step_id}-{index + 1}",
        "title": pick(title, langs),
        "body": markdown(rng, langs),
        "customer_action": pick(action, langs),
        "channels": rng.sample(corpus.channels, rng.randint(1, 2)),
        "links": [link(rng, langs) for _ in range(rng.randint(0, 1))],
        "touchpoints": rng.sample(TOUCHPOINTS, rng.randint(1, 2)),
    }
    if rng.random() < 0.2:
        critical = {"kind": rng.choice(CRITICAL), "description": paragraph(rng, langs, 1)}
        if corpus.critical_points_list:
            doc["critical_points"] = [critical]
        else:
            doc["critical_point"] = critical
    if rng.random() < 0.15:
        doc["swimlanes"] = {
            "customer": paragraph(rng, langs, 1),
            "professional": pick(rng.choice(PRO_NOTES), langs),
        }
    if rng.random() < 0.3:
        doc["professional_notes"] = pick(rng.choice(PRO_NOTES), langs)
    return doc


def phases(rng: random.Random, langs: tuple[str, ...], corpus: Corpus) -> list[Doc]:
    """Three or four phases with one or two steps each; step ids unique within the path."""
    chosen = PHASES[: rng.randint(3, 4)]
    result, counter = [], 0
    for phase_id, title, promise in chosen:
        steps = []
        for _ in range(rng.randint(1, 2)):
            steps.append(step(rng, langs, counter, corpus))
            counter += 1
        result.append(
            {
                "id": phase_id,
                "title": pick(title, langs),
                "promise": pick(promise, langs),
                "steps": steps,
            }
        )
    return result


def path_document(index: int, corpus: Corpus, rng: random.Random) -> Doc:
    """The INDEXth path: published (mostly), in fi/sv/en (some fi/sv only), 5-10 KB."""
    slug, topics, fi, sv, en = THEMES[index % len(THEMES)]
    path_id = corpus.paths[index]
    langs = LANGS if rng.random() < 0.8 else LANGS[:2]
    number = f" {index + 1}"
    doc: Doc = {
        "$schema": "../../schemas/path.schema.json",
        "id": path_id,
        "level": rng.choice(["service", "service", "touchpoint", "strategic"]),
        "status": corpus.statuses[index],
        "title": pick(t(fi + number, sv + number, en + number), langs),
        "summary": markdown(rng, langs),
        "topics": topics,
        "target_groups": rng.sample(TARGET_GROUPS, rng.randint(1, 3)),
        "segments": rng.sample(corpus.segments, rng.randint(1, 2)),
        "owner": owner(rng, corpus.today),
    }
    candidates = corpus.published_paths if corpus.statuses[index] == "published" else corpus.paths
    others = [p for p in rng.sample(candidates, min(3, len(candidates))) if p != path_id]
    if others:
        doc["related_paths"] = others[:2]
    if rng.random() < 0.2:
        doc["digital_care_paths"] = [
            {
                "title": pick(t(fi, sv, en), langs),
                "description": paragraph(rng, langs, 1),
                "app_link": f"https://app.example-sote.fi/hoitopolut/{slug}",
                "requires_strong_auth": True,
                "joined_by": rng.choice(["customer", "professional"]),
            }
        ]
    doc["phases"] = phases(rng, langs, corpus)
    return doc


WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
HOLIDAYS = [
    ("12-24", t("Jouluaatto", "Julafton", "Christmas Eve")),
    ("12-25", t("Joulupäivä", "Juldagen", "Christmas Day")),
    ("12-26", t("Tapaninpäivä", "Annandag jul", "Boxing Day")),
]


def opening_hours(today: date) -> Doc:
    """Weekday hours and this year's Christmas closures (schema 3's ``opening_hours``)."""
    return {
        "weekly": [{"days": WEEKDAYS, "opens": "08:00", "closes": "16:00"}],
        "exceptions": [{"date": f"{today.year}-{day}", "name": name, "closed": True} for day, name in HOLIDAYS],
    }


def response_time(schema3: bool) -> Doc:
    """Two working days: a text and, in schema 3, the upper bound tools sort by."""
    text = t("Kahden arkipäivän kuluessa", "Inom två vardagar", "Within two working days")
    return {"text": text, "at_most": {"value": 2, "unit": "working_days"}} if schema3 else text


def channel_documents(rng: random.Random, today: date, schema3: bool = True) -> Iterator[Doc]:
    """Every channel in CHANNELS, with contact details and opening hours (SCHEMA3: version 3 shapes)."""
    for channel_id, kind, fi, sv, en in CHANNELS:
        hours: Doc = (
            {"opening_hours": opening_hours(today)}
            if schema3
            else {"hours": [{"days": WEEKDAYS, "opens": "08:00", "closes": "16:00"}]}
        )
        yield {
            "$schema": "../../schemas/channel.schema.json",
            "id": channel_id,
            "status": "published",
            "type": kind,
            "name": t(fi, sv, en),
            "description": markdown(rng, LANGS),
            "url": f"https://www.example-sote.fi/asiointikanavat/{channel_id}",
            "contact": {"phone": "+358 3 123 4567", "email": "neuvonta@example-sote.fi"},
            **hours,
            "response_time": response_time(schema3),
            "requires_strong_auth": kind in ("non_urgent_message", "video", "mobile_app"),
            "ptv_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "owner": owner(rng, today),
        }


def topic_documents(rng: random.Random) -> Iterator[Doc]:
    """Every topic in TOPICS, some with a parent topic."""
    for topic_id, parent, fi, sv, en in TOPICS:
        doc: Doc = {
            "$schema": "../../schemas/topic.schema.json",
            "id": topic_id,
            "status": "published",
            "title": t(fi, sv, en),
            "description": paragraph(rng, LANGS, 2),
        }
        if parent:
            doc["parent"] = parent
        yield doc


def segment_documents(rng: random.Random) -> Iterator[Doc]:
    """The four needs-based segments S1-S4, each with a persona."""
    for segment_id, code, share, name in SEGMENTS:
        yield {
            "$schema": "../../schemas/segment.schema.json",
            "id": segment_id,
            "status": "published",
            "code": code,
            "name": name,
            "share_percent": share,
            "description": markdown(rng, LANGS),
            "service_promise": t("Autamme sinua sujuvasti.", "Vi hjälper dig smidigt.", "We help you smoothly."),
            "personas": [
                {
                    "name": f"Persona {code}",
                    "age": rng.randint(18, 90),
                    "description": paragraph(rng, LANGS, 2),
                }
            ],
        }


def lists_critical_points(schemas: Path) -> bool:
    """True when SCHEMAS' path steps take ``critical_points`` (a list) over ``critical_point``."""
    step = json.loads((schemas / "path.schema.json").read_text())["$defs"]["step"]
    return "critical_points" in step["properties"]


def has_opening_hours(schemas: Path) -> bool:
    """True when SCHEMAS' channels take schema 3's ``opening_hours`` (schema 2 had ``hours``)."""
    return "opening_hours" in json.loads((schemas / "channel.schema.json").read_text())["properties"]


def default_today() -> date:
    """The day ``pathapi validate`` counts overdue reviews from: PATHAPI_TODAY, else the real date."""
    pinned = os.environ.get("PATHAPI_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


def documents(
    count: int, seed: int = 1, schemas: Path = SCHEMAS, today: date | None = None
) -> Iterator[tuple[str, Doc]]:
    """Yield (folder, document) for COUNT paths and everything they refer to, valid for SCHEMAS."""
    rng = random.Random(seed)
    today = today or default_today()
    corpus = Corpus(
        [c[0] for c in CHANNELS],
        [tp[0] for tp in TOPICS],
        [s[0] for s in SEGMENTS],
        path_ids(count),
        path_statuses(count, random.Random(seed + 1)),
        lists_critical_points(schemas),
        today,
    )
    for doc in channel_documents(rng, today, has_opening_hours(schemas)):
        yield "channels", doc
    for doc in topic_documents(rng):
        yield "topics", doc
    for doc in segment_documents(rng):
        yield "segments", doc
    for index in range(count):
        yield "paths", path_document(index, corpus, rng)


def git_commit(root: Path) -> None:
    """Make ROOT a git repository with everything in one commit."""
    ident = ["-c", "user.name=bench", "-c", "user.email=bench@invalid"]
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        [*ident, "commit", "-q", "-m", "Generated content"],
    ):
        subprocess.run(["git", *args], cwd=root, check=True)


def write_repository(
    root: Path, count: int, *, git: bool = False, seed: int = 1, schemas: Path = SCHEMAS, today: date | None = None
) -> int:
    """Write schemas/ (a copy of SCHEMAS) and content/ with COUNT paths below ROOT.

    Returns the bytes of content written. With GIT, also ``git init`` and commit it all.
    """
    shutil.copytree(schemas, root / "schemas", dirs_exist_ok=True)
    total = 0
    for folder, doc in documents(count, seed, schemas, today):
        target = root / "content" / folder / f"{doc['id']}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()
        target.write_bytes(data)
        total += len(data)
    if git:
        git_commit(root)
    return total


def main() -> int:
    """Write a generated repository to the directory given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path, help="where to write (created if missing)")
    parser.add_argument("--count", type=int, default=1000, help="number of paths (default: 1000)")
    parser.add_argument("--git", action="store_true", help="also git init and commit")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    size = write_repository(args.dir, args.count, git=args.git, seed=args.seed)
    print(f"wrote {args.count} paths ({size / 1e6:.1f} MB of content) to {args.dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
