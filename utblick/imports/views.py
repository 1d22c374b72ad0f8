"""Import through the browser: upload, check every row in the background, preview, apply."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.activities.exporting import XLSX, write_xlsx
from utblick.core import forms as core_forms
from utblick.core.tenancy import Access, scoped_get
from utblick.imports.models import BatchStatus, ImportBatch
from utblick.imports.reading import UnreadableFile
from utblick.imports.selectors import check_job_of, preview_of
from utblick.imports.services import batch_upload, import_apply_start, import_check_start

#: The preview's row filters: all rows, or those of one outcome.
FILTERS = [
    ("", gettext_lazy("Alla rader")),
    ("error", gettext_lazy("Med fel")),
    ("create", gettext_lazy("Nya")),
    ("update", gettext_lazy("Ändras")),
    ("unchanged", gettext_lazy("Oförändrade")),
]


class UploadForm(core_forms.UploadForm):
    file_label = gettext_lazy("Fil att läsa in")
    file_help = gettext_lazy("Excel (.xlsx) enligt mallen, eller CSV. Högst %(mb)s MB.")


@municipality_view(need="edit")
def upload(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = batch_upload(
                access=access, user=request.user, data=upload.read(), filename=upload.name
            )
        except UnreadableFile as error:
            form.add_error("file", str(error))
        else:
            job = import_check_start(access=access, user=request.user, batch=batch)
            return redirect("jobs:detail", access.municipality.slug, job.pk)
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "template_url": reverse("imports:template", args=[access.municipality.slug]),
        },
        status=400 if form.errors else 200,
    )


@municipality_view(need="edit")
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    batch = scoped_get(ImportBatch, access, pk=pk, created_by=request.user)
    only = request.GET.get("visa", "")
    shown = preview_of(batch, request.GET.get("sida"), only)
    if shown is None:  # still being checked: its job tells how far it has come
        job = check_job_of(batch)
        if job is not None:
            return redirect("jobs:detail", access.municipality.slug, job.pk)
    return render(
        request,
        "imports/preview.html",
        {
            "batch": batch,
            "preview": shown,
            "applicable": batch.status == BatchStatus.PREVIEWED,
            "filter": only if only in dict(FILTERS) else "",
            "filters": FILTERS,
            "query": f"visa={only}" if only in dict(FILTERS) and only else "",
        },
    )


@municipality_view(need="edit")
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    batch = scoped_get(ImportBatch, access, pk=pk, created_by=request.user)
    job = import_apply_start(access=access, user=request.user, batch=batch)
    return redirect("jobs:detail", access.municipality.slug, job.pk)


@municipality_view()
def template(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    response = HttpResponse(write_xlsx(None, access.municipality), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="utblick-importmall.xlsx"'
    return response
