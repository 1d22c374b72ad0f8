from django.urls import path

from utblick.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:municipality_slug>/", views.start, name="start"),
]
