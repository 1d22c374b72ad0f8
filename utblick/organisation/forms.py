from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core import clock
from utblick.core.forms import AccessibleErrorsMixin, VersionedModelForm
from utblick.core.text import key_from_name
from utblick.organisation.models import CompetenceEntry, CompetenceKind, Contact, Unit, UnitKind


class UnitForm(VersionedModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "parent", "description", "key"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "key": _("Kort och stabil nyckel för policyfilen. Lämna tom så skapas den av namnet."),
        }

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        parents = Unit.objects.current().filter(municipality=municipality)
        if self.instance.pk:
            below = Unit.objects.descendant_ids([self.instance.pk])
            parents = parents.exclude(pk__in=below)
        self.fields["kind"].choices = [("", _("Välj typ")), *UnitKind.choices]
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("(ingen – högst upp)")
        self.fields["key"].required = False

    def clean_key(self) -> str:
        key = self.cleaned_data.get("key") or key_from_name(self.cleaned_data.get("name") or "")
        taken = Unit.objects.filter(municipality=self.municipality, key=key).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(
                _("Nyckeln %(key)s används redan av en annan enhet."), params={"key": key}
            )
        return key


class ContactForm(VersionedModelForm):
    class Meta:
        model = Contact
        fields = [
            "name",
            "title",
            "unit",
            "appointed_by",
            "email",
            "phone",
            "role",
            "consent_to_publish",
            "consent_recorded_on",
            "key",
        ]
        widgets = {"consent_recorded_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "key": _("Kort och stabil nyckel för policyfilen. Lämna tom så skapas den av namnet."),
            "consent_recorded_on": _("Lämna tom så används dagens datum när samtycke kryssas i."),
        }

    def __init__(self, *args: Any, municipality: Any, unit_choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["unit"].queryset = unit_choices
        self.fields["unit"].empty_label = _("Välj enhet")
        self.fields["appointed_by"].queryset = Unit.objects.current().filter(
            municipality=municipality
        )
        self.fields["appointed_by"].empty_label = _("(ingen)")
        self.fields["key"].required = False

    def clean_key(self) -> str:
        key = self.cleaned_data.get("key") or key_from_name(self.cleaned_data.get("name") or "")
        taken = Contact.objects.filter(municipality=self.municipality, key=key).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(
                _("Nyckeln %(key)s används redan av en annan kontaktperson."), params={"key": key}
            )
        return key

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("consent_to_publish") and not data.get("consent_recorded_on"):
            data["consent_recorded_on"] = clock.today()
        if not data.get("consent_to_publish"):
            data["consent_recorded_on"] = None
        recorded = data.get("consent_recorded_on")
        if recorded and recorded > clock.today():
            self.add_error(
                "consent_recorded_on", _("Samtycket kan inte vara registrerat i framtiden.")
            )
        return data


class CompetenceForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = CompetenceEntry
        fields = ["date", "title", "kind", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "kind": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CompetenceKind.choices
        self.fields["kind"].initial = CompetenceKind.JOINT

    def clean_date(self) -> Any:
        value = self.cleaned_data["date"]
        if value and value.year < 1990:
            raise forms.ValidationError(_("Datumet verkar fel: ange ett datum efter 1990."))
        return value
