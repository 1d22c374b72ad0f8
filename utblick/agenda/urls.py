from django.urls import path

from utblick.agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.index, name="index"),
    path("mal-<int:goal>/", views.goal, name="goal"),
    path("granska/", views.review, name="review"),
    path("aktivitet/<int:pk>/forslag/", views.suggestions, name="suggestions"),
    path("aktivitet/<int:pk>/forslag/beslut/", views.decide, name="decide"),
]
