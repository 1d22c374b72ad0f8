from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# The SQLite fold() function must exist on every connection the search opens: importing
# the module connects its receiver (it reads no models, so it may load with the app registry).
from utblick.search import (
    db,  # noqa: F401
    index,
)


def _index_after_migrate(
    sender: Any, using: str = "default", plan: Any = None, **kwargs: Any
) -> None:
    """SQLite loses a table's triggers when a migration rebuilds it: make them again, refill."""
    connection = connections[using]
    if not plan or connection.vendor != "sqlite":
        return
    if any(backwards and migration.app_label == "search" for migration, backwards in plan):
        return  # the index itself is being taken away
    if "activities_activity" not in connection.introspection.table_names():
        return
    index.install(connection, rebuild=True)


class SearchConfig(AppConfig):
    name = "utblick.search"
    label = "search"
    verbose_name = _("Sök")

    def ready(self) -> None:
        post_migrate.connect(_index_after_migrate, sender=self)
