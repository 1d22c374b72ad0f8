"""The term-change pack in the report machinery's shape: PDF/A, Word and Excel read the same."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from utblick.followup.models import TrafficLight
from utblick.municipalities.models import Municipality
from utblick.reports.data import ReportData, Table
from utblick.termchange.selectors import ElementResult, Term, TermPack, light_counts


@dataclass(frozen=True)
class PackScope:
    """What the report renderers read of a scope, for the term-change pack."""

    municipality: Municipality
    term: Term
    period: None = None
    unit: None = None

    @property
    def year(self) -> int:
        return self.term.year

    @property
    def label(self) -> str:
        return self.term.label

    @property
    def title(self) -> str:
        return _("Ny mandatperiod %(term)s – %(who)s") % {
            "term": self.term.label,
            "who": self.municipality.name,
        }


def _date(value: date | None) -> str:
    return value.isoformat() if value else "–"


def pack_report(municipality: Municipality, pack: TermPack) -> ReportData:
    """The pack in the report machinery's shape: the page, PDF, Word and Excel read the same."""
    yes, no = _("ja"), _("nej")
    agreements = [
        [
            group.body,
            row.activity.title,
            str(row.activity.get_kind_display()),
            _date(row.activity.agreement_date or row.activity.member_since),
            _date(row.last_sign),
            yes if row.dormant else no,
            yes if row.activity.pk in pack.reviewed else no,
        ]
        for group in pack.groups
        for row in group.rows
    ]

    def results(rows: list[ElementResult]) -> list[list[Any]]:
        return [[r.label, r.activities, r.spent, *light_counts(r)] for r in rows]

    result_headers = [
        _("Aktiviteter"),
        _("Använt enligt uppföljningarna"),
        _("Enligt plan"),
        _("Risk för avvikelse"),
        _("Avviker"),
    ]
    units = [[u.name, _("kontaktperson")] for u in pack.without_contact] + [
        [u.name, _("handlingsplan %(y)s") % {"y": pack.term.start.year}] for u in pack.without_plan
    ]
    last = pack.term.previous.label
    tables = [
        Table(
            "reconsider",
            _("Avtal och medlemskap att ompröva, per beslutande organ"),
            [
                _("Beslutande organ"),
                _("Avtal/medlemskap"),
                _("Typ"),
                _("Sedan"),
                _("Senaste tecken på liv"),
                _("Kan vara vilande"),
                _("Omprövat denna mandatperiod"),
            ],
            agreements,
        ),
        Table(
            "term_areas",
            _("Förra mandatperioden (%(t)s) per inriktning") % {"t": last},
            [_("Inriktning"), *result_headers],
            results(pack.areas),
            money_columns={2},
        ),
        Table(
            "term_goals",
            _("Förra mandatperioden (%(t)s) per mål") % {"t": last},
            [_("Mål"), *result_headers],
            results(pack.goals),
            money_columns={2},
        ),
        Table("units_missing", _("Enheter som saknar"), [_("Enhet"), _("Saknar")], units),
    ]
    figures = [
        ("revision", _("Styrdokumentet ska revideras"), yes if pack.revision_due else no),
        ("agreements", _("Avtal och medlemskap att ompröva"), pack.agreements),
        ("open", _("Ännu inte omprövade"), pack.open),
        ("dormant", _("Kan vara vilande"), pack.dormant),
    ]
    lights = Counter[str]()
    for r in pack.areas:
        lights.update(r.lights)
    charts: dict[str, list[tuple[str, int | Decimal]]] = {
        "areas": [(r.label, r.activities) for r in pack.areas],
        "sdgs": [],
        "funding": [],
        "traffic": [(str(label), lights[value]) for value, label in TrafficLight.choices]
        if lights
        else [],
    }
    traffic = [(value, str(label), lights[value]) for value, label in TrafficLight.choices]
    return ReportData(PackScope(municipality, pack.term), figures, tables, charts, traffic)  # type: ignore[arg-type]
