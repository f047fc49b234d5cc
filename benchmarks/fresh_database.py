"""A fresh database for a benchmark: a new embedded SQLite file in a working folder of its own
(or the database DATABASE_URL names), migrated, with the bundled agreements loaded.

The development settings are used with DEBUG off, as a production server runs: with DEBUG on,
Django keeps and formats every query for the debug toolbar's kind of use, which no user waits
for in production."""

import os
import tempfile
from pathlib import Path


def fresh_database() -> Path:
    """Set Django up on a new database and return the working folder."""
    workdir = Path(tempfile.mkdtemp(prefix="ekosopimus-benchmark-"))
    os.environ["EKOSOPIMUS_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekosopimus.settings.development")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from ekosopimus.agreements.services import agreements_load_bundled

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    agreements_load_bundled()
    return workdir
