"""The policy file: the shipped files, the round trip, and bad files."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
import tomli_w
from django.apps import apps
from django.core.management import CommandError, call_command

from utblick.demo.services import SHIPPED, shipped_policy_file
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact, Unit
from utblick.policies.fileformat import PolicyFileInvalid
from utblick.policies.models import Policy, PolicyStatus
from utblick.policies.selectors import policy_export, policy_in_force
from utblick.policies.services import policy_file_load

pytestmark = pytest.mark.django_db


def load(data: bytes | str, name: str = "test.toml") -> Any:
    return policy_file_load(data=data, filename=name, user=None)


def row_counts() -> dict[str, int]:
    """Every table Utblick owns, and its history tables."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in {"municipalities", "organisation", "policies", "accounts"}
    }


@pytest.mark.parametrize("slug", SHIPPED)
def test_shipped_file_loads_and_exports_unchanged(slug: str) -> None:
    result = load(shipped_policy_file(slug), f"{slug}.toml")
    assert result.policy_created
    exported = policy_export(result.municipality)
    assert tomllib.loads(exported) == tomllib.loads(shipped_policy_file(slug).decode())


@pytest.mark.parametrize("slug", SHIPPED)
def test_export_load_export_is_identical(slug: str) -> None:
    municipality = load(shipped_policy_file(slug)).municipality
    first = policy_export(municipality)
    before = row_counts()
    assert not load(first).changed
    assert row_counts() == before
    assert policy_export(municipality) == first


def test_focus_areas_as_the_sources_say() -> None:
    expected = {
        "uppsala": [
            "Verksamhetsutveckling",
            "Näringslivsutveckling och positionering",
            "Bevakning och påverkan",
        ],
        "umea": [
            "Påverkan och omvärldsbevakning",
            "Positionering och näringsliv",
            "Internationella Umeå",
            "Verksamhetsutveckling",
        ],
        "kungalv": [
            "Utveckling av kommunens egen verksamhet",
            "Samhällsutveckling och socioekonomiska kunskapsinvesteringar",
            "Tillväxt och näringslivsutveckling",
            "Omvärldsbevakning",
        ],
        "upplands-bro": ["Smart tillväxt", "Hållbar tillväxt", "Tillväxt för alla"],
    }
    for slug, names in expected.items():
        policy = load(shipped_policy_file(slug)).policy
        assert [f.name for f in policy.focus_areas.all()] == names


def test_rules_the_texts_imply() -> None:
    rules = {}
    for slug in SHIPPED:
        policy = load(shipped_policy_file(slug)).policy
        rules[slug] = {p.rule_id: p.rule_severity for p in policy.principles.exclude(rule_id="")}
    assert rules["umea"]["aid-fully-external"] == "error"
    assert rules["umea"]["twinning-discouraged"] == "warning"
    assert rules["upplands-bro"]["contact-per-office"] == "error"
    assert rules["upplands-bro"]["yearly-action-plan"] == "error"
    assert rules["kungalv"]["followup-per-period"] == "error"
    assert rules["uppsala"]["project-goal-link"] == "error"
    assert "policy-revision-term" in rules["kungalv"] and "policy-revision-term" in rules["umea"]


def test_cadence_and_periods() -> None:
    kungalv = load(shipped_policy_file("kungalv")).policy
    assert kungalv.cadence_kind == "tertial"
    assert [(p.key, p.start, p.end) for p in kungalv.periods.all()] == [
        ("t1", "01-01", "04-30"),
        ("t2", "05-01", "08-31"),
        ("bokslut", "09-01", "12-31"),
    ]
    assert [r.unit.key for r in kungalv.report_to.all()] == ["demokratiberedningen", "ks"]
    umea = load(shipped_policy_file("umea")).policy
    assert umea.cadence_kind == "yearly"
    assert [p.key for p in umea.periods.all()] == ["ar"]


def test_agenda_2030_terms_are_shipped() -> None:
    policy = load(shipped_policy_file("umea")).policy
    terms = policy.taxonomies.get(key="agenda2030").terms.all()
    assert len(terms) == 17
    assert terms[10].name == "Hållbara städer och samhällen"


