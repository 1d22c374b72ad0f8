"""The compiled report at any size: PDF, Word and Excel for 500 and 6 000 activities,
and the report page of the 6 000-activity municipality, computed and read back stored.

Each measurement runs in a fresh process, so its peak RSS (``ru_maxrss``) is that of one
report: Django, the report's data and the render, as a web worker or ``utblick report``
would hold them. The PDF of the 500-activity municipality is the median of three runs.
"render s" is the report's own time; importing WeasyPrint, once per process as in a web
worker, is timed apart ("import s").

    UTBLICK_DATA_DIR=/tmp/report-size python -m bench.report_size --build   # once: the two municipalities
    UTBLICK_DATA_DIR=/tmp/report-size python -m bench.report_size

``--build`` migrates the database and adds ``rapport500`` and ``rapport6000`` with
``utblick demo --scale national --names … --sizes 900,10700``: the demo spreads activities
over several years, so about 500 and 6 000 of them fall in the report's year 2026 and are
listed (the table's first column says how many). Prints a table and the
targets: the PDF for 500 activities in under 5 s, the 6 000-activity report under 500 MB,
and its report page under 1 s once its figures are stored (``reports.snapshots``; the
first view after a change computes them, timed as "page computed").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SMALL, LARGE = "rapport500", "rapport6000"
FORMATS = ("pdf", "docx", "xlsx")
PDF_SECONDS, PEAK_MB = 5.0, 500.0


def child(slug: str, fmt: str, out: str | None) -> dict[str, Any]:
    """One report in this process: build the data, render it; times and peak RSS."""
    import resource

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")
    os.environ.setdefault("DEBUG", "false")  # as served: no query log growing with the report
    import django

    django.setup()
    from utblick.municipalities.models import Municipality
    from utblick.reports.data import Scope, build_report
    from utblick.reports.render import RENDERERS

    m = Municipality.objects.get(slug=slug)
    # Once per process, as a web worker imports it once: timed apart from the report.
    importing = time.perf_counter()
    if fmt == "pdf":
        import weasyprint  # noqa: F401

    started = time.perf_counter()
    data = build_report(Scope(m, 2026, None, None))
    built = time.perf_counter()
    body = RENDERERS[fmt](data, "")
    done = time.perf_counter()
    if out:
        Path(out).write_bytes(body)
    return {
        "activities": len(data.table("activities").rows),
        "import_s": round(started - importing, 2),
        "data_s": round(built - started, 2),
        "render_s": round(done - built, 2),
        "bytes": len(body),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def page_child(slug: str) -> dict[str, Any]:
    """The report page as a coordinator gets it: computed once, then read back five times."""
    import resource

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from utblick.core.tenancy import Role
    from utblick.municipalities.models import Municipality
    from utblick.reports.models import ReportSnapshot
    from utblick.testing.fixtures import make_member

    m = Municipality.objects.get(slug=slug)
    username = f"{slug}-bench"
    user = get_user_model().objects.filter(username=username).first()
    user = user or make_member(m, username, Role.COORDINATOR)
    client = Client()
    client.force_login(user)
    ReportSnapshot.objects.filter(municipality=m).delete()
    url = f"/app/{slug}/rapporter/?ar=2026"

    def timed() -> float:
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - started

    computed = timed()
    stored = [timed() for _ in range(5)]
    return {
        "computed_s": round(computed, 2),
        "stored_s": round(statistics.median(stored), 3),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_child(slug: str, fmt: str, out: str | None = None) -> dict[str, Any]:
    args = [sys.executable, "-m", "bench.report_size", "--child", slug, fmt]
    if fmt == "page":
        args = [sys.executable, "-m", "bench.report_size", "--page", slug]
    if out:
        args += ["--out", out]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{slug} {fmt} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def build() -> None:
    utblick = [sys.executable, "-m", "utblick"]
    subprocess.run([*utblick, "migrate", "--no-input"], cwd=ROOT, check=True)
    subprocess.run(
        [
            *utblick,
            "demo",
            "--scale",
            "national",
            "--names",
            f"{SMALL},{LARGE}",
            "--sizes",
            "900,10700",
            "--partners",
            "600",
            "--quiet",
        ],
        cwd=ROOT,
        check=True,
    )


def measure(keep: Path | None) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for slug in (SMALL, LARGE):
        for fmt in FORMATS:
            runs = 3 if (slug, fmt) == (SMALL, "pdf") else 1
            out = str(keep / f"{slug}.{fmt}") if keep else None
            got = [run_child(slug, fmt, out) for _ in range(runs)]
            best = got[0] | {
                "render_s": statistics.median(r["render_s"] for r in got),
                "data_s": statistics.median(r["data_s"] for r in got),
                "peak_mb": max(r["peak_mb"] for r in got),
                "runs": runs,
            }
            results[f"{slug}.{fmt}"] = best
            print(f"  {slug} {fmt}: {best['render_s']} s, {best['peak_mb']} MB", flush=True)
    results["page"] = run_child(LARGE, "page")
    return results


def report(results: dict[str, Any]) -> str:
    lines = [
        f"{'report':<18}{'activities':>11}{'import s':>10}{'data s':>8}{'render s':>10}{'size kB':>9}{'peak MB':>9}{'runs':>6}"
    ]
    for name, r in results.items():
        if name == "page":
            continue
        lines.append(
            f"{name:<18}{r['activities']:>11}{r['import_s']:>10}{r['data_s']:>8}{r['render_s']:>10}"
            f"{r['bytes'] // 1024:>9}{r['peak_mb']:>9}{r['runs']:>6}"
        )
    small, large = results[f"{SMALL}.pdf"], results[f"{LARGE}.pdf"]
    worst = max(r["peak_mb"] for k, r in results.items() if k.startswith(LARGE))
    page = results["page"]
    lines.append(
        f"\nreport page of {LARGE} (2026): computed {page['computed_s']} s, read back stored "
        f"{page['stored_s']} s (median of 5), peak {page['peak_mb']} MB"
    )
    lines.append("\ntargets:")
    for label, ok in (
        (
            f"PDF {small['activities']} < {PDF_SECONDS:.0f} s (render {small['render_s']} s, median of {small['runs']})",
            small["render_s"] < PDF_SECONDS,
        ),
        (
            f"{large['activities']} peak < {PEAK_MB:.0f} MB (PDF {large['peak_mb']} MB, "
            f"worst format {worst} MB; PDF render {large['render_s']} s)",
            worst < PEAK_MB,
        ),
        (
            f"report page of {large['activities']} from stored figures < 1 s "
            f"({page['stored_s']} s; computed after a change {page['computed_s']} s)",
            page["stored_s"] < 1.0,
        ),
    ):
        lines.append(f"  [{'ok' if ok else 'MISS'}] {label}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--build", action="store_true", help="migrate and add the municipalities")
    parser.add_argument("--keep", type=Path, help="write each report into this folder")
    parser.add_argument("--child", nargs=2, metavar=("SLUG", "FORMAT"), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--page", metavar="SLUG", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.page:
        print(json.dumps(page_child(args.page)))
        return
    if args.child:
        print(json.dumps(child(*args.child, args.out)))
        return
    if args.build:
        build()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    print(report(measure(args.keep)))


if __name__ == "__main__":
    main()
