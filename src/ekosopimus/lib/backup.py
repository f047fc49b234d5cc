"""A complete, consistent, versioned backup of the database, and its restore into an empty one.

The backup is a gzip-compressed file of JSON lines: a header that names the format, when it was
made and the schema it was made with (the latest migration of every app); then every row of
every table in Django's serialisation, one a line, primary keys kept so that history records
still point at their objects; and a last line that counts the rows of each model, so that a
file cut short is recognised as such.

All rows are read in one snapshot of the database (a read-only repeatable-read transaction on
PostgreSQL; on SQLite a read transaction, which sees the database as it was when it began while
others go on writing): a backup taken while an import writes holds the import whole or not at
all. Rows are read and written a chunk at a time, so memory stays the same however large the
database. A restore reads the whole file once to check it before it writes anything, then loads
it in one transaction, a chunk at a time.

Left out: content types and permissions (migrating an empty database creates them; rows refer
to them by natural key), and sessions and sign-in attempts (``LEFT_OUT``).
"""

import decimal
import gzip
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from typing import Any, BinaryIO

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers import python as python_serialisation
from django.db import DEFAULT_DB_ALIAS, connections, reset_queries, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import JSONField, Model
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from .backup_json import FullPrecisionEncoder

FORMAT = "ekosopimus-backup"
VERSION = 2
# Made by migrating (content types, permissions), not worth keeping (sessions, sign-in
# attempts and the lockouts of django-axes), or the task queue's own rows, which a restored
# database must not run again (django_rq has no table of its own): whole apps by label, single
# models as "app.model".
LEFT_OUT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "django_rq",
    "django_tasks_database",
]
# Rows read, serialised and written at a time.
CHUNK = 2000
# Natural keys only for what migrating makes anew with other ids; everything else by its id.
_BY_NATURAL_KEY = frozenset({"contenttypes.contenttype", "auth.permission"})
# Values Django's serialiser passes on as they are ("protected types"); the rest become text.
_AS_THEY_ARE = (
    str,
    int,
    float,
    decimal.Decimal,
    datetime,
    date,
    time,
)


class BackupError(Exception):
    """A backup that cannot be restored here; the message says why."""


class _Serializer(python_serialisation.Serializer):
    """Django's serialisation, with natural keys only for content types and permissions: a
    user named by username would cost a query for every history record."""

    def handle_fk_field(self, obj, field):
        if field.remote_field.model._meta.label_lower in _BY_NATURAL_KEY:
            return super().handle_fk_field(obj, field)
        self._current[field.name] = self._value_from_field(obj, field)

    def handle_m2m_field(self, obj, field):
        if not field.remote_field.through._meta.auto_created:
            return
        if field.remote_field.model._meta.label_lower in _BY_NATURAL_KEY:
            return super().handle_m2m_field(obj, field)
        related = obj._prefetched_objects_cache[field.name]
        self._current[field.name] = [item.pk for item in related]


