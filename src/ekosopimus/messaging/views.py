import contextlib

from django.core.exceptions import ValidationError
from django.views.i18n import set_language

from .services import preferences_set_language


def language_set(request):
    """Django's language switch; a signed-in user's choice is also kept for their e-mail."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and response.status_code < 400:
        # An unknown code changes nothing, as in Django's own view.
        with contextlib.suppress(ValidationError):
            preferences_set_language(user=request.user, language=language)
    return response
