from __future__ import annotations

from typing import Any

from django import template

from utblick.sso.selectors import enabled_settings, enabled_settings_for

register = template.Library()


@register.simple_tag
def sso_available() -> bool:
    """Whether any municipality signs in through its organisation's account."""
    return bool(enabled_settings())


@register.filter
def sso_enabled(municipality: Any) -> bool:
    return enabled_settings_for(municipality.pk) is not None
