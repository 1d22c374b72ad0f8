from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "utblick.search"
    label = "search"
    verbose_name = _("Sök")

    def ready(self) -> None:
        # The SQLite fold() function must exist on every connection the search opens.
        from utblick.search import db  # noqa: F401
