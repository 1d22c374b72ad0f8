"""One filter definition for the register: the page, the CSV/Excel export and the API.

Parameter names are Swedish because they are part of addresses people share:
``/app/uppsala/register/?typ=twin_city&land=FI&sortera=titel``.
"""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django import forms
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    TextChoices,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from utblick.activities.models import Activity, ActivityPartner, AgreementState, Kind, Status
from utblick.compliance.engine import evaluate
from utblick.core.countries import country_choices
from utblick.core.dates import FIRST_YEAR, LAST_YEAR
from utblick.core.db import Swedish
from utblick.core.forms import Form
from utblick.core.text import fold
from utblick.funding.models import Funding, FundingSource, SourceKind
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.policies.models import FocusArea, Goal, Policy, PolicyStatus, Term


def _choice_order(field: str, choices: type[TextChoices]) -> Case:
    """The choices' own order (the lifecycle for status), not the stored keys' alphabet."""
    return Case(
        *[When(**{field: value}, then=Value(i)) for i, value in enumerate(choices.values)],
        default=Value(len(choices.values)),
        output_field=IntegerField(),
    )


KIND_ORDER = _choice_order("kind", Kind)
STATUS_ORDER = _choice_order("status", Status)

SORTS: dict[str, tuple[str, list[Any]]] = {
    "titel": (_("Titel A–Ö"), [Swedish("title"), "pk"]),
    "-titel": (_("Titel Ö–A"), [Swedish("title").desc(), "-pk"]),
    "start": (_("Startdatum, äldst först"), ["start_date", "pk"]),
    "-start": (_("Startdatum, nyast först"), ["-start_date", "-pk"]),
    "andrad": (_("Senast ändrad"), ["-updated_at", "-pk"]),
    "typ": (_("Typ"), [KIND_ORDER, Swedish("title"), "pk"]),
    "-typ": (_("Typ, omvänd ordning"), [KIND_ORDER.desc(), Swedish("title"), "pk"]),
    "status": (_("Status"), [STATUS_ORDER, Swedish("title"), "pk"]),
    "-status": (_("Status, omvänd ordning"), [STATUS_ORDER.desc(), Swedish("title"), "pk"]),
    "enhet": (_("Enhet A–Ö"), [Swedish("unit__name"), Swedish("title"), "pk"]),
    "-enhet": (_("Enhet Ö–A"), [Swedish("unit__name").desc(), Swedish("title"), "pk"]),
}
#: The list's columns that sort, by the ascending key of their sort.
SORTABLE_COLUMNS = ("titel", "typ", "enhet", "status")
YES_NO = [("ja", _("Ja")), ("nej", _("Nej"))]


def _policy(municipality: Any) -> Policy | None:
    return Policy.objects.filter(municipality=municipality, status=PolicyStatus.IN_FORCE).first()


class ActivityFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_search", label=_("Sök"))
    # Plain columns: no DISTINCT (it makes counting the result cost a full row comparison).
    # Checkboxes, not a multiple select: each option then gets its own id for its label.
    typ = filters.MultipleChoiceFilter(
        field_name="kind",
        choices=Kind.choices,
        label=_("Typ"),
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = filters.MultipleChoiceFilter(
        choices=Status.choices,
        label=_("Status"),
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    avtal = filters.MultipleChoiceFilter(
        field_name="agreement_state",
        choices=AgreementState.choices,
        label=_("Avtalets läge"),
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    enhet = filters.ModelChoiceFilter(
        queryset=Unit.objects.none(), method="filter_unit", label=_("Enhet (med underenheter)")
    )
    inriktning = filters.ChoiceFilter(method="filter_focus_area", label=_("Inriktning"))
    mal = filters.ChoiceFilter(method="filter_goal", label=_("Mål"))
    klass = filters.ChoiceFilter(method="filter_term", label=_("Klassificering"))
    land = filters.ChoiceFilter(method="filter_country", label=_("Land"))
    partner = filters.ModelChoiceFilter(
        queryset=Partner.objects.none(), method="filter_partner", label=_("Partner")
    )
    ar = filters.NumberFilter(
        method="filter_year", label=_("År"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    finansiering = filters.ChoiceFilter(method="filter_funding", label=_("Finansiering"))
    publicerad = filters.ChoiceFilter(
        method="filter_published", choices=YES_NO, label=_("Publicerad")
    )
    arkiverade = filters.ChoiceFilter(
        method="filter_archived", choices=YES_NO, label=_("Arkiverade")
    )
    regel = filters.ChoiceFilter(
        method="filter_rule",
        choices=[("ja", _("Avviker från en regel")), ("fel", _("Bryter mot en regel (fel)"))],
        label=_("Styrdokumentets regler"),
    )
    sortera = filters.ChoiceFilter(
        method="filter_sort", choices=[(k, v[0]) for k, v in SORTS.items()], label=_("Sortering")
    )

    class Meta:
        model = Activity
        fields: list[str] = []
        form = Form  # fast selects, accessible errors

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Activity] | None = None,
        *,
        municipality: Any,
        **kwargs: Any,
    ):
        super().__init__(data, queryset=queryset, **kwargs)
        self.municipality = municipality
        policy = _policy(municipality)
        f = self.filters
        f["enhet"].queryset = Unit.objects.filter(municipality=municipality).order_by(
            Swedish("name")
        )
        f["partner"].queryset = Partner.objects.filter(municipality=municipality).order_by(
            Swedish("name")
        )
        f["inriktning"].extra["choices"] = [
            (a.key, a.name) for a in FocusArea.objects.filter(policy=policy)
        ]
        f["mal"].extra["choices"] = [
            (g.key, g.text[:80]) for g in Goal.objects.filter(policy=policy)
        ]
        f["klass"].extra["choices"] = [
            (f"{t.taxonomy.key}:{t.key}", f"{t.taxonomy.name}: {t}")
            for t in Term.objects.filter(taxonomy__policy=policy)
            .select_related("taxonomy")
            .order_by("taxonomy__position", "position")
        ]
        f["land"].extra["choices"] = country_choices()
        sources = [(s.key, s.name) for s in FundingSource.objects.all()]
        f["finansiering"].extra["choices"] = [
            ("eu", _("Alla EU-program")),
            ("extern", _("All extern finansiering")),
            *sources,
        ]

    @property
    def qs(self) -> QuerySet[Activity]:
        qs = super().qs
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        if data.get("arkiverade") != "ja":
            qs = qs.filter(archived_at__isnull=True)
        if not data.get("sortera"):
            qs = qs.order_by(*SORTS["titel"][1])
        return qs

    def filter_search(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        for word in fold(value).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def filter_unit(self, qs: QuerySet[Activity], name: str, value: Unit) -> QuerySet[Activity]:
        return qs.filter(unit_id__in=Unit.objects.descendant_ids([value.pk]))

    def filter_focus_area(
        self, qs: QuerySet[Activity], name: str, value: str
    ) -> QuerySet[Activity]:
        through = Activity.focus_areas.through.objects.filter(
            activity_id=OuterRef("pk"), focusarea__key=value
        )
        return qs.filter(Exists(through))

    def filter_goal(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        through = Activity.goals.through.objects.filter(activity_id=OuterRef("pk"), goal__key=value)
        return qs.filter(Exists(through))

    def filter_term(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        taxonomy, _sep, term = value.partition(":")
        through = Activity.terms.through.objects.filter(
            activity_id=OuterRef("pk"), term__key=term, term__taxonomy__key=taxonomy
        )
        return qs.filter(Exists(through))

    def filter_country(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        partners = ActivityPartner.objects.filter(
            activity_id=OuterRef("pk"), partner__country=value
        )
        return qs.filter(Q(country=value) | Exists(partners))

    def filter_partner(
        self, qs: QuerySet[Activity], name: str, value: Partner
    ) -> QuerySet[Activity]:
        links = ActivityPartner.objects.filter(activity_id=OuterRef("pk"), partner=value)
        return qs.filter(Q(network=value) | Exists(links))

    def filter_year(self, qs: QuerySet[Activity], name: str, value: Any) -> QuerySet[Activity]:
        return qs.in_year(int(value))

    def filter_funding(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        rows = Funding.objects.filter(activity_id=OuterRef("pk"), archived_at__isnull=True)
        if value == "eu":
            rows = rows.filter(source__kind=SourceKind.EU)
        elif value == "extern":
            rows = rows.filter(source__external=True)
        else:
            rows = rows.filter(source__key=value)
        return qs.filter(Exists(rows))

    def filter_published(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        return qs.filter(published=value == "ja")

    def filter_archived(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        return qs.filter(archived_at__isnull=False) if value == "ja" else qs

    def filter_rule(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:

        findings = evaluate(self.municipality)
        ids = {
            f.subject_id
            for f in findings
            if f.subject == "activity" and (value == "ja" or f.severity == "error")
        }
        return qs.filter(pk__in=ids)

    def filter_sort(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        return qs.order_by(*SORTS[value][1])
