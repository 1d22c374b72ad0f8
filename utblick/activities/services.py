"""Writes for the register. The form, the importer and the API all come through here."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from utblick.activities.models import (
    Activity,
    ActivityDocument,
    ActivityLink,
    ActivityPartner,
    BudgetLine,
)
from utblick.activities.validation import Errors, Tags, validate_activity
from utblick.compliance.engine import guard
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.core.text import fold
from utblick.policies.models import FocusArea, Goal, Policy, Term
from utblick.public.services import activity_unpublish, mark_changed

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.core.files.uploadedfile import UploadedFile


class ActivityInvalid(ValidationError):
    """Validation errors keyed by field, in Swedish."""

    def __init__(self, errors: Errors):
        self.errors = errors
        super().__init__({k or "__all__": v for k, v in errors.items()})


def _search_text(activity: Activity, partner_names: Iterable[str]) -> str:
    parts = [
        activity.title,
        activity.summary,
        activity.description,
        activity.place,
        activity.country_name,
        activity.reference,
        activity.development_area,
        activity.tag_summary,
        *partner_names,
    ]
    return fold(" ".join(p for p in parts if p))


def tag_summary(tags: Tags) -> str:
    """The tags as one readable line, kept on the activity so its history shows them."""
    groups = [
        (_("Inriktningar"), [f.name for f in tags.focus_areas]),
        (_("Mål"), [g.key for g in tags.goals]),
        (_("Klassificering"), [str(t) for t in tags.terms]),
    ]
    return "; ".join(f"{label}: {', '.join(sorted(values))}" for label, values in groups if values)


def activity_save(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    activity: Activity,
    tags: Tags,
    expected_version: int | None,
    reason: str = "",
    then: Callable[[Activity], None] | None = None,
) -> Activity:
    """Create or update an activity; editors only for their own units.

    ``then`` runs in the same transaction after the save (e.g. the first
    budget and funding of a new project), before the policy's rules are
    checked. Raises :class:`ActivityInvalid` or ``RuleViolation`` (nothing
    saved) or ``ConflictError``.
    """

    access.require("edit")
    activity.municipality = access.municipality
    previous_status = None
    before = None
    if activity.pk:
        before = Activity.objects.filter(pk=activity.pk, municipality=access.municipality).first()
        if before is None:
            raise PermissionDenied
        access.require_unit(before.unit_id)
        previous_status = before.status
    _keep_publication_state(activity, before)
    access.require_unit(activity.unit_id)
    errors = validate_activity(activity, tags, previous_status=previous_status)
    if errors:
        raise ActivityInvalid(errors)
    with transaction.atomic(), guard(activity):
        activity.tag_summary = tag_summary(tags)
        names = (
            []
            if activity.pk is None
            else list(activity.partner_links.values_list("partner__name", flat=True))
        )
        activity.search_text = _search_text(activity, names)
        if activity.published:
            activity.has_unpublished_changes = True  # the public copy stays as it was published
        core.save_versioned(activity, expected_version=expected_version, user=user, reason=reason)
        activity.focus_areas.set(tags.focus_areas)
        activity.goals.set(tags.goals)
        activity.terms.set(tags.terms)
        if then is not None:
            then(activity)
    return activity


def _keep_publication_state(activity: Activity, before: Activity | None) -> None:
    """Only the publishing services change what is public (``public.services``)."""
    for name in ("published", "has_unpublished_changes", "first_published_at", "last_published_at"):
        setattr(
            activity,
            name,
            getattr(before, name) if before else Activity._meta.get_field(name).get_default(),
        )


def activity_tags(activity: Activity) -> Tags:
    return Tags(
        list(activity.focus_areas.all()), list(activity.goals.all()), list(activity.terms.all())
    )


def _refresh_partner_summary(activity: Activity, user: Any, reason: str) -> None:
    names = list(activity.partner_links.select_related("partner").order_by("partner__name"))
    activity.partner_summary = ", ".join(
        f"{link.partner.name} ({link.get_role_display().lower()})" for link in names
    )
    activity.search_text = _search_text(activity, [link.partner.name for link in names])
    if activity.published:
        activity.has_unpublished_changes = True
    core.save_versioned(activity, expected_version=None, user=user, reason=reason)


def activity_archive(*, access: Access, user: AbstractBaseUser, activity: Activity) -> None:

    access.require_unit(activity.unit_id)
    with transaction.atomic():
        activity_unpublish(access=access, user=user, activity=activity)  # archived is never public
        core.archive(activity, user=user)


def activity_restore(*, access: Access, user: AbstractBaseUser, activity: Activity) -> None:
    access.require_unit(activity.unit_id)
    core.restore(activity, user=user)


def partner_link(
    *, access: Access, user: AbstractBaseUser | None, activity: Activity, partner: Any, role: str
) -> ActivityPartner:
    access.require_unit(activity.unit_id)
    if partner.municipality_id != access.municipality.pk:
        raise PermissionDenied(_("Partnern hör till en annan kommun."))
    with transaction.atomic():
        link = ActivityPartner.objects.filter(activity=activity, partner=partner).first()
        if link is None:
            link = ActivityPartner(
                municipality=access.municipality, activity=activity, partner=partner
            )
        if link.pk and link.role == role:
            return link
        link.role = role
        core.save_versioned(link, expected_version=None, user=user)
        _refresh_partner_summary(activity, user, _("Partner: %(p)s") % {"p": partner.name})
    return link


def partner_unlink(
    *, access: Access, user: AbstractBaseUser, activity: Activity, link: ActivityPartner
) -> None:
    access.require_unit(activity.unit_id)
    with transaction.atomic():
        link._history_user = user  # type: ignore[attr-defined]
        link.delete()  # the link, not the partner; its history row keeps what it was
        _refresh_partner_summary(
            activity, user, _("Partner borttagen: %(p)s") % {"p": link.partner.name}
        )


def budget_set(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    activity: Activity,
    year: int,
    budget: Decimal,
    cost: Decimal,
) -> BudgetLine:
    access.require_unit(activity.unit_id)
    if budget < 0 or cost < 0:
        raise ValidationError(_("Belopp kan inte vara negativa."))
    if not 1990 <= year <= 2100:
        raise ValidationError(_("Ange ett år mellan 1990 och 2100."))

    line = BudgetLine.objects.filter(activity=activity, year=year).first() or BudgetLine(
        municipality=access.municipality, activity=activity, year=year
    )
    if line.pk and (line.budget, line.cost) == (budget, cost):
        return line
    line.budget, line.cost = budget, cost
    with transaction.atomic(), guard(activity):
        core.save_versioned(line, expected_version=None, user=user)
        mark_changed(activity)
    return line


def budget_remove(*, access: Access, user: AbstractBaseUser, line: BudgetLine) -> None:

    access.require_unit(line.activity.unit_id)
    line._history_user = user  # type: ignore[attr-defined]
    with transaction.atomic(), guard(line.activity):
        line.delete()
        mark_changed(line.activity)


def link_add(
    *, access: Access, user: AbstractBaseUser, activity: Activity, title: str, url: str
) -> ActivityLink:
    access.require_unit(activity.unit_id)
    link = ActivityLink(municipality=access.municipality, activity=activity, title=title, url=url)
    core.save_versioned(link, expected_version=None, user=user)
    return link


ALLOWED_DOCUMENTS = {
    ".pdf",
    ".docx",
    ".xlsx",
    ".odt",
    ".ods",
    ".txt",
    ".png",
    ".jpg",
    ".jpeg",
    ".pptx",
}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def document_add(
    *, access: Access, user: AbstractBaseUser, activity: Activity, title: str, upload: UploadedFile
) -> ActivityDocument:
    access.require_unit(activity.unit_id)
    name = upload.name or "dokument"
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in ALLOWED_DOCUMENTS:
        raise ValidationError(
            _("Filtypen %(suffix)s tas inte emot. Tillåtna: %(allowed)s.")
            % {"suffix": suffix or "(ingen)", "allowed": ", ".join(sorted(ALLOWED_DOCUMENTS))}
        )
    if upload.size is None or upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("Filen är större än 20 MB."))
    if upload.size == 0:
        raise ValidationError(_("Filen är tom."))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = ActivityDocument(
        municipality=access.municipality,
        activity=activity,
        title=title or name,
        file=upload,
        original_name=name[:255],
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    core.save_versioned(document, expected_version=None, user=user)
    return document


def retag_for_policy(old: Policy | None, new: Policy) -> int:
    """Move activities' tags from the old version's elements to the new one's, by key.

    Tags whose key is gone from the new version are dropped; the activity's
    history keeps them (tag_summary changes). Returns how many activities moved.
    """
    if old is None:
        return 0
    maps = {
        "focus_areas": {f.key: f for f in FocusArea.objects.filter(policy=new)},
        "goals": {g.key: g for g in Goal.objects.filter(policy=new)},
        "terms": {
            (t.taxonomy.key, t.key): t
            for t in Term.objects.filter(taxonomy__policy=new).select_related("taxonomy")
        },
    }
    moved = 0
    tagged = Activity.objects.filter(municipality=new.municipality).filter(
        Q(focus_areas__policy=old) | Q(goals__policy=old) | Q(terms__taxonomy__policy=old)
    )
    for activity in Activity.objects.filter(pk__in=tagged.values("pk")).prefetch_related(
        "focus_areas", "goals", "terms__taxonomy"
    ):
        tags = Tags(
            [
                maps["focus_areas"][f.key]
                for f in activity.focus_areas.all()
                if f.key in maps["focus_areas"]
            ],
            [maps["goals"][g.key] for g in activity.goals.all() if g.key in maps["goals"]],
            [
                maps["terms"][(t.taxonomy.key, t.key)]
                for t in activity.terms.all()
                if (t.taxonomy.key, t.key) in maps["terms"]
            ],
        )
        activity.tag_summary = tag_summary(tags)
        core.save_versioned(
            activity,
            expected_version=None,
            user=None,
            reason=_("Kopplad till version %(n)s") % {"n": new.number},
        )
        activity.focus_areas.set(tags.focus_areas)
        activity.goals.set(tags.goals)
        activity.terms.set(tags.terms)
        moved += 1
    return moved
