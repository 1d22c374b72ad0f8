from django.urls import path

from utblick.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:pk>/ny/", views.review_create, name="create"),
    path("<int:pk>/beslutsunderlag/", views.draft_list, name="drafts"),
    path("<int:pk>/beslutsunderlag/ny/", views.draft_create, name="draft_create"),
    path("beslutsunderlag/<int:pk>/beslut/", views.draft_entry, name="draft_entry"),
    path("beslutsunderlag/<int:pk>/<str:fmt>/", views.draft_download, name="draft_download"),
]
