from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.core.tenancy import Access, scoped_get
from utblick.reports.data import Scope
from utblick.reports.forms import ScopeForm
from utblick.reports.models import GeneratedReport, ReportFormat
from utblick.reports.render import CONTENT_TYPES, PAGE_ROWS, html_context
from utblick.reports.services import report_data, report_start


def _scope(request: HttpRequest, form: ScopeForm) -> Scope | None:
    access: Access = request.access  # type: ignore[attr-defined]
    if not form.is_valid():
        return None
    d = form.cleaned_data
    return Scope(access.municipality, d["ar"], d.get("period"), d.get("enhet"))


@municipality_view()
def page(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    params = request.GET.copy()
    params.setdefault("ar", str(ScopeForm(municipality=access.municipality).fields["ar"].initial))
    form = ScopeForm(params, municipality=access.municipality)
    scope = _scope(request, form)
    context = {"form": form, "formats": ReportFormat.choices, "query": params.urlencode()}
    if scope is not None:
        context |= html_context(report_data(scope), page_rows=PAGE_ROWS)
    return render(request, "reports/page.html", context)


@municipality_view()
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    form = ScopeForm(request.GET, municipality=access.municipality)
    scope = _scope(request, form)
    fmt = request.POST.get("format", "")
    if scope is None or fmt not in ReportFormat.values:
        return HttpResponse(
            _("Välj år, period och format."), status=400, content_type="text/plain; charset=utf-8"
        )
    job = report_start(access=access, user=request.user, scope=scope, fmt=fmt)
    return redirect("jobs:detail", access.municipality.slug, job.pk)


@municipality_view()
def archive(request: HttpRequest) -> HttpResponse:
    reports = GeneratedReport.objects.filter(municipality=request.municipality).select_related(
        "generated_by"
    )
    return render(
        request,
        "reports/archive.html",
        {"page": Paginator(reports, 50).get_page(request.GET.get("sida"))},
    )


@municipality_view()
def download(request: HttpRequest, pk: int) -> HttpResponse:
    report = scoped_get(GeneratedReport, request.access, pk=pk)
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[report.format],
    )
