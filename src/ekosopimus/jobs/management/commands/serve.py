import os
import signal
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ekosopimus.analysis.similarity.corpus import similarity_index_ensure


class Command(BaseCommand):
    help = (
        "Serves the application with gunicorn and runs task workers beside it, on one "
        "machine; stops all of them together. --dev uses Django's development server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--web-workers", type=int, default=4)
        parser.add_argument("--task-workers", type=int, default=1)
        parser.add_argument("--dev", action="store_true", help="Django's development server")

    def handle(self, *args, port, host, web_workers, task_workers, dev, **options):
        python = [sys.executable, "-m", "ekosopimus"]
        if not dev:
            # Pages name their static files by content hash: the manifest must be current.
            call_command("collectstatic", interactive=False, verbosity=0)
        if dev:
            web = [*python, "runserver", f"{host}:{port}"]
        else:
            web = [sys.executable, "-m", "gunicorn", "-c", "python:ekosopimus.gunicorn_conf"]
            web += ["--bind", f"{host}:{port}", "--workers", str(web_workers)]
            web += ["ekosopimus.wsgi:application"]
        commands = [web] + [[*python, "worker"] for _ in range(task_workers)]
        children = [subprocess.Popen(command, env=os.environ.copy()) for command in commands]
        similarity_index_ensure()
        self.stdout.write(f"Serving on http://{host}:{port}/ with {task_workers} task worker(s)")

        def stop(*_args):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # When one stops, all stop: a server without its worker would queue work for nobody.
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        stop()
        deadline = time.monotonic() + 30
        for child in children:
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        failed = [child.returncode for child in children if child.returncode not in (0, -15)]
        if failed:
            raise CommandError(f"A process stopped with exit status {failed[0]}.")
