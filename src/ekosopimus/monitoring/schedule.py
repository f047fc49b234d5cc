"""The reporting calendar: which progress reports each granted project owes, and when.

Nothing here is stored: a project's reporting periods follow from its run time (from its
start, or from its funding decision when no start date is recorded, to its end), cut into
periods of its agreement's length aligned to the calendar (``ReportingRules``); the last
period is the final report's. Each period is matched with the report that covers its last
day, so a report written for other dates (a whole year at once) still counts, and a change
of a project's dates or of the agreement's rules shows at once.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db import models
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.lib.periods import calendar_periods
from ekosopimus.portfolio.models import ProgrammePeriod, Project, ProjectStatus

from .models import ProgressReport, ReportingRules

# Projects whose funding has been granted owe reports until their final one is approved.
SCHEDULED_STATUSES = (ProjectStatus.GRANTED, ProjectStatus.ONGOING, ProjectStatus.CLOSED)
# A report overdue longer than this gets no reminder of its own (a list imported late would
# otherwise remind of years of old periods); the coordinator's page and digest still show it.
OVERDUE_REMINDER_DAYS = 30


class ObligationStatus(models.TextChoices):
    UPCOMING = "upcoming", gettext_lazy("Upcoming")
    DUE = "due", gettext_lazy("Due soon")
    OVERDUE = "overdue", gettext_lazy("Overdue")
    SUBMITTED = "submitted", gettext_lazy("Awaiting approval")
    RETURNED = "returned", gettext_lazy("Returned for changes")
    APPROVED = "approved", gettext_lazy("Approved")


# What the reporter still has to do something about.
OPEN = frozenset(
    {ObligationStatus.UPCOMING, ObligationStatus.DUE, ObligationStatus.OVERDUE,
     ObligationStatus.RETURNED}
)  # fmt: skip


@dataclass(frozen=True)
class ReportingPeriod:
    number: int
    start: date
    end: date
    due_on: date
    is_final: bool


@dataclass(frozen=True)
class Obligation:
    """One report a project owes, with the report written for it so far (if any)."""

    project: Project
    period: ReportingPeriod
    report: ProgressReport | None
    status: str
    reminder_days: int
    today: date = field(repr=False, default=date.min)

    @property
    def status_label(self) -> str:
        return ObligationStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def late(self) -> bool:
        """Past its due date and not yet handed in."""
        return self.status in (ObligationStatus.OVERDUE, ObligationStatus.RETURNED) and (
            self.period.due_on < self.today
        )

    @property
    def url(self) -> str:
        """Where the reporter writes the report: its page once begun, otherwise a new report
        with the period's dates filled in."""
        if self.report is not None:
            return reverse("monitoring:report", args=[self.report.pk])
        query = urlencode(
            {"alku": self.period.start.isoformat(), "loppu": self.period.end.isoformat()}
        )
        return f"{reverse('monitoring:report_create', args=[self.project.pk])}?{query}"

    @property
    def key(self) -> str:
        """Names the obligation in message keys: the project and the period's last day."""
        return f"{self.project.pk}:{self.period.end:%Y%m%d}"


@dataclass(frozen=True)
class Unscheduled:
    """A granted project whose periods cannot be worked out, and why."""

    project: Project
    reason: str


@dataclass
class Schedule:
    obligations: list[Obligation]
    unscheduled: list[Unscheduled]

    def with_status(self, *statuses: str) -> list[Obligation]:
        return [o for o in self.obligations if o.status in statuses]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ObligationStatus.values, 0)
        for obligation in self.obligations:
            counts[obligation.status] += 1
        return counts


def rules_for(agreement) -> ReportingRules:
    """The agreement's reporting rules, or the defaults (half-yearly, due 30 days after the
    period, the final report 60 days after the end, the first reminder 14 days before)."""
    try:
        return agreement.reporting_rules
    except ReportingRules.DoesNotExist:
        # A fresh instance each time: a form given it may change it before it is saved.
        return ReportingRules(agreement=agreement)


def reporting_periods(*, start: date, end: date, rules: ReportingRules) -> list[ReportingPeriod]:
    """The periods of a project running ``start``–``end`` under ``rules``."""
    spans = calendar_periods(start, end, rules.period_months)
    return [
        ReportingPeriod(
            number=number,
            start=first,
            end=last,
            due_on=last
            + timedelta(days=rules.final_due_days if number == len(spans) else rules.due_days),
            is_final=number == len(spans),
        )
        for number, (first, last) in enumerate(spans, start=1)
    ]


