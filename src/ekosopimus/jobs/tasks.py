"""The one task every worker runs for background jobs; the work is looked up by its kind."""

from django_tasks import task

from .services import job_run


@task()
def run_job(job_id: str) -> None:
    """Run the job ``job_id`` (a no-op when it has run already)."""
    job_run(job_id)
