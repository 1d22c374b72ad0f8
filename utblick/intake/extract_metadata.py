"""The document's own facts: title, kind, registry number, decision, adopting body, version.

Most are in the document header, as "Label: value" lines, as a label on one
line and its value on the next, or as a sentence ("Antagen av
Kommunfullmäktige den 12 februari 2020"). When the header does not say who
adopted the document, the body may ("Programmet antas av
kommunfullmäktige"); as a last resort the registry number's prefix names the
body whose registry holds the case, which is proposed with low confidence.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from utblick.intake.extract_decision import (
    Adoption,
    adopted_by,
    adopted_by_registry,
    adoption,
    decided_on,
    decision_reference,
    registry,
)
from utblick.intake.extract_title import minutes_paragraph, title_and_kind
from utblick.intake.header import Field, by_label, fact, header_fields
from utblick.intake.lexicon import KIND_WORDS
from utblick.intake.proposals import Proposal
from utblick.intake.rules_suggest import suggest_rule
from utblick.intake.structure import Document

_VERSION = re.compile(r"\[?\s*(\d+(?:\.\d+){0,3})\s*\]?")
#: A header that says when the document is reconsidered: "Omprövas: … Varje mandatperiod".
_REVISED_EACH_TERM = re.compile(
    r"\b(?:omprövas|revideras|revidering|ses över)\b.{0,200}?\bvarje mandatperiod\b", re.I | re.S
)
_PERSON = re.compile(r"^[A-ZÅÄÖ][a-zåäöé]+(?:[ -][A-ZÅÄÖ][a-zåäöé]+)+$")
_EACH_TERM = "policy-revision-term"
#: "Kommunstyrelsens förslag till kommunfullmäktige", "Regionstyrelsen föreslår
#: regionfullmäktige att anta …": minutes in which the board proposes what the council adopts.
_BOARD_PROPOSES = re.compile(
    # (not "… förslag till beslut", which the board may take itself)
    r"\b(?:kommun|region|landstings)styrelsens\s+förslag\s+till\s+(?:kommun|region|landstings|fullmäktige)"
    r"|\b(?:kommun|region|landstings)styrelsen\s+föreslår\s+(?:kommun|region|landstings)?fullmäktige\b",
    re.I,
)


def metadata_proposals(document: Document, municipality: str) -> list[Proposal]:
    """Proposals for the document's facts, each citing where it was read."""
    fields = header_fields(document)
    found: list[Proposal] = []
    found += title_and_kind(document, fields, municipality)
    number = registry(document, fields)
    statement = adoption(document)
    if statement is not None and _another_kind(statement, found):
        statement = None
    decision = decision_reference(document, statement)
    # The board's minutes that propose the document to the council do not adopt it.
    proposed = statement is None and _BOARD_PROPOSES.search(document.text) is not None
    if proposed:
        decision = None
    elif decision is None:
        decision = _minutes_paragraph(document)
    adopted = adopted_by(document, fields, decision, statement)
    found += [p for p in (adopted, decided_on(document, fields, statement)) if p]
    found += [p for p in (number, decision, _version(fields), _owner(fields)) if p]
    # "Fastställd av: Kommundirektör": an official, not a body; the registry says nothing more.
    signed = by_label(
        fields, "fastställd av", "fastställt av", "beslutad av", "beslutat av", "fastställare"
    )
    if adopted is None and number is not None and not signed and not proposed:
        fallback = adopted_by_registry(number)
        if fallback:
            found.append(fallback)
    found += _revision(document)
    found += _purpose_and_vision(document)
    return found


def _minutes_paragraph(document: Document) -> Proposal | None:
    """Minutes' own paragraph of the item, "§ 4/2014", is where the decision is found."""
    found = minutes_paragraph(document)
    if found is None:
        return None
    block, match = found
    value = f"§ {match.group(1)}" + (f"/{match.group(2)}" if match.group(2) else "")
    reason = _("Ärendets paragraf i protokollet.")
    start = block.start + match.start()
    end = block.start + match.end()
    return fact("decision_reference", value, start, end, block.source, 0.75, reason)


