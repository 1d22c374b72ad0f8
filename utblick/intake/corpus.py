"""Measured quality on real documents the extractor was not built on: spans, not shared words.

The corpus (``utblick/intake/corpus/``) holds other municipalities' and
regions' adopted international policies, programmes, strategies and
guidelines, each as its text (a ``Källa:`` line first), a flattened single
line, a .docx or a PDF, and beside it a ``.toml`` written by hand: every
element a careful official would take out of it, each quoting its passage, read
as ``docs/intake-corpus.md`` says (one guide for every half).
``dev/`` is the half the extractor may be improved on; ``heldout/`` is the
half it never is, and ``--fail-under`` applies to it.

A drafted element matches an expected one (one to one: each expected element, in
the annotation's order, takes the first drafted one that agrees with it)
only when the class is the same and

- metadata: the value is the same (a title as the document writes it or in
  another form it uses for itself, the adopting body by its kind, a date
  exactly, a registry number or decision paragraph up to spacing and its
  label);
- taxonomies: the same built-in classification;
- a duty drafted for several kinds of body at once ("förvaltningarna och
  bolagen") counts as one per kind, as the annotation lists them, and a duty
  drafted from several passages (the same body and duty said twice) as one
  per passage: each must be annotated to count, or it is an extra;
- a responsibility "adopts the policy" drafted from the very passage that
  gives the adopting body is that metadata fact again, and not counted twice;
- every other class: the proposal cites the quoted passage — the two spans
  cover at least half of each other (``SPAN_SHARE``), or, for a
  responsibility, the cited clause lies within the quoted sentence, for a
  focus area the cited name within the quoted sentence that lists it — and a
  focus area also has the quoted name (word overlap ≥ ``NAME_THRESHOLD``),
  a responsibility the same duty and kind of body, a cadence the same kind.

So a proposal from the wrong sentence, or one that shares a word or two with
the right one, does not count.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from utblick.intake.drafting import Draft, draft_from_text
from utblick.intake.evaluate import METADATA, NAME_THRESHOLD, Score, unsourced
from utblick.intake.proposals import Passage, Proposal, dice
from utblick.intake.reading import read_document

SETS = ("dev", "heldout")
CORPUS_CLASSES = (
    "metadata",
    "focus_areas",
    "goals",
    "principles",
    "responsibilities",
    "cadence",
    "taxonomies",
)
#: Proposal element behind each class of the corpus.
ELEMENT = {
    "focus_areas": "focus_area",
    "goals": "goal",
    "principles": "principle",
    "responsibilities": "responsibility",
    "cadence": "cadence",
    "taxonomies": "taxonomy",
}
SPAN_SHARE = 0.5
#: A responsibility's clause inside the quoted sentence: this share of it at least.
CLAUSE_INSIDE = 0.9


@dataclass
class Expected:
    """One element the document's annotation names."""

    cls: str
    value: dict[str, Any]
    quote: str
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.cls == "metadata":
            return f"{self.value['field']}={self.value['value']} «{self.quote}»"
        shown = {k: v for k, v in self.value.items() if k != "also"}
        head = ", ".join(f"{k}={v}" for k, v in shown.items())
        return f"{head} «{self.quote}»" if head else f"«{self.quote}»"


@dataclass
class CorpusDocument:
    slug: str
    set_name: str
    path: Path
    spec: dict[str, Any]

    @property
    def municipality(self) -> str:
        return str(self.spec["municipality"])

    def raw_text(self) -> str:
        """The document's text as the product receives it: the file read like an upload."""
        return read_document(self.path.read_bytes(), self.path.name).text


@dataclass
class DocumentResult:
    document: CorpusDocument
    scores: dict[str, Score]
    refused: bool
    explanation: str
    #: Expected quotes the cleaned text no longer holds (lost by cleaning): counted as misses.
    lost: list[str]
    unsourced: int

    @property
    def total(self) -> Score:
        total = Score()
        for score in self.scores.values():
            total.add(score)
        return total

    def got(self, name: str) -> bool | None:
        """Whether the metadata field ``name`` was drafted right; None when not expected."""
        score = self.scores["metadata"]
        wanted = [m for m in score.misses if m.startswith(f"{name}=")]
        if name not in self.document.spec.get("metadata", {}):
            return None
        return not wanted


