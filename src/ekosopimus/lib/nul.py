"""Refusing input that holds a NUL character.

PostgreSQL cannot store or even compare text with NUL (0x00); a query with one fails with a
server error. Django's form fields refuse it already, but URL queries and API bodies reach
lookups directly, so they are checked here, once, before any view.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

# How a NUL looks in a URL query, a form body and a JSON body.
ENCODED = (b"%00", b"\x00", b"\\u0000")
CHECKED_BODIES = ("application/json", "application/x-www-form-urlencoded")


def _holds_nul(request) -> bool:
    query = request.META.get("QUERY_STRING", "").encode("latin-1", "replace").lower()
    if b"%00" in query:
        return True
    if request.content_type == "multipart/form-data":
        # The files are read by their own forms; the text fields beside them reach lookups
        # (an API's related fields) as they are.
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.POST.lists()
        )
    if request.content_type not in CHECKED_BODIES:
        return False
    body = request.body.lower()
    return any(marker in body for marker in ENCODED)


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            message = _("The request contains a NUL character, which no field accepts.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
