"""vCard 4.0 (RFC 6350) for each contact point, to load into an address book.

A contact is a function or a service by default, so its card is `KIND:org` with the function
as the name; a person's name is written only when the record has `person` (which requires a
recorded basis), and then the card is `KIND:individual`. Lines end in CRLF and long lines are
folded at 75 octets, as the RFC asks; the output is the same for the same data.
"""

from __future__ import annotations

from ..data.catalogue import Catalogue
from ..data.model import Contact
from .common import address_parts

FOLDER = "vcard"
ALL_FILE = "contacten.vcf"


def vcard_path(contact_id: str) -> str:
    """Where a contact's card lives, relative to the site's `data/` folder."""
    return f"{FOLDER}/{contact_id}.vcf"


def _escape(text: str) -> str:
    """RFC 6350 §3.4: backslash, comma, semicolon and newline are escaped in text values."""
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def vcard(catalogue: Catalogue, contact: Contact) -> str:
    org = catalogue.get("organisations", contact.organisation)
    org_name = org.name if org else contact.organisation
    lines = ["BEGIN:VCARD", "VERSION:4.0"]
    if contact.person:
        lines += ["KIND:individual", f"FN:{_escape(contact.person.name)}",
                  f"TITLE:{_escape(contact.function)}"]
    else:
        lines += ["KIND:org", f"FN:{_escape(contact.function)} ({_escape(org_name)})"]
    lines.append(f"ORG:{_escape(org_name)};{_escape(contact.function)}")
    if contact.phone:
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:tel:{contact.phone}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{_escape(contact.email)}")
    parts = address_parts(catalogue, contact.address)
    if parts:
        # ADR: post office box; extended address; street; locality; region; postal code; country
        fields = ["", parts.building or "", parts.street or "", parts.locality or "",
                  parts.region or "", parts.postal_code or "", "België"]
        lines.append("ADR;TYPE=work:" + ";".join(_escape(f) for f in fields))
    website = org.website if org else None
    if website:
        lines.append(f"URL:{website}")
    note = "; ".join(t for t in (f"Bereikbaar: {contact.hours}" if contact.hours else None, contact.notes) if t)
    if note:
        lines.append(f"NOTE:{_escape(note)}")
    lines += [f"UID:urn:werkwijzer:contact:{contact.id}", "END:VCARD"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def vcard_files(catalogue: Catalogue) -> list[tuple[str, bytes]]:
    contacts = sorted(catalogue.contacts, key=lambda c: c.id)
    cards = [(c.id, vcard(catalogue, c)) for c in contacts]
    files = [(vcard_path(contact_id), text.encode("utf-8")) for contact_id, text in cards]
    files.append((ALL_FILE, "".join(text for _, text in cards).encode("utf-8")))
    return files
