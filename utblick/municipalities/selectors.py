"""Reads: the official list of Sweden's municipalities (reference data shipped with Utblick)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from utblick.municipalities.models import Municipality

REFERENCE_FILE = Path(__file__).resolve().parent / "data" / "kommuner.csv"


@dataclass(frozen=True)
class County:
    """A county (län) with SCB's two-digit code."""

    code: str
    name: str


@dataclass(frozen=True)
class ReferenceMunicipality:
    """One of the 290 municipalities as SCB lists it (see data/README.md)."""

    code: str
    name: str
    official_name: str
    county: County
    #: Empty where no verified number is shipped.
    organisation_number: str


@cache
def reference_municipalities() -> tuple[ReferenceMunicipality, ...]:
    """All municipalities of the official list, in code order."""
    counties: dict[str, County] = {}
    rows: list[ReferenceMunicipality] = []
    with REFERENCE_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            county = counties.setdefault(
                row["county_code"], County(row["county_code"], row["county_name"])
            )
            rows.append(
                ReferenceMunicipality(
                    code=row["code"],
                    name=row["name"],
                    official_name=row["official_name"],
                    county=county,
                    organisation_number=row["organisation_number"],
                )
            )
    return tuple(rows)


def reference_municipality(code: str) -> ReferenceMunicipality | None:
    """The listed municipality with kommunkod ``code``, or None."""
    return next((m for m in reference_municipalities() if m.code == code), None)


def counties() -> list[County]:
    """The 21 counties, in code order."""
    return sorted({m.county for m in reference_municipalities()}, key=lambda c: c.code)


def reference_municipalities_not_created() -> list[ReferenceMunicipality]:
    """The listed municipalities this installation does not have yet (by code)."""
    taken = set(Municipality.objects.values_list("code", flat=True))
    return [m for m in reference_municipalities() if m.code not in taken]


def municipality_list() -> list[Municipality]:
    """The installation's municipalities, by name."""
    return list(Municipality.objects.order_by("name"))
