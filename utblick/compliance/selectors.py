"""Findings grouped the ways the compliance page shows them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from utblick.activities.models import Activity
from utblick.compliance.models import FindingJustification
from utblick.compliance.rules import Finding


@dataclass
class RuleGroup:
    rule_id: str
    rule_title: str
    severity: str
    principle_text: str
    principle_source: str
    policy_label: str
    findings: list[Finding] = field(default_factory=list)
    rows: list[tuple[Finding, str, Any]] = field(default_factory=list)  # (finding, key, justified)


def by_rule(findings: list[Finding]) -> list[RuleGroup]:
    groups: dict[tuple[str, str], RuleGroup] = {}
    for f in findings:
        key = (f.rule_id, f.principle_key)
        if key not in groups:
            groups[key] = RuleGroup(
                f.rule_id,
                f.rule_title,
                f.severity,
                f.principle_text,
                f.principle_source,
                f.policy_label,
            )
        groups[key].findings.append(f)
    return sorted(groups.values(), key=lambda g: (g.severity != "error", g.rule_title))


def by_unit(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """(unit, errors, warnings), most errors first."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for f in findings:
        counts[f.unit or "–"][0 if f.severity == "error" else 1] += 1
    return sorted(((u, e, w) for u, (e, w) in counts.items()), key=lambda r: (-r[1], -r[2], r[0]))


def worst(findings: list[Finding]) -> str:
    return (
        "error" if any(f.severity == "error" for f in findings) else "warning" if findings else ""
    )


def summary_rows(findings: list[Finding]) -> list[list[Any]]:
    return [
        [
            g.rule_title,
            "Fel" if g.severity == "error" else "Varning",
            len(g.findings),
            g.principle_source,
        ]
        for g in by_rule(findings)
    ]


def finding_key(f: Finding) -> str:
    """The finding's key as one string for a form field."""
    return "|".join(str(p) for p in f.key)


@dataclass
class Justified:
    justification: FindingJustification
    needs_review: bool  # the record was edited after the justification


def justifications_for(municipality: Any, findings: list[Finding]) -> dict[str, Justified]:
    """The open justifications of these findings by ``finding_key``, in two queries."""
    open_ = FindingJustification.objects.filter(
        municipality=municipality, withdrawn_at__isnull=True
    ).select_related("decided_by")
    by_key = {"|".join(str(p) for p in j.key): j for j in open_}
    activity_ids = [f.subject_id for f in findings if f.subject == "activity"]
    edited = dict(
        Activity.objects.filter(municipality=municipality, pk__in=activity_ids).values_list(
            "pk", "updated_at"
        )
    )
    result: dict[str, Justified] = {}
    for f in findings:
        key = finding_key(f)
        j = by_key.get(key)
        if j is None or f.severity != "warning":
            continue
        changed = edited.get(f.subject_id) if f.subject == "activity" else None
        result[key] = Justified(j, bool(changed and changed > j.decided_at))
    return result
