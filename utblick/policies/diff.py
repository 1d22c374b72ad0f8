"""What differs between two versions of a policy, section by section and word by word.

Both sides are read as policy-file specs (:mod:`utblick.policies.fileformat`), so a
stored version and a draft compare the same way. Items are matched by their ``key``
(the cadence and the document's own texts are single items); a changed text is split
into words and compared with :mod:`difflib` so the page can mark what was inserted
and deleted.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.translation import gettext as _
from pydantic import BaseModel, ValidationError

from utblick.core.text import fold
from utblick.policies.fileformat import (
    CadenceSpec,
    FocusAreaSpec,
    GoalSpec,
    PolicySpec,
    PrincipleSpec,
    ResponsibilitySpec,
    TaxonomySpec,
)
from utblick.policies.models import Policy
from utblick.policies.selectors import policy_file_spec

Change = Literal["added", "removed", "changed"]
Op = Literal["same", "ins", "del"]


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    before: str
    after: str
    segments: list[Segment]


@dataclass(frozen=True)
class ItemDiff:
    change: Change
    key: str
    title: str
    fields: list[FieldDiff] = field(default_factory=list)  # changed: what changed
    text: list[tuple[str, str]] = field(default_factory=list)  # added/removed: what it says


@dataclass(frozen=True)
class SectionDiff:
    name: str
    items: list[ItemDiff]


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> list[Segment]:
    """``before`` → ``after`` as runs of unchanged, deleted and inserted words (spaces kept)."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", "".join(old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("del", "".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("ins", "".join(new[j1:j2])))
    return [s for s in segments if s.text]


def _rule(rule: Any) -> str:
    if rule is None:
        return ""
    params = ", ".join(f"{k}={v}" for k, v in sorted(rule.params.items()))
    return f"{rule.id} ({rule.severity}){': ' + params if params else ''}"


def _fields(section: str, item: Any) -> tuple[str, list[tuple[str, str]]]:
    """An item's title and its comparable fields as (label, text)."""
    if section == "focus_areas":
        return item.name, [(_("Namn"), item.name), (_("Beskrivning"), item.description)]
    if section == "goals":
        return item.text, [(_("Mål"), item.text), (_("Övergripande mål"), item.overall_goal or "")]
    if section == "principles":
        return item.text, [(_("Princip"), item.text), (_("Regel"), _rule(item.rule))]
    if section == "responsibilities":
        bodies = item.body or ", ".join(item.bodies)
        return f"{item.duty}: {bodies}", [
            (_("Ansvar"), item.duty),
            (_("Organ"), bodies),
            (_("Enligt dokumentet"), item.text),
        ]
    if section == "taxonomies":
        terms = "; ".join(f"{t.code} {t.name}".strip() for t in item.terms)
        return item.name, [
            (_("Namn"), item.name),
            (_("Beskrivning"), item.description),
            (_("Termer"), terms),
        ]
    if section == "cadence":
        periods = "; ".join(f"{p.name} {p.start}–{p.end} (+{p.due_days})" for p in item.periods)
        return _("Uppföljning"), [
            (_("Typ"), item.kind),
            (_("Rapporteras till"), ", ".join(item.report_to)),
            (_("Enligt dokumentet"), item.text),
            (_("Perioder"), periods),
        ]
    return _("Dokumentet"), [  # "document": the policy's own texts
        (_("Titel"), item.title),
        (_("Syfte"), item.purpose),
        (_("Vision"), item.vision),
        (_("Sammanfattning"), item.summary),
        (_("Dokumentansvarig"), item.owner),
    ]


def _section_items(spec: PolicySpec, section: str) -> dict[str, Any]:
    if section == "document":
        return {"document": spec}
    if section == "cadence":
        return {"cadence": spec.cadence} if spec.cadence is not None else {}
    return {item.key: item for item in getattr(spec, section)}


def _sections() -> list[tuple[str, str]]:
    return [
        ("document", _("Dokumentet")),
        ("focus_areas", _("Fokusområden")),
        ("goals", _("Mål")),
        ("principles", _("Principer och regler")),
        ("responsibilities", _("Ansvarsfördelning")),
        ("cadence", _("Uppföljning")),
        ("taxonomies", _("Klassificeringar")),
    ]


#: How alike two items' titles must be (difflib's ratio, folded text) to count as one item
#: whose key changed: a draft read from a document names its items by their text.
SAME_ITEM = 0.6


def _pair_by_title(section: str, before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """New key → old key for items whose keys differ but whose titles are alike."""
    gone = {
        key: fold(_fields(section, item)[0]) for key, item in before.items() if key not in after
    }
    pairs: dict[str, str] = {}
    for key, item in after.items():
        if key in before or not gone:
            continue
        title = fold(_fields(section, item)[0])
        ratio, old_key = max(
            (difflib.SequenceMatcher(None, was, title, autojunk=False).ratio(), old)
            for old, was in gone.items()
        )
        if ratio >= SAME_ITEM:
            pairs[key] = old_key
            del gone[old_key]
    return pairs


def policy_spec_diff(old: PolicySpec, new: PolicySpec) -> list[SectionDiff]:
    """Every section with its added, removed and changed items; unchanged sections are empty.

    Items are the same item when they have the same key, or else alike titles.
    """
    sections: list[SectionDiff] = []
    for section, name in _sections():
        before, after = _section_items(old, section), _section_items(new, section)
        pairs = _pair_by_title(section, before, after)
        items: list[ItemDiff] = []
        for key, item in after.items():
            title, fields = _fields(section, item)
            old_key = key if key in before else pairs.get(key)
            if old_key is None:
                items.append(ItemDiff("added", key, title, text=[f for f in fields if f[1]]))
                continue
            _old_title, old_fields = _fields(section, before[old_key])
            changed = [
                FieldDiff(label, was, now, word_diff(was, now))
                for (label, was), (_l, now) in zip(old_fields, fields, strict=True)
                if was != now
            ]
            if changed:
                items.append(ItemDiff("changed", key, title, fields=changed))
        paired = set(pairs.values())
        for key, item in before.items():
            if key not in after and key not in paired:
                title, fields = _fields(section, item)
                items.append(ItemDiff("removed", key, title, text=[f for f in fields if f[1]]))
        sections.append(SectionDiff(name, items))
    return sections


def policy_versions_diff(municipality: Any, old: Policy, new: Policy) -> list[SectionDiff]:
    """Two stored versions of the municipality's policy compared (``old`` → ``new``)."""
    return policy_spec_diff(
        policy_file_spec(municipality, old).policy, policy_file_spec(municipality, new).policy
    )


_ITEM_SPECS: dict[str, type[BaseModel]] = {
    "focus_areas": FocusAreaSpec,
    "goals": GoalSpec,
    "taxonomies": TaxonomySpec,
    "principles": PrincipleSpec,
    "responsibilities": ResponsibilitySpec,
}
_TEXTS = ("title", "purpose", "vision", "summary", "owner")


def draft_policy_spec(raw: dict[str, Any]) -> tuple[PolicySpec, int]:
    """A draft's ``policy`` table as a spec to compare, even before it is complete.

    A draft under review may lack what adoption needs (decision facts, a cadence, any
    focus area); it still compares. Each item that is valid on its own is kept; the
    number of items left out (invalid on their own) is returned beside the spec.
    """
    try:
        return PolicySpec.model_validate(raw), 0
    except ValidationError:
        pass
    left_out = 0
    values: dict[str, Any] = {name: str(raw.get(name) or "") for name in _TEXTS}
    for section, spec in _ITEM_SPECS.items():
        values[section] = []
        for item in raw.get(section) or []:
            try:
                values[section].append(spec.model_validate(item))
            except ValidationError:
                left_out += 1
    values["cadence"] = None
    if raw.get("cadence") is not None:
        try:
            values["cadence"] = CadenceSpec.model_validate(raw["cadence"])
        except ValidationError:
            left_out += 1
    return PolicySpec.model_construct(**values), left_out


def policy_draft_diff(
    municipality: Any, in_force: Policy, draft: dict[str, Any]
) -> tuple[list[SectionDiff], int]:
    """The version in force compared with a draft's ``policy`` table (``in_force`` → draft)."""
    spec, left_out = draft_policy_spec(draft)
    return policy_spec_diff(policy_file_spec(municipality, in_force).policy, spec), left_out
