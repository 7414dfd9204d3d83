"""Dated facts in one list: events, and the openings, closures, starts and ends the records carry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..data.catalogue import Catalogue, earliest_day


@dataclass(frozen=True)
class Moment:
    date: str           # a partial date: 2014, 2014-04 or 2014-04-23
    what: str           # event, proposed, planned, opened, closed, started, ended, founded
    kind: str           # the record's kind: events, organisations, antennes, programmes
    record: Any

    @property
    def year(self) -> str:
        return self.date[:4]

    def is_past(self, today: dt.date) -> bool:
        return earliest_day(self.date) <= today


def moments(catalogue: Catalogue) -> list[Moment]:
    """Every dated fact, newest first (a year-only date sorts after the months of that year)."""
    found: list[Moment] = [Moment(e.date, "event", "events", e) for e in catalogue.events]
    for org in catalogue.organisations:
        if org.founded:
            found.append(Moment(org.founded, "founded", "organisations", org))
    for antenne in catalogue.antennes:
        if antenne.status == "voorgesteld":
            proposed = antenne.opened or catalogue.facts_date(antenne)
            if proposed:
                found.append(Moment(proposed, "proposed", "antennes", antenne))
        elif antenne.opened:
            planned = antenne.status == "gepland" or earliest_day(antenne.opened) > catalogue.today
            found.append(Moment(antenne.opened, "planned" if planned else "opened", "antennes", antenne))
        if antenne.closed:
            found.append(Moment(antenne.closed, "closed", "antennes", antenne))
    for programme in catalogue.programmes:
        if programme.started:
            found.append(Moment(programme.started, "started", "programmes", programme))
        if programme.ended:
            found.append(Moment(programme.ended, "ended", "programmes", programme))
    return sorted(found, key=lambda m: (m.date, m.record.id), reverse=True)


def recent(catalogue: Catalogue, limit: int) -> list[Moment]:
    """The newest facts up to today, for the home page."""
    return [m for m in moments(catalogue) if m.is_past(catalogue.today)][:limit]
