"""Importing activities and partners: plan every row, then apply all or nothing.

``plan_import`` reads and checks every row without writing anything and says,
per row, whether it creates, updates or leaves a record unchanged, or what is
wrong with it (row, column, Swedish explanation). ``apply_import`` plans again
and writes only when no row has a problem, in one transaction. Rows match
existing records on the ``id`` column, else on title and kind (activities) or
name and country (partners), so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from utblick.activities import columns as cols
from utblick.activities.models import Activity, ActivityPartner, Kind
from utblick.activities.services import _search_text, tag_summary
from utblick.activities.validation import Tags, validate_activity
from utblick.compliance.engine import Evaluator
from utblick.compliance.rules import ACTIVITY_RULES, ActivityFacts
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.core.text import fold
from utblick.funding.selectors import financing
from utblick.imports.reading import ACTIVITY_SHEET, PARTNER_SHEET, Row, Workbook
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.partners.services import partner_problems
from utblick.policies.models import FocusArea, Goal, PolicyStatus, Term
from utblick.public.services import activities_publish, activity_unpublish

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


Progress = Callable[[int], None]
SIMPLE_READERS: dict[str, Callable[[Any], Any]] = {
    "title": cols.text,
    "summary": cols.text,
    "description": cols.text,
    "status": cols.read_choice(cols.Status, required=False),
    "start_date": cols.read_date,
    "end_date": cols.read_date,
    "development_area": cols.text,
    "child_impact": cols.read_choice(cols.ChildImpact),
    "child_assessment": cols.text,
    "is_development_aid": cols.read_bool,
    "place": cols.text,
    "country": cols.read_country,
    "agreement_date": cols.read_date,
    "decision_reference": cols.text,
    "agreement_state": cols.read_choice(cols.AgreementState),
    "ended_on": cols.read_date,
    "end_reason": cols.text,
    "end_decision_reference": cols.text,
    "next_review_on": cols.read_date,
    "membership_category": cols.read_choice(cols.MembershipCategory),
    "member_since": cols.read_date,
    "annual_fee": cols.read_amount,
    "purpose": cols.text,
    "benefit": cols.text,
    "direction": cols.read_choice(cols.Direction),
    "participants": cols.text,
    "participant_count": cols.read_count,
    "cost": cols.read_amount,
    "report": cols.text,
    "reference": cols.text,
    "stance": cols.text,
    "actions_taken": cols.text,
    "deadline": cols.read_date,
    "published": cols.read_bool,
}
LIMITS = {
    "title": 300,
    "place": 120,
    "decision_reference": 100,
    "end_decision_reference": 100,
    "reference": 100,
    "development_area": 300,
    "summary": 1000,
}
READ_KIND = cols.read_choice(Kind, required=True)
COLUMN_BY_HEADER = {c.header: c for c in cols.COLUMNS}
HEADER_OF_FIELD = {c.field: c.header for c in cols.COLUMNS}
PARTNER_HEADERS = {header: name for header, name, _help in cols.PARTNER_COLUMNS}


@dataclass
class Problem:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class RowPlan:
    sheet: str
    row: int
    title: str
    action: str = "unchanged"  # create | update | unchanged | error
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    obj: Any = None
    tags: Tags | None = None
    partners: list[tuple[Any, str]] | None = None
    #: Whether the activity was public before the import, and whether the file wants it public.
    was_published: bool = False
    wants_published: bool = False

    @property
    def action_label(self) -> str:
        return {
            "create": _("Ny"),
            "update": _("Ändras"),
            "unchanged": _("Oförändrad"),
            "error": _("Fel"),
        }[self.action]


@dataclass
class ImportPlan:
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + [p for row in self.rows for p in row.problems]

    @property
    def ok(self) -> bool:
        return not self.all_problems

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    def summary(self) -> dict[str, int]:
        return {a: self.count(a) for a in ("create", "update", "unchanged", "error")}

    def versions(self) -> dict[str, int]:
        return {
            f"{type(r.obj).__name__}:{r.obj.pk}": r.obj.row_version
            for r in self.rows
            if r.obj is not None and r.obj.pk and r.action == "update"
        }


class ImportInvalid(Exception):
    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__(_("Importen innehåller fel; inget har lästs in."))


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "–"
    return str(value)


class _Lookups:
    """Everything a row may refer to, fetched once for the whole file."""

    def __init__(self, access: Access):
        m = access.municipality
        self.units: dict[str, Unit] = {}
        for unit in Unit.objects.current().filter(municipality=m):
            self.units[unit.key] = unit
            self.units.setdefault(fold(unit.name), unit)
        self.contacts: dict[str, Contact] = {}
        for contact in Contact.objects.current().filter(municipality=m):
            for name in (contact.key, fold(contact.email), fold(contact.name)):
                if name:
                    self.contacts.setdefault(name, contact)
        policy_filter = {"policy__municipality": m, "policy__status": PolicyStatus.IN_FORCE}
        self.focus_areas: dict[str, FocusArea] = {}
        for area in FocusArea.objects.filter(**policy_filter):
            self.focus_areas[area.key] = area
            self.focus_areas[fold(area.name)] = area
        self.goals = {g.key: g for g in Goal.objects.filter(**policy_filter)}
        self.terms: dict[str, list[Term]] = defaultdict(list)
        for term in Term.objects.filter(
            taxonomy__policy__municipality=m, taxonomy__policy__status=PolicyStatus.IN_FORCE
        ).select_related("taxonomy"):
            for name in {fold(str(term)), fold(term.name), f"{term.taxonomy.key}:{term.key}"}:
                self.terms[name].append(term)
        self.partners_by_name: dict[str, list[Partner]] = defaultdict(list)
        self.partners: dict[int, Partner] = {}
        for partner in Partner.objects.current().filter(municipality=m):
            self.partners[partner.pk] = partner
            self.partners_by_name[partner.name_key].append(partner)
        self.activities: dict[int, Activity] = {}
        self.by_title: dict[tuple[str, str], list[Activity]] = defaultdict(list)
        existing = (
            Activity.objects.filter(municipality=m)
            .select_related("unit", "contact", "deciding_body", "network", "representative")
            .prefetch_related("focus_areas", "goals", "terms__taxonomy", "partner_links__partner")
        )
        for activity in existing:
            self.activities[activity.pk] = activity
            if activity.archived_at is None:
                self.by_title[(activity.kind, fold(activity.title))].append(activity)


def _unknown_headers(
    sheet_name: str, headers: Iterable[str], known: Iterable[str], required: set[str]
) -> list[Problem]:
    problems = []
    known_set = set(known)
    for header in headers:
        if header and header not in known_set:
            problems.append(
                Problem(
                    sheet_name,
                    1,
                    header,
                    _("Okänd kolumn %(h)r. Kolumnerna beskrivs i mallens flik Kolumner.")
                    % {"h": header},
                )
            )
    for header in sorted(required - set(headers)):
        problems.append(
            Problem(sheet_name, 1, header, _("Kolumnen %(h)r saknas men krävs.") % {"h": header})
        )
    return problems


def _plan_partners(
    rows: list[Row], lookups: _Lookups, access: Access, plan: ImportPlan
) -> dict[str, list[Partner]]:
    """Partner rows; returns partners this file adds, by folded name."""
    added: dict[str, list[Partner]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for row in rows:
        values = {PARTNER_HEADERS[h]: v for h, v in row.values.items() if h in PARTNER_HEADERS}
        name = cols.text(values.get("name"))
        entry = RowPlan(PARTNER_SHEET, row.number, name)
        plan.rows.append(entry)

        def problem(column: str, message: str, entry: RowPlan = entry, row: Row = row) -> None:
            entry.problems.append(Problem(PARTNER_SHEET, row.number, column, message))

        for header in row.formulas:
            problem(header, _("Cellen innehåller en formel; klistra in värdet i stället."))
        parsed: dict[str, Any] = {}
        for header, attr, reader in (
            ("typ", "kind", cols.PARTNER_KIND),
            ("land", "country", cols.read_country),
            ("namn", "name", cols.text),
            ("ort", "place", cols.text),
            ("webbplats", "website", cols.text),
            ("beskrivning", "description", cols.text),
        ):
            if attr in values:
                try:
                    parsed[attr] = reader(values[attr])
                except cols.CellError as error:
                    problem(header, str(error))
        if not parsed.get("name"):
            problem("namn", _("Ange organisationens namn."))
        if not parsed.get("country") and "country" in parsed:
            problem("land", _("Ange land."))
        existing = None
        raw_id = cols.text(values.get("id"))
        if raw_id:
            existing = lookups.partners.get(int(raw_id)) if raw_id.isdigit() else None
            if existing is None:
                problem(
                    "id",
                    _("Det finns ingen partner med id %(id)s i kommunens register.")
                    % {"id": raw_id},
                )
        elif parsed.get("name") and parsed.get("country"):
            existing = next(
                (
                    p
                    for p in lookups.partners_by_name.get(fold(parsed["name"]), [])
                    if p.country == parsed["country"]
                ),
                None,
            )
        if entry.problems:
            entry.action = "error"
            continue
        key = (fold(parsed["name"]), parsed.get("country", existing.country if existing else ""))
        if key in seen:
            problem("namn", _("Samma partner finns redan på en tidigare rad i filen."))
            entry.action = "error"
            continue
        seen.add(key)
        partner = existing or Partner(municipality=access.municipality)
        before = {a: getattr(partner, a) for a in parsed}
        for attr, value in parsed.items():
            setattr(partner, attr, value)
        if existing is None:
            entry.action = "create"
            for attr, messages in partner_problems(partner).items():
                for message in messages:
                    problem(attr, message)
            added[fold(partner.name)].append(partner)
        else:
            entry.changes = [
                (a, _shown(before[a]), _shown(v)) for a, v in parsed.items() if before[a] != v
            ]
            entry.action = "update" if entry.changes else "unchanged"
        entry.obj = partner
        if entry.problems:
            entry.action = "error"
    return added


def _resolve_partner(
    name: str, lookups: _Lookups, added: dict[str, list[Partner]]
) -> Partner | str:
    candidates = lookups.partners_by_name.get(fold(name), []) + added.get(fold(name), [])
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return _("Partnern %(name)r finns inte i registret eller på fliken Partner.") % {
            "name": name
        }
    return _(
        "Flera partner heter %(name)r; lägg till dem på fliken Partner med land, eller byt namn."
    ) % {"name": name}


class _Rules:
    """The policy's error-level activity rules, loaded once for the whole file."""

    def __init__(self, access: Access):

        self.evaluator = Evaluator(access.municipality, only=set(ACTIVITY_RULES))

    def _errors(self, activity: Activity, tags: Tags) -> list[Any]:

        lines = list(activity.budget_lines.all()) if activity.pk else []
        rows = list(activity.funding.all()) if activity.pk else []
        money = financing(lines, rows)
        unit = activity.unit.name if activity.unit_id else ""
        facts = ActivityFacts(
            activity, unit, "", len(tags.goals), money.budget, money.external_granted
        )
        return [f for f in self.evaluator.run([facts]) if f.severity == "error"]

    def blocking(self, activity: Activity, tags: Tags) -> set[tuple[str, str, int, str]]:
        return {f.key for f in self._errors(activity, tags)}

    def new_blocking(
        self, activity: Activity, tags: Tags, before: set[tuple[str, str, int, str]]
    ) -> list[Any]:
        return [f for f in self._errors(activity, tags) if f.key not in before]


