"""What makes an activity valid, in one place for the form, the import and the API.

Each check returns Swedish messages keyed by field name ("" for the whole record).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from utblick.activities.models import (
    KIND_FIELDS,
    KIND_SPECIFIC,
    TRANSITIONS,
    Activity,
    AgreementState,
    Kind,
    Status,
)
from utblick.core.countries import country_names


@dataclass
class Tags:
    """The policy elements an activity is tied to."""

    focus_areas: list[Any] = field(default_factory=list)
    goals: list[Any] = field(default_factory=list)
    terms: list[Any] = field(default_factory=list)


Errors = dict[str, list[str]]

EMPTY = (None, "", False)


def foreign_fields(kind: str) -> list[str]:
    """The fields that belong to other kinds than ``kind``."""
    own = set(KIND_FIELDS[kind])
    return [name for name in KIND_SPECIFIC if name not in own]


def foreign_message(name: str, kind: str) -> str:
    label = str(Activity._meta.get_field(name).verbose_name)
    return _("%(field)s gäller inte typen %(kind)s; lämna fältet tomt.") % {
        "field": label[:1].upper() + label[1:],
        "kind": str(Kind(kind).label).lower(),
    }


def kind_foreign_problems(activity: Activity, before: Activity | None) -> Errors:
    """A field of another kind may not be set (one that was already stored may stay as it was)."""
    errors: Errors = {}
    for name in foreign_fields(activity.kind):
        attname = Activity._meta.get_field(name).attname
        value = getattr(activity, attname)
        if value in EMPTY or (before is not None and getattr(before, attname) == value):
            continue
        errors[name] = [foreign_message(name, activity.kind)]
    return errors


def validate_activity(activity: Activity, tags: Tags, *, previous_status: str | None) -> Errors:
    errors: Errors = defaultdict(list)

    def add(name: str, message: str) -> None:
        errors[name].append(message)

    if not activity.title.strip():
        add("title", _("Ange en titel."))
    if activity.start_date and activity.end_date and activity.end_date < activity.start_date:
        add("end_date", _("Slutdatum kan inte vara före startdatum."))
    if activity.country and activity.country not in country_names():
        add(
            "country",
            _("Okänt land: %(code)s. Ange landskod enligt ISO 3166, t.ex. FI.")
            % {"code": activity.country},
        )

    moved = previous_status is not None and activity.status != previous_status
    if moved and activity.status not in TRANSITIONS.get(previous_status, set()):
        add(
            "status",
            _("Statusen kan inte ändras från %(old)s till %(new)s.")
            % {"old": Status(previous_status).label, "new": Status(activity.status).label},
        )

    municipality_id = activity.municipality_id
    for name, items in (
        ("focus_areas", tags.focus_areas),
        ("goals", tags.goals),
        ("terms", tags.terms),
    ):
        for item in items:
            if item.municipality_id != municipality_id:
                add(name, _("%(item)s hör till en annan kommuns styrdokument.") % {"item": item})
    for related, name in (
        (activity.unit, "unit"),
        (activity.contact, "contact"),
        (activity.deciding_body, "deciding_body"),
        (activity.end_deciding_body, "end_deciding_body"),
        (activity.network, "network"),
        (activity.representative, "representative"),
    ):
        if related is not None and related.municipality_id != municipality_id:
            add(name, _("%(item)s hör till en annan kommun.") % {"item": related})

    if (activity.latitude is None) != (activity.longitude is None):
        add("longitude", _("Ange både latitud och longitud, eller ingen av dem."))
    if activity.kind in (Kind.TWIN_CITY, Kind.PARTNERSHIP):
        if not activity.place.strip():
            add("place", _("Ange partnerorten."))
        if not activity.country:
            add("country", _("Ange partnerortens land."))
        if activity.agreement_state == AgreementState.ENDED:
            if not activity.ended_on:
                add("ended_on", _("Ett avslutat avtal behöver ett datum för avslutet."))
            if not activity.end_reason.strip():
                add("end_reason", _("Ange skälet till att avtalet avslutas."))
            if not activity.end_decision_reference.strip():
                add(
                    "end_decision_reference",
                    _("Ange beslutet om avslut (diarienummer eller paragraf)."),
                )
        if (
            activity.ended_on
            and activity.agreement_date
            and activity.ended_on < activity.agreement_date
        ):
            add("ended_on", _("Avtalet kan inte avslutas före avtalsdatumet."))
    if activity.kind == Kind.NETWORK and activity.network is None:
        add("network", _("Ange nätverksorganisationen."))
    if (
        activity.kind == Kind.MONITORING
        and activity.deadline
        and activity.start_date
        and activity.deadline < activity.start_date
    ):
        add("deadline", _("Sista dag kan inte vara före startdatum."))
    return dict(errors)
