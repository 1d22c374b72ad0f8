"""Issue 12, finding 5: hostile and malformed uploads are refused in Swedish, fast, storing nothing.

Every file of ``utblick.testing.hostile.CORPUS`` is posted through the real
view of its door (import, policy intake, policy file) by the coordinator; each
must answer 400 with a Swedish message naming the limit or fault, and leave no
row and no file behind. Before the limits, the first four of them took
minutes and gigabytes (see ``bench/hostile_uploads.py`` for the figures now).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from utblick.activities.models import Activity
from utblick.core.sheets import append_row
from utblick.imports.models import ImportBatch
from utblick.imports.reading import UnreadableFile, read_upload
from utblick.intake.models import PolicyIntake
from utblick.policies.models import Policy, PolicyDocument
from utblick.testing.fixtures import client_for
from utblick.testing.hostile import CORPUS, Hostile, xlsx_far_cell

pytestmark = pytest.mark.django_db

DOORS = {"import": "imports:upload", "intake": "intake:upload", "policy": "policies:load"}


def stored_rows() -> tuple[int, ...]:
    return (
        ImportBatch.objects.count(),
        PolicyIntake.objects.count(),
        Policy.objects.count(),
        PolicyDocument.objects.count(),
        Activity.objects.count(),
    )


def stored_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def refusal(response: Any) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        li.get_text(" ", strip=True) for li in soup.select(".error-summary__list li")
    ).replace("\u00a0", " ")


@pytest.mark.parametrize("hostile", CORPUS, ids=[h.name for h in CORPUS])
def test_corpus_gives_no_server_error(
    hostile: Hostile, personas: dict[str, Any], settings: Any
) -> None:
    client = client_for(personas["coordinator"])
    before = stored_rows()
    upload = SimpleUploadedFile(hostile.filename, hostile.make())
    response = client.post(reverse(DOORS[hostile.door], args=["uppsala"]), {"file": upload})
    assert response.status_code == 400
    message = refusal(response)
    assert hostile.expect in message, message
    assert stored_rows() == before
    assert stored_files(settings) == []


def sheet(rows: int) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "Aktiviteter"
    ws.append(["typ", "titel", "enhet"])
    for i in range(rows):
        ws.append(["Evenemang", f"Träff {i}", "ks"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_limits_are_settings(settings: Any) -> None:
    settings.UPLOAD_LIMITS = {"max_rows": 3}
    read_upload(sheet(2), "liten.xlsx")  # header and two rows: within three
    with pytest.raises(UnreadableFile, match="fler än 3 rader"):
        read_upload(sheet(3), "stor.xlsx")
    with pytest.raises(UnreadableFile, match="fler än 3 rader"):
        read_upload(b"typ;titel\n" + b"Evenemang;Traff\n" * 3, "stor.csv")
    settings.UPLOAD_LIMITS = {"max_columns": 2}
    with pytest.raises(UnreadableFile, match="fler än 2 kolumner"):
        read_upload(sheet(1), "bred.xlsx")
    settings.UPLOAD_LIMITS = {"max_bytes": 100}
    with pytest.raises(UnreadableFile, match="större än 0 MB"):
        read_upload(sheet(1), "stor.xlsx")


def test_wall_time_is_a_limit(settings: Any) -> None:
    settings.UPLOAD_LIMITS = {"max_seconds": 0}
    with pytest.raises(UnreadableFile, match="längre än 0 sekunder"):
        read_upload(sheet(1), "lang.xlsx")


def test_a_cell_far_out_is_refused_by_its_column_too(settings: Any) -> None:
    settings.UPLOAD_LIMITS = {"max_rows": 100_000}
    with pytest.raises(UnreadableFile, match="kolumn 16\u00a0384"):
        read_upload(xlsx_far_cell(), "langt-ut.xlsx")


def test_a_dimension_tag_claiming_a_million_rows_reads_only_the_rows_there() -> None:
    data = sheet(2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b'<dimension ref="A1:C3"/>', b'<dimension ref="A1:XFD1048576"/>'
                )
                assert b"XFD1048576" in content
            dst.writestr(info, content)
    workbook = read_upload(out.getvalue(), "ljuger.xlsx")
    rows = workbook.sheets["Aktiviteter"].rows
    assert [r.values["titel"] for r in rows] == ["Träff 0", "Träff 1"]
    assert workbook.sheets["Aktiviteter"].headers == ["typ", "titel", "enhet"]


def test_the_register_export_reads_back_with_formula_like_text_as_text() -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Aktiviteter"
    ws.append(["typ", "titel", "enhet"])
    append_row(ws, ["Evenemang", "=1+2", "ks"])
    ws.append(["Evenemang", "=1+2", "ks"])  # a live formula, as a user could type it
    out = io.BytesIO()
    book.save(out)
    rows = read_upload(out.getvalue(), "export.xlsx").sheets["Aktiviteter"].rows
    assert (rows[0].values["titel"], rows[0].formulas) == ("=1+2", [])
    assert (rows[1].values["titel"], rows[1].formulas) == (None, ["titel"])
