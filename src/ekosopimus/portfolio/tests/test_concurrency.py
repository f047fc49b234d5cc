"""Writers in processes of their own, on the test database (SQLite or PostgreSQL), as web and
worker processes write in production: no server error, no lost update, an import that neither
fails nor makes the coordinators' saves fail, and a backup taken during it that restores."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from ekosopimus.portfolio.services import project_update

HELPER = "ekosopimus.portfolio.tests.processes"


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A function that makes the data set up so far visible to other processes and returns
    their environment: PostgreSQL's test database itself; for SQLite, whose test database lives
    in this process's memory, a file copy of it."""

    def share() -> dict[str, str]:
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            path = tmp_path / "jaettu.sqlite3"
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(path)])
            url = f"sqlite:///{path}"
        else:
            auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
            url = (
                f"postgres://{auth}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
                f"/{settings['NAME']}"
            )
        return {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "ekosopimus.settings.test",
        }

    return share


def _start(environment, *arguments) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", HELPER, *map(str, arguments)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _result(process: subprocess.Popen, timeout: int = 300) -> dict:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def _run(environment, *arguments) -> dict:
    return _result(_start(environment, *arguments))


def test_simultaneous_api_writers_lose_no_update_and_meet_no_server_error(
    shared_database, kuopio_project, kuopio_user
):
    """Four processes each add one to a number in the project's summary fifteen times, as API
    clients do (read, then write with If-Match; read again when refused as stale)."""
    project_update(project=kuopio_project, summary="0", by=kuopio_user)
    environment = shared_database()
    writers = [
        _start(environment, "increment", kuopio_project.pk, kuopio_user.username, 15)
        for _writer in range(4)
    ]
    results = [_result(writer) for writer in writers]

    statuses = {}
    for result in results:
        assert result["done"] == 15
        for status, count in result["statuses"].items():
            statuses[int(status)] = statuses.get(int(status), 0) + count
    assert set(statuses) <= {200, 412}, statuses  # no 5xx, and no lock error of any kind
    final = _run(environment, "state", kuopio_project.pk)
    # Every write that was answered 200 is in the number: none overwrote another.
    assert final["summary"] == "60"


def test_an_import_and_a_coordinator_saving_meanwhile_both_succeed(
    shared_database, kuopio_project, kuopio_user, tmp_path
):
    environment = shared_database()
    stop = tmp_path / "stop"
    editor = _start(environment, "edit", kuopio_project.pk, kuopio_user.username, stop)
    importer = _start(environment, "import", "kuopio", 6000, kuopio_user.username)
    imported = _result(importer)
    stop.touch()
    edits = _result(editor)

    assert imported["created"] == 6000
    assert set(edits["statuses"]) == {"200"}, edits["statuses"]
    final = _run(environment, "state", kuopio_project.pk)
    assert final["summary"] == f"Tallennus {edits['last']}"
    assert final["projects"] == 6001


def test_a_backup_taken_during_an_import_restores(shared_database, kuopio_project, tmp_path):
    environment = shared_database()
    before = _run(environment, "state", kuopio_project.pk)
    importer = _start(environment, "import", "kuopio", 6000)
    # Wait until the import writes, then back up while it does.
    for line in importer.stderr:
        if line.strip() == "writing":
            break
    backup = tmp_path / "kesken.jsonl.gz"
    _run(environment, "backup", backup)
    out, err = importer.communicate(timeout=300)
    assert importer.returncode == 0, err
    after = _run(environment, "state", kuopio_project.pk)
    assert after["projects"] == before["projects"] + 6000

    restored = _run(environment, "restore", backup)
    assert restored["rows"] > 0
    state = _run(environment, "state", kuopio_project.pk)
    # The snapshot holds the import whole or not at all, never a part of it.
    assert (state["projects"], state["budget_lines"], state["organisations"]) in {
        (before["projects"], before["budget_lines"], before["organisations"]),
        (after["projects"], after["budget_lines"], after["organisations"]),
    }


@pytest.fixture(autouse=True)
def _helpers_end_with_the_test(monkeypatch):
    """A helper process left running by a failed test would keep the database open: each is
    ended when its test ends."""
    started: list[subprocess.Popen] = []
    popen = subprocess.Popen

    def tracked(*args, **kwargs):
        process = popen(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(subprocess, "Popen", tracked)
    yield
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()
