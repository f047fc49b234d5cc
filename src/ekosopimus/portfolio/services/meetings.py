"""Steering group meetings: attendees, the agenda and declared conflicts of interest."""

from datetime import date
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.history import save_with_history
from ekosopimus.messaging.notifications import announce

from ..models import (
    AgendaItem,
    ConflictOfInterest,
    Decision,
    MeetingAttendee,
    Project,
    SteeringGroupMeeting,
)
from ..models.meetings import ASSESSMENT_MAX_LENGTH


@transaction.atomic
def meeting_create(
    *,
    agreement: Agreement,
    held_on: date,
    title: str,
    by: AbstractBaseUser | None,
    location: str = "",
    attendees: list[tuple[str, str, str]] = (),
) -> SteeringGroupMeeting:
    """A steering group meeting, with attendees as (name, organisation, role)."""
    meeting = SteeringGroupMeeting(
        agreement=agreement, held_on=held_on, title=title.strip(), location=location.strip()
    )
    save_with_history(meeting, by=by, reason=_("Meeting created"))
    announce(partial(_notify_meeting, meeting.pk))
    for name, organization, role in attendees:
        meeting_attendee_add(
            meeting=meeting, name=name, organization=organization, role=role, by=by
        )
    return meeting


@transaction.atomic
def meeting_attendee_add(
    *,
    meeting: SteeringGroupMeeting,
    name: str,
    by: AbstractBaseUser | None,
    organization: str = "",
    role: str = "",
) -> MeetingAttendee:
    """Add a person present at the meeting."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("An attendee needs a name.")})
    if meeting.attendees.filter(name=name).exists():
        raise ValidationError({"name": _("%(name)s is already listed.") % {"name": name}})
    attendee = MeetingAttendee(
        meeting=meeting, name=name, organization=organization.strip(), role=role.strip()
    )
    return save_with_history(attendee, by=by, reason=_("Attendee added"))


@transaction.atomic
def agenda_item_add(
    *,
    meeting: SteeringGroupMeeting,
    by: AbstractBaseUser | None,
    project: Project | None = None,
    title: str = "",
) -> AgendaItem:
    """Put a matter on the agenda; a proposal is put on it by its project."""
    if project is not None:
        if project.agreement_id != meeting.agreement_id:
            raise ValidationError(_("The project belongs to another agreement."))
        if meeting.agenda_items.filter(project=project).exists():
            raise ValidationError(_("The project is already on this meeting's agenda."))
        title = title or _("Proposal: %(project)s") % {"project": project}
    if not title.strip():
        raise ValidationError({"title": _("An agenda item needs a title.")})
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting, position=last + 1, title=title.strip()[:300], project=project
    )
    return save_with_history(item, by=by, reason=_("Agenda item added"))


@transaction.atomic
def agenda_item_assess(*, item: AgendaItem, notes: str, by: AbstractBaseUser | None) -> AgendaItem:
    """Record the assessor's notes on a proposal on the agenda, for the meeting pack; empty
    notes clear them. Refused once the steering group has decided on the proposal."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.project_id is None:
        raise ValidationError(_("Only a proposal on the agenda is assessed."))
    decided = Decision.objects.filter(
        project_id=item.project_id,
        meeting_id=item.meeting_id,
        body=Decision.Body.STEERING_GROUP,
    )
    if decided.exists():
        raise ValidationError(
            _("The steering group has decided on this proposal; its assessment is closed.")
        )
    notes = "\n".join(line.rstrip() for line in notes.strip().splitlines())
    if len(notes) > ASSESSMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "notes": _("The notes are %(n)s characters long; at most %(max)s fit.")
                % {"n": len(notes), "max": ASSESSMENT_MAX_LENGTH}
            }
        )
    if notes == item.assessment:
        return item
    item.assessment = notes
    return save_with_history(item, by=by, reason=_("Assessor's notes recorded"))


@transaction.atomic
def conflict_declare(
    *,
    attendee: MeetingAttendee,
    project: Project,
    by: AbstractBaseUser | None,
    reason: str = "",
) -> ConflictOfInterest:
    """Record that ``attendee`` declared a conflict of interest on ``project``."""
    if project.agreement_id != attendee.meeting.agreement_id:
        raise ValidationError(_("The project belongs to another agreement."))
    if ConflictOfInterest.objects.filter(attendee=attendee, project=project).exists():
        raise ValidationError(_("This conflict of interest is already recorded."))
    conflict = ConflictOfInterest(
        meeting=attendee.meeting, attendee=attendee, project=project, reason=reason.strip()
    )
    return save_with_history(conflict, by=by, reason=_("Conflict of interest declared"))


def _notify_meeting(meeting_id: int) -> None:
    from ..tasks import notify_meeting

    notify_meeting.enqueue(meeting_id)
