"""The register through its pages: forms, rules of the kinds, filters, conflicts, history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.activities.selectors import activity_with_title
from utblick.activities.services import activity_publish, activity_save, budget_set, partner_link
from utblick.activities.validation import Tags
from utblick.core.tenancy import COORDINATOR, Access
from utblick.funding.models import Funding, FundingSource
from utblick.funding.services import funding_save
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.policies.models import FocusArea, Goal, Principle
from utblick.testing.fixtures import bulk_activities, client_for
from utblick.testing.helpers import posted_back

pytestmark = pytest.mark.django_db


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def access_of(municipality: Any) -> Access:
    return Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)


def make(
    municipality: Any,
    title: str,
    *,
    kind: str = "project",
    unit: str = "ks",
    tags: Tags | None = None,
    **fields: Any,
) -> Activity:
    if kind == "project" and "development_area" not in fields and not (tags and tags.goals):
        fields["development_area"] = "Verksamhetsutveckling"
    activity = Activity(
        municipality=municipality,
        kind=kind,
        title=title,
        unit=Unit.objects.get(municipality=municipality, key=unit),
        **fields,
    )
    return activity_save(
        access=access_of(municipality),
        user=None,
        activity=activity,
        tags=tags or Tags(),
        expected_version=None,
    )


def errors_of(response: Any) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup(response).select(".error-summary li")]


def test_create_a_project_through_the_form(personas: dict[str, Any], uppsala: Any) -> None:
    client = client_for(personas["coordinator"])
    goal = Goal.objects.get(policy__municipality=uppsala, key="eu-utveckling")
    area = FocusArea.objects.get(policy__municipality=uppsala, key="verksamhetsutveckling")
    response = client.post(
        reverse("activities:create", args=["uppsala"]),
        {
            "typ": "project",
            "title": "Grön omställning i skolan",
            "unit": Unit.objects.get(municipality=uppsala, key="utbildningsforvaltningen").pk,
            "status": "proposed",
            "start_date": "2026-01-01",
            "end_date": "2027-12-31",
            "goals": [goal.pk],
            "focus_areas": [area.pk],
            "child_impact": "positive",
        },
    )
    assert response.status_code == 302, errors_of(response)
    activity = Activity.objects.get(title="Grön omställning i skolan")
    assert list(activity.goals.all()) == [goal]
    assert activity.tag_summary.startswith("Inriktningar: Verksamhetsutveckling")
    assert activity.history.get().history_user == personas["coordinator"]


def test_project_needs_a_goal_or_development_area(personas: dict[str, Any], uppsala: Any) -> None:
    """Uppsala's goal rule stops (severity error) from the proposal on; an idea may exist first."""
    client = client_for(personas["coordinator"])
    post = {
        "typ": "project",
        "title": "Löst projekt",
        "unit": Unit.objects.get(municipality=uppsala, key="ks").pk,
        "status": "proposed",
    }
    response = client.post(reverse("activities:create", args=["uppsala"]), post)
    assert any(
        "inte kopplat till något mål eller utvecklingsområde" in e for e in errors_of(response)
    )
    assert not Activity.objects.filter(title="Löst projekt").exists()
    response = client.post(
        reverse("activities:create", args=["uppsala"]), post | {"status": "idea"}
    )
    assert response.status_code == 302
    assert Activity.objects.filter(title="Löst projekt", status="idea").exists()


