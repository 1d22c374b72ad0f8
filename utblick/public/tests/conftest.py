"""A municipality that publishes, with everything that must never leak next to what must show."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from utblick.activities.models import Activity
from utblick.activities.services import (
    activity_archive,
    activity_publish,
    activity_save,
    partner_link,
)
from utblick.activities.validation import Tags
from utblick.core.services import save_versioned
from utblick.core.tenancy import COORDINATOR, Access
from utblick.funding.models import Funding, FundingSource
from utblick.funding.services import funding_save
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.policies.models import FocusArea
from utblick.public.models import PublicSettings

#: Strings that must never reach the public, in any format.
SECRETS = {
    "draft": "Utkastprojektet Hemligt",
    "archived": "Arkiverat projekt Borta",
    "unpublished change": "OPUBLICERAD ÄNDRING",
    "non-consenting contact": "Hemlig Kontaktsdotter",
    "non-consenting e-mail": "hemlig.kontakt@example.se",
    "other municipality": "Umeås egna vänort",
}
#: The annual fee, hidden because the municipality does not publish costs.
HIDDEN_FEE = r"987[\s\u00a0\u202f,.]?654"
#: Strings that must show (so the test could tell a page that shows nothing).
VISIBLE = {
    "twin city": "Vänort: Tartu",
    "network": "Medlemskap i Eurocities",
    "published summary": "Publicerad sammanfattning",
    "consenting contact": "Synlig Kontaktsson",
}


def access_of(municipality: Municipality) -> Access:
    return Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)


def save(municipality: Municipality, tags: Tags | None = None, **fields: Any) -> Activity:
    unit = Unit.objects.get(municipality=municipality, key=fields.pop("unit", "ks"))
    activity = Activity(municipality=municipality, unit=unit, **fields)
    return activity_save(
        access=access_of(municipality),
        user=None,
        activity=activity,
        tags=tags or Tags(),
        expected_version=None,
    )


def contact(municipality: Municipality, key: str, name: str, email: str, consent: bool) -> Contact:
    found = Contact(
        municipality=municipality,
        key=key,
        name=name,
        email=email,
        unit=Unit.objects.get(municipality=municipality, key="ks"),
        consent_to_publish=consent,
        consent_recorded_on=date(2026, 1, 1) if consent else None,
    )
    save_versioned(found, expected_version=None, user=None)
    return found


def publishing(municipality: Municipality, **settings: Any) -> PublicSettings:
    row = PublicSettings(
        municipality=municipality,
        enabled=True,
        contact_email="oppnadata@example.se",
        accessibility_email="tillganglighet@example.se",
        **settings,
    )
    save_versioned(row, expected_version=None, user=None)
    return row


@pytest.fixture
def world(uppsala: Municipality, umea: Municipality) -> dict[str, Any]:
    """Uppsala publishes (costs hidden); Umeå has a published activity but does not publish."""
    access = access_of(uppsala)
    publishing(uppsala, show_costs=False)
    visible = contact(uppsala, "synlig", "Synlig Kontaktsson", "synlig@example.se", True)
    hidden = contact(uppsala, "hemlig", "Hemlig Kontaktsdotter", "hemlig.kontakt@example.se", False)
    area = FocusArea.objects.get(policy__municipality=uppsala, key="verksamhetsutveckling")
    tartu = Partner.objects.create(
        municipality=uppsala,
        name="Tartu linn",
        kind="municipality",
        country="EE",
        place="Tartu",
        latitude=Decimal("58.37760"),
        longitude=Decimal("26.72900"),
    )
    eurocities = Partner.objects.create(
        municipality=uppsala, name="Eurocities", kind="network", country="BE", place="Bryssel"
    )

    twin = save(
        uppsala,
        kind="twin_city",
        title="Vänort: Tartu",
        summary="Samarbete sedan 1991.",
        place="Tartu",
        country="EE",
        status="active",
        start_date=date(1991, 5, 1),
        agreement_date=date(1991, 5, 1),
        contact=visible,
        tags=Tags([area], [], []),
    )
    partner_link(access=access, user=None, activity=twin, partner=tartu, role="partner")
    activity_publish(access=access, user=None, activity=twin)

    network = save(
        uppsala,
        kind="network",
        title="Medlemskap i Eurocities",
        network=eurocities,
        status="active",
        member_since=date(2015, 1, 1),
        start_date=date(2015, 1, 1),
        annual_fee=Decimal("987654"),
        contact=hidden,
    )
    activity_publish(access=access, user=None, activity=network)

    changed = save(
        uppsala,
        kind="project",
        title="Grönt projekt",
        summary="Publicerad sammanfattning",
        development_area="Miljö",
        status="active",
        start_date=date(2025, 1, 1),
    )
    funding_save(
        access=access,
        user=None,
        activity=changed,
        expected_version=None,
        funding=Funding(
            source=FundingSource.objects.get(key="erasmus-plus"),
            status="granted",
            currency="SEK",
            applied_amount=Decimal(250000),
            granted_amount=Decimal(200000),
            rate_to_sek=Decimal(1),
            decided_on=date(2025, 3, 1),
        ),
    )
    activity_publish(access=access, user=None, activity=changed)
    changed.refresh_from_db()
    changed.summary = "OPUBLICERAD ÄNDRING"
    activity_save(
        access=access,
        user=None,
        activity=changed,
        tags=Tags([area], [], []),
        expected_version=changed.row_version,
    )

    draft = save(uppsala, kind="project", title="Utkastprojektet Hemligt", development_area="Test")
    archived = save(
        uppsala, kind="project", title="Arkiverat projekt Borta", development_area="Test"
    )
    activity_publish(access=access, user=None, activity=archived)
    activity_archive(access=access, user=None, activity=archived)

    other = save(
        umea, kind="twin_city", title="Umeås egna vänort", unit="kf", country="FI", place="Vasa"
    )
    activity_publish(access=access_of(umea), user=None, activity=other)
    return {
        "twin": twin.pk,
        "network": network.pk,
        "changed": changed.pk,
        "draft": draft.pk,
        "archived": archived.pk,
        "other": other.pk,
    }
