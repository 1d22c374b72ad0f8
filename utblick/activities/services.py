"""Writes for the register: the one door for activities, their partners, tags and publication.

Every way of changing an activity comes through here: the form, the API, the
importer (through :func:`activities_import`, the same checks in bulk), the
reviews, the demo. One check (:func:`activity_problems`: the model's own field
rules, the kind's fields, the register's rules), one compliance guard, one
history row per change with a stable action key, and the public copy kept in
step (``public.services`` owns only that copy, never the activity).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from utblick.activities.models import (
    KIND_FIELDS,
    Activity,
    ActivityDocument,
    ActivityLink,
    ActivityPartner,
    BudgetLine,
    EarlierTag,
    PartnerRole,
)
from utblick.activities.validation import (
    Errors,
    Tags,
    kind_foreign_problems,
    validate_activity,
)
from utblick.compliance.engine import blocking_keys, guard, refuse_new_violations
from utblick.core import clock
from utblick.core import services as core
from utblick.core.dates import FIRST_YEAR, LAST_YEAR, PartialDate, year_ok
from utblick.core.gazetteer import place_coordinates
from utblick.core.tenancy import Access
from utblick.core.text import fold
from utblick.partners.models import Partner
from utblick.policies.models import FocusArea, Goal, Policy, Term
from utblick.public.services import copies_refresh, copies_remove

#: The publication fields only this module changes.
PUBLICATION = ("published", "has_unpublished_changes", "first_published_at", "last_published_at")
#: Fields the service keeps in step itself; what the caller sets there is ignored.
DERIVED = (*PUBLICATION, "tag_summary", "partner_summary", "search_text")
#: Fields whose change is not a change of content (the public copy does not lag for them).
NOT_CONTENT = {*DERIVED, "id", "municipality", "row_version", "created_at", "updated_at"}

PartnerRoles = list[tuple[Partner, str]]


class ActivityInvalid(ValidationError):
    """Validation errors keyed by field, in Swedish."""

    def __init__(self, errors: Errors):
        self.errors = errors
        super().__init__({k or "__all__": v for k, v in errors.items()})


class ActivitiesInvalid(Exception):
    """Some of the activities of a bulk write are wrong; nothing was written.

    ``errors`` maps each wrong item's position to its errors by field.
    """

    def __init__(self, errors: dict[int, Errors]):
        self.errors = errors
        super().__init__(_("Några poster är felaktiga; inget har sparats."))


@dataclass
class ActivityChange:
    """What a caller wants of one activity: the new values, and optionally tags, partners, state.

    ``None`` keeps what is stored (for a new activity: none). ``published``
    True publishes an activity that is not public yet, False withdraws it;
    ``publish_now`` makes the current version the public one even if an older
    one is public already ("Spara och publicera").
    """

    activity: Activity
    tags: Tags | None = None
    partners: PartnerRoles | None = None
    published: bool | None = None
    publish_now: bool = False
    expected_version: int | None = None
    before: Activity | None = field(default=None, repr=False)


# --- reading what a change needs --------------------------------------------------------------


def activity_tags(activity: Activity) -> Tags:
    return Tags(
        list(activity.focus_areas.all()), list(activity.goals.all()), list(activity.terms.all())
    )


def tag_summary(tags: Tags) -> str:
    """The tags as one readable line, kept on the activity so its history shows them."""
    groups = [
        (_("Inriktningar"), [f.name for f in tags.focus_areas]),
        (_("Mål"), [Truncator(g.text).chars(60) for g in tags.goals]),
        (_("Klassificering"), [str(t) for t in tags.terms]),
    ]
    return "; ".join(f"{label}: {', '.join(sorted(values))}" for label, values in groups if values)


def partner_summary(partners: PartnerRoles) -> str:
    roles = dict(PartnerRole.choices)
    ordered = sorted(partners, key=lambda pr: (fold(pr[0].name), pr[0].pk or 0))
    return ", ".join(f"{p.name} ({str(roles.get(role, role)).lower()})" for p, role in ordered)


def _current_partners(activity: Activity) -> PartnerRoles:
    return [(link.partner, link.role) for link in activity.partner_links.select_related("partner")]


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


# --- the one check ------------------------------------------------------------------------------


def activity_problems(
    activity: Activity,
    tags: Tags,
    *,
    before: Activity | None,
    partners: PartnerRoles | None = None,
    linked: Collection[int] = (),
) -> Errors:
    """Everything wrong with the wanted activity, in Swedish, keyed by field ("" for the whole).

    The same function for every door: the form, the API, the import's preview
    and its write. Nothing is read from the database. ``linked`` holds the
    partners linked before the change: an archived partner may stay linked
    but is not linked anew.
    """
    errors: Errors = defaultdict(list)
    if before is not None and before.archived_at is not None:
        errors[""].append(str(core.ARCHIVED))
    if before is not None and before.kind != activity.kind:
        errors["kind"].append(_("Typen kan inte ändras; registrera en ny aktivitet i stället."))
    # The model's own limits, with Django's words; a missing title is worded below.
    skip = {"title"} if not activity.title.strip() else set()
    for source in (
        core.field_problems(activity, skip=skip | set(DERIVED)),
        kind_foreign_problems(activity, before),
        validate_activity(
            activity, tags, previous_status=before.status if before is not None else None
        ),
    ):
        for name, messages in source.items():
            errors[name] += [m for m in messages if m not in errors[name]]
    new_network = activity.network_id is not None and (
        before is None or before.network_id != activity.network_id
    )
    if new_network and activity.network.archived_at is not None:
        errors["network"].append(
            _("%(p)s är arkiverad och kan inte kopplas.") % {"p": activity.network}
        )
    for partner, role in partners or []:
        if partner.municipality_id != activity.municipality_id:
            errors["partners"].append(_("%(p)s hör till en annan kommun.") % {"p": partner})
        if role not in PartnerRole.values:
            errors["partners"].append(_("Okänd roll för %(p)s: %(r)s.") % {"p": partner, "r": role})
        if partner.archived_at is not None and partner.pk not in linked:
            errors["partners"].append(
                _("%(p)s är arkiverad och kan inte kopplas.") % {"p": partner}
            )
    # A partner not yet stored (added by the same import) is known by its name.
    names = [p.pk if p.pk is not None else fold(p.name) for p, _role in partners or []]
    if len(names) != len(set(names)):
        errors["partners"].append(_("Samma partner kan bara kopplas en gång."))
    return {k: v for k, v in errors.items() if v}


def _content_changed(before: Activity, after: Activity) -> bool:
    return any(
        getattr(before, f.attname) != getattr(after, f.attname)
        for f in Activity._meta.concrete_fields
        if f.name not in NOT_CONTENT
    )


def _tags_differ(before: Tags, after: Tags) -> bool:
    def ids(tags: Tags) -> tuple[set[int], set[int], set[int]]:
        return (
            {x.pk for x in tags.focus_areas},
            {x.pk for x in tags.goals},
            {x.pk for x in tags.terms},
        )

    return ids(before) != ids(after)


def _partners_differ(before: PartnerRoles, after: PartnerRoles) -> bool:
    return {(p.pk, r) for p, r in before} != {(p.pk, r) for p, r in after}


#: The activity's own dates (not the timestamps), each of which may be known to the year alone.
DATE_FIELDS = [
    f.name
    for f in Activity._meta.concrete_fields
    if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
]


def _record_precision(activity: Activity, before: Activity | None) -> None:
    """Keep each date's precision: a partial date (an import's "1989") records its own; a
    changed full date drops the old one. The field itself then holds a plain date."""
    precision = dict(activity.date_precision or {})
    for name in DATE_FIELDS:
        value = getattr(activity, name)
        if isinstance(value, PartialDate):
            precision[name] = value.precision
            setattr(activity, name, date(value.year, value.month, value.day))
        elif value is None or before is None or getattr(before, name) != value:
            precision.pop(name, None)
    activity.date_precision = precision


@dataclass
class _Plan:
    """One activity's change, worked out before anything is written."""

    change: ActivityChange
    tags: Tags
    partners: PartnerRoles
    tags_changed: bool
    partners_changed: bool
    verb: str
    publish: bool = False
    withdraw: bool = False