def _edited(slug: str, change: Any) -> str:
    data = tomllib.loads(shipped_policy_file(slug).decode())
    change(data)
    return tomli_w.dumps(data)


def test_changed_policy_is_a_new_version_and_the_old_stays() -> None:
    first = load(shipped_policy_file("umea")).policy
    first_areas = [f.name for f in first.focus_areas.all()]

    def revise(data: dict[str, Any]) -> None:
        data["policy"]["version"] = "2.0"
        data["policy"]["decided_on"] = tomllib.loads("d = 2027-02-01")["d"]
        data["policy"]["focus_areas"].pop()

    result = load(_edited("umea", revise))
    assert result.policy_created
    second = result.policy
    first.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.status == PolicyStatus.REPLACED and first.replaced_at is not None
    assert second.status == PolicyStatus.IN_FORCE
    assert [f.name for f in first.focus_areas.all()] == first_areas
    assert second.focus_areas.count() == 3
    assert policy_in_force(result.municipality) == second


def test_units_and_contacts_update_in_place_with_history() -> None:
    load(shipped_policy_file("umea"))

    def rename(data: dict[str, Any]) -> None:
        data["units"][2]["name"] = "Internationella kontoret"

    result = load(_edited("umea", rename))
    assert not result.policy_created
    unit = Unit.objects.get(key="internationella-enheten")
    assert unit.name == "Internationella kontoret"
    assert unit.history.count() == 2
    last = unit.history.first()
    assert (last.history_action, last.history_change_reason) == ("unit.changed", "test.toml")


def test_revision_due_at_new_term() -> None:
    from datetime import date

    policy = load(shipped_policy_file("umea")).policy
    assert policy.term_of_office == 2014
    assert policy.revision_due(date(2026, 11, 23))
    assert policy.revision_due_since(date(2026, 11, 23)) == date(2026, 10, 15)
    uppsala = load(shipped_policy_file("uppsala")).policy
    assert not uppsala.revision_due(date(2026, 11, 23))  # its text sets no revision


BASE = shipped_policy_file("kungalv").decode()


def _set(path: str, value: Any) -> str:
    data = tomllib.loads(BASE)
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is DELETE:
        del node[int(last) if last.isdigit() else last]
    else:
        node[int(last) if last.isdigit() else last] = value
    return tomli_w.dumps(data)


DELETE = object()

MALFORMED: list[tuple[str, str, str, str]] = [
    ("syntax", BASE.replace('slug = "kungalv"', 'slug = "kungalv'), "", "ogiltig TOML på rad"),
    ("missing field", _set("policy.title", DELETE), "policy.title", "saknas men måste anges"),
    ("unknown field", _set("policy.titel", "x"), "policy.titel", "okänt fält"),
    ("bad date", _set("policy.decided_on", "5 december 2019"), "policy.decided_on", "ÅÅÅÅ-MM-DD"),
    ("bad code", _set("municipality.code", "148"), "municipality.code", "fyra siffror"),
    (
        "bad organisation number",
        _set("municipality.organisation_number", "212000-1489"),
        "municipality.organisation_number",
        "fel kontrollsiffra",
    ),
    ("bad unit kind", _set("units.0.kind", "parliament"), "units[1].kind", "måste vara ett av"),
    (
        "reserved address",
        _set("municipality.slug", "plattform"),
        "municipality.slug",
        "används av Utblick självt",
    ),
    (
        "unknown unit",
        _set("policy.adopted_by", "riksdagen"),
        "policy.adopted_by",
        "finns inte under [[units]]",
    ),
    (
        "duplicate key",
        _set("policy.focus_areas.1.key", "egen-verksamhet"),
        "policy.focus_areas[2].key",
        "finns redan",
    ),
    (
        "unknown rule",
        _set("policy.principles.8.rule.id", "no-travel"),
        "policy.principles[9].rule.id",
        "okänd regel",
    ),
    (
        "bad rule parameter",
        _set("policy.principles.8.rule.params", {"grace_days": "tre"}),
        "policy.principles[9].rule.params.grace_days",
        "heltal",
    ),
    ("bad term", _set("policy.term_of_office", 2019), "policy.term_of_office", "inget valår"),
    (
        "bad cadence",
        _set("policy.cadence.kind", "monthly"),
        "policy.cadence.kind",
        "måste vara ett av",
    ),
    (
        "consent without date",
        _set("contacts.0.consent_recorded_on", DELETE),
        "contacts[1].consent_recorded_on",
        "samtycket",
    ),
    (
        "bad email",
        _set("contacts.1.email", "omar(at)example.se"),
        "contacts[2].email",
        "ingen e-postadress",
    ),
    (
        "empty focus areas",
        _set("policy.focus_areas", []),
        "policy.focus_areas",
        "får inte vara tom",
    ),
    ("binary", "\x00\x01\x02", "", "binär"),
]


