from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformAdminConfig(AppConfig):
    """The platform administrator's pages inside the app: adding municipalities."""

    name = "utblick.platformadmin"
    label = "platformadmin"
    verbose_name = _("Plattformsadministration")
