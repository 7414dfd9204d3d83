"""A smaller Pagefind metadata file, so that a visitor's first search downloads less.

A first query fetches Pagefind's metadata file whole. It lists every page by the content hash of
its fragment ("nl_3eb14f5") and its word count: random hex and numbers that do not compress,
about 6.5 bytes per page after gzip, 148 kB of a first search at 22,000 pages. Here:
- every page gets a short id instead: a tag for the build and the page's number in base 36
  ("3f9ac2" then "0", "1", ..., "h2k"), and its fragment file is renamed to match;
- word counts keep two significant digits (229 -> 230). Pagefind uses them only to weigh a match
  in a long page a little less (BM25), which a 2 % difference does not change in practice.
Together about 3 bytes per page.

The tag is a hash of all the old ids, so it changes whenever any page changes: a browser never
combines a cached fragment of an older build with a newer index. The metadata file gets a new
content-hashed name in `pagefind-entry.json`, as Pagefind names it.

Only Pagefind's own layout is touched (checked against the 1.x format before anything is
renamed; the layout is MetaIndex in Pagefind's src/index/index_metadata.rs); an index in any
other shape is left as it is, and `compact_page_ids` says so.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"  # the start of every decompressed Pagefind metadata file
TAG_LENGTH = 6
WORD_COUNT_DIGITS = 2
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def compact_page_ids(bundle: Path) -> bool:
    """Give the pages of the Pagefind index in `bundle` short ids; False if its shape is unknown."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text("utf-8"))
        languages = entry["languages"]
        metas = {code: _read_meta(bundle / f"pagefind.{language['hash']}.pf_meta")
                 for code, language in languages.items()}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not all(meta is not None and _fragments_exist(bundle, meta) for meta in metas.values()):
        return False
    for code, meta in metas.items():
        old_meta = bundle / f"pagefind.{languages[code]['hash']}.pf_meta"
        _rename_fragments(bundle / "fragment", meta)
        for page in meta[1]:
            page[1] = _significant(page[1], WORD_COUNT_DIGITS)
        data = gzip.compress(SIGNATURE + cbor2.dumps(meta), compresslevel=9, mtime=0)
        prefix = languages[code]["hash"].rpartition("_")[0] or code
        languages[code]["hash"] = f"{prefix}_{hashlib.sha256(data).hexdigest()[:10]}"
        (bundle / f"pagefind.{languages[code]['hash']}.pf_meta").write_bytes(data)
        old_meta.unlink()
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return True


def _read_meta(path: Path) -> list[Any] | None:
    """The decoded metadata: [version, pages [[id, word count], ...], chunks, filters, sorts, ...]."""
    try:
        raw = gzip.decompress(path.read_bytes())
        meta = cbor2.loads(raw[len(SIGNATURE):]) if raw.startswith(SIGNATURE) else None
    except (OSError, EOFError, gzip.BadGzipFile, cbor2.CBORDecodeError):
        return None
    if not (isinstance(meta, list) and len(meta) >= 2 and isinstance(meta[0], str) and meta[0].startswith("1.")
            and isinstance(meta[1], list)):
        return None
    pages_ok = all(isinstance(page, list) and len(page) == 2 and isinstance(page[0], str) and isinstance(page[1], int)
                   for page in meta[1])
    return meta if pages_ok else None


def _fragments_exist(bundle: Path, meta: list[Any]) -> bool:
    return all((bundle / "fragment" / f"{page_id}.pf_fragment").is_file() for page_id, _ in meta[1])


def _rename_fragments(folder: Path, meta: list[Any]) -> None:
    """New ids in the metadata (in place) and on the fragment files; equal fragments stay shared."""
    pages = meta[1]
    tag = hashlib.sha256("\n".join(page_id for page_id, _ in pages).encode()).hexdigest()[:TAG_LENGTH]
    new_ids: dict[str, str] = {}
    for page in pages:
        old_id = page[0]
        if old_id not in new_ids:
            new_ids[old_id] = tag + _base36(len(new_ids))
            (folder / f"{old_id}.pf_fragment").rename(folder / f"{new_ids[old_id]}.pf_fragment")
        page[0] = new_ids[old_id]


def _significant(number: int, digits: int) -> int:
    """The number rounded to its first `digits` digits: 12,345 -> 12,000 for two."""
    scale = 10 ** max(len(str(number)) - digits, 0)
    return (number + scale // 2) // scale * scale


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = DIGITS[digit] + digits
        if not number:
            return digits
