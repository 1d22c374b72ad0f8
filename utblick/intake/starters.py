"""The shipped policies as templates: another municipality's policy as the starting point of a draft.

What belongs to the other municipality — its name, the title, the decision
(date, registry number, paragraph, the body that decided) and the document —
is left out, for the coordinator to fill in; the focus areas, goals,
principles with their rules, classifications, responsibilities of the bodies
every municipality has, and the cadence are kept as proposals to review.
Responsibilities of bodies only the other municipality has (its named
committees, offices and companies) are left out: the new municipality's
organisation is its own.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from django.utils.translation import gettext as _

from utblick.policies.fileformat import PolicyFile, read_policy_file
from utblick.policies.models import PolicyKind

#: The shipped policy files, by slug, in the order the start page lists them.
SHIPPED = ("kungalv", "umea", "upplands-bro", "uppsala")

#: Bodies every municipality has, by kind, named as a new municipality would name them.
#: Data, not interface text: the unit gets the Swedish name whatever the reader's language.
STANDARD_BODIES = {
    "council": "Kommunfullmäktige",
    "executive_board": "Kommunstyrelsen",
}

#: Document facts a template keeps; the others are the other municipality's own.
KEPT_FACTS = ("kind", "revision", "purpose", "vision")


@dataclass(frozen=True)
class Starter:
    """One shipped policy offered as a template."""

    slug: str
    title: str
    municipality: str
    kind: str
    focus_areas: int
    principles: int

    @property
    def label(self) -> str:
        return f"{self.title} – {self.municipality}"


class UnknownTemplate(LookupError):
    """No shipped policy has that slug."""


@cache  # the shipped files do not change while Utblick runs; the start page lists them all
def _read(slug: str) -> PolicyFile:
    if slug not in SHIPPED:
        raise UnknownTemplate(slug)
    data = resources.files("utblick.policies").joinpath(f"shipped/{slug}.toml").read_bytes()
    return read_policy_file(data, f"{slug}.toml")


def starter_list() -> list[Starter]:
    """The shipped policies, with what kind of document each is."""
    starters = []
    for slug in SHIPPED:
        spec = _read(slug)
        starters.append(
            Starter(
                slug=slug,
                title=spec.policy.title,
                municipality=spec.municipality.name,
                kind=str(PolicyKind(spec.policy.kind).label),
                focus_areas=len(spec.policy.focus_areas),
                principles=len(spec.policy.principles),
            )
        )
    return starters


def starter_get(slug: str) -> Starter:
    for starter in starter_list():
        if starter.slug == slug:
            return starter
    raise UnknownTemplate(slug)


class _Renamer:
    """Replaces the other municipality's name in the texts kept, with the new one's."""

    def __init__(self, old: str, new: str):
        self.pairs = [(old, new)]
        old_short, new_short = _short(old), _short(new)
        if old_short and new_short and old_short != old:
            self.pairs.append((old_short, new_short))

    def __call__(self, text: str) -> str:
        for old, new in self.pairs:
            # The name, or its genitive ("Umeå kommuns", "Kungälvs").
            text = re.sub(rf"(?<!\w){re.escape(old)}(s?)(?!\w)", rf"{new}\1", text)
        return text


def _short(name: str) -> str:
    """ "Umeå" of "Umeå kommun", "Kungälv" of "Kungälvs kommun"."""
    short = re.sub(r"\s+(kommun|stad)$", "", name.strip(), flags=re.IGNORECASE)
    if short != name.strip() and short.endswith("s") and not short.endswith("ss"):
        # The genitive of the name ("Kungälvs kommun"): the bare name is without the s.
        short = short[:-1]
    return short


def _body(units: dict[str, Any], key: str | None) -> dict[str, str] | None:
    """A body every municipality has, by its standard name; None for the other's own bodies."""
    unit = units.get(key or "")
    if unit is None or unit.kind not in STANDARD_BODIES:
        return None
    return {"kind": unit.kind, "name": STANDARD_BODIES[unit.kind]}


def starter_proposals(slug: str, *, municipality: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(element, attribute, value) for each proposal of a draft from the template ``slug``.

    ``municipality`` is the new municipality's name, put where the template
    names its own.
    """
    spec = _read(slug)
    policy = spec.policy
    rename = _Renamer(spec.municipality.name, municipality)
    units = {unit.key: unit for unit in spec.units}
    out: list[tuple[str, str, dict[str, Any]]] = []
    for attribute in KEPT_FACTS:
        value = getattr(policy, attribute)
        if value:
            out.append(("metadata", attribute, {"value": rename(str(value))}))
    for area in policy.focus_areas:
        out.append(
            (
                "focus_area",
                "",
                {"name": rename(area.name), "description": rename(area.description)},
            )
        )
    for goal in policy.goals:
        out.append(("goal", "", {"text": rename(goal.text)}))
    for principle in policy.principles:
        rule = None
        if principle.rule is not None:
            rule = {
                "id": principle.rule.id,
                "severity": principle.rule.severity,
                "params": copy.deepcopy(principle.rule.params),
            }
        out.append(("principle", "", {"text": rename(principle.text), "rule": rule}))
    for duty in policy.responsibilities:
        body = _body(units, duty.body)
        if duty.body and body is None:
            continue
        out.append(
            (
                "responsibility",
                "",
                {
                    "duty": duty.duty,
                    "body": body,
                    "bodies": list(duty.bodies),
                    "text": rename(duty.text),
                },
            )
        )
    cadence = policy.cadence
    out.append(
        (
            "cadence",
            "",
            {
                "kind": cadence.kind,
                "report_to": [
                    body for key in cadence.report_to if (body := _body(units, key)) is not None
                ],
                "text": rename(cadence.text),
                "periods": [period.model_dump() for period in cadence.periods]
                if cadence.kind == "custom"
                else [],
            },
        )
    )
    for taxonomy in policy.taxonomies:
        out.append(
            (
                "taxonomy",
                "",
                {
                    "name": rename(taxonomy.name),
                    "builtin": taxonomy.builtin,
                    "terms": [rename(term.name) for term in taxonomy.terms],
                    "description": rename(taxonomy.description),
                },
            )
        )
    return out


def starter_reason(starter: Starter) -> str:
    return _("Från mallen %(title)s (%(municipality)s).") % {
        "title": starter.title,
        "municipality": starter.municipality,
    }
