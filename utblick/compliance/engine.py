"""Evaluating the policy's rules: load the facts once, run every rule the policy switches on.

``evaluate`` answers the compliance page, the badges, the report and
``utblick check``. ``guard`` is what the register's services call around a
change: an error-level finding that the change would introduce raises
:class:`RuleViolation`, and the change's transaction rolls back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.actionplans.models import ActionPlan
from utblick.activities.models import DECIDING_DUTY, Activity, BudgetLine
from utblick.compliance.rules import (
    ACTIVITY_RULES,
    RULE_FIELDS,
    RULES,
    ActivityFacts,
    Facts,
    Finding,
)
from utblick.core import clock
from utblick.followup.models import FollowUp, FollowUpState
from utblick.followup.selectors import closed_periods
from utblick.funding.models import Funding, FundingStatus
from utblick.funding.selectors import financing
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.models import Policy, PolicyStatus, Principle, Responsibility
from utblick.policies.rule_catalogue import RULE_TYPES
from utblick.reviews.models import Review


class RuleViolation(ValidationError):
    """An error-level rule of the policy forbids the change; nothing was saved."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        messages: dict[str, list[str]] = {}
        for f in findings:
            messages.setdefault(f.field or "__all__", []).append(
                _(
                    "%(message)s Styrdokumentet säger: ”%(principle)s” (%(source)s, %(policy)s). %(resolution)s"
                )
                % {
                    "message": f.message,
                    "principle": f.principle_text,
                    "source": f.principle_source,
                    "policy": f.policy_label,
                    "resolution": f.resolution,
                }
            )
        super().__init__(messages)


def _policy_label(policy: Policy) -> str:
    version = f" {policy.version_label}" if policy.version_label else ""
    return _("%(title)s%(v)s, version %(n)s i Utblick") % {
        "title": policy.title,
        "v": version,
        "n": policy.number,
    }


#: What each rule needs fetched beyond the activity itself (the rest is not fetched).
RULE_NEEDS: dict[str, set[str]] = {
    "aid-fully-external": {"money"},
    "review-interval": {"reviews"},
    "contact-interval": {"contacts"},
    "project-goal-link": {"goals"},
    "followup-per-period": {"followups"},
}
ALL_NEEDS = {"money", "reviews", "goals", "followups", "contacts"}


def activity_facts(
    activities: Iterable[Activity], slug: str, needs: set[str] = ALL_NEEDS
) -> list[ActivityFacts]:
    """What the rules know of each activity: the rows given, plus grouped queries for ``needs``.

    Grouped value queries rather than prefetches: a fixed number of queries and
    no related objects built per row. The rows need ``rules.FACT_FIELDS`` and unit.
    """
    rows = list(activities)
    ids = [a.pk for a in rows if a.pk]
    goals: dict[int, int] = {}
    budget: dict[int, Decimal] = {}
    granted: dict[int, Decimal] = {}
    reviews: dict[int, Any] = {}
    periods: dict[int, set[tuple[int, str]]] = {}
    contacted: dict[int, Any] = {}
    if ids and "goals" in needs:
        through = Activity.goals.through.objects.filter(activity_id__in=ids)
        goals = dict(
            through.values("activity_id").annotate(n=Count("pk")).values_list("activity_id", "n")
        )
    if ids and "money" in needs:
        budget = dict(
            BudgetLine.objects.filter(activity_id__in=ids)
            .values("activity_id")
            .annotate(total=Sum("budget"))
            .values_list("activity_id", "total")
        )
        external = Funding.objects.filter(
            activity_id__in=ids,
            archived_at__isnull=True,
            source__external=True,
            status=FundingStatus.GRANTED,
            granted_amount__isnull=False,
        )
        for activity_id, amount, rate in external.values_list(
            "activity_id", "granted_amount", "rate_to_sek"
        ):
            granted[activity_id] = granted.get(activity_id, Decimal(0)) + (amount * rate).quantize(
                Decimal("0.01")
            )
    if ids and "reviews" in needs:
        reviews = dict(
            Review.objects.filter(activity_id__in=ids)
            .values("activity_id")
            .annotate(last=Max("decided_on"))
            .values_list("activity_id", "last")
        )
    if ids and "followups" in needs:
        submitted = FollowUp.objects.filter(
            activity_id__in=ids, is_latest=True, state=FollowUpState.SUBMITTED
        )
        for activity_id, year, key in submitted.values_list(
            "activity_id", "period__year", "period__key"
        ):
            periods.setdefault(activity_id, set()).add((year, key))
    if ids and "contacts" in needs:
        contacted = {
            activity_id: timezone.localdate(when)
            for activity_id, when in FollowUp.objects.filter(
                activity_id__in=ids, submitted_at__isnull=False
            )
            .values("activity_id")
            .annotate(last=Max("submitted_at"))
            .values_list("activity_id", "last")
        }
    base = reverse("activities:detail", args=[slug, 0])[: -len("0/")]
    return [
        ActivityFacts(
            activity=a,
            unit_name=a.unit.name if a.unit_id else "",
            url=f"{base}{a.pk}/" if a.pk else "",
            goal_count=goals.get(a.pk, 0),
            budget=budget.get(a.pk) or Decimal(0),
            external_granted=granted.get(a.pk, Decimal(0)),
            submitted_periods=periods.get(a.pk, set()),
            last_review=reviews.get(a.pk),
            last_followup=contacted.get(a.pk),
        )
        for a in rows
    ]


