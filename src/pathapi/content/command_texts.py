"""Sentences the commands say to editors (not findings): fi, sv and en, with what to do next."""

from __future__ import annotations

from pathapi.content.texts import Entry

COMMANDS: dict[str, Entry] = {
    "not-in-repository": {
        "fi": ("{path} ei ole sisältörepositoriossa.", "Anna kansio, jossa on content/-kansio, tai tiedosto sen alta."),
        "sv": ("{path} ligger inte i ett innehållsförråd.", "Ange en mapp med content/ eller en fil under den."),
        "en": ("{path} is not inside a content repository.", "Give a folder that has content/, or a file below it."),
    },
    "path-missing": {
        "fi": ("{path} ei ole olemassa.", "Tarkista polku."),
        "sv": ("{path} finns inte.", "Kontrollera sökvägen."),
        "en": ("{path} does not exist.", "Check the path."),
    },
    "new-bad-id": {
        "fi": (
            '"{id}" ei kelpaa tunnisteeksi.',
            "Käytä pieniä kirjaimia a-z, numeroita ja väliviivoja (ei ääkkösiä eikä välilyöntejä), "
            "esim. pathapi new {kind_id} {suggestion}",
        ),
        "sv": (
            '"{id}" duger inte som identifierare.',
            "Använd små bokstäver a-z, siffror och bindestreck (inga å, ä, ö eller mellanslag), "
            "t.ex. pathapi new {kind_id} {suggestion}",
        ),
        "en": (
            '"{id}" is not a valid identifier.',
            "Use lower-case letters a-z, digits and hyphens (no accents or spaces), "
            "e.g. pathapi new {kind_id} {suggestion}",
        ),
    },
    "new-exists": {
        "fi": ("{file} on jo olemassa, eikä sitä korvata.", "Muokkaa sitä tai valitse toinen tunniste."),
        "sv": ("{file} finns redan och skrivs inte över.", "Redigera den eller välj en annan identifierare."),
        "en": ("{file} already exists and is left as it is.", "Edit it, or choose another id."),
    },
    "new-no-topic": {
        "fi": (
            "Polku tarvitsee aiheen, mutta sisällössä ei ole vielä yhtään aihetta.",
            "Luo ensin aihe: pathapi new topic AIHEEN-TUNNISTE",
        ),
        "sv": (
            "En stig behöver ett ämne, men innehållet har inga ämnen än.",
            "Skapa först ett ämne: pathapi new topic ÄMNETS-IDENTIFIERARE",
        ),
        "en": ("A path needs a topic, and there is no topic yet.", "Create one first: pathapi new topic TOPIC-ID"),
    },
    "new-unknown-topic": {
        "fi": ('Aihetta "{topic}" ei ole.', "Valitse olemassa oleva aihe, esim. {closest}."),
        "sv": ('Ämnet "{topic}" finns inte.', "Välj ett befintligt ämne, t.ex. {closest}."),
        "en": ('There is no topic "{topic}".', "Choose an existing one, e.g. {closest}."),
    },
    "new-created": {
        "fi": (
            "Luonnos on tehty: {file}.",
            "Kirjoita omat tekstisi kohtiin, joissa lukee TÄYDENNÄ, ja tarkista: pathapi validate {file}",
        ),
        "sv": (
            "Utkastet är skapat: {file}.",
            "Skriv dina texter där det står TÄYDENNÄ eller KOMPLETTERA, och kontrollera: pathapi validate {file}",
        ),
        "en": (
            "Draft created: {file}.",
            "Write your texts where it says TÄYDENNÄ (or KOMPLETTERA, TO DO), then check: pathapi validate {file}",
        ),
    },
    "new-topic-chosen": {
        "fi": ('Polku on aiheen "{topic}" alla.', 'Vaihda aihe tarvittaessa kenttään "topics".'),
        "sv": ('Stigen ligger under ämnet "{topic}".', 'Byt ämne vid behov i fältet "topics".'),
        "en": ('The path is under topic "{topic}".', 'Change it in "topics" if needed.'),
    },
    "serve-rejected": {
        "fi": (
            "Repositoriota {repo} ei palvella: sen HEAD ei läpäise tarkistusta.",
            "Korjaa alla luetellut kohdat ja tee uusi commit.",
        ),
        "sv": (
            "Förrådet {repo} betjänas inte: dess HEAD klarar inte kontrollen.",
            "Rätta punkterna nedan och gör en ny commit.",
        ),
        "en": ("Not serving {repo}: HEAD failed validation.", "Fix the problems below and commit again."),
    },
    "serve-release": {
        "fi": ("Palvellaan {repo}: julkaisu {release}, commit {sha} ({counts}).", "Osoite: {url} (Ctrl+C pysäyttää)"),
        "sv": ("Betjänar {repo}: version {release}, commit {sha} ({counts}).", "Adress: {url} (Ctrl+C stoppar)"),
        "en": ("Serving {repo}: release {release} at {sha} ({counts}).", "On {url} (Ctrl+C stops)"),
    },
    "serve-branch": {
        "fi": ("Palvellaan {repo}: haara {branch}, commit {sha} ({counts}).", "Osoite: {url} (Ctrl+C pysäyttää)"),
        "sv": ("Betjänar {repo}: grenen {branch}, commit {sha} ({counts}).", "Adress: {url} (Ctrl+C stoppar)"),
        "en": ("Serving {repo}: branch {branch} at {sha} ({counts}).", "On {url} (Ctrl+C stops)"),
    },
    "serve-fallback": {
        "fi": (
            "Commit {sha} ei läpäise tarkistusta: palvellaan uusinta aiempaa versiota, joka läpäisee ({served}).",
            "Korjaa alla luetellut kohdat ja tee uusi commit; siihen asti /health kertoo tilaksi degraded.",
        ),
        "sv": (
            "Commit {sha} klarar inte kontrollen: den senaste tidigare versionen som klarar den betjänas ({served}).",
            "Rätta punkterna nedan och gör en ny commit; tills dess visar /health degraded.",
        ),
        "en": (
            "Commit {sha} failed validation: serving the newest earlier version that validates ({served}).",
            "Fix the problems below and commit again; /health says degraded until then.",
        ),
    },
    "repo-not-git": {
        "fi": (
            "{path} ei ole git-repositorio.",
            "Anna sisältörepositorion kansio (--repo) tai luo uusi komennolla pathapi init.",
        ),
        "sv": (
            "{path} är inte ett git-förråd.",
            "Ange innehållsförrådets mapp (--repo) eller skapa ett nytt med pathapi init.",
        ),
        "en": (
            "{path} is not a git repository.",
            "Give the folder of a content repository (--repo), or make a new one with pathapi init.",
        ),
    },
    "repo-empty": {
        "fi": (
            "Repositoriossa {path} ei ole vielä yhtään committia.",
            "Tallenna sisältö ensin: git add content schemas && git commit.",
        ),
        "sv": (
            "Förrådet {path} har inga commits ännu.",
            "Spara innehållet först: git add content schemas && git commit.",
        ),
        "en": (
            "{path} has no commits yet.",
            "Commit the content first: git add content schemas && git commit.",
        ),
    },
    "branch-missing": {
        "fi": (
            "Haaraa {branch} ei löydy repositoriosta {path}.",
            "Tarkista haaran nimi (PATHAPI_BRANCH) tai jätä se pois, jolloin käytetään nykyistä haaraa.",
        ),
        "sv": (
            "Grenen {branch} finns inte i {path}.",
            "Kontrollera grenens namn (PATHAPI_BRANCH) eller utelämna det, så används den aktuella grenen.",
        ),
        "en": (
            "Branch {branch} is not in {path}.",
            "Check the branch name (PATHAPI_BRANCH), or leave it out to follow the checked-out branch.",
        ),
    },
    "revision-unknown": {
        "fi": (
            "”{revision}” ei nimeä mitään committia.",
            "Käytä julkaisun nimeä, haaraa tai commitin tunnistetta (git log näyttää ne).",
        ),
        "sv": (
            "”{revision}” namnger ingen commit.",
            "Använd en releases namn, en gren eller en commits id (git log visar dem).",
        ),
        "en": (
            "”{revision}” does not name a commit.",
            "Use a release name, a branch or a commit id (git log lists them).",
        ),
    },
    "serve-port-taken": {
        "fi": (
            "Osoite {address} on jo toisen prosessin käytössä.",
            "Pysäytä se tai valitse toinen --port (--reuse-port jakaa portin tarkoituksella).",
        ),
        "sv": (
            "Adressen {address} används redan av en annan process.",
            "Stoppa den eller välj en annan --port (--reuse-port delar porten avsiktligt).",
        ),
        "en": (
            "{address} is already in use by another process.",
            "Stop it or choose another --port (--reuse-port shares the port on purpose).",
        ),
    },
    "serve-bad-setting": {
        "fi": (
            "Palvelinta ei käynnistetä: asetus on virheellinen ({error}).",
            "Korjaa ympäristömuuttuja ja yritä uudelleen.",
        ),
        "sv": ("Servern startas inte: en inställning är felaktig ({error}).", "Rätta miljövariabeln och försök igen."),
        "en": ("Not starting: a setting is wrong ({error}).", "Fix the environment variable and try again."),
    },
    "export-not-empty": {
        "fi": ("Kansio {dir} ei ole tyhjä.", "Anna uusi tai tyhjä kansio: vienti ei kirjoita tiedostojen päälle."),
        "sv": ("Mappen {dir} är inte tom.", "Ange en ny eller tom mapp: exporten skriver inte över filer."),
        "en": ("{dir} is not empty.", "Give a new or empty directory: export never overwrites files."),
    },
    "export-rejected": {
        "fi": (
            "Versiota ei viedä: se ei läpäise tarkistusta.",
            "Korjaa alla luetellut kohdat tai valitse toinen versio (--version).",
        ),
        "sv": (
            "Versionen exporteras inte: den klarar inte kontrollen.",
            "Rätta punkterna nedan eller välj en annan version (--version).",
        ),
        "en": ("Not exporting: the version failed validation.", "Fix the problems below or pick another --version."),
    },
    "export-pending": {
        "fi": ("Huom: ajastettu muutos tulee voimaan {moment}.", "Vie sisältö uudelleen sen jälkeen."),
        "sv": ("Obs: en schemalagd ändring träder i kraft {moment}.", "Exportera igen efter den."),
        "en": ("Note: a scheduled change takes effect at {moment}.", "Export again after it."),
    },
    "export-progress": {
        "fi": ("Viety {count} tiedostoa", "Odota hetki."),
        "sv": ("Exporterat {count} filer", "Vänta ett ögonblick."),
        "en": ("exported {count} files", "Please wait."),
    },
    "export-done": {
        "fi": (
            "Viety {count} tiedostoa ({size} Mt) versiosta {what} kansioon {dir}.",
            "Kansion voi julkaista staattisena sivustona sellaisenaan.",
        ),
        "sv": (
            "Exporterade {count} filer ({size} MB) av {what} till {dir}.",
            "Mappen kan publiceras som en statisk webbplats som den är.",
        ),
        "en": ("exported {count} files ({size} MB) of {what} to {dir}.", "The directory can be served as it is."),
    },
    "init-not-empty": {
        "fi": ("Kansio {dir} ei ole tyhjä.", "Anna uusi tai tyhjä kansio, esim. pathapi init palvelupolut"),
        "sv": ("Mappen {dir} är inte tom.", "Ange en ny eller tom mapp, t.ex. pathapi init servicestigar"),
        "en": ("{dir} is not empty.", "Give a new or empty directory, e.g. pathapi init service-paths"),
    },
    "init-no-schemas": {
        "fi": (
            "Kansiossa {dir} ei ole skeemoja.",
            "Anna --schemas-from-valitsimelle sisältörepositorio, jossa on schemas/-kansio.",
        ),
        "sv": ("Det finns inga scheman i {dir}.", "Ge --schemas-from ett innehållsförråd med mappen schemas/."),
        "en": ("No schemas in {dir}.", "Give --schemas-from a content repository that has schemas/."),
    },
    "init-done": {
        "fi": (
            "Uusi sisältörepositorio on tehty kansioon {dir} ({count} tiedostoa). {summary}",
            "Seuraavaksi:\n  cd {dir}\n  pathapi studio              # katso esimerkkipolkua selaimessa\n"
            "  pathapi new path oma-polku  # aloita oma polku mallipohjasta\n"
            "  pre-commit install          # tarkista jokainen commit\n"
            "  git add -A && git commit -m 'Alku'",
        ),
        "sv": (
            "Ett nytt innehållsförråd har skapats i {dir} ({count} filer). {summary}",
            "Nästa steg:\n  cd {dir}\n  pathapi studio              # se exempelstigen i webbläsaren\n"
            "  pathapi new path egen-stig  # börja en egen stig från mallen\n"
            "  pre-commit install          # kontrollera varje commit\n"
            "  git add -A && git commit -m 'Början'",
        ),
        "en": (
            "created {count} files in {dir}. {summary}",
            "Next:\n  cd {dir}\n  pathapi studio              # see the example path in a browser\n"
            "  pathapi new path my-path    # start your own path from the template\n"
            "  pre-commit install          # check every commit\n"
            "  git add -A && git commit -m 'Start'",
        ),
    },
    "new-unknown-kind": {
        "fi": (
            '"{given}" ei ole dokumenttityyppi.',
            "Kirjoita path (polku), channel (kanava), topic (aihe) tai segment (segmentti), "
            "esim. pathapi new path lonkkaleikkaus",
        ),
        "sv": (
            '"{given}" är ingen dokumenttyp.',
            "Skriv path (stig), channel (kanal), topic (ämne) eller segment, t.ex. pathapi new path hoftoperation",
        ),
        "en": (
            '"{given}" is not a kind of document.',
            "Write path, channel, topic or segment, e.g. pathapi new path hip-surgery",
        ),
    },
    "studio-serving": {
        "fi": ("Työtila kansiolle {root}: avaa {url}", "Sivu päivittyy, kun tallennat. Ctrl+C pysäyttää."),
        "sv": ("Arbetsytan för {root}: öppna {url}", "Sidan uppdateras när du sparar. Ctrl+C stoppar."),
        "en": ("Studio for {root}: open {url}", "Pages reload when you save. Ctrl+C stops."),
    },
    "studio-open-host": {
        "fi": (
            "Varoitus: --host {host} näyttää luonnokset ja intranetin tekstit kaikille, jotka saavat yhteyden "
            "tähän koneeseen.",
            "Työtilassa ei ole kirjautumista: käytä 127.0.0.1, ellei verkko ole suljettu.",
        ),
        "sv": (
            "Varning: --host {host} visar utkast och intranättexter för alla som når den här datorn.",
            "Arbetsytan har ingen inloggning: använd 127.0.0.1 om nätet inte är stängt.",
        ),
        "en": (
            "Warning: --host {host} shows drafts and intranet texts to anyone who can reach this machine.",
            "The live studio has no sign-in: use 127.0.0.1 unless the network is closed.",
        ),
    },
}
