"""Form behaviour shared by every form: accessible errors and optimistic locking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from utblick.core.uploads import limits, megabytes


class FastSelect(forms.Select):
    """A select rendered in Python: the same HTML as Django's, without a template per option.

    A filter panel has hundreds of options (every country, unit, partner);
    rendering each through the template engine cost more than the page's queries.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> str:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {
            str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None
        }
        if self.allow_multiple_selected:
            final["multiple"] = True
        head = flatatt({k: v for k, v in final.items() if v is not False and v is not None})
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):  # an optgroup
                inner = "".join(_option(v, text, chosen) for v, text in label)
                options.append(
                    format_html(
                        '<optgroup label="{}">{}</optgroup>', option_value, mark_safe(inner)
                    )
                )
            else:
                options.append(_option(option_value, label, chosen))
        return format_html("<select{}>{}</select>", head, mark_safe("".join(options)))


def _option(value: Any, label: Any, chosen: set[str]) -> str:
    value = "" if value is None else str(value)
    selected = " selected" if value in chosen else ""
    return f'<option value="{escape(value)}"{selected}>{conditional_escape(label)}</option>'


def fast_selects(fields: dict[str, forms.Field]) -> None:
    """Swap Django's single selects for :class:`FastSelect` (same attributes, same choices)."""
    for field in fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs)
            fast.choices = widget.choices
            fast.is_required = widget.is_required
            field.widget = fast


class SwedishDecimalField(forms.DecimalField):
    """Reads "1 000,50", "1000,50" and "1000.50" alike (spaces between thousands, either mark)."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u202f", "").replace(",", ".")
        return super().to_python(value)


def decimal_comma(fields: dict[str, forms.Field]) -> None:
    """Decimals are typed the Swedish way ("11,2") or with a point, in a text box.

    A browser's number box reads "11,2" by its own locale, and Chromium in
    English posts 112 for it without a word; a text box posts what was typed
    and the field reads either separator.
    """
    for field in fields.values():
        if isinstance(field, forms.DecimalField):
            if type(field) is forms.DecimalField:
                field.__class__ = SwedishDecimalField
            attrs = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max")}
            field.widget = forms.TextInput(attrs=attrs | {"inputmode": "decimal"})


class AccessibleErrorsMixin:
    """Mark fields with errors for assistive technology (aria-invalid, aria-describedby).

    Also renders selects fast (:class:`FastSelect`) and decimals with a comma.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        fast_selects(self.fields)  # type: ignore[attr-defined]
        decimal_comma(self.fields)  # type: ignore[attr-defined]

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


class UploadForm(Form):
    """One file, refused by its size before it is read into memory.

    A subclass names the field (``file_label``), says what may be sent
    (``file_help``, with ``%(mb)s``) and which limit of ``core.uploads`` applies.
    """

    file = forms.FileField()
    file_label: Any = ""
    file_help: Any = ""
    limit = "max_bytes"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.file_label
        self.fields["file"].help_text = self.file_help % {"mb": megabytes(self.max_bytes())}

    def max_bytes(self) -> int:
        return int(getattr(limits(), self.limit))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes():
            raise forms.ValidationError(
                _("Filen är större än %(mb)s MB.") % {"mb": megabytes(self.max_bytes())}
            )
        return upload


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
