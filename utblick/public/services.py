"""Publishing: copy an activity as it is now into the public table; withdraw it; settings."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.activities.models import Activity, ActivityPartner
from utblick.core import services as core
from utblick.core.text import fold
from utblick.funding.models import Funding
from utblick.funding.services import financing
from utblick.public.models import AccessibilityReport, PublicActivity, PublicSettings

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from utblick.core.tenancy import Access
    from utblick.municipalities.models import Municipality


def settings_for(municipality: Municipality) -> PublicSettings:
    """The municipality's settings, or the defaults (not publishing) when none are saved."""
    found = PublicSettings.objects.filter(municipality=municipality).first()
    return found or PublicSettings(municipality=municipality, enabled=False)


def _fetch(activity: Activity) -> Activity:
    return (
        Activity.objects.select_related("unit", "network")
        .prefetch_related(
            "focus_areas",
            "goals",
            "terms__taxonomy",
            "budget_lines",
            Prefetch(
                "funding",
                queryset=Funding.objects.filter(archived_at__isnull=True).select_related("source"),
            ),
            Prefetch(
                "partner_links",
                queryset=ActivityPartner.objects.select_related("partner").order_by(
                    "partner__name"
                ),
            ),
        )
        .get(pk=activity.pk)
    )


def _years(a: Activity) -> str:
    start = a.start_date.year if a.start_date else None
    end = a.end_date.year if a.end_date else timezone.localdate().year
    if start is None:
        return ""
    return "|" + "|".join(str(y) for y in range(start, max(start, end) + 1)) + "|"


def public_copy(activity: Activity) -> dict[str, Any]:
    """Every field the public may see of the activity as it is now (settings apply on reading)."""
    a = _fetch(activity)
    partners = [
        {
            "name": link.partner.name,
            "kind": link.partner.kind,
            "country": link.partner.country,
            "place": link.partner.place,
            "role": link.role,
            "lat": float(link.partner.latitude) if link.partner.latitude is not None else None,
            "lon": float(link.partner.longitude) if link.partner.longitude is not None else None,
        }
        for link in a.partner_links.all()
        if link.partner.archived_at is None
    ]
    if a.network is not None:
        n = a.network
        partners.append(
            {
                "name": n.name,
                "kind": n.kind,
                "country": n.country,
                "place": n.place,
                "role": "network",
                "lat": float(n.latitude) if n.latitude is not None else None,
                "lon": float(n.longitude) if n.longitude is not None else None,
            }
        )
    money = financing(list(a.budget_lines.all()), list(a.funding.all()))
    areas = [[f.key, f.name] for f in a.focus_areas.all()]
    sdgs = [t.code for t in a.terms.all() if t.taxonomy.builtin == "agenda2030"]
    countries = sorted({c for c in [a.country, *(p["country"] for p in partners)] if c})
    granted: dict[str, Decimal] = {}
    for f in a.funding.all():
        if f.source.external and f.granted_sek:
            granted[f.source.name] = granted.get(f.source.name, Decimal(0)) + f.granted_sek
    funders = [[name, str(amount)] for name, amount in sorted(granted.items())]
    return {
        "municipality": a.municipality,
        "kind": a.kind,
        "title": a.title,
        "summary": a.summary,
        "description": a.description,
        "status": a.status,
        "unit_name": a.unit.name,
        "contact_id": a.contact_id,
        "start_date": a.start_date,
        "end_date": a.end_date,
        "place": a.place,
        "country": a.country,
        "countries": "|" + "|".join(countries) + "|" if countries else "",
        "focus_areas": areas,
        "focus_area_keys": "|" + "|".join(k for k, _n in areas) + "|" if areas else "",
        "goals": [[g.key, g.text] for g in a.goals.all()],
        "sdgs": sdgs,
        "sdg_codes": "|" + "|".join(sdgs) + "|" if sdgs else "",
        "terms": [[t.taxonomy.name, str(t)] for t in a.terms.all()],
        "partners": partners,
        "network": a.network.name if a.network else "",
        "member_since": a.member_since,
        "agreement_date": a.agreement_date,
        "agreement_state": a.agreement_state,
        "purpose": a.purpose,
        "benefit": a.benefit,
        "report": a.report,
        "reference": a.reference,
        "stance": a.stance,
        "child_impact": a.child_impact,
        "annual_fee": a.annual_fee,
        "cost": a.cost,
        "budget": money.budget if money.budget else None,
        "external_funding": money.external_granted if money.external_granted else None,
        "funders": funders,
        "years": _years(a),
        "search_text": fold(
            " ".join([a.title, a.summary, a.description, a.place, *(p["name"] for p in partners)])
        ),
    }


