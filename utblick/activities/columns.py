"""The columns of the register's spreadsheet: one list for the export, the template and the import.

Each column says how an activity's value is written out and how a cell is read
back, with a Swedish explanation for the template's documentation sheet.
A cell that cannot be read raises :class:`CellError` with a Swedish message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from utblick.activities.models import (
    Activity,
    AgreementState,
    ChildImpact,
    Direction,
    Kind,
    MembershipCategory,
    PartnerRole,
    Status,
)
from utblick.core.countries import country_name, find_country
from utblick.core.dates import (
    FIRST_DATE_YEAR,
    LAST_YEAR,
    MONTH,
    YEAR,
    PartialDate,
    precision_of,
    written,
)
from utblick.core.text import fold
from utblick.partners.models import PartnerKind

LIST_SEPARATOR = ";"


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the Activity field, or a name the importer handles
    help: str
    write: Callable[[Activity, Any], Any]
    required: bool = False


# --- reading cells ---------------------------------------------------------


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_code(value: Any) -> str:
    """An identifier as registers write it: capitals, no spaces (" se 331" → "SE331")."""
    return re.sub(r"[\s\u00a0]", "", text(value)).upper()


def read_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    for pattern in ("%Y-%m-%d", "%Y%m%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    # A year alone ("1989", "sedan 1989") or a month ("1989-05"): kept with its precision.
    partial = re.fullmatch(r"(?:sedan\s+)?(\d{4})(?:-(\d{1,2}))?", raw, flags=re.IGNORECASE)
    if partial:
        year, month = int(partial.group(1)), partial.group(2)
        if FIRST_DATE_YEAR <= year <= LAST_YEAR and (month is None or 1 <= int(month) <= 12):
            if month is None:
                return PartialDate(year, precision=YEAR)
            return PartialDate(year, int(month), precision=MONTH)
    raise CellError(
        _("%(value)r är inget datum; skriv ÅÅÅÅ-MM-DD (t.ex. 2026-03-01), ÅÅÅÅ-MM eller bara året.")
        % {"value": raw}
    )


def read_amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        raw = re.sub(r"[\s\u00a0]|kr$|SEK$", "", text(value), flags=re.IGNORECASE).replace(",", ".")
        try:
            amount = Decimal(raw)
        except InvalidOperation as exc:
            raise CellError(_("%(value)r är inget belopp.") % {"value": text(value)}) from exc
    if amount < 0:
        raise CellError(_("Beloppet kan inte vara negativt (%(value)s).") % {"value": amount})
    if amount >= Decimal("1e12"):
        raise CellError(_("Beloppet är orimligt stort (%(value)s).") % {"value": amount})
    return amount.quantize(Decimal("0.01"))


def read_percent(value: Any) -> Decimal | None:
    """A share in per cent: 80, "80 %", "79,5" (a fraction of one, 0.8, as Excel keeps
    a cell formatted as per cent, is read as 80)."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value))
        if 0 < number <= 1 and isinstance(value, float):
            number *= 100
    else:
        raw = re.sub(r"[\s\u00a0%]", "", text(value)).replace(",", ".")
        try:
            number = Decimal(raw)
        except InvalidOperation as exc:
            raise CellError(
                _("%(value)r är ingen andel i procent.") % {"value": text(value)}
            ) from exc
    if not 0 <= number <= 100:
        raise CellError(
            _("Ange en andel mellan 0 och 100 procent (%(value)s).") % {"value": number}
        )
    return number.quantize(Decimal("0.01"))


def read_coordinate(value: Any) -> Decimal | None:
    """A latitude or longitude in degrees, with a decimal point or comma."""
    if value in (None, ""):
        return None
    raw = text(value).replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation as exc:
        raise CellError(
            _("%(value)r är ingen koordinat; skriv t.ex. 60.45148.") % {"value": raw}
        ) from exc
    if not number.is_finite() or abs(number) > 180:
        raise CellError(_("%(value)r ligger utanför jordklotet.") % {"value": raw})
    return number.quantize(Decimal("0.00001"))


