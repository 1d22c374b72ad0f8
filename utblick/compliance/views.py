from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.compliance.engine import evaluate
from utblick.compliance.models import ComplianceRun
from utblick.compliance.selectors import by_rule, by_unit
from utblick.compliance.services import snapshot
from utblick.core.tenancy import Access, scoped_get
from utblick.policies.selectors import policy_in_force


@municipality_view()
def page(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    findings = evaluate(access.municipality)
    return render(
        request,
        "compliance/page.html",
        {
            "groups": by_rule(findings),
            "units": by_unit(findings),
            "errors": sum(f.severity == "error" for f in findings),
            "warnings": sum(f.severity == "warning" for f in findings),
            "policy": policy_in_force(access.municipality),
            "runs": ComplianceRun.objects.filter(municipality=access.municipality).select_related(
                "policy", "run_by"
            )[:10],
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
