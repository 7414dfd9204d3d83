"""Rules across records and files: ids, references, dates, opening hours, places, people.

Each rule is a small function that reads the catalogue and adds messages to the report; the
reference rules are a table, so that adding a field that points at other records is one line.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from typing import Any, Callable, Iterable, Iterator, get_args, get_origin

from ..data import places
from ..data.catalogue import Catalogue, earliest_day
from ..data.diagnostics import Report, format_path
from ..data.loader import nearest
from ..data.model import ENTITY_KINDS, VOCABULARY_KINDS, Address, DataFile, OpeningHours
from ..data.policy import STALE_AFTER_DAYS

Rule = Callable[[Catalogue, Report], None]


@lru_cache(maxsize=None)
def _fields_of(model: type) -> frozenset[str]:
    return frozenset(model.model_fields)


def _field(record: Any, name: str, default: Any = None) -> Any:
    """getattr with a default, without pydantic's slow path for a field the model does not have."""
    return getattr(record, name) if name in _fields_of(type(record)) else default


def _error(catalogue: Catalogue, report: Report, record: Any, subpath: tuple, message: str,
           severity: str = "error", key: bool = False) -> None:
    origin = catalogue.origin(record)
    line, column = origin.locate(*subpath, key=key)
    report.add(origin.file, line, column, format_path(origin.path + subpath), message, severity)  # type: ignore[arg-type]


# --- ids ---------------------------------------------------------------------------------------

# Entities share one id space: a contact or event may point at any of them by id alone.
ID_GROUPS: tuple[tuple[str, ...], ...] = (ENTITY_KINDS, ("sources",), ("events",), ("glossary",),
                                          *((k,) for k in VOCABULARY_KINDS))


def ids_of(records: dict[str, list[Any]]) -> dict[str, list[str]]:
    """Each kind's ids, in order: what the id rules need to know of records in other files."""
    return {kind: [record.id for record in items] for kind, items in records.items()}


def has_duplicate_ids(ids: dict[str, list[str]]) -> bool:
    """True when check_unique_ids has something to say about records with these ids."""
    for kinds in ID_GROUPS:
        group = [record_id for kind in kinds for record_id in ids.get(kind, ())]
        if len(set(group)) != len(group):
            return True
    return False


def check_unique_ids(catalogue: Catalogue, report: Report) -> None:
    if not has_duplicate_ids(ids_of(catalogue.records)):
        return
    for record, first in _duplicates(catalogue):
        other = catalogue.origin(first)
        _error(catalogue, report, record, ("id",), f"duplicate id {record.id!r}: already used at {other.file}:{other.line}")


def firsts_of_duplicates(catalogue: Catalogue) -> list[Any]:
    """The records whose id a later record of their group uses again (messages give their line)."""
    if not has_duplicate_ids(ids_of(catalogue.records)):
        return []
    return list({id(first): first for _, first in _duplicates(catalogue)}.values())


def _duplicates(catalogue: Catalogue) -> Iterator[tuple[Any, Any]]:
    """(record, the first record of its id) for each record whose id its group used before."""
    for kinds in ID_GROUPS:
        first: dict[str, Any] = {}
        for kind in kinds:
            for record in catalogue.records[kind]:
                if record.id in first:
                    yield record, first[record.id]
                else:
                    first[record.id] = record


# --- references --------------------------------------------------------------------------------

# (kind of record, field, kinds it may point at). A field may be a list or a single id.
REFERENCES: list[tuple[str, str, tuple[str, ...]]] = [
    ("organisations", "kind", ("organisation_kinds",)),
    ("organisations", "parent", ("organisations",)),
    ("organisations", "partners", ("organisations",)),
    ("organisations", "target_groups", ("target_groups",)),
    ("antennes", "kind", ("location_kinds",)),
    ("antennes", "operators", ("organisations",)),
    ("antennes", "services", ("service_kinds",)),
    ("antennes", "target_groups", ("target_groups",)),
    ("antennes", "successors", ("antennes",)),
    ("programmes", "kind", ("programme_kinds",)),
    ("programmes", "operators", ("organisations",)),
    ("programmes", "partners", ("organisations",)),
    ("programmes", "funders", ("organisations",)),
    ("programmes", "target_groups", ("target_groups",)),
    ("programmes", "locations", ("antennes",)),
    ("programmes", "related", ("programmes",)),
    ("contacts", "organisation", ("organisations",)),
    ("contacts", "about", ("antennes", "programmes")),
    ("events", "about", ENTITY_KINDS),
]

