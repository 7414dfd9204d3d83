"""`python -m benchmarks.pagefind_check`: does Pagefind find what Dutch readers type?

Indexes three small Dutch pages (html lang="nl") with Pagefind and runs the queries of the
design through its JavaScript API in Chromium: legal references written several ways, and
Dutch word forms that only stemming joins.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .search_bytes import CHROMIUM, CHROMIUM_ARGS, serve

PAGES = {
    "artikel60": ("Tewerkstelling artikel 60§7",
                  "Wie een leefloon krijgt, kan via artikel 60§7 van de OCMW-wet tijdelijk werken. "
                  "Dat heet ook kort art. 60."),
    "antenne": ("Werkantenne Rabot", "In de werkantennes helpen begeleiders werkzoekenden bij het solliciteren."),
    "andere": ("Opleiding Nederlands", "Lessen Nederlands op de werkvloer, twee halve dagen per week."),
}
QUERIES = ["paragraaf", "artikel 61", "kringloop", "art. 60§7", "art 60", "artikel 60", "artikel 60 paragraaf 7", "60§7", "art. 60",
           "werkantenne", "werkzoekende", "sollicitatie", "begeleider", "opleidingen"]
PAGE = '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{0}</title></head><body><main data-pagefind-body><h1>{0}</h1><p>{1}</p></main></body></html>'
SCRIPT = """async (queries) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const answers = {};
  for (const q of queries) {
    const search = await pagefind.search(q);
    answers[q] = await Promise.all(search.results.map(async r => (await r.data()).url));
  }
  return answers;
}"""


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch)
        for name, (title, text) in PAGES.items():
            (site / f"{name}.html").write_text(PAGE.format(title, text), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)], check=True, capture_output=True)
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{base}/andere.html")
            answers = page.evaluate(SCRIPT, QUERIES)
            browser.close()
    print(json.dumps({q: [u.rsplit("/", 1)[-1].removesuffix(".html") for u in urls] for q, urls in answers.items()},
                     indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
