from django.urls import path

from utblick.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("ny/", views.partner_edit, name="create"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/andra/", views.partner_edit, name="edit"),
    path("<int:pk>/arkivera/", views.partner_archive, name="archive"),
    path("<int:pk>/aterstall/", views.partner_restore, name="restore"),
    path("<int:pk>/historik/", views.partner_history, name="history"),
]
