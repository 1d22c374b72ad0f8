"""Import through the browser: upload, preview every row, then apply all or nothing."""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib import messages
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.activities.exporting import write_xlsx
from utblick.core import clock
from utblick.core import services as core
from utblick.core.forms import Form
from utblick.core.tenancy import Access, scoped_get
from utblick.imports.models import BatchStatus, ImportBatch
from utblick.imports.reading import MAX_BYTES, UnreadableFile, read_upload
from utblick.imports.services import ImportInvalid, apply_import, plan_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(Form):
    file = forms.FileField(
        label=gettext_lazy("Fil att läsa in"),
        help_text=gettext_lazy("Excel (.xlsx) enligt mallen, eller CSV. Högst 25 MB."),
    )


@municipality_view(need="edit")
def upload(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("Filen är större än 25 MB."))
        else:
            data = upload.read()
            try:
                workbook = read_upload(data, upload.name)
            except UnreadableFile as error:
                form.add_error("file", str(error))
            else:
                plan = plan_import(workbook, access)
                batch = ImportBatch(
                    municipality=access.municipality,
                    original_name=upload.name[:255],
                    sha256=hashlib.sha256(data).hexdigest(),
                    created_by=request.user,
                    seen_versions=plan.versions(),
                    summary=plan.summary(),
                )
                batch.file.save(
                    f"import-{batch.sha256[:12]}{_suffix(upload.name)}",
                    ContentFile(data),
                    save=False,
                )
                core.save_versioned(batch, expected_version=None, user=request.user)
                return render(request, "imports/preview.html", {"batch": batch, "plan": plan})
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "template_url": reverse("imports:template", args=[access.municipality.slug]),
        },
    )


def _suffix(name: str) -> str:
    return ".csv" if name.lower().endswith((".csv", ".txt")) else ".xlsx"


@municipality_view(need="edit")
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    batch = scoped_get(
        ImportBatch, access, pk=pk, created_by=request.user, status=BatchStatus.PREVIEWED
    )
    with batch.file.open("rb") as handle:
        data = handle.read()
    workbook = read_upload(data, batch.original_name)
    try:
        plan = apply_import(
            workbook,
            access,
            request.user,
            filename=batch.original_name,
            seen_versions=batch.seen_versions,
        )
    except ImportInvalid as invalid:
        messages.error(
            request,
            _(
                "Inget lästes in: filen innehåller fel, eller posterna har ändrats sedan förhandsgranskningen."
            ),
        )
        return render(
            request, "imports/preview.html", {"batch": batch, "plan": invalid.plan}, status=400
        )
    batch.status = BatchStatus.APPLIED
    batch.applied_at = clock.now()
    batch.summary = plan.summary()
    core.save_versioned(batch, expected_version=None, user=request.user)
    counts = plan.summary()
    messages.success(
        request,
        _("Importen är klar: %(create)s nya, %(update)s ändrade, %(unchanged)s oförändrade.")
        % counts,
    )
    return redirect("activities:list", access.municipality.slug)


@municipality_view()
def template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(write_xlsx(None), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="utblick-importmall.xlsx"'
    return response
