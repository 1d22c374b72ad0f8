from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "utblick.core"
    label = "core"
    verbose_name = _("Grund")

    def ready(self) -> None:
        from utblick.core import db  # noqa: F401 - registers the SQLite collation
