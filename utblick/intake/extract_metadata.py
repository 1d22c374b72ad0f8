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
from dataclasses import dataclass

from django.utils.translation import gettext as _

from utblick.intake.lexicon import KIND_WORDS, BodyMention, body_mentions, parse_date
from utblick.intake.proposals import Passage, Proposal
from utblick.intake.rules_suggest import suggest_rule
from utblick.intake.structure import Block, Document

_LABELS = (
    r"diarie-?\s*/\s*dokumentnummer|diarienummer|dokumentnummer|dnr|dokumentnamn|dokumenttitel"
    r"|dokumentansvarig förvaltning|dokumentansvarig|dokumentägare|dokumentdatum|beslutsdatum|beslutad av|beslutad|beslut"
    r"|antagen av|antagen|antaget av|godkänd av|godkänd|fastställd av|fastställd|fastställt av"
    r"|fastställare|beslutat av|beslutsinstans|version"
    r"|reviderad|handläggare|datum|titel|gäller från|gäller till|giltig till|dokumenttyp"
)
_LABEL = re.compile(rf"(?:^|(?<=\s))({_LABELS})\s*:\s*", re.I)
_BARE_LABEL = re.compile(rf"^({_LABELS})$", re.I)
_REGISTRY = re.compile(
    r"(?<![\w§/])(?:dnr\.?\s*)?([A-ZÅÄÖ]{1,6}[ -]?(?:(?:19|20)\d{2}|\d{2})[/-]\d{1,6}(?:-\d{1,4})?)(?![\w/])"
)
_DECISION = re.compile(r"\b([A-ZÅÄÖ]{2,5}|[Kk]f|[Kk]s)\s*§\s*\d+(?:\s*/\s*(?:19|20)\d{2})?")
#: A registry number after its label, in any form: "Dnr 171-482/2016", "Dnr: KS 2011/0050-3".
_LABELLED_REGISTRY = re.compile(
    r"\b(?:dnr|diarienr|diarienummer|diarie-?\s*/\s*dokumentnummer)\b\.?\s*:?\s*"
    r"((?:[A-ZÅÄÖ]{1,6}[ -]?)?\d[\d.]*(?:[/-]\d+)+(?:-\d{1,4})?)(?![\w/])",
    re.I,
)
#: A case number of a board's registry without a label: "Ks 848/2011", "KS 2011/0050".
_BOARD_REGISTRY = re.compile(
    r"(?<![\w§/])((?:KS|Ks|KF|Kf|KSN|RS|Rs|LS|Ls)[ -]?\d{1,5}/(?:19|20)\d{2})(?![\w/])"
)
#: A handling number of the council's printed proceedings: "H 2014 nr 79", "Handling 2014 nr 79".
_HANDLING = re.compile(r"\b(?:H|Handling)\s+(?:19|20)\d{2}\s+nr\s+\d{1,4}\b")
#: The paragraph of an adoption written after the body and date: "… 20 maj 2008, § 61".
_PARAGRAPH = re.compile(r"§\s*(\d{1,4})(?:\s*/\s*((?:19|20)\d{2}))?")
#: A statement that the document was adopted, wherever it stands: "Antagen av kommunfullmäktige".
_ADOPTION = re.compile(
    r"\b(?:antagen|antaget|antagna|antogs|antagits|beslutad|beslutat|beslutades|beslutats|"
    r"fastställd|fastställt|fastställdes|fastställts|godkänd|godkänt|godkändes|godkänts)"
    r"\s+(?:av|i)\s*:?\s+|\bfastställare\s*:\s*|\bbeslutad\s*:\s*"
    r"|\bantog\s+(?=(?:kommun|region)?fullmäktige|kommunstyrelsen|regionstyrelsen)"
    r"|(?<=\s)antog\b|(?<=s\s)beslut(?=\s+(?:§\s*)?\d{1,4}\s*/\s*\d{2})"
    r"|\bhar\s+(?:i\s+dag\s+|den\s+\S+\s+\S+\s+)?(?:antagit|fastställt|beslutat\s+(?:om|att))\b",
    re.I,
)
_VERSION = re.compile(r"\[?\s*(\d+(?:\.\d+){0,3})\s*\]?")
_ADOPTED_LINE = re.compile(
    r"^(?:antagen|antaget|antogs|beslutad|beslutat|fastställd|fastställt|godkänd|godkänt)\s+av\s+",
    re.I,
)
_ADOPTED_IN_BODY = re.compile(
    r"\b(?:programmet|policyn|strategin|riktlinjerna|dokumentet)\s+(?:antas|antogs|fastställs|fastställdes)"
    r"\s+av\s+|\b(?:antar|fastställer)\s+(?:det|den|denna|detta)?\s*(?:\w+\s+){0,2}?"
    r"(?:program|policy|strategi|riktlinje)\w*|^beslutar om (?:\w+\s+){0,1}(?:policy|program|strategi)",
    re.I,
)
#: "Kommunfullmäktiges beslut 62/02": the decision's number and year after "beslut".
_NUMBERED_DECISION = re.compile(r"\s*(?:§\s*)?(\d{1,4})\s*/\s*(\d{2}(?:\d{2})?)\b")
_LABEL_RUN = re.compile(r"(?:[A-ZÅÄÖ][\wåäö /-]{1,30}:\s*)+")
#: A header that says when the document is reconsidered: "Omprövas: … Varje mandatperiod".
_REVISED_EACH_TERM = re.compile(
    r"\b(?:omprövas|revideras|revidering|ses över)\b.{0,200}?\bvarje mandatperiod\b", re.I | re.S
)
#: A heading about international work, a title even without a document kind in it.
_SUBJECT_TITLE = re.compile(r"internationel\w*|\bEU\b|vänort\w*|omvärld\w*|europa\w*", re.I)
_ABBREVIATION = {"council": "KF", "executive_board": "KS"}
_PERSON = re.compile(r"^[A-ZÅÄÖ][a-zåäöé]+(?:[ -][A-ZÅÄÖ][a-zåäöé]+)+$")
_EACH_TERM = "policy-revision-term"


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
        matches = list(_LABEL.finditer(block.text))
        for number, match in enumerate(matches):
            end = matches[number + 1].start() if number + 1 < len(matches) else len(block.text)
            raw = block.text[match.end() : end]
            value = raw.strip()
            start = block.start + match.end() + (len(raw) - len(raw.lstrip()))
            fields.append(Field(match.group(1).lower(), value, start, start + len(value), block))
        bare = _BARE_LABEL.match(block.text)
        if bare and index + 1 < len(front) and not _LABEL.match(front[index + 1].text):
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


