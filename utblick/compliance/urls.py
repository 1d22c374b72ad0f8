from django.urls import path

from utblick.compliance import views

app_name = "compliance"
urlpatterns = [
    path("", views.page, name="page"),
    path("spara/", views.run, name="run"),
    path("motivera/", views.justify, name="justify"),
    path(
        "motiveringar/<int:pk>/historik/", views.justification_history, name="justification_history"
    ),
    path("kontroller/<int:pk>/", views.run_detail, name="run_detail"),
]
