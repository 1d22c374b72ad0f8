"""Writes for policies: loading a policy file, adopting a draft.

Loading is all or nothing: the file is checked completely first, then applied
in one transaction. Loading the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from utblick.activities.services import retag_for_policy, retransfer_for_policy
from utblick.compliance.services import snapshot
from utblick.core import clock
from utblick.core.reference import builtin_terms
from utblick.core.services import changed_fields, save_versioned
from utblick.core.tenancy import Access, system_access
from utblick.core.terms import term_of_office_start
from utblick.municipalities.models import Municipality
from utblick.municipalities.services import municipality_store, reserved_slug_problem
from utblick.organisation.models import CompetenceEntry, Contact, Unit
from utblick.organisation.services import (
    competence_add,
    contact_restore,
    contact_save,
    unit_restore,
    unit_save,
)
from utblick.policies.fileformat import (
    PolicyFile,
    PolicyFileInvalid,
    PolicySpec,
    Problem,
    read_policy_file,
)
from utblick.policies.models import (
    CadencePeriod,
    CadenceRecipient,
    FocusArea,
    Goal,
    OverallGoal,
    Policy,
    PolicyStatus,
    Principle,
    Responsibility,
    TagTransfer,
    Taxonomy,
    Term,
)
from utblick.policies.selectors import Transfer, TransferRow, transfer_rows

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


#: Periods that the built-in cadences give: (key, name, start, end, days to submit).
STANDARD_PERIODS: dict[str, list[tuple[str, str, str, str, int]]] = {
    "tertial": [
        ("t1", "Tertial 1", "01-01", "04-30", 30),
        ("t2", "Tertial 2", "05-01", "08-31", 30),
        ("bokslut", "Tertial 3 och bokslut", "09-01", "12-31", 45),
    ],
    "yearly": [("ar", "Helår", "01-01", "12-31", 60)],
}


@dataclass
class LoadResult:
    municipality: Municipality
    municipality_created: bool = False
    policy: Policy | None = None
    policy_created: bool = False
    changes: list[str] = field(default_factory=list)
    #: The file's name, kept beside each history row the load writes.
    source: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def policy_content_hash(spec: PolicySpec) -> str:
    content = spec.model_dump(mode="json")
    if not content["dormant_after_months"]:
        del content["dormant_after_months"]  # unset: the same hash as before the setting existed
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_against_database(spec: PolicyFile, restrict_to: Municipality | None) -> list[Problem]:
    problems = []
    m = spec.municipality
    if restrict_to is not None and m.slug != restrict_to.slug:
        problems.append(
            Problem(
                "municipality.slug",
                _("filen gäller %(slug)r, men du laddar den i %(name)s")
                % {"slug": m.slug, "name": restrict_to.name},
            )
        )
    reserved = reserved_slug_problem(m.slug)
    if reserved:
        problems.append(Problem("municipality.slug", reserved))
    others = Municipality.objects.exclude(slug=m.slug)
    clash = others.filter(code=m.code).first()
    if clash:
        problems.append(
            Problem(
                "municipality.code",
                _("kommunkoden %(code)s tillhör redan %(name)s") % {"code": m.code, "name": clash},
            )
        )
    clash = others.filter(organisation_number=m.organisation_number).first()
    if clash:
        problems.append(
            Problem(
                "municipality.organisation_number",
                _("organisationsnumret %(nr)s tillhör redan %(name)s")
                % {"nr": m.organisation_number, "name": clash},
            )
        )
    return problems


def policy_file_load(
    *,
    data: bytes | str,
    filename: str,
    user: AbstractBaseUser | None,
    restrict_to: Municipality | None = None,
) -> LoadResult:
    """Check and load a policy file; raise :class:`PolicyFileInvalid` and load nothing if bad."""
    spec = read_policy_file(data, filename)
    problems = _check_against_database(spec, restrict_to)
    if problems:
        raise PolicyFileInvalid(filename, problems)
    try:
        with transaction.atomic():
            result = _apply(spec, user, PurePath(filename).name[:100])
    except _RowRefused as refused:  # a door said no: nothing is kept, the reader is told where
        raise PolicyFileInvalid(filename, refused.problems) from refused
    except ValidationError as error:
        raise PolicyFileInvalid(filename, _problems("", error)) from error
    return result


#: The file's section for each kind of row, as the reader of the file knows it.
_SECTIONS = {"unit": "units", "contact": "contacts", "overallgoal": "overall_goals"}


class _RowRefused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(problems)


def _problems(where: str, error: ValidationError) -> list[Problem]:
    """A door's refusal as the file's problems, each at the row (and field) it is about."""
    if hasattr(error, "error_dict"):
        return [
            Problem(f"{where}.{name}" if name and name != "__all__" else where, message)
            for name, errors in error.error_dict.items()
            for message in ValidationError(errors).messages
        ]
    return [Problem(where, message) for message in error.messages]


def _upsert(
    model: type,
    lookup: dict[str, Any],
    values: dict[str, Any],
    result: LoadResult,
    label: str,
    save: Callable[[Any], None],
    restore: Callable[[Any], None] | None = None,
) -> Any:
    """Create or bring up to date one row named in the file, through its own door (``save``).

    A door's refusal names the row as the file does (``contacts[key=…].phone``).
    """
    section = _SECTIONS.get(model._meta.model_name, model._meta.model_name)
    where = f"{section}[key={lookup.get('key', '')}]"

    def named(door: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(obj: Any) -> None:
            try:
                door(obj)
            except ValidationError as error:
                raise _RowRefused(_problems(where, error)) from error

        return call

    save = named(save)
    restore = named(restore) if restore is not None else None
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        save(obj)
        result.changes.append(_("ny %(what)s: %(name)s") % {"what": label, "name": obj})
        return obj
    changed = changed_fields(obj, values)
    if getattr(obj, "archived_at", None) is not None and restore is not None:
        restore(obj)  # named in the file again: back in use, with the file's values
    elif changed:
        save(obj)
    else:
        return obj
    result.changes.append(_("ändrad %(what)s: %(name)s") % {"what": label, "name": obj})
    return obj


def _parents_first(units: list[Any]) -> list[Any]:
    """Units ordered so that each comes after its parent (the file is checked for cycles)."""
    by_key = {u.key: u for u in units}
    ordered: list[Any] = []
    placed: set[str] = set()

    def place(unit: Any) -> None:
        if unit.key in placed:
            return
        if unit.parent:
            place(by_key[unit.parent])
        placed.add(unit.key)
        ordered.append(unit)

    for unit in units:
        place(unit)
    return ordered


def _apply(spec: PolicyFile, user: AbstractBaseUser | None, source: str) -> LoadResult:
    m = spec.municipality
    municipality = Municipality.objects.filter(slug=m.slug).first()
    created = municipality is None
    if created:
        municipality = Municipality(slug=m.slug)
    assert municipality is not None
    values = {
        "name": m.name,
        "code": m.code,
        "organisation_number": m.organisation_number,
        "website": m.website,
        "import_words": m.import_words,
    }
    result = LoadResult(municipality, municipality_created=created, source=source)
    if changed_fields(municipality, values) or created:
        municipality_store(municipality=municipality, user=user)
        result.changes.append(_("kommunens uppgifter"))
    tenant = {"municipality": municipality}
    access = system_access(municipality)

    def own(obj: Any) -> None:  # the policy's own elements
        save_versioned(obj, expected_version=None, user=user, reason=source)

    def unit(obj: Unit) -> None:
        unit_save(access=access, user=user, unit=obj, expected_version=None, reason=source)

    def contact(obj: Contact) -> None:
        contact_save(access=access, user=user, contact=obj, expected_version=None, reason=source)

    overall = {}
    for position, goal in enumerate(spec.overall_goals):
        overall[goal.key] = _upsert(
            OverallGoal,
            {**tenant, "key": goal.key},
            {
                "text": goal.text,
                "document": goal.document,
                "source": goal.source,
                "position": position,
            },
            result,
            _("övergripande mål"),
            own,
        )

    units: dict[str, Unit] = {}
    positions = {u.key: i for i, u in enumerate(spec.units)}
    for u in _parents_first(spec.units):
        units[u.key] = _upsert(
            Unit,
            {**tenant, "key": u.key},
            {
                "name": u.name,
                "kind": u.kind,
                "parent": units[u.parent] if u.parent else None,
                "description": u.description,
                "example": u.example,
                "source": u.source,
                "position": positions[u.key],
            },
            result,
            _("enhet"),
            unit,
            lambda obj: unit_restore(access=access, user=user, unit=obj),
        )

    for position, c in enumerate(spec.contacts):
        person = _upsert(
            Contact,
            {**tenant, "key": c.key},
            {
                "name": c.name,
                "unit": units[c.unit],
                "appointed_by": units[c.appointed_by] if c.appointed_by else None,
                "title": c.title,
                "email": c.email,
                "phone": c.phone,
                "role": c.role,
                "consent_to_publish": c.consent_to_publish,
                "consent_recorded_on": c.consent_recorded_on,
                "example": c.example,
                "position": position,
            },
            result,
            _("kontaktperson"),
            contact,
            lambda obj: contact_restore(access=access, user=user, contact=obj),
        )
        existing = {
            (e.date, e.title, e.kind, e.note)
            for e in person.competence.filter(archived_at__isnull=True)
        }
        for entry in c.competence:
            if (entry.date, entry.title, entry.kind, entry.note) not in existing:
                competence_add(
                    access=access,
                    user=user,
                    contact=person,
                    entry=CompetenceEntry(
                        date=entry.date, title=entry.title, kind=entry.kind, note=entry.note
                    ),
                    reason=source,
                )

    content_hash = policy_content_hash(spec.policy)
    latest = Policy.objects.filter(**tenant).order_by("-number").first()
    if latest is None or latest.content_hash != content_hash:
        result.policy = _create_version(
            municipality, spec, units, overall, content_hash, user, source
        )
        result.policy_created = True
        result.changes.append(_("ny version av styrdokumentet: %(p)s") % {"p": result.policy})
    else:
        result.policy = latest
    return result


def _create_version(
    municipality: Municipality,
    spec: PolicyFile,
    units: dict[str, Unit],
    overall: dict[str, OverallGoal],
    content_hash: str,
    user: AbstractBaseUser | None,
    source: str,
) -> Policy:
    p = spec.policy
    tenant = {"municipality": municipality}
    number = (Policy.objects.filter(**tenant).aggregate(n=Max("number"))["n"] or 0) + 1
    now = clock.now()
    in_force = p.status == "in_force"
    # Older drafts are superseded by any newer version; the version in force
    # only by a new version in force.
    previous_in_force = Policy.objects.filter(**tenant, status=PolicyStatus.IN_FORCE).first()
    if in_force and previous_in_force is not None:
        _snapshot_before(system_access(municipality), number, user)
    to_replace = Policy.objects.filter(**tenant, status=PolicyStatus.DRAFT)
    if in_force:
        to_replace = Policy.objects.filter(
            **tenant, status__in=[PolicyStatus.DRAFT, PolicyStatus.IN_FORCE]
        )
    for old in to_replace:
        old.status = PolicyStatus.REPLACED
        old.replaced_at = now
        save_versioned(
            old,
            expected_version=None,
            user=user,
            verb="replaced",
            reason=f"v{number}",
        )
    policy = Policy(
        **tenant,
        number=number,
        kind=p.kind,
        title=p.title,
        adopted_by=units[p.adopted_by],
        decided_on=p.decided_on,
        registry_number=p.registry_number,
        decision_reference=p.decision_reference,
        version_label=p.version,
        term_of_office=p.term_of_office or term_of_office_start(p.decided_on),
        status=PolicyStatus.IN_FORCE if in_force else PolicyStatus.DRAFT,
        revision_rule=p.revision,
        dormant_after_months=dict(p.dormant_after_months),
        owner=p.owner,
        purpose=p.purpose,
        vision=p.vision,
        summary=p.summary,
        source_document=p.source_document,
        cadence_kind=p.cadence.kind,
        cadence_text=p.cadence.text,
        cadence_source=p.cadence.source,
        content_hash=content_hash,
        adopted_at=now if in_force else None,
    )
    save_versioned(policy, expected_version=None, user=user, reason=source)
    base = {**tenant, "policy": policy}
    reason = f"v{number}"

    def create(model: type, objs: list[Any]) -> list[Any]:
        if not objs:
            return []
        return bulk_create_with_history(
            objs,
            model,
            default_user=user,
            default_change_reason=reason,
            custom_historical_attrs={"history_action": f"{model._meta.model_name}.created"},
        )

    create(
        FocusArea,
        [
            FocusArea(
                **base,
                key=f.key,
                name=f.name,
                description=f.description,
                source=f.source,
                position=i,
            )
            for i, f in enumerate(p.focus_areas)
        ],
    )
    create(
        Goal,
        [
            Goal(
                **base,
                key=g.key,
                text=g.text,
                source=g.source,
                position=i,
                overall_goal=overall[g.overall_goal] if g.overall_goal else None,
            )
            for i, g in enumerate(p.goals)
        ],
    )
    taxonomies = create(
        Taxonomy,
        [
            Taxonomy(
                **base,
                key=t.key,
                name=t.name,
                builtin=t.builtin or "",
                description=t.description,
                source=t.source,
                position=i,
            )
            for i, t in enumerate(p.taxonomies)
        ],
    )
    terms = []
    for taxonomy, t in zip(taxonomies, p.taxonomies, strict=True):
        values = (
            builtin_terms(t.builtin) if t.builtin else [(x.key, x.code, x.name) for x in t.terms]
        )
        terms += [
            Term(**tenant, taxonomy=taxonomy, key=key, code=code, name=name, position=i)
            for i, (key, code, name) in enumerate(values)
        ]
    create(Term, terms)
    create(
        Principle,
        [
            Principle(
                **base,
                key=x.key,
                text=x.text,
                source=x.source,
                position=i,
                rule_id=x.rule.id if x.rule else "",
                rule_severity=x.rule.severity if x.rule else "",
                rule_params=x.rule.params if x.rule else {},
            )
            for i, x in enumerate(p.principles)
        ],
    )
    create(
        Responsibility,
        [
            Responsibility(
                **base,
                key=r.key,
                duty=r.duty,
                text=r.text,
                source=r.source,
                position=i,
                unit=units[r.body] if r.body else None,
                unit_kinds=list(r.bodies),
            )
            for i, r in enumerate(p.responsibilities)
        ],
    )
    create(
        CadenceRecipient,
        [
            CadenceRecipient(**base, key=key, unit=units[key], position=i)
            for i, key in enumerate(p.cadence.report_to)
        ],
    )
    periods = (
        [(x.key, x.name, x.start, x.end, x.due_days) for x in p.cadence.periods]
        if p.cadence.kind == "custom"
        else STANDARD_PERIODS[p.cadence.kind]
    )
    create(
        CadencePeriod,
        [
            CadencePeriod(
                **base,
                key=key,
                name=name,
                start=start,
                end=end,
                due_days=due,
                source=p.cadence.source,
                position=i,
            )
            for i, (key, name, start, end, due) in enumerate(periods)
        ],
    )
    if in_force:
        _retag(previous_in_force, policy, None, user)
    return policy


def _snapshot_before(access: Access, number: int, user: AbstractBaseUser | None) -> None:
    """Keep the findings that stood under the version being replaced."""
    snapshot(
        access=access, reason=_("Före version %(n)s av styrdokumentet") % {"n": number}, user=user
    )


def _checked_transfer(
    old: Policy, new: Policy, chosen: Transfer | None
) -> tuple[Transfer, list[TransferRow]]:
    """The transfer to apply: the coordinator's choices, else the suggestions; keys checked."""
    rows = transfer_rows(old, new)
    transfer: Transfer = {}
    for row in rows:
        keys = row.suggested if chosen is None else chosen.get((row.element, row.old_key), [])
        offered = {k for k, _label in row.choices}
        unknown = [k for k in keys if k not in offered]
        if unknown:
            raise ValueError(
                _("%(old)s: %(keys)s finns inte i den nya versionen.")
                % {"old": row.old_label, "keys": ", ".join(unknown)}
            )
        transfer[(row.element, row.old_key)] = list(dict.fromkeys(keys))
    return transfer, rows


