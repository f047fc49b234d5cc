"""Figures remembered between requests until anything they are made from changes.

The situation pictures and the agreements' rules read the whole portfolio, its money and its
reports: 100–500 ms of work per page, where a page is read many times for each write. Every
write goes through services that leave a history record (imports write theirs in bulk), so the
highest id of each table of the apps the figures read, history tables included, changes
whenever a row is added, changed or removed. One query reads them all; that is the stamp.
A figure is remembered under its name, the stamp, the language and the day (the rules and
targets are judged against today's date), so that a decision recorded a moment ago shows on
the next page load as it always did.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")
logger = logging.getLogger(__name__)

# The apps whose tables the figures are made from.
FIGURE_APPS = ("agreements", "organizations", "portfolio", "monitoring")


@cache
def _tables(app_labels: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    found = []
    for label in app_labels:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            meta = model._meta
            if meta.managed and not meta.proxy:
                found.append((meta.db_table, meta.pk.column))
    return tuple(sorted(found))


# PostgreSQL hands out ids before a transaction commits, so a transaction can commit rows
# whose ids are lower than those of one committed before it, and the highest ids would not
# move. The writing transactions in progress in this database are part of the stamp there:
# one that was in progress when a figure was kept has committed or rolled back by the time
# the stamp differs. SQLite has one writer at a time, so its ids come in the order of the
# commits.
IN_PROGRESS = {
    "postgresql": "(SELECT string_agg(backend_xid::text, ',' ORDER BY backend_xid::text) "
    "FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL)"
}


def data_stamp(app_labels: tuple[str, ...] = FIGURE_APPS) -> str:
    """A short value that changes whenever a row of the apps' tables is written."""
    quote = connection.ops.quote_name
    parts = [
        f"(SELECT MAX({quote(column)}) FROM {quote(table)})"
        for table, column in _tables(app_labels)
    ]
    if connection.vendor in IN_PROGRESS:
        parts.append(IN_PROGRESS[connection.vendor])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        row = cursor.fetchone()
    return hashlib.blake2b(repr(row).encode(), digest_size=8).hexdigest()


def _key(name: str, parts) -> str:
    return ":".join(
        map(str, ("figures", name, *parts, get_language(), timezone.localdate(), data_stamp()))
    )


def remembered(name: str, *parts, compute: Callable[[], T]) -> T:
    """``compute()``, remembered in the shared cache under ``name`` and ``parts`` until the
    data it is made from changes (or the day or the language does). ``FIGURES_CACHE_SECONDS``
    0 turns remembering off; a cache that cannot be reached only costs the computing."""
    seconds = settings.FIGURES_CACHE_SECONDS
    if not seconds:
        return compute()
    key = _key(name, parts)
    try:
        found = shared_cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not take the page down
        logger.warning("figures cache unreachable; computing %s", name, exc_info=True)
        return compute()
    if found is None:
        found = compute()
        _keep(key, found, name)
    return found


def prepared(name: str, *parts, compute: Callable[[], object]) -> bool:
    """Make sure that what ``remembered`` would keep under ``name`` and ``parts`` is kept for
    the data as it is now, without reading it back; True if it was computed now."""
    seconds = settings.FIGURES_CACHE_SECONDS
    if not seconds:
        return False
    key = _key(name, parts)
    try:
        if shared_cache.has_key(key):
            return False
    except Exception:  # noqa: BLE001
        logger.warning("figures cache unreachable; %s not prepared", name, exc_info=True)
        return False
    _keep(key, compute(), name)
    return True


def _keep(key: str, value, name: str) -> None:
    try:
        shared_cache.set(key, value, settings.FIGURES_CACHE_SECONDS)
    except Exception:  # noqa: BLE001
        logger.warning("figures cache unreachable; %s not kept", name, exc_info=True)
