from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import agreements, analysis, changes, monitoring, open_data, organizations, projects

router = DefaultRouter()
router.register("sopimukset", agreements.AgreementViewSet, basename="agreement")
router.register("hankkeet", projects.ProjectViewSet, basename="project")
router.register("muutoshakemukset", changes.ChangeRequestViewSet, basename="change-request")
router.register("organisaatiot", organizations.OrganizationViewSet, basename="organization")
router.register("indikaattorit", monitoring.IndicatorViewSet, basename="indicator")
router.register("raportit", monitoring.ReportViewSet, basename="report")
router.register("tilannekuva", monitoring.SituationViewSet, basename="situation")

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/samankaltaiset/", analysis.similar, name="similar"),
    path("v1/avoin-data/hankkeet.json", open_data.projects_json, name="open_data_json"),
    path("v1/avoin-data/hankkeet.csv", open_data.projects_csv, name="open_data_csv"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
