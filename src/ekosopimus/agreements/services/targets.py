"""How the coordinators follow an agreement's quantitative targets: the baseline a target counts
up from, its reference year, and a milestone on the way. The agreement's own words (the value,
the deadline) change only with a new version of the agreement."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ekosopimus.lib.history import save_with_history

from ..models import QuantitativeTarget


def _number(value: Decimal) -> str:
    return number_format(value.normalize(), force_grouping=True)


@transaction.atomic
def target_plan_set(
    *,
    target: QuantitativeTarget,
    by: AbstractBaseUser | None,
    baseline: Decimal | None = None,
    baseline_year: int | None = None,
    milestone_value: Decimal | None = None,
    milestone_on: date | None = None,
) -> QuantitativeTarget:
    """Set the target's baseline (with its reference year) and its milestone; None clears one.

    Agreement targets count up ("50 new companies"), so a target below its baseline, or a
    milestone outside the way from the baseline to the target, is refused.
    """
    target = QuantitativeTarget.objects.select_for_update().get(pk=target.pk)
    errors: dict[str, str] = {}
    goal = target.value
    if baseline is not None and baseline < 0:
        errors["baseline"] = _("The baseline cannot be negative.")
    elif baseline is not None and goal < baseline:
        errors["baseline"] = _(
            "The target (%(goal)s) is below this baseline (%(baseline)s); a target of the "
            "agreement grows from its baseline."
        ) % {"goal": _number(goal), "baseline": _number(baseline)}
    if baseline_year is not None and baseline is None:
        errors["baseline_year"] = _("A reference year belongs to a baseline: give the baseline.")
    deadline = target.effective_deadline
    if baseline_year is not None and deadline and baseline_year > deadline.year:
        errors["baseline_year"] = _("The reference year is after the target's deadline.")
    if (milestone_value is None) != (milestone_on is None):
        errors["milestone_on"] = _("A milestone needs both its value and its date.")
    if milestone_value is not None:
        if milestone_value > goal:
            errors["milestone_value"] = _(
                "The milestone (%(milestone)s) is above the target (%(goal)s)."
            ) % {"milestone": _number(milestone_value), "goal": _number(goal)}
        elif baseline is not None and milestone_value < baseline:
            errors["milestone_value"] = _(
                "The milestone (%(milestone)s) is below the baseline (%(baseline)s)."
            ) % {"milestone": _number(milestone_value), "baseline": _number(baseline)}
    if milestone_on is not None and deadline and milestone_on >= deadline:
        errors["milestone_on"] = _(
            "The milestone must come before the target's deadline (%(deadline)s)."
        ) % {"deadline": date_format(deadline, "SHORT_DATE_FORMAT")}
    if errors:
        raise ValidationError(errors)
    target.baseline = baseline
    target.baseline_year = baseline_year
    target.milestone_value = milestone_value
    target.milestone_on = milestone_on
    return save_with_history(target, by=by, reason=_("Baseline and milestone set"))
