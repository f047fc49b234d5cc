from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekosopimus.agreements.models import QuantitativeTarget
from ekosopimus.lib.versions import Versioned

from .indicators import IndicatorDefinition


class TargetContribution(Versioned):
    """A coordinator's mapping: this indicator, reported by these projects, counts towards
    this agreement target.

    Without a project the mapping covers every project of the agreement that reports the
    indicator; with one it covers only that project.
    """

    target = models.ForeignKey(
        QuantitativeTarget,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("agreement target"),
    )
    indicator = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("indicator"),
    )
    project = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="target_contributions",
        verbose_name=_("project"),
        help_text=_("Leave empty to count every project that reports the indicator."),
    )

    history = HistoricalRecords(no_db_index=["target", "indicator", "project"])

    class Meta:
        verbose_name = _("contribution to a target")
        verbose_name_plural = _("contributions to targets")
        ordering = ["target", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "indicator", "project"], name="contribution_unique"
            ),
            models.UniqueConstraint(
                fields=["target", "indicator"],
                condition=Q(project__isnull=True),
                name="contribution_for_all_projects_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} → {self.target}"
