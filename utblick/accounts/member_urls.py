from django.urls import path

from utblick.accounts import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("ny/", views.member_add, name="add"),
    path("<int:pk>/andra/", views.member_edit, name="edit"),
    path("<int:pk>/arkivera/", views.member_archive, name="archive"),
    path("<int:pk>/aterstall/", views.member_restore, name="restore"),
    path("<int:pk>/historik/", views.member_history, name="history"),
    path("inbjudan/<int:pk>/skicka-igen/", views.invitation_resend, name="invitation_resend"),
    path("inbjudan/<int:pk>/aterkalla/", views.invitation_withdraw, name="invitation_withdraw"),
]
