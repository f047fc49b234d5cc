from django.urls import path

from .views import calls, changes, meetings, projects, reconciliation, transfer

app_name = "portfolio"

urlpatterns = [
    path("hanke/<int:pk>/", projects.project_detail, name="project"),
    path("hanke/<int:pk>/muokkaa/", projects.project_edit, name="project_edit"),
    path("hanke/<int:pk>/linkitys/", projects.project_link, name="project_link"),
    path("hanke/<int:pk>/rahoitus/", projects.project_budget, name="project_budget"),
    path("hanke/<int:pk>/tila/", projects.project_transition, name="project_transition"),
    path("hanke/<int:pk>/ehdota/", projects.project_propose, name="project_propose"),
    path("hanke/<int:pk>/rahoituspaatos/", projects.funding_decision, name="funding_decision"),
    path(
        "hanke/<int:pk>/muutoshakemus/",
        changes.change_request_create,
        name="change_request_create",
    ),
    path("muutoshakemus/<int:pk>/", changes.change_request_detail, name="change_request"),
    path(
        "muutoshakemus/<int:pk>/<str:action>/",
        changes.change_request_act,
        name="change_request_act",
    ),
    path("haku/<int:pk>/", calls.call_detail, name="call"),
    path("kokous/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("kokous/<int:pk>/paatokset/", meetings.meeting_decide, name="meeting_decide"),
    path(
        "kokous/<int:pk>/lisaa/<str:what>/",
        meetings.meeting_add,
        name="meeting_add",
    ),
    path(
        "kokous/<int:pk>/asia/<int:item>/arvio/",
        meetings.meeting_assess,
        name="meeting_assess",
    ),
    path(
        "kokous/<int:pk>/poytakirja.<str:fmt>",
        meetings.meeting_minutes,
        name="meeting_minutes",
    ),
    path("tuonti/<int:pk>/", transfer.import_detail, name="import_detail"),
    path("<slug:slug>/", projects.portfolio, name="portfolio"),
    path("<slug:slug>/saannot/", projects.agreement_rules, name="rules"),
    path("<slug:slug>/tuonti/", transfer.project_import, name="import"),
    path("<slug:slug>/eura-erot/", reconciliation.eura_inbox, name="eura_differences"),
    path("<slug:slug>/hankkeet.<str:fmt>", transfer.portfolio_export, name="export"),
    path("<slug:slug>/uusi/", projects.project_create, name="project_create"),
    path("<slug:slug>/muutoshakemukset/", changes.change_request_list, name="change_requests"),
    path("<slug:slug>/ehdotukset/", projects.project_suggest, name="project_suggest"),
    path("<slug:slug>/haut/", calls.call_list, name="calls"),
    path("<slug:slug>/haut/uusi/", calls.call_create, name="call_create"),
    path("<slug:slug>/kokoukset/", meetings.meeting_list, name="meetings"),
    path("<slug:slug>/kokoukset/uusi/", meetings.meeting_create, name="meeting_create"),
]
