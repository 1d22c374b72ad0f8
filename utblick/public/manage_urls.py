from django.urls import path

from utblick.public import manage_views

app_name = "publishing"
urlpatterns = [
    path("", manage_views.overview, name="overview"),
    path("installningar/", manage_views.settings_edit, name="settings"),
    path("anmalningar/<int:pk>/hanterad/", manage_views.report_handled, name="report_handled"),
]
