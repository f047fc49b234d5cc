"""Asking for background work, running it once, and asking again after a failure."""

import logging
import os
import socket
import time
from datetime import timedelta
from pathlib import PurePath

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from .models import Job
from .progress import Heartbeat, Reporter, is_alive
from .registry import JobRefused, Outcome, kind_exists, kind_get

logger = logging.getLogger(__name__)

# A task may reach a worker before the transaction that created its job commits (a queue
# outside the database does not wait for it): the worker looks again for this long.
WAIT_FOR_JOB = 5.0


def job_interrupted(job: Job) -> bool:
    """Running by its record, but no worker has marked it alive lately: the worker was
    stopped or its machine lost. Its transaction was rolled back, and it can be run again."""
    return job.status == Job.Status.RUNNING and not is_alive(job.pk)


def job_submit(
    *,
    kind: str,
    title: str,
    by: AbstractBaseUser | None,
    params: dict | None = None,
    upload: File | None = None,
) -> Job:
    """Queue work of ``kind`` for a worker and return its record.

    An identical request of the same user still waiting or running is returned instead of a
    second one, so a double click or a reloaded page does the work once. ``upload`` is kept
    in the file storage that every worker reads, until the work has succeeded.
    """
    if not kind_exists(kind):
        raise ValidationError(_("Unknown kind of work: %(kind)s.") % {"kind": kind})
    params = params or {}
    if upload is None:
        waiting = Job.objects.filter(
            kind=kind,
            params=params,
            created_by=by,
            status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
        ).first()
        if waiting is not None and not job_interrupted(waiting):
            return waiting
    with transaction.atomic():
        job = Job.objects.create(kind=kind, title=title[:300], created_by=by, params=params)
        if upload is not None:
            name = get_valid_filename(PurePath(upload.name or "file").name) or "file"
            job.input_file = default_storage.save(f"jobs/{job.pk}/input/{name}", upload)
            job.input_name = (upload.name or name)[:255]
            job.save(update_fields=["input_file", "input_name"])
    _enqueue(job)
    return job


def job_retry(*, job: Job, by: AbstractBaseUser | None) -> Job:
    """Run failed or interrupted work again, from the start."""
    if not (job.status == Job.Status.FAILED or job_interrupted(job)):
        raise ValidationError(_("Only work that failed or was interrupted can be run again."))
    if job.input_file and not default_storage.exists(job.input_file):
        raise ValidationError(_("The file of this work is no longer kept; upload it again."))
    updated = Job.objects.filter(pk=job.pk, status=job.status).update(
        status=Job.Status.QUEUED, message="", problems=[], finished_at=None
    )
    if not updated:  # someone else ran it again a moment ago
        job.refresh_from_db()
        return job
    Reporter(job.pk).clear()
    logger.info("job %s queued again by %s", job.pk, getattr(by, "pk", None))
    job.refresh_from_db()
    _enqueue(job)
    return job


def job_result_record(*, job: Job, url: str) -> None:
    """Record where the work's result is, inside the transaction of the work itself: a job
    run again after its worker stopped finds the work done (and the page to show) instead of
    doing it twice. ``url`` is only ever set this way once the work has committed."""
    Job.objects.filter(pk=job.pk).update(result_url=url)
    job.result_url = url


def _enqueue(job: Job) -> None:
    from .tasks import run_job

    run_job.enqueue(str(job.pk))


def _claim(job_id: str) -> Job | None:
    """Take the job for this worker, or None when it is not waiting: a second delivery of
    the same task, or a job run already, does nothing."""
    deadline = time.monotonic() + WAIT_FOR_JOB
    while True:
        claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            worker=f"{socket.gethostname()}:{os.getpid()}"[:100],
        )
        if claimed:
            return Job.objects.get(pk=job_id)
        if Job.objects.filter(pk=job_id).exists() or time.monotonic() > deadline:
            return None
        time.sleep(0.2)


def job_run(job_id: str) -> None:
    """Do the work of one job, as a worker does: claim it, run it with its progress shown and
    a heartbeat kept, and record the outcome. The work's own writes are its own transaction:
    a failure or a killed worker leaves them undone."""
    job = _claim(job_id)
    if job is None:
        logger.info("job %s is not waiting; nothing to do", job_id)
        return
    reporter = Reporter(job.pk)
    try:
        with Heartbeat(reporter):
            outcome = kind_get(job.kind).run(job, reporter)
    except JobRefused as refused:
        _finish(job, Job.Status.FAILED, message=str(refused), problems=refused.problems)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            Job.Status.FAILED,
            message=_(
                "The work stopped on an unexpected error, and nothing was saved. "
                "The error has been logged; you can run the work again."
            ),
        )
    else:
        _finish(job, Job.Status.SUCCEEDED, outcome=outcome)
    finally:
        reporter.clear()


def _finish(job: Job, status: str, *, message: str = "", problems=None, outcome=None) -> None:
    fields = {"status": status, "finished_at": timezone.now(), "message": message}
    if problems is not None:
        fields["problems"] = problems
    if outcome is not None:
        fields.update(message=outcome.message, result_url=outcome.url)
        fields.update(_keep_result(job, outcome))
        if job.input_file:
            default_storage.delete(job.input_file)
            fields["input_file"] = ""
    Job.objects.filter(pk=job.pk).update(**fields)
    logger.info("job %s (%s) %s", job.pk, job.kind, status)


def _keep_result(job: Job, outcome: Outcome) -> dict:
    if outcome.content is None:
        return {}
    from django.core.files.base import ContentFile

    name = get_valid_filename(outcome.file_name) or "result"
    path = default_storage.save(f"jobs/{job.pk}/{name}", ContentFile(outcome.content))
    return {
        "result_file": path,
        "result_name": outcome.file_name[:255],
        "result_content_type": outcome.content_type,
    }


def jobs_requeue_waiting(*, older_than_minutes: int) -> int:
    """Hand again to the queue the work that has waited longer than the given minutes: its
    task may have been lost (Redis restarted without its data). A job that was only slow to
    start is claimed once all the same; how many were handed again."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    waiting = list(Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=cutoff))
    for job in waiting:
        _enqueue(job)
    return len(waiting)


def jobs_prune(*, older_than_days: int) -> int:
    """Forget finished work older than the given number of days, with its files."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    old = Job.objects.filter(finished_at__lt=cutoff)
    count = 0
    for job in old.iterator():
        for path in (job.input_file, job.result_file):
            if path:
                default_storage.delete(path)
        job.delete()
        count += 1
    return count
