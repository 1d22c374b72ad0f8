"""Charts made once from Vega-Lite specs (rendered offline by vl-convert) for page and documents.

Each chart comes with the table of the same numbers, its text equivalent.
Traffic-light colours are never alone: every bar is labelled with its word.
"""

from __future__ import annotations

import base64
import json
import textwrap
from decimal import Decimal
from functools import lru_cache
from typing import Any

import vl_convert as vlc
from django.utils.translation import gettext as _

from utblick.reports.data import ReportData

ACCENT = "#1f4e8c"
TRAFFIC_COLOURS = ["#1d6b3a", "#b26b00", "#a4262c", "#6b7480", "#4a3f73"]
FONT = "DejaVu Sans"
LABEL_WIDTH = 34  # characters per line of a bar's name


def wrap_label(label: str) -> str:
    """The label on lines of at most LABEL_WIDTH characters (a longer word keeps its line)."""
    return "\n".join(textwrap.wrap(label, LABEL_WIDTH, break_long_words=False)) or label


def bar_chart(
    values: list[tuple[str, int | Decimal]],
    *,
    title: str,
    unit: str,
    colours: list[str] | None = None,
) -> dict[str, Any]:
    # Long names wrap onto lines of their own instead of being cut ("… socioekonomiska ku…").
    wrapped = [wrap_label(label) for label, _value in values]
    lines = max((w.count("\n") + 1 for w in wrapped), default=1)
    rows = [
        {"label": w, "value": float(value), "order": i}
        for i, (w, (_label, value)) in enumerate(zip(wrapped, values, strict=True))
    ]
    axis: dict[str, Any] = {"labelFont": FONT, "titleFont": FONT, "format": ",d"}
    top = max((r["value"] for r in rows), default=0)
    if unit == _("Antal") and top <= 20:
        # Whole numbers only: Vega would otherwise put ticks at 0.5 and print them as duplicates.
        axis["values"] = list(range(int(top) + 1))
    colour: dict[str, Any] = {"value": ACCENT}
    if colours:
        colour = {
            "field": "label",
            "type": "nominal",
            "scale": {"domain": [r["label"] for r in rows], "range": colours[: len(rows)]},
            "legend": None,
        }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "anchor": "start", "font": FONT, "fontSize": 14},
        "width": 420,
        "height": {"step": 10 + 15 * lines},
        "data": {"values": rows},
        "layer": [
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "y": {
                        "field": "label",
                        "type": "nominal",
                        "sort": {"field": "order", "op": "min"},
                        "title": None,
                        "axis": {
                            "labelLimit": 0,
                            "labelExpr": "split(datum.label, '\\n')",
                            "labelFont": FONT,
                            "labelFontSize": 11,
                        },
                    },
                    "x": {"field": "value", "type": "quantitative", "title": unit, "axis": axis},
                    "color": colour,
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 3, "font": FONT, "fontSize": 11},
                "encoding": {
                    "y": {
                        "field": "label",
                        "type": "nominal",
                        "sort": {"field": "order", "op": "min"},
                    },
                    "x": {"field": "value", "type": "quantitative"},
                    "text": {"field": "value", "type": "quantitative", "format": ",d"},
                },
            },
        ],
        "config": {
            "view": {"stroke": None},
            "locale": {"number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3]}},
        },
    }


def chart_specs(data: ReportData) -> list[tuple[str, str, dict[str, Any]]]:
    """(key, text alternative, spec) of every chart the report shows."""
    specs = []
    if data.charts["areas"]:
        specs.append(
            (
                "areas",
                _("Diagram: antal aktiviteter per inriktning; samma siffror finns i tabellen."),
                bar_chart(
                    data.charts["areas"], title=_("Aktiviteter per inriktning"), unit=_("Antal")
                ),
            )
        )
    if data.charts["sdgs"]:
        specs.append(
            (
                "sdgs",
                _(
                    "Diagram: antal aktiviteter per mål i Agenda 2030; samma siffror finns i tabellen."
                ),
                bar_chart(
                    data.charts["sdgs"],
                    title=_("Aktiviteter per mål i Agenda 2030"),
                    unit=_("Antal"),
                ),
            )
        )
    if data.charts.get("funding"):
        specs.append(
            (
                "funding",
                _(
                    "Diagram: sökt och beviljad extern finansiering i kronor; samma siffror finns i tabellen."
                ),
                bar_chart(data.charts["funding"], title=_("Extern finansiering"), unit=_("Kronor")),
            )
        )
    if data.charts.get("traffic"):
        specs.append(
            (
                "traffic",
                _(
                    "Diagram: antal aktiviteter per läge vid uppföljningen; samma siffror finns i tabellen."
                ),
                bar_chart(
                    data.charts["traffic"],
                    title=_("Läge vid uppföljningen"),
                    unit=_("Antal"),
                    colours=TRAFFIC_COLOURS,
                ),
            )
        )
    return specs


@lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    return vlc.vegalite_to_svg(vl_spec=json.loads(spec_json))


def svg(spec: dict[str, Any]) -> str:
    return _svg(json.dumps(spec, sort_keys=True))


def svg_data_uri(spec: dict[str, Any]) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg(spec).encode("utf-8")).decode(
        "ascii"
    )


def png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    return vlc.vegalite_to_png(vl_spec=spec, scale=scale)
