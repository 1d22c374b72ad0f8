from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.actionplans import services
from utblick.actionplans.forms import (
    EvaluationForm,
    MeasureForm,
    PlanEvaluationForm,
    PlanFollowUpForm,
    PlanForm,
)
from utblick.actionplans.models import ActionPlan, Measure
from utblick.core import clock
from utblick.core.dates import asked_year
from utblick.core.editing import save_form
from utblick.core.tenancy import Access, scoped_get
from utblick.followup.selectors import periods_for
from utblick.organisation.models import Unit


def _units(access: Access) -> object:
    units = Unit.objects.current().filter(municipality=access.municipality)
    return units if access.is_coordinator else units.filter(pk__in=access.unit_ids)


@municipality_view()
def plan_list(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    year = asked_year(request.GET.get("ar"), clock.today().year)
    plans = (
        ActionPlan.objects.filter(municipality=access.municipality, year=year)
        .select_related("unit")
        .annotate(
            measure_count=Count("measures", filter=Q(measures__archived_at__isnull=True)),
            evaluated_count=Count(
                "measures", filter=Q(measures__archived_at__isnull=True) & ~Q(measures__outcome="")
            ),
        )
        .order_by("unit__name")
    )
    return render(
        request,
        "actionplans/list.html",
        {"plans": plans, "year": year, "years": range(year - 2, year + 2)},
    )


@municipality_view(need="edit")
def plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    if pk:
        plan = scoped_get(ActionPlan, access, pk=pk)
        access.require_unit(plan.unit_id)
    else:
        plan = ActionPlan(municipality=access.municipality)
    initial = {}
    if not pk:
        initial = {
            "year": asked_year(request.GET.get("ar"), clock.today().year),
            "unit": request.GET.get("enhet"),
        }
    form = PlanForm(request.POST or None, instance=plan, units=_units(access), initial=initial)
    saved, conflict = (None, None)
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.plan_save(
                access=access, user=request.user, plan=obj, expected_version=version
            ),
            _("Handlingsplanen är sparad."),
        )
        if saved:
            return redirect("actionplans:detail", access.municipality.slug, saved.pk)
    return render(
        request, "actionplans/form.html", {"form": form, "plan": plan, "conflict": conflict}
    )


@municipality_view()
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    plan = scoped_get(ActionPlan.objects.select_related("unit", "revised_from"), access, pk=pk)
    measures = (
        plan.measures.current()
        .select_related("responsible")
        .prefetch_related("activities", "goals")
    )
    can_edit = access.can_edit_unit(plan.unit_id)
    periods = periods_for(access.municipality, plan.year)
    return render(
        request,
        "actionplans/detail.html",
        {
            "plan": plan,
            "measures": measures,
            "can_edit": can_edit,
            "followups": plan.followups.select_related("period").order_by("period__start"),
            "followup_form": PlanFollowUpForm(periods=periods) if can_edit else None,
            "evaluation_form": PlanEvaluationForm() if can_edit else None,
            "next_exists": ActionPlan.objects.filter(unit=plan.unit, year=plan.year + 1).first(),
        },
    )


@municipality_view(need="edit")
def measure_edit(request: HttpRequest, pk: int, measure_pk: int | None = None) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    plan = scoped_get(ActionPlan, access, pk=pk)
    access.require_unit(plan.unit_id)
    measure = (
        scoped_get(Measure, access, pk=measure_pk, plan=plan)
        if measure_pk
        else Measure(municipality=access.municipality, plan=plan)
    )
    form = MeasureForm(request.POST or None, instance=measure, plan=plan)
    saved, conflict = (None, None)
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.measure_save(
                access=access,
                user=request.user,
                plan=plan,
                measure=obj,
                activities=form.cleaned_data["activities"],
                goals=form.cleaned_data["goals"],
                expected_version=version,
            ),
            _("Åtgärden är sparad."),
        )
        if saved:
            return redirect("actionplans:detail", access.municipality.slug, plan.pk)
    return render(
        request,
        "actionplans/measure_form.html",
        {"form": form, "plan": plan, "measure": measure, "conflict": conflict},
    )


@municipality_view(need="edit")
def measure_evaluate(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    plan = scoped_get(ActionPlan, access, pk=pk)
    access.require_unit(plan.unit_id)
    measure = scoped_get(Measure, access, pk=measure_pk, plan=plan)
    form = EvaluationForm(request.POST or None, instance=measure)
    saved, conflict = (None, None)
    if request.method == "POST":
        saved, conflict = save_form(
            request,
            form,
            lambda obj, version: services.measure_evaluate(
                access=access,
                user=request.user,
                measure=obj,
                outcome=obj.outcome,
                outcome_value=obj.outcome_value,
                comment=obj.evaluation_comment,
                expected_version=version,
            ),
            _("Utvärderingen är sparad."),
        )
        if saved:
            return redirect("actionplans:detail", access.municipality.slug, plan.pk)
    return render(
        request,
        "actionplans/evaluate.html",
        {"form": form, "plan": plan, "measure": measure, "conflict": conflict},
    )


@municipality_view(need="edit")
@require_POST
def measure_archive(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    plan = scoped_get(ActionPlan, access, pk=pk)
    measure = scoped_get(Measure, access, pk=measure_pk, plan=plan)
    services.measure_archive(access=access, user=request.user, measure=measure)
    messages.success(request, _("Åtgärden är arkiverad."))
    return redirect("actionplans:detail", access.municipality.slug, plan.pk)


def _plan_action(
    request: HttpRequest, pk: int, action: object, done: str, **extra: object
) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    plan = scoped_get(ActionPlan, access, pk=pk)
    try:
        result = action(access=access, user=request.user, plan=plan, **extra)  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("actionplans:detail", access.municipality.slug, pk)
    messages.success(request, done)
    return redirect(
        "actionplans:detail",
        access.municipality.slug,
        getattr(result, "pk", pk) if isinstance(result, ActionPlan) else pk,
    )


@municipality_view(need="edit")
@require_POST
def plan_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    scoped_get(ActionPlan, request.access, pk=pk)  # the wall first: 404 before anything else
    form = PlanEvaluationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv en samlad utvärdering av året."))
        return redirect("actionplans:detail", request.municipality.slug, pk)
    return _plan_action(
        request,
        pk,
        services.plan_evaluate,
        _("Handlingsplanen är utvärderad."),
        summary=form.cleaned_data["summary"],
    )


@municipality_view(need="edit")
@require_POST
def plan_revise(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_action(
        request,
        pk,
        services.plan_revise,
        _("Ett utkast för nästa år är skapat med samma åtgärder."),
    )


@municipality_view(need="edit")
@require_POST
def plan_followup(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    plan = scoped_get(ActionPlan, access, pk=pk)
    form = PlanFollowUpForm(
        request.POST,
        periods=periods_for(access.municipality, plan.year),
    )
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("actionplans:detail", access.municipality.slug, pk)
    d = form.cleaned_data
    return _plan_action(
        request,
        pk,
        services.plan_followup_save,
        _("Uppföljningen av planen är sparad."),
        period=d["period"],
        status=d["status"],
        comment=d["comment"],
    )