def _plan(
    change: ActivityChange,
    access: Access,
    old_tags: Tags | None = None,
    old_partners: PartnerRoles | None = None,
) -> _Plan:
    """Permission, validation and what will happen; raises before anything is written.

    ``old_tags`` and ``old_partners`` are the stored ones when the caller has
    them at hand (a batch fetches them once); otherwise they are read here.
    """
    activity, before = change.activity, change.before
    access.require("edit")
    if before is not None:
        access.require_unit(before.unit_id)
    access.require_unit(activity.unit_id)
    activity.municipality = access.municipality
    if old_tags is None:
        old_tags = activity_tags(before) if before is not None else Tags()
    if old_partners is None:
        old_partners = _current_partners(before) if before is not None else []
    tags = change.tags if change.tags is not None else old_tags
    partners = change.partners if change.partners is not None else old_partners
    errors = activity_problems(
        activity,
        tags,
        before=before,
        partners=change.partners,
        linked={p.pk for p, _role in old_partners},
    )
    if errors:
        raise ActivityInvalid(errors)
    was_public = before is not None and before.published
    publish = bool(change.publish_now or (change.published and not was_public))
    withdraw = change.published is False and was_public
    _record_precision(activity, before)
    if "place" in KIND_FIELDS.get(activity.kind, []):
        place_coordinates(activity, before)
    tags_changed = _tags_differ(old_tags, tags)
    partners_changed = _partners_differ(old_partners, partners)
    if before is None:
        verb = "created"
    elif _content_changed(before, activity) or tags_changed or partners_changed:
        verb = "changed"
    elif publish:
        verb = "published"
    elif withdraw:
        verb = "unpublished"
    else:
        verb = ""  # nothing to write: no history row, the public copy does not lag
    return _Plan(change, tags, partners, tags_changed, partners_changed, verb, publish, withdraw)


