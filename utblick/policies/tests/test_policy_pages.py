"""The policy pages: each municipality sees its own policy; upload; adopt; query counts."""

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

from utblick.core.tenancy import Role
from utblick.demo.services import shipped_policy_file
from utblick.policies.models import Policy, PolicyStatus
from utblick.testing.fixtures import client_for, load_shipped, make_member

pytestmark = pytest.mark.django_db


def page(client: Any, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("slug", "areas"),
    [
        ("umea", 4),
        ("kungalv", 4),
        ("uppsala", 3),
        ("upplands-bro", 3),
    ],
)
def test_each_coordinator_sees_their_own_policy(slug: str, areas: int, db: Any) -> None:
    for other in {"umea", "kungalv", "uppsala", "upplands-bro"}:
        load_shipped(other)
    from utblick.municipalities.models import Municipality

    user = make_member(Municipality.objects.get(slug=slug), f"{slug}-test", Role.COORDINATOR)
    html = page(client_for(user), reverse("policies:current", args=[slug]))
    own = tomllib.loads(shipped_policy_file(slug).decode())["policy"]
    titles = [h.get_text(strip=True) for h in html.select("#inriktningar + ol .card__title")]
    assert titles == [f["name"] for f in own["focus_areas"]]
    assert len(titles) == areas
    principles = [q.get_text(strip=True) for q in html.select(".principle__text")]
    assert principles == [p["text"] for p in own["principles"]]
    assert html.select_one("h1").get_text(strip=True) == own["title"]


def test_upplands_bro_shows_the_contact_person_requirement(db: Any) -> None:
    municipality = load_shipped("upplands-bro")
    user = make_member(municipality, "ub", Role.COORDINATOR)
    html = page(client_for(user), reverse("policies:current", args=["upplands-bro"]))
    rules = [
        p.select_one(".principle__rule").get_text(" ", strip=True)
        for p in html.select(".principle")
        if p.select_one(".principle__rule")
    ]
    assert any("En kontaktperson från varje kontor" in r for r in rules), rules
    # The rule reads in Swedish; its key in the policy file is not shown to the reader.
    assert not any("contact-per-office" in r for r in rules), rules
    text = html.get_text(" ", strip=True)
    assert (
        "Nämnderna ansvarar för att en kontaktperson för informationsspridning och inspiration utses från varje kontor."
        in text
    )


def test_revision_notice_on_policy_due(personas: dict[str, Any], umea: Any) -> None:
    html = page(client_for(personas["outsider"]), reverse("policies:current", args=["umea"]))
    notice = html.select_one(".notice--warning")
    assert notice is not None and "mandatperiod" in notice.get_text()


def _upload(client: Any, slug: str, text: str, name: str = "policy.toml") -> Any:
    return client.post(
        reverse("policies:load", args=[slug]),
        {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="application/toml")},
    )


def test_upload_of_a_bad_file_lists_every_problem(personas: dict[str, Any], uppsala: Any) -> None:
    data = tomllib.loads(shipped_policy_file("uppsala").decode())
    data["policy"]["adopted_by"] = "riksdagen"
    data["policy"]["decided_on"] = "igår"
    response = _upload(client_for(personas["coordinator"]), "uppsala", tomli_w.dumps(data))
    html = BeautifulSoup(response.content, "html.parser")
    problems = [li.get_text(strip=True) for li in html.select(".error-summary li")]
    assert (
        "policy.toml: policy.decided_on: ska vara ett datum skrivet ÅÅÅÅ-MM-DD utan citattecken"
        in problems
    )
    assert Policy.objects.filter(municipality=uppsala).count() == 1


def test_upload_of_another_municipalitys_file_is_refused(
    personas: dict[str, Any], uppsala: Any
) -> None:
    response = _upload(
        client_for(personas["coordinator"]), "uppsala", shipped_policy_file("kungalv").decode()
    )
    html = BeautifulSoup(response.content, "html.parser")
    assert "filen gäller 'kungalv'" in html.select_one(".error-summary").get_text()
    from utblick.municipalities.models import Municipality

    assert not Municipality.objects.filter(slug="kungalv").exists()


