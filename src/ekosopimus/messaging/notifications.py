"""Notifications: each is listed in the app for its recipient and, where the recipient has
chosen so and has an address, sent by e-mail through the outbox.

A notification and its e-mail share one key ("reminder:report:7:20270630:due:12"): made
twice, by a job run again or by two workers at once, it is listed once and sent once.
"""

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EMAIL_FIELDS, Notification, NotificationKind, Preferences
from .services import language_of, message_queue, subject_render

_paused: ContextVar[bool] = ContextVar("notifications_paused", default=False)


@contextmanager
def notifications_paused() -> Iterator[None]:
    """Announce nothing of what happens inside (sample data being made, for instance)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def announce(callback: Callable[[], None]) -> None:
    """Run ``callback``, which hands notifications to a worker, once the current transaction
    has committed: a decision rolled back announces nothing. A queue that cannot be reached
    then is logged and does not undo what was saved."""
    if not _paused.get():
        transaction.on_commit(callback, robust=True)


@dataclass(frozen=True)
class Delivery:
    """What became of one notification."""

    notification: Notification
    created: bool  # False: it had been made before, and nothing was done now
    emailed: bool  # an e-mail was queued now
    problem: str = ""  # why no e-mail went, though the recipient wants one


def preferences_of(user: AbstractBaseUser) -> Preferences:
    """The user's stored preferences, or the defaults (every e-mail on) when none are."""
    return Preferences.objects.filter(user=user).first() or Preferences(user=user)


def notify(
    *,
    recipient: AbstractBaseUser,
    kind: str,
    key: str,
    template: str,
    context: dict,
    url: str = "",
) -> Delivery:
    """List a notification for ``recipient`` and e-mail it if they want this ``kind`` by
    e-mail. ``template`` names the e-mail's templates (see ``message_queue``); they get
    ``context`` with ``recipient`` and ``url`` (a path of this site) added.

    The e-mail is queued before the notification is listed: after a crash between the two,
    running again lists it and finds the e-mail already queued, so nothing goes twice.
    """
    if kind not in NotificationKind.values:
        raise ValueError(f"Unknown kind of notification: {kind}")
    existing = Notification.objects.filter(key=key).first()
    if existing is not None:
        return Delivery(existing, created=False, emailed=False)
    context = {**context, "recipient": recipient, "url": url}
    language = language_of(recipient)
    message, emailed, problem = None, False, ""
    if getattr(preferences_of(recipient), EMAIL_FIELDS[kind]):
        try:
            message, emailed = message_queue(
                key=key, template=template, context=context, recipient=recipient, language=language
            )
        except ValidationError as error:  # no address: listed in the app only
            problem = error.messages[0]
    subject = message.subject if message else subject_render(template, context, language)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                key=key,
                subject=subject,
                url=url[:500],
                message=message,
                email_problem=problem[:300],
            )
    except IntegrityError:  # listed by another worker a moment ago
        return Delivery(Notification.objects.get(key=key), created=False, emailed=emailed)
    return Delivery(notification, created=True, emailed=emailed, problem=problem)


def notifications_for(user: AbstractBaseUser) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return Notification.objects.filter(recipient=user)


def notification_get_for_user(*, pk: int, user: AbstractBaseUser) -> Notification | None:
    """The user's own notification; None for anyone else's."""
    return notifications_for(user).filter(pk=pk).first()


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark a notification read (it stays listed)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: AbstractBaseUser) -> int:
    """Mark every unread notification of the user read; how many."""
    return notifications_for(user).filter(read_at=None).update(read_at=timezone.now())


@transaction.atomic
def preferences_set_email(
    *, user: AbstractBaseUser, kinds: set[str], by: AbstractBaseUser | None
) -> Preferences:
    """Choose which kinds of notification also come by e-mail: ``kinds`` on, the rest off."""
    unknown = set(kinds) - set(NotificationKind.values)
    if unknown:
        raise ValidationError(
            _("Unknown kind of notification: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))}
        )
    preferences = preferences_of(user)
    for kind, field in EMAIL_FIELDS.items():
        setattr(preferences, field, kind in kinds)
    preferences._history_user = by
    preferences.save()
    return preferences


@transaction.atomic
def calendar_token_renew(*, user: AbstractBaseUser) -> str:
    """Give the user a new secret calendar address; the old one stops working at once."""
    preferences = preferences_of(user)
    preferences.calendar_token = secrets.token_urlsafe(32)
    preferences._history_user = user
    preferences.save()
    return preferences.calendar_token


@transaction.atomic
def calendar_token_revoke(*, user: AbstractBaseUser) -> None:
    """Stop the user's calendar feed: its address answers nothing any more."""
    Preferences.objects.filter(user=user).update(calendar_token=None)


def user_for_calendar_token(token: str) -> AbstractBaseUser | None:
    """The active user whose calendar feed has this secret address, if any."""
    if not token:
        return None
    preferences = Preferences.objects.select_related("user").filter(calendar_token=token).first()
    if preferences is None or not preferences.user.is_active:
        return None
    return preferences.user
