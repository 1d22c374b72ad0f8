"""The policy file: one municipality's organisation and policy as human-editable TOML.

The format is documented in ``docs/policy-file.md``; its JSON Schema is
generated from the models below (``utblick policy schema``). Reading a file
checks it in two steps — the shape (these models) and the cross-references
(keys that must exist, must not repeat, rule parameters) — and reports every
problem in Swedish with the file, the field and what is wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from utblick.activities.vocabulary import check_import_words
from utblick.core.pydantic_errors import swedish_message as _swedish
from utblick.core.terms import is_election_year
from utblick.core.text import text_problem
from utblick.core.validators import organisation_number_problem
from utblick.policies.rule_catalogue import RULE_TYPES

FORMAT_VERSION = 1
MAX_FILE_BYTES = 2 * 1024 * 1024

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _key(value: str) -> str:
    if not _KEY.match(value):
        raise ValueError(
            _("ogiltig nyckel %(value)r: använd små bokstäver a–z, siffror och bindestreck")
            % {"value": value}
        )
    return value


def _month_day(value: str) -> str:
    match = _MONTH_DAY.match(value)
    if not match:
        raise ValueError(_("ska skrivas MM-DD, t.ex. 04-30"))
    try:
        date(2024, int(match.group(1)), int(match.group(2)))
    except ValueError as exc:
        raise ValueError(_("%(value)s är inget datum") % {"value": value}) from exc
    return value


def _code(value: str) -> str:
    if not re.fullmatch(r"\d{4}", value):
        raise ValueError(_("kommunkoden ska vara fyra siffror, t.ex. 2480"))
    return value


def _org_number(value: str) -> str:
    problem = organisation_number_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _url(value: str) -> str:
    if value and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise ValueError(_("ska vara en webbadress som börjar med https://"))
    return value


def _email(value: str) -> str:
    if value and not _EMAIL.match(value):
        raise ValueError(_("%(value)r är ingen e-postadress") % {"value": value})
    return value


def _term(value: int | None) -> int | None:
    if value is not None and not is_election_year(value):
        raise ValueError(
            _("%(value)s är inget valår; mandatperioder börjar 2014, 2018, 2022, 2026 …")
            % {"value": value}
        )
    return value


Key = Annotated[str, AfterValidator(_key)]
Text = Annotated[str, Field(min_length=1)]
UnitKindName = Literal[
    "council",
    "executive_board",
    "committee",
    "company",
    "department",
    "drafting_committee",
    "international_unit",
]
DutyName = Literal[
    "adopts_policy",
    "adopts_guidelines",
    "leads",
    "coordinates",
    "develops",
    "follows_up",
    "reports",
    "receives_reports",
    "supports",
    "monitors",
    "integrates",
    "plans",
    "finances",
    "appoints_contacts",
    "represents",
    "decides_twin_cities",
    "decides_partnerships",
    "decides_memberships",
]


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


RESERVED_SLUGS = {
    "app",
    "konto",
    "admin",
    "api",
    "static",
    "media",
    "i18n",
    "en",
    "sv",
    "sitemap.xml",
    "robots.txt",
}


def _municipality_slug(value: str) -> str:
    if value in RESERVED_SLUGS:
        raise ValueError(
            _("%(value)r är reserverat för Utblicks egna adresser; välj ett annat kortnamn")
            % {"value": value}
        )
    return value


class MunicipalitySpec(Spec):
    name: Text
    slug: Annotated[Key, AfterValidator(_municipality_slug)]
    code: Annotated[str, AfterValidator(_code)]
    organisation_number: Annotated[str, AfterValidator(_org_number)]
    website: Annotated[str, AfterValidator(_url)] = ""
    #: The municipality's own words in its lists, per choice column: word → choice key.
    import_words: dict[str, dict[str, str]] = {}


class OverallGoalSpec(Spec):
    key: Key
    text: Text
    document: str = ""
    source: str = ""


class UnitSpec(Spec):
    key: Key
    name: Text
    kind: UnitKindName
    parent: Key | None = None
    description: str = ""
    example: bool = False
    source: str = ""


class CompetenceSpec(Spec):
    date: date
    title: Text
    kind: Literal["joint", "individual"]
    note: str = ""


class ContactSpec(Spec):
    key: Key
    name: Text
    unit: Key
    appointed_by: Key | None = None
    title: str = ""
    email: Annotated[str, AfterValidator(_email)] = ""
    phone: str = ""
    role: str = ""
    consent_to_publish: bool = False
    consent_recorded_on: date | None = None
    example: bool = False
    competence: list[CompetenceSpec] = []


class FocusAreaSpec(Spec):
    key: Key
    name: Text
    description: str = ""
    source: str = ""


class GoalSpec(Spec):
    key: Key
    text: Text
    overall_goal: Key | None = None
    source: str = ""


class TermSpec(Spec):
    key: Key
    name: Text
    code: str = ""


class TaxonomySpec(Spec):
    key: Key
    name: Text
    builtin: Literal["agenda2030", "agenda2030-delmal", "europe2020"] | None = None
    description: str = ""
    source: str = ""
    terms: list[TermSpec] = []


class RuleSpec(Spec):
    id: Text
    severity: Literal["error", "warning"]
    params: dict[str, Any] = {}


class PrincipleSpec(Spec):
    key: Key
    text: Text
    source: str = ""
    rule: RuleSpec | None = None


class ResponsibilitySpec(Spec):
    key: Key
    duty: DutyName
    body: Key | None = None
    bodies: list[UnitKindName] = []
    text: str = ""
    source: str = ""


class PeriodSpec(Spec):
    key: Key
    name: Text
    start: Annotated[str, AfterValidator(_month_day)]
    end: Annotated[str, AfterValidator(_month_day)]
    due_days: int = Field(default=30, ge=0, le=365)


class CadenceSpec(Spec):
    kind: Literal["tertial", "yearly", "custom"]
    report_to: list[Key] = []
    text: str = ""
    source: str = ""
    periods: list[PeriodSpec] = []


class PolicySpec(Spec):
    kind: Literal["policy", "programme", "strategy", "guideline"]
    title: Text
    adopted_by: Key
    decided_on: date
    registry_number: str = ""
    decision_reference: str = ""
    version: str = ""
    status: Literal["draft", "in_force"] = "in_force"
    term_of_office: Annotated[int | None, AfterValidator(_term)] = None
    revision: Literal["each_term", "none"] = "none"
    #: Months without a sign of life before an agreement of the kind may be dormant (24 unset).
    dormant_after_months: dict[
        Literal["twin_city", "partnership", "network"], Annotated[int, Field(ge=1, le=240)]
    ] = {}
    owner: str = ""
    purpose: str = ""
    vision: str = ""
    summary: str = ""
    source_document: str = ""
    focus_areas: Annotated[list[FocusAreaSpec], Field(min_length=1)]
    goals: list[GoalSpec] = []
    taxonomies: list[TaxonomySpec] = []
    principles: list[PrincipleSpec] = []
    responsibilities: list[ResponsibilitySpec] = []
    cadence: CadenceSpec


class PolicyFile(Spec):
    """One municipality: its organisation, contacts and the policy in force."""

    format: Literal[1]
    municipality: MunicipalitySpec
    overall_goals: list[OverallGoalSpec] = []
    units: Annotated[list[UnitSpec], Field(min_length=1)]
    contacts: list[ContactSpec] = []
    policy: PolicySpec


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a policy file."""

    path: str
    message: str

    def render(self, filename: str) -> str:
        where = f"{filename}: {self.path}" if self.path else filename
        return f"{where}: {self.message}"


