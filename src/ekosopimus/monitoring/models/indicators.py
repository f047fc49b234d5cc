from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class IndicatorDefinition(models.Model):
    """What an indicator measures, kept apart from the projects that report it.

    The EU common indicators (RCO/RCR) are shipped; an agreement may define its own codes.
    """

    class Kind(models.TextChoices):
        OUTPUT = "output", _("Output (milestone and final target)")
        RESULT = "result", _("Result (baseline, reference year and final target)")

    class Accumulation(models.TextChoices):
        CUMULATIVE = "cumulative", _("Cumulative")
        PER_PERIOD = "per_period", _("Per period")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=300, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    name_en = models.CharField(_("name in English"), max_length=300)
    unit = models.CharField(_("unit"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    accumulation = models.CharField(
        _("accumulation"),
        max_length=12,
        choices=Accumulation.choices,
        default=Accumulation.CUMULATIVE,
    )
    disaggregation = models.CharField(
        _("disaggregation"), max_length=200, blank=True, help_text=_("E.g. by enterprise size.")
    )
    definition_note = models.TextField(_("definition note"), blank=True)
    is_eu_common = models.BooleanField(_("EU common indicator"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        """The Finnish name where there is one, else the English one."""
        return self.name_fi or self.name_en
