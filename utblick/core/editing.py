"""The edit flow every form page shares: validate, save through a service, show conflicts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from utblick.core.forms import VersionedModelForm
from utblick.core.services import ConflictError


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
    try:
        saved = save(instance, form.expected_version)
    except ConflictError as conflict:
        form.show_conflict(conflict.current.row_version)
        return None, {"by": conflict.by, "at": conflict.at, "changes": conflict.changes}
    except ValidationError as error:
        add_validation_errors(form, error)
        return None, None
    messages.success(request, success_message)
    return saved, None
