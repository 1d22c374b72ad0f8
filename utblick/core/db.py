"""Database helpers: Swedish ordering on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import F, Func
from django.dispatch import receiver

from utblick.core.text import swedish_compare

#: The collation names: a Python function on SQLite, ICU on PostgreSQL
#: (created by core's first migration).
SQLITE_COLLATION = "sv"
POSTGRES_COLLATION = "sv_icu"


@receiver(connection_created)
def _register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, swedish_compare)


class Swedish(Func):
    """``ORDER BY swedish("title")``: Å, Ä, Ö after Z, case-insensitive first."""

    template = '%(expressions)s COLLATE "%(collation)s"'

    def __init__(self, field: str | Any, **extra: Any):
        expression = F(field) if isinstance(field, str) else field
        super().__init__(expression, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, collation=SQLITE_COLLATION, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, collation=POSTGRES_COLLATION, **extra)
