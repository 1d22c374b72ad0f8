"""A bulk change in the register, rolled back afterwards: seconds and queries for N activities.

DATABASE_URL=sqlite:////tmp/bulk.sqlite3 python -m bench.register_bulk [N]   (prints JSON)

Uses the municipality ``uppsala`` (loaded if missing) and N plain projects
made for the purpose; every change goes through the activities' own doors,
one record at a time, so the figures are per record times N.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from utblick.activities.bulk import (  # noqa: E402
    ARCHIVE,
    STATUS,
    BulkChoice,
    activities_bulk_apply,
    activities_bulk_preview,
)
from utblick.core.tenancy import system_access  # noqa: E402
from utblick.municipalities.models import Municipality  # noqa: E402
from utblick.testing.fixtures import bulk_activities, load_shipped  # noqa: E402


def _timed(action: object) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        action()  # type: ignore[operator]
        seconds = time.perf_counter() - started
    return round(seconds, 3), len(queries.captured_queries)


def main(n: int) -> dict[str, object]:
    municipality = Municipality.objects.filter(slug="uppsala").first() or load_shipped("uppsala")
    access = system_access(municipality)
    figures: dict[str, object] = {"activities": n}
    with transaction.atomic():
        ids = bulk_activities(municipality, n, label="bench")
        for name, choice in (
            ("status", BulkChoice(STATUS, status="proposed")),
            ("archive", BulkChoice(ARCHIVE)),
        ):
            seconds, queries = _timed(
                lambda choice=choice: activities_bulk_preview(access=access, ids=ids, choice=choice)
            )
            figures[f"{name}_preview"] = {"seconds": seconds, "queries": queries}
            seconds, queries = _timed(
                lambda choice=choice: activities_bulk_apply(
                    access=access, user=None, ids=ids, choice=choice
                )
            )
            figures[f"{name}_apply"] = {
                "seconds": seconds,
                "queries": queries,
                "ms_per_activity": round(seconds * 1000 / n, 1),
            }
        transaction.set_rollback(True)
    return figures


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)))