class PolicyFileInvalid(Exception):
    """The file cannot be loaded; nothing was loaded."""

    def __init__(self, filename: str, problems: list[Problem]):
        self.filename = filename
        self.problems = problems
        super().__init__("\n".join(p.render(filename) for p in problems))

    def messages(self) -> list[str]:
        return [p.render(self.filename) for p in self.problems]


def _path(loc: tuple[Any, ...]) -> str:
    """pydantic's location as the reader sees it: 1-based list positions."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _problems_from_validation(exc: ValidationError) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    problems = []
    for error in exc.errors(include_url=False):
        # A "key or none" union reports each branch; keep the meaningful one.
        loc = tuple(p for p in error["loc"] if p not in {"function-after[_key(), str]", "none"})
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        problem = Problem(_path(loc), _swedish(error))
        if (problem.path, problem.message) not in seen:
            seen.add((problem.path, problem.message))
            problems.append(problem)
    return problems


def parse_toml(data: bytes | str, filename: str) -> dict[str, Any]:
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise PolicyFileInvalid(
                filename, [Problem("", _("filen är större än 2 MB; en policyfil är text"))]
            )
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PolicyFileInvalid(
                filename,
                [
                    Problem(
                        "", _("filen är inte UTF-8-kodad text (byte %(pos)s)") % {"pos": exc.start}
                    )
                ],
            ) from exc
    if "\x00" in data:
        raise PolicyFileInvalid(filename, [Problem("", _("filen är binär, inte TOML-text"))])
    try:
        raw = tomllib.loads(data)
    except RecursionError as exc:
        raise PolicyFileInvalid(filename, [Problem("", _too_deep())]) from exc
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        detail = str(exc).split(" (at ")[0]
        if where:
            message = _("ogiltig TOML på rad %(line)s, kolumn %(col)s (%(detail)s)") % {
                "line": where.group(1),
                "col": where.group(2),
                "detail": detail,
            }
        else:
            message = _("ogiltig TOML (%(detail)s)") % {"detail": detail}
        raise PolicyFileInvalid(filename, [Problem("", message)]) from exc
    problems = _value_problems(raw)
    if problems:
        raise PolicyFileInvalid(filename, problems)
    return raw


#: A policy file nests tables a few levels deep; far deeper is not a policy.
MAX_DEPTH = 12


def _too_deep() -> str:
    return _("filen är nästlad djupare än %(depth)s nivåer; en policyfil är inte det") % {
        "depth": MAX_DEPTH
    }


def _value_problems(raw: dict[str, Any]) -> list[Problem]:
    """Nesting depth and control characters, walked without recursion."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any, int]] = [("", raw, 0)]
    while stack:
        path, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return [Problem("", _too_deep())]
        if isinstance(value, dict):
            stack.extend(
                (f"{path}.{k}" if path else str(k), v, depth + 1) for k, v in value.items()
            )
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v, depth + 1) for i, v in enumerate(value))
        elif isinstance(value, str):
            problem = text_problem(value)
            if problem:
                problems.append(Problem(path, problem))
    return sorted(problems, key=lambda p: p.path)


