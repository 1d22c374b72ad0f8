"""Evaluating the policy's rules: load the facts once, run every rule the policy switches on.

``evaluate`` answers the compliance page, the badges, the report and
``utblick check``. ``guard`` is what the register's services call around a
change: an error-level finding that the change would introduce raises
:class:`RuleViolation`, and the change's transaction rolls back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.actionplans.models import ActionPlan
from utblick.activities.models import Activity
from utblick.compliance.rules import ACTIVITY_RULES, RULES, ActivityFacts, Facts, Finding
from utblick.followup.models import FollowUp, FollowUpState, Period
from utblick.funding.models import Funding
from utblick.funding.services import financing
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.models import Policy, PolicyStatus, Principle, Responsibility
from utblick.policies.rule_catalogue import RULE_TYPES
from utblick.reviews.models import Review
from utblick.reviews.services import DECIDING_DUTY


class RuleViolation(ValidationError):
    """An error-level rule of the policy forbids the change; nothing was saved."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        messages = [
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
            for f in findings
        ]
        super().__init__(messages)


def _policy_label(policy: Policy) -> str:
    version = f" {policy.version_label}" if policy.version_label else ""
    return _("%(title)s%(v)s, version %(n)s i Utblick") % {
        "title": policy.title,
        "v": version,
        "n": policy.number,
    }


def activity_facts(activities: Iterable[Activity], slug: str) -> list[ActivityFacts]:
    """Facts from activities fetched with ``facts_queryset`` (no further queries)."""
    out = []
    for a in activities:
        lines = list(a.budget_lines.all())
        rows = list(a.funding.all())
        money = financing(lines, rows)
        reviews = list(a.reviews.all())
        out.append(
            ActivityFacts(
                activity=a,
                unit_name=a.unit.name if a.unit_id else "",
                url=reverse("activities:detail", args=[slug, a.pk]) if a.pk else "",
                goal_count=len(a.goals.all()),
                budget=money.budget,
                external_granted=money.external_granted,
                submitted_periods={f.period_id for f in a.followups.all()},
                last_review=max((r.decided_on for r in reviews), default=None),
            )
        )
    return out


def facts_queryset(municipality: Municipality) -> Any:
    return (
        Activity.objects.filter(municipality=municipality, archived_at__isnull=True)
        .select_related("unit", "deciding_body")
        .prefetch_related(
            "goals",
            "budget_lines",
            Prefetch(
                "funding",
                queryset=Funding.objects.filter(archived_at__isnull=True).select_related("source"),
            ),
            Prefetch("reviews", queryset=Review.objects.only("pk", "activity_id", "decided_on")),
            Prefetch(
                "followups",
                queryset=FollowUp.objects.filter(
                    is_latest=True, state=FollowUpState.SUBMITTED
                ).only("pk", "activity_id", "period_id"),
            ),
        )
    )


def _rules(policy: Policy) -> list[Principle]:
    return [p for p in policy.principles.all() if p.rule_id in RULES]


class Evaluator:
    """The policy in force and what its rules need, loaded once; then evaluate many times."""

    def __init__(
        self, municipality: Municipality, *, today: date | None = None, only: set[str] | None = None
    ):
        self.municipality = municipality
        self.today = today or timezone.localdate()
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
        self.bodies: dict[str, tuple[int, str]] = {}
        if "deciding-body" in self.wanted:
            for r in Responsibility.objects.filter(
                policy=self.policy, unit__isnull=False
            ).select_related("unit"):
                for kind, duty in DECIDING_DUTY.items():
                    if r.duty == duty:
                        self.bodies.setdefault(kind, (r.unit_id, r.unit.name))
        self.closed: list[Any] = []
        if "followup-per-period" in self.wanted:
            self.closed = list(
                Period.objects.filter(municipality=municipality, closes_on__lt=self.today).order_by(
                    "start"
                )
            )

    def run(self, activities: list[ActivityFacts] | None = None) -> list[Finding]:
        """All findings, or only the activity rules' findings about ``activities``."""
        if not self.principles:
            return []
        m = self.municipality
        scoped = activities is not None
        if activities is None:
            activities = activity_facts(facts_queryset(m), m.slug)
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
                )
            )

        return emit


def evaluate(
    municipality: Municipality,
    *,
    today: date | None = None,
    activities: list[ActivityFacts] | None = None,
    only: set[str] | None = None,
) -> list[Finding]:
    """Every finding under the policy in force (or the activity rules' for the given facts)."""
    return Evaluator(municipality, today=today, only=only).run(activities)


def activity_findings(activity: Activity) -> list[Finding]:
    """Findings about one saved activity (a fixed number of queries)."""
    if activity.pk is None:
        return []
    facts = activity_facts(
        facts_queryset(activity.municipality).filter(pk=activity.pk), activity.municipality.slug
    )
    return [f for f in evaluate(activity.municipality, activities=facts) if f.subject == "activity"]


def page_findings(municipality: Municipality, activities: list[Activity]) -> list[Finding]:
    """The activity rules' findings for a page of activities (a fixed number of queries)."""
    if not activities:
        return []
    ids = [a.pk for a in activities]
    return evaluate(
        municipality,
        activities=activity_facts(
            facts_queryset(municipality).filter(pk__in=ids), municipality.slug
        ),
    )


def blocking(activity: Activity) -> set[tuple[str, str, int, str]]:
    return {
        f.key
        for f in activity_findings(activity)
        if f.severity == "error" and f.rule_id in ACTIVITY_RULES
    }


@contextmanager
def guard(activity: Activity) -> Iterator[None]:
    """Around a change to an activity, inside its transaction: refuse new error-level findings."""
    before = blocking(activity) if activity.pk else set()
    yield
    after = [
        f
        for f in activity_findings(activity)
        if f.severity == "error" and f.rule_id in ACTIVITY_RULES
    ]
    new = [f for f in after if f.key not in before]
    if new:
        raise RuleViolation(new)


def warnings_for_new(activity: Activity) -> list[Finding]:
    """Warning-level findings to show right after a save (e.g. twinning discouraged)."""
    return [f for f in activity_findings(activity) if f.severity == "warning"]


def findings_by_activity(findings: list[Finding]) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = {}
    for f in findings:
        if f.subject == "activity":
            out.setdefault(f.subject_id, []).append(f)
    return out


def snapshot(
    municipality: Municipality, *, reason: str, user: Any = None, today: date | None = None
) -> Any:
    """Store the findings that stand now; they stay readable when the policy changes."""
    from utblick.compliance.models import ComplianceRun
    from utblick.core.services import save_versioned

    findings = evaluate(municipality, today=today)
    policy = Policy.objects.filter(municipality=municipality, status=PolicyStatus.IN_FORCE).first()
    run = ComplianceRun(
        municipality=municipality,
        policy=policy,
        reason=reason,
        run_by=user,
        findings=[f.as_json() for f in findings],
        error_count=sum(f.severity == "error" for f in findings),
        warning_count=sum(f.severity == "warning" for f in findings),
    )
    save_versioned(run, expected_version=None, user=user)
    return run
