from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.activities.models import (
    CHILD_FIELDS,
    COMMON_FIELDS,
    EU_FIELDS,
    KIND_FIELDS,
    TRANSITIONS,
    Activity,
    Kind,
    PartnerRole,
    Status,
)
from utblick.activities.selectors import activity_with_title, place_candidates, same_words
from utblick.activities.validation import Tags, foreign_fields, foreign_message
from utblick.core import clock
from utblick.core.countries import country_choices
from utblick.core.dates import FIRST_YEAR, LAST_YEAR
from utblick.core.db import Swedish
from utblick.core.forms import AccessibleErrorsMixin, Form, VersionedModelForm, decimal_comma
from utblick.funding.models import Funding, FundingSource
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner, PartnerKind
from utblick.policies.models import FocusArea, Goal, Policy, Severity, Term
from utblick.policies.selectors import policy_has_rule

KIND_LEGENDS = {
    Kind.PROJECT: _("Projektet"),
    Kind.TWIN_CITY: _("Vänortsavtalet"),
    Kind.PARTNERSHIP: _("Samarbetsavtalet"),
    Kind.NETWORK: _("Medlemskapet"),
    Kind.EVENT: _("Evenemanget eller besöket"),
    Kind.MONITORING: _("Bevakningsfrågan"),
}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FIELDS = {
    "start_date",
    "end_date",
    "agreement_date",
    "ended_on",
    "next_review_on",
    "member_since",
    "deadline",
}


class CheckboxList(forms.CheckboxSelectMultiple):
    pass


