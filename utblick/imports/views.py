"""Import through the browser: upload, preview every row, then apply all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.activities.exporting import XLSX, write_xlsx
from utblick.core import forms as core_forms
from utblick.core.tenancy import Access, scoped_get
from utblick.imports.models import ImportBatch
from utblick.imports.reading import UnreadableFile
from utblick.imports.services import AlreadyApplied, ImportInvalid, batch_apply, batch_preview


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
            batch, plan = batch_preview(
                access=access, user=request.user, data=upload.read(), filename=upload.name
            )
        except UnreadableFile as error:
            form.add_error("file", str(error))
        else:
            return render(request, "imports/preview.html", {"batch": batch, "plan": plan})
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
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    batch = scoped_get(ImportBatch, access, pk=pk, created_by=request.user)
    try:
        plan = batch_apply(access=access, user=request.user, batch=batch)
    except AlreadyApplied as done:
        # A second press of the button (or a second tab): the first one's result stands.
        messages.info(
            request,
            _(
                "Filen är redan inläst: %(create)s nya, %(update)s ändrade, %(unchanged)s oförändrade."
            )
            % (dict.fromkeys(("create", "update", "unchanged"), 0) | done.batch.summary),
        )
        return redirect("activities:list", access.municipality.slug)
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
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("imports:upload", access.municipality.slug)
    messages.success(
        request,
        _("Importen är klar: %(create)s nya, %(update)s ändrade, %(unchanged)s oförändrade.")
        % plan.summary(),
    )
    return redirect("activities:list", access.municipality.slug)


@municipality_view()
def template(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    response = HttpResponse(write_xlsx(None, access.municipality), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="utblick-importmall.xlsx"'
    return response
