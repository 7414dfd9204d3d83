"""`python -m benchmarks [--sizes 100,1000,5000] [--runs 3] [--out FILE.json]`: measure and report.

For each size N: synthetic data of N organisations; then, `--runs` times and interleaved so that
the machine's drift hits both alike, (1) load + checks and rendering in a fresh interpreter,
(2) the whole `mkdocs build` of the portal, (3) the baseline build of plain pages of the same
number and size. Medians are reported, with the ratio to the baseline where noise matters.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .baseline import write_baseline
from .measure import CommandFailed, measure, page_sizes, tree_size
from .search_bytes import material_first_result, site_first_result
from .serve_reload import serve_reload_seconds

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"  # pinned, as in the tests: ages and warnings do not drift between runs
SEARCH_QUERY = "werkantenne"  # the table's figure
# Other things people type, in the JSON and below the table: what a query fetches depends on how
# many words it has and on the index chunks they fall in.
OTHER_SEARCH_QUERIES = ("art 60", "werkervaring", "jobclub brugge")
SEARCH_WORKER = "assets/javascripts/pagefind-search-worker.js"
LINEAR_LIMIT = 5.5  # the target: time at 5,000 organisations <= 5.5 x time at 1,000


def _env() -> dict[str, str]:
    return {**os.environ, "WERKWIJZER_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


def bench_size(n: int, args: argparse.Namespace, work: Path) -> dict:
    python, env = sys.executable, _env()
    data, site, base = work / f"data-{n}", work / f"site-{n}", work / f"baseline-{n}"
    for folder in (data, site, base):
        shutil.rmtree(folder, ignore_errors=True)
    synth = measure([python, "-m", "generators", "synth", "--organisations", str(n), "--seed", str(args.seed), str(data)],
                    cwd=ROOT, env=env, timeout=args.timeout)
    pages_json = work / f"pages-{n}.json"
    runs: dict[str, list[float]] = {k: [] for k in ("load_checks_s", "render_s", "build_s", "build_mib", "build_tree_mib",
                                                  "baseline_s", "baseline_mib", "baseline_tree_mib")}
    stages: dict = {}
    for run in range(args.runs):
        staged = measure([python, "-m", "benchmarks.stages", str(data), str(pages_json)], cwd=ROOT, env=env, timeout=args.timeout)
        stages = json.loads(staged.output.strip().splitlines()[-1])
        runs["load_checks_s"].append(stages["load_checks_s"])
        runs["render_s"].append(stages["render_s"])
        build = measure([python, "-m", "mkdocs", "build", "--site-dir", str(site)],
                        cwd=ROOT, env={**env, "WERKWIJZER_DATA": str(data)}, timeout=args.timeout)
        runs["build_s"].append(build.seconds)
        runs["build_mib"].append(build.peak_mib)
        runs["build_tree_mib"].append(build.tree_mib)
        if not args.no_baseline:
            if run == 0:
                write_baseline([tuple(row) for row in json.loads(pages_json.read_text("utf-8"))], base)
            baseline = measure([python, "-m", "mkdocs", "build", "-f", str(base / "mkdocs.yml"), "--site-dir", str(base / "site")],
                               cwd=base, env=env, timeout=args.timeout)
            runs["baseline_s"].append(baseline.seconds)
            runs["baseline_mib"].append(baseline.peak_mib)
            runs["baseline_tree_mib"].append(baseline.tree_mib)
        print(f"  N={n} run {run + 1}/{args.runs}: build {build.seconds:.1f} s"
              + (f", baseline {runs['baseline_s'][-1]:.1f} s" if runs["baseline_s"] else ""), file=sys.stderr)
    result: dict = {"organisations": n, "records": stages["records"], "records_total": sum(stages["records"].values()),
                    "pages": stages["pages"], "synth_s": synth.seconds, "runs": runs}
    result.update({key: statistics.median(values) for key, values in runs.items() if values})
    result["site_bytes"], result["site_files"] = tree_size(site)
    result.update(page_sizes(site))
    result["search"] = _site_search(site)
    if runs["baseline_s"]:
        result["baseline_site_bytes"], _ = tree_size(base / "site")
        result["baseline_search_material"] = material_first_result(base / "site")
        result["build_vs_baseline"] = result["build_s"] / result["baseline_s"]
    if n == args.serve_at:
        result["serve"] = serve_reload_seconds(data, ROOT, env, python, timeout=args.timeout)
    if not args.keep:
        for folder in (site, base):
            shutil.rmtree(folder, ignore_errors=True)
    return result


def _site_search(site: Path) -> dict:
    """What the site's own search box (Pagefind, indexed by the build) fetches for a first result,
    measured in Chromium."""
    try:
        found = site_first_result(site, SEARCH_QUERY, SEARCH_WORKER)
        found["other_queries"] = {query: site_first_result(site, query, SEARCH_WORKER)["bytes"]
                                  for query in OTHER_SEARCH_QUERIES}
    except Exception as error:  # noqa: BLE001 - no browser: the table says so, the rest stands
        return {"error": f"{type(error).__name__}: {error}"[:500]}
    found["index_bytes"], found["index_files"] = tree_size(site / "pagefind")
    return found


def _kb(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024:.0f}"


def _search_total(files: dict | None) -> int | None:
    return sum(files.values()) if files else None


def table(results: list[dict]) -> str:
    head = ["N orgs", "records", "pages", "load+checks s", "render s", "build s", "baseline s", "build/base",
            "peak MiB", "base MiB", "all MiB", "base all MiB", "site MB", "largest page KB", "entity page KB", "search KB", "base search KB"]
    rows = []
    for r in results:
        rows.append([
            f"{r['organisations']:,}", f"{r['records_total']:,}", f"{r['pages']:,}",
            f"{r['load_checks_s']:.2f}", f"{r['render_s']:.2f}", f"{r['build_s']:.1f}",
            f"{r['baseline_s']:.1f}" if "baseline_s" in r else "-",
            f"{r['build_vs_baseline']:.2f}" if "build_vs_baseline" in r else "-",
            f"{r['build_mib']:.0f}", f"{r['baseline_mib']:.0f}" if "baseline_mib" in r else "-",
            f"{r['build_tree_mib']:.0f}", f"{r['baseline_tree_mib']:.0f}" if "baseline_tree_mib" in r else "-",
            f"{r['site_bytes'] / 1e6:.1f}", _kb(r.get("largest_page_bytes")), _kb(r.get("entity_page_bytes")),
            _kb(r["search"].get("bytes")),
            _kb(_search_total(r.get("baseline_search_material"))),
        ])
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    lines = [" | ".join(h.rjust(w) for h, w in zip(head, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows]
    lines += _growth(results)
    for r in results:
        others = r["search"].get("other_queries")
        if others:
            lines.append(f"search KB at N={r['organisations']:,} for other queries: "
                         + ", ".join(f"{query!r} {_kb(size)}" for query, size in others.items()))
    for r in results:
        if "serve" in r:
            lines.append(f"mkdocs serve at N={r['organisations']:,}: an edited data file is shown after "
                         f"{r['serve'].get('edit_shown_s') or float('nan'):.1f} s (target: 2 s)")
    return "\n".join(lines)


def _growth(results: list[dict]) -> list[str]:
    """Time ratios between sizes: linear growth gives the ratio of the sizes."""
    by_n = {r["organisations"]: r for r in results}
    lines = []
    for small, large in zip(sorted(by_n), sorted(by_n)[1:]):
        a, b = by_n[small], by_n[large]
        ratio = b["build_s"] / a["build_s"]
        limit = f" (target for 1,000 -> 5,000: <= {LINEAR_LIMIT})" if (small, large) == (1000, 5000) else ""
        base = f"; baseline x{b['baseline_s'] / a['baseline_s']:.2f}" if "baseline_s" in a and "baseline_s" in b else ""
        lines.append(f"growth {small:,} -> {large:,} organisations (x{large / small:g}): build x{ratio:.2f}{limit}; "
                     f"load+checks x{b['load_checks_s'] / a['load_checks_s']:.2f}{base}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="organisation counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; medians are reported")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json", help="JSON file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per command")
    parser.add_argument("--serve-at", type=int, default=1000, help="size at which to time mkdocs serve's reload (0: never)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the stock MkDocs baseline")
    parser.add_argument("--keep", action="store_true", help="keep the built sites in the work folder")
    parser.add_argument("--workdir", type=Path, help="where data and sites go (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="werkwijzer-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
              "started": time.strftime("%Y-%m-%dT%H:%M:%S"), "runs": args.runs, "results": []}
    try:
        for n in sizes:
            print(f"N={n}: synthetic data, {args.runs} run(s) ...", file=sys.stderr)
            report["results"].append(bench_size(n, args, work))
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")  # partial results survive
    except CommandFailed as failure:
        print(f"benchmark stopped: {failure}", file=sys.stderr)
        return 1
    finally:
        if not args.workdir and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(report["results"]))
    print(f"JSON written to {args.out}")
    return 0
