"""A cleaned document's structure: its header, sections, lists, paragraphs and sentences.

Sections are found by their numbering ("4.", "4.1", "i)") or, without
numbers, by their layout: a short line without a full stop that starts a new
block. Every block and sentence keeps its character offsets in the cleaned
text and the section it stands in, so that each proposal can cite its passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from utblick.intake.lexicon import NAME_WORDS, SECTION_WORDS, opens_infinitive

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_LETTERED = re.compile(r"^([ivxlc]+|[a-h])\)\s+(\S.*)$")
_LABEL = re.compile(r"^[A-ZÅÄÖ][\w/ -]{1,30}:(?:\s|$)")
_FINITE = re.compile(r"\b(ska|skall|är|har|kan|bör|måste|blir|finns)\b", re.IGNORECASE)
_ABBREVIATIONS = {
    "t.ex",
    "bl.a",
    "m.m",
    "mm",
    "s.k",
    "dvs",
    "d.v.s",
    "ca",
    "nr",
    "o.s.v",
    "jfr",
    "resp",
    "kap",
    "f.d",
    "p.g.a",
    "pga",
    "inkl",
    "exkl",
    "enl",
    "fr.o.m",
    "t.o.m",
    "ang",
    "tel",
    "e.d",
    "m.fl",
    "o.d",
    "osv",
    "st",
    "kl",
}
#: (a quotation's omission mark between two sentences, "… mångfald. […] Skolan ska …", is
#: neither's)
_BOUNDARY = re.compile(
    r"[.!?][\"”’)]*\s+(?:[\[(](?:…|\.\.\.)[\])]\s+)?(?=[\"”“(]?[A-ZÅÄÖ0-9]|\(\*)"
)


@dataclass(eq=False)
class Heading:
    text: str
    title: str
    number: str
    level: int
    start: int
    end: int
    parent: Heading | None = None

    @property
    def source(self) -> str:
        """How an element cites it: "4. Principer", "3 i) Påverkan och omvärldsbevakning"."""
        if self.number.endswith(")") and self.parent is not None and self.parent.number:
            return f"{self.parent.number.rstrip('.')} {self.text}"
        return self.text

    def within(self, other: Heading) -> bool:
        heading: Heading | None = self
        while heading is not None:
            if heading is other:
                return True
            heading = heading.parent
        return False


@dataclass(eq=False)
class Block:
    index: int
    kind: str  # "front", "heading", "item" or "paragraph"
    text: str
    start: int
    end: int
    section: Heading | None = None
    heading: Heading | None = None  # for a heading block: the heading itself
    lead: Block | None = None  # for a list item: the paragraph introducing the list

    @property
    def source(self) -> str:
        if self.kind == "front":
            return "Dokumenthuvud"
        if self.kind == "heading" and self.heading is not None:
            return self.heading.source
        return self.section.source if self.section is not None else ""


@dataclass(eq=False)
class Sentence:
    text: str
    start: int
    end: int
    block: Block
    position: int  # 0 for the block's first sentence

    @property
    def section(self) -> Heading | None:
        return self.block.section


@dataclass
class Document:
    text: str
    blocks: list[Block]
    headings: list[Heading] = field(default_factory=list)

    @property
    def front(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "front"]

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.kind != "front"]

    def in_section(self, heading: Heading, nested: bool = True) -> list[Block]:
        return [
            b
            for b in self.blocks
            if b.kind in ("item", "paragraph")
            and b.section is not None
            and (b.section.within(heading) if nested else b.section is heading)
        ]

    def subheadings(self, heading: Heading) -> list[Heading]:
        return [h for h in self.headings if h.parent is heading]

    def sentences(self, block: Block) -> list[Sentence]:
        return [
            Sentence(
                self.text[block.start + a : block.start + b],
                block.start + a,
                block.start + b,
                block,
                i,
            )
            for i, (a, b) in enumerate(split_sentences(block.text))
        ]

    def all_sentences(self) -> Iterator[Sentence]:
        for block in self.body:
            if block.kind in ("item", "paragraph"):
                yield from self.sentences(block)


def lead_sentence(lead: Block) -> str:
    """The last sentence of a list's lead, the one that leads in the list: "… EU-mål som ska
    brytas ned m.m. Här finns några exempel på vad EU påverkar:" leads in examples. Any full
    stop before a capital ends a sentence here, as the lead's own sentence starts afresh."""
    return re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", lead.text)[-1]


