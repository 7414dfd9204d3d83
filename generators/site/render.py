"""Render the catalogue into Markdown pages (raw HTML bodies) with Jinja templates.

Knows nothing about MkDocs: `render_pages` returns the pages with their edit paths; the MkDocs
hook adds them as virtual files, and `python -m generators render OUT` writes them to a folder.
Every value from the data goes through `textmarkup.escape_text` (the environment's `finalize`),
so it shows as text and never as HTML or Markdown.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import render_contacts, render_wegwijzer
from . import render_format as fmt
from ..data.catalogue import Catalogue
from ..data.policy import STALE_AFTER_DAYS
from .render_hours import hours_view
from .render_links import (
    GLOSSARY_PAGE, MUNICIPALITIES, ORGANISATION_KINDS, SECTIONS, SOURCES_PAGE,
    TARGET_GROUPS, TIMELINE_PAGE, Links, entity_page, record_target, url_of,
)
from .render_paging import LINE_PAGE_SIZE, PAGE_SIZE, Part, Placement, span, split
from .render_parallel import map_forked
from .render_start import joined, missing, routes
from .render_timeline import moments, recent
from .textmarkup import GlossaryLinker, escape_text, json_for_script, paragraphs

TEMPLATES = Path(__file__).parent / "templates"
NEWS_MARKER = "<!-- werkwijzer:nieuw -->"
NEWS_ITEMS = 6
EDIT_BRANCH = "main"  # the branch edit links point into
ANTENNE_STATUSES = ("open", "gepland", "voorgesteld", "gesloten")  # the order of the list of places


@dataclass(frozen=True)
class RenderedPage:
    src_path: str              # e.g. organisaties/ocmw-gent.md
    markdown: str
    title: str                 # plain text, as the data has it
    edit_path: str | None      # the YAML file that produced the page, relative to the repository
    edit_line: int | None = None


@dataclass(frozen=True)
class PageSpec:
    """A page before rendering: what it shows and with which template."""

    src_path: str
    template: str
    title: str
    record: Any = None
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Site:
    """What pages need to know about the site around them."""

    repo_url: str
    edit_branch: str = EDIT_BRANCH
    site_url: str = ""
    use_directory_urls: bool = True
    repo_root: Path = Path(".")


@dataclass(frozen=True)
class Freshness:
    last_checked: Any          # date or None
    facts_date: str | None
    age_in_days: int | None
    stale: bool


@cache  # one per process: compiling the templates again for every render cost a quarter second
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # .md.j2 pages are HTML inside Markdown: escape them like .html.j2.
        autoescape=select_autoescape(enabled_extensions=("html", "md", "j2"), default_for_string=True, default=True),
        undefined=StrictUndefined,
        finalize=escape_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        date_nl=fmt.date_nl, year=fmt.year_of, phone=fmt.phone_display, tel=fmt.tel_href,
        mailto=fmt.mailto_href, web=fmt.web_href, json_script=json_for_script, slug=fmt.slugify,
        lower_first=fmt.lower_first,
    )
    return env


# --- the public entry points ---------------------------------------------------------------

def render_pages(catalogue: Catalogue, *, repo_url: str, edit_branch: str = EDIT_BRANCH, site_url: str = "",
                 use_directory_urls: bool = True, repo_root: Path | str = ".") -> list[RenderedPage]:
    return render_site(catalogue, Site(repo_url.rstrip("/"), edit_branch, site_url, use_directory_urls, Path(repo_root)))


def render_site(catalogue: Catalogue, site: Site) -> list[RenderedPage]:
    renderer = _Renderer(catalogue, site)
    renderer._moments_by_id  # computed once here, not in each process
    return map_forked(renderer.render, renderer.all_specs())


def render_news(catalogue: Catalogue, *, here: str = "index.md", use_directory_urls: bool = True) -> str:
    """The home page's 'what is new' list, to replace NEWS_MARKER with."""
    renderer = _Renderer(catalogue, Site("", use_directory_urls=use_directory_urls))
    return renderer.template("news.html.j2", here, items=recent(catalogue, NEWS_ITEMS))


# --- rendering -----------------------------------------------------------------------------

