from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .agreement import AgreementVersion
from .structure import ActionGroup, FocusArea


class ActionPlan(models.Model):
    """The agreement's annex: measures with their planned money for a review period."""

    version = models.OneToOneField(
        AgreementVersion, on_delete=models.CASCADE, related_name="action_plan"
    )
    title = models.CharField(_("title"), max_length=200)
    review_period_start = models.PositiveSmallIntegerField(
        _("review period starts (year)"), null=True, blank=True
    )
    review_period_end = models.PositiveSmallIntegerField(
        _("review period ends (year)"), null=True, blank=True
    )
    intro = models.TextField(_("introduction"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(review_period_start__isnull=True)
                | Q(review_period_end__isnull=True)
                | Q(review_period_end__gte=models.F("review_period_start")),
                name="action_plan_review_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActionPlanItem(models.Model):
    """One measure (row) of the action plan.

    A row whose amount the annex leaves blank keeps ``planned_amount`` empty, never zero.
    """

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plan_items",
        verbose_name=_("focus area"),
    )
    action_group = models.ForeignKey(
        ActionGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plan_items",
        verbose_name=_("action group"),
    )
    group_label = models.CharField(
        _("group heading"),
        max_length=300,
        blank=True,
        help_text=_("For rows that belong to no focus area, the heading the annex gives them."),
    )
    measure = models.TextField(_("measure"))
    planned_amount = models.DecimalField(
        _("planned amount (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"], name="action_plan_item_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(planned_amount__isnull=True) | Q(planned_amount__gte=0),
                name="action_plan_item_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(focus_area__isnull=False) | ~Q(group_label=""),
                name="action_plan_item_has_a_place",
            ),
        ]

    def __str__(self) -> str:
        return self.measure
