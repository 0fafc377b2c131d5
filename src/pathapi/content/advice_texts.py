"""Words of the plain-language advisor (``pathapi advise``, ``validate --advice``): fi, sv and en, each with a fix."""

from __future__ import annotations

from pathapi.content.texts import Entry

ADVICE: dict[str, Entry] = {
    "advice-long-sentence": {
        "fi": (
            "Virkkeessä on {words} sanaa (suositus enintään {limit}).",
            "Jaa se lyhyemmiksi virkkeiksi: yksi asia yhdessä virkkeessä.",
        ),
        "sv": (
            "Meningen har {words} ord (högst {limit} rekommenderas).",
            "Dela den i kortare meningar: en sak i varje mening.",
        ),
        "en": (
            "The sentence has {words} words (at most {limit} advised).",
            "Split it into shorter sentences: one thing per sentence.",
        ),
    },
    "advice-long-word": {
        "fi": (
            "Sana ”{word}” on pitkä ({letters} kirjainta, suositus enintään {limit}).",
            "Käytä lyhyempää sanaa tai pura se osiin, esimerkiksi ”ajanvarausjärjestelmä” → ”järjestelmä, jolla "
            "varaat ajan”.",
        ),
        "sv": (
            "Ordet ”{word}” är långt ({letters} bokstäver, högst {limit} rekommenderas).",
            "Använd ett kortare ord eller dela upp det, till exempel ”tidsbokningssystem” → ”systemet där du "
            "bokar tid”.",
        ),
        "en": (
            "The word ”{word}” is long ({letters} letters, at most {limit} advised).",
            "Use a shorter word or say it in several words.",
        ),
    },
    "advice-compound": {
        "fi": (
            "Yhdyssanassa ”{word}” on {count} osaa ({parts}).",
            "Pura se osiin, esimerkiksi ”yhteydenottopyyntölomake” → ”lomake, jolla pyydät yhteydenottoa”.",
        ),
        "sv": (
            "Det finska sammansatta ordet ”{word}” har {count} delar ({parts}).",
            "Dela upp det i flera ord eller en bisats.",
        ),
        "en": (
            "The Finnish compound ”{word}” has {count} parts ({parts}).",
            "Break it up into several words or a clause.",
        ),
    },
    "advice-passive": {
        "fi": (
            "Tekstissä on {count} passiivia ({words}): ei selviä, kuka tekee.",
            "Kerro tekijä ja puhuttele lukijaa: ”sinulle soitetaan” → ”hoitaja soittaa sinulle”.",
        ),
        "sv": (
            "Den finska texten har {count} passiver ({words}): det framgår inte vem som gör något.",
            "Säg vem som gör det och tilltala läsaren: ”sinulle soitetaan” → ”hoitaja soittaa sinulle”.",
        ),
        "en": (
            "The Finnish text has {count} passives ({words}): it does not say who acts.",
            "Name who does it and address the reader: ”sinulle soitetaan” → ”hoitaja soittaa sinulle”.",
        ),
    },
    "advice-participle": {
        "fi": (
            "Lauseenvastike tai partisiippirakenne ”{word}” on raskas lukea.",
            "Kirjoita sivulause: ”saapuessasi” → ”kun saavut”, ”lääkärin määräämä” → ”jonka lääkäri määrää”, "
            "”täytettävä” → ”täytä”.",
        ),
        "sv": (
            "Den finska participkonstruktionen ”{word}” är tung att läsa.",
            "Skriv en bisats: ”saapuessasi” → ”kun saavut”, ”lääkärin määräämä” → ”jonka lääkäri määrää”.",
        ),
        "en": (
            "The Finnish participial construction ”{word}” is heavy to read.",
            "Write a clause instead: ”saapuessasi” → ”kun saavut”, ”lääkärin määräämä” → ”jonka lääkäri määrää”.",
        ),
    },
    "advice-nominal": {
        "fi": (
            "Virkkeessä on {count} minen-sanaa ({words}): teksti on raskasta substantiivityyliä.",
            "Käytä verbejä: ”hoidon aloittaminen ja seuranta” → ”aloitamme hoidon ja seuraamme sitä”.",
        ),
        "sv": (
            "Meningen har {count} finska minen-substantiv ({words}): tung nominalstil.",
            "Använd verb: ”hoidon aloittaminen” → ”aloitamme hoidon”.",
        ),
        "en": (
            "The sentence has {count} Finnish -minen nouns ({words}): heavy nominal style.",
            "Use verbs instead: ”hoidon aloittaminen” → ”aloitamme hoidon”.",
        ),
    },
    "advice-abbreviation": {
        "fi": (
            "Lyhennettä ”{abbreviation}” ei ole selitetty.",
            "Kirjoita auki ”{meaning}” tai selitä lyhenne ensimmäisellä kerralla: ”{meaning} ({abbreviation})”.",
        ),
        "sv": (
            "Förkortningen ”{abbreviation}” förklaras inte.",
            "Skriv ut ”{meaning}” eller förklara förkortningen första gången: ”{meaning} ({abbreviation})”.",
        ),
        "en": (
            "The abbreviation ”{abbreviation}” is not explained.",
            "Write out ”{meaning}”, or explain it the first time: ”{meaning} ({abbreviation})”.",
        ),
    },
    "advice-abbreviation-unknown": {
        "fi": (
            "”{abbreviation}” näyttää lyhenteeltä, jota ei ole sanastossa.",
            "Kirjoita se auki, tai lisää se merkityksineen tiedostoon content/vocabulary.json kohtaan "
            "abbreviations (tai kohtaan words, jos kaikki tuntevat sen).",
        ),
        "sv": (
            "”{abbreviation}” ser ut som en förkortning som inte finns i ordlistan.",
            "Skriv ut den, eller lägg till den med betydelse i content/vocabulary.json under abbreviations "
            "(eller under words om alla känner till den).",
        ),
        "en": (
            "”{abbreviation}” looks like an abbreviation that is not in the vocabulary.",
            "Write it out, or add it with its meaning to content/vocabulary.json under abbreviations (under "
            "words when everyone knows it).",
        ),
    },
    "advice-unknown-word": {
        "fi": (
            "Sanaa ”{word}” ei löydy sanakirjasta: onko se kirjoitusvirhe?",
            "Ehdotuksia: {suggestions}. Jos sana on oikein (nimi tai termi), lisää se tiedostoon "
            "content/vocabulary.json kohtaan words.",
        ),
        "sv": (
            "Ordet ”{word}” finns inte i den finska ordboken: är det ett stavfel?",
            "Förslag: {suggestions}. Om ordet är rätt (ett namn eller en term), lägg till det i "
            "content/vocabulary.json under words.",
        ),
        "en": (
            "The word ”{word}” is not in the Finnish dictionary: is it a typo?",
            "Suggestions: {suggestions}. If it is right (a name or a term), add it to content/vocabulary.json "
            "under words.",
        ),
    },
    "advice-unknown-word-plain": {
        "fi": (
            "Sanaa ”{word}” ei löydy sanakirjasta: onko se kirjoitusvirhe?",
            "Tarkista kirjoitusasu. Jos sana on oikein (nimi tai termi), lisää se tiedostoon "
            "content/vocabulary.json kohtaan words.",
        ),
        "sv": (
            "Ordet ”{word}” finns inte i den finska ordboken: är det ett stavfel?",
            "Kontrollera stavningen. Om ordet är rätt (ett namn eller en term), lägg till det i "
            "content/vocabulary.json under words.",
        ),
        "en": (
            "The word ”{word}” is not in the Finnish dictionary: is it a typo?",
            "Check the spelling. If it is right (a name or a term), add it to content/vocabulary.json under words.",
        ),
    },
    "advice-reading-level": {
        "fi": (
            "Lukutaso on vaikea: LIX {score} (kieli {language}, {what}; suositus enintään {limit}).",
            "Lyhennä virkkeitä ja vaihda pitkiä sanoja lyhyempiin.",
        ),
        "sv": (
            "Texten är svårläst: LIX {score} (språk {language}, {what}; högst {limit} rekommenderas).",
            "Korta meningarna och byt långa ord mot kortare.",
        ),
        "en": (
            "Hard to read: LIX {score} (language {language}, {what}; at most {limit} advised).",
            "Shorten the sentences and use shorter words.",
        ),
    },
    "advice-scores": {
        "fi": (
            "Lukutaso (LIX) polun ja askelten mukaan; mitä pienempi luku, sitä helpompi lukea.",
            "Rajat ja tarkistukset voi muuttaa tiedostossa content/settings.json (advice).",
        ),
        "sv": (
            "Läsbarhet (LIX) per stig och steg; ju lägre tal, desto lättare att läsa.",
            "Gränser och kontroller ändras i content/settings.json (advice).",
        ),
        "en": (
            "Reading level (LIX) per path and step; the lower, the easier to read.",
            "Change limits and checks in content/settings.json (advice).",
        ),
    },
    "vocabulary-schema-missing": {
        "fi": ("Tiedosto {file} puuttuu.", "Kopioi se pathapin schemas/-kansiosta, niin sanasto tarkistetaan."),
        "sv": ("Filen {file} saknas.", "Kopiera den från pathapis schemas/ så att ordlistan kontrolleras."),
        "en": ("{file} is missing.", "Copy it from pathapi's schemas/ to check the vocabulary."),
    },
}
