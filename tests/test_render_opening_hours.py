"""The "nu open / gesloten" line that content/assets/js/opening-hours.js computes in the browser.

The script's logic runs in Node against the JSON block the page carries, at pinned moments in
Europe/Brussels time.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generators.checks.load import load_catalogue
from generators.site.render_hours import hours_view

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "content" / "assets" / "js" / "opening-hours.js"
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "render_catalogue.yaml"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")


@pytest.fixture(scope="module")
def hours_data() -> dict:
    catalogue = load_catalogue([FIXTURE], today=dt.date(2026, 11, 22))
    antenne = catalogue.get("antennes", "werkantenne-nieuw")
    return hours_view(antenne.opening_hours, catalogue.today).data


def status(hours: dict, date: str, time: str) -> str:
    hour, minute = time.split(":")
    program = (
        f"const oh = require({json.dumps(str(SCRIPT))});"
        f"process.stdout.write(oh.statusText({json.dumps(hours)}, "
        f"{{date: {json.dumps(date)}, minutes: {int(hour) * 60 + int(minute)}}}));"
    )
    return subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(("date", "time", "expected"), [
    ("2026-11-23", "10:00", "Nu open – sluit om 12:00."),                 # Monday morning
    ("2026-11-23", "12:00", "Nu gesloten – opent morgen om 09:00."),      # closes at noon sharp
    ("2026-11-24", "08:30", "Nu gesloten – opent vandaag om 09:00."),
    ("2026-11-27", "10:00", "Nu gesloten – opent maandag om 09:00."),     # Friday: closed
    ("2026-12-23", "17:00", "Nu gesloten – opent maandag om 09:00."),     # Thursday 24 Dec: exception day
    ("2027-03-29", "10:00", "Nu gesloten – opent morgen om 09:00."),      # Easter Monday: holiday, closed
])
def test_open_now_line(hours_data: dict, date: str, time: str, expected: str) -> None:
    assert status(hours_data, date, time) == expected


def test_holiday_of_unknown_policy_says_we_do_not_know(hours_data: dict) -> None:
    unknown = {**hours_data, "public_holidays": "onbekend"}
    assert status(unknown, "2026-12-25", "10:00") == "Vandaag is een feestdag (Kerstmis). We weten niet of de plek open is."