# Nested lists of source ids, besides each record's own `sources`.
SOURCE_FIELDS: dict[str, list[str]] = {
    "organisations": ["figures"],
    "antennes": ["figures", "opening_hours", "coordinates"],
    "programmes": ["figures"],
}


def _values(record: Any, field: str) -> Iterator[tuple[tuple, str]]:
    value = getattr(record, field)
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield (field, index), item
    elif value is not None:
        yield (field,), value


def _source_references(record: Any, kind: str) -> Iterator[tuple[tuple, str]]:
    for index, source_id in enumerate(getattr(record, "sources", []) or []):
        yield ("sources", index), source_id
    for field in SOURCE_FIELDS.get(kind, []):
        value = getattr(record, field)
        items = list(enumerate(value)) if isinstance(value, list) else ([(None, value)] if value else [])
        for index, item in items:
            base = (field,) if index is None else (field, index)
            for source_index, source_id in enumerate(item.sources):
                yield base + ("sources", source_index), source_id


def _unknown(ids: Any, known: Any) -> bool:
    """True when a field's value (an id, a list of ids, or None) names an id that is not known."""
    if isinstance(ids, list):
        return not known.issuperset(ids)
    return ids is not None and ids not in known


# Kinds whose records cite sources (SOURCE_FIELDS lists nested citations besides `sources`).
CITING_KINDS = (*ENTITY_KINDS, "events", "glossary")

References = dict[tuple[str, str], set[str]]  # (kind, field) -> every id that field names


def references_of(records: dict[str, list[Any]]) -> References:
    """Every id each reference field names, and (kind, "sources") every source a kind cites:
    what the reference rule needs to know of records in other files."""
    named: References = {}
    for kind, field, _ in REFERENCES:
        named[(kind, field)] = set(_values_of(records[kind], kind, field)) - {None}
    for kind in CITING_KINDS:
        named[(kind, "sources")] = _cited_sources(records[kind], kind)
    return named


def _values_of(records: list[Any], kind: str, field: str) -> Iterable[Any]:
    """The values a field has in records of a kind: the items of each where it is a list, and
    None where it is not set."""
    values = map(attrgetter(field), records)
    return chain.from_iterable(filter(None, values)) if _is_list_field(kind, field) else values


@lru_cache(maxsize=None)
def _is_list_field(kind: str, field: str) -> bool:
    """Whether a field of a kind's records holds a list (or perhaps None)."""
    record_model = get_args(DataFile.model_fields[kind].annotation)[0]
    annotation = record_model.model_fields[field].annotation
    return any(get_origin(option) is list for option in (annotation, *get_args(annotation)))


def unresolved(references: References, known: Callable[[tuple[str, ...]], frozenset[str]]) -> list[tuple[str, str]]:
    """The (kind, field)s that name an id that is not known, given the known ids of some kinds."""
    targets = {(kind, field): kinds for kind, field, kinds in REFERENCES}
    targets.update({(kind, "sources"): ("sources",) for kind in CITING_KINDS})
    return [(kind, field) for (kind, field), ids in references.items() if not known(targets[kind, field]).issuperset(ids)]


def check_references(catalogue: Catalogue, report: Report) -> None:
    def missing(record: Any, subpath: tuple, target: str, kinds: tuple[str, ...]) -> None:
        if any(catalogue.get(kind, target) is not None for kind in kinds):
            return
        known = [rid for kind in kinds for rid in catalogue.by_id[kind]]
        what = " or ".join(k.replace("_", " ") for k in kinds)
        message = f"{target!r} is not a known id of {what}"
        hint = nearest(target, known)
        if hint:
            message += f": did you mean {hint!r}?"
        if all(k in VOCABULARY_KINDS for k in kinds) and len(known) <= 30:
            message += f" Allowed values: {', '.join(sorted(known))}"
        _error(catalogue, report, record, subpath, message)

    # Most references are fine: one set operation per field of a kind, then a set lookup per
    # record where that fails, to find the few records worth a closer look.
    known_of = lambda kinds: _known_ids(catalogue, kinds)  # noqa: E731
    failing = set(unresolved(references_of(catalogue.records), known_of))
    for kind, field, targets in REFERENCES:
        if (kind, field) not in failing:
            continue
        known = known_of(targets)
        for record in catalogue.records[kind]:
            if _unknown(getattr(record, field), known):
                for subpath, target in _values(record, field):
                    missing(record, subpath, target, targets)
    sources = known_of(("sources",))
    for kind in CITING_KINDS:
        if (kind, "sources") not in failing:
            continue
        for record in catalogue.records[kind]:
            if _cites_unknown_source(record, kind, sources):
                for subpath, target in _source_references(record, kind):
                    missing(record, subpath, target, ("sources",))


