"""Import: preview names every bad row; apply is all or nothing; re-import changes nothing."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from utblick.activities.columns import COLUMNS
from utblick.activities.models import Activity
from utblick.core.tenancy import COORDINATOR, Access
from utblick.imports.reading import UnreadableFile, read_upload
from utblick.imports.services import ImportInvalid, apply_import, plan_import
from utblick.partners.models import Partner
from utblick.testing.fixtures import client_for, import_apply, import_preview

pytestmark = pytest.mark.django_db
HEADERS = [
    "typ",
    "titel",
    "enhet",
    "status",
    "startdatum",
    "slutdatum",
    "inriktningar",
    "utvecklingsområde",
    "land",
    "ort",
    "partner",
    "årsavgift",
    "klassificering",
    "mål",
]


def access_of(municipality: Any) -> Access:
    return Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)


def xlsx(
    rows: list[list[Any]], headers: list[str] = HEADERS, partners: list[list[Any]] | None = None
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Aktiviteter"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if partners is not None:
        p = book.create_sheet("Partner")
        p.append(["namn", "typ", "land", "ort"])
        for row in partners:
            p.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def good_row(i: int) -> list[Any]:
    return [
        "Projekt",
        f"Projekt nummer {i}",
        "ks",
        "Idé",
        "2026-01-01",
        "2026-12-31",
        "Verksamhetsutveckling",
        "Digitalisering",
        "",
        "",
        "",
        "",
        "",
        "",
    ]


BAD_ROWS: dict[int, tuple[list[Any], str, str]] = {
    # sheet row number: (row, column, message fragment)
    3: (
        [
            "Projekt",
            "Slut före start",
            "ks",
            "Idé",
            "2026-05-01",
            "2026-01-01",
            "",
            "Test",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        "slutdatum",
        "Slutdatum kan inte vara före startdatum",
    ),
    6: (
        [
            "Vänort",
            "Okänt land",
            "ks",
            "Beslutad/pågående",
            "",
            "",
            "",
            "",
            "Atlantis",
            "Atlantis",
            "",
            "",
            "",
            "",
        ],
        "land",
        "Okänt land",
    ),
    9: (
        [
            "Nätverksmedlemskap",
            "Negativ avgift",
            "ks",
            "Idé",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "-500",
            "",
            "",
        ],
        "årsavgift",
        "negativt",
    ),
    12: (
        ["Projekt", "Okänd term", "ks", "Idé", "", "", "", "Test", "", "", "", "", "99 Mars", ""],
        "klassificering",
        "finns inte",
    ),
    15: (
        [
            "Projekt",
            "Umeås inriktning",
            "ks",
            "Idé",
            "",
            "",
            "Påverkan och omvärldsbevakning",
            "Test",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        "inriktningar",
        "finns inte i gällande styrdokument",
    ),
    18: (
        ["Projekt", "Okänd enhet", "riksdagen", "Idé", "", "", "", "Test", "", "", "", "", "", ""],
        "enhet",
        "finns inte i kommunen",
    ),
    21: (
        ["Flygplan", "Okänd typ", "ks", "Idé", "", "", "", "", "", "", "", "", "", ""],
        "typ",
        "är inget av",
    ),
    24: (
        ["Projekt", "Fel datum", "ks", "Idé", "1 maj 2026", "", "", "Test", "", "", "", "", "", ""],
        "startdatum",
        "är inget datum",
    ),
    27: (
        [
            "Projekt",
            "Okänd partner",
            "ks",
            "Idé",
            "",
            "",
            "",
            "Test",
            "",
            "",
            "Nokia (partner)",
            "",
            "",
            "",
        ],
        "partner",
        "finns inte i registret",
    ),
    30: (
        ["Projekt", "Utan mål", "ks", "Föreslagen", "", "", "", "", "", "", "", "", "", ""],
        "mål",
        "utvecklingsområde",
    ),
}


def mixed_file() -> bytes:
    rows = []
    for number in range(2, 32):  # 30 data rows: sheet rows 2..31
        rows.append(BAD_ROWS[number][0] if number in BAD_ROWS else good_row(number))
    return xlsx(rows)


def test_thirty_mixed_rows_report_exactly_the_bad_ones_and_import_nothing(uppsala: Any) -> None:
    workbook = read_upload(mixed_file(), "blandat.xlsx")
    plan = plan_import(workbook, access_of(uppsala))
    found = {(p.row, p.column) for p in plan.all_problems}
    assert {row for row, _col in found} == set(BAD_ROWS)
    for row, (_values, column, fragment) in BAD_ROWS.items():
        messages = [p.message for p in plan.all_problems if p.row == row and p.column == column]
        assert any(fragment in m for m in messages), (
            row,
            column,
            [(p.column, p.message) for p in plan.all_problems if p.row == row],
        )
    assert plan.count("create") == 20 and plan.count("error") == 10
    before = Activity.objects.count()
    with pytest.raises(ImportInvalid):
        apply_import(workbook, access_of(uppsala), None, filename="blandat.xlsx")
    assert Activity.objects.count() == before


def test_partner_id_from_another_municipality_is_refused(uppsala: Any, umea: Any) -> None:
    foreign = Partner.objects.create(
        municipality=umea, name="Vaasan kaupunki", kind="municipality", country="FI"
    )
    book = Workbook()
    sheet = book.active
    sheet.title = "Partner"
    sheet.append(["id", "namn", "typ", "land"])
    sheet.append([foreign.pk, "Vasa stad", "Kommun/stad", "FI"])
    out = io.BytesIO()
    book.save(out)
    plan = plan_import(read_upload(out.getvalue(), "p.xlsx"), access_of(uppsala))
    assert [(p.row, p.column) for p in plan.all_problems] == [(2, "id")]
    foreign.refresh_from_db()
    assert foreign.name == "Vaasan kaupunki"


def test_a_clean_thousand_rows_import_in_one_go_and_again_change_nothing(uppsala: Any) -> None:
    data = xlsx(
        [good_row(i) for i in range(1000)],
        partners=[["Tartu linn", "Kommun/stad", "Estland", "Tartu"]],
    )
    plan = apply_import(
        read_upload(data, "tusen.xlsx"), access_of(uppsala), None, filename="tusen.xlsx"
    )
    assert plan.summary() == {"create": 1001, "update": 0, "unchanged": 0, "error": 0}
    assert (
        Activity.objects.filter(municipality=uppsala, title__startswith="Projekt nummer").count()
        == 1000
    )
    activity = Activity.objects.get(title="Projekt nummer 7")
    assert [f.key for f in activity.focus_areas.all()] == ["verksamhetsutveckling"]
    created = activity.history.get()
    assert (created.history_action, created.history_change_reason) == (
        "activity.created",
        "tusen.xlsx",
    )
    again = apply_import(
        read_upload(data, "tusen.xlsx"), access_of(uppsala), None, filename="tusen.xlsx"
    )
    assert again.summary() == {"create": 0, "update": 0, "unchanged": 1001, "error": 0}
    assert activity.history.count() == 1


def test_the_journey_export_change_one_row_import_back(
    personas: dict[str, Any], uppsala: Any
) -> None:
    """Find the twin cities, filter EU-funded projects of one committee, export, change, import, see history."""
    from utblick.demo.register import load_register
    from utblick.organisation.models import Unit

    load_register(uppsala)
    client = client_for(personas["coordinator"])
    page = BeautifulSoup(
        client.get(reverse("activities:list", args=["uppsala"]) + "?typ=twin_city").content,
        "html.parser",
    )
    assert len(page.select(".register-table tbody tr")) == 7
    committee = Unit.objects.get(municipality=uppsala, key="gatu-och-samhallsmiljonamnden")
    query = f"?typ=project&finansiering=eu&enhet={committee.pk}"
    page = BeautifulSoup(
        client.get(reverse("activities:list", args=["uppsala"]) + query).content, "html.parser"
    )
    assert [
        a.get_text(strip=True) for a in page.select(".register-table tbody td:first-child a")
    ] == ["Tyst innerstad – minskat trafikbuller"]
    exported = client.get(reverse("activities:export_xlsx", args=["uppsala"]) + query).content
    book = load_workbook(io.BytesIO(exported))
    sheet = book["Aktiviteter"]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.header for c in COLUMNS]
    assert sheet.max_row == 2
    sheet.cell(row=2, column=headers.index("sammanfattning") + 1).value = "Ändrad i Excel"
    changed = io.BytesIO()
    book.save(changed)
    preview = import_preview(client, "uppsala", "register.xlsx", changed.getvalue())
    html = BeautifulSoup(preview.content, "html.parser")
    rows = [tr.get_text(" ", strip=True) for tr in html.select("tr.import-row--update")]
    assert len(rows) == 1 and "sammanfattning" in rows[0] and "Ändrad i Excel" in rows[0]
    apply_url = html.select_one("form[action*='las-in']")["action"]
    assert import_apply(client, apply_url).state == "done"
    activity = Activity.objects.get(title="Tyst innerstad – minskat trafikbuller")
    assert activity.summary == "Ändrad i Excel"
    history = BeautifulSoup(
        client.get(reverse("activities:history", args=["uppsala", activity.pk])).content,
        "html.parser",
    )
    newest = history.select_one(".history__entry")
    assert "Ändrad – register.xlsx" in newest.get_text()
    assert "Ändrad i Excel" in newest.select_one("tbody").get_text()


def test_apply_refuses_when_a_record_changed_after_the_preview(
    personas: dict[str, Any], uppsala: Any
) -> None:
    client = client_for(personas["coordinator"])
    apply_import(
        read_upload(xlsx([good_row(1)]), "a.xlsx"), access_of(uppsala), None, filename="a.xlsx"
    )
    changed = good_row(1)
    changed[7] = "Ny inriktning av arbetet"
    preview = import_preview(client, "uppsala", "b.xlsx", xlsx([changed]))
    apply_url = BeautifulSoup(preview.content, "html.parser").select_one("form[action*='las-in']")[
        "action"
    ]
    activity = Activity.objects.get(title="Projekt nummer 1")
    activity.summary = "Någon annan"
    activity.row_version += 1
    activity.save()
    job = import_apply(client, apply_url)
    assert job.state == "failed" and job.error.startswith("Inget lästes in")
    # The job leads to the preview, which now names the row that changed.
    rows = client.get(job.result_url).content.decode()
    assert "ändrats av någon annan sedan förhandsgranskningen" in rows
    activity.refresh_from_db()
    assert activity.development_area == "Digitalisering"


def test_editor_imports_only_into_own_units(personas: dict[str, Any], uppsala: Any) -> None:
    from utblick.accounts.access import access_for

    access = access_for(personas["editor"], "uppsala")
    row_own, row_foreign = good_row(1), good_row(2)
    row_own[2] = "utbildningsforvaltningen"
    plan = plan_import(read_upload(xlsx([row_own, row_foreign]), "e.xlsx"), access)
    assert [(p.row, p.column) for p in plan.all_problems] == [(3, "enhet")]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tom.xlsx", b"", "Filen är tom"),
        ("bild.xlsx", b"\x89PNG\r\n" + b"0" * 100, "ingen Excel-arbetsbok"),
        ("gammal.xls", b"\xd0\xcf\x11\xe0" + b"0" * 100, "gamla Excel-formatet"),
        ("makro.xlsm", b"PK\x03\x04", "makron"),
        ("data.json", b'{"a": 1}', "Bara Excel"),
        ("en.csv", b"titel\nA\n", "bara en kolumn"),
    ],
)
def test_unreadable_files_are_refused_clearly(name: str, data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFile, match=message):
        read_upload(data, name)


def test_workbook_with_macros_is_refused_whatever_its_name() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/vbaProject.bin", b"\x00macro")
    with pytest.raises(UnreadableFile, match="makron"):
        read_upload(out.getvalue(), "oskyldig.xlsx")


def test_oversized_upload_is_refused(personas: dict[str, Any], uppsala: Any, settings: Any) -> None:
    from utblick.core.uploads import DEFAULT_LIMITS

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    big = b"typ;titel\n" + b"x" * (DEFAULT_LIMITS.max_bytes + 1)
    with pytest.raises(UnreadableFile, match="större än 10 MB"):
        read_upload(big, "stor.csv")


def test_formulas_are_never_run(uppsala: Any) -> None:
    row = good_row(1)
    row[1] = '=HYPERLINK("http://evil.example","klicka")'
    plan = plan_import(read_upload(xlsx([row]), "f.xlsx"), access_of(uppsala))
    assert next((p.column, p.message) for p in plan.all_problems) == (
        "titel",
        "Cellen innehåller en formel; klistra in värdet i stället.",
    )


def test_csv_in_windows_1252_with_commas_is_detected(uppsala: Any) -> None:
    text = "typ,titel,enhet,utvecklingsområde\nProjekt,Ölands bro,ks,Infrastruktur\n"
    workbook = read_upload(text.encode("cp1252"), "gammal.csv")
    assert workbook.notes == ["CSV lästes som Windows-1252 med komma som avgränsare."]
    plan = apply_import(workbook, access_of(uppsala), None, filename="gammal.csv")
    assert plan.count("create") == 1
    assert Activity.objects.filter(title="Ölands bro").exists()


def test_csv_export_is_swedish_excel_friendly_and_safe(
    personas: dict[str, Any], uppsala: Any
) -> None:
    from utblick.activities.services import activity_save
    from utblick.activities.validation import Tags
    from utblick.organisation.models import Unit

    activity = Activity(
        municipality=uppsala,
        kind="event",
        title="=1+2",
        unit=Unit.objects.get(municipality=uppsala, key="ks"),
        cost=1234.5,
    )
    activity_save(
        access=access_of(uppsala), user=None, activity=activity, tags=Tags(), expected_version=None
    )
    response = client_for(personas["reader"]).get(
        reverse("activities:export_csv", args=["uppsala"])
    )
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffid;typ;titel;")
    row = text.splitlines()[1].split(";")
    assert row[2] == "'=1+2"
    assert "1234,50" in row


def test_cli_import_dry_run_and_errors(uppsala: Any, tmp_path: Any, capsys: Any) -> None:
    path = tmp_path / "import.xlsx"
    path.write_bytes(xlsx([good_row(1), good_row(2)]))
    call_command("import", str(path), "--municipality", "uppsala", "--dry-run", "--no-progress")
    assert "skulle bli 2 nya" in capsys.readouterr().out
    assert not Activity.objects.exists()
    call_command("import", str(path), "--municipality", "uppsala", "--no-progress")
    assert Activity.objects.count() == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(mixed_file())
    with pytest.raises(CommandError, match="12 fel på 10 rader – inget lästes in") as raised:
        call_command("import", str(bad), "--municipality", "uppsala", "--no-progress")
    assert "Aktiviteter rad 6, land: Okänt land" in str(raised.value)
    assert Activity.objects.count() == 2


def test_template_documents_every_column(personas: dict[str, Any]) -> None:
    response = client_for(personas["reader"]).get(reverse("imports:template", args=["uppsala"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Aktiviteter",
        "Partner",
        "Budget",
        "Finansiering",
        "Kolumner",
        "Ord",
        "Nycklar",
        "Listor",
    ]
    documented = [
        row[1]
        for row in book["Kolumner"].iter_rows(min_row=2, values_only=True)
        if row[0] == "Aktiviteter"
    ]
    assert documented == [c.header for c in COLUMNS]
