"""Lists as municipalities publish them: their words, years alone, blanks that keep what is stored.

The list is pasted into the template the product hands out, so the test also
checks that the template's help, word list and drop-downs say what the
importer reads.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from utblick.activities.models import Activity
from utblick.activities.vocabulary import SYNONYMS, Vocabulary
from utblick.core.tenancy import COORDINATOR, Access, Role
from utblick.imports.reading import read_upload
from utblick.imports.services import ImportInvalid, apply_import, plan_import
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.fileformat import PolicyFileInvalid
from utblick.policies.services import policy_file_load
from utblick.testing.fixtures import client_for, make_member
from utblick.testing.helpers import km

pytestmark = pytest.mark.django_db

POLICY = """
format = 1

[municipality]
name = "Ljusdals kommun"
slug = "ljusdal"
code = "2161"
organisation_number = "212000-2320"

[municipality.import_words.kind]
"vänskapsavtal" = "twin_city"

[[units]]
key = "ks"
name = "Kommunstyrelsen"
kind = "executive_board"

[[units]]
key = "kf"
name = "Kommunfullmäktige"
kind = "council"

[policy]
kind = "policy"
title = "Internationell policy"
adopted_by = "kf"
decided_on = 2021-04-26

[[policy.focus_areas]]
key = "utbyte"
name = "Utbyte och lärande"

[[policy.goals]]
key = "unga"
text = "Fler unga deltar i internationellt utbyte."

[policy.cadence]
kind = "yearly"
report_to = ["ks"]
"""

#: A twin-town list the way municipalities publish one: place, country code, their own word
#: for the kind, a since-year, no title, no status, no deciding body.
LIST = [
    ("Vänskapsort", "Åbo", "FI", 1946),
    ("Systerstad", "Florens", "IT", 1947),
    ("Samarbetsavtal", "Gdynia", "PL", 2004),
    ("Särskilt avtal", "Valga", "EE", 1995),
    ("Partnerstad", "Kristiansund", "NO", 2011),
    ("Samarbetsort", "Kehl", "DE", 2016),
    ("Vänskapsavtal", "Hamar", "NO", 1998),  # the municipality's own word
]
#: Where those places are (latitude, longitude), from the towns' own articles, not GeoNames.
REAL = {
    "Åbo": (60.4518, 22.2666),
    "Florens": (43.7696, 11.2558),
    "Gdynia": (54.5189, 18.5305),
    "Valga": (57.7769, 26.0311),
    "Kristiansund": (63.1105, 7.7279),
    "Kehl": (48.5711, 7.8156),
    "Hamar": (60.7945, 11.0680),
}


@pytest.fixture
def ljusdal(db: Any, clock: Any) -> Municipality:
    clock.set(date(2026, 11, 23))
    return policy_file_load(data=POLICY, filename="ljusdal.toml", user=None).municipality


def access_of(municipality: Municipality) -> Access:
    return Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)


def template(municipality: Municipality) -> Any:
    user = get_user_model().objects.filter(username=f"{municipality.slug}-las").first()
    user = user or make_member(municipality, f"{municipality.slug}-las", Role.READER)
    response = client_for(user).get(reverse("imports:template", args=[municipality.slug]))
    return load_workbook(io.BytesIO(response.content))


def filled(municipality: Municipality, rows: list[dict[str, Any]]) -> bytes:
    """The product's own template with the rows pasted under its headers."""
    book = template(municipality)
    sheet = book["Aktiviteter"]
    headers = [c.value for c in sheet[1]]
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def twin_town_rows(**extra: Any) -> list[dict[str, Any]]:
    return [
        {"typ": word, "ort": place, "land": country, "avtalsdatum": year, "enhet": "ks", **extra}
        for word, place, country, year in LIST
    ]


