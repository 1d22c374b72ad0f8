"""``python -m bench.analyse "VACUUM ANALYZE"``: refresh the planner's statistics after a bulk load."""

from __future__ import annotations

import sys

import django

django.setup()

from django.db import connection  # noqa: E402

if __name__ == "__main__":
    with connection.cursor() as cursor:
        cursor.execute(sys.argv[1] if sys.argv[1] in ("ANALYZE", "VACUUM ANALYZE") else "ANALYZE")
