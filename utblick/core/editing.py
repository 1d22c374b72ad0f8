"""The edit flow every form page shares: validate, save through a service, merge or show conflicts.

A form carries the version it was loaded from (``row_version``). When someone
else saved the record meanwhile, the user's save is merged: only the fields
the user changed (against the version they loaded) are written over the
current record, so nobody's change in another field is reverted. A field both
changed is shown side by side with an explicit choice; nothing is saved
until the user has chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from utblick.core.forms import VersionedModelForm
from utblick.core.history import fields_changed_since
from utblick.core.services import ConflictError

#: After a conflict: the fields to choose for, and each field's choice (``mine``/``theirs``).
CONFLICT_FIELDS = "konflikt"
CHOICE = "behall_"
#: Saves tried, each merged over the newest record, before the user is asked to save again.
MERGE_ATTEMPTS = 3


def add_validation_errors(form: Any, error: ValidationError) -> None:
    """A service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            target = name if name in form.fields else None
            for problem in problems:
                form.add_error(target, problem)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _many(obj: models.Model, name: str) -> set[Any]:
    return set(getattr(obj, name).values_list("pk", flat=True)) if obj.pk else set()


def _chosen(value: Any) -> set[Any]:
    return {getattr(v, "pk", v) for v in (value or [])}


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return ", ".join(str(v) for v in value) or "–"
    if value in (None, ""):
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    return str(value)


class Merge:
    """The user's save laid over the record as it is now."""

    def __init__(self, form: VersionedModelForm, instance: models.Model, current: models.Model):
        self.form, self.instance, self.current = form, instance, current
        model = type(current)
        concrete = {f.name: f for f in model._meta.concrete_fields}
        many = {f.name for f in model._meta.many_to_many}
        found = fields_changed_since(current, form.expected_version or 0)
        base, theirs = found if found else (None, set(concrete))
        # A change of a record's many-to-many values shows in its summary field, if it has one.
        summary = getattr(model, "many_summary_field", "")
        many_theirs = found is None or (summary and summary in theirs)
        self.mine: list[models.Field] = []
        self.both: list[str] = []
        for name in form.fields:
            field = concrete.get(name)
            if field is not None:
                mine = getattr(instance, field.attname)
                changed = base is None or mine != getattr(base, field.attname, None)
                if changed:
                    self.mine.append(field)
                    if name in theirs and mine != getattr(current, field.attname):
                        self.both.append(name)
            elif (
                name in many
                and many_theirs
                and _chosen(form.cleaned_data.get(name)) != _many(current, name)
            ):
                self.both.append(name)
        self.theirs = [n for n in theirs if n in form.fields and n not in self.both]

    def merged(self) -> models.Model:
        """The current record with the user's changed fields on it."""
        for field in self.mine:
            setattr(self.current, field.attname, getattr(self.instance, field.attname))
        return self.current

    def show(self, conflict: ConflictError) -> dict[str, Any]:
        """Put the others' values in the fields the user did not change; ask about the rest."""
        form = self.form
        form.data = data = form.data.copy()
        data["row_version"] = str(self.current.row_version)
        for name in self.theirs:
            _put(form, data, name, self.current)
        data.setlist(CONFLICT_FIELDS, self.both)
        for name in self.both:
            data.pop(CHOICE + name, None)
        if self.both:
            message = _(
                "Någon annan har sparat posten medan du redigerade den, och ni har ändrat samma fält. "
                "Välj vilket värde som ska gälla för varje sådant fält och spara igen. "
                "Deras övriga ändringar är redan inlagda i formuläret."
            )
        else:
            message = _(
                "Posten ändrades flera gånger medan du sparade, så dina ändringar är inte sparade än. "
                "De andras ändringar är inlagda i formuläret bredvid dina; spara igen."
            )
        form.add_error(None, message)
        rows = []
        for name in self.both:
            theirs = getattr(self.current, name)
            if name in {f.name for f in type(self.current)._meta.many_to_many}:
                theirs = list(theirs.all())
            rows.append(
                {
                    "name": name,
                    "label": form.fields[name].label,
                    "theirs": _shown(theirs),
                    "mine": _shown(form.cleaned_data.get(name)),
                }
            )
        return {"by": conflict.by, "at": conflict.at, "changes": conflict.changes, "both": rows}


def _put(form: Any, data: Any, name: str, current: models.Model) -> None:
    """The current record's value in the form's data, as the field's widget would post it."""
    field = form.fields[name]
    value = getattr(current, name)
    if hasattr(value, "all"):
        data.setlist(name, [str(v) for v in field.prepare_value(list(value.all()))])
    elif isinstance(value, bool):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    else:
        prepared = field.prepare_value(value)
        data[name] = "" if prepared is None else str(prepared)


def _apply_choices(request: HttpRequest, form: Any, instance: models.Model) -> bool:
    """The user's choice for each field both changed; False (with an error) if one is missing."""
    names = [n for n in request.POST.getlist(CONFLICT_FIELDS) if n in form.fields]
    if not names or instance.pk is None:
        return True
    current = type(instance)._default_manager.get(pk=instance.pk)
    missing = []
    for name in names:
        choice = request.POST.get(CHOICE + name)
        if choice not in ("mine", "theirs"):
            missing.append(str(form.fields[name].label))
        elif choice == "theirs":
            value = getattr(current, name)
            if hasattr(value, "all"):
                form.cleaned_data[name] = list(value.all())
            else:
                field = instance._meta.get_field(name)
                setattr(instance, field.attname, getattr(current, field.attname))
    if missing:
        form.add_error(
            None,
            _("Välj vilket värde som ska gälla för: %(fields)s.") % {"fields": ", ".join(missing)},
        )
        return False
    return True


def save_form(
    request: HttpRequest,
    form: VersionedModelForm,
    save: Callable[[Any, int | None], Any],
    success_message: str,
) -> tuple[Any | None, dict[str, Any] | None]:
    """Run ``save(instance, expected_version)``; return (saved object, conflict details).

    Many-to-many values are the service's to save (from ``form.cleaned_data``).
    """
    if not form.is_valid():
        return None, None
    instance = form.save(commit=False)
    if not _apply_choices(request, form, instance):
        return None, None
    target, version, merged_over = instance, form.expected_version, None
    try:
        for _attempt in range(MERGE_ATTEMPTS):
            try:
                saved = save(target, version)
                break
            except ConflictError as conflict:
                merge = Merge(form, instance, conflict.current)
                if merge.both:
                    return None, merge.show(conflict)
                target, version, merged_over = (
                    merge.merged(),
                    conflict.current.row_version,
                    conflict,
                )
        else:  # others kept saving in between: show their changes, save nothing
            newest = type(instance)._default_manager.get(pk=instance.pk)
            return None, Merge(form, instance, newest).show(merged_over)
    except ValidationError as error:
        add_validation_errors(form, error)
        return None, None
    if merged_over is not None:
        messages.info(
            request,
            _("%(by)s hade sparat posten under tiden; dina ändringar är sparade ovanpå deras.")
            % {"by": merged_over.by or _("Någon annan")},
        )
    messages.success(request, success_message)
    return saved, None
