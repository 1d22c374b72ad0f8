"""Reading a checked import: the counts and errors first, then the rows a page at a time."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from utblick.imports.models import ImportBatch
from utblick.jobs.models import Job

#: Rows shown on one page of the preview.
ROWS_PER_PAGE = 100

ACTION_LABELS = {
    "create": _("Ny"),
    "update": _("Ändras"),
    "unchanged": _("Oförändrad"),
    "error": _("Fel"),
}


@dataclass
class PreviewRow:
    sheet: str
    row: int
    title: str
    action: str
    changes: list[list[str]]
    problems: list[list[str]]

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


@dataclass
class Preview:
    ok: bool
    notes: list[str]
    summary: dict[str, int]
    problems: list[list[Any]]
    page: Page


def preview_of(batch: ImportBatch, page_number: Any = None, only: str = "") -> Preview | None:
    """The kept outcome of the batch's last check, with one page of its rows (``only`` one action)."""
    if not batch.preview:
        return None
    with batch.preview.open("rb") as handle:
        content = json.loads(gzip.decompress(handle.read()))
    rows = [PreviewRow(*r) for r in content["rows"]]
    if only in ACTION_LABELS:
        rows = [r for r in rows if r.action == only]
    return Preview(
        ok=content["ok"],
        notes=content["notes"],
        summary=dict.fromkeys(ACTION_LABELS, 0) | content["summary"],
        problems=content["problems"],
        page=Paginator(rows, ROWS_PER_PAGE).get_page(page_number),
    )


def check_job_of(batch: ImportBatch) -> Job | None:
    """The job that checks (or checked) the batch."""
    return Job.objects.filter(
        municipality_id=batch.municipality_id, kind="import-check", params__batch=batch.pk
    ).first()
