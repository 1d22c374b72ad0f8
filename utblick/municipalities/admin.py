from django.contrib import admin

from utblick.core.admin import ReadOnlyAdmin
from utblick.municipalities.models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    """Municipalities are added in the app (/app/plattform/kommuner/ny/), from the official list."""

    list_display = ["name", "slug", "code", "organisation_number"]
    search_fields = ["name", "slug", "code"]
