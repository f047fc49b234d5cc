"""Serving as in production: gunicorn with a worker beside it, static files through WhiteNoise,
one JSON log line per request, and /health/."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings

from ekosopimus.health import worker_beat


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_health_names_the_database_the_cache_and_the_queue(client, db):
    answer = client.get("/health/")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok"
    assert {body[part]["status"] for part in ("database", "cache", "queue")} == {"ok"}
    assert answer["Cache-Control"].startswith("max-age=0")


def test_health_is_503_when_the_cache_is_down(client, db):
    broken = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": "redis://127.0.0.1:1/0"}}  # fmt: skip
    with override_settings(CACHES=broken):
        answer = client.get("/health/")
    assert answer.status_code == 503
    assert answer.json()["cache"]["status"] == "down"
    assert answer.json()["database"]["status"] == "ok"


def test_health_answers_a_probe_by_address_over_plain_http(client, db, settings):
    settings.ALLOWED_HOSTS = ["ekosopimus.example.fi"]
    settings.SECURE_SSL_REDIRECT = True
    answer = client.get("/health/", headers={"host": "10.0.0.7:8000"})
    assert answer.status_code == 200
    assert client.get("/sopimukset/", headers={"host": "10.0.0.7:8000"}).status_code == 400


def test_a_database_queue_without_a_worker_is_down_until_one_starts(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert client.get("/health/").json()["queue"] == {
        "status": "down", "backend": "DatabaseBackend", "workers": 0, "reason": "no worker alive"
    }  # fmt: skip
    worker_beat("kone-1")
    answer = client.get("/health/")
    assert answer.status_code == 200
    assert answer.json()["queue"]["workers"] == 1


def test_static_files_are_served_compressed_with_hashed_names_for_a_year(
    client, db, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    url = static("ekosopimus/site.css")
    assert url != "/static/ekosopimus/site.css"  # a content hash in the name
    answer = client.get(url, headers={"accept-encoding": "gzip"})
    assert answer.status_code == 200
    assert answer["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in answer["Cache-Control"]
    assert "immutable" in answer["Cache-Control"]


def test_production_logs_one_json_line_per_request_with_its_id(tmp_path):
    code = (
        "import django; django.setup(); from django.test import Client; "
        "Client().get('/tili/kirjaudu/', "
        "headers={'X-Request-ID': '0123456789abcdef0123456789abcdef'})"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ekosopimus.settings.test",
        "LOG_FORMAT": "json",
        "EKOSOPIMUS_DATA_DIR": str(tmp_path),
    }
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    request = next(line for line in lines if line["name"] == "ekosopimus.requests")
    assert request["path"] == "/tili/kirjaudu/"
    assert request["status"] == 200
    assert request["request_id"] == "0123456789abcdef0123456789abcdef"
    assert request["level"] == "INFO"


def test_serve_runs_gunicorn_with_a_worker_and_stops_them_together(tmp_path, test_database_url):
    port = _free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ekosopimus.settings.local",
        "EKOSOPIMUS_DATA_DIR": str(tmp_path),
        "EKOSOPIMUS_JOB_HEARTBEAT": "1",
        "DATABASE_URL": test_database_url,
        "REDIS_URL": "",
    }
    python = [sys.executable, "-m", "ekosopimus"]
    server = subprocess.Popen(
        [*python, "serve", "--port", str(port), "--web-workers", "2"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        health = None
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/health/", timeout=30
                ) as answer:
                    health = (answer.status, answer.headers["Server"], json.load(answer))
            except urllib.error.HTTPError as answer:  # 503 until the worker has started
                health = (answer.code, answer.headers["Server"], json.load(answer))
            except OSError:  # not listening yet
                pass
            if health is not None and health[0] == 200:
                break
            time.sleep(0.5)
        assert health is not None, "the server did not answer"
        status, server_name, body = health
        assert (status, server_name) == (200, "gunicorn")
        assert body["queue"] == {"status": "ok", "backend": "DatabaseBackend", "workers": 1}
    finally:
        server.terminate()
        server.wait(60)
    assert server.returncode == 0
    children = subprocess.run(
        ["pgrep", "-f", f"127.0.0.1:{port}"], capture_output=True, text=True
    ).stdout
    assert children.strip() == ""