def test_upload_of_a_draft_then_adopt(personas: dict[str, Any], uppsala: Any) -> None:
    from utblick.activities.models import Activity
    from utblick.organisation.models import Unit
    from utblick.policies.models import FocusArea

    client = client_for(personas["coordinator"])
    tagged = Activity.objects.create(
        municipality=uppsala,
        kind="event",
        title="Taggad",
        unit=Unit.objects.get(municipality=uppsala, key="ks"),
    )
    tagged.focus_areas.set(
        FocusArea.objects.filter(policy__municipality=uppsala, key="verksamhetsutveckling")
    )
    data = tomllib.loads(shipped_policy_file("uppsala").decode())
    data["policy"]["status"] = "draft"
    data["policy"]["title"] = "Policy för internationellt arbete 2027"
    response = _upload(client, "uppsala", tomli_w.dumps(data))
    assert response.status_code == 302
    draft = Policy.objects.get(municipality=uppsala, number=2)
    assert draft.status == PolicyStatus.DRAFT
    assert Policy.objects.get(municipality=uppsala, number=1).status == PolicyStatus.IN_FORCE
    response = client.post(reverse("policies:adopt", args=["uppsala", 2]))
    # Replacing a version goes through the transfer of its tags first.
    transfer_url = reverse("policies:transfer", args=["uppsala", 2])
    assert response.status_code == 302 and response.url == transfer_url
    draft.refresh_from_db()
    assert draft.status == PolicyStatus.DRAFT
    form = BeautifulSoup(client.get(transfer_url).content, "html.parser").select_one(
        "form.transfer"
    )
    checked = [(box["name"], box["value"]) for box in form.select("input[type=checkbox][checked]")]
    assert ("focus_area:verksamhetsutveckling", "verksamhetsutveckling") in checked
    posted: dict[str, list[str]] = {}
    for name, value in checked:
        posted.setdefault(name, []).append(value)
    assert client.post(transfer_url, posted).status_code == 302
    draft.refresh_from_db()
    assert draft.status == PolicyStatus.IN_FORCE
    assert Policy.objects.get(municipality=uppsala, number=1).status == PolicyStatus.REPLACED
    # Activities follow their tags to the adopted version.
    assert [f.policy_id for f in tagged.focus_areas.all()] == [draft.pk]
    # Adopting twice is refused, not silently repeated.
    response = client.post(reverse("policies:adopt", args=["uppsala", 2]), follow=True)
    assert "Bara ett utkast kan antas" in response.content.decode()


def test_export_download(personas: dict[str, Any], uppsala: Any) -> None:
    response = client_for(personas["reader"]).get(reverse("policies:export", args=["uppsala", 1]))
    assert response["Content-Type"].startswith("application/toml")
    assert tomllib.loads(response.content.decode()) == tomllib.loads(
        shipped_policy_file("uppsala").decode()
    )


@pytest.mark.parametrize("name", ["policies:current", "policies:versions"])
def test_policy_page_queries_do_not_grow_with_versions_or_elements(
    name: str, personas: dict[str, Any], uppsala: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(personas["coordinator"])
    url = reverse(name, args=["uppsala"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    baseline = len(few.captured_queries)  # read now: later requests reset the log
    data = tomllib.loads(shipped_policy_file("uppsala").decode())
    for i in range(6):
        data["policy"]["version"] = f"{i + 2}.0"
        data["policy"]["principles"].append({"key": f"extra-{i}", "text": f"Extra princip {i}"})
        data["policy"]["focus_areas"].append({"key": f"extra-{i}", "name": f"Extra område {i}"})
        client.post(
            reverse("policies:load", args=["uppsala"]),
            {"file": SimpleUploadedFile("p.toml", tomli_w.dumps(data).encode())},
        )
    assert Policy.objects.filter(municipality=uppsala).count() == 7
    with django_assert_max_num_queries(baseline):
        assert client.get(url).status_code == 200


def test_the_history_shows_the_term_of_office_as_its_years(
    personas: dict[str, Any], uppsala: Any
) -> None:
    """Issue 19, item 8: "Mandatperiod 2010" where the policy page says "2010–2014"."""
    policy = Policy.objects.get(municipality=uppsala, status=PolicyStatus.IN_FORCE)
    term = f"{policy.term_of_office}–{policy.term_of_office + 4}"
    client = client_for(personas["coordinator"])
    url = reverse("policies:history", args=["uppsala", policy.number])
    html = page(client, url)
    changes = [
        " ".join(row.get_text(" ", strip=True).split())
        for row in html.select("tr")
        if "Mandatperiod" in row.get_text()
    ]
    assert changes and all(term in row for row in changes), changes
