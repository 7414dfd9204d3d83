"""`python -m generators synth`: valid, deterministic, realistic synthetic data for benchmarks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generators.checks.load import load_catalogue
from generators.cli import main
from generators.data.diagnostics import Report

ORGANISATIONS = 20


def synth(out: Path, seed: int, organisations: int = ORGANISATIONS) -> Path:
    assert main(["synth", "--organisations", str(organisations), "--seed", str(seed), str(out)]) == 0
    return out


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.yaml"))}


@pytest.fixture(scope="module")
def seed_one(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth(tmp_path_factory.mktemp("seed1"), seed=1)


def test_the_validator_accepts_synthetic_data_with_zero_errors(seed_one: Path) -> None:
    report = Report()
    load_catalogue([seed_one], report)  # raises DataError on any error
    assert report.errors == []


def test_the_same_seed_gives_the_same_bytes(seed_one: Path, tmp_path: Path) -> None:
    assert digest(synth(tmp_path, seed=1)) == digest(seed_one)


def test_another_seed_gives_other_data(seed_one: Path, tmp_path: Path) -> None:
    other = digest(synth(tmp_path, seed=2))
    assert other.keys() == digest(seed_one).keys()
    assert other["organisations.yaml"] != digest(seed_one)["organisations.yaml"]


def test_records_of_every_kind_in_the_proportions_of_real_data(seed_one: Path) -> None:
    catalogue = load_catalogue([seed_one])
    n = len(catalogue.organisations)
    assert n == ORGANISATIONS
    assert 1.5 * n <= len(catalogue.antennes) <= 2.6 * n
    assert 1.0 * n <= len(catalogue.programmes) <= 2.0 * n
    assert 1.0 * n <= len(catalogue.contacts) <= 2.0 * n
    assert catalogue.events and catalogue.sources and catalogue.glossary
    assert any(a.status == "gesloten" and a.successors for a in catalogue.antennes)
    assert any(a.opening_hours and len(a.opening_hours.rules) > 1 for a in catalogue.antennes)
    assert any(p.related for p in catalogue.programmes) and any(c.about for c in catalogue.contacts)


def test_places_are_real_flemish_municipalities_and_nobody_is_named(seed_one: Path) -> None:
    catalogue = load_catalogue([seed_one])
    provinces = {catalogue.municipality(a.address).municipality.province for a in catalogue.antennes}
    assert provinces <= {"Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen"}
    assert all(c.person is None for c in catalogue.contacts)
    emails = [r.email for _, r in catalogue.entities() if getattr(r, "email", None)]
    assert emails and all(e.endswith(".example.org") for e in emails)


def test_large_data_is_split_into_files_the_reader_accepts(tmp_path: Path) -> None:
    folder = synth(tmp_path, seed=3, organisations=600)  # > 1000 antennes: two antennes files
    assert (folder / "antennes-002.yaml").exists()
    assert len(load_catalogue([folder]).organisations) == 600


def test_refuses_to_mix_with_existing_data(seed_one: Path) -> None:
    assert main(["synth", "--organisations", "5", str(seed_one)]) == 2
