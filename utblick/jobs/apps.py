from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "utblick.jobs"
    label = "jobs"
    verbose_name = _("Jobb i bakgrunden")

    def ready(self) -> None:
        # Each app's ``tasks`` module registers the handlers of its jobs, as admin.py does.
        autodiscover_modules("tasks")
