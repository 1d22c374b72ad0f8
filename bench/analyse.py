"""``python -m bench.analyse``: VACUUM ANALYZE after a bulk load on PostgreSQL."""

from __future__ import annotations

import django

django.setup()

from django.db import connection  # noqa: E402

if __name__ == "__main__":
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
