from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.forms import Form
from utblick.policies.fileformat import MAX_FILE_BYTES


class PolicyFileForm(Form):
    file = forms.FileField(
        label=_("Policyfil (.toml)"),
        help_text=_(
            "En policyfil i Utblicks format. Exportera den gällande versionen för att se ett exempel."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Filen är större än 2 MB. En policyfil är ren text och mycket mindre.")
            )
        if not upload.name.lower().endswith(".toml"):
            raise forms.ValidationError(_("Filen ska vara en policyfil med ändelsen .toml."))
        return upload
