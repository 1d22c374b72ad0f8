"""Rows per second through ``core.sheets.append_row``, the door of every XLSX Utblick writes.

``python -m bench.sheets`` appends 1 000 and 4 000 rows of 27 cells (25 texts,
one number, one formula-like text) and prints the seconds; the time should
grow with the rows, not with their square.
"""

from __future__ import annotations

import time

from openpyxl import Workbook

from utblick.core.sheets import append_row


def main() -> None:
    for rows in (1000, 4000):
        sheet = Workbook().active
        started = time.perf_counter()
        for i in range(rows):
            append_row(sheet, [i, *(f"text {i} {j}" for j in range(25)), "=HYPERLINK(1)"])
        print(f"{rows} rows: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
