"""What a developer would build instead: Django admin changelists over the same models.

Configured the way a careful developer would: the columns the page shows,
filters on the same fields, select_related for the unit, 50 rows a page.
"""

from django.contrib import admin

from utblick.activities.models import Activity
from utblick.public.models import PublicActivity

site = admin.AdminSite(name="bench_admin")


@admin.register(Activity, site=site)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "status", "start_date", "published"]
    list_filter = ["municipality", "kind", "status"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    list_per_page = 50
    ordering = ["title"]


@admin.register(PublicActivity, site=site)
class PublicActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "country", "place"]
    list_filter = ["municipality", "kind"]
    search_fields = ["title"]
    list_per_page = 25
    ordering = ["title"]
