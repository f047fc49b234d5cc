"""Settings for a developer's machine: `make dev` serves with Django's development server."""

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# A fixed key is acceptable only here: this environment never holds real accounts.
SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105
# The one-time administrator is offered only where this is True.
EKOSOPIMUS_BOOTSTRAP_ADMIN = True
# Static files straight from the apps' folders, without collecting them first.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A change of the code does not move the data's stamp: figures are computed on every load here.
FIGURES_CACHE_SECONDS = 0
