"""Periodic work on the queue's own schedule: every worker looks at the clock, one of them
queues the day's reminders, and two workers running at once send each reminder once."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from ekosopimus.jobs.models import ScheduledRun
from ekosopimus.jobs.schedule import DAILY, HOURLY, MINUTELY, Periodic, schedule_run_due
from ekosopimus.messaging.models import OutboxMessage
from ekosopimus.monitoring.schedule import reminder_stage, schedule_for
from ekosopimus.portfolio.models import Project
from ekosopimus.portfolio.services import project_update

from .test_queue import _wait, workers


def test_a_daily_run_is_due_from_its_hour_and_an_hourly_one_every_hour():
    morning = timezone.make_aware(timezone.datetime(2027, 1, 29, 6, 59))
    daily = Periodic("x", task=None, every=DAILY, hour=7)
    assert daily.slot(morning) is None
    assert daily.slot(morning + timedelta(minutes=1)) == "2027-01-29"
    assert Periodic("y", task=None, every=HOURLY).slot(morning) == "2027-01-29T06"
    assert Periodic("z", task=None, every=MINUTELY).slot(morning) == "2027-01-29T06:59"


@pytest.mark.django_db
def test_each_slot_is_queued_once_however_often_the_workers_look():
    now = timezone.make_aware(timezone.datetime(2027, 1, 29, 8, 0))
    assert set(schedule_run_due(now=now)) == {
        "send_reminders", "send_queued_mail", "requeue_jobs", "prune_jobs", "prepare_figures"
    }  # fmt: skip
    assert schedule_run_due(now=now + timedelta(seconds=30)) == []
    assert schedule_run_due(now=now + timedelta(minutes=30)) == ["prepare_figures"]
    assert schedule_run_due(now=now + timedelta(hours=1)) == [
        "prepare_figures", "requeue_jobs", "send_queued_mail"
    ]  # fmt: skip
    assert ScheduledRun.objects.filter(name="send_reminders").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_queue_the_days_reminders_once_and_send_each_reminder_once(
    queue, smtp_server, smtp_port, granted_project, kuopio_user, kuopio_reporter
):
    today = timezone.localdate()
    # The project ended 60 days ago, so its final report falls due today.
    end = today - timedelta(days=60)
    project_update(
        project=granted_project, start_date=end - timedelta(days=400), end_date=end,
        by=kuopio_user,
    )  # fmt: skip
    kuopio_reporter.email = "riikka@uef.example.fi"
    kuopio_reporter.save()
    expected = [
        o
        for o in schedule_for(Project.objects.all(), today=today).obligations
        if reminder_stage(o, today)
    ]
    assert expected
    env = {
        **queue,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EKOSOPIMUS_SCHEDULE_CHECK_SECONDS": "0.3",
        "EKOSOPIMUS_REMINDERS_HOUR": "0",
    }
    with workers(env, 2):
        from ekosopimus.monitoring.tasks import send_reminders

        send_reminders.enqueue()  # a run from cron on top of the schedule's own

        def sent() -> bool:
            messages = OutboxMessage.objects.filter(key__startswith="reminder:")
            return (
                ScheduledRun.objects.filter(name="send_reminders").exists()
                and messages.count() >= len(expected)
                and not messages.exclude(status=OutboxMessage.Status.SENT).exists()
            )

        _wait(sent, "the day's reminders to be sent", seconds=120)
        time.sleep(3)  # both workers look at the clock several times more
    assert ScheduledRun.objects.filter(name="send_reminders").count() == 1
    # The decisions of the project's fixture are announced to its reporter too, by the same
    # workers: every message of the outbox reached the server once.
    assert OutboxMessage.objects.filter(key__startswith="reminder:").count() == len(expected)
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists()
    assert len(smtp_server.messages) == OutboxMessage.objects.count()


@pytest.mark.django_db
def test_old_runs_are_forgotten_with_old_work_and_the_current_one_kept():
    from django.core.management import call_command

    old = ScheduledRun.objects.create(name="send_reminders", slot="2026-01-01")
    ScheduledRun.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(days=31))
    current = ScheduledRun.objects.create(name="send_reminders", slot="2026-02-01")
    call_command("prune_jobs", "--days", "30")
    assert list(ScheduledRun.objects.all()) == [current]
