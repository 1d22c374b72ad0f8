from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Registers the deploy check that SITE_URL is the public https address.
from utblick.public import checks  # noqa: F401


class PublicConfig(AppConfig):
    name = "utblick.public"
    label = "public"
    verbose_name = _("Publicering")
