from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "utblick.sso"
    label = "sso"
    verbose_name = _("Inloggning via organisationens konto")
