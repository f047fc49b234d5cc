from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekosopimus.agreements.models import Agreement, FocusArea
from ekosopimus.lib.versions import Versioned


class Call(Versioned):
    """A call for projects (haku) that the city region opens under its agreement."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="calls", verbose_name=_("agreement")
    )
    title = models.CharField(_("title"), max_length=300)
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="calls", verbose_name=_("open focus areas")
    )
    budget = models.DecimalField(
        _("budget (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    selection_criteria = models.TextField(_("selection criteria"), blank=True)

    history = HistoricalRecords(m2m_fields=[focus_areas])

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["agreement", "-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="call_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:call", kwargs={"pk": self.pk})
