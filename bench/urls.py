"""Utblick's addresses plus Django admin changelists over the same models: the reference."""

from django.urls import path

from bench.admin import site
from utblick.urls import urlpatterns as utblick_urlpatterns

urlpatterns = [path("bench-admin/", site.urls), *utblick_urlpatterns]
