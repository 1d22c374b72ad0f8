"""A reviewed draft as a policy file: the same format, checks and loader as any other.

The accepted elements become the ``[policy]`` of a policy file for the
municipality, with the municipality's units as they are and the bodies the
document names but the organisation lacks added as new units. Adoption then
goes through ``policy_file_load`` and ``policy_adopt`` like every version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import tomli_w
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.core.text import key_from_name
from utblick.intake.proposals import key_for

SINGLETON_KINDS = ("council", "executive_board", "international_unit")
#: Short keys the shipped files use for the two bodies every municipality has.
CONVENTIONAL_KEYS = {"council": "kf", "executive_board": "ks"}
REQUIRED = {
    "kind": gettext_lazy("dokumenttyp"),
    "title": gettext_lazy("titel"),
    "adopted_by": gettext_lazy("vem som antog dokumentet"),
    "decided_on": gettext_lazy("beslutsdatum"),
}


@dataclass
class DraftItem:
    """One accepted element: what it is, its value, and where it comes from."""

    element: str
    attribute: str
    value: dict[str, Any]
    source: str = ""
    note: str = ""


class Units:
    """The municipality's units, and the ones a draft adds for bodies it names."""

    def __init__(self, existing: list[dict[str, Any]]):
        self.existing = [dict(u) for u in existing]
        self.added: list[dict[str, Any]] = []
        self._taken = {u["key"] for u in self.existing}

    def key_for(self, ref: dict[str, str], source: str = "") -> str:
        kind, name = ref["kind"], ref["name"]
        for unit in [*self.existing, *self.added]:
            if unit["kind"] == kind and (
                kind in SINGLETON_KINDS
                or " ".join(unit["name"].split()).casefold() == name.casefold()
            ):
                return unit["key"]
        key = CONVENTIONAL_KEYS.get(kind, "")
        if not key or key in self._taken:
            base = key_from_name(name)
            key, number = base, 2
            while key in self._taken:
                key, number = f"{base}-{number}", number + 1
        self._taken.add(key)
        unit = {"key": key, "name": name, "kind": kind}
        if source:
            unit["source"] = source
        self.added.append(unit)
        return key

    @property
    def all(self) -> list[dict[str, Any]]:
        return self.existing + self.added


def missing_required(items: Iterable[DraftItem]) -> list[str]:
    """What a policy file needs that the accepted elements do not give, as Swedish phrases."""
    items = list(items)
    have = {i.attribute for i in items if i.element == "metadata"}
    missing = [str(label) for name, label in REQUIRED.items() if name not in have]
    if not any(i.element == "focus_area" for i in items):
        missing.append(_("minst en inriktning"))
    if not any(i.element == "cadence" for i in items):
        missing.append(_("uppföljningsrytm"))
    return missing


