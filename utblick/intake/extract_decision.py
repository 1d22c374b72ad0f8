"""The decision behind a document: registry number, adopting body, date and paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from utblick.intake.header import ADOPTION, Field, by_label, early_blocks, fact
from utblick.intake.lexicon import BodyMention, body_mentions, parse_date
from utblick.intake.proposals import Proposal
from utblick.intake.structure import Block, Document

_REGISTRY = re.compile(
    r"(?<![\w§/])(?:dnr\.?\s*)?([A-ZÅÄÖ]{1,6}[ -]?(?!(?:19|20)\d{2}-\d{2}-\d{2})"
    # ("BUN 2010/88:60": the case and its document)
    r"(?:(?:19|20)\d{2}|\d{2})[/-]\d{1,6}(?:[-:]\d{1,4})?)(?![\w/])"
)
#: "KF § 123", "Ks §12/2019", "KF 2015-06-15 § 89": a body's abbreviation, its paragraph.
_DECISION = re.compile(
    r"\b([A-ZÅÄÖ]{2,5}|[Kk]f|[Kk]s)\s*(?:(?:19|20)\d{2}-\d{2}-\d{2},?\s*)?"
    r"§\s*(\d+)(?:\s*/\s*((?:19|20)\d{2}))?"
)
#: A registry number after its label, in any form: "Dnr 171-482/2016", "Dnr: KS 2011/0050-3",
#: "Dnr 2013/0743 KS-1",
#: "Diarienummer 150187" (a running number, longer than a year; not a date: "Dnr 20230412").
_LABELLED_REGISTRY = re.compile(
    r"\b(?:dnr|diarienr|diarienummer|diarie-?\s*/\s*dokumentnummer)\b\.?\s*:?\s*"
    r"((?:[A-ZÅÄÖ]{1,6}[ -]?)?\d[\d.]*(?:[/-]\d+)+(?:[-:]\d{1,4})?"
    # ("Dnr 2013/0743 KS-1": the case and the registry's unit and document)
    # (not a postcode or a name: "SE-581 91", "EU-28")
    r"(?:\s(?!(?:SE|EU|ID|NO|FI|DK)-)(?-i:[A-ZÅÄÖ]{2,4})-\d{1,2}(?![\w/-]))?"
    r"|(?!(?:19|20)\d{6}\b)\d{5,})(?![\w/])",
    re.I,
)
#: A case number of a board's registry without a label: "Ks 848/2011", "KS 2011/0050",
#: "KS2006/0314-10", "Ks/2014:159".
_BOARD_REGISTRY = re.compile(
    r"(?<![\w§/])((?:KS|Ks|KF|Kf|KSN|RS|Rs|LS|Ls)[ /-]?"
    r"(?:\d{1,5}/(?:19|20)\d{2}|(?:19|20)\d{2}[/:]\d{1,6}(?:-\d{1,4})?))(?![\w/])"
)
#: A handling number of the council's printed proceedings: "H 2014 nr 79", "Handling 2014 nr 79".
_HANDLING = re.compile(r"\b(?:H|Handling)\s+(?:19|20)\d{2}\s+nr\s+\d{1,4}\b")
#: The paragraph of an adoption written after the body and date: "… 20 maj 2008, § 61".
_PARAGRAPH = re.compile(r"§\s*(\d{1,4})(?:\s*/\s*((?:19|20)\d{2}))?")
#: A header line that opens with the adoption: "Antagen av kommunfullmäktige 2020-02-12",
#: "Antagen vid kommitténs vårmöte i Vasa 2018-06-08", "Fastställd i regionstyrelsen …".
_ADOPTED_LINE = re.compile(
    r"^(?:antagen|antaget|antogs|beslutad|beslutat|fastställd|fastställt|godkänd|godkänt)"
    r"\s+(?:av|vid|på|i)\s+",
    re.I,
)
_ADOPTED_IN_BODY = re.compile(
    r"\b(?:programmet|policyn|strategin|riktlinjerna|dokumentet)\s+(?:antas|antogs|fastställs|fastställdes)"
    r"\s+av\s+|\b(?:antar|fastställer)\s+(?:det|den|denna|detta)?\s*(?:\w+\s+){0,2}?"
    r"(?:program|policy|strategi|riktlinje)\w*|^beslutar om (?:\w+\s+){0,1}(?:policy|program|strategi)",
    re.I,
)
#: A decision the text reports about something else than adopting the document.
_OTHER_DECISION = re.compile(
    r"\bbeslut(?:ade|at|ades)\s+(?:\w+\s+){0,5}?att\s+(?!anta\b|fastställa\b)[a-zåäö]+a\b", re.I
)
#: "Kommunfullmäktiges beslut 62/02": the decision's number and year after "beslut".
_NUMBERED_DECISION = re.compile(
    r"\s*(?:§\s*)?(?!(?:19|20)\d{2}\b)(\d{1,4})\s*/\s*(\d{2}(?:\d{2})?)\b"
)
#: A header flattened from a table: its labels in a run, their values after it.
_LABEL_RUN = re.compile(r"(?:[A-ZÅÄÖ][\wåäö/-]*(?:\s+[a-zåäö][\wåäö/-]*){0,3}\s*:\s*)+")
#: The body's name then, within a date's length, the paragraph: "Kommunfullmäktige 2013-05-15, § 67".
_AFTER_BODY = re.compile(
    r"[\s,]*(?:(?:den\s+)?[\w.-]+(?:\s+\w+\s+(?:19|20)\d{2})?[\s,]*)?§\s*(\d{1,4})"
)


def registry(document: Document, fields: list[Field]) -> Proposal | None:
    """The registry number: after its label, in the header, or a board's case number."""
    preferred = by_label(fields, "diarie", "dokumentnummer", "dnr")
    places = [(f.value, f.start) for f in preferred] + [(b.text, b.start) for b in document.front]
    early = [(b.text, b.start) for b in early_blocks(document)]
    for pattern, texts in (
        (_REGISTRY, places),
        (_LABELLED_REGISTRY, early),
        (_BOARD_REGISTRY, early),
    ):
        for text, offset in texts:
            match = pattern.search(text)
            if match:
                start = offset + match.start(1)
                value = match.group(1)
                return fact(
                    "registry_number",
                    value,
                    start,
                    start + len(value),
                    "Dokumenthuvud",
                    0.9,
                    _("Diarienumret i dokumentets huvud."),
                )
    return None


