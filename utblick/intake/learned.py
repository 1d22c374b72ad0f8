"""Goals and principles the rules did not find, read by a model learned from the corpus.

The rules in extract_elements and extract_principles read the forms of text
they were written for. A sentence in a form none of them knows ("Parterna
avser bidra till …", "Vårt uppdrag är att …") is weighed here instead by a
logistic regression trained on the development half of the corpus
(``learned_training`` fits it; ``learned_model.json`` holds its weights).
Each sentence is described by its words and word pairs, the title of its
section, the sentence that leads in its list, and its kind and length; the
model gives the chance that an official would annotate it as a goal, a
principle, a focus area or nothing. A sentence is proposed when a goal or a
principle is the likeliest reading and at least ``THRESHOLD`` likely, no
rule's proposal already cites it, and no rule weighed it: the rules read
every sentence that binds (*ska*, *bör* …) or names an aim (*syftet*, *målet*
…), and where they passed one over (a project's or a named network's
purpose, the document's own) they did so on purpose.

Nothing here knows a municipality or a document: the weights are word
statistics, and every proposal cites its sentence like any other.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from django.utils.translation import gettext as _

from utblick.intake.lexicon import is_normative
from utblick.intake.proposals import Passage, Proposal
from utblick.intake.structure import Block, Document

MODEL_FILE = "learned_model.json"
#: The least likelihood of its reading at which a sentence is proposed: with each half of the
#: corpus left out of training in turn, goals read at 0.7 or more were right three times in four.
THRESHOLD = 0.7
#: The classes a learned reading may propose (focus areas need a name and a list; the rules
#: read those).
PROPOSED = {"goal": "goal", "principle": "principle"}
#: The parts of a sentence's description, each with its longest word sequence.
PARTS = (("text", 2), ("section", 2), ("lead", 1))
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
#: A sentence that names an aim ("Syftet med …", "… syftar till …", "Målet är …"): the rules
#: weighed it, and where they passed it over (a named network's or a project's purpose, the
#: document's own) they did so on purpose.
_NAMES_AN_AIM = re.compile(
    r"\b(?:syft\w*|mål|målet|målen|målsättning\w*|ambition\w*|avsikt\w*)\b", re.I
)


@dataclass
class Candidate:
    """One sentence, or one heading, as the model sees it."""

    start: int
    end: int
    text: str
    block: Block
    position: int

    def description(self) -> dict[str, Any]:
        """The words the model weighs, by part, and its flags."""
        section = self.block.section
        lead = self.block.lead
        length = len(self.text.split())
        return {
            "text": self.text,
            "section": section.title if section is not None else "",
            "lead": lead.text if lead is not None else "",
            "flags": {
                f"kind={self.block.kind}": 1,
                "first": int(self.position == 0),
                f"length={min(length // 5, 8)}": 1,
            },
        }


def candidates(document: Document) -> Iterator[Candidate]:
    """Every heading and every sentence of a paragraph or list item, in order."""
    for block in document.blocks:
        if block.kind == "heading":
            yield Candidate(block.start, block.end, block.text, block, 0)
        elif block.kind in ("item", "paragraph"):
            for sentence in document.sentences(block):
                yield Candidate(
                    sentence.start, sentence.end, sentence.text, block, sentence.position
                )


def terms(text: str, longest: int) -> Counter[str]:
    """Lower-cased words of two letters or more, and their runs up to ``longest`` words."""
    words = _TOKEN.findall(text.lower())
    found: Counter[str] = Counter()
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            found[" ".join(words[i : i + n])] += 1
    return found


@cache
def model() -> dict[str, Any]:
    path = resources.files("utblick.intake").joinpath(MODEL_FILE)
    return json.loads(path.read_text(encoding="utf-8"))


def likelihoods(
    description: dict[str, Any], weights: dict[str, Any] | None = None
) -> dict[str, float]:
    """The chance of each reading: softmax of the weighed, normalised term frequencies."""
    weights = weights or model()
    classes = weights["classes"]
    scores = list(weights["intercept"])
    for part, longest in PARTS:
        table = weights["parts"][part]
        values = {}
        for term, count in terms(description[part], longest).items():
            if term in table:
                values[term] = (1 + math.log(count)) * table[term][0]
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        for term, value in values.items():
            row = table[term]
            for k in range(len(classes)):
                scores[k] += value / norm * row[k + 1]
    for flag, value in description["flags"].items():
        row = weights["flags"].get(flag)
        if row is not None:
            for k in range(len(classes)):
                scores[k] += value * row[k]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {c: e / total for c, e in zip(classes, exps, strict=True)}


def learned_proposals(document: Document, taken: list[tuple[int, int]]) -> list[Proposal]:
    """Goals and principles in sentences no rule's proposal cites."""
    found = []
    for candidate in candidates(document):
        if candidate.block.kind == "heading" or candidate.text.rstrip().endswith(":"):
            continue  # a heading names; a lead ("… ska bidra till att:") hands on to its items
        if is_normative(candidate.text) or _NAMES_AN_AIM.search(candidate.text):
            continue  # what binds or names an aim the rules read, and passed over on purpose
        if any(candidate.start < end and start < candidate.end for start, end in taken):
            continue
        chances = likelihoods(candidate.description())
        reading = max(chances, key=chances.__getitem__)
        if reading not in PROPOSED or chances[reading] < THRESHOLD:
            continue
        element = PROPOSED[reading]
        value: dict[str, Any] = {"text": candidate.text}
        if element == "principle":
            value["rule"] = None
        section = candidate.block.source
        found.append(
            Proposal(
                element,
                value,
                [Passage(candidate.start, candidate.end, section)],
                round(min(chances[reading], 0.7), 2),
                _(
                    "Ingen regel känner igen meningens form, men den liknar meningar som "
                    "handläggare har läst som %(reading)s i andra kommuners dokument "
                    "(sannolikhet %(chance)d %%)."
                )
                % {
                    "reading": _("mål") if element == "goal" else _("princip"),
                    "chance": round(100 * chances[reading]),
                },
            )
        )
    return found
