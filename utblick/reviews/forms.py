from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.forms import AccessibleErrorsMixin
from utblick.organisation.models import Unit
from utblick.reviews.models import Decision, DraftAction, Review

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReviewForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Review
        fields = [
            "assessment",
            "decision",
            "changes",
            "deciding_body",
            "decided_on",
            "decision_reference",
            "next_review_on",
        ]
        widgets = {
            "assessment": forms.Textarea(attrs={"rows": 4}),
            "changes": forms.Textarea(attrs={"rows": 2}),
            "decision": forms.RadioSelect,
            "decided_on": DATE,
            "next_review_on": DATE,
        }
        help_texts = {
            "next_review_on": _(
                "Lämna tomt så räknas den fram ur styrdokumentets intervall (t.ex. vartannat år)."
            ),
            "changes": _("Krävs när beslutet är att fortsätta med ändringar."),
        }

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = Decision.choices
        self.fields["deciding_body"].queryset = Unit.objects.current().filter(
            municipality=municipality
        )
        self.fields["deciding_body"].empty_label = _("Välj organ")


class DraftCreateForm(AccessibleErrorsMixin, forms.Form):
    """Which decision the draft proposes."""

    action = forms.ChoiceField(
        label=_("Underlaget föreslår att"),
        choices=DraftAction.choices,
        widget=forms.RadioSelect,
    )


class EntryDecisionForm(AccessibleErrorsMixin, forms.Form):
    """The decision to enter an agreement or membership, as the registrar recorded it."""

    deciding_body = forms.ModelChoiceField(
        label=_("Beslutande organ"), queryset=Unit.objects.none(), empty_label=_("Välj organ")
    )
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DATE)
    decision_reference = forms.CharField(label=_("Diarienummer/paragraf"), max_length=100)

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deciding_body"].queryset = Unit.objects.current().filter(
            municipality=municipality
        )
