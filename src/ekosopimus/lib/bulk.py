"""Writing many thousand rows fast, with their history, for imports.

The ORM's ``bulk_create`` builds multi-row statements; Django caps SQLite statements at 999
parameters, so a 30-column model goes in 33 rows at a time and most of the time is spent
compiling SQL and building model instances. Here rows are plain dicts (field attname -> value)
and go in statements of up to ``ROWS_PER_INSERT`` rows, each compiled once and reused, on
SQLite and PostgreSQL alike.

The caller runs inside a transaction and has validated the values, which must already be of
their fields' Python types (``str``, ``Decimal``, ``date``, a key for a foreign key).
"""

import gc
import operator
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from functools import lru_cache
from itertools import chain
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone

Row = dict[str, Any]
CHUNK = 5000
# Rows per INSERT statement, and the parameters a statement may hold where the database does
# not say (PostgreSQL's protocol counts them in 16 bits).
ROWS_PER_INSERT = 500
MAX_PARAMETERS = 65535
# Ids per "WHERE id IN (…)"; under the 999 parameters an older SQLite allows.
ID_BATCH = 900
# Fields whose Python value goes to the database as it is.
_PLAIN = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.ForeignKey,
)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an import holds millions of small objects.

    Each collection would walk all of them and free none (they are in use until the end); on a
    100,000-row file this takes a third of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _preparer(field: models.Field, connection) -> Callable[[Any], Any] | None:
    """How one field's value is adapted for the database (the part of ``get_db_prep_save``
    that matters for validated values), chosen once per field; ``None`` when as it is."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        if type(ops).adapt_decimalfield_value is BaseDatabaseOperations.adapt_decimalfield_value:
            return None  # the driver takes a Decimal as it is
        digits, places = field.max_digits, field.decimal_places
        return lambda value: ops.adapt_decimalfield_value(value, digits, places)
    if isinstance(field, _PLAIN):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _columns(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _row_values(
    model: type[models.Model],
) -> tuple[list[models.Field], Callable[[Row], list[Any]]]:
    """The columns of an INSERT into ``model`` (its primary key included), and a function
    giving one row's values: a field missing from the row takes its default."""
    connection = connections[DEFAULT_DB_ALIAS]
    fields = list(model._meta.concrete_fields)
    defaults = {field.attname: field.get_default() for field in fields}
    # Values read in C by itemgetter; only dates, times and decimals are adapted in Python,
    # and a value met again (the import's one timestamp, a date of many rows) is adapted once.
    getter = operator.itemgetter(*(field.attname for field in fields))
    adapted = [
        (index, _remembered(prepare) if _is_date(field) else _memoised(prepare))
        for index, field in enumerate(fields)
        if (prepare := _preparer(field, connection)) is not None
    ]

    def values(row: Row) -> list[Any]:
        out = list(getter({**defaults, **row}))
        for index, prepare in adapted:
            if out[index] is not None:
                out[index] = prepare(out[index])
        return out

    return fields, values


def _table_and_columns(model: type[models.Model], fields: list[models.Field]) -> str:
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    return f"{quote(model._meta.db_table)} ({columns})"


