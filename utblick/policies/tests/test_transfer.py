"""Carrying the register's tags across a policy revision (issue 20, item 1)."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
import tomli_w
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.activities.models import Activity, EarlierTag
from utblick.core import clock
from utblick.core.tenancy import Role
from utblick.demo.services import shipped_policy_file
from utblick.followup.due import due_items
from utblick.organisation.models import Unit
from utblick.policies.models import FocusArea, Goal, Policy, PolicyStatus, TagTransfer
from utblick.policies.services import policy_file_load
from utblick.testing.fixtures import client_for, load_shipped, make_member

pytestmark = pytest.mark.django_db


def _revised(status: str) -> str:
    """Umeå's programme revised: two focus areas renamed (new keys), one goal retired."""
    data = tomllib.loads(shipped_policy_file("umea").decode())
    policy = data["policy"]
    policy["status"] = status
    policy["title"] = "Internationellt program för Umeå kommun 2027–2030"
    for area in policy["focus_areas"]:
        if area["key"] == "positionering-naringsliv":
            area["key"], area["name"] = (
                "naringsliv-och-positionering",
                "Näringsliv och positionering",
            )
        elif area["key"] == "internationella-umea":
            area["key"], area["name"] = "mangfald", "Mångfald och nya invånare"
            area["source"] = "3. Nya inriktningar"
    policy["goals"] = [g for g in policy["goals"] if g["key"] != "fredlig-utveckling"]
    return tomli_w.dumps(data)


def _activity(umea: Any, title: str, areas: list[str], goals: list[str]) -> Activity:
    activity = Activity.objects.create(
        municipality=umea,
        kind="event",
        title=title,
        unit=Unit.objects.filter(municipality=umea).first(),
    )
    activity.focus_areas.set(FocusArea.objects.filter(policy__municipality=umea, key__in=areas))
    activity.goals.set(Goal.objects.filter(policy__municipality=umea, key__in=goals))
    return activity


def _keys(activity: Activity, policy: Policy) -> tuple[list[str], list[str]]:
    areas = sorted(f.key for f in activity.focus_areas.all() if f.policy_id == policy.pk)
    goals = sorted(g.key for g in activity.goals.all() if g.policy_id == policy.pk)
    assert activity.focus_areas.exclude(policy=policy).count() == 0
    assert activity.goals.exclude(policy=policy).count() == 0
    return areas, goals


@pytest.fixture
def umea_world(db: Any) -> dict[str, Any]:
    umea = load_shipped("umea")
    coordinator = make_member(umea, "umea-samordnare", Role.COORDINATOR)
    return {
        "umea": umea,
        "coordinator": coordinator,
        "peace": _activity(
            umea, "Fredsforum i Würzburg", ["positionering-naringsliv"], ["fredlig-utveckling"]
        ),
        "welcome": _activity(umea, "Välkomstveckan", ["internationella-umea"], ["mervarde"]),
        "staff": _activity(umea, "Personalutbyte Vasa", ["verksamhetsutveckling"], []),
    }


def _checked(html: BeautifulSoup) -> dict[str, list[str]]:
    posted: dict[str, list[str]] = {}
    for box in html.select("form.transfer input[type=checkbox][checked]"):
        posted.setdefault(box["name"], []).append(box["value"])
    return posted


def test_adopting_a_revision_moves_every_tag_as_the_coordinator_confirms(
    umea_world: dict[str, Any],
) -> None:
    umea, client = umea_world["umea"], client_for(umea_world["coordinator"])
    old = Policy.objects.get(municipality=umea, status=PolicyStatus.IN_FORCE)
    response = client.post(
        reverse("policies:load", args=["umea"]),
        {"file": SimpleUploadedFile("v2.toml", _revised("draft").encode())},
    )
    draft = Policy.objects.get(municipality=umea, status=PolicyStatus.DRAFT)
    response = client.post(reverse("policies:adopt", args=["umea", draft.number]))
    url = reverse("policies:transfer", args=["umea", draft.number])
    assert response.url == url

    html = BeautifulSoup(client.get(url).content, "html.parser")
    suggested = _checked(html)
    # Same key, or a name alike enough; a renamed area with a new name is left to the person.
    assert suggested["focus_area:verksamhetsutveckling"] == ["verksamhetsutveckling"]
    assert suggested["focus_area:positionering-naringsliv"] == ["naringsliv-och-positionering"]
    assert "focus_area:internationella-umea" not in suggested
    assert "goal:fredlig-utveckling" not in suggested
    counts = {
        str(row.select_one("th").contents[0]).strip(): row.select("td")[0].get_text(strip=True)
        for row in html.select("tr.transfer__row")
    }
    assert counts["Internationella Umeå"] == "1"
    assert counts["Positionering och näringsliv"] == "1"

    # The coordinator confirms the suggestions and says where the other renamed area went.
    chosen = suggested | {"focus_area:internationella-umea": ["mangfald"]}
    assert client.post(url, chosen).status_code == 302
    new = Policy.objects.get(pk=draft.pk)
    assert new.status == PolicyStatus.IN_FORCE
    old.refresh_from_db()
    assert old.status == PolicyStatus.REPLACED

    assert _keys(umea_world["peace"], new) == (["naringsliv-och-positionering"], [])
    assert _keys(umea_world["welcome"], new) == (["mangfald"], ["mervarde"])
    assert _keys(umea_world["staff"], new) == (["verksamhetsutveckling"], [])
    transfers = {(t.element, t.old_key): t for t in TagTransfer.objects.filter(policy=new)}
    assert all(t.confirmed for t in transfers.values())
    assert transfers[("goal", "fredlig-utveckling")].retired
    assert transfers[("focus_area", "internationella-umea")].moved == 1
    # The old tags stay readable on the old version.
    kept = EarlierTag.objects.filter(activity=umea_world["peace"], policy=old)
    assert {str(t) for t in kept} == {
        "Positionering och näringsliv",
        str(Goal.objects.get(policy=old, key="fredlig-utveckling")),
    }
    assert kept.get(goal__isnull=False).retired and not kept.get(focus_area__isnull=False).retired
    history = umea_world["peace"].history.order_by("-history_date").first()
    assert history.history_action == "activity.retagged"

    # The retired goal's activities are listed for a decision, and only they.
    html = BeautifulSoup(client.get(url).content, "html.parser")
    listed = [a.get_text(strip=True) for a in html.select("#utgar + p + table tbody th a")]
    assert listed == ["Fredsforum i Würzburg"]
    # In force: the coordinator may still correct the transfer, no longer adopt.
    assert html.select_one("form.transfer button").get_text(strip=True) == "Bekräfta överföringen"