def _cited_sources(records: list[Any], kind: str) -> set[str]:
    """Every source id records of a kind cite, in `sources` and in the fields of SOURCE_FIELDS
    (each a list, or a single value or None, of items with their own `sources`)."""
    cited = set(chain.from_iterable(map(attrgetter("sources"), records)))
    for field in SOURCE_FIELDS.get(kind, ()):
        items = filter(None, _values_of(records, kind, field))  # a model is never false; None is
        cited.update(chain.from_iterable(map(attrgetter("sources"), items)))
    return cited


def _known_ids(catalogue: Catalogue, kinds: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(catalogue.by_id[kind] for kind in kinds))


def _cites_unknown_source(record: Any, kind: str, sources: frozenset[str]) -> bool:
    if not sources.issuperset(record.sources):
        return True
    for field in SOURCE_FIELDS.get(kind, ()):
        value = getattr(record, field)
        for item in value if isinstance(value, list) else ([value] if value else []):
            if not sources.issuperset(item.sources):
                return True
    return False


def parents_of(records: dict[str, list[Any]]) -> list[tuple[str, str | None]]:
    """(id, parent) of each organisation record, in order."""
    return [(org.id, org.parent) for org in records["organisations"]]


def parent_loops(parents: list[tuple[str, str | None]]) -> list[int]:
    """The records (by index) whose chain of parents comes back to an id already in it. A chain
    goes on through the first record of each id, as Catalogue.get finds it."""
    first: dict[str, str | None] = {}
    for org_id, parent in parents:
        first.setdefault(org_id, parent)
    looping = []
    for index, (org_id, parent) in enumerate(parents):
        seen = {org_id}
        while parent:
            if parent in seen:
                looping.append(index)
                break
            seen.add(parent)
            if parent not in first:
                break
            parent = first[parent]
    return looping


def check_parent_loops(catalogue: Catalogue, report: Report) -> None:
    for index in parent_loops(parents_of(catalogue.records)):
        org = catalogue.organisations[index]
        _error(catalogue, report, org, ("parent",), f"the parent chain of {org.id!r} loops back on itself")


def check_own_successor(catalogue: Catalogue, report: Report) -> None:
    for antenne in catalogue.antennes:
        if antenne.id in antenne.successors:
            _error(catalogue, report, antenne, ("successors",), "a place cannot be its own successor")


# --- dates -------------------------------------------------------------------------------------

def _is_future(partial: str | dt.date, today: dt.date) -> bool:
    day = partial if isinstance(partial, dt.date) else earliest_day(partial)
    return day > today


def _before(later: str, earlier: str) -> bool:
    """True when `later` is certainly before `earlier`, at the precision both share."""
    common = min(len(later), len(earlier))
    return later[:common] < earlier[:common]


