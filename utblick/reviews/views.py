from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.activities.models import REVIEWABLE, Activity, Status
from utblick.core import clock
from utblick.core.editing import add_validation_errors
from utblick.core.tenancy import Access, scoped_get
from utblick.reports.render import CONTENT_TYPES
from utblick.reviews.forms import DraftCreateForm, EntryDecisionForm, ReviewForm
from utblick.reviews.models import DecisionDraft, DraftAction, Review
from utblick.reviews.selectors import deciding_body_for, drafts_of
from utblick.reviews.services import decision_draft_create, decision_record_entry, review_record

#: The review decision a draft's action stands for, chosen when its decision is recorded.
DRAFT_INITIAL_DECISION = {DraftAction.CONTINUE: "continue", DraftAction.END: "end"}


@municipality_view(need="edit")
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    activity = scoped_get(Activity.objects.select_related("unit", "deciding_body"), access, pk=pk)
    access.require_unit(activity.unit_id)
    draft = _open_draft(request, activity)
    body = activity.deciding_body or deciding_body_for(activity)
    initial = {"deciding_body": body.pk if body else None, "decided_on": clock.today()}
    if draft is not None:
        initial |= {
            "deciding_body": draft.addressed_to_id,
            "decision": DRAFT_INITIAL_DECISION.get(draft.action),
        }
    form = ReviewForm(request.POST or None, municipality=access.municipality, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            review_record(
                access=access,
                user=request.user,
                activity=activity,
                review=form.save(commit=False),
                draft=draft,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Omprövningen är registrerad."))
            return redirect(
                reverse("activities:detail", args=[access.municipality.slug, pk]) + "#omprovning"
            )
    return render(
        request, "reviews/form.html", {"form": form, "activity": activity, "draft": draft}
    )


def _open_draft(request: HttpRequest, activity: Activity) -> DecisionDraft | None:
    """The draft named by ``?underlag=`` (the review form's link), if one is named."""
    pk = request.GET.get("underlag", "")
    if not pk:
        return None
    if not pk.isdigit():
        raise Http404
    return scoped_get(
        DecisionDraft.objects.select_related("addressed_to"),
        request.access,  # type: ignore[attr-defined]
        pk=int(pk),
        activity=activity,
        decided_on__isnull=True,
    )


def _drafts_page(
    request: HttpRequest, activity: Activity, form: DraftCreateForm, status: int = 200
) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    return render(
        request,
        "reviews/drafts.html",
        {
            "activity": activity,
            "drafts": drafts_of(activity),
            "form": form,
            "can_write": activity.is_reviewable and access.can_edit_unit(activity.unit_id),
            "initial_decision": DRAFT_INITIAL_DECISION,
        },
        status=status,
    )


@municipality_view()
def draft_list(request: HttpRequest, pk: int) -> HttpResponse:
    """An activity's decision drafts, with their files and whether the decision is recorded."""
    activity = scoped_get(Activity.objects.select_related("unit"), request.access, pk=pk)
    return _drafts_page(request, activity, DraftCreateForm(initial=_suggested(activity)))


def _suggested(activity: Activity) -> dict[str, str]:
    undecided = activity.status in (Status.IDEA, Status.PROPOSED)
    return {"action": DraftAction.ENTER if undecided else DraftAction.CONTINUE}


@municipality_view(need="edit")
@require_POST
def draft_create(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    activity = scoped_get(
        Activity.objects.select_related("unit", "deciding_body", "network"), access, pk=pk
    )
    access.require_unit(activity.unit_id)
    form = DraftCreateForm(request.POST)
    if form.is_valid():
        try:
            draft = decision_draft_create(
                access=access,
                user=request.user,
                activity=activity,
                action=form.cleaned_data["action"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("Beslutsunderlaget till %(body)s är skrivet.") % {"body": draft.addressed_to},
            )
            return redirect("reviews:drafts", access.municipality.slug, activity.pk)
    return _drafts_page(request, activity, form, status=400)


@municipality_view()
def draft_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "pdf"):
        raise Http404
    draft = scoped_get(DecisionDraft, request.access, pk=pk)  # type: ignore[attr-defined]
    file = getattr(draft, fmt)
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[fmt],
    )


@municipality_view(need="edit")
def draft_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision to enter that a draft proposed (continue and end are reviews)."""
    access: Access = request.access  # type: ignore[attr-defined]
    draft = scoped_get(
        DecisionDraft.objects.select_related("activity__unit", "addressed_to"), access, pk=pk
    )
    activity = draft.activity
    access.require_unit(activity.unit_id)
    open_entry = draft.action == DraftAction.ENTER and not draft.is_decided
    initial = {"deciding_body": draft.addressed_to_id, "decided_on": clock.today()}
    form = EntryDecisionForm(
        request.POST or None, municipality=access.municipality, initial=initial
    )
    if request.method == "POST" and open_entry and form.is_valid():
        try:
            decision_record_entry(
                access=access, user=request.user, draft=draft, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Beslutet är registrerat."))
            return redirect(activity)
    return render(
        request,
        "reviews/entry.html",
        {"form": form, "draft": draft, "activity": activity, "open_entry": open_entry},
    )


@municipality_view()
def review_list(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    today = clock.today()
    due = (
        Activity.objects.filter(
            municipality=access.municipality, kind__in=REVIEWABLE, archived_at__isnull=True
        )
        .exclude(status__in=[Status.ENDED, Status.REJECTED])
        .filter(next_review_on__lte=today + timedelta(days=90))
        .select_related("unit")
        .order_by("next_review_on")
    )
    decided = Review.objects.filter(municipality=access.municipality).select_related(
        "activity", "deciding_body"
    )[:50]
    return render(request, "reviews/list.html", {"due": due, "decided": decided, "today": today})
