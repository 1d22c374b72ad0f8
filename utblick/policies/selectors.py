"""Reads for policies: the version in force, version lists, and the file export."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import tomli_w
from django.db.models import Count, Prefetch, QuerySet
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from utblick.activities.models import Activity, EarlierTag
from utblick.core.text import fold
from utblick.municipalities.models import Municipality
from utblick.organisation.models import CompetenceEntry, Contact, Unit
from utblick.policies.fileformat import (
    CadenceSpec,
    CompetenceSpec,
    ContactSpec,
    FocusAreaSpec,
    GoalSpec,
    MunicipalitySpec,
    OverallGoalSpec,
    PeriodSpec,
    PolicyFile,
    PolicySpec,
    PrincipleSpec,
    ResponsibilitySpec,
    RuleSpec,
    TaxonomySpec,
    TermSpec,
    UnitSpec,
)
from utblick.policies.models import (
    FocusArea,
    Goal,
    OverallGoal,
    Policy,
    PolicyDocument,
    PolicyStatus,
    TagTransfer,
    Taxonomy,
    Term,
    TransferElement,
)

ALWAYS_WRITTEN = {"status", "revision"}
FILE_HEADER = (
    "# Utblick policy file (format 1): a municipality's organisation and its policy\n"
    "# for international work. Format: docs/policy-file.md\n\n"
)


def policy_in_force(municipality: Municipality) -> Policy | None:
    return (
        Policy.objects.filter(municipality=municipality, status=PolicyStatus.IN_FORCE)
        .select_related("adopted_by")
        .first()
    )


def policy_current(municipality: Municipality) -> Policy | None:
    """The version in force, or the newest draft when nothing is in force yet."""
    return policy_in_force(municipality) or (
        Policy.objects.filter(municipality=municipality).select_related("adopted_by").first()
    )


def policy_has_rule(policy: Policy | None, rule_id: str, severity: str = "") -> bool:
    """Whether one of the policy's principles switches on the rule ``rule_id`` (at ``severity``)."""
    if policy is None:
        return False
    principles = policy.principles.filter(rule_id=rule_id)
    if severity:
        principles = principles.filter(rule_severity=severity)
    return principles.exists()


def policy_with_elements(queryset: QuerySet[Policy]) -> QuerySet[Policy]:
    """Everything a policy page shows, in a fixed number of queries."""
    return queryset.select_related("adopted_by").prefetch_related(
        "focus_areas",
        Prefetch("goals__overall_goal"),
        Prefetch(
            "taxonomies",
            queryset=Taxonomy.objects.prefetch_related(
                Prefetch("terms", queryset=Term.objects.order_by("position"))
            ),
        ),
        "principles",
        "responsibilities__unit",
        "report_to__unit",
        "periods",
        Prefetch("documents", queryset=PolicyDocument.objects.current()),
    )