def corpus_root() -> Path:
    return Path(str(resources.files("utblick.intake").joinpath("corpus")))


def load_set(set_name: str, root: Path | None = None) -> list[CorpusDocument]:
    """The documents of one half of the corpus, by slug."""
    folder = (root or corpus_root()) / set_name
    documents = []
    for spec_path in sorted(folder.glob("*.toml")):
        spec = tomllib.loads(spec_path.read_text(encoding="utf-8"))
        documents.append(CorpusDocument(spec_path.stem, set_name, folder / spec["file"], spec))
    return documents


_WORD = re.compile(r"\w+")


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place ``text`` holds ``quote``'s words in order, whatever lies between them.

    Only spacing, punctuation and bullet signs may differ: cleaning a
    document changes those, never its words. A quote may also start where a web page
    glued a heading to its first sentence ("strategiSkånes unika …").
    """
    words = _WORD.findall(quote)
    if not words:
        return []
    start = r"(?:(?<!\w)|(?<=[a-zåäö])(?=[A-ZÅÄÖ]))"
    pattern = re.compile(start + r"\W+".join(map(re.escape, words)) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def expected_elements(spec: dict[str, Any]) -> list[Expected]:
    """The annotation's elements, metadata first."""
    elements = [
        Expected("metadata", {"field": name, **item}, item["quote"])
        for name, item in spec.get("metadata", {}).items()
        if name in METADATA
    ]
    for item in elements:
        item.value.pop("quote")
    for cls in CORPUS_CLASSES[1:]:
        for item in spec.get(cls, []):
            value = {k: v for k, v in item.items() if k != "quote"}
            elements.append(Expected(cls, value, item["quote"]))
    return elements


def _fold(value: object) -> str:
    return " ".join(str(value).split()).casefold().strip(" .:;,")


_LABELS = re.compile(r"^(?:dnr|diarienr|diarienummer|diarie-/dokumentnummer)[\s.:]*", re.I)


def _code(value: object) -> str:
    return re.sub(r"[\W_]+", "", _LABELS.sub("", str(value).strip())).casefold()


def _paragraph(value: object) -> tuple[str, str] | None:
    match = re.search(r"§\s*(\d+)(?:\s*/\s*(\d{4}))?", str(value))
    return (match.group(1), match.group(2) or "") if match else None


def same_metadata(name: str, expected: dict[str, Any], drafted: object) -> bool:
    """Whether a drafted document fact is the annotated one (see the module's rules)."""
    wanted = expected["value"]
    if name == "title":
        return _fold(drafted) in {_fold(t) for t in [wanted, *expected.get("also", [])]}
    if name == "adopted_by":
        return isinstance(drafted, dict) and drafted.get("kind") == wanted
    if name in ("registry_number", "version"):
        return _code(drafted) == _code(wanted)
    if name == "decision_reference":
        mine, theirs = _paragraph(drafted), _paragraph(wanted)
        if mine and theirs:
            return mine[0] == theirs[0] and (not mine[1] or not theirs[1] or mine[1] == theirs[1])
        return _code(drafted) == _code(wanted)
    if name == "owner":
        return _fold(drafted) == _fold(wanted) or dice(str(drafted), str(wanted)) >= NAME_THRESHOLD
    return _fold(drafted) == _fold(wanted)


def _span_agreement(spans: list[tuple[int, int]], passages: list[Passage], clause: bool) -> bool:
    for start, end in spans:
        for passage in passages:
            overlap = min(end, passage.end) - max(start, passage.start)
            if overlap <= 0:
                continue
            expected_share = overlap / (end - start)
            cited_share = overlap / max(1, passage.end - passage.start)
            if expected_share >= SPAN_SHARE and cited_share >= SPAN_SHARE:
                return True
            if clause and cited_share >= CLAUSE_INSIDE:
                return True
    return False


