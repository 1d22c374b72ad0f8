from django.urls import path

from utblick.agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.index, name="index"),
    path("mal-<int:goal>/", views.goal, name="goal"),
]
