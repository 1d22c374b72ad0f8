from django.contrib import admin

from utblick.core.admin import ReadOnlyAdmin
from utblick.policies.models import Policy


@admin.register(Policy)
class PolicyAdmin(ReadOnlyAdmin):
    """An adopted version is never edited; revisions are new versions."""

    list_display = ["title", "municipality", "number", "version_label", "status", "decided_on"]
    list_filter = ["municipality", "status"]