def _prepare(plan: _Plan, access: Access) -> None:
    """Derived fields and the publication state, set on the instance before it is saved."""
    activity, before = plan.change.activity, plan.change.before
    activity.municipality = access.municipality
    for name in PUBLICATION:
        default = Activity._meta.get_field(name).get_default()
        setattr(activity, name, getattr(before, name) if before is not None else default)
    activity.tag_summary = tag_summary(plan.tags)
    activity.partner_summary = partner_summary(plan.partners)
    activity.search_text = _search_text(activity, [p.name for p, _role in plan.partners])
    now = clock.now()
    if plan.publish:
        activity.published = True
        activity.has_unpublished_changes = False
        activity.first_published_at = activity.first_published_at or now
        activity.last_published_at = now
    elif plan.withdraw:
        activity.published = False
        activity.has_unpublished_changes = False
    elif activity.published and plan.verb == "changed":
        activity.has_unpublished_changes = True  # the public copy stays as it was published


def _write_relations(plan: _Plan) -> None:
    """Tags and partner links: part of the activity's own history row, none of their own."""
    activity = plan.change.activity
    if plan.tags_changed or plan.change.before is None:
        activity.focus_areas.set(plan.tags.focus_areas)
        activity.goals.set(plan.tags.goals)
        activity.terms.set(plan.tags.terms)
    if plan.partners_changed:
        wanted = {p.pk: role for p, role in plan.partners}
        current = {link.partner_id: link for link in activity.partner_links.all()}
        core.delete_derived(
            ActivityPartner.objects.filter(
                activity=activity, partner_id__in=[pk for pk in current if pk not in wanted]
            )
        )
        for partner_id, role in wanted.items():
            link = current.get(partner_id)
            if link is not None and link.role != role:
                ActivityPartner.objects.filter(pk=link.pk).update(role=role)
        ActivityPartner.objects.bulk_create(
            [
                ActivityPartner(
                    municipality_id=activity.municipality_id,
                    activity=activity,
                    partner_id=pk,
                    role=role,
                )
                for pk, role in wanted.items()
                if pk not in current
            ]
        )


def _before(activity: Activity, access: Access) -> Activity | None:
    if activity.pk is None:
        return None
    before = Activity.objects.filter(pk=activity.pk, municipality=access.municipality).first()
    if before is None:
        raise PermissionDenied
    return before


# --- the doors ----------------------------------------------------------------------------------


def _refuse_taken_eu_id(activity: Activity) -> None:
    """One record per EU project (an import finds it again by the id): a second is refused."""
    if not activity.eu_project_id:
        return
    holder = (
        Activity.objects.filter(
            municipality_id=activity.municipality_id, eu_project_id=activity.eu_project_id
        )
        .exclude(pk=activity.pk)
        .first()
    )
    if holder is not None:
        raise ActivityInvalid(
            {
                "eu_project_id": [
                    _("EU-id %(id)s hör redan till %(title)s.")
                    % {"id": activity.eu_project_id, "title": holder}
                ]
            }
        )