def _schema() -> dict[str, str]:
    """The latest applied migration of every app."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backed_up_models() -> list[type[Model]]:
    """The models whose rows a backup holds, in a fixed order."""
    chosen = []
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in LEFT_OUT or meta.label_lower in LEFT_OUT:
            continue
        if meta.proxy or not meta.managed:
            continue
        chosen.append(model)
    return chosen


@contextmanager
def snapshot() -> Iterator[None]:
    """A read-only transaction that sees the database as it was when its first read ran."""
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        # Deferred, not the immediate transactions writes use: a read transaction takes no
        # write lock, and in WAL mode it keeps its view while others commit.
        mode = connection.transaction_mode
        connection.transaction_mode = "DEFERRED"
        try:
            with transaction.atomic():
                yield
        finally:
            connection.transaction_mode = mode
        return
    with transaction.atomic():
        if connection.vendor == "postgresql" and not connection.savepoint_ids:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _by_natural_key(model: type[Model]) -> bool:
    """Whether ``model`` refers to a content type or a permission (by natural key)."""
    related = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return any(
        field.remote_field is not None
        and field.remote_field.model._meta.label_lower in _BY_NATURAL_KEY
        for field in related
    )


def _rows(model: type[Model]) -> Iterator[list[dict]]:
    """The rows of ``model`` in serialised form, a chunk at a time."""
    if _by_natural_key(model):
        yield from _rows_serialised(model)
        return
    yield from _rows_read(model)


def _rows_serialised(model: type[Model]) -> Iterator[list[dict]]:
    """Rows by Django's serialiser, for the few models that refer by natural key."""
    m2m = [
        field.name
        for field in model._meta.many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    objects = model._base_manager.order_by(model._meta.pk.name)
    if m2m:
        objects = objects.prefetch_related(*m2m)
    chunk: list[Model] = []
    for row in objects.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield _Serializer().serialize(chunk)
            chunk = []
    if chunk:
        yield _Serializer().serialize(chunk)


def _plain(value: Any) -> Any:
    """A value as Django's serialiser gives it: types JSON and the loader take as they are,
    anything else as text."""
    if value is None or isinstance(value, _AS_THEY_ARE):
        return value
    return str(value)


def _rows_read(model: type[Model]) -> Iterator[list[dict]]:
    """The rows of ``model`` in the form Django's serialiser writes, read as plain values: no
    model object is made, and the many-to-many links of a chunk come in one query each.
    Measured about N times faster than the serialiser on the real-size data."""
    meta = model._meta
    fields = [field for field in meta.local_fields if field.serialize]
    json_fields = {field.name for field in fields if isinstance(field, JSONField)}
    names = [field.name for field in fields]
    m2m = [
        field
        for field in meta.local_many_to_many
        if field.serialize and field.remote_field.through._meta.auto_created
    ]
    label = meta.label_lower
    values = model._base_manager.order_by(meta.pk.name).values_list(
        meta.pk.attname, *(field.attname for field in fields)
    )
    chunk: list[tuple] = []

    def serialised(rows: list[tuple]) -> list[dict]:
        links = {field.name: _links(field, [row[0] for row in rows]) for field in m2m}
        out = []
        for pk, *row in rows:
            stored = {
                name: value if name in json_fields else _plain(value)
                for name, value in zip(names, row, strict=True)
            }
            for name, by_pk in links.items():
                stored[name] = by_pk.get(pk, [])
            out.append({"model": label, "pk": _plain(pk), "fields": stored})
        return out

    for row in values.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield serialised(chunk)
            chunk = []
    if chunk:
        yield serialised(chunk)


def _links(field, pks: list) -> dict[Any, list]:
    """The ids a many-to-many ``field`` links each of ``pks`` to, in id order of the links."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    linked: dict[Any, list] = {}
    rows = (
        through.objects.filter(**{f"{source}__in": pks})
        .order_by(source, target)
        .values_list(source, target)
    )
    for pk, other in rows:
        linked.setdefault(pk, []).append(other)
    return linked


def _line(value: dict) -> bytes:
    return json.dumps(value, cls=FullPrecisionEncoder, ensure_ascii=False).encode() + b"\n"


def backup_write(stream: BinaryIO) -> dict:
    """Write the whole database, as one snapshot, to the binary ``stream``; return the
    header."""
    counts: Counter[str] = Counter()
    with snapshot(), gzip.GzipFile(fileobj=stream, mode="wb", mtime=0, compresslevel=6) as out:
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": connections[DEFAULT_DB_ALIAS].vendor,
            "schema": _schema(),
        }
        out.write(_line({"header": header}))
        for model in backed_up_models():
            for chunk in _rows(model):
                out.write(b"".join(_line(row) for row in chunk))
                counts[model._meta.label_lower] += len(chunk)
                # With DEBUG on, Django keeps every query it ran; a backup runs thousands.
                reset_queries()
        out.write(_line({"end": {"rows": dict(counts)}}))
    return header


def _lines(stream: BinaryIO) -> Iterator[dict]:
    """The parsed lines of a backup file; ``BackupError`` if it is not one or is damaged."""
    stream.seek(0)
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as archive:
            for number, line in enumerate(archive, start=1):
                try:
                    value = json.loads(line)
                except ValueError as error:
                    if number == 1:
                        raise BackupError(_("The file is not an Ekosopimus backup.")) from None
                    raise BackupError(
                        _("Line %(n)s of the backup is damaged: %(error)s")
                        % {"n": number, "error": error}
                    ) from None
                if not isinstance(value, dict):
                    raise BackupError(_("The file is not an Ekosopimus backup."))
                yield value
    except (OSError, EOFError) as error:
        message = _("The file is not an Ekosopimus backup: %(error)s") % {"error": error}
        raise BackupError(message) from error


def backup_check(stream: BinaryIO) -> dict:
    """Read the whole backup once and check it: its header, every row's model, and the count
    of rows its last line gives. Returns the header; ``BackupError`` says what is wrong."""
    lines = _lines(stream)
    first = next(lines, None)
    header = first.get("header") if first else None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(_("The file is not an Ekosopimus backup."))
    if header.get("version") != VERSION:
        raise BackupError(
            _("The backup is of format version %(found)s; this version reads %(known)s.")
            % {"found": header.get("version"), "known": VERSION}
        )
    known = {model._meta.label_lower for model in backed_up_models()}
    counts: Counter[str] = Counter()
    end = None
    for number, value in enumerate(lines, start=2):
        if end is not None:
            raise BackupError(_("The backup goes on after its last line."))
        if "end" in value:
            end = value["end"]
            continue
        label = value.get("model")
        if label not in known or "fields" not in value:
            raise BackupError(
                _("Line %(n)s of the backup holds no row of this database (%(model)s).")
                % {"n": number, "model": label}
            )
        counts[label] += 1
    if end is None:
        raise BackupError(_("The backup is incomplete: its last line is missing."))
    if dict(counts) != end.get("rows"):
        raise BackupError(_("The backup is incomplete: it holds fewer rows than it says."))
    header["rows"] = sum(counts.values())
    return header


def _check_schema(header: dict) -> None:
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


def _stored_rows() -> list[str]:
    """The models that hold any row, of those a backup restores."""
    return [model._meta.label for model in backed_up_models() if model._base_manager.exists()]


@contextmanager
def _stored_times(model: type[Model]) -> Iterator[None]:
    """Let ``model``'s rows keep the times stored in the backup: creating them would otherwise
    stamp ``auto_now`` and ``auto_now_add`` fields with the present moment."""
    stamped = [
        (field, field.auto_now, field.auto_now_add)
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for field, _now, _add in stamped:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, add in stamped:
            field.auto_now, field.auto_now_add = now, add


def _load(objects: list) -> None:
    """Insert one chunk of deserialised rows of a model, with their many-to-many links."""
    model = type(objects[0].object)
    with _stored_times(model):
        model._base_manager.bulk_create([item.object for item in objects])
    for name in objects[0].m2m_data:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        links = [
            through(**{f"{source}_id": item.object.pk, f"{target}_id": pk})
            for item in objects
            for pk in item.m2m_data[name]
        ]
        through.objects.bulk_create(links)


def backup_restore(stream: BinaryIO) -> dict:
    """Restore a backup into this database, which must be migrated to the backup's schema and
    hold no data. The file is checked whole first; then all rows load in one transaction, so
    that on any error nothing is stored."""
    header = backup_check(stream)
    _check_schema(header)
    stored = _stored_rows()
    if stored:
        raise BackupError(
            _("The database is not empty (%(models)s); a backup is restored into an empty one.")
            % {"models": ", ".join(stored[:5])}
        )
    connection = connections[DEFAULT_DB_ALIAS]
    restored = set()
    # The history is restored as it was; nothing loaded records a new history entry.
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        lines = _lines(stream)
        next(lines)
        chunk: list[dict] = []
        for value in lines:
            if chunk and (value.get("model") != chunk[0]["model"] or len(chunk) == CHUNK):
                _load_rows(chunk, restored)
                chunk = []
            if "end" not in value:
                chunk.append(value)
        if chunk:
            _load_rows(chunk, restored)
        # Rows came with their ids: the sequences that give the next ids must follow.
        statements = connection.ops.sequence_reset_sql(no_style(), list(restored))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    return header


def _load_rows(rows: list[dict], restored: set) -> None:
    objects = list(serializers.deserialize("python", rows, handle_forward_references=False))
    if objects:
        restored.add(type(objects[0].object))
        _load(objects)
    reset_queries()
