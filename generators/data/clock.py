"""Today's date, in one place, so that builds and tests can pin it (WERKWIJZER_TODAY=YYYY-MM-DD)."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Brussels")


def today() -> dt.date:
    pinned = os.environ.get("WERKWIJZER_TODAY")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return dt.datetime.now(TIMEZONE).date()
