from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("tuonti/", views.draft_upload, name="draft_upload"),
    path("tuonti/<int:pk>/", views.draft_review, name="draft"),
    path("tuonti/<int:pk>/muokkaa/", views.draft_edit, name="draft_edit"),
    path("tuonti/<int:pk>/julkaise/", views.draft_publish, name="draft_publish"),
    path("tuonti/<int:pk>/hylkaa/", views.draft_discard, name="draft_discard"),
    path("<slug:slug>/", views.agreement_detail, name="detail"),
    path("<slug:slug>/versiot/<int:number>/", views.agreement_detail, name="version"),
    path("<slug:slug>/vertaa/", views.version_compare, name="compare"),
    path(
        "<slug:slug>/versiot/<int:number>/painopisteet/<str:focus_area>/",
        views.focus_area_detail,
        name="focus_area",
    ),
]
