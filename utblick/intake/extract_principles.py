"""Principles: how the work shall be done, with the rule each one suggests.

Three sources, in order of trust:

1. a section named "Principer" (or "Förhållningssätt", "Utgångspunkter"):
   each list item is a principle — split where its sentences state different
   rules — and each binding sentence ("ska", "skall", "bör", "eftersträvas",
   "får inte", "prioriteras", "har i uppdrag att") of its paragraphs that is
   not an aim already read as a goal;
2. binding sentences elsewhere that nothing else has used: not the
   background, not the goals, not the sentence that lists the focus areas or
   describes one, not the follow-up, not a duty of a named body. When the
   document has a principles section, the sections describing the focus
   areas are description, not principles;
3. any clause that states a rule of the catalogue (e.g. "fattar beslut om
   vänorter"), when no principle from 1 or 2 already carries that rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from utblick.intake.extract_duties import clause_text, clauses, subject_of
from utblick.intake.lexicon import PRINCIPLES_LEAD, is_normative
from utblick.intake.proposals import Passage, Proposal, containment
from utblick.intake.rules_suggest import RuleSuggestion, suggest_rule
from utblick.intake.structure import (
    OPEN_LEAD,
    Block,
    Document,
    Heading,
    Sentence,
    lead_sentence,
)
from utblick.policies.rule_catalogue import RULE_TYPES

_PRINCIPLE_SECTION = re.compile(r"\bprincip\w*|\bförhållningssätt\w*|\butgångspunkter\b", re.I)
_ABOUT_DOCUMENT = re.compile(
    r"^(?:den\s+|de\s+)?(?:nya\s+|övergripande\s+)?(?:eu[- ]?)?[\w-]*(?:policyn|programmet|strategin|"
    r"riktlinjerna|rutinerna|dokumentet|planen)\s+(?:ska|skall)\b",
    re.I,
)
#: "… ska en ny EU-strategi tas fram …": the making of the document, not a rule of the work.
_MAKING_DOCUMENT = re.compile(
    r"\b(?:ska|skall)\s+(?:en|ett|den|det)\s+(?:ny|nytt|reviderad|reviderat)?\s*[\w -]{0,20}?"
    r"(?:policy|program|strategi|riktlinjer|styrdokument|handlingsplan)\s+(?:tas\s+fram|utarbetas|tillsättas)\b",
    re.I,
)
_MUST_ONLY = re.compile(r"^(?!.*\b(?:ska|skall|bör)\b).*\bmåste\b", re.I)
_COMPOSITION = re.compile(
    r"\b(?:ska|skall)\s+(?:\w+\s+){0,3}?(?:bestå av|utgöras av|sammanträda)\b"
    # "Beredningens sammanträden ska vara möjliga att delta på via länk": how it meets
    r"|\bsammanträden(?:a)?\s+(?:ska|skall)\b",
    re.I,
)
#: The paperwork of applying for a grant: when to apply, what to attach, what to report after.
_PAPERWORK = re.compile(
    r"\bansökan\b[^.]{0,40}\b(?:inkommen|senast)\b|\b(?:utbetalning(?:en)?|reserapport\w*|bifogas"
    r"|deltagarförteckning\w*|verksamhetsberättelse\w*|årsredovisning\w*)\b"
    r"|\bsenast\s+(?:\d{1,2}\s+[a-zåäö]+|\w+\s+(?:dagar|veckor|månader)\s+före)\b"
    r"|\bansöka\s+om\s+(?:\w+\s+)?bidrag\s+senast\b",
    re.I,
)
_BACKGROUND = re.compile(r"^(?:bakgrund|inledning|introduktion)\b", re.I)
#: A binding sentence about the municipality's own work, which even a background may hold.
_OWN_WORK = re.compile(
    r"\b(?:kommunen|kommunens|\w+ kommuns?|regionen|regionens|internationella\s+(?:arbetet|samarbetet)|"
    r"vi|förvaltningarna|nämnderna|verksamheterna|alla verksamheter)\b",
    re.I,
)
#: A list's lead that names aims or areas, not requirements.
_NOT_RULES_LEAD = re.compile(
    r"\bmål\w*|\bsyfte\w*|\bsyftar\b|\bområden\w*|\bprioritering\w*|\bbidra till\b|\bleda till\b"
    # "… och består av tre olika internationaliseringsformer:": what the work is made of
    r"|\bvill\b|\bbestår\s+av\b",
    re.I,
)
#: A lead that announces how the work is approached; its items that are sentences, not
#: names of areas, are its rules.
_APPROACH_LEAD = re.compile(
    r"\bföljande\b[^.]*\b(?:inriktning|förhållningssätt|principer|utgångspunkter|riktlinjer"
    r"|ställningstaganden)\b[^.]*:$",
    re.I,
)
#: "Kommitténs arbete utgår från VG 2020, Fyrbodals handlingsplan …": the plans and aims the
#: body's own work starts from, a principle though it binds no one (not a lead over a list,
#: nor "Arbetet utgår från kommunhuset", "Utredningens arbete utgår från direktiven").
_STARTING_POINT = re.compile(
    r"^(?:kommitténs|rådets|kontorets|kansliets|förbundets|föreningens|vårt|det\s+internationella)"
    r"\s+(?:internationella\s+)?arbete\s+utgår\s+från\s+(?:\S+\s+){0,3}?"
    r"[\w-]*(?:strategi|program|plan|policy|vision|mål|princip|perspektiv|agenda)\w*[^:]*$",
    re.I,
)
_NAMES_STARTING_POINT = re.compile(r"^(?:en\s+)?utgångspunkt", re.I)
_MODAL = re.compile(r"\b(?:ska|skall|bör|måste)\b", re.I)
_VISION = re.compile(r"^(?:visionen|vår vision)\b", re.I)
_ANAPHOR = re.compile(r"^(?:Detta|Dessa|Denna|Det här|Den här)\b")
_META = re.compile(r"^(?:nedan|här)\s+följer\b", re.I)


@dataclass
class _Candidate:
    text: str
    start: int
    end: int
    source: str
    rule: RuleSuggestion | None
    confidence: float
    reason: str
    normative: bool


def principle_proposals(
    document: Document,
    *,
    used: list[tuple[int, int]],
    focus_sections: list[Heading],
    goals: Sequence[tuple[int, int]] = (),
    areas: Sequence[tuple[int, int]] = (),
) -> list[Proposal]:
    sections = [h for h in document.headings if _PRINCIPLE_SECTION.search(h.title)]
    in_sections: list[_Candidate] = []
    for heading in sections:
        for block in document.in_section(heading):
            if block.kind == "item":
                in_sections += _item(document, block)
            else:
                in_sections += [
                    _sentence(document, s, 0.75, _("Bindande mening i avsnittet om principer."))
                    for s in document.sentences(block)
                    if is_normative(s.text)
                    and not _skip(s.text)
                    and not any(a <= s.start < b for a, b in goals)  # an aim is a goal
                ]
    elsewhere: list[_Candidate] = []
    skip_sections = set(sections)
    vision = _vision_paragraphs(document)
    for sentence in document.all_sentences():
        heading = sentence.section
        if id(sentence.block) in vision:
            continue
        if heading is not None and any(heading.within(h) for h in skip_sections):
            continue
        if heading is not None and sections and any(heading.within(h) for h in focus_sections):
            continue
        background = heading is not None and _BACKGROUND.match(heading.title)
        if background and not _about_own_work(sentence.text):
            continue  # the world's needs, not the municipality's rules
        if background and (_MUST_ONLY.search(sentence.text) or _ANAPHOR.match(sentence.text)):
            continue  # "… måste vi ta till vara på möjligheterna": an observation
        if _MUST_ONLY.search(sentence.text) and _ANAPHOR.match(sentence.text):
            continue  # "Detta är något som kommunen måste ta hänsyn till": an observation
        if _MAKING_DOCUMENT.search(sentence.text):
            continue
        if _COMPOSITION.search(sentence.text):
            continue  # how a body is made up is its organisation, not a rule of the work
        if _PAPERWORK.search(sentence.text):
            continue  # "Ansökan ska vara inkommen senast 31 december": a form's, not the work's
        if _examples(sentence.block):
            continue  # "Här finns några exempel på vad EU påverkar:": examples, not rules
        listed = _under_binding_lead(sentence.block)
        # "verka för fred …;": a list item's semicolon ends the item, it leads in nothing.
        text = sentence.text.rstrip(";") if listed else sentence.text
        start_point = _STARTING_POINT.search(text)
        if _skip(text) or not (listed or start_point or is_normative(sentence.text)):
            continue
        if listed and sentence.block.kind == "item" and len(document.sentences(sentence.block)) > 1:
            # "• Efter valet genomföra studiebesök … Under mandatperioden genomföra …": an
            # item of two sentences under its lead is one commitment, said whole
            if sentence.start == sentence.block.start and not any(
                a < sentence.block.end and sentence.block.start < b for a, b in used
            ):
                elsewhere += _item(document, sentence.block, listed=True)
            continue
        if _ABOUT_DOCUMENT.match(sentence.text) and suggest_rule(sentence.text) is None:
            continue  # "EU-strategin ska ersätta denna": about the document, not the work
        if any(a < sentence.end and sentence.start < b for a, b in used):
            continue
        # ("Utgångspunkt för kommunens arbete är invånarnas behov" binds no one either)
        starting = start_point or _NAMES_STARTING_POINT.match(text)
        reason = (
            _("Mening som anger vad arbetet utgår från.")
            if starting and not _MODAL.search(text)
            else _("Bindande mening (ska, skall, bör …).")
        )
        elsewhere.append(_sentence(document, sentence, 0.55, reason))
    chosen = _deduplicated(in_sections + elsewhere)
    carried = {c.rule.id for c in chosen if c.rule}
    chosen += _rule_clauses(document, chosen, carried, [*goals, *areas])
    return [_proposal(c) for c in sorted(chosen, key=lambda c: c.start)]


def _about_own_work(text: str) -> bool:
    """Whether the subject is the municipality's own work: first, or right after the modal."""
    inverted = re.match(
        r"(?:för|genom|i syfte) att\b[^,.]*?\b(?:ska|skall|bör|måste)\s+((?:\S+\s+){0,3})",
        text,
        re.I,
    )
    return bool(
        _OWN_WORK.search(" ".join(text.split()[:4]))
        or (inverted and _OWN_WORK.search(inverted.group(1)))
    )


