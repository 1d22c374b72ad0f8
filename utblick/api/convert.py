"""Between the API's shapes and the models: out without queries, in through the services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.activities.services import activity_save
from utblick.activities.validation import Tags
from utblick.api.schemas import SIMPLE
from utblick.api.selectors import relations_for
from utblick.core.tenancy import Access
from utblick.funding.models import Funding
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.peers.selectors import PeerAnswer
from utblick.policies.models import FocusArea, Goal, PolicyStatus, Term


def activity_out(a: Activity, relations: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    """From a row fetched with ``schemas.list_queryset`` and its ``schemas.relations_for``."""
    if relations is None:
        relations = relations_for([a])[a.pk]
    return {
        **{name: getattr(a, name) for name in SIMPLE},
        "id": a.pk,
        "unit": a.unit.key,
        "contact": a.contact.key if a.contact else None,
        "deciding_body": a.deciding_body.key if a.deciding_body else None,
        "end_deciding_body": a.end_deciding_body.key if a.end_deciding_body else None,
        "coordinates_source": a.coordinates_source,
        "network": a.network_id,
        "representative": a.representative.key if a.representative else None,
        **relations,
        "archived": a.archived_at is not None,
        "row_version": a.row_version,
        "updated_at": a.updated_at,
        "url": reverse("activities:detail", args=[a.municipality.slug, a.pk]),
    }


def partner_out(p: Partner) -> dict[str, Any]:
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "country": p.country,
        "country_name": p.country_name,
        "place": p.place,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "website": p.website,
        "description": p.description,
        "pic": p.pic,
        "vat_number": p.vat_number,
        "organisation_number": p.organisation_number,
        "national_id": p.national_id,
        "row_version": p.row_version,
    }


def funding_out(f: Funding) -> dict[str, Any]:
    return {
        "id": f.pk,
        "activity": f.activity_id,
        "source": f.source.key,
        "call_identifier": f.call_identifier,
        "external_id": f.external_id,
        "status": f.status,
        "currency": f.currency,
        "applied_amount": f.applied_amount,
        "granted_amount": f.granted_amount,
        "rate_to_sek": f.rate_to_sek,
        "decided_on": f.decided_on,
        "row_version": f.row_version,
    }


def _by_key(
    model: Any, access: Access, key: str | None, field: str, errors: dict[str, list[str]]
) -> Any:
    if key is None:
        return None
    found = model.objects.filter(
        municipality=access.municipality, key=key, archived_at__isnull=True
    ).first()
    if found is None:
        errors.setdefault(field, []).append(f"{key!r} finns inte i kommunen.")
    return found


def activity_from_payload(
    access: Access, user: Any, activity: Activity, payload: Any, version: int | None
) -> Activity:
    """The payload's values on the activity, through the register's one door (``activity_save``).

    Keys that name nothing in the municipality are 400s; everything else (limits,
    the kind's fields, archived records, the policy's rules) is the door's to say.
    """
    errors: dict[str, list[str]] = {}
    data = payload.model_dump()
    for name in SIMPLE:
        if name != "published":
            setattr(activity, name, data[name])
    activity.country = (activity.country or "").upper()
    activity.unit = _by_key(Unit, access, data["unit"], "unit", errors)
    activity.contact = _by_key(Contact, access, data["contact"], "contact", errors)
    activity.deciding_body = _by_key(Unit, access, data["deciding_body"], "deciding_body", errors)
    activity.end_deciding_body = _by_key(
        Unit, access, data["end_deciding_body"], "end_deciding_body", errors
    )
    activity.representative = _by_key(
        Contact, access, data["representative"], "representative", errors
    )
    activity.network = None
    if data["network"] is not None:
        activity.network = Partner.objects.filter(
            municipality=access.municipality, pk=data["network"]
        ).first()
        if activity.network is None:
            errors["network"] = [f"Partnern {data['network']} finns inte i kommunens register."]
    in_force = {
        "policy__municipality": access.municipality,
        "policy__status": PolicyStatus.IN_FORCE,
    }
    areas = {f.key: f for f in FocusArea.objects.filter(**in_force, key__in=data["focus_areas"])}
    goals = {g.key: g for g in Goal.objects.filter(**in_force, key__in=data["goals"])}
    terms = {
        f"{t.taxonomy.key}:{t.key}": t
        for t in Term.objects.filter(
            taxonomy__policy__municipality=access.municipality,
            taxonomy__policy__status=PolicyStatus.IN_FORCE,
        ).select_related("taxonomy")
    }
    for field, wanted, found in (
        ("focus_areas", data["focus_areas"], areas),
        ("goals", data["goals"], goals),
        ("terms", data["terms"], terms),
    ):
        for key in wanted:
            if key not in found:
                errors.setdefault(field, []).append(f"{key!r} finns inte i gällande styrdokument.")
    wanted_partners = {ref["partner"] for ref in data["partners"]}
    found_partners = Partner.objects.filter(
        municipality=access.municipality, pk__in=wanted_partners
    ).in_bulk()
    partners = []
    for ref in data["partners"]:
        partner = found_partners.get(ref["partner"])
        if partner is None:
            errors.setdefault("partners", []).append(
                f"Partnern {ref['partner']} finns inte i kommunens register."
            )
        else:
            partners.append((partner, ref["role"]))
    if errors:
        raise ValidationError(errors)
    return activity_save(
        access=access,
        user=user,
        activity=activity,
        tags=Tags(
            [areas[k] for k in data["focus_areas"]],
            [goals[k] for k in data["goals"]],
            [terms[k] for k in data["terms"]],
        ),
        partners=partners,
        published=data["published"],
        expected_version=version,
    )


def peers_out(answer: PeerAnswer, base: str) -> dict[str, Any]:
    """Other municipalities' published work, with addresses on this site."""
    return {
        "peers": [
            {
                "municipality": peer.municipality.slug,
                "name": peer.municipality.name,
                "url": base + reverse("public:home", args=[peer.municipality.slug]),
                "activities": [
                    {
                        "id": item.activity.activity_id,
                        "title": item.activity.title,
                        "kind": item.activity.kind,
                        "place": item.activity.place,
                        "country": item.activity.country,
                        "url": base
                        + reverse(
                            "public:activity",
                            args=[peer.municipality.slug, item.activity.activity_id],
                        ),
                        "contact": {
                            "name": item.contact.name,
                            "email": item.contact.email,
                            "phone": item.contact.phone,
                        }
                        if item.contact
                        else None,
                    }
                    for item in peer.activities
                ],
            }
            for peer in answer.peers
        ],
        "truncated": answer.truncated,
        "problems": answer.problems,
    }
