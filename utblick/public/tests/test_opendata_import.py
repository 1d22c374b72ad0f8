"""The open-data CSV read back by the importer: an export is an import file (issue 18)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.activities.services import activity_publish, partner_link
from utblick.imports.reading import read_upload
from utblick.imports.services import ImportInvalid, apply_import, plan_import
from utblick.municipalities.models import Municipality
from utblick.partners.models import Partner
from utblick.public.tests.conftest import access_of, save
from utblick.testing.fixtures import load_shipped

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world: dict[str, Any], uppsala: Municipality) -> bytes:
    """Uppsala's open data, with an EU project whose partners carry PICs."""
    access = access_of(uppsala)
    project = save(
        uppsala,
        kind="project",
        title="CLIMAPLAN: =klimatneutral planering",  # written '=… by the CSV, read back as is
        status="active",
        start_date=date(2023, 1, 1),
        end_date=date(2026, 8, 31),
        eu_project_id="101056765",
        eu_programme="HORIZON",
        eu_programme_period="2021–2027",
        eu_call="HORIZON-CL5-2021-D1-01",
        cofinancing_rate=Decimal("100.00"),
        nuts_code="SE121",
        development_area="Klimat",
    )
    for name, kind, country, pic in (
        ("Tampereen kaupunki", "municipality", "FI", "999888777"),
        ("Fraunhofer-Gesellschaft", "company", "DE", "999984059"),
    ):
        partner = Partner.objects.create(
            municipality=uppsala, name=name, kind=kind, country=country, pic=pic
        )
        partner_link(
            access=access,
            user=None,
            activity=project,
            partner=partner,
            role="lead" if country == "FI" else "partner",
        )
    activity_publish(access=access, user=None, activity=project)
    response = Client().get(reverse("public:open_data_csv", args=["uppsala"]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _rows(plan: Any) -> dict[str, Any]:
    return {r.title: r for r in plan.rows if r.sheet == "Aktiviteter"}


def test_the_municipalitys_own_open_data_reads_back_as_what_it_holds(
    published: bytes, uppsala: Municipality
) -> None:
    plan = plan_import(read_upload(published, "aktiviteter.csv"), access_of(uppsala))
    assert plan.ok, [(p.row, p.column, str(p.message)) for p in plan.all_problems]
    rows = _rows(plan)
    assert set(rows) == {
        "Vänort: Tartu",
        "Medlemskap i Eurocities",
        "Grönt projekt",
        "CLIMAPLAN: =klimatneutral planering",
    }
    # Place, coordinates, focus area, contact, partners and their roles, EU ids: as held.
    for title in (
        "Vänort: Tartu",
        "Medlemskap i Eurocities",
        "CLIMAPLAN: =klimatneutral planering",
    ):
        assert rows[title].action == "unchanged", (title, rows[title].changes)
    # The published copy's summary, not the later unpublished change: the file says so.
    assert [c[0] for c in rows["Grönt projekt"].changes] == ["sammanfattning"]
    assert not [r for r in plan.rows if r.sheet == "Partner"]  # every partner is known
    assert any("Utblicks öppna data" in n and "agenda2030" in n for n in plan.notes)


def test_another_municipalitys_open_data_comes_in_whole_and_once(
    published: bytes, uppsala: Municipality
) -> None:
    kungalv = load_shipped("kungalv")
    access = access_of(kungalv)
    workbook = read_upload(published, "aktiviteter.csv")
    # Eurocities is not in Kungälv's registry and the file gives no country: nothing is
    # written, and both the notes and the row say what to do.
    with pytest.raises(ImportInvalid) as refused:
        apply_import(workbook, access, None, filename="uppsala.csv")
    plan = refused.value.plan
    assert any("Nätverken Eurocities finns inte i partnerregistret" in n for n in plan.notes)
    network_row = _rows(plan)["Medlemskap i Eurocities"].row
    assert {(p.row, p.column) for p in plan.all_problems} == {(network_row, "nätverksorganisation")}
    assert not Activity.objects.filter(municipality=kungalv).exists()

    Partner.objects.create(municipality=kungalv, name="Eurocities", kind="network", country="BE")
    first = apply_import(workbook, access, None, filename="uppsala.csv")
    assert first.count("create") == 4 + 3  # four activities; Tartu, Tampere, Fraunhofer
    assert any(
        "4 rader kommer från en annan kommuns (eller en annan installations) öppna data" in n
        for n in first.notes
    )
    twin = Activity.objects.get(municipality=kungalv, title="Vänort: Tartu")
    assert (twin.kind, twin.place, twin.country, twin.latitude, twin.longitude) == (
        "twin_city",
        "Tartu",
        "EE",
        Decimal("58.38062"),
        Decimal("26.72509"),
    )
    assert twin.contact is None and not twin.focus_areas.exists()  # Uppsala's, not Kungälv's
    tartu = Partner.objects.get(municipality=kungalv, name="Tartu linn")
    assert (tartu.kind, tartu.country) == ("municipality", "EE")
    project = Activity.objects.get(municipality=kungalv, eu_project_id="101056765")
    assert project.title == "CLIMAPLAN: =klimatneutral planering"
    assert (project.eu_programme, project.eu_call, project.cofinancing_rate, project.nuts_code) == (
        "HORIZON",
        "HORIZON-CL5-2021-D1-01",
        Decimal("100.00"),
        "SE121",
    )
    links = {
        (link.partner.name, link.partner.pic, link.role) for link in project.partner_links.all()
    }
    assert links == {
        ("Tampereen kaupunki", "999888777", "partner"),
        ("Fraunhofer-Gesellschaft", "999984059", "partner"),
    }
    assert Partner.objects.get(municipality=kungalv, pic="999888777").kind == "municipality"
    # A name that tells no kind is added as an organisation, and the preview names it.
    assert any(
        "Som Förening/organisation läggs till: Fraunhofer-Gesellschaft." in n for n in first.notes
    )
    assert Activity.objects.get(
        municipality=kungalv, title="Medlemskap i Eurocities"
    ).network.name == ("Eurocities")

    again = apply_import(workbook, access, None, filename="uppsala.csv")
    assert again.summary() == {"create": 0, "update": 0, "unchanged": 4, "error": 0}
    assert Activity.objects.filter(municipality=kungalv).count() == 4


def test_the_same_short_name_on_another_installation_is_matched_by_title_not_id(
    published: bytes, uppsala: Municipality, settings: Any
) -> None:
    # The file's addresses are http://testserver/uppsala/…; this installation is elsewhere,
    # so its ids are not this register's ids.
    settings.SITE_URL, settings.SITE_URL_CONFIGURED = "https://utblick.example.se", True
    plan = plan_import(read_upload(published, "aktiviteter.csv"), access_of(uppsala))
    assert any("4 rader kommer från en annan kommuns" in n for n in plan.notes)
    assert plan.ok and plan.count("create") == 0  # found again by title: nothing doubled
