from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from utblick.core import views as core_views
from utblick.public import dcat_views
from utblick.public import views as public_views
from utblick.public.sitemaps import ActivitySitemap, PagesSitemap

tenant = "app/<slug:municipality_slug>/"

urlpatterns = [
    path("konto/", include("utblick.accounts.urls")),
    # Before the dashboard: "plattform" must never be read as a municipality's address.
    path("app/plattform/", include("utblick.platformadmin.urls")),
    path("app/plattform/jobb/", include("utblick.jobs.platform_urls")),
    path("", include("utblick.sso.urls")),  # sign-in via the organisation; its settings
    path("app/", include("utblick.dashboard.urls")),
    path(f"{tenant}policy/inlasning/", include("utblick.intake.urls")),
    path(f"{tenant}policy/", include("utblick.policies.urls")),
    path(f"{tenant}organisation/", include("utblick.organisation.urls")),
    path(f"{tenant}medlemmar/", include("utblick.accounts.member_urls")),
    path(f"{tenant}register/", include("utblick.activities.urls")),
    path(f"{tenant}partner/", include("utblick.partners.urls")),
    path(f"{tenant}import/eu/", include("utblick.euimport.urls")),
    path(f"{tenant}import/", include("utblick.imports.urls")),
    path(f"{tenant}uppfoljning/", include("utblick.followup.urls")),
    path(f"{tenant}handlingsplaner/", include("utblick.actionplans.urls")),
    path(f"{tenant}omprovningar/", include("utblick.reviews.urls")),
    path(f"{tenant}mandatperiod/", include("utblick.termchange.urls")),
    path(f"{tenant}rapporter/", include("utblick.reports.urls")),
    path(f"{tenant}efterlevnad/", include("utblick.compliance.urls")),
    path(f"{tenant}publicering/", include("utblick.public.manage_urls")),
    path(f"{tenant}kom-igang/", include("utblick.onboarding.urls")),
    path(f"{tenant}sok/", include("utblick.search.urls")),
    path(f"{tenant}jobb/", include("utblick.jobs.urls")),
    path(f"{tenant}andra-kommuner/", include("utblick.peers.urls")),
    path(f"{tenant}resor/", include("utblick.travel.urls")),
    path(f"{tenant}agenda2030/", include("utblick.agenda.urls")),
    path("api/v1/", include(("utblick.api.urls", "api"), namespace="api")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        login_not_required(sitemap_views.sitemap),
        {"sitemaps": {"sidor": PagesSitemap, "aktiviteter": ActivitySitemap}},
        name="sitemap",
    ),
    path("robots.txt", public_views.robots, name="robots"),
    # The harvest path: every publishing municipality's DCAT catalogue (RDF/XML, Turtle, JSON-LD).
    path("datasets/dcat", dcat_views.site_catalogue, name="site_dcat"),
    path("datasets/dcat.rdf", dcat_views.site_catalogue, {"fmt": "rdf"}, name="site_dcat_rdf"),
    path("datasets/dcat.ttl", dcat_views.site_catalogue, {"fmt": "ttl"}, name="site_dcat_ttl"),
    path(
        "datasets/dcat.jsonld",
        dcat_views.site_catalogue,
        {"fmt": "jsonld"},
        name="site_dcat_jsonld",
    ),
]
# The public pages: Swedish at /kungalv/, English at /en/kungalv/. Last, so
# that a municipality's address never hides one of the fixed ones above.
urlpatterns += i18n_patterns(
    path("", public_views.landing, name="landing"),
    path("<slug:slug>/", include("utblick.public.urls")),
    prefix_default_language=False,
)

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

admin.site.site_header = "Utblick – plattformsadministration"
admin.site.site_title = "Utblick"
