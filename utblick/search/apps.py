from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The SQLite fold() function must exist on every connection the search opens: importing
# the module connects its receiver (it reads no models, so it may load with the app registry).
from utblick.search import db  # noqa: F401


class SearchConfig(AppConfig):
    name = "utblick.search"
    label = "search"
    verbose_name = _("Sök")
