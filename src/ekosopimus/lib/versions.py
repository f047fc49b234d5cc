"""Optimistic concurrency: every editable object carries a version that each save raises.

A form or an API client says which version it read; a service refuses to save over any other
with ``StaleEdit``, so that nobody overwrites a change they have not seen. The service reads the
object locked for the rest of its transaction (on SQLite the transaction holds the write lock
from its start), so the comparison and the save cannot be overtaken.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """An abstract model whose ``version`` goes up by one at every save of a stored row."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class StaleEdit(Exception):
    """The object was changed after the version the edit started from; nothing was saved.

    ``current`` is the object as stored now, ``expected`` the version the edit read.
    """

    def __init__(self, *, current: Any, expected: int):
        super().__init__(
            f"{current._meta.label} {current.pk} is at version {current.version}, not {expected}"
        )
        self.current = current
        self.expected = expected


def check_version(current: Any, expected: int | None, *, field: str = "version") -> None:
    """Refuse with ``StaleEdit`` unless ``current`` is still at ``expected`` (None: the caller
    read the object in the same transaction, so there is nothing to compare)."""
    if expected is not None and int(expected) != getattr(current, field):
        raise StaleEdit(current=current, expected=int(expected))


def locked_for_edit(queryset: models.QuerySet, *, pk: Any, version: int | None) -> Any:
    """The object ``pk`` of ``queryset``, read afresh and locked for the caller's transaction,
    if it is still at ``version``."""
    current = queryset.select_for_update().get(pk=pk)
    check_version(current, version)
    return current