def test_a_goal_rule_that_warns_never_stops_a_save(personas: dict[str, Any], uppsala: Any) -> None:
    Principle.objects.filter(policy__municipality=uppsala, rule_id="project-goal-link").update(
        rule_severity="warning"
    )
    client = client_for(personas["coordinator"])
    response = client.post(
        reverse("activities:create", args=["uppsala"]),
        {
            "typ": "project",
            "title": "Projekt utan mål",
            "unit": Unit.objects.get(municipality=uppsala, key="ks").pk,
            "status": "active",
        },
    )
    assert response.status_code == 302, errors_of(response)
    assert Activity.objects.filter(title="Projekt utan mål", status="active").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"start_date": "2026-05-01", "end_date": "2026-04-01"},
            "Slutdatum kan inte vara före startdatum",
        ),
        ({"country": "XX"}, "Välj ett giltigt alternativ"),
        ({"place": ""}, "Ange partnerorten"),
        ({"agreement_state": "ended"}, "datum för avslutet"),
        ({"start_date": "1 maj"}, "Fyll i ett giltigt datum"),
    ],
)
def test_bad_twin_city_input_is_refused_in_swedish(
    changes: dict[str, str], message: str, personas: dict[str, Any], uppsala: Any
) -> None:
    client = client_for(personas["coordinator"])
    data = {
        "typ": "twin_city",
        "title": "Vänort: Åbo",
        "unit": Unit.objects.get(municipality=uppsala, key="ks").pk,
        "status": "active",
        "place": "Åbo",
        "country": "FI",
    } | changes
    response = client.post(reverse("activities:create", args=["uppsala"]), data)
    assert response.status_code == 200
    assert any(message in e for e in errors_of(response)), errors_of(response)
    assert not Activity.objects.filter(title="Vänort: Åbo").exists()


def test_a_tag_from_another_municipalitys_policy_is_refused(
    personas: dict[str, Any], uppsala: Any, umea: Any
) -> None:
    foreign = FocusArea.objects.get(policy__municipality=umea, key="verksamhetsutveckling")
    client = client_for(personas["coordinator"])
    response = client.post(
        reverse("activities:create", args=["uppsala"]),
        {
            "typ": "event",
            "title": "Besök",
            "unit": Unit.objects.get(municipality=uppsala, key="ks").pk,
            "status": "idea",
            "focus_areas": [foreign.pk],
        },
    )
    assert any("Inriktningar" in e for e in errors_of(response))
    assert not Activity.objects.filter(title="Besök").exists()
    # And the service refuses it even without the form.
    from utblick.activities.services import ActivityInvalid

    with pytest.raises(ActivityInvalid, match="annan kommuns styrdokument"):
        make(uppsala, "Besök 2", kind="event", tags=Tags(focus_areas=[foreign]))


def test_status_follows_the_lifecycle(uppsala: Any) -> None:
    from utblick.activities.services import ActivityInvalid

    activity = make(uppsala, "Cykel", status="idea")
    activity.status = "completed"
    with pytest.raises(ActivityInvalid, match="kan inte ändras från Idé till Avslutad"):
        activity_save(
            access=access_of(uppsala),
            user=None,
            activity=activity,
            tags=Tags(),
            expected_version=None,
        )
    activity.status = "active"
    activity_save(
        access=access_of(uppsala), user=None, activity=activity, tags=Tags(), expected_version=None
    )


@pytest.fixture
def shared(personas: dict[str, Any], uppsala: Any) -> dict[str, Any]:
    activity = make(uppsala, "Delat projekt")
    return {
        "activity": activity,
        "url": reverse("activities:edit", args=["uppsala", activity.pk]),
        "base": {
            "title": activity.title,
            "unit": activity.unit_id,
            "status": "idea",
            "development_area": "Verksamhetsutveckling",
            "row_version": activity.row_version,
        },
        "first": client_for(personas["coordinator"]),
        "second": client_for(personas["coordinator"]),
    }


def test_edits_of_different_fields_from_one_version_are_merged(shared: dict[str, Any]) -> None:
    url, base = shared["url"], shared["base"]
    assert shared["first"].post(url, base | {"summary": "Ny sammanfattning"}).status_code == 302
    response = shared["second"].post(url, base | {"description": "Min beskrivning"})
    assert response.status_code == 302
    activity = shared["activity"]
    activity.refresh_from_db()
    assert activity.summary == "Ny sammanfattning" and activity.description == "Min beskrivning"
    assert activity.history.count() == 3


