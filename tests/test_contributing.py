"""CONTRIBUTING.md and the forms: complete, up to date, and their examples really work."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generators.checks.load import load_catalogue
from generators.data.diagnostics import DataError, Report
from generators.editing.docs_cmd import expected_guide
from generators.editing.fieldref import BEGIN_MARKER, END_MARKER, PART_NAMES, RECORD_KINDS, field_facts, parts_of, record_model
from generators.data.model import VOCABULARY_KINDS, GlossaryEntry, Term
from generators.data.yamlsource import read_yaml

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "CONTRIBUTING.md"
EXAMPLE = re.compile(r"<!-- voorbeeld: (\w+) -->\n```yaml\n(.*?)```", re.DOTALL)


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _reference() -> str:
    text = _guide()
    return text[text.index(BEGIN_MARKER):text.index(END_MARKER)]


def _section(reference: str, title: str) -> str:
    start = reference.index(f"#### {title}\n")
    following = reference.find("\n#### ", start + 1)
    return reference[start:following if following > 0 else None]


def test_the_field_reference_is_up_to_date():
    assert _guide() == expected_guide(_guide(), str(ROOT / "data")), (
        "the field reference in CONTRIBUTING.md is out of date: run `python -m generators docs`"
    )


@pytest.mark.parametrize("kind,title", [(kind, title) for kind, _, title, _ in RECORD_KINDS])
def test_every_field_of_every_record_is_explained(kind: str, title: str):
    section = _section(_reference(), title)
    for facts in field_facts(record_model(kind), kind):
        row = next((line for line in section.splitlines() if line.startswith(f"| `{facts.name}` |")), None)
        assert row, f"{title}: field {facts.name} is missing"
        assert ("| ja |" in row) == facts.required
        assert facts.description.split(".")[0] in row


def test_every_part_and_every_vocabulary_value_is_explained():
    reference = _reference()
    models = [record_model(kind) for kind, *_ in RECORD_KINDS]
    for part in [*parts_of(models), Term, GlossaryEntry]:
        section = _section(reference, PART_NAMES[part.__name__])
        for facts in field_facts(part):
            assert f"| `{facts.name}` |" in section, f"{part.__name__}.{facts.name} is missing"
    catalogue = load_catalogue([ROOT / "data"], Report())
    for kind in VOCABULARY_KINDS:
        section = _section(reference, kind)
        for term in catalogue.vocabulary(kind):
            assert f"| `{term.id}` |" in section


def test_a_field_missing_from_the_reference_is_noticed():
    broken = _guide().replace("| `postal_code` |", "| `postcode` |")
    assert broken != expected_guide(broken, str(ROOT / "data"))


def _examples() -> dict[str, str]:
    return {kind: text for kind, text in EXAMPLE.findall(_guide())}


def test_there_is_an_example_for_every_kind_of_record():
    assert sorted(_examples()) == sorted(kind for kind, *_ in RECORD_KINDS)


def test_the_examples_are_valid_records_together_with_the_real_data(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for kind, text in _examples().items():
        assert text.startswith(f"{kind}:\n")
        (data / f"voorbeeld-{kind}.yaml").write_text(text, encoding="utf-8")
    report = Report()
    try:
        catalogue = load_catalogue([data], report)
    except DataError:
        pytest.fail(report.render("text"))
    assert catalogue.get("antennes", "werkantenne-voorbeeld") is not None


def test_the_examples_are_in_canonical_form():
    from generators.editing.fmt import format_text

    for kind, text in _examples().items():
        assert format_text(text) == text, kind


def test_the_explained_message_has_the_shape_the_validator_uses(tmp_path: Path):
    explained = "data/antennes.yaml:12:5: error: antennes[3].address.postal_code: 9999 is not a Belgian postal code"
    assert explained in _guide()
    example = _examples()["antennes"].replace('postal_code: "9000"', "postal_code: \"9999\"")
    path = tmp_path / "antennes.yaml"
    path.write_text(example, encoding="utf-8")
    report = Report()
    with pytest.raises(DataError):
        load_catalogue([path], report)
    real = next(d.text() for d in report.errors if d.field.endswith("postal_code"))
    pattern = re.escape(explained).replace("data/antennes\\.yaml", r".*antennes\.yaml").replace("12:5", r"\d+:\d+")
    assert re.fullmatch(pattern.replace(r"\[3\]", r"\[\d+\]"), real), real


# --- the forms and the pull request checklist ------------------------------------------------------

def _form(name: str) -> dict:
    document = read_yaml((ROOT / ".github/ISSUE_TEMPLATE" / name).read_bytes(), name, Report())
    assert document is not None
    return document.data


def _ids(form: dict) -> list[str]:
    return [item["id"] for item in form["body"] if "id" in item]


def test_the_guide_names_the_forms_as_they_are_called():
    assert _form("suggestie.yml")["name"] == "Suggestie tot wijziging"
    assert _form("nieuw.yml")["name"] == "Nieuwe organisatie of antenne"
    for name in ("Suggestie tot wijziging", "Nieuwe organisatie of antenne"):
        assert f"**{name}**" in _guide()


def test_the_suggestion_form_asks_for_page_record_and_source():
    form = _form("suggestie.yml")
    assert {"pagina", "record", "bron"} <= set(_ids(form))
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    assert {"pagina", "bron"} <= required


def test_the_new_record_form_follows_the_model():
    model_fields = {name for kind in ("organisations", "antennes", "programmes") for name in record_model(kind).model_fields}
    asked = set(_ids(_form("nieuw.yml"))) - {"soort", "contact"}
    assert asked <= model_fields, asked - model_fields
    status = next(item for item in _form("nieuw.yml")["body"] if item.get("id") == "status")
    allowed = next(f.choices for f in field_facts(record_model("antennes")) if f.name == "status")
    assert set(allowed) <= set(status["attributes"]["options"])


def test_blank_issues_lead_to_the_forms():
    assert _form("config.yml")["blank_issues_enabled"] is False


def test_the_pull_request_checklist_covers_what_an_editor_must_check():
    checklist = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    for must in ("sources", "last_checked", "persoonsgegevens", "validate", "voorbeeld-site"):
        assert must in checklist
    assert checklist.count("- [ ]") >= 5
