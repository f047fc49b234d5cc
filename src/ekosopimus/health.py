"""``/health/``: whether this process reaches the database, the cache and the task queue.

For a load balancer or an orchestrator: 200 with every part "ok", 503 when one is down, and
each part's answer as JSON. It reads nothing of the data and needs no signing in. It is
answered by the first middleware (``HealthMiddleware``), before the host name is checked and
plain HTTP is redirected to HTTPS: a probe asks a container by its address, over HTTP.
"""

import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django_tasks import task_backends

# Task workers mark themselves alive in the cache every JOB_HEARTBEAT_SECONDS (see
# ``worker_beat``); one not seen for three beats has stopped.
WORKERS_KEY = "health:workers"


def worker_beat(worker_id: str) -> None:
    """Record that the worker ``worker_id`` is alive, and forget workers long gone."""
    now = time.time()
    workers = cache.get(WORKERS_KEY) or {}
    workers = {key: seen for key, seen in workers.items() if now - seen < 30 * _stale()}
    workers[worker_id] = now
    cache.set(WORKERS_KEY, workers, None)


def _stale() -> float:
    return 3 * settings.JOB_HEARTBEAT_SECONDS


def workers_alive() -> list[str]:
    """The task workers seen within the last three heartbeats."""
    now = time.time()
    seen = cache.get(WORKERS_KEY) or {}
    return sorted(key for key, moment in seen.items() if now - moment < _stale())


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "vendor": connection.vendor}


def _cache() -> dict:
    key = "health:probe"
    cache.set(key, "ok", 30)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not keep a value")
    return {"status": "ok", "backend": type(caches["default"]).__name__}


def _queue() -> dict:
    name = type(task_backends["default"]).__name__
    if name == "RQBackend":
        import django_rq

        django_rq.get_connection("default").ping()
    elif name == "DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    if name == "ImmediateBackend":  # tasks run where they are enqueued: no worker needed
        return {"status": "ok", "backend": name, "workers": 0}
    workers = workers_alive()
    if not workers:
        return {"status": "down", "backend": name, "workers": 0, "reason": "no worker alive"}
    return {"status": "ok", "backend": name, "workers": len(workers)}


CHECKS = {"database": _database, "cache": _cache, "queue": _queue}


def health_report() -> dict:
    """Each part's state; a part whose check raised is "down" with the reason."""
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure means the part is down
            report[name] = {"status": "down", "reason": f"{type(error).__name__}: {error}"}
    return report


@never_cache
def health(request):
    report = health_report()
    healthy = all(part["status"] == "ok" for part in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", **report}, status=200 if healthy else 503
    )


class HealthMiddleware:
    """Answer ``/health/`` before any other middleware, and log nothing for it: an
    orchestrator asks every few seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/health/" and request.method in ("GET", "HEAD"):
            return health(request)
        return self.get_response(request)
