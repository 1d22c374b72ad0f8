"""The tenant wall, built once.

Every internal view runs through :func:`municipality_view`, which resolves the
municipality from the URL and the user's membership of it. A user who is not a
member gets 404, exactly as for a municipality that does not exist. Objects are
fetched with :func:`scoped_get`, which answers 404 alike for "missing" and "not
yours".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from utblick.municipalities.models import Municipality

M = TypeVar("M", bound=models.Model)

COORDINATOR = "coordinator"
EDITOR = "editor"
READER = "reader"

Need = Literal["read", "edit", "coordinate"]


@dataclass(frozen=True)
class Access:
    """What one user may do in one municipality."""

    municipality: Municipality
    role: str
    user_id: int
    #: Units an editor may edit, with all units below them. Empty for others.
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    is_platform_admin: bool = False

    @property
    def role_label(self) -> str:
        from utblick.accounts.models import Role

        if self.is_platform_admin:
            return _("plattformsadministratör")
        return str(Role(self.role).label).lower()

    @property
    def is_coordinator(self) -> bool:
        return self.role == COORDINATOR

    @property
    def can_edit(self) -> bool:
        """May change something (coordinators everything, editors their units)."""
        return self.role in (COORDINATOR, EDITOR)

    def can_edit_unit(self, unit_id: int | None) -> bool:
        if self.role == COORDINATOR:
            return True
        return self.role == EDITOR and unit_id is not None and unit_id in self.unit_ids

    def require_unit(self, unit_id: int | None) -> None:
        if not self.can_edit_unit(unit_id):
            raise PermissionDenied(_("Du kan bara ändra uppgifter för dina egna enheter."))

    def require(self, need: Need) -> None:
        if need == "edit" and not self.can_edit:
            raise PermissionDenied(_("Din roll ger läsbehörighet, inte ändringsbehörighet."))
        if need == "coordinate" and not self.is_coordinator:
            raise PermissionDenied(_("Bara kommunens samordnare kan göra detta."))


def access_for(user: AbstractBaseUser | AnonymousUser, slug: str) -> Access:
    """The user's access to the municipality ``slug``; 404 for non-members."""
    from utblick.accounts.models import Membership
    from utblick.municipalities.models import Municipality
    from utblick.organisation.models import Unit

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
    units) are made in the view with :meth:`Access.require_unit`.
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


def scoped_get(source: type[M] | models.QuerySet[M], access: Access, **lookup: Any) -> M:
    """One object of the member's municipality, or 404 (missing and foreign alike)."""
    queryset = source._default_manager.all() if isinstance(source, type) else source
    return get_object_or_404(queryset.filter(municipality=access.municipality), **lookup)