def activity_save(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    activity: Activity,
    tags: Tags | None = None,
    partners: PartnerRoles | None = None,
    published: bool | None = None,
    publish_now: bool = False,
    expected_version: int | None,
    reason: str = "",
    verb: str = "",
    then: Callable[[Activity], None] | None = None,
) -> Activity:
    """Create or change an activity (editors only for their own units).

    ``verb`` names a change made for another record's sake (``reviewed``);
    otherwise it is ``created``, ``changed``, ``published`` or ``unpublished``.

    ``then`` runs in the same transaction after the save (e.g. the first
    budget and funding of a new project), before the policy's rules are
    checked. Raises :class:`ActivityInvalid` or ``RuleViolation`` (nothing
    saved), ``PermissionDenied`` or ``ConflictError``.
    """
    change = ActivityChange(
        activity,
        tags,
        partners,
        published,
        publish_now,
        expected_version,
        _before(activity, access),
    )
    plan = _plan(change, access)
    _refuse_taken_eu_id(activity)
    if not plan.verb:  # nothing of the activity's own changed: no history row, no lag
        if then is not None:
            with transaction.atomic(), guard(activity):
                then(activity)
        return activity
    with transaction.atomic(), guard(activity):
        _prepare(plan, access)
        core.save_versioned(
            activity,
            expected_version=expected_version,
            user=user,
            verb=verb if verb and plan.verb == "changed" else plan.verb,
            reason=reason,
        )
        _write_relations(plan)
        if then is not None:
            then(activity)
        if plan.publish:
            # What ``then`` added (the first money) is part of what is published.
            Activity.objects.filter(pk=activity.pk).update(has_unpublished_changes=False)
            activity.has_unpublished_changes = False
            copies_refresh([activity.pk])
        if plan.withdraw:
            copies_remove([activity.pk])
    return activity


def activity_publish(*, access: Access, user: AbstractBaseUser | None, activity: Activity) -> None:
    """Make the activity, as it is now, the public version (the *Publicera* button)."""
    activity_save(
        access=access, user=user, activity=activity, publish_now=True, expected_version=None
    )


def require_editable(access: Access, activity: Activity) -> None:
    """The activity is the member's municipality's and one of the units they edit for."""
    if activity.municipality_id != access.municipality.pk:
        raise PermissionDenied
    access.require("edit")
    access.require_unit(activity.unit_id)


def activity_unpublish(
    *, access: Access, user: AbstractBaseUser | None, activity: Activity
) -> None:
    """Withdraw the activity from the public pages and open data; it stays in the register.

    Only the publication state changes, so that an activity that no longer
    passes today's checks can still be withdrawn.
    """
    require_editable(access, activity)
    if not activity.published:
        return
    with transaction.atomic():
        activity.published = False
        activity.has_unpublished_changes = False
        core.save_versioned(activity, expected_version=None, user=user, verb="unpublished")
        copies_remove([activity.pk])


def activity_archive(*, access: Access, user: AbstractBaseUser, activity: Activity) -> None:
    """Archive instead of delete; an archived activity is never public."""
    require_editable(access, activity)
    with transaction.atomic():
        if activity.published:
            activity.published = False
            activity.has_unpublished_changes = False
            copies_remove([activity.pk])
        core.archive(activity, user=user)


def activity_restore(*, access: Access, user: AbstractBaseUser, activity: Activity) -> None:
    require_editable(access, activity)
    core.restore(activity, user=user)


def partner_link(
    *, access: Access, user: AbstractBaseUser | None, activity: Activity, partner: Any, role: str
) -> None:
    """Add a partner to the activity, or change its role: a change of the activity."""
    partners = [(p, r) for p, r in _current_partners(activity) if p.pk != partner.pk]
    activity_save(
        access=access,
        user=user,
        activity=activity,
        partners=[*partners, (partner, role)],
        expected_version=None,
    )


def partner_unlink(
    *, access: Access, user: AbstractBaseUser, activity: Activity, link: ActivityPartner
) -> None:
    """Remove a partner from the activity (the partner stays in the registry)."""
    partners = [(p, r) for p, r in _current_partners(activity) if p.pk != link.partner_id]
    activity_save(
        access=access, user=user, activity=activity, partners=partners, expected_version=None
    )


