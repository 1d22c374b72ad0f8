"""What extraction proposes: one element of the configuration with the passage it comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from utblick.core.text import key_from_name

#: The element classes of a draft, in the order the review screen shows them.
ELEMENTS = (
    "metadata",
    "focus_area",
    "goal",
    "principle",
    "responsibility",
    "cadence",
    "taxonomy",
)
#: Document facts a draft can propose, in the order of the policy file.
METADATA_FIELDS = (
    "kind",
    "title",
    "adopted_by",
    "decided_on",
    "registry_number",
    "decision_reference",
    "version",
    "revision",
    "owner",
    "purpose",
    "vision",
)


@dataclass
class Passage:
    """Characters ``start``–``end`` of the cleaned text, in the section ``section``."""

    start: int
    end: int
    section: str = ""

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass
class Proposal:
    element: str
    value: dict[str, Any]
    passages: list[Passage]
    confidence: float
    reason: str
    field: str = ""

    @property
    def passage(self) -> Passage:
        return self.passages[0]

    @property
    def source(self) -> str:
        sections: list[str] = []
        for passage in self.passages:
            if passage.section and passage.section not in sections:
                sections.append(passage.section)
        return "; ".join(sections)


_WORD = re.compile(r"[0-9a-zåäöéü]+")


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def dice(a: str, b: str) -> float:
    """Token overlap of two texts, 0–1 (Sørensen–Dice on word multisets)."""
    left, right = tokens(a), tokens(b)
    if not left or not right:
        return 0.0
    counts: dict[str, int] = {}
    for token in left:
        counts[token] = counts.get(token, 0) + 1
    common = 0
    for token in right:
        if counts.get(token, 0) > 0:
            counts[token] -= 1
            common += 1
    return 2 * common / (len(left) + len(right))


def containment(a: str, b: str) -> float:
    """How much of the shorter text the longer one contains, 0–1."""
    left, right = tokens(a), tokens(b)
    if not left or not right:
        return 0.0
    shorter, longer = sorted((left, right), key=len)
    pool: dict[str, int] = {}
    for token in longer:
        pool[token] = pool.get(token, 0) + 1
    common = 0
    for token in shorter:
        if pool.get(token, 0) > 0:
            pool[token] -= 1
            common += 1
    return common / len(shorter)


def key_for(text: str, taken: set[str], words: int = 5) -> str:
    """A policy-file key from the first words of ``text``, unique within ``taken``."""

    base = key_from_name(" ".join(text.split()[:words]).replace("_", " "))[:50].strip("-") or "del"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    taken.add(key)
    return key