@dataclass
class Adoption:
    """Where the document says it was adopted: the block, the statement and the body named."""

    block: Block
    start: int
    end: int
    body: BodyMention


def adoption(document: Document) -> Adoption | None:
    """The first statement that a named body adopted the document."""
    for block in [*early_blocks(document), *document.body]:
        for match in ADOPTION.finditer(block.text):
            if match.group(0).lower().startswith("har") or match.group(0) in ("antog", "beslut"):
                before = [m for m in body_mentions(block.text[: match.start()]) if m.specific]
                gap = block.text[before[-1].end : match.start()] if before else ""
                if before and re.fullmatch(r"\s*(?:i\s+[A-ZÅÄÖ][\wåäö-]+\s*)?", gap):
                    return Adoption(block, before[-1].start, match.end(), before[-1])
                continue
            # A header flattened from a table: its labels first, then their values.
            labels = _LABEL_RUN.match(block.text, match.end())
            at = labels.end() if labels else match.end()
            after = block.text[at : at + 80]
            mentions = [m for m in body_mentions(after) if m.specific]
            if mentions and mentions[0].start <= 12:
                m = mentions[0]
                body = BodyMention(m.name, m.kind, m.specific, at + m.start, at + m.end)
                return Adoption(block, match.start(), at + m.end, body)
    return None


def abbreviation(body: BodyMention) -> str:
    """ "KF", "KS"; "RF", "RS" for a region's; "LF", "LS" for a county council's."""
    if body.kind not in ("council", "executive_board"):
        return ""
    first = "R" if body.name.startswith("Region") else "L" if body.name.startswith("Lands") else "K"
    return first + ("F" if body.kind == "council" else "S")


