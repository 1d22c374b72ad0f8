from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from utblick.organisation.models import CompetenceEntry, Contact, Unit


class NoDeleteAdmin(SimpleHistoryAdmin):
    """Platform administrators archive through the app; nothing is deleted here."""

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Unit)
class UnitAdmin(NoDeleteAdmin):
    list_display = ["name", "kind", "municipality", "archived_at"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "key"]


@admin.register(Contact)
class ContactAdmin(NoDeleteAdmin):
    list_display = ["name", "unit", "municipality", "consent_to_publish"]
    list_filter = ["municipality"]
    search_fields = ["name", "email"]


@admin.register(CompetenceEntry)
class CompetenceEntryAdmin(NoDeleteAdmin):
    list_display = ["title", "contact", "date", "kind"]
    list_filter = ["municipality"]