def headed_lists(document: Document, lead: Block) -> list[tuple[Block, list[Block]]]:
    """The lists a lead goes on with under headings of their own, each with its heading:
    "För enheten innebär fokusområdena följande:" then "Bevaka EU" • "svara för …" • … then
    "Dra nytta av EU" • …. Their items go on the lead's sentence, so they open in lower case.
    """
    found: list[tuple[Block, list[Block]]] = []
    blocks = document.blocks[lead.index + 1 :]
    at = 0
    while at < len(blocks) and blocks[at].kind == "heading":
        items = []
        for block in blocks[at + 1 :]:
            if block.kind != "item":
                break
            items.append(block)
        if not items or not all(item.text[:1].islower() for item in items):
            break
        found.append((blocks[at], items))
        at += 1 + len(items)
    return found


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text``; "t.ex. Sida" and "bl.a." do not end a sentence."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        words = text[start : match.start()].rsplit(" ", 2)
        before = words[-1].lstrip("(")
        # "t.ex. Sida", initials ("A. Berg") and section numbers ("1. Inledning") do not
        # end a sentence; a paragraph's number after a comma does ("Fastställd av
        # regionfullmäktige , 98. Syftet …")
        listed = len(words) > 1 and words[-2].endswith(",") and before[:1].isdigit()
        if before.lower() in _ABBREVIATIONS or (
            re.fullmatch(r"[A-ZÅÄÖ]|\d{1,2}(?:\.\d{1,2})*", before) and not listed
        ):
            continue
        end = match.start() + 1
        while end < len(text) and text[end] in '"”’)':
            end += 1
        spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


#: A list's lead that ends on its modal, without a colon: "Internationella enheten ska".
#: … or on its "att": "Målsättningen är att" over "• skapa vänskap …".
OPEN_LEAD = re.compile(
    r"\s(?:ska|skall|bör)$|\b(?:är|till)\s+att$"
    # "För att nå de uppställda målen ska rådet i första hand" over what it shall do
    r"|\s(?:ska|skall|bör)\s+(?:\S+\s+){0,3}?(?:i\s+första\s+hand|främst|bland\s+annat)$",
    re.IGNORECASE,
)
#: A web page's question heading: "Vad kan internationella enheten erbjuda?", "Vilka är våra mål?".
_QUESTION = re.compile(r"^(?:Vad|Vilka|Vilken|Vilket|Hur|Varför|Vem|När)\b(?:[^.!?:]|:(?=\w))*\?$")


def _short(text: str, words: int) -> bool:
    return 0 < len(text.split()) <= words and len(text) <= 90


def _heading_title(text: str, words: int) -> bool:
    return (
        _short(text, words)
        and text[:1].isupper()
        and not text.endswith((".", ":", ";", ",", "!"))
        and not _FINITE.search(text)
        and not _LABEL.match(text)
    )


def _is_body(text: str) -> bool:
    """A paragraph of prose; a long title line has neither a verb nor a full stop."""
    words = len(text.split())
    prose = text.endswith((".", "!", "?", ":")) or bool(_FINITE.search(text)) or words > 25
    return not _LABEL.match(text) and (
        (words >= 12 and prose) or (words >= 6 and text.endswith("."))
    )


def is_lead(line: str) -> bool:
    """A sentence that leads in a list ("Syftet med avtalet är:"), not a label ("Dnr:")."""
    words = len(line.split())
    # ("Vi ska:", "Regionen vill:": two words, the second its modal, lead one in too)
    modal = words == 2 and bool(re.fullmatch(r"\S+\s+(?:ska|skall|bör|vill):", line, re.I))
    return line.endswith(":") and (words >= 3 or modal) and not line.startswith("- ")


