"""Writes for compliance: keeping the findings that stand now, so they stay readable later."""

from __future__ import annotations

from typing import Any

from utblick.compliance.engine import evaluate
from utblick.compliance.models import ComplianceRun
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
