from django.urls import path

from utblick.platformadmin import views

app_name = "platformadmin"
urlpatterns = [
    path("", views.home, name="home"),
    path("kommuner/", views.municipality_index, name="municipalities"),
    path("kommuner/ny/", views.municipality_add, name="municipality_add"),
    path("demodata/", views.demo_scale, name="demo_scale"),
]
