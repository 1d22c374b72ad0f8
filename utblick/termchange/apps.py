from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermchangeConfig(AppConfig):
    name = "utblick.termchange"
    label = "termchange"
    verbose_name = _("Ny mandatperiod")
