"""Erasing a person's personal data: everywhere it is held, with the history kept."""

import json
from datetime import date

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse

from ekosopimus.accounts.models import Erasure, Membership
from ekosopimus.accounts.privacy import person_erase, person_name_erase, person_name_preview
from ekosopimus.jobs.models import Job

NAME = "Riikka Räsänen"
EMAIL = "riikka.rasanen@uef.example"


def _database_holding(*texts: str) -> list[str]:
    """Every row of every table whose text (or JSON) holds one of ``texts``."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            for text in texts:
                forms = {text, json.dumps(text)[1:-1]}
                for form in forms:
                    rows = model._default_manager.filter(**{f"{field.name}__icontains": form})
                    found += [
                        f"{model._meta.label}.{field.name}:{pk}"
                        for pk in rows.values_list("pk", flat=True)
                    ]
    return found


@pytest.fixture
def person(kuopio_reporter, kuopio_user, granted_project):
    """A project reporter with a name and address, who reported, attended a meeting, had a
    report returned with her name in the comment, got mail and notifications, signed in and
    failed to sign in."""
    from axes.models import AccessAttempt, AccessLog
    from rest_framework.authtoken.models import Token

    from ekosopimus.messaging.models import Notification, OutboxMessage
    from ekosopimus.messaging.notifications import calendar_token_renew
    from ekosopimus.messaging.services import message_queue
    from ekosopimus.monitoring.services import report_create, report_return, report_submit
    from ekosopimus.portfolio.services import meeting_create

    user = kuopio_reporter
    user.first_name, user.last_name, user.email = "Riikka", "Räsänen", EMAIL
    user.save()
    indicator = granted_project.indicators.first()
    report = report_create(
        project=granted_project,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 6, 30),
        values={indicator: 3},
        narrative=f"Yhteyshenkilö {NAME} ({EMAIL}) kokosi luvut.",
        by=user,
    )
    report_submit(report=report, by=user)
    report_return(report=report, comment=f"{NAME}: lisää yritysten nimet.", by=kuopio_user)
    meeting_create(
        agreement=granted_project.agreement,
        held_on=date(2024, 9, 1),
        title="Johtoryhmä 3/2024",
        attendees=[(NAME, "UEF", "asiantuntija"), ("Sami Saarinen", "Kuopio", "pj")],
        by=kuopio_user,
    )
    message_queue(
        key="password-reset:test",
        template="accounts/email/password_reset",
        context={"user": user, "uid": "MQ", "token": "abc"},
        recipient=user,
    )
    OutboxMessage.objects.create(
        key="reminder:waiting",
        recipient=user,
        to=EMAIL,
        language="fi",
        subject=f"Hei {NAME}",
        body_text=f"Hei {NAME}, raportti odottaa.",
    )
    Notification.objects.create(
        recipient=user, kind="report_reminder", key="reminder:test", subject="Muistutus"
    )
    calendar_token_renew(user=user)
    Token.objects.create(user=user)
    # A snapshot in JSON (SQLite keeps it ASCII-escaped, PostgreSQL as written).
    Job.objects.create(
        kind="summary",
        title="Kooste",
        created_by=user,
        params={"contact": {"name": NAME, "email": EMAIL}},
        problems=[f"{NAME} ei vastannut"],
    )
    AccessAttempt.objects.create(
        username=user.username, ip_address="10.0.0.7", user_agent="Firefox", failures_since_start=2
    )
    AccessLog.objects.create(username=user.username, ip_address="10.0.0.7", user_agent="Firefox")
    Client().force_login(user)
    return user


def erasure_email(erasure) -> str:
    return f"{erasure.pseudonym.rsplit(' ', 1)[-1].lower()}@poistettu.invalid"


@pytest.mark.django_db
def test_erasure_leaves_the_name_and_address_nowhere_in_the_database(person, admin_user):
    assert _database_holding(NAME, EMAIL)  # the test's data does hold them
    erasure = person_erase(user=person, by=admin_user, reason="Pyyntö 12/2026")

    assert _database_holding(NAME, EMAIL, "Räsänen", "uef-reporter") == []
    person.refresh_from_db()
    assert person.get_full_name() == erasure.pseudonym
    assert erasure.pseudonym.startswith("Poistettu käyttäjä ")
    assert not person.is_active and not person.has_usable_password()
    assert not person.is_staff and not person.is_superuser
    assert Session.objects.count() == 0
    assert not Membership.objects.filter(user=person).exists()
    assert not person.notifications.exists()
    job = Job.objects.get(created_by=person)
    assert job.params == {"contact": {"name": erasure.pseudonym, "email": erasure_email(erasure)}}
    assert job.problems == [f"{erasure.pseudonym} ei vastannut"]


@pytest.mark.django_db
def test_the_history_is_kept_under_the_pseudonym(person, admin_user):
    from ekosopimus.messaging.models import OutboxMessage
    from ekosopimus.monitoring.models import ProgressReport
    from ekosopimus.portfolio.models import MeetingAttendee

    history = ProgressReport.history.model
    by_person = history.objects.filter(history_user=person).count()
    reasons = list(history.objects.order_by("pk").values_list("history_change_reason", flat=True))
    assert by_person >= 2

    erasure = person_erase(user=person, by=admin_user, reason="Pyyntö 12/2026")

    assert history.objects.filter(history_user=person).count() == by_person
    assert str(
        history.objects.filter(history_user=person).first().history_user.get_full_name()
    ) == (erasure.pseudonym)
    after = list(history.objects.order_by("pk").values_list("history_change_reason", flat=True))
    assert len(after) == len(reasons)
    returned = [reason for reason in after if erasure.pseudonym in (reason or "")]
    assert returned, "the return's reason copied the name and now names the pseudonym"
    attendee = MeetingAttendee.objects.get(name=erasure.pseudonym)
    assert attendee.history.count() >= 1
    assert MeetingAttendee.objects.filter(name="Sami Saarinen").exists()
    sent = OutboxMessage.objects.get(key="password-reset:test")
    assert sent.to.endswith("@poistettu.invalid") and sent.status == OutboxMessage.Status.SENT
    assert erasure.pseudonym in sent.body_text
    waiting = OutboxMessage.objects.get(key="reminder:waiting")
    assert waiting.status == OutboxMessage.Status.FAILED, "nothing goes to an erased person"
    assert waiting.subject == f"Hei {erasure.pseudonym}"
    assert erasure.erased_by == admin_user and erasure.reason == "Pyyntö 12/2026"


@pytest.mark.django_db
def test_erasing_twice_changes_nothing_more(person, admin_user):
    first = person_erase(user=person, by=admin_user, reason="Pyyntö 12/2026")
    snapshot = _snapshot()
    second = person_erase(user=person, by=admin_user, reason="Pyyntö 12/2026 uudelleen")
    assert second.pk == first.pk
    assert Erasure.objects.count() == 1
    assert _snapshot() == snapshot


def _snapshot() -> dict:
    tables = {}
    for model in apps.get_models():
        if not model._meta.managed:
            continue
        tables[model._meta.label] = sorted(
            (str(row) for row in model._default_manager.values_list()), key=str
        )
    return tables


@pytest.mark.django_db
def test_the_last_administrator_cannot_be_erased(admin_user):
    with pytest.raises(ValidationError) as refused:
        person_erase(user=admin_user, by=admin_user, reason="Pyyntö 12/2026")
    assert refused.value.code == "last_administrator"
    admin_user.refresh_from_db()
    assert admin_user.is_active and not Erasure.objects.exists()


@pytest.mark.django_db
def test_an_administrator_is_erased_while_another_remains(admin_user, django_user_model):
    other = django_user_model.objects.create_superuser(username="admin2", password="x" * 12)
    person_erase(user=other, by=admin_user, reason="Pyyntö 12/2026")
    other.refresh_from_db()
    assert not other.is_superuser and not other.is_active


@pytest.mark.django_db
def test_the_reason_may_not_name_the_person(person, admin_user):
    with pytest.raises(ValidationError):
        person_erase(user=person, by=admin_user, reason=f"{NAME} pyysi")
    person.refresh_from_db()
    assert person.email == EMAIL


@pytest.mark.django_db
def test_a_name_without_an_account_is_erased_exactly(kuopio, kuopio_user, admin_user):
    from ekosopimus.portfolio.models import MeetingAttendee, SteeringGroupMeeting
    from ekosopimus.portfolio.services import meeting_create

    meeting = meeting_create(
        agreement=kuopio,
        held_on=date(2024, 9, 1),
        title="Johtoryhmä 3/2024",
        attendees=[("Anna Virtanen", "", ""), ("Anna Virtanen-Kallio", "", "")],
        by=kuopio_user,
    )
    SteeringGroupMeeting.objects.filter(pk=meeting.pk).update(
        minutes_notes="Anna  Virtanen esitteli. Anna Virtanen-Kallio kommentoi."
    )
    preview = person_name_preview(name="Anna Virtanen")
    assert preview["portfolio.meetingattendee"].count == 1
    assert preview["portfolio.meetingattendee"].samples == ["Anna Virtanen"]

    erasure = person_name_erase(name="anna virtanen", by=admin_user, reason="Pyyntö 13/2026")

    assert erasure.pseudonym.startswith("Poistettu henkilö ")
    names = set(MeetingAttendee.objects.values_list("name", flat=True))
    assert names == {erasure.pseudonym, "Anna Virtanen-Kallio"}
    meeting.refresh_from_db()
    assert meeting.minutes_notes == (
        f"{erasure.pseudonym} esitteli. Anna Virtanen-Kallio kommentoi."
    )
    assert MeetingAttendee.history.filter(name="Anna Virtanen").count() == 0
    assert person_name_erase(name="Anna Virtanen", by=admin_user, reason="Uudelleen") is None


@pytest.mark.django_db
def test_the_page_previews_and_erases(person, admin_user):
    client = Client()
    client.force_login(admin_user)
    found = client.get(reverse("accounts:erasure_search"), {"q": "riikka räsänen"})
    assert found.status_code == 200 and EMAIL in found.content.decode()

    url = reverse("accounts:erasure_user", args=[person.pk])
    preview = client.get(url)
    assert preview.status_code == 200
    assert preview.context["found"] and not Erasure.objects.exists()
    assert preview.context["history"] >= 2  # the report's, kept
    counts = {entry.label: entry.count for entry in preview.context["found"]}
    assert counts["portfolio.meetingattendee"] == 1 and counts["sessions.session"] == 1

    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400 and not Erasure.objects.exists()

    done = client.post(url, {"reason": "Pyyntö 12/2026"})
    erasure = Erasure.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "accounts:erasure", args=[erasure.pk]
    )
    result = client.get(done["Location"])
    assert result.status_code == 200 and erasure.pseudonym in result.content.decode()


@pytest.mark.django_db
def test_the_page_refuses_the_last_administrator_with_a_message(admin_user):
    client = Client()
    client.force_login(admin_user)
    answer = client.post(
        reverse("accounts:erasure_user", args=[admin_user.pk]), {"reason": "Pyyntö 12/2026"}
    )
    assert answer.status_code == 400
    assert "Tämä on viimeinen ylläpitäjä" in answer.content.decode()


@pytest.mark.django_db
def test_the_name_page_shows_each_record_before_erasing(kuopio, kuopio_user, admin_user):
    from ekosopimus.portfolio.services import meeting_create

    meeting_create(
        agreement=kuopio,
        held_on=date(2024, 9, 1),
        title="Johtoryhmä 3/2024",
        attendees=[("Anna Virtanen", "", "")],
        by=kuopio_user,
    )
    client = Client()
    client.force_login(admin_user)
    url = reverse("accounts:erasure_name")
    preview = client.get(url, {"name": "Anna Virtanen"})
    assert preview.status_code == 200 and "Anna Virtanen" in preview.content.decode()
    done = client.post(url, {"name": "Anna Virtanen", "reason": "Pyyntö 13/2026"})
    assert done.status_code == 302
    assert _database_holding("Anna Virtanen") == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["kuopio_user", "national_viewer"])
def test_anyone_but_an_administrator_is_refused(name, request, person):
    client = Client()
    client.force_login(request.getfixturevalue(name))
    for url in (
        reverse("accounts:erasure_search"),
        reverse("accounts:erasure_user", args=[person.pk]),
        reverse("accounts:erasure_name") + "?name=Anna+Virtanen",
    ):
        assert client.get(url).status_code == 403
    assert (
        client.post(reverse("accounts:erasure_user", args=[person.pk]), {"reason": "x"}).status_code
        == 403
    )
    person.refresh_from_db()
    assert person.is_active and not Erasure.objects.exists()


@pytest.mark.django_db
def test_the_command_erases_by_e_mail_address(person, admin_user, capsys):
    call_command("erase_person", email=EMAIL, reason="Pyyntö 12/2026", dry_run=True)
    assert not Erasure.objects.exists()
    call_command("erase_person", email=EMAIL, reason="Pyyntö 12/2026", by="admin")
    erasure = Erasure.objects.get()
    assert erasure.user == person and erasure.erased_by == admin_user
    assert erasure.pseudonym in capsys.readouterr().out
