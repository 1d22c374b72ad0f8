"""Reads for policy intake: the list, the review screen's document, the draft as a policy file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from utblick.core.tenancy import Access
from utblick.intake.assemble import REQUIRED, DraftItem, assemble, missing_required, to_toml
from utblick.intake.models import Decision, Element, IntakeProposal, PolicyIntake, passage_id
from utblick.intake.proposals import ELEMENTS, METADATA_FIELDS
from utblick.intake.starters import STANDARD_BODIES
from utblick.intake.structure import parse
from utblick.jobs.models import Job
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.fileformat import PolicyFileInvalid, read_policy_file


def intake_list(access: Access) -> QuerySet[PolicyIntake]:
    """The municipality's intakes with their review progress, in a fixed number of queries."""
    return (
        PolicyIntake.objects.visible_to(access)
        .select_related("created_by", "policy")
        .defer("text")
        .annotate(
            total=Count("proposals"),
            pending=Count("proposals", filter=Q(proposals__decision=Decision.PENDING)),
        )
    )


def intake_proposals(intake: PolicyIntake) -> list[IntakeProposal]:
    return list(intake.proposals.all())


def _order(proposal: IntakeProposal) -> tuple[int, int, int, int]:
    element = ELEMENTS.index(proposal.element)
    attribute = (
        METADATA_FIELDS.index(proposal.attribute) if proposal.attribute in METADATA_FIELDS else 99
    )
    return element, attribute, proposal.position, proposal.pk or 0


@dataclass
class Group:
    element: str
    label: str
    proposals: list[IntakeProposal] = field(default_factory=list)


def proposal_groups(proposals: Sequence[IntakeProposal]) -> list[Group]:
    """Proposals by element class, in the order of the policy file; empty classes too."""
    groups = {value: Group(value, str(label)) for value, label in Element.choices}
    for proposal in sorted(proposals, key=_order):
        groups[proposal.element].proposals.append(proposal)
    return [groups[element] for element in ELEMENTS]


def intake_items(proposals: Sequence[IntakeProposal], *, pending: bool = False) -> list[DraftItem]:
    """The accepted and edited proposals, as the policy file will have them.

    ``pending``: the proposals not yet reviewed too, as if accepted (to compare a draft
    under review with the version in force).
    """
    return [
        DraftItem(p.element, p.attribute, p.value, p.source, p.reason)
        for p in sorted(proposals, key=_order)
        if p.included or (pending and p.decision == Decision.PENDING)
    ]


def municipality_spec(municipality: Municipality) -> dict[str, Any]:
    spec = {
        "name": municipality.name,
        "slug": municipality.slug,
        "code": municipality.code,
        "organisation_number": municipality.organisation_number,
    }
    if municipality.website:
        spec["website"] = municipality.website
    return spec


def existing_units(municipality: Municipality) -> list[dict[str, Any]]:
    """The municipality's units exactly as a policy file gives them, so loading changes none."""
    units = Unit.objects.current().filter(municipality=municipality).select_related("parent")
    return [
        {
            "key": u.key,
            "name": u.name,
            "kind": u.kind,
            "parent": u.parent.key if u.parent else None,
            "description": u.description,
            "example": u.example,
            "source": u.source,
        }
        for u in units
    ]


