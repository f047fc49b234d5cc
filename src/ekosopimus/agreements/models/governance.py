from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .agreement import AgreementVersion
from .funding import Instrument


class GovernanceBody(models.Model):
    """A body that runs or follows the agreement, with its tasks as the text states them."""

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Steering group")
        COORDINATION_PROJECT = "coordination_project", _("Coordination project")
        NATIONAL_STEERING_GROUP = "national_steering_group", _("National steering group")

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="governance_bodies"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        ordering = ["version", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "kind"], name="governance_body_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class GovernanceTask(models.Model):
    """One task of a governance body."""

    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("task"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["body", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "position"], name="governance_task_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class CoordinationFundingPhase(models.Model):
    """Which instrument funds the coordination project over which dates."""

    body = models.ForeignKey(
        GovernanceBody, on_delete=models.CASCADE, related_name="funding_phases"
    )
    instrument = models.CharField(_("instrument"), max_length=10, choices=Instrument.choices)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    sentence = models.TextField(_("as worded in the agreement"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding phase of the coordination project")
        verbose_name_plural = _("funding phases of the coordination project")
        ordering = ["body", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="funding_phase_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.get_instrument_display()
