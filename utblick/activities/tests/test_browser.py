"""The register's list in a real headless Chromium: filter labels, sorting, page size, bulk changes.

Each page visited is checked with axe-core (WCAG 2.1 A/AA) and for labels that
point to exactly one element. Screenshots of the register after a bulk change
are saved under test-artifacts/screenshots/ (and copied where the issue's note
wants them, when that folder exists).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.demo.register import load_register
from utblick.funding.services import funding_sources_ensure
from utblick.testing.browser import (
    assert_labels_point_to_one_element,
    axe_violations,
    describe,
    new_page,
    screenshot,
    sign_in,
)
from utblick.testing.fixtures import load_shipped, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    funding_sources_ensure()
    uppsala = load_shipped("uppsala")
    make_member(uppsala, "samordnare", Role.COORDINATOR)
    make_member(uppsala, "lasare", Role.READER)
    load_register(uppsala)
    return {
        "base": live_server.url,
        "register": live_server.url + reverse("activities:list", args=["uppsala"]),
    }


class Checked:
    """axe-core and the label check on every page a test visits, reported together."""

    def __init__(self) -> None:
        self.failures: dict[str, str] = {}

    def __call__(self, page: Any, name: str, *, shot: bool = True) -> None:
        assert_labels_point_to_one_element(page)
        violations = axe_violations(page)
        if violations:
            self.failures[name] = describe(violations)
        if shot:
            screenshot(page, name)

    def done(self) -> None:
        assert self.failures == {}, self.failures


def test_clicking_a_filter_label_checks_that_box_and_filters_by_it(
    browser: Any, site: dict[str, Any]
) -> None:
    check = Checked()
    page = new_page(browser)
    sign_in(page, site["base"], "lasare")
    page.goto(site["register"])
    check(page, "register-reader", shot=False)
    page.click("#filters label:text-is('Vänort')")
    page.wait_for_function(
        "() => document.querySelector('.results-count').innerText.startsWith('7 ')"
    )
    checked = page.eval_on_selector_all(
        "#filters input[type=checkbox]:checked", "boxes => boxes.map(b => b.name + '=' + b.value)"
    )
    assert checked == ["typ=twin_city"]
    assert "typ=twin_city" in page.url
    kinds = set(
        page.eval_on_selector_all(".register-table tbody .kind", "k => k.map(x => x.innerText)")
    )
    assert kinds == {"Vänort"}
    # A second kind's label adds exactly that kind.
    page.click("#filters label:text-is('Nätverksmedlemskap')")
    page.wait_for_function(
        "() => document.querySelector('.results-count').innerText.startsWith('8 ')"
    )
    # And a status label its own status.
    page.click("#filters label:text-is('Beslutad/pågående')")
    page.wait_for_function(
        "() => document.querySelector('input[name=status][value=active]').checked"
    )
    assert page.eval_on_selector_all(
        "#filters input[name=status]:checked", "boxes => boxes.map(b => b.value)"
    ) == ["active"]
    check(page, "register-label-filtered")
    assert page.query_selector("form#bulk") is None  # a reader has no bulk controls
    check.done()


def test_sorting_by_a_heading_and_choosing_the_page_size(
    browser: Any, site: dict[str, Any]
) -> None:
    check = Checked()
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    page.goto(site["register"])
    assert page.get_attribute("th:has(#sortera-titel)", "aria-sort") == "ascending"
    page.click("#sortera-typ")
    page.wait_for_function(
        "() => document.querySelector('th:has(#sortera-typ)').getAttribute('aria-sort') === 'ascending'"
    )
    assert "sortera=typ" in page.url
    assert page.get_attribute("th:has(#sortera-titel)", "aria-sort") is None
    first = page.inner_text(".register-table tbody tr:first-child .kind")
    assert first == "Projekt"
    # The panel follows the heading, and the focus stays on the heading's link.
    assert page.input_value("#id_sortera") == "typ"
    assert page.evaluate("() => document.activeElement.id") == "sortera-typ"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('th:has(#sortera-typ)').getAttribute('aria-sort') === 'descending'"
    )
    assert page.inner_text(".register-table tbody tr:first-child .kind") != "Projekt"
    assert page.input_value("#id_sortera") == "-typ"
    check(page, "register-sorted")
    page.select_option("#id_per_sida", "25")
    page.wait_for_function("() => location.search.includes('per_sida=25')")
    assert "sortera=-typ" in page.url
    # Without JavaScript's help too: the heading is a plain link.
    page.goto(site["register"] + "?sortera=-status&per_sida=100")
    assert page.get_attribute("th:has(#sortera-status)", "aria-sort") == "descending"
    assert page.input_value("#id_per_sida") == "100"
    check.done()


def test_archive_and_publish_two_rows_with_a_check_and_a_summary(
    browser: Any, site: dict[str, Any]
) -> None:
    check = Checked()
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    page.goto(site["register"] + "?typ=twin_city")
    check(page, "register-bulk-bar", shot=False)
    rows = page.query_selector_all("form#bulk tbody tr")
    chosen = [row.query_selector("td a[href]").inner_text() for row in rows[:2]]
    for row in rows[:2]:
        row.query_selector("input[name=id]").check()
    assert page.inner_text("[data-selected-count]") == "2 valda"
    page.select_option("#id_atgard", "arkivera")
    page.click("form#bulk button[type=submit]")
    page.wait_for_selector("h1:has-text('Kontrollera ändringen')")
    listed = page.eval_on_selector_all(
        ".bulk-lines tbody tr td:first-child", "cells => cells.map(c => c.innerText)"
    )
    assert listed == chosen
    check(page, "register-bulk-check")
    page.click("button:has-text('Bekräfta')")
    page.wait_for_selector(".bulk-summary")
    assert "typ=twin_city" in page.url  # back where the coordinator was
    summary = page.inner_text(".bulk-summary")
    assert "2 ändrade, 0 oförändrade, 0 kunde inte ändras." in summary
    for title in chosen:
        assert title in summary
        assert Activity.objects.get(title=title).is_archived
    assert page.inner_text(".results-count").startswith("5 ")
    check(page, "register-after-bulk-archive")

    # Publish two rows: one public already, so the summary says so.
    current = Activity.objects.filter(municipality__slug="uppsala", archived_at__isnull=True)
    published = current.filter(published=True).first()
    fresh = current.filter(published=False, kind="project").first()
    assert published is not None and fresh is not None
    page.goto(site["register"])
    page.check(f"#valj-{published.pk}")
    page.check(f"#valj-{fresh.pk}")
    page.select_option("#id_atgard", "publicera")
    page.click("form#bulk button[type=submit]")
    page.wait_for_selector(".bulk-lines")
    check(page, "register-bulk-check-publish", shot=False)
    page.click("button:has-text('Bekräfta')")
    page.wait_for_selector(".bulk-summary")
    assert "1 ändrad, 1 oförändrad, 0 kunde inte ändras." in page.inner_text(".bulk-summary")
    fresh.refresh_from_db()
    assert fresh.published
    check(page, "register-after-bulk-publish")
    check.done()


def test_select_all_and_a_missing_choice(browser: Any, site: dict[str, Any]) -> None:
    check = Checked()
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    page.goto(site["register"] + "?typ=project")
    page.check("#valj-alla")
    boxes = page.query_selector_all("form#bulk input[name=id]")
    assert boxes and all(b.is_checked() for b in boxes)
    boxes[0].uncheck()
    assert not page.is_checked("#valj-alla")
    # No action chosen: the choice is asked again, with an error summary and the rows ticked.
    page.click("form#bulk button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert len(page.query_selector_all("input[name=id]:checked")) == len(boxes) - 1
    check(page, "register-bulk-choose-errors", shot=False)
    page.select_option("#id_atgard", "status:rejected")
    page.click("form button[type=submit]:has-text('Fortsätt')")
    page.wait_for_selector(".bulk-lines")
    check(page, "register-bulk-check-status", shot=False)
    check.done()


def test_the_register_after_a_bulk_change_on_a_phone(browser: Any, site: dict[str, Any]) -> None:
    check = Checked()
    page = new_page(browser, width=390)
    sign_in(page, site["base"], "samordnare")
    page.goto(site["register"] + "?typ=twin_city")
    page.query_selector_all("form#bulk input[name=id]")[0].check()
    page.select_option("#id_atgard", "status:completed")
    page.click("form#bulk button[type=submit]")
    page.wait_for_selector(".bulk-lines")
    check(page, "register-bulk-check-phone")
    page.click("button:has-text('Bekräfta')")
    page.wait_for_selector(".bulk-summary")
    check(page, "register-after-bulk-phone")
    check.done()


def test_archiving_and_publishing_an_idea_are_checked_first(
    browser: Any, site: dict[str, Any]
) -> None:
    checked = Checked()
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    activity = Activity.objects.filter(municipality__slug="uppsala", published=False).first()
    Activity.objects.filter(pk=activity.pk).update(status="idea")
    detail = site["base"] + reverse("activities:detail", args=["uppsala", activity.pk])
    page.goto(detail)
    page.get_by_role("button", name="Publicera", exact=True).click()
    page.wait_for_selector("h1:has-text('inte är beslutad')")
    checked(page, "publish-idea-check")
    page.get_by_role("button", name="Ja, publicera ändå").click()
    page.wait_for_selector(".message--success")
    page.get_by_role("link", name="Arkivera aktiviteten").click()
    page.wait_for_selector("h1:has-text('Arkivera aktiviteten?')")
    checked(page, "archive-check")
    page.get_by_role("button", name="Ja, arkivera aktiviteten").click()
    page.wait_for_selector(".message--success")
    activity.refresh_from_db()
    # Published first (archiving then takes it off the public pages), then archived.
    assert activity.last_published_at is not None and activity.archived_at is not None
    checked.done()


def test_a_second_activity_with_the_same_title_asks_first(
    browser: Any, site: dict[str, Any]
) -> None:
    """Issue 19, item 9: "Vänort: Harbin" twice is asked about, with a link to the first."""
    checked = Checked()
    existing = Activity.objects.filter(municipality__slug="uppsala", kind="twin_city").first()
    assert existing is not None
    page = new_page(browser)
    sign_in(page, site["base"], "samordnare")
    page.goto(site["base"] + reverse("activities:create", args=["uppsala"]) + "?typ=twin_city")
    page.fill("#id_title", f"  {existing.title.upper()} ")
    page.select_option("#id_unit", str(existing.unit_id))
    page.select_option("#id_status", "idea")
    page.fill("#id_place", "Harbin")
    page.select_option("#id_country", "CN")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_selector(".error-summary")
    assert "Det finns redan en aktivitet med titeln" in page.inner_text(".error-summary")
    detail = reverse("activities:detail", args=["uppsala", existing.pk])
    link = page.locator(f".notice a[href='{detail}']")
    assert link.inner_text() == existing.title
    checked(page, "activity-same-title-asked")
    page.get_by_label("Spara ändå: det är en annan aktivitet med samma titel").check()
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_selector(".message--success")
    checked(page, "activity-same-title-saved", shot=False)
    titles = Activity.objects.filter(municipality__slug="uppsala").values_list("title", flat=True)
    assert [t.casefold() for t in titles].count(existing.title.casefold()) == 2
    checked.done()
