"""Work done in processes of their own, for the tests and the benchmark of concurrent writes.

Each command sets Django up on the database ``DATABASE_URL`` names (as a web or worker process
of its own would), does its work through the real request handling or the real services, and
prints what happened as one line of JSON:

    python -m ekosopimus.portfolio.tests.processes increment PROJECT USERNAME ROUNDS
    python -m ekosopimus.portfolio.tests.processes edit PROJECT USERNAME STOP_FILE [PAUSE]
    python -m ekosopimus.portfolio.tests.processes import AGREEMENT ROWS [USERNAME]
    python -m ekosopimus.portfolio.tests.processes backup FILE
    python -m ekosopimus.portfolio.tests.processes restore FILE
    python -m ekosopimus.portfolio.tests.processes state PROJECT
"""

import io
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekosopimus.settings.test")
    import django

    django.setup()


def _api(username: str):
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    user = get_user_model().objects.get(username=username)
    token, _created = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def increment(project: str, username: str, rounds: str) -> dict:
    """Add one to the number the project's summary holds, ``rounds`` times, as an API client
    does it: read, change, write with If-Match; read again and retry when refused as stale."""
    api = _api(username)
    url = f"/api/v1/hankkeet/{project}/"
    statuses: Counter[int] = Counter()
    done = 0
    while done < int(rounds):
        read = api.get(url)
        statuses[read.status_code] += 1
        if read.status_code != 200:
            continue
        value = int(read.json()["summary"] or 0)
        written = api.patch(
            url, {"summary": str(value + 1)}, format="json", HTTP_IF_MATCH=read["ETag"]
        )
        statuses[written.status_code] += 1
        if written.status_code == 200:
            done += 1
    return {"statuses": dict(statuses), "done": done}


def edit(project: str, username: str, stop_file: str, pause: str = "0.1") -> dict:
    """Save the project's summary again and again, as a coordinator at work would, until
    ``stop_file`` exists; the time each save took and its answer."""
    api = _api(username)
    url = f"/api/v1/hankkeet/{project}/"
    statuses: Counter[int] = Counter()
    seconds = []
    number = 0
    while not Path(stop_file).exists():
        number += 1
        started = time.perf_counter()
        tag = api.get(url)["ETag"]
        written = api.patch(
            url, {"summary": f"Tallennus {number}"}, format="json", HTTP_IF_MATCH=tag
        )
        seconds.append(time.perf_counter() - started)
        statuses[written.status_code] += 1
        time.sleep(float(pause))
    return {"statuses": dict(statuses), "seconds": seconds, "last": number}


def eura2014_csv(rows: int) -> bytes:
    """A EURA 2014 list of ``rows`` projects of a few hundred implementers."""
    lines = [
        "Koodi,Rahasto,Hankkeen nimi,Tl,Viranomainen,Tila,Aloituspvm,Päättymispvm,"
        "Toteuttajan nimi,Myönnetty EU- ja valtion rahoitus,Toteutunut EU- ja valtion "
        "rahoitus,Suunniteltu julkinen rahoitus yhteensä,Toteutunut julkinen rahoitus yhteensä"
    ]
    for number in range(rows):
        lines.append(
            f"A9{number:05d},EAKR,Rinnakkainen hanke {number},1,Pohjois-Savon liitto,"
            f"Toiminnassa,1.1.2016,31.12.2018,Toteuttaja {number % 300} Oy,"
            f"{100000 + number},{50000 + number},{150000 + number},{60000 + number}"
        )
    return ("\n".join(lines) + "\n").encode()


def run_import(agreement: str, rows: str, username: str = "") -> dict:
    """Import a generated list of ``rows`` projects; says "writing" on stderr when the write
    phase begins, so that a test can act while it runs."""
    from django.contrib.auth import get_user_model

    from ekosopimus.agreements.models import Agreement
    from ekosopimus.portfolio.services import projects_import

    told = []

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "write" and not told:
            told.append(time.perf_counter())
            print("writing", file=sys.stderr, flush=True)

    by = get_user_model().objects.filter(username=username).first()
    started = time.perf_counter()
    record = projects_import(
        agreement=Agreement.objects.get(slug=agreement),
        stream=io.BytesIO(eura2014_csv(int(rows))),
        filename="rinnakkain.csv",
        by=by,
        progress=progress,
    )
    ended = time.perf_counter()
    return {
        "created": record.created,
        "seconds": ended - started,
        "writing_seconds": ended - told[0] if told else None,
    }


def backup(path: str) -> dict:
    from ekosopimus.lib.backup import backup_write

    with open(path, "wb") as stream:
        header = backup_write(stream)
    return {"created": header["created"]}


def restore(path: str) -> dict:
    """Empty the database and restore ``path`` into it."""
    from django.core.management import call_command

    from ekosopimus.lib.backup import backup_restore

    call_command("flush", interactive=False, verbosity=0)
    with open(path, "rb") as stream:
        header = backup_restore(stream)
    return {"rows": header["rows"]}


def state(project: str) -> dict:
    """What is stored: the project's summary and version, and how many projects, budget
    lines and organisations there are."""
    from ekosopimus.organizations.models import Organization
    from ekosopimus.portfolio.models import BudgetLine, Project

    stored = Project.objects.get(pk=project)
    return {
        "summary": stored.summary,
        "version": stored.version,
        "projects": Project.objects.count(),
        "budget_lines": BudgetLine.objects.count(),
        "organisations": Organization.objects.count(),
    }


COMMANDS = {
    "increment": increment,
    "edit": edit,
    "import": run_import,
    "backup": backup,
    "restore": restore,
    "state": state,
}


if __name__ == "__main__":
    _setup()
    print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:])))
