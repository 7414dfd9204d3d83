"""The Catalogue: every record of every file, indexed, with the positions to blame in messages.

It is the one object that rendering, exports and checks read. Derived views (an organisation's
antennes, a record's age, an address's municipality today) are computed here once, so that no
template or exporter works them out again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Iterable, Iterator

from . import clock, places
from .diagnostics import Path
from .model import (
    ENTITY_KINDS,
    Address,
    Antenne,
    Contact,
    DataFile,
    Event,
    GlossaryEntry,
    Organisation,
    Programme,
    Source,
    Term,
)
from .yamlsource import Document

ALL_KINDS = tuple(DataFile.model_fields)

Entity = Organisation | Antenne | Programme | Contact


@dataclass(frozen=True)
class Origin:
    """Where a record was written: to blame in messages and to open in the editor."""

    document: Document
    path: Path

    @property
    def file(self) -> str:
        return self.document.path

    @property
    def line(self) -> int:
        return self.document.locate(self.path)[0]

    def locate(self, *subpath: Any, key: bool = False) -> tuple[int, int]:
        return self.document.locate(self.path + subpath, key=key)


@dataclass(frozen=True)
class PlaceName:
    """A municipality as shown today, with the name the source used when it differs."""

    municipality: places.Municipality
    written: str | None = None
    merged_since: str | None = None


@dataclass
class Catalogue:
    records: dict[str, list[Any]] = field(default_factory=lambda: {kind: [] for kind in ALL_KINDS})
    origins: dict[int, Origin] = field(default_factory=dict)
    today: dt.date = field(default_factory=clock.today)

    # --- building -----------------------------------------------------------------------------

    def add(self, document: Document, data: DataFile, kinds: Iterable[str] = ALL_KINDS) -> None:
        """A file's records (of some kinds only, if given), each with where it was written."""
        for kind in kinds:
            self.add_records(kind, [(record, Origin(document, (kind, index)))
                                    for index, record in enumerate(getattr(data, kind))])

    def add_records(self, kind: str, records: Iterable[tuple[Any, Any]]) -> None:
        """Records of a kind, each with where it was written: an Origin, or for a stand-in of a
        record another process keeps, anything with `file`, `path`, `line` and `locate`."""
        for record, origin in records:
            self.records[kind].append(record)
            self.origins[id(record)] = origin

    def cite_sources_of(self, other: Catalogue) -> None:
        """Find the sources records cite in another catalogue, which holds these records among more."""
        self.by_id["sources"] = other.by_id["sources"]

    def origin(self, record: Any) -> Origin:
        return self.origins[id(record)]

    # --- lists and indexes --------------------------------------------------------------------

    @property
    def sources(self) -> list[Source]:
        return self.records["sources"]

    @property
    def organisations(self) -> list[Organisation]:
        return self.records["organisations"]

    @property
    def antennes(self) -> list[Antenne]:
        return self.records["antennes"]

    @property
    def programmes(self) -> list[Programme]:
        return self.records["programmes"]

    @property
    def contacts(self) -> list[Contact]:
        return self.records["contacts"]

    @property
    def events(self) -> list[Event]:
        return self.records["events"]

    @property
    def glossary(self) -> list[GlossaryEntry]:
        return self.records["glossary"]

    def vocabulary(self, kind: str) -> list[Term]:
        return self.records[kind]

    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """kind -> id -> record (the first, when an id is used twice: the checks report that)."""
        index: dict[str, dict[str, Any]] = {}
        for kind, records in self.records.items():
            table: dict[str, Any] = {}
            for record in records:
                table.setdefault(record.id, record)
            index[kind] = table
        return index

    def get(self, kind: str, record_id: str) -> Any | None:
        return self.by_id[kind].get(record_id)

    def entity(self, record_id: str) -> tuple[str, Entity] | None:
        for kind in ENTITY_KINDS:
            found = self.by_id[kind].get(record_id)
            if found is not None:
                return kind, found
        return None

    def entities(self) -> Iterator[tuple[str, Entity]]:
        for kind in ENTITY_KINDS:
            for record in self.records[kind]:
                yield kind, record

    def term(self, vocabulary: str, term_id: str) -> Term | None:
        return self.by_id[vocabulary].get(term_id)

    def label(self, vocabulary: str, term_id: str) -> str:
        """A term's label, or its id when the term is unknown (the checks report that)."""
        term = self.term(vocabulary, term_id)
        return term.label if term else term_id

    def records_by_id(self, kind: str, ids: Iterable[str]) -> list[Any]:
        """The records of some ids, in their order, each once; unknown ids left out."""
        return [r for r in (self.get(kind, i) for i in dict.fromkeys(ids)) if r is not None]

    # --- cross-links, both ways ---------------------------------------------------------------

    @property
    def _reverse(self) -> dict[str, dict[str, list[Any]]]:
        """relation name -> target id -> records pointing at it."""
        return self._links[0]

    def references_of(self, record_id: str) -> frozenset[str]:
        """The ids a record points at (parent, partners, operators, sources, ...)."""
        return self._links[1].get(record_id, frozenset())

    @cached_property
    def _links(self) -> tuple[dict[str, dict[str, list[Any]]], dict[str, frozenset[str]]]:
        """Every cross-link once: (relation -> target -> records pointing at it, record id -> targets)."""
        reverse: dict[str, dict[str, list[Any]]] = {}
        forward: dict[str, set[str]] = {}

        def link(relation: str, targets: Iterable[str | None], record: Any) -> None:
            for target in targets:
                if target:
                    reverse.setdefault(relation, {}).setdefault(target, []).append(record)
                    forward.setdefault(record.id, set()).add(target)

        for org in self.organisations:
            link("children", [org.parent], org)
            link("partner_of", org.partners, org)
        for antenne in self.antennes:
            link("antennes", antenne.operators, antenne)
            link("predecessors", antenne.successors, antenne)
        for programme in self.programmes:
            link("operated", programme.operators, programme)
            link("partnered", programme.partners, programme)
            link("funded", programme.funders, programme)
            link("offered_at", programme.locations, programme)
            link("related_from", programme.related, programme)
        for contact in self.contacts:
            link("contacts", [contact.organisation], contact)
            link("contacts_about", contact.about, contact)
        for event in self.events:
            link("events", event.about, event)
        for kind in ENTITY_KINDS:
            for record in self.records[kind]:
                link("cited_by", record.sources, record)
        return reverse, {record_id: frozenset(targets) for record_id, targets in forward.items()}

    def pointing_at(self, relation: str, target_id: str) -> list[Any]:
        return list(self._reverse.get(relation, {}).get(target_id, []))

    def programmes_of(self, org_id: str) -> list[Programme]:
        """Programmes an organisation runs, partners in or funds, without repeats."""
        seen: dict[str, Programme] = {}
        for relation in ("operated", "partnered", "funded"):
            for programme in self.pointing_at(relation, org_id):
                seen.setdefault(programme.id, programme)
        return list(seen.values())

    def partners_of(self, org: Organisation) -> list[Organisation]:
        """Partners named on either side of the relation."""
        ids = list(dict.fromkeys([*org.partners, *(o.id for o in self.pointing_at("partner_of", org.id))]))
        return [p for p in (self.get("organisations", i) for i in ids) if p is not None]

    def related_programmes(self, programme: Programme) -> list[Programme]:
        ids = list(dict.fromkeys([*programme.related, *(p.id for p in self.pointing_at("related_from", programme.id))]))
        return [p for p in (self.get("programmes", i) for i in ids) if p is not None and p.id != programme.id]

    # --- freshness ----------------------------------------------------------------------------

    def facts_date(self, record: Any) -> str | None:
        """The date the facts are from: `as_of`, or else the youngest of its sources' dates."""
        if getattr(record, "as_of", None):
            return record.as_of
        dates = [s.date for s in (self.get("sources", i) for i in record.sources) if s and s.date]
        return max(dates) if dates else None

    def age_in_days(self, record: Any) -> int | None:
        """Days since the record was last checked, or else since the date its facts are from."""
        if getattr(record, "last_checked", None):
            return (self.today - record.last_checked).days
        facts = self.facts_date(record)
        return (self.today - earliest_day(facts)).days if facts else None

    # --- places -------------------------------------------------------------------------------

    def municipality(self, address: Address | None) -> PlaceName | None:
        """Today's municipality of an address: by postal code, else by the name written."""
        if address is None:
            return None
        if address.postal_code:
            found = places.municipality_for_postal_code(address.postal_code)
            return PlaceName(found) if found else None
        for name in (address.municipality, address.place):
            resolved = places.resolve_municipality(name) if name else None
            if resolved:
                return PlaceName(resolved.municipality, resolved.former_name, resolved.merged_since)
        return None

    def place_name(self, written: str) -> PlaceName | None:
        resolved = places.resolve_municipality(written)
        if resolved is None:
            return None
        return PlaceName(resolved.municipality, resolved.former_name, resolved.merged_since)

    def municipalities_of(self, record: Any) -> list[places.Municipality]:
        """Municipalities a record belongs to: its address, and the area it serves."""
        found: dict[str, places.Municipality] = {}
        for address in (getattr(record, "address", None),):
            place = self.municipality(address)
            if place:
                found[place.municipality.refnis] = place.municipality
        for name in getattr(record, "area_served", []) or []:
            place = self.place_name(name)
            if place:
                found.setdefault(place.municipality.refnis, place.municipality)
        return list(found.values())


@lru_cache(maxsize=65536)  # the same few thousand dates recur across tens of thousands of records
def earliest_day(partial: str) -> dt.date:
    """The first day a partial date (2014, 2014-10, 2014-10-01) can mean."""
    parts = [int(p) for p in partial.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