def policy_file_spec(municipality: Municipality, policy: Policy | None = None) -> PolicyFile:
    """The municipality as a policy file, with ``policy`` (default: the current version)."""
    if policy is None:
        policy = policy_current(municipality)
    if policy is None:
        raise ValueError("the municipality has no policy")
    policy = policy_with_elements(Policy.objects.filter(pk=policy.pk)).get()
    units = list(Unit.objects.current().filter(municipality=municipality).select_related("parent"))
    contacts = (
        Contact.objects.current()
        .filter(municipality=municipality)
        .select_related("unit", "appointed_by")
        .prefetch_related(
            Prefetch(
                "competence",
                queryset=CompetenceEntry.objects.current().order_by("date", "pk"),
                to_attr="competence_entries",
            )
        )
    )
    overall = OverallGoal.objects.current().filter(municipality=municipality)
    custom = policy.cadence_kind == "custom"
    return PolicyFile(
        format=1,
        municipality=MunicipalitySpec(
            name=municipality.name,
            slug=municipality.slug,
            code=municipality.code,
            organisation_number=municipality.organisation_number,
            website=municipality.website,
            import_words=municipality.import_words,
        ),
        overall_goals=[
            OverallGoalSpec(key=g.key, text=g.text, document=g.document, source=g.source)
            for g in overall
        ],
        units=[
            UnitSpec(
                key=u.key,
                name=u.name,
                kind=u.kind,
                parent=u.parent.key if u.parent else None,
                description=u.description,
                example=u.example,
                source=u.source,
            )
            for u in units
        ],
        contacts=[
            ContactSpec(
                key=c.key,
                name=c.name,
                unit=c.unit.key,
                appointed_by=c.appointed_by.key if c.appointed_by else None,
                title=c.title,
                email=c.email,
                phone=c.phone,
                role=c.role,
                consent_to_publish=c.consent_to_publish,
                consent_recorded_on=c.consent_recorded_on,
                example=c.example,
                competence=[
                    CompetenceSpec(date=e.date, title=e.title, kind=e.kind, note=e.note)
                    for e in c.competence_entries
                ],
            )
            for c in contacts
        ],
        policy=PolicySpec(
            kind=policy.kind,
            title=policy.title,
            adopted_by=policy.adopted_by.key,
            decided_on=policy.decided_on,
            registry_number=policy.registry_number,
            decision_reference=policy.decision_reference,
            version=policy.version_label,
            status="draft" if policy.status == PolicyStatus.DRAFT else "in_force",
            term_of_office=policy.term_of_office,
            revision=policy.revision_rule,
            dormant_after_months=policy.dormant_after_months,
            owner=policy.owner,
            purpose=policy.purpose,
            vision=policy.vision,
            summary=policy.summary,
            source_document=policy.source_document,
            focus_areas=[
                FocusAreaSpec(key=f.key, name=f.name, description=f.description, source=f.source)
                for f in policy.focus_areas.all()
            ],
            goals=[
                GoalSpec(
                    key=g.key,
                    text=g.text,
                    overall_goal=g.overall_goal.key if g.overall_goal else None,
                    source=g.source,
                )
                for g in policy.goals.all()
            ],
            taxonomies=[
                TaxonomySpec(
                    key=t.key,
                    name=t.name,
                    builtin=t.builtin or None,
                    description=t.description,
                    source=t.source,
                    terms=[]
                    if t.builtin
                    else [TermSpec(key=x.key, name=x.name, code=x.code) for x in t.terms.all()],
                )
                for t in policy.taxonomies.all()
            ],
            principles=[
                PrincipleSpec(
                    key=x.key,
                    text=x.text,
                    source=x.source,
                    rule=RuleSpec(id=x.rule_id, severity=x.rule_severity, params=x.rule_params)
                    if x.rule_id
                    else None,
                )
                for x in policy.principles.all()
            ],
            responsibilities=[
                ResponsibilitySpec(
                    key=r.key,
                    duty=r.duty,
                    body=r.unit.key if r.unit else None,
                    bodies=r.unit_kinds,
                    text=r.text,
                    source=r.source,
                )
                for r in policy.responsibilities.all()
            ],
            cadence=CadenceSpec(
                kind=policy.cadence_kind,
                report_to=[r.unit.key for r in policy.report_to.all()],
                text=policy.cadence_text,
                source=policy.cadence_source,
                periods=[
                    PeriodSpec(
                        key=x.key, name=x.name, start=x.start, end=x.end, due_days=x.due_days
                    )
                    for x in policy.periods.all()
                ]
                if custom
                else [],
            ),
        ),
    )


def policy_file_dumps(spec: PolicyFile) -> str:
    data = spec.model_dump(mode="python", exclude_defaults=True)
    data["format"] = spec.format
    # Status and revision are always written out: a reader should not need the defaults.
    trimmed = data["policy"]
    data["policy"] = {
        name: trimmed[name] if name in trimmed else getattr(spec.policy, name)
        for name in PolicySpec.model_fields
        if name in trimmed or name in ALWAYS_WRITTEN
    }
    return FILE_HEADER + tomli_w.dumps(data, multiline_strings=False)


