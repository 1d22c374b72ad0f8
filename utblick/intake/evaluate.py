"""Measured quality: each source text's draft against its hand-made shipped policy file.

Elements are matched one to one, best pairs first:

- metadata: kind, title, adopted_by, decided_on, registry_number,
  decision_reference, version, revision and owner, each counted when it is
  set in the shipped file or proposed by the draft. Title by word overlap
  ≥ NAME_THRESHOLD, the adopting body by its kind, the rest exactly
  (case and spacing aside). Purpose, vision and summary are free prose and
  not counted.
- focus areas and taxonomies by name, word overlap ≥ NAME_THRESHOLD;
- goals and principles by text, word overlap ≥ TEXT_THRESHOLD;
- rules: of the matched principles, those whose shipped and drafted rule ids
  agree (recall over shipped principles with a rule, precision over drafted
  ones with a rule);
- responsibilities by duty and body (a named body by its kind — or its name
  for committees, companies and drafting committees —, or the same set of
  unit kinds);
- cadence: its kind, and each body it is reported to.

Word overlap is the Sørensen–Dice coefficient on lower-cased words. Nothing
here knows any municipality or document: the same comparison applies to a
fifth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from utblick.intake.drafting import Draft, draft_from_text
from utblick.intake.proposals import METADATA_FIELDS, dice
from utblick.policies.fileformat import PolicyFile, read_policy_file

TEXT_THRESHOLD = 0.6
NAME_THRESHOLD = 0.8
CLASSES = (
    "metadata",
    "focus_areas",
    "goals",
    "principles",
    "rules",
    "responsibilities",
    "cadence",
    "taxonomies",
)
#: Free prose (purpose, vision) is not counted; the other document facts are.
METADATA = tuple(f for f in METADATA_FIELDS if f not in ("purpose", "vision"))
SINGLETON_KINDS = {"council", "executive_board", "international_unit"}
#: The source texts of the shipped policies, by municipality slug.
SOURCES = ("uppsala", "umea", "kungalv", "upplands-bro")


@dataclass
class Score:
    expected: int = 0
    proposed: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    inventions: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.proposed += other.proposed
        self.matched += other.matched


@dataclass
class Evaluation:
    slug: str
    scores: dict[str, Score]
    #: Proposals without a passage of the document behind them: must be none.
    unsourced: int

    @property
    def total(self) -> Score:
        total = Score()
        for name in CLASSES:
            total.add(self.scores[name])
        return total


def _match(
    expected: list[Any],
    proposed: list[Any],
    similar: Callable[[Any, Any], float],
    threshold: float,
    label: Callable[[Any], str] = str,
) -> tuple[Score, list[tuple[Any, Any]]]:
    pairs = sorted(
        (
            (similar(e, p), i, j)
            for i, e in enumerate(expected)
            for j, p in enumerate(proposed)
            if similar(e, p) >= threshold
        ),
        reverse=True,
    )
    used_e: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for _score, i, j in pairs:
        if i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        matched.append((expected[i], proposed[j]))
    score = Score(len(expected), len(proposed), len(matched))
    score.misses = [label(e) for i, e in enumerate(expected) if i not in used_e]
    score.inventions = [label(p) for j, p in enumerate(proposed) if j not in used_p]
    return score, matched


def _same(a: object, b: object) -> float:
    return 1.0 if a == b else 0.0


def _fold(value: object) -> str:
    return " ".join(str(value).split()).casefold()


def _body(ref: dict[str, str] | None) -> tuple[str, str] | None:
    return (ref["kind"], _fold(ref["name"])) if ref else None


def _same_body(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    if a is None or b is None:
        return a == b
    if a[0] != b[0]:
        return False
    return a[0] in SINGLETON_KINDS or dice(a[1], b[1]) >= NAME_THRESHOLD


def evaluate(draft: Draft, shipped: PolicyFile, slug: str = "") -> Evaluation:
    """How far ``draft`` reproduces ``shipped``, element class by class."""
    policy = shipped.policy
    units = {u.key: {"name": u.name, "kind": u.kind} for u in shipped.units}
    scores: dict[str, Score] = {}

    wanted = {
        "kind": policy.kind,
        "title": policy.title,
        "adopted_by": _body(units[policy.adopted_by]),
        "decided_on": policy.decided_on.isoformat(),
        "registry_number": policy.registry_number,
        "decision_reference": policy.decision_reference,
        "version": policy.version,
        "revision": policy.revision if policy.revision != "none" else "",
        "owner": policy.owner,
    }
    drafted: dict[str, object] = {}
    for proposal in draft.of("metadata"):
        if proposal.field in METADATA and proposal.field not in drafted:
            value = proposal.value["value"]
            drafted[proposal.field] = _body(value) if proposal.field == "adopted_by" else value

    def same_field(name: str, a: object, b: object) -> float:
        if name == "title":
            return dice(str(a), str(b))
        if name == "adopted_by":
            return 1.0 if _same_body(a, b) else 0.0  # type: ignore[arg-type]
        return _same(_fold(a), _fold(b))

    meta = Score()
    for name in METADATA:
        expected = [(name, wanted[name])] if wanted[name] else []
        proposed = [(name, drafted[name])] if drafted.get(name) else []
        score, _pairs = _match(
            expected,
            proposed,
            lambda e, p: same_field(e[0], e[1], p[1]),
            NAME_THRESHOLD if name == "title" else 1.0,
            lambda item: f"{item[0]}: {item[1]}",
        )
        meta.add(score)
        meta.misses += score.misses
        meta.inventions += score.inventions
    scores["metadata"] = meta

    scores["focus_areas"], _ = _match(
        [f.name for f in policy.focus_areas],
        [p.value["name"] for p in draft.of("focus_area")],
        dice,
        NAME_THRESHOLD,
    )
    scores["goals"], _ = _match(
        [g.text for g in policy.goals],
        [p.value["text"] for p in draft.of("goal")],
        dice,
        TEXT_THRESHOLD,
    )
    principles = [(x.text, x.rule.id if x.rule else None) for x in policy.principles]
    drafted_principles = [
        (p.value["text"], (p.value.get("rule") or {}).get("id")) for p in draft.of("principle")
    ]
    scores["principles"], pairs = _match(
        principles,
        drafted_principles,
        lambda e, p: dice(e[0], p[0]),
        TEXT_THRESHOLD,
        lambda item: item[0],
    )
    rules = Score(
        expected=sum(1 for _t, rule in principles if rule),
        proposed=sum(1 for _t, rule in drafted_principles if rule),
        matched=sum(1 for e, p in pairs if e[1] and e[1] == p[1]),
    )
    agreed = [(e, p) for e, p in pairs if e[1] and e[1] == p[1]]
    rules.misses = [
        f"{r}: {t}" for t, r in principles if r and (t, r) not in {e for e, _ in agreed}
    ]
    rules.inventions = [
        f"{r}: {t}" for t, r in drafted_principles if r and (t, r) not in {p for _, p in agreed}
    ]
    scores["rules"] = rules

    def who(body: tuple[str, str] | None, bodies: Iterable[str]) -> tuple[str, Any]:
        return ("unit", body) if body else ("kinds", tuple(sorted(bodies)))

    shipped_duties = [
        (r.duty, who(_body(units[r.body]) if r.body else None, r.bodies))
        for r in policy.responsibilities
    ]
    drafted_duties = [
        (p.value["duty"], who(_body(p.value["body"]), p.value["bodies"]))
        for p in draft.of("responsibility")
    ]

    def same_duty(a: tuple[str, Any], b: tuple[str, Any]) -> float:
        (duty_a, (form_a, who_a)), (duty_b, (form_b, who_b)) = a, b
        if duty_a != duty_b or form_a != form_b:
            return 0.0
        if form_a == "unit":
            return 1.0 if _same_body(who_a, who_b) else 0.0
        return _same(who_a, who_b)

    scores["responsibilities"], _ = _match(
        shipped_duties, drafted_duties, same_duty, 1.0, lambda item: f"{item[0]} – {item[1][1]}"
    )

    cadence = [("kind", policy.cadence.kind)] + [
        ("report_to", _body(units[k])) for k in policy.cadence.report_to
    ]
    drafted_cadence: list[tuple[str, Any]] = []
    for proposal in draft.of("cadence")[:1]:
        drafted_cadence = [("kind", proposal.value["kind"])] + [
            ("report_to", _body(ref)) for ref in proposal.value["report_to"]
        ]

    def same_cadence(a: tuple[str, Any], b: tuple[str, Any]) -> float:
        if a[0] != b[0]:
            return 0.0
        if a[0] == "kind":
            return _same(a[1], b[1])
        return 1.0 if _same_body(a[1], b[1]) else 0.0

    scores["cadence"], _ = _match(
        cadence, drafted_cadence, same_cadence, 1.0, lambda item: f"{item[0]}: {item[1]}"
    )

    def same_taxonomy(a: tuple[str, str | None], b: tuple[str, str | None]) -> float:
        if a[1] or b[1]:
            return _same(a[1], b[1])
        return dice(a[0], b[0])

    scores["taxonomies"], _ = _match(
        [(t.name, t.builtin) for t in policy.taxonomies],
        [(p.value["name"], p.value.get("builtin")) for p in draft.of("taxonomy")],
        same_taxonomy,
        NAME_THRESHOLD,
        lambda item: item[0],
    )
    return Evaluation(slug, scores, unsourced(draft))


def unsourced(draft: Draft) -> int:
    """Proposals without a passage of the draft's text behind them: there must be none."""
    return sum(
        1
        for p in draft.proposals
        if not p.passages or any(not 0 <= x.start < x.end <= len(draft.text) for x in p.passages)
    )


