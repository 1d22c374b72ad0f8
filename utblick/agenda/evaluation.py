"""How well the suggestions agree with people: precision and recall on labelled descriptions.

The labelled sets are in ``agenda/sdg_eval/``: ``dev.jsonl`` (used while writing the
keyword ontology) and ``heldout.jsonl`` (written apart from it and never used to tune
it). A pair (description, goal) is the unit: a suggested goal the people labelled is
right, one they did not is wrong, a labelled goal not suggested is missed.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from utblick.agenda.suggest import THRESHOLD, suggest

SETS = Path(__file__).parent / "sdg_eval"


@dataclass
class Score:
    name: str
    descriptions: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    per_goal: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 0.0

    @property
    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 0.0


def labelled(name: str) -> list[dict]:
    path = SETS / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def evaluate(name: str, threshold: int = THRESHOLD) -> Score:
    score = Score(name)
    for item in labelled(name):
        score.descriptions += 1
        expected = set(item["goals"])
        proposed = {s.goal for s in suggest(item["text"], threshold)}
        for goal in expected | proposed:
            outcome = (
                "right"
                if goal in expected and goal in proposed
                else "wrong"
                if goal in proposed
                else "missed"
            )
            setattr(score, outcome, getattr(score, outcome) + 1)
            score.per_goal.setdefault(goal, Counter())[outcome] += 1
    return score


def report(score: Score) -> list[str]:
    lines = [
        f"{score.name}: {score.descriptions} beskrivningar, precision "
        f"{score.precision:.1%}, täckning (recall) {score.recall:.1%} "
        f"({score.right} rätt, {score.wrong} fel, {score.missed} missade)"
    ]
    for goal in sorted(score.per_goal, key=int):
        c = score.per_goal[goal]
        lines.append(
            f"  mål {goal:>2}: {c['right']:3} rätt {c['wrong']:3} fel {c['missed']:3} missade"
        )
    return lines
