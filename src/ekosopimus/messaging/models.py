"""The outbox: every e-mail the service sends, with what became of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class NotificationKind(models.TextChoices):
    """What a notification is about; each user chooses which kinds also come by e-mail."""

    REPORT_REMINDER = "report_reminder", _("Reminders of progress reports falling due")
    REPORT_DIGEST = "report_digest", _("Weekly summary of the agreement's reports (coordinators)")
    STEERING_DECISION = "steering_decision", _("Steering group decisions on my projects")
    FUNDING_DECISION = "funding_decision", _("Funding decisions on my projects")
    REPORT_RETURNED = "report_returned", _("Progress reports returned to me")
    MEETING_SCHEDULED = "meeting_scheduled", _("Steering group meetings scheduled")


# The preference field that switches each kind's e-mail on or off.
EMAIL_FIELDS = {kind: f"email_{kind}" for kind in NotificationKind.values}


class Preferences(models.Model):
    """What a user has chosen for the messages they get: the language, which notifications
    also come by e-mail, and the secret address of their calendar feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_preferences"
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    email_report_reminder = models.BooleanField(
        NotificationKind.REPORT_REMINDER.label, default=True
    )
    email_report_digest = models.BooleanField(NotificationKind.REPORT_DIGEST.label, default=True)
    email_steering_decision = models.BooleanField(
        NotificationKind.STEERING_DECISION.label, default=True
    )
    email_funding_decision = models.BooleanField(
        NotificationKind.FUNDING_DECISION.label, default=True
    )
    email_report_returned = models.BooleanField(
        NotificationKind.REPORT_RETURNED.label, default=True
    )
    email_meeting_scheduled = models.BooleanField(
        NotificationKind.MEETING_SCHEDULED.label, default=True
    )
    # The secret part of the calendar feed's address; a new one revokes the old, none stops it.
    calendar_token = models.CharField(
        _("calendar feed key"), max_length=64, null=True, blank=True, unique=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=["calendar_token"])

    class Meta:
        verbose_name = _("message preferences")
        verbose_name_plural = _("message preferences")

    def __str__(self) -> str:
        return str(self.user)


class OutboxMessage(models.Model):
    """One e-mail to one address, rendered in its recipient's language when it was queued.

    ``key`` names what the message is about ("password-reset:12:…", "reminder:report:7:due"):
    a message with a key already in the outbox is not queued again, so a job that runs twice
    sends nothing twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    key = models.CharField(_("key"), max_length=200, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sending", "sent", "failed"]),
                name="outbox_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class Notification(models.Model):
    """Something a user was told, listed in the app whether or not it also came by e-mail.

    Its ``key`` is the outbox key of the same message, so that a job that runs twice lists
    nothing twice. The subject is written in the recipient's language when it was made, as
    the e-mail was. A user's own reading marks are not kept in the history.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    key = models.CharField(_("key"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=255)
    url = models.CharField(_("link"), max_length=500, blank=True)
    message = models.ForeignKey(
        OutboxMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("e-mail"),
    )
    # Why no e-mail went with it, when one should have (no address): shown beside it.
    email_problem = models.CharField(_("e-mail not sent"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values),
                name="notification_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
