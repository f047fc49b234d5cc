from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.versions import Versioned

from .project import Project


class SteeringGroupMeeting(Versioned):
    """A meeting of the city region's steering group (johtoryhmä), where projects are selected."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("agreement")
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    location = models.CharField(_("place"), max_length=200, blank=True)
    minutes_notes = models.TextField(_("other matters in the minutes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering group meeting")
        verbose_name_plural = _("steering group meetings")
        ordering = ["agreement", "-held_on"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:meeting", kwargs={"pk": self.pk})


class MeetingAttendee(models.Model):
    """A person present at a meeting, as the minutes name them."""

    meeting = models.ForeignKey(
        SteeringGroupMeeting, on_delete=models.CASCADE, related_name="attendees"
    )
    name = models.CharField(_("name"), max_length=200)
    organization = models.CharField(_("organisation"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="attendee_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return self.name


ASSESSMENT_MAX_LENGTH = 4000


class AgendaItem(models.Model):
    """An item on a meeting's agenda; a proposal on the agenda names its project."""

    meeting = models.ForeignKey(
        SteeringGroupMeeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("project"),
    )
    # What the preparer found when assessing the proposal, for the steering group to read in
    # the meeting pack before it decides.
    assessment = models.TextField(
        _("assessor's notes"), blank=True, max_length=ASSESSMENT_MAX_LENGTH
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_position_unique"
            ),
            models.UniqueConstraint(
                fields=["meeting", "project"], name="agenda_item_project_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class ConflictOfInterest(models.Model):
    """A declared conflict of interest (esteellisyys): the person takes no part in the decision."""

    meeting = models.ForeignKey(
        SteeringGroupMeeting, on_delete=models.CASCADE, related_name="conflicts"
    )
    attendee = models.ForeignKey(
        MeetingAttendee,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("attendee"),
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="conflicts", verbose_name=_("project")
    )
    reason = models.TextField(_("reason"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["attendee", "project"], name="conflict_once_per_attendee_and_project"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attendee} – {self.project}"
