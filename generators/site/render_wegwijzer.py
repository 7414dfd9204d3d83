"""The wegwijzer: a question path built from the data, from "who are you" to what fits.

Three questions, each a static page of links: who are you (a target group), what do you need (a
service of a place, or a kind of programme), where (today's municipality). Only answers that
lead to a record are linked, so a visitor never ends on an empty page.

The answers to "what" and "where" share one page per group and municipality: every need found
there is a section of it, and the need's link lands on its section (`#dienst-informatie`). So
every combination with results has its own static address, while the pages grow with the
groups plus the municipalities (a few thousand at 5,000 organisations) instead of with their
product with the needs (ten times as many). The same page lists the group's other records in
that municipality (organisations, places that list no service), so that every record of a group
is one of its answers. Records without a known municipality are answers on the group's
"overal" page, not copied onto every municipality.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from . import render_format as fmt
from ..data.catalogue import Catalogue
from ..data.model import Term

FOLDER = "wegwijzer"
EVERYWHERE = "overal"    # the page of a group's records without a known municipality
ALL_NEEDS = "alles"      # the question page for a visitor who does not know what to choose
OTHER = "ander"          # the section of records that answer none of the needs
OTHER_TITLE = "Andere organisaties en plekken"


@dataclass(frozen=True)
class Family:
    """A group of needs: one vocabulary, and the field of the records that carry its terms."""

    vocabulary: str
    prefix: str        # of the need's slug: two vocabularies may have the same term id
    kind: str          # the kind of record it finds
    field: str         # the record's field with the term (one id, or a list of ids)
    question: str      # the family as an answer to "what do you need?"
    matched: str       # how a match reads in "why": "{matched} {label}"


FAMILIES = (
    Family("service_kinds", "dienst", "antennes", "services", "Hulp op een plek in de buurt", "biedt"),
    Family("programme_kinds", "programma", "programmes", "kind", "Een traject, maatregel of project", "is een"),
)
# Kinds of record that may be an answer without matching a need: they are listed as "other".
ANSWER_KINDS = ("organisations", "antennes", "programmes")


@dataclass(frozen=True)
class Need:
    family: Family
    term: Term

    @property
    def slug(self) -> str:
        return f"{self.family.prefix}-{self.term.id}"


@dataclass(frozen=True)
class Place:
    """Where answers are: a municipality of today, or nowhere in particular (name None)."""

    slug: str
    name: str | None


@dataclass
class Answers:
    """What one group finds in one place: records per need, and the records of no need."""

    by_need: dict[str, list[tuple[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    other: list[tuple[str, Any]] = field(default_factory=list)

    def records(self) -> int:
        return len({id(r) for found in (*self.by_need.values(), self.other) for _, r in found})


@dataclass
class Wegwijzer:
    groups: list[Term]
    needs: list[Need]
    answers: dict[str, dict[Place, Answers]]     # group id -> place -> what is found there

    def places(self, group_id: str) -> list[Place]:
        """A group's places by name, the place of records without a municipality last."""
        return sorted(self.answers.get(group_id, {}), key=lambda p: (p.name is None, (p.name or "").casefold()))

    def needs_of(self, group_id: str) -> list[Need]:
        found = {slug for answers in self.answers.get(group_id, {}).values() for slug in answers.by_need}
        return [need for need in self.needs if need.slug in found]

    def places_of(self, group_id: str, need: Need) -> list[tuple[Place, int]]:
        """The places where a group finds a need, with the number of answers in each."""
        return [(place, len(self.answers[group_id][place].by_need[need.slug])) for place in self.places(group_id)
                if need.slug in self.answers[group_id][place].by_need]

    def records_of(self, group_id: str, need: Need | None = None) -> int:
        places = self.answers.get(group_id, {}).values()
        if need is None:
            return len({id(r) for a in places for found in (*a.by_need.values(), a.other) for _, r in found})
        return len({id(r) for a in places for _, r in a.by_need.get(need.slug, ())})


def build(cat: Catalogue) -> Wegwijzer:
    """Every answer of every group, in one pass over the records."""
    groups = cat.vocabulary("target_groups")
    known_groups = {g.id for g in groups}
    needs = [Need(family, term) for family in FAMILIES for term in cat.vocabulary(family.vocabulary)]
    need_by_term = {(n.family.kind, n.family.field, n.term.id): n for n in needs}
    answers: dict[str, dict[Place, Answers]] = defaultdict(lambda: defaultdict(Answers))
    for kind in ANSWER_KINDS:
        for record in cat.records[kind]:
            group_ids = [g for g in record.target_groups if g in known_groups]  # dangling ids: the checks' job
            if not group_ids:
                continue
            record_needs = _needs_of(kind, record, need_by_term)
            places = [Place("in-" + fmt.slugify(m.name), m.name) for m in cat.municipalities_of(record)]
            for group_id in group_ids:
                for place in places or [Place(EVERYWHERE, None)]:
                    found = answers[group_id][place]
                    for need in record_needs:
                        found.by_need[need.slug].append((kind, record))
                    if not record_needs:
                        found.other.append((kind, record))
    for by_place in answers.values():
        for found in by_place.values():
            for results in (*found.by_need.values(), found.other):
                results.sort(key=_result_order)
    return Wegwijzer(groups, needs, answers)