def seed_text(slug: str) -> str:
    return (
        resources.files("utblick.intake").joinpath(f"seeds/{slug}.txt").read_text(encoding="utf-8")
    )


def shipped_policy(slug: str) -> PolicyFile:
    path = resources.files("utblick.policies").joinpath(f"shipped/{slug}.toml")
    return read_policy_file(path.read_bytes(), Path(str(path)).name)


def evaluate_sources(slugs: Iterable[str] = SOURCES) -> list[Evaluation]:
    """The evaluation of every shipped policy's source text."""
    results = []
    for slug in slugs:
        shipped = shipped_policy(slug)
        draft = draft_from_text(seed_text(slug), municipality=shipped.municipality.name)
        results.append(evaluate(draft, shipped, slug))
    return results


def grand_total(results: Iterable[Evaluation]) -> Score:
    """All classes of all documents together: the TOTAL row of the table."""
    total = Score()
    for result in results:
        total.add(result.total)
    return total


def _percent(value: float) -> str:
    return f"{round(value * 100):>3d} %"


def format_table(results: list[Evaluation], details: bool = True) -> str:
    """The evaluation as a text table: municipality × element class, recall and precision."""
    lines = [
        "Policy intake: drafts from the source texts compared with the shipped policy files",
        f"One-to-one matching; goals and principles by word overlap >= {TEXT_THRESHOLD:.2f},",
        f"names and titles >= {NAME_THRESHOLD:.2f}, everything else exactly.",
        "",
        f"{'municipality':<14}{'class':<18}{'shipped':>8}{'draft':>7}{'matched':>9}{'recall':>9}{'precision':>11}",
    ]
    rule = "-" * len(lines[-1])
    lines.append(rule)
    totals = {name: Score() for name in CLASSES}
    for result in results:
        for name in CLASSES:
            score = result.scores[name]
            totals[name].add(score)
            lines.append(_row(result.slug, name, score))
        lines.append(_row(result.slug, "all", result.total))
        lines.append(rule)
    grand = Score()
    overall = "all four" if len(results) == len(SOURCES) else "all"
    for name in CLASSES:
        grand.add(totals[name])
        lines.append(_row(overall, name, totals[name]))
    lines.append(_row(overall, "TOTAL", grand))
    unsourced = sum(r.unsourced for r in results)
    lines += ["", f"Proposals without a source passage: {unsourced}"]
    if details:
        lines += ["", "Not reached (shipped, not drafted) and not in the shipped file (drafted):"]
        for result in results:
            for name in CLASSES:
                score = result.scores[name]
                for miss in score.misses:
                    lines.append(f"  {result.slug:<13} {name:<17} missed:   {miss[:110]}")
                for extra in score.inventions:
                    lines.append(f"  {result.slug:<13} {name:<17} extra:    {extra[:110]}")
    return "\n".join(lines)


def _row(slug: str, name: str, score: Score) -> str:
    return (
        f"{slug:<14}{name:<18}{score.expected:>8}{score.proposed:>7}{score.matched:>9}"
        f"{_percent(score.recall):>9}{_percent(score.precision):>11}"
    )
