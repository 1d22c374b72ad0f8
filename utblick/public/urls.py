from django.urls import path

from utblick.public import dcat_views, views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("aktiviteter/", views.activities, name="activities"),
    path("aktiviteter/<int:pk>/", views.activity, name="activity"),
    path("vanorter-och-natverk/", views.partners, name="partners"),
    path("karta/", views.map_page, name="map"),
    path("policy/", views.policy, name="policy"),
    path("agenda-2030/mal-<int:goal>/", views.goal, name="goal"),
    path("oppna-data/", views.open_data, name="open_data"),
    path("oppna-data/aktiviteter.csv", views.open_data_csv, name="open_data_csv"),
    path("oppna-data/aktiviteter.json", views.open_data_json, name="open_data_json"),
    path("datasets/dcat", dcat_views.catalogue, name="dcat"),
    path("datasets/dcat.rdf", dcat_views.catalogue, {"fmt": "rdf"}, name="dcat_rdf"),
    path("datasets/dcat.ttl", dcat_views.catalogue, {"fmt": "ttl"}, name="dcat_ttl"),
    path("datasets/dcat.jsonld", dcat_views.catalogue, {"fmt": "jsonld"}, name="dcat_jsonld"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
