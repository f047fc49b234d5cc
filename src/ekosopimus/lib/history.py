"""Saving a record so that django-simple-history keeps who changed it and why."""

from typing import Any


def save_with_history(instance: Any, *, by: Any, reason: str, clean: bool = True) -> Any:
    """Validate (unless ``clean`` is off), then save ``instance`` with its history user and reason.

    Constraints are left to the database, which checks them inside the caller's transaction.
    """
    if clean:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    instance._history_user = by
    instance._change_reason = reason
    instance.save()
    return instance
