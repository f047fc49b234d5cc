from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("<slug:slug>/", views.agreement_detail, name="detail"),
    path("<slug:slug>/versiot/<int:number>/", views.agreement_detail, name="version"),
    path(
        "<slug:slug>/versiot/<int:number>/painopisteet/<str:focus_area>/",
        views.focus_area_detail,
        name="focus_area",
    ),
]
