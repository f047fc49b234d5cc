from django.urls import path

from . import views, views_annual

app_name = "reports"

urlpatterns = [
    path("", views.national, name="national"),
    path("kooste.<str:fmt>", views.national_download, name="national_download"),
    path("vuosiraportti/<int:year>/", views_annual.national_annual, name="national_annual"),
    path(
        "vuosiraportti/<int:year>/vuosiraportti.<str:fmt>",
        views_annual.national_annual_download,
        name="national_annual_download",
    ),
    path("kokous/<int:pk>/", views_annual.meeting, name="meeting"),
    path(
        "kokous/<int:pk>/kokousmateriaali.<str:fmt>",
        views_annual.meeting_download,
        name="meeting_download",
    ),
    path("<slug:slug>/", views.agreement, name="agreement"),
    path("<slug:slug>/kooste.<str:fmt>", views.agreement_download, name="agreement_download"),
    path("<slug:slug>/vuosiraportti/", views_annual.annual_latest, name="annual_latest"),
    path("<slug:slug>/vuosiraportti/<int:year>/", views_annual.annual, name="annual"),
    path(
        "<slug:slug>/vuosiraportti/<int:year>/vuosiraportti.<str:fmt>",
        views_annual.annual_download,
        name="annual_download",
    ),
    path(
        "<slug:slug>/vuosiraportti/<int:year>/kertomus/<str:number>/",
        views_annual.narrative_save,
        name="narrative_save",
    ),
    path(
        "<slug:slug>/vuosiraportti/<int:year>/kertomus/<str:number>/hyvaksy/",
        views_annual.narrative_approve_view,
        name="narrative_approve",
    ),
]
