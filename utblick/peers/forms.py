from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.forms import Form
from utblick.peers.selectors import PeerQuery


class PeerForm(Form):
    """The question, as the page's GET form and the API's parameters name it."""

    ort = forms.CharField(
        label=_("Vänort eller partnerskap i ort eller land"),
        required=False,
        max_length=120,
        help_text=_("T.ex. Vasa eller Polen."),
    )
    partner = forms.CharField(
        label=_("Samarbetar med partnern"),
        required=False,
        max_length=200,
        help_text=_("Namnet, eller EU:s deltagarkod (PIC) med nio siffror."),
    )
    land = forms.CharField(
        label=_("Partnerns land"),
        required=False,
        max_length=60,
        help_text=_("Skiljer två med samma namn åt."),
    )
    natverk = forms.CharField(
        label=_("Medlem i nätverket"),
        required=False,
        max_length=200,
        help_text=_("T.ex. Eurocities."),
    )
    program = forms.CharField(
        label=_("Har projekt i programmet"),
        required=False,
        max_length=120,
        help_text=_("T.ex. Erasmus+ eller Interreg."),
    )

    def query(self) -> PeerQuery:
        d = self.cleaned_data
        return PeerQuery(
            place=d.get("ort", ""),
            partner=d.get("partner", ""),
            country=d.get("land", ""),
            network=d.get("natverk", ""),
            programme=d.get("program", ""),
        )
