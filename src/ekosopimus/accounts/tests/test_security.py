"""Signing in and the hardening that the production settings promise."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from ekosopimus.settings import base


def _run(code: str, **env) -> subprocess.CompletedProcess:
    """Python ``code`` in a fresh process with ``env``: settings are read once per process."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "ekosopimus.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "ekosopimus.example.fi",
    "DATABASE_URL": "postgres://ekosopimus@127.0.0.1:5432/ekosopimus",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.fi",
    "DEFAULT_FROM_EMAIL": "Ekosopimus <ekosopimus@example.fi>",
    "SITE_URL": "https://ekosopimus.example.fi",
}


def test_the_deployment_check_is_clean_with_production_settings():
    result = _run(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['x', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "SITE_URL"],
)
def test_production_refuses_to_start_without_a_secret_or_host(missing):
    environment = {**PRODUCTION, missing: ""}
    result = _run("import django; django.setup()", **environment)
    assert result.returncode != 0
    assert missing in result.stderr


def test_single_sign_on_is_offered_once_it_is_configured():
    result = _run(
        "import django; django.setup(); from django.test import Client; "
        "page = Client().get('/tili/kirjaudu/').content.decode(); "
        "print('/oidc/authenticate/' in page)",
        DJANGO_SETTINGS_MODULE="ekosopimus.settings.test",
        OIDC_RP_CLIENT_ID="ekosopimus",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://login.example.fi/authorize",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_without_configuration_there_is_no_single_sign_on(client, db):
    assert "/oidc/" not in client.get(reverse("accounts:login")).content.decode()


def test_passwords_are_hashed_with_argon2(django_user_model, db):
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = django_user_model.objects.create_user(username="someone", password="pitka-salasana")
    assert user.password.startswith("argon2$")


def test_a_coordinator_signs_in_on_the_apps_own_page(client, kuopio_user):
    response = client.post(
        reverse("accounts:login"),
        {
            "username": "kuopio-coordinator",
            "password": "test-password",
            "next": "/tilannekuva/kuopio/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/tilannekuva/kuopio/"
    assert client.get("/tilannekuva/kuopio/").status_code == 200


def test_repeated_wrong_passwords_pause_signing_in(client, kuopio_user):
    login = reverse("accounts:login")
    for _attempt in range(base.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "kuopio-coordinator", "password": "väärä"})
    response = client.post(login, {"username": "kuopio-coordinator", "password": "test-password"})
    assert response.status_code == 429
    assert "Kirjautuminen on keskeytetty" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_pages_carry_the_security_headers(client, db):
    response = client.get(reverse("agreements:list"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_request_body_over_the_limit_is_refused(client, db):
    oversized = "x" * (base.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(reverse("set_language"), {"language": "sv", "next": oversized})
    # Nothing of the body is acted on: the user is sent back to the page with a message.
    assert response.status_code == 303
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
