"""The user's own notifications and choices: the language of their e-mail, which
notifications also come by e-mail, and their calendar feed's secret address."""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .forms import EmailChoicesForm
from .models import EMAIL_FIELDS
from .notifications import (
    calendar_token_renew,
    calendar_token_revoke,
    notification_get_for_user,
    notification_mark_read,
    notifications_for,
    notifications_mark_all_read,
    preferences_of,
    preferences_set_email,
)
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


@login_required
def notification_list(request):
    """Everything the user has been told, newest first, whether or not it came by e-mail."""
    page = Paginator(notifications_for(request.user), 50).get_page(request.GET.get("sivu"))
    return render(
        request,
        "messaging/notifications.html",
        {"page": page, "has_address": bool(request.user.email)},
    )


@login_required
def notification_open(request, pk: int):
    """Mark the notification read and go where it points."""
    notification = notification_get_for_user(pk=pk, user=request.user)
    if notification is None:
        raise Http404(_("No such notification."))
    notification_mark_read(notification=notification)
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("messaging:notifications")
    return redirect(target or "messaging:notifications")


@login_required
@require_POST
def notifications_read(request):
    """Mark every notification read."""
    notifications_mark_all_read(user=request.user)
    return redirect("messaging:notifications")


@login_required
def preferences(request):
    """Choose which notifications also come by e-mail, and manage the calendar feed."""
    current = preferences_of(request.user)
    chosen = [kind for kind, field in EMAIL_FIELDS.items() if getattr(current, field)]
    form = EmailChoicesForm(request.POST or None, initial={"kinds": chosen})
    if request.method == "POST" and form.is_valid():
        preferences_set_email(
            user=request.user, kinds=set(form.cleaned_data["kinds"]), by=request.user
        )
        messages.success(request, _("Your choices were saved."))
        return redirect("messaging:preferences")
    feed = (
        request.build_absolute_uri(reverse("calendar_feed", args=[current.calendar_token]))
        if current.calendar_token
        else ""
    )
    return render(
        request,
        "messaging/preferences.html",
        {"form": form, "feed": feed, "has_address": bool(request.user.email)},
    )


@login_required
@require_POST
def calendar_feed_manage(request):
    """Make a new secret calendar address (the old one stops working) or stop the feed."""
    if request.POST.get("action") == "stop":
        calendar_token_revoke(user=request.user)
        messages.success(request, _("Your calendar feed was stopped; its address answers no more."))
    else:
        calendar_token_renew(user=request.user)
        messages.success(
            request,
            _("Your calendar has a new address; any earlier address stopped working."),
        )
    return redirect("messaging:preferences")
