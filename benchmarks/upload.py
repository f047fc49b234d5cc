"""A large EURA list uploaded through the web page, as a coordinator does it.

On a fresh embedded SQLite database (as ``make run`` has it), gunicorn with 4 workers and
one task worker: a generated EURA 2021 export of ROWS rows (100,000 by default) is posted to
the import page. Prints how long the page took to answer, the progress the job's page showed
while a worker imported the file, and then what happens when the worker is killed
(SIGKILL) while it writes: the database as before, the job shown as interrupted, and the same
job, run again on a new worker, completing the import.

Run with ``make benchmark-upload`` (``ROWS=20000`` for a smaller file).
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
PORT = int(os.environ.get("PORT", "8791"))
BASE = f"http://127.0.0.1:{PORT}"


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _count(sql: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    os.environ["DJANGO_SETTINGS_MODULE"] = "ekosopimus.settings.local"
    os.environ["EKOSOPIMUS_JOB_HEARTBEAT"] = "2"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(HERE))
    from fresh_database import fresh_database

    workdir = fresh_database()
    import eura2021
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    path = eura2021.write(workdir / f"eura2021-{rows}.xlsx", rows)
    print(f"{rows:,}-row EURA 2021 export ({path.stat().st_size / 1e6:.1f} MB) "
          f"generated in {time.perf_counter() - started:.0f} s")  # fmt: skip
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("tuoja", "", "x"))
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)

    environment = {**os.environ, "EKOSOPIMUS_DATA_DIR": str(workdir), "LOG_LEVEL": "WARNING"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": environment}
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:ekosopimus.gunicorn_conf",
         "--bind", f"127.0.0.1:{PORT}", "--workers", "4", "ekosopimus.wsgi:application"],
        **quiet,
    )  # fmt: skip
    worker_command = [sys.executable, "-m", "ekosopimus", "worker"]
    worker = subprocess.Popen(worker_command, **quiet, start_new_session=True)
    try:
        for _attempt in range(240):
            try:
                if session.get(f"{BASE}/health/", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        form = session.get(f"{BASE}/hankkeet/kuopio/tuonti/").text
        started = time.perf_counter()
        with path.open("rb") as upload:
            answer = session.post(
                f"{BASE}/hankkeet/kuopio/tuonti/",
                data={"csrfmiddlewaretoken": _token(form)},
                files={"file": (path.name, upload)},
                headers={"Referer": f"{BASE}/hankkeet/kuopio/tuonti/"},
                allow_redirects=False,
            )
        job = answer.headers["Location"]
        print(f"the import page answered in {time.perf_counter() - started:.2f} s "
              f"({answer.status_code} to the job's page {job})")  # fmt: skip

        def state() -> dict:
            return session.get(f"{BASE}{job}tila/", timeout=30).json()

        shown = None
        while True:
            now = state()
            line = (now["status"], now["phase"], now["percent"])
            if line != shown:
                done, total = now["done"] or "", now["total"] or ""
                print(f"  {time.perf_counter() - started:6.1f} s  {now['status']:9} "
                      f"{now['phase'] or '':22} {done:>7} / {total}")  # fmt: skip
                shown = line
            if now["phase"] == "Tallennetaan" and (now["done"] or 0) > 0:
                break
            time.sleep(0.2)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        killed_at = time.perf_counter() - started
        print(f"worker killed with SIGKILL at {killed_at:.1f} s, while saving; in the database: "
              f"{_count('SELECT COUNT(*) FROM portfolio_project')} projects, "
              f"{_count('SELECT COUNT(*) FROM portfolio_projectimport')} imports")  # fmt: skip
        while state()["status"] != "interrupted":
            time.sleep(0.5)
        print(f"the job's page says it was interrupted at {time.perf_counter() - started:.1f} s")
        worker = subprocess.Popen(worker_command, **quiet, start_new_session=True)
        page = session.get(f"{BASE}{job}").text
        session.post(
            f"{BASE}{job}uudelleen/",
            data={"csrfmiddlewaretoken": _token(page)},
            headers={"Referer": f"{BASE}{job}"},
        )
        again = time.perf_counter()
        while not (now := state())["finished"]:
            time.sleep(0.5)
        print(f"run again on a new worker: {now['status']} in "
              f"{time.perf_counter() - again:.1f} s; in the database: "
              f"{_count('SELECT COUNT(*) FROM portfolio_project'):,} projects, "
              f"{_count('SELECT COUNT(*) FROM portfolio_projectimport')} import")  # fmt: skip
    finally:
        for process in (web, worker):
            process.terminate()
            process.wait(60)


if __name__ == "__main__":
    main()
