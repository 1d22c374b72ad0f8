"""Writes list-of-operations.xlsx: a small Interreg list of operations in the shape of
Interact's common template that keep.eu hosts (sheets Operations and Partners, linked by
the operation's id). Run from the project's root: ``.venv/bin/python
utblick/euimport/tests/data/keep/make_fixture.py``. The operations are made up."""

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

OPERATIONS = [
    [
        "Programme",
        "Programme CCI",
        "Period",
        "Operation ID",
        "Acronym",
        "Operation name",
        "Operation summary",
        "Start date",
        "End date",
        "Total eligible cost",
        "Total EU funding (amount)",
        "EU co-financing rate",
        "Number of partners",
        "NUTS3",
    ],
    [
        "Interreg Aurora",
        "2021TC16RFCB034",
        "2021-2027",
        "20358542",
        "BIOCIRC",
        "Circular bioeconomy in the northern cities",
        "Cities and universities of the north develop circular uses of forest residues.",
        datetime(2023, 9, 1),
        datetime(2026, 8, 31),
        1950000.0,
        1267500.0,
        0.65,
        3,
        "SE331",
    ],
    [
        "Interreg Aurora",
        "2021TC16RFCB034",
        "2021-2027",
        "20358613",
        "NORDLIGHT",
        "Light and safety in northern public spaces",
        "Municipalities test lighting that makes winter streets safer for children.",
        datetime(2024, 3, 1),
        datetime(2027, 2, 28),
        820000.0,
        533000.0,
        0.65,
        2,
        "SE331",
    ],
    [
        "Interreg Aurora",
        "2021TC16RFCB034",
        "2021-2027",
        "20358777",
        "SNOWROUTE",
        "Winter cycling routes",
        "Cycling all year round.",
        datetime(2023, 1, 1),
        datetime(2025, 12, 31),
        400000.0,
        260000.0,
        0.65,
        2,
        "SE332",
    ],
]
PARTNERS = [
    [
        "Operation ID",
        "Partner name",
        "Lead partner",
        "Type of organisation",
        "PIC",
        "Partner's IDs if not PIC",
        "Town",
        "Country",
        "Partner's programme co-financing",
    ],
    [
        "20358542",
        "Oulun kaupunki",
        "Yes",
        "Local public authority",
        "949876543",
        "",
        "Oulu",
        "Finland",
        650000.0,
    ],
    [
        "20358542",
        "Umeå kommun",
        "No",
        "Local public authority",
        "",
        "id-SE-SE 212000-2627",
        "Umeå",
        "Sweden",
        390000.0,
    ],
    [
        "20358542",
        "Luleå tekniska universitet",
        "No",
        "Higher education and research organisations",
        "999974295",
        "",
        "Luleå",
        "Sweden",
        227500.0,
    ],
    [
        "20358613",
        "Umeå kommun",
        "Yes",
        "Local public authority",
        "",
        "SE 2120002627",
        "Umeå",
        "Sweden",
        None,
    ],
    [
        "20358613",
        "Tromsø kommune",
        "No",
        "Local public authority",
        "",
        "id-NO-NO 940101808",
        "Tromsø",
        "Norway",
        None,
    ],
    [
        "20358777",
        "Skellefteå kommun",
        "Yes",
        "Local public authority",
        "",
        "id-SE-SE 212000-2742",
        "Skellefteå",
        "Sweden",
        130000.0,
    ],
    [
        "20358777",
        "Umeå kommun, Fritidsförvaltningen",
        "No",
        "Local public authority",
        "",
        "",
        "Umeå",
        "Sweden",
        130000.0,
    ],
]

book = Workbook()
operations = book.active
operations.title = "Operations"
for row in OPERATIONS:
    operations.append(row)
for row in operations.iter_rows(min_row=2):
    row[7].number_format = row[8].number_format = "yyyy-mm-dd"
    row[11].number_format = "0%"
partners = book.create_sheet("Partners")
for row in PARTNERS:
    partners.append(row)
book.save(Path(__file__).with_name("list-of-operations.xlsx"))
