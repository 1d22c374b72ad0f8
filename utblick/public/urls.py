from django.urls import path

from utblick.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("aktiviteter/", views.activities, name="activities"),
    path("aktiviteter/<int:pk>/", views.activity, name="activity"),
    path("vanorter-och-natverk/", views.partners, name="partners"),
    path("karta/", views.map_page, name="map"),
    path("policy/", views.policy, name="policy"),
    path("oppna-data/", views.open_data, name="open_data"),
    path("oppna-data/aktiviteter.csv", views.open_data_csv, name="open_data_csv"),
    path("oppna-data/aktiviteter.json", views.open_data_json, name="open_data_json"),
    path("datasets/dcat", views.dcat, name="dcat"),
    path("datasets/dcat.ttl", views.dcat, {"fmt": "ttl"}, name="dcat_ttl"),
    path("datasets/dcat.jsonld", views.dcat, {"fmt": "jsonld"}, name="dcat_jsonld"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
