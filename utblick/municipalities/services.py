"""Writes: a municipality is created from the official list, by a platform administrator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from utblick.core import services as core
from utblick.core.models import action_key
from utblick.core.validators import organisation_number_problem
from utblick.municipalities.models import Municipality
from utblick.municipalities.selectors import reference_municipality

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

#: Addresses a municipality may not take: /app/<slug>/ and /<slug>/ would be
#: hidden by (or would hide) one of Utblick's own fixed addresses.
RESERVED_SLUGS = frozenset(
    {"plattform", "admin", "api", "app", "konto", "i18n", "en", "sv", "static", "media"}
)

_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slug_suggestion(name: str) -> str:
    """The address suggested for ``name``: "Upplands Väsby" → "upplands-vasby"."""
    return slugify(name.lower().translate(_ASCII))


def reserved_slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot be a municipality's address, or None."""
    if slug in RESERVED_SLUGS:
        return _("Adressen %(slug)s används av Utblick självt. Välj en annan.") % {"slug": slug}
    return None


def municipality_store(*, municipality: Municipality, user: AbstractBaseUser | None) -> None:
    """The one save of a municipality's facts (from the platform page or a policy file).

    The caller has validated the values; this keeps the reserved addresses out
    and writes the history row with who did it.
    """
    problem = reserved_slug_problem(municipality.slug)
    if problem:
        raise ValidationError({"slug": [problem]})
    verb = "changed" if municipality.pk else "created"
    municipality._history_user = user  # type: ignore[attr-defined]
    municipality._history_action = action_key(municipality, verb)  # type: ignore[attr-defined]
    with transaction.atomic():
        municipality.save()


def _slug_problem(slug: str) -> str | None:
    reserved = reserved_slug_problem(slug)
    if reserved:
        return reserved
    if Municipality.objects.filter(slug=slug).exists():
        return _("Adressen %(slug)s används redan av en annan kommun.") % {"slug": slug}
    return None


def municipality_create(
    *,
    user: AbstractBaseUser,
    code: str,
    slug: str = "",
    website: str = "",
    organisation_number: str = "",
) -> Municipality:
    """Create the municipality with kommunkod ``code`` from the official list.

    Name and county come from the list; the organisation number too where the
    list has a verified one (a different number typed in is refused), else it
    must be given. ``slug`` defaults to the suggestion from the name.
    """
    if not getattr(user, "is_superuser", False):
        raise PermissionDenied(_("Bara plattformsadministratörer kan lägga till kommuner."))
    listed = reference_municipality(code.strip())
    if listed is None:
        raise ValidationError({"code": _("Välj en kommun ur listan.")})
    if Municipality.objects.filter(code=listed.code).exists():
        raise ValidationError(
            {"code": _("%(name)s finns redan i Utblick.") % {"name": listed.official_name}}
        )
    problems: dict[str, list[str]] = {}
    slug = slug.strip().lower() or slug_suggestion(listed.name)
    organisation_number = organisation_number.strip()
    if listed.organisation_number:
        if organisation_number and organisation_number != listed.organisation_number:
            problems["organisation_number"] = [
                _("%(name)s har organisationsnumret %(number)s enligt listan.")
                % {"name": listed.official_name, "number": listed.organisation_number}
            ]
        organisation_number = listed.organisation_number
    elif not organisation_number:
        problems["organisation_number"] = [
            _("Listan saknar organisationsnummer för %(name)s. Skriv in det.")
            % {"name": listed.official_name}
        ]
    else:
        problem = organisation_number_problem(organisation_number)
        if problem:
            problems["organisation_number"] = [problem]
        elif Municipality.objects.filter(organisation_number=organisation_number).exists():
            problems["organisation_number"] = [
                _("Organisationsnumret %(number)s har redan en annan kommun.")
                % {"number": organisation_number}
            ]
    municipality = Municipality(
        name=listed.official_name,
        slug=slug,
        code=listed.code,
        organisation_number=organisation_number,
        website=website.strip(),
    )
    for name, messages in core.field_problems(municipality, skip={"organisation_number"}).items():
        problems.setdefault(name, messages)
    if "slug" not in problems:
        slug_problem = _slug_problem(slug)
        if slug_problem:
            problems["slug"] = [slug_problem]
    if problems:
        raise ValidationError(problems)
    try:
        municipality_store(municipality=municipality, user=user)
    except IntegrityError as error:
        # Someone else took the code, address or number between the check and the save.
        raise ValidationError(
            _("Kommunen kunde inte sparas: någon annan lade just till den. Försök igen.")
        ) from error
    return municipality
