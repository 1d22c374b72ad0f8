from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from utblick.public.models import PublicActivity, PublicSettings

PAGES = [
    "public:home",
    "public:activities",
    "public:partners",
    "public:map",
    "public:policy",
    "public:open_data",
    "public:accessibility",
]


class PagesSitemap(Sitemap):
    changefreq = "weekly"
    i18n = True
    alternates = True

    def items(self) -> list[tuple[str, str]]:
        slugs = PublicSettings.objects.filter(enabled=True).values_list(
            "municipality__slug", flat=True
        )
        return [(name, slug) for slug in slugs for name in PAGES]

    def location(self, item: tuple[str, str]) -> str:
        return reverse(item[0], args=[item[1]])


class ActivitySitemap(Sitemap):
    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self) -> Any:
        publishing = PublicSettings.objects.filter(enabled=True).values("municipality_id")
        return (
            PublicActivity.objects.filter(municipality_id__in=publishing)
            .select_related("municipality")
            .order_by("pk")
        )

    def location(self, item: PublicActivity) -> str:
        return reverse("public:activity", args=[item.municipality.slug, item.activity_id])

    def lastmod(self, item: PublicActivity) -> Any:
        return item.last_published_at
