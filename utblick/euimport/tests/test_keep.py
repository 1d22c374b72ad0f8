"""`utblick eu import --source keep`: an Interreg list of operations from keep.eu (issue 18)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.euimport.reading import read_keep
from utblick.euimport.tests.test_cordis import run as run_eu_import
from utblick.funding.models import Funding
from utblick.funding.services import funding_sources_ensure
from utblick.jobs.models import JobState
from utblick.organisation.models import Unit
from utblick.testing.fixtures import client_for, finished_job, make_member

pytestmark = pytest.mark.django_db

KEEP = Path(__file__).parent / "data" / "keep" / "list-of-operations.xlsx"


def run(path: Path, *extra: str) -> str:
    """``utblick eu import`` as the CORDIS tests run it, with ``--source keep``."""
    return run_eu_import(path, "--source", "keep", *extra)


def test_the_list_of_operations_brings_the_municipalitys_interreg_projects(
    umea: Any, clock: Any
) -> None:
    clock.set(date(2026, 6, 1))
    funding_sources_ensure()
    out = run(KEEP)
    assert "3 projekt i filen; 2 med Umeå kommun" in out
    assert "Att bekräfta: Umeå kommun, Fritidsförvaltningen (utan id) i SNOWROUTE" in out
    assert "blev 6 nya" in out  # two projects, three partners, one grant

    biocirc = Activity.objects.get(municipality=umea, eu_project_id="20358542")
    assert biocirc.title == "BIOCIRC: Circular bioeconomy in the northern cities"
    assert (
        biocirc.eu_programme,
        biocirc.eu_programme_period,
        biocirc.cofinancing_rate,
        biocirc.nuts_code,
    ) == ("2021TC16RFCB034", "2021–2027", Decimal("65.00"), "SE331")
    assert (biocirc.start_date, biocirc.end_date, biocirc.status) == (
        date(2023, 9, 1),
        date(2026, 8, 31),
        "active",
    )
    partners = {
        (link.partner.name, link.partner.kind, link.partner.country, link.partner.pic, link.role)
        for link in biocirc.partner_links.all()
    }
    assert partners == {
        ("Oulun kaupunki", "municipality", "FI", "949876543", "lead"),
        ("Luleå tekniska universitet", "university", "SE", "999974295", "partner"),
    }
    [grant] = Funding.objects.filter(activity=biocirc)  # Umeå's own co-financing
    assert (grant.source.key, grant.currency, grant.granted_amount, grant.external_id) == (
        "interreg",
        "EUR",
        Decimal("390000.00"),
        "20358542",
    )

    # Lead of NORDLIGHT, found by "SE 2120002627"; the list states no share: no grant,
    # and the note says so.
    nordlight = Activity.objects.get(municipality=umea, eu_project_id="20358613")
    assert not Funding.objects.filter(activity=nordlight).exists()
    assert "NORDLIGHT: EU-stödet 533\u00a0000 euro gäller hela insatsen" in out
    [tromso] = [link.partner for link in nordlight.partner_links.all()]
    assert (tromso.name, tromso.country) == ("Tromsø kommune", "NO")

    assert not Activity.objects.filter(municipality=umea, eu_project_id="20358777").exists()
    assert "blev 0 nya, 0 ändrade" in run(KEEP)


def test_a_keep_export_of_one_row_per_partner_reads_alike(
    umea: Any, clock: Any, tmp_path: Path
) -> None:
    clock.set(date(2026, 6, 1))
    funding_sources_ensure()
    flat = tmp_path / "keep-partners.csv"
    flat.write_text(
        "Project ID;Project acronym;Project name;Programme;Period;Partner name;Partner role;"
        "(2021 - 2027) PIC;(2021 - 2027) Partner's ID if not PIC;Country\n"
        "9001;BALTICLINK;Baltic harbour towns;Interreg Central Baltic;2021-2027;Umeå kommun;"
        "Project partner;;id-SE-SE 212000-2627;SE\n"
        "9001;BALTICLINK;Baltic harbour towns;Interreg Central Baltic;2021-2027;Tallinna Linnavalitsus;"
        "Lead partner;998877665;;EE\n",
        encoding="utf-8",
    )
    out = run(flat)
    assert "1 projekt i filen; 1 med Umeå kommun" in out
    project = Activity.objects.get(municipality=umea, eu_project_id="9001")
    assert (project.eu_programme, project.eu_programme_period) == (
        "Interreg Central Baltic",
        "2021–2027",
    )
    [link] = project.partner_links.all()
    assert (link.partner.name, link.partner.pic, link.role) == (
        "Tallinna Linnavalitsus",
        "998877665",
        "lead",
    )


def test_a_file_without_keeps_columns_is_refused_and_nothing_is_written(
    umea: Any, tmp_path: Path
) -> None:
    wrong = tmp_path / "lista.csv"
    wrong.write_text("namn;land\nTartu;EE\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Filen har inte keep\.eus kolumner"):
        run(wrong)
    with pytest.raises(CommandError, match="Bara Excel"):
        broken = tmp_path / "lista.xlsx"
        broken.write_bytes(b"not a workbook")
        run(broken)
    assert not Activity.objects.filter(municipality=umea).exists()


def test_the_browser_takes_the_list_through_the_preview(umea: Any, clock: Any) -> None:
    clock.set(date(2026, 6, 1))
    funding_sources_ensure()
    client = client_for(make_member(umea, "umea-keep", Role.EDITOR))
    response = client.post(
        reverse("euimport:upload", args=["umea"]),
        {
            "source": "keep",
            "unit": Unit.objects.get(municipality=umea, key="ks").pk,
            "rate": "11,2",
            "file": SimpleUploadedFile(KEEP.name, KEEP.read_bytes()),
        },
    )
    job = finished_job(client, response)
    assert job.state == JobState.DONE, job.error
    preview = client.get(job.result_url).content.decode()
    assert "BIOCIRC: Circular bioeconomy" in preview and "SNOWROUTE: Winter" not in preview
    assert "Att bekräfta: Umeå kommun, Fritidsförvaltningen" in preview


def test_the_only_beneficiary_of_an_operation_has_its_whole_eu_funding() -> None:
    tables = {
        "Operations": [
            {"operation id": "7", "operation name": "Ensam", "total eu funding (amount)": 1000.0},
            {"operation id": "8", "operation name": "Delad", "total eu funding (amount)": 900.0},
        ],
        "Partners": [
            {"operation id": "7", "partner name": "Umeå kommun", "country": "SE"},
            {"operation id": "8", "partner name": "Umeå kommun", "country": "SE"},
            {"operation id": "8", "partner name": "Vasa stad", "country": "Finland"},
        ],
    }
    alone, shared = read_keep(tables)
    assert alone.organisations[0].contribution == Decimal("1000.00")
    assert [o.contribution for o in shared.organisations] == [None, None]
    assert shared.organisations[1].country == "FI"
