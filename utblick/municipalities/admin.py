from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from utblick.municipalities.models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "code", "organisation_number"]
    search_fields = ["name", "slug", "code"]
