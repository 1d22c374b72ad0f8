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

from utblick.activities.models import Status
from utblick.core.dates import add_months
from utblick.core.terms import term_of_office_start, term_start_date
from utblick.policies.rule_catalogue import RULE_TYPES, VALUE_LABELS


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
    #: The activity field the finding is about, so a form, the API and the import show it there.
    field: str = ""

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
            "field": self.field,
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
    #: The day the latest follow-up was submitted (a contact with the partner, too).
    last_followup: date | None = None


@dataclass
class Facts:
    today: date
    policy: Any
    activities: list[ActivityFacts]
    #: kind → the bodies (unit id, name) the responsibilities let decide on it, any one enough.
    deciding_bodies: dict[str, list[tuple[int, str]]]
    units: list[Any]  # current units, with .contact_count and .url
    plans: dict[tuple[int, int], Any]  # (unit id, year) → plan
    closed_periods: list[Any]
    slug: str


Emit = Callable[..., None]
RuleFn = Callable[[Facts, Any, Emit], None]


def _kinds(values: list[str]) -> str:
    return ", ".join(str(VALUE_LABELS.get(v, v)) for v in values)


def _in_scope(facts: Facts, params: Any) -> list[ActivityFacts]:
    """The activities of the kinds and statuses the rule's parameters name."""
    kinds, statuses = set(params.kinds), set(params.statuses)
    return [
        f for f in facts.activities if f.activity.kind in kinds and f.activity.status in statuses
    ]


def _either(bodies: list[tuple[int, str]]) -> str:
    names = [name for _pk, name in bodies]
    if len(names) == 1:
        return names[0]
    return _("%(some)s eller %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


def _kr(amount: Decimal) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def aid_fully_external(facts: Facts, params: Any, emit: Emit) -> None:
    share = Decimal(params.min_external_share_percent) / 100
    for f in _in_scope(facts, params):
        if not f.activity.is_development_aid:
            continue
        needed = (f.budget * share).quantize(Decimal("0.01"))
        if f.budget <= 0 or f.external_granted < needed:
            emit(
                f,
                _(
                    "Biståndsinsatsens budget är %(budget)s kr men bara %(ext)s kr är beviljat från annan part."
                )
                % {"budget": _kr(f.budget), "ext": _kr(f.external_granted)},
                _(
                    "Registrera budget och beviljad extern finansiering som täcker hela budgeten, eller låt insatsen stanna som förslag."
                ),
            )


def twinning_discouraged(facts: Facts, params: Any, emit: Emit) -> None:
    since = facts.policy.decided_on
    for f in _in_scope(facts, params):
        a = f.activity
        # Without an agreement date, a decided twin city's age is unknown, not new.
        proposal = a.status in (Status.IDEA, Status.PROPOSED)
        if (a.agreement_date is None and proposal) or (
            a.agreement_date is not None and a.agreement_date >= since
        ):
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
    for f in _in_scope(facts, params):
        a = f.activity
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
    for f in _in_scope(facts, params):
        a = f.activity
        required = facts.deciding_bodies.get(a.kind)
        if not required:
            continue
        if a.deciding_body_id not in {pk for pk, _name in required}:
            emit(
                f,
                _("Beslutat av %(actual)s, men enligt ansvarsfördelningen beslutar %(required)s.")
                % {
                    "actual": a.deciding_body.name
                    if a.deciding_body_id
                    else _("(inget organ angivet)"),
                    "required": _either(required),
                },
                _(
                    "Ange %(required)s som beslutande organ med beslutets diarienummer, eller för upp ärendet dit."
                )
                % {"required": _either(required)},
            )


def end_decision(facts: Facts, params: Any, emit: Emit) -> None:
    for f in _in_scope(facts, params):
        a = f.activity
        required = facts.deciding_bodies.get(a.kind) or (
            [(a.deciding_body_id, a.deciding_body.name)] if a.deciding_body_id else []
        )
        if not required or a.end_deciding_body_id in {pk for pk, _name in required}:
            continue
        emit(
            f,
            _("Avslutet beslutades av %(actual)s, men %(required)s beslutar om %(kind)s.")
            % {
                "actual": a.end_deciding_body.name
                if a.end_deciding_body_id
                else _("(inget organ angivet)"),
                "required": _either(required),
                "kind": _kinds([a.kind]),
            },
            _(
                "För upp avslutet till %(required)s och registrera beslutet om avslut med organ och diarienummer."
            )
            % {"required": _either(required)},
        )


def contact_interval(facts: Facts, params: Any, emit: Emit) -> None:
    for f in _in_scope(facts, params):
        a = f.activity
        contacts = [d for d in (a.last_contact_on, f.last_followup) if d is not None]
        last = max(contacts) if contacts else None
        since = last or a.agreement_date or a.member_since or a.start_date
        due = add_months(since, params.months) if since else None
        if due is not None and due >= facts.today:
            continue
        emit(
            f,
            _("Senaste kontakt %(last)s; kontakt ska ske minst var %(months)s:e månad.")
            % {
                "last": last.isoformat() if last else _("är okänd"),
                "months": params.months,
            },
            _(
                "Ta kontakt (ett möte, ett besök, ett samtal) och registrera datumet som senaste kontakt, eller ompröva avtalet."
            ),
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
    for f in _in_scope(facts, params):
        a = f.activity
        if f.goal_count == 0 and not a.development_area.strip():
            emit(
                f,
                _("Projektet är inte kopplat till något mål eller utvecklingsområde."),
                _(
                    "Koppla projektet till ett mål i styrdokumentet eller ange det utvecklingsområde det tjänar."
                ),
            )


def child_perspective(facts: Facts, params: Any, emit: Emit) -> None:
    for f in _in_scope(facts, params):
        a = f.activity
        if not a.child_impact:
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
    "contact-interval": contact_interval,
    "deciding-body": deciding_body,
    "end-decision": end_decision,
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
    "end_deciding_body_id",
    "last_contact_on",
    "unit_id",
    "municipality_id",
    "title",
    "archived_at",
)

#: The activity field each activity rule's findings are about.
RULE_FIELDS = {
    "aid-fully-external": "is_development_aid",
    "twinning-discouraged": "agreement_date",
    "review-interval": "next_review_on",
    "contact-interval": "last_contact_on",
    "deciding-body": "deciding_body",
    "end-decision": "end_deciding_body",
    "project-goal-link": "goals",
    "child-perspective": "child_impact",
}

#: Rules that concern one activity's own data: an error-level one blocks its save.
ACTIVITY_RULES = {
    "aid-fully-external",
    "twinning-discouraged",
    "review-interval",
    "contact-interval",
    "deciding-body",
    "end-decision",
    "project-goal-link",
    "child-perspective",
}
