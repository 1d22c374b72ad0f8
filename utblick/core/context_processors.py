"""What every internal page's header needs: the user's municipalities."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def memberships() -> list[Any]:
        from utblick.core.selectors import municipalities_of

        return municipalities_of(user)

    # Lazy: only pages that render the switcher pay for the query.
    return {"my_municipalities": memberships}
