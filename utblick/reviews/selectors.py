"""What the policy in force says about reviewing an agreement: who decides, how often.

And what a decision draft (tjänsteskrivelse) says: :func:`decision_draft_content` reads
the case, its history, money, the policy passages that apply and the compliance
findings into plain data that the Word and PDF renderers draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.activities.models import DECIDING_DUTY, REVIEWABLE, Activity, Kind
from utblick.compliance.engine import activity_findings, deciding_bodies
from utblick.followup.models import FollowUp, FollowUpState
from utblick.organisation.models import Unit
from utblick.policies.models import Policy, PolicyStatus, Principle, Responsibility
from utblick.policies.rule_catalogue import RULE_TYPES
from utblick.policies.selectors import policy_in_force
from utblick.reports.data import Table
from utblick.reviews.models import DecisionDraft, DraftAction

DEFAULT_INTERVAL_MONTHS = 24


def deciding_body_for(activity: Activity) -> Any:
    """The body the policy in force says decides on this kind of agreement, if it says so."""
    duty = DECIDING_DUTY.get(activity.kind)
    if duty is None:
        return None
    responsibility = (
        Responsibility.objects.filter(
            policy__municipality_id=activity.municipality_id,
            policy__status=PolicyStatus.IN_FORCE,
            duty=duty,
            unit__isnull=False,
        )
        .select_related("unit")
        .first()
    )
    return responsibility.unit if responsibility else None


def review_interval_months(activity: Activity) -> int:
    """The interval the policy in force sets for this kind (review-interval rule), else 24."""
    for principle in Principle.objects.filter(
        policy__municipality_id=activity.municipality_id,
        policy__status=PolicyStatus.IN_FORCE,
        rule_id="review-interval",
    ):
        kinds = principle.rule_params.get("kinds", list(REVIEWABLE))
        if activity.kind in kinds:
            return int(principle.rule_params.get("months", DEFAULT_INTERVAL_MONTHS))
    return DEFAULT_INTERVAL_MONTHS


# --- decision drafts ----------------------------------------------------------------------------

#: The draft's subject line for each kind and action.
SUBJECTS: dict[tuple[str, str], Any] = {
    (Kind.TWIN_CITY, DraftAction.ENTER): gettext_lazy("Ingående av vänortsavtal med %(with)s"),
    (Kind.TWIN_CITY, DraftAction.CONTINUE): gettext_lazy("Fortsatt vänortsavtal med %(with)s"),
    (Kind.TWIN_CITY, DraftAction.END): gettext_lazy("Avslut av vänortsavtalet med %(with)s"),
    (Kind.PARTNERSHIP, DraftAction.ENTER): gettext_lazy("Ingående av partnerskap med %(with)s"),
    (Kind.PARTNERSHIP, DraftAction.CONTINUE): gettext_lazy("Fortsatt partnerskap med %(with)s"),
    (Kind.PARTNERSHIP, DraftAction.END): gettext_lazy("Avslut av partnerskapet med %(with)s"),
    (Kind.NETWORK, DraftAction.ENTER): gettext_lazy("Medlemskap i %(with)s"),
    (Kind.NETWORK, DraftAction.CONTINUE): gettext_lazy("Fortsatt medlemskap i %(with)s"),
    (Kind.NETWORK, DraftAction.END): gettext_lazy("Utträde ur %(with)s"),
}
#: The proposed decision for each kind and action, with the deciding body as its subject.
PROPOSALS: dict[tuple[str, str], Any] = {
    (Kind.TWIN_CITY, DraftAction.ENTER): gettext_lazy(
        "%(body)s beslutar att ingå vänortsavtal med %(with)s."
    ),
    (Kind.TWIN_CITY, DraftAction.CONTINUE): gettext_lazy(
        "%(body)s beslutar att vänortsavtalet med %(with)s fortsätter."
    ),
    (Kind.TWIN_CITY, DraftAction.END): gettext_lazy(
        "%(body)s beslutar att avsluta vänortsavtalet med %(with)s."
    ),
    (Kind.PARTNERSHIP, DraftAction.ENTER): gettext_lazy(
        "%(body)s beslutar att ingå partnerskap med %(with)s."
    ),
    (Kind.PARTNERSHIP, DraftAction.CONTINUE): gettext_lazy(
        "%(body)s beslutar att partnerskapet med %(with)s fortsätter."
    ),
    (Kind.PARTNERSHIP, DraftAction.END): gettext_lazy(
        "%(body)s beslutar att avsluta partnerskapet med %(with)s."
    ),
    (Kind.NETWORK, DraftAction.ENTER): gettext_lazy(
        "%(body)s beslutar att kommunen blir medlem i %(with)s."
    ),
    (Kind.NETWORK, DraftAction.CONTINUE): gettext_lazy(
        "%(body)s beslutar att kommunen fortsätter som medlem i %(with)s."
    ),
    (Kind.NETWORK, DraftAction.END): gettext_lazy(
        "%(body)s beslutar att kommunen lämnar %(with)s."
    ),
}


@dataclass(frozen=True)
class Passage:
    """A passage of the policy, quoted as written, with the section it stands in."""

    text: str
    source: str
    kind: str  # "Princip" or "Ansvarsfördelning", as the reader sees it


@dataclass
class DraftContent:
    """Everything a decision draft says, as plain values; both renderers read only this."""

    municipality: str
    heading: str
    addressed_to: Unit
    subject: str
    from_unit: str
    written_by: str
    background: list[str]
    case: Table
    history: list[Table]
    money: list[Table]
    policy: Policy | None
    policy_citation: str
    passages: list[Passage]
    findings: Table
    proposal: str
    registrar_fields: list[str] = field(default_factory=list)


def policy_for_draft(activity: Activity) -> Policy | None:
    """The version in force that a draft about ``activity`` quotes (None if none is)."""
    return policy_in_force(activity.municipality)


def draft_addressee(activity: Activity, policy: Policy | None) -> Unit | None:
    """The body the policy in force names to decide on this kind (its first), else the
    body that decided the agreement; None when neither is known."""
    if policy is not None:
        named = deciding_bodies(policy).get(activity.kind, [])
        if named:
            return Unit.objects.get(pk=named[0][0], municipality_id=activity.municipality_id)
    return activity.deciding_body


def counterpart(activity: Activity) -> str:
    """Whom the agreement is with, as the subject line says it ("Vasa, Finland")."""
    if activity.kind == Kind.NETWORK:
        return activity.network.name if activity.network_id else activity.title
    if activity.place:
        return ", ".join(p for p in (activity.place, activity.country_name) if p)
    partners = [link.partner.name for link in activity.partner_links.all()]
    return ", ".join(partners) or activity.title


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


def _case(activity: Activity) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [(_("Typ"), str(activity.get_kind_display()))]
    partners = [
        f"{link.partner.name} ({link.partner.country})" for link in activity.partner_links.all()
    ]
    if activity.kind == Kind.NETWORK:
        rows.append((_("Nätverk"), activity.network.name if activity.network_id else ""))
        rows.append((_("Medlem sedan"), _day(activity.member_since) or _("okänt")))
        if activity.annual_fee is not None:
            rows.append((_("Årsavgift"), f"{activity.annual_fee:.0f} kr"))
    else:
        rows.append((_("Ort och land"), counterpart(activity)))
        rows.append((_("Avtalsdatum"), _day(activity.agreement_date) or _("okänt")))
    if partners:
        rows.append((_("Parter"), "; ".join(partners)))
    decided = activity.deciding_body.name if activity.deciding_body_id else ""
    if decided and activity.decision_reference:
        decided = f"{decided} ({activity.decision_reference})"
    rows.append((_("Beslutat av"), decided or _("inte registrerat")))
    rows.append((_("Ansvarig enhet"), activity.unit.name))
    rows.append((_("Status"), str(activity.get_status_display())))
    for label, value in (
        (_("Syfte"), activity.purpose),
        (_("Nytta"), activity.benefit),
        (_("Senaste kontakt"), _day(activity.last_contact_on)),
        (_("Nästa omprövning"), _day(activity.next_review_on)),
    ):
        if value:
            rows.append((label, value))
    return rows


def _submitted_followups(activity: Activity) -> list[FollowUp]:
    return list(
        FollowUp.objects.filter(activity=activity, is_latest=True, state=FollowUpState.SUBMITTED)
        .select_related("period")
        .order_by("period__start", "period__end")
    )


def _history(activity: Activity, followups: list[FollowUp]) -> list[Table]:
    reviews = activity.reviews.select_related("deciding_body").order_by("decided_on", "pk")
    return [
        Table(
            "reviews",
            _("Tidigare omprövningar"),
            [_("Datum"), _("Beslut"), _("Organ"), _("Diarienummer"), _("Bedömning")],
            [
                [
                    r.decided_on,
                    r.get_decision_display(),
                    r.deciding_body.name,
                    r.decision_reference,
                    " ".join(t for t in (r.assessment, r.changes) if t),
                ]
                for r in reviews
            ],
        ),
        Table(
            "followups",
            _("Uppföljningar och resultat"),
            [_("Period"), _("Läge"), _("Genomfört"), _("Resultat och kommentar")],
            [
                [
                    f.period.name,
                    f.get_status_display(),
                    f.progress,
                    " ".join(t for t in (f.results, f.comment) if t),
                ]
                for f in followups
            ],
            percent_columns={2},
        ),
    ]


def _money(activity: Activity, followups: list[FollowUp]) -> list[Table]:
    years: dict[int, list[Decimal | None]] = {}
    for line in activity.budget_lines.all():
        years[line.year] = [line.budget, line.cost, None]
    for f in followups:  # ordered by period: the year's last follow-up says what was spent
        years.setdefault(f.period.year, [None, None, None])[2] = f.spent
    funding = activity.funding.filter(archived_at__isnull=True).select_related("source")
    return [
        Table(
            "money",
            _("Budget, kostnad och använt per år"),
            [_("År"), _("Budget"), _("Kostnad"), _("Använt enligt uppföljning")],
            [[str(year), *values] for year, values in sorted(years.items())],
            {1, 2, 3},
        ),
        Table(
            "funding",
            _("Finansiering"),
            [_("Källa"), _("Status"), _("Sökt"), _("Beviljat")],
            [
                [f.source.name, f.get_status_display(), f.applied_sek, f.granted_sek]
                for f in funding
            ],
            {2, 3},
        ),
    ]


#: Rules that speak of some activities of a kind only: the aid rule of development aid.
_ONLY_WHEN = {"aid-fully-external": lambda activity: activity.is_development_aid}


def applicable_passages(policy: Policy | None, activity: Activity) -> list[Passage]:
    """The principles whose rule applies to the activity's kind, and who decides on it; each once."""
    if policy is None:
        return []
    kind = activity.kind
    passages: list[Passage] = []
    for principle in policy.principles.order_by("position", "pk"):
        rule = RULE_TYPES.get(principle.rule_id)
        if rule is None or not _ONLY_WHEN.get(rule.id, bool)(activity):
            continue
        params = rule.params.model_validate(principle.rule_params)
        if kind in getattr(params, "kinds", ()):
            passages.append(Passage(principle.text, principle.source, _("Princip")))
    duty = DECIDING_DUTY.get(kind)
    for r in policy.responsibilities.filter(duty=duty).order_by("position", "pk"):
        if r.text:
            passages.append(Passage(r.text, r.source, _("Ansvarsfördelning")))
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in passages:
        if (p.text, p.source) not in seen:
            seen.add((p.text, p.source))
            unique.append(p)
    return unique