def _under_binding_lead(block: Block) -> bool:
    """An item of a list whose lead binds ("Underlaget … ska innehålla:"): each item is a requirement."""
    if block.kind != "item" or block.lead is None:
        return False
    lead = lead_sentence(block.lead)
    if _APPROACH_LEAD.search(lead) and len(block.text.split()) >= 5:
        return True  # "… har följande, grundläggande inriktning för sitt internationella arbete:"
    if PRINCIPLES_LEAD.search(lead) and len(block.text.split()) >= 5:
        return True  # "De huvudsakliga utgångspunkterna för … är att:"
    return is_normative(lead) and not _NOT_RULES_LEAD.search(lead)


def _examples(block: Block) -> bool:
    """An item of a list its lead calls examples ("Några exempel på …:")."""
    if block.kind != "item" or block.lead is None:
        return False
    return bool(re.search(r"\bexempel\b", lead_sentence(block.lead), re.I))


def _vision_paragraphs(document: Document) -> set[int]:
    """Paragraphs that state a vision ("Visionen för … är …"): aspiration, not principle."""
    return {id(b) for b in document.blocks if b.kind == "paragraph" and _VISION.match(b.text)}


def _skip(text: str) -> bool:
    # A list's lead, with or without its colon ("Internationella enheten ska"), is no rule;
    # nor is a question ("Vad ska diarieföras?").
    return text.endswith((":", ";", "?")) or bool(_META.match(text) or OPEN_LEAD.search(text))


