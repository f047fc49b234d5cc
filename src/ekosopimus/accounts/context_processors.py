from django.conf import settings

from .access import access_for


def access(request) -> dict:
    """The signed-in user's roles, for showing only the actions they may take, and whether
    single sign-on is offered."""
    return {"access": access_for(request.user), "oidc_enabled": settings.OIDC_ENABLED}
