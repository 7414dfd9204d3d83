"""How long `mkdocs serve` takes to show an edited data file: save, then poll the page.

Runs the real `mkdocs serve` on a copy of a data folder, renames the first organisation in its
file (as an editor would), and times the interval until the organisation's page served says so.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

MARK = " (bewerkt)"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str, deadline: float) -> float | None:
    while time.perf_counter() < deadline:
        page = _get(url)
        if page is not None and text in page:
            return time.perf_counter()
        time.sleep(0.05)
    return None


def serve_reload_seconds(data: Path, root: Path, env: dict[str, str], python: str, timeout: float = 600) -> dict:
    with tempfile.TemporaryDirectory(prefix="werkwijzer-serve-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data, copy)
        organisations = copy / "organisations.yaml"
        text = organisations.read_text(encoding="utf-8")
        org_id, name = re.search(r'- id: "([^"]+)"\n\s+name: "([^"]+)"', text).groups()
        port = _free_port()
        url = f"http://127.0.0.1:{port}/organisaties/{org_id}/"
        # The hook watches WERKWIJZER_DATA itself; --watch only makes that explicit.
        command = [python, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--watch", str(copy)]
        with open(Path(scratch) / "serve.log", "w", encoding="utf-8") as log:
            process = subprocess.Popen(command, cwd=root, env={**env, "WERKWIJZER_DATA": str(copy)},
                                       stdout=log, stderr=subprocess.STDOUT)
            try:
                start = time.perf_counter()
                ready = _wait_for(url, name, start + timeout)
                if ready is None:
                    return {"error": "the first build did not finish in time"}
                time.sleep(1.0)  # let the watcher settle after the first build
                saved = time.perf_counter()
                organisations.write_text(text.replace(f'name: "{name}"', f'name: "{name}{MARK}"', 1), encoding="utf-8")
                shown = _wait_for(url, name + MARK, saved + timeout)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    return {"first_build_s": ready - start,
            "edit_shown_s": (shown - saved) if shown else None}
