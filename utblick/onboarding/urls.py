from django.urls import path

from utblick.onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("", views.start, name="start"),
    path("hoppa-over/", views.skip, name="skip"),
    path("enheter/", views.units, name="units"),
]
