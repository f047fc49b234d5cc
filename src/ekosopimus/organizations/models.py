from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekosopimus.lib.business_id import normalise_business_id
from ekosopimus.lib.versions import Versioned


class Organization(Versioned):
    """An organisation that implements, co-implements or funds projects.

    One organisation per business ID: imports resolve the spellings of a name to the same
    record through ``OrganizationName``, and two business IDs are never merged.
    """

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        UNIVERSITY = "university", _("University")
        UNIVERSITY_OF_APPLIED_SCIENCES = "uas", _("University of applied sciences")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        COMPANY = "company", _("Company")
        WELLBEING_SERVICES_COUNTY = (
            "wellbeing_county",
            _("Wellbeing services county / hospital district"),
        )
        REGIONAL_COUNCIL = "regional_council", _("Regional council")
        ELY_CENTRE = "ely_centre", _("ELY centre")
        MINISTRY = "ministry", _("Ministry")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300)
    name_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    # NULL, not "", for "unknown": many organisations may lack an ID while IDs stay unique.
    business_id = models.CharField(  # noqa: DJ001
        _("business ID"), max_length=9, null=True, blank=True
    )
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    is_sample = models.BooleanField(_("sample data"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        # The register is listed and searched by name.
        indexes = [models.Index(fields=["name"], name="organization_name")]
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=Q(business_id__isnull=False),
                name="organization_business_id_unique",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="organization_has_a_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        # Admin edits and services alike store the ID in one form with a checked check digit.
        if self.business_id:
            try:
                self.business_id = normalise_business_id(self.business_id)
            except ValidationError as error:
                raise ValidationError({"business_id": error}) from None
        else:
            self.business_id = None


class OrganizationName(models.Model):
    """A spelling of an organisation's name seen in data, under its matching key."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="names", verbose_name=_("organisation")
    )
    name = models.CharField(_("name as written"), max_length=300)
    key = models.CharField(_("matching key"), max_length=300, db_index=True)

    class Meta:
        verbose_name = _("name variant")
        verbose_name_plural = _("name variants")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"], name="organization_name_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name
