from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Agreement(models.Model):
    """One innovation ecosystem agreement between the State and a city region.

    What the agreement says lives in its versions; a revision is a new version and the
    earlier ones stay readable.
    """

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        ENDED = "ended", _("Ended")
        TERMINATED = "terminated", _("Terminated")

    class Completeness(models.TextChoices):
        FULL_TEXT = "full_text", _("Curated from the full agreement text")
        PUBLIC_SUMMARY = "public_summary", _("Public summary only")

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    city_region = models.CharField(_("city region"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    completeness = models.CharField(
        _("completeness"),
        max_length=20,
        choices=Completeness.choices,
        default=Completeness.FULL_TEXT,
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    entry_into_force = models.TextField(_("entry into force"), blank=True)
    source_document = models.CharField(_("source document"), max_length=300, blank=True)
    unverified = models.TextField(
        _("unverified"),
        blank=True,
        help_text=_("What the source does not confirm, for entries built from public summaries."),
    )
    # The city region's practice, not the agreement's text: whether the steering group gives a
    # statement on a granted project's change request before the funding authority decides.
    change_requests_need_statement = models.BooleanField(
        _("change requests need the steering group's statement"),
        default=False,
        help_text=_(
            "The steering group states its view on a granted project's change request before "
            "the funding authority decides."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["city_region"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gt=models.F("signed_on")),
                name="agreement_ends_after_signing",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", kwargs={"slug": self.slug})


class AgreementVersion(models.Model):
    """What an agreement states at one point of its life: the original text or a revision."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="versions", verbose_name=_("agreement")
    )
    number = models.PositiveSmallIntegerField(_("version number"))
    label = models.CharField(_("label"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    purpose_and_background = models.TextField(_("purpose and background"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    focus_areas_intro = models.TextField(_("introduction to the focus areas"), blank=True)
    implementation_text = models.TextField(_("implementation and monitoring"), blank=True)
    funding_text = models.TextField(_("funding"), blank=True)
    local_share_percent = models.DecimalField(
        _("local share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    eu_state_share_percent = models.DecimalField(
        _("EU and State share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    split_sentence = models.TextField(_("funding split as worded"), blank=True)
    split_applies_to_akke = models.BooleanField(
        _("the split applies to AKKE start-up funding"), default=False
    )
    akke_phase_ends_on = models.DateField(
        _("AKKE start-up phase ends on"),
        null=True,
        blank=True,
        help_text=_("Where the agreement dates the end of its AKKE start-up funding."),
    )
    source_sha256 = models.CharField(
        _("checksum of the loaded data file"), max_length=64, blank=True, editable=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="agreement_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(local_share_percent__isnull=True)
                | Q(eu_state_share_percent__isnull=True)
                | Q(local_share_percent__gte=0, eu_state_share_percent__gte=0)
                & Q(local_share_percent__lte=100, eu_state_share_percent__lte=100),
                name="agreement_version_shares_are_percentages",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} – {self.label}"

    def get_absolute_url(self) -> str:
        return reverse(
            "agreements:version",
            kwargs={"slug": self.agreement.slug, "number": self.number},
        )


class Party(models.Model):
    """A contracting party or another cooperation party named in section 1."""

    class Kind(models.TextChoices):
        CONTRACTING = "contracting", _("Contracting party")
        COOPERATION = "cooperation", _("Cooperation party")

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="parties")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("abbreviation"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    role = models.TextField(_("role"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="party_position_unique"),
            models.UniqueConstraint(fields=["version", "name"], name="party_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
