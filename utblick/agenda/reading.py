"""Kolada API v3 responses saved as JSON, read and checked whole before anything is stored.

Two kinds of response are understood:

- ``/v3/kpi_groups``: ``{"values": [{"id", "title", "members": [{"member_id",
  "member_title"}]}], "count", "next_page"}``. A group whose title names a goal ("Agenda
  2030 – Mål 13 …") ties its key figures to that goal.
- ``/v3/data/kpi/<ids>/municipality/<code>/year/<years>``: ``{"values": [{"kpi",
  "municipality", "period", "values": [{"gender", "status", "value", "count"}]}],
  "count", "next_page"}``.

Every problem of every file is collected and reported together, in Swedish; a caller
stores nothing when there is one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

GENDERS = {"T", "K", "M"}
_GOAL = re.compile(r"\bm[åa]l\s*(\d{1,2})\b|\bgoal\s*(\d{1,2})\b|\bsdg\s*(\d{1,2})\b", re.I)
_KPI = re.compile(r"^[A-Z]{1,2}\d{4,6}$")
_AREA = re.compile(r"^\d{4}$")


class KoladaError(ValueError):
    """The files cannot be loaded; ``problems`` says why, each in Swedish."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Figure:
    kpi: str
    area: str
    year: int
    gender: str
    value: Decimal | None
    status: str


@dataclass
class Content:
    """What the files hold: key figures per goal (from the groups) and the figures."""

    #: kpi → {goal: (title, group title)}
    kpis: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def areas(self) -> set[str]:
        return {f.area for f in self.figures}


def goal_of(title: str) -> str | None:
    """The goal a group's title names: "Agenda 2030: Mål 13 Bekämpa …" → "13"."""
    for match in _GOAL.finditer(title or ""):
        number = next(g for g in match.groups() if g)
        if 1 <= int(number) <= 17:
            return str(int(number))
    return None


def _decimal(value: Any) -> Decimal | bool | None:
    """A number, None for a missing one, False for anything else."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return False
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return False
    return number if number.is_finite() else False


def _groups(name: str, rows: list[Any], content: Content, problems: list[str]) -> None:
    for i, group in enumerate(rows, start=1):
        if not isinstance(group, dict) or not isinstance(group.get("members"), list):
            problems.append(_("%(f)s: grupp %(n)s saknar members.") % {"f": name, "n": i})
            continue
        title = str(group.get("title") or "")
        goal = goal_of(title)
        if goal is None:
            content.notes.append(
                _("%(f)s: gruppen ”%(t)s” nämner inget av de 17 målen och hoppas över.")
                % {"f": name, "t": title or group.get("id", i)}
            )
            continue
        for member in group["members"]:
            kpi = str(member.get("member_id") or "") if isinstance(member, dict) else ""
            if not _KPI.match(kpi):
                problems.append(
                    _("%(f)s: gruppen ”%(t)s” har ett nyckeltal utan giltigt id: %(m)s.")
                    % {"f": name, "t": title, "m": json.dumps(member, ensure_ascii=False)[:80]}
                )
                continue
            content.kpis.setdefault(kpi, {})[goal] = (
                str(member.get("member_title") or kpi)[:400],
                title[:300],
            )


def _data(name: str, rows: list[Any], content: Content, problems: list[str]) -> None:
    for i, row in enumerate(rows, start=1):
        where = _("%(f)s: värde %(n)s") % {"f": name, "n": i}
        if not isinstance(row, dict):
            problems.append(_("%(w)s är inget objekt.") % {"w": where})
            continue
        kpi, area, period = row.get("kpi"), str(row.get("municipality") or ""), row.get("period")
        if not isinstance(kpi, str) or not _KPI.match(kpi):
            problems.append(_("%(w)s: ogiltigt nyckeltals-id %(v)r.") % {"w": where, "v": kpi})
            continue
        if not _AREA.match(area):
            problems.append(_("%(w)s: ogiltigt kommun-id %(v)r.") % {"w": where, "v": area})
            continue
        if not isinstance(period, int) or isinstance(period, bool) or not 1990 <= period <= 2100:
            problems.append(_("%(w)s: ogiltigt år %(v)r.") % {"w": where, "v": period})
            continue
        values = row.get("values")
        if not isinstance(values, list):
            problems.append(_("%(w)s: saknar values.") % {"w": where})
            continue
        for v in values:
            gender = v.get("gender") if isinstance(v, dict) else None
            number = _decimal(v.get("value")) if isinstance(v, dict) else False
            if gender not in GENDERS or number is False:
                problems.append(
                    _("%(w)s (%(k)s %(y)s): kön ska vara T, K eller M och värdet ett tal: %(v)s.")
                    % {
                        "w": where,
                        "k": kpi,
                        "y": period,
                        "v": json.dumps(v, ensure_ascii=False)[:80],
                    }
                )
                continue
            content.figures.append(
                Figure(kpi, area, period, gender, number, str(v.get("status") or "")[:40])
            )


def read_documents(documents: list[tuple[str, bytes]]) -> Content:
    """Every file read and checked; KoladaError names every problem of every file."""
    content, problems = Content(), []
    for name, data in documents:
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            problems.append(_("%(f)s är inte JSON: %(e)s.") % {"f": name, "e": error})
            continue
        rows = document.get("values") if isinstance(document, dict) else None
        if not isinstance(rows, list):
            problems.append(
                _("%(f)s ser inte ut som ett svar från Kolada API v3: listan values saknas.")
                % {"f": name}
            )
            continue
        if document.get("next_page"):
            content.notes.append(
                _("%(f)s är sida ett av flera (next_page finns): läs in alla sidor.") % {"f": name}
            )
        if all(isinstance(r, dict) and "members" in r for r in rows) and rows:
            _groups(name, rows, content, problems)
        elif all(isinstance(r, dict) and "kpi" in r for r in rows):
            _data(name, rows, content, problems)
        else:
            problems.append(
                _("%(f)s är varken nyckeltalsgrupper (/v3/kpi_groups) eller data (/v3/data/kpi/…).")
                % {"f": name}
            )
    if problems:
        raise KoladaError(problems)
    return content
