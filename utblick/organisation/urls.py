from django.urls import path

from utblick.organisation import views

app_name = "organisation"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("enheter/ny/", views.unit_edit, name="unit_create"),
    path("enheter/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("enheter/<int:pk>/andra/", views.unit_edit, name="unit_edit"),
    path("enheter/<int:pk>/arkivera/", views.unit_archive, name="unit_archive"),
    path("enheter/<int:pk>/aterstall/", views.unit_restore, name="unit_restore"),
    path("enheter/<int:pk>/historik/", views.unit_history, name="unit_history"),
    path("kontaktpersoner/", views.contact_list_view, name="contact_list"),
    path("kontaktpersoner/ny/", views.contact_edit, name="contact_create"),
    path("kontaktpersoner/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("kontaktpersoner/<int:pk>/andra/", views.contact_edit, name="contact_edit"),
    path("kontaktpersoner/<int:pk>/arkivera/", views.contact_archive, name="contact_archive"),
    path("kontaktpersoner/<int:pk>/aterstall/", views.contact_restore, name="contact_restore"),
    path("kontaktpersoner/<int:pk>/historik/", views.contact_history, name="contact_history"),
    path("kontaktpersoner/<int:pk>/kompetens/", views.competence_add, name="competence_add"),
    path(
        "kontaktpersoner/<int:pk>/kompetens/<int:entry_pk>/arkivera/",
        views.competence_archive,
        name="competence_archive",
    ),
]
