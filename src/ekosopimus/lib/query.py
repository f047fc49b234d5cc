"""Values read from a URL's query, and rows read from the database without the ORM's
per-value conversion."""

from datetime import date

from django.db import connections
from django.db.models import Aggregate, DecimalField, Func, IntegerField


def id_from(value: str) -> int | None:
    """An object id from a URL, or None for anything that cannot be one. A database id has at
    most 18 digits; a longer number would overflow the query rather than find nothing."""
    return int(value) if value.isdigit() and len(value) <= 18 else None


def raw_rows(queryset) -> list[tuple]:
    """The rows of ``queryset`` without Django's per-value converters.

    The situation picture reads every project and budget line of an agreement, and converting
    each value through the ORM took most of that time. The rules' sums are read this way too,
    so that whole cents reach Python as the database summed them (on SQLite the ORM would make
    a decimal of a float with 15 significant digits). Dates come as ISO text from SQLite.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class RawDates(dict):
    """Dates as ``raw_rows`` returns them (a date, or ISO text from SQLite), each distinct text
    parsed once: thousands of rows share a dozen report dates."""

    def __call__(self, value) -> date | None:
        if not isinstance(value, str):
            return value
        found = self.get(value)
        if found is None:
            found = self[value] = date.fromisoformat(value)
        return found


class SumOfCents(Aggregate):
    """A decimal column of euros summed in whole cents, exactly on both databases.

    SQLite keeps a decimal column as a binary float, so each amount is rounded to its cents
    before the sum (a sum of whole cents is exact up to 2**53). PostgreSQL's numeric sum is
    exact as it is; rounding each of 300,000 amounts there made the rules' sum of a large
    portfolio take 250 ms instead of 190.
    """

    function = "SUM"
    template = "(%(function)s(%(expressions)s) * 100)"
    output_field = DecimalField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "%(function)s(ROUND(%(expressions)s * 100))"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class Year(Func):
    """The year of a date as a whole number, computed by the database itself.

    Django's ``ExtractYear`` calls a Python function for each row on SQLite, which took a
    second of a situation picture's 300,000 budget lines; SQLite keeps a date as ISO text, so
    its first four characters are the year. PostgreSQL's statistics of the portfolio's columns
    (``portfolio`` migration 0009) name the same expression as this gives there.
    """

    output_field = IntegerField()
    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS integer)"

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "CAST(SUBSTR(%(expressions)s, 1, 4) AS integer)"
        return super().as_sql(compiler, connection, template=template, **extra_context)
