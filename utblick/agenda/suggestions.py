"""Suggestions for one activity, as its page and the review queue show them.

Reads only: the activity's own text, its tags and the decisions already made. The
text is cut into segments so a template can mark the words that triggered a goal
without marking anything up itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch

from utblick.activities.models import Activity
from utblick.agenda.models import Decision, SdgDecision
from utblick.agenda.suggest import Hit, Suggestion, suggest
from utblick.core.sdg_targets import TARGETS
from utblick.policies.models import Builtin, PolicyStatus, Term

TARGET_NAMES = dict(TARGETS)
#: The activity's fields the suggestions read, in this order.
TEXT_FIELDS = ("title", "summary", "description", "purpose", "benefit", "report")


def activity_text(activity: Activity) -> str:
    return "\n".join(v for f in TEXT_FIELDS if (v := (getattr(activity, f, "") or "").strip()))


@dataclass
class Proposal:
    """A suggested goal with its targets, and what has been decided about each."""

    suggestion: Suggestion
    decision: str = ""  # "" open, or Decision
    #: The words as they stand in the text ("Jämställdhetsarbetet"), first one first.
    words: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, decision)

    @property
    def goal(self) -> str:
        return self.suggestion.goal

    @property
    def percent(self) -> int:
        return round(self.suggestion.confidence * 100)


@dataclass
class ActivitySuggestions:
    text: str
    segments: list[tuple[str, str]]  # (text, goals it marks, "" for none)
    proposals: list[Proposal]
    can_tag_goals: bool
    can_tag_targets: bool

    @property
    def open(self) -> list[Proposal]:
        return [p for p in self.proposals if not p.decision]


def segments(text: str, hits: list[Hit]) -> list[tuple[str, str]]:
    """The text cut at the hits: (piece, "13 11") for a marked piece, (piece, "") otherwise."""
    spans: list[tuple[int, int, set[str]]] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if spans and h.start < spans[-1][1]:
            start, end, goals = spans[-1]
            spans[-1] = (start, max(end, h.end), goals | {h.goal})
        else:
            spans.append((h.start, h.end, {h.goal}))
    pieces, at = [], 0
    for start, end, goals in spans:
        if start > at:
            pieces.append((text[at:start], ""))
        pieces.append((text[start:end], " ".join(sorted(goals, key=int))))
        at = end
    if at < len(text):
        pieces.append((text[at:], ""))
    return pieces


def _words(text: str, hits: list[Hit]) -> list[str]:
    seen: dict[str, str] = {}
    for h in sorted(hits, key=lambda h: h.start):
        word = text[h.start : h.end]
        seen.setdefault(word.lower(), word)
    return list(seen.values())


def _tagged_codes(activity: Activity) -> set[str]:
    return {
        t.code
        for t in activity.terms.all()
        if t.taxonomy.builtin in (Builtin.AGENDA2030, Builtin.AGENDA2030_TARGETS)
    }


def _policy_builtins(activity: Activity) -> set[str]:
    return set(
        Term.objects.filter(
            taxonomy__policy__municipality_id=activity.municipality_id,
            taxonomy__policy__status=PolicyStatus.IN_FORCE,
            taxonomy__builtin__in=[Builtin.AGENDA2030, Builtin.AGENDA2030_TARGETS],
        ).values_list("taxonomy__builtin", flat=True)
    )


def activity_suggestions(activity: Activity) -> ActivitySuggestions:
    """The goals the activity's text suggests that it is not tagged with yet."""
    text = activity_text(activity)
    found = suggest(text)
    tagged = _tagged_codes(activity)
    decided = {d.code: d.decision for d in SdgDecision.objects.filter(activity=activity)}
    proposals = []
    for s in found:
        if s.goal in tagged and decided.get(s.goal) != Decision.ACCEPTED:
            continue  # tagged by hand: nothing to suggest
        targets = [
            (code, TARGET_NAMES.get(code, ""), decided.get(code, ""))
            for code in s.targets
            if code not in tagged
        ]
        proposals.append(Proposal(s, decided.get(s.goal, ""), _words(text, s.hits), targets))
    hits = [h for p in proposals for h in p.suggestion.hits]
    builtins = _policy_builtins(activity)
    return ActivitySuggestions(
        text,
        segments(text, hits),
        proposals,
        Builtin.AGENDA2030 in builtins,
        Builtin.AGENDA2030_TARGETS in builtins,
    )


def review_queryset(municipality: Any) -> Any:
    """Activities in work without a goal of Agenda 2030, newest first: the coordinator's queue."""
    has_goal = Term.objects.filter(
        activities=OuterRef("pk"),
        taxonomy__builtin__in=[Builtin.AGENDA2030, Builtin.AGENDA2030_TARGETS],
    )
    return (
        Activity.objects.current()
        .filter(municipality=municipality)
        .exclude(status__in=["ended", "rejected"])
        .annotate(has_goal=Exists(has_goal))
        .filter(has_goal=False)
        .select_related("unit")
        .prefetch_related(
            Prefetch("terms", queryset=Term.objects.select_related("taxonomy")),
            Prefetch("sdg_decisions", to_attr="decision_list"),
        )
        .order_by("-updated_at", "-pk")
    )


def queue_rows(activities: list[Activity]) -> list[tuple[Activity, list[Proposal]]]:
    """Each activity of a page with its open proposals (no queries: all prefetched)."""
    rows = []
    for a in activities:
        decided = {d.code: d.decision for d in a.decision_list}
        tagged = _tagged_codes(a)
        proposals = [
            Proposal(s, decided.get(s.goal, ""), _words(text, s.hits))
            for text in [activity_text(a)]
            for s in suggest(text)
            if s.goal not in tagged and decided.get(s.goal) != Decision.REJECTED
        ]
        rows.append((a, proposals))
    return rows
