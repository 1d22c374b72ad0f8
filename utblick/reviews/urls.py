from django.urls import path

from utblick.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:pk>/ny/", views.review_create, name="create"),
]
