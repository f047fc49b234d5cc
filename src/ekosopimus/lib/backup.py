"""A complete, versioned backup of the database, and its restore into an empty one.

The backup is one gzip-compressed JSON document: a header that names the format, when it was
made and the schema it was made with (the latest migration of every app), then every row of
every table in Django's serialisation, primary keys kept so that history records still point
at their objects. Content types and permissions are left out: migrating an empty database
creates them, and the rows refer to them by natural key.
"""

import gzip
import io
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings
from django.utils.translation import gettext as _

FORMAT = "ekosopimus-backup"
VERSION = 1
# Made by migrating (content types, permissions), not worth keeping (sessions, sign-in
# attempts), or the task queue's own rows, which a restored database must not run again
# (django_rq has no table of its own): whole apps by label, single models as "app.model".
LEFT_OUT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "django_rq",
    "django_tasks_database",
]


class BackupError(Exception):
    """A backup that cannot be restored here; the message says why."""


def _schema() -> dict[str, str]:
    """The latest applied migration of every app."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backup_write(stream) -> dict:
    """Write the whole database to the binary ``stream``; return the header."""
    rows = io.StringIO()
    call_command(
        "dumpdata",
        exclude=LEFT_OUT,
        natural_foreign=True,
        format="backup-json",
        indent=None,
        stdout=rows,
    )
    header = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "schema": _schema(),
    }
    document = {"header": header, "rows": json.loads(rows.getvalue())}
    with gzip.GzipFile(fileobj=stream, mode="wb", mtime=0) as archive:
        archive.write(json.dumps(document, ensure_ascii=False).encode())
    return header


def backup_read(stream) -> tuple[dict, list]:
    """The header and rows of a backup, or ``BackupError`` if it is not one."""
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as archive:
            document = json.loads(archive.read())
    except (OSError, EOFError, ValueError) as error:
        message = _("The file is not an Ekosopimus backup: %(error)s") % {"error": error}
        raise BackupError(message) from error
    header = document.get("header") if isinstance(document, dict) else None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(_("The file is not an Ekosopimus backup."))
    if header.get("version") != VERSION:
        raise BackupError(
            _("The backup is of format version %(found)s; this version reads %(known)s.")
            % {"found": header.get("version"), "known": VERSION}
        )
    return header, document.get("rows", [])


def _stored_rows() -> list[str]:
    """The models that hold any row, of those a backup restores."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in LEFT_OUT or meta.label_lower in LEFT_OUT:
            continue
        if meta.proxy or not meta.managed:
            continue
        if model._base_manager.exists():
            found.append(meta.label)
    return found


def backup_restore(stream) -> dict:
    """Restore a backup into this database, which must be migrated to the backup's schema and
    hold no data. All rows load in one transaction: on any error nothing is stored."""
    header, rows = backup_read(stream)
    schema = _schema()
    if header["schema"] != schema:
        differing = sorted(
            app
            for app in set(schema) | set(header["schema"])
            if schema.get(app) != header["schema"].get(app)
        )
        raise BackupError(
            _(
                "The backup was made with another database schema (apps: %(apps)s). Restore it "
                "with the version of Ekosopimus that made it."
            )
            % {"apps": ", ".join(differing)}
        )
    stored = _stored_rows()
    if stored:
        raise BackupError(
            _("The database is not empty (%(models)s); a backup is restored into an empty one.")
            % {"models": ", ".join(stored[:5])}
        )
    with tempfile.TemporaryDirectory() as folder:
        fixture = Path(folder) / "backup.backup-json"
        fixture.write_text(json.dumps(rows), encoding="utf-8")
        # The history is restored as it was; setting many-to-many links while loading would
        # otherwise record a new history entry for each.
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", str(fixture), format="backup-json", verbosity=0)
    return header
