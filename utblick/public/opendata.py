"""The published inventory as open data: CSV and JSON with documented fields and stable ids.

Always in Swedish (names of kinds, statuses and countries), whichever page
language asked for it, so a file means the same whoever downloads it.

Only public copies are read, and the municipality's settings decide which
fields appear; contact details only for consenting contacts. A CSV cell of
text that a spreadsheet would run as a formula (= + - @ tab) starts with an
apostrophe, the OWASP way; numbers (negative ones too) are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings as django_settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from utblick.activities.models import AgreementState, Kind, Status
from utblick.core import clock
from utblick.core.countries import country_name
from utblick.core.dates import precision_of, written
from utblick.core.sheets import safe_cell
from utblick.organisation.models import Contact
from utblick.public.models import PublicActivity, PublicSettings


@dataclass(frozen=True)
class Field:
    name: str
    description: Any
    when: str = ""  # "" always | costs | funding | contacts | units


FIELDS: list[Field] = [
    Field("id", _("Stabil identitet för aktiviteten inom kommunen.")),
    Field("uri", _("Aktivitetens publika adress; en stabil, global identitet.")),
    Field("typ", _("project, twin_city, partnership, network, event eller monitoring.")),
    Field("typ_namn", _("Typen i klartext.")),
    Field("titel", _("Aktivitetens namn.")),
    Field("sammanfattning", _("Kort sammanfattning.")),
    Field("beskrivning", _("Beskrivning.")),
    Field("status", _("Status i klartext: idé, föreslagen, beslutad/pågående, avslutad, upphörd.")),
    Field("enhet", _("Ansvarig nämnd, förvaltning eller bolag."), "units"),
    Field("startdatum", _("ÅÅÅÅ-MM-DD.")),
    Field("slutdatum", _("ÅÅÅÅ-MM-DD.")),
    Field("ort", _("Partnerort eller plats.")),
    Field("land", _("Landskod enligt ISO 3166-1 alpha-2.")),
    Field("land_namn", _("Landets namn på svenska.")),
    Field(
        "latitud",
        _("Ortens latitud (WGS 84), angiven av kommunen eller från ortregistret GeoNames."),
    ),
    Field("longitud", _("Ortens longitud (WGS 84).")),
    Field("inriktningar", _("Inriktningar i kommunens styrdokument, åtskilda med semikolon.")),
    Field("agenda2030", _("Mål i Agenda 2030 (1–17), åtskilda med semikolon.")),
    Field("partner", _("Partner: namn (land), åtskilda med semikolon.")),
    Field(
        "partner_pic",
        _(
            "Partnernas PIC-nummer (EU:s deltagarkod) i samma ordning som partner, åtskilda "
            "med semikolon; tomt för en partner utan."
        ),
    ),
    Field("natverk", _("Nätverksorganisationen för ett medlemskap.")),
    Field("medlem_sedan", _("ÅÅÅÅ-MM-DD.")),
    Field(
        "avtalsdatum",
        _(
            "ÅÅÅÅ-MM-DD för vänorts- och samarbetsavtal; ÅÅÅÅ eller ÅÅÅÅ-MM när bara året eller månaden är känd."
        ),
    ),
    Field(
        "avtalets_lage",
        _("Avtalets läge för vänorter och partnerskap: aktivt, vilande eller avslutat."),
    ),
    Field("eu_projekt_id", _("Projektets id i EU:s register (CORDIS, Kohesio, keep.eu).")),
    Field("eu_program", _("EU-programmets kod eller namn, t.ex. HORIZON.")),
    Field("programperiod", _("EU-programmets period, t.ex. 2021–2027.")),
    Field("utlysning", _("EU-utlysningens id.")),
    Field("medfinansieringsgrad", _("EU:s andel av de stödberättigande kostnaderna, procent.")),
    Field("nuts", _("Projektregionens NUTS-kod, t.ex. SE331.")),
    Field("arsavgift_kr", _("Årsavgift för ett medlemskap, kronor."), "costs"),
    Field("kostnad_kr", _("Kostnad för ett evenemang, kronor."), "costs"),
    Field("budget_kr", _("Total budget, kronor."), "costs"),
    Field("extern_finansiering_kr", _("Beviljad extern finansiering, kronor."), "funding"),
    Field(
        "finansiarer",
        _("Externa finansiärer som beviljat medel, åtskilda med semikolon."),
        "funding",
    ),
    Field(
        "resor_kg_co2e",
        _("Resornas klimatpåverkan i kg koldioxidekvivalenter (tur och retur, alla resenärer)."),
    ),
    Field(
        "resor_om_tag_kg_co2e",
        _("Samma resor med tåg i stället för flyg där tåg är realistiskt, kg CO₂e."),
    ),
    Field(
        "resor_utslappsfaktorer",
        _("Utsläppsfaktorerna som resorna räknats med, med källa och år, åtskilda med semikolon."),
    ),
    Field("kontaktperson", _("Kontaktperson, bara med personens samtycke."), "contacts"),
    Field("kontakt_epost", _("Kontaktpersonens e-post, bara med samtycke."), "contacts"),
    Field("kontakt_telefon", _("Kontaktpersonens telefon, bara med samtycke."), "contacts"),
    Field("senast_publicerad", _("När aktiviteten senast publicerades (ISO 8601).")),
]


def visible_fields(settings: PublicSettings) -> list[Field]:
    allowed = {
        "": True,
        "costs": settings.show_costs,
        "funding": settings.show_funding,
        "contacts": settings.show_contacts,
        "units": settings.show_units,
    }
    return [f for f in FIELDS if allowed[f.when]]


def site_base(request: HttpRequest) -> str:
    """The address IRIs and ``uri`` start with: SITE_URL when configured, else this request's
    own (development; production refuses to start without SITE_URL)."""
    if django_settings.SITE_URL_CONFIGURED:
        return django_settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


def activity_uri(activity: PublicActivity, slug: str, base: str) -> str:
    return base + reverse("public:activity", args=[slug, activity.activity_id])


def _date(a: PublicActivity, name: str) -> Any:
    """A date, or as its source wrote it ("1989") when only the year or month is known."""
    value, precision = getattr(a, name), precision_of(a, name)
    return written(value, precision) if precision and value else value


def record(
    a: PublicActivity, settings: PublicSettings, contacts: dict[int, Contact], base: str
) -> dict[str, Any]:
    contact = contacts.get(a.contact_id) if a.contact_id else None
    values: dict[str, Any] = {
        "id": a.activity_id,
        "uri": activity_uri(a, settings.municipality.slug, base),
        "typ": a.kind,
        "typ_namn": str(Kind(a.kind).label),
        "titel": a.title,
        "sammanfattning": a.summary,
        "beskrivning": a.description,
        "status": str(Status(a.status).label),
        "enhet": a.unit_name,
        "startdatum": _date(a, "start_date"),
        "slutdatum": _date(a, "end_date"),
        "ort": a.place,
        "land": a.country,
        "land_namn": country_name(a.country) if a.country else "",
        "latitud": a.latitude,
        "longitud": a.longitude,
        "inriktningar": "; ".join(name for _key, name in a.focus_areas),
        "agenda2030": "; ".join(a.sdgs),
        "partner": "; ".join(
            f"{p['name']} ({p['country']})" for p in a.partners if p["role"] != "network"
        ),
        "partner_pic": "; ".join(p.get("pic", "") for p in a.partners if p["role"] != "network")
        if any(p.get("pic") for p in a.partners)
        else "",
        "natverk": a.network,
        "medlem_sedan": _date(a, "member_since"),
        "avtalsdatum": _date(a, "agreement_date"),
        "avtalets_lage": str(AgreementState(a.agreement_state).label).lower()
        if a.agreement_state
        else "",
        "eu_projekt_id": a.identifiers.get("eu_project_id", ""),
        "eu_program": a.identifiers.get("eu_programme", ""),
        "programperiod": a.identifiers.get("eu_programme_period", ""),
        "utlysning": a.identifiers.get("eu_call", ""),
        "medfinansieringsgrad": Decimal(a.identifiers["cofinancing_rate"])
        if "cofinancing_rate" in a.identifiers
        else None,
        "nuts": a.identifiers.get("nuts_code", ""),
        "arsavgift_kr": a.annual_fee,
        "kostnad_kr": a.cost,
        "budget_kr": a.budget,
        "extern_finansiering_kr": a.external_funding,
        "finansiarer": "; ".join(a.funder_names),
        "resor_kg_co2e": a.travel_kg,
        "resor_om_tag_kg_co2e": a.travel_if_train_kg,
        "resor_utslappsfaktorer": "; ".join(a.travel.get("factors", [])) if a.travel else "",
        "kontaktperson": contact.name if contact else "",
        "kontakt_epost": contact.email if contact else "",
        "kontakt_telefon": contact.phone if contact else "",
        "senast_publicerad": a.last_published_at,
    }
    return {f.name: values[f.name] for f in visible_fields(settings)}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Amounts in öre; coordinates as stored (five decimals, about a metre), not rounded
        # to a kilometre, so that the file read back gives the same place.
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -5 <= exponent < -2:
            return format(value, "f")
        return format(value.quantize(Decimal("0.01")), "f")
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def csv_rows(
    activities: list[PublicActivity],
    settings: PublicSettings,
    contacts: dict[int, Contact],
    base: str,
) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    with translation.override("sv"):  # the same file from the Swedish and the English page
        writer.writerow([f.name for f in visible_fields(settings)])
        for a in activities:
            writer.writerow(
                [
                    safe_cell(v) if isinstance(v, str) else _plain(v)
                    for v in record(a, settings, contacts, base).values()
                ]
            )
    yield buffer.getvalue()


def json_document(
    activities: list[PublicActivity],
    settings: PublicSettings,
    contacts: dict[int, Contact],
    base: str,
) -> dict[str, Any]:
    with translation.override("sv"):
        return _document(activities, settings, contacts, base)


def _document(
    activities: list[PublicActivity],
    settings: PublicSettings,
    contacts: dict[int, Contact],
    base: str,
) -> dict[str, Any]:
    m = settings.municipality
    return {
        "kommun": {
            "namn": m.name,
            "kommunkod": m.code,
            "organisationsnummer": m.organisation_number,
        },
        "licens": settings.licence,
        "skapad": clock.now().isoformat(timespec="seconds"),
        "falt": {f.name: str(f.description) for f in visible_fields(settings)},
        "aktiviteter": [
            {
                k: (None if v in ("", None) else _plain(v))
                for k, v in record(a, settings, contacts, base).items()
            }
            for a in activities
        ],
    }
