"""Form behaviour shared by every form: accessible errors and optimistic locking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibleErrorsMixin:
    """Mark fields with errors for assistive technology (aria-invalid, aria-describedby)."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name not in self.fields:  # type: ignore[attr-defined]
                continue
            bound = self[name]  # type: ignore[index]
            widget = self.fields[name].widget  # type: ignore[attr-defined]
            described = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:  # type: ignore[attr-defined]
                described.append(f"{bound.auto_id}_helptext")
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = " ".join(described)


class Form(AccessibleErrorsMixin, forms.Form):
    pass


class VersionedModelForm(AccessibleErrorsMixin, forms.ModelForm):
    """A model form that remembers which version of the record the user started from."""

    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["row_version"].initial = self.instance.row_version

    @property
    def expected_version(self) -> int | None:
        if not self.instance.pk:
            return None
        value = self.cleaned_data.get("row_version")
        return value if value is not None else self.instance.row_version

    def show_conflict(self, current_version: int) -> None:
        """After a conflict: the next save knowingly builds on the current version."""
        self.data = self.data.copy()
        self.data["row_version"] = str(current_version)
        self.add_error(
            None,
            _(
                "Någon annan har sparat posten medan du redigerade den. Inget av det du skrev är sparat."
            ),
        )


def key_from_name(name: str) -> str:
    """A policy-file key from a name: "Kultur- och fritidsnämnden" → "kultur-och-fritidsnamnden"."""
    from django.utils.text import slugify

    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", "é": "e"})
    return slugify(name.translate(table))[:60].strip("-") or "enhet"