def _proposal(
    field: str, value: object, start: int, end: int, section: str, confidence: float, reason: str
) -> Proposal:
    return Proposal(
        "metadata", {"value": value}, [Passage(start, end, section)], confidence, reason, field
    )


def metadata_proposals(document: Document, municipality: str) -> list[Proposal]:
    """Proposals for the document's facts, each citing where it was read."""
    fields = header_fields(document)
    found: list[Proposal] = []
    found += _title_and_kind(document, fields, municipality)
    registry = _registry(document, fields)
    adoption = _adoption(document)
    decision = _decision_reference(document, adoption)
    adopted = _adopted_by(document, fields, decision, adoption)
    found += [p for p in (adopted, _decided_on(document, fields, adoption)) if p]
    found += [p for p in (registry, decision, _version(fields), _owner(fields)) if p]
    if adopted is None and registry is not None:
        fallback = _adopted_by_registry(registry)
        if fallback:
            found.append(fallback)
    found += _revision(document)
    found += _purpose_and_vision(document)
    return found


def _by_label(fields: list[Field], *labels: str) -> list[Field]:
    return [f for f in fields if any(f.label.startswith(label) for label in labels) and f.value]


def _truecase(text: str, document: Document) -> str:
    """An all-capitals title in the case the body writes its words: "Internationellt program för Umeå kommun"."""
    words = text.split()
    out = []
    body = " ".join(b.text for b in document.body)
    for index, word in enumerate(words):
        lower = word.lower()
        capitalised = lower[:1].upper() + lower[1:]
        upper_uses = len(re.findall(rf"(?<![.!?]\s)(?<!^)\b{re.escape(capitalised)}\b", body))
        lower_uses = len(re.findall(rf"\b{re.escape(lower)}\b", body))
        out.append(capitalised if index == 0 or upper_uses > lower_uses else lower)
    return " ".join(out)


def _kind_of(text: str) -> str | None:
    """The kind whose word stands first in ``text``: "Policy och riktlinjer …" is a policy."""
    found = [(m.start(), kind) for pattern, kind in KIND_WORDS if (m := pattern.search(text))]
    return min(found)[1] if found else None


