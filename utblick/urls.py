from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from utblick.core import views as core_views

tenant = "app/<slug:municipality_slug>/"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="core:home", permanent=False)),
    path("konto/", include("utblick.accounts.urls")),
    path("app/", include("utblick.core.urls")),
    path(f"{tenant}policy/", include("utblick.policies.urls")),
    path(f"{tenant}organisation/", include("utblick.organisation.urls")),
    path(f"{tenant}medlemmar/", include("utblick.accounts.member_urls")),
    path(f"{tenant}register/", include("utblick.activities.urls")),
    path(f"{tenant}partner/", include("utblick.partners.urls")),
    path(f"{tenant}import/", include("utblick.imports.urls")),
    path(f"{tenant}uppfoljning/", include("utblick.followup.urls")),
    path(f"{tenant}handlingsplaner/", include("utblick.actionplans.urls")),
    path(f"{tenant}omprovningar/", include("utblick.reviews.urls")),
    path(f"{tenant}rapporter/", include("utblick.reports.urls")),
    path(f"{tenant}efterlevnad/", include("utblick.compliance.urls")),
    path("api/v1/", include(("utblick.api.urls", "api"), namespace="api")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

admin.site.site_header = "Utblick – plattformsadministration"
admin.site.site_title = "Utblick"
