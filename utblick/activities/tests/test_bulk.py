"""Bulk changes in the register: the service (each record through its own door) and the pages."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.activities.bulk import (
    ARCHIVE,
    PUBLISH,
    STATUS,
    UNIT,
    UNPUBLISH,
    BulkChoice,
    activities_bulk_apply,
    activities_bulk_preview,
)
from utblick.activities.models import Activity
from utblick.activities.services import activity_archive, activity_publish, activity_save
from utblick.activities.validation import Tags
from utblick.core.tenancy import system_access
from utblick.organisation.models import Unit
from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def make(municipality: Any, title: str, *, status: str = "idea", unit: str = "ks") -> Activity:
    return activity_save(
        access=system_access(municipality),
        user=None,
        activity=Activity(
            municipality=municipality,
            kind="project",
            title=title,
            status=status,
            development_area="Verksamhetsutveckling",
            unit=Unit.objects.get(municipality=municipality, key=unit),
        ),
        tags=Tags(),
        expected_version=None,
    )


def history_count(*activities: Activity) -> int:
    return sum(a.history.count() for a in activities)


@pytest.fixture
def world(personas: dict[str, Any], uppsala: Any, umea: Any) -> dict[str, Any]:
    access = system_access(uppsala)
    items = {
        "a": make(uppsala, "Alfa", status="idea"),
        "b": make(uppsala, "Beta", status="proposed"),
        "c": make(uppsala, "Gamma", status="active"),
        "archived": make(uppsala, "Delta"),
        "published": make(uppsala, "Epsilon"),
        "foreign": make(umea, "Umeås eget"),
    }
    activity_archive(access=access, user=None, activity=items["archived"])
    activity_publish(access=access, user=None, activity=items["published"])
    for a in items.values():
        a.refresh_from_db()
    items["coordinator"] = access_for(personas["coordinator"], "uppsala")
    return items


def test_archive_many_each_through_its_door_with_one_history_row(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    a, b, archived, foreign = world["a"], world["b"], world["archived"], world["foreign"]
    before = {x.pk: x.history.count() for x in (a, b, archived, foreign)}
    result = activities_bulk_apply(
        access=world["coordinator"],
        user=personas["coordinator"],
        ids=[a.pk, b.pk, archived.pk, foreign.pk],
        choice=BulkChoice(ARCHIVE),
    )
    assert [line.title for line in result.changed] == ["Alfa", "Beta"]
    assert [(line.title, line.reason) for line in result.unchanged] == [
        ("Delta", "Redan arkiverad.")
    ]
    assert [(line.title, line.found) for line in result.refused] == [(f"#{foreign.pk}", False)]
    for x in (a, b):
        x.refresh_from_db()
        assert x.is_archived
        assert x.history.count() == before[x.pk] + 1
        last = x.history.first()
        assert (last.history_action, last.history_user) == (
            "activity.archived",
            personas["coordinator"],
        )
    # Another municipality's record is refused without being touched.
    foreign_now = Activity.objects.get(pk=foreign.pk)
    assert not foreign_now.is_archived
    assert foreign_now.row_version == foreign.row_version
    assert foreign.history.count() == before[foreign.pk]
    assert archived.history.count() == before[archived.pk]


def test_publish_and_unpublish_say_what_was_already_so(
    world: dict[str, Any], personas: dict[str, Any], uppsala: Any
) -> None:
    access, user = world["coordinator"], personas["coordinator"]
    # A twin city stored before the rule that it names its place.
    loose = Activity.objects.create(
        municipality=uppsala,
        kind="twin_city",
        title="Löst projekt",
        unit=Unit.objects.get(municipality=uppsala, key="ks"),
    )
    ids = [world["a"].pk, world["published"].pk, world["archived"].pk, loose.pk]
    loose_history = loose.history.count()
    result = activities_bulk_apply(access=access, user=user, ids=ids, choice=BulkChoice(PUBLISH))
    assert [line.title for line in result.changed] == ["Alfa"]
    assert [line.title for line in result.unchanged] == ["Epsilon"]
    refused = {line.title: line.reason for line in result.refused}
    assert "arkiverad" in refused["Delta"]
    assert "partnerorten" in refused["Löst projekt"]
    loose.refresh_from_db()
    assert not loose.published and loose.history.count() == loose_history
    assert Activity.objects.get(pk=world["a"].pk).published
    result = activities_bulk_apply(
        access=access,
        user=user,
        ids=[world["a"].pk, world["b"].pk],
        choice=BulkChoice(UNPUBLISH),
    )
    assert [line.title for line in result.changed] == ["Alfa"]
    assert [line.reason for line in result.unchanged] == ["Är inte publicerad."]
    assert world["a"].history.first().history_action == "activity.unpublished"


def test_status_change_follows_the_lifecycle_record_by_record(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    a, b, c = world["a"], world["b"], world["c"]
    result = activities_bulk_apply(
        access=world["coordinator"],
        user=personas["coordinator"],
        ids=[a.pk, b.pk, c.pk],
        choice=BulkChoice(STATUS, status="proposed"),
    )
    assert [line.title for line in result.changed] == ["Alfa"]
    assert [line.title for line in result.unchanged] == ["Beta"]
    [refused] = result.refused
    assert refused.title == "Gamma"
    assert "kan inte ändras från Beslutad/pågående till Föreslagen" in refused.reason
    assert Activity.objects.get(pk=a.pk).status == "proposed"
    assert Activity.objects.get(pk=c.pk).status == "active"
    last = a.history.first()
    assert (last.history_action, last.status, last.prev_record.status) == (
        "activity.changed",
        "proposed",
        "idea",
    )


def test_unit_change_goes_through_the_general_door(
    world: dict[str, Any], personas: dict[str, Any], uppsala: Any
) -> None:
    culture = Unit.objects.get(municipality=uppsala, key="kulturforvaltningen")
    a, archived = world["a"], world["archived"]
    result = activities_bulk_apply(
        access=world["coordinator"],
        user=personas["coordinator"],
        ids=[a.pk, archived.pk],
        choice=BulkChoice(UNIT, unit=culture),
    )
    assert [line.title for line in result.changed] == ["Alfa"]
    assert "arkiverad" in result.refused[0].reason
    a.refresh_from_db()
    assert a.unit == culture
    assert a.history.first().history_action == "activity.changed"
    assert Activity.objects.get(pk=archived.pk).unit.key == "ks"


def test_a_record_changed_since_it_was_confirmed_is_left_alone(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    a, b = world["a"], world["b"]
    confirmed = {a.pk: a.row_version, b.pk: b.row_version}
    # Someone else edits Alfa after the coordinator saw the confirmation page.
    a.summary = "Ändrad av någon annan"
    activity_save(
        access=world["coordinator"], user=personas["editor"], activity=a, expected_version=None
    )
    result = activities_bulk_apply(
        access=world["coordinator"],
        user=personas["coordinator"],
        ids=[a.pk, b.pk],
        choice=BulkChoice(ARCHIVE),
        versions=confirmed,
    )
    [refused] = result.refused
    assert refused.title == "Alfa"
    assert "ändrade posten efter att du valde den" in refused.reason
    assert "uppsala-redaktor" in refused.reason
    assert not Activity.objects.get(pk=a.pk).is_archived
    assert Activity.objects.get(pk=b.pk).is_archived


def test_preview_writes_nothing_and_says_what_would_happen(
    world: dict[str, Any], personas: dict[str, Any], uppsala: Any
) -> None:
    items = [world[k] for k in ("a", "b", "c", "archived", "foreign")]
    before = history_count(*items)
    lines = activities_bulk_preview(
        access=world["coordinator"],
        ids=[x.pk for x in items],
        choice=BulkChoice(STATUS, status="proposed"),
    )
    assert [(line.title, line.outcome) for line in lines] == [
        ("Alfa", "change"),
        ("Beta", "unchanged"),
        ("Gamma", "refused"),
        ("Delta", "refused"),
        (f"#{world['foreign'].pk}", "refused"),
    ]
    assert (lines[0].now, lines[0].after, lines[0].version) == (
        "Idé",
        "Föreslagen",
        world["a"].row_version,
    )
    assert "Umeå" not in " ".join(line.title + line.reason for line in lines)
    assert history_count(*items) == before


def test_only_a_coordinator_may_change_many(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    for persona in ("editor", "reader"):
        access = access_for(personas[persona], "uppsala")
        with pytest.raises(PermissionDenied):
            activities_bulk_apply(
                access=access,
                user=personas[persona],
                ids=[world["a"].pk],
                choice=BulkChoice(ARCHIVE),
            )
    assert not Activity.objects.get(pk=world["a"].pk).is_archived


# --- the pages -----------------------------------------------------------------------------------


def register_url(query: str = "") -> str:
    return reverse("activities:list", args=["uppsala"]) + query


def test_readers_and_editors_see_no_bulk_controls_and_are_refused(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    for persona in ("reader", "editor"):
        client = client_for(personas[persona])
        page = soup(client.get(register_url()))
        assert page.select_one("form#bulk") is None
        assert page.select("input[name=id]") == []
        for name in ("activities:bulk", "activities:bulk_apply"):
            response = client.post(
                reverse(name, args=["uppsala"]), {"id": [world["a"].pk], "atgard": ARCHIVE}
            )
            assert response.status_code == 403
    assert not Activity.objects.get(pk=world["a"].pk).is_archived


def test_the_coordinators_register_has_a_box_with_a_label_for_each_row(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    page = soup(client_for(personas["coordinator"]).get(register_url("?typ=project")))
    boxes = page.select("form#bulk tbody input[type=checkbox][name=id]")
    assert len(boxes) == 4  # the archived one is not listed
    for box in boxes:
        [label] = page.select(f"label[for='{box['id']}']")
        assert label.get_text(strip=True).startswith("Välj ")
    assert page.select_one("form#bulk input[name=tillbaka]")["value"] == "typ=project"
    options = [o["value"] for o in page.select("#id_atgard option")]
    assert {"publicera", "avpublicera", "arkivera", "status:active"} <= set(options)
    assert any(v.startswith("enhet:") for v in options)


def test_choose_check_confirm_and_see_the_summary(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    client = client_for(personas["coordinator"])
    a, b, archived, foreign = world["a"], world["b"], world["archived"], world["foreign"]
    ids = [a.pk, b.pk, archived.pk, foreign.pk]
    check = client.post(
        reverse("activities:bulk", args=["uppsala"]),
        {"id": ids, "atgard": ARCHIVE, "tillbaka": "typ=project&sortera=-titel"},
    )
    assert check.status_code == 200
    page = soup(check)
    assert page.select_one("h1").get_text(" ", strip=True).startswith("Kontrollera ändringen")
    outcomes = [
        (row.select_one("td").get_text(strip=True), row["class"][1])
        for row in page.select("tbody tr")
    ]
    assert outcomes == [
        ("Alfa", "bulk-line--change"),
        ("Beta", "bulk-line--change"),
        ("Delta", "bulk-line--unchanged"),
        (f"#{foreign.pk}", "bulk-line--refused"),
    ]
    assert all(a.history.count() == 1 for a in (world["a"], world["b"]))  # nothing written yet
    # Confirming posts what the page holds.
    form = page.select_one("form[action$='bekrafta/']")
    data: dict[str, list[str]] = {}
    for control in form.select("input[type=hidden]"):
        data.setdefault(control["name"], []).append(control["value"])
    done = client.post(form["action"], data)
    assert done.status_code == 302
    assert done["Location"] == register_url("?typ=project&sortera=-titel")
    assert Activity.objects.get(pk=a.pk).is_archived and Activity.objects.get(pk=b.pk).is_archived
    assert not Activity.objects.get(pk=foreign.pk).is_archived
    shown = soup(client.get(done["Location"]))
    summary = shown.select_one(".bulk-summary")
    assert summary is not None
    text = summary.get_text(" ", strip=True)
    counts = summary.select_one(".bulk-summary__counts").get_text()
    assert counts == "2 ändrade, 1 oförändrad, 1 kunde inte ändras."
    assert "Finns inte i kommunens register" in text
    # Shown once.
    assert soup(client.get(done["Location"])).select_one(".bulk-summary") is None


def test_select_all_on_the_page_works_without_javascript(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    client = client_for(personas["coordinator"])
    page = soup(client.get(register_url("?typ=project&per_sida=25")))
    page_ids = [i["value"] for i in page.select("form#bulk input[name=sidan]")]
    assert len(page_ids) == 4
    check = soup(
        client.post(
            reverse("activities:bulk", args=["uppsala"]),
            {"alla": "1", "sidan": page_ids, "atgard": f"{STATUS}:rejected"},
        )
    )
    assert len(check.select("tbody tr")) == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"atgard": ARCHIVE}, "Välj minst en aktivitet"),
        ({"id": ["x"], "atgard": ARCHIVE}, "Urvalet gick inte att läsa"),
        ({"id": ["{a}"]}, "Åtgärd för de valda aktiviteterna"),
        ({"id": ["{a}"], "atgard": "enhet:999999"}, "Välj ett giltigt alternativ"),
        ({"id": ["{a}"], "atgard": "status:flygande"}, "Välj ett giltigt alternativ"),
    ],
)
def test_a_missing_or_wrong_choice_is_asked_again_with_an_error_summary(
    data: dict[str, Any], message: str, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    data = {
        k: [v.format(a=world["a"].pk) for v in vs] if isinstance(vs, list) else vs
        for k, vs in data.items()
    }
    response = client_for(personas["coordinator"]).post(
        reverse("activities:bulk", args=["uppsala"]), data
    )
    assert response.status_code == 200
    page = soup(response)
    errors = page.select_one(".error-summary").get_text(" ", strip=True)
    assert message in errors
    if "id" in data and data["id"] != ["x"]:
        [ticked] = page.select("input[name=id][checked]")
        assert ticked["value"] == str(world["a"].pk)


def test_a_foreign_unit_cannot_be_chosen(
    world: dict[str, Any], personas: dict[str, Any], umea: Any
) -> None:
    foreign_unit = Unit.objects.filter(municipality=umea).first()
    client = client_for(personas["coordinator"])
    for name in ("activities:bulk", "activities:bulk_apply"):
        response = client.post(
            reverse(name, args=["uppsala"]),
            {"id": [world["a"].pk], "atgard": f"enhet:{foreign_unit.pk}"},
        )
        assert response.status_code == 200
        assert soup(response).select_one(".error-summary") is not None
    assert Activity.objects.get(pk=world["a"].pk).unit.key == "ks"


def test_confirmation_page_queries_stay_flat(
    personas: dict[str, Any], uppsala: Any, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from utblick.testing.fixtures import bulk_activities

    client = client_for(personas["coordinator"])
    url = reverse("activities:bulk", args=["uppsala"])
    few = bulk_activities(uppsala, 5, label="few")
    client.post(url, {"id": few, "atgard": f"{STATUS}:proposed"})
    with CaptureQueriesContext(connection) as at_5:
        assert client.post(url, {"id": few, "atgard": f"{STATUS}:proposed"}).status_code == 200
    many = bulk_activities(uppsala, 200, label="many")
    with django_assert_max_num_queries(len(at_5.captured_queries)):
        response = client.post(url, {"id": many, "atgard": f"{STATUS}:proposed"})
    assert len(soup(response).select("tbody tr")) == 200


def test_change_the_choice_from_the_check_page(
    world: dict[str, Any], personas: dict[str, Any]
) -> None:
    a, b = world["a"], world["b"]
    response = client_for(personas["coordinator"]).post(
        reverse("activities:bulk", args=["uppsala"]),
        {
            "id": [a.pk, b.pk],
            "version": [f"{a.pk}:{a.row_version}", f"{b.pk}:{b.row_version}"],
            "atgard": f"{STATUS}:rejected",
            "andra": "1",
        },
    )
    page = soup(response)
    assert page.select_one(".error-summary") is None
    assert sorted(int(i["value"]) for i in page.select("input[name=id][checked]")) == sorted(
        [a.pk, b.pk]
    )
    assert page.select_one("#id_atgard option[selected]")["value"] == "status:rejected"
    assert a.history.count() == 1
