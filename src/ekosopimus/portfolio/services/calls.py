"""Calls for projects."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement, FocusArea
from ekosopimus.lib.history import save_with_history
from ekosopimus.lib.versions import locked_for_edit

from ..models import Call

CALL_FIELDS = frozenset({"title", "budget", "opens_on", "closes_on", "selection_criteria"})


def _check(call: Call, focus_areas: list[FocusArea]) -> None:
    if any(area.version.agreement_id != call.agreement_id for area in focus_areas):
        raise ValidationError(
            {"focus_areas": _("A focus area of another agreement cannot be opened.")}
        )
    if call.opens_on and call.closes_on and call.closes_on < call.opens_on:
        raise ValidationError({"closes_on": _("A call cannot close before it opens.")})


@transaction.atomic
def call_create(
    *,
    agreement: Agreement,
    by: AbstractBaseUser | None,
    focus_areas: Iterable[FocusArea] = (),
    **fields: Any,
) -> Call:
    """Open a call under ``agreement`` for ``focus_areas``."""
    unknown = set(fields) - CALL_FIELDS
    if unknown:
        raise TypeError(f"call_create() got unexpected fields: {sorted(unknown)}")
    call = Call(agreement=agreement, **fields)
    focus_areas = list(focus_areas)
    _check(call, focus_areas)
    save_with_history(call, by=by, reason=_("Call created"))
    call.focus_areas.set(focus_areas)
    return call


@transaction.atomic
def call_update(
    *,
    call: Call,
    by: AbstractBaseUser | None,
    focus_areas: Iterable[FocusArea] | None = None,
    version: int | None = None,
    **fields: Any,
) -> Call:
    """Change a call's fields or its open focus areas; ``StaleEdit`` if the call was saved
    after ``version`` was read."""
    unknown = set(fields) - CALL_FIELDS
    if unknown:
        raise TypeError(f"call_update() got unexpected fields: {sorted(unknown)}")
    call = locked_for_edit(Call.objects, pk=call.pk, version=version)
    for name, value in fields.items():
        setattr(call, name, value)
    areas = list(focus_areas) if focus_areas is not None else list(call.focus_areas.all())
    _check(call, areas)
    save_with_history(call, by=by, reason=_("Call edited"))
    if focus_areas is not None:
        call.focus_areas.set(areas)
    return call
