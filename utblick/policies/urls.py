from django.urls import path

from utblick.policies import views

app_name = "policies"
urlpatterns = [
    path("", views.current, name="current"),
    path("versioner/", views.versions, name="versions"),
    path("las-in/", views.load, name="load"),
    path("v/<int:number>/", views.version, name="version"),
    path("v/<int:number>/policyfil.toml", views.export, name="export"),
    path("v/<int:number>/historik/", views.history, name="history"),
    path("v/<int:number>/jamfor/", views.compare, name="compare"),
    path("v/<int:number>/anta/", views.adopt, name="adopt"),
    path("v/<int:number>/taggar/", views.transfer, name="transfer"),
    path("v/<int:number>/dokument/<int:document>/", views.document, name="document"),
]
