"""Load benchmark: the production server on PostgreSQL under signed-in users.

Prepares a fresh PostgreSQL database (``BENCH_POSTGRES_URL``'s server, database
``ekosopimus_load``) with the situation benchmark's data: 16 agreements × PROJECTS projects
(1,000 by default) with their money and 12 half-year reports each. Then it starts the server
as production runs it (gunicorn, 4 workers, DEBUG off, Redis cache and task queue, one task
worker) on 127.0.0.1 and sends it USERS (50) signed-in users for DURATION (60) seconds: the
coordinators and steering group members of Kuopio and Helsinki–Espoo–Vantaa, and two of the
ministry's national viewers. Each user opens a page, reads it for 1–3 seconds and opens the
next, in this mix: the agreement page, the portfolio, a project page, the situation picture,
the API's project and agreement lists, and for the national viewers the national picture.
Once a minute one user downloads a steering group summary PDF, which a worker renders.

With ``DATA=real`` the data is instead the register at real size (``real_size.py``: about
123,000 projects in Kuopio's and Helsinki–Espoo–Vantaa's portfolios), which takes some
minutes more to prepare.

The same run is then made against Django's development server (``SERVER=both``, the
default; ``gunicorn`` or ``dev`` for one). Everything runs on this machine; nothing else is
asked. Prints requests per second, the 50th, 95th and 99th percentile and errors, per page
and in all.
"""

import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psycopg
import requests

BENCH_DB = "ekosopimus_load"
REDIS = "redis://127.0.0.1:6379/9"
PORT = int(os.environ.get("PORT", "8790"))
THINK = (1.0, 3.0)
HERE = Path(__file__).resolve().parent


