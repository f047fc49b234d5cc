"""E-mail through the outbox: delivered to a real SMTP server once, in the reader's language."""

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ekosopimus.messaging.models import OutboxMessage
from ekosopimus.messaging.services import (
    MAX_ATTEMPTS,
    message_queue,
    message_send,
    messages_send_due,
    preferences_set_language,
)

from .conftest import Inbox

RESET = "accounts/email/password_reset"


def _reset_message(user, key="password-reset:1:abc"):
    return message_queue(
        key=key, template=RESET, context={"user": user, "uid": "MQ", "token": "abc"},
        recipient=user,
    )  # fmt: skip


def test_a_message_reaches_the_smtp_server_in_its_readers_language(smtp_server, kuopio_user):
    kuopio_user.email = "kaisa@kuopio.example.fi"
    kuopio_user.save()
    preferences_set_language(user=kuopio_user, language="sv")
    message, created = _reset_message(kuopio_user)
    assert created
    [received] = smtp_server.messages
    assert received["To"] == "kaisa@kuopio.example.fi"
    assert received["Subject"] == "Ange ett nytt lösenord för Ekosopimus"
    assert received["Content-Language"] == "sv"
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    assert "/tili/salasana/MQ/abc/" in text
    assert 'href="http' in html and "/tili/salasana/MQ/abc/" in html
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.history.count() >= 2


def test_the_same_message_is_sent_once_however_often_it_is_queued(smtp_server, kuopio_user):
    kuopio_user.email = "kaisa@kuopio.example.fi"
    kuopio_user.save()
    message, _created = _reset_message(kuopio_user)
    again, created = _reset_message(kuopio_user)
    assert (again.pk, created) == (message.pk, False)
    message_send(message_id=message.pk)  # a second delivery of the same task
    assert len(smtp_server.messages) == 1


def test_a_server_that_is_down_is_tried_again_and_the_message_arrives_once(
    smtp_settings, smtp_port, kuopio_user
):
    kuopio_user.email = "kaisa@kuopio.example.fi"
    kuopio_user.save()
    message, _created = _reset_message(kuopio_user)  # nothing listens on the port yet
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED
    assert message.attempts == 1
    assert "Connection refused" in message.last_error or "Errno" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert messages_send_due() == 0  # not yet due

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        OutboxMessage.objects.filter(pk=message.pk).update(
            next_attempt_at=timezone.now() - timedelta(seconds=1)
        )
        assert messages_send_due() == 1
        call_command("send_queued_mail")
    finally:
        controller.stop()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2
    assert len(inbox.messages) == 1


def test_a_message_is_given_up_after_its_last_attempt(smtp_settings, kuopio_user):
    kuopio_user.email = "kaisa@kuopio.example.fi"
    kuopio_user.save()
    message, _created = _reset_message(kuopio_user)
    for _attempt in range(MAX_ATTEMPTS - 1):
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert messages_send_due() == 0


def test_a_user_without_an_address_gets_a_clear_message_and_nothing_is_stored(kuopio_user):
    kuopio_user.email = ""
    with pytest.raises(ValidationError, match="e-mail|sähköposti"):
        _reset_message(kuopio_user)
    assert not OutboxMessage.objects.exists()


def test_a_forgotten_password_is_set_anew_from_the_link_in_the_message(client, kuopio_user):
    kuopio_user.email = "kaisa@kuopio.example.fi"
    kuopio_user.save()
    page = client.post(reverse("accounts:password_reset"), {"email": "kaisa@kuopio.example.fi"})
    assert page.url == reverse("accounts:password_reset_sent")
    [sent] = mail.outbox
    assert sent.subject == "Uuden salasanan asettaminen Ekosopimukseen"
    link = next(line for line in sent.body.splitlines() if "/tili/salasana/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Uusi-pitka-salasana-42", "new_password2": "Uusi-pitka-salasana-42"},
    )
    assert response.url == reverse("accounts:password_reset_complete")
    kuopio_user.refresh_from_db()
    assert kuopio_user.check_password("Uusi-pitka-salasana-42")


def test_an_unknown_address_sends_nothing_and_says_the_same(client, kuopio_user):
    page = client.post(reverse("accounts:password_reset"), {"email": "ei@ketaan.example.fi"})
    assert page.url == reverse("accounts:password_reset_sent")
    assert not mail.outbox


def test_the_language_a_user_chooses_is_kept_for_their_mail(client, kuopio_user):
    client.force_login(kuopio_user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert kuopio_user.message_preferences.language == "en"