def assemble(
    *,
    municipality: dict[str, Any],
    units: list[dict[str, Any]],
    items: Iterable[DraftItem],
    source_document: str,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The policy file (as data) for the accepted ``items``, and the units it adds."""
    registry = Units(units)
    policy: dict[str, Any] = {"status": "draft", "source_document": source_document[:300]}
    lists: dict[str, list[dict[str, Any]]] = {
        "focus_areas": [],
        "goals": [],
        "taxonomies": [],
        "principles": [],
        "responsibilities": [],
    }
    keys: dict[str, set[str]] = {name: set() for name in lists}
    for item in items:
        value = item.value
        source = item.source[:200]
        if item.element == "metadata":
            data = value.get("value")
            if data in (None, ""):
                continue
            if item.attribute == "adopted_by":
                data = registry.key_for(data, source)
            elif item.attribute == "decided_on":
                data = date.fromisoformat(str(data))
            policy.setdefault(item.attribute, data)
        elif item.element == "focus_area":
            lists["focus_areas"].append(
                _clean(
                    {
                        "key": key_for(value["name"], keys["focus_areas"]),
                        "name": value["name"],
                        "description": value.get("description", ""),
                        "source": source,
                    }
                )
            )
        elif item.element == "goal":
            lists["goals"].append(
                _clean(
                    {
                        "key": key_for(value["text"], keys["goals"]),
                        "text": value["text"],
                        "source": source,
                    }
                )
            )
        elif item.element == "principle":
            entry: dict[str, Any] = {
                "key": key_for(value["text"], keys["principles"]),
                "text": value["text"],
                "source": source,
            }
            if value.get("rule"):
                rule = value["rule"]
                entry["rule"] = _clean(
                    {
                        "id": rule["id"],
                        "severity": rule["severity"],
                        "params": rule.get("params") or {},
                    }
                )
            lists["principles"].append(_clean(entry))
        elif item.element == "responsibility":
            body = registry.key_for(value["body"], source) if value.get("body") else None
            who = body or "-".join(value.get("bodies", []))
            entry = {
                "key": key_for(f"{who} {value['duty']}", keys["responsibilities"], words=3),
                "duty": value["duty"],
                "text": value.get("text", ""),
                "source": source,
            }
            if body:
                entry["body"] = body
            else:
                entry["bodies"] = list(value.get("bodies", []))
            lists["responsibilities"].append(_clean(entry))
        elif item.element == "cadence" and "cadence" not in policy:
            policy["cadence"] = _clean(
                {
                    "kind": value["kind"],
                    "report_to": [
                        registry.key_for(ref, source) for ref in value.get("report_to", [])
                    ],
                    "text": value.get("text", ""),
                    "source": source,
                    "periods": value.get("periods", []) if value["kind"] == "custom" else [],
                }
            )
        elif item.element == "taxonomy":
            terms: set[str] = set()
            entry = {
                "key": key_for(value["name"], keys["taxonomies"]),
                "name": value["name"],
                "description": value.get("description", ""),
                "source": source,
            }
            if value.get("builtin"):
                entry["builtin"] = value["builtin"]
            else:
                entry["terms"] = [
                    {"key": key_for(t, terms, 3), "name": t} for t in value.get("terms", [])
                ]
            lists["taxonomies"].append(_clean(entry))
    for name, entries in lists.items():
        if entries:
            policy[name] = entries
    data = {
        "format": 1,
        "municipality": municipality,
        "units": [_clean(u) for u in registry.all],
        "policy": policy,
    }
    return data, registry.added


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in ("", None, [], {}) and v is not False}


_ORDER = [
    "kind",
    "title",
    "adopted_by",
    "decided_on",
    "registry_number",
    "decision_reference",
    "version",
    "status",
    "term_of_office",
    "revision",
    "owner",
    "purpose",
    "vision",
    "summary",
    "source_document",
    "focus_areas",
    "goals",
    "taxonomies",
    "principles",
    "responsibilities",
    "cadence",
]


def to_toml(data: dict[str, Any], notes: dict[tuple[str, Any], str] | None = None) -> str:
    """The policy file text; ``notes`` are comments before each element, e.g. its source passage."""
    policy = data["policy"]
    ordered = {**data, "policy": {k: policy[k] for k in _ORDER if k in policy}}
    text = tomli_w.dumps(ordered, multiline_strings=False)
    if not notes:
        return text
    counters: dict[str, int] = {}
    out = []
    table = ""
    for line in text.split("\n"):
        if line.startswith("["):
            table = line
        attribute = line.split(" = ", 1)[0] if " = " in line else ""
        if table == "[policy]" and notes.get(("policy", attribute)):
            out += [f"# {part}" for part in notes[("policy", attribute)].split("\n")]
        elif table == "[policy]" and notes.get((attribute, 0)):
            # A short list the writer put inline: all its notes before it.
            index = 0
            while notes.get((attribute, index)):
                out += [f"# {part}" for part in notes[(attribute, index)].split("\n")]
                index += 1
        if line.startswith("[[policy.") and line.endswith("]]") and line.count(".") == 1:
            name = line[len("[[policy.") : -2]
            index = counters.get(name, 0)
            counters[name] = index + 1
            note = notes.get((name, index))
            if note:
                out += [f"# {part}" for part in note.split("\n")]
        elif line == "[policy.cadence]" and notes.get(("cadence", 0)):
            out += [f"# {part}" for part in notes[("cadence", 0)].split("\n")]
        out.append(line)
    return "\n".join(out)