class ActivityForm(VersionedModelForm):
    focus_areas = forms.ModelMultipleChoiceField(
        queryset=FocusArea.objects.none(),
        required=False,
        widget=CheckboxList,
        label=_("Inriktningar"),
    )
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        widget=CheckboxList,
        label=_("Mål i styrdokumentet"),
    )
    terms = forms.ModelMultipleChoiceField(
        queryset=Term.objects.none(), required=False, widget=CheckboxList, label=_("Klassificering")
    )

    class Meta:
        model = Activity
        fields = sorted(
            {*COMMON_FIELDS, *CHILD_FIELDS, *(f for fs in KIND_FIELDS.values() for f in fs)}
        )
        widgets = dict.fromkeys(DATE_FIELDS, DATE) | {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "child_assessment": forms.Textarea(attrs={"rows": 3}),
            "end_reason": forms.Textarea(attrs={"rows": 2}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "benefit": forms.Textarea(attrs={"rows": 3}),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "report": forms.Textarea(attrs={"rows": 4}),
            "stance": forms.Textarea(attrs={"rows": 3}),
            "actions_taken": forms.Textarea(attrs={"rows": 3}),
            "latitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        }

    def __init__(
        self,
        *args: Any,
        kind: str,
        municipality: Any,
        policy: Policy | None,
        units: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.municipality = municipality
        #: Another activity with the same title, when the user has not yet said it is fine.
        self.duplicate: Activity | None = None
        keep = {
            *COMMON_FIELDS,
            *CHILD_FIELDS,
            *KIND_FIELDS[kind],
            "row_version",
            "focus_areas",
            "goals",
            "terms",
        }
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        f = self.fields
        f["same_title_ok"] = forms.BooleanField(
            required=False, label=_("Spara ändå: det är en annan aktivitet med samma titel")
        )
        f["unit"].queryset = units
        f["unit"].empty_label = _("Välj enhet")
        f["contact"].queryset = (
            Contact.objects.current().filter(municipality=municipality).order_by(Swedish("name"))
        )
        f["contact"].empty_label = _("(ingen)")
        for name in ("deciding_body", "end_deciding_body"):
            if name in f:
                f[name].queryset = Unit.objects.current().filter(municipality=municipality)
                f[name].empty_label = _("(ej angivet)")
        if "network" in f:
            f["network"].queryset = (
                Partner.objects.current()
                .filter(municipality=municipality)
                .order_by(Swedish("name"))
            )
            f["network"].empty_label = _("Välj organisation")
            f["network"].help_text = _("Saknas organisationen? Lägg först till den under Partner.")
        if "representative" in f:
            f["representative"].queryset = f["contact"].queryset
            f["representative"].empty_label = _("(ingen)")
        if "country" in f:
            f["country"] = forms.ChoiceField(
                label=_("Land"), choices=[("", _("Välj land")), *country_choices()], required=False
            )
        if kind == Kind.PROJECT and policy_has_rule(policy, "project-goal-link", Severity.ERROR):
            # The policy requires every project to serve a goal or a development area.
            when = _("krävs när projektet föreslås: ett mål eller ett utvecklingsområde")
            for name in ("goals", "development_area"):
                if name in f:
                    f[name].required_when = when  # type: ignore[attr-defined]
        f["focus_areas"].queryset = FocusArea.objects.filter(policy=policy)
        f["goals"].queryset = Goal.objects.filter(policy=policy)
        f["terms"].queryset = (
            Term.objects.filter(taxonomy__policy=policy)
            .select_related("taxonomy")
            .order_by("taxonomy__position", "position")
        )
        if self.instance.pk:
            for name in ("focus_areas", "goals", "terms"):
                f[name].initial = list(getattr(self.instance, name).all())
        current = self.instance.status if self.instance.pk else Status.IDEA
        allowed = (
            {current, *TRANSITIONS.get(current, set())} if self.instance.pk else set(Status.values)
        )
        f["status"].choices = [
            (value, label) for value, label in Status.choices if value in allowed
        ]
        if self.instance.pk and "latitude" in f:
            self.add_place_candidates()
        for name in ("agreement_state", "membership_category", "direction", "child_impact"):
            if name in f:
                f[name].choices = [("", _("(ej angivet)")), *[c for c in f[name].choices if c[0]]]

    def add_place_candidates(self) -> None:
        """When several places in the country share the name, the person picks the right one."""
        candidates = place_candidates(self.instance)
        if not candidates:
            return
        self.fields["place_candidate"] = forms.ChoiceField(
            label=_("Vilken ort avses?"),
            required=False,
            widget=forms.RadioSelect,
            help_text=_(
                "Flera orter i landet heter så. Välj den som avses, eller skriv koordinater."
            ),
            choices=[("", _("Behåll koordinaterna ovan"))]
            + [
                (
                    f"{c.latitude:.5f},{c.longitude:.5f}",
                    _("%(name)s: %(lat).5f, %(lon).5f (%(n)s invånare)")
                    % {"name": c.name, "lat": c.latitude, "lon": c.longitude, "n": c.population},
                )
                for c in candidates
            ],
        )

    def add_first_money_fields(self) -> None:
        """A new project may state its first budget and external grant right away."""
        year = clock.today().year
        self.fields["first_year"] = forms.IntegerField(
            label=_("Budgetår"),
            min_value=FIRST_YEAR,
            max_value=LAST_YEAR,
            initial=year,
            required=False,
        )
        self.fields["first_budget"] = forms.DecimalField(
            label=_("Budget för året (kr)"),
            min_value=Decimal(0),
            max_digits=14,
            decimal_places=2,
            required=False,
        )
        self.fields["first_source"] = forms.ModelChoiceField(
            queryset=FundingSource.objects.filter(external=True),
            required=False,
            label=_("Extern finansiär"),
            empty_label=_("(ingen)"),
        )
        self.fields["first_granted"] = forms.DecimalField(
            label=_("Beviljat belopp (kr)"),
            min_value=Decimal(0),
            max_digits=14,
            decimal_places=2,
            required=False,
        )
        # Only what the user states is saved: no applied amount copied from the granted one
        # and no decision dated today by default (issue 19).
        self.fields["first_decided_on"] = forms.DateField(
            label=_("Beslutsdatum för det beviljade beloppet"),
            widget=DATE,
            required=False,
        )
        decimal_comma(self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        title = data.get("title")
        renamed = self.instance.pk is None or same_words(title) != same_words(self.instance.title)
        if title and renamed and not data.get("same_title_ok"):
            self.duplicate = activity_with_title(
                self.municipality, title, other_than=self.instance.pk
            )
            if self.duplicate is not None:
                self.add_error(
                    "title",
                    _(
                        "Det finns redan en aktivitet med titeln ”%(title)s”. Ge den här en "
                        "annan titel, eller kryssa i att det är en annan aktivitet."
                    )
                    % {"title": self.duplicate.title},
                )
        if data.get("place_candidate"):
            latitude, longitude = data["place_candidate"].split(",")
            data["latitude"], data["longitude"] = Decimal(latitude), Decimal(longitude)
        # A field of another kind is refused, as the API and the import refuse it.
        for name in foreign_fields(self.kind):
            if str(self.data.get(name, "")).strip():
                self.add_error(None, foreign_message(name, self.kind))
        if (
            "first_granted" in self.fields
            and data.get("first_granted")
            and not data.get("first_source")
        ):
            self.add_error("first_source", _("Ange vem som beviljat beloppet."))
        if (
            "first_granted" in self.fields
            and data.get("first_granted")
            and not data.get("first_decided_on")
        ):
            self.add_error(
                "first_decided_on", _("Ange beslutsdatum för ett beviljat eller avslaget belopp.")
            )
        if (
            "first_budget" in self.fields
            and data.get("first_budget")
            and not data.get("first_year")
        ):
            self.add_error("first_year", _("Ange vilket år budgeten gäller."))
        return data

    def tags(self) -> Tags:
        data = self.cleaned_data
        return Tags(
            list(data.get("focus_areas") or []),
            list(data.get("goals") or []),
            list(data.get("terms") or []),
        )

    def fieldsets(self) -> list[tuple[str, list[Any]]]:
        """(legend, bound fields) in the order the form shows them."""
        present = lambda names: [self[n] for n in names if n in self.fields]  # noqa: E731
        return [
            (_("Grunduppgifter"), present(COMMON_FIELDS)),
            (
                KIND_LEGENDS[self.kind],
                present(
                    [n for n in _with_candidates(KIND_FIELDS[self.kind]) if n not in EU_FIELDS]
                ),
            ),
            (_("I EU:s register (för projekt med EU-medel)"), present(EU_FIELDS)),
            (_("Koppling till styrdokumentet"), present(["focus_areas", "goals", "terms"])),
            (
                _("Budget och extern finansiering (kan fyllas i senare)"),
                present(
                    [
                        "first_year",
                        "first_budget",
                        "first_source",
                        "first_granted",
                        "first_decided_on",
                    ]
                ),
            ),
            (_("Barnperspektiv"), present(CHILD_FIELDS)),
        ]


def _with_candidates(names: list[str]) -> list[str]:
    """The kind's fields, with the place candidates (when drawn) right after the coordinates."""
    if "longitude" not in names:
        return names
    at = names.index("longitude") + 1
    return [*names[:at], "place_candidate", *names[at:]]


class KindChoiceForm(Form):
    typ = forms.ChoiceField(
        choices=Kind.choices, widget=forms.RadioSelect, label=_("Vad vill du registrera?")
    )


class PartnerLinkForm(Form):
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), label=_("Partner"), empty_label=_("Välj partner")
    )
    role = forms.ChoiceField(
        choices=PartnerRole.choices, label=_("Roll"), initial=PartnerRole.PARTNER
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = (
            Partner.objects.current().filter(municipality=municipality).order_by(Swedish("name"))
        )


class NewPartnerLinkForm(Form):
    name = forms.CharField(label=_("Organisationens namn"), max_length=200)
    kind = forms.ChoiceField(choices=PartnerKind.choices, label=_("Typ av organisation"))
    country = forms.ChoiceField(choices=[("", _("Välj land"))], label=_("Land"))
    place = forms.CharField(label=_("Ort"), max_length=120, required=False)
    role = forms.ChoiceField(
        choices=PartnerRole.choices, label=_("Roll"), initial=PartnerRole.PARTNER
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Välj land")), *country_choices()]


class BudgetLineForm(Form):
    year = forms.IntegerField(label=_("År"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    budget = forms.DecimalField(
        label=_("Budget (kr)"), min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    cost = forms.DecimalField(
        label=_("Kostnad hittills (kr)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        initial=0,
    )


class FundingForm(VersionedModelForm):
    class Meta:
        model = Funding
        fields = [
            "source",
            "call_identifier",
            "external_id",
            "status",
            "currency",
            "applied_amount",
            "granted_amount",
            "rate_to_sek",
            "decided_on",
        ]
        widgets = {"decided_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = FundingSource.objects.all()
        self.fields["source"].empty_label = _("Välj källa")


class LinkForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    url = forms.URLField(label=_("Adress"), max_length=500, assume_scheme="https")


class DocumentForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Fil"), help_text=_("PDF, Word, Excel, OpenDocument, bild eller text; högst 20 MB.")
    )