def policy_export(municipality: Municipality, policy: Policy | None = None) -> str:
    """The policy file text for ``municipality``: the same format that ``policy load`` reads."""
    return policy_file_dumps(policy_file_spec(municipality, policy))


# --- carrying tags to a new version -------------------------------------------------------------

#: How alike two names must be (0–1) for the one to be suggested as the other's successor.
SIMILAR_ENOUGH = 0.6

#: A transfer: each old element (class, key) → the keys of its successors; none retires it.
Transfer = dict[tuple[str, str], list[str]]


@dataclass
class TransferRow:
    """One element of the replaced version, its successors to choose from, and a suggestion."""

    element: str  # TransferElement: focus_area | goal | term
    old_key: str
    old_label: str
    old_source: str
    tagged: int  # activities tagged with it
    choices: list[tuple[str, str]]  # (key, label) of the new version's elements of the class
    suggested: list[str]
    reason: str
    confirmed: bool = False

    @property
    def field(self) -> str:
        return f"{self.element}:{self.old_key}"

    @property
    def element_label(self) -> str:
        return str(TransferElement(self.element).label)


def _label(obj: Any) -> str:
    if isinstance(obj, FocusArea):
        return obj.name
    if isinstance(obj, Goal):
        return Truncator(obj.text).chars(120)
    return f"{obj.taxonomy.name}: {obj}"


def _elements(policy: Policy) -> dict[str, dict[str, Any]]:
    """The version's focus areas, goals and terms by class and key (a term's: taxonomy/term)."""
    return {
        TransferElement.FOCUS_AREA: {f.key: f for f in FocusArea.objects.filter(policy=policy)},
        TransferElement.GOAL: {g.key: g for g in Goal.objects.filter(policy=policy)},
        TransferElement.TERM: {
            f"{t.taxonomy.key}/{t.key}": t
            for t in Term.objects.filter(taxonomy__policy=policy).select_related("taxonomy")
        },
    }


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"\w{3,}", fold(text))}


def similarity(a: str, b: str) -> float:
    """How alike two names or goal texts read: letters in order, and word stems shared."""
    folded_a, folded_b = fold(a), fold(b)
    letters = SequenceMatcher(None, folded_a, folded_b).ratio()
    words_a, words_b = _words(a), _words(b)
    shared = len(words_a & words_b) / len(words_a | words_b) if words_a and words_b else 0.0
    return max(letters, shared)


def _suggest(key: str, old: Any, new: dict[str, Any]) -> tuple[list[str], str]:
    if key in new:
        return [key], _("Samma nyckel")
    name = _label(old)
    best = max(new, key=lambda k: similarity(name, _label(new[k])), default=None)
    if best is not None:
        score = similarity(name, _label(new[best]))
        if score >= SIMILAR_ENOUGH:
            return [best], _("Liknande lydelse (%(p)s %%)") % {"p": round(score * 100)}
    source = getattr(old, "source", "")  # a term cites its taxonomy's passage, not its own
    same_source = [k for k, obj in new.items() if source and getattr(obj, "source", "") == source]
    if len(same_source) == 1:
        return same_source, _("Samma ställe i dokumentet (%(s)s)") % {"s": source}
    return [], _("Inget motsvarande hittades: utgår om du inte väljer något")


