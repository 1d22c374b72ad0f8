"""The standard-set form: one checkbox and one editable name per offered unit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from utblick.onboarding.models import Step
from utblick.onboarding.selectors import GROUPS, StandardUnit
from utblick.onboarding.services import UnitChoice
from utblick.organisation.models import Unit, UnitKind


class StepSkipForm(forms.Form):
    step = forms.ChoiceField(choices=Step.choices)
    action = forms.ChoiceField(choices=[("skip", "skip"), ("unskip", "unskip")])


class StandardUnitsForm(forms.Form):
    """Tick the units to add and rename them; the checks that need the data are the service's."""

    def __init__(self, *args: Any, offered: list[StandardUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offered = offered
        name_length = Unit._meta.get_field("name").max_length
        for unit in offered:
            self.fields[f"add_{unit.key}"] = forms.BooleanField(
                required=False,
                initial=unit.ticked,
                label=_("Lägg till %(name)s") % {"name": unit.name},
            )
            self.fields[f"name_{unit.key}"] = forms.CharField(
                required=False,
                initial=unit.name,
                max_length=name_length,
                label=_("Namn på %(name)s") % {"name": unit.name},
            )

    def rows(self) -> list[dict[str, Any]]:
        """The offered units grouped for the page, each with its two fields."""
        groups: dict[str, dict[str, Any]] = {}
        for unit in self.offered:
            group = groups.setdefault(unit.group, {"title": GROUPS[unit.group], "units": []})
            group["units"].append(
                {
                    "unit": unit,
                    "kind": UnitKind(unit.kind).label,
                    "add": self[f"add_{unit.key}"],
                    "name": self[f"name_{unit.key}"],
                }
            )
        return list(groups.values())

    def choices(self) -> list[UnitChoice]:
        return [
            UnitChoice(key=u.key, name=self.cleaned_data.get(f"name_{u.key}") or "")
            for u in self.offered
            if self.cleaned_data.get(f"add_{u.key}")
        ]

    def add_service_errors(self, error: ValidationError) -> None:
        """The service's errors, on the name field of the unit they are about."""
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                field = f"name_{key}"
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        else:
            for message in error.messages:
                self.add_error(None, message)