@pytest.mark.parametrize(
    ("case", "text", "path", "message"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_file_names_the_problem_and_loads_nothing(
    case: str, text: str, path: str, message: str
) -> None:
    before = row_counts()
    with pytest.raises(PolicyFileInvalid) as raised:
        load(text, "kungalv.toml")
    rendered = raised.value.messages()
    expected_prefix = f"kungalv.toml: {path}: " if path else "kungalv.toml: "
    assert any(m.startswith(expected_prefix) and message in m for m in rendered), rendered
    assert row_counts() == before


def test_a_row_its_own_door_refuses_is_named_and_nothing_is_loaded(tmp_path: Any) -> None:
    """The file's format allows what a register's door may still refuse (its field limits)."""
    long_phone = _set("contacts.1.phone", "0303-" + "1" * 60)
    before = row_counts()
    with pytest.raises(PolicyFileInvalid) as raised:
        load(long_phone, "kungalv.toml")
    assert any(
        m.startswith("kungalv.toml: contacts[key=omar-testlund].phone: ")
        for m in raised.value.messages()
    ), raised.value.messages()
    assert row_counts() == before
    bad = tmp_path / "kungalv.toml"
    bad.write_text(long_phone, encoding="utf-8")
    with pytest.raises(CommandError, match=r"contacts\[key=omar-testlund\]\.phone"):
        call_command("policy", "load", str(bad))


def test_not_utf8_is_refused() -> None:
    with pytest.raises(PolicyFileInvalid) as raised:
        load(BASE.encode("cp1252", errors="replace"), "kungalv.toml")
    assert "UTF-8" in raised.value.messages()[0]


def test_code_of_another_municipality_is_refused() -> None:
    load(shipped_policy_file("umea"))
    clash = _set("municipality.code", "2480")
    before = row_counts()
    with pytest.raises(PolicyFileInvalid) as raised:
        load(clash, "kungalv.toml")
    assert (
        "kungalv.toml: municipality.code: kommunkoden 2480 tillhör redan Umeå kommun"
        in raised.value.messages()
    )
    assert row_counts() == before


def test_cli_load_export_and_errors(tmp_path: Any, capsys: Any) -> None:
    good = tmp_path / "kungalv.toml"
    good.write_text(BASE, encoding="utf-8")
    call_command("policy", "load", str(good))
    assert Municipality.objects.filter(slug="kungalv").exists()
    out = tmp_path / "export.toml"
    call_command("policy", "export", "kungalv", "-o", str(out))
    assert tomllib.loads(out.read_text()) == tomllib.loads(BASE)
    bad = tmp_path / "bad.toml"
    bad.write_text(_set("policy.adopted_by", "riksdagen"), encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"bad.toml: policy.adopted_by: enheten 'riksdagen' finns inte"
    ):
        call_command("policy", "load", str(bad))
    assert Policy.objects.count() == 1


def test_check_only_loads_nothing(tmp_path: Any) -> None:
    good = tmp_path / "kungalv.toml"
    good.write_text(BASE, encoding="utf-8")
    call_command("policy", "load", str(good), "--check")
    assert not Municipality.objects.exists()
    assert not Contact.objects.exists()


def test_committed_schema_matches_the_format() -> None:
    import json
    from pathlib import Path

    from utblick.policies.fileformat import PolicyFile

    committed = Path(__file__).resolve().parents[3] / "docs" / "policy-file.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == PolicyFile.model_json_schema()


def test_documented_example_loads() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "policy-file.md").read_text(
        encoding="utf-8"
    )
    example = doc.split("## Example", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    result = load(example, "example.toml")
    assert result.policy.principles.get().rule_id == "aid-fully-external"
