"""The rule types: each a small function from facts and typed parameters to findings.

A rule never queries the database: the engine loads the facts once (a fixed
number of queries) and hands each rule what it needs. That keeps the
compliance page's query count independent of the number of activities, and
lets the same rules check an activity that is not saved yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from utblick.activities.models import Kind, Status
from utblick.core.dates import add_months
from utblick.core.terms import term_of_office_start, term_start_date
from utblick.policies.rule_catalogue import RULE_TYPES, VALUE_LABELS

ENGAGED = (Status.ACTIVE, Status.COMPLETED)
LIVE = (Status.PROPOSED, Status.ACTIVE)


@dataclass(frozen=True)
class Finding:
    """One place where the work does not follow a principle, explained."""

    rule_id: str
    severity: str  # error | warning
    principle_key: str
    principle_text: str
    principle_source: str
    policy_label: str
    subject: str  # activity | unit | policy
    subject_id: int
    subject_label: str
    url: str
    unit: str
    message: str
    resolution: str

    @property
    def key(self) -> tuple[str, str, int, str]:
        """The same breach of the same principle by the same record, whatever the figures now."""
        return (self.rule_id, self.subject, self.subject_id, self.principle_key)

    @property
    def rule_title(self) -> str:
        rule = RULE_TYPES.get(self.rule_id)
        return str(rule.title) if rule else self.rule_id

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "severity": self.severity,
            "principle": self.principle_text,
            "source": self.principle_source,
            "policy": self.policy_label,
            "subject": self.subject,
            "subject_id": self.subject_id,
            "record": self.subject_label,
            "unit": self.unit,
            "message": self.message,
            "resolution": self.resolution,
            "url": self.url,
        }


@dataclass
class ActivityFacts:
    """What the rules know of one activity (saved or not)."""

    activity: Any
    unit_name: str
    url: str
    goal_count: int
    budget: Decimal
    external_granted: Decimal
    #: (year, key) of each period the activity's follow-up was submitted for.
    submitted_periods: set[tuple[int, str]] = field(default_factory=set)
    last_review: date | None = None


@dataclass
class Facts:
    today: date
    policy: Any
    activities: list[ActivityFacts]
    deciding_bodies: dict[str, tuple[int, str]]  # kind → (unit id, name) from responsibilities
    units: list[Any]  # current units, with .contact_count and .url
    plans: dict[tuple[int, int], Any]  # (unit id, year) → plan
    closed_periods: list[Any]
    slug: str


Emit = Callable[..., None]
RuleFn = Callable[[Facts, Any, Emit], None]


def _kinds(values: list[str]) -> str:
    return ", ".join(str(VALUE_LABELS.get(v, v)) for v in values)


def aid_fully_external(facts: Facts, params: Any, emit: Emit) -> None:
    share = Decimal(params.min_external_share_percent) / 100
    for f in facts.activities:
        a = f.activity
        if a.kind != Kind.PROJECT or not a.is_development_aid or a.status not in ENGAGED:
            continue
        needed = (f.budget * share).quantize(Decimal("0.01"))
        if f.budget <= 0 or f.external_granted < needed:
            emit(
                f,
                _(
                    "Biståndsprojektets budget är %(budget)s kr men bara %(ext)s kr är beviljat från annan part."
                )
                % {
                    "budget": f"{f.budget:,.0f}".replace(",", " "),
                    "ext": f"{f.external_granted:,.0f}".replace(",", " "),
                },
                _(
                    "Registrera budget och beviljad extern finansiering som täcker hela budgeten, eller låt projektet stanna som förslag."
                ),
            )


def twinning_discouraged(facts: Facts, params: Any, emit: Emit) -> None:
    since = facts.policy.decided_on
    for f in facts.activities:
        a = f.activity
        if a.kind != Kind.TWIN_CITY or a.status in (Status.REJECTED, Status.ENDED):
            continue
        if a.agreement_date is None or a.agreement_date >= since:
            emit(
                f,
                _(
                    "Ett nytt vänortsavtal trots att styrdokumentet inte rekommenderar nya traditionella vänortsavtal."
                ),
                _(
                    "Överväg ett tidsbegränsat samarbetsavtal eller ett gemensamt projekt i stället, som kan avslutas vid behov."
                ),
            )


def review_interval(facts: Facts, params: Any, emit: Emit) -> None:

    for f in facts.activities:
        a = f.activity
        if a.kind not in params.kinds or a.status not in (Status.ACTIVE,):
            continue
        last = f.last_review or a.member_since or a.agreement_date or a.start_date
        due = a.next_review_on or (add_months(last, params.months) if last else None)
        if due is None or due < facts.today:
            emit(
                f,
                _("Skulle ha omprövats senast %(due)s (omprövning minst var %(months)s:e månad).")
                % {"due": due.isoformat() if due else _("(okänt)"), "months": params.months},
                _(
                    "Ompröva syfte och nytta och registrera beslutet: fortsätt, ändra eller avsluta."
                ),
            )


def deciding_body(facts: Facts, params: Any, emit: Emit) -> None:
    for f in facts.activities:
        a = f.activity
        if a.kind not in params.kinds or a.status not in LIVE:
            continue
        required = facts.deciding_bodies.get(a.kind)
        if required is None:
            continue
        if a.deciding_body_id != required[0]:
            emit(
                f,
                _("Beslutat av %(actual)s, men enligt ansvarsfördelningen beslutar %(required)s.")
                % {
                    "actual": a.deciding_body.name
                    if a.deciding_body_id
                    else _("(inget organ angivet)"),
                    "required": required[1],
                },
                _(
                    "Ange %(required)s som beslutande organ med beslutets diarienummer, eller för upp ärendet dit."
                )
                % {"required": required[1]},
            )


def contact_per_office(facts: Facts, params: Any, emit: Emit) -> None:
    for unit in facts.units:
        if unit.kind in params.office_kinds and unit.contact_count == 0:
            emit(
                unit,
                _("Kontoret har ingen kontaktperson för det internationella arbetet."),
                _(
                    "Låt nämnden utse en kontaktperson från kontoret och registrera hen under Kontaktpersoner."
                ),
            )


def yearly_action_plan(facts: Facts, params: Any, emit: Emit) -> None:
    month, day = (int(x) for x in params.evaluated_by.split("-"))
    year = facts.today.year
    for unit in facts.units:
        if unit.kind not in params.unit_kinds:
            continue
        if (unit.pk, year) not in facts.plans:
            emit(
                unit,
                _("Handlingsplan för %(y)s saknas.") % {"y": year},
                _("Upprätta en utvärderingsbar handlingsplan för året under Handlingsplaner."),
            )
        previous = facts.plans.get((unit.pk, year - 1))
        if (
            previous is not None
            and previous.state != "evaluated"
            and facts.today > date(year - 1, month, day)
        ):
            emit(
                unit,
                _("Handlingsplanen för %(y)s är inte utvärderad.") % {"y": year - 1},
                _("Utvärdera varje åtgärd och markera planen som utvärderad."),
            )


def followup_per_period(facts: Facts, params: Any, emit: Emit) -> None:
    for period in facts.closed_periods:
        if period.closes_on + timedelta(days=params.grace_days) >= facts.today:
            continue
        for f in facts.activities:
            a = f.activity
            if a.status not in (Status.ACTIVE, Status.COMPLETED, Status.ENDED):
                continue
            started = a.start_date is None or a.start_date <= period.end
            running = a.end_date is None or a.end_date >= period.start
            if a.status != Status.ACTIVE and a.end_date is None:
                running = False
            if started and running and (period.year, period.key) not in f.submitted_periods:
                emit(
                    f,
                    _("Uppföljning saknas för %(period)s.") % {"period": period.name},
                    _(
                        "Lämna in uppföljningen som en rättelse, med skäl, eftersom perioden är stängd."
                    ),
                )


def project_goal_link(facts: Facts, params: Any, emit: Emit) -> None:
    for f in facts.activities:
        a = f.activity
        if (
            a.kind == Kind.PROJECT
            and a.status != Status.REJECTED
            and f.goal_count == 0
            and not a.development_area.strip()
        ):
            emit(
                f,
                _("Projektet är inte kopplat till något mål eller utvecklingsområde."),
                _(
                    "Koppla projektet till ett mål i styrdokumentet eller ange det utvecklingsområde det tjänar."
                ),
            )


def child_perspective(facts: Facts, params: Any, emit: Emit) -> None:
    for f in facts.activities:
        a = f.activity
        if (
            a.kind in params.kinds
            and a.status not in (Status.IDEA, Status.REJECTED)
            and not a.child_impact
        ):
            emit(
                f,
                _("Barnperspektivet är inte bedömt."),
                _("Bedöm hur aktiviteten påverkar barn och unga (%(kinds)s ska bedömas).")
                % {"kinds": _kinds(params.kinds)},
            )


def policy_revision_term(facts: Facts, params: Any, emit: Emit) -> None:
    policy = facts.policy
    current = term_of_office_start(facts.today)
    if policy.term_of_office < current:
        emit(
            policy,
            _("Antaget under mandatperioden %(old)s–%(end)s; en ny mandatperiod började %(start)s.")
            % {
                "old": policy.term_of_office,
                "end": policy.term_of_office + 4,
                "start": term_start_date(current).isoformat(),
            },
            _("Revidera styrdokumentet och läs in den nya versionen."),
        )


RULES: dict[str, RuleFn] = {
    "aid-fully-external": aid_fully_external,
    "twinning-discouraged": twinning_discouraged,
    "review-interval": review_interval,
    "deciding-body": deciding_body,
    "contact-per-office": contact_per_office,
    "yearly-action-plan": yearly_action_plan,
    "followup-per-period": followup_per_period,
    "project-goal-link": project_goal_link,
    "child-perspective": child_perspective,
    "policy-revision-term": policy_revision_term,
}

#: The activity fields the rules read; a list that evaluates rules loads at least these.
FACT_FIELDS = (
    "kind",
    "status",
    "start_date",
    "end_date",
    "agreement_date",
    "member_since",
    "next_review_on",
    "child_impact",
    "development_area",
    "is_development_aid",
    "deciding_body_id",
    "unit_id",
    "municipality_id",
    "title",
    "archived_at",
)

#: Rules that concern one activity's own data: an error-level one blocks its save.
ACTIVITY_RULES = {
    "aid-fully-external",
    "twinning-discouraged",
    "review-interval",
    "deciding-body",
    "project-goal-link",
    "child-perspective",
}
