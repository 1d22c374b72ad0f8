from django.contrib import admin

from utblick.core.admin import ReadOnlyAdmin
from utblick.organisation.models import CompetenceEntry, Contact, Unit


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
