"""Archiving a partner, a contact person or a unit is checked on a page first (issue 19, item 9)."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.core.tenancy import Role
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.testing.browser import (
    assert_labels_point_to_one_element,
    axe_violations,
    describe,
    new_page,
    screenshot,
    sign_in,
)
from utblick.testing.fixtures import client_for, load_shipped, make_member


@pytest.fixture
def uppsala(db: Any) -> Any:
    return load_shipped("uppsala")


def _partner(uppsala: Any) -> Partner:
    return Partner.objects.create(
        municipality=uppsala, name="Tartu linn", country="EE", kind="municipality"
    )


@pytest.mark.django_db
def test_the_check_page_changes_nothing_and_the_yes_archives(uppsala: Any) -> None:
    client = client_for(make_member(uppsala, "samordnare", Role.COORDINATOR))
    partner = _partner(uppsala)
    contact = Contact.objects.filter(municipality=uppsala).first()
    unit = Unit.objects.filter(municipality=uppsala, children__isnull=True, contacts__isnull=True)[
        0
    ]
    for name, obj, heading in (
        ("partners:archive", partner, "Arkivera partnern?"),
        ("organisation:contact_archive", contact, "Arkivera kontaktpersonen?"),
        ("organisation:unit_archive", unit, "Arkivera enheten?"),
    ):
        url = reverse(name, args=["uppsala", obj.pk])
        page = BeautifulSoup(client.get(url).content, "html.parser")
        assert page.select_one("h1").get_text(strip=True) == heading
        assert page.select_one(f'form[action="{url}"] button[type=submit]') is not None
        obj.refresh_from_db()
        assert not obj.is_archived, name  # looking is not archiving
        assert client.post(url).status_code == 302
        obj.refresh_from_db()
        assert obj.is_archived, name


@pytest.mark.django_db
def test_an_editor_cannot_open_the_check_for_another_unit_s_contact(uppsala: Any) -> None:
    own, other = Unit.objects.filter(municipality=uppsala, contacts__isnull=False).distinct()[:2]
    editor = make_member(uppsala, "redaktor", Role.EDITOR, [own])
    foreign = Contact.objects.filter(unit=other).first()
    url = reverse("organisation:contact_archive", args=["uppsala", foreign.pk])
    assert client_for(editor).get(url).status_code == 403


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_archiving_a_partner_in_chromium(browser: Any, live_server: Any) -> None:
    uppsala = load_shipped("uppsala")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    partner = _partner(uppsala)
    page = new_page(browser)
    sign_in(page, live_server.url, "samordnare")
    page.goto(live_server.url + reverse("partners:detail", args=["uppsala", partner.pk]))
    page.get_by_role("link", name="Arkivera partnern").click()
    page.wait_for_selector("h1:has-text('Arkivera partnern?')")
    assert_labels_point_to_one_element(page)
    violations = axe_violations(page)
    screenshot(page, "partner-archive-check")
    assert violations == [], describe(violations)
    page.get_by_role("button", name="Ja, arkivera partnern").click()
    page.wait_for_selector(".messages, .message, [role=status]")
    partner.refresh_from_db()
    assert partner.is_archived
