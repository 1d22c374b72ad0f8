from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.compliance.engine import evaluate
from utblick.compliance.models import ComplianceRun, FindingJustification
from utblick.compliance.selectors import by_rule, by_unit, finding_key, justifications_for
from utblick.compliance.services import justification_save, justification_withdraw, snapshot
from utblick.core import clock
from utblick.core.history import history_entries
from utblick.core.tenancy import Access, scoped_get
from utblick.policies.selectors import policy_in_force
from utblick.termchange.selectors import dormant_agreements


def _page(request: HttpRequest, error: tuple[str, str] | None = None) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    findings = evaluate(access.municipality)
    justified = justifications_for(access.municipality, findings)
    groups = by_rule(findings)
    for g in groups:
        g.rows = [(f, finding_key(f), justified.get(finding_key(f))) for f in g.findings]
    warnings = sum(f.severity == "warning" for f in findings)
    return render(
        request,
        "compliance/page.html",
        {
            "groups": groups,
            "units": by_unit(findings),
            "errors": sum(f.severity == "error" for f in findings),
            "warnings": warnings - len(justified),
            "justified": len(justified),
            "error": error,
            "policy": policy_in_force(access.municipality),
            "dormant": dormant_agreements(access.municipality, clock.today()),
            "runs": ComplianceRun.objects.filter(municipality=access.municipality).select_related(
                "policy", "run_by"
            )[:10],
        },
        status=400 if error else 200,
    )


@municipality_view()
def page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@municipality_view(need="coordinate")
@require_POST
def justify(request: HttpRequest) -> HttpResponse:
    """Justify or dismiss a warning with a reason, or withdraw a justification."""
    withdraw = request.POST.get("withdraw", "")
    if withdraw:
        if withdraw.isdigit() and justification_withdraw(
            access=request.access, pk=int(withdraw[:18]), user=request.user
        ):
            messages.success(request, _("Motiveringen är återtagen; varningen gäller igen."))
        return redirect("compliance:page", request.municipality.slug)
    key = request.POST.get("finding", "")[:300]
    try:
        justification_save(
            access=request.access,
            key=key,
            decision=request.POST.get("decision", ""),
            reason=request.POST.get("reason", ""),
            user=request.user,
        )
    except ValidationError as exc:
        return _page(request, error=(key, " ".join(exc.messages)))
    messages.success(request, _("Varningen är motiverad och sparad i historiken."))
    return redirect("compliance:page", request.municipality.slug)


@municipality_view()
def justification_history(request: HttpRequest, pk: int) -> HttpResponse:
    justification = scoped_get(FindingJustification, request.access, pk=pk)
    return render(
        request,
        "core/history.html",
        {
            "object": justification,
            "entries": history_entries(justification),
            "back_url": reverse("compliance:page", args=[request.municipality.slug]),
        },
    )


@municipality_view(need="coordinate")
@require_POST
def run(request: HttpRequest) -> HttpResponse:
    saved = snapshot(
        access=request.access, reason=_("Sparad från efterlevnadssidan"), user=request.user
    )
    messages.success(
        request,
        _("Kontrollen är sparad: %(e)s fel och %(w)s varningar.")
        % {"e": saved.error_count, "w": saved.warning_count},
    )
    return redirect("compliance:page", request.municipality.slug)


@municipality_view()
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    saved = scoped_get(
        ComplianceRun.objects.select_related("policy", "run_by"), request.access, pk=pk
    )
    return render(request, "compliance/run.html", {"run": saved})
