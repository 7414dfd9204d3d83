"""Opening hours: the weekly table a reader sees without JavaScript, and the data the browser uses.

The table shows the hours valid on the day of the build, the hours that start later, the
exception days still to come and the Belgian public holidays of the coming weeks. The same rules
go to `content/assets/js/opening-hours.js` as JSON, which works out "nu open" in Europe/Brussels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

from ..data.model import WEEKDAYS, OpeningHours, OpeningRule
from .render_format import DAY_NAMES

HOLIDAYS_AHEAD_DAYS = 60


@dataclass(frozen=True)
class DayRow:
    day: str                      # "maandag"
    spans: list[OpeningRule]      # empty: closed that day


@dataclass(frozen=True)
class HoursView:
    week: list[DayRow]
    later: list[OpeningRule]      # rules that start after today
    exceptions: list              # OpeningException, from today on
    public_holidays: str          # gesloten | open | onbekend
    holidays_ahead: list[tuple[dt.date, str]]
    data: dict                    # for the browser


def _valid_on(rule: OpeningRule, day: dt.date) -> bool:
    return (rule.valid_from is None or rule.valid_from <= day) and (rule.valid_to is None or day <= rule.valid_to)


@lru_cache(maxsize=16)  # the same few years for every place: compute them once per build
def belgian_holidays(years: range) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("BE", years=list(years), language="nl"))


def hours_view(hours: OpeningHours, today: dt.date) -> HoursView:
    current = [r for r in hours.rules if _valid_on(r, today)]
    week = [
        DayRow(DAY_NAMES[day], sorted((r for r in current if day in r.days), key=lambda r: r.opens))
        for day in WEEKDAYS
    ]
    later = sorted((r for r in hours.rules if r.valid_from and r.valid_from > today), key=lambda r: r.valid_from)
    exceptions = sorted((e for e in hours.exceptions if e.date >= today), key=lambda e: e.date)
    feast_days = belgian_holidays(range(today.year - 1, today.year + 3))
    horizon = today + dt.timedelta(days=HOLIDAYS_AHEAD_DAYS)
    ahead = sorted((d, n) for d, n in feast_days.items() if today <= d <= horizon)
    return HoursView(week, later, exceptions, hours.public_holidays, ahead, _browser_data(hours, feast_days))


def _browser_data(hours: OpeningHours, feast_days: dict[dt.date, str]) -> dict:
    return {
        "timezone": "Europe/Brussels",
        "rules": [
            {
                "days": [WEEKDAYS.index(d) + 1 for d in r.days],  # ISO weekday numbers
                "opens": r.opens,
                "closes": r.closes,
                "from": r.valid_from.isoformat() if r.valid_from else None,
                "to": r.valid_to.isoformat() if r.valid_to else None,
            }
            for r in hours.rules
        ],
        "exceptions": [
            {"date": e.date.isoformat(), "closed": e.closed, "opens": e.opens, "closes": e.closes}
            for e in hours.exceptions
        ],
        "public_holidays": hours.public_holidays,
        "holidays": {d.isoformat(): name for d, name in sorted(feast_days.items())},
    }
