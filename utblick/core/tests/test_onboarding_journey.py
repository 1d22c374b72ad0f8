"""Issue 13's first journey, in Chromium: a new municipality from nothing to its public page.

From an empty database with one platform administrator, and without /admin/
or a terminal: the administrator adds the municipality from the official list
and invites its coordinator; the coordinator takes the link, sets a password,
drafts the policy in the browser (three focus areas, a principle with a rule,
a yearly cadence) and adopts it, adds units, invites an editor, imports a
ten-row Excel list and turns on the public page, which then shows the
activities. axe-core checks every page on the way; the clicks and the wall
time are printed and written to test-artifacts/onboarding-journey.txt.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.imports.tests.test_import import xlsx
from utblick.intake.tests.journeys import draft_policy_from_scratch
from utblick.municipalities.models import Municipality
from utblick.municipalities.selectors import reference_municipality
from utblick.onboarding.tests.journeys import add_standard_units
from utblick.testing.browser import (
    ARTIFACTS,
    axe_violations,
    describe,
    new_page,
    screenshot,
    sign_in,
    wait_for_job,
)
from utblick.testing.fixtures import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CODE = "0180"  # Stockholm: its organisation number is in the official list
COORDINATOR_PASSWORD = "ett-eget-langt-losen-13"
FOCUS_AREAS = ("Europa och omvärlden", "Kompetens och lärande", "Agenda 2030")
TITLES = [
    f"Studiebesök {n}: {place}"
    for n, place in enumerate(
        [
            "Tallinn",
            "Riga",
            "Vilnius",
            "Helsingfors",
            "Oslo",
            "Köpenhamn",
            "Gdańsk",
            "Hamburg",
            "Bryssel",
            "Reykjavik",
        ],
        start=1,
    )
]


def old_excel_list() -> bytes:
    """The list a municipality keeps today: ten rows, Swedish headers, the import's columns."""
    headers = ["typ", "titel", "enhet", "status", "startdatum", "slutdatum"]
    headers += ["inriktningar", "land", "ort", "publicerad"]
    countries = ["Estland", "Lettland", "Litauen", "Finland", "Norge"]
    countries += ["Danmark", "Polen", "Tyskland", "Belgien", "Island"]
    event, unit, status = "Evenemang, möte eller besök", "Kommunstyrelsen", "Beslutad/pågående"
    rows = [
        [event, title, unit, status, f"2026-{n:02d}-10", f"2026-{n:02d}-12", *place]
        for n, (title, country) in enumerate(zip(TITLES, countries, strict=True), start=1)
        for place in [(FOCUS_AREAS[n % 3], country, title.split(": ")[1], "ja")]
    ]
    return xlsx(rows, headers)


class Journey:
    """Counts the clicks, keeps axe's findings and a screenshot per step."""

    def __init__(self) -> None:
        self.clicks = 0
        self.violations: dict[str, list[dict[str, Any]]] = {}
        self.steps: list[str] = []

    def look(self, page: Any, name: str) -> None:
        self.violations[name] = axe_violations(page)
        number = len(self.steps) + 1
        screenshot(page, f"journey-{number:02d}-{name}")
        self.steps.append(name)

    def click(self, page: Any, selector: str) -> None:
        page.click(selector)
        self.clicks += 1

    def step(self, page: Any, key: str) -> None:
        """Through the menu's "Kom igång" to a step's own link, as a newcomer goes."""
        self.click(page, "nav a:has-text('Kom igång')")
        page.wait_for_selector(f"#steg-{key}")
        self.click(page, f"#steg-{key} p a")
        page.wait_for_load_state()


