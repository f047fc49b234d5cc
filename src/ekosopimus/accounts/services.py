"""Writes that concern user accounts."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _

BOOTSTRAP_USERNAME = "admin"


@transaction.atomic
def admin_bootstrap() -> str | None:
    """Create the first administrator of an empty installation and return its one-time password.

    Returns ``None`` when any user exists already. Refuses outright where the settings do not
    allow it (production), so that no installation ever gets a generated administrator there.
    """
    if not getattr(settings, "EKOSOPIMUS_BOOTSTRAP_ADMIN", False):
        raise ImproperlyConfigured(
            _("A generated administrator is only offered on development installations.")
        )
    user_model = get_user_model()
    if user_model.objects.exists():
        return None
    password = secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username=BOOTSTRAP_USERNAME, email="", password=password)
    return password
