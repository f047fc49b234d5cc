from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .meetings import SteeringGroupMeeting
from .project import Project


class ChangeRequest(models.Model):
    """A granted project's request to change what was granted (muutoshakemus).

    It keeps the granted state as it stood when the request was made (money by source, dates,
    implementers, targets) beside the state asked for, with the justification. Where the
    agreement's practice needs it the steering group gives its statement; the funding authority
    decides, and an approved change is made to the project through the portfolio's services.
    """

    class Status(models.TextChoices):
        AWAITING_STATEMENT = "awaiting_statement", _("Awaiting the steering group's statement")
        AWAITING_DECISION = "awaiting_decision", _("Awaiting the funding authority's decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Statement(models.TextChoices):
        SUPPORTS = "supports", _("Supports the change")
        OPPOSES = "opposes", _("Does not support the change")

    OPEN = (Status.AWAITING_STATEMENT, Status.AWAITING_DECISION)

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("project"),
    )
    granted_state = models.JSONField(_("granted state"))
    requested_state = models.JSONField(_("requested state"))
    justification = models.TextField(_("justification"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    statement = models.CharField(
        _("steering group's statement"), max_length=10, choices=Statement.choices, blank=True
    )
    statement_text = models.TextField(_("statement"), blank=True)
    statement_on = models.DateField(_("statement given on"), null=True, blank=True)
    statement_meeting = models.ForeignKey(
        SteeringGroupMeeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_statements",
        verbose_name=_("meeting"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_rationale = models.TextField(_("rationale"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["project", "-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["awaiting_statement", "awaiting_decision", "approved",
                                        "rejected", "withdrawn"]),
                name="change_request_status_known",
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(status__in=["awaiting_statement", "awaiting_decision"]),
                name="change_request_one_open_per_project",
            ),
            models.CheckConstraint(
                condition=~Q(justification=""), name="change_request_has_a_justification"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "rejected"]) | Q(decided_on__isnull=False),
                name="change_request_decision_has_a_date",
            ),
            models.CheckConstraint(
                condition=Q(statement="") | Q(statement_on__isnull=False),
                name="change_request_statement_has_a_date",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        if self.submitted_at is None:
            return str(self.project)
        return f"{self.project} – {self.submitted_at:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("portfolio:change_request", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN
