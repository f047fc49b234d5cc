from django.urls import path

from . import views

app_name = "revisions"

urlpatterns = [
    path("tuonti/<int:pk>/tarkistukseksi/", views.adopt, name="adopt"),
    path("<slug:slug>/tarkistukset/", views.revision_start, name="start"),
    path("<slug:slug>/tarkistukset/<int:pk>/", views.carry_over, name="carry_over"),
    path("<slug:slug>/tarkistukset/<int:pk>/vaikutukset/", views.impact, name="impact"),
    path("<slug:slug>/tarkistukset/<int:pk>/julkaise/", views.publish, name="publish"),
    path("<slug:slug>/versiot/<int:number>/tarkistus/", views.record, name="record"),
    path(
        "<slug:slug>/tarkistuspaatokset/<int:pk>/asiakirja/",
        views.decision_document,
        name="decision_document",
    ),
    path("<slug:slug>/purkaminen/", views.terminate, name="terminate"),
]