def facts_queryset(municipality: Municipality) -> Any:
    """The current activities with what ``activity_facts`` reads from the row itself."""
    return Activity.objects.filter(
        municipality=municipality, archived_at__isnull=True
    ).select_related("unit", "deciding_body", "end_deciding_body")


def deciding_bodies(policy: Policy) -> dict[str, list[tuple[int, str]]]:
    """Each agreement kind's deciding bodies under the policy: any one of them may decide.

    A duty may be given to several bodies (one responsibility each, "KF or KS"),
    or to every unit of some kinds; a body named twice counts once.
    """
    duties = {duty: kind for kind, duty in DECIDING_DUTY.items()}
    rows = list(
        Responsibility.objects.filter(policy=policy, duty__in=duties).select_related("unit")
    )
    wanted_kinds = {k for r in rows if r.unit_id is None for k in r.unit_kinds}
    by_kind: dict[str, list[Unit]] = {}
    if wanted_kinds:
        for unit in (
            Unit.objects.current()
            .filter(municipality_id=policy.municipality_id, kind__in=wanted_kinds)
            .order_by("position", "name")
        ):
            by_kind.setdefault(unit.kind, []).append(unit)
    bodies: dict[str, list[tuple[int, str]]] = {}
    for r in sorted(rows, key=lambda r: (r.position, r.pk)):
        units = [r.unit] if r.unit_id else [u for k in r.unit_kinds for u in by_kind.get(k, [])]
        named = bodies.setdefault(duties[r.duty], [])
        for unit in units:
            if (unit.pk, unit.name) not in named:
                named.append((unit.pk, unit.name))
    return bodies


def _needs(rules: set[str]) -> set[str]:
    return set().union(*(RULE_NEEDS.get(rule, set()) for rule in rules))


def _rules(policy: Policy) -> list[Principle]:
    return [p for p in policy.principles.all() if p.rule_id in RULES]


class Evaluator:
    """The policy in force and what its rules need, loaded once; then evaluate many times."""

    def __init__(self, municipality: Municipality, *, only: set[str] | None = None):
        self.municipality = municipality
        self.today = clock.today()
        self.policy = (
            Policy.objects.filter(municipality=municipality, status=PolicyStatus.IN_FORCE)
            .prefetch_related(
                Prefetch(
                    "principles",
                    queryset=Principle.objects.exclude(rule_id="").order_by("position"),
                )
            )
            .first()
        )
        self.principles = [
            p
            for p in (_rules(self.policy) if self.policy else [])
            if only is None or p.rule_id in only
        ]
        self.wanted = {p.rule_id for p in self.principles}
        self.label = _policy_label(self.policy) if self.policy else ""
        self.bodies: dict[str, list[tuple[int, str]]] = {}
        if self.wanted & {"deciding-body", "end-decision"}:
            self.bodies = deciding_bodies(self.policy)
        self.closed: list[Any] = []
        if "followup-per-period" in self.wanted:
            self.closed = closed_periods(municipality, self.today)

    def run(self, activities: list[ActivityFacts] | None = None) -> list[Finding]:
        """All findings, or only the activity rules' findings about ``activities``."""
        if not self.principles:
            return []
        m = self.municipality
        scoped = activities is not None
        if activities is None:
            activities = activity_facts(facts_queryset(m), m.slug, _needs(self.wanted))
        units: list[Any] = []
        plans: dict[tuple[int, int], Any] = {}
        if not scoped and self.wanted & {"contact-per-office", "yearly-action-plan"}:
            units = list(
                Unit.objects.current()
                .filter(municipality=m)
                .annotate(
                    contact_count=Count("contacts", filter=Q(contacts__archived_at__isnull=True))
                )
                .order_by("position", "name")
            )
            plans = {
                (p.unit_id, p.year): p
                for p in ActionPlan.objects.filter(
                    municipality=m, year__in=[self.today.year, self.today.year - 1]
                )
            }
        facts = Facts(
            self.today, self.policy, activities, self.bodies, units, plans, self.closed, m.slug
        )
        findings: list[Finding] = []
        for principle in self.principles:
            if scoped and principle.rule_id not in ACTIVITY_RULES | {"followup-per-period"}:
                continue
            params = RULE_TYPES[principle.rule_id].params.model_validate(principle.rule_params)
            RULES[principle.rule_id](facts, params, self._emitter(principle, findings))
        return findings

    def _emitter(self, principle: Principle, findings: list[Finding]) -> Any:
        slug = self.municipality.slug

        def emit(subject: Any, message: str, resolution: str) -> None:
            if isinstance(subject, ActivityFacts):
                kind, pk, name, url, unit = (
                    "activity",
                    subject.activity.pk or 0,
                    subject.activity.title,
                    subject.url,
                    subject.unit_name,
                )
            elif isinstance(subject, Policy):
                kind, pk, name, unit = "policy", subject.pk, str(subject), ""
                url = reverse("policies:current", args=[slug])
            else:
                kind, pk, name, unit = "unit", subject.pk, subject.name, subject.name
                url = reverse("organisation:unit_detail", args=[slug, subject.pk])
            findings.append(
                Finding(
                    rule_id=principle.rule_id,
                    severity=principle.rule_severity or "warning",
                    principle_key=principle.key,
                    principle_text=principle.text,
                    principle_source=principle.source,
                    policy_label=self.label,
                    subject=kind,
                    subject_id=pk,
                    subject_label=name,
                    url=url,
                    unit=unit,
                    message=message,
                    resolution=resolution,
                    field=RULE_FIELDS.get(principle.rule_id, "") if kind == "activity" else "",
                )
            )

        return emit


