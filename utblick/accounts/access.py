"""The tenant wall, built once: a user's access to a municipality, and the view decorator.

Every internal view runs through :func:`municipality_view`, which resolves the
municipality from the URL and the user's membership of it. A user who is not a
member gets 404, exactly as for a municipality that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from utblick.accounts.models import Membership
from utblick.core.tenancy import COORDINATOR, EDITOR, Access, Need
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit


def access_for(user: AbstractBaseUser | AnonymousUser, slug: str) -> Access:
    """The user's access to the municipality ``slug``; 404 for non-members."""
    if not user.is_authenticated:
        raise Http404
    if user.is_superuser:
        municipality = get_object_or_404(Municipality, slug=slug)
        return Access(municipality, COORDINATOR, user.pk, is_platform_admin=True)
    membership = (
        Membership.objects.select_related("municipality")
        .filter(user=user, municipality__slug=slug, archived_at__isnull=True)
        .first()
    )
    if membership is None:
        raise Http404
    unit_ids: frozenset[int] = frozenset()
    if membership.role == EDITOR:
        unit_ids = Unit.objects.descendant_ids(membership.units.values_list("pk", flat=True))
    return Access(membership.municipality, membership.role, user.pk, unit_ids)


def municipality_view(*, need: Need = "read") -> Callable[[Callable[..., HttpResponse]], Any]:
    """Resolve ``municipality_slug`` from the URL into ``request.access``.

    ``need`` is what the whole view requires; object-level checks (an editor's
    units) are made with :meth:`Access.require_unit` or by the services.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(
            request: HttpRequest, municipality_slug: str, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            access = access_for(request.user, municipality_slug)
            request.access = access  # type: ignore[attr-defined]
            request.municipality = access.municipality  # type: ignore[attr-defined]
            access.require(need)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
