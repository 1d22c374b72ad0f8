from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from utblick.organisation.models import CompetenceEntry, Contact, Unit


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Records and their history to look at; every write goes through the app's one door.

    The app creates municipalities, members, units and contacts with their rules
    and history; a second way to save them here would skip both.
    """

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "municipality", "archived_at"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "key"]


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "municipality", "consent_to_publish"]
    list_filter = ["municipality"]
    search_fields = ["name", "email"]


@admin.register(CompetenceEntry)
class CompetenceEntryAdmin(ReadOnlyAdmin):
    list_display = ["title", "contact", "date", "kind"]
    list_filter = ["municipality"]
