"""Language selection, and the log line of each request."""

import logging
import time

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

request_logger = logging.getLogger("ekosopimus.requests")


class ChosenLanguageMiddleware:
    """Activate the language the user chose with the language switcher, else LANGUAGE_CODE.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a Finnish civil
    servant with an English browser would get English; the service speaks Finnish first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class RequestLogMiddleware:
    """One log line per request: method, path, status, time taken and who asked.

    The line carries the request id (see ``DJANGO_GUID``), so that an error report, the
    proxy's log and this line can be matched. The query string is left out: it may hold
    search words a user typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        elapsed = round((time.monotonic() - started) * 1000, 1)
        user = getattr(request, "user", None)
        request_logger.info(
            "%s %s %s %s ms",
            request.method,
            request.path,
            response.status_code,
            elapsed,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": elapsed,
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response