def scheduled_projects(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Of ``projects``, those that owe reports, with what their schedule is worked out from."""
    return (
        projects.filter(status__in=SCHEDULED_STATUSES, programme_period=ProgrammePeriod.P2021)
        .select_related("agreement__reporting_rules", "lead_implementer")
        .annotate(granted_on=Max("decisions__decided_on", filter=Q(decisions__outcome="granted")))
        .order_by("end_date", "name", "pk")
    )


def _why_unscheduled(project: Project) -> str | None:
    start = project.start_date or getattr(project, "granted_on", None)
    if project.end_date is None:
        return _("The project has no end date: record it, and the reporting periods follow.")
    if start is None:
        return _(
            "The project has neither a start date nor a funding decision: record either, "
            "and the reporting periods follow."
        )
    if project.end_date < start:
        return _("The project ends before its funding decision: check its dates.")
    return None


def _status(report: ProgressReport | None, due_on: date, today: date, reminder_days: int) -> str:
    if report is not None and report.status != ProgressReport.Status.DRAFT:
        return {
            ProgressReport.Status.SUBMITTED: ObligationStatus.SUBMITTED,
            ProgressReport.Status.RETURNED: ObligationStatus.RETURNED,
            ProgressReport.Status.APPROVED: ObligationStatus.APPROVED,
        }[report.status]
    if today > due_on:
        return ObligationStatus.OVERDUE
    if today >= due_on - timedelta(days=reminder_days):
        return ObligationStatus.DUE
    return ObligationStatus.UPCOMING


def schedule_for(projects: QuerySet[Project], *, today: date) -> Schedule:
    """Every report the granted projects among ``projects`` owe, in order of due date, and
    the granted projects whose periods cannot be worked out. Three queries in all."""
    chosen = list(scheduled_projects(projects))
    reports = defaultdict(list)
    for report in ProgressReport.objects.filter(project__in=[p.pk for p in chosen]).order_by(
        "period_start"
    ):
        reports[report.project_id].append(report)
    obligations, unscheduled = [], []
    for project in chosen:
        reason = _why_unscheduled(project)
        if reason:
            unscheduled.append(Unscheduled(project, reason))
            continue
        rules = rules_for(project.agreement)
        for period in reporting_periods(
            start=project.start_date or project.granted_on, end=project.end_date, rules=rules
        ):
            report = next(
                (r for r in reports[project.pk] if r.period_start <= period.end <= r.period_end),
                None,
            )
            obligation = Obligation(
                project=project,
                period=period,
                report=report,
                status=_status(report, period.due_on, today, rules.reminder_days),
                reminder_days=rules.reminder_days,
                today=today,
            )
            obligations.append(obligation)
    obligations.sort(key=lambda o: (o.period.due_on, o.project.name, o.project.pk))
    return Schedule(obligations, unscheduled)


def project_schedule(project: Project, *, today: date) -> Schedule | str:
    """The schedule of one project, or one sentence that says why it has none."""
    if project.programme_period != ProgrammePeriod.P2021:
        return _("Projects of earlier programme periods have no reporting schedule here.")
    if project.status not in SCHEDULED_STATUSES:
        if project.status == ProjectStatus.DISCONTINUED:
            return _("The project was discontinued; it owes no further reports.")
        return _(
            "Funding has not been granted: the reporting schedule begins with the funding decision."
        )
    schedule = schedule_for(Project.objects.filter(pk=project.pk), today=today)
    if schedule.unscheduled:
        return schedule.unscheduled[0].reason
    return schedule


def reminder_stage(obligation: Obligation, today: date) -> str | None:
    """Which reminder an open report gets today, if any: ``before`` from ``reminder_days``
    before the due date, ``due`` on the day, ``overdue`` in the month after it."""
    if obligation.status not in (
        ObligationStatus.UPCOMING, ObligationStatus.DUE, ObligationStatus.OVERDUE
    ):  # fmt: skip
        return None
    due_on = obligation.period.due_on
    if today == due_on:
        return "due"
    if due_on - timedelta(days=obligation.reminder_days) <= today < due_on:
        return "before"
    if due_on < today <= due_on + timedelta(days=OVERDUE_REMINDER_DAYS):
        return "overdue"
    return None
