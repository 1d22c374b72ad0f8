from django.urls import path

from utblick.sso import views

app_name = "sso"
urlpatterns = [
    path("konto/organisation/", views.start, name="start"),
    path("konto/organisation/svar/", views.callback, name="callback"),
    path("konto/organisation/inbjudan/<str:token>/", views.invitation_start, name="invitation"),
    path("app/<slug:municipality_slug>/inloggning/", views.settings_edit, name="settings"),
]
