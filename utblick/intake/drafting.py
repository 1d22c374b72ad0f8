"""From a document's text to a draft: every proposal with its passage, or none at all.

A document is refused (an empty draft with an explanation) when it reads as
no governing document. It is drafted when it has a title naming a policy,
programme, strategy or guideline or a decision (date, registry number,
adopting body) together with anything a policy contains, or both the title
and the decision; otherwise when it states ``MIN_BINDING`` goals, principles
and duties (focus areas count too), or one of them, an area or a
classification under a heading about the international work — unless the
page sends the reader to the governing document for them.
Every draft names what it lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from utblick.intake.extract_duties import duty_proposals
from utblick.intake.extract_elements import goal_proposals, taxonomy_proposals
from utblick.intake.extract_focus import focus_area_proposals
from utblick.intake.extract_metadata import metadata_proposals
from utblick.intake.extract_principles import principle_proposals
from utblick.intake.lexicon import ABOUT_THE_WORK
from utblick.intake.normalise import normalise
from utblick.intake.proposals import ELEMENTS, METADATA_FIELDS, Passage, Proposal
from utblick.intake.structure import parse

#: Goals, principles and duties (or focus areas) a document without a governing title, a
#: decision or a heading about the work must state to be read as governing.
MIN_BINDING = 3
#: How often a page must name the work (EU, Europe, international, twin towns, Brussels) to be
#: about it throughout rather than in passing: a news item names it once or twice, an office's
#: page in most of its paragraphs.
_ABOUT_MENTIONS = 4
#: "Läs mer i policy för internationellt arbete": a page that sends the reader to the
#: governing document summarises it; without a title or decision of its own it is not it.
_POINTS_ELSEWHERE = re.compile(
    r"\bläs\s+mer\s+(?:i|om)\b[^.\n]{0,60}?\b(?:policy|policyn|programmet|strategin|riktlinjerna)\b",
    re.IGNORECASE,
)


@dataclass
class Draft:
    """The cleaned text and what extraction proposes from it."""

    text: str
    proposals: list[Proposal] = field(default_factory=list)
    is_policy: bool = True
    explanation: str = ""

    def of(self, element: str) -> list[Proposal]:
        return [p for p in self.proposals if p.element == element]


def draft_from_text(raw: str, *, municipality: str) -> Draft:
    """Proposals for the policy of ``municipality`` (its name) from a document's text."""
    text = normalise(raw)
    document = parse(text)
    metadata = metadata_proposals(document, municipality)
    focus = focus_area_proposals(document)
    goals = goal_proposals(
        document, municipality, focus_sections=focus.sections, focus_used=focus.used
    )
    duties = duty_proposals(document)
    used: list[tuple[int, int]] = [(s.start, s.end) for s in focus.used + duties.used]
    used += [(x.start, x.end) for p in focus.proposals for x in p.passages]
    for proposal in [*goals, *metadata] + ([duties.cadence] if duties.cadence else []):
        if proposal.element != "metadata" or proposal.field in ("purpose", "vision"):
            used += [(p.start, p.end) for p in proposal.passages]
    goal_spans = [(x.start, x.end) for g in goals for x in g.passages]
    principles = principle_proposals(
        document,
        used=used,
        focus_sections=focus.sections,
        goals=goal_spans,
        areas=[(s.start, s.end) for s in focus.used],
    )
    responsibilities = _with_adoption(duties.responsibilities, metadata, text)
    proposals = [
        *sorted(metadata, key=lambda p: METADATA_FIELDS.index(p.field)),
        *focus.proposals,
        *goals,
        *principles,
        *responsibilities,
        *([duties.cadence] if duties.cadence else []),
        *taxonomy_proposals(document),
    ]
    proposals.sort(key=lambda p: ELEMENTS.index(p.element))
    refusal = _not_a_policy(proposals, text)
    if refusal:
        return Draft(text, [], is_policy=False, explanation=refusal)
    return Draft(text, proposals, explanation=_missing(proposals))


