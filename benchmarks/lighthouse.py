"""`python -m benchmarks.lighthouse [--site DIR] [--pages /,/contacten/] [--out FILE.json]`: Lighthouse scores.

Why: the portal is for everyone looking for work, on cheap phones and slow connections, and with
screen readers; Lighthouse checks what a reviewer would otherwise check by hand (contrast, names,
landmarks, console errors, load time on a throttled phone). Targets: accessibility 100 and best
practices 100 on every page; performance >= 95 on mobile and 100 on desktop.

The site is built from the repository's data (`mkdocs build --strict`, or `--site DIR` of a built
one) and served on 127.0.0.1 the way GitHub Pages serves it: text gzip-compressed, a 10-minute
Cache-Control, unknown paths answered with the site's 404.html (`--no-gzip` serves files as they
are). Lighthouse (npm, run with npx) then loads each page once with its default mobile config
(simulated slow 4G, 4x CPU slowdown) and once with `--preset=desktop`, in Debian's Chromium.
A measurement, not a test: it prints the scores and, for every score below 100, the audits that
cost points with the nodes or URLs they name.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
# 12.x: lighthouse 13 needs Node >= 22.19, and this machine (and Debian's nodejs) has Node 20.
LIGHTHOUSE = "lighthouse@12.8.2"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
PAGES = ("/", "/antennes/werkantenne-rabot/", "/wegwijzer/", "/contacten/")
CATEGORIES = ("performance", "accessibility", "best-practices")
FORM_FACTORS = ("mobile", "desktop")
TARGETS = {("performance", "mobile"): 95, ("performance", "desktop"): 100}  # any other: 100
SHOWN_ITEMS = 4  # offending nodes or URLs listed per audit
GITHUB_PAGES_MAX_AGE = 600
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                    "application/manifest+json")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: gzip for text, Cache-Control, the site's 404.html."""

    gzip = True

    def end_headers(self) -> None:
        self.send_header("Cache-Control", f"max-age={GITHUB_PAGES_MAX_AGE}")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and accepts and path.is_file() and kind.startswith(COMPRESSED_TYPES)):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code, message=None, explain=None) -> None:  # noqa: ANN001 - the base class's signature
        not_found_page = Path(self.directory) / "404.html"
        if code != 404 or not not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:  # noqa: ANN002 - the base class's signature
        pass


@contextmanager
def serving(folder: Path, *, compress: bool = True) -> Iterator[str]:
    """The built site on 127.0.0.1 at a free port; gives its base URL (no trailing slash)."""
    handler = type("Handler", (PagesHandler,), {"gzip": compress})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build_site(site: Path, timeout: float) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # WERKWIJZER_TODAY, if set, passes through
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build failed (exit {done.returncode}):\n{done.stderr[-3000:]}")


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def run_lighthouse(url: str, form_factor: str, categories: tuple[str, ...], timeout: float) -> dict:
    """One Lighthouse run; its JSON report (lhr)."""
    with tempfile.TemporaryDirectory(prefix="werkwijzer-lh-") as work:
        report = Path(work) / "report.json"
        command = ["npx", "--yes", LIGHTHOUSE, url, "--output=json", f"--output-path={report}", "--quiet",
                   f"--only-categories={','.join(categories)}", f"--chrome-flags={CHROME_FLAGS}"]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, cwd=work)
        if not report.exists():
            raise RuntimeError(f"lighthouse failed (exit {done.returncode}): {done.stderr[-2000:]}")
        return json.loads(report.read_text("utf-8"))


def _item_text(item: dict) -> str | None:
    """What an engineer needs to find an offending thing: selector and snippet, or URL and line."""
    node = item.get("node") if isinstance(item.get("node"), dict) else item if item.get("type") == "node" else None
    if node and (node.get("selector") or node.get("snippet")):
        snippet = " ".join((node.get("snippet") or "").split())
        return f"`{node.get('selector', '')}` {snippet[:160]}".strip()
    source = item.get("source") if isinstance(item.get("source"), dict) else None
    url = (source or {}).get("url") or item.get("url")
    if isinstance(url, str) and url:
        where = f":{source['line'] + 1}" if source and isinstance(source.get("line"), int) else ""
        extra = item.get("description") or item.get("wastedBytes") or item.get("totalBytes")
        extra = f" ({extra:.0f} B)" if isinstance(extra, (int, float)) else f" ({' '.join(str(extra).split())[:160]})" if extra else ""
        return f"{url}{where}{extra}"
    return None


def _items(details: dict | None) -> list[str]:
    if not details:
        return []
    found = []
    for item in details.get("items") or []:
        if not isinstance(item, dict):
            continue
        if "items" in item and not found:  # a list of tables (e.g. several LCP breakdowns)
            found += _items(item)
            continue
        text = _item_text(item)
        if text is None:
            for sub in (item.get("subItems") or {}).get("items") or []:
                text = _item_text(sub) if isinstance(sub, dict) else None
                if text:
                    break
        if text and text not in found:
            found.append(text)
    return found


def failing_audits(lhr: dict, category: str) -> list[dict]:
    """Audits in the category that did not pass, weighted ones first (they cost the points)."""
    failing = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative"):
            continue
        if audit.get("score") is None or audit["score"] >= 1:
            if audit.get("scoreDisplayMode") != "error":
                continue
        if category == "performance" and not ref.get("weight") and not audit.get("metricSavings") \
                and audit.get("scoreDisplayMode") != "binary":
            continue
        items = _items(audit.get("details"))
        failing.append({"id": ref["id"], "title": audit["title"], "score": audit.get("score"),
                        "weight": ref.get("weight", 0), "value": audit.get("displayValue"),
                        "error": audit.get("errorMessage"), "items": items[:SHOWN_ITEMS], "item_count": len(items)})
    return sorted(failing, key=lambda a: (-a["weight"], a["score"] if a["score"] is not None else -1))


