"""Settings for a developer's machine: `make run` uses these."""

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# A fixed key is acceptable only here: this environment never holds real accounts.
SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105
# The one-time administrator is offered only where this is True.
EKOSOPIMUS_BOOTSTRAP_ADMIN = True
