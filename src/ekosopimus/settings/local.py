"""Settings of a single machine: `make run` serves the embedded SQLite database through
gunicorn with a task worker beside it, as production does, but with no setup at all."""

import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The one-time administrator is offered only where this is True.
EKOSOPIMUS_BOOTSTRAP_ADMIN = True


def _secret_key() -> str:
    """A key made on this machine at the first start and kept in the data folder: the
    installation holds real accounts, so a key written in the code would not do."""
    path = DATA_DIR / "secret-key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
