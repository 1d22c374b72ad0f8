"""Writes for the organisation: units, contacts and their competence development.

Every function checks the acting member's access, runs in one transaction and
leaves one history row per changed record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.organisation.models import CompetenceEntry, Contact, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _stored(model: Any, obj: Any, access: Access) -> Any:
    """The row as stored, of the member's municipality (a foreign id is not found)."""
    stored = model.objects.filter(pk=obj.pk, municipality=access.municipality).first()
    if stored is None:
        raise PermissionDenied
    return stored


def _check_same_municipality(access: Access, *objs: Any) -> None:
    for obj in objs:
        if obj is not None and obj.municipality_id != access.municipality.pk:
            # Never reached through the forms (their choices are scoped); guards the API.
            raise PermissionDenied(_("Posten hör till en annan kommun."))


def unit_save(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    unit: Unit,
    expected_version: int | None,
    reason: str = "",
) -> Unit:
    """Create or update a unit (coordinators only); the policy file's units come here too."""
    access.require("coordinate")
    if unit.pk is not None:
        core.refuse_if_archived(_stored(Unit, unit, access))
    unit.municipality = access.municipality
    _check_same_municipality(access, unit.parent)
    if unit.pk and unit.parent_id and unit.parent_id in Unit.objects.descendant_ids([unit.pk]):
        raise ValidationError(_("En enhet kan inte ligga under sig själv."))
    errors = core.field_problems(unit)
    if errors:
        raise ValidationError(errors)
    core.save_versioned(unit, expected_version=expected_version, user=user, reason=reason)
    return unit


def unit_archive(*, access: Access, user: AbstractBaseUser | None, unit: Unit) -> None:
    access.require("coordinate")
    with transaction.atomic():
        children = unit.children.current().count()
        contacts = unit.contacts.current().count()
        if children or contacts:
            raise ValidationError(
                _(
                    "Enheten har %(children)s aktiva underenheter och %(contacts)s kontaktpersoner. "
                    "Flytta eller arkivera dem först."
                )
                % {"children": children, "contacts": contacts}
            )
        core.archive(unit, user=user)


def unit_restore(*, access: Access, user: AbstractBaseUser | None, unit: Unit) -> None:
    access.require("coordinate")
    with transaction.atomic():
        if unit.parent is not None and unit.parent.is_archived:
            raise ValidationError(
                _("Återställ först den överordnade enheten %(p)s.") % {"p": unit.parent}
            )
        core.restore(unit, user=user)


def contact_save(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    contact: Contact,
    expected_version: int | None,
    reason: str = "",
) -> Contact:
    """Create or update a contact; editors only within their own units."""
    access.require("edit")
    if contact.pk:
        before = _stored(Contact, contact, access)
        access.require_unit(before.unit_id)
        core.refuse_if_archived(before)
    access.require_unit(contact.unit_id)
    contact.municipality = access.municipality
    _check_same_municipality(access, contact.unit, contact.appointed_by)
    errors = core.field_problems(contact)
    if errors:
        raise ValidationError(errors)
    core.save_versioned(contact, expected_version=expected_version, user=user, reason=reason)
    return contact


def contact_archive(*, access: Access, user: AbstractBaseUser, contact: Contact) -> None:
    access.require_unit(contact.unit_id)
    core.archive(contact, user=user)


def contact_restore(*, access: Access, user: AbstractBaseUser | None, contact: Contact) -> None:
    access.require_unit(contact.unit_id)
    if contact.unit.is_archived:
        raise ValidationError(
            _("Enheten %(u)s är arkiverad; återställ den först.") % {"u": contact.unit}
        )
    core.restore(contact, user=user)


def competence_add(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    contact: Contact,
    entry: CompetenceEntry,
    reason: str = "",
) -> CompetenceEntry:
    access.require_unit(contact.unit_id)
    core.refuse_if_archived(contact)
    entry.contact = contact
    entry.municipality = access.municipality
    errors = core.field_problems(entry)
    if errors:
        raise ValidationError(errors)
    core.save_versioned(entry, expected_version=None, user=user, reason=reason)
    return entry


def competence_archive(*, access: Access, user: AbstractBaseUser, entry: CompetenceEntry) -> None:
    access.require_unit(entry.contact.unit_id)
    core.archive(entry, user=user)