def test_saving_again_after_a_conflict_reverts_nothing_the_other_changed(
    shared: dict[str, Any],
) -> None:
    """Issue 12, finding 1: Spara after the conflict page wrote back the stale form."""
    url, base, activity = shared["url"], shared["base"], shared["activity"]
    first = base | {"title": "Deras titel", "summary": "Deras sammanfattning"}
    assert shared["first"].post(url, first).status_code == 302
    response = shared["second"].post(url, base | {"title": "Min titel", "description": "Min"})
    assert response.status_code == 200
    page = soup(response)
    text = page.select_one(".error-summary").get_text(" ", strip=True)
    assert "Deras titel" in text and "Min titel" in text
    activity.refresh_from_db()
    assert (activity.title, activity.description) == ("Deras titel", "")

    again = posted_back(response)
    assert again["summary"] == ["Deras sammanfattning"]  # the other's change is in the form now
    refused = shared["second"].post(url, again)  # no choice made: nothing saved
    assert refused.status_code == 200 and "Välj vilket värde" in refused.content.decode()
    activity.refresh_from_db()
    assert activity.description == ""

    assert shared["second"].post(url, again | {"behall_title": "mine"}).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Min titel"
    assert activity.summary == "Deras sammanfattning"
    assert activity.description == "Min"


def test_the_other_value_can_be_kept_explicitly(shared: dict[str, Any]) -> None:
    url, base, activity = shared["url"], shared["base"], shared["activity"]
    assert shared["first"].post(url, base | {"title": "Deras titel"}).status_code == 302
    response = shared["second"].post(url, base | {"title": "Min titel", "summary": "Mitt"})
    again = posted_back(response)
    assert shared["second"].post(url, again | {"behall_title": "theirs"}).status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.summary) == ("Deras titel", "Mitt")


def test_editor_changes_only_activities_of_own_units(
    personas: dict[str, Any], uppsala: Any
) -> None:
    own = make(uppsala, "Eget", unit="utbildningsforvaltningen")
    foreign = make(uppsala, "Främmande", unit="kulturforvaltningen")
    client = client_for(personas["editor"])
    assert client.get(reverse("activities:edit", args=["uppsala", own.pk])).status_code == 200
    for name in (
        "activities:edit",
        "activities:archive",
        "activities:budget_save",
        "activities:partner_add",
        "activities:funding_add",
    ):
        assert (
            client.post(reverse(name, args=["uppsala", foreign.pk]), {"title": "x"}).status_code
            == 403
        ), name
    # The unit choices offer only the editor's units.
    page = soup(client.get(reverse("activities:create", args=["uppsala"]) + "?typ=event"))
    offered = {o.get_text() for o in page.select("#id_unit option") if o.get("value")}
    assert offered == {"Utbildningsnämnden", "Utbildningsförvaltningen"}
    assert client.get(reverse("activities:detail", args=["uppsala", foreign.pk])).status_code == 200


def _list(client: Any, query: str = "") -> list[str]:
    response = client.get(reverse("activities:list", args=["uppsala"]) + query)
    assert response.status_code == 200
    return [
        a.get_text(strip=True)
        for a in soup(response).select(".register-table tbody td:first-child a")
    ]