def _citation(policy: Policy | None) -> str:
    if policy is None:
        return _("Kommunen har inget styrdokument i kraft i Utblick.")
    adopted = policy.adopted_by.name if policy.adopted_by_id else ""
    parts = [
        policy.title,
        policy.version_label and _("version %(v)s") % {"v": policy.version_label},
    ]
    parts += [
        adopted
        and _("antaget av %(body)s %(date)s") % {"body": adopted, "date": policy.decided_on},
        policy.registry_number,
    ]
    return ", ".join(str(p) for p in parts if p)


def _findings(activity: Activity) -> Table:
    severity = {"error": _("Fel"), "warning": _("Varning")}
    return Table(
        "findings",
        _("Avvikelser från styrdokumentet"),
        [_("Allvar"), _("Iakttagelse"), _("Princip"), _("Åtgärd")],
        [
            [
                severity.get(f.severity, f.severity),
                f.message,
                f"”{f.principle_text}” ({f.principle_source})",
                f.resolution,
            ]
            for f in sorted(activity_findings(activity), key=lambda f: f.severity != "error")
        ],
    )


def decision_draft_content(
    activity: Activity,
    action: str,
    *,
    addressed_to: Unit,
    policy: Policy | None,
    written_by: str = "",
) -> DraftContent:
    """What the draft for ``action`` on ``activity`` says (a fixed number of queries)."""
    key = (activity.kind, action)
    followups = _submitted_followups(activity)
    background = [t for t in (activity.summary, activity.description) if t]
    return DraftContent(
        municipality=activity.municipality.name,
        heading=_("Tjänsteskrivelse"),
        addressed_to=addressed_to,
        subject=str(SUBJECTS[key]) % {"with": counterpart(activity)},
        from_unit=activity.unit.name,
        written_by=written_by,
        background=background,
        case=Table(
            "case",
            _("Uppgifter om ärendet"),
            [_("Uppgift"), _("Värde")],
            [list(row) for row in _case(activity)],
        ),
        history=_history(activity, followups),
        money=_money(activity, followups),
        policy=policy,
        policy_citation=_citation(policy),
        passages=applicable_passages(policy, activity),
        findings=_findings(activity),
        proposal=str(PROPOSALS[key]) % {"body": addressed_to.name, "with": counterpart(activity)},
        registrar_fields=[_("Diarienummer"), _("Datum")],
    )


def drafts_of(activity: Activity) -> list[DecisionDraft]:
    """An activity's decision drafts, newest first, with the bodies and review they name."""
    return list(
        DecisionDraft.objects.filter(activity=activity).select_related(
            "addressed_to", "decided_by", "created_by", "policy", "review"
        )
    )
