from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReportingRules(models.Model):
    """How an agreement's granted projects report: the length of a reporting period, how
    long after a period its report is due, and when reporters are reminded.

    An agreement without a row of its own follows the defaults below.
    """

    class Interval(models.IntegerChoices):
        QUARTER = 3, _("Quarterly")
        FOUR_MONTHS = 4, _("Every four months")
        HALF_YEAR = 6, _("Half-yearly")
        YEAR = 12, _("Yearly")

    agreement = models.OneToOneField(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="reporting_rules",
        verbose_name=_("agreement"),
    )
    period_months = models.PositiveSmallIntegerField(
        _("reporting period"), choices=Interval.choices, default=Interval.HALF_YEAR
    )
    due_days = models.PositiveSmallIntegerField(
        _("report due, days after the period"),
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(365)],
    )
    final_due_days = models.PositiveSmallIntegerField(
        _("final report due, days after the project ends"),
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(365)],
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("first reminder, days before the due date"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting rules")
        verbose_name_plural = _("reporting rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_months__in=[3, 4, 6, 12]), name="reporting_period_known"
            ),
            models.CheckConstraint(
                condition=Q(due_days__lte=365, final_due_days__lte=365),
                name="reporting_due_within_a_year",
            ),
            models.CheckConstraint(
                condition=Q(reminder_days__gte=1, reminder_days__lte=90),
                name="reporting_reminder_within_90_days",
            ),
        ]

    def __str__(self) -> str:
        return str(self.agreement)
