from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekosopimus.agreements.models import Instrument

from .project import Project


class FundingSource(models.TextChoices):
    """Where a project's money comes from. Everything but EU + State is local financing."""

    EU_STATE = "eu_state", _("EU and State")
    MUNICIPAL = "municipal", _("Municipal")
    OTHER_PUBLIC = "other_public", _("Other public")
    PRIVATE = "private", _("Private")


def line_label(source: str, instrument: str) -> str:
    """A budget line as the pages name it: its source, with the instrument of EU and State
    money (“EU ja valtio (ERDF)”)."""
    label = str(FundingSource(source).label)
    return f"{label} ({instrument})" if instrument else label


class BudgetLine(models.Model):
    """A project's money from one source (and, for EU + State, one instrument).

    Each amount has three states: planned, granted and paid. Paid may exceed granted in real
    data; the rules report it rather than the database refusing it.
    """

    # No index of its own: the unique (project, source, instrument) index starts with it.
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("project"),
        db_index=False,
    )
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    instrument = models.CharField(
        _("instrument"), max_length=10, choices=Instrument.choices, blank=True
    )
    planned = models.DecimalField(_("planned (€)"), max_digits=14, decimal_places=2, default=0)
    granted = models.DecimalField(_("granted (€)"), max_digits=14, decimal_places=2, default=0)
    paid = models.DecimalField(_("paid (€)"), max_digits=14, decimal_places=2, default=0)

    # History is read per line (by id and date); see Project.history.
    history = HistoricalRecords(no_db_index=["project"])

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "source", "instrument"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "source", "instrument"], name="budget_line_unique"
            ),
            models.CheckConstraint(
                condition=Q(planned__gte=0, granted__gte=0, paid__gte=0),
                name="budget_line_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(source=FundingSource.EU_STATE) | Q(instrument=""),
                name="budget_line_instrument_only_for_eu_state",
            ),
        ]
        indexes = [
            # The rules list every project with AKKE money: a few lines among hundreds of
            # thousands, found here without reading the rest.
            models.Index(
                fields=["project"], condition=Q(instrument=Instrument.AKKE), name="budget_line_akke"
            ),
        ]

    def __str__(self) -> str:
        return line_label(self.source, self.instrument)
