"""Reminders of progress reports, delivered to a real SMTP server: before, on and after the
due date, each once, in the reader's language; and the coordinators' weekly summary."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ekosopimus.messaging.models import Notification, OutboxMessage
from ekosopimus.messaging.notifications import preferences_set_email
from ekosopimus.messaging.services import preferences_set_language
from ekosopimus.monitoring.reminders import reminders_send


@pytest.fixture
def reporter(kuopio_reporter):
    kuopio_reporter.email = "riikka@uef.example.fi"
    kuopio_reporter.save()
    return kuopio_reporter


def _subject(message) -> str:
    # A long subject arrives folded onto a line of its own, which leaves a leading space.
    return " ".join(message["Subject"].split())


def _remind(day: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", "--today", day, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_reporter_is_reminded_before_on_and_after_the_due_date_each_once(
    smtp_server, granted_project, reporter
):
    for day in ("16.7.2025", "2025-07-16", "30.7.2025", "31.7.2025", "1.8.2025"):
        _remind(day)
    subjects = [_subject(message) for message in smtp_server.messages]
    project = granted_project.name
    assert subjects == [
        f"Seurantaraportti erääntyy 30.7.2025: {project}",
        f"Seurantaraportti erääntyy tänään: {project}",
        f"Seurantaraportti on myöhässä: {project}",
    ]
    body = smtp_server.messages[0].get_body(("plain",)).get_content()
    assert "Hei Riikka," in body
    assert "Raportointikausi: 1.1.2025–30.6.2025" in body
    assert "Määräpäivä: 30.7.2025" in body
    link = f"/tilannekuva/hanke/{granted_project.pk}/raportti/?alku=2025-01-01&loppu=2025-06-30"
    assert link in body
    html = smtp_server.messages[0].get_body(("html",)).get_content()
    assert link.replace("&", "&amp;") in html
    assert Notification.objects.filter(recipient=reporter).count() == 3


def test_a_reminder_is_in_the_readers_own_language(smtp_server, granted_project, reporter):
    preferences_set_language(user=reporter, language="sv")
    _remind("16.7.2025")
    [message] = smtp_server.messages
    assert _subject(message) == (
        f"Uppföljningsrapporten ska lämnas senast 2025-07-30: {granted_project.name}"
    )
    assert message["Content-Language"] == "sv"


def test_running_the_job_twice_sends_nothing_more(smtp_server, granted_project, reporter):
    first = reminders_send(today=date(2025, 7, 30))
    second = reminders_send(today=date(2025, 7, 30))
    assert (first.reminders, second.reminders, second.already) == (1, 0, first.reminders + 1)
    assert len(smtp_server.messages) == 1


def test_a_reporter_without_an_address_is_named_and_the_reminder_is_listed_in_the_app(
    smtp_server, granted_project, kuopio_reporter
):
    run = reminders_send(today=date(2025, 7, 30))
    assert any(
        "uef-reporter" in problem and "sähköpostiosoitetta" in problem for problem in run.problems
    )
    assert not smtp_server.messages
    notification = Notification.objects.get(recipient=kuopio_reporter)
    assert notification.message is None and "sähköpostiosoitetta" in notification.email_problem


def test_a_reporter_who_turned_reminders_off_gets_them_in_the_app_only(
    smtp_server, granted_project, reporter
):
    preferences_set_email(user=reporter, kinds=set(), by=reporter)
    reminders_send(today=date(2025, 7, 30))
    assert not smtp_server.messages
    assert Notification.objects.get(recipient=reporter).subject.startswith("Seurantaraportti")


def test_a_bounced_smtp_server_is_tried_again_and_the_reminder_is_not_made_twice(
    smtp_settings, granted_project, reporter
):
    reminders_send(today=date(2025, 7, 30))  # nothing listens on the port
    message = OutboxMessage.objects.get(to=reporter.email)
    assert message.status == OutboxMessage.Status.QUEUED and message.last_error
    reminders_send(today=date(2025, 7, 30))
    assert OutboxMessage.objects.filter(to=reporter.email).count() == 1


def test_a_project_with_no_reporter_is_named_in_the_run(granted_project):
    run = reminders_send(today=date(2025, 7, 30))
    assert any(granted_project.name in problem for problem in run.problems)


def test_the_coordinator_gets_one_summary_a_week(smtp_server, granted_project, kuopio_user):
    kuopio_user.email = "kaisa@kuopio.example.fi"
    kuopio_user.save()
    for day in (date(2025, 2, 3), date(2025, 2, 4), date(2025, 2, 10)):  # Mon, Tue, next Mon
        reminders_send(today=day)
    digests = [m for m in smtp_server.messages if m["To"] == "kaisa@kuopio.example.fi"]
    assert [_subject(m) for m in digests] == ["Seurantaraportit tällä viikolla: Kuopio"] * 2
    body = digests[0].get_body(("plain",)).get_content()
    assert "Myöhässä (2):" in body and granted_project.name in body


def test_a_date_that_is_not_one_is_refused_with_a_clear_message(db):
    with pytest.raises(CommandError, match="31.2.2027"):
        _remind("31.2.2027")


def test_the_command_says_what_it_did(smtp_server, granted_project, reporter):
    assert "2025-07-30: 1 " in _remind("30.7.2025")
