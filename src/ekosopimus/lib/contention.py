"""Writes that could not proceed because another one held the data: answered, never a 500.

SQLite lets one connection write at a time and PostgreSQL makes a transaction wait for the rows
another holds; both wait (see ``DATABASE_WAIT_SECONDS``) and then give up. Two saves of the same
new value at the same moment (a project code, say) end with one refused by a unique index.
Either way nothing was stored, and the user can simply try again: the pages answer with the
form's entries kept, the API with 503 or 409, and each case is logged.
"""

import logging
import sqlite3
from enum import Enum

from django.db import IntegrityError, OperationalError

from .versions import StaleEdit

logger = logging.getLogger("ekosopimus.contention")

# Seconds a client is told to wait before trying again.
RETRY_AFTER = 5
# SQLite's primary result codes: the database file or a table is locked.
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
# SQLite's extended codes of a broken uniqueness (UNIQUE, PRIMARY KEY).
_SQLITE_UNIQUE = (2067, 1555)
# PostgreSQL's codes: lock_timeout ran out, a deadlock was broken, a serialisation failed;
# and a unique index refused a row.
_POSTGRESQL_BUSY = ("55P03", "40P01", "40001")
_POSTGRESQL_UNIQUE = "23505"


class Contention(Enum):
    BUSY = "busy"  # another write held the data for too long: try again in a moment
    CONFLICT = "conflict"  # a simultaneous write stored the same unique value first
    STALE = "stale"  # the edit started from an older version than the one stored


def contention_of(error: BaseException) -> Contention | None:
    """What kind of contention ``error`` is, or None when it is some other failure."""
    if isinstance(error, StaleEdit):
        return Contention.STALE
    cause = error.__cause__
    if isinstance(error, OperationalError):
        if isinstance(cause, sqlite3.OperationalError):
            code = getattr(cause, "sqlite_errorcode", None)
            if code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
                return Contention.BUSY
            if "database is locked" in str(cause) or "database table is locked" in str(cause):
                return Contention.BUSY
        if getattr(cause, "sqlstate", None) in _POSTGRESQL_BUSY:
            return Contention.BUSY
    if isinstance(error, IntegrityError):
        if isinstance(cause, sqlite3.IntegrityError):
            if getattr(cause, "sqlite_errorcode", None) in _SQLITE_UNIQUE:
                return Contention.CONFLICT
            if str(cause).startswith("UNIQUE constraint failed"):
                return Contention.CONFLICT
        if getattr(cause, "sqlstate", None) == _POSTGRESQL_UNIQUE:
            return Contention.CONFLICT
    return None


def log_contention(kind: Contention, error: BaseException, *, method: str, path: str, user) -> None:
    """One warning line per refused write, with enough to find it again."""
    logger.warning(
        "write refused (%s): %s %s by %s: %s",
        kind.value,
        method,
        path,
        getattr(user, "username", None) or "anonymous",
        error,
    )


def _message(kind: Contention) -> str:
    from django.utils.translation import gettext as _

    if kind is Contention.BUSY:
        return _(
            "The database was busy with another save (an import, say) and nothing was saved. "
            "Try again in a moment."
        )
    if kind is Contention.STALE:
        return _(
            "Someone else saved this after you opened the page, so nothing was saved. "
            "Look at it as it is now and make your change again."
        )
    return _(
        "Someone else saved the same thing at the same moment, so nothing was saved. "
        "Reload the page to see what is stored now, and try again."
    )


class ContentionMiddleware:
    """A page whose write met contention answers 503 (busy) or 409 (conflict) with a page that
    says so and keeps what the user posted, to send again with one button; under /api/ the
    answer is JSON. Other errors pass by untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        kind = contention_of(exception)
        if kind is None:
            return None
        log_contention(
            kind,
            exception,
            method=request.method,
            path=request.path,
            user=getattr(request, "user", None),
        )
        return contention_response(request, kind)


def contention_response(request, kind: Contention):
    """The answer to a write refused for ``kind``: JSON under /api/, else the page."""
    from django.http import JsonResponse
    from django.template.response import TemplateResponse

    status = {Contention.BUSY: 503, Contention.CONFLICT: 409, Contention.STALE: 409}[kind]
    if kind is Contention.STALE and request.path.startswith("/api/"):
        status = 412
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": _message(kind)}, status=status)
    else:
        posted = []
        if request.method == "POST":
            posted = [
                (name, value)
                for name, values in request.POST.lists()
                for value in values
                if name != "csrfmiddlewaretoken"
            ]
        response = TemplateResponse(
            request,
            "contention.html",
            {
                "message": _message(kind),
                # A stale form sent again would be refused again: it is shown, not re-sent.
                "posted": posted if kind is not Contention.STALE else [],
                "shown": posted,
                "had_files": bool(request.FILES),
            },
            status=status,
        ).render()
    if kind is Contention.BUSY:
        response["Retry-After"] = str(RETRY_AFTER)
    return response
