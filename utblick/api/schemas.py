"""The API's shapes. References use stable keys (units, contacts, policy elements) or ids."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Model
from ninja import Field, Schema

from utblick.activities.models import Activity
from utblick.funding.models import Funding
from utblick.partners.models import Partner


def documented(model: type[Model], name: str, **extra: Any) -> dict[str, Any]:
    """Limits from the model, for the OpenAPI description only: the services check them,
    with the same words as on the form and in the import."""
    limit = model._meta.get_field(name).max_length
    return {"json_schema_extra": {"maxLength": limit, **extra} if limit else extra}


KindName = Literal["project", "twin_city", "partnership", "network", "event", "monitoring"]
StatusName = Literal["idea", "proposed", "active", "completed", "ended", "rejected"]
Money = Decimal


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
    "place",
    "country",
    "agreement_date",
    "decision_reference",
    "agreement_state",
    "ended_on",
    "end_reason",
    "end_decision_reference",
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
    enhet: int | None = Field(None, description="Enhetens id (med underenheter).")
    inriktning: str | None = Field(None, description="Inriktningens nyckel.")
    mal: str | None = Field(None, description="Målets nyckel.")
    klass: str | None = Field(None, description="klassificering:term, t.ex. agenda2030:mal-11.")
    land: str | None = Field(None, description="Landskod (ISO 3166-1), ort eller partner.")
    partner: int | None = Field(None, description="Partnerns id.")
    ar: int | None = Field(None, description="Pågår någon gång under året.")
    finansiering: str | None = Field(None, description="Källans nyckel, eller eu / extern.")
    publicerad: Literal["ja", "nej"] | None = None
    arkiverade: Literal["ja", "nej"] | None = None
    sortera: str | None = Field(
        None, description="titel, -titel, start, -start, andrad, typ, status, enhet."
    )
    sida: int = Field(1, ge=1)
    per_sida: int = Field(50, ge=1, le=200)


class Strict(Schema):
    """Input shapes refuse unknown fields: a misspelt field is an error, not ignored."""

    model_config = {"extra": "forbid"}


class PartnerRef(Strict):
    partner: int = Field(description="Partnerns id i registret.")
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
    place: str = Field("", **documented(Activity, "place"))
    country: str = Field("", description="Landskod (ISO 3166-1), t.ex. FI.")
    agreement_date: date | None = None
    deciding_body: str | None = None
    decision_reference: str = ""
    agreement_state: Literal["", "active", "dormant", "ended"] = ""
    ended_on: date | None = None
    end_reason: str = ""
    end_decision_reference: str = ""
    next_review_on: date | None = None
    network: int | None = Field(None, description="Nätverksorganisationens partner-id.")
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
    row_version: int = Field(description="Versionen du läste; en annan ger 409.")


class ActivityOut(ActivityFields):
    model_config = {"extra": "ignore"}

    id: int
    archived: bool
    row_version: int
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
    latitude: Decimal | None = Field(
        None,
        description="För kartan; med longitude.",
        json_schema_extra={"minimum": -90, "maximum": 90},
    )
    longitude: Decimal | None = Field(None, json_schema_extra={"minimum": -180, "maximum": 180})
    website: str = ""
    description: str = ""


class PartnerUpdate(PartnerIn):
    row_version: int


class PartnerOut(PartnerIn):
    model_config = {"extra": "ignore"}

    id: int
    row_version: int
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
    status: Literal["planned", "applied", "granted", "rejected", "withdrawn"] = "planned"
    currency: Literal["SEK", "EUR"] = "SEK"
    applied_amount: Money | None = Field(None, **documented(Funding, "applied_amount", minimum=0))
    granted_amount: Money | None = Field(None, **documented(Funding, "granted_amount", minimum=0))
    rate_to_sek: Money = Field(Decimal(1), **documented(Funding, "rate_to_sek", exclusiveMinimum=0))
    decided_on: date | None = None


class FundingUpdate(FundingIn):
    row_version: int


class FundingOut(FundingIn):
    model_config = {"extra": "ignore"}

    id: int
    activity: int
    row_version: int
