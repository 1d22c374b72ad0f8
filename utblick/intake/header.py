"""A document header's labelled values and the statement that the document was adopted.

Shared by the readers of the title (``extract_title``), of the decision
(``extract_decision``) and of the other facts (``extract_metadata``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from utblick.intake.proposals import Passage, Proposal
from utblick.intake.structure import Block, Document

LABELS = (
    r"diarie-?\s*/\s*dokumentnummer|diarienummer|dokumentnummer|dnr|dokumentnamn|dokumenttitel"
    r"|ansvarig för uppdatering|dokumentansvarig förvaltning|dokumentansvarig|dokumentägare|dokumentdatum|beslutsdatum|beslutad av|beslutad|beslut"
    r"|antagen av|antagen|antaget av|godkänd av|godkänd|fastställd av|fastställd|fastställt av"
    r"|fastställare|beslutat av|beslutsinstans|version"
    r"|reviderad|handläggare|datum|titel|gäller från|gäller till|giltig till|dokumenttyp"
)
LABEL = re.compile(rf"(?:^|(?<=\s))({LABELS})\s*:\s*", re.I)
BARE_LABEL = re.compile(rf"^({LABELS})$", re.I)
ADOPTION = re.compile(
    r"\b(?:antagen|antaget|antagna|antogs|antagits|beslutad|beslutat|beslutades|beslutats|"
    r"fastställd|fastställt|fastställdes|fastställts|godkänd|godkänt|godkändes|godkänts)"
    r"\s+(?:av|i)\s*:?\s+|\bfastställare\s*:\s*|\bbeslutad\s*:\s*"
    r"|\bantog\s+(?=(?:kommun|region)?fullmäktige|kommunstyrelsen|regionstyrelsen)"
    r"|(?<=\s)antog\b|(?<=s\s)beslut(?=\s+(?:§\s*)?\d{1,4}\s*/\s*\d{2})"
    r"|\bhar\s+(?:i\s+dag\s+|den\s+\S+\s+\S+\s+)?(?:antagit|fastställt|beslutat\s+om"
    # … not "har beslutat att säga upp avtalen": a decision to do something else
    # (nor "har beslutat att föreslå fullmäktige …": a proposal)
    r"|beslutat\s+att(?!\s+(?!anta\b|fastställa\b|godkänna\b)[a-zåäö]+[aå]\b))\b",
    re.I,
)


@dataclass
class Field:
    label: str
    value: str
    start: int
    end: int
    block: Block


def header_fields(document: Document) -> list[Field]:
    """Labelled values of the document header, in order."""
    fields: list[Field] = []
    front = document.front
    for index, block in enumerate(front):
        matches = list(LABEL.finditer(block.text))
        for number, match in enumerate(matches):
            end = matches[number + 1].start() if number + 1 < len(matches) else len(block.text)
            raw = block.text[match.end() : end]
            value = raw.strip()
            start = block.start + match.end() + (len(raw) - len(raw.lstrip()))
            fields.append(Field(match.group(1).lower(), value, start, start + len(value), block))
        bare = BARE_LABEL.match(block.text)
        if bare and index + 1 < len(front) and not LABEL.match(front[index + 1].text):
            value_block = front[index + 1]
            fields.append(
                Field(
                    bare.group(1).lower(),
                    value_block.text,
                    value_block.start,
                    value_block.end,
                    value_block,
                )
            )
    return fields


def fact(
    field: str, value: object, start: int, end: int, section: str, confidence: float, reason: str
) -> Proposal:
    """A proposed document fact citing characters ``start``–``end`` of ``section``."""
    return Proposal(
        "metadata", {"value": value}, [Passage(start, end, section)], confidence, reason, field
    )


def by_label(fields: list[Field], *labels: str) -> list[Field]:
    """The header fields whose label starts with one of ``labels`` and that have a value."""
    return [f for f in fields if any(f.label.startswith(label) for label in labels) and f.value]


def early_blocks(document: Document) -> list[Block]:
    """The header, then the first and last blocks of the body: where decisions are noted."""
    body = document.body
    seen: set[int] = set()
    out = []
    for block in [*document.front, *body[:8], *body[-4:]]:
        if id(block) not in seen:
            seen.add(id(block))
            out.append(block)
    return out
