"""The PDF at any size: the activity list stays whole up to a bound, and says where the rest is."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from utblick.reports import render
from utblick.reports.data import Scope, build_report
from utblick.reports.render import pdf_activities, render_pdf, render_xlsx

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_pdf_lists_every_activity_with_its_type_status_and_state(
    kungalv: Any, tmp_path: Path
) -> None:
    data = build_report(Scope(kungalv, 2026))
    rows = data.table("activities").rows
    assert 0 < len(rows) <= render.ACTIVITIES_IN_PDF
    pdf = render_pdf(data)
    text = pdf_text(pdf, tmp_path)
    assert "Rapporten omfattar" not in text
    for title, kind, _unit, status, _state, _done, _comment in rows:
        assert " ".join(title.split()) in text, title
        assert f"{kind} · {status}" in text, (kind, status)


def test_beyond_the_bound_the_pdf_says_how_many_and_points_to_excel(
    kungalv: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    data = build_report(Scope(kungalv, 2026))
    rows = data.table("activities").rows
    assert len(rows) > 3
    monkeypatch.setattr(render, "ACTIVITIES_IN_PDF", 3)
    text = pdf_text(render_pdf(data), tmp_path)
    assert (
        f"Rapporten omfattar {len(rows)} aktiviteter. PDF-filen listar de första 3 i ordning "
        f"efter enhet och namn. Alla {len(rows)}, med samma uppgifter, finns i Excel-versionen "
        "av samma rapport (bladet Aktiviteter)"
    ) in text
    listed = [" ".join(r[0].split()) for r in rows]
    assert all(t in text for t in listed[:3])
    assert not any(t in text for t in listed[3:] if not any(t in s for s in listed[:3]))
    # The key figure still counts them all, and Excel lists every one.
    assert data.figure("activities") == len(rows)
    sheet = load_workbook(io.BytesIO(render_xlsx(data)))["Aktiviteter"]
    assert [r[0] for r in sheet.iter_rows(min_row=3, values_only=True)] == [r[0] for r in rows]


def test_the_compact_list_keeps_every_value_of_the_report_table() -> None:
    table = {
        "key": "activities",
        "title": "Aktiviteterna",
        "headers": ["Aktivitet", "Typ", "Enhet", "Status", "Läge", "Genomfört", "Kommentar"],
        "rows": [
            ["Vänort Lahti", "Vänort", "KS", "Pågående", "Enligt plan", "40 %", "Bra år."],
            ["Idé", "Projekt", "KS", "Idé", "Rapporteras inte (Idé)", "–", "–"],
        ],
        "numeric": {5},
        "note": "",
    }
    compact = pdf_activities(table)
    assert compact["headers"] == [
        "Aktivitet",
        "Enhet",
        "Typ och status",
        "Läge (genomfört)",
        "Kommentar",
    ]
    assert compact["rows"] == [
        ["Vänort Lahti", "KS", "Vänort · Pågående", "Enligt plan · 40 %", "Bra år."],
        ["Idé", "KS", "Projekt · Idé", "Rapporteras inte (Idé)", "–"],
    ]
    assert compact["note"] == "" and pdf_activities(table, limit=1)["rows"] == compact["rows"][:1]
    assert "Rapporten omfattar 2 aktiviteter" in pdf_activities(table, limit=1)["note"]
    # Long comments fill many lines: the text, too, is bounded.
    first = sum(len(v) for v in table["rows"][0])
    by_text = pdf_activities(table, budget=first + 1)
    assert by_text["rows"] == compact["rows"][:1]
    assert "listar de första 1 i ordning" in by_text["note"]
