from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Registers the SQLite collation for every new connection (a signal receiver).
from utblick.core import db  # noqa: F401


class CoreConfig(AppConfig):
    name = "utblick.core"
    label = "core"
    verbose_name = _("Grund")
