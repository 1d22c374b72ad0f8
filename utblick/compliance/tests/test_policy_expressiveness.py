"""A policy none of the shipped four resembles, as configuration only.

Memberships decided by KF or KS, twin towns by KF, partner cities by KS; a
Sida-financed partnership that must be fully externally financed; twin towns
expected to meet every 24 months; ends decided by the body that decides the
kind. ``utblick check`` reports exactly the breaches built into the data set.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from utblick.activities.models import Activity, BudgetLine
from utblick.core.tenancy import Role
from utblick.funding.models import Funding, FundingSource, FundingStatus
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.services import policy_file_load
from utblick.testing.fixtures import client_for, make_member

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)

POLICY = """
format = 1

[municipality]
name = "Söderhamns kommun"
slug = "soderhamn"
code = "2182"
organisation_number = "212000-2353"

[[units]]
key = "kf"
name = "Kommunfullmäktige"
kind = "council"

[[units]]
key = "ks"
name = "Kommunstyrelsen"
kind = "executive_board"

[[units]]
key = "kultur"
name = "Kultur- och fritidsnämnden"
kind = "committee"

[policy]
kind = "policy"
title = "Policy för internationellt arbete"
adopted_by = "kf"
decided_on = 2023-06-12

[[policy.focus_areas]]
key = "utbyte"
name = "Utbyte och lärande"

[[policy.principles]]
key = "beslut"
text = "Vänorter beslutas av kommunfullmäktige, partnerstäder av kommunstyrelsen och medlemskap i nätverk av kommunfullmäktige eller kommunstyrelsen."
source = "4. Ansvar"

[policy.principles.rule]
id = "deciding-body"
severity = "error"

[[policy.principles]]
key = "bistand"
text = "Samarbeten av biståndskaraktär ska vara helt finansierade av annan part, till exempel Sida eller ICLD."
source = "3. Principer"

[policy.principles.rule]
id = "aid-fully-external"
severity = "error"

[policy.principles.rule.params]
kinds = ["partnership", "project"]

[[policy.principles]]
key = "mote"
text = "Vänorterna ska mötas minst vartannat år."
source = "3. Principer"

[policy.principles.rule]
id = "contact-interval"
severity = "warning"

[policy.principles.rule.params]
months = 24
kinds = ["twin_city"]

[[policy.principles]]
key = "avslut"
text = "Ett avtal avslutas genom beslut av det organ som ingick det."
source = "4. Ansvar"

[policy.principles.rule]
id = "end-decision"
severity = "warning"

[[policy.responsibilities]]
key = "vanorter"
duty = "decides_twin_cities"
body = "kf"

[[policy.responsibilities]]
key = "partnerstader"
duty = "decides_partnerships"
body = "ks"

[[policy.responsibilities]]
key = "medlemskap-kf"
duty = "decides_memberships"
body = "kf"

[[policy.responsibilities]]
key = "medlemskap-ks"
duty = "decides_memberships"
body = "ks"

