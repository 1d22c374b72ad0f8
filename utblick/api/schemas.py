"""The API's shapes. References use stable keys (units, contacts, policy elements) or ids."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db.models import Model
from ninja import Field, Schema
from pydantic import WithJsonSchema, create_model, field_validator

from utblick.activities.models import Activity
from utblick.core.dates import FIRST_YEAR, LAST_YEAR
from utblick.core.text import CONTROL_CHARACTERS, text_problem
from utblick.funding.models import Funding
from utblick.partners.models import Partner


def documented(model: type[Model], name: str, **extra: Any) -> dict[str, Any]:
    """Limits from the model, for the OpenAPI description only: the services check them,
    with the same words as on the form and in the import."""
    limit = model._meta.get_field(name).max_length
    return {"json_schema_extra": {"maxLength": limit, **extra} if limit else extra}


KindName = Literal["project", "twin_city", "partnership", "network", "event", "monitoring"]
StatusName = Literal["idea", "proposed", "active", "completed", "ended", "rejected"]
#: A row's id: what the database's 64-bit key can hold.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
#: A record's version (a 32-bit column on PostgreSQL).
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]

#: A decimal as JSON number or as a string of digits ("1250.50"); what pydantic reads.
Money = Annotated[
    Decimal,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^[+-]?(\d+(\.\d*)?|\.\d+)$"},
            ]
        }
    ),
]


SIMPLE = [
    "kind",
    "title",
    "summary",
    "description",
    "status",
    "start_date",
    "end_date",
    "development_area",
    "child_impact",
    "child_assessment",
    "is_development_aid",
    "eu_project_id",
    "eu_programme",
    "eu_programme_period",
    "eu_call",
    "eu_funding_scheme",
    "cofinancing_rate",
    "nuts_code",
    "place",
    "country",
    "latitude",
    "longitude",
    "agreement_date",
    "decision_reference",
    "agreement_state",
    "ended_on",
    "end_reason",
    "end_decision_reference",
    "last_contact_on",
    "next_review_on",
    "membership_category",
    "member_since",
    "annual_fee",
    "purpose",
    "benefit",
    "direction",
    "participants",
    "participant_count",
    "cost",
    "report",
    "reference",
    "stance",
    "actions_taken",
    "deadline",
    "published",
]


class ActivityFilters(Schema):
    q: str | None = Field(None, description="Fritext; skiftläge och å/ä/ö spelar ingen roll.")
    typ: list[KindName] | None = Field(None, description="Typ, kan upprepas.")
    status: list[StatusName] | None = None
    enhet: Id | None = Field(None, description="Enhetens id (med underenheter).")
    inriktning: str | None = Field(None, description="Inriktningens nyckel.")
    mal: str | None = Field(None, description="Målets nyckel.")
    klass: str | None = Field(None, description="klassificering:term, t.ex. agenda2030:mal-11.")
    land: str | None = Field(None, description="Landskod (ISO 3166-1), ort eller partner.")
    partner: Id | None = Field(None, description="Partnerns id.")
    ar: int | None = Field(
        None, ge=FIRST_YEAR, le=LAST_YEAR, description="Pågår någon gång under året."
    )
    finansiering: str | None = Field(None, description="Källans nyckel, eller eu / extern.")
    publicerad: Literal["ja", "nej"] | None = None
    arkiverade: Literal["ja", "nej"] | None = None
    sortera: str | None = Field(
        None,
        description="En av: titel, -titel, start, -start, andrad, typ, -typ, status, "
        "-status, enhet, -enhet (minus: omvänd ordning).",
    )
    sida: int = Field(1, ge=1)
    per_sida: int = Field(50, ge=1, le=200)


#: What every text sent to the API matches (documented, so clients and fuzzers know).
NO_CONTROLS = f"^[^{CONTROL_CHARACTERS}]*$"


def _document_text(schema: dict[str, Any]) -> None:
    """Each text property (also inside lists and optional values) says it takes no controls."""

    def mark(shape: dict[str, Any]) -> None:
        if shape.get("type") == "string" and not {"enum", "pattern", "format"} & set(shape):
            shape["pattern"] = NO_CONTROLS
        for inner in shape.get("anyOf", []):
            mark(inner)
        if isinstance(shape.get("items"), dict):
            mark(shape["items"])

    for prop in schema.get("properties", {}).values():
        mark(prop)


def _refuse_controls(value: Any, path: str, problems: list[str]) -> None:
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            problems.append(f"{path}: {problem}" if path else problem)
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_controls(key, path, problems)
            _refuse_controls(item, f"{path}.{key}" if path else str(key), problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_controls(item, f"{path}[{index}]", problems)


class Strict(Schema):
    """Input shapes refuse unknown fields: a misspelt field is an error, not ignored.

    Texts with control characters are refused before any of them is looked up
    (PostgreSQL cannot even compare a text holding NUL).
    """

    model_config = {"extra": "forbid", "json_schema_extra": _document_text}

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        problems: list[str] = []
        _refuse_controls(value, "", problems)
        if problems:
            raise ValueError(problems[0])
        return value


class PartnerRef(Strict):
    partner: Id = Field(description="Partnerns id i registret.")
    role: Literal["lead", "partner", "associated", "funder"] = "partner"


class ActivityFields(Strict):
    kind: KindName
    title: str = Field(**documented(Activity, "title"))
    summary: str = Field("", **documented(Activity, "summary"))
    description: str = ""
    status: StatusName = "idea"
    unit: str = Field(description="Ansvarig enhets nyckel.")
    contact: str | None = Field(None, description="Kontaktpersonens nyckel.")
    start_date: date | None = None
    end_date: date | None = None
    focus_areas: list[str] = Field(
        default_factory=list, description="Nycklar i gällande styrdokument."
    )
    goals: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list, description="klassificering:term")
    development_area: str = ""
    child_impact: Literal["", "positive", "neutral", "negative", "not_relevant"] = ""
    child_assessment: str = ""
    is_development_aid: bool = False
    eu_project_id: str = Field("", **documented(Activity, "eu_project_id"))
    eu_programme: str = Field("", **documented(Activity, "eu_programme"))
    eu_programme_period: str = Field("", **documented(Activity, "eu_programme_period"))
    eu_call: str = Field("", **documented(Activity, "eu_call"))
    eu_funding_scheme: str = Field("", **documented(Activity, "eu_funding_scheme"))
    cofinancing_rate: Money | None = Field(
        None, **documented(Activity, "cofinancing_rate", minimum=0, maximum=100)
    )
    nuts_code: str = Field("", **documented(Activity, "nuts_code"))
    place: str = Field("", **documented(Activity, "place"))
    country: str = Field("", description="Landskod (ISO 3166-1), t.ex. FI.")
    latitude: Money | None = Field(
        None,
        json_schema_extra={"minimum": -90, "maximum": 90},
        description="Utelämnad: hämtas från ortregistret (GeoNames) efter ort och land.",
    )
    longitude: Money | None = Field(None, json_schema_extra={"minimum": -180, "maximum": 180})
    agreement_date: date | None = None
    deciding_body: str | None = None
    decision_reference: str = ""
    agreement_state: Literal["", "active", "dormant", "ended"] = ""
    ended_on: date | None = None
    end_reason: str = ""
    end_deciding_body: str | None = Field(
        None, description="Nyckeln till organet som beslutade om avslutet."
    )
    end_decision_reference: str = ""
    last_contact_on: date | None = Field(
        None, description="Senaste möte, besök eller annan kontakt med parten."
    )
    next_review_on: date | None = None
    network: Id | None = Field(None, description="Nätverksorganisationens partner-id.")
    membership_category: Literal["", "member", "associate", "partner", "observer"] = ""
    member_since: date | None = None
    annual_fee: Money | None = Field(None, **documented(Activity, "annual_fee", minimum=0))
    representative: str | None = None
    purpose: str = ""
    benefit: str = ""
    direction: Literal["", "incoming", "outgoing", "online"] = ""
    participants: str = ""
    participant_count: int | None = Field(
        None, **documented(Activity, "participant_count", minimum=0)
    )
    cost: Money | None = Field(None, **documented(Activity, "cost", minimum=0))
    report: str = ""
    reference: str = ""
    stance: str = ""
    actions_taken: str = ""
    deadline: date | None = None
    published: bool = False
    partners: list[PartnerRef] = Field(default_factory=list)


class ActivityIn(ActivityFields):
    pass


class ActivityUpdate(ActivityFields):
    row_version: Version = Field(description="Versionen du läste; en annan ger 409.")


#: The same fields, each optional: a PATCH writes only what it sends. A field that
#: may not be empty is not nullable here either (null for it is a 422, as documented).
ActivityPatch = create_model(
    "ActivityPatch",
    __base__=Strict,
    row_version=(Version, Field(description="Versionen du läste.")),
    **{
        name: (
            info.annotation,
            Field(None, description=info.description, json_schema_extra=info.json_schema_extra),
        )
        for name, info in ActivityFields.model_fields.items()
    },
)


class ActivityOut(ActivityFields):
    model_config = {"extra": "ignore"}

    id: int
    archived: bool
    row_version: Version
    updated_at: datetime
    url: str


class ActivityPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ActivityOut]


class PartnerIn(Strict):
    name: str = Field(**documented(Partner, "name"))
    kind: Literal[
        "municipality",
        "region",
        "university",
        "company",
        "association",
        "network",
        "authority",
        "eu_body",
    ]
    country: str = Field(description="Landskod (ISO 3166-1), t.ex. FI.")
    place: str = ""
    latitude: Money | None = Field(
        None,
        description="För kartan; med longitude.",
        json_schema_extra={"minimum": -90, "maximum": 90},
    )
    longitude: Money | None = Field(None, json_schema_extra={"minimum": -180, "maximum": 180})
    website: str = ""
    description: str = ""
    pic: str = Field("", description="EU:s deltagarkod (PIC), nio siffror.", max_length=9)
    vat_number: str = Field("", **documented(Partner, "vat_number"))
    organisation_number: str = Field("", description="Svenskt organisationsnummer, NNNNNN-NNNN.")
    national_id: str = Field("", **documented(Partner, "national_id"))


class PartnerUpdate(PartnerIn):
    row_version: Version


class PartnerOut(PartnerIn):
    model_config = {"extra": "ignore"}

    id: int
    row_version: Version
    country_name: str


class PartnerPage(Schema):
    count: int
    page: int
    pages: int
    results: list[PartnerOut]


class FundingSourceOut(Schema):
    key: str
    name: str
    kind: str
    external: bool


class FundingIn(Strict):
    source: str = Field(description="Källans nyckel, se /api/v1/funding-sources.")
    call_identifier: str = ""
    external_id: str = Field("", **documented(Funding, "external_id"))
    status: Literal["planned", "applied", "granted", "rejected", "withdrawn"] = "planned"
    currency: Literal["SEK", "EUR"] = "SEK"
    applied_amount: Money | None = Field(None, **documented(Funding, "applied_amount", minimum=0))
    granted_amount: Money | None = Field(None, **documented(Funding, "granted_amount", minimum=0))
    rate_to_sek: Money = Field(Decimal(1), **documented(Funding, "rate_to_sek", exclusiveMinimum=0))
    decided_on: date | None = None


class FundingUpdate(FundingIn):
    row_version: Version


class FundingOut(FundingIn):
    model_config = {"extra": "ignore"}

    id: int
    activity: int
    row_version: Version


class FieldError(Schema):
    field: str = Field(description="Fältet, tomt för begäran som helhet.")
    message: str


class Problem(Schema):
    """RFC 9457 problem details (``application/problem+json``), in Swedish."""

    type: str = Field("about:blank", description="Problemtypens URI.")
    title: str
    status: int
    detail: str = ""
    instance: str = Field("", description="Adressen som frågades.")
    errors: list[FieldError] = Field(default_factory=list, description="Fel per fält.")


class Change(Schema):
    field: str
    before: Any = None
    after: Any = None


class ConflictProblem(Problem):
    current_row_version: int = Field(description="Postens version nu; läs om och försök igen.")
    changes: list[Change] = Field(default_factory=list, description="Vad den andra ändrade.")


#: The errors every operation may answer; writes may also meet a conflict.
READ_ERRORS: dict[int, Any] = {
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    422: Problem,
}
WRITE_ERRORS: dict[int, Any] = READ_ERRORS | {409: ConflictProblem}


class PeerFilters(Schema):
    ort: str = Field("", max_length=120, description="Vänort eller partnerskap i ort eller land.")
    partner: str = Field("", max_length=200, description="Partnerns namn, eller PIC (nio siffror).")
    land: str = Field("", max_length=60, description="Partnerns land, med partner.")
    natverk: str = Field("", max_length=200, description="Nätverkets namn.")
    program: str = Field("", max_length=120, description="EU-program eller finansiär.")


class PeerContact(Schema):
    name: str
    email: str
    phone: str


class PeerActivityOut(Schema):
    id: int = Field(description="Aktivitetens id i kommunens register.")
    title: str
    kind: str
    place: str
    country: str
    url: str = Field(description="Den publika sidan.")
    contact: PeerContact | None = Field(
        None, description="Bara när kommunen visar kontaktpersoner och personen har samtyckt."
    )


class PeerOut(Schema):
    municipality: str
    name: str
    url: str = Field(description="Kommunens publika förteckning.")
    activities: list[PeerActivityOut]


class PeersOut(Schema):
    peers: list[PeerOut]
    truncated: bool = Field(description="Fler aktiviteter svarar än svaret visar.")
    problems: list[str]