def test_a_new_municipality_from_the_official_list_to_its_public_page(
    browser: Any, live_server: Any, tmp_path: Any, worker: Any
) -> None:
    base = live_server.url
    listed = reference_municipality(CODE)
    assert listed is not None and listed.organisation_number
    get_user_model().objects.create_superuser("plattform", "plattform@example.se", PASSWORD)
    journey = Journey()
    started = time.perf_counter()

    # 1. The platform administrator adds the municipality and invites its coordinator.
    admin = new_page(browser)
    sign_in(admin, base, "plattform")
    journey.clicks += 1
    journey.look(admin, "platform-home")
    journey.click(admin, ".platform-admin a.button")
    admin.wait_for_url("**/app/plattform/kommuner/ny/")
    admin.select_option("#id_code", CODE)
    admin.fill("#id_first_name", "Sara")
    admin.fill("#id_last_name", "Samordnare")
    admin.fill("#id_email", "sara.samordnare@stockholm.example.se")
    journey.look(admin, "platform-new-municipality")
    journey.click(admin, "form.form button[type=submit]")
    admin.wait_for_url("**/app/plattform/kommuner/")
    journey.look(admin, "platform-municipalities")
    municipality = Municipality.objects.get(code=CODE)
    slug = municipality.slug

    # 2. The coordinator follows the link in the e-mail and chooses a password.
    [invitation] = mail.outbox
    link = re.search(r"https?://\S+?(/konto/inbjudan/\S+/)", invitation.body).group(1)  # type: ignore[union-attr]
    page = new_page(browser)
    page.goto(base + link)
    journey.look(page, "invitation")
    page.fill("#id_username", "sara")
    page.fill("#id_new_password1", COORDINATOR_PASSWORD)
    page.fill("#id_new_password2", COORDINATOR_PASSWORD)
    journey.click(page, "form.form button[type=submit]")
    page.wait_for_url(f"**/app/{slug}/")
    journey.look(page, "start-page-new")

    # 3. The first-run path, then the policy drafted and adopted in the browser.
    journey.click(page, ".site-nav a:has-text('Kom igång'), main a:has-text('Kom igång')")
    page.wait_for_url(f"**/app/{slug}/kom-igang/")
    journey.look(page, "kom-igang")
    policy = draft_policy_from_scratch(page, base, slug, focus_areas=FOCUS_AREAS, shots=None)
    journey.clicks += policy.clicks
    journey.violations.update({f"policy-{k}": v for k, v in policy.violations.items()})
    for name in FOCUS_AREAS:
        assert name in page.inner_text("main")
    assert "fördelar inget ansvar" in page.inner_text("main")  # said, not an empty table
    journey.look(page, "policy-adopted")

    # 4. Units from the standard set.
    confirmation = add_standard_units(page, base, slug, extra=("bun", "klk"))
    journey.clicks += 3
    assert "lades till" in confirmation
    journey.look(page, "units-added")

    # 5. An editor for Barn- och utbildningsnämnden, invited by e-mail.
    journey.step(page, "members")
    page.fill("#id_first_name", "Erik")
    page.fill("#id_last_name", "Redaktör")
    page.fill("#id_email", "erik.redaktor@stockholm.example.se")
    page.check("input[name=role][value=editor]")
    page.get_by_label("Barn- och utbildningsnämnden").check()
    journey.clicks += 2
    journey.click(page, "form.form button[type=submit]")
    page.wait_for_selector(".invitations")
    assert "erik.redaktor@stockholm.example.se" in page.inner_text(".invitations")
    assert mail.outbox[-1].to == ["erik.redaktor@stockholm.example.se"]
    journey.look(page, "editor-invited")

    # 6. The old Excel list: preview, then read in.
    workbook = tmp_path / "internationella-kontakter.xlsx"
    workbook.write_bytes(old_excel_list())
    journey.step(page, "register")
    page.set_input_files("#id_file", str(workbook))
    journey.clicks += 1
    journey.click(page, "form.form button[type=submit]")
    page.wait_for_url("**/jobb/**")  # checked in the background, with a progress bar
    wait_for_job(page)
    journey.click(page, "a[data-job-result]")
    page.wait_for_selector("text=Läs in")
    journey.look(page, "import-preview")
    journey.click(page, "main form button[type=submit]:has-text('Läs in')")
    page.wait_for_url("**/jobb/**")
    wait_for_job(page)
    journey.look(page, "import-applied")
    assert Activity.objects.filter(municipality=municipality).count() == 10

    # 7. The public page turned on.
    journey.step(page, "publishing")
    page.check("#id_enabled")
    page.fill("#id_contact_email", "international@stockholm.example.se")
    page.fill("#id_accessibility_email", "tillganglighet@stockholm.example.se")
    journey.clicks += 1
    journey.click(page, "form.form button[type=submit]")
    page.wait_for_load_state()
    journey.look(page, "publishing-on")
    page.goto(base + reverse("onboarding:start", args=[slug]))
    assert "5 av 5 steg klara" in page.inner_text("main")
    assert page.locator("nav a:has-text('Kom igång')").count() == 0
    journey.look(page, "kom-igang-done")
    wall = time.perf_counter() - started

    # The resident's view: the public page and its list show the imported activities.
    resident = new_page(browser)
    resident.goto(base + f"/{slug}/")
    journey.look(resident, "public-home")
    assert "Publicerade aktiviteter" in resident.inner_text("main")
    resident.goto(base + f"/{slug}/aktiviteter/")
    listing = resident.inner_text("main")
    journey.look(resident, "public-activities")
    assert [t for t in TITLES if t not in listing] == []

    summary = (
        f"Onboarding journey: {journey.clicks} clicks, {wall:.1f} s wall time "
        f"(platform admin to public page), {len(journey.violations)} pages checked with axe"
    )
    print("\n" + summary)
    ARTIFACTS.parent.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS.parent / "onboarding-journey.txt").write_text(
        summary + "\n" + "\n".join(journey.steps) + "\n", encoding="utf-8"
    )
    failures = {name: describe(v) for name, v in journey.violations.items() if v}
    assert failures == {}, failures
