from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .agreement import AgreementVersion


class FocusArea(models.Model):
    """A strategic focus area (painopistealue) of one agreement version."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="focus_areas"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    number = models.CharField(_("number"), max_length=20, help_text=_("As numbered in the text."))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    vision = models.TextField(_("vision"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="focus_area_number_unique"),
            models.UniqueConstraint(
                fields=["version", "position"], name="focus_area_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse(
            "agreements:focus_area",
            kwargs={
                "slug": self.version.agreement.slug,
                "number": self.version.number,
                "focus_area": self.number,
            },
        )


class ActionGroup(models.Model):
    """A set of measures (toimenpidekokonaisuus) under one focus area."""

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="action_groups"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    number = models.CharField(_("number"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    core_description = models.TextField(_("core"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action group")
        verbose_name_plural = _("action groups")
        ordering = ["focus_area", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "number"], name="action_group_number_unique"
            ),
            models.UniqueConstraint(
                fields=["focus_area", "position"], name="action_group_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class KeyMeasure(models.Model):
    """One of the key measures listed for an action group ("Keskeisiä toimenpiteitä ovat …")."""

    action_group = models.ForeignKey(
        ActionGroup, on_delete=models.CASCADE, related_name="key_measures"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("key measure"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("key measure")
        verbose_name_plural = _("key measures")
        ordering = ["action_group", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_group", "position"], name="key_measure_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Consideration(models.Model):
    """An aspect the action group's measures must take into account ("huomioidaan …")."""

    action_group = models.ForeignKey(
        ActionGroup, on_delete=models.CASCADE, related_name="considerations"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("consideration"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consideration")
        verbose_name_plural = _("considerations")
        ordering = ["action_group", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_group", "position"], name="consideration_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class QuantitativeTarget(models.Model):
    """A quantitative target of a focus area, e.g. 50 new companies."""

    class Unit(models.TextChoices):
        COMPANY = "company", _("companies")
        SOLUTION = "solution", _("solutions")
        OTHER = "other", _("other")

    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("what is counted"), max_length=300)
    value = models.DecimalField(_("target value"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Left empty when the text states none; the agreement's end date applies."),
    )
    source_sentence = models.TextField(_("as worded in the agreement"), blank=True)
    # What the coordinators follow the target by; the agreement texts state none of these.
    baseline = models.DecimalField(
        _("baseline"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The level before the agreement's projects; the target counts up from it."),
    )
    baseline_year = models.PositiveSmallIntegerField(_("reference year"), null=True, blank=True)
    milestone_value = models.DecimalField(
        _("milestone"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    milestone_on = models.DateField(_("milestone date"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quantitative target")
        verbose_name_plural = _("quantitative targets")
        ordering = ["focus_area", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "position"], name="target_position_unique"
            ),
            models.CheckConstraint(condition=Q(value__gt=0), name="target_value_positive"),
            models.CheckConstraint(
                condition=Q(baseline__isnull=True)
                | Q(baseline__gte=0, value__gte=models.F("baseline")),
                name="target_value_not_below_baseline",
            ),
            models.CheckConstraint(
                condition=Q(milestone_value__isnull=True, milestone_on__isnull=True)
                | Q(milestone_value__gte=0, milestone_on__isnull=False),
                name="target_milestone_has_value_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value.normalize():f} {self.label}"

    @property
    def effective_deadline(self):
        """The stated deadline, or the agreement's end date when the text states none."""
        return self.deadline or self.focus_area.version.agreement.ends_on

    @property
    def start_level(self):
        """Where the target counts from: the baseline, or nothing."""
        return self.baseline or 0


class MethodCategory(models.Model):
    """A methodological category of projects (Helsinki–Espoo–Vantaa names three)."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="method_categories"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("method category")
        verbose_name_plural = _("method categories")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number"], name="method_category_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}) {self.name}"
