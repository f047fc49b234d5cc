"""What the reports keep of their own: the coordinator's narratives of the annual report."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# A focus area's narrative fits on about two printed pages.
NARRATIVE_MAX_LENGTH = 6000


class Narrative(models.Model):
    """The coordinator's account of one focus area in one year's annual report
    (vuosiraportti), approved by the steering group before the report is final.

    The focus area is kept by its number in the agreement, which a revision keeps, so that a
    narrative stays with its focus area when the agreement is revised.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="narratives"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    focus_area_number = models.CharField(_("focus area"), max_length=20)
    text = models.TextField(_("text"), max_length=NARRATIVE_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(_("written at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        ordering = ["agreement", "year", "focus_area_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "focus_area_number"],
                name="narrative_one_per_focus_area_and_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="narrative_year_plausible"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", approved_at__isnull=True)
                | Q(status="approved", approved_at__isnull=False),
                name="narrative_approved_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.city_region} {self.year} {self.focus_area_number}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED
