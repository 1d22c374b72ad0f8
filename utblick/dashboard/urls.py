from django.urls import path

from utblick.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:municipality_slug>/", views.start, name="start"),
]