def check_dates(catalogue: Catalogue, report: Report) -> None:
    today = catalogue.today
    for kind in (*ENTITY_KINDS,):
        for record in catalogue.records[kind]:
            if record.last_checked and record.last_checked > today:
                _error(catalogue, report, record, ("last_checked",),
                       f"{record.last_checked} is in the future: write the day the record was checked")
            if record.as_of and _is_future(record.as_of, today):
                _error(catalogue, report, record, ("as_of",), f"{record.as_of} is in the future")
            for index, figure in enumerate(_field(record, "figures", [])):
                if _is_future(figure.period, today):
                    _error(catalogue, report, record, ("figures", index, "period"), f"{figure.period} is in the future")
    for source in catalogue.sources:
        if source.date and _is_future(source.date, today):
            _error(catalogue, report, source, ("date",), f"{source.date} is in the future: a source cannot be published later than today")
        if source.retrieved and source.retrieved > today:
            _error(catalogue, report, source, ("retrieved",), f"{source.retrieved} is in the future")
    for antenne in catalogue.antennes:
        if antenne.opened and antenne.closed and _before(antenne.closed, antenne.opened):
            _error(catalogue, report, antenne, ("closed",), f"closes ({antenne.closed}) before it opens ({antenne.opened})")
        if antenne.closed and antenne.status != "gesloten":
            _error(catalogue, report, antenne, ("status",), f"has a closing date ({antenne.closed}) but status {antenne.status!r}: use 'gesloten'")
        if antenne.status == "gesloten" and antenne.closed and _is_future(antenne.closed, today):
            _error(catalogue, report, antenne, ("closed",), f"{antenne.closed} is in the future, but the status is 'gesloten'")
        if antenne.successors and antenne.status != "gesloten":
            _error(catalogue, report, antenne, ("successors",), "only a closed place has successors")
    for programme in catalogue.programmes:
        if programme.started and programme.ended and _before(programme.ended, programme.started):
            _error(catalogue, report, programme, ("ended",), f"ends ({programme.ended}) before it starts ({programme.started})")


# --- opening hours -----------------------------------------------------------------------------