def _rows_per_insert(columns: int) -> int:
    """How many rows one INSERT carries: as many as the database's limit of parameters allows,
    up to ``ROWS_PER_INSERT``."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "sqlite":
        # Django assumes the 999 of old SQLite builds; the library says what this one takes.
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    else:
        limit = connection.features.max_query_params or MAX_PARAMETERS
    return max(1, min(ROWS_PER_INSERT, limit // columns))


def _execute(model: type[models.Model], rows: Sequence[Row]) -> None:
    """INSERT ``rows``, many to a statement.

    A statement of several hundred rows is compiled once and reused, and the database keeps
    its indexes and SQLite its id sequence once per statement rather than once per row:
    measured a third faster than one prepared row run by ``executemany``.
    """
    fields, values = _row_values(model)
    per_statement = _rows_per_insert(len(fields))
    head = f"INSERT INTO {_table_and_columns(model, fields)} VALUES "
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    full = head + ", ".join([one] * per_statement)
    for start in range(0, len(rows), per_statement):
        batch = rows[start : start + per_statement]
        sql = full if len(batch) == per_statement else head + ", ".join([one] * len(batch))
        _run(sql, list(chain.from_iterable(map(values, batch))))


@lru_cache(maxsize=32)
def _qmark(sql: str) -> str:
    # The statements built here hold no "%" but their placeholders.
    return sql.replace("%s", "?")


def _run(sql: str, params: list, *, many: bool = False) -> None:
    """Run one statement on a cursor of the driver's own, with Django's errors.

    Django's cursors are passed by: its debug cursor quotes each of a statement's thousands of
    parameters to log it (on SQLite with extra queries), and its SQLite cursor rewrites every
    placeholder of every statement, which took a tenth of the inserts' time. Here a statement
    is rewritten once.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        sql = _qmark(sql)
    with connection.wrap_database_errors, closing(connection.connection.cursor()) as cursor:
        (cursor.executemany if many else cursor.execute)(sql, params)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` new primary keys for ``model``, so that rows can be inserted with their ids
    known. Must run inside the transaction that inserts the rows; ids not used are simply
    skipped (PostgreSQL) or given out again later (SQLite).
    """
    connection = connections[DEFAULT_DB_ALIAS]
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A write takes the database's write lock, so no other connection can take the
            # same ids before this transaction ends.
            cursor.execute("UPDATE sqlite_sequence SET seq = seq WHERE name = %s", [table])
            quote = connection.ops.quote_name
            cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            found = cursor.fetchone()
            first = max(highest, found[0] if found else 0) + 1
            return list(range(first, first + count))
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), column, count],
            )
            return [row[0] for row in cursor.fetchall()]
    raise NotImplementedError(f"reserving ids is not supported on {connection.vendor}")


def _is_date(field: models.Field) -> bool:
    return isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)


def _remembered(prepare: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``prepare`` once for each distinct value (equal dates are written alike)."""
    seen: dict[Any, Any] = {}

    def adapt(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            adapted = seen[value] = prepare(value)
            return adapted

    return adapt


def _memoised(prepare: Callable[[Any], Any]) -> Callable[[Any], Any]:
    last: list[Any] = [object(), None]

    def adapt(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, prepare(value)
        return last[1]

    return adapt


def insert(model: type[models.Model], rows: Sequence[Row]) -> None:
    """Insert ``rows`` of ``model``; a row without an ``"id"`` gets one (see ``reserve_ids``).

    Fields a row lacks take their defaults; ``auto_now`` and ``auto_now_add`` fields are set to
    the present moment in the rows too. Knowing the ids beforehand spares reading them back
    (multi-row ``INSERT … RETURNING`` was measured slower on SQLite).
    """
    if not rows:
        return
    now = timezone.now()
    stamped = [
        field.attname
        for field in _columns(model)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for row in rows:
        for attname in stamped:
            row[attname] = now
    missing = [row for row in rows if row.get("id") is None]
    if missing:
        for row, pk in zip(missing, reserve_ids(model, len(missing)), strict=True):
            row["id"] = pk
    _execute(model, rows)


def update(
    model: type[models.Model],
    rows: Sequence[Row],
    *,
    fields: Sequence[str],
) -> None:
    """Write ``fields`` (attnames) of ``rows`` back, one prepared UPDATE by ``"id"``."""
    if not rows:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    by_attname = {field.attname: field for field in _columns(model)}
    plan = [(name, _preparer(by_attname[name], connection)) for name in fields]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(model._meta.db_table),
        ", ".join(f"{quote(by_attname[name].column)} = %s" for name in fields),
        quote(model._meta.pk.column),
    )

    def values(row: Row) -> list[Any]:
        out = []
        for name, prepare in plan:
            value = row[name]
            out.append(value if prepare is None or value is None else prepare(value))
        out.append(row["id"])
        return out

    for start in range(0, len(rows), CHUNK):
        _run(sql, [values(row) for row in rows[start : start + CHUNK]], many=True)


def record_history(
    model: type[models.Model],
    rows: Sequence[Row],
    *,
    user: Any,
    reason: str,
    change: str,
) -> None:
    """Add a django-simple-history record for each saved row (by its ``"id"``): ``change`` is
    ``"+"`` for created, ``"~"`` for changed.

    The records are copied inside the database from the rows as they now stand, with one
    ``INSERT … SELECT`` per batch of ids, so that only the ids travel from Python; rows just
    inserted with reserved ids are one run of ids, copied by its first and last.
    """
    if not rows:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    history = model.history.model
    own = {field.column for field in model._meta.concrete_fields}
    fixed = {
        "history_date": connection.ops.adapt_datetimefield_value(timezone.now()),
        "history_change_reason": reason[:100],
        "history_type": change,
        "history_user_id": getattr(user, "pk", None),
    }
    columns, selected, params = [], [], []
    for field in history._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(quote(field.column))
        if field.column in own:
            selected.append(quote(field.column))
        else:
            selected.append("%s")
            params.append(fixed[field.attname])
    head = "INSERT INTO {} ({}) SELECT {} FROM {} WHERE {} ".format(
        quote(history._meta.db_table),
        ", ".join(columns),
        ", ".join(selected),
        quote(model._meta.db_table),
        quote(model._meta.pk.column),
    )
    ids = [row["id"] for row in rows]
    if ids == list(range(ids[0], ids[0] + len(ids))):
        _run(head + "BETWEEN %s AND %s", [*params, ids[0], ids[-1]])
        return
    for start in range(0, len(ids), ID_BATCH):
        batch = ids[start : start + ID_BATCH]
        _run(head + f"IN ({', '.join(['%s'] * len(batch))})", [*params, *batch])
