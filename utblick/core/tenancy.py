"""The tenant wall's building blocks: who may do what in one municipality.

:class:`Access` is what a member may do in one municipality; it is resolved
from the user's membership by ``accounts.access.access_for`` (and for every
internal view by ``accounts.access.municipality_view``). Objects are fetched
with :func:`scoped_get`, which answers 404 alike for "missing" and "not
yours". This module knows no domain app: the municipality is any tenant row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

M = TypeVar("M", bound=models.Model)

Need = Literal["read", "edit", "coordinate"]


class Role(models.TextChoices):
    COORDINATOR = "coordinator", gettext_lazy("Samordnare")
    EDITOR = "editor", gettext_lazy("Redaktör")
    READER = "reader", gettext_lazy("Läsare")


COORDINATOR = Role.COORDINATOR.value
EDITOR = Role.EDITOR.value
READER = Role.READER.value


@dataclass(frozen=True)
class Access:
    """What one user may do in one municipality."""

    #: The municipality (a ``municipalities.Municipality``).
    municipality: Any
    role: str
    user_id: int
    #: Units an editor may edit, with all units below them. Empty for others.
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    is_platform_admin: bool = False

    @property
    def role_label(self) -> str:
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


def system_access(municipality: Any) -> Access:
    """The access of Utblick itself (commands, the demo): a coordinator of ``municipality``."""
    return Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)


def scoped_get(source: type[M] | models.QuerySet[M], access: Access, **lookup: Any) -> M:
    """One object of the member's municipality, or 404 (missing and foreign alike)."""
    queryset = source._default_manager.all() if isinstance(source, type) else source
    return get_object_or_404(queryset.filter(municipality=access.municipality), **lookup)
