"""Which rule a principle suggests, from the words of the sentence that states it.

Each rule type of :mod:`utblick.policies.rule_catalogue` has a Swedish
pattern: two anchors that must both occur (e.g. "bistånd" and "hela
finansieringen … annan part"). A match gives the rule with its parameters, a
severity (a requirement stops, a recommendation warns), a confidence and the
words that triggered it, so the reviewer sees why it was proposed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_I = re.IGNORECASE


@dataclass(frozen=True)
class RuleSuggestion:
    id: str
    severity: str
    confidence: float
    trigger: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_value(self) -> dict[str, Any]:
        return {"id": self.id, "severity": self.severity, "params": dict(self.params)}


@dataclass(frozen=True)
class _Rule:
    id: str
    first: re.Pattern[str]
    second: re.Pattern[str]
    severity: str
    confidence: float
    params: Callable[[str], dict[str, Any] | None] = lambda text: {}
    unless: re.Pattern[str] | None = None


_ACTIVITY_NOUNS = [
    (re.compile(r"vänort", _I), "twin_city"),
    (re.compile(r"partnerskap|samarbetsavtal", _I), "partnership"),
    (re.compile(r"nätverk|medlemskap", _I), "network"),
]
#: The kinds of activity in which children and young people take part themselves.
CHILD_KINDS = ["project", "event", "partnership", "twin_city"]


def _kinds(text: str) -> list[str]:
    return [kind for pattern, kind in _ACTIVITY_NOUNS if pattern.search(text)]


def _review_params(text: str) -> dict[str, Any] | None:
    kinds = _kinds(text)
    if not kinds:
        return None
    months = 24
    if re.search(r"\bårligen\b|\bvarje år\b", text, _I):
        months = 12
    elif re.search(r"\bvart tredje år\b", text, _I):
        months = 36
    return {"months": months, "kinds": kinds}


def _deciding_params(text: str) -> dict[str, Any] | None:
    window = re.search(r"(?:fattar beslut|beslutar|beslut)\s+om\s+(.{0,80})", text, _I)
    kinds = _kinds(window.group(1)) if window else []
    return {"kinds": kinds} if kinds else None


RULES = [
    _Rule(
        "aid-fully-external",
        re.compile(r"bistånd\w*", _I),
        re.compile(
            r"\b(?:hela|helt|fullt?)\s+(?:\w+\s+){0,3}?finansier\w*|finansier\w*\s+(?:\w+\s+){0,5}?"
            r"(?:annan part|externt?|helt)|\bannan part\b|\bSida\b",
            _I,
        ),
        "error",
        0.9,
    ),
    _Rule(
        "twinning-discouraged",
        re.compile(r"vänort\w*", _I),
        re.compile(
            r"\binte\s+(?:är\s+att\s+|att\s+)?rekommender\w*|\brekommenderas\s+inte\b|\bavråd\w*"
            r"|\bundvik\w*|\binga nya\b|\binte\s+(?:teckna|ingå)\w*",
            _I,
        ),
        "warning",
        0.85,
    ),
    _Rule(
        "policy-revision-term",
        re.compile(r"\b(?:ompröv|revider|revision|översyn|uppdater)\w*", _I),
        re.compile(r"\bmandatperiod\w*", _I),
        "warning",
        0.9,
    ),
    _Rule(
        "review-interval",
        re.compile(r"\bompröv\w*|\bses över\b|\butvärder\w*|\bgranska\w*", _I),
        re.compile(
            r"\bregelbundet\b|\bårligen\b|\blöpande\b|\bvart\s+\w+\s+år\b|\bvarje år\b"
            r"|\bmed jämna mellanrum\b",
            _I,
        ),
        "warning",
        0.8,
        _review_params,
        re.compile(r"handlingsplan|mandatperiod", _I),
    ),
    _Rule(
        "deciding-body",
        re.compile(r"\b(?:fattar beslut|beslutar|beslut)\s+om\b", _I),
        re.compile(r"vänort\w*|partnerskap\w*|samarbetsavtal\w*|medlemskap\w*|nätverk\w*", _I),
        "error",
        0.85,
        _deciding_params,
    ),
    _Rule(
        "contact-per-office",
        re.compile(r"kontaktperson\w*", _I),
        re.compile(
            r"\bvarje\s+(?:kontor|förvaltning|sektor|avdelning|enhet)\w*|\bper\s+(?:kontor|förvaltning|sektor)",
            _I,
        ),
        "error",
        0.9,
        lambda text: {"office_kinds": ["department"]},
    ),
    _Rule(
        "yearly-action-plan",
        re.compile(r"handlingsplan\w*", _I),
        re.compile(r"\bårlig\w*|\bvarje år\b", _I),
        "error",
        0.85,
    ),
    _Rule(
        "followup-per-period",
        re.compile(r"tertial\w*|delår\w*|\bbokslut\w*|kvartal\w*", _I),
        re.compile(
            r"\b(?:redovis|rapporter|presenter|sammanställ|återrapporter)\w*|rapportering\b"
            r"|\bföljs? upp\b|\bföljas upp\b",
            _I,
        ),
        "error",
        0.75,
    ),
    _Rule(
        "project-goal-link",
        re.compile(
            r"\bkoppling\w*\s+till\s+(?:\w+\s+){0,3}?(?:verksamhetsutveckling|mål|utvecklingsområde|strategi)\w*"
            r"|\b(?:projekt|samarbeten)\w*\s+(?:\w+\s+){0,2}?inom\s+(?:\w+\s+){0,2}?utvecklingsområde\w*",
            _I,
        ),
        re.compile(r".", _I),
        "warning",
        0.7,
    ),
    _Rule(
        "child-perspective",
        re.compile(
            r"\bbarn\s*(?:-\s*)?och\s*(?:unga|ungdom\w*)|\bbarnperspektiv\w*|\bbarnkonvention\w*"
            r"|\bbarnrätt\w*|\bbarns\s+rättigheter",
            _I,
        ),
        re.compile(
            r"fokus\w*|perspektiv\w*|uppmuntra\w*|gynna\w*|främja\w*|beakta\w*|prioriter\w*", _I
        ),
        "warning",
        0.75,
        lambda text: {"kinds": list(CHILD_KINDS)},
    ),
]
_REQUIREMENT = re.compile(r"\b(?:ska|skall)\s+finnas\b|\bkrav\b|\bmåste\b", _I)


def suggest_rule(sentence: str) -> RuleSuggestion | None:
    """The rule ``sentence`` most likely states, or None."""
    best: RuleSuggestion | None = None
    for rule in RULES:
        first = rule.first.search(sentence)
        second = rule.second.search(sentence) if first else None
        if not first or not second:
            continue
        if rule.unless is not None and rule.unless.search(sentence):
            continue
        params = rule.params(sentence)
        if params is None:
            continue
        severity = rule.severity
        if rule.id == "project-goal-link" and _REQUIREMENT.search(sentence):
            severity = "error"
        words = [first.group(0)]
        if second.group(0) not in first.group(0) and second.group(0) != ".":
            words.append(second.group(0))
        suggestion = RuleSuggestion(rule.id, severity, rule.confidence, " … ".join(words), params)
        if best is None or suggestion.confidence > best.confidence:
            best = suggestion
    return best
