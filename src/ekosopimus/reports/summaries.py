"""The steering groups' summaries (koosteet): what changed in a date range, the money, the
targets, the rules and the measures without projects, read live like the situation picture."""

from dataclasses import dataclass, field
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
from ekosopimus.portfolio.models import Decision, ProgrammePeriod, Project, ProjectImport

# Up to this many new projects that came with imports are listed one by one; beyond it a summary
# counts them, so that a summary of a large import stays short.
IMPORTED_LISTED = 25


@dataclass
class Changes:
    """What happened in the summary's period.

    New projects are the agreement's own 2021–2027 projects created in the period; projects of
    earlier programme periods, which an import of an old EURA list brings in, are not new work
    of the agreement and show only in the import's counts.
    """

    new_projects: list[Project]
    steering_decisions: list[Decision]
    funding_decisions: list[Decision]
    reports: list[ProgressReport]
    # New projects that came with imports and are counted rather than listed.
    imported_not_listed: int = 0
    imports: list[ProjectImport] = field(default_factory=list)

    @property
    def new_project_count(self) -> int:
        return len(self.new_projects) + self.imported_not_listed


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
    new = Project.objects.filter(
        agreement=agreement,
        is_sample=False,
        programme_period=ProgrammePeriod.P2021,
        created_at__lte=end,
    )
    imports = ProjectImport.objects.filter(agreement=agreement, imported_at__lte=end)
    decisions = Decision.objects.filter(
        project__agreement=agreement, project__is_sample=False, decided_on__lte=until
    ).select_related("project", "meeting")
    reports = ProgressReport.objects.filter(
        project__agreement=agreement, project__is_sample=False
    ).select_related("project")
    moved = Q(submitted_at__lte=end) | Q(approved_at__lte=end)
    if start:
        new = new.filter(created_at__gte=start)
        imports = imports.filter(imported_at__gte=start)
        decisions = decisions.filter(decided_on__gte=since)
        moved = Q(submitted_at__range=(start, end)) | Q(approved_at__range=(start, end))
    decisions = list(decisions.order_by("decided_on", "pk"))
    # An imported project names its file; one made in the portfolio names none.
    by_hand = new.filter(source="")
    imported = new.exclude(source="")
    imported_count = imported.count()
    listed = by_hand if imported_count > IMPORTED_LISTED else new
    return Changes(
        new_projects=list(listed.select_related("lead_implementer").order_by("created_at", "pk")),
        steering_decisions=[d for d in decisions if d.body == Decision.Body.STEERING_GROUP],
        funding_decisions=[d for d in decisions if d.body == Decision.Body.FUNDING_AUTHORITY],
        reports=list(reports.filter(moved).order_by("period_start", "project__name")),
        imported_not_listed=imported_count if imported_count > IMPORTED_LISTED else 0,
        imports=list(imports.select_related("imported_by").order_by("imported_at", "pk")),
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
