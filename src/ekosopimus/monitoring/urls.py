from django.urls import path

from .views import project_targets, reporting, reports, situation, targets

app_name = "monitoring"

urlpatterns = [
    path("", situation.national, name="national"),
    path("raportti/<int:pk>/", reports.report_detail, name="report"),
    path("raportti/<int:pk>/<str:action>/", reports.report_act, name="report_act"),
    path("hanke/<int:pk>/raportti/", reports.report_create, name="report_create"),
    path(
        "hanke/<int:pk>/tavoitteet/",
        project_targets.project_target_list,
        name="project_targets",
    ),
    path("<slug:slug>/", situation.situation, name="situation"),
    path("<slug:slug>/tavoitteet/", targets.target_list, name="targets"),
    path("<slug:slug>/raportointi/", reporting.reporting, name="reporting"),
    path("<slug:slug>/raportointi/saannot/", reporting.reporting_rules, name="reporting_rules"),
    path(
        "<slug:slug>/tavoitteet/<int:pk>/seuranta/",
        targets.target_plan,
        name="target_plan",
    ),
    path(
        "<slug:slug>/tavoitteet/<int:pk>/poista/",
        targets.contribution_remove,
        name="contribution_remove",
    ),
]
