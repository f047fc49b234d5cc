"""The steering groups' summaries (koosteet): what changed in a date range, the money, the
targets, the rules and the measures without projects, read live like the situation picture."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from ekosopimus.agreements.models import Agreement
from ekosopimus.monitoring.models import ProgressReport
from ekosopimus.monitoring.situation import (
    NationalPicture,
    SituationPicture,
    national_picture,
    situation_picture,
)
from ekosopimus.portfolio.models import Decision, Project


@dataclass
class Changes:
    new_projects: list[Project]
    steering_decisions: list[Decision]
    funding_decisions: list[Decision]
    reports: list[ProgressReport]


@dataclass
class AgreementSummary:
    agreement: Agreement
    since: date | None
    until: date
    generated_at: datetime
    picture: SituationPicture
    changes: Changes


@dataclass
class NationalSummary:
    since: date | None
    until: date
    generated_at: datetime
    picture: NationalPicture
    changes: list[tuple[Agreement, Changes]]


def _bounds(since: date | None, until: date) -> tuple[datetime | None, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(since, time.min, zone) if since else None
    return start, datetime.combine(until, time.max, zone)


def _changes(*, agreement: Agreement, since: date | None, until: date) -> Changes:
    start, end = _bounds(since, until)
    projects = Project.objects.filter(agreement=agreement, is_sample=False)
    new = projects.filter(created_at__lte=end)
    decisions = Decision.objects.filter(
        project__agreement=agreement, project__is_sample=False, decided_on__lte=until
    ).select_related("project", "meeting")
    reports = ProgressReport.objects.filter(
        project__agreement=agreement, project__is_sample=False
    ).select_related("project")
    moved = Q(submitted_at__lte=end) | Q(approved_at__lte=end)
    if start:
        new = new.filter(created_at__gte=start)
        decisions = decisions.filter(decided_on__gte=since)
        moved = Q(submitted_at__range=(start, end)) | Q(approved_at__range=(start, end))
    decisions = list(decisions.order_by("decided_on", "pk"))
    return Changes(
        new_projects=list(new.select_related("lead_implementer").order_by("created_at")),
        steering_decisions=[d for d in decisions if d.body == Decision.Body.STEERING_GROUP],
        funding_decisions=[d for d in decisions if d.body == Decision.Body.FUNDING_AUTHORITY],
        reports=list(reports.filter(moved).order_by("period_start", "project__name")),
    )


def agreement_summary(
    *, agreement: Agreement, since: date | None = None, until: date | None = None
) -> AgreementSummary:
    """Johtoryhmän kooste: one agreement, changes between ``since`` (or the beginning) and
    ``until`` (or today), with the situation picture as it stands now."""
    today = timezone.localdate()
    until = until or today
    return AgreementSummary(
        agreement=agreement,
        since=since,
        until=until,
        generated_at=timezone.localtime(),
        picture=situation_picture(agreement=agreement, today=today),
        changes=_changes(agreement=agreement, since=since, until=until),
    )


def national_summary(*, since: date | None = None, until: date | None = None) -> NationalSummary:
    """Ohjausryhmän kooste: every city region side by side, with each one's changes."""
    today = timezone.localdate()
    until = until or today
    picture = national_picture(today=today)
    return NationalSummary(
        since=since,
        until=until,
        generated_at=timezone.localtime(),
        picture=picture,
        changes=[
            (row.agreement, _changes(agreement=row.agreement, since=since, until=until))
            for row in picture.rows
            if not row.is_public_summary
        ],
    )
