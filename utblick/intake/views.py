"""Policy intake in the browser: upload, review each proposal beside its passage, adopt."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.core.services import ConflictError
from utblick.core.tenancy import Access, scoped_get
from utblick.intake.display import METADATA_LABELS
from utblick.intake.forms import StarterForm, UploadForm
from utblick.intake.models import Decision, IntakeProposal, IntakeStatus, PolicyIntake
from utblick.intake.reading import UnreadableDocument
from utblick.intake.selectors import (
    document_html,
    intake_filename,
    intake_list,
    intake_policy_file,
    intake_problems,
    intake_proposals,
    intake_requirements,
    intake_toml,
    proposal_groups,
    read_job_of,
)
from utblick.intake.services import (
    IntakeClosed,
    IntakeInvalid,
    intake_accept_pending,
    intake_adopt,
    intake_discard,
    intake_read_start,
    intake_start_blank,
    intake_start_from_template,
    intake_upload,
)
from utblick.intake.starters import UnknownTemplate, starter_list
from utblick.policies.models import PolicyStatus
from utblick.policies.selectors import policy_in_force

ADDABLE = ("focus_area", "goal", "principle", "responsibility", "cadence", "taxonomy")


def access_of(request: HttpRequest) -> Access:
    return request.access  # type: ignore[attr-defined,no-any-return]


def _start_page(
    request: HttpRequest,
    *,
    form: UploadForm | None = None,
    starter_form: StarterForm | None = None,
) -> HttpResponse:
    """The intake start: three ways to a draft, and the drafts so far."""
    starters = starter_list()
    form = form or UploadForm()
    starter_form = starter_form or StarterForm(starters=starters)
    return render(
        request,
        "intake/list.html",
        {
            "form": form,
            "starter_form": starter_form,
            "starters": starters,
            "intakes": intake_list(access_of(request)),
        },
        status=400 if form.errors or starter_form.errors else 200,
    )


@municipality_view(need="coordinate")
def upload(request: HttpRequest) -> HttpResponse:
    access = access_of(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            intake = intake_upload(
                access=access, user=request.user, data=upload.read(), filename=upload.name
            )
        except UnreadableDocument as error:
            form.add_error("file", str(error))
        else:
            job = intake_read_start(access=access, user=request.user, intake=intake)
            return redirect("jobs:detail", access.municipality.slug, job.pk)
    return _start_page(request, form=form)


@municipality_view(need="coordinate")
@require_POST
def start_template(request: HttpRequest) -> HttpResponse:
    form = StarterForm(request.POST, starters=starter_list())
    if form.is_valid():
        try:
            intake = intake_start_from_template(
                access=access_of(request),
                user=request.user,
                template=form.cleaned_data["template"],
            )
        except UnknownTemplate:
            form.add_error("template", _("Välj en mall att utgå från."))
        else:
            messages.success(
                request,
                _(
                    "Utkastet bygger på mallen. Fyll i det som gäller er kommun – titel, beslut och "
                    "vem som antog – och granska resten."
                ),
            )
            return redirect(intake.get_absolute_url())
    return _start_page(request, starter_form=form)


@municipality_view(need="coordinate")
@require_POST
def start_blank(request: HttpRequest) -> HttpResponse:
    intake = intake_start_blank(access=access_of(request), user=request.user)
    messages.success(
        request, _("Ett tomt utkast är skapat. Lägg till det som krävs, och anta sedan policyn.")
    )
    return redirect(intake.get_absolute_url())


def intake_of(request: HttpRequest, pk: int) -> PolicyIntake:
    return scoped_get(
        PolicyIntake.objects.select_related("municipality"), access_of(request), pk=pk
    )


def _review_context(intake: PolicyIntake, proposals: list[IntakeProposal]) -> dict[str, Any]:
    decided = sum(1 for p in proposals if p.decision != Decision.PENDING)
    return {
        "intake": intake,
        "groups": proposal_groups(proposals),
        "document": document_html(intake, proposals),
        "total": len(proposals),
        "decided": decided,
        "pending": len(proposals) - decided,
        "addable": ADDABLE,
        "labels": METADATA_LABELS,
        "requirements": intake_requirements(proposals),
        "in_force": policy_in_force(intake.municipality),
    }


@municipality_view(need="coordinate")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    intake = intake_of(request, pk)
    if intake.status == IntakeStatus.READING and (job := read_job_of(intake)) is not None:
        return redirect("jobs:detail", intake.municipality.slug, job.pk)
    return render(request, "intake/review.html", _review_context(intake, intake_proposals(intake)))


@municipality_view(need="coordinate")
def document(request: HttpRequest, pk: int) -> FileResponse:
    intake = intake_of(request, pk)
    if not intake.has_document:
        raise Http404
    return FileResponse(intake.file.open("rb"), as_attachment=True, filename=intake.original_name)


@municipality_view(need="coordinate")
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    intake = intake_of(request, pk)
    response = HttpResponse(
        intake_toml(intake, intake_proposals(intake)),
        content_type="application/toml; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{intake_filename(intake)}"'
    return response


def posted_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST["row_version"])
    except (KeyError, ValueError):
        return None


@municipality_view(need="coordinate")
@require_POST
def accept_all(request: HttpRequest, pk: int) -> HttpResponse:
    intake = intake_of(request, pk)
    try:
        count = intake_accept_pending(access=access_of(request), intake=intake, user=request.user)
    except IntakeClosed as closed:
        messages.error(request, str(closed))
    except ConflictError:
        messages.error(request, _("Någon annan granskade samtidigt. Inget ändrades; försök igen."))
    else:
        messages.success(request, _("%(count)s förslag godtogs.") % {"count": count})
    return redirect(intake.get_absolute_url())


@municipality_view(need="coordinate")
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    intake = intake_of(request, pk)
    problems: list[str] = []
    if request.method == "POST":
        try:
            policy = intake_adopt(
                access=access_of(request),
                intake=intake,
                expected_version=posted_version(request),
                user=request.user,
            )
        except IntakeInvalid as invalid:
            problems = invalid.problems
        except ConflictError:
            intake.refresh_from_db()
            messages.error(
                request, _("Någon annan har ändrat inläsningen under tiden. Kontrollera igen.")
            )
        except IntakeClosed as closed:
            messages.error(request, str(closed))
        else:
            messages.success(
                request,
                _("Policyn är antagen som version %(number)s och gäller från och med nu.")
                % {"number": policy.number},
            )
            return redirect("policies:version", intake.municipality.slug, policy.number)
    proposals = intake_proposals(intake)
    if not problems and intake.is_open:
        problems = intake_problems(intake, proposals)
    data, added = intake_policy_file(intake, proposals)
    policy_data = data["policy"]
    return render(
        request,
        "intake/adopt.html",
        {
            "intake": intake,
            "groups": [g for g in proposal_groups(proposals) if g.element != "metadata"],
            "facts": [
                (METADATA_LABELS[p.attribute], p)
                for p in proposal_groups(proposals)[0].proposals
                if p.included
            ],
            "added_units": added,
            "problems": problems,
            "cadence": policy_data.get("cadence"),
            "status_draft": PolicyStatus.DRAFT,
            "review_url": reverse("intake:review", args=[intake.municipality.slug, intake.pk]),
            "in_force": policy_in_force(intake.municipality),
        },
        status=400 if request.method == "POST" and problems else 200,
    )


@municipality_view(need="coordinate")
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    intake = intake_of(request, pk)
    try:
        intake_discard(
            access=access_of(request),
            intake=intake,
            expected_version=posted_version(request),
            user=request.user,
        )
    except (IntakeClosed, ConflictError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Inläsningen är avbruten. Dokumentet och förslagen finns kvar.")
        )
    return redirect("intake:upload", intake.municipality.slug)
