"""A coordinator saving a project every half second while a 100,000-row import runs.

On a fresh embedded SQLite database (or the PostgreSQL database DATABASE_URL names): the
import runs as the ``import_projects`` command in a process of its own, as a worker would run
it, while another process saves one project through the API (read, then write with If-Match)
every half second until the import ends. Prints the import's time, and how long each save took
and what it was answered: the slowest save is how long the import kept the coordinator waiting.

Run with ``make benchmark-concurrency``; ``ROWS=20000`` imports a smaller file.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fresh_database import fresh_database

HELPER = "ekosopimus.portfolio.tests.processes"


def main(rows: int) -> None:
    workdir = fresh_database()
    import eura2021
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from ekosopimus.accounts.services import membership_grant
    from ekosopimus.agreements.models import Agreement
    from ekosopimus.portfolio.services import project_create

    kuopio = Agreement.objects.get(slug="kuopio")
    coordinator = get_user_model().objects.create_user(username="koordinaattori")
    membership_grant(user=coordinator, role="coordinator", agreement=kuopio, by=None)
    project = project_create(agreement=kuopio, name="Muokattava hanke", by=coordinator)
    path = eura2021.write(Path(tempfile.mkdtemp()) / "eura2021.xlsx", rows)
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{database['NAME']}",
        "DJANGO_SETTINGS_MODULE": "ekosopimus.settings.development",
    }
    print(f"{database['ENGINE'].rsplit('.', 1)[-1]}: importing {rows:,} rows", file=sys.stderr)

    stop = workdir / "stop"
    editor = subprocess.Popen(
        [sys.executable, "-m", HELPER, "edit", str(project.pk), "koordinaattori", stop, "0.5"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "ekosopimus.settings.test"},
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(5)  # the editor's first saves, before the import begins
    started = time.perf_counter()
    imported = subprocess.run(
        [sys.executable, "-m", "ekosopimus", "import_projects", str(path), "--agreement", "kuopio"],
        env=environment,
        capture_output=True,
        text=True,
    )
    import_seconds = time.perf_counter() - started
    time.sleep(3)  # and a few after it
    stop.touch()
    edits = json.loads(editor.communicate()[0].strip().splitlines()[-1])
    seconds = sorted(edits["seconds"])
    print(f"import: exit status {imported.returncode}, {import_seconds:.1f} s")
    if imported.returncode:
        print(imported.stderr[-2000:])
    print(f"saves: {len(seconds)}, answered {edits['statuses']}")
    print(
        f"save time: median {statistics.median(seconds) * 1000:.0f} ms, "
        f"95th percentile {seconds[int(len(seconds) * 0.95)] * 1000:.0f} ms, "
        f"slowest {seconds[-1]:.1f} s"
    )


if __name__ == "__main__":
    main(int(os.environ.get("ROWS", "100000")))
