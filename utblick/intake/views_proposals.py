"""Deciding on one proposal of a draft: accept, reject or undo in place, edit, or add one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.core.services import ConflictError
from utblick.core.tenancy import scoped_get
from utblick.intake.display import METADATA_LABELS
from utblick.intake.forms import proposal_form
from utblick.intake.models import Decision, Element, IntakeProposal, PolicyIntake
from utblick.intake.selectors import body_choices, intake_proposals
from utblick.intake.services import (
    IntakeClosed,
    proposal_add,
    proposal_decide,
    proposal_edit,
    proposal_remove,
)
from utblick.intake.views import ADDABLE, access_of, intake_of, posted_version


def _proposal(request: HttpRequest, intake: PolicyIntake, proposal_pk: int) -> IntakeProposal:
    return scoped_get(
        IntakeProposal.objects.select_related("intake"),
        access_of(request),
        pk=proposal_pk,
        intake=intake,
    )


@municipality_view(need="coordinate")
@require_POST
def decide(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    intake = intake_of(request, pk)
    proposal = _proposal(request, intake, proposal_pk)
    decision = request.POST.get("decision", "")
    problem = ""
    if decision not in ("accepted", "rejected", "pending"):
        problem = _("Välj att godta eller avvisa förslaget.")
    else:
        try:
            proposal_decide(
                access=access_of(request),
                proposal=proposal,
                decision=decision,
                expected_version=posted_version(request),
                user=request.user,
            )
        except ConflictError as conflict:
            proposal = conflict.current  # type: ignore[assignment]
            problem = _(
                "Någon annan har granskat förslaget under tiden. Det visas nu som det är sparat; välj igen."
            )
        except IntakeClosed as closed:
            problem = str(closed)
    if request.htmx:  # type: ignore[attr-defined]
        others = intake_proposals(intake)
        return render(
            request,
            "intake/_proposal_swap.html",
            {
                "proposal": proposal,
                "problem": problem,
                "intake": intake,
                "labels": METADATA_LABELS,
                "others": [p for p in others if p.pk != proposal.pk and _same_slot(p, proposal)],
                "decided": sum(1 for p in others if p.decision != Decision.PENDING),
                "total": len(others),
            },
        )
    if problem:
        messages.error(request, problem)
    return redirect(f"{intake.get_absolute_url()}#proposal-{proposal.pk}")


def _same_slot(a: IntakeProposal, b: IntakeProposal) -> bool:
    """Proposals for the same single-valued element (a document fact, the cadence)."""
    return (
        a.element == b.element
        and a.attribute == b.attribute
        and a.element in ("metadata", "cadence")
    )


@municipality_view(need="coordinate")
def edit(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    intake = intake_of(request, pk)
    proposal = _proposal(request, intake, proposal_pk)
    proposals = intake_proposals(intake)
    bodies = body_choices(intake.municipality, proposals)
    form = proposal_form(
        proposal.element,
        proposal.attribute,
        data=request.POST or None,
        value=proposal.value,
        bodies=bodies,
        row_version=proposal.row_version,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            proposal_edit(
                access=access_of(request),
                proposal=proposal,
                value=form.to_value(),
                expected_version=form.cleaned_data.get("row_version"),
                user=request.user,
            )
        except ConflictError as error:
            conflict = {"by": error.by, "at": error.at, "changes": error.changes}
            form.data = form.data.copy()
            form.data["row_version"] = str(error.current.row_version)
            form.add_error(
                None,
                _(
                    "Någon annan har ändrat förslaget medan du redigerade det. Inget av det du skrev är sparat."
                ),
            )
        except IntakeClosed as closed:
            form.add_error(None, str(closed))
        else:
            messages.success(request, _("Förslaget är ändrat och godtaget."))
            return redirect(f"{intake.get_absolute_url()}#proposal-{proposal.pk}")
    return render(
        request,
        "intake/edit.html",
        {
            "intake": intake,
            "proposal": proposal,
            "form": form,
            "conflict": conflict,
            "quotes": [(intake.text[s:e], section) for s, e, section in proposal.passages],
            "title": _label(proposal.element, proposal.attribute),
        },
    )


def _label(element: str, attribute: str) -> str:
    if element == "metadata":
        return str(METADATA_LABELS.get(attribute, attribute))
    return str(Element(element).label)


@municipality_view(need="coordinate")
def add(request: HttpRequest, pk: int, element: str) -> HttpResponse:
    intake = intake_of(request, pk)
    attribute = ""
    if element.startswith("metadata-"):
        element, attribute = "metadata", element.removeprefix("metadata-")
        if attribute not in METADATA_LABELS:
            raise Http404
    elif element not in ADDABLE:
        raise Http404
    proposals = intake_proposals(intake)
    form = proposal_form(
        element,
        attribute,
        data=request.POST or None,
        bodies=body_choices(intake.municipality, proposals),
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_add(
                access=access_of(request),
                intake=intake,
                element=element,
                attribute=attribute,
                value=form.to_value(),
                user=request.user,
            )
        except IntakeClosed as closed:
            form.add_error(None, str(closed))
        else:
            messages.success(request, _("Tillagt i utkastet."))
            return redirect(f"{intake.get_absolute_url()}#proposal-{proposal.pk}")
    return render(
        request,
        "intake/edit.html",
        {"intake": intake, "form": form, "title": _label(element, attribute), "adding": True},
    )


@municipality_view(need="coordinate")
@require_POST
def remove(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    intake = intake_of(request, pk)
    proposal = _proposal(request, intake, proposal_pk)
    try:
        proposal_remove(
            access=access_of(request),
            proposal=proposal,
            expected_version=posted_version(request),
            user=request.user,
        )
    except ConflictError:
        messages.error(request, _("Någon annan har ändrat det under tiden. Inget togs bort."))
    except (IntakeClosed, ValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Borttaget ur utkastet."))
    return redirect(f"{intake.get_absolute_url()}#group-{proposal.element}")