def activity_publish(
    *, access: Access, user: AbstractBaseUser | None, activity: Activity
) -> PublicActivity:
    """Make the activity, as it is now, the public version."""
    access.require_unit(activity.unit_id)
    if activity.archived_at is not None:
        raise ValidationError(_("En arkiverad aktivitet kan inte publiceras."))
    now = timezone.now()
    with transaction.atomic():
        values = public_copy(activity)
        copy = PublicActivity.objects.filter(activity=activity).first()
        first = copy.first_published_at if copy else now
        PublicActivity.objects.update_or_create(
            activity=activity,
            defaults={**values, "first_published_at": first, "last_published_at": now},
        )
        activity.published = True
        activity.has_unpublished_changes = False
        activity.first_published_at = activity.first_published_at or now
        activity.last_published_at = now
        core.save_versioned(activity, expected_version=None, user=user, reason=_("Publicerad"))
    return PublicActivity.objects.get(activity=activity)


def activity_unpublish(
    *, access: Access, user: AbstractBaseUser | None, activity: Activity
) -> None:
    """Withdraw the activity from the public pages and open data."""
    access.require_unit(activity.unit_id)
    with transaction.atomic():
        # The public copy is derived data; the activity and its history stay.
        PublicActivity.objects.filter(activity=activity).delete()
        if activity.published:
            activity.published = False
            activity.has_unpublished_changes = False
            core.save_versioned(
                activity, expected_version=None, user=user, reason=_("Avpublicerad")
            )


def publication_set(
    *, access: Access, user: AbstractBaseUser | None, activity: Activity, published: bool
) -> None:
    """Bring a saved activity to the wanted state, for imports, the API and the demo.

    Publishes one that is not public and withdraws one that should not be;
    changes to an activity that stays published remain unpublished until
    someone publishes them (``activity_publish``).
    """
    if published and not activity.published:
        activity_publish(access=access, user=user, activity=activity)
    elif not published and activity.published:
        activity_unpublish(access=access, user=user, activity=activity)


def mark_changed(activity: Activity) -> None:
    """A published activity's own data changed: the public copy now lags behind."""
    if activity.published and not activity.has_unpublished_changes:
        Activity.objects.filter(pk=activity.pk).update(has_unpublished_changes=True)
        activity.has_unpublished_changes = True


def settings_save(
    *,
    access: Access,
    user: AbstractBaseUser,
    settings: PublicSettings,
    expected_version: int | None,
) -> PublicSettings:
    access.require("coordinate")
    settings.municipality = access.municipality
    with transaction.atomic():
        if (
            settings.pk is None
            and PublicSettings.objects.filter(municipality=access.municipality).exists()
        ):
            raise ValidationError(
                _("Någon annan sparade inställningarna samtidigt. Ladda om sidan och försök igen.")
            )
        core.save_versioned(settings, expected_version=expected_version, user=user)
    return settings


def report_handle(*, access: Access, user: AbstractBaseUser, report: AccessibilityReport) -> None:
    """The coordinator has dealt with a reported accessibility defect."""
    access.require("coordinate")
    if report.handled_at is None:
        report.handled_at, report.handled_by = timezone.now(), user
        core.save_versioned(report, expected_version=None, user=user, reason=_("Hanterad"))