def _sentence(document: Document, sentence: Sentence, confidence: float, reason: str) -> _Candidate:
    start = sentence.start
    if _ANAPHOR.match(sentence.text) and sentence.position > 0:
        start = document.sentences(sentence.block)[sentence.position - 1].start
    text = document.text[start : sentence.end]
    return _Candidate(
        text,
        start,
        sentence.end,
        sentence.block.source,
        suggest_rule(text),
        confidence,
        reason,
        is_normative(text),
    )


def _item(document: Document, block: Block, listed: bool = False) -> list[_Candidate]:
    """A list item, split where two of its sentences state different rules; ``listed``: an
    item of a list its lead makes binding, not of a section about principles."""
    groups: list[tuple[list[Sentence], RuleSuggestion | None]] = []
    for sentence in document.sentences(block):
        rule = suggest_rule(sentence.text)
        if groups and not (rule and groups[-1][1] and rule.id != groups[-1][1].id):
            group, current = groups[-1]
            group.append(sentence)
            groups[-1] = (group, current or rule)
        else:
            groups.append(([sentence], rule))
    out = []
    for group, rule in groups:
        start, end = group[0].start, group[-1].end
        text = document.text[start:end]
        out.append(
            _Candidate(
                text,
                start,
                end,
                block.source,
                rule,
                0.55 if listed else 0.85,
                _("Punkt i en uppräkning som ingressen gör bindande.")
                if listed
                else _("Punkt i avsnittet om principer."),
                is_normative(text),
            )
        )
    return out


