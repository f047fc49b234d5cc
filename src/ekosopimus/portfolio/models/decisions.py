from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .meetings import SteeringGroupMeeting
from .project import Project


class Decision(models.Model):
    """A decision on a project: the steering group's selection, or the funding authority's grant.

    Decisions are two-tier: the city's steering group proposes, the funding authority grants.
    """

    class Body(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Steering group")
        FUNDING_AUTHORITY = "funding_authority", _("Funding authority")

    class Outcome(models.TextChoices):
        SELECTED = "selected", _("Proposed for funding")
        REJECTED = "rejected", _("Rejected")
        RETURNED = "returned", _("Returned for revision")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    STEERING_OUTCOMES = (Outcome.SELECTED, Outcome.REJECTED, Outcome.RETURNED)
    FUNDING_OUTCOMES = (Outcome.GRANTED, Outcome.REFUSED)

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("project")
    )
    body = models.CharField(_("decided by"), max_length=20, choices=Body.choices)
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    decided_on = models.DateField(_("date"))
    meeting = models.ForeignKey(
        SteeringGroupMeeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    rationale = models.TextField(_("rationale"), blank=True)
    amount = models.DecimalField(
        _("granted EU and State funding (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["project", "decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(body="steering_group", outcome__in=["selected", "rejected", "returned"])
                | Q(body="funding_authority", outcome__in=["granted", "refused"]),
                name="decision_outcome_fits_the_body",
            ),
            models.CheckConstraint(
                condition=~Q(body="steering_group") | Q(meeting__isnull=False),
                name="steering_decision_has_a_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="granted")
                | (Q(amount__isnull=False, amount__gte=0) & ~Q(decision_number="")),
                name="grant_has_amount_and_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.decided_on:%d.%m.%Y}"
