"""An agreement's reporting rules: the period length, due dates and the first reminder."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.history import save_with_history

from ..models import ReportingRules


@transaction.atomic
def reporting_rules_set(
    *,
    agreement: Agreement,
    period_months: int,
    due_days: int,
    final_due_days: int,
    reminder_days: int,
    by: AbstractBaseUser | None,
) -> ReportingRules:
    """Set how the agreement's granted projects report. Every project's periods and due
    dates follow at once; reports already written stay as they are."""
    rules = ReportingRules.objects.select_for_update().filter(agreement=agreement).first()
    rules = rules or ReportingRules(agreement=agreement)
    rules.period_months = period_months
    rules.due_days = due_days
    rules.final_due_days = final_due_days
    rules.reminder_days = reminder_days
    return save_with_history(rules, by=by, reason=_("Reporting rules changed"))