def _minutes(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


def _periods_overlap(a: Any, b: Any) -> bool:
    start = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    end = min(a.valid_to or dt.date.max, b.valid_to or dt.date.max)
    return start <= end


def check_opening_hours(catalogue: Catalogue, report: Report) -> None:
    for antenne in catalogue.antennes:
        hours: OpeningHours | None = antenne.opening_hours
        if hours is None:
            continue
        base = ("opening_hours",)
        for index, rule in enumerate(hours.rules):
            where = base + ("rules", index)
            if _minutes(rule.closes) <= _minutes(rule.opens):
                _error(catalogue, report, antenne, where + ("closes",), f"closes at {rule.closes}, not after it opens at {rule.opens}")
            if rule.valid_from and rule.valid_to and rule.valid_to < rule.valid_from:
                _error(catalogue, report, antenne, where + ("valid_to",), f"{rule.valid_to} is before valid_from {rule.valid_from}")
            if len(set(rule.days)) != len(rule.days):
                _error(catalogue, report, antenne, where + ("days",), "a day is listed twice")
            for other_index in range(index):
                other = hours.rules[other_index]
                shared = [d for d in rule.days if d in other.days]
                if (shared and _periods_overlap(rule, other)
                        and _minutes(rule.opens) < _minutes(other.closes)
                        and _minutes(other.opens) < _minutes(rule.closes)):
                    _error(catalogue, report, antenne, where,
                           f"overlaps with rules[{other_index}] on {', '.join(shared)} "
                           f"({rule.opens}-{rule.closes} and {other.opens}-{other.closes})")
        seen_days: dict[dt.date, int] = {}
        for index, exception in enumerate(hours.exceptions):
            where = base + ("exceptions", index)
            if exception.date in seen_days:
                _error(catalogue, report, antenne, where + ("date",), f"{exception.date} is already listed at exceptions[{seen_days[exception.date]}]")
            seen_days.setdefault(exception.date, index)
            if exception.closed and (exception.opens or exception.closes):
                _error(catalogue, report, antenne, where, "a closed day has no opening hours: remove opens and closes, or remove closed: true")
            elif not exception.closed and (exception.opens is None) != (exception.closes is None):
                _error(catalogue, report, antenne, where, "give both opens and closes, or closed: true")
            elif not exception.closed and exception.opens is None:
                _error(catalogue, report, antenne, where, "say what changes that day: closed: true, or opens and closes")
            elif exception.opens and exception.closes and _minutes(exception.closes) <= _minutes(exception.opens):
                _error(catalogue, report, antenne, where + ("closes",), f"closes at {exception.closes}, not after it opens at {exception.opens}")


# --- places ------------------------------------------------------------------------------------

# The same few hundred place names recur across thousands of records; folding them is not free.
_resolve_municipality = lru_cache(maxsize=8192)(places.resolve_municipality)


def _check_address(catalogue: Catalogue, report: Report, record: Any, address: Address, base: tuple) -> None:
    by_code = places.municipality_for_postal_code(address.postal_code) if address.postal_code else None
    expected = by_code
    if address.municipality:
        named = _resolve_municipality(address.municipality)
        if named is None:
            hint = nearest(address.municipality, places.municipality_names())
            tip = f": did you mean {hint!r}?" if hint else ""
            _error(catalogue, report, record, base + ("municipality",), f"{address.municipality!r} is not a Belgian municipality{tip}")
        elif by_code and named.municipality.refnis != by_code.refnis:
            _error(catalogue, report, record, base + ("municipality",),
                   f"{address.municipality!r} contradicts postal code {address.postal_code}, which is in {by_code.name}")
        else:
            expected = named.municipality
    if address.place and expected:
        named = _resolve_municipality(address.place)
        # A place that is another municipality (today or before a merger) contradicts the address.
        if named and named.municipality.refnis != expected.refnis:
            why = f"postal code {address.postal_code}" if by_code else f"municipality {address.municipality!r}"
            _error(catalogue, report, record, base + ("place",),
                   f"{address.place!r} contradicts {why}, which is in {expected.name}")
    if not (address.postal_code or address.municipality or (address.place and _resolve_municipality(address.place))):
        _error(catalogue, report, record, base,
               "cannot tell the municipality: give postal_code, or municipality when the source has no postal code")


def check_places(catalogue: Catalogue, report: Report) -> None:
    for kind in (*ENTITY_KINDS,):
        for record in catalogue.records[kind]:
            if _field(record, "address") is not None:
                _check_address(catalogue, report, record, record.address, ("address",))
            for index, name in enumerate(_field(record, "area_served") or []):
                if _resolve_municipality(name) is None:
                    hint = nearest(name, places.municipality_names())
                    tip = f": did you mean {hint!r}?" if hint else ""
                    _error(catalogue, report, record, ("area_served", index), f"{name!r} is not a Belgian municipality{tip}")


# --- people ------------------------------------------------------------------------------------

_PERSONAL_EMAIL = re.compile(r"^[a-z]+[.][a-z]+(?:[.-][a-z]+)*@", re.IGNORECASE)


def check_people(catalogue: Catalogue, report: Report) -> None:
    # A first.last@ address names a person as surely as a name field does.
    for kind in ENTITY_KINDS:
        for record in catalogue.records[kind]:
            email = _field(record, "email")
            has_basis = _field(record, "person") is not None
            if email and _PERSONAL_EMAIL.match(email) and not has_basis:
                _error(catalogue, report, record, ("email",),
                       f"{email} looks like a personal address: publish a functional address, "
                       "or record the person with a basis for publishing (person: name, basis)")


# --- freshness ---------------------------------------------------------------------------------

def check_freshness(catalogue: Catalogue, report: Report) -> None:
    for kind in ENTITY_KINDS:
        for record in catalogue.records[kind]:
            age = catalogue.age_in_days(record)
            if age is not None and age <= STALE_AFTER_DAYS:
                continue
            if age is None:
                message = "never checked, and its sources are undated: check it and set last_checked"
            elif record.last_checked:
                message = f"last checked {record.last_checked}, more than {STALE_AFTER_DAYS} days ago: check it again"
            else:
                message = f"never checked, and its facts date from {catalogue.facts_date(record)}: check it and set last_checked"
            _error(catalogue, report, record, ("id",), message, severity="warning")


# Rules across files: what they need of records in other files is their ids (ids_of), the ids
# they name (references_of) and their parents (parents_of).
CROSSING_RULES: list[Rule] = [
    check_unique_ids,
    check_references,
    check_parent_loops,
]
# Rules that read one record at a time: run on part of the records, they say what they would say
# about those records run on all.
RECORD_RULES: list[Rule] = [
    check_own_successor,
    check_dates,
    check_opening_hours,
    check_places,
    check_people,
]
# Rules that read a record and the sources it cites: the same, as long as every source is known.
CITED_SOURCE_RULES: list[Rule] = [
    check_freshness,
]
RULES: list[Rule] = CROSSING_RULES + RECORD_RULES + CITED_SOURCE_RULES


def run_checks(catalogue: Catalogue, report: Report) -> None:
    for rule in RULES:
        rule(catalogue, report)