def _tagged_counts(old: Policy) -> dict[tuple[str, str], int]:
    """Activities tagged with each of the version's elements, now or before it was replaced."""
    counts: Counter[tuple[str, str]] = Counter()
    through = {
        TransferElement.FOCUS_AREA: (Activity.focus_areas.through, "focusarea", "key"),
        TransferElement.GOAL: (Activity.goals.through, "goal", "key"),
    }
    for element, (model, field_name, _key) in through.items():
        for row in (
            model.objects.filter(**{f"{field_name}__policy": old})
            .values(f"{field_name}__key")
            .annotate(n=Count("activity_id", distinct=True))
        ):
            counts[(element, row[f"{field_name}__key"])] += row["n"]
    for row in (
        Activity.terms.through.objects.filter(term__taxonomy__policy=old)
        .values("term__taxonomy__key", "term__key")
        .annotate(n=Count("activity_id", distinct=True))
    ):
        counts[(TransferElement.TERM, f"{row['term__taxonomy__key']}/{row['term__key']}")] += row[
            "n"
        ]
    earlier = (
        EarlierTag.objects.filter(policy=old)
        .values("focus_area__key", "goal__key", "term__taxonomy__key", "term__key")
        .annotate(n=Count("activity_id", distinct=True))
    )
    for row in earlier:
        if row["focus_area__key"]:
            counts[(TransferElement.FOCUS_AREA, row["focus_area__key"])] += row["n"]
        elif row["goal__key"]:
            counts[(TransferElement.GOAL, row["goal__key"])] += row["n"]
        elif row["term__key"]:
            key = f"{row['term__taxonomy__key']}/{row['term__key']}"
            counts[(TransferElement.TERM, key)] += row["n"]
    return counts


def transfer_rows(old: Policy, new: Policy) -> list[TransferRow]:
    """Each element of ``old`` with a suggested successor in ``new``, or the one recorded.

    A version already adopted shows the transfer it was adopted with (and whether a
    coordinator confirmed it); a draft shows suggestions: the same key, else the most
    alike name or goal text, else the one element citing the same passage.
    """
    before, after = _elements(old), _elements(new)
    stored = {(t.element, t.old_key): t for t in TagTransfer.objects.filter(policy=new)}
    counts = _tagged_counts(old)
    rows = []
    for element, elements in before.items():
        successors = after[element]
        choices = [(k, _label(obj)) for k, obj in successors.items()]
        for key, obj in elements.items():
            recorded = stored.get((element, key))
            if recorded is not None:
                suggested = [k for k in recorded.new_keys if k in successors]
                reason = _("Bekräftad") if recorded.confirmed else _("Föreslagen vid antagandet")
            else:
                suggested, reason = _suggest(key, obj, successors)
            rows.append(
                TransferRow(
                    element=element,
                    old_key=key,
                    old_label=_label(obj),
                    old_source=obj.source if not isinstance(obj, Term) else obj.taxonomy.source,
                    tagged=counts.get((element, key), 0),
                    choices=choices,
                    suggested=suggested,
                    reason=reason,
                    confirmed=bool(recorded and recorded.confirmed),
                )
            )
    return rows


def transfer_previous(policy: Policy) -> Policy | None:
    """The version whose tags ``policy`` takes over: the one it replaced, or the one in force."""
    recorded = TagTransfer.objects.filter(policy=policy).select_related("previous").first()
    if recorded is not None:
        return recorded.previous
    if policy.status != PolicyStatus.DRAFT:
        return None
    return (
        Policy.objects.filter(municipality_id=policy.municipality_id, status=PolicyStatus.IN_FORCE)
        .exclude(pk=policy.pk)
        .first()
    )


def retired_activities(policy: Policy) -> QuerySet[Activity]:
    """Activities that had a tag without a successor in ``policy``: each needs a decision."""
    previous = transfer_previous(policy)
    return (
        Activity.objects.current()
        .filter(municipality_id=policy.municipality_id)
        .filter(earlier_tags__policy=previous, earlier_tags__retired=True)
        .distinct()
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "earlier_tags",
                queryset=EarlierTag.objects.filter(policy=previous, retired=True).select_related(
                    "focus_area", "goal", "term__taxonomy"
                ),
                to_attr="retired_tags",
            ),
            "focus_areas",
            "goals",
        )
        .order_by("title")
    )
