"""The import as the commands run it (`utblick import`, `utblick eu import`): one way to
check or apply a workbook and to word its problems."""

from __future__ import annotations

from django.core.management.base import CommandError

from utblick.core.tenancy import Access
from utblick.imports.reading import Workbook
from utblick.imports.services import ImportInvalid, ImportPlan, Progress, apply_import, plan_import

#: At most this many problems are printed (the preview in the browser shows them all).
SHOWN = 50


def run_import(
    workbook: Workbook,
    access: Access,
    *,
    filename: str,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportPlan:
    """Check (``dry_run``) or apply ``workbook``, all or nothing; CommandError naming the rows."""
    try:
        if dry_run:
            plan = plan_import(workbook, access, progress=progress)
        else:
            plan = apply_import(workbook, access, None, filename=filename, progress=progress)
    except ImportInvalid as invalid:
        raise CommandError(_problems(invalid.plan, "inget lästes in")) from invalid
    if not plan.ok:
        raise CommandError(_problems(plan, "inget skulle läsas in"))
    return plan


def _problems(plan: ImportPlan, outcome: str) -> str:
    problems = plan.all_problems
    lines = [f"{p.sheet} rad {p.row}, {p.column}: {p.message}" for p in problems[:SHOWN]]
    if len(problems) > SHOWN:
        lines.append(
            f"… och {len(problems) - SHOWN} fel till (förhandsgranska filen i webbläsaren för alla)."
        )
    rows = len({(p.sheet, p.row) for p in problems})
    return "\n".join([f"{len(problems)} fel på {rows} rader – {outcome}:", *lines])
