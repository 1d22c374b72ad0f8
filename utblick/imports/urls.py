from django.urls import path

from utblick.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("mall.xlsx", views.template, name="template"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/las-in/", views.apply, name="apply"),
]
