"""Notifications of events: decisions to the project's contact persons, a returned report to
its reporter, a meeting to the steering group; listed in the app, e-mailed as each chooses."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ekosopimus.messaging.models import Notification
from ekosopimus.messaging.notifications import notifications_paused, preferences_set_email
from ekosopimus.monitoring.services import report_create, report_return, report_submit
from ekosopimus.portfolio.services import (
    funding_decision_record,
    meeting_create,
    project_propose,
    steering_decision_record,
    steering_decisions_record_batch,
)
from ekosopimus.portfolio.services.decisions import SteeringChoice


@pytest.fixture
def reporter(kuopio_reporter):
    kuopio_reporter.email = "riikka@uef.example.fi"
    kuopio_reporter.save()
    return kuopio_reporter


@pytest.fixture
def proposed(kuopio_project, kuopio_user, kuopio):
    meeting = meeting_create(
        agreement=kuopio, held_on=date(2024, 5, 6), title="Johtoryhmä 2/2024", by=kuopio_user
    )
    return project_propose(project=kuopio_project, meeting=meeting, by=kuopio_user), meeting


def test_a_steering_group_decision_reaches_the_projects_contact_persons(
    django_capture_on_commit_callbacks, proposed, kuopio_user, reporter
):
    project, meeting = proposed
    with django_capture_on_commit_callbacks(execute=True):
        steering_decision_record(
            project=project, meeting=meeting, outcome="returned", rationale="Tarkenna budjetti.",
            by=kuopio_user,
        )  # fmt: skip
    [message] = mail.outbox
    assert message.to == ["riikka@uef.example.fi"]
    assert message.subject == f"Johtoryhmän päätös: {project.name} – Palautettu valmisteluun"
    assert "Tarkenna budjetti." in message.body and "6.5.2024" in message.body
    notification = Notification.objects.get(recipient=reporter)
    assert notification.url == project.get_absolute_url()


def test_a_funding_decision_reaches_them_too_with_the_amount(
    django_capture_on_commit_callbacks, proposed, kuopio_user, reporter
):
    project, meeting = proposed
    steering_decision_record(project=project, meeting=meeting, outcome="selected", by=kuopio_user)
    with django_capture_on_commit_callbacks(execute=True):
        funding_decision_record(
            project=project, outcome="granted", decided_on=date(2024, 6, 1),
            amount=Decimal("250000"), decision_number="EURA-9", by=kuopio_user,
        )  # fmt: skip
    [message] = mail.outbox
    assert message.subject == f"Rahoituspäätös: {project.name} – Myönnetty"
    assert "250\xa0000\xa0€" in message.body and "EURA-9" in message.body


def test_a_batch_that_fails_announces_nothing(
    django_capture_on_commit_callbacks, proposed, kuopio_user, reporter
):
    project, meeting = proposed
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        steering_decisions_record_batch(
            meeting=meeting,
            choices=[SteeringChoice(project, "selected"), SteeringChoice(project, "bogus")],
            by=kuopio_user,
        )
    assert not mail.outbox and not Notification.objects.exists()


def test_a_returned_report_reaches_its_reporter_with_the_reason(
    django_capture_on_commit_callbacks, granted_project, kuopio_user, reporter,
    indicators,
):  # fmt: skip
    report = report_create(
        project=granted_project, period_start=date(2024, 1, 1), period_end=date(2024, 6, 30),
        values={indicators["RCO01"]: 1}, narrative="Tehtiin.", by=reporter,
    )  # fmt: skip
    report_submit(report=report, by=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        report_return(report=report, comment="Lisää yritysten nimet.", by=kuopio_user)
    [message] = mail.outbox
    assert message.subject == f"Seurantaraportti palautettiin korjattavaksi: {granted_project.name}"
    assert "Lisää yritysten nimet." in message.body
    assert f"/tilannekuva/raportti/{report.pk}/" in message.body


def test_a_scheduled_meeting_reaches_the_steering_group_with_its_agenda(
    django_capture_on_commit_callbacks, kuopio, kuopio_user, kuopio_steering
):
    kuopio_steering.email = "sami@kuopio.example.fi"
    kuopio_steering.save()
    held_on = timezone.localdate() + timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_create(agreement=kuopio, held_on=held_on, title="JR 1", by=kuopio_user)
        meeting_create(agreement=kuopio, held_on=date(2023, 1, 1), title="Vanha", by=kuopio_user)
    [message] = mail.outbox
    assert message.to == ["sami@kuopio.example.fi"]
    assert meeting.get_absolute_url() in message.body


def test_a_user_chooses_which_notifications_come_by_e_mail(
    client, django_capture_on_commit_callbacks, proposed, kuopio_user, reporter
):
    client.force_login(reporter)
    page = client.get(reverse("messaging:preferences"))
    assert "Johtoryhmän päätökset hankkeistani" in page.content.decode()
    client.post(reverse("messaging:preferences"), {"kinds": ["report_reminder"]})
    project, meeting = proposed
    with django_capture_on_commit_callbacks(execute=True):
        steering_decision_record(
            project=project, meeting=meeting, outcome="selected", by=kuopio_user
        )
    assert not mail.outbox
    listed = client.get(reverse("messaging:notifications")).content.decode()
    assert project.name in listed
    notification = Notification.objects.get(recipient=reporter)
    opened = client.get(reverse("messaging:open", args=[notification.pk]))
    assert opened.url == project.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_users_notification_cannot_be_opened(client, proposed, kuopio_user, reporter):
    notification = Notification.objects.create(recipient=reporter, kind="report_reminder",
                                               key="x", subject="S")  # fmt: skip
    client.force_login(kuopio_user)
    assert client.get(reverse("messaging:open", args=[notification.pk])).status_code == 404


def test_nothing_is_announced_while_paused(
    django_capture_on_commit_callbacks, proposed, kuopio_user, reporter
):
    project, meeting = proposed
    with django_capture_on_commit_callbacks(execute=True), notifications_paused():
        steering_decision_record(
            project=project, meeting=meeting, outcome="selected", by=kuopio_user
        )
    assert not mail.outbox


def test_unknown_kinds_of_notification_are_refused(reporter):
    with pytest.raises(ValidationError):
        preferences_set_email(user=reporter, kinds={"spam"}, by=reporter)
