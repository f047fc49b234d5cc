"""Production settings: every secret and host comes from the environment, none has a default."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required_env(name: str) -> str:
    """The value of environment variable ``name``; refuses to start without it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name} for production.")
    return value


SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = required_env("ALLOWED_HOSTS").split(",")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("Set DATABASE_URL (PostgreSQL) for production.")
# Several web and worker processes on several machines share one cache and one task queue.
required_env("REDIS_URL")
# Reminders and notifications must reach people, and their links must lead back here.
required_env("EMAIL_HOST")
required_env("DEFAULT_FROM_EMAIL")
required_env("SITE_URL")
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405

if OIDC_ENABLED:  # noqa: F405
    OIDC_RP_CLIENT_SECRET = required_env("OIDC_RP_CLIENT_SECRET")
    for endpoint in ("AUTHORIZATION", "TOKEN", "USER", "JWKS"):
        globals()[f"OIDC_OP_{endpoint}_ENDPOINT"] = required_env(f"OIDC_OP_{endpoint}_ENDPOINT")

EKOSOPIMUS_BOOTSTRAP_ADMIN = False
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_SECURE = True
# Behind a proxy that ends TLS; a trial without TLS may turn the redirect off.
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
