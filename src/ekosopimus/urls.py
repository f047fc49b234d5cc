from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="agreements:list"), name="home"),
    path("sopimukset/", include("ekosopimus.agreements.urls")),
    path("hankkeet/", include("ekosopimus.portfolio.urls")),
    path("tilannekuva/", include("ekosopimus.monitoring.urls")),
    path("koosteet/", include("ekosopimus.reports.urls")),
    path("organisaatiot/", include("ekosopimus.organizations.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
