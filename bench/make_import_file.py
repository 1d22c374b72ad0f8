"""Write an import file of N activity rows for timing: python bench/make_import_file.py N OUT.xlsx"""

import sys

from openpyxl import Workbook

KINDS = ["Projekt", "Evenemang, möte eller besök", "Bevakningsfråga"]


def main(n: int, out: str) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Aktiviteter")
    sheet.append(
        [
            "typ",
            "titel",
            "enhet",
            "status",
            "startdatum",
            "slutdatum",
            "inriktningar",
            "utvecklingsområde",
            "sammanfattning",
        ]
    )
    for i in range(n):
        sheet.append(
            [
                KINDS[i % 3],
                f"Importerad aktivitet {i}",
                "ks",
                "Idé",
                "2026-01-01",
                "2026-12-31",
                "Verksamhetsutveckling",
                "Digitalisering" if i % 3 == 0 else "",  # a project's field only
                f"Rad {i} i en stor import för mätning.",
            ]
        )
    book.save(out)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