def read_count(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(Decimal(text(value)))
    except (InvalidOperation, ValueError) as exc:
        raise CellError(_("%(value)r är inget heltal.") % {"value": text(value)}) from exc
    if number < 0:
        raise CellError(_("Antalet kan inte vara negativt."))
    return number


def read_bool(value: Any) -> bool:
    raw = fold(text(value))
    if raw in ("", "nej", "n", "no", "false", "0", "falskt"):
        return False
    if raw in ("ja", "j", "yes", "true", "1", "x", "sant"):
        return True
    raise CellError(_("Skriv ja eller nej, inte %(value)r.") % {"value": text(value)})


def read_choice(choices: type, *, required: bool = False) -> Callable[[Any], str]:
    """A choice given as its key ("twin_city") or its Swedish label ("Vänort")."""

    lookup: dict[str, str] = {}

    def read(value: Any) -> str:
        raw = text(value)
        if not raw:
            if required:
                raise CellError(_("Värdet saknas."))
            return ""
        if not lookup:  # built on first use, with the labels of every language
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    for key, label in choices.choices:  # type: ignore[attr-defined]
                        lookup[fold(key)] = key
                        lookup[fold(str(label))] = key
        found = lookup.get(fold(raw))
        if found is not None:
            return found
        labels = ", ".join(str(label) for _key, label in choices.choices)  # type: ignore[attr-defined]
        raise CellError(_("%(value)r är inget av: %(labels)s.") % {"value": raw, "labels": labels})

    return read


def read_country(value: Any) -> str:
    raw = text(value)
    if not raw:
        return ""
    code = find_country(raw)
    if code is None:
        raise CellError(
            _("Okänt land: %(value)r. Skriv landets namn eller kod, t.ex. Finland eller FI.")
            % {"value": raw}
        )
    return code


def split_list(value: Any) -> list[str]:
    return [part.strip() for part in text(value).split(LIST_SEPARATOR) if part.strip()]


# --- writing values --------------------------------------------------------


def _label(choices: type, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""  # type: ignore[attr-defined]


def _yes(value: bool) -> str:
    return _("ja") if value else _("nej")


def _field(name: str) -> Callable[[Activity, Any], Any]:
    return lambda a, ctx: getattr(a, name)


def _date(name: str) -> Callable[[Activity, Any], Any]:
    """A date as its source wrote it: a year alone stays "1989", a full date stays a date."""

    def write(a: Activity, ctx: Any) -> Any:
        value, precision = getattr(a, name), precision_of(a, name)
        return written(value, precision) if precision else value

    return write


def _fk_key(name: str) -> Callable[[Activity, Any], Any]:
    def write(a: Activity, ctx: Any) -> str:
        obj = getattr(a, name)
        return getattr(obj, "key", None) or (obj.name if obj else "")

    return write


def _tags(a: Activity, ctx: Any, name: str, show: Callable[[Any], str]) -> str:
    return f"{LIST_SEPARATOR} ".join(show(t) for t in getattr(a, name).all())


def _partners(a: Activity, ctx: Any) -> str:
    return f"{LIST_SEPARATOR} ".join(
        f"{link.partner.name} ({link.get_role_display().lower()})" for link in a.partner_links.all()
    )


COLUMNS: list[Column] = [
    Column(
        "id",
        "id",
        _("Utblicks id. Lämna tomt för en ny aktivitet; behåll det för att uppdatera."),
        lambda a, c: a.pk,
    ),
    Column(
        "typ",
        "kind",
        "",  # the vocabulary's (utblick.activities.vocabulary)
        lambda a, c: _label(Kind, a.kind),
        True,
    ),
    Column("titel", "title", _("Aktivitetens namn."), _field("title"), True),
    Column("sammanfattning", "summary", _("En eller två meningar."), _field("summary")),
    Column("beskrivning", "description", _("Längre beskrivning."), _field("description")),
    Column(
        "status",
        "status",
        "",
        lambda a, c: _label(Status, a.status),
    ),
    Column(
        "enhet",
        "unit",
        _("Ansvarig enhet: nyckel eller namn, t.ex. ks eller Kommunstyrelsen."),
        _fk_key("unit"),
        True,
    ),
    Column(
        "kontaktperson",
        "contact",
        _("Nyckel, e-post eller namn på en registrerad kontaktperson."),
        _fk_key("contact"),
    ),
    Column(
        "startdatum", "start_date", _("ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller bara året."), _date("start_date")
    ),
    Column("slutdatum", "end_date", _("ÅÅÅÅ-MM-DD; inte före startdatum."), _date("end_date")),
    Column(
        "inriktningar",
        "focus_areas",
        _(
            "Inriktningar i gällande styrdokument, namn eller nyckel (se fliken Nycklar), åtskilda med semikolon."
        ),
        lambda a, c: _tags(a, c, "focus_areas", lambda t: t.name),
    ),
    Column(
        "mål",
        "goals",
        _(
            "Mål i gällande styrdokument, nyckel eller text (se fliken Nycklar), åtskilda med semikolon."
        ),
        lambda a, c: _tags(a, c, "goals", lambda t: t.key),
    ),
    Column(
        "klassificering",
        "terms",
        _("Termer, t.ex. 11 Hållbara städer och samhällen; åtskilda med semikolon."),
        lambda a, c: _tags(a, c, "terms", str),
    ),
    Column(
        "utvecklingsområde",
        "development_area",
        _("Projekt: den planerade verksamhetsutveckling det tjänar, om inget mål anges."),
        _field("development_area"),
    ),
    Column(
        "barnperspektiv",
        "child_impact",
        "",
        lambda a, c: _label(ChildImpact, a.child_impact),
    ),
    Column(
        "barnperspektiv bedömning",
        "child_assessment",
        _("Hur aktiviteten påverkar barn och unga."),
        _field("child_assessment"),
    ),
    Column(
        "bistånd",
        "is_development_aid",
        _("Insats av biståndskaraktär (t.ex. Sida, ICLD): ja eller nej."),
        lambda a, c: _yes(a.is_development_aid),
    ),
    Column(
        "eu-projekt-id",
        "eu_project_id",
        _("Projekt: id i CORDIS, Kohesio eller keep.eu, t.ex. 101056765."),
        _field("eu_project_id"),
    ),
    Column(
        "eu-program",
        "eu_programme",
        _("Projekt: EU-programmets kod eller namn, t.ex. HORIZON eller ERASMUS+."),
        _field("eu_programme"),
    ),
    Column(
        "programperiod",
        "eu_programme_period",
        _("Projekt: ÅÅÅÅ–ÅÅÅÅ, t.ex. 2021–2027."),
        _field("eu_programme_period"),
    ),
    Column("utlysning", "eu_call", _("Projekt: t.ex. HORIZON-CL5-2021-D1-01."), _field("eu_call")),
    Column(
        "finansieringsform",
        "eu_funding_scheme",
        _("Projekt: t.ex. HORIZON-RIA eller KA2."),
        _field("eu_funding_scheme"),
    ),
    Column(
        "medfinansieringsgrad",
        "cofinancing_rate",
        _("Projekt: EU:s andel i procent, t.ex. 80."),
        _field("cofinancing_rate"),
    ),
    Column("nuts", "nuts_code", _("Projekt: NUTS-kod, t.ex. SE331."), _field("nuts_code")),
    Column("ort", "place", _("Partnerort eller plats för evenemanget."), _field("place")),
    Column(
        "land",
        "country",
        _("Landets namn eller kod, t.ex. Finland eller FI."),
        lambda a, c: country_name(a.country) if a.country else "",
    ),
    Column(
        "latitud",
        "latitude",
        _("Ortens latitud, t.ex. 60.45148; tom: hämtas från ortregistret (GeoNames)."),
        _field("latitude"),
    ),
    Column("longitud", "longitude", _("Ortens longitud, t.ex. 22.26869."), _field("longitude")),
    Column(
        "avtalsdatum",
        "agreement_date",
        _("Vänort/partnerskap: ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller bara året (1989)."),
        _date("agreement_date"),
    ),
    Column(
        "beslutande organ",
        "deciding_body",
        _("Enhetens nyckel eller namn, t.ex. kf."),
        _fk_key("deciding_body"),
    ),
    Column(
        "beslut",
        "decision_reference",
        _("Diarienummer eller paragraf."),
        _field("decision_reference"),
    ),
    Column(
        "avtalets läge",
        "agreement_state",
        "",
        lambda a, c: _label(AgreementState, a.agreement_state),
    ),
    Column("avslutat datum", "ended_on", _("Krävs när avtalet är avslutat."), _date("ended_on")),
    Column(
        "skäl för avslut", "end_reason", _("Krävs när avtalet är avslutat."), _field("end_reason")
    ),
    Column(
        "avslut beslutat av",
        "end_deciding_body",
        _("Organet som beslutade om avslutet: enhetens nyckel eller namn, t.ex. kf."),
        _fk_key("end_deciding_body"),
    ),
    Column(
        "beslut om avslut",
        "end_decision_reference",
        _("Krävs när avtalet är avslutat."),
        _field("end_decision_reference"),
    ),
    Column(
        "senaste kontakt",
        "last_contact_on",
        _("Senaste möte, besök eller annan kontakt med parten: ÅÅÅÅ-MM-DD."),
        _date("last_contact_on"),
    ),
    Column("nästa omprövning", "next_review_on", _("ÅÅÅÅ-MM-DD."), _date("next_review_on")),
    Column(
        "nätverksorganisation",
        "network",
        _("Nätverk: organisationens namn i partnerregistret."),
        lambda a, c: a.network.name if a.network else "",
    ),
    Column(
        "medlemskategori",
        "membership_category",
        "",
        lambda a, c: _label(MembershipCategory, a.membership_category),
    ),
    Column(
        "medlem sedan",
        "member_since",
        _("ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller bara året."),
        _date("member_since"),
    ),
    Column("årsavgift", "annual_fee", _("Kronor, t.ex. 45000."), _field("annual_fee")),
    Column(
        "representant",
        "representative",
        _("Kontaktpersonens nyckel, e-post eller namn."),
        _fk_key("representative"),
    ),
    Column("syfte", "purpose", _("Syftet."), _field("purpose")),
    Column("nytta", "benefit", _("Nyttan för kommunen."), _field("benefit")),
    Column(
        "riktning",
        "direction",
        "",
        lambda a, c: _label(Direction, a.direction),
    ),
    Column("deltagare", "participants", _("Vilka som deltog."), _field("participants")),
    Column("antal deltagare", "participant_count", _("Heltal."), _field("participant_count")),
    Column("kostnad", "cost", _("Evenemangets kostnad i kronor."), _field("cost")),
    Column("rapport", "report", _("Kort rapport efteråt."), _field("report")),
    Column(
        "referens", "reference", _("Bevakning: COM-nummer eller CELEX-id."), _field("reference")
    ),
    Column("hållning", "stance", _("Kommunens hållning."), _field("stance")),
    Column("åtgärder", "actions_taken", _("T.ex. remissvar."), _field("actions_taken")),
    Column("sista dag", "deadline", _("ÅÅÅÅ-MM-DD."), _date("deadline")),
    Column(
        "partner",
        "partners",
        _("Partner i registret med roll inom parentes: Tartu (partner); Eurocities (huvudman)."),
        _partners,
    ),
    Column("publicerad", "published", _("ja eller nej."), lambda a, c: _yes(a.published)),
]

PARTNER_COLUMNS: list[tuple[str, str, str]] = [
    ("id", "id", _("Utblicks id; tomt för en ny partner.")),
    ("namn", "name", _("Organisationens namn.")),
    (
        "typ",
        "kind",
        _(
            "Kommun/stad, Region, Universitet/högskola, Företag, Förening/organisation, Nätverksorganisation, Nationell myndighet, EU-organ."
        ),
    ),
    ("land", "country", _("Landets namn eller kod.")),
    ("ort", "place", _("Ort.")),
    ("latitud", "latitude", _("Ortens latitud; tom: hämtas från ortregistret (GeoNames).")),
    ("longitud", "longitude", _("Ortens longitud.")),
    ("webbplats", "website", _("https://…")),
    ("beskrivning", "description", _("Kort beskrivning.")),
    ("pic", "pic", _("EU:s deltagarkod (PIC), nio siffror.")),
    ("momsnummer", "vat_number", _("Momsregistreringsnummer med landskod, t.ex. DE811115368.")),
    ("organisationsnummer", "organisation_number", _("Svenskt, NNNNNN-NNNN.")),
    ("annat id", "national_id", _("Registrets id i partnerns land.")),
]

ROLE_BY_LABEL = {fold(str(label)): key for key, label in PartnerRole.choices} | {
    fold(key): key for key, _label in PartnerRole.choices
}
PARTNER_KIND = read_choice(PartnerKind, required=True)


def parse_partner_cell(value: str) -> list[tuple[str, str]]:
    """ "Tartu (partner); Eurocities (huvudman)" → [("Tartu", "partner"), ("Eurocities", "lead")]."""
    out = []
    for part in split_list(value):
        match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", part)
        name, role = (match.group(1), match.group(2)) if match else (part, "partner")
        key = ROLE_BY_LABEL.get(fold(role))
        if key is None:
            raise CellError(
                _(
                    "Okänd roll %(role)r för %(name)s; använd huvudman, partner, associerad eller finansiär."
                )
                % {"role": role, "name": name}
            )
        out.append((name.strip(), key))
    return out
