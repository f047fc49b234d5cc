"""The annual report (vuosiraportti) of one agreement for a calendar year, and its national
counterpart: the figures of the situation picture, the rules, the targets, the overlaps and
the network, read through those apps' own selectors, with the coordinator's narratives."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from ekosopimus.agreements.models import Agreement, FocusArea
from ekosopimus.agreements.selectors import version_current
from ekosopimus.analysis.network import Network, collaboration_network
from ekosopimus.analysis.overlaps import OverlapReport, overlap_report, reviews_recorded
from ekosopimus.monitoring.situation import (
    NationalPicture,
    SituationPicture,
    national_picture,
    situation_picture,
)

from .models import Narrative
from .periods import year_check
from .summaries import Changes, _changes


@dataclass
class FocusAreaNarrative:
    focus_area: FocusArea
    narrative: Narrative | None

    @property
    def is_approved(self) -> bool:
        return bool(self.narrative and self.narrative.is_approved)


@dataclass
class AnnualReport:
    agreement: Agreement
    year: int
    generated_at: datetime
    picture: SituationPicture
    changes: Changes
    narratives: list[FocusAreaNarrative]
    overlaps: OverlapReport | None
    # The coordinators' conclusions on overlaps recorded in the year, by outcome.
    overlap_conclusions: dict[str, int]
    network: Network

    @property
    def is_final(self) -> bool:
        """Final once the steering group has approved every focus area's narrative."""
        return bool(self.narratives) and all(n.is_approved for n in self.narratives)

    @property
    def has_projects(self) -> bool:
        return self.picture.total.projects > 0

    @property
    def is_empty_year(self) -> bool:
        """Nothing of the portfolio moved in the year: no new project, decision or report."""
        changes = self.changes
        return not (
            changes.new_project_count
            or changes.steering_decisions
            or changes.funding_decisions
            or changes.reports
            or changes.imports
        )


@dataclass
class NationalAnnualReport:
    year: int
    generated_at: datetime
    picture: NationalPicture
    # agreement id -> (approved narratives, focus areas)
    narratives: dict[int, tuple[int, int]] = field(default_factory=dict)
    changes: dict[int, Changes] = field(default_factory=dict)


def narratives_of(*, agreement: Agreement, year: int, areas: list[FocusArea]):
    """Each focus area of the agreement with its narrative of ``year`` (None if unwritten)."""
    written = {
        n.focus_area_number: n
        for n in Narrative.objects.filter(agreement=agreement, year=year).select_related(
            "written_by", "approved_by"
        )
    }
    return [FocusAreaNarrative(area, written.get(area.number)) for area in areas]


def _year_end(year: int) -> date:
    return min(date(year, 12, 31), timezone.localdate())


def _after(year: int) -> datetime | None:
    """The moment a past year ended, from which its figures are read back from the history;
    None for the running year, which is read as it stands."""
    if year >= timezone.localdate().year:
        return None
    return timezone.make_aware(datetime(year + 1, 1, 1))


def annual_report(*, agreement: Agreement, year: int, user=None) -> AnnualReport:
    """The annual report of ``agreement`` for ``year``: the year's changes, and money, targets
    and rules as they stood at its end, read back from the history (as they stand today for
    the running year). ``user`` limits the overlaps to the projects they read (None: every
    project). Raises ``YearOutside``."""
    year_check(agreement=agreement, year=year)
    end = _year_end(year)
    picture = situation_picture(agreement=agreement, today=end, as_of=_after(year))
    return AnnualReport(
        agreement=agreement,
        year=year,
        generated_at=timezone.localtime(),
        picture=picture,
        changes=_changes(agreement=agreement, since=date(year, 1, 1), until=date(year, 12, 31)),
        narratives=narratives_of(agreement=agreement, year=year, areas=picture.focus_areas),
        overlaps=overlap_report(agreement=agreement, user=user, limit=0)
        if picture.total.projects
        else None,
        overlap_conclusions=reviews_recorded(
            agreement=agreement, since=date(year, 1, 1), until=date(year, 12, 31)
        ),
        network=collaboration_network(user=user, agreement=agreement),
    )


def national_annual_report(*, year: int) -> NationalAnnualReport:
    """Every agreement's figures of ``year`` side by side for the national steering group."""
    picture = national_picture(today=_year_end(year), as_of=_after(year))
    approved: dict[int, list[int]] = {}
    for agreement_id, status in Narrative.objects.filter(year=year).values_list(
        "agreement_id", "status"
    ):
        approved.setdefault(agreement_id, []).append(status == Narrative.Status.APPROVED)
    counts = {}
    for row in picture.rows:
        if row.agreement.pk is None or row.is_public_summary:
            continue
        version = version_current(row.agreement)
        areas = version.focus_areas.count() if version else 0
        counts[row.agreement.pk] = (sum(approved.get(row.agreement.pk, [])), areas)
    return NationalAnnualReport(
        year=year,
        generated_at=timezone.localtime(),
        picture=picture,
        narratives=counts,
        changes={
            row.agreement.pk: _changes(
                agreement=row.agreement, since=date(year, 1, 1), until=date(year, 12, 31)
            )
            for row in picture.rows
            if row.agreement.pk and not row.is_public_summary
        },
    )
