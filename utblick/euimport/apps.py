from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EuImportConfig(AppConfig):
    name = "utblick.euimport"
    label = "euimport"
    verbose_name = _("Import från EU:s register")
