"""Hostile uploads: seconds and peak memory of reading each, every file in its own process.

    python -m bench.hostile_uploads                  # the whole corpus, a table
    python -m bench.hostile_uploads --json           # the same as JSON lines
    python -m bench.hostile_uploads --only NAME ...  # some files
    python -m bench.hostile_uploads --max-memory-mb 3000 --timeout 120

Each file of ``utblick.testing.hostile.CORPUS`` goes through the reading
function of its door (``read_upload`` for imports, ``read_document`` for policy
intake, ``read_policy_file`` for policy files) in a fresh interpreter, so the
peak resident memory is that file's alone. Two accepted files are measured
too: the largest import the limits allow (20 000 rows) and a long policy
document, to show what reading costs when nothing is refused. Figures are
printed, never asserted; ``--max-memory-mb`` and ``--timeout`` keep a run of
code without limits from taking the machine with it.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def _accepted_import() -> bytes:
    from openpyxl import Workbook

    from utblick.core.uploads import DEFAULT_LIMITS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Aktiviteter")
    sheet.append(["typ", "titel", "enhet", "status", "startdatum", "slutdatum", "sammanfattning"])
    for i in range(DEFAULT_LIMITS.max_rows - 1):
        sheet.append(
            [
                "Projekt",
                f"Importerad aktivitet {i}",
                "ks",
                "Idé",
                "2026-01-01",
                "2026-12-31",
                f"Rad {i} i den största import som tas emot, för mätning av minne och tid.",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _accepted_document() -> bytes:
    from utblick.testing.hostile import docx

    paragraph = (
        "<w:p><w:r><w:t>Kommunen ska samarbeta internationellt med sina vänorter, "
        "i nätverk och i projekt som stärker verksamheterna. {i}</w:t></w:r></w:p>"
    )
    return docx(paragraph.replace("{i}", str(i)) for i in range(10_000))


def _files() -> list[tuple[str, str, str, Any, bool]]:
    from utblick.testing.hostile import CORPUS

    files = [(h.name, h.door, h.filename, h.make, h.from_issue) for h in CORPUS]
    files.append(("godtagen-import-20000-rader", "import", "stor.xlsx", _accepted_import, False))
    files.append(("godtagen-docx-10000-stycken", "intake", "lang.docx", _accepted_document, False))
    return files


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_one(name: str) -> dict[str, Any]:
    """In the child: make the file, then read it through its door's reading function."""
    import django

    django.setup()
    from utblick.imports.reading import read_upload
    from utblick.intake.reading import read_document
    from utblick.policies.fileformat import PolicyFileInvalid, read_policy_file

    _name, door, filename, make, from_issue = next(f for f in _files() if f[0] == name)
    data = make()
    readers = {"import": read_upload, "intake": read_document, "policy": read_policy_file}
    before = _rss_mb()
    started = time.perf_counter()
    try:
        readers[door](data, filename)
        outcome = "godtagen"
    except (ValueError, PolicyFileInvalid) as refused:  # each door's refusal, in Swedish
        outcome = str(refused).replace("\u00a0", " ")[:90]
    seconds = time.perf_counter() - started
    return {
        "file": name,
        "door": door,
        "from_issue": from_issue,
        "packed_kb": round(len(data) / 1024),
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(_rss_mb(), 1),
        "rss_growth_mb": round(_rss_mb() - before, 1),
        "outcome": outcome,
    }


def _run_child(name: str, timeout: float, max_memory_mb: int) -> dict[str, Any]:
    def limit() -> None:
        if max_memory_mb:
            size = max_memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.hostile_uploads", "--child", name],
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"file": name, "outcome": f"över {timeout:.0f} s: avbruten"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"file": name, "outcome": f"kraschade: {last[:80]}"}
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--max-memory-mb", type=int, default=0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_one(args.child)))
        return
    files = [f for f in _files() if args.only is None or f[0] in args.only]
    if not args.json:
        print(f"{'fil':32} {'packad':>8} {'sekunder':>9} {'topp-RSS':>9} {'ökning':>8}  utfall")
    for name, door, _filename, _make, from_issue in files:
        row = {"door": door, "from_issue": from_issue} | _run_child(
            name, args.timeout, args.max_memory_mb
        )
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
            continue
        mark = "*" if row.get("from_issue") else " "
        print(
            f"{mark}{name:31} {row.get('packed_kb', '–'):>6} kB {row.get('seconds', '–'):>9} "
            f"{row.get('peak_rss_mb', '–'):>6} MB {row.get('rss_growth_mb', '–'):>5} MB  "
            f"{row['outcome']}"
        )
    if not args.json:
        print("* = en av de fyra filerna i issue 12, fynd 5")


if __name__ == "__main__":
    main()
