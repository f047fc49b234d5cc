"""The one task every worker runs for background jobs; the work is looked up by its kind.
Also the upkeep of the queue that the workers schedule for themselves (``schedule.py``)."""

from django_tasks import task

from .schedule import DAILY, HOURLY, periodic
from .services import job_run, jobs_prune, jobs_requeue_waiting


@task()
def run_job(job_id: str) -> None:
    """Run the job ``job_id`` (a no-op when it has run already)."""
    job_run(job_id)


@periodic("requeue_jobs", every=HOURLY)
@task()
def requeue_jobs() -> int:
    """Hand again to the queue work waiting over ten minutes, its task perhaps lost."""
    return jobs_requeue_waiting(older_than_minutes=10)


@periodic("prune_jobs", every=DAILY, hour=3)
@task()
def prune_jobs() -> int:
    """Forget finished work (and periodic runs) older than 30 days."""
    return jobs_prune(older_than_days=30)
