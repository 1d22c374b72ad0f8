"""The shipped list of Sweden's municipalities is complete and consistent (data/README.md)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from utblick.core.validators import luhn_ok, organisation_number_problem
from utblick.municipalities.selectors import (
    counties,
    reference_municipalities,
    reference_municipality,
)

SHIPPED = Path(__file__).resolve().parents[2] / "policies" / "shipped"


def test_the_list_has_all_290_municipalities_with_unique_codes() -> None:
    rows = reference_municipalities()
    assert len(rows) == 290
    assert len({m.code for m in rows}) == 290
    assert len({m.name for m in rows}) == 290
    assert all(len(m.code) == 4 and m.code.isdigit() for m in rows)


def test_there_are_21_counties_and_every_code_starts_with_its_county() -> None:
    assert len(counties()) == 21
    assert len({c.name for c in counties()}) == 21
    assert all(m.code[:2] == m.county.code for m in reference_municipalities())
    assert {c.code for c in counties()} == {
        "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
        "14", "17", "18", "19", "20", "21", "22", "23", "24", "25",
    }  # fmt: skip


def test_every_organisation_number_is_well_formed_unique_and_passes_luhn() -> None:
    numbers = [m.organisation_number for m in reference_municipalities()]
    assert "" not in numbers, "every municipality has its organisation number"
    assert len(numbers) == len(set(numbers)) == 290
    for number in numbers:
        assert organisation_number_problem(number) is None, number
        assert number.startswith("212000-"), number  # municipalities' own series


def test_the_luhn_check_refuses_a_changed_digit() -> None:
    # The check the list's test relies on must be able to fail.
    assert luhn_ok("2120003005")
    assert not luhn_ok("2120003006")
    assert organisation_number_problem("212000-3006") is not None


@pytest.mark.parametrize("slug", ["uppsala", "umea", "kungalv", "upplands-bro"])
def test_the_shipped_seed_municipalities_agree_with_the_list(slug: str) -> None:
    seed = tomllib.loads((SHIPPED / f"{slug}.toml").read_text(encoding="utf-8"))["municipality"]
    listed = reference_municipality(seed["code"])
    assert listed is not None
    assert listed.official_name == seed["name"]
    assert listed.organisation_number == seed["organisation_number"]


def test_known_municipalities_by_code() -> None:
    vasby = reference_municipality("0114")
    assert vasby is not None
    assert (vasby.name, vasby.official_name) == ("Upplands Väsby", "Upplands Väsby kommun")
    assert (vasby.county.code, vasby.county.name) == ("01", "Stockholms län")
    ale = reference_municipality("1440")
    assert ale is not None and ale.county.name == "Västra Götalands län"
    assert reference_municipality("2584").name == "Kiruna"  # type: ignore[union-attr]
    assert reference_municipality("0980").county.name == "Gotlands län"  # type: ignore[union-attr]
    assert reference_municipality("9999") is None