def _another_kind(statement: Adoption, found: list[Proposal]) -> bool:
    """ "Landstingsfullmäktige antog i juni 2003 en policy för …" in guidelines: the adoption of
    another document, of a kind other than the one the title names."""
    kind = next((p.value["value"] for p in found if p.field == "kind"), None)
    title = next((str(p.value["value"]) for p in found if p.field == "title"), "")
    if _REPORT.search(title):
        # "Årsrapport över …": a report tells of the adoption of what it reports on
        subject = statement.block.text[max(0, statement.start - 120) : statement.end + 60]
        return any(pattern.search(subject) for pattern, _kind in KIND_WORDS)
    named = _ANOTHER.match(statement.block.text[statement.end : statement.end + 60])
    if not kind or not named:
        return False  # a page that restates its policy gives the policy's adoption
    kinds = {k for pattern, k in KIND_WORDS if pattern.search(named.group(1))}
    return bool(kinds) and kind not in kinds


_REPORT = re.compile(
    r"^\w*(?:rapport|redovisning|uppföljning|protokoll)\w*\b|\b\w*(?:rapport|protokoll)\w*$", re.I
)
#: "… antog i juni 2003 en policy för …": the document the statement is about.
_ANOTHER = re.compile(r"^[^.]{0,30}?\b(?:en|ett)\s+((?:[\w-]+\s+)?[\w-]+)")


def _version(fields: list[Field]) -> Proposal | None:
    for f in by_label(fields, "version"):
        match = _VERSION.search(f.value)
        if match:
            return fact(
                "version",
                match.group(1),
                f.start + match.start(1),
                f.start + match.end(1),
                "Dokumenthuvud",
                0.9,
                _("Versionen i dokumentets huvud."),
            )
    return None


def _owner(fields: list[Field]) -> Proposal | None:
    for f in by_label(fields, "dokumentansvarig", "dokumentägare", "ansvarig för uppdatering"):
        # A named person is not recorded: the owner is a function or an office.
        if _PERSON.match(f.value) or len(f.value) > 100:
            continue
        return fact(
            "owner",
            f.value,
            f.start,
            f.end,
            "Dokumenthuvud",
            0.85,
            _("Dokumentansvarig enligt huvudet."),
        )
    return None


def _revision(document: Document) -> list[Proposal]:
    for block in document.front:
        match = _REVISED_EACH_TERM.search(block.text)
        if match:
            start = block.start + match.start() + match.group(0).lower().rfind("varje mandatperiod")
            return [
                fact(
                    "revision",
                    "each_term",
                    start,
                    start + len("varje mandatperiod"),
                    "Dokumenthuvud",
                    0.8,
                    _("Dokumenthuvudet säger att dokumentet omprövas varje mandatperiod."),
                )
            ]
    for sentence in document.all_sentences():
        rule = suggest_rule(sentence.text)
        if rule is not None and rule.id == _EACH_TERM:
            return [
                fact(
                    "revision",
                    "each_term",
                    sentence.start,
                    sentence.end,
                    sentence.block.source,
                    rule.confidence,
                    _("Dokumentet ska revideras varje mandatperiod."),
                )
            ]
    return []


def _purpose_and_vision(document: Document) -> list[Proposal]:
    found = []
    for heading in document.headings:
        title = heading.title.lower()
        blocks = [b for b in document.in_section(heading, nested=False) if b.kind == "paragraph"]
        if not blocks:
            continue
        if title == "syfte":
            text = " ".join(b.text for b in blocks)
            found.append(
                fact(
                    "purpose",
                    text,
                    blocks[0].start,
                    blocks[-1].end,
                    heading.source,
                    0.8,
                    _("Avsnittet Syfte."),
                )
            )
        elif title.startswith("syfte"):
            first = document.sentences(blocks[0])[0]
            found.append(
                fact(
                    "purpose",
                    first.text,
                    first.start,
                    first.end,
                    heading.source,
                    0.5,
                    _("Första meningen i avsnittet om syfte."),
                )
            )
        elif title in {"vision", "visionen"}:
            text = " ".join(b.text for b in blocks)
            found.append(
                fact(
                    "vision",
                    text,
                    blocks[0].start,
                    blocks[-1].end,
                    heading.source,
                    0.8,
                    _("Avsnittet Vision."),
                )
            )
    return found