@pytest.fixture
def register(uppsala: Any) -> dict[str, Activity]:
    areas = {f.key: f for f in FocusArea.objects.filter(policy__municipality=uppsala)}
    goal = Goal.objects.get(policy__municipality=uppsala, key="moten-evenemang")
    tartu = Partner.objects.create(
        municipality=uppsala, name="Tartu linn", kind="municipality", country="EE"
    )
    items = {
        "malmo": make(
            uppsala,
            "Samarbete med MALMÖ om ärenden",
            unit="utbildningsforvaltningen",
            status="active",
            start_date=date(2025, 1, 1),
            end_date=date(2025, 12, 31),
            tags=Tags([areas["verksamhetsutveckling"]]),
        ),
        "twin": make(
            uppsala,
            "Vänort: Åre",
            kind="twin_city",
            place="Åre",
            country="SE",
            status="active",
            tags=Tags([areas["bevakning-paverkan"]]),
        ),
        "event": make(
            uppsala,
            "Örebrodagen",
            kind="event",
            place="Tallinn",
            country="EE",
            status="completed",
            start_date=date(2026, 3, 1),
            tags=Tags(goals=[goal]),
        ),
        "zeta": make(
            uppsala,
            "Zeta-projektet",
            unit="kulturforvaltningen",
            status="idea",
            start_date=date(2027, 1, 1),
        ),
        "arboga": make(uppsala, "Arboga-nätverket", unit="kulturnamnden", status="proposed"),
    }
    activity_publish(access=access_of(uppsala), user=None, activity=items["event"])
    partner_link(
        access=access_of(uppsala), user=None, activity=items["zeta"], partner=tartu, role="lead"
    )
    funding_save(
        access=access_of(uppsala),
        user=None,
        activity=items["malmo"],
        expected_version=None,
        funding=Funding(
            source=FundingSource.objects.get(key="erasmus-plus"),
            status="applied",
            applied_amount=Decimal(10),
        ),
    )
    funding_save(
        access=access_of(uppsala),
        user=None,
        activity=items["arboga"],
        expected_version=None,
        funding=Funding(
            source=FundingSource.objects.get(key="sida"),
            status="applied",
            applied_amount=Decimal(10),
        ),
    )
    return items


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            [
                "Arboga-nätverket",
                "Samarbete med MALMÖ om ärenden",
                "Vänort: Åre",
                "Zeta-projektet",
                "Örebrodagen",
            ],
        ),
        (
            "?sortera=-titel",
            [
                "Örebrodagen",
                "Zeta-projektet",
                "Vänort: Åre",
                "Samarbete med MALMÖ om ärenden",
                "Arboga-nätverket",
            ],
        ),
        ("?q=malmo", ["Samarbete med MALMÖ om ärenden"]),
        ("?q=Malmö ÄRENDEN", ["Samarbete med MALMÖ om ärenden"]),
        ("?q=are", ["Samarbete med MALMÖ om ärenden", "Vänort: Åre"]),
        ("?typ=twin_city&typ=event", ["Vänort: Åre", "Örebrodagen"]),
        ("?status=idea", ["Zeta-projektet"]),
        ("?inriktning=bevakning-paverkan", ["Vänort: Åre"]),
        ("?mal=moten-evenemang", ["Örebrodagen"]),
        ("?land=EE", ["Zeta-projektet", "Örebrodagen"]),
        ("?ar=2025", ["Arboga-nätverket", "Samarbete med MALMÖ om ärenden", "Vänort: Åre"]),
        ("?finansiering=eu", ["Samarbete med MALMÖ om ärenden"]),
        ("?finansiering=sida", ["Arboga-nätverket"]),
        ("?finansiering=extern", ["Arboga-nätverket", "Samarbete med MALMÖ om ärenden"]),
        ("?publicerad=ja", ["Örebrodagen"]),
    ],
)
def test_filters_search_and_swedish_sorting(
    query: str, expected: list[str], personas: dict[str, Any], register: Any
) -> None:
    assert _list(client_for(personas["reader"]), query) == expected


def test_unit_partner_and_term_filters(
    personas: dict[str, Any], register: Any, uppsala: Any
) -> None:
    client = client_for(personas["reader"])
    committee = Unit.objects.get(municipality=uppsala, key="kulturnamnden")
    assert _list(client, f"?enhet={committee.pk}") == [
        "Arboga-nätverket",
        "Zeta-projektet",
    ]  # with the office below it
    tartu = Partner.objects.get(municipality=uppsala, name="Tartu linn")
    assert _list(client, f"?partner={tartu.pk}") == ["Zeta-projektet"]


def test_archived_activities_are_hidden_until_asked_for(
    personas: dict[str, Any], register: Any
) -> None:
    client = client_for(personas["coordinator"])
    client.post(reverse("activities:archive", args=["uppsala", register["zeta"].pk]))
    assert "Zeta-projektet" not in _list(client)
    assert _list(client, "?arkiverade=ja") == ["Zeta-projektet"]
    client.post(reverse("activities:restore", args=["uppsala", register["zeta"].pk]))
    assert "Zeta-projektet" in _list(client)


def test_filters_from_another_municipality_find_nothing(
    personas: dict[str, Any], register: Any, umea: Any
) -> None:
    foreign_unit = Unit.objects.get(municipality=umea, key="ks")
    response = client_for(personas["reader"]).get(
        reverse("activities:list", args=["uppsala"]) + f"?enhet={foreign_unit.pk}"
    )
    assert soup(response).select_one("#id_enhet_error") is not None
    assert _list(client_for(personas["reader"]), "?inriktning=paverkan-omvarldsbevakning") == _list(
        client_for(personas["reader"])
    )


