"""Reading background jobs as their requester, or an administrator, may."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Job
from .progress import Progress, progress_read
from .registry import kind_exists, kind_get
from .services import job_interrupted


def job_list_for_user(user: AbstractBaseUser) -> QuerySet[Job]:
    """The work the user asked for, newest first (an administrator's view includes all)."""
    jobs = Job.objects.select_related("created_by")
    return jobs if user.is_superuser else jobs.filter(created_by=user)


def job_get_for_user(*, pk, user: AbstractBaseUser) -> Job:
    """The job, if the user asked for it or administers the service; 404 otherwise, so that
    another person's work does not seem to exist."""
    job = job_list_for_user(user).filter(pk=pk).first()
    if job is None:
        raise Http404(_("No such work."))
    return job


@dataclass(frozen=True)
class JobState:
    """What a page says of a job right now."""

    job: Job
    progress: Progress | None
    interrupted: bool
    phase_label: str

    @property
    def finished(self) -> bool:
        return self.job.finished or self.interrupted

    @property
    def can_retry(self) -> bool:
        return self.job.status == Job.Status.FAILED or self.interrupted

    def as_json(self) -> dict:
        percent = self.progress.percent if self.progress else None
        return {
            "status": "interrupted" if self.interrupted else self.job.status,
            "finished": self.finished,
            "phase": self.phase_label,
            "done": self.progress.done if self.progress else None,
            "total": self.progress.total if self.progress else None,
            "percent": percent,
            "result_url": self.job.result_url,
        }


def job_state(job: Job) -> JobState:
    progress = progress_read(job.pk) if job.status == Job.Status.RUNNING else None
    label = ""
    if progress and kind_exists(job.kind):
        label = str(kind_get(job.kind).phases.get(progress.phase, ""))
    return JobState(job, progress, job_interrupted(job), label)
