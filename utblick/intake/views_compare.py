"""A draft under review beside the version in force: what adopting it would change."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from utblick.accounts.access import municipality_view
from utblick.core.tenancy import scoped_get
from utblick.intake.models import IntakeStatus, PolicyIntake
from utblick.intake.selectors import intake_policy_file, intake_proposals
from utblick.policies.diff import policy_draft_diff
from utblick.policies.selectors import policy_in_force


@municipality_view(need="coordinate")
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's policy (as adopting it now would make it) against the version in force."""
    intake = scoped_get(
        PolicyIntake.objects.select_related("municipality", "policy"),
        request.access,  # type: ignore[attr-defined]
        pk=pk,
    )
    in_force = policy_in_force(intake.municipality)
    sections, left_out = [], 0
    if in_force is not None and intake.status != IntakeStatus.NOT_POLICY:
        data, _added = intake_policy_file(intake, intake_proposals(intake), pending=True)
        sections, left_out = policy_draft_diff(intake.municipality, in_force, data["policy"])
    return render(
        request,
        "intake/compare.html",
        {
            "intake": intake,
            "in_force": in_force,
            "sections": sections,
            "changes": sum(len(s.items) for s in sections),
            "left_out": left_out,
        },
    )
