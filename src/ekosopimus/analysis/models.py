"""What the analysis keeps of its own: the coordinators' conclusions on overlapping projects."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekosopimus.lib.versions import Versioned

# Enough to say who agreed what with whom; the rest belongs in the projects' own documents.
REVIEW_NOTE_MAX_LENGTH = 2000


class OverlapReview(Versioned):
    """A coordinator's conclusion on a pair of projects found alike in the agreement's
    portfolio: not an overlap after all, or an overlap and how it was resolved.

    The pair is kept lower id first, so that it is found whichever way round it is listed.
    """

    class Outcome(models.TextChoices):
        COMPLEMENTARY = "complementary", _("Not an overlap: the projects complement each other")
        COORDINATED = "coordinated", _("Resolved: the work is divided between the projects")
        CHANGED = "changed", _("Resolved: a project was changed, merged or not funded")

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="overlap_reviews"
    )
    project_a = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="+", verbose_name=_("project")
    )
    project_b = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("similar project"),
    )
    outcome = models.CharField(_("conclusion"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("how it was settled"), max_length=REVIEW_NOTE_MAX_LENGTH)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("overlap review")
        verbose_name_plural = _("overlap reviews")
        ordering = ["-reviewed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "project_a", "project_b"],
                name="overlap_review_one_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(project_a__lt=F("project_b")), name="overlap_review_pair_ordered"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["complementary", "coordinated", "changed"]),
                name="overlap_review_outcome_known",
            ),
            models.CheckConstraint(condition=~Q(note=""), name="overlap_review_has_a_note"),
        ]

    def __str__(self) -> str:
        return f"{self.project_a_id}–{self.project_b_id}: {self.outcome}"

    @property
    def is_overlap(self) -> bool:
        """The projects did overlap, and the review says how it was resolved."""
        return self.outcome != self.Outcome.COMPLEMENTARY

    @staticmethod
    def key(first_id: int, second_id: int) -> tuple[int, int]:
        """The pair as it is stored: lower id first."""
        return (first_id, second_id) if first_id < second_id else (second_id, first_id)