def activities_import(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    changes: list[ActivityChange],
    reason: str,
) -> list[Activity]:
    """Many activities at once, all or nothing: the same checks and history as :func:`activity_save`.

    New activities are inserted in bulk (with their history rows, ``activity.created``),
    changed ones saved one by one against the version the caller read. Raises
    :class:`ActivitiesInvalid` naming every wrong item, ``RuleViolation`` if
    the writes would break an error-level rule of the policy; nothing is kept then.
    """
    existing_ids = [c.activity.pk for c in changes if c.activity.pk]
    stored = Activity.objects.filter(pk__in=existing_ids, municipality=access.municipality)
    befores = {a.pk: a for a in stored.prefetch_related("focus_areas", "goals", "terms")}
    links: dict[int, PartnerRoles] = defaultdict(list)
    for link in ActivityPartner.objects.filter(activity_id__in=existing_ids).select_related(
        "partner"
    ):
        links[link.activity_id].append((link.partner, link.role))
    plans: list[_Plan] = []
    errors: dict[int, Errors] = {}
    for position, change in enumerate(changes):
        if change.activity.pk and change.activity.pk not in befores:
            raise PermissionDenied
        before = change.before = befores.get(change.activity.pk)
        try:
            if before is None:
                plans.append(_plan(change, access, Tags(), []))
            else:
                plans.append(_plan(change, access, activity_tags(before), links[before.pk]))
        except ActivityInvalid as invalid:
            errors[position] = invalid.errors
    if errors:
        raise ActivitiesInvalid(errors)
    written: list[Activity] = []
    with transaction.atomic():
        before_keys = blocking_keys(access.municipality, existing_ids)
        creates = [p for p in plans if p.change.before is None]
        for plan in plans:
            _prepare(plan, access)
        created = bulk_create_with_history(
            [p.change.activity for p in creates],
            Activity,
            batch_size=500,
            default_user=user,
            default_change_reason=reason,
            custom_historical_attrs={"history_action": "activity.created"},
        )
        for plan, activity in zip(creates, created, strict=True):
            plan.change.activity = activity
        _bulk_relations(creates)
        for plan in plans:
            if plan.change.before is None or not plan.verb:
                continue
            core.save_versioned(
                plan.change.activity,
                expected_version=plan.change.expected_version,
                user=user,
                verb=plan.verb,
                reason=reason,
            )
            _write_relations(plan)
        written = [p.change.activity for p in plans]
        copies_refresh([p.change.activity.pk for p in plans if p.publish])
        copies_remove([p.change.activity.pk for p in plans if p.withdraw])
        refuse_new_violations(access.municipality, [a.pk for a in written], before_keys)
    return written


def _bulk_relations(plans: list[_Plan]) -> None:
    """Tags and partner links of new activities, a few inserts for the whole batch."""
    through: dict[Any, list[Any]] = defaultdict(list)
    links = []
    for plan in plans:
        pk = plan.change.activity.pk
        through[Activity.focus_areas.through] += [
            Activity.focus_areas.through(activity_id=pk, focusarea_id=t.pk)
            for t in plan.tags.focus_areas
        ]
        through[Activity.goals.through] += [
            Activity.goals.through(activity_id=pk, goal_id=t.pk) for t in plan.tags.goals
        ]
        through[Activity.terms.through] += [
            Activity.terms.through(activity_id=pk, term_id=t.pk) for t in plan.tags.terms
        ]
        links += [
            ActivityPartner(
                municipality_id=plan.change.activity.municipality_id,
                activity_id=pk,
                partner=partner,
                role=role,
            )
            for partner, role in plan.partners
        ]
    for model, rows in through.items():
        model.objects.bulk_create(rows, batch_size=1000)
    ActivityPartner.objects.bulk_create(links, batch_size=1000)


def public_copy_lags(activity_ids: Iterable[int]) -> None:
    """Something the public copy shows changed (money, a partner): it now lags behind.

    Derived state, like the copy itself: the change that caused it has its own history row.
    """
    Activity.objects.filter(
        pk__in=list(activity_ids), published=True, has_unpublished_changes=False
    ).update(has_unpublished_changes=True)


