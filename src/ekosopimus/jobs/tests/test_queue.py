"""The task queue as it runs in production: real worker processes, on Redis (RQ) and on the
database queue of a single machine, against the test database.

Two workers share the work and run each job once; a worker killed with SIGKILL in the middle
of an import leaves the database as it was, and the job, run again, completes.
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ekosopimus.health import workers_alive
from ekosopimus.jobs.models import Job
from ekosopimus.jobs.progress import progress_read
from ekosopimus.jobs.services import job_interrupted, job_retry, job_submit
from ekosopimus.portfolio.models import Project, ProjectImport
from ekosopimus.portfolio.tests.eura_files import EURA_2014_LIST
from ekosopimus.reports.tasks import summary_params

pytestmark = pytest.mark.django_db(transaction=True)
HEARTBEAT = 1.0  # seconds; short, so that an interrupted job is seen as such within seconds
BACKENDS = {
    "redis": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}


def _redis_ready(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        message = f"Redis is needed for the task queue's tests at {url}: {error}"
        if os.environ.get("EKOSOPIMUS_REQUIRE_REDIS"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(params=sorted(BACKENDS))
def queue(request, settings, tmp_path, agreements, test_database_url):
    """The settings of a deployment with this queue; the workers get the same by their
    environment (``workers``)."""
    backend = request.param
    data = tmp_path / "data"
    env = {
        "DJANGO_SETTINGS_MODULE": "ekosopimus.settings.local",
        "DATABASE_URL": test_database_url,
        "EKOSOPIMUS_DATA_DIR": str(data),
        "EKOSOPIMUS_FILES_DIR": str(tmp_path / "files"),
        "EKOSOPIMUS_JOB_HEARTBEAT": str(HEARTBEAT),
        "REDIS_URL": "",
    }
    settings.JOB_HEARTBEAT_SECONDS = HEARTBEAT
    settings.TASKS = {"default": BACKENDS[backend]}
    if backend == "redis":
        url = settings.TEST_REDIS_URL
        _redis_ready(url)
        import redis

        redis.Redis.from_url(url).flushdb()
        env["REDIS_URL"] = url
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": data / "cache",
            }
        }
    yield env
    if backend == "redis":
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()


@contextmanager
def workers(env: dict, count: int = 2):
    """``count`` worker processes, each leading a process group of its own (RQ forks a
    process per job), stopped at the end."""
    environment = {**os.environ, **env}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "ekosopimus", "worker"],
            env=environment,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]
    try:
        _wait(lambda: len(workers_alive()) >= count, "the workers to start", seconds=60)
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait(condition, what: str, *, seconds: float = 120, every: float = 0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    pytest.fail(f"Waited {seconds} s for {what}.")


def _finished(*jobs) -> bool:
    return all(Job.objects.get(pk=job.pk).finished for job in jobs)


def test_two_workers_share_the_work_and_run_each_job_once(queue, kuopio_user):
    with workers(queue, 2):
        jobs = [
            job_submit(
                kind="summary",
                title=f"Kooste {month}",
                by=kuopio_user,
                params=summary_params(
                    slug="kuopio", fmt="xlsx", since=date(2024, month, 1), until=None
                ),
            )
            for month in range(1, 7)
        ]
        from ekosopimus.jobs.tasks import run_job

        run_job.enqueue(str(jobs[0].pk))  # the same task delivered a second time
        _wait(lambda: _finished(*jobs), "six summaries")
    done = Job.objects.filter(pk__in=[job.pk for job in jobs])
    assert {job.status for job in done} == {Job.Status.SUCCEEDED}
    assert [job.attempts for job in done] == [1] * 6
    assert all(job.result_file for job in done)


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def _big_list(copies: int) -> bytes:
    """The real EURA 2014 list repeated with new project codes: 2,881 rows a copy."""
    header, *rows = EURA_2014_LIST.read_text(encoding="utf-8").splitlines()
    lines = [header]
    for copy in range(copies):
        lines += [f"{row[:6]}{copy:02d}{row[6:]}" for row in rows if row[:1].isalpha()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_worker_killed_mid_import_leaves_nothing_and_the_job_completes_when_run_again(
    queue, kuopio, kuopio_user
):
    data = _big_list(6)
    with workers(queue, 2) as processes:
        job = job_submit(
            kind="eura_import",
            title="Suuri lista",
            by=kuopio_user,
            params={"agreement": kuopio.pk},
            upload=SimpleUploadedFile("suuri.csv", data),
        )

        def writing() -> bool:
            progress = progress_read(job.pk)
            return progress is not None and progress.phase == "write" and progress.done > 0

        _wait(writing, "the import to start writing", every=0.01)
        pid = int(Job.objects.get(pk=job.pk).worker.rsplit(":", 1)[1])
        # The worker process and, under RQ, the process it forked for the job (which leads a
        # session of its own): both die at once, as when a machine is lost.
        killed = next(p for p in processes if p.pid in (pid, _parent(pid)))
        os.killpg(os.getpgid(pid), signal.SIGKILL)
        if killed.pid != pid:
            os.killpg(killed.pid, signal.SIGKILL)
        killed.wait()

        assert not Project.objects.exists()
        assert not ProjectImport.objects.exists()
        job.refresh_from_db()
        assert job.status == Job.Status.RUNNING
        _wait(lambda: job_interrupted(job), "the job to be seen as interrupted", seconds=30)

        job_retry(job=job, by=kuopio_user)
        _wait(lambda: _finished(job), "the import to finish when run again", seconds=300)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.attempts == 2
    assert ProjectImport.objects.count() == 1
    assert Project.objects.filter(agreement=kuopio).count() == data.count(b"\n") - 1