def test_kind_counts(personas: dict[str, Any], register: Any) -> None:
    page = soup(client_for(personas["reader"]).get(reverse("activities:list", args=["uppsala"])))
    counts = [li.get_text(" ", strip=True) for li in page.select(".kind-counts li")]
    assert counts == ["Projekt 3", "Vänort 1", "Evenemang, möte eller besök 1"]


def test_financing_and_development_aid(personas: dict[str, Any], umea: Any) -> None:
    from utblick.core.tenancy import Role
    from utblick.testing.fixtures import make_member

    activity = make(
        umea, "Biståndsprojekt", unit="internationella-enheten", is_development_aid=True
    )
    budget_set(
        access=access_of(umea),
        user=None,
        activity=activity,
        year=2026,
        budget=Decimal(1000000),
        cost=Decimal(0),
    )
    funding_save(
        access=access_of(umea),
        user=None,
        activity=activity,
        expected_version=None,
        funding=Funding(
            source=FundingSource.objects.get(key="sida"),
            status="granted",
            currency="EUR",
            granted_amount=Decimal(50000),
            rate_to_sek=Decimal(10),
            decided_on=date(2026, 1, 1),
        ),
    )
    client = client_for(make_member(umea, "u", Role.READER))
    page = soup(client.get(reverse("activities:detail", args=["umea", activity.pk])))
    figures = {
        d.select_one("dt").get_text(strip=True): d.select_one("dd").get_text(strip=True)
        for d in page.select(".figures div")
    }
    assert figures["Total budget"] == "1\xa0000\xa0000\xa0kr"
    assert figures["Extern andel"] == "50,0 %"
    assert figures["Egen insats"] == "500\xa0000\xa0kr"
    assert "inte helt externt finansierat" in page.select_one("#budget .notice").get_text()


def test_negative_amounts_are_refused(personas: dict[str, Any], register: Any) -> None:
    client = client_for(personas["coordinator"])
    activity = register["malmo"]
    response = client.post(
        reverse("activities:budget_save", args=["uppsala", activity.pk]),
        {"year": 2026, "budget": "-5", "cost": "0"},
    )
    assert response.status_code == 400
    assert "större än eller lika med 0" in soup(response).select_one(".error-summary").get_text()
    response = client.post(
        reverse("activities:funding_add", args=["uppsala", activity.pk]),
        {
            "fin-source": FundingSource.objects.get(key="life").pk,
            "fin-status": "granted",
            "fin-currency": "SEK",
            "fin-granted_amount": "-1",
            "fin-rate_to_sek": "1",
        },
    )
    assert response.status_code == 400
    assert activity.funding.count() == 1


def test_partner_added_twice_is_the_same_partner(
    personas: dict[str, Any], register: Any, uppsala: Any
) -> None:
    client = client_for(personas["coordinator"])
    activity = register["malmo"]
    url = reverse("activities:partner_add", args=["uppsala", activity.pk])
    for name in ("Tartu Linn", "  tartu   linn "):
        response = client.post(
            url,
            {"ny-name": name, "ny-kind": "municipality", "ny-country": "EE", "ny-role": "partner"},
        )
        assert response.status_code == 302
    assert Partner.objects.filter(municipality=uppsala, name_key="tartu linn").count() == 1
    assert activity.partner_links.count() == 1


def test_history_shows_funding_and_partner_changes(personas: dict[str, Any], register: Any) -> None:
    client = client_for(personas["coordinator"])
    activity = register["zeta"]
    page = soup(client.get(reverse("activities:history", args=["uppsala", activity.pk])))
    titles = [t.get_text(strip=True) for t in page.select(".history__title")]
    # A partner is part of the activity: its own history row names the partners.
    rows = [tr.get_text(" ", strip=True) for tr in page.select(".history__entry tbody tr")]
    assert any(r.startswith("Partner") and "Tartu linn (huvudman)" in r for r in rows)
    assert not any(t.startswith("Partner i aktivitet") for t in titles)


