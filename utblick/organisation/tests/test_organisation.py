"""Units and contacts through the pages: forms, conflicts, archive, history, query counts."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.organisation.models import CompetenceEntry, Contact, Unit
from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def contact_form_data(contact: Contact, **changes: Any) -> dict[str, Any]:
    data = {
        "name": contact.name,
        "title": contact.title,
        "unit": contact.unit_id,
        "appointed_by": contact.appointed_by_id or "",
        "email": contact.email,
        "phone": contact.phone,
        "role": contact.role,
        "key": contact.key,
        "row_version": contact.row_version,
    }
    if contact.consent_to_publish:
        data["consent_to_publish"] = "on"
        data["consent_recorded_on"] = contact.consent_recorded_on.isoformat()
    data.update(changes)
    return data


def test_coordinator_creates_a_unit_with_a_generated_key(
    personas: dict[str, Any], uppsala: Any
) -> None:
    client = client_for(personas["coordinator"])
    ks = Unit.objects.get(municipality=uppsala, key="ks")
    response = client.post(
        reverse("organisation:unit_create", args=["uppsala"]),
        {"name": "Kultur- och fritidsförvaltningen", "kind": "department", "parent": ks.pk},
    )
    unit = Unit.objects.get(municipality=uppsala, name="Kultur- och fritidsförvaltningen")
    assert response.status_code == 302
    assert unit.key == "kultur-och-fritidsforvaltningen"
    assert unit.parent == ks
    record = unit.history.get()
    assert record.history_user == personas["coordinator"]


def test_unit_form_errors_are_swedish_and_save_nothing(
    personas: dict[str, Any], uppsala: Any
) -> None:
    client = client_for(personas["coordinator"])
    count = Unit.objects.count()
    response = client.post(
        reverse("organisation:unit_create", args=["uppsala"]), {"name": "", "kind": "x"}
    )
    page = soup(response)
    summary = page.select_one(".error-summary")
    assert response.status_code == 200
    assert summary is not None
    texts = [li.get_text(" ", strip=True) for li in summary.select("li")]
    assert "Namn: Detta fält måste fyllas i." in texts
    assert page.select_one("#id_name")["aria-invalid"] == "true"
    assert Unit.objects.count() == count


def test_unit_cannot_be_placed_under_itself(personas: dict[str, Any], uppsala: Any) -> None:
    client = client_for(personas["coordinator"])
    parent = Unit.objects.get(municipality=uppsala, key="utbildningsnamnden")
    child = Unit.objects.get(municipality=uppsala, key="utbildningsforvaltningen")
    response = client.post(
        reverse("organisation:unit_edit", args=["uppsala", parent.pk]),
        {
            "name": parent.name,
            "kind": parent.kind,
            "parent": child.pk,
            "key": parent.key,
            "row_version": 1,
        },
    )
    assert response.status_code == 200
    assert soup(response).select_one(".error-summary")
    parent.refresh_from_db()
    assert parent.parent_id is None


def test_foreign_parent_is_not_a_choice(personas: dict[str, Any], uppsala: Any, umea: Any) -> None:
    client = client_for(personas["coordinator"])
    foreign = Unit.objects.get(municipality=umea, key="ks")
    response = client.post(
        reverse("organisation:unit_create", args=["uppsala"]),
        {"name": "Ny", "kind": "department", "parent": foreign.pk},
    )
    assert response.status_code == 200
    assert not Unit.objects.filter(municipality=uppsala, name="Ny").exists()


def test_a_stale_edit_is_merged_and_a_field_both_changed_is_chosen(
    personas: dict[str, Any], uppsala: Any
) -> None:
    contact = Contact.objects.get(municipality=uppsala, key="per-testman")
    first = client_for(personas["coordinator"])
    url = reverse("organisation:contact_edit", args=["uppsala", contact.pk])
    start = contact_form_data(contact)
    response = first.post(url, {**start, "title": "Chef för EU-kontoret"})
    assert response.status_code == 302
    # A second session started from the same version and changed another field:
    # its save lands on top of the first, which is not reverted.
    stale = client_for(personas["coordinator"])
    response = stale.post(url, {**start, "phone": "018-999 99 99"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.title, contact.phone, contact.row_version) == (
        "Chef för EU-kontoret",
        "018-999 99 99",
        3,
    )
    # A third from the same first version changes the title too: nothing is saved
    # until the user has chosen between the two titles.
    response = stale.post(url, {**start, "title": "Enhetschef"})
    assert response.status_code == 200
    page = soup(response)
    summary = page.select_one(".error-summary").get_text(" ", strip=True)
    assert "Någon annan har sparat posten" in summary
    assert "Behåll deras: Chef för EU-kontoret" in summary
    assert "Använd mitt: Enhetschef" in summary
    contact.refresh_from_db()
    assert contact.title == "Chef för EU-kontoret" and contact.row_version == 3
    # The form now carries the others' phone and the current version.
    assert page.select_one("input[name=phone]")["value"] == "018-999 99 99"
    assert page.select_one("input[name=row_version]")["value"] == "3"
    again = {**start, "title": "Enhetschef", "phone": "018-999 99 99", "row_version": 3}
    again["konflikt"] = "title"
    response = stale.post(url, again)
    assert response.status_code == 200  # no choice made: asked again, nothing saved
    contact.refresh_from_db()
    assert contact.title == "Chef för EU-kontoret"
    response = stale.post(url, {**again, "behall_title": "mine"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.title, contact.phone) == ("Enhetschef", "018-999 99 99")


def test_consent_date_is_recorded_when_consent_is_given(
    personas: dict[str, Any], uppsala: Any
) -> None:
    contact = Contact.objects.get(municipality=uppsala, key="fatima-provare")
    client = client_for(personas["editor"])  # her unit is the editor's
    url = reverse("organisation:contact_edit", args=["uppsala", contact.pk])
    response = client.post(url, contact_form_data(contact, consent_to_publish="on"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.consent_to_publish and contact.consent_recorded_on is not None


def test_history_shows_who_when_before_and_after(personas: dict[str, Any], uppsala: Any) -> None:
    contact = Contact.objects.get(municipality=uppsala, key="per-testman")
    client = client_for(personas["coordinator"])
    client.post(
        reverse("organisation:contact_edit", args=["uppsala", contact.pk]),
        contact_form_data(contact, title="Strateg"),
    )
    page = soup(client.get(reverse("organisation:contact_history", args=["uppsala", contact.pk])))
    newest = page.select_one(".history__entry")
    rows = {
        tr.select_one("th").get_text(strip=True): [
            td.get_text(strip=True) for td in tr.select("td")
        ]
        for tr in newest.select("tbody tr")
    }
    assert rows == {"Titel": ["EU-samordnare", "Strateg"]}
    assert "uppsala-samordnare" in newest.select_one(".history__meta").get_text()


def test_archive_and_restore_keep_the_record(personas: dict[str, Any], uppsala: Any) -> None:
    client = client_for(personas["coordinator"])
    unit = Unit.objects.get(municipality=uppsala, key="destination-uppsala")
    client.post(reverse("organisation:unit_archive", args=["uppsala", unit.pk]))
    unit.refresh_from_db()
    assert unit.is_archived and unit.archived_by == personas["coordinator"]
    listing = soup(client.get(reverse("organisation:unit_list", args=["uppsala"])))
    assert "Destination Uppsala AB" not in listing.select_one(".tree").get_text()
    archived = soup(
        client.get(reverse("organisation:unit_list", args=["uppsala"]) + "?arkiverade=1")
    )
    assert "Destination Uppsala AB" in archived.select_one(".tree").get_text()
    client.post(reverse("organisation:unit_restore", args=["uppsala", unit.pk]))
    unit.refresh_from_db()
    assert not unit.is_archived
    actions = list(unit.history.values_list("history_action", flat=True))
    assert actions[:2] == ["unit.restored", "unit.archived"]


def test_unit_with_contacts_cannot_be_archived(personas: dict[str, Any], uppsala: Any) -> None:
    client = client_for(personas["coordinator"])
    unit = Unit.objects.get(municipality=uppsala, key="kommunledningskontoret")
    response = client.post(
        reverse("organisation:unit_archive", args=["uppsala", unit.pk]), follow=True
    )
    unit.refresh_from_db()
    assert not unit.is_archived
    assert "kontaktpersoner" in soup(response).select_one(".message--error").get_text()


def test_competence_entry_through_htmx(personas: dict[str, Any], uppsala: Any) -> None:
    contact = Contact.objects.get(municipality=uppsala, key="fatima-provare")
    client = client_for(personas["editor"])
    url = reverse("organisation:competence_add", args=["uppsala", contact.pk])
    bad = client.post(
        url, {"date": "2025-13-01", "title": "", "kind": "joint"}, HTTP_HX_REQUEST="true"
    )
    assert bad.status_code == 200
    assert soup(bad).select_one(".error-summary")
    assert not CompetenceEntry.objects.filter(contact=contact).exists()
    good = client.post(
        url,
        {"date": "2025-10-01", "title": "Erasmus+ ackreditering", "kind": "individual"},
        HTTP_HX_REQUEST="true",
    )
    fragment = soup(good)
    assert fragment.select_one("#competence") is not None
    assert fragment.select_one("html") is None  # a partial, not a page
    assert "Erasmus+ ackreditering" in fragment.get_text()


def _add_units_and_contacts(municipality: Any, n: int) -> None:
    ks = Unit.objects.get(municipality=municipality, key="ks")
    for i in range(n):
        unit = Unit.objects.create(
            municipality=municipality,
            key=f"extra-{i}",
            name=f"Extra {i}",
            kind="department",
            parent=ks,
        )
        Contact.objects.create(
            municipality=municipality, key=f"extra-{i}", name=f"Person {i}", unit=unit
        )


@pytest.mark.parametrize(
    "name",
    ["organisation:unit_list", "organisation:contact_list", "dashboard:start", "members:list"],
)
def test_list_query_count_does_not_grow(
    name: str, personas: dict[str, Any], uppsala: Any, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas["coordinator"])
    url = reverse(name, args=["uppsala"])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    baseline = len(few.captured_queries)  # read now: later requests reset the log
    _add_units_and_contacts(uppsala, 40)
    # 40 more units and contacts: not one query more.
    with django_assert_max_num_queries(baseline):
        assert client.get(url).status_code == 200
