"""The data model: one typed class per kind of record, the single source of truth for the data.

The JSON Schemas in `schemas/`, the field reference in CONTRIBUTING.md and the record skeletons
of `python -m generators new` are all generated from these classes. Field descriptions are
written for editors, in Dutch, because they are shown to them.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from .fields import (
    Day,
    Email,
    HouseNumber,
    Line,
    PartialDate,
    Phone,
    PostalCode,
    Slug,
    Text,
    Time,
    Url,
)


class Strict(BaseModel):
    """Unknown keys are errors, and no value is converted behind an editor's back."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- building blocks ---------------------------------------------------------------------------

class Address(Strict):
    street: Line | None = Field(None, description="Straatnaam zoals de bron hem schrijft, zonder huisnummer.", examples=["Woodrow Wilsonplein"])
    number: HouseNumber | None = Field(None, description="Huisnummer, eventueel met bus. Laat weg als de bron het niet geeft.", examples=["2"])
    postal_code: PostalCode | None = Field(None, description="Belgische postcode. Bepaalt de gemeente en provincie van vandaag.", examples=["9000"])
    place: Line | None = Field(None, description="Plaatsnaam of deelgemeente zoals de bron ze noemt (bv. Ledeberg, Melle). Mag de gemeente van de postcode niet tegenspreken.", examples=["Ledeberg"])
    municipality: Line | None = Field(None, description="Gemeente, als er geen postcode is. Een gemeente die intussen fuseerde, wordt onder haar naam van vandaag getoond.", examples=["Gent"])
    building: Line | None = Field(None, description="Naam van het gebouw of de plek waar het adres is (bv. PAC Het Zuid).", examples=["PAC Het Zuid"])


class Coordinates(Strict):
    latitude: float = Field(description="Breedtegraad (WGS 84), in België tussen 49,4 en 51,6.", ge=49.4, le=51.6)
    longitude: float = Field(description="Lengtegraad (WGS 84), in België tussen 2,5 en 6,5.", ge=2.5, le=6.5)
    sources: list[Slug] = Field(min_length=1, description="Bronnen waaruit de coördinaten komen (id's uit sources.yaml).")


