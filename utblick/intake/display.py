"""A proposal's value as a reviewer reads it: the main text and a few labelled details."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.organisation.models import UnitKind
from utblick.policies.models import Builtin, CadenceKind, Duty, PolicyKind, RevisionRule
from utblick.policies.rule_catalogue import RULE_TYPES, VALUE_LABELS, describe_params

METADATA_LABELS = {
    "kind": gettext_lazy("Dokumenttyp"),
    "title": gettext_lazy("Titel"),
    "adopted_by": gettext_lazy("Antagen av"),
    "decided_on": gettext_lazy("Beslutsdatum"),
    "registry_number": gettext_lazy("Diarienummer"),
    "decision_reference": gettext_lazy("Beslutsparagraf"),
    "version": gettext_lazy("Version"),
    "revision": gettext_lazy("Revidering"),
    "owner": gettext_lazy("Dokumentansvarig"),
    "purpose": gettext_lazy("Syfte"),
    "vision": gettext_lazy("Vision"),
}


@dataclass
class Display:
    text: str
    details: list[tuple[str, str]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return self.text if len(self.text) <= 60 else self.text[:57] + "…"


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def who(value: dict[str, Any]) -> str:
    if value.get("body"):
        return str(value["body"]["name"])
    kinds = [
        str(VALUE_LABELS.get(kind, _label(UnitKind, kind))) for kind in value.get("bodies", [])
    ]
    return _("Alla %(kinds)s") % {"kinds": f" {_('och')} ".join(kinds)} if kinds else "–"


def describe(element: str, attribute: str, value: dict[str, Any]) -> Display:
    if element == "metadata":
        data = value.get("value")
        if attribute == "kind":
            return Display(_label(PolicyKind, str(data)))
        if attribute == "revision":
            return Display(_label(RevisionRule, str(data)))
        if attribute == "adopted_by" and isinstance(data, dict):
            return Display(str(data.get("name", "")))
        return Display(str(data or ""))
    if element == "focus_area":
        details = (
            [(str(_("Beskrivning")), value["description"])] if value.get("description") else []
        )
        return Display(value.get("name", ""), details)
    if element == "goal":
        return Display(value.get("text", ""))
    if element == "principle":
        details = []
        rule = value.get("rule")
        if rule:
            kind = RULE_TYPES.get(rule["id"])
            severity = _("stoppar") if rule.get("severity") == "error" else _("varnar")
            title = str(kind.title) if kind else rule["id"]
            details.append((str(_("Regel")), f"{title} ({severity})"))
            if rule.get("params"):
                details.append((str(_("Parametrar")), describe_params(rule["params"])))
        return Display(value.get("text", ""), details)
    if element == "responsibility":
        details = [(str(_("Enligt dokumentet")), value["text"])] if value.get("text") else []
        return Display(f"{who(value)}: {_label(Duty, value.get('duty', '')).lower()}", details)
    if element == "cadence":
        names = ", ".join(ref["name"] for ref in value.get("report_to", []))
        details = [(str(_("Rapporteras till")), names or "–")]
        if value.get("text"):
            details.append((str(_("Enligt dokumentet")), value["text"]))
        return Display(_label(CadenceKind, value.get("kind", "")), details)
    if element == "taxonomy":
        if value.get("builtin"):
            details = [(str(_("Inbyggd")), _label(Builtin, value["builtin"]))]
        else:
            details = [(str(_("Termer")), ", ".join(value.get("terms", [])))]
        return Display(value.get("name", ""), details)
    return Display(str(value))