def _retag(
    old: Policy | None,
    new: Policy,
    chosen: Transfer | None = None,
    user: AbstractBaseUser | None = None,
) -> None:
    """Activities tagged under the old version follow the transfer to the new one.

    Without a coordinator's choices (a file loaded straight into force, an intake)
    the suggestions apply and the transfer waits for a coordinator's confirmation.
    """
    if old is None:
        return
    transfer, rows = _checked_transfer(old, new, chosen)
    moved = retag_for_policy(old, new, transfer)
    labels = {row.element: dict(row.choices) for row in rows}
    for row in rows:
        keys = transfer[(row.element, row.old_key)]
        save_versioned(
            TagTransfer(
                municipality=new.municipality,
                policy=new,
                previous=old,
                element=row.element,
                old_key=row.old_key,
                old_label=row.old_label,
                new_keys=keys,
                new_labels=[labels[row.element][k] for k in keys],
                moved=moved[(row.element, row.old_key)],
                confirmed=chosen is not None,
            ),
            expected_version=None,
            user=user,
        )


def policy_transfer_confirm(
    *, access: Access, policy: Policy, user: AbstractBaseUser, transfer: Transfer
) -> int:
    """Confirm, or correct, how the version in force took over the replaced version's tags.

    Only the activities a changed choice touches are tagged again. Returns how many.
    """
    access.require("coordinate")
    if policy.status != PolicyStatus.IN_FORCE or not policy.transfers.exists():
        raise ValueError(_("Bara den gällande versionens överföring av taggar kan bekräftas."))
    with transaction.atomic():
        rows = list(policy.transfers.select_for_update().select_related("previous"))
        previous = rows[0].previous
        checked, offered = _checked_transfer(previous, policy, transfer)
        changed = retransfer_for_policy(previous, policy, checked)
        labels = {row.element: dict(row.choices) for row in offered}
        for row in rows:
            keys = checked.get((row.element, row.old_key), [])
            row.new_keys = keys
            row.new_labels = [labels[row.element][k] for k in keys]
            row.confirmed = True
            save_versioned(row, expected_version=None, user=user, verb="confirmed")
    return changed


