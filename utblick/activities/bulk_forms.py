"""The register's bulk form: which activities, and what to do with them (one choice)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.activities.bulk import (
    ARCHIVE,
    MAX_ACTIVITIES,
    PUBLISH,
    STATUS,
    UNIT,
    UNPUBLISH,
    BulkChoice,
)
from utblick.activities.models import Status
from utblick.core.db import Swedish
from utblick.core.forms import Form
from utblick.organisation.models import Unit


def _ids(values: list[str]) -> list[int] | None:
    """Ids as sent; None when one of them is not a number."""
    if not all(v.strip().isdigit() for v in values):
        return None
    return list(dict.fromkeys(int(v) for v in values))


class BulkForm(Form):
    """What the register's bulk bar sends.

    ``id`` holds the ticked rows. ``alla`` ticked means every row of the page,
    listed in ``sidan``, so that "select all" works without JavaScript too.
    ``version`` ("id:version", from the confirmation page) holds the versions
    the coordinator saw.
    """

    atgard = forms.ChoiceField(label=gettext_lazy("Åtgärd för de valda aktiviteterna"))

    def __init__(self, data: Any = None, *, municipality: Any) -> None:
        super().__init__(data)
        units = Unit.objects.current().filter(municipality=municipality).order_by(Swedish("name"))
        self.units = {str(u.pk): u for u in units}
        self.fields["atgard"].choices = [
            ("", _("Välj vad som ska göras")),
            (PUBLISH, _("Publicera")),
            (UNPUBLISH, _("Avpublicera")),
            (ARCHIVE, _("Arkivera")),
            (_("Ändra status till"), [(f"{STATUS}:{v}", label) for v, label in Status.choices]),
            (_("Flytta till enheten"), [(f"{UNIT}:{pk}", u.name) for pk, u in self.units.items()]),
        ]
        self.ids: list[int] = []
        self.versions: dict[int, int] = {}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = self.data.getlist("id")
        if self.data.get("alla"):
            chosen = [*chosen, *self.data.getlist("sidan")]
        ids = _ids(chosen)
        pairs = [v.partition(":") for v in self.data.getlist("version")]
        versions = _ids([p for pk, _sep, version in pairs for p in (pk, version)])
        if ids is None or versions is None:
            raise forms.ValidationError(_("Urvalet gick inte att läsa. Välj aktiviteterna igen."))
        if not ids:
            raise forms.ValidationError(_("Välj minst en aktivitet i listan."))
        if len(ids) > MAX_ACTIVITIES:
            raise forms.ValidationError(
                _("Välj högst %(n)s aktiviteter åt gången.") % {"n": MAX_ACTIVITIES}
            )
        self.ids = ids
        self.versions = {int(pk): int(version) for pk, _sep, version in pairs}
        return data

    @property
    def choice(self) -> BulkChoice:
        action, _sep, value = self.cleaned_data["atgard"].partition(":")
        if action == STATUS:
            return BulkChoice(STATUS, status=value)
        if action == UNIT:
            return BulkChoice(UNIT, unit=self.units[value])
        return BulkChoice(action)
