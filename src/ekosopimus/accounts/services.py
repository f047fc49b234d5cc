"""Writes that concern user accounts."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.lib.history import save_with_history

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


@transaction.atomic
def membership_grant(*, user, role: str, agreement=None, organization=None, by):
    """Give ``user`` a role: in ``agreement`` (a reporter also for ``organization``'s
    projects), or across agreements as a national viewer. Granting a role the user already
    has changes nothing and returns the existing one."""
    from .models import Membership, Role

    if role not in Role.values:
        raise ValidationError(_("Unknown role “%(role)s”.") % {"role": role})
    if role == Role.NATIONAL_VIEWER:
        if agreement is not None or organization is not None:
            raise ValidationError(_("A national viewer reads every agreement; name none."))
    elif agreement is None:
        raise ValidationError(_("Name the agreement in which the role is held."))
    if role == Role.REPORTER and organization is None:
        raise ValidationError(_("Name the organisation whose projects the reporter reports."))
    if role != Role.REPORTER and organization is not None:
        raise ValidationError(_("Only a project reporter's role names an organisation."))
    existing = Membership.objects.filter(
        user=user, role=role, agreement=agreement, organization=organization
    ).first()
    if existing is not None:
        return existing
    membership = Membership(user=user, role=role, agreement=agreement, organization=organization)
    return save_with_history(membership, by=by, reason="granted")


@transaction.atomic
def membership_revoke(*, membership, by) -> None:
    """Take a role away; the history keeps who held it and who took it away."""
    membership._history_user = by
    membership._change_reason = "revoked"
    membership.delete()
