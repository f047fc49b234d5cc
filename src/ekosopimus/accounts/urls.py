from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import erasure_views
from .forms import QueuedPasswordResetForm

app_name = "accounts"
urlpatterns = [
    path(
        "kirjaudu/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("kirjaudu-ulos/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "salasana/",
        auth_views.PasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,
            template_name="accounts/password_reset.html",
            success_url=reverse_lazy("accounts:password_reset_sent"),
        ),
        name="password_reset",
    ),
    path(
        "salasana/lahetetty/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_sent",
    ),
    path(
        "salasana/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "salasana/valmis/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("tietojen-poisto/", erasure_views.erasure_search, name="erasure_search"),
    path("tietojen-poisto/kayttaja/<int:pk>/", erasure_views.erasure_user, name="erasure_user"),
    path("tietojen-poisto/nimi/", erasure_views.erasure_name, name="erasure_name"),
    path("tietojen-poisto/<int:pk>/", erasure_views.erasure_detail, name="erasure"),
]
