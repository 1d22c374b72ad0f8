"""``{% setup_state as setup %}``: what a new municipality still lacks, for the empty states."""

from __future__ import annotations

from typing import Any

from django import template

from utblick.onboarding.selectors import SetupState, onboarding_open

register = template.Library()


@register.simple_tag(takes_context=True)
def setup_state(context: dict[str, Any]) -> SetupState:
    request = context["request"]
    state = getattr(request, "_setup_state", None)
    if state is None:
        state = SetupState(request.municipality)
        request._setup_state = state
    return state


@register.simple_tag(takes_context=True)
def onboarding_is_open(context: dict[str, Any]) -> bool:
    """Whether the coordinator's first-run path still has a step to do (for the menu)."""
    request = context["request"]
    if not hasattr(request, "_onboarding_open"):
        request._onboarding_open = onboarding_open(request.municipality)
    return request._onboarding_open
