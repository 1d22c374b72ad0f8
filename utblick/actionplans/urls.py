from django.urls import path

from utblick.actionplans import views

app_name = "actionplans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("ny/", views.plan_edit, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/andra/", views.plan_edit, name="edit"),
    path("<int:pk>/utvardera/", views.plan_evaluate, name="evaluate"),
    path("<int:pk>/revidera/", views.plan_revise, name="revise"),
    path("<int:pk>/uppfoljning/", views.plan_followup, name="followup"),
    path("<int:pk>/atgarder/ny/", views.measure_edit, name="measure_create"),
    path("<int:pk>/atgarder/<int:measure_pk>/", views.measure_edit, name="measure_edit"),
    path(
        "<int:pk>/atgarder/<int:measure_pk>/utvardera/",
        views.measure_evaluate,
        name="measure_evaluate",
    ),
    path(
        "<int:pk>/atgarder/<int:measure_pk>/arkivera/",
        views.measure_archive,
        name="measure_archive",
    ),
]
