"""SQLite has no Swedish full-text search: give it our fold() as an SQL function."""

from __future__ import annotations

from typing import Any

from django.db.backends.signals import connection_created
from django.dispatch import receiver

from utblick.core.text import fold

#: The SQL name of :func:`utblick.core.text.fold` on SQLite.
SQLITE_FOLD = "utblick_fold"


def _fold(value: str | None) -> str:
    return fold(value) if value else ""


@receiver(connection_created)
def _register_sqlite_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD, 1, _fold, deterministic=True)
