"""`werkwijzer.json`: every record as the model has it, and the JSON Schema that describes it.

The file is the data files merged: each record with all its fields (absent ones as null), sorted
by id, next to the vocabularies, the glossary, the sources and the events. Its JSON Schema is
generated from the same pydantic classes that check the data, so the two cannot drift apart.
Raise FORMAT_VERSION's major number when a field is removed or changes meaning; the minor one
when fields are added.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from ..data.catalogue import Catalogue
from ..data.model import (
    VOCABULARY_KINDS,
    DataFile,
    Antenne,
    Contact,
    Event,
    GlossaryEntry,
    Organisation,
    Programme,
    Source,
    Term,
)

FORMAT_VERSION = "1.0"
SCHEMA_FILE = "werkwijzer.schema.json"


# The vocabularies as the data files have them: a vocabulary added to the model is exported too.
Vocabularies = create_model(
    "Vocabularies",
    __config__=ConfigDict(extra="forbid"),
    **{kind: (list[Term], Field(description=DataFile.model_fields[kind].description)) for kind in VOCABULARY_KINDS},
)


class Licence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    path: str
    title: str


class WerkwijzerExport(BaseModel):
    """Alle gegevens van Werkwijzer in één bestand."""

    model_config = ConfigDict(extra="forbid", title="Werkwijzer")

    format: Literal["werkwijzer"] = Field(description="Naam van het formaat.")
    format_version: Literal["1.0"] = Field(description="Versie van het formaat: de eerste cijfers veranderen als velden verdwijnen of van betekenis veranderen.")
    data_date: str | None = Field(description="Jongste datum in de gegevens (controle of bron), JJJJ-MM-DD.")
    licence: Licence = Field(description="Licentie van de gegevens.")
    sources: list[Source]
    organisations: list[Organisation]
    antennes: list[Antenne]
    programmes: list[Programme]
    contacts: list[Contact]
    events: list[Event]
    vocabularies: Vocabularies
    glossary: list[GlossaryEntry]


def _sorted(records: list) -> list:
    return sorted(records, key=lambda r: r.id)


def export_document(catalogue: Catalogue, licence: dict, data_date: str | None) -> dict:
    document = WerkwijzerExport(
        format="werkwijzer",
        format_version=FORMAT_VERSION,
        data_date=data_date,
        licence=Licence(**licence),
        sources=_sorted(catalogue.sources),
        organisations=_sorted(catalogue.organisations),
        antennes=_sorted(catalogue.antennes),
        programmes=_sorted(catalogue.programmes),
        contacts=_sorted(catalogue.contacts),
        events=_sorted(catalogue.events),
        vocabularies=Vocabularies(**{k: _sorted(catalogue.vocabulary(k)) for k in Vocabularies.model_fields}),
        glossary=_sorted(catalogue.glossary),
    )
    data = document.model_dump(mode="json")
    return {"$schema": f"./{SCHEMA_FILE}", **data}


def json_schema() -> dict:
    schema = TypeAdapter(WerkwijzerExport).json_schema(mode="serialization")
    schema["properties"]["$schema"] = {"type": "string", "description": "Pad naar dit schema."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILE,
        **schema,
    }