def parse(text: str) -> Document:
    """The structure of a cleaned text (see :mod:`utblick.intake.normalise`)."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line))
        offset += len(line) + 1
    # The header ends at the first paragraph, or at the first list when the document
    # starts with headings and lists ("Mål" then "- Skapa kontakter …").
    first_body = next(
        (
            i
            for i, (_, line) in enumerate(lines)
            if (not line.startswith("- ") and _is_body(line))
            or (
                line.startswith("- ")
                and i > 0
                and (_heading_line(lines[i - 1][1]) is not None or is_lead(lines[i - 1][1]))
            )
        ),
        len(lines),
    )
    front_end = first_body
    if front_end > 0 and is_lead(lines[front_end - 1][1]):
        front_end -= 1  # "Syftet med vänortsavtalet är:" over the list that opens the text
    elif front_end > 0 and _heading_line(lines[front_end - 1][1]) is not None:
        front_end -= 1
    numbered = any(_NUMBERED.match(line) and _heading_line(line) for _, line in lines[front_end:])
    document = Document(text, [])
    stack: list[Heading] = []
    last_numbered_level = 0
    for index, (start, line) in enumerate(lines):
        end = start + len(line)
        if index < front_end:
            document.blocks.append(Block(index, "front", line, start, end))
            continue
        section = stack[-1] if stack else None
        if line.startswith("- "):
            content = line[2:].lstrip()
            block = Block(index, "item", content, end - len(content), end, section)
            block.lead = _lead(document.blocks, section)
            # "– Vårt fokus ligger nu på … Vårt syfte är att …": a quotation set off with a
            # dash, a paragraph of its own, not an item of a list no lead announced
            # (after a list of names too: "Tillgänglighet", then "– Dessa områden har …", but
            # not after a list of duties: "Bevaka EU-frågor")
            previous = document.blocks[-1] if document.blocks else None
            listed = previous is not None and previous.kind == "item"
            named = (
                listed
                and len(previous.text.split()) <= NAME_WORDS
                and not opens_infinitive(previous.text)
            )
            quoted = len(split_sentences(content)) >= 3
            if quoted and ((block.lead is None and not listed) or named):
                block.kind = "paragraph"
                block.lead = None
            document.blocks.append(block)
            continue
        parsed = _heading_line(line)
        next_line = lines[index + 1][1] if index + 1 < len(lines) else ""
        if parsed is None and next_line.startswith("- ") and _LIST_LABEL.fullmatch(line):
            parsed = ("", line[:-1])  # "Ingående moment/ämnen:" over its list: a heading
        if parsed is not None and next_line:
            number, title = parsed
            if number and not number.endswith(")"):
                level = number.rstrip(".").count(".") + 1
                last_numbered_level = level
            elif number:
                level = last_numbered_level + 1
            else:
                level = last_numbered_level + 1 if numbered and last_numbered_level else 1
            while stack and stack[-1].level >= level:
                stack.pop()
            heading = Heading(line, title, number, level, start, end, stack[-1] if stack else None)
            stack.append(heading)
            document.headings.append(heading)
            document.blocks.append(
                Block(index, "heading", line, start, end, heading.parent, heading)
            )
            continue
        document.blocks.append(Block(index, "paragraph", line, start, end, section))
    return document


_SECTION_LABEL = re.compile(rf"(?:{SECTION_WORDS}):")
#: A name of one or two words with a colon ("Ingående moment/ämnen:"), no verb ("Syftet är:",
#: "Detta innebär:" lead a list).
_LIST_LABEL = re.compile(
    r"[A-ZÅÄÖ][\w/-]*(?:\s+(?!(?:är|har|ska|skall|blir|kan|bör|vill|innebär|gäller|omfattar)\b)"
    r"[\w/-]+)?:"
)


def _heading_line(line: str) -> tuple[str, str] | None:
    """(number, title) when the line reads as a heading, else None."""
    for pattern, words in ((_NUMBERED, 12), (_LETTERED, 10)):
        match = pattern.match(line)
        if match and _heading_title(match.group(2), words):
            number = match.group(1) + (")" if pattern is _LETTERED else "")
            if pattern is _NUMBERED and line[len(match.group(1)) : len(match.group(1)) + 1] == ".":
                number += "."
            return number, match.group(2)
    if _heading_title(line, 8) or (_QUESTION.match(line) and _short(line, 10)):
        return "", line
    if _SECTION_LABEL.fullmatch(line):
        return "", line[:-1]  # "Mål:" over its list: the section's heading, said as a label
    return None


def _lead(blocks: list[Block], section: Heading | None) -> Block | None:
    for block in reversed(blocks):
        if block.kind == "item":
            continue
        if (
            block.kind == "paragraph"
            and block.section is section
            and (block.text.endswith((":", ";")) or OPEN_LEAD.search(block.text))
        ):
            return block
        return None
    return None