def _duplicates(items: list[Any], path: str, attr: str = "key") -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, item in enumerate(items, start=1):
        value = getattr(item, attr)
        if value in seen:
            problems.append(
                Problem(
                    f"{path}[{index}].{attr}",
                    _("nyckeln %(key)r finns redan i %(path)s[%(first)s]")
                    % {"key": value, "path": path, "first": seen[value]},
                )
            )
        else:
            seen[value] = index
    return problems


def _check_references(spec: PolicyFile) -> list[Problem]:
    problems: list[Problem] = []
    policy = spec.policy
    problems += _duplicates(spec.units, "units")
    problems += _duplicates(spec.contacts, "contacts")
    problems += _duplicates(spec.overall_goals, "overall_goals")
    for name in ("focus_areas", "goals", "taxonomies", "principles", "responsibilities"):
        problems += _duplicates(getattr(policy, name), f"policy.{name}")
    problems += _duplicates(policy.cadence.periods, "policy.cadence.periods")

    for path, message in check_import_words(spec.municipality.import_words):
        problems.append(Problem(f"municipality.import_words.{path}", message))

    units = {u.key: u for u in spec.units}

    def unit_ref(key: str | None, path: str) -> None:
        if key is not None and key not in units:
            problems.append(
                Problem(path, _("enheten %(key)r finns inte under [[units]]") % {"key": key})
            )

    for index, unit in enumerate(spec.units, start=1):
        unit_ref(unit.parent, f"units[{index}].parent")
    for index, unit in enumerate(spec.units, start=1):
        seen, parent = {unit.key}, unit.parent
        while parent in units:
            if parent in seen:
                problems.append(
                    Problem(
                        f"units[{index}].parent",
                        _("enheterna bildar en cirkel: %(key)r ligger under sig själv")
                        % {"key": unit.key},
                    )
                )
                break
            seen.add(parent)
            parent = units[parent].parent
    for index, contact in enumerate(spec.contacts, start=1):
        unit_ref(contact.unit, f"contacts[{index}].unit")
        unit_ref(contact.appointed_by, f"contacts[{index}].appointed_by")
        if contact.consent_to_publish and contact.consent_recorded_on is None:
            problems.append(
                Problem(
                    f"contacts[{index}].consent_recorded_on",
                    _("ange datum då samtycket till publicering registrerades"),
                )
            )
    unit_ref(policy.adopted_by, "policy.adopted_by")
    overall = {g.key for g in spec.overall_goals}
    for index, goal in enumerate(policy.goals, start=1):
        if goal.overall_goal is not None and goal.overall_goal not in overall:
            problems.append(
                Problem(
                    f"policy.goals[{index}].overall_goal",
                    _("det övergripande målet %(key)r finns inte under [[overall_goals]]")
                    % {"key": goal.overall_goal},
                )
            )
    for index, taxonomy in enumerate(policy.taxonomies, start=1):
        path = f"policy.taxonomies[{index}]"
        if taxonomy.builtin and taxonomy.terms:
            problems.append(
                Problem(
                    f"{path}.terms",
                    _(
                        "en inbyggd klassificering (%(builtin)s) har redan sina termer; ta bort terms"
                    )
                    % {"builtin": taxonomy.builtin},
                )
            )
        if not taxonomy.builtin and not taxonomy.terms:
            problems.append(
                Problem(f"{path}.terms", _("ange termerna, eller builtin för en inbyggd"))
            )
        problems += _duplicates(taxonomy.terms, f"{path}.terms")
    for index, principle in enumerate(policy.principles, start=1):
        if principle.rule is not None:
            problems += _check_rule(principle.rule, f"policy.principles[{index}].rule")
    for index, resp in enumerate(policy.responsibilities, start=1):
        path = f"policy.responsibilities[{index}]"
        if (resp.body is None) == (not resp.bodies):
            problems.append(
                Problem(
                    path,
                    _("ange antingen body (en enhet) eller bodies (typer av enheter), inte båda"),
                )
            )
        unit_ref(resp.body, f"{path}.body")
    cadence = policy.cadence
    for index, key in enumerate(cadence.report_to, start=1):
        unit_ref(key, f"policy.cadence.report_to[{index}]")
    if cadence.kind == "custom" and not cadence.periods:
        problems.append(
            Problem("policy.cadence.periods", _("egna perioder (custom) kräver minst en period"))
        )
    if cadence.kind != "custom" and cadence.periods:
        problems.append(
            Problem(
                "policy.cadence.periods",
                _("perioder anges bara när kind är custom; %(kind)s ger sina egna")
                % {"kind": cadence.kind},
            )
        )
    for index, period in enumerate(cadence.periods, start=1):
        if period.end < period.start:
            problems.append(
                Problem(
                    f"policy.cadence.periods[{index}].end",
                    _("perioden slutar (%(end)s) före den börjar (%(start)s)")
                    % {"end": period.end, "start": period.start},
                )
            )
    return problems


