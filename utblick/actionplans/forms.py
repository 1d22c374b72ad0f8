from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.actionplans.models import ActionPlan, Measure, Outcome
from utblick.activities.models import Activity
from utblick.core.forms import Form, VersionedModelForm
from utblick.organisation.models import Contact, Unit
from utblick.policies.models import Goal, PolicyStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(VersionedModelForm):
    class Meta:
        model = ActionPlan
        fields = ["unit", "year", "state", "adopted_on", "decision_reference", "summary"]
        widgets = {"adopted_on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("Välj enhet")
        self.fields["state"].choices = [
            c
            for c in self.fields["state"].choices
            if c[0] != "evaluated" or self.instance.state == "evaluated"
        ]
        if self.instance.pk:
            self.fields["unit"].disabled = True
            self.fields["year"].disabled = True


class MeasureForm(VersionedModelForm):
    activities = forms.ModelMultipleChoiceField(
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Aktiviteter"),
    )
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Mål i styrdokumentet"),
    )

    class Meta:
        model = Measure
        fields = ["title", "indicator", "target_value", "responsible", "deadline"]
        widgets = {"deadline": DATE}

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        m = plan.municipality
        units = Unit.objects.descendant_ids([plan.unit_id])
        self.fields["responsible"].queryset = Contact.objects.current().filter(municipality=m)
        self.fields["responsible"].empty_label = _("(ingen)")
        self.fields["activities"].queryset = Activity.objects.current().filter(
            municipality=m, unit_id__in=units
        )
        self.fields["goals"].queryset = Goal.objects.filter(
            policy__municipality=m, policy__status=PolicyStatus.IN_FORCE
        )
        if self.instance.pk:
            self.fields["activities"].initial = list(self.instance.activities.all())
            self.fields["goals"].initial = list(self.instance.goals.all())


class EvaluationForm(VersionedModelForm):
    class Meta:
        model = Measure
        fields = ["outcome", "outcome_value", "evaluation_comment"]
        widgets = {
            "outcome": forms.RadioSelect,
            "evaluation_comment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = Outcome.choices
        self.fields["outcome"].required = True


class PlanEvaluationForm(Form):
    summary = forms.CharField(
        label=_("Samlad utvärdering av året"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanFollowUpForm(Form):
    period = forms.ChoiceField(label=_("Period"))
    status = forms.ChoiceField(
        label=_("Läge"),
        choices=[
            ("on_track", _("Enligt plan")),
            ("at_risk", _("Risk för avvikelse")),
            ("off_track", _("Avviker")),
        ],
    )
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, periods: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = {p.key: p for p in periods}
        self.fields["period"].choices = [(key, p.name) for key, p in self.periods.items()]

    def clean_period(self) -> Any:
        """The chosen period, stored or from the cadence."""
        return self.periods[self.cleaned_data["period"]]