def test_an_unknown_successor_is_refused_and_nothing_is_adopted(
    umea_world: dict[str, Any],
) -> None:
    umea, client = umea_world["umea"], client_for(umea_world["coordinator"])
    client.post(
        reverse("policies:load", args=["umea"]),
        {"file": SimpleUploadedFile("v2.toml", _revised("draft").encode())},
    )
    draft = Policy.objects.get(municipality=umea, status=PolicyStatus.DRAFT)
    url = reverse("policies:transfer", args=["umea", draft.number])
    response = client.post(url, {"focus_area:internationella-umea": ["finns-inte"]})
    assert response.status_code == 400
    message = BeautifulSoup(response.content, "html.parser").select_one(".error-summary")
    assert "finns-inte finns inte i den nya versionen" in message.get_text()
    draft.refresh_from_db()
    assert draft.status == PolicyStatus.DRAFT
    assert _keys(umea_world["welcome"], Policy.objects.get(municipality=umea, number=1)) == (
        ["internationella-umea"],
        ["mervarde"],
    )


def test_a_file_loaded_into_force_applies_suggestions_for_a_coordinator_to_confirm(
    umea_world: dict[str, Any],
) -> None:
    new = policy_file_load(data=_revised("in_force"), filename="v2.toml", user=None).policy
    assert new.status == PolicyStatus.IN_FORCE
    assert _keys(umea_world["welcome"], new) == ([], ["mervarde"])  # no suggestion: retired
    access = access_for(umea_world["coordinator"], "umea")
    todo = [i.title for i in due_items(access, clock.today())]
    assert "Bekräfta överföringen av taggar" in todo

    # Meanwhile someone tags the peace forum by hand; a correction must not undo that.
    peace = umea_world["peace"]
    peace.focus_areas.add(FocusArea.objects.get(policy=new, key="verksamhetsutveckling"))

    client = client_for(umea_world["coordinator"])
    url = reverse("policies:transfer", args=["umea", new.number])
    html = BeautifulSoup(client.get(url).content, "html.parser")
    assert html.select_one(".notice--warning")
    chosen = _checked(html) | {"focus_area:internationella-umea": ["mangfald"]}
    response = client.post(url, chosen, follow=True)
    assert "1 aktiviteter fick ändrade taggar" in response.content.decode()
    assert _keys(umea_world["welcome"], new) == (["mangfald"], ["mervarde"])
    assert _keys(peace, new) == (
        sorted(["naringsliv-och-positionering", "verksamhetsutveckling"]),
        [],
    )
    assert not EarlierTag.objects.filter(activity=umea_world["welcome"], retired=True).exists()
    assert all(t.confirmed for t in TagTransfer.objects.filter(policy=new))
    todo = [i.title for i in due_items(access, clock.today())]
    assert "Bekräfta överföringen av taggar" not in todo


def test_readers_see_the_transfer_but_cannot_change_it(umea_world: dict[str, Any]) -> None:
    umea = umea_world["umea"]
    new = policy_file_load(data=_revised("in_force"), filename="v2.toml", user=None).policy
    reader = make_member(umea, "umea-lasare", Role.READER)
    client = client_for(reader)
    url = reverse("policies:transfer", args=["umea", new.number])
    html = BeautifulSoup(client.get(url).content, "html.parser")
    assert not html.select("form.transfer button")
    response = client.post(url, {"focus_area:internationella-umea": ["mangfald"]})
    assert response.status_code == 400
    assert _keys(umea_world["welcome"], new) == ([], ["mervarde"])


def test_the_transfer_page_reads_a_fixed_number_of_queries(
    umea_world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    umea = umea_world["umea"]
    old = Policy.objects.get(municipality=umea, status=PolicyStatus.IN_FORCE)
    new = policy_file_load(data=_revised("in_force"), filename="v2.toml", user=None).policy
    client = client_for(umea_world["coordinator"])
    url = reverse("policies:transfer", args=["umea", new.number])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    baseline = len(few.captured_queries)
    retired = Goal.objects.get(policy=old, key="fredlig-utveckling")
    for i in range(6):
        activity = _activity(umea, f"Fler {i}", [], [])
        activity.focus_areas.set(FocusArea.objects.filter(policy=new)[:2])
        EarlierTag.objects.create(
            municipality=umea, activity=activity, policy=old, goal=retired, retired=True
        )
    with django_assert_max_num_queries(baseline):
        html = BeautifulSoup(client.get(url).content, "html.parser")
    rows = html.select("#utgar + p + table tbody tr")
    assert len(rows) == 8  # the two of the fixture, and six more
    now = {
        r.select_one("th").get_text(strip=True): r.select("td")[1].get_text(strip=True)
        for r in rows
    }
    assert now["Fler 0"] == ", ".join(f.name for f in FocusArea.objects.filter(policy=new)[:2])