def _plan_activity(
    row: Row,
    lookups: _Lookups,
    added: dict[str, list[Partner]],
    access: Access,
    seen: set[tuple[str, str]],
    rules: _Rules,
) -> RowPlan:
    values = {COLUMN_BY_HEADER[h].field: v for h, v in row.values.items() if h in COLUMN_BY_HEADER}
    header_of = {COLUMN_BY_HEADER[h].field: h for h in row.values if h in COLUMN_BY_HEADER}
    entry = RowPlan(ACTIVITY_SHEET, row.number, cols.text(values.get("title")))

    def problem(attr: str, message: str) -> None:
        header = header_of.get(attr) or HEADER_OF_FIELD.get(attr, attr)
        entry.problems.append(Problem(ACTIVITY_SHEET, row.number, header, message))

    for header in row.formulas:
        entry.problems.append(
            Problem(
                ACTIVITY_SHEET,
                row.number,
                header,
                _("Cellen innehåller en formel; klistra in värdet i stället."),
            )
        )

    try:
        kind = READ_KIND(values.get("kind"))
    except cols.CellError as error:
        problem("kind", str(error))
        kind = ""
    parsed: dict[str, Any] = {}
    for attr, reader in SIMPLE_READERS.items():
        if attr in values:
            try:
                parsed[attr] = reader(values[attr])
            except cols.CellError as error:
                problem(attr, str(error))
    for attr, limit in LIMITS.items():
        if len(parsed.get(attr) or "") > limit:
            problem(attr, _("Texten är för lång (högst %(n)s tecken).") % {"n": limit})

    def reference(attr: str, table: dict[str, Any], what: str) -> None:
        if attr not in values:
            return
        raw = cols.text(values[attr])
        if not raw:
            parsed[attr] = None
            return
        found = table.get(raw) or table.get(fold(raw))
        if found is None:
            problem(
                attr, _("%(what)s %(value)r finns inte i kommunen.") % {"what": what, "value": raw}
            )
        parsed[attr] = found

    reference("unit", lookups.units, _("Enheten"))
    reference("deciding_body", lookups.units, _("Enheten"))
    reference("contact", lookups.contacts, _("Kontaktpersonen"))
    reference("representative", lookups.contacts, _("Kontaktpersonen"))
    if "network" in values:
        raw = cols.text(values["network"])
        if raw:
            found = _resolve_partner(raw, lookups, added)
            if isinstance(found, str):
                problem("network", found)
                parsed["network"] = None
            else:
                parsed["network"] = found
        else:
            parsed["network"] = None

    existing: Activity | None = None
    raw_id = cols.text(values.get("id"))
    if raw_id:
        existing = lookups.activities.get(int(raw_id)) if raw_id.isdigit() else None
        if existing is None:
            problem(
                "id",
                _("Det finns ingen aktivitet med id %(id)s i kommunens register.") % {"id": raw_id},
            )
        elif kind and existing.kind != kind:
            problem(
                "kind",
                _("Typen kan inte ändras (%(old)s); registrera en ny aktivitet i stället.")
                % {"old": existing.get_kind_display()},
            )
    elif kind and entry.title:
        matches = lookups.by_title.get((kind, fold(entry.title)), [])
        if len(matches) > 1:
            problem("title", _("Flera aktiviteter av typen heter så; ange id för att välja."))
        existing = matches[0] if len(matches) == 1 else None
    if kind and entry.title and not raw_id:
        key = (kind, fold(entry.title))
        if key in seen:
            problem("title", _("Samma titel och typ finns redan på en tidigare rad i filen."))
        seen.add(key)
    if existing is None and "unit" not in parsed:
        problem("unit", _("Ange ansvarig enhet."))

    # Tags: only when the column is present; otherwise an update keeps its tags.
    old_tags = (
        Tags(
            list(existing.focus_areas.all()), list(existing.goals.all()), list(existing.terms.all())
        )
        if existing
        else Tags()
    )
    tags = Tags(list(old_tags.focus_areas), list(old_tags.goals), list(old_tags.terms))
    if "focus_areas" in values:
        tags.focus_areas = []
        for name in cols.split_list(values["focus_areas"]):
            area = lookups.focus_areas.get(name) or lookups.focus_areas.get(fold(name))
            if area is None:
                problem(
                    "focus_areas",
                    _("Inriktningen %(v)r finns inte i gällande styrdokument.") % {"v": name},
                )
            else:
                tags.focus_areas.append(area)
    if "goals" in values:
        tags.goals = []
        for name in cols.split_list(values["goals"]):
            goal = lookups.goals.get(name)
            if goal is None:
                problem(
                    "goals",
                    _("Målet %(v)r finns inte i gällande styrdokument (ange målets nyckel).")
                    % {"v": name},
                )
            else:
                tags.goals.append(goal)
    if "terms" in values:
        tags.terms = []
        for name in cols.split_list(values["terms"]):
            found = lookups.terms.get(fold(name)) or lookups.terms.get(name) or []
            if len(found) != 1:
                message = (
                    _("Termen %(v)r finns inte i gällande styrdokuments klassificeringar.")
                    if not found
                    else _("Termen %(v)r är tvetydig; skriv t.ex. agenda2030:mal-11.")
                )
                problem("terms", message % {"v": name})
            else:
                tags.terms.append(found[0])
    partners: list[tuple[Any, str]] | None = None
    if "partners" in values:
        partners = []
        try:
            for name, role in cols.parse_partner_cell(cols.text(values["partners"])):
                found = _resolve_partner(name, lookups, added)
                if isinstance(found, str):
                    problem("partners", found)
                else:
                    partners.append((found, role))
        except cols.CellError as error:
            problem("partners", str(error))

    if not kind:
        entry.action = "error"
        return entry
    activity = (
        Activity(municipality=access.municipality, kind=kind) if existing is None else existing
    )
    before_rules = rules.blocking(existing, old_tags) if existing is not None else set()
    before = {attr: _current(activity, attr) for attr in parsed}
    if (
        "unit" in parsed
        and parsed["unit"] is None
        and not any(p.column == "enhet" for p in entry.problems)
    ):
        problem("unit", _("Ange ansvarig enhet."))
    entry.was_published = activity.published
    for attr, value in parsed.items():
        setattr(activity, attr, value)
    entry.wants_published = activity.published
    if activity.unit_id is None:
        entry.action = "error"
        return entry
    for unit_id in {activity.unit_id, existing.unit_id if existing else None} - {None}:
        if not access.can_edit_unit(unit_id):
            problem("unit", _("Du får bara ändra aktiviteter för dina egna enheter."))
    if existing is not None and existing.archived_at is not None:
        problem("id", _("Aktiviteten är arkiverad; återställ den först."))
    for attr, messages in validate_activity(
        activity, tags, previous_status=existing.status if existing else None
    ).items():
        for message in messages:
            problem(attr or "title", message)
    if not entry.problems:
        for finding in rules.new_blocking(activity, tags, before_rules):
            problem(
                "title",
                f"{finding.message} ”{finding.principle_text}” ({finding.principle_source})",
            )

    entry.obj, entry.tags, entry.partners = activity, tags, partners
    labels = {c.field: c.header for c in cols.COLUMNS}
    if existing is None:
        entry.action = "create"
    else:
        entry.changes = [
            (labels.get(a, a), _shown(before[a]), _shown(v))
            for a, v in parsed.items()
            if before[a] != v
        ]
        for attr in ("focus_areas", "goals", "terms"):
            old, new = getattr(old_tags, attr), getattr(tags, attr)
            if {x.pk for x in old} != {x.pk for x in new}:
                entry.changes.append(
                    (labels[attr], _shown([str(x) for x in old]), _shown([str(x) for x in new]))
                )
        if partners is not None:
            old_links = {(link.partner_id, link.role) for link in existing.partner_links.all()}
            new_links = {(p.pk, role) for p, role in partners}
            if old_links != new_links:
                entry.changes.append(
                    (
                        labels["partners"],
                        existing.partner_summary or "–",
                        "; ".join(f"{p.name} ({role})" for p, role in partners),
                    )
                )
        entry.action = "update" if entry.changes else "unchanged"
    if entry.problems:
        entry.action = "error"
    return entry