def _reference(block: Block, match: re.Match[str], confidence: float, reason: str) -> Proposal:
    # "KS §12", "KS § 12" and "KS 2019-02-01 § 12" are one reference: written the usual way.
    if match.re is _DECISION:
        value = f"{match.group(1)} § {match.group(2)}" + (
            f"/{match.group(3)}" if match.group(3) else ""
        )
    else:
        value = re.sub(r"\s*§\s*", " § ", " ".join(match.group(0).split()))
    section = "Dokumenthuvud" if block.kind == "front" else block.source
    start = block.start + match.start()
    return fact(
        "decision_reference", value, start, block.start + match.end(), section, confidence, reason
    )


def decision_reference(document: Document, adoption: Adoption | None) -> Proposal | None:
    for block in document.front:
        match = _DECISION.search(block.text)
        if match:
            return _reference(block, match, 0.9, _("Beslutsparagrafen i dokumentets huvud."))
    for block in document.front:
        found = _body_paragraph(block)
        if found is not None:
            body, match = found
            # The body through its paragraph: "Kommunfullmäktige 2013-05-15, § 67".
            return fact(
                "decision_reference",
                f"{abbreviation(body)} § {match.group(1)}",
                block.start + body.start,
                block.start + match.end(1),
                "Dokumenthuvud",
                0.85,
                _("Beslutsparagrafen efter det beslutande organet i huvudet."),
            )
    if adoption is not None:
        # "… har godkänt en ny och helt omarbetad strategi … på årsmötet 26 maj 2023."
        after = adoption.block.text[adoption.end : adoption.end + 160]
        match = _PARAGRAPH.search(after) or _NUMBERED_DECISION.match(after)
        if match and not re.search(r"[.!?]\s", after[: match.start()]):
            value = f"{abbreviation(adoption.body)} § {match.group(1)}".strip()
            if match.group(2):
                value += f"/{match.group(2)}"
            start = adoption.block.start + adoption.end + match.start()
            return fact(
                "decision_reference",
                value,
                start,
                start + len(match.group(0)),
                adoption.block.source,
                0.85,
                _("Paragrafen i beslutet som antog dokumentet."),
            )
    for block in early_blocks(document):
        match = _HANDLING.search(block.text) or _DECISION.search(block.text)
        if match and block not in document.front and _OTHER_DECISION.search(block.text):
            continue  # "Kommunfullmäktige beslutade … att pausa samarbetet (KF § 54/23)"
        if match:
            return _reference(block, match, 0.8, _("Beslutets nummer i dokumentet."))
    return None


def _body_paragraph(block: Block) -> tuple[BodyMention, re.Match[str]] | None:
    """A header line that names the deciding body and its paragraph: "Beslut: Kommunfullmäktige
    2014-04-28 § 45", "Kommunfullmäktige 2013-05-15, § 67"."""
    for mention in body_mentions(block.text):
        if mention.kind in ("council", "executive_board") and mention.specific:
            match = _AFTER_BODY.match(block.text, mention.end)
            if match:
                return mention, match
    return None


def adopted_by(
    document: Document, fields: list[Field], decision: Proposal | None, adoption: Adoption | None
) -> Proposal | None:
    for f in by_label(
        fields,
        "beslutad",
        "beslut",
        "antagen",
        "antaget",
        "fastställd",
        "fastställt",
        "godkänd",
        "godkänd av",
        "antagen av",
        "antaget av",
        "fastställd av",
        "fastställt av",
        "fastställare",
        "beslutad av",
        "beslutat av",
        "beslutsinstans",
    ):
        mentions = body_mentions(f.value)
        if mentions and mentions[0].specific:
            m = mentions[0]
            return fact(
                "adopted_by",
                m.ref,
                f.start + m.start,
                f.start + m.end,
                "Dokumenthuvud",
                0.9,
                _("Dokumenthuvudet säger vem som antog dokumentet."),
            )
    if adoption is not None:
        block = adoption.block
        return fact(
            "adopted_by",
            adoption.body.ref,
            block.start + adoption.body.start,
            block.start + adoption.body.end,
            block.source,
            0.9,
            _("Dokumentet säger vem som antog det."),
        )
    if decision is not None:
        mentions = [m for m in body_mentions(str(decision.value["value"])) if m.specific]
        if mentions:
            return fact(
                "adopted_by",
                mentions[0].ref,
                decision.passage.start,
                decision.passage.end,
                "Dokumenthuvud",
                0.8,
                _("Beslutsparagrafen anger det beslutande organet."),
            )
    for sentence in document.all_sentences():
        match = _ADOPTED_IN_BODY.search(sentence.text)
        if not match:
            continue
        mentions = [m for m in body_mentions(sentence.text) if m.specific]
        if not mentions and sentence.section is not None:
            mentions = [m for m in body_mentions(sentence.section.title) if m.specific]
            if mentions:
                return fact(
                    "adopted_by",
                    mentions[0].ref,
                    sentence.start,
                    sentence.end,
                    sentence.block.source,
                    0.75,
                    _("Avsnittet om organet säger att det beslutar om dokumentet."),
                )
        if mentions:
            m = mentions[0]
            return fact(
                "adopted_by",
                m.ref,
                sentence.start,
                sentence.end,
                sentence.block.source,
                0.75,
                _("Texten säger vem som antar dokumentet."),
            )
    return None


