"""The rule types a principle can switch on, with their typed parameters.

The policy file names a rule by id with parameters and a severity; this
catalogue says which ids exist and what parameters each takes, so a file is
checked when it is loaded. How each rule is evaluated lives with the
compliance checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field

UNIT_KINDS = (
    "council",
    "executive_board",
    "committee",
    "company",
    "department",
    "drafting_committee",
    "international_unit",
)
ACTIVITY_KINDS = ("project", "twin_city", "partnership", "network", "event", "monitoring")


#: Swedish words for the values rule parameters take.
VALUE_LABELS: dict[str, str] = {
    "project": _("projekt"),
    "twin_city": _("vänorter"),
    "partnership": _("partnerskap"),
    "network": _("nätverk"),
    "event": _("evenemang och besök"),
    "monitoring": _("bevakningsfrågor"),
    "council": _("kommunfullmäktige"),
    "executive_board": _("kommunstyrelsen"),
    "committee": _("nämnder"),
    "company": _("bolag"),
    "department": _("förvaltningar/kontor"),
    "drafting_committee": _("beredningar"),
    "international_unit": _("internationell enhet"),
}
PARAM_LABELS: dict[str, str] = {
    "months": _("månader"),
    "kinds": _("gäller"),
    "office_kinds": _("kontor av typen"),
    "unit_kinds": _("gäller"),
    "evaluated_by": _("utvärderas senast"),
    "min_external_share_percent": _("minsta externa andel i procent"),
    "grace_days": _("dagars marginal"),
}


def describe_params(params: dict[str, object]) -> str:
    """Rule parameters as a reader sees them: "månader: 24 · gäller: nätverk"."""
    parts = []
    for name, value in params.items():
        if isinstance(value, list):
            shown = ", ".join(str(VALUE_LABELS.get(v, v)) for v in value)
        else:
            shown = str(VALUE_LABELS.get(str(value), value))
        parts.append(f"{PARAM_LABELS.get(name, name)}: {shown}")
    return " · ".join(parts)


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AidFullyExternalParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_external_share_percent: int = Field(default=100, ge=1, le=100)


class ReviewIntervalParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    months: int = Field(default=24, ge=1, le=120)
    kinds: list[str] = Field(default_factory=lambda: ["twin_city", "partnership", "network"])


class DecidingBodyParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kinds: list[str] = Field(default_factory=lambda: ["twin_city", "partnership", "network"])


class ContactPerOfficeParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    office_kinds: list[str] = Field(default_factory=lambda: ["department"])


class YearlyActionPlanParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit_kinds: list[str] = Field(default_factory=lambda: ["committee", "company"])
    evaluated_by: str = Field(default="12-31", pattern=r"^\d{2}-\d{2}$")


class ChildPerspectiveParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kinds: list[str] = Field(default_factory=lambda: list(ACTIVITY_KINDS))


class FollowupPerPeriodParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    grace_days: int = Field(default=0, ge=0, le=365)


@dataclass(frozen=True)
class RuleType:
    id: str
    title: str
    params: type[BaseModel]
    list_params: tuple[tuple[str, tuple[str, ...]], ...] = ()


RULE_TYPES: dict[str, RuleType] = {
    rule.id: rule
    for rule in [
        RuleType(
            "aid-fully-external",
            _("Bistånd bara när hela finansieringen kommer från annan part"),
            AidFullyExternalParams,
        ),
        RuleType("twinning-discouraged", _("Nya vänortsavtal rekommenderas inte"), NoParams),
        RuleType(
            "review-interval",
            _("Avtal och medlemskap omprövas inom viss tid"),
            ReviewIntervalParams,
            (("kinds", ACTIVITY_KINDS),),
        ),
        RuleType(
            "deciding-body",
            _("Rätt organ beslutar enligt ansvarsfördelningen"),
            DecidingBodyParams,
            (("kinds", ACTIVITY_KINDS),),
        ),
        RuleType(
            "contact-per-office",
            _("En kontaktperson från varje kontor"),
            ContactPerOfficeParams,
            (("office_kinds", UNIT_KINDS),),
        ),
        RuleType(
            "yearly-action-plan",
            _("Årlig handlingsplan som utvärderas"),
            YearlyActionPlanParams,
            (("unit_kinds", UNIT_KINDS),),
        ),
        RuleType(
            "followup-per-period",
            _("Uppföljning för varje avslutad period"),
            FollowupPerPeriodParams,
        ),
        RuleType(
            "project-goal-link",
            _("Varje projekt kopplas till mål eller utvecklingsområde"),
            NoParams,
        ),
        RuleType(
            "child-perspective",
            _("Barnperspektivet bedöms"),
            ChildPerspectiveParams,
            (("kinds", ACTIVITY_KINDS),),
        ),
        RuleType(
            "policy-revision-term",
            _("Styrdokumentet revideras varje mandatperiod"),
            NoParams,
        ),
    ]
}