def _server_url(url: str, database: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + database


def prepare(postgres: str, projects: int) -> dict:
    """A fresh database with generated data, and a signed-in session for each user."""
    with psycopg.connect(_server_url(postgres, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    os.environ["DATABASE_URL"] = _server_url(postgres, BENCH_DB)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ekosopimus.settings.local"
    os.environ["REDIS_URL"] = ""
    sys.path.insert(0, str(HERE))
    from fresh_database import fresh_database
    from situation import generate

    workdir = fresh_database()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from ekosopimus.accounts.services import membership_grant
    from ekosopimus.agreements.models import Agreement
    from ekosopimus.monitoring.services import indicator_catalogue_load
    from ekosopimus.portfolio.models import Project

    call_command("collectstatic", interactive=False, verbosity=0)
    indicator_catalogue_load()
    started = time.perf_counter()
    if os.environ.get("DATA") == "real":
        from real_size import fill

        fill()
        described = f"the register at real size, {Project.objects.count():,} projects"
    else:
        generate(projects)
        described = f"{Agreement.objects.count()} agreements × {projects:,} projects"
    with connection.cursor() as cursor:
        # As autovacuum leaves a database shortly after a large import: statistics read, and
        # the pages marked all-visible, so that counts can be read from an index alone.
        cursor.execute("VACUUM ANALYZE")
    print(f"data: {described}, made in {time.perf_counter() - started:.0f} s")
    slugs = ["kuopio", "helsinki-espoo-vantaa"]
    visible = {
        slug: list(Project.objects.filter(agreement__slug=slug).values_list("pk", flat=True)[:2000])
        for slug in slugs
    }
    users = []
    count = int(os.environ.get("USERS", "50"))
    for n in range(count):
        user = get_user_model().objects.create_user(f"kuormitus-{n}")
        if n < 2:
            membership_grant(user=user, role="national_viewer", by=None)
            slug = slugs[n % 2]
        else:
            slug = slugs[n % 2]
            role = "coordinator" if n % 4 < 2 else "steering_member"
            agreement = Agreement.objects.get(slug=slug)
            membership_grant(user=user, role=role, agreement=agreement, by=None)
        client = Client()
        client.force_login(user)
        users.append(
            {"session": client.cookies["sessionid"].value, "slug": slug, "national": n < 2}
        )
    return {"workdir": workdir, "users": users, "projects": visible}


def start(kind: str, workdir: Path) -> list[subprocess.Popen]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ekosopimus.settings.local",
        "EKOSOPIMUS_DATA_DIR": str(workdir),
        "REDIS_URL": REDIS,
        "LOG_LEVEL": "WARNING",
    }
    python = [sys.executable, "-m"]
    if kind == "gunicorn":
        web = [*python, "gunicorn", "-c", "python:ekosopimus.gunicorn_conf"]
        web += ["--bind", f"127.0.0.1:{PORT}", "--workers", "4", "ekosopimus.wsgi:application"]
    else:
        web = [*python, "ekosopimus", "runserver", "--noreload", f"127.0.0.1:{PORT}"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [subprocess.Popen(web, env=environment, **quiet)]
    processes.append(subprocess.Popen([*python, "ekosopimus", "worker"], env=environment, **quiet))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{PORT}/health/", timeout=5).status_code == 200:
                return processes
        except requests.RequestException:
            pass
        time.sleep(0.5)
    stop(processes)
    raise SystemExit("The server did not become healthy in 120 s.")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def pages_for(user: dict, projects: dict, rng: random.Random) -> tuple[str, str]:
    """The next page a user opens: (label, path)."""
    slug = user["slug"]
    choices = [
        ("agreement page", f"/sopimukset/{slug}/", 20),
        ("portfolio", f"/hankkeet/{slug}/", 15),
        ("project page", f"/hankkeet/hanke/{rng.choice(projects[slug])}/", 25),
        ("situation picture", f"/tilannekuva/{slug}/", 15),
        ("API: projects", f"/api/v1/hankkeet/?sopimus={slug}", 15),
        ("API: agreements", "/api/v1/sopimukset/", 10),
    ]
    if user["national"]:
        choices.append(("national picture", "/tilannekuva/", 60))
    label, path, _weight = rng.choices(choices, weights=[c[2] for c in choices])[0]
    return label, path


def run(prepared: dict, seconds: float) -> dict:
    base = f"http://127.0.0.1:{PORT}"
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    pdfs: list[float] = []
    lock = threading.Lock()
    finish = time.monotonic() + seconds

    def user_loop(index: int, user: dict) -> None:
        rng = random.Random(index)
        session = requests.Session()
        session.cookies.set("sessionid", user["session"])
        time.sleep(rng.uniform(0, THINK[1]))  # users do not all arrive in the same second
        while time.monotonic() < finish:
            label, path = pages_for(user, prepared["projects"], rng)
            started = time.perf_counter()
            try:
                answer = session.get(base + path, timeout=30, allow_redirects=False)
                failed = answer.status_code >= 400 and f"{answer.status_code} {path}"
            except requests.RequestException as error:
                failed = f"{type(error).__name__} {path}"
            elapsed = time.perf_counter() - started
            with lock:
                times[label].append(elapsed)
                if failed:
                    errors.append(failed)
            time.sleep(rng.uniform(*THINK))

    def summary_loop(user: dict) -> None:
        session = requests.Session()
        session.cookies.set("sessionid", user["session"])
        while time.monotonic() < finish:
            started = time.perf_counter()
            path = f"/koosteet/{user['slug']}/kooste.pdf"
            try:
                answer = session.get(base + path, timeout=30, allow_redirects=False)
                with lock:
                    times["summary PDF (asking)"].append(time.perf_counter() - started)
                job = answer.headers["Location"]
                while True:
                    state = session.get(base + job + "tila/", timeout=30).json()
                    if state["finished"]:
                        break
                    time.sleep(0.5)
                with lock:
                    if state["status"] == "succeeded":
                        pdfs.append(time.perf_counter() - started)
                    else:
                        errors.append(f"summary {state['status']}")
            except (requests.RequestException, KeyError, ValueError) as error:
                with lock:
                    errors.append(f"summary {type(error).__name__}")
            # Once a minute, but never past the run's end (the rate is per second of the run).
            next_one = 60 - (time.perf_counter() - started)
            time.sleep(max(0.0, min(next_one, finish - time.monotonic())))

    threads = [
        threading.Thread(target=user_loop, args=(n, user), daemon=True)
        for n, user in enumerate(prepared["users"])
    ]
    coordinator = next(user for user in prepared["users"] if not user["national"])
    threads.append(threading.Thread(target=summary_loop, args=(coordinator,), daemon=True))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 120)
    return {"times": times, "errors": errors, "pdfs": pdfs, "seconds": time.monotonic() - started}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000


def show(kind: str, result: dict) -> None:
    everything = [value for values in result["times"].values() for value in values]
    rate = len(everything) / result["seconds"]
    print(f"\n{kind}: {len(everything):,} requests in {result['seconds']:.0f} s = "
          f"{rate:.1f} requests/s, {len(result['errors'])} errors")  # fmt: skip
    print(f"{'page':26} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for label, values in sorted(result["times"].items()) + [("all", everything)]:
        print(
            f"{label:26} {len(values):8} {_percentile(values, 0.5):8.0f} "
            f"{_percentile(values, 0.95):8.0f} {_percentile(values, 0.99):8.0f} "
            f"{max(values) * 1000:8.0f}"
        )
    if result["pdfs"]:
        print(f"summary PDF ready (asked → file made by a worker): "
              f"{', '.join(f'{value:.1f} s' for value in result['pdfs'])}")  # fmt: skip
    for error in sorted(set(result["errors"]))[:10]:
        print(f"  error: {error} × {result['errors'].count(error)}")


def main() -> None:
    postgres = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
    seconds = float(os.environ.get("DURATION", "60"))
    projects = int(os.environ.get("PROJECTS", "1000"))
    kinds = {"both": ["gunicorn", "dev"]}.get(os.environ.get("SERVER", "both"))
    kinds = kinds or [os.environ["SERVER"]]
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    prepared = prepare(postgres, projects)
    print(f"{len(prepared['users'])} users, {seconds:.0f} s a run, on 127.0.0.1:{PORT}")
    for kind in kinds:
        processes = start(kind, prepared["workdir"])
        try:
            run(prepared, 15)  # warm-up: every process reads its templates and caches once
            show(kind, run(prepared, seconds))
        finally:
            stop(processes)
            redis.Redis.from_url(REDIS).flushdb()
    print(f"\n(median of think time {statistics.mean(THINK):.0f} s between a user's pages)")


if __name__ == "__main__":
    main()
