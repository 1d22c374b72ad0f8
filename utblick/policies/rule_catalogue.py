"""The rule types a principle can switch on, with their typed parameters.

The policy file names a rule by id with parameters and a severity; this
catalogue says which ids exist and what parameters each takes, so a file is
checked when it is loaded. How each rule is evaluated lives with the
compliance checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
#: The kinds that can carry money (budget, funding), and so be development aid.
MONEY_KINDS = ("project", "twin_city", "partnership", "network", "event")
AGREEMENT_KINDS = ("twin_city", "partnership", "network")
STATUSES = ("idea", "proposed", "active", "completed", "ended", "rejected")
#: Decided on: a rule about a decision applies from here, not to ideas and proposals.
DECIDED = ["active", "completed"]


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
    "idea": _("idé"),
    "proposed": _("föreslagen"),
    "active": _("beslutad/pågående"),
    "completed": _("avslutad"),
    "ended": _("upphörd"),
    "rejected": _("avslagen"),
}
PARAM_LABELS: dict[str, str] = {
    "months": _("månader"),
    "kinds": _("gäller"),
    "statuses": _("i status"),
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


def _kinds(*values: str) -> Any:
    return Field(default_factory=lambda: list(values))


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActivityScope(BaseModel):
    """Which activities a rule looks at: any kinds, any statuses (each rule has its defaults)."""

    model_config = ConfigDict(extra="forbid")
    kinds: list[str] = _kinds(*ACTIVITY_KINDS)
    statuses: list[str] = _kinds("proposed", "active", "completed")


class AidFullyExternalParams(ActivityScope):
    min_external_share_percent: int = Field(default=100, ge=1, le=100)
    kinds: list[str] = _kinds(*MONEY_KINDS)
    statuses: list[str] = _kinds(*DECIDED)


class TwinningDiscouragedParams(ActivityScope):
    kinds: list[str] = _kinds("twin_city")
    statuses: list[str] = _kinds("idea", "proposed", "active")


class ReviewIntervalParams(ActivityScope):
    months: int = Field(default=24, ge=1, le=120)
    kinds: list[str] = _kinds(*AGREEMENT_KINDS)
    statuses: list[str] = _kinds("active")


class ContactIntervalParams(ActivityScope):
    months: int = Field(default=24, ge=1, le=120)
    kinds: list[str] = _kinds("twin_city", "partnership")
    statuses: list[str] = _kinds("active")


class DecidingBodyParams(ActivityScope):
    kinds: list[str] = _kinds(*AGREEMENT_KINDS)
    statuses: list[str] = _kinds(*DECIDED)


class EndDecisionParams(ActivityScope):
    kinds: list[str] = _kinds(*AGREEMENT_KINDS)
    statuses: list[str] = _kinds("ended")


class ProjectGoalLinkParams(ActivityScope):
    kinds: list[str] = _kinds("project")
    statuses: list[str] = _kinds("proposed", "active", "completed")


class ChildPerspectiveParams(ActivityScope):
    statuses: list[str] = _kinds("proposed", "active", "completed", "ended")


class ContactPerOfficeParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    office_kinds: list[str] = Field(default_factory=lambda: ["department"])


class YearlyActionPlanParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit_kinds: list[str] = Field(default_factory=lambda: ["committee", "company"])
    evaluated_by: str = Field(default="12-31", pattern=r"^\d{2}-\d{2}$")


class FollowupPerPeriodParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    grace_days: int = Field(default=0, ge=0, le=365)


@dataclass(frozen=True)
class RuleType:
    id: str
    title: str
    params: type[BaseModel]
    list_params: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: What the rule checks, in a sentence a coordinator reads on the policy page.
    description: str = ""


SCOPE = (("kinds", ACTIVITY_KINDS), ("statuses", STATUSES))

RULE_TYPES: dict[str, RuleType] = {
    rule.id: rule
    for rule in [
        RuleType(
            "aid-fully-external",
            _("Bistånd bara när hela finansieringen kommer från annan part"),
            AidFullyExternalParams,
            SCOPE,
            _(
                "En aktivitet markerad som bistånd ska ha beviljad extern finansiering som täcker "
                "minst den angivna andelen av budgeten."
            ),
        ),
        RuleType(
            "twinning-discouraged",
            _("Nya vänortsavtal rekommenderas inte"),
            TwinningDiscouragedParams,
            SCOPE,
            _(
                "Varnar för vänorter med avtal från efter styrdokumentets beslut, och för förslag och "
                "idéer om nya. En vänort utan avtalsdatum räknas inte som ny: datumet är okänt."
            ),
        ),
        RuleType(
            "review-interval",
            _("Avtal och medlemskap omprövas inom viss tid"),
            ReviewIntervalParams,
            SCOPE,
            _(
                "Varje avtal och medlemskap ska ha omprövats inom det angivna antalet månader "
                "(räknat från senaste omprövning, annars från avtalet eller medlemskapets start)."
            ),
        ),
        RuleType(
            "contact-interval",
            _("Kontakt minst med visst intervall"),
            ContactIntervalParams,
            SCOPE,
            _(
                "Avtalet ska ha haft kontakt med parten (senaste kontakt eller inlämnad "
                "uppföljning) inom det angivna antalet månader."
            ),
        ),
        RuleType(
            "deciding-body",
            _("Rätt organ beslutar enligt ansvarsfördelningen"),
            DecidingBodyParams,
            SCOPE,
            _(
                "Beslutet om en vänort, ett partnerskap eller ett medlemskap ska vara fattat av ett "
                "organ som ansvarsfördelningen ger det ansvaret; anger den flera organ räcker ett av "
                "dem. Gäller från beslutet: idéer och förslag får finnas innan."
            ),
        ),
        RuleType(
            "end-decision",
            _("Avslut beslutas av samma organ som beslutar om ingåendet"),
            EndDecisionParams,
            SCOPE,
            _(
                "Ett avslutat avtal eller medlemskap ska ha ett beslut om avslut fattat av ett organ "
                "som enligt ansvarsfördelningen beslutar om den typen."
            ),
        ),
        RuleType(
            "contact-per-office",
            _("En kontaktperson från varje kontor"),
            ContactPerOfficeParams,
            (("office_kinds", UNIT_KINDS),),
            _("Varje kontor av de angivna typerna ska ha minst en kontaktperson."),
        ),
        RuleType(
            "yearly-action-plan",
            _("Årlig handlingsplan som utvärderas"),
            YearlyActionPlanParams,
            (("unit_kinds", UNIT_KINDS),),
            _(
                "Varje enhet av de angivna typerna har en handlingsplan för året, och förra årets "
                "plan är utvärderad senast det angivna datumet."
            ),
        ),
        RuleType(
            "followup-per-period",
            _("Uppföljning för varje avslutad period"),
            FollowupPerPeriodParams,
            (),
            _(
                "Varje pågående aktivitet har en inlämnad uppföljning för varje stängd period, "
                "efter det angivna antalet dagars marginal."
            ),
        ),
        RuleType(
            "project-goal-link",
            _("Varje projekt kopplas till mål eller utvecklingsområde"),
            ProjectGoalLinkParams,
            SCOPE,
            _("Ett projekt ska vara kopplat till minst ett mål eller ett utvecklingsområde."),
        ),
        RuleType(
            "child-perspective",
            _("Barnperspektivet bedöms"),
            ChildPerspectiveParams,
            SCOPE,
            _("Aktivitetens påverkan på barn och unga ska vara bedömd."),
        ),
        RuleType(
            "policy-revision-term",
            _("Styrdokumentet revideras varje mandatperiod"),
            NoParams,
            (),
            _("Ett styrdokument antaget under en tidigare mandatperiod ska revideras."),
        ),
    ]
}