def short_place(municipality: str) -> str:
    """ "Mariestads kommun" → "Mariestad"; "Region Halland" → "Halland"."""
    name = re.sub(r"\s+(?:kommun|stad)$|^region\s+", "", municipality.strip(), flags=re.I)
    return name[:-1] if name.endswith("s") and len(name) > 4 and " " not in name else name


def _one_language(title: str) -> str:
    """ "INTERNATIONELL POLICY INTERNATIONAL POLICY" → "INTERNATIONELL POLICY": the title once.

    After the kind word the title goes on only with a preposition ("POLICY FÖR …").
    """
    words = title.split()
    for index, word in enumerate(words):
        if _kind_of(word) and index + 1 < len(words):
            if words[index + 1].lower() not in ("för", "om", "i", "och", "mot", "inom"):
                return " ".join(words[: index + 1])
            return title
    return title


def _capitals_run(text: str) -> str:
    """The words in capitals that name a document kind, when a longer line holds them.

    "KOMMUNAL FÖRFATTNINGSSAMLING 2 POLICY FÖR INTERNATIONELLT ARBETE Kf 6" →
    "POLICY FÖR INTERNATIONELLT ARBETE".
    """
    if text.isupper():
        return text
    runs = list(re.finditer(r"(?:\b[A-ZÅÄÖ][A-ZÅÄÖ-]*\b(?:\s+|$)){2,}", text))
    for run in runs:
        words = run.group(0).strip()
        if _kind_of(words) and len(words.split()) >= 2:
            return words
    # "RUTINER FÖR VÄNORTSARBETET I HÖGANÄS KOMMUN advertisement": the capitals are the title.
    if runs and runs[0].start() == 0 and len(runs[0].group(0).split()) >= 3:
        return runs[0].group(0).strip()
    return text


def _title_fragments(front: list[Block]) -> tuple[str, int, int] | None:
    """A title a sharing site broke at full stops: "Riktlinjer." "Internationellt arbete." …"""
    run = []
    for block in front:
        if (
            block.text.endswith(".")
            and len(block.text.split()) <= 4
            and not _LABEL.match(block.text)
        ):
            run.append(block)
        elif run:
            break
    if len(run) < 2:
        return None
    return " ".join(b.text.rstrip(".") for b in run), run[0].start, run[-1].end


