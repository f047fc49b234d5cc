import contextlib
import os
import socket
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks import task_backends

from ekosopimus.health import worker_beat


class Command(BaseCommand):
    help = (
        "Runs a task worker for the configured queue: the database queue of a single machine, "
        "or RQ on Redis. Start as many as the work needs, on any number of machines."
    )

    def handle(self, *args, **options):
        worker_id = f"{socket.gethostname()}-{os.getpid()}-{get_random_string(4)}"
        stop = threading.Event()
        threading.Thread(target=self._beat, args=(worker_id, stop), daemon=True).start()
        backend = type(task_backends["default"]).__name__
        try:
            if backend == "RQBackend":
                # The scheduler runs deferred tasks, such as an e-mail to be tried again.
                call_command(
                    "rqworker",
                    "default",
                    with_scheduler=True,
                    name=worker_id,
                    job_class="django_tasks_rq.backend.Job",
                )
            else:
                call_command("db_worker", queue_name="default", worker_id=worker_id[:64])
        finally:
            stop.set()

    @staticmethod
    def _beat(worker_id: str, stop: threading.Event) -> None:
        while True:
            # A missed beat must never stop the worker.
            with contextlib.suppress(Exception):
                worker_beat(worker_id)
            if stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                return
