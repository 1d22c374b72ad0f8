from django.urls import path

from utblick.termchange import views

app_name = "termchange"
urlpatterns = [
    path("", views.pack, name="pack"),
    path("skapa/", views.generate, name="generate"),
]