def _current(obj: Any, attr: str) -> Any:
    """A field's value, or None for a relation not set yet."""
    try:
        return getattr(obj, attr)
    except ObjectDoesNotExist:
        return None


def plan_import(
    workbook: Workbook, access: Access, *, progress: Progress | None = None
) -> ImportPlan:
    """Every row checked and classified; nothing is written."""
    access.require("edit")
    plan = ImportPlan(notes=list(workbook.notes))
    lookups = _Lookups(access)
    added: dict[str, list[Partner]] = {}
    partner_sheet = workbook.sheets.get(PARTNER_SHEET)
    if partner_sheet is not None:
        plan.problems += _unknown_headers(
            PARTNER_SHEET, partner_sheet.headers, PARTNER_HEADERS, {"namn", "typ", "land"}
        )
        added = _plan_partners(partner_sheet.rows, lookups, access, plan)
        if progress:
            progress(len(partner_sheet.rows))
    activity_sheet = workbook.sheets.get(ACTIVITY_SHEET)
    if activity_sheet is not None:
        plan.problems += _unknown_headers(
            ACTIVITY_SHEET,
            activity_sheet.headers,
            COLUMN_BY_HEADER,
            {c.header for c in cols.COLUMNS if c.required},
        )
        seen: set[tuple[str, str]] = set()
        rules = _Rules(access)
        for row in activity_sheet.rows:
            plan.rows.append(_plan_activity(row, lookups, added, access, seen, rules))
            if progress:
                progress(1)
    if not plan.rows and not plan.problems:
        plan.problems.append(
            Problem(ACTIVITY_SHEET, 1, "", _("Filen innehåller inga rader att läsa in."))
        )
    return plan


