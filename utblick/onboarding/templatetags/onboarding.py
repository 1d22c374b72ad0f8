"""``{% setup_state as setup %}``: what a new municipality still lacks, for the empty states."""

from __future__ import annotations

from typing import Any

from django import template

from utblick.onboarding.selectors import SetupState

register = template.Library()


@register.simple_tag(takes_context=True)
def setup_state(context: dict[str, Any]) -> SetupState:
    request = context["request"]
    state = getattr(request, "_setup_state", None)
    if state is None:
        state = SetupState(request.municipality)
        request._setup_state = state
    return state
