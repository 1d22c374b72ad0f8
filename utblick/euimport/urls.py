from django.urls import path

from utblick.euimport import views

app_name = "euimport"
urlpatterns = [path("", views.upload, name="upload")]
