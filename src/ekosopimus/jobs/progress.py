"""Progress of running work, passed from the worker to the pages through the cache.

The cache is shared by every web and worker process (Redis, or files on one machine), so a
page can show how far an import has come while the import's own transaction is still open.
A worker also marks each job it runs as alive every few seconds; a running job that nobody
marks any more was interrupted (its worker killed or its machine gone) and may be run again.
"""

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

# A page that reloads sees progress at most this old; writing more often only costs.
THROTTLE = 0.5
KEPT = 24 * 60 * 60


@dataclass(frozen=True)
class Progress:
    phase: str
    done: int
    total: int

    @property
    def percent(self) -> int | None:
        if self.total <= 0:
            return None
        return min(100, round(100 * self.done / self.total))


def _progress_key(job_id) -> str:
    return f"jobs:{job_id}:progress"


def _beat() -> float:
    """Seconds between heartbeats; a job that missed three is interrupted."""
    return settings.JOB_HEARTBEAT_SECONDS


def _alive_key(job_id) -> str:
    return f"jobs:{job_id}:alive"


def progress_read(job_id) -> Progress | None:
    """The latest progress the job's worker reported, if any."""
    value = cache.get(_progress_key(job_id))
    return Progress(*value) if value else None


def is_alive(job_id) -> bool:
    """Whether a worker has marked the job as running within the last three heartbeats."""
    return cache.get(_alive_key(job_id)) is not None


class Reporter:
    """Called by the work as ``reporter(phase, done, total)``; writes at most twice a second,
    and always the last figure of a phase."""

    def __init__(self, job_id):
        self.job_id = job_id
        self._written_at = 0.0
        self._phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase == self._phase and done < total and now - self._written_at < THROTTLE:
            return
        self._phase, self._written_at = phase, now
        cache.set(_progress_key(self.job_id), (phase, done, total), KEPT)

    def beat(self) -> None:
        cache.set(_alive_key(self.job_id), True, 3 * _beat())

    def clear(self) -> None:
        cache.delete_many([_progress_key(self.job_id), _alive_key(self.job_id)])


class Heartbeat:
    """Marks a job alive every heartbeat from a thread of its own, while the work
    runs without reporting (a PDF being laid out) or inside a long transaction."""

    def __init__(self, reporter: Reporter):
        self.reporter = reporter
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="job-heartbeat", daemon=True)

    def __enter__(self):
        self.reporter.beat()
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(_beat()):
            try:
                self.reporter.beat()
            except Exception:  # noqa: BLE001 - a missed beat must never stop the work
                continue