def apply_import(
    workbook: Workbook,
    access: Access,
    user: AbstractBaseUser | None,
    *,
    filename: str,
    seen_versions: dict[str, int] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Plan and, if every row is right, write it all in one transaction."""
    with transaction.atomic():
        plan = plan_import(workbook, access, progress=progress)
        if seen_versions is not None:
            for entry in plan.rows:
                if entry.action != "update":
                    continue
                key = f"{type(entry.obj).__name__}:{entry.obj.pk}"
                if seen_versions.get(key, entry.obj.row_version) != entry.obj.row_version:
                    entry.problems.append(
                        Problem(
                            entry.sheet,
                            entry.row,
                            "id",
                            _(
                                "Posten har ändrats av någon annan sedan förhandsgranskningen; ladda upp filen igen."
                            ),
                        )
                    )
                    entry.action = "error"
        if not plan.ok:
            raise ImportInvalid(plan)
        reason = _("Import: %(file)s") % {"file": filename}
        _write(plan, access, user, reason)
    return plan


def _write(plan: ImportPlan, access: Access, user: AbstractBaseUser | None, reason: str) -> None:
    for entry in plan.rows:
        if entry.sheet == PARTNER_SHEET and entry.action in ("create", "update"):
            core.save_versioned(entry.obj, expected_version=None, user=user, reason=reason)
    creates = [e for e in plan.rows if e.sheet == ACTIVITY_SHEET and e.action == "create"]
    for entry in creates:
        activity: Activity = entry.obj
        activity.unit_id = activity.unit.pk if activity.unit else activity.unit_id
        activity.tag_summary = tag_summary(entry.tags or Tags())
        names = [p.name for p, _role in entry.partners or []]
        activity.partner_summary = ", ".join(
            f"{p.name} ({role})" for p, role in entry.partners or []
        )
        activity.search_text = _search_text(activity, names)
        activity.published = False  # published below, once partners and tags are in place
    created = bulk_create_with_history(
        [e.obj for e in creates],
        Activity,
        batch_size=500,
        default_user=user,
        default_change_reason=reason,
    )
    for entry, activity in zip(creates, created, strict=True):
        entry.obj = activity
    through_rows: dict[Any, list[Any]] = defaultdict(list)
    links = []
    for entry in creates:
        tags = entry.tags or Tags()
        through_rows[Activity.focus_areas.through] += [
            Activity.focus_areas.through(activity_id=entry.obj.pk, focusarea_id=t.pk)
            for t in tags.focus_areas
        ]
        through_rows[Activity.goals.through] += [
            Activity.goals.through(activity_id=entry.obj.pk, goal_id=t.pk) for t in tags.goals
        ]
        through_rows[Activity.terms.through] += [
            Activity.terms.through(activity_id=entry.obj.pk, term_id=t.pk) for t in tags.terms
        ]
        links += [
            ActivityPartner(
                municipality=access.municipality, activity=entry.obj, partner=p, role=role
            )
            for p, role in entry.partners or []
        ]
    for model, rows in through_rows.items():
        model.objects.bulk_create(rows, batch_size=1000)
    if links:
        bulk_create_with_history(
            links, ActivityPartner, batch_size=1000, default_user=user, default_change_reason=reason
        )
    for entry in plan.rows:
        if entry.sheet != ACTIVITY_SHEET or entry.action != "update":
            continue
        activity = entry.obj
        tags = entry.tags or Tags()
        activity.tag_summary = tag_summary(tags)
        if entry.partners is not None:
            activity.partner_summary = ", ".join(f"{p.name} ({role})" for p, role in entry.partners)
            current = {link.partner_id: link for link in activity.partner_links.all()}
            wanted = {p.pk: (p, role) for p, role in entry.partners}
            for partner_id, link in current.items():
                if partner_id not in wanted:
                    link._history_user = user
                    link.delete()
            for partner_id, (partner, role) in wanted.items():
                link = current.get(partner_id) or ActivityPartner(
                    municipality=access.municipality, activity=activity, partner=partner
                )
                if link.pk is None or link.role != role:
                    link.role = role
                    core.save_versioned(link, expected_version=None, user=user, reason=reason)
        names = [link.partner.name for link in activity.partner_links.select_related("partner")]
        activity.search_text = _search_text(activity, names)
        activity.published = entry.was_published
        if entry.was_published and entry.wants_published:
            activity.has_unpublished_changes = True  # the public copy stays as published
        core.save_versioned(
            activity, expected_version=activity.row_version, user=user, reason=reason
        )
        activity.focus_areas.set(tags.focus_areas)
        activity.goals.set(tags.goals)
        activity.terms.set(tags.terms)
    written = [
        e for e in plan.rows if e.sheet == ACTIVITY_SHEET and e.action in ("create", "update")
    ]
    activities_publish(
        access=access,
        user=user,
        activities=[e.obj for e in written if e.wants_published and not e.obj.published],
    )
    for entry in written:
        if entry.obj.published and not entry.wants_published:
            activity_unpublish(access=access, user=user, activity=entry.obj)
