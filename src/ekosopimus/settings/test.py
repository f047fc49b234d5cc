"""Settings for the test suite. DATABASE_URL selects PostgreSQL in CI."""

from .base import *  # noqa: F403
from .base import DATA_DIR, database_from_env

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {"default": database_from_env(f"sqlite:///{DATA_DIR / 'test.sqlite3'}")}
# Persistent connections from the live-server thread would keep the test database open
# and stop PostgreSQL from dropping it at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EKOSOPIMUS_BOOTSTRAP_ADMIN = True