def _deduplicated(candidates: list[_Candidate]) -> list[_Candidate]:
    kept: list[_Candidate] = []
    for candidate in candidates:
        # The same statement twice; a short item inside a longer sentence is its own.
        if any(
            containment(k.text, candidate.text) >= 0.75
            and min(len(k.text.split()), len(candidate.text.split())) >= 5
            for k in kept
        ):
            continue
        kept.append(candidate)
    return kept


def _rule_clauses(
    document: Document, chosen: list[_Candidate], carried: set[str], used: list[tuple[int, int]]
) -> list[_Candidate]:
    """Clauses that state a catalogue rule no chosen principle carries; the best per rule.

    Not from a sentence that is already a goal (``used``).
    """
    best: dict[str, _Candidate] = {}
    for sentence in document.all_sentences():
        if any(c.start <= sentence.start < c.end for c in chosen):
            continue
        if any(a <= sentence.start < b for a, b in used):
            continue
        parts = clauses(sentence)
        named = subject_of(parts[0].text)
        for clause in parts:
            rule = suggest_rule(clause.text)
            if rule is None or rule.id in carried:
                continue
            if len(parts) > 1:
                prefix = ""
                if not clause.first and not named:
                    continue  # "… samt beslutar om medlemskap": no one to say it of
                if not clause.first and named:
                    prefix = document.text[
                        sentence.start + named[0].start : sentence.start + named[-1].end
                    ]
                candidate = _Candidate(
                    clause_text(clause, prefix),
                    clause.start,
                    clause.end,
                    sentence.block.source,
                    rule,
                    rule.confidence * 0.8,
                    _("Meningen anger en regel."),
                    is_normative(clause.text),
                )
            else:
                candidate = _sentence(
                    document, sentence, rule.confidence * 0.8, _("Meningen anger en regel.")
                )
                candidate.rule = rule
            current = best.get(rule.id)
            if current is None or (candidate.normative, candidate.confidence) > (
                current.normative,
                current.confidence,
            ):
                best[rule.id] = candidate
    return list(best.values())


def _proposal(candidate: _Candidate) -> Proposal:
    reason = candidate.reason
    if candidate.rule is not None:
        title = RULE_TYPES[candidate.rule.id].title
        reason += " " + _("Föreslagen regel: %(title)s, utlöst av ”%(trigger)s”.") % {
            "title": title,
            "trigger": candidate.rule.trigger,
        }
    return Proposal(
        "principle",
        {"text": candidate.text, "rule": candidate.rule.as_value() if candidate.rule else None},
        [Passage(candidate.start, candidate.end, candidate.source)],
        candidate.confidence,
        reason,
    )
