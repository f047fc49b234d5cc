from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .agreement import AgreementVersion
from .structure import FocusArea


class Instrument(models.TextChoices):
    """Funding instruments named in the agreements, and the 2007–2020 ESF of imported lists."""

    ERDF = "ERDF", _("ERDF (EAKR)")
    ESF = "ESF", _("ESF (ESR, 2007–2020)")
    ESF_PLUS = "ESF+", _("ESF+ (ESR+)")
    JTF = "JTF", _("JTF (Just Transition Fund)")
    AKKE = "AKKE", _("AKKE (national regional development money)")
    RRF = "RRF", _("RRF (Recovery and Resilience Facility)")


class AgreementInstrument(models.Model):
    """An instrument the agreement names as a source of its funding."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="instruments"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    instrument = models.CharField(_("instrument"), max_length=10, choices=Instrument.choices)
    note = models.TextField(_("as worded in the agreement"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding instrument")
        verbose_name_plural = _("funding instruments")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "instrument"], name="agreement_instrument_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.get_instrument_display()


class FundingRule(models.Model):
    """A funding rule written into the agreement beyond the overall split."""

    class Kind(models.TextChoices):
        FOCUS_AREA_BELOW_OTHERS = (
            "focus_area_below_others",
            _("This focus area gets fewer resources than each of the others"),
        )

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="funding_rules"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.CASCADE,
        related_name="funding_rules",
        verbose_name=_("focus area"),
    )
    sentence = models.TextField(_("as worded in the agreement"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding rule")
        verbose_name_plural = _("funding rules")
        ordering = ["version", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "focus_area"], name="funding_rule_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.focus_area}"
