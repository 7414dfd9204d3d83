"""The contacts directory (/contacten/): contact points by organisation and by municipality.

`page_specs` gives its pages: the whole list, grouped by organisation, and one static page per
municipality (`contacten/<slug>.md`), so that choosing a municipality works without
JavaScript; a long list comes in parts (render_paging), each grouped by organisation. A
contact's municipality is today's municipality of its own address, else of its organisation's
address; the contacts for which neither is known share one page, which says so
once. Each contact carries the relative link to its vCard (written under data/ by the exports).

Entries and groups are named tuples on purpose: `render_tracked` notes the records inside
lists and tuples of a page's context, so that `mkdocs serve` renders these pages again when
one of their contacts or organisations changes.
"""

from __future__ import annotations

import posixpath
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from . import render_format as fmt
from ..data.catalogue import Catalogue
from ..exports import ROOT as EXPORTS_ROOT, vcard_url
from ..exports.vcard import ALL_FILE
from ..data.model import Contact, Organisation
from ..data.places import Municipality
from .render_links import CONTACTS_PAGE, Links, url_of

FOLDER = CONTACTS_PAGE.removesuffix(".md")  # contacten.md is served at /contacten/, its pages below it
UNPLACED = "zonder-gemeente"  # the page of the contacts whose municipality is not known
ALL_VCARD = f"{EXPORTS_ROOT}/{ALL_FILE}"


class Entry(NamedTuple):
    contact: Contact
    organisation: Organisation | None
    municipality: Municipality | None
    about: tuple[Any, ...]       # the antennes and programmes it is the contact point for
    vcard: str                   # the contact's vCard, relative to the page that shows it (`at`)
    place: str | None            # link to its municipality's contacts page, from that page (`at`)


class Group(NamedTuple):
    slug: str                    # anchor on the list page, or page name under contacten/
    name: str
    record: Any                  # the organisation or the municipality; None for UNPLACED
    entries: tuple[Entry, ...]


def municipality_page(slug: str) -> str:
    return f"{FOLDER}/{slug}.md"


def file_href(here: str, path: str, use_directory_urls: bool = True) -> str:
    """Relative link from the page `here` to a file at `path` from the site root."""
    url = url_of(here, use_directory_urls)
    folder = url.rstrip("/") if use_directory_urls else posixpath.dirname(url)
    return posixpath.relpath("/" + path, "/" + folder)


def municipality_of(cat: Catalogue, contact: Contact, org: Organisation | None) -> Municipality | None:
    """Today's municipality of the contact's address, else of its organisation's."""
    for address in (contact.address, org.address if org else None):
        place = cat.municipality(address)
        if place:
            return place.municipality
    return None


def entries(cat: Catalogue) -> list[Entry]:
    """Every contact, by organisation name and then by function, without its links yet (`at`)."""
    found = []
    for contact in cat.contacts:
        org = cat.get("organisations", contact.organisation)
        about = tuple(e[1] for e in (cat.entity(i) for i in dict.fromkeys(contact.about)) if e is not None)
        found.append(Entry(contact, org, municipality_of(cat, contact, org), about, "", None))
    return sorted(found, key=_entry_order)


def at(items: Iterable[Entry], here: str, use_directory_urls: bool = True) -> list[Entry]:
    """The entries with their vCard and municipality links relative to the page `here`."""
    links = Links(here, use_directory_urls)
    return [entry._replace(vcard=file_href(here, vcard_url(entry.contact.id), use_directory_urls),
                           place=links.page(municipality_page(fmt.slugify(entry.municipality.name)))
                           if entry.municipality else None)
            for entry in items]


def by_organisation(items: list[Entry]) -> list[Group]:
    groups: dict[str, list[Entry]] = {}
    for entry in items:  # already in order of organisation name
        groups.setdefault(entry.contact.organisation, []).append(entry)
    return [Group(f"organisatie-{org_id}", _org_name(found[0]), found[0].organisation, tuple(found))
            for org_id, found in groups.items()]


def by_municipality(items: list[Entry]) -> list[Group]:
    """One group per municipality by name; the contacts without one last (UNPLACED)."""
    groups: dict[str, list[Entry]] = {}
    for entry in items:
        groups.setdefault(entry.municipality.refnis if entry.municipality else "", []).append(entry)
    placed = sorted((found for key, found in groups.items() if key),
                    key=lambda found: found[0].municipality.name.casefold())
    result = [Group(fmt.slugify(found[0].municipality.name), found[0].municipality.name,
                    found[0].municipality, tuple(found)) for found in placed]
    if "" in groups:
        result.append(Group(UNPLACED, "Gemeente niet gekend", None, tuple(groups[""])))
    return result


def page_specs(cat: Catalogue, paged: Callable[..., Iterator[Any]], use_directory_urls: bool = True) -> Iterator[Any]:
    """The directory's pages, made with the renderer's `paged(src_path, template, title, items,
    label=, anchors=, shown=, **context)`: long lists come in parts, grouped by organisation on each."""
    listed = entries(cat)
    nested = by_municipality(listed)

    def shown(part: Any) -> dict[str, Any]:
        """A part of the directory: its entries linked from its own page, by organisation."""
        return {"groups": by_organisation(at(part.items, part.src_path, use_directory_urls)),
                "all_vcard": file_href(part.src_path, ALL_VCARD, use_directory_urls)}

    # A part is named by its organisations.
    yield from paged(CONTACTS_PAGE, "contacts.md.j2", "Contactpunten", listed, label=_org_name, shown=shown,
                     anchors=lambda entry: (entry.contact.id, f"organisatie-{entry.contact.organisation}"),
                     municipalities=[(municipality_page(g.slug), g.name, len(g.entries)) for g in nested],
                     without_routes=_without_routes(listed), total=len(listed))
    for group in nested:
        title = f"Contactpunten in {group.name}" if group.record else "Contactpunten zonder gekende gemeente"
        yield from paged(municipality_page(group.slug), "contacts_municipality.md.j2", title, list(group.entries),
                         label=_org_name, shown=shown, municipality=group.record,
                         without_routes=_without_routes(group.entries), total=len(group.entries),
                         list_page=CONTACTS_PAGE)


def _without_routes(items: list[Entry] | tuple[Entry, ...]) -> int:
    """How many contacts have neither a phone number nor an e-mail address."""
    return sum(1 for e in items if not e.contact.phone and not e.contact.email)


def _org_name(entry: Entry) -> str:
    return entry.organisation.name if entry.organisation else entry.contact.organisation


def _entry_order(entry: Entry) -> tuple[str, str, str, str]:
    return (_org_name(entry).casefold(), entry.contact.organisation, entry.contact.function.casefold(), entry.contact.id)
