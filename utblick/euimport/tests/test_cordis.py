"""`utblick eu import`: a CORDIS download through the import, found again by the EU id (issue 18)."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.funding.models import Funding
from utblick.funding.services import funding_sources_ensure
from utblick.jobs.models import JobState
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.testing.fixtures import client_for, finished_job, import_apply, make_member

pytestmark = pytest.mark.django_db

CORDIS = Path(__file__).parent / "data" / "cordis"


def run(path: Path, *extra: str) -> str:
    out = io.StringIO()
    call_command(
        "eu",
        "import",
        str(path),
        "--municipality",
        "umea",
        "--source",
        "cordis",
        "--enhet",
        "ks",
        "--kurs",
        "11,20",
        *extra,
        stdout=out,
    )
    return out.getvalue()


@pytest.fixture
def zipped(tmp_path: Path) -> Path:
    path = tmp_path / "cordis-HORIZONprojects-csv.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("project.csv", "organization.csv"):
            archive.write(CORDIS / name, f"csv/{name}")
    return path


def test_the_municipalitys_own_project_is_imported_whole_and_found_again(
    umea: Any, zipped: Path, clock: Any
) -> None:
    clock.set(date(2026, 6, 1))  # CLIMAPLAN runs until 2026-08-31
    funding_sources_ensure()
    dry = run(zipped, "--dry-run")
    assert "3 projekt i filen; 1 med Umeå kommun (momsnummer SE212000262701)." in dry
    assert "skulle bli" in dry and not Activity.objects.filter(municipality=umea).exists()
    # URBANHEAT bears the name only: a candidate to confirm, not imported.
    assert "Att bekräfta: UMEA KOMMUN (PIC 911223344) i URBANHEAT bär kommunens namn" in dry

    first = run(zipped)
    assert "blev" in first
    project = Activity.objects.get(municipality=umea, eu_project_id="101056765")
    assert project.title.startswith("CLIMAPLAN: Climate-neutral spatial planning")
    assert (project.eu_programme, project.eu_programme_period, project.eu_call) == (
        "HORIZON",
        "2021–2027",
        "HORIZON-CL5-2021-D1-01",
    )
    assert (project.eu_funding_scheme, project.nuts_code, project.status) == (
        "HORIZON-RIA",
        "SE331",
        "active",
    )
    assert project.cofinancing_rate == Decimal("80.00")  # 3 999 000,75 of 4 998 750
    assert project.history.count() == 1
    links = {
        link.partner.name: link.role for link in project.partner_links.select_related("partner")
    }
    assert links == {
        "UNIVERSITAET STUTTGART": "lead",
        "TARTU LINN": "partner",
        "NORDIC PLANNING OY": "partner",
        "STAD GENT": "associated",
    }
    tartu = Partner.objects.get(municipality=umea, name="TARTU LINN")
    assert (tartu.pic, tartu.vat_number, tartu.kind, tartu.country) == (
        "999644536",
        "EE75008427",
        "municipality",
        "EE",
    )
    [grant] = Funding.objects.filter(activity=project)
    assert (grant.source.key, grant.currency, grant.granted_amount, grant.rate_to_sek) == (
        "horizon-europe",
        "EUR",
        Decimal("525000.50"),
        Decimal("11.2000"),
    )
    assert (grant.external_id, str(grant.decided_on)) == ("101056765", "2022-06-23")

    again = run(zipped)
    assert "blev 0 nya, 0 ändrade" in again
    assert Activity.objects.filter(municipality=umea).count() == 1
    assert project.history.count() == 1

    # The coordinator confirms the candidate by its PIC: URBANHEAT comes too, Athens as GR.
    confirmed = run(zipped, "--pic", "911223344")
    assert "2 med Umeå kommun" in confirmed
    assert Activity.objects.get(eu_project_id="101094321").eu_programme == "HORIZON"
    assert Partner.objects.get(municipality=umea, name="DIMOS ATHINAION").country == "GR"


def test_a_folder_of_the_csv_files_reads_alike(umea: Any, tmp_path: Path) -> None:
    funding_sources_ensure()
    folder = tmp_path / "cordis"
    shutil.copytree(CORDIS, folder)
    assert "1 med Umeå kommun" in run(folder, "--dry-run")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: (p / "organization.csv").unlink(), "organization.csv saknas bland filerna"),
        (
            lambda p: (p / "project.csv").write_text('"id";"title"\n"1";"x"\n', encoding="utf-8"),
            "project.csv saknar kolumnerna",
        ),
        (
            lambda p: (p / "project.csv").write_text(
                (CORDIS / "project.csv").read_text(encoding="utf-8").replace("4998750", "fyra"),
                encoding="utf-8",
            ),
            "project.csv rad 2: 'fyra' är inget belopp.",
        ),
    ],
)
def test_a_file_that_is_not_cordis_is_refused_in_swedish_and_nothing_is_written(
    umea: Any, tmp_path: Path, damage: Any, message: str
) -> None:
    folder = tmp_path / "cordis"
    shutil.copytree(CORDIS, folder)
    damage(folder)
    with pytest.raises(CommandError, match=message):
        run(folder)
    assert not Activity.objects.filter(municipality=umea).exists()
    assert not Partner.objects.filter(municipality=umea, name="TARTU LINN").exists()


def test_keep_eu_is_given_its_file_not_a_folder(umea: Any) -> None:
    with pytest.raises(CommandError, match=r"ange Excel- eller CSV-filen från keep\.eu"):
        call_command(
            "eu",
            "import",
            str(CORDIS),
            "--municipality",
            "umea",
            "--source",
            "keep",
            "--enhet",
            "ks",
            "--kurs",
            "11",
        )


def test_the_browser_takes_the_zip_through_the_imports_preview_and_apply(
    umea: Any, zipped: Path
) -> None:
    funding_sources_ensure()
    coordinator = make_member(umea, "umea-eu", Role.COORDINATOR)
    client = client_for(coordinator)
    url = reverse("euimport:upload", args=["umea"])
    form = {"source": "cordis", "unit": Unit.objects.get(municipality=umea, key="ks").pk}
    bad = client.post(url, form | {"rate": "11,2", "file": SimpleUploadedFile("x.zip", b"PK")})
    assert bad.status_code == 400 and "varken en zip-fil" in bad.content.decode()

    response = client.post(
        url, form | {"rate": "11,2", "file": SimpleUploadedFile(zipped.name, zipped.read_bytes())}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    job = finished_job(client, response)
    assert job.state == JobState.DONE, job.error
    preview = BeautifulSoup(client.get(job.result_url).content, "html.parser")
    # The preview, above the rows, names the candidate to confirm.
    notes = [n.get_text(" ", strip=True) for n in preview.select(".notice--info")]
    assert any("Att bekräfta: UMEA KOMMUN (PIC 911223344) i URBANHEAT" in n for n in notes), notes
    assert "CLIMAPLAN: Climate-neutral spatial planning" in preview.get_text(" ", strip=True)
    assert not Activity.objects.filter(municipality=umea).exists()  # a preview writes nothing
    apply_form = preview.select_one("form[action*='/import/']")
    applied = import_apply(client, apply_form["action"])
    assert applied.state == JobState.DONE, applied.error
    assert Activity.objects.get(municipality=umea).eu_project_id == "101056765"

    none = client.post(
        reverse("euimport:upload", args=["uppsala"]),
        form | {"rate": "11", "file": SimpleUploadedFile(zipped.name, zipped.read_bytes())},
    )
    assert none.status_code in (302, 403, 404)  # not a member of Uppsala


KOHESIO = Path(__file__).parent / "data" / "kohesio" / "SE_operations.csv"


def test_kohesio_operations_of_the_municipality_by_its_organisation_number(
    umea: Any, clock: Any
) -> None:
    clock.set(date(2025, 6, 1))  # the tourism operation runs until 2026-02-28
    funding_sources_ensure()
    out = run(KOHESIO, "--source", "kohesio")
    assert "3 projekt i filen; 2 med Umeå kommun" in out
    tourism = Activity.objects.get(municipality=umea, eu_project_id="SE_ERDF_20230045")
    assert (tourism.eu_programme, tourism.eu_programme_period, tourism.eu_funding_scheme) == (
        "2021SE16RFPR006",
        "2021–2027",
        "ERDF",
    )
    assert (tourism.cofinancing_rate, tourism.nuts_code, tourism.status) == (
        Decimal("40.00"),
        "SE331",
        "active",
    )
    [region] = [link.partner for link in tourism.partner_links.all()]
    assert (region.name, region.kind) == ("Region Västerbotten", "region")
    # The operation is shared with the region and Kohesio states only the whole
    # operation's EU budget: no grant is recorded as the municipality's, and it is said.
    assert not Funding.objects.filter(activity=tourism).exists()
    assert (
        "SE_ERDF_20230045: EU-stödet 5\u00a0000\u00a0000 euro gäller hela insatsen, som kommunen "
        "delar med Region Västerbotten." in out
    )
    youth = Activity.objects.get(municipality=umea, eu_project_id="SE_ESF_20190112")
    assert (youth.eu_programme_period, youth.status, youth.cofinancing_rate) == (
        "2014–2020",
        "completed",  # ended 2021
        Decimal("50.00"),
    )
    [grant] = Funding.objects.filter(activity=youth)  # Umeå alone: the budget is its own
    assert (grant.source.key, grant.granted_amount) == ("esf-plus", Decimal("4000000.00"))
    assert "blev 0 nya, 0 ändrade" in run(KOHESIO, "--source", "kohesio")


def test_a_kohesio_csv_is_taken_through_the_same_upload(umea: Any, clock: Any) -> None:
    clock.set(date(2025, 6, 1))
    funding_sources_ensure()
    client = client_for(make_member(umea, "umea-kohesio", Role.EDITOR))
    unit = Unit.objects.get(municipality=umea, key="ks")
    response = client.post(
        reverse("euimport:upload", args=["umea"]),
        {
            "source": "kohesio",
            "unit": unit.pk,
            "rate": "11",
            "file": SimpleUploadedFile(KOHESIO.name, KOHESIO.read_bytes()),
        },
    )
    job = finished_job(client, response)
    assert job.state == JobState.DONE, job.error
    preview = client.get(job.result_url).content.decode()
    assert "Klimatsmart besöksnäring i Västerbotten" in preview
    assert "Fiber i Norrbotten" not in preview  # Luleå's
    assert "Registret anger inte kommunens andel" in preview  # the shared operation
