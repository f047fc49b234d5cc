from django.urls import path

from . import views

app_name = "legal"
urlpatterns = [
    path("saavutettavuusseloste/", views.accessibility, name="accessibility"),
    path("tietosuojaseloste/", views.privacy, name="privacy"),
]