def measure_page(base: str, page: str, form_factor: str, args: argparse.Namespace) -> dict:
    url = base + page
    result: dict = {"page": page, "form_factor": form_factor, "url": url}
    status = status_of(url)
    if status != 200:
        return {**result, "status": f"missing ({status})"}
    started = time.perf_counter()
    lhr = run_lighthouse(url, form_factor, args.categories, args.timeout)
    result["seconds"] = round(time.perf_counter() - started, 1)
    if lhr.get("runtimeError"):
        return {**result, "status": f"lighthouse error: {lhr['runtimeError'].get('message', '')[:300]}"}
    result["status"] = "ok"
    result["lighthouse"] = lhr.get("lighthouseVersion")
    result["chrome"] = lhr.get("environment", {}).get("hostUserAgent")
    result["warnings"] = lhr.get("runWarnings", [])
    result["scores"] = {c: _score(lhr["categories"][c]["score"]) for c in args.categories}
    # Lighthouse rounds a category's score to two decimals: one failed audit among many can show
    # as 100, so every failed audit of accessibility and best practices is listed. Performance
    # lists its audits only below 100 (at 100 the unmet suggestions cost nothing).
    failing = {c: failing_audits(lhr, c) for c in args.categories}
    result["failing"] = {c: audits for c, audits in failing.items()
                         if audits and (c != "performance" or result["scores"][c] != 100)}
    for audits in result["failing"].values():  # site paths read better than URLs with a random port
        for audit in audits:
            audit["items"] = [item.replace(base, "") for item in audit["items"]]
    result["metrics"] = {key: lhr["audits"][key].get("displayValue") for key in
                         ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                          "cumulative-layout-shift", "speed-index") if key in lhr["audits"]}
    return result


def _score(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def _target(category: str, form_factor: str) -> int:
    return TARGETS.get((category, form_factor), 100)


def table(results: list[dict], categories: tuple[str, ...]) -> str:
    names = [c.replace("-", " ") for c in categories]
    lines = ["| page | form factor | " + " | ".join(names) + " |", "|---|---|" + "---:|" * len(names)]
    for r in results:
        if r["status"] != "ok":
            lines.append(f"| `{r['page']}` | {r['form_factor']} | {r['status']} |" + " |" * (len(names) - 1))
            continue
        cells = []
        for c in categories:
            score = r["scores"][c]
            below = score is None or score < _target(c, r["form_factor"])
            rounded_up = score == 100 and c in (r.get("failing") or {})
            cells.append("-" if score is None else f"**{score}**" if below else f"{score}*" if rounded_up else str(score))
        lines.append(f"| `{r['page']}` | {r['form_factor']} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Bold: below the target (accessibility and best practices 100; performance 95 mobile, 100 desktop).")
    lines.append("*: rounded up to 100 by Lighthouse, but an audit fails (below).")
    return "\n".join(lines)


def failures(results: list[dict]) -> str:
    lines = []
    for r in results:
        for category, audits in (r.get("failing") or {}).items():
            lines.append(f"\n### `{r['page']}` {r['form_factor']}: {category} {r['scores'][category]}")
            if category == "performance":
                lines.append("metrics: " + ", ".join(f"{k} {v}" for k, v in r["metrics"].items()))
            for a in audits:
                score = "error" if a["score"] is None else f"score {a['score']:.2f}"
                value = f", {a['value']}" if a["value"] else ""
                weight = f", weight {a['weight']}" if a["weight"] else ""
                lines.append(f"- `{a['id']}` {a['title']} ({score}{value}{weight})" + (f": {a['error']}" if a["error"] else ""))
                lines += [f"    - {item}" for item in a["items"]]
                if a["item_count"] > len(a["items"]):
                    lines.append(f"    - ... {a['item_count'] - len(a['items'])} more")
        for warning in r.get("warnings") or []:
            lines.append(f"\n`{r['page']}` {r['form_factor']}: warning: {warning}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one into a temporary folder)")
    parser.add_argument("--pages", default=",".join(PAGES), help="paths, comma-separated")
    parser.add_argument("--form-factors", default=",".join(FORM_FACTORS), help="mobile, desktop or both")
    parser.add_argument("--seo", action="store_true", help="also score SEO")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed (GitHub Pages compresses)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per build or Lighthouse run")
    parser.add_argument("--out", type=Path, help="JSON file to write")
    args = parser.parse_args(argv)
    args.categories = CATEGORIES + (("seo",) if args.seo else ())
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    form_factors = [f.strip() for f in args.form_factors.split(",") if f.strip()]
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: run `bash .ci/install-chromium`", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="werkwijzer-lh-site-") as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            print("building the site (mkdocs build --strict) ...", file=sys.stderr)
            build_site(site, args.timeout)
        results = []
        with serving(site, compress=not args.no_gzip) as base:
            for page in pages:
                for form_factor in form_factors:
                    print(f"lighthouse {page} {form_factor} ...", file=sys.stderr)
                    results.append(measure_page(base, "/" + page.lstrip("/"), form_factor, args))
    print(table(results, args.categories))
    print(failures(results))
    if args.out:
        report = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "lighthouse": LIGHTHOUSE, "cpus": os.cpu_count(),
                  "gzip": not args.no_gzip, "werkwijzer_today": os.environ.get("WERKWIJZER_TODAY"), "results": results}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nJSON written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
