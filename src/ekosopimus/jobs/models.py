"""A piece of long work done by a task worker rather than inside a web request."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Who asked for what, how it went and what came of it.

    The work itself runs in a task worker (``tasks.run_job``); this row is what the pages
    show and what a second run of the same task finds already claimed. Progress while the
    work runs is kept in the cache (``progress.py``), not here: an import writes inside one
    transaction, and a progress row written there would stay invisible until the end.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # The machine and process that ran the work last, for whoever looks after the service.
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    # What the work needs, as JSON-safe values; an identical request in flight is reused.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    input_file = models.CharField(_("input file"), max_length=300, blank=True)
    input_name = models.CharField(_("input file name"), max_length=255, blank=True)
    result_file = models.CharField(_("result file"), max_length=300, blank=True)
    result_name = models.CharField(_("result file name"), max_length=255, blank=True)
    result_content_type = models.CharField(max_length=120, blank=True)
    # Where the result is seen, when it is a page rather than a file (an import's record).
    result_url = models.CharField(_("result page"), max_length=300, blank=True)
    message = models.TextField(_("message"), blank=True)
    # Problems a user must see, e.g. every bad row of a refused import: [{"line", "text"}].
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "succeeded", "failed"]),
                name="job_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("jobs:detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