def intake_policy_file(
    intake: PolicyIntake, proposals: Sequence[IntakeProposal], *, pending: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The reviewed draft as policy file data, and the units it would add."""
    return assemble(
        municipality=municipality_spec(intake.municipality),
        units=existing_units(intake.municipality),
        items=intake_items(proposals, pending=pending),
        source_document=intake.original_name,
    )


def intake_filename(intake: PolicyIntake) -> str:
    return f"{intake.municipality.slug}-utkast-{intake.pk or 'ny'}.toml"


@dataclass
class Requirement:
    """One thing a draft needs before it can be adopted, and where to add it."""

    label: str
    done: bool
    add: str


def intake_requirements(proposals: Sequence[IntakeProposal]) -> list[Requirement]:
    """What adoption requires, each with whether the draft has it (accepted or added)."""
    items = intake_items(proposals)
    facts = {i.attribute for i in items if i.element == "metadata"}
    out = [
        Requirement(str(label).capitalize(), name in facts, f"metadata-{name}")
        for name, label in REQUIRED.items()
    ]
    out.append(
        Requirement(
            _("Minst en inriktning"),
            any(i.element == "focus_area" for i in items),
            "focus_area",
        )
    )
    out.append(
        Requirement(_("Uppföljningsrytm"), any(i.element == "cadence" for i in items), "cadence")
    )
    return out


def intake_problems(intake: PolicyIntake, proposals: Sequence[IntakeProposal]) -> list[str]:
    """Why the reviewed draft cannot be adopted yet, in Swedish; empty when it can."""
    problems = []
    municipality = intake.municipality
    if not municipality.code or not municipality.organisation_number:
        problems.append(
            _(
                "%(name)s saknar kommunkod eller organisationsnummer. Be Utblicks administratör "
                "att komplettera kommunen."
            )
            % {"name": municipality.name}
        )
    pending = sum(1 for p in proposals if p.decision == Decision.PENDING)
    if pending:
        problems.append(
            _("%(count)s förslag är inte granskade: godta, ändra eller avvisa dem.")
            % {"count": pending}
        )
    missing = missing_required(intake_items(proposals))
    if missing:
        problems.append(_("Utkastet saknar %(what)s.") % {"what": ", ".join(missing)})
        return problems
    data, _added = intake_policy_file(intake, proposals)
    try:
        read_policy_file(to_toml(data), intake_filename(intake))
    except PolicyFileInvalid as exc:
        problems += exc.messages()
    return problems


def intake_toml(intake: PolicyIntake, proposals: Sequence[IntakeProposal]) -> str:
    """The draft as a policy file, each element preceded by a comment on its source."""
    data, _added = intake_policy_file(intake, proposals)
    notes: dict[tuple[str, Any], str] = {}
    counters: dict[str, int] = {}
    lists = {
        "focus_area": "focus_areas",
        "goal": "goals",
        "principle": "principles",
        "responsibility": "responsibilities",
        "taxonomy": "taxonomies",
    }
    for proposal in sorted(proposals, key=_order):
        if not proposal.included:
            continue
        note = _note(intake.text, proposal)
        if proposal.element == "metadata":
            notes.setdefault(("policy", proposal.attribute), note)
        elif proposal.element == "cadence":
            notes.setdefault(("cadence", 0), note)
        else:
            name = lists[proposal.element]
            index = counters.get(name, 0)
            counters[name] = index + 1
            notes[(name, index)] = note
    header = _(
        "Utkast till policyfil från %(name)s. Granska och komplettera, läs sedan in med "
        "`utblick policy load`."
    ) % {"name": intake.name}
    return f"# {header}\n\n" + to_toml(data, notes)


def _note(text: str, proposal: IntakeProposal) -> str:
    if not proposal.passages:
        return _("Tillagt av granskaren.")
    start, end, section = proposal.passages[0]
    quote = " ".join(text[start:end].split())
    if len(quote) > 90:
        quote = quote[:87] + "…"
    return _("%(section)s, tecken %(start)s–%(end)s, säkerhet %(confidence)s: ”%(quote)s”") % {
        "section": section or "-",
        "start": start,
        "end": end,
        "confidence": f"{proposal.confidence:.2f}".replace(".", ","),
        "quote": quote,
    }


def body_choices(
    municipality: Municipality, proposals: Sequence[IntakeProposal]
) -> list[tuple[str, str]]:
    """The bodies a responsibility or cadence can name: the units, and those the document names."""
    seen: dict[str, str] = {}
    kinds = set()
    for unit in Unit.objects.current().filter(municipality=municipality).only("name", "kind"):
        seen.setdefault(f"{unit.kind}|{unit.name}", unit.name)
        kinds.add(unit.kind)
    # A new municipality has no units yet: the bodies every municipality has are offered
    # by their usual names, and adoption adds them to the organisation.
    for kind, name in STANDARD_BODIES.items():
        if kind not in kinds:
            seen.setdefault(f"{kind}|{name}", str(name))
    for proposal in proposals:
        value = proposal.value
        refs = []
        if proposal.element == "responsibility" and value.get("body"):
            refs.append(value["body"])
        if proposal.element == "cadence":
            refs += value.get("report_to", [])
        if (
            proposal.element == "metadata"
            and proposal.attribute == "adopted_by"
            and value.get("value")
        ):
            refs.append(value["value"])
        for ref in refs:
            seen.setdefault(f"{ref['kind']}|{ref['name']}", ref["name"])
    return sorted(seen.items(), key=lambda item: item[1])


def document_html(intake: PolicyIntake, proposals: Sequence[IntakeProposal]) -> SafeString:
    """The document's text, block by block, each cited passage a target for ``#passage-…``."""
    text = intake.text
    passages = sorted(
        {(start, end) for p in proposals for start, end, _section in p.passages if start < end},
        key=lambda r: (r[0], -r[1]),
    )
    out = []
    for block in parse(text).blocks:
        inside = [
            (max(s, block.start), min(e, block.end), s if block.start <= s < block.end else None, e)
            for s, e in passages
            if s < block.end and block.start < e
        ]
        body = _nested(text, block.start, block.end, inside)
        css = {"heading": "doc__heading", "item": "doc__item", "front": "doc__front"}.get(
            block.kind, "doc__p"
        )
        out.append(f'<p class="{css}">{body}</p>')
    # Every piece of the document's text is escaped in _nested.
    return mark_safe("\n".join(out))


def _nested(text: str, start: int, end: int, ranges: list[tuple[int, int, int | None, int]]) -> str:
    """Text with nested spans; a range crossing its enclosing one is cut at its end."""
    html: list[str] = []
    position = start
    stack: list[int] = []
    events = sorted(ranges, key=lambda r: (r[0], -r[1]))
    for low, high, first, original_end in events:
        while stack and stack[-1] <= low:
            html.append(escape(text[position : stack[-1]]))
            position = stack.pop()
            html.append("</span>")
        high = min(high, stack[-1]) if stack else high
        if high <= low:
            continue
        html.append(escape(text[position:low]))
        position = low
        ident = (
            f' id="{passage_id(first, original_end)}" tabindex="-1"' if first is not None else ""
        )
        html.append(f'<span class="passage"{ident}>')
        stack.append(high)
    while stack:
        html.append(escape(text[position : stack[-1]]))
        position = stack.pop()
        html.append("</span>")
    html.append(escape(text[position:end]))
    return "".join(html)


def read_job_of(intake: PolicyIntake) -> Job | None:
    """The job that drafts (or drafted) the intake from its document."""
    return Job.objects.filter(
        municipality_id=intake.municipality_id, kind="intake-read", params__intake=intake.pk
    ).first()
