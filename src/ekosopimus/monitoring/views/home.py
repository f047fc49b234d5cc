"""The start page after signing in, and each user's calendar feed."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.messaging.notifications import user_for_calendar_token

from ..calendar import calendar_feed
from ..start import start_page


def home(request):
    """A signed-in user's start page, with a part for each role they hold; an anonymous
    visitor goes to the public list of agreements."""
    if not request.user.is_authenticated:
        return redirect("agreements:list")
    page = start_page(user=request.user, today=timezone.localdate())
    return render(request, "monitoring/home.html", {"page": page})


def feed(request, token: str):
    """The calendar feed behind its secret address: no session, the address is the key."""
    user = user_for_calendar_token(token)
    if user is None:
        raise Http404(_("No such calendar. Its address may have been renewed or stopped."))
    response = HttpResponse(calendar_feed(user=user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ekosopimus.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