def _check_rule(rule: RuleSpec, path: str) -> list[Problem]:
    rule_type = RULE_TYPES.get(rule.id)
    if rule_type is None:
        return [
            Problem(
                f"{path}.id",
                _("okänd regel %(id)r; kända regler: %(known)s")
                % {"id": rule.id, "known": ", ".join(sorted(RULE_TYPES))},
            )
        ]
    try:
        params = rule_type.params.model_validate(rule.params)
    except ValidationError as exc:
        return [
            Problem(f"{path}.params.{p.path}" if p.path else f"{path}.params", p.message)
            for p in _problems_from_validation(exc)
        ]
    problems = []
    for name, allowed in rule_type.list_params:
        for value in getattr(params, name):
            if value not in allowed:
                problems.append(
                    Problem(
                        f"{path}.params.{name}",
                        _("%(value)r är inte ett av: %(allowed)s")
                        % {"value": value, "allowed": ", ".join(allowed)},
                    )
                )
    return problems


def read_policy_file(data: bytes | str, filename: str) -> PolicyFile:
    """Parse and check a policy file; raise :class:`PolicyFileInvalid` with every problem."""
    raw = parse_toml(data, filename)
    try:
        spec = PolicyFile.model_validate(raw)
    except ValidationError as exc:
        raise PolicyFileInvalid(filename, _problems_from_validation(exc)) from exc
    problems = _check_references(spec)
    if problems:
        raise PolicyFileInvalid(filename, problems)
    return spec
