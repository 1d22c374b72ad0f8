"""What every internal page's header needs: the user's municipalities."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest

from utblick.accounts.selectors import municipalities_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: only pages that render the switcher pay for the query.
    return {"my_municipalities": partial(municipalities_of, user)}