def _agrees(expected: Expected, proposal: Proposal) -> bool:
    value = proposal.value
    if expected.cls == "metadata":
        name = expected.value["field"]
        return proposal.field == name and same_metadata(name, expected.value, value["value"])
    if expected.cls == "taxonomies":
        return value.get("builtin") == expected.value.get("builtin")
    if (
        expected.cls == "focus_areas"
        and dice(value["name"], expected.value["name"]) < NAME_THRESHOLD
    ):
        return False
    if expected.cls == "responsibilities":
        body = value.get("body") or {}
        kinds = [body["kind"]] if body else list(value.get("bodies") or [])
        if value["duty"] != expected.value["duty"] or expected.value["body"] not in kinds:
            return False
    if expected.cls == "cadence" and value["kind"] != expected.value["kind"]:
        return False
    inside = expected.cls in ("responsibilities", "focus_areas")
    return _span_agreement(expected.spans, proposal.passages, inside)


def _drafted(draft: Draft, cls: str) -> list[Proposal]:
    if cls == "responsibilities":
        return responsibility_facts(
            [p for p in draft.of("responsibility") if not _restates_adoption(draft, p)]
        )
    if cls == "metadata":
        seen: set[str] = set()
        facts = []
        for proposal in draft.of("metadata"):
            if proposal.field in METADATA and proposal.field not in seen:
                seen.add(proposal.field)
                facts.append(proposal)
        return facts
    return draft.of(ELEMENT[cls])


def responsibility_facts(proposals: list[Proposal]) -> list[Proposal]:
    """The facts drafted responsibilities state, as the annotation lists them.

    "Förvaltningarna och bolagen …" is one proposal for two kinds of body: two facts; and
    one that cites several passages (the same duty said in two places) is one per passage.
    """
    return [
        Proposal(
            p.element,
            {**p.value, "bodies": [kind]} if len(p.value.get("bodies") or []) > 1 else p.value,
            [passage],
            p.confidence,
            p.reason,
        )
        for p in proposals
        for kind in (p.value.get("bodies") or [None])
        for passage in p.passages
    ]


def _restates_adoption(draft: Draft, proposal: Proposal) -> bool:
    """The adopting body's duty drafted from the same passage as the metadata: one fact, counted once."""
    if proposal.value["duty"] != "adopts_policy":
        return False
    adopted = [p for p in draft.of("metadata") if p.field == "adopted_by"]
    return any(
        a.value["value"] == proposal.value["body"]
        and any(x.overlaps(a.passage.start, a.passage.end) for x in proposal.passages)
        for a in adopted
    )


def _proposal_label(proposal: Proposal, text: str) -> str:
    if proposal.element == "metadata":
        return f"{proposal.field}={proposal.value['value']}"
    cited = " ".join(text[p.start : p.end] for p in proposal.passages[:1]).split()
    extra = {
        "responsibility": lambda v: (
            f"{v['duty']} {(v.get('body') or {}).get('kind') or v['bodies']} "
        ),
        "cadence": lambda v: f"{v['kind']} ",
        "focus_area": lambda v: f"{v['name']} ",
        "taxonomy": lambda v: f"{v.get('builtin') or v['name']} ",
    }.get(proposal.element, lambda v: "")(proposal.value)
    return f"{extra}«{' '.join(cited)}»"


def match_class(expected: list[Expected], proposed: list[Proposal], text: str) -> Score:
    """One-to-one matching of one class; each expected element takes its first agreeing proposal."""
    used: set[int] = set()
    score = Score(len(expected), len(proposed), 0)
    for item in expected:
        found = next(
            (j for j, p in enumerate(proposed) if j not in used and _agrees(item, p)), None
        )
        if found is None:
            score.misses.append(item.label)
        else:
            used.add(found)
            score.matched += 1
    score.inventions = [_proposal_label(p, text) for j, p in enumerate(proposed) if j not in used]
    return score


