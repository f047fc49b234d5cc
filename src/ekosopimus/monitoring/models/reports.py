from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekosopimus.lib.versions import Versioned

from .indicators import Category, IndicatorDefinition


class ProgressReport(Versioned):
    """What a project reports for one period (e.g. a half-year): values, money spent, narrative.

    A report goes draft → submitted → approved, or back to the project with a comment. Only
    approved reports count towards the agreement's targets, and an approved report is locked.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with a comment")

    project = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.CASCADE,
        related_name="progress_reports",
        verbose_name=_("project"),
        db_index=False,
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    spent = models.DecimalField(
        _("money spent in the period (€)"), max_digits=14, decimal_places=2, default=0
    )
    narrative = models.TextField(_("what was done"), blank=True)
    return_comment = models.TextField(_("comment on returning"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )

    history = HistoricalRecords(no_db_index=["project", "approved_by"])

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["project", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_start"], name="progress_report_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="progress_report_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(spent__gte=0), name="progress_report_spent_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "approved", "returned"]),
                name="progress_report_status_known",
            ),
        ]
        indexes = [models.Index(fields=["status", "period_end"])]

    def __str__(self) -> str:
        return f"{self.project} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"

    @property
    def is_locked(self) -> bool:
        """Submitted reports wait for a decision and approved ones are final."""
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)


class IndicatorValue(models.Model):
    """One indicator's value in one report.

    For a cumulative indicator the value is what the period added; for a per-period
    indicator it is the level reached in the period.
    """

    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("report"),
        db_index=False,
    )
    indicator = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("indicator"),
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)

    history = HistoricalRecords(no_db_index=["report", "indicator"])

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="indicator_value_once_per_report"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.value}"


class ReportedEntity(models.Model):
    """A company or solution a report counts under an indicator.

    Agreement targets that count entities count each one once, however many projects report
    it; ``key`` (the business ID, or the normalised name) is what makes two reports the same.
    """

    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="entities",
        verbose_name=_("report"),
        db_index=False,
    )
    indicator = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indicator"),
    )
    name = models.CharField(_("name"), max_length=300)
    business_id = models.CharField(_("business ID"), max_length=9, blank=True)
    key = models.CharField(_("identity"), max_length=300, editable=False)

    history = HistoricalRecords(no_db_index=["report", "indicator"])

    class Meta:
        verbose_name = _("reported company or solution")
        verbose_name_plural = _("reported companies and solutions")
        ordering = ["report", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "key"], name="reported_entity_once_per_report"
            ),
            models.CheckConstraint(condition=~Q(key=""), name="reported_entity_has_identity"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.business_id})" if self.business_id else self.name


class IndicatorValuePart(models.Model):
    """One category's part of a reported value, where the indicator is broken down (RCO01 by
    enterprise size). The parts may leave some of the value unassigned, never exceed it."""

    indicator_value = models.ForeignKey(
        IndicatorValue,
        on_delete=models.CASCADE,
        related_name="parts",
        verbose_name=_("indicator value"),
        db_index=False,
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)

    history = HistoricalRecords(no_db_index=["indicator_value"])

    class Meta:
        verbose_name = _("part of an indicator value")
        verbose_name_plural = _("parts of indicator values")
        ordering = ["indicator_value", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_value", "category"], name="indicator_value_part_unique"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="indicator_value_part_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.value}"
