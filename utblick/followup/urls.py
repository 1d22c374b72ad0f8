from django.urls import path

from utblick.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.periods, name="periods"),
    path("att-gora/", views.due, name="due"),
    path("ny-period/", views.period_create, name="period_create"),
    path("<int:year>/<slug:key>/", views.period_detail, name="period"),
    path("<int:year>/<slug:key>/<int:activity_pk>/", views.followup_edit, name="edit"),
    path(
        "<int:year>/<slug:key>/<int:activity_pk>/aterforvisa/",
        views.followup_return,
        name="return",
    ),
    path(
        "<int:year>/<slug:key>/<int:activity_pk>/rattelse/",
        views.followup_correct,
        name="correct",
    ),
]
