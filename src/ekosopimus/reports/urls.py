from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.national, name="national"),
    path("kooste.<str:fmt>", views.national_download, name="national_download"),
    path("<slug:slug>/", views.agreement, name="agreement"),
    path("<slug:slug>/kooste.<str:fmt>", views.agreement_download, name="agreement_download"),
]
