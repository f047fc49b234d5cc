from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .indicators import Category, IndicatorDefinition


class ProjectTarget(models.Model):
    """What a project promised for one indicator, as its application or funding decision
    states it: the baseline, the value to reach by the end of each period, the final target
    and, where the indicator is broken down, the final target of each category."""

    class Source(models.TextChoices):
        APPLICATION = "application", _("Application")
        FUNDING_DECISION = "funding_decision", _("Funding decision")

    project = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.CASCADE,
        related_name="indicator_targets",
        verbose_name=_("project"),
        db_index=False,
    )
    indicator = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.PROTECT,
        related_name="project_targets",
        verbose_name=_("indicator"),
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    final_value = models.DecimalField(_("final target"), max_digits=16, decimal_places=2)
    source = models.CharField(
        _("stated in"), max_length=20, choices=Source.choices, default=Source.APPLICATION
    )

    history = HistoricalRecords(no_db_index=["project", "indicator"])

    class Meta:
        verbose_name = _("project target")
        verbose_name_plural = _("project targets")
        ordering = ["project", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "indicator"], name="project_target_once_per_indicator"
            ),
            models.CheckConstraint(
                condition=Q(final_value__gte=0) & (Q(baseline__isnull=True) | Q(baseline__gte=0)),
                name="project_target_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.final_value.normalize():f}"


class ProjectTargetPeriod(models.Model):
    """The value a project is to have reached by the end of one period (a milestone)."""

    target = models.ForeignKey(
        ProjectTarget, on_delete=models.CASCADE, related_name="periods", db_index=False
    )
    period_end = models.DateField(_("by"))
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    history = HistoricalRecords(no_db_index=["target"])

    class Meta:
        verbose_name = _("target of a period")
        verbose_name_plural = _("targets of periods")
        ordering = ["target", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period_end"], name="project_target_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="project_target_period_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_end:%d.%m.%Y} {self.value.normalize():f}"


class ProjectTargetPart(models.Model):
    """The final target of one category, where the indicator is broken down."""

    target = models.ForeignKey(
        ProjectTarget, on_delete=models.CASCADE, related_name="parts", db_index=False
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    history = HistoricalRecords(no_db_index=["target"])

    class Meta:
        verbose_name = _("part of a project target")
        verbose_name_plural = _("parts of project targets")
        ordering = ["target", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "category"], name="project_target_part_unique"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="project_target_part_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.value.normalize():f}"
