from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.core import clock
from utblick.reports.models import ReportFormat
from utblick.reports.render import CONTENT_TYPES
from utblick.termchange.selectors import light_counts, term_pack
from utblick.termchange.services import term_pack_generate


@municipality_view()
def pack(request: HttpRequest) -> HttpResponse:
    """The new term's pack: revise the policy, reconsider every agreement, last term's results."""
    today = clock.today()
    found = term_pack(request.municipality, today)
    return render(
        request,
        "termchange/pack.html",
        {
            "pack": found,
            "today": today,
            "formats": ReportFormat.choices,
            "areas": [(r, *light_counts(r)) for r in found.areas],
            "goals": [(r, *light_counts(r)) for r in found.goals],
        },
    )


@municipality_view()
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    fmt = request.POST.get("format", "")
    if fmt not in ReportFormat.values:
        return HttpResponse(
            _("Välj ett format."), status=400, content_type="text/plain; charset=utf-8"
        )
    report = term_pack_generate(
        access=request.access, user=request.user, fmt=fmt, today=clock.today()
    )
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[fmt],
    )