def policy_adopt(
    *,
    access: Access,
    policy: Policy,
    user: AbstractBaseUser,
    transfer: Transfer | None = None,
) -> Policy:
    """Put a draft in force; the version in force until now becomes replaced.

    ``transfer`` is the coordinator's confirmed carrying of tags from the version in
    force (see :func:`~utblick.policies.selectors.transfer_rows`); without it the
    suggestions apply, waiting for confirmation.
    """
    access.require("coordinate")
    if policy.status != PolicyStatus.DRAFT:
        raise ValueError(_("Bara ett utkast kan antas."))
    now = clock.now()
    with transaction.atomic():
        previous = Policy.objects.filter(
            municipality=policy.municipality, status=PolicyStatus.IN_FORCE
        ).first()
        if previous is not None:
            _snapshot_before(access, policy.number, user)
        for old in Policy.objects.filter(
            municipality=policy.municipality, status=PolicyStatus.IN_FORCE
        ):
            old.status = PolicyStatus.REPLACED
            old.replaced_at = now
            save_versioned(
                old,
                expected_version=None,
                user=user,
                verb="replaced",
                reason=f"v{policy.number}",
            )
        policy.status = PolicyStatus.IN_FORCE
        policy.adopted_at = now
        save_versioned(policy, expected_version=None, user=user, verb="adopted")
        _retag(previous, policy, transfer, user)
    return policy