def _needs_of(kind: str, record: Any, need_by_term: dict[tuple[str, str, str], Need]) -> list[Need]:
    found = []
    for family in FAMILIES:
        if family.kind != kind:
            continue
        value = getattr(record, family.field)
        for term_id in value if isinstance(value, list) else [value]:
            need = need_by_term.get((kind, family.field, term_id))
            if need is not None:
                found.append(need)
    return found


def _sections(shown: list[tuple[str, Any]], need_by_slug: dict[str, Need]) -> dict[str, Any]:
    """A stretch of (section, answer) as the answer page shows it: per need, then the others."""
    return {"sections": [(need_by_slug[slug], [r for s, r in shown if s == slug])
                         for slug in dict.fromkeys(s for s, _ in shown) if slug != OTHER],
            "other": [r for s, r in shown if s == OTHER]}


# Open places and running programmes first: they are where a visitor can start today.
_STATUS_ORDER = {"open": 0, "gepland": 1, "voorgesteld": 2, "gesloten": 3}


def _result_order(found: tuple[str, Any]) -> tuple:
    _, record = found
    status = getattr(record, "status", None)
    rank = _STATUS_ORDER.get(status, 0) if status else (1 if getattr(record, "ended", None) else 0)
    return rank, record.name.casefold()


# --- the pages ------------------------------------------------------------------------------

def group_page(group_id: str) -> str:
    return f"{FOLDER}/{group_id}/index.md"


def question_page(group_id: str, need_slug: str) -> str:
    return f"{FOLDER}/{group_id}/{need_slug}/index.md"


def answer_page(group_id: str, place: Place) -> str:
    return f"{FOLDER}/{group_id}/{place.slug}.md"


def page_specs(cat: Catalogue, page: Callable[..., Any], paged: Callable[..., Iterator[Any]]) -> Iterator[Any]:
    """The wegwijzer's pages, made with `page(src_path, template, title, **context)`; an answer
    page with many answers comes in parts, made with the renderer's `paged` (render_paging).

    Each page gets only what it shows (counts, not the records behind them), so that after an
    edit `mkdocs serve` renders again only the pages whose answers changed (render_tracked).
    """
    guide = build(cat)
    served = [g for g in guide.groups if g.id in guide.answers]
    yield page(f"{FOLDER}/index.md", "wegwijzer.md.j2", "Wegwijzer",
               groups=[(g, guide.records_of(g.id)) for g in served],
               unserved=[g for g in guide.groups if g.id not in guide.answers])
    for group in served:
        needs = guide.needs_of(group.id)
        families = [(family, [(n, guide.records_of(group.id, n)) for n in needs if n.family is family]) for family in FAMILIES]
        yield page(group_page(group.id), "wegwijzer_group.md.j2", f"Wegwijzer: {group.label}", group=group,
                   families=[(family, found) for family, found in families if found],
                   unanswered=[n for n in guide.needs if n not in needs])
        places = guide.places(group.id)
        yield page(question_page(group.id, ALL_NEEDS), "wegwijzer_question.md.j2", f"Wegwijzer: {group.label}: waar?",
                   group=group, need=None, places=[(p, guide.answers[group.id][p].records()) for p in places])
        for need in needs:
            yield page(question_page(group.id, need.slug), "wegwijzer_question.md.j2", f"{need.term.label}: waar?",
                       group=group, need=need, places=guide.places_of(group.id, need))
        need_by_slug = {n.slug: n for n in needs}
        for place in places:
            found = guide.answers[group.id][place]
            # One run of (section, answer): a part of the page holds a stretch of it.
            flat = [(n.slug, result) for n in needs if n.slug in found.by_need for result in found.by_need[n.slug]]
            flat += [(OTHER, result) for result in found.other]
            titles = {**{n.slug: n.term.label for n in needs}, OTHER: OTHER_TITLE}
            yield from paged(answer_page(group.id, place), "wegwijzer_answer.md.j2",
                             f"{group.label}" + (f" in {place.name}" if place.name else ": overal"), flat,
                             label=lambda item: titles[item[0]], anchors=lambda item: (item[0],),
                             shown=lambda part: _sections(part.items, need_by_slug), group=group, place=place)
