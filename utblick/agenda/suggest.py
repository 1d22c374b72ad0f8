"""Explainable Agenda 2030 suggestions from an activity's own words.

``suggest(text)`` finds the stems of ``sdg_keywords.KEYWORDS`` in the text, inflected
or inside compounds, and proposes each goal whose matched words weigh enough, with
the words (and where they stand, to highlight them), a confidence and the targets
the words point to. Pure functions: no database, nothing learnt, the same answer for
the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from utblick.agenda.sdg_keywords import KEYWORDS
from utblick.core.reference import sdg_name

#: A goal is proposed when its matched words weigh at least this (one strong word).
THRESHOLD = 2
#: Goals whose words are often only the setting of an activity ("skolan", "staden") need
#: a second word: one strong word alone does not propose them.
GOAL_THRESHOLD = {"4": 3, "11": 3}
#: Stems this short match only whole words with an ending ("hav", "havet", "havs").
SHORT = 5
#: Stems at least this long are found inside compounds too ("barnfattigdom").
INNER = 6
ENDINGS = (
    "",
    "s",
    "n",
    "en",
    "et",
    "er",
    "ar",
    "or",
    "na",
    "ens",
    "ets",
    "ns",
    "erna",
    "arna",
    "orna",
    "ernas",
    "arnas",
    "ornas",
    "e",
    "a",
)
_WORD = re.compile(r"[0-9a-zåäöéüæø]+(?:-(?=[a-zåäöéü ]))?", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    goal: str
    keyword: str
    start: int
    end: int
    weight: int
    target: str


@dataclass
class Suggestion:
    goal: str
    score: int
    hits: list[Hit] = field(default_factory=list)

    @property
    def name(self) -> str:
        return sdg_name(self.goal)

    @property
    def confidence(self) -> float:
        """0–1, rising with the weight of the words: one strong word 0.6, two 0.84."""
        return round(min(0.95, 1 - 0.5 ** (self.score / 1.5)), 2)

    @property
    def words(self) -> list[str]:
        return sorted({h.keyword for h in self.hits})

    @property
    def targets(self) -> list[str]:
        return sorted({h.target for h in self.hits if h.target}, key=_target_order)


def _target_order(code: str) -> tuple[int, int, str]:
    goal, _dot, part = code.partition(".")
    return (int(goal), int(part) if part.isdigit() else 100, part)


Entry = tuple[str, tuple[str, ...], int, str]  # goal, stems, weight, target


@cache
def _index() -> tuple[dict[str, list[Entry]], dict[str, list[Entry]], list[Entry]]:
    """Entries by their first two letters (words and phrases apart), and the stems long
    enough to be looked for inside compounds: a token is compared with a handful."""
    words: dict[str, list[Entry]] = {}
    phrases: dict[str, list[Entry]] = {}
    inner: list[Entry] = []
    for goal, entries in KEYWORDS.items():
        for keyword, weight, target in entries:
            entry = (goal, tuple(keyword.lower().split()), weight, target)
            first = entry[1][0]
            (words if len(entry[1]) == 1 else phrases).setdefault(first[:2], []).append(entry)
            if len(entry[1]) == 1 and len(first) >= INNER:
                inner.append(entry)
    return words, phrases, inner


def _starts(stem: str, token: str) -> bool:
    """The token is the stem inflected: any ending for a long stem, a short list for a short."""
    if not token.startswith(stem):
        return False
    return len(stem) >= SHORT or token[len(stem) :] in ENDINGS


def find_hits(text: str) -> list[Hit]:
    tokens = [(m.group(0).lower().rstrip("-"), m.start(), m.end()) for m in _WORD.finditer(text)]
    words, phrases, inner = _index()
    hits = []
    for i, (token, start, end) in enumerate(tokens):
        for goal, stems, weight, target in words.get(token[:2], ()):
            if _starts(stems[0], token):
                hits.append(Hit(goal, stems[0], start, end, weight, target))
        if len(token) >= INNER + 3:
            # Inside a compound: "barn|fattigdom", "köns|jämställdhet".
            for goal, stems, weight, target in inner:
                if token.find(stems[0], 3) > 0 and not token.startswith(stems[0]):
                    hits.append(Hit(goal, stems[0], start, end, weight, target))
        for goal, stems, weight, target in phrases.get(token[:2], ()):
            window = tokens[i : i + len(stems)]
            if len(window) == len(stems) and all(
                _starts(stem, word) for stem, (word, _s, _e) in zip(stems, window, strict=True)
            ):
                hits.append(Hit(goal, " ".join(stems), start, window[-1][2], weight, target))
    return hits


def _longest(hits: list[Hit]) -> list[Hit]:
    """Within a goal, a word inside a longer matched phrase counts once, as the phrase."""
    kept: list[Hit] = []
    for hit in sorted(
        hits, key=lambda h: (h.start, -(h.end - h.start), -len(h.keyword), -h.weight)
    ):
        if not any(k.start <= hit.start and hit.end <= k.end for k in kept):
            kept.append(hit)
    return kept


def suggest(text: str, threshold: int = THRESHOLD) -> list[Suggestion]:
    """The goals the text speaks of, strongest first, each with the words that said so."""
    by_goal: dict[str, list[Hit]] = {}
    for hit in find_hits(text):
        by_goal.setdefault(hit.goal, []).append(hit)
    suggestions = []
    for goal, hits in by_goal.items():
        kept = _longest(hits)
        score = sum({h.keyword: h.weight for h in kept}.values())
        if score >= max(threshold, GOAL_THRESHOLD.get(goal, 0)):
            suggestions.append(Suggestion(goal, score, kept))
    return sorted(suggestions, key=lambda s: (-s.score, int(s.goal)))
