"""A form post too large to read comes back to its page with a message, not a bare error page.

Django refuses a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` or with more than
``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields (and a malformed multipart body) as a 400 answer with
no way back. Here the body is read once, before anything else reads it; if it cannot be read,
the user is sent back to the same page (a GET, so the form shows again) with a message saying
what happened and that nothing was saved.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage import default_storage
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponseRedirect, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

UNREADABLE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError)
READ_METHODS = ("POST", "PUT", "PATCH")


def _message(error: Exception) -> str:
    if isinstance(error, RequestDataTooBig):
        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
        return _(
            "Nothing was saved: what you sent was larger than the %(size)s MB a form takes. "
            "Shorten the text, or send a large file through its own upload field."
        ) % {"size": number_format(megabytes, decimal_pos=0)}
    if isinstance(error, TooManyFieldsSent | TooManyFilesSent):
        return _("Nothing was saved: the form sent more fields or files than it can take.")
    return _("Nothing was saved: what you sent could not be read. Try again.")


class OversizePostMiddleware:
    """Placed after the session and language middleware, before anything that reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in READ_METHODS:
            try:
                request.POST  # noqa: B018 (parses the body, once, as every later reader would)
                request.FILES  # noqa: B018
            except UNREADABLE as error:
                return self._refuse(request, error)
        return self.get_response(request)

    def _refuse(self, request, error: Exception):
        message = _message(error)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        # The messages middleware has not run yet: the message is stored as it would store it.
        request._messages = default_storage(request)
        messages.error(request, message)
        response = HttpResponseRedirect(request.get_full_path())
        response.status_code = 303
        request._messages.update(response)
        return response
