from django.urls import path

from utblick.travel import views

app_name = "travel"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("aktivitet/<int:pk>/ny/", views.trip_edit, name="trip_add"),
    path("aktivitet/<int:pk>/<int:trip_pk>/", views.trip_edit, name="trip_edit"),
    path("aktivitet/<int:pk>/<int:trip_pk>/arkivera/", views.trip_archive, name="trip_archive"),
    path("faktorer/<slug:mode>/", views.factor_edit, name="factor_edit"),
    path("faktorer/<slug:mode>/aterstall/", views.factor_reset, name="factor_reset"),
]
