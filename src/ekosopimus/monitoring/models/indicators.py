from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Dimension(models.TextChoices):
    """How an indicator's values are broken down (disaggregated) into categories."""

    ENTERPRISE_SIZE = "enterprise_size", _("By enterprise size")
    SME_SIZE = "sme_size", _("By SME size")
    GENDER = "gender", _("By gender")


class Category(models.TextChoices):
    """One category of a dimension."""

    MICRO = "micro", _("Micro enterprises")
    SMALL = "small", _("Small enterprises")
    MEDIUM = "medium", _("Medium-sized enterprises")
    LARGE = "large", _("Large enterprises")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")


# The categories of each dimension, in the order reports show them.
CATEGORIES: dict[str, tuple[str, ...]] = {
    Dimension.ENTERPRISE_SIZE: (Category.MICRO, Category.SMALL, Category.MEDIUM, Category.LARGE),
    Dimension.SME_SIZE: (Category.MICRO, Category.SMALL, Category.MEDIUM),
    Dimension.GENDER: (Category.WOMEN, Category.MEN),
}


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

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Grows towards its target")
        DECREASE = "decrease", _("Falls towards its target")

    disaggregation = models.CharField(
        _("disaggregation"), max_length=200, blank=True, help_text=_("E.g. by enterprise size.")
    )
    dimension = models.CharField(
        _("broken down"),
        max_length=20,
        choices=Dimension.choices,
        blank=True,
        help_text=_("The categories its values are reported in, besides the total."),
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    definition_note = models.TextField(_("definition note"), blank=True)
    is_eu_common = models.BooleanField(_("EU common indicator"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dimension="") | models.Q(dimension__in=Dimension.values),
                name="indicator_dimension_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        """The Finnish name where there is one, else the English one."""
        return self.name_fi or self.name_en

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories its values are broken down into; none when it is not."""
        return CATEGORIES.get(self.dimension, ())

    @property
    def grows(self) -> bool:
        return self.direction == self.Direction.INCREASE
