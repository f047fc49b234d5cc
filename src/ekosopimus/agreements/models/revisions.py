"""The written record of a revision, and a party's notice of termination.

Every agreement says that the parties may revise it together, in writing, and that a party may
revise or terminate it when its conditions change; the revision and the notice of termination
are made in writing. These records keep that writing beside the version it produced.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .agreement import Agreement, AgreementVersion


class Revision(models.Model):
    """How a published version came about: who initiated it and when it enters into force."""

    version = models.OneToOneField(
        AgreementVersion,
        on_delete=models.CASCADE,
        related_name="revision",
        verbose_name=_("version"),
    )
    initiated_by = models.CharField(
        _("initiated by"), max_length=200, help_text=_("The party whose initiative it was.")
    )
    summary = models.TextField(_("what was revised and why"), blank=True)
    enters_into_force_on = models.DateField(_("enters into force on"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    source_document = models.CharField(_("source document"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["version"]

    def __str__(self) -> str:
        return str(self.version)


class PartyDecision(models.Model):
    """A party's decision to accept the revision: which body decided, when, and its minutes."""

    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("revision")
    )
    party = models.CharField(_("party"), max_length=200)
    body = models.CharField(
        _("deciding body"), max_length=200, help_text=_("E.g. the city board, the ministry.")
    )
    decided_on = models.DateField(_("decided on"))
    reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    document_name = models.CharField(_("document"), max_length=255, blank=True)
    # Kept in the database so that a backup holds the decision with the record it proves.
    document = models.BinaryField(_("document content"), blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["document"])

    class Meta:
        verbose_name = _("party's decision")
        verbose_name_plural = _("parties' decisions")
        ordering = ["revision", "decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.party}: {self.body}"


class Signature(models.Model):
    """A party's signature of the revised agreement."""

    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("revision")
    )
    party = models.CharField(_("party"), max_length=200)
    signatory = models.CharField(_("signed by"), max_length=200)
    signed_on = models.DateField(_("signed on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["revision", "signed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "party"], name="signature_one_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.signatory}"


class TerminationNotice(models.Model):
    """A party's written notice that it terminates the agreement (purkamisilmoitus)."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="termination_notices",
        verbose_name=_("agreement"),
    )
    party = models.CharField(_("party"), max_length=200)
    given_on = models.DateField(_("notice given on"))
    effective_on = models.DateField(_("termination takes effect on"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("termination notice")
        verbose_name_plural = _("termination notices")
        ordering = ["agreement", "given_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("given_on")),
                name="termination_takes_effect_after_notice",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="termination_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.party}"
