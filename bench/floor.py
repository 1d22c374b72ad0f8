"""The floor: the rows a list page shows, fetched by the database driver with the SQL it needs.

No ORM, no templates: whatever Utblick spends above this is its own cost.
Placeholders are the driver's own (``?`` for sqlite3, ``%s`` for psycopg).
"""

from __future__ import annotations

from typing import Any

from django.db import connection


def _run(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    raw = connection.connection  # the driver's connection, opened by Django
    cursor = raw.cursor()
    if connection.vendor == "sqlite":
        sql = sql.replace("%s", "?")
    cursor.execute(sql, params)
    rows = cursor.fetchall()
    cursor.close()
    return rows


def internal_list(municipality_id: int, kind: str, status: str) -> int:
    """The register page: count, counts per kind, a page of 50 with unit and focus areas."""
    where = "a.municipality_id = %s AND a.archived_at IS NULL AND a.kind = %s AND a.status = %s"
    params = [municipality_id, kind, status]
    _run(f"SELECT COUNT(*) FROM activities_activity a WHERE {where}", params)
    _run(
        "SELECT a.kind, COUNT(*) FROM activities_activity a "
        "WHERE a.municipality_id = %s AND a.archived_at IS NULL GROUP BY a.kind",
        [municipality_id],
    )
    rows = _run(
        "SELECT a.id, a.title, a.kind, a.status, a.example, a.archived_at, u.name "
        "FROM activities_activity a JOIN organisation_unit u ON u.id = a.unit_id "
        f"WHERE {where} ORDER BY a.title, a.id LIMIT 50",
        params,
    )
    ids = [r[0] for r in rows]
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        _run(
            "SELECT t.activity_id, f.name FROM activities_activity_focus_areas t "
            f"JOIN policies_focusarea f ON f.id = t.focusarea_id WHERE t.activity_id IN ({marks})",
            ids,
        )
    return len(rows)


def public_list(municipality_id: int, kind: str) -> int:
    """The public list: count and a page of 25 published copies."""
    where = "municipality_id = %s AND kind = %s"
    _run(f"SELECT COUNT(*) FROM public_publicactivity WHERE {where}", [municipality_id, kind])
    rows = _run(
        "SELECT activity_id, title, summary, kind, status, place, country "
        f"FROM public_publicactivity WHERE {where} ORDER BY title, id LIMIT 25",
        [municipality_id, kind],
    )
    return len(rows)
