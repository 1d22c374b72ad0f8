from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "utblick.actionplans"
    label = "actionplans"
    verbose_name = _("Handlingsplaner")
