"""Queuing e-mail in its recipient's language, and sending it once, with retries.

Nothing sends e-mail from a web request: ``message_queue`` renders the message and stores it
in the outbox, and a task worker sends it (``tasks.send_message``). A failed SMTP server is
tried again later, with longer waits, and a message is never sent twice: its key is unique in
the outbox and a worker claims it before sending.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import OutboxMessage, Preferences

logger = logging.getLogger(__name__)

# Waits before each new attempt after a failure; after the last, the message is given up.
RETRY_WAITS = [timedelta(minutes=m) for m in (1, 5, 15, 60, 240)]
MAX_ATTEMPTS = len(RETRY_WAITS) + 1
# A message a worker took but never finished (the worker was killed) is free again after this.
SENDING_STALE = timedelta(minutes=10)


def language_of(user: AbstractBaseUser | None) -> str:
    """The language a user reads their messages in: their choice, or the service's first."""
    if user is not None and user.pk:
        chosen = Preferences.objects.filter(user=user).values_list("language", flat=True).first()
        if chosen:
            return chosen
    return settings.LANGUAGE_CODE


def preferences_set_language(*, user: AbstractBaseUser, language: str) -> Preferences:
    """Remember the language the user chose in the app, for the e-mail they get."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language: %(language)s.") % {"language": language})
    preferences, _created = Preferences.objects.update_or_create(
        user=user, defaults={"language": language}
    )
    return preferences


def _render(template: str, context: dict, language: str) -> tuple[str, str, str]:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = ""
    # A subject is one line: a line break would let a name start a header of its own.
    return " ".join(subject.split())[:255], text, html


def message_queue(
    *,
    key: str,
    template: str,
    context: dict,
    recipient: AbstractBaseUser | None = None,
    to: str = "",
    language: str = "",
) -> tuple[OutboxMessage, bool]:
    """Store an e-mail for sending and hand it to a worker; ``(message, created)``.

    ``template`` names three templates: ``<template>_subject.txt``, ``<template>.txt`` and,
    optionally, ``<template>.html``. The message goes to ``recipient`` (at their address, in
    their language) or to the address ``to``. A message whose ``key`` is in the outbox
    already is not queued again: it is returned with ``created`` False, whatever became of
    it.
    """
    address = to or (getattr(recipient, "email", "") or "")
    if not address:
        raise ValidationError(
            _("%(user)s has no e-mail address; no message was sent.") % {"user": recipient}
        )
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    language = language or language_of(recipient)
    subject, text, html = _render(template, context, language)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key,
                recipient=recipient,
                to=address,
                language=language,
                subject=subject,
                body_text=text,
                body_html=html,
            )
    except IntegrityError:  # queued by another worker a moment ago
        return OutboxMessage.objects.get(key=key), False
    _enqueue(message.pk)
    return message, True


def _enqueue(message_id: int, *, after=None) -> None:
    from .tasks import send_message

    task = send_message
    if after is not None:
        if not task.get_backend().supports_defer:
            return  # ``messages_send_due`` picks it up when its time has come
        task = task.using(run_after=after)
    task.enqueue(message_id)


def _claim(message_id: int) -> OutboxMessage | None:
    now = timezone.now()
    free = Q(status=OutboxMessage.Status.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    stuck = Q(status=OutboxMessage.Status.SENDING, next_attempt_at__lte=now - SENDING_STALE)
    claimed = OutboxMessage.objects.filter(free | stuck, pk=message_id).update(
        status=OutboxMessage.Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=now
    )
    return OutboxMessage.objects.get(pk=message_id) if claimed else None


def message_send(*, message_id: int) -> str:
    """Send one queued message through the configured e-mail backend; its new status.

    A message already sent, being sent by another worker, or not yet due is left alone.
    """
    message = _claim(message_id)
    if message is None:
        return OutboxMessage.objects.filter(pk=message_id).values_list("status", flat=True).first()
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Content-Language": message.language, "Auto-Submitted": "auto-generated"},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except Exception as error:  # noqa: BLE001 - any failure of the server is tried again
        return _failed(message, error)
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "last_error"])
    logger.info("e-mail %s sent to %s", message.key, message.to)
    return message.status


def _failed(message: OutboxMessage, error: Exception) -> str:
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxMessage.Status.FAILED
        message.next_attempt_at = None
        logger.error("e-mail %s to %s given up: %s", message.key, message.to, error)
    else:
        message.status = OutboxMessage.Status.QUEUED
        message.next_attempt_at = timezone.now() + RETRY_WAITS[message.attempts - 1]
        logger.warning(
            "e-mail %s to %s failed, tried again later: %s", message.key, message.to, error
        )
    message.save(update_fields=["status", "next_attempt_at", "last_error"])
    if message.status == OutboxMessage.Status.QUEUED:
        _enqueue(message.pk, after=message.next_attempt_at)
    return message.status


def messages_send_due() -> int:
    """Hand every message that is due (queued, or stuck with a stopped worker) to a worker;
    how many. For a schedule, in case a queue lost its tasks."""
    now = timezone.now()
    due = OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.QUEUED)
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        | Q(status=OutboxMessage.Status.SENDING, next_attempt_at__lte=now - SENDING_STALE)
    ).values_list("pk", flat=True)
    count = 0
    for message_id in due:
        _enqueue(message_id)
        count += 1
    return count
