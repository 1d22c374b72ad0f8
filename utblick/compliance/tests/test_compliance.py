"""The shipped policies' rules on the demo data; blocking saves; history; the page; the command."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from io import StringIO
from typing import Any

import pytest
import tomli_w
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.compliance.engine import RuleViolation, evaluate
from utblick.compliance.models import ComplianceRun
from utblick.core.tenancy import Role
from utblick.demo.services import demo_load, shipped_policy_file
from utblick.funding.models import Funding, FundingSource
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.services import policy_file_load
from utblick.testing.fixtures import bulk_activities, client_for, load_shipped, make_member

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(db: Any, clock: Any) -> None:
    """The demo world as it stands on TODAY (its data is anchored in 2025–2027)."""
    clock.set(TODAY)
    demo_load()


EXPECTED = {
    "uppsala": [],
    "umea": [
        ("warning", "review-interval", "Medlemskap i Union of the Baltic Cities"),
        ("warning", "child-perspective", "Vänort: Vasa"),
        ("warning", "policy-revision-term", "Internationellt program för Umeå kommun 1.0"),
    ],
    "kungalv": [
        ("error", "followup-per-period", "Medlemskap i KIMO"),
        ("warning", "policy-revision-term", "Internationell policy"),
    ],
    "upplands-bro": [
        ("error", "yearly-action-plan", "Socialnämnden"),
        ("error", "yearly-action-plan", "Kultur- och fritidsnämnden"),
        ("error", "yearly-action-plan", "Bygg- och miljönämnden"),
        ("error", "yearly-action-plan", "AB Upplands-Brohus"),
        ("error", "contact-per-office", "Kultur- och fritidskontoret"),
        ("error", "contact-per-office", "Samhällsbyggnadskontoret"),
        ("warning", "child-perspective", "Studieresa till Kaunas om digital skola"),
        ("warning", "child-perspective", "Vägen till arbete"),
    ],
}


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_shipped_policies_on_the_demo_data(slug: str, demo: None) -> None:
    findings = evaluate(Municipality.objects.get(slug=slug))
    assert [(f.severity, f.rule_id, f.subject_label) for f in findings] == EXPECTED[slug]
    for f in findings:
        assert (
            f.principle_text and f.principle_source and f.resolution and "version" in f.policy_label
        )


def test_kungalv_check_prints_the_missing_tertial_followup(demo: None) -> None:
    out = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("check", "--municipality", "kungalv", stdout=out)
    assert exited.value.code == 1
    assert "FEL  Medlemskap i KIMO: Uppföljning saknas för Tertial 1 2026." in out.getvalue()
    data = StringIO()
    with pytest.raises(SystemExit):
        call_command("check", "--municipality", "kungalv", "--format", "json", stdout=data)
    payload = json.loads(data.getvalue())
    assert payload["errors"] == 1 and payload["findings"][0]["rule"] == "followup-per-period"
    out = StringIO()
    call_command("check", "--municipality", "uppsala", stdout=out)  # no error: exits normally
    assert "0 fel" in out.getvalue()


def _aid_form(unit: Unit, budget: str, granted: str) -> dict[str, Any]:
    return {
        "typ": "project",
        "title": "Partnerskap med Mwanza 2",
        "unit": unit.pk,
        "status": "active",
        "development_area": "Avfall",
        "is_development_aid": "on",
        "child_impact": "neutral",
        "first_year": 2026,
        "first_budget": budget,
        "first_granted": granted,
        "first_decided_on": "2026-01-15",
        "first_source": FundingSource.objects.get(key="sida").pk,
    }


def test_umea_half_financed_aid_project_is_refused_with_the_principle(db: Any) -> None:
    from utblick.funding.services import funding_sources_ensure

    funding_sources_ensure()
    umea = load_shipped("umea")
    unit = Unit.objects.get(municipality=umea, key="internationella-enheten")
    client = client_for(make_member(umea, "u", Role.COORDINATOR))
    before = (Activity.objects.count(), Funding.objects.count())
    response = client.post(
        reverse("activities:create", args=["umea"]), _aid_form(unit, "1000000", "500000")
    )
    text = (
        BeautifulSoup(response.content, "html.parser")
        .select_one(".error-summary")
        .get_text(" ", strip=True)
    )
    assert (
        "Umeå kommun kan engagera sig i projekt av biståndskaraktär då hela finansieringen uppbärs av annan part (t.ex. Sida)"
        in text
    )
    assert "4. Principer" in text
    assert (Activity.objects.count(), Funding.objects.count()) == before  # nothing saved
    response = client.post(
        reverse("activities:create", args=["umea"]), _aid_form(unit, "1000000", "1000000")
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Partnerskap med Mwanza 2")
    # Raising the budget beyond the grant is refused too, and leaves the old budget.
    response = client.post(
        reverse("activities:budget_save", args=["umea", activity.pk]),
        {"year": 2026, "budget": "1500000", "cost": "0"},
    )
    assert response.status_code == 400 and "biståndskaraktär" in response.content.decode()
    assert activity.budget_lines.get().budget == 1000000


def test_error_blocks_through_the_service_too(db: Any) -> None:
    from utblick.activities.services import activity_save
    from utblick.activities.validation import Tags
    from utblick.core.tenancy import COORDINATOR, Access

    umea = load_shipped("umea")
    activity = Activity(
        municipality=umea,
        kind="project",
        title="Bistånd utan pengar",
        status="active",
        is_development_aid=True,
        development_area="x",
        unit=Unit.objects.get(municipality=umea, key="ks"),
    )
    with pytest.raises(RuleViolation, match="biståndskaraktär"):
        activity_save(
            access=Access(umea, COORDINATOR, 0, is_platform_admin=True),
            user=None,
            activity=activity,
            tags=Tags(),
            expected_version=None,
        )
    assert not Activity.objects.exists()


def test_new_twin_city_gets_a_warning_with_the_principle(db: Any) -> None:
    umea = load_shipped("umea")
    client = client_for(make_member(umea, "u", Role.COORDINATOR))
    response = client.post(
        reverse("activities:create", args=["umea"]),
        {
            "typ": "twin_city",
            "title": "Vänort: Tromsø",
            "unit": Unit.objects.get(municipality=umea, key="ks").pk,
            "status": "proposed",
            "place": "Tromsø",
            "country": "NO",
            "agreement_date": "2026-11-01",
            "deciding_body": Unit.objects.get(municipality=umea, key="kf").pk,
            "child_impact": "positive",
        },
        follow=True,
    )
    warnings = [
        p.get_text()
        for p in BeautifulSoup(response.content, "html.parser").select(".message--warning")
    ]
    assert any("traditionella vänortsavtal inte är att rekommendera" in w for w in warnings)
    assert Activity.objects.filter(
        title="Vänort: Tromsø"
    ).exists()  # a warning informs, it does not block


def test_new_policy_version_changes_the_rules_while_history_keeps_the_findings(demo: None) -> None:
    ub = Municipality.objects.get(slug="upplands-bro")
    assert any(f.rule_id == "contact-per-office" for f in evaluate(ub))
    data = tomllib.loads(shipped_policy_file("upplands-bro").decode())
    for principle in data["policy"]["principles"]:
        if principle.get("rule", {}).get("id") == "contact-per-office":
            del principle["rule"]
    data["policy"]["version"] = "2"
    policy_file_load(data=tomli_w.dumps(data), filename="v2.toml", user=None)
    assert not any(f.rule_id == "contact-per-office" for f in evaluate(ub))
    run = ComplianceRun.objects.get(municipality=ub)
    assert run.reason == "Före version 2 av styrdokumentet"
    kept = [f["record"] for f in run.findings if f["rule"] == "contact-per-office"]
    assert kept == ["Kultur- och fritidskontoret", "Samhällsbyggnadskontoret"]


def test_compliance_page_lists_findings_by_rule_and_unit(demo: None) -> None:
    ub = Municipality.objects.get(slug="upplands-bro")
    client = client_for(make_member(ub, "ubx", Role.READER))
    page = BeautifulSoup(
        client.get(reverse("compliance:page", args=["upplands-bro"])).content, "html.parser"
    )
    contact_rule = next(
        s
        for s in page.select("section.panel")
        if "En kontaktperson från varje kontor" in s.select_one("h3").get_text()
    )
    links = [a.get_text() for a in contact_rule.select(".finding__what a")]
    assert links == ["Kultur- och fritidskontoret", "Samhällsbyggnadskontoret"]
    assert (
        "Nämnderna ansvarar för att en kontaktperson"
        in contact_rule.select_one("blockquote").get_text()
    )
    assert contact_rule.select_one(".finding__what a")["href"].startswith(
        "/app/upplands-bro/organisation/enheter/"
    )


def test_register_filter_and_badges(demo: None) -> None:
    umea = Municipality.objects.get(slug="umea")
    client = client_for(make_member(umea, "ux", Role.READER))
    page = BeautifulSoup(
        client.get(reverse("activities:list", args=["umea"]) + "?regel=ja").content, "html.parser"
    )
    titles = [a.get_text(strip=True) for a in page.select(".register-table tbody td:first-child a")]
    assert titles == ["Medlemskap i Union of the Baltic Cities", "Vänort: Vasa"]
    badges = [
        b.get_text(strip=True) for b in page.select(".register-table tbody td:last-child .badge")
    ]
    assert badges == ["▲ Varning", "▲ Varning"]


def test_compliance_page_query_count_does_not_grow(
    demo: None, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ub = Municipality.objects.get(slug="upplands-bro")
    client = client_for(make_member(ub, "uby", Role.COORDINATOR))
    url = reverse("compliance:page", args=["upplands-bro"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    baseline = len(few.captured_queries)
    bulk_activities(ub, 80)
    with django_assert_max_num_queries(baseline):
        assert client.get(url).status_code == 200


def test_report_includes_the_compliance_summary(demo: None) -> None:
    from utblick.reports.data import Scope, build_report

    data = build_report(Scope(Municipality.objects.get(slug="upplands-bro"), 2026))
    rows = {row[0]: row[2] for row in data.table("compliance").rows}
    assert rows["Årlig handlingsplan som utvärderas"] == 4
    assert rows["En kontaktperson från varje kontor"] == 2
    assert data.figure("compliance_errors") == 6
