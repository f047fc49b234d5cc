from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="list"),
    path("uusi/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("ehdotukset/", views.organization_suggest, name="suggest"),
]