def partner_changed(partner: Partner) -> None:
    """Published activities show the partner as it was when they were published."""
    ids = Activity.objects.filter(
        Q(partner_links__partner=partner) | Q(network=partner)
    ).values_list("pk", flat=True)
    public_copy_lags(ids)


# --- budget, links and documents: records of their own that hang on an activity ----------------


def budget_set(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    activity: Activity,
    year: int,
    budget: Decimal,
    cost: Decimal,
) -> BudgetLine:
    require_editable(access, activity)
    core.refuse_if_archived(activity)
    line = BudgetLine.objects.filter(activity=activity, year=year).first() or BudgetLine(
        municipality=access.municipality, activity=activity, year=year
    )
    if line.pk and (line.budget, line.cost) == (budget, cost):
        return line
    line.budget, line.cost = budget, cost
    errors = core.field_problems(line)
    if not year_ok(year):
        errors.setdefault("year", []).append(
            _("Ange ett år mellan %(first)s och %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), guard(activity):
        core.save_versioned(line, expected_version=None, user=user)
        public_copy_lags([activity.pk])
    return line


def budget_remove(*, access: Access, user: AbstractBaseUser, line: BudgetLine) -> None:
    require_editable(access, line.activity)
    core.refuse_if_archived(line.activity)
    line._history_user = user  # type: ignore[attr-defined]
    with transaction.atomic(), guard(line.activity):
        line.delete()  # its history row ("budgetline.deleted") keeps what it was
        public_copy_lags([line.activity_id])


def link_add(
    *, access: Access, user: AbstractBaseUser, activity: Activity, title: str, url: str
) -> ActivityLink:
    require_editable(access, activity)
    core.refuse_if_archived(activity)
    link = ActivityLink(municipality=access.municipality, activity=activity, title=title, url=url)
    errors = core.field_problems(link)
    if errors:
        raise ValidationError(errors)
    core.save_versioned(link, expected_version=None, user=user)
    return link


def link_archive(*, access: Access, user: AbstractBaseUser, link: ActivityLink) -> None:
    require_editable(access, link.activity)
    core.refuse_if_archived(link.activity)
    core.archive(link, user=user)


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
    require_editable(access, activity)
    core.refuse_if_archived(activity)
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
        title=(title or name)[:200],
        file=upload,
        original_name=name[:255],
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    core.save_versioned(document, expected_version=None, user=user)
    return document


def document_archive(*, access: Access, user: AbstractBaseUser, document: ActivityDocument) -> None:
    require_editable(access, document.activity)
    core.refuse_if_archived(document.activity)
    core.archive(document, user=user)


# --- a new policy version ---------------------------------------------------------------------


def _version_elements(policy: Policy) -> dict[str, dict[str, Any]]:
    return {
        "focus_area": {f.key: f for f in FocusArea.objects.filter(policy=policy)},
        "goal": {g.key: g for g in Goal.objects.filter(policy=policy)},
        "term": {
            f"{t.taxonomy.key}/{t.key}": t
            for t in Term.objects.filter(taxonomy__policy=policy).select_related("taxonomy")
        },
    }


def _element_of(tag: Any) -> tuple[str, str]:
    if isinstance(tag, FocusArea):
        return "focus_area", tag.key
    if isinstance(tag, Goal):
        return "goal", tag.key
    return "term", f"{tag.taxonomy.key}/{tag.key}"


def _store_tags(activity: Activity, tags: Tags, new: Policy) -> None:
    activity.tag_summary = tag_summary(tags)
    core.save_versioned(
        activity, expected_version=None, user=None, verb="retagged", reason=f"v{new.number}"
    )
    activity.focus_areas.set(tags.focus_areas)
    activity.goals.set(tags.goals)
    activity.terms.set(tags.terms)


def _carried(
    tags: Tags,
    old_tags: list[Any],
    transfer: dict[tuple[str, str], list[str]],
    successors: dict[str, dict[str, Any]],
    old: Policy,
) -> Tags:
    """The activity's tags outside ``old``, plus the successors of its tags under ``old``."""
    kept = Tags(
        [t for t in tags.focus_areas if t.policy_id != old.pk],
        [t for t in tags.goals if t.policy_id != old.pk],
        [t for t in tags.terms if t.taxonomy.policy_id != old.pk],
    )
    groups = {"focus_area": kept.focus_areas, "goal": kept.goals, "term": kept.terms}
    for tag in old_tags:
        element, key = _element_of(tag)
        for new_key in transfer.get((element, key), []):
            target = successors[element].get(new_key)
            if target is not None and target not in groups[element]:
                groups[element].append(target)
    return kept


def retag_for_policy(
    old: Policy | None, new: Policy, transfer: dict[tuple[str, str], list[str]]
) -> Counter[tuple[str, str]]:
    """Move activities' tags from the old version's elements to their successors in the new.

    ``transfer`` maps each old element (class, key) to its successors' keys; an element
    without successors is retired. Every old tag is kept readable as an
    :class:`EarlierTag` on the old version, retired ones marked for a decision. Each
    moved activity gets one history row. Returns how many activities each element moved.
    """
    moved: Counter[tuple[str, str]] = Counter()
    if old is None:
        return moved
    successors = _version_elements(new)
    tagged = Activity.objects.filter(municipality=new.municipality).filter(
        Q(focus_areas__policy=old) | Q(goals__policy=old) | Q(terms__taxonomy__policy=old)
    )
    earlier: list[EarlierTag] = []
    for activity in Activity.objects.filter(pk__in=tagged.values("pk")).prefetch_related(
        "focus_areas", "goals", "terms__taxonomy"
    ):
        tags = activity_tags(activity)
        old_tags = [t for t in [*tags.focus_areas, *tags.goals] if t.policy_id == old.pk] + [
            t for t in tags.terms if t.taxonomy.policy_id == old.pk
        ]
        for tag in old_tags:
            element = _element_of(tag)
            moved[element] += 1
            earlier.append(
                EarlierTag(
                    municipality_id=activity.municipality_id,
                    activity=activity,
                    policy=old,
                    retired=not transfer.get(element),
                    **{element[0]: tag},
                )
            )
        _store_tags(activity, _carried(tags, old_tags, transfer, successors, old), new)
    EarlierTag.objects.bulk_create(earlier)
    return moved


def retransfer_for_policy(
    old: Policy, new: Policy, transfer: dict[tuple[str, str], list[str]]
) -> int:
    """Carry tags again after a coordinator changed the transfer of an adopted version.

    Only what the change touches moves: an activity's tags from other sources, and
    successors another of its earlier tags still leads to, stay as they are.
    Returns how many activities changed.
    """
    successors = _version_elements(new)
    before = {(t.element, t.old_key): list(t.new_keys) for t in new.transfers.filter(previous=old)}
    changed = {k for k, v in transfer.items() if sorted(v) != sorted(before.get(k, []))}
    if not changed:
        return 0
    earlier_by_activity: dict[int, list[EarlierTag]] = defaultdict(list)
    for row in EarlierTag.objects.filter(policy=old).select_related(
        "focus_area", "goal", "term__taxonomy"
    ):
        earlier_by_activity[row.activity_id].append(row)
    count = 0
    activities = Activity.objects.filter(pk__in=list(earlier_by_activity)).prefetch_related(
        "focus_areas", "goals", "terms__taxonomy"
    )
    for activity in activities:
        rows = earlier_by_activity[activity.pk]
        old_tags = [r.focus_area or r.goal or r.term for r in rows]
        elements = [_element_of(t) for t in old_tags]
        if not changed & set(elements):
            continue
        tags = activity_tags(activity)
        was = _targets(elements, before, successors)
        now = _targets(elements, transfer, successors)
        groups = {"focus_area": tags.focus_areas, "goal": tags.goals, "term": tags.terms}
        for element, targets in groups.items():
            for target in was[element] - now[element]:
                if target in targets:
                    targets.remove(target)
            for target in now[element] - was[element]:
                if target not in targets:
                    targets.append(target)
        for row, element in zip(rows, elements, strict=True):
            retired = not transfer.get(element)
            if row.retired != retired:
                row.retired = retired
                row.save(update_fields=["retired"])
        _store_tags(activity, tags, new)
        count += 1
    return count


def _targets(
    elements: list[tuple[str, str]],
    transfer: dict[tuple[str, str], list[str]],
    successors: dict[str, dict[str, Any]],
) -> dict[str, set[Any]]:
    found: dict[str, set[Any]] = {"focus_area": set(), "goal": set(), "term": set()}
    for element in elements:
        for key in transfer.get(element, []):
            target = successors[element[0]].get(key)
            if target is not None:
                found[element[0]].add(target)
    return found
