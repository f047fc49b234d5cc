"""Periodic work on the task queue's own schedule: every worker looks at the clock, and the
first to find a run due claims it in the database and puts its task on the queue.

Apps register their periodic tasks in their ``tasks.py`` (``periodic``). A run is claimed by
inserting its (name, slot) row, which the database allows once: however many workers run,
on however many machines, each day's (or hour's) run is queued once. Only the current slot
is considered; a slot missed while no worker ran is not made up, and the work itself is
written to be safe to run again (reminders are keyed in the outbox).
"""

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger(__name__)

DAILY = "day"
HOURLY = "hour"
MINUTELY = "minute"


@dataclass(frozen=True)
class Periodic:
    name: str
    task: object  # a django_tasks Task taking no arguments
    every: str
    hour: int = 0  # for daily work: the local hour from which the day's run is due

    def slot(self, now: datetime) -> str | None:
        """The slot due at ``now`` (local time), or None before a daily run's hour."""
        local = timezone.localtime(now)
        if self.every == MINUTELY:
            return local.strftime("%Y-%m-%dT%H:%M")
        if self.every == HOURLY:
            return local.strftime("%Y-%m-%dT%H")
        if local.hour < self.hour:
            return None
        return local.date().isoformat()


_periodic: dict[str, Periodic] = {}


def periodic(name: str, *, every: str, hour: int = 0):
    """Register a task (decorated with ``@task()`` first) to run every day from ``hour`` local
    time, every hour or every minute."""
    if every not in (DAILY, HOURLY, MINUTELY):
        raise ValueError(f"Unknown period: {every}")

    def decorate(task):
        _periodic[name] = Periodic(name, task, every, hour)
        return task

    return decorate


def periodic_list() -> list[Periodic]:
    return sorted(_periodic.values(), key=lambda entry: entry.name)


def schedule_run_due(*, now: datetime | None = None) -> list[str]:
    """Queue every periodic task whose current slot has no run yet; the names queued."""
    now = now or timezone.now()
    queued = []
    for entry in periodic_list():
        slot = entry.slot(now)
        if slot is None or ScheduledRun.objects.filter(name=entry.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(
                    name=entry.name,
                    slot=slot,
                    worker=f"{socket.gethostname()}:{os.getpid()}"[:100],
                )
        except IntegrityError:  # another worker claimed it a moment ago
            continue
        try:
            entry.task.enqueue()
        except Exception:
            # The queue is unreachable: give the slot back, so that the next look tries again.
            ScheduledRun.objects.filter(name=entry.name, slot=slot).delete()
            raise
        logger.info("periodic work %s queued for %s", entry.name, slot)
        queued.append(entry.name)
    return queued
