"""Agreements read from an uploaded document, waiting for a coordinator's review."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekosopimus.lib.versions import Versioned

from .agreement import Agreement, AgreementVersion


class AgreementDraft(Versioned):
    """What the importer read from one document: agreement data in the curated files' shape,
    where each item came from, and the document's lines to review it against."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        DISCARDED = "discarded", _("Discarded")

    filename = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    data = models.JSONField(_("agreement data"))
    sources = models.JSONField(_("where each item came from"), default=dict)
    notes = models.JSONField(_("what the reader could not find"), default=list)
    source_lines = models.JSONField(_("the document's lines"), default=list)
    published_version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published as"),
    )

    revises = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revision_drafts",
        verbose_name=_("revises"),
        help_text=_("The agreement whose revision the document is, when uploaded as one."),
    )
    # The coordinator's choices for the links that do not carry over by themselves, by the
    # link's key (``agreements.anchors``): the item of the revision they go to, or an end.
    carry_over = models.JSONField(_("carry-over choices"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement draft")
        verbose_name_plural = _("agreement drafts")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("agreements:draft", kwargs={"pk": self.pk})