def test_a_published_twin_town_list_imports_as_written(ljusdal: Municipality) -> None:
    data = filled(ljusdal, twin_town_rows())
    plan = apply_import(read_upload(data, "vanorter.xlsx"), access_of(ljusdal), None, filename="v")
    assert plan.summary() == {"create": 7, "update": 0, "unchanged": 0, "error": 0}
    kinds = dict(Activity.objects.values_list("place", "kind"))
    assert kinds == {
        "Åbo": "twin_city",
        "Florens": "twin_city",
        "Hamar": "twin_city",
        "Gdynia": "partnership",
        "Valga": "partnership",
        "Kristiansund": "partnership",
        "Kehl": "partnership",
    }
    florens = Activity.objects.get(place="Florens")
    assert florens.title == "Vänort: Florens" and florens.status == "active"
    assert florens.agreement_date == date(1947, 1, 1)
    assert florens.date_precision == {"agreement_date": "year"}
    # Every place where it is, from the gazetteer, with its source recorded.
    for a in Activity.objects.all():
        assert a.coordinates_source == "geonames", a.place
        assert km((float(a.latitude), float(a.longitude)), REAL[a.place]) < 25, a.place
    # Shown as written: the year, on the activity's page and in the export.
    coordinator = make_member(ljusdal, "ljusdal-samordnare", Role.COORDINATOR)
    page = client_for(coordinator).get(reverse("activities:detail", args=["ljusdal", florens.pk]))
    assert "<dd>1947</dd>" in page.content.decode()
    export = client_for(coordinator).get(reverse("activities:export_csv", args=["ljusdal"]))
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert ";1947;" in text and "1947-01-01" not in text


def test_a_second_import_with_blank_cells_changes_nothing(ljusdal: Municipality) -> None:
    access = access_of(ljusdal)
    kf = Unit.objects.get(municipality=ljusdal, key="kf")
    rows = twin_town_rows(**{"beslutande organ": "kf", "avtalets läge": "Vilande"})
    apply_import(read_upload(filled(ljusdal, rows), "a.xlsx"), access, None, filename="a")
    before = {
        a.pk: (a.row_version, a.deciding_body_id, a.agreement_state) for a in Activity.objects.all()
    }
    assert {v[1:] for v in before.values()} == {(kf.pk, "dormant")}
    # The same list without those columns' values: nothing is cleared, nothing changes.
    blank = twin_town_rows(**{"beslutande organ": None, "avtalets läge": None, "avtalsdatum": None})
    plan = plan_import(read_upload(filled(ljusdal, blank), "b.xlsx"), access)
    assert plan.summary() == {"create": 0, "update": 0, "unchanged": 7, "error": 0}
    apply_import(read_upload(filled(ljusdal, blank), "b.xlsx"), access, None, filename="b")
    after = {
        a.pk: (a.row_version, a.deciding_body_id, a.agreement_state) for a in Activity.objects.all()
    }
    assert after == before
    assert Activity.objects.get(place="Kehl").agreement_date == date(2016, 1, 1)
    # "(töm)" is how a cell empties a stored value.
    cleared = [dict(twin_town_rows()[0], **{"avtalets läge": "(töm)"})]
    apply_import(read_upload(filled(ljusdal, cleared), "c.xlsx"), access, None, filename="c")
    assert Activity.objects.get(place="Åbo").agreement_state == ""
    assert Activity.objects.get(place="Florens").agreement_state == "dormant"


@pytest.mark.parametrize(
    ("field", "key", "word"),
    [(f, k, w) for f, table in SYNONYMS.items() for k, words in table.items() for w in words],
)
def test_every_shipped_word_reads_as_its_choice(field: str, key: str, word: str) -> None:
    assert Vocabulary().read(field, word) == key
    assert Vocabulary().read(field, word.upper()) == key


def test_a_word_not_known_is_refused_under_its_column(ljusdal: Municipality) -> None:
    rows = [{"typ": "Kompisort", "titel": "X", "enhet": "ks"}]
    rows.append({"typ": "vänort", "ort": "Valga", "land": "EE", "enhet": "ks", "status": "Kanske"})
    with pytest.raises(ImportInvalid) as invalid:
        apply_import(
            read_upload(filled(ljusdal, rows), "x.xlsx"), access_of(ljusdal), None, filename="x"
        )
    problems = [(p.row, p.column, p.message) for p in invalid.value.plan.all_problems]
    assert [(r, c) for r, c, _m in problems] == [(2, "typ"), (3, "status")]
    assert "'Kompisort' är inget av: Projekt, Vänort" in problems[0][2]
    assert not Activity.objects.exists()


