from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from ekosopimus.health import health
from ekosopimus.messaging.views import language_set
from ekosopimus.monitoring.views.home import feed, home

urlpatterns = [
    path("", home, name="home"),
    path("sopimukset/", include("ekosopimus.agreements.urls")),
    path("sopimukset/", include("ekosopimus.revisions.urls")),
    path("hankkeet/", include("ekosopimus.portfolio.urls")),
    path("tilannekuva/", include("ekosopimus.monitoring.urls")),
    path("koosteet/", include("ekosopimus.reports.urls")),
    path("analyysi/", include("ekosopimus.analysis.urls")),
    path("organisaatiot/", include("ekosopimus.organizations.urls")),
    path("tili/", include("ekosopimus.accounts.urls")),
    path("api/", include("ekosopimus.api.urls")),
    path("tyot/", include("ekosopimus.jobs.urls")),
    path("ilmoitukset/", include("ekosopimus.messaging.urls")),
    path("kalenteri/<str:token>.ics", feed, name="calendar_feed"),
    path("", include("ekosopimus.legal.urls")),
    path("health/", health, name="health"),
    path("i18n/setlang/", language_set, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler404 = "ekosopimus.api.errors.not_found"
