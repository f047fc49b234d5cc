"""Reminders of progress reports and the coordinators' weekly summary (``send_reminders``).

Each reminder is a notification keyed by the project, the period, the stage and the
recipient, so running the job again the same day, or on two workers at once, sends nothing
more. A project's reporters get one reminder ``reminder_days`` before the due date (on the
first run in that window), one on the due day, and one on the first run in the month after
it while the report is still missing. Each coordinator gets one summary a week (on the week's
first run) when their agreement has reports overdue, due soon, waiting for approval or
returned.
"""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from ekosopimus.accounts.models import Role
from ekosopimus.accounts.selectors import members, reporters_by_project
from ekosopimus.agreements.models import Agreement
from ekosopimus.messaging.models import NotificationKind
from ekosopimus.messaging.notifications import Delivery, notify
from ekosopimus.portfolio.models import Project

from .schedule import ObligationStatus, Schedule, reminder_stage, schedule_for

# What a coordinator's weekly summary lists.
DIGESTED = frozenset(
    {ObligationStatus.OVERDUE, ObligationStatus.DUE, ObligationStatus.SUBMITTED,
     ObligationStatus.RETURNED}
)  # fmt: skip
REMINDER_TEMPLATE = "monitoring/email/report_reminder"
DIGEST_TEMPLATE = "monitoring/email/report_digest"


@dataclass
class ReminderRun:
    """What one run did: notifications made now, e-mails among them, and what went wrong."""

    today: date
    reminders: int = 0
    digests: int = 0
    emailed: int = 0
    already: int = 0
    problems: list[str] = field(default_factory=list)

    def count(self, delivery: Delivery, *, digest: bool = False) -> None:
        if not delivery.created:
            self.already += 1
            return
        if digest:
            self.digests += 1
        else:
            self.reminders += 1
        self.emailed += delivery.emailed
        if delivery.problem:
            self.problems.append(delivery.problem)


def reminders_send(*, today: date) -> ReminderRun:
    """Send the reminders and weekly summaries due ``today``."""
    run = ReminderRun(today=today)
    schedule = schedule_for(Project.objects.all(), today=today)
    _remind_reporters(schedule, today, run)
    _send_digests(schedule, today, run)
    return run


def _remind_reporters(schedule: Schedule, today: date, run: ReminderRun) -> None:
    due = [(o, stage) for o in schedule.obligations if (stage := reminder_stage(o, today))]
    reporters = reporters_by_project({o.project.pk: o.project for o, _stage in due}.values())
    for obligation, stage in due:
        recipients = reporters[obligation.project.pk]
        if not recipients:
            run.problems.append(
                _("%(project)s has no project reporter to remind of the report due %(date)s.")
                % {"project": obligation.project, "date": obligation.period.due_on.isoformat()}
            )
        for user in recipients:
            run.count(
                notify(
                    recipient=user,
                    kind=NotificationKind.REPORT_REMINDER,
                    key=f"reminder:report:{obligation.key}:{stage}:{user.pk}",
                    template=REMINDER_TEMPLATE,
                    context={"obligation": obligation, "stage": stage},
                    url=obligation.url,
                )
            )


def _send_digests(schedule: Schedule, today: date, run: ReminderRun) -> None:
    year, week, _day = today.isocalendar()
    by_agreement: dict[int, list] = {}
    for obligation in schedule.obligations:
        if obligation.status in DIGESTED:
            by_agreement.setdefault(obligation.project.agreement_id, []).append(obligation)
    unscheduled: dict[int, list] = {}
    for item in schedule.unscheduled:
        unscheduled.setdefault(item.project.agreement_id, []).append(item)
    for agreement in Agreement.objects.filter(pk__in={*by_agreement, *unscheduled}):
        obligations = by_agreement.get(agreement.pk, [])
        context = {
            "agreement": agreement,
            "today": today,
            "overdue": [o for o in obligations if o.status == ObligationStatus.OVERDUE],
            "due": [o for o in obligations if o.status == ObligationStatus.DUE],
            "submitted": [o for o in obligations if o.status == ObligationStatus.SUBMITTED],
            "returned": [o for o in obligations if o.status == ObligationStatus.RETURNED],
            "unscheduled": unscheduled.get(agreement.pk, []),
        }
        for user in members(agreement_id=agreement.pk, role=Role.COORDINATOR):
            run.count(
                notify(
                    recipient=user,
                    kind=NotificationKind.REPORT_DIGEST,
                    key=f"digest:reports:{agreement.pk}:{year}-W{week:02d}:{user.pk}",
                    template=DIGEST_TEMPLATE,
                    context=context,
                    url=reverse("monitoring:reporting", args=[agreement.slug]),
                ),
                digest=True,
            )
