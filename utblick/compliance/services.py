"""Writes for compliance: keeping the findings that stand now, so they stay readable later."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from utblick.compliance.engine import evaluate
from utblick.compliance.models import ComplianceRun, Decision, FindingJustification
from utblick.compliance.selectors import finding_key
from utblick.core import clock
from utblick.core.services import save_versioned
from utblick.core.tenancy import Access
from utblick.policies.models import Policy, PolicyStatus


def snapshot(*, access: Access, reason: str, user: Any = None) -> ComplianceRun:
    """Store the findings that stand now; they stay readable when the policy changes.

    A coordinator's act (or Utblick's own, when a new version is put in force).
    """
    access.require("coordinate")
    municipality = access.municipality
    findings = evaluate(municipality)
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


def justification_save(
    *, access: Access, key: str, decision: str, reason: str, user: Any = None
) -> FindingJustification:
    """Justify or dismiss the warning ``key`` (as the page shows it) with a written reason.

    Only a warning that stands now can be justified; an error cannot be dismissed.
    A new justification replaces (withdraws) an earlier one for the same finding.
    """
    access.require("coordinate")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv varför varningen motiveras eller avfärdas.")})
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Välj motivera eller avfärda.")})
    finding = next((f for f in evaluate(access.municipality) if finding_key(f) == key), None)
    if finding is None:
        raise ValidationError(_("Varningen finns inte längre; ladda om sidan."))
    if finding.severity != "warning":
        raise ValidationError(_("Ett fel kan inte motiveras bort, bara åtgärdas."))
    now = clock.now()
    for earlier in _open_for(access, finding.key):
        earlier.withdrawn_at = now
        save_versioned(earlier, expected_version=earlier.row_version, user=user, verb="withdrawn")
    justification = FindingJustification(
        municipality=access.municipality,
        rule_id=finding.rule_id,
        principle_key=finding.principle_key,
        subject=finding.subject,
        subject_id=finding.subject_id,
        decision=decision,
        reason=reason[:4000],
        decided_by=user,
        decided_at=now,
    )
    save_versioned(justification, expected_version=None, user=user)
    return justification


def justification_withdraw(*, access: Access, pk: int, user: Any = None) -> bool:
    """Withdraw a justification: the warning is open again."""
    access.require("coordinate")
    justification = FindingJustification.objects.filter(
        municipality=access.municipality, pk=pk, withdrawn_at__isnull=True
    ).first()
    if justification is None:
        return False
    justification.withdrawn_at = clock.now()
    save_versioned(
        justification, expected_version=justification.row_version, user=user, verb="withdrawn"
    )
    return True


def _open_for(access: Access, key: tuple[str, str, int, str]) -> list[FindingJustification]:
    rule_id, subject, subject_id, principle_key = key
    return list(
        FindingJustification.objects.filter(
            municipality=access.municipality,
            rule_id=rule_id,
            subject=subject,
            subject_id=subject_id,
            principle_key=principle_key,
            withdrawn_at__isnull=True,
        )
    )
