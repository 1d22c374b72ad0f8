"""Reads for policies: the version in force, version lists, and the file export."""

from __future__ import annotations

import tomli_w
from django.db.models import Prefetch, QuerySet

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
    OverallGoal,
    Policy,
    PolicyDocument,
    PolicyStatus,
    Taxonomy,
    Term,
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
