"""Telling a reporter that their progress report was returned, with the coordinator's reason."""

from django.urls import reverse

from ekosopimus.accounts.selectors import project_reporters
from ekosopimus.messaging.models import NotificationKind
from ekosopimus.messaging.notifications import Delivery, notify

from .models import ProgressReport


def report_returned_notify(*, report_id: int) -> list[Delivery]:
    """Tell whoever submitted the report (or, failing them, the project's reporters) that it
    was returned, and why. Each return is told once."""
    report = ProgressReport.objects.select_related("project").filter(pk=report_id).first()
    if report is None or report.status != ProgressReport.Status.RETURNED:
        return []
    returned = report.history.filter(status=ProgressReport.Status.RETURNED).first()
    # Each return is its own news: a report returned twice is told of twice.
    returned_id = returned.history_id if returned is not None else 0
    submitted = report.history.filter(status=ProgressReport.Status.SUBMITTED).first()
    submitter = submitted.history_user if submitted is not None else None
    recipients = (
        [submitter]
        if submitter is not None and submitter.is_active
        else project_reporters(report.project)
    )
    return [
        notify(
            recipient=user,
            kind=NotificationKind.REPORT_RETURNED,
            key=f"report-returned:{report.pk}:{returned_id}:{user.pk}",
            template="monitoring/email/report_returned",
            context={"report": report},
            url=reverse("monitoring:report", args=[report.pk]),
        )
        for user in recipients
    ]