def _title_like(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 12 and not text.endswith((".", ":")) and not _LABEL.match(text)


def _title_part(text: str, start: int) -> tuple[str, int, int]:
    """A title line without a page number before it and the labels or references after it."""
    page = re.match(
        r"^(?:\d{1,3}|\d{1,2}(?:\.\d{1,2})*\.|Dnr:?\s*[\w/.-]*\d[\w/.-]*)\s+(?=[A-ZÅÄÖ])", text
    )
    if page:
        text, start = text[page.end() :], start + page.end()
    cut = len(text)
    kinds = [m.end() for pattern, _kind in KIND_WORDS if (m := pattern.search(text))]
    after_kind = min(kinds) if kinds else 0
    for pattern in (_LABEL, _ADOPTION, re.compile(r"\s\(|\s[-–]\s")):
        match = pattern.search(text, after_kind if pattern is not _LABEL else 0)
        if match and match.start() >= 10:
            cut = min(cut, match.start())
    text = text[:cut].rstrip(" ,;:")
    end = start + len(text)
    # "Internationell strategi. för Gävle kommun": a stray full stop inside a title.
    text = re.sub(r"\.\s+(?=[a-zåäö])", " ", text).rstrip(".")
    return text, start, end


def _title_and_kind(
    document: Document, fields: list[Field], municipality: str = ""
) -> list[Proposal]:
    labelled = {id(f.block) for f in fields if f.block.text.lower().startswith(f.label)}
    candidates: list[tuple[str, int, int]] = []
    front = [b for b in document.front if id(b) not in labelled and not _BARE_LABEL.match(b.text)]
    # The title may stand as the first heading, after a web page's or a cover's own lines.
    first_heading = next(
        (b for b in document.blocks[: len(document.front) + 2] if b.kind == "heading"), None
    )
    if first_heading is not None:
        front = [*front, first_heading]
    fragments = _title_fragments(front)
    if fragments is not None:
        candidates.append(fragments)
    run: list[Block] = []
    for block in [*front, None]:
        if block is not None and block.text.isupper() and len(block.text.split()) <= 6:
            run.append(block)
            continue
        if run:
            # A title in capitals over several lines, from the line that names the kind.
            first = next((i for i, b in enumerate(run) if _kind_of(b.text)), 0)
            run = run[first:]
            candidates.append((" ".join(b.text for b in run), run[0].start, run[-1].end))
            run = []
        if block is not None:
            candidates.append((block.text, block.start, block.end))
    found: list[Proposal] = []
    place = short_place(municipality)
    for text, start, end in candidates:
        text, start, end = _title_part(_capitals_run(text), start + text.find(_capitals_run(text)))
        if place and text.endswith(f" {place}"):
            # "Riktlinjer Internationellt arbete Mariestad": the site's name for the file.
            text = text[: -len(place) - 1]
            end = start + len(text)
        if text.isupper():
            text = _one_language(text)
            end = start + len(text)
        kind = _kind_of(text)
        compound = len(text.split()) == 1 and len(text) >= 10  # "Vänortspolicy", "EU-strategi"
        if kind and (len(text.split()) >= 2 or compound) and len(text) <= 200:
            title = _truecase(text, document) if text.isupper() else text
            reason = _("Rubriken i dokumentets huvud.")
            found.append(_proposal("title", title, start, end, "Dokumenthuvud", 0.9, reason))
            found.append(
                _proposal(
                    "kind",
                    kind,
                    start,
                    end,
                    "Dokumenthuvud",
                    0.85,
                    _("Dokumenttypen står i titeln."),
                )
            )
            return found
    # Without a kind word: the heading nearest the text, after a web page's own links.
    for text, start, end in reversed(candidates):
        text, start, end = _title_part(_capitals_run(text), start + text.find(_capitals_run(text)))
        if _SUBJECT_TITLE.search(text) and _title_like(text):
            title = _truecase(text, document) if text.isupper() else text
            return [
                _proposal(
                    "title",
                    title,
                    start,
                    end,
                    "Dokumenthuvud",
                    0.6,
                    _(
                        "Rubriken i dokumentets huvud; den säger inte vilken sorts styrdokument det är."
                    ),
                )
            ]
    labelled_title = _by_label(fields, "dokumentnamn", "dokumenttitel", "titel")
    first = document.blocks[0] if document.blocks else None
    if not labelled_title and first is not None and first.kind in ("front", "heading"):
        text, start, end = _title_part(first.text, first.start)
        if _title_like(text) and len(text.split()) <= 8:
            return [
                _proposal(
                    "title",
                    text,
                    start,
                    end,
                    "Dokumenthuvud",
                    0.4,
                    _("Dokumentets första rad; kontrollera att det är dess titel."),
                )
            ]
    for f in labelled_title:
        kind = _kind_of(f.value)
        found.append(
            _proposal(
                "title",
                f.value,
                f.start,
                f.end,
                "Dokumenthuvud",
                0.7,
                _("Dokumentnamnet i huvudet."),
            )
        )
        if kind:
            found.append(
                _proposal(
                    "kind",
                    kind,
                    f.start,
                    f.end,
                    "Dokumenthuvud",
                    0.7,
                    _("Dokumenttypen står i dokumentnamnet."),
                )
            )
        return found
    return found


def _early_blocks(document: Document) -> list[Block]:
    """The header, then the first and last blocks of the body: where decisions are noted."""
    body = document.body
    seen: set[int] = set()
    out = []
    for block in [*document.front, *body[:8], *body[-4:]]:
        if id(block) not in seen:
            seen.add(id(block))
            out.append(block)
    return out


def _registry(document: Document, fields: list[Field]) -> Proposal | None:
    preferred = _by_label(fields, "diarie", "dokumentnummer", "dnr")
    places = [(f.value, f.start) for f in preferred] + [(b.text, b.start) for b in document.front]
    early = [(b.text, b.start) for b in _early_blocks(document)]
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
                return _proposal(
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


def _adoption(document: Document) -> Adoption | None:
    """The first statement that a named body adopted the document."""
    for block in [*_early_blocks(document), *document.body]:
        for match in _ADOPTION.finditer(block.text):
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


def _reference(block: Block, match: re.Match[str], confidence: float, reason: str) -> Proposal:
    # "KS §12" and "KS § 12" are one reference: written the usual way.
    value = re.sub(r"\s*§\s*", " § ", " ".join(match.group(0).split()))
    section = "Dokumenthuvud" if block.kind == "front" else block.source
    start = block.start + match.start()
    return _proposal(
        "decision_reference", value, start, block.start + match.end(), section, confidence, reason
    )


def _decision_reference(document: Document, adoption: Adoption | None) -> Proposal | None:
    for block in document.front:
        match = _DECISION.search(block.text)
        if match:
            return _reference(block, match, 0.9, _("Beslutsparagrafen i dokumentets huvud."))
    if adoption is not None:
        after = adoption.block.text[adoption.end : adoption.end + 60]
        match = _PARAGRAPH.search(after) or _NUMBERED_DECISION.match(after)
        if match and not re.search(r"[.!?]\s", after[: match.start()]):
            short = _ABBREVIATION.get(adoption.body.kind, "")
            value = f"{short} § {match.group(1)}".strip()
            if match.group(2):
                value += f"/{match.group(2)}"
            start = adoption.block.start + adoption.end + match.start()
            return _proposal(
                "decision_reference",
                value,
                start,
                start + len(match.group(0)),
                adoption.block.source,
                0.85,
                _("Paragrafen i beslutet som antog dokumentet."),
            )
    for block in _early_blocks(document):
        match = _HANDLING.search(block.text) or _DECISION.search(block.text)
        if match:
            return _reference(block, match, 0.8, _("Beslutets nummer i dokumentet."))
    return None


def _adopted_by(
    document: Document, fields: list[Field], decision: Proposal | None, adoption: Adoption | None
) -> Proposal | None:
    for f in _by_label(
        fields,
        "beslutad",
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
            return _proposal(
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
        return _proposal(
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
            return _proposal(
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
                return _proposal(
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
            return _proposal(
                "adopted_by",
                m.ref,
                sentence.start,
                sentence.end,
                sentence.block.source,
                0.75,
                _("Texten säger vem som antar dokumentet."),
            )
    return None


def _adopted_by_registry(registry: Proposal) -> Proposal | None:
    value = str(registry.value["value"])
    if not re.match(r"KSN?\b|KS[ -]?\d", value):
        return None
    return _proposal(
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


def _decided_on(
    document: Document, fields: list[Field], adoption: Adoption | None
) -> Proposal | None:
    ranked = [
        (
            _by_label(
                fields, "beslut", "antagen", "antaget", "godkänd", "fastställd", "fastställt"
            ),
            0.9,
            _("Beslutsdatumet i dokumentets huvud."),
        ),
        (
            _by_label(fields, "dokumentdatum", "datum"),
            0.7,
            _("Dokumentets datum; beslutsdatumet står inte för sig."),
        ),
    ]
    for candidates, confidence, reason in ranked:
        for f in candidates:
            found = parse_date(f.value)
            if found:
                day, start, end = found
                return _proposal(
                    "decided_on",
                    day.isoformat(),
                    f.start + start,
                    f.start + end,
                    "Dokumenthuvud",
                    confidence,
                    reason,
                )
    if adoption is not None:
        after = adoption.block.text[adoption.end : adoption.end + 60]
        found = parse_date(after)
        if found and not re.search(r"[.!?]\s", after[: found[1]]):
            day, start, end = found
            offset = adoption.block.start + adoption.end
            return _proposal(
                "decided_on",
                day.isoformat(),
                offset + start,
                offset + end,
                adoption.block.source,
                0.9,
                _("Datumet då dokumentet antogs."),
            )
    for block in document.front:
        if _ADOPTED_LINE.match(block.text):
            found = parse_date(block.text)
            if found:
                day, start, end = found
                return _proposal(
                    "decided_on",
                    day.isoformat(),
                    block.start + start,
                    block.start + end,
                    "Dokumenthuvud",
                    0.9,
                    _("Datumet då dokumentet antogs, enligt huvudet."),
                )
    return None


def _version(fields: list[Field]) -> Proposal | None:
    for f in _by_label(fields, "version"):
        match = _VERSION.search(f.value)
        if match:
            return _proposal(
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
    for f in _by_label(fields, "dokumentansvarig", "dokumentägare"):
        # A named person is not recorded: the owner is a function or an office.
        if _PERSON.match(f.value) or len(f.value) > 100:
            continue
        return _proposal(
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
                _proposal(
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
                _proposal(
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
                _proposal(
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
                _proposal(
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
                _proposal(
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
