"""A download of an EU register, turned into an import: the same preview, all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from utblick.accounts.access import municipality_view
from utblick.core.tenancy import Access
from utblick.euimport.forms import EuUploadForm
from utblick.euimport.reading import UnreadableSource
from utblick.euimport.services import eu_upload, selection_notes
from utblick.imports.reading import UnreadableFile
from utblick.imports.services import import_check_start


@municipality_view(need="edit")
def upload(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    form = EuUploadForm(
        request.POST or None, request.FILES or None, municipality=access.municipality
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            batch, selection = eu_upload(
                access=access,
                user=request.user,
                data=d["file"].read(),
                name=d["file"].name,
                source=d["source"],
                unit=d["unit"].key,
                rate=d["rate"],
                pics=d["pics"],
            )
        except (UnreadableSource, UnreadableFile) as error:
            form.add_error("file", str(error))
        else:
            if batch is None:
                for note in selection_notes(selection):
                    messages.info(request, note)
                form.add_error(
                    "file",
                    _("Inget projekt i filen har kommunen som deltagare (momsnummer %(vat)s).")
                    % {"vat": selection.vat},
                )
            else:
                job = import_check_start(access=access, user=request.user, batch=batch)
                return redirect("jobs:detail", access.municipality.slug, job.pk)
    return render(
        request, "euimport/upload.html", {"form": form}, status=400 if form.errors else 200
    )
