from django.urls import path

from utblick.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.page, name="page"),
    path("skapa/", views.generate, name="generate"),
    path("arkiv/", views.archive, name="archive"),
    path("arkiv/<int:pk>/", views.download, name="download"),
]
