"""What each role's start page shows after signing in: for a coordinator what needs their
action, for a steering group member the next meeting and its agenda, for a project reporter
their projects and what falls due, for a national viewer the national picture."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from ekosopimus.accounts.access import Access, access_for
from ekosopimus.agreements.models import Agreement
from ekosopimus.messaging.models import Notification
from ekosopimus.portfolio.models import Project, ProjectStatus, SteeringGroupMeeting
from ekosopimus.portfolio.rules import RuleResult, RuleStatus, rules_evaluate

from .models import ProgressReport
from .progress import TargetProgress, TargetStatus, target_progress
from .schedule import Obligation, ObligationStatus, schedule_for
from .situation import NationalPicture, SituationFilter, national_picture

# A reporter sees what falls due this far ahead, as grantee portals list the next 90 days.
AHEAD = timedelta(days=90)


@dataclass
class CoordinatorDesk:
    agreement: Agreement
    proposals: list[Project]  # waiting for the steering group
    awaiting_funding: list[Project]  # proposed for funding, waiting for the authority
    to_approve: list[ProgressReport]
    overdue: list[Obligation]
    returned: list[Obligation]
    rules: list[RuleResult]  # at risk or broken
    targets: list[TargetProgress]  # at risk or off track

    @property
    def anything(self) -> bool:
        return any(
            (self.proposals, self.awaiting_funding, self.to_approve, self.overdue,
             self.returned, self.rules, self.targets)
        )  # fmt: skip


@dataclass
class SteeringDesk:
    agreement: Agreement
    next_meeting: SteeringGroupMeeting | None
    last_meeting: SteeringGroupMeeting | None
    proposals: int  # waiting for a decision


@dataclass
class ReporterDesk:
    projects: list[Project]
    falls_due: list[Obligation]  # open, overdue or due within AHEAD
    unscheduled: list = field(default_factory=list)


@dataclass
class StartPage:
    coordinator: list[CoordinatorDesk]
    steering: list[SteeringDesk]
    reporter: ReporterDesk | None
    national: NationalPicture | None
    notifications: list[Notification]
    unread: int

    @property
    def has_role(self) -> bool:
        return bool(self.coordinator or self.steering or self.reporter or self.national)


def _coordinator(agreement: Agreement, today: date) -> CoordinatorDesk:
    projects = Project.objects.filter(agreement=agreement)
    waiting = list(
        projects.filter(status__in=[ProjectStatus.PROPOSED, ProjectStatus.SELECTED])
        .select_related("lead_implementer")
        .order_by("updated_at")
    )
    schedule = schedule_for(projects, today=today)
    return CoordinatorDesk(
        agreement=agreement,
        proposals=[p for p in waiting if p.status == ProjectStatus.PROPOSED],
        awaiting_funding=[p for p in waiting if p.status == ProjectStatus.SELECTED],
        to_approve=list(
            ProgressReport.objects.filter(
                project__agreement=agreement, status=ProgressReport.Status.SUBMITTED
            )
            .select_related("project")
            .order_by("submitted_at")
        ),
        overdue=schedule.with_status(ObligationStatus.OVERDUE),
        returned=schedule.with_status(ObligationStatus.RETURNED),
        rules=[
            rule
            for rule in rules_evaluate(agreement=agreement, today=today).rules
            if rule.status in (RuleStatus.AT_RISK, RuleStatus.BROKEN)
        ],
        targets=[
            progress
            for progress in target_progress(agreement=agreement, today=today)
            if progress.status in (TargetStatus.AT_RISK, TargetStatus.OFF_TRACK)
        ],
    )


def _steering(agreement: Agreement, today: date) -> SteeringDesk:
    meetings = SteeringGroupMeeting.objects.filter(agreement=agreement).prefetch_related(
        "agenda_items__project"
    )
    return SteeringDesk(
        agreement=agreement,
        next_meeting=meetings.filter(held_on__gte=today).order_by("held_on", "pk").first(),
        last_meeting=meetings.filter(held_on__lt=today).order_by("-held_on", "-pk").first(),
        proposals=Project.objects.filter(
            agreement=agreement, status=ProjectStatus.PROPOSED
        ).count(),
    )


def _reporter(access: Access, today: date) -> ReporterDesk:
    projects = Project.objects.filter(access.reported_scope())
    schedule = schedule_for(projects, today=today)
    return ReporterDesk(
        projects=list(projects.select_related("agreement").order_by("agreement", "name")),
        falls_due=[
            o for o in schedule.obligations if o.is_open and o.period.due_on <= today + AHEAD
        ],
        unscheduled=schedule.unscheduled,
    )


def start_page(*, user, today: date) -> StartPage:
    """The start page of ``user``: a part for each role they hold."""
    access = access_for(user)
    agreements = {
        a.pk: a for a in Agreement.objects.filter(pk__in=access.coordinates | access.steers)
    }
    notifications = Notification.objects.filter(recipient=user)
    return StartPage(
        coordinator=[_coordinator(agreements[pk], today) for pk in sorted(access.coordinates)],
        steering=[_steering(agreements[pk], today) for pk in sorted(access.steers)],
        reporter=_reporter(access, today) if access.reports_for else None,
        national=national_picture(filters=SituationFilter()) if access.reads_all else None,
        notifications=list(notifications.filter(read_at=None)[:5]),
        unread=notifications.filter(read_at=None).count(),
    )
