from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from .access import access_for


def _my_agreements(access) -> list:
    from ekosopimus.agreements.models import Agreement

    mine = access.coordinates | access.steers | set(access.reports_for)
    if not mine:
        return []
    return list(Agreement.objects.filter(pk__in=mine).order_by("city_region"))


def _unread(user) -> int:
    from ekosopimus.messaging.models import Notification

    return Notification.objects.filter(recipient=user, read_at=None).count()


def access(request) -> dict:
    """The signed-in user's roles, for showing only the actions they may take; the agreements
    they hold a role in ("my agreement", one click from every page) and their unread
    notifications, each read only if the page shows it; and whether single sign-on is offered."""
    # A request refused before authentication ran (a bad Host header, for one) has no user yet;
    # its error page is shown as to anyone signed out.
    user = getattr(request, "user", None) or AnonymousUser()
    found = access_for(user)
    signed_in = user.is_authenticated
    return {
        "access": found,
        "my_agreements": SimpleLazyObject(lambda: _my_agreements(found) if signed_in else []),
        "unread_notifications": SimpleLazyObject(lambda: _unread(user) if signed_in else 0),
        "oidc_enabled": settings.OIDC_ENABLED,
    }
