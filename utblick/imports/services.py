"""Importing activities and partners: plan every row, then apply all or nothing.

``plan_import`` reads and checks every row without writing anything and says,
per row, whether it creates, updates or leaves a record unchanged, or what is
wrong with it (row, column, Swedish explanation). ``apply_import`` plans again
and writes only when no row has a problem, in one transaction. Rows match
existing records on the ``id`` column, else on title and kind (activities) or
name and country (partners), so importing the same file twice changes nothing.

Both steps use the register's and the registry's own checks
(``activity_problems``, ``partner_problems``) and write through their doors
(``partner_save``, ``activities_import``): an imported row is refused, saved
and recorded in the history exactly as if it came from the form or the API.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from utblick.activities import columns as cols
from utblick.activities.models import Activity, AgreementState, Kind, Status
from utblick.activities.money_columns import (
    BUDGET_COLUMNS,
    BUDGET_SHEET,
    FUNDING_COLUMNS,
    FUNDING_SHEET,
)
from utblick.activities.services import (
    ActivitiesInvalid,
    ActivityChange,
    activities_import,
    activity_problems,
    budget_set,
)
from utblick.activities.validation import Tags
from utblick.activities.vocabulary import (
    CHOICES,
    CLEAR_MARK,
    DORMANT_WORDS,
    Vocabulary,
)
from utblick.compliance.engine import RuleCheck, RuleViolation
from utblick.core import clock
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.core.text import fold
from utblick.funding.models import Funding
from utblick.funding.services import funding_save
from utblick.imports.models import BatchStatus, ImportBatch
from utblick.imports.money import MoneyPlanner, MoneyRow
from utblick.imports.opendata import Known, from_open_data, is_open_data
from utblick.imports.reading import (
    ACTIVITY_SHEET,
    PARTNER_SHEET,
    Row,
    UnreadableFile,
    Workbook,
    read_upload,
)
from utblick.jobs.models import Job
from utblick.jobs.services import JobRefused, Outcome, job_start
from utblick.jobs.services import Progress as JobProgress
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.partners.services import partner_problems, partner_save
from utblick.policies.models import FocusArea, Goal, PolicyStatus, Term

Progress = Callable[[int], None]
SIMPLE_READERS: dict[str, Callable[[Any], Any]] = {
    "title": cols.text,
    "summary": cols.text,
    "description": cols.text,
    "start_date": cols.read_date,
    "end_date": cols.read_date,
    "development_area": cols.text,
    "child_assessment": cols.text,
    "is_development_aid": cols.read_bool,
    "eu_project_id": cols.text,
    "eu_programme": cols.text,
    "eu_programme_period": cols.text,
    "eu_call": cols.text,
    "eu_funding_scheme": cols.text,
    "cofinancing_rate": cols.read_percent,
    "nuts_code": cols.read_code,
    "place": cols.text,
    "country": cols.read_country,
    "latitude": cols.read_coordinate,
    "longitude": cols.read_coordinate,
    "agreement_date": cols.read_date,
    "decision_reference": cols.text,
    "ended_on": cols.read_date,
    "end_reason": cols.text,
    "end_decision_reference": cols.text,
    "last_contact_on": cols.read_date,
    "next_review_on": cols.read_date,
    "member_since": cols.read_date,
    "annual_fee": cols.read_amount,
    "purpose": cols.text,
    "benefit": cols.text,
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
AGREEMENT_KINDS = (Kind.TWIN_CITY, Kind.PARTNERSHIP)
COLUMN_BY_HEADER = {c.header: c for c in cols.COLUMNS}
HEADER_OF_FIELD = {c.field: c.header for c in cols.COLUMNS}
PARTNER_HEADERS = {header: name for header, name, _help in cols.PARTNER_COLUMNS}
PARTNER_HEADER_OF = {name: header for header, name in PARTNER_HEADERS.items()}


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
            if r.sheet in (ACTIVITY_SHEET, PARTNER_SHEET)
            and r.obj is not None
            and r.obj.pk
            and r.action == "update"
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
        self.vocabulary = Vocabulary(m.import_words)
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
        self.goals: dict[str, Goal] = {}
        for goal in Goal.objects.filter(**policy_filter):
            self.goals[goal.key] = goal
            self.goals.setdefault(fold(goal.text), goal)
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
            .select_related(
                "unit", "contact", "deciding_body", "end_deciding_body", "network", "representative"
            )
            .prefetch_related(
                "focus_areas",
                "goals",
                "terms__taxonomy",
                "partner_links__partner",
                "budget_lines",
                "funding",
            )
        )
        self.titles: dict[str, list[Activity]] = defaultdict(list)
        #: Every project by its EU id, archived ones too (the id stays theirs).
        self.by_eu_id: dict[str, Activity] = {}
        for activity in existing:
            self.activities[activity.pk] = activity
            if activity.eu_project_id:
                self.by_eu_id[activity.eu_project_id] = activity
            if activity.archived_at is None:
                self.by_title[(activity.kind, fold(activity.title))].append(activity)
                self.titles[fold(activity.title)].append(activity)

    def known(self) -> Known:
        """What an open-data file's partners are matched against."""
        return Known(
            partners={(p.name_key, p.country) for p in self.partners.values()},
            names_by_pic={p.pic: p.name for p in self.partners.values() if p.pic},
            roles={
                pk: {fold(link.partner.name): link.role for link in a.partner_links.all()}
                for pk, a in self.activities.items()
            },
        )


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
            ("latitud", "latitude", cols.read_coordinate),
            ("longitud", "longitude", cols.read_coordinate),
            ("pic", "pic", cols.read_code),
            ("momsnummer", "vat_number", cols.read_code),
            ("organisationsnummer", "organisation_number", cols.text),
            ("annat id", "national_id", cols.text),
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
        if existing is not None:  # an empty cell never clears what is stored
            parsed = {a: v for a, v in parsed.items() if cols.text(values.get(a)) or a == "name"}
        key = (fold(parsed["name"]), parsed.get("country", existing.country if existing else ""))
        if key in seen:
            problem("namn", _("Samma partner finns redan på en tidigare rad i filen."))
            entry.action = "error"
            continue
        seen.add(key)
        partner = copy.copy(existing) if existing else Partner(municipality=access.municipality)
        before = {a: getattr(partner, a) for a in parsed}
        for attr, value in parsed.items():
            setattr(partner, attr, value)
        # The registry's own check, the same as the form's and the API's.
        for attr, messages in partner_problems(partner).items():
            for message in messages:
                problem(PARTNER_HEADER_OF.get(attr, attr), message)
        if existing is None:
            entry.action = "create"
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
    """The policy's error-level activity rules, loaded once for the whole file (a preview:
    the write itself is guarded by the register's door with the same rules)."""

    def __init__(self, access: Access):
        self.check = RuleCheck(access.municipality)

    def blocking(self, activity: Activity, tags: Tags) -> set[tuple[str, str, int, str]]:
        return {f.key for f in self.check.errors(activity, len(tags.goals))}

    def new_blocking(
        self, activity: Activity, tags: Tags, before: set[tuple[str, str, int, str]]
    ) -> list[Any]:
        return [f for f in self.check.errors(activity, len(tags.goals)) if f.key not in before]


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

    # "(töm)" empties a stored value; it reads as an empty cell that counts.
    cleared = {attr for attr, v in values.items() if fold(cols.text(v)) == fold(CLEAR_MARK)}
    for attr in cleared:
        values[attr] = None
    words = lookups.vocabulary
    try:
        kind = words.read("kind", cols.text(values.get("kind")), required=True)
    except cols.CellError as error:
        problem("kind", str(error))
        kind = ""
    place = cols.text(values.get("place"))
    if not cols.text(values.get("title")) and kind in AGREEMENT_KINDS and place:
        # A twin-town list names places, not activities: "Vänort: Tammela".
        values["title"] = entry.title = f"{Kind(kind).label}: {place}"
    parsed: dict[str, Any] = {}
    for attr, reader in SIMPLE_READERS.items():
        if attr in values:
            try:
                parsed[attr] = reader(values[attr])
            except cols.CellError as error:
                problem(attr, str(error))
    for attr in CHOICES.keys() - {"kind"}:
        if attr in values:
            try:
                parsed[attr] = words.read(attr, cols.text(values[attr]))
            except cols.CellError as error:
                problem(attr, str(error))
    if (
        kind in AGREEMENT_KINDS
        and fold(cols.text(values.get("status"))) in DORMANT_WORDS
        and not parsed.get("agreement_state")
    ):
        parsed["agreement_state"] = AgreementState.DORMANT  # "vilande" in the status column

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
    reference("end_deciding_body", lookups.units, _("Enheten"))
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
    eu_id = cols.text(values.get("eu_project_id"))
    eu_holder = lookups.by_eu_id.get(eu_id) if eu_id else None
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
    elif eu_holder is not None:
        existing = eu_holder  # the EU's id finds the project again, whatever its title now
        if kind and existing.kind != kind:
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
    if kind and entry.title and not raw_id and eu_holder is None:
        key = (kind, fold(entry.title))
        if key in seen:
            problem("title", _("Samma titel och typ finns redan på en tidigare rad i filen."))
        seen.add(key)
    if eu_id:
        if eu_holder is not None and existing is not None and eu_holder.pk != existing.pk:
            problem(
                "eu_project_id",
                _("EU-id %(id)s hör redan till %(title)s.") % {"id": eu_id, "title": eu_holder},
            )
        if ("eu", eu_id) in seen:
            problem("eu_project_id", _("Samma EU-id finns redan på en tidigare rad i filen."))
        seen.add(("eu", eu_id))
    if existing is None and "unit" not in parsed:
        problem("unit", _("Ange ansvarig enhet."))
    if existing is None and not parsed.get("status"):
        parsed.pop("status", None)
        if kind in (*AGREEMENT_KINDS, Kind.NETWORK) and (
            parsed.get("agreement_date") or parsed.get("member_since")
        ):
            parsed["status"] = Status.ACTIVE  # a list of agreements in force, with their dates
    if existing is not None:
        # An empty cell never clears what is stored: only "(töm)" does.
        blank = {a for a, v in values.items() if a not in cleared and not cols.text(v)}
        parsed = {a: v for a, v in parsed.items() if a not in blank}
        values = {a: v for a, v in values.items() if a not in blank}

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
            goal = lookups.goals.get(name) or lookups.goals.get(fold(name))
            if goal is None:
                problem(
                    "goals",
                    _(
                        "Målet %(v)r finns inte i gällande styrdokument (ange målets nyckel "
                        "eller text; se fliken Nycklar i mallen)."
                    )
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
    # A copy: the stored activity stays as it is, for the comparison and the check.
    activity = (
        Activity(municipality=access.municipality, kind=kind)
        if existing is None
        else copy.copy(existing)
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
    # The register's own check, the same as the form's and the API's.
    linked = {link.partner_id for link in existing.partner_links.all()} if existing else set()
    for attr, messages in activity_problems(
        activity, tags, before=existing, partners=partners, linked=linked
    ).items():
        for message in messages:
            problem(attr or ("id" if existing else "title"), message)
    if not entry.problems:
        for finding in rules.new_blocking(activity, tags, before_rules):
            problem(
                finding.field or "title",
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


def counted_rows(workbook: Workbook) -> int:
    """The rows :func:`plan_import` reports as it goes: the partners' and the activities'."""
    return sum(
        len(workbook.sheets[name].rows)
        for name in (ACTIVITY_SHEET, PARTNER_SHEET)
        if name in workbook.sheets
    )


def plan_import(
    workbook: Workbook, access: Access, *, progress: Progress | None = None
) -> ImportPlan:
    """Every row checked and classified; nothing is written."""
    access.require("edit")
    lookups = _Lookups(access)
    if is_open_data(workbook):
        base = settings.SITE_URL if settings.SITE_URL_CONFIGURED else ""
        workbook = from_open_data(workbook, access.municipality.slug, lookups.known(), base)
    plan = ImportPlan(notes=list(workbook.notes))
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
    _plan_money(workbook, lookups, plan)
    if not plan.rows and not plan.problems:
        plan.problems.append(
            Problem(ACTIVITY_SHEET, 1, "", _("Filen innehåller inga rader att läsa in."))
        )
    return plan


def _plan_money(workbook: Workbook, lookups: _Lookups, plan: ImportPlan) -> None:
    """The Budget and Finansiering sheets, against the register and this file's activities."""
    file_rows = {
        fold(e.title): e for e in plan.rows if e.sheet == ACTIVITY_SHEET and e.action != "error"
    }
    planner = MoneyPlanner(lookups.activities, lookups.titles)
    for name, columns in ((BUDGET_SHEET, BUDGET_COLUMNS), (FUNDING_SHEET, FUNDING_COLUMNS)):
        sheet = workbook.sheets.get(name)
        if sheet is None:
            continue
        header_of = {field: header for header, field, _h in columns}
        field_of = {header: field for header, field, _h in columns}
        plan.problems += _unknown_headers(name, sheet.headers, field_of, set())
        for row in sheet.rows:
            values = {field_of[h]: v for h, v in row.values.items() if h in field_of}
            entry = RowPlan(name, row.number, cols.text(values.get("title")))

            def problem(
                attr: str, message: str, entry: RowPlan = entry, headers: dict = header_of
            ) -> None:
                entry.problems.append(
                    Problem(entry.sheet, entry.row, headers.get(attr, attr), message)
                )

            entry.obj, entry.action, entry.changes = planner.plan(name, values, file_rows, problem)
            if entry.obj is not None and not entry.title:
                entry.title = entry.obj.target().title if entry.obj.activity else ""
            if entry.problems:
                entry.action = "error"
            plan.rows.append(entry)


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
                if entry.action != "update" or entry.sheet not in (ACTIVITY_SHEET, PARTNER_SHEET):
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
        reason = PurePath(filename).name[:100]  # beside each history row the import writes
        _write(plan, access, user, reason)
    return plan


def _write(plan: ImportPlan, access: Access, user: AbstractBaseUser | None, reason: str) -> None:
    """Through the registry's and the register's doors: the same checks, rules and history."""
    for entry in plan.rows:
        if entry.sheet == PARTNER_SHEET and entry.action in ("create", "update"):
            try:
                partner_save(access=access, user=user, partner=entry.obj, expected_version=None)
            except ValidationError as error:
                _fail(plan, entry, error.message_dict)
    written = [
        e for e in plan.rows if e.sheet == ACTIVITY_SHEET and e.action in ("create", "update")
    ]
    changes = [
        ActivityChange(
            activity=e.obj,
            tags=e.tags,
            partners=e.partners,
            published=e.wants_published,
            expected_version=e.obj.row_version if e.obj.pk else None,
        )
        for e in written
    ]
    try:
        activities_import(access=access, user=user, changes=changes, reason=reason)
        _write_money(plan, access, user)
    except ActivitiesInvalid as invalid:
        for position, errors in invalid.errors.items():
            _fail(plan, written[position], errors, stop=False)
        raise ImportInvalid(plan) from invalid
    except RuleViolation as violation:
        rows = {e.obj.pk: e for e in written}
        for finding in violation.findings:
            entry = rows.get(finding.subject_id)
            if entry is None:  # a money row changed an activity of no row of the file
                plan.problems.append(
                    Problem(ACTIVITY_SHEET, 1, "", f"{finding.subject_label}: {finding.message}")
                )
                continue
            entry.problems.append(
                Problem(
                    entry.sheet,
                    entry.row,
                    HEADER_OF_FIELD.get(finding.field or "title", "titel"),
                    f"{finding.message} ”{finding.principle_text}” ({finding.principle_source})",
                )
            )
            entry.action = "error"
        raise ImportInvalid(plan) from violation


def _write_money(plan: ImportPlan, access: Access, user: AbstractBaseUser | None) -> None:
    """Budget lines and funding rows, after their activities, through the register's doors."""
    for entry in plan.rows:
        if entry.sheet not in (BUDGET_SHEET, FUNDING_SHEET) or entry.action not in (
            "create",
            "update",
        ):
            continue
        row: MoneyRow = entry.obj
        activity, v = row.target(), row.values
        try:
            if entry.sheet == BUDGET_SHEET:
                budget_set(
                    access=access,
                    user=user,
                    activity=activity,
                    year=v["year"],
                    budget=v["budget"],
                    cost=v["cost"],
                )
            else:
                funding = row.funding or Funding()
                for name, value in v.items():
                    setattr(funding, name, value)
                funding_save(
                    access=access,
                    user=user,
                    activity=activity,
                    funding=funding,
                    expected_version=funding.row_version if funding.pk else None,
                )
        except ValidationError as error:
            _fail(plan, entry, error.message_dict)


def _fail(
    plan: ImportPlan, entry: RowPlan, errors: dict[str, list[str]], *, stop: bool = True
) -> None:
    """A row the door refused at the moment of writing (someone changed something meanwhile)."""
    headers = {
        PARTNER_SHEET: PARTNER_HEADER_OF,
        BUDGET_SHEET: {f: h for h, f, _h in BUDGET_COLUMNS},
        FUNDING_SHEET: {f: h for h, f, _h in FUNDING_COLUMNS},
    }.get(entry.sheet, HEADER_OF_FIELD)
    for name, messages in errors.items():
        for message in messages:
            column = headers.get(name, "id" if name in ("", "__all__") else name)
            entry.problems.append(Problem(entry.sheet, entry.row, column, message))
    entry.action = "error"
    if stop:
        raise ImportInvalid(plan)


def batch_upload(
    *,
    access: Access,
    user: AbstractBaseUser,
    data: bytes,
    filename: str,
    notes: list[str] | None = None,
) -> ImportBatch:
    """Keep an uploaded file for checking; a file that can't be read is refused now and not kept.

    ``notes`` (Swedish) are shown on the preview above the rows: what the file's maker
    (the EU import) found but could not put in a row.

    Raises ``UnreadableFile`` with the reason in Swedish.
    """
    access.require("edit")
    read_upload(data, filename)
    batch = ImportBatch(
        municipality=access.municipality,
        original_name=PurePath(filename).name[:255] or "import",
        sha256=hashlib.sha256(data).hexdigest(),
        created_by=user,
        status=BatchStatus.CHECKING,
        notes=[str(n) for n in notes or []],
    )
    suffix = ".csv" if filename.lower().endswith((".csv", ".txt")) else ".xlsx"
    batch.file.save(f"import-{batch.sha256[:12]}{suffix}", ContentFile(data), save=False)
    stored = batch.file.name
    try:
        core.save_versioned(batch, expected_version=None, user=user)
    except BaseException:
        batch.file.storage.delete(stored)
        raise
    return batch


def batch_check(
    *, access: Access, user: AbstractBaseUser, batch: ImportBatch, progress: Any = None
) -> ImportPlan:
    """Check every row of a kept file; what each row would become is kept for the preview.

    Writes nothing but the batch: the register is unchanged until :func:`batch_apply`.
    """
    access.require("edit")
    with batch.file.open("rb") as handle:
        workbook = read_upload(handle.read(), batch.original_name)
    if progress is not None:
        progress.stage(
            _("Kontrollerar raderna mot registret och policyn"), total=counted_rows(workbook)
        )
    plan = plan_import(workbook, access, progress=progress.advance if progress else None)
    plan.notes[:0] = batch.notes
    earlier = _applied_before(batch)
    if earlier is not None:
        plan.notes.append(_already_applied_message(earlier))
    batch.seen_versions, batch.summary = plan.versions(), plan.summary()
    batch.status = BatchStatus.PREVIEWED
    _keep_preview(batch, plan)
    core.save_versioned(batch, expected_version=None, user=user, verb="checked")
    return plan


def _keep_preview(batch: ImportBatch, plan: ImportPlan) -> None:
    """Every row's outcome, gzipped beside the file, for a preview that pages through them."""
    content = {
        "ok": plan.ok,
        "notes": [str(n) for n in plan.notes],
        "summary": plan.summary(),
        "problems": [[p.sheet, p.row, p.column, str(p.message)] for p in plan.all_problems],
        "rows": [
            [
                r.sheet,
                r.row,
                r.title,
                r.action,
                [[str(x) for x in change] for change in r.changes],
                [[p.column, str(p.message)] for p in r.problems],
            ]
            for r in plan.rows
        ],
    }
    data = gzip.compress(json.dumps(content, ensure_ascii=False, default=str).encode(), 6)
    batch.preview.save(
        f"forhandsgranskning-{batch.sha256[:12]}.json.gz", ContentFile(data), save=False
    )


def batch_preview(
    *, access: Access, user: AbstractBaseUser, data: bytes, filename: str
) -> tuple[ImportBatch, ImportPlan]:
    """Keep and check an uploaded file in one go (the browser does the check as a job)."""
    batch = batch_upload(access=access, user=user, data=data, filename=filename)
    return batch, batch_check(access=access, user=user, batch=batch)


class AlreadyApplied(Exception):
    """The batch was applied by an earlier request (a double submission): its result stands."""

    def __init__(self, batch: ImportBatch):
        self.batch = batch
        super().__init__(str(batch))


def _applied_before(batch: ImportBatch) -> ImportBatch | None:
    """An applied batch of the municipality with the very same file."""
    return (
        ImportBatch.objects.filter(
            municipality=batch.municipality, sha256=batch.sha256, status=BatchStatus.APPLIED
        )
        .exclude(pk=batch.pk)
        .order_by("-applied_at")
        .first()
    )


def _already_applied_message(earlier: ImportBatch) -> str:
    return _(
        "Den här filen lästes redan in %(when)s. Att läsa in den igen skulle lägga till "
        "de nya raderna en gång till, så inget ändras."
    ) % {"when": earlier.applied_at.date().isoformat() if earlier.applied_at else "-"}


def batch_apply(*, access: Access, user: AbstractBaseUser, batch: ImportBatch) -> ImportPlan:
    """Apply a previewed file, all or nothing, once.

    The municipality's row is locked first, so two applies of one municipality
    (the same batch twice, or two files) run one after the other; the batch is
    then read again under its own lock. A batch already applied raises
    :class:`AlreadyApplied` (the first request's result stands); a file that an
    earlier batch already applied is refused, since its new rows would be added again.
    """
    access.require("edit")
    with transaction.atomic():
        Municipality.objects.select_for_update().filter(pk=access.municipality.pk).exists()
        current = (
            ImportBatch.objects.select_for_update()
            .filter(pk=batch.pk, municipality=access.municipality)
            .first()
        )
        if current is None or current.status in (BatchStatus.DISCARDED, BatchStatus.CHECKING):
            raise ValidationError(_("Importen är avbruten; ladda upp filen igen."))
        if current.status == BatchStatus.APPLIED:
            raise AlreadyApplied(current)
        earlier = _applied_before(current)
        if earlier is not None:
            raise ValidationError(_already_applied_message(earlier))
        batch = current
        with batch.file.open("rb") as handle:
            workbook = read_upload(handle.read(), batch.original_name)
        plan = apply_import(
            workbook,
            access,
            user,
            filename=batch.original_name,
            seen_versions=batch.seen_versions,
        )
        batch.status = BatchStatus.APPLIED
        batch.applied_at = clock.now()
        batch.summary = plan.summary()
        core.save_versioned(batch, expected_version=None, user=user, verb="applied")
    return plan


def import_check_start(*, access: Access, user: AbstractBaseUser, batch: ImportBatch) -> Job:
    """Queue the check of a kept file; its job page leads to the preview."""
    return job_start(
        kind="import-check",
        params={"batch": batch.pk},
        key=f"check:{batch.pk}",
        title=_("Kontroll av %(name)s") % {"name": batch.original_name},
        municipality=access.municipality,
        user=user,
    )


def import_apply_start(*, access: Access, user: AbstractBaseUser, batch: ImportBatch) -> Job:
    """Queue the application of a previewed file; a second press finds the same job."""
    access.require("edit")
    return job_start(
        kind="import-apply",
        params={"batch": batch.pk},
        key=f"apply:{batch.pk}",
        title=_("Inläsning av %(name)s") % {"name": batch.original_name},
        municipality=access.municipality,
        user=user,
    )


def _job_batch(job: Job, user: AbstractBaseUser) -> ImportBatch:
    batch = ImportBatch.objects.filter(
        pk=job.params["batch"], municipality=job.municipality, created_by=user
    ).first()
    if batch is None:
        raise JobRefused(_("Filen finns inte längre; ladda upp den igen."))
    return batch


def _preview_url(batch: ImportBatch) -> str:
    return reverse("imports:preview", args=[batch.municipality.slug, batch.pk])


def import_check_job(job: Job, access: Access | None, user: Any, progress: JobProgress) -> Outcome:
    assert access is not None
    batch = _job_batch(job, user)
    if batch.status == BatchStatus.CHECKING:  # not yet checked by an earlier attempt
        try:
            batch_check(access=access, user=user, batch=batch, progress=progress)
        except UnreadableFile as error:
            raise JobRefused(str(error)) from error
    counts = dict.fromkeys(("create", "update", "unchanged", "error"), 0) | batch.summary
    return Outcome(
        url=_preview_url(batch),
        label=_(
            "Se förhandsgranskningen: %(create)s nya, %(update)s ändrade, "
            "%(unchanged)s oförändrade, %(error)s rader med fel"
        )
        % counts,
    )


def import_apply_job(job: Job, access: Access | None, user: Any, progress: JobProgress) -> Outcome:
    assert access is not None
    batch = _job_batch(job, user)
    register = reverse("activities:list", args=[batch.municipality.slug])
    counts = dict.fromkeys(("create", "update", "unchanged"), 0)
    progress.stage(
        _("Kontrollerar och skriver raderna – allt eller inget, i en transaktion"), total=1
    )
    try:
        plan = batch_apply(access=access, user=user, batch=batch)
    except AlreadyApplied as done:
        return Outcome(
            url=register,
            label=_(
                "Filen var redan inläst: %(create)s nya, %(update)s ändrade, %(unchanged)s oförändrade"
            )
            % (counts | done.batch.summary),
        )
    except ImportInvalid as invalid:
        batch.refresh_from_db()
        batch.summary = invalid.plan.summary()
        _keep_preview(batch, invalid.plan)
        core.save_versioned(batch, expected_version=None, user=user, verb="checked")
        raise JobRefused(
            _(
                "Inget lästes in: filen innehåller fel, eller posterna har ändrats sedan förhandsgranskningen."
            ),
            Outcome(url=_preview_url(batch), label=_("Se raderna med fel")),
        ) from invalid
    return Outcome(
        url=register,
        label=_("Importen är klar: %(create)s nya, %(update)s ändrade, %(unchanged)s oförändrade")
        % plan.summary(),
    )