def test_history_reads_as_words_not_stored_values(
    personas: dict[str, Any], register: Any, uppsala: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    coordinator = personas["coordinator"]
    coordinator.first_name, coordinator.last_name = "Sara", "Samordnare"
    coordinator.save()
    client = client_for(coordinator)
    activity = register["malmo"]
    funding_save(
        access=access_of(uppsala),
        user=None,
        activity=activity,
        expected_version=None,
        funding=Funding(
            source=FundingSource.objects.get(key="sida"),
            status="applied",
            applied_amount=Decimal("800000.00"),
        ),
    )
    upload = reverse("activities:document_add", args=["uppsala", activity.pk])
    client.post(
        upload, {"dok-title": "Avtal", "dok-file": SimpleUploadedFile("avtal.pdf", b"%PDF")}
    )
    page = soup(client.get(reverse("activities:history", args=["uppsala", activity.pk])))
    text = " ".join(page.get_text(" ", strip=True).split())
    assert "800\u00a0000 kr" in page.get_text() and "800000.00" not in text
    document = activity.documents.get()
    assert document.sha256 not in text  # a checksum says nothing to a reader
    assert document.file.name not in text and "avtal.pdf" in text
    assert "Sara Samordnare" in text and "uppsala-samordnare" not in text


def test_money_reads_with_spaces_and_its_currency() -> None:
    from utblick.core.history import money_display

    assert money_display(Decimal("800000.00")) == "800\u00a0000 kr"
    assert money_display(Decimal("1234.50"), "EUR") == "1\u00a0234,50 EUR"


def test_archiving_is_checked_on_a_page_before_it_happens(
    personas: dict[str, Any], register: Any
) -> None:
    client = client_for(personas["coordinator"])
    activity = register["zeta"]
    detail = soup(client.get(reverse("activities:detail", args=["uppsala", activity.pk])))
    url = reverse("activities:archive", args=["uppsala", activity.pk])
    link = detail.select_one(f".danger-zone a[href='{url}']")
    assert link is not None and "Arkivera" in link.get_text()
    page = soup(client.get(url))
    assert page.h1.get_text(strip=True) == "Arkivera aktiviteten?"
    assert activity.title in page.get_text()
    activity.refresh_from_db()
    assert activity.archived_at is None  # looking archives nothing
    form = page.select_one(f"form[action='{url}']")
    assert form is not None and form.get("method") == "post"
    assert client.post(url).status_code == 302
    activity.refresh_from_db()
    assert activity.archived_at is not None
    assert client_for(personas["reader"]).get(url).status_code == 403


def test_document_upload_refuses_wrong_types(personas: dict[str, Any], register: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(personas["coordinator"])
    url = reverse("activities:document_add", args=["uppsala", register["zeta"].pk])
    bad = client.post(url, {"dok-title": "Virus", "dok-file": SimpleUploadedFile("x.exe", b"MZ")})
    assert bad.status_code == 400
    assert "Filtypen .exe tas inte emot" in bad.content.decode()
    good = client.post(
        url, {"dok-title": "Avtal", "dok-file": SimpleUploadedFile("avtal.pdf", b"%PDF-1.7")}
    )
    assert good.status_code == 302
    document = register["zeta"].documents.get()
    download = client.get(
        reverse("activities:document_download", args=["uppsala", register["zeta"].pk, document.pk])
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.7"


def test_revised_policy_moves_tags_by_key(
    personas: dict[str, Any], register: Any, uppsala: Any
) -> None:
    import tomllib

    import tomli_w

    from utblick.demo.services import shipped_policy_file
    from utblick.policies.services import policy_file_load

    data = tomllib.loads(shipped_policy_file("uppsala").decode())
    data["policy"]["version"] = "2.0"
    data["policy"]["focus_areas"] = [
        f for f in data["policy"]["focus_areas"] if f["key"] != "bevakning-paverkan"
    ]
    new = policy_file_load(data=tomli_w.dumps(data), filename="v2.toml", user=None).policy
    malmo, twin = register["malmo"], register["twin"]
    malmo.refresh_from_db()
    assert [(f.key, f.policy_id) for f in malmo.focus_areas.all()] == [
        ("verksamhetsutveckling", new.pk)
    ]
    assert not twin.focus_areas.exists()
    last = twin.history.first()
    assert (last.history_action, last.history_change_reason) == ("activity.retagged", "v2")
    assert _list(client_for(personas["reader"]), "?inriktning=verksamhetsutveckling") == [
        "Samarbete med MALMÖ om ärenden"
    ]


@pytest.mark.parametrize(
    "name", ["activities:list", "activities:export_csv", "activities:export_xlsx"]
)
def test_query_count_is_the_same_at_10_and_500(
    name: str, personas: dict[str, Any], uppsala: Any, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas["coordinator"])
    url = reverse(name, args=["uppsala"])

    def fetch() -> None:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        assert response.status_code == 200

    bulk_activities(uppsala, 10)
    fetch()
    with CaptureQueriesContext(connection) as at_10:
        fetch()
    baseline = len(at_10.captured_queries)
    bulk_activities(uppsala, 490)
    assert Activity.objects.filter(municipality=uppsala).count() == 500
    with django_assert_num_queries(baseline):
        fetch()


def test_a_goal_the_policy_requires_for_projects_does_not_say_optional(
    personas: dict[str, Any], uppsala: Any
) -> None:
    client = client_for(personas["coordinator"])
    url = reverse("activities:create", args=["uppsala"])
    project = soup(client.get(url + "?typ=project"))
    legend = (
        project.select_one("#id_goals").find_parent("fieldset").legend.get_text(" ", strip=True)
    )
    assert "krävs när projektet föreslås" in legend and "frivilligt" not in legend
    event = soup(client.get(url + "?typ=event"))
    legend = event.select_one("#id_goals").find_parent("fieldset").legend.get_text(" ", strip=True)
    assert "frivilligt" in legend


def test_a_second_activity_with_the_same_title_is_saved_only_when_the_user_says_so(
    personas: dict[str, Any], uppsala: Any
) -> None:
    client = client_for(personas["coordinator"])
    url = reverse("activities:create", args=["uppsala"])
    data = {
        "typ": "twin_city",
        "title": "Vänort: Harbin",
        "unit": Unit.objects.get(municipality=uppsala, key="ks").pk,
        "status": "idea",
        "place": "Harbin",
        "country": "CN",
    }
    first = client.post(url, data)
    assert first.status_code == 302, errors_of(first)
    again = client.post(url, data | {"title": "  vänort:   HARBIN "})
    assert again.status_code == 200
    assert any("Det finns redan en aktivitet med titeln" in e for e in errors_of(again))
    existing = Activity.objects.get(title="Vänort: Harbin")
    assert soup(again).select_one(f'.notice a[href$="/{existing.pk}/"]') is not None
    assert Activity.objects.filter(title__iexact="vänort: harbin").count() == 1
    confirmed = client.post(url, data | {"same_title_ok": "on"})
    assert confirmed.status_code == 302, errors_of(confirmed)
    assert Activity.objects.filter(title="Vänort: Harbin").count() == 2
    # Saving an activity under its own title is no duplicate; renaming onto another is.
    edit = reverse("activities:edit", args=["uppsala", existing.pk])
    form = {k: v for k, v in data.items() if k != "typ"} | {"row_version": existing.row_version}
    assert client.post(edit, form | {"summary": "Ny"}).status_code == 302
    assert client.post(url, data | {"title": "Vänort: Xian"}).status_code == 302
    xian = Activity.objects.get(title="Vänort: Xian")
    renamed = form | {"row_version": xian.row_version, "title": "Vänort: Harbin"}
    response = client.post(reverse("activities:edit", args=["uppsala", xian.pk]), renamed)
    assert response.status_code == 200
    assert any("Det finns redan en aktivitet med titeln" in e for e in errors_of(response))


def test_the_same_title_is_found_whatever_the_case_of_a_swedish_letter(uppsala: Any) -> None:
    """SQLite's LIKE folds only ASCII: "VÄNORT" must still find "Vänort" (as on PostgreSQL)."""
    first = make(uppsala, "Vänort: Åbo", kind="twin_city", place="Åbo", country="FI")
    for title in ("VÄNORT: ÅBO", " vänort:  åbo ", "Vänort: Åbo"):
        found = activity_with_title(uppsala, title, other_than=None)
        assert found is not None and found.pk == first.pk, title
    assert activity_with_title(uppsala, "Vänort: Åbo", other_than=first.pk) is None
    # Other words are other titles, even when only a letter's dots differ.
    for title in ("Vanort: Abo", "Vänort: Åbo 2", "Vänort"):
        assert activity_with_title(uppsala, title, other_than=None) is None, title
