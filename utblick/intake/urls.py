from django.urls import path

from utblick.intake import views, views_compare, views_proposals

app_name = "intake"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("mall/", views.start_template, name="start_template"),
    path("nytt-utkast/", views.start_blank, name="start_blank"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/dokument/", views.document, name="document"),
    path("<int:pk>/utkast.toml", views.draft, name="draft"),
    path("<int:pk>/jamfor/", views_compare.compare, name="compare"),
    path("<int:pk>/forslag/<int:proposal_pk>/", views_proposals.decide, name="decide"),
    path("<int:pk>/forslag/<int:proposal_pk>/andra/", views_proposals.edit, name="edit"),
    path("<int:pk>/forslag/<int:proposal_pk>/ta-bort/", views_proposals.remove, name="remove"),
    path("<int:pk>/lagg-till/<slug:element>/", views_proposals.add, name="add"),
    path("<int:pk>/godta-alla/", views.accept_all, name="accept_all"),
    path("<int:pk>/anta/", views.adopt, name="adopt"),
    path("<int:pk>/avbryt/", views.discard, name="discard"),
]