def _with_adoption(
    responsibilities: list[Proposal], metadata: list[Proposal], text: str
) -> list[Proposal]:
    """The body the document names as adopting it has that duty, citing the same passage."""
    adopted = next((p for p in metadata if p.field == "adopted_by" and p.confidence >= 0.75), None)
    if adopted is None:
        return responsibilities
    body = adopted.value["value"]
    for proposal in responsibilities:
        if proposal.value["duty"] == "adopts_policy" and proposal.value["body"] == body:
            return responsibilities
    passage = adopted.passage
    line_start = text.rfind("\n", 0, passage.start) + 1
    line_end = text.find("\n", passage.end)
    line_end = len(text) if line_end < 0 else line_end
    proposal = Proposal(
        "responsibility",
        {"duty": "adopts_policy", "body": body, "bodies": [], "text": text[line_start:line_end]},
        [Passage(line_start, line_end, passage.section)],
        adopted.confidence,
        _("Dokumentet anger vem som har antagit det."),
    )
    return [proposal, *responsibilities]


def _not_a_policy(proposals: list[Proposal], text: str) -> str:
    fields = {p.field: p for p in proposals if p.element == "metadata"}
    named = "title" in fields and "kind" in fields
    decided = any(
        name in fields and fields[name].confidence >= 0.75
        for name in ("registry_number", "decision_reference", "adopted_by", "decided_on")
    )
    content = any(
        p.element in ("focus_area", "principle", "goal")
        or (p.element == "responsibility" and p.value["duty"] != "adopts_policy")
        for p in proposals
    )
    if (named or decided) and content:
        return ""
    if named and decided:
        return ""  # an adopted policy with nothing recognised yet: propose what is there
    binding = sum(
        1
        for p in proposals
        if p.element in ("goal", "principle")
        or (p.element == "responsibility" and p.value["duty"] != "adopts_policy")
    )
    if binding >= MIN_BINDING:
        return ""  # a page that states goals, rules and duties governs, whatever its title
    # A page headed by its subject ("Internationellt samarbete") that states a goal, a rule or
    # a duty is drafted, with what is missing named, unless it sends the reader to the
    # governing document.
    about_the_work = "title" in fields and fields["title"].confidence >= 0.6
    # … and so is a page that says so in the goal, rule or duty itself ("Haparandas
    # internationella arbete ska stärka …"), whatever its heading.
    about_the_work = about_the_work or any(
        ABOUT_THE_WORK.search(p.value.get("text", ""))
        for p in proposals
        if p.element in ("goal", "principle", "responsibility")
    )
    pointer = _POINTS_ELSEWHERE.search(text)
    areas = sum(1 for p in proposals if p.element == "focus_area")
    # … or an area or a classification the work is tied to ("… en del av Europa 2020")
    tied = sum(1 for p in proposals if p.element == "taxonomy")
    if about_the_work and binding + areas + tied >= 1 and not pointer:
        return ""
    if binding + areas >= MIN_BINDING and not pointer:
        return ""  # … or its areas, unless it sends the reader to the policy for them
    # … or two goals on a page that is about the work throughout ("Syftet med samarbetet
    # är …" on a Brussels office's page that names EU and Europe again and again)
    goals = sum(1 for p in proposals if p.element == "goal")
    if goals >= 2 and len(ABOUT_THE_WORK.findall(text)) >= _ABOUT_MENTIONS and not pointer:
        return ""
    reasons = []
    if not (named or decided):
        reasons.append(
            _(
                "ingen titel som säger policy, program, strategi eller riktlinje och inga "
                "beslutsuppgifter (beslutsdatum, diarienummer eller beslutande organ)"
            )
        )
    if not content:
        reasons.append(_("inga inriktningar, mål eller principer"))
    return _(
        "Dokumentet ser inte ut som ett styrdokument för internationellt arbete: %(reasons)s. "
        "Inget har föreslagits. Ladda upp det antagna dokumentet, eller läs in en policyfil."
    ) % {"reasons": "; ".join(reasons)}


def _missing(proposals: list[Proposal]) -> str:
    """What a policy file needs that the document did not give, for the reviewer to add."""
    fields = {p.field for p in proposals if p.element == "metadata"}
    elements = {p.element for p in proposals if p.element != "metadata"}
    wanted = [
        ("title" in fields, _("titel")),
        ("adopted_by" in fields, _("beslutande organ")),
        ("decided_on" in fields, _("beslutsdatum")),
        ("focus_area" in elements, _("inriktningar")),
        ("goal" in elements, _("mål")),
        ("principle" in elements, _("principer")),
        ("responsibility" in elements, _("ansvarsfördelning")),
        ("cadence" in elements, _("uppföljning")),
    ]
    absent = [name for found, name in wanted if not found]
    if not absent:
        return ""
    return _(
        "Dokumentet säger inget som kunde läsas som %(missing)s. Lägg till det i granskningen "
        "eller i policyfilen innan utkastet antas."
    ) % {"missing": ", ".join(absent)}
