from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    """What a user does. The first three are held per agreement; a national viewer reads all
    agreements. Administrators are Django superusers and need no membership."""

    COORDINATOR = "coordinator", _("Coordinator")
    STEERING_MEMBER = "steering_member", _("Steering group member")
    REPORTER = "reporter", _("Project reporter")
    NATIONAL_VIEWER = "national_viewer", _("National viewer")


class Membership(models.Model):
    """One role of one user: in an agreement (and, for a project reporter, for one
    organisation's projects), or across agreements as a national viewer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("agreement"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
        help_text=_("Only for project reporters: whose projects they report."),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["user", "agreement", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role=Role.NATIONAL_VIEWER) & Q(agreement__isnull=True))
                | (~Q(role=Role.NATIONAL_VIEWER) & Q(agreement__isnull=False)),
                name="membership_agreement_unless_national",
            ),
            models.CheckConstraint(
                condition=Q(role=Role.REPORTER, organization__isnull=False)
                | (~Q(role=Role.REPORTER) & Q(organization__isnull=True)),
                name="membership_organization_only_for_reporters",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agreement"],
                condition=~Q(role=Role.REPORTER),
                name="membership_unique_role_in_agreement",
            ),
            models.UniqueConstraint(
                fields=["user", "agreement", "organization"],
                condition=Q(role=Role.REPORTER),
                name="membership_unique_reporter",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role=Role.NATIONAL_VIEWER),
                name="membership_unique_national_viewer",
            ),
        ]

    def __str__(self) -> str:
        where = self.agreement.city_region if self.agreement_id else _("all agreements")
        if self.organization_id:
            where = f"{where}, {self.organization}"
        return f"{self.user}: {self.get_role_display()} ({where})"


class Erasure(models.Model):
    """That a person's personal data was erased: who erased it, when and why, and the pseudonym
    that stands for the person from then on. It holds none of the erased data."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("User account")
        NAME = "name", _("Name in the records")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="erasure",
        verbose_name=_("erased account"),
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=100, unique=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erased by"),
    )
    erased_at = models.DateTimeField(_("erased at"), auto_now_add=True)
    reason = models.TextField(_("reason"))
    # Records changed per kind of record ("portfolio.meetingattendee" -> 2); no values.
    counts = models.JSONField(_("records changed"), default=dict, blank=True)

    class Meta:
        verbose_name = _("erasure of personal data")
        verbose_name_plural = _("erasures of personal data")
        ordering = ["-erased_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="account", user__isnull=False) | Q(kind="name", user__isnull=True),
                name="erasure_account_names_its_user",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="erasure_has_a_reason"),
        ]

    def __str__(self) -> str:
        return self.pseudonym
