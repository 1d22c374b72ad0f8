from django.urls import path

from utblick.activities import views, views_bulk, views_parts

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("ny/", views.activity_create, name="create"),
    path("andra-flera/", views_bulk.activity_bulk, name="bulk"),
    path("andra-flera/bekrafta/", views_bulk.activity_bulk_apply, name="bulk_apply"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/andra/", views.activity_edit, name="edit"),
    path("<int:pk>/arkivera/", views.activity_archive, name="archive"),
    path("<int:pk>/aterstall/", views.activity_restore, name="restore"),
    path("<int:pk>/publicera/", views.activity_publish, name="publish"),
    path("<int:pk>/avpublicera/", views.activity_unpublish, name="unpublish"),
    path("<int:pk>/historik/", views.activity_history, name="history"),
    path("<int:pk>/partner/", views_parts.partner_add, name="partner_add"),
    path(
        "<int:pk>/partner/<int:link_pk>/ta-bort/", views_parts.partner_remove, name="partner_remove"
    ),
    path("<int:pk>/budget/", views_parts.budget_save, name="budget_save"),
    path("<int:pk>/budget/<int:line_pk>/ta-bort/", views_parts.budget_remove, name="budget_remove"),
    path("<int:pk>/finansiering/ny/", views_parts.funding_edit, name="funding_add"),
    path("<int:pk>/finansiering/<int:funding_pk>/", views_parts.funding_edit, name="funding_edit"),
    path(
        "<int:pk>/finansiering/<int:funding_pk>/arkivera/",
        views_parts.funding_archive,
        name="funding_archive",
    ),
    path("<int:pk>/lankar/", views_parts.link_add, name="link_add"),
    path("<int:pk>/lankar/<int:link_pk>/arkivera/", views_parts.link_archive, name="link_archive"),
    path("<int:pk>/dokument/", views_parts.document_add, name="document_add"),
    path(
        "<int:pk>/dokument/<int:document_pk>/",
        views_parts.document_download,
        name="document_download",
    ),
    path(
        "<int:pk>/dokument/<int:document_pk>/arkivera/",
        views_parts.document_archive,
        name="document_archive",
    ),
]
