from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<uuid:pk>/", views.job_detail, name="detail"),
    path("<uuid:pk>/tila/", views.job_status, name="status"),
    path("<uuid:pk>/tulos/", views.job_result, name="result"),
    path("<uuid:pk>/uudelleen/", views.job_run_again, name="retry"),
]
