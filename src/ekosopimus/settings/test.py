"""Settings for the test suite. DATABASE_URL selects PostgreSQL in CI."""

import os

from .base import *  # noqa: F403
from .base import DATA_DIR, STORAGES, database_from_env

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {"default": database_from_env(f"sqlite:///{DATA_DIR / 'test.sqlite3'}")}
# Persistent connections from the live-server thread would keep the test database open
# and stop PostgreSQL from dropping it at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file rather than memory: the task queue's tests start workers in other processes,
    # which must open the same test database. One per test run, so that two runs in one
    # checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-run-{os.getpid()}.sqlite3")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EKOSOPIMUS_BOOTSTRAP_ADMIN = True
# Tasks run where they are enqueued; the queue's own tests start real workers, on Redis
# (a database number of its own, emptied by the tests) and on the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TEST_REDIS_URL = os.environ.get("EKOSOPIMUS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
RQ_QUEUES = {"default": {"URL": TEST_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests roll their writes back, so two tests can leave the same highest ids behind: figures
# are remembered only where a test asks for it.
FIGURES_CACHE_SECONDS = 0
FILES_ROOT = DATA_DIR / "test-files"
# Static files from the apps' folders, as the development server serves them.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
STORAGES = {
    **STORAGES,
    "default": {**STORAGES["default"], "OPTIONS": {"location": FILES_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
