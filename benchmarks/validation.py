"""How long `python -m generators validate` takes on large data, without and with its report cache.

    .venv/bin/python -m benchmarks.validation --organisations 10000 [--runs 3] [--data DIR] [--out FILE]

Synthesises the data (or reads --data), then, per run and interleaved, times three fresh
interpreters: `--no-cache`; a first run that finds the cache empty and fills it; and a repeat run,
which finds the whole report remembered (filecache.ReportCache). The cache lives in a temporary
folder, so nothing of yours is touched. Medians are printed as a table, and written as JSON with
--out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from .measure import Measured, measure

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = {
    "no_cache": "--no-cache",
    "cold": "cache empty",
    "warm": "report remembered",
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="werkwijzer-validation-") as work:
        data = args.data or _synthesise(Path(work) / "data", args.organisations)
        megabytes = _megabytes(data)
        results = _measure_runs(data, Path(work) / "cache", args.runs)
    summary = {
        "organisations": args.organisations if args.data is None else None,
        "data": str(args.data) if args.data else "synthetic, seed 1",
        "megabytes": round(megabytes, 1),
        "runs": args.runs,
        "cpus": os.cpu_count(),
        "median_seconds": {name: round(statistics.median(times), 2) for name, times in results["seconds"].items()},
        "peak_mib": {name: round(max(peaks), 0) for name, peaks in results["peak_mib"].items()},
        "seconds": results["seconds"],
    }
    print(_table(summary))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.validation", description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000, help="size of the synthetic data (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; medians are reported")
    parser.add_argument("--data", type=Path, help="validate this folder instead of synthesising one")
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    return parser


def _synthesise(folder: Path, organisations: int) -> Path:
    command = [sys.executable, "-m", "generators", "synth", "--organisations", str(organisations), "--seed", "1", str(folder)]
    measure(command, cwd=ROOT, env=dict(os.environ), timeout=3600)
    return folder


def _measure_runs(data: Path, cache: Path, runs: int) -> dict[str, dict[str, list[float]]]:
    seconds: dict[str, list[float]] = {name: [] for name in COLUMNS}
    peaks: dict[str, list[float]] = {name: [] for name in COLUMNS}
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        for name in COLUMNS:
            measured = _validate(data, cache, "--no-cache") if name == "no_cache" else _validate(data, cache)
            seconds[name].append(round(measured.seconds, 3))
            peaks[name].append(round(measured.peak_mib, 1))
    return {"seconds": seconds, "peak_mib": peaks}


def _validate(data: Path, cache: Path, *options: str) -> Measured:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "WERKWIJZER_TODAY": "2026-11-22"}
    command = [sys.executable, "-m", "generators", "validate", *options, str(data)]
    return measure(command, cwd=ROOT, env=env, timeout=3600)


def _megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*.yaml")) / 1e6


def _table(summary: dict) -> str:
    medians, peaks = summary["median_seconds"], summary["peak_mib"]
    lines = [
        f"validate {summary['data']}, {summary['megabytes']} MB, "
        f"organisations: {summary['organisations'] or '-'}, median of {summary['runs']} run(s)",
        "",
        "| run | seconds | peak MiB |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {label} | {medians[name]:.2f} | {peaks[name]:.0f} |" for name, label in COLUMNS.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