def adopted_by_registry(registry: Proposal) -> Proposal | None:
    value = str(registry.value["value"])
    if not re.match(r"KSN?\b|KS[ -]?\d", value):
        return None
    return fact(
        "adopted_by",
        {"name": "Kommunstyrelsen", "kind": "executive_board"},
        registry.passage.start,
        registry.passage.end,
        "Dokumenthuvud",
        0.3,
        _(
            "Dokumentet säger inte vem som antog det. Diarienumret hör till kommunstyrelsens diarium; "
            "kontrollera beslutet."
        ),
    )


_DOCUMENT_DECIDED = re.compile(
    r"\bhar\s+(?:antagit|godkänt|fastställt|beslutat\s+om)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:strategi|policy|program|riktlinjer)\w*\b[^.!?]*",
    re.I,
)


def decided_on(
    document: Document, fields: list[Field], adoption: Adoption | None
) -> Proposal | None:
    ranked = [
        (
            by_label(fields, "beslut", "antagen", "antaget", "godkänd", "fastställd", "fastställt"),
            0.9,
            _("Beslutsdatumet i dokumentets huvud."),
        ),
        (
            by_label(fields, "dokumentdatum", "datum"),
            0.7,
            _("Dokumentets datum; beslutsdatumet står inte för sig."),
        ),
    ]
    for candidates, confidence, reason in ranked:
        for f in candidates:
            found = _date_in(f.value, f.start, "Dokumenthuvud", confidence, reason)
            if found:
                return found
    if adoption is not None:
        # "… har godkänt en ny och helt omarbetad strategi … på årsmötet 26 maj 2023."
        after = adoption.block.text[adoption.end : adoption.end + 160]
        stop = re.search(r"[.!?]\s", after)  # the date of this statement, not the next one's
        found = _date_in(
            after[: stop.start()] if stop else after,
            adoption.block.start + adoption.end,
            adoption.block.source,
            0.9,
            _("Datumet då dokumentet antogs."),
        )
        if found:
            return found
    # "Rådets medlemmar har godkänt en ny strategi … på årsmötet 26 maj 2023": no body we
    # know of, but the decision on the document and its date
    for block in early_blocks(document):
        said = _DOCUMENT_DECIDED.search(block.text)
        if said:
            found = _date_in(
                said.group(0),
                block.start + said.start(),
                block.source,
                0.6,
                _("Datumet då dokumentet godkändes, enligt texten."),
            )
            if found:
                return found
    for block in document.front:
        if _ADOPTED_LINE.match(block.text) or _body_paragraph(block) is not None:
            found = _date_in(
                block.text,
                block.start,
                "Dokumenthuvud",
                0.9,
                _("Datumet då dokumentet antogs, enligt huvudet."),
            )
            if found:
                return found
    return None


def _date_in(
    text: str, offset: int, section: str, confidence: float, reason: str
) -> Proposal | None:
    """The decision date as the first date of ``text``, which starts at ``offset``."""
    found = parse_date(text)
    if found is None:
        return None
    day, start, end = found
    return fact(
        "decided_on", day.isoformat(), offset + start, offset + end, section, confidence, reason
    )
