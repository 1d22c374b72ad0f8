"""``{% due_count as n %}``: the number on the menu's "Att göra", read once per request."""

from __future__ import annotations

from typing import Any

from django import template

from utblick.core import clock
from utblick.followup.due import due_count as count_due

register = template.Library()


@register.simple_tag(takes_context=True)
def due_count(context: dict[str, Any]) -> int:
    request = context["request"]
    if not hasattr(request, "_due_count"):
        access = getattr(request, "access", None)
        request._due_count = count_due(access, clock.today()) if access is not None else 0
    return request._due_count
