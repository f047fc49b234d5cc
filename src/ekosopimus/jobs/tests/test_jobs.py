"""Background jobs: run once, fail plainly, run again, and show their progress."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ekosopimus.jobs.models import Job
from ekosopimus.jobs.progress import Reporter
from ekosopimus.jobs.registry import JobRefused, Outcome, register
from ekosopimus.jobs.services import job_interrupted, job_retry, job_run, job_submit

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
runs: list[str] = []


@register("test_echo", label="Kaiku")
def echo(job, report):
    """Counts its runs; refuses or breaks when its parameters say so."""
    runs.append(str(job.pk))
    report("step", 1, 2)
    if job.params.get("refuse"):
        raise JobRefused("Ei käy.", [{"line": 3, "column": "B", "message": "väärin"}])
    if job.params.get("break"):
        raise RuntimeError("boom")
    content = job.params.get("content")
    if content is not None:
        return Outcome(message="Valmis.", content=content.encode(), file_name="tulos.txt",
                       content_type="text/plain")  # fmt: skip
    return Outcome(message="Valmis.", url="/sopimukset/")


@pytest.fixture(autouse=True)
def _forget_runs():
    runs.clear()


def _queued(user, **params) -> Job:
    with override_settings(TASKS=DUMMY):
        return job_submit(kind="test_echo", title="Kaiku", by=user, params=params)


def test_a_task_delivered_twice_does_the_work_once(kuopio_user):
    job = _queued(kuopio_user)
    job_run(str(job.pk))
    job_run(str(job.pk))
    job.refresh_from_db()
    assert runs == [str(job.pk)]
    assert job.status == Job.Status.SUCCEEDED
    assert job.attempts == 1
    assert job.worker


def test_a_refused_job_lists_its_problems_and_keeps_its_file_for_another_run(kuopio_user):
    with override_settings(TASKS=DUMMY):
        job = job_submit(
            kind="test_echo",
            title="Kaiku",
            by=kuopio_user,
            params={"refuse": True},
            upload=SimpleUploadedFile("lista.csv", b"a;b"),
        )
    job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "Ei käy."
    assert job.problems == [{"line": 3, "column": "B", "message": "väärin"}]
    assert default_storage.exists(job.input_file)


def test_an_unexpected_error_fails_with_a_plain_message_and_is_logged(kuopio_user, caplog):
    job = _queued(kuopio_user, **{"break": True})
    job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "boom" not in job.message
    assert "eikä mitään tallennettu" in job.message
    assert "boom" in caplog.text


def test_failed_work_runs_again_and_succeeds(kuopio_user):
    job = _queued(kuopio_user, **{"break": True})
    job_run(str(job.pk))
    Job.objects.filter(pk=job.pk).update(params={})
    job.refresh_from_db()
    job_retry(job=job, by=kuopio_user)  # tasks run where they are enqueued in tests
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.attempts == 2
    assert job.message == "Valmis."


def test_only_failed_or_interrupted_work_runs_again(kuopio_user):
    job = _queued(kuopio_user)
    job_run(str(job.pk))
    job.refresh_from_db()
    with pytest.raises(ValidationError):
        job_retry(job=job, by=kuopio_user)


def test_a_running_job_that_no_worker_marks_alive_was_interrupted(kuopio_user):
    job = _queued(kuopio_user)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    job.refresh_from_db()
    assert job_interrupted(job)
    Reporter(job.pk).beat()
    assert not job_interrupted(job)


def test_an_identical_request_in_flight_is_not_queued_twice(kuopio_user, hev_user):
    first = _queued(kuopio_user, content="x")
    assert _queued(kuopio_user, content="x").pk == first.pk
    assert _queued(hev_user, content="x").pk != first.pk
    assert _queued(kuopio_user, content="y").pk != first.pk


def test_the_page_shows_progress_and_then_the_file(client, kuopio_user):
    job = _queued(kuopio_user, content="sisältö")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    Reporter(job.pk).beat()
    Reporter(job.pk)("step", 500, 2000)
    client.force_login(kuopio_user)
    state = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert (state["status"], state["done"], state["total"], state["percent"]) == (
        "running",
        500,
        2000,
        25,
    )
    assert "500" in client.get(job.get_absolute_url()).content.decode()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED)
    job_run(str(job.pk))
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("jobs:result", args=[job.pk]) in page
    response = client.get(reverse("jobs:result", args=[job.pk]))
    assert b"".join(response.streaming_content) == "sisältö".encode()
    assert 'filename="tulos.txt"' in response["Content-Disposition"]


def test_the_retry_button_runs_failed_work_again(client, kuopio_user):
    job = _queued(kuopio_user, **{"break": True})
    job_run(str(job.pk))
    Job.objects.filter(pk=job.pk).update(params={})
    client.force_login(kuopio_user)
    assert "Aja uudelleen" in client.get(job.get_absolute_url()).content.decode()
    client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED


def test_old_finished_work_is_forgotten_with_its_files(kuopio_user):
    job = _queued(kuopio_user, content="vanha")
    job_run(str(job.pk))
    job.refresh_from_db()
    path = job.result_file
    assert default_storage.exists(path)
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=31))
    recent = _queued(kuopio_user, content="uusi")
    job_run(str(recent.pk))
    call_command("prune_jobs", "--days", "30")
    assert list(Job.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not default_storage.exists(path)
    assert not Path(default_storage.path(path)).exists()


def test_an_import_done_before_its_worker_stopped_is_not_done_twice(client, kuopio, kuopio_user):
    from ekosopimus.portfolio.models import Project, ProjectImport
    from ekosopimus.portfolio.tests.eura_files import EURA_2014_LIST

    client.force_login(kuopio_user)
    client.post(
        reverse("portfolio:import", args=["kuopio"]),
        {"file": SimpleUploadedFile("eura.csv", EURA_2014_LIST.read_bytes())},
    )
    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED
    # As if the worker had been killed after the import committed, before the job was marked.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    job.refresh_from_db()
    job_retry(job=job, by=kuopio_user)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert ProjectImport.objects.count() == 1
    assert Project.objects.filter(agreement=kuopio).count() == 2881


def test_work_whose_task_was_lost_is_handed_to_the_queue_again(kuopio_user):
    job = _queued(kuopio_user)  # the queue never ran it
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    fresh = _queued(kuopio_user, content="uusi")
    call_command("requeue_jobs", "--minutes", "10")  # tasks run where they are enqueued here
    job.refresh_from_db()
    fresh.refresh_from_db()
    assert (job.status, fresh.status) == (Job.Status.SUCCEEDED, Job.Status.QUEUED)