Weekday = Literal["ma", "di", "wo", "do", "vr", "za", "zo"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
"""The days as the data writes them, Monday first."""


class OpeningRule(Strict):
    days: list[Weekday] = Field(min_length=1, description="Dagen waarop deze uren gelden: ma, di, wo, do, vr, za, zo.", examples=[["ma", "di"]])
    opens: Time = Field(description="Uur van opening, tussen aanhalingstekens: \"09:00\".")
    closes: Time = Field(description="Uur van sluiting, tussen aanhalingstekens: \"12:30\".")
    valid_from: Day | None = Field(None, description="Eerste dag waarop deze uren gelden (JJJJ-MM-DD).")
    valid_to: Day | None = Field(None, description="Laatste dag waarop deze uren gelden (JJJJ-MM-DD).")
    note: Line | None = Field(None, description="Korte uitleg, bv. 'alleen op afspraak'.")


class OpeningException(Strict):
    date: Day = Field(description="De dag (JJJJ-MM-DD).")
    closed: bool = Field(False, description="true als de plek die dag gesloten is.")
    opens: Time | None = Field(None, description="Afwijkend openingsuur die dag.")
    closes: Time | None = Field(None, description="Afwijkend sluitingsuur die dag.")
    note: Line | None = Field(None, description="Reden of uitleg, bv. 'teamdag'.")


class OpeningHours(Strict):
    rules: list[OpeningRule] = Field(default_factory=list, description="Gewone openingsuren per dag.")
    public_holidays: Literal["gesloten", "open", "onbekend"] = Field("onbekend", description="Of de plek open is op Belgische wettelijke feestdagen: gesloten, open of onbekend.")
    exceptions: list[OpeningException] = Field(default_factory=list, description="Uitzonderingsdagen: sluitingen of andere uren.")
    sources: list[Slug] = Field(min_length=1, description="Bronnen voor de openingsuren.")


class Figure(Strict):
    label: Line = Field(description="Wat er geteld is, in gewone taal.", examples=["cliënten in een artikel 60-statuut begeleid"])
    value: float | int = Field(description="Het getal zoals de bron het geeft.")
    unit: Line | None = Field(None, description="Eenheid, als die niet uit het label blijkt (bv. %).")
    period: PartialDate = Field(description="Jaar, maand of dag waarop het getal slaat.")
    sources: list[Slug] = Field(default_factory=list, description="Bronnen, als ze verschillen van die van het record.")


class NamedItem(Strict):
    name: Line = Field(description="Naam.")
    description: Text | None = Field(None, description="Korte uitleg.")


class Record(Strict):
    """What every record has: a stable id, its sources, and how fresh it is."""

    id: Slug = Field(description="Vaste sleutel in kleine letters en koppeltekens. Verander hem nooit: andere records en links verwijzen ernaar.")
    sources: list[Slug] = Field(min_length=1, description="De bronnen waar de gegevens van dit record uit komen (id's uit sources.yaml).")
    as_of: PartialDate | None = Field(None, description="Datum waarop de feiten sloegen, zo precies als de bron is. Leeg: de datum van de jongste bron.")
    last_checked: Day | None = Field(None, description="Dag waarop een redacteur alles laatst nakeek bij de organisatie of een actuele bron. Leeg als het nooit gebeurde.")
    aliases: list[Line] = Field(default_factory=list, description="Andere namen en schrijfwijzen waarop men moet kunnen zoeken.")
    notes: Text | None = Field(None, description="Opmerking voor de lezer, bv. wat de bron niet zegt of wat we bewust weglaten.")


# --- vocabularies ------------------------------------------------------------------------------

class Term(Strict):
    id: Slug = Field(description="Vaste sleutel van de term.")
    label: Line = Field(description="Naam zoals de lezer hem ziet.")
    description: Text | None = Field(None, description="Uitleg in eenvoudige taal.")


class GlossaryEntry(Strict):
    id: Slug = Field(description="Vaste sleutel van het begrip.")
    term: Line = Field(description="Het begrip zoals de bronnen het schrijven.")
    aliases: list[Line] = Field(default_factory=list, description="Andere schrijfwijzen die in teksten als dit begrip herkend worden.")
    definition: Text = Field(description="Uitleg in eenvoudige taal (B1), zoals de bronnen het begrip gebruiken.")
    sources: list[Slug] = Field(min_length=1, description="Bronnen voor de uitleg.")


# --- sources -----------------------------------------------------------------------------------

SourceKind = Literal["webpagina", "nieuwsbericht", "persbericht", "presentatie", "wettekst", "rapport", "andere"]


class Source(Strict):
    id: Slug = Field(description="Vaste sleutel van de bron.")
    publisher: Line = Field(description="Wie de tekst publiceerde.", examples=["OCMW Aalst"])
    title: Line = Field(description="Titel zoals de bron hem geeft.")
    date: PartialDate | None = Field(None, description="Publicatiedatum, zo precies als bekend. Leeg als de bron ongedateerd is.")
    date_note: Line | None = Field(None, description="Uitleg over de datum, bv. 'ongedateerd, beschrijft de toestand sinds 2016'.")
    kind: SourceKind = Field(description="Soort bron: webpagina, nieuwsbericht, persbericht, presentatie, wettekst, rapport of andere.")
    url: Url | None = Field(None, description="Adres van de bron op het web, als het bekend is.")
    retrieved: Day | None = Field(None, description="Dag waarop de bron geraadpleegd werd.")


# --- entities ----------------------------------------------------------------------------------

class Organisation(Record):
    name: Line = Field(description="Officiële naam.", examples=["OCMW Aalst"])
    short_name: Line | None = Field(None, description="Korte naam of afkorting.")
    kind: Slug = Field(description="Soort organisatie (id uit organisation_kinds in vocabularies.yaml).")
    parent: Slug | None = Field(None, description="De organisatie waar deze deel van is (id).")
    partners: list[Slug] = Field(default_factory=list, description="Organisaties waarmee ze samenwerkt (id's).")
    description: Text | None = Field(None, description="Wat de organisatie doet, in eenvoudige taal.")
    target_groups: list[Slug] = Field(default_factory=list, description="Voor wie (id's uit target_groups).")
    departments: list[NamedItem] = Field(default_factory=list, description="Afdelingen of soorten werk.")
    founded: PartialDate | None = Field(None, description="Sinds wanneer de organisatie in deze vorm bestaat.")
    website: Url | None = Field(None, description="Website.")
    email: Email | None = Field(None, description="Algemeen e-mailadres (geen persoonlijk adres).")
    phone: Phone | None = Field(None, description="Algemeen telefoonnummer.")
    address: Address | None = Field(None, description="Adres van de hoofdzetel.")
    figures: list[Figure] = Field(default_factory=list, description="Cijfers uit de bronnen, met hun periode.")


class Antenne(Record):
    name: Line = Field(description="Naam van de plek.", examples=["Werkantenne Rabot"])
    kind: Slug = Field(description="Soort plek (id uit location_kinds), bv. werkantenne of werkwinkel.")
    operators: list[Slug] = Field(min_length=1, description="Organisaties die de plek uitbaten (id's).")
    neighbourhood: Line | None = Field(None, description="Wijk of buurt.", examples=["Rabot"])
    host: Line | None = Field(None, description="Gebouw of organisatie die de plek onderdak geeft.", examples=["Buurtcentrum Rabot"])
    address: Address | None = Field(None, description="Adres, zover de bron het geeft.")
    coordinates: Coordinates | None = Field(None, description="Ligging op de kaart, alleen uit een bron.")
    description: Text | None = Field(None, description="Wat er gebeurt, in eenvoudige taal.")
    focus: Line | None = Field(None, description="Waar de plek zich op richt, bv. een sector.")
    services: list[Slug] = Field(default_factory=list, description="Wat men er kan doen (id's uit service_kinds).")
    target_groups: list[Slug] = Field(default_factory=list, description="Voor wie (id's uit target_groups).")
    area_served: list[Line] = Field(default_factory=list, description="Gemeenten die de plek bedient, zoals de bron ze noemt.")
    opening_hours: OpeningHours | None = Field(None, description="Openingsuren, alleen als een bron ze geeft.")
    phone: Phone | None = Field(None, description="Telefoonnummer van de plek.")
    email: Email | None = Field(None, description="E-mailadres van de plek.")
    website: Url | None = Field(None, description="Webpagina van de plek.")
    status: Literal["voorgesteld", "gepland", "open", "gesloten"] = Field(description="Toestand volgens de jongste bron: voorgesteld, gepland, open of gesloten.")
    opened: PartialDate | None = Field(None, description="Wanneer de plek openging (of zou opengaan).")
    closed: PartialDate | None = Field(None, description="Wanneer de plek sloot.")
    timing_note: Line | None = Field(None, description="Hoe de bron de timing beschrijft, als die niet precies is.")
    successors: list[Slug] = Field(default_factory=list, description="Plekken die een gesloten plek vervangen (id's van antennes).")
    figures: list[Figure] = Field(default_factory=list, description="Cijfers uit de bronnen, met hun periode.")


class Role(Strict):
    name: Line = Field(description="Naam van de rol.", examples=["werkvloerbegeleider"])
    description: Text | None = Field(None, description="Wat iemand in die rol doet.")


class Programme(Record):
    name: Line = Field(description="Naam van de maatregel, het traject of het project.")
    kind: Slug = Field(description="Soort (id uit programme_kinds).")
    description: Text | None = Field(None, description="Wat het is, in eenvoudige taal.")
    legal_basis: Line | None = Field(None, description="Wettelijke basis, bv. artikel 60§7 van de OCMW-wet.")
    operators: list[Slug] = Field(default_factory=list, description="Organisaties die het uitvoeren (id's).")
    partners: list[Slug] = Field(default_factory=list, description="Partnerorganisaties (id's).")
    funders: list[Slug] = Field(default_factory=list, description="Wie het betaalt (id's).")
    target_groups: list[Slug] = Field(default_factory=list, description="Voor wie (id's uit target_groups).")
    eligibility: Text | None = Field(None, description="Wie mag deelnemen of een aanvraag doen.")
    activities: list[NamedItem] = Field(default_factory=list, description="Wat deelnemers er doen, of de onderdelen.")
    duration: Line | None = Field(None, description="Hoe lang het duurt.")
    rhythm: Line | None = Field(None, description="Hoe vaak, bv. 'wekelijks lesmoment'.")
    how_to_apply: Text | None = Field(None, description="Hoe men begint of een aanvraag doet.")
    roles: list[Role] = Field(default_factory=list, description="Rollen van de mensen die begeleiden.")
    locations: list[Slug] = Field(default_factory=list, description="Plekken waar het aangeboden wordt (id's van antennes).")
    related: list[Slug] = Field(default_factory=list, description="Verwante programma's (id's).")
    area_served: list[Line] = Field(default_factory=list, description="Gemeenten of gebied, zoals de bron ze noemt.")
    started: PartialDate | None = Field(None, description="Sinds wanneer het bestaat of geldt.")
    ended: PartialDate | None = Field(None, description="Tot wanneer het bestond of gold.")
    website: Url | None = Field(None, description="Webpagina met meer uitleg.")
    figures: list[Figure] = Field(default_factory=list, description="Cijfers uit de bronnen, met hun periode.")


class Person(Strict):
    name: Line = Field(description="Naam van de persoon.")
    basis: Text = Field(description="Waarom we deze naam mogen publiceren (bv. schriftelijke toestemming van dd/mm/jjjj).")


class Contact(Record):
    organisation: Slug = Field(description="De organisatie van dit contactpunt (id).")
    function: Line = Field(description="Dienst of functie, bv. 'dienst Maatschappelijke Participatie'.")
    person: Person | None = Field(None, description="Alleen met een vastgelegde grond om de naam te publiceren.")
    about: list[Slug] = Field(default_factory=list, description="Antennes of programma's waarvoor dit het contactpunt is (id's).")
    email: Email | None = Field(None, description="Functioneel e-mailadres.")
    phone: Phone | None = Field(None, description="Functioneel telefoonnummer.")
    address: Address | None = Field(None, description="Bezoek- of postadres.")
    hours: Line | None = Field(None, description="Wanneer bereikbaar, zoals de bron het zegt.")


class Event(Strict):
    id: Slug = Field(description="Vaste sleutel van de gebeurtenis.")
    date: PartialDate = Field(description="Wanneer, zo precies als de bron is.")
    title: Line = Field(description="Wat er gebeurde, in één zin.")
    description: Text | None = Field(None, description="Meer uitleg.")
    about: list[Slug] = Field(default_factory=list, description="Records waarover het gaat (id's).")
    sources: list[Slug] = Field(min_length=1, description="Bronnen.")


class DataFile(Strict):
    """One YAML file under data/: any of these lists, each optional."""

    sources: list[Source] = Field(default_factory=list, description="Bronnen waarnaar records verwijzen.")
    organisations: list[Organisation] = Field(default_factory=list, description="Organisaties.")
    antennes: list[Antenne] = Field(default_factory=list, description="Plekken waar men binnenloopt.")
    programmes: list[Programme] = Field(default_factory=list, description="Maatregelen, trajecten, subsidies, netwerken.")
    contacts: list[Contact] = Field(default_factory=list, description="Contactpunten.")
    events: list[Event] = Field(default_factory=list, description="Gebeurtenissen voor de tijdlijn.")
    target_groups: list[Term] = Field(default_factory=list, description="Doelgroepen.")
    organisation_kinds: list[Term] = Field(default_factory=list, description="Soorten organisaties.")
    location_kinds: list[Term] = Field(default_factory=list, description="Soorten plekken.")
    service_kinds: list[Term] = Field(default_factory=list, description="Soorten dienstverlening op een plek.")
    programme_kinds: list[Term] = Field(default_factory=list, description="Soorten programma's.")
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Begrippen met uitleg.")


ENTITY_KINDS = ("organisations", "antennes", "programmes", "contacts")
VOCABULARY_KINDS = ("target_groups", "organisation_kinds", "location_kinds", "service_kinds", "programme_kinds")
