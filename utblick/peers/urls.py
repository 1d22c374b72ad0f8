from django.urls import path

from utblick.peers import views

app_name = "peers"
urlpatterns = [path("", views.index, name="index")]
