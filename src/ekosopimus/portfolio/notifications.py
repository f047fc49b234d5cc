"""Telling people of the portfolio's events: a decision on a project goes to the project's
contact persons (its organisations' reporters), a meeting scheduled to the steering group.

These run in a task worker once the event's transaction has committed (``announce``).
"""

from django.utils import timezone

from ekosopimus.accounts.models import Role
from ekosopimus.accounts.selectors import members, project_reporters
from ekosopimus.messaging.models import NotificationKind
from ekosopimus.messaging.notifications import Delivery, notify

from .models import Decision, SteeringGroupMeeting


def decision_notify(*, decision_id: int) -> list[Delivery]:
    """Tell the project's contact persons of a steering group or funding decision on it."""
    decision = (
        Decision.objects.select_related("project__agreement", "meeting")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:  # undone before the worker came to it
        return []
    steering = decision.body == Decision.Body.STEERING_GROUP
    project = decision.project
    return [
        notify(
            recipient=user,
            kind=NotificationKind.STEERING_DECISION
            if steering
            else NotificationKind.FUNDING_DECISION,
            key=f"decision:{decision.pk}:{user.pk}",
            template="portfolio/email/decision",
            context={"decision": decision, "project": project, "steering": steering},
            url=project.get_absolute_url(),
        )
        for user in project_reporters(project)
    ]


def meeting_notify(*, meeting_id: int) -> list[Delivery]:
    """Tell the steering group's members of a meeting scheduled, with the link to its agenda.

    A meeting recorded after it was held (its minutes entered afterwards) is no news."""
    meeting = SteeringGroupMeeting.objects.select_related("agreement").filter(pk=meeting_id).first()
    if meeting is None or meeting.held_on < timezone.localdate():
        return []
    return [
        notify(
            recipient=user,
            kind=NotificationKind.MEETING_SCHEDULED,
            key=f"meeting:{meeting.pk}:{user.pk}",
            template="portfolio/email/meeting",
            context={"meeting": meeting},
            url=meeting.get_absolute_url(),
        )
        for user in members(agreement_id=meeting.agreement_id, role=Role.STEERING_MEMBER)
    ]