def evaluate_document(document: CorpusDocument) -> DocumentResult:
    """The draft of one corpus document against its annotation."""
    draft = draft_from_text(document.raw_text(), municipality=document.municipality)
    expected = expected_elements(document.spec)
    lost = []
    for item in expected:
        item.spans = find_quote(draft.text, item.quote)
        if not item.spans and item.cls != "metadata":
            lost.append(item.quote)
    scores = {
        cls: match_class([e for e in expected if e.cls == cls], _drafted(draft, cls), draft.text)
        for cls in CORPUS_CLASSES
    }
    return DocumentResult(
        document, scores, not draft.is_policy, draft.explanation, lost, unsourced(draft)
    )


def evaluate_set(set_name: str, root: Path | None = None) -> list[DocumentResult]:
    return [evaluate_document(d) for d in load_set(set_name, root)]


def set_total(results: Iterable[DocumentResult]) -> Score:
    total = Score()
    for result in results:
        total.add(result.total)
    return total


def _pct(value: float) -> str:
    return f"{round(value * 100):>3d} %"


_SHORT = {
    "metadata": "meta",
    "focus_areas": "focus",
    "goals": "goals",
    "principles": "princ",
    "responsibilities": "resp",
    "cadence": "cad",
    "taxonomies": "tax",
}


def format_set(set_name: str, results: list[DocumentResult], details: bool) -> str:
    """One half of the corpus as a table: document × element class (matched/expected/drafted)."""
    head = f"{'document':<22}" + "".join(f"{_SHORT[c]:>10}" for c in CORPUS_CLASSES)
    head += f"{'recall':>8}{'prec.':>7}  notes"
    lines = [f"Corpus, {set_name}: matched/expected/drafted per element class", head]
    rule = "-" * (len(head) + 8)
    lines.append(rule)
    totals = {c: Score() for c in CORPUS_CLASSES}
    for result in results:
        cells = ""
        for cls in CORPUS_CLASSES:
            s = result.scores[cls]
            totals[cls].add(s)
            cells += f"{f'{s.matched}/{s.expected}/{s.proposed}':>10}"
        notes = []
        if result.refused:
            notes.append("REFUSED")
        for name, label in (("title", "title"), ("adopted_by", "body")):
            if result.got(name) is False:
                notes.append(f"{label} wrong")
        if result.lost:
            notes.append(f"{len(result.lost)} quotes lost in cleaning")
        total = result.total
        lines.append(
            f"{result.document.slug:<22}{cells}{_pct(total.recall):>8}{_pct(total.precision):>7}"
            f"  {', '.join(notes)}"
        )
    lines.append(rule)
    grand = Score()
    cells, recalls, precisions = "", "", ""
    for cls in CORPUS_CLASSES:
        s = totals[cls]
        grand.add(s)
        cells += f"{f'{s.matched}/{s.expected}/{s.proposed}':>10}"
        recalls += f"{_pct(s.recall):>10}"
        precisions += f"{_pct(s.precision):>10}"
    lines.append(f"{'all ' + set_name:<22}{cells}{_pct(grand.recall):>8}{_pct(grand.precision):>7}")
    lines.append(f"{'  recall':<22}{recalls}")
    lines.append(f"{'  precision':<22}{precisions}")
    refused = sum(r.refused for r in results)
    titles = sum(r.got("title") is False for r in results)
    bodies = sum(r.got("adopted_by") is False for r in results)
    unsourced = sum(r.unsourced for r in results)
    lines.append(
        f"{set_name} TOTAL: recall {_pct(grand.recall).strip()}, precision "
        f"{_pct(grand.precision).strip()}; refused {refused}, titles wrong {titles}, "
        f"adopting bodies wrong {bodies}, proposals without a source passage {unsourced}"
    )
    if details:
        lines += [
            "",
            f"Not reached (expected, not drafted) and extra (drafted, not expected), {set_name}:",
        ]
        for result in results:
            slug = result.document.slug
            if result.refused:
                lines.append(f"  {slug:<20} REFUSED: {result.explanation}")
            for cls in CORPUS_CLASSES:
                for miss in result.scores[cls].misses:
                    lines.append(f"  {slug:<20} {cls:<17} missed: {miss[:150]}")
                for extra in result.scores[cls].inventions:
                    lines.append(f"  {slug:<20} {cls:<17} extra:  {extra[:150]}")
    return "\n".join(lines)
