from django.contrib import admin

from utblick.accounts.models import Membership
from utblick.core.admin import ReadOnlyAdmin


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "municipality", "role", "archived_at"]
    list_filter = ["municipality", "role"]
    search_fields = ["user__username"]