[policy.cadence]
kind = "yearly"
report_to = ["ks"]
"""


@pytest.fixture
def soderhamn(db: Any, clock: Any) -> Municipality:
    clock.set(TODAY)
    policy_file_load(data=POLICY, filename="soderhamn.toml", user=None)
    return Municipality.objects.get(slug="soderhamn")


def _data_set(m: Municipality) -> None:
    unit = {u.key: u for u in Unit.objects.filter(municipality=m)}
    kf, ks, kultur = unit["kf"], unit["ks"], unit["kultur"]

    def add(title: str, kind: str, **fields: Any) -> Activity:
        fields = {"status": "active", "unit": ks} | fields
        return Activity.objects.create(municipality=m, kind=kind, title=title, **fields)

    twin = {"place": "X", "country": "DE"}
    # Twin towns: decided by KF; met within 24 months.
    add(
        "Vänort: Nordhorn",
        "twin_city",
        deciding_body=kf,
        agreement_date=date(1989, 1, 1),
        last_contact_on=date(2025, 9, 1),
        **twin,
    )
    add(
        "Vänort: Tammela",
        "twin_city",
        deciding_body=ks,
        agreement_date=date(1990, 5, 1),
        last_contact_on=date(2026, 5, 1),
        **twin,
    )  # the wrong body
    add(
        "Vänort: Kuopio",
        "twin_city",
        deciding_body=kf,
        agreement_state="dormant",
        agreement_date=date(1960, 1, 1),
        last_contact_on=date(2022, 3, 1),
        **twin,
    )
    add("Vänort: Utan datum", "twin_city", deciding_body=kf, **twin)  # contact unknown
    add("Vänort: Harstad", "twin_city", status="proposed", **twin)  # a proposal: not decided yet
    add(
        "Vänort: Ruhnu",
        "twin_city",
        status="ended",
        deciding_body=kf,
        end_deciding_body=ks,
        agreement_date=date(1995, 1, 1),
        ended_on=date(2024, 1, 1),
        **twin,
    )
    add(
        "Vänort: Hiiumaa",
        "twin_city",
        status="ended",
        deciding_body=kf,
        end_deciding_body=kf,
        agreement_date=date(1995, 1, 1),
        ended_on=date(2024, 1, 1),
        **twin,
    )
    # Memberships: KF or KS.
    add("Medlemskap i Nätverk A", "network", deciding_body=ks)
    add("Medlemskap i Nätverk B", "network", deciding_body=kf)
    add("Medlemskap i Nätverk C", "network", deciding_body=kultur)
    # Partner cities: KS; Sida-financed ones fully externally financed.
    sida = FundingSource.objects.get(key="sida")
    for title, granted in (
        ("Partnerskap med Kisumu", "200000"),
        ("Partnerskap med Mombasa", "100000"),
    ):
        partnership = add(title, "partnership", deciding_body=ks, is_development_aid=True, **twin)
        BudgetLine.objects.create(
            municipality=m, activity=partnership, year=2026, budget=Decimal(200000)
        )
        Funding.objects.create(
            municipality=m,
            activity=partnership,
            source=sida,
            status=FundingStatus.GRANTED,
            granted_amount=Decimal(granted),
        )
    # An idea and a partnership of no aid: nothing to say.
    add("Partnerskap med Gdynia", "partnership", deciding_body=ks, **twin)
    add("Idé: vänort i Norge", "twin_city", status="idea", **twin)


EXPECTED = [
    ("error", "deciding-body", "Vänort: Tammela"),
    ("error", "deciding-body", "Medlemskap i Nätverk C"),
    ("error", "aid-fully-external", "Partnerskap med Mombasa"),
    ("warning", "contact-interval", "Vänort: Kuopio"),
    ("warning", "contact-interval", "Vänort: Utan datum"),
    ("warning", "end-decision", "Vänort: Ruhnu"),
]


def test_utblick_check_reports_exactly_the_breaches_of_the_data_set(soderhamn: Any) -> None:
    _data_set(soderhamn)
    out = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("check", "--municipality", "soderhamn", "--format", "json", stdout=out)
    assert exited.value.code == 1  # error-level findings
    found = json.loads(out.getvalue())["findings"]
    assert sorted((f["severity"], f["rule"], f["record"]) for f in found) == sorted(EXPECTED)
    by_record = {f["record"]: f for f in found}
    assert (
        "Kommunfullmäktige eller Kommunstyrelsen" in by_record["Medlemskap i Nätverk C"]["message"]
    )
    assert by_record["Vänort: Utan datum"]["message"].startswith("Senaste kontakt är okänd")
    assert by_record["Vänort: Ruhnu"]["message"] == (
        "Avslutet beslutades av Kommunstyrelsen, men Kommunfullmäktige beslutar om vänorter."
    )
    assert by_record["Partnerskap med Mombasa"]["field"] == "is_development_aid"


def test_the_policy_page_names_every_rule_in_swedish_with_its_settings(soderhamn: Any) -> None:
    reader = make_member(soderhamn, "soderhamn-lasare", Role.READER)
    page = client_for(reader).get(reverse("policies:current", args=["soderhamn"]))
    text = page.content.decode()
    for slug in ("deciding-body", "aid-fully-external", "contact-interval", "end-decision"):
        assert slug not in text
    assert "Kontakt minst med visst intervall" in text
    assert "gäller: vänorter · i status: beslutad/pågående · månader: 24" in text
    assert "Avslut beslutas av samma organ som beslutar om ingåendet" in text