def test_the_municipalitys_own_words_are_checked_when_the_policy_file_loads(db: Any) -> None:
    wrong = POLICY.replace('"vänskapsavtal" = "twin_city"', '"vänskapsavtal" = "friendship"')
    with pytest.raises(PolicyFileInvalid) as invalid:
        policy_file_load(data=wrong, filename="ljusdal.toml", user=None)
    assert "municipality.import_words.kind.vänskapsavtal" in str(invalid.value)
    assert not Municipality.objects.filter(slug="ljusdal").exists()


def test_the_template_says_what_the_importer_reads(ljusdal: Municipality) -> None:
    book = template(ljusdal)
    words = Vocabulary(ljusdal.import_words)
    header_field = {"typ": "kind", "status": "status", "avtalets läge": "agreement_state",
                    "riktning": "direction", "medlemskategori": "membership_category",
                    "barnperspektiv": "child_impact"}  # fmt: skip
    # Every value and every word on the Ord sheet reads as that value.
    seen = set()
    for column, value, others in book["Ord"].iter_rows(min_row=2, values_only=True):
        field = header_field[column]
        seen.add(column)
        key = words.read(field, value)
        for word in filter(None, (others or "").split(", ")):
            assert words.read(field, word) == key, (column, word)
    assert seen == set(header_field)
    twin = next(r for r in book["Ord"].iter_rows(values_only=True) if r[:2] == ("typ", "Vänort"))
    assert "systerstad" in twin[2] and "vänskapsavtal" in twin[2]  # shipped and own words
    # The help of each choice column lists exactly the values the importer knows.
    help_of = {r[1]: r[2] for r in book["Kolumner"].iter_rows(min_row=2, values_only=True)}
    assert "Inkommande (besök hos oss), Utgående (vi reser), Digitalt" in help_of["riktning"]
    assert "(töm)" in book["Kolumner"]["C2"].value
    # A drop-down on each choice column, listing its values from the hidden sheet.
    sheet = book["Aktiviteter"]
    headers = [c.value for c in sheet[1]]
    lists = book["Listor"]
    assert lists.sheet_state == "hidden"
    dropdowns = {
        str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation
    }
    for header, field in header_field.items():
        letter = sheet.cell(row=1, column=headers.index(header) + 1).column_letter
        ref = dropdowns[f"{letter}2"]
        first, last = ref.split("!")[1].replace("$", "").split(":")  # A2:A7
        listed = [c.value for (c,) in lists[f"{first}:{last}"]]
        assert listed == words.labels(field)
    # The policy's keys, with their names, for the focus-area and goal columns.
    keys = list(book["Nycklar"].iter_rows(min_row=2, values_only=True))
    assert ("inriktningar", "utbyte", "Utbyte och lärande") in keys
    assert ("mål", "unga", "Fler unga deltar i internationellt utbyte.") in keys


def test_cli_counts_data_rows_not_the_help_sheets(
    ljusdal: Municipality, tmp_path: Any, capsys: Any
) -> None:
    path = tmp_path / "vanorter.xlsx"
    path.write_bytes(filled(ljusdal, twin_town_rows()))
    call_command("import", str(path), "--municipality", "ljusdal", "--no-progress")
    assert "(Aktiviteter, Partner): 7 rader" in capsys.readouterr().out


def test_goals_by_their_text_too(ljusdal: Municipality) -> None:
    rows = [{"typ": "Projekt", "titel": "Ungdomsutbyte", "enhet": "ks",
             "mål": "Fler unga deltar i internationellt utbyte."}]  # fmt: skip
    apply_import(
        read_upload(filled(ljusdal, rows), "p.xlsx"), access_of(ljusdal), None, filename="p"
    )
    assert [g.key for g in Activity.objects.get(title="Ungdomsutbyte").goals.all()] == ["unga"]
