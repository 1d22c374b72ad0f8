from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "utblick.public"
    label = "public"
    verbose_name = _("Publicering")

    def ready(self) -> None:
        from utblick.public import checks  # noqa: F401  (registers the deploy check)