class _Renderer:
    def __init__(self, catalogue: Catalogue, site: Site) -> None:
        self.cat = catalogue
        self.site = site
        self.env = environment()
        self.jsonld = _jsonld_builder()
        self.placement = Placement()   # filled while the specs are made
        self._specs: list[PageSpec] | None = None

    def all_specs(self) -> list[PageSpec]:
        """Every page, listed once: listing them places every anchor of a split list."""
        if self._specs is None:
            self._specs = list(self.specs())
        return self._specs

    def placed(self, src_path: str, anchor: str | None) -> str:
        self.all_specs()
        return self.placement.page_of(src_path, anchor)

    def template(self, name: str, here: str, **context: Any) -> str:
        links = Links(here, self.site.use_directory_urls, self.placed)
        context.setdefault("pager", None)
        terms = GlossaryLinker(self.cat.glossary, lambda term_id: links.page(GLOSSARY_PAGE, term_id))
        return self.env.get_template(name).render(
            cat=self.cat, links=links, terms=terms, here=here, policy_days=STALE_AFTER_DAYS,
            prose=partial(paragraphs, glossary=terms), text=paragraphs,
            address=partial(fmt.address_view, self.cat), freshness=self.freshness,
            label=self.cat.label, sources=partial(self.cat.records_by_id, "sources"), hours=partial(hours_view, today=self.cat.today),
            moments_of=self.moments_of, describe=self.describe,
            start=partial(routes, self.cat), missing=missing, joined=joined, labels=self.labels, vocabulary_anchor=vocabulary_anchor, records=self.cat.records_by_id, entities=self.entities_by_id, **context,
        )

    def render(self, spec: PageSpec, cat: Any = None) -> RenderedPage:
        """The page; `cat` stands in for the catalogue while it renders (see render_tracked)."""
        if cat is None:
            return self._render(spec.src_path, spec.template, spec.title, spec.record, **spec.context)
        real, self.cat = self.cat, cat
        try:
            return self._render(spec.src_path, spec.template, spec.title, spec.record, **spec.context)
        finally:
            self.cat = real

    def _render(self, src_path: str, template: str, title: str, record: Any = None, **context: Any) -> RenderedPage:
        front_title = Markup(json.dumps(html.escape(title), ensure_ascii=False))  # Material prints it raw
        meta = self.record_meta(src_path, title, record) if record is not None else None
        jsonld = None
        if record is not None and self.jsonld is not None and src_path.split("/")[0] in SECTIONS.values():
            kind = next(k for k, folder in SECTIONS.items() if src_path.startswith(folder + "/"))
            jsonld = self.jsonld(self.cat, kind, record, self.page_url(src_path))
        markdown = self.template(template, src_path, title=title, front_title=front_title, record=record,
                                 meta=meta, jsonld=jsonld, **context)
        edit_path, edit_line = (meta["file"], meta["line"]) if meta else (None, None)
        return RenderedPage(src_path, markdown, title, edit_path, edit_line)

    def page(self, src_path: str, template: str, title: str, record: Any = None, **context: Any) -> PageSpec:
        return PageSpec(src_path, template, title, record, context)

    def paged(self, src_path: str, template: str, title: str, items: list[Any], *,
              label: Callable[[Any], str] = lambda record: record.name,
              anchors: Callable[[Any], tuple[str, ...]] | None = None, size: int = PAGE_SIZE,
              shown: Callable[[Part], dict[str, Any]] = lambda part: {"items": list(part.items)},
              **context: Any) -> Iterator[PageSpec]:
        """A list page in parts of at most `size` items, each part named by its first and last;
        `shown` gives what a part shows from its items (by default, `items` themselves)."""
        for part in split(src_path, items, lambda chunk: span(label(chunk[0]), label(chunk[-1])) if chunk else "",
                          self.placement, anchors, size):
            yield self.page(part.src_path, template, part.title(title), pager=part.pager, **shown(part), **context)

    def paged_found(self, src_path: str, template: str, title: str, found: dict[str, list[Any]],
                    **context: Any) -> Iterator[PageSpec]:
        """A page of records per kind (organisations, places, programmes), in parts.

        A list in one part keeps every kind, so that it can say a kind has none; a later part
        shows only the kinds it holds.
        """
        def shown(part: Part) -> dict[str, Any]:
            if part.pager.total == 1:
                return {"found": found}
            return {"found": {kind: records for kind in SECTIONS
                              if (records := [r for k, r in part.items if k == kind])}}

        flat = [(kind, record) for kind in SECTIONS for record in found[kind]]
        yield from self.paged(src_path, template, title, flat, label=lambda item: item[1].name, size=LINE_PAGE_SIZE,
                              shown=shown, **context)

    def specs(self) -> Iterator[PageSpec]:
        for builder in (self.entity_pages, self.list_pages, self.overview_pages, self.wegwijzer_pages):
            yield from builder()

    # --- entity pages: one per organisation, antenne, programme --------------------------------

    def entity_pages(self) -> Iterator[PageSpec]:
        for kind, template in (("organisations", "organisation.md.j2"), ("antennes", "antenne.md.j2"),
                               ("programmes", "programme.md.j2")):
            for record in self.cat.records[kind]:
                yield self.page(entity_page(kind, record.id), template, record.name, record)

    # --- pages that list records of one kind ---------------------------------------------------

    def list_pages(self) -> Iterator[PageSpec]:
        by_name = lambda records: sorted(records, key=lambda r: r.name.casefold())  # noqa: E731
        yield from self.paged("organisaties/index.md", "organisations.md.j2", "Organisaties", by_name(self.cat.organisations),
                              size=LINE_PAGE_SIZE)
        # By status first, so that each status is one run of parts.
        yield from self.paged("antennes/index.md", "antennes.md.j2", "Antennes en werkwinkels",
                              sorted(self.cat.antennes, key=lambda a: (ANTENNE_STATUSES.index(a.status), a.name.casefold())),
                              size=LINE_PAGE_SIZE)
        yield from self.paged("programmas/index.md", "programmes.md.j2", "Programma's en maatregelen", by_name(self.cat.programmes),
                              size=LINE_PAGE_SIZE)
        yield from self.contacts_pages()
        yield from self.paged(SOURCES_PAGE, "sources.md.j2", "Bronnen",
                              sorted(self.cat.sources, key=lambda s: (s.publisher.casefold(), s.title.casefold())),
                              label=lambda s: s.publisher, anchors=lambda s: (s.id,))
        # The glossary grows with the editors' vocabulary, not with the records: one page.
        yield self.page(GLOSSARY_PAGE, "glossary.md.j2", "Begrippen",
                        items=sorted(self.cat.glossary, key=lambda g: g.term.casefold()))
        yield from self.paged(TIMELINE_PAGE, "timeline.md.j2", "Tijdlijn", moments(self.cat),
                              label=lambda m: fmt.date_nl(m.date), anchors=lambda m: (m.record.id,) if m.kind == "events" else (),
                              size=LINE_PAGE_SIZE)

    def contacts_pages(self) -> Iterator[PageSpec]:
        """The contacts directory: the whole list, and a page per municipality."""
        yield from render_contacts.page_specs(self.cat, self.paged, self.site.use_directory_urls)

    # --- overviews: per target group, municipality, organisation kind --------------------------

    def overview_pages(self) -> Iterator[PageSpec]:
        groups = self.cat.vocabulary("target_groups")
        yield self.page(f"{TARGET_GROUPS}/index.md", "target_groups.md.j2", "Voor wie",
                        items=[(g, self.records_where(lambda r, g=g: g.id in r.target_groups)) for g in groups])
        for group in groups:
            yield from self.paged_found(f"{TARGET_GROUPS}/{group.id}.md", "target_group.md.j2", group.label,
                                        self.records_where(lambda r: group.id in r.target_groups), term=group)
        kinds = self.cat.vocabulary("organisation_kinds")
        yield self.page(f"{ORGANISATION_KINDS}/index.md", "org_kinds.md.j2", "Soorten organisaties",
                        items=[(k, [o for o in self.cat.organisations if o.kind == k.id]) for k in kinds])
        for kind in kinds:
            yield from self.paged(f"{ORGANISATION_KINDS}/{kind.id}.md", "org_kind.md.j2", kind.label,
                                  sorted((o for o in self.cat.organisations if o.kind == kind.id), key=lambda o: o.name.casefold()),
                                  shown=lambda part: {"found": list(part.items)}, size=LINE_PAGE_SIZE, term=kind)
        municipalities = self.municipalities()
        yield self.page(f"{MUNICIPALITIES}/index.md", "municipalities.md.j2", "Gemeenten", items=municipalities)
        for slug, municipality, found in municipalities:
            yield from self.paged_found(f"{MUNICIPALITIES}/{slug}.md", "municipality.md.j2", municipality.name, found,
                                        municipality=municipality)

    def wegwijzer_pages(self) -> Iterator[PageSpec]:
        """The wegwijzer: who are you, what do you need, where."""
        yield from render_wegwijzer.page_specs(self.cat, self.page, self.paged)

    def records_where(self, wanted: Callable[[Any], bool]) -> dict[str, list[Any]]:
        return {kind: sorted((r for r in self.cat.records[kind] if wanted(r)), key=lambda r: r.name.casefold())
                for kind in SECTIONS}

    def municipalities(self) -> list[tuple[str, Any, dict[str, list[Any]]]]:
        """(slug, municipality, records per kind) for every municipality any record is in.

        One pass over the records: there are hundreds of municipalities, so scanning every
        record once per municipality would make the build grow with their product.
        """
        found: dict[str, Any] = {}
        grouped: dict[str, dict[str, list[Any]]] = {}
        for kind in SECTIONS:
            for record in self.cat.records[kind]:
                for municipality in self.cat.municipalities_of(record):
                    found.setdefault(municipality.refnis, municipality)
                    grouped.setdefault(municipality.refnis, {k: [] for k in SECTIONS})[kind].append(record)
        rows = []
        for municipality in sorted(found.values(), key=lambda m: m.name.casefold()):
            records = {kind: sorted(items, key=lambda r: r.name.casefold())
                       for kind, items in grouped[municipality.refnis].items()}
            rows.append((fmt.slugify(municipality.name), municipality, records))
        return rows

    # --- helpers the templates call --------------------------------------------------------

    def record_meta(self, src_path: str, title: str, record: Any) -> dict[str, Any]:
        origin = self.cat.origin(record)
        file = _repo_relative(origin.file, self.site.repo_root)
        repo = fmt.web_href(self.site.repo_url)
        data_url = f"{repo}/blob/{self.site.edit_branch}/{file}#L{origin.line}" if repo and file else None
        query = urlencode({"template": "suggestie.yml", "title": f"Suggestie: {title}",
                           "pagina": self.page_url(src_path), "record": record.id})
        return {"file": file, "line": origin.line, "data_url": data_url,
                "issue_url": f"{repo}/issues/new?{query}" if repo else None}

    def page_url(self, src_path: str) -> str:
        return self.site.site_url.rstrip("/") + "/" + url_of(src_path, self.site.use_directory_urls)

    def freshness(self, record: Any) -> Freshness:
        age = self.cat.age_in_days(record)
        # Facts of unknown age that nobody checked deserve the same warning as old ones.
        return Freshness(record.last_checked, self.cat.facts_date(record), age,
                         age is None or age > STALE_AFTER_DAYS)

    def labels(self, vocabulary: str, term_ids: list[str]) -> list[str]:
        """Terms as they read inside a sentence ('voor werkzoekenden en ...')."""
        return [fmt.lower_first(self.cat.label(vocabulary, term_id)) for term_id in term_ids]

    def describe(self, vocabulary: str, term_id: str) -> str | None:
        term = self.cat.term(vocabulary, term_id)
        return term.description if term else None

    def entities_by_id(self, ids: list[str]) -> list[Any]:
        return [found[1] for found in (self.cat.entity(i) for i in dict.fromkeys(ids)) if found is not None]

    def moments_of(self, record: Any) -> list[Any]:
        return list(self._moments_by_id.get(record.id, ()))

    @cached_property
    def _moments_by_id(self) -> dict[str, list[Any]]:
        """Entity id -> its dated facts, newest first: its own, and the events about it.

        Computed once: recomputing every moment for every page made the build quadratic.
        """
        index: dict[str, list[Any]] = {}
        for moment in moments(self.cat):
            targets = dict.fromkeys(moment.record.about) if moment.kind == "events" else (moment.record.id,)
            for target in targets:
                index.setdefault(target, []).append(moment)
        return index


# Anchors on the glossary page for the kinds of places, services and programmes.
VOCABULARY_ANCHORS = {"location_kinds": "plek", "service_kinds": "dienst", "programme_kinds": "programma"}


def vocabulary_anchor(vocabulary: str, term_id: str) -> str:
    return f"{VOCABULARY_ANCHORS[vocabulary]}-{term_id}"


def _repo_relative(file: str, repo_root: Path) -> str | None:
    """The data file's path inside the repository; None when it lies outside (test data)."""
    try:
        return Path(file).resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        return None


def _jsonld_builder() -> Callable[..., dict] | None:
    """schema.org JSON-LD from the exports package, when it is there."""
    try:
        from ..exports.jsonld import jsonld_for
    except ModuleNotFoundError as missing:
        if missing.name and missing.name.startswith(__package__ or "generators"):
            return None
        raise
    return jsonld_for


__all__ = ["RenderedPage", "Site", "render_pages", "render_site", "render_news", "NEWS_MARKER", "record_target", "environment"]
