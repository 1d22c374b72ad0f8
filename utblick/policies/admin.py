from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from utblick.policies.models import Policy


@admin.register(Policy)
class PolicyAdmin(SimpleHistoryAdmin):
    """Read-only: an adopted version is never edited; revisions are new versions."""

    list_display = ["title", "municipality", "number", "version_label", "status", "decided_on"]
    list_filter = ["municipality", "status"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
