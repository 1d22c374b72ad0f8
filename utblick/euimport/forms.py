from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core import forms as core_forms
from utblick.organisation.models import Unit

_PIC = forms.RegexField(
    regex=r"^\s*\d{9}(\s*[,;]\s*\d{9})*\s*$",
    required=False,
    label=_("Kommunens PIC-nummer"),
    help_text=_(
        "Om kommunen deltar under ett PIC-nummer utan sitt momsnummer; flera åtskilda med komma."
    ),
    error_messages={"invalid": _("Ange PIC-nummer med nio siffror, åtskilda med komma.")},
)


class EuUploadForm(core_forms.UploadForm):
    file_label = _("Nedladdningen")
    file_help = _(
        "CORDIS: zip-filen med project.csv och organization.csv. Kohesio: CSV-filen med "
        "insatserna. keep.eu: Interreg-programmets förteckning över insatser (Excel med "
        "flikarna Operations och Partners) eller keep.eus export av partner (CSV). Högst "
        "%(mb)s MB; större läses in med utblick eu import."
    )
    source = forms.ChoiceField(
        label=_("Register"),
        choices=[
            ("cordis", _("CORDIS (Horisont Europa, Horisont 2020, FP7)")),
            ("kohesio", _("Kohesio (regional- och socialfonden, Interreg)")),
            ("keep", _("keep.eu (Interreg-program)")),
        ],
    )
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label=_("Ansvarig enhet för nya projekt")
    )
    rate = forms.DecimalField(
        label=_("Kronor per euro"),
        min_value=Decimal("0.0001"),
        max_digits=10,
        decimal_places=4,
        help_text=_("För bidragen i euro, t.ex. 11,20."),
    )
    pics = _PIC

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.current().filter(municipality=municipality)
        self.order_fields(["source", "file", "unit", "rate", "pics"])

    def clean_pics(self) -> set[str]:
        raw = self.cleaned_data.get("pics") or ""
        return {p.strip() for p in raw.replace(";", ",").split(",") if p.strip()}