def evaluate(
    municipality: Municipality,
    *,
    activities: list[ActivityFacts] | None = None,
    only: set[str] | None = None,
) -> list[Finding]:
    """Every finding under the policy in force (or the activity rules' for the given facts)."""
    return Evaluator(municipality, only=only).run(activities)


def _scoped_findings(municipality: Municipality, ids: list[int]) -> list[Finding]:
    """The activity rules' findings about these activities; nothing is fetched that no rule needs."""
    evaluator = Evaluator(municipality, only=ACTIVITY_RULES | {"followup-per-period"})
    if not evaluator.principles or not ids:
        return []
    rows = facts_queryset(municipality).filter(pk__in=ids)
    return evaluator.run(activity_facts(rows, municipality.slug, _needs(evaluator.wanted)))


def activity_findings(activity: Activity) -> list[Finding]:
    """Findings about one saved activity (a fixed number of queries)."""
    if activity.pk is None:
        return []
    found = _scoped_findings(activity.municipality, [activity.pk])
    return [f for f in found if f.subject == "activity"]


def page_findings(municipality: Municipality, activities: list[Activity]) -> list[Finding]:
    """The activity rules' findings for a page of already fetched activities.

    The rows must carry ``rules.FACT_FIELDS`` and their unit (a fixed number of queries).
    """
    evaluator = Evaluator(municipality, only=ACTIVITY_RULES | {"followup-per-period"})
    if not evaluator.principles or not activities:
        return []
    return evaluator.run(activity_facts(activities, municipality.slug, _needs(evaluator.wanted)))


def _blocking(findings: list[Finding]) -> list[Finding]:
    return [
        f
        for f in findings
        if f.severity == "error" and f.rule_id in ACTIVITY_RULES and f.subject == "activity"
    ]


def blocking_keys(municipality: Municipality, ids: list[int]) -> set[tuple[str, str, int, str]]:
    """The error-level findings that stand now about these activities (a fixed number of queries)."""
    return {f.key for f in _blocking(_scoped_findings(municipality, [i for i in ids if i]))}


def refuse_new_violations(
    municipality: Municipality, ids: list[int], before: set[tuple[str, str, int, str]]
) -> None:
    """Inside a change's transaction: :class:`RuleViolation` if it broke a rule that held before."""
    new = [f for f in _blocking(_scoped_findings(municipality, ids)) if f.key not in before]
    if new:
        raise RuleViolation(new)


@contextmanager
def guard(activity: Activity) -> Iterator[None]:
    """Around a change to an activity, inside its transaction: refuse new error-level findings."""
    municipality = activity.municipality
    before = blocking_keys(municipality, [activity.pk]) if activity.pk else set()
    yield
    refuse_new_violations(municipality, [activity.pk], before)


class RuleCheck:
    """The policy's error-level activity rules for activities not written yet (the import's preview).

    Loaded once for a whole file; the writes themselves are guarded by
    :func:`refuse_new_violations`, with the same rules on what was written.
    """

    def __init__(self, municipality: Municipality):
        self.evaluator = Evaluator(municipality, only=set(ACTIVITY_RULES))

    def errors(self, activity: Activity, goal_count: int) -> list[Finding]:
        lines = list(activity.budget_lines.all()) if activity.pk else []
        rows = list(activity.funding.select_related("source")) if activity.pk else []
        money = financing(lines, rows)
        unit = activity.unit.name if activity.unit_id else ""
        facts = ActivityFacts(activity, unit, "", goal_count, money.budget, money.external_granted)
        return _blocking(self.evaluator.run([facts]))


def warnings_for_new(activity: Activity) -> list[Finding]:
    """Warning-level findings to show right after a save (e.g. twinning discouraged)."""
    return [f for f in activity_findings(activity) if f.severity == "warning"]


def findings_by_activity(findings: list[Finding]) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = {}
    for f in findings:
        if f.subject == "activity":
            out.setdefault(f.subject_id, []).append(f)
    return out
