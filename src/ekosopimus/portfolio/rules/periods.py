"""Dates: project periods within the agreement, AKKE within its start-up phase, and the
coordination project's instrument by date."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import (
    Agreement,
    AgreementVersion,
    CoordinationFundingPhase,
    GovernanceBody,
    Instrument,
)

from .facts import ProjectFacts
from .result import Figure, RuleResult, RuleStatus, Table, worst
from .sums import PortfolioSums


def _project_row(project: ProjectFacts, why: str) -> list[Figure]:
    return [
        Figure("", str(project), "text", reverse("portfolio:project", kwargs={"pk": project.pk})),
        Figure("", project.start_date, "date"),
        Figure("", project.end_date, "date"),
        Figure("", why, "text"),
    ]


def _projects_table(caption: str, rows: list[list[Figure]]) -> list[Table]:
    if not rows:
        return []
    return [Table(caption, [_("Project"), _("Starts"), _("Ends"), _("Why")], rows)]


def _offence(project: ProjectFacts) -> RuleStatus:
    # A decided project is a fact; a planned one can still be changed.
    return RuleStatus.BROKEN if project.is_decided else RuleStatus.AT_RISK


def _outside_caption(count: int, listed: int) -> str:
    if listed >= count:
        return _("Projects outside the agreement's validity")
    return _(
        "Projects outside the agreement's validity: the first %(listed)s of %(count)s, "
        "decided ones first"
    ) % {"listed": number_format(listed), "count": number_format(count, force_grouping=True)}


def validity_rule(*, agreement: Agreement, sums: PortfolioSums) -> RuleResult:
    """Projects whose period begins before the agreement was signed or ends after it ends."""
    starts, ends = agreement.signed_on, agreement.ends_on
    outside = sums.outside
    rows = []
    for project in outside.listed:
        if starts and project.start_date and project.start_date < starts:
            why = _("starts before the agreement was signed")
        else:
            why = _("ends after the agreement ends")
        rows.append(_project_row(project, why))
    dated = sums.dated
    if outside.count:
        # A decided project is a fact; a planned one can still be changed.
        status = RuleStatus.BROKEN if outside.decided else RuleStatus.AT_RISK
    else:
        status = RuleStatus.HOLDS if dated else RuleStatus.NO_DATA
    values = {
        "n": outside.count,
        "dated": dated,
        "ends": date_format(ends, "SHORT_DATE_FORMAT") if ends else "–",
    }
    if status == RuleStatus.NO_DATA:
        sentence = _("No project has dates yet, so the periods cannot be checked.")
    elif status == RuleStatus.HOLDS:
        sentence = _("All %(dated)s projects with dates fall within the agreement (ends %(ends)s).")
    else:
        sentence = _(
            "%(n)s of %(dated)s projects with dates fall outside the agreement's validity."
        )
    return RuleResult(
        key="validity",
        title=_("Project periods within the agreement's validity"),
        status=status,
        sentence=sentence % values,
        source=agreement.entry_into_force,
        figures=[
            Figure(_("Signed on"), starts, "date"),
            Figure(_("Ends on"), ends, "date"),
            Figure(_("Projects with dates"), dated, "count"),
            Figure(_("Outside the validity"), outside.count, "count"),
        ],
        tables=_projects_table(_outside_caption(outside.count, len(rows)), rows),
    )


def _coordination(version: AgreementVersion) -> GovernanceBody | None:
    # Filtered here rather than in a query, so that a prefetched version costs no query.
    kind = GovernanceBody.Kind.COORDINATION_PROJECT
    return next((body for body in version.governance_bodies.all() if body.kind == kind), None)


def akke_phase_end(version: AgreementVersion) -> tuple[date | None, str]:
    """When AKKE start-up funding ends, and where that date comes from.

    The agreement's own date wins; otherwise the end of the coordination project's AKKE
    phase, which is the only AKKE period the seed texts date.
    """
    if version.akke_phase_ends_on:
        return version.akke_phase_ends_on, _("the agreement")
    body = _coordination(version)
    if body is not None:
        phase = next(
            (
                phase
                for phase in body.funding_phases.all()
                if phase.instrument == Instrument.AKKE and phase.ends_on is not None
            ),
            None,
        )
        if phase is not None:
            return phase.ends_on, _("the coordination project's AKKE phase")
    return None, ""


def akke_rule(*, version: AgreementVersion, sums: PortfolioSums) -> RuleResult | None:
    """Projects with AKKE money whose period runs past the start-up phase."""
    named = next((i for i in version.instruments.all() if i.instrument == Instrument.AKKE), None)
    if named is None:
        return None
    ends, origin = akke_phase_end(version)
    akke = [p for p in sums.notable if Instrument.AKKE in p.instruments()]
    rows, statuses = [], []
    if ends is not None:
        for project in akke:
            if project.start_date and project.start_date > ends:
                why = _("starts after the start-up phase")
            elif project.end_date and project.end_date > ends:
                why = _("runs past the start-up phase")
            else:
                continue
            rows.append(_project_row(project, why))
            statuses.append(_offence(project))
    values = {
        "n": len(rows),
        "akke": len(akke),
        "ends": date_format(ends, "SHORT_DATE_FORMAT") if ends else "",
        "origin": origin,
    }
    if ends is None:
        status = RuleStatus.NO_DATA
        sentence = _(
            "The agreement does not date the end of the AKKE start-up phase; record it in the "
            "agreement's funding to check the %(akke)s projects with AKKE money."
        )
    elif not akke:
        status, sentence = RuleStatus.HOLDS, _("No project has AKKE money.")
    elif not rows:
        status = RuleStatus.HOLDS
        sentence = _(
            "All %(akke)s projects with AKKE money end by %(ends)s, the end of the start-up "
            "phase (from %(origin)s)."
        )
    else:
        status = worst(statuses)
        sentence = _(
            "%(n)s of %(akke)s projects with AKKE money run past %(ends)s, the end of the "
            "start-up phase (from %(origin)s)."
        )
    return RuleResult(
        key="akke_phase",
        title=_("AKKE money within its start-up phase"),
        status=status,
        sentence=sentence % values,
        source=named.note,
        figures=[
            Figure(_("Start-up phase ends"), ends, "date"),
            Figure(_("Projects with AKKE money"), len(akke), "count"),
            Figure(_("Outside the start-up phase"), len(rows), "count"),
        ],
        tables=_projects_table(_("AKKE projects outside the start-up phase"), rows),
    )


def _overlaps(phase: CoordinationFundingPhase, start: date, end: date) -> bool:
    return (phase.starts_on is None or phase.starts_on <= end) and (
        phase.ends_on is None or phase.ends_on >= start
    )


def coordination_rule(*, version: AgreementVersion, sums: PortfolioSums) -> RuleResult | None:
    """The coordination project is funded by the instrument the agreement names for each date."""
    body = _coordination(version)
    phases = list(body.funding_phases.all()) if body is not None else []
    if not phases:
        return None
    projects = [p for p in sums.notable if p.is_coordination_project]
    rows, statuses = [], []
    for project in projects:
        if not (project.start_date and project.end_date and project.instruments()):
            statuses.append(RuleStatus.NO_DATA)
            continue
        why = _misfunded(project, phases)
        if why:
            rows.append(_project_row(project, why))
            statuses.append(_offence(project))
        else:
            statuses.append(RuleStatus.HOLDS)
    status = worst(statuses)
    values = {"n": len(rows), "total": len(projects)}
    if not projects:
        sentence = _("No project is marked as the coordination project yet.")
    elif status == RuleStatus.NO_DATA:
        sentence = _("The coordination project has no dates or EU + State money recorded yet.")
    elif status == RuleStatus.HOLDS:
        sentence = _(
            "The coordination project is funded by the instrument the agreement names for "
            "its dates."
        )
    else:
        sentence = _(
            "%(n)s of %(total)s coordination projects use an instrument outside the phase the "
            "agreement names for it."
        )
    return RuleResult(
        key="coordination_instrument",
        title=_("The coordination project's instrument by date"),
        status=status,
        sentence=sentence % values,
        source=" ".join(phase.sentence for phase in phases if phase.sentence),
        figures=[
            Figure(str(Instrument(phase.instrument).label), _phase_dates(phase), "text")
            for phase in phases
        ]
        + [Figure(_("Coordination projects"), len(projects), "count")],
        tables=_projects_table(_("Coordination projects on the wrong instrument"), rows),
    )


def _misfunded(project: ProjectFacts, phases: list[CoordinationFundingPhase]) -> str:
    """Why the project's instruments do not match the phases of its dates; empty if they do."""
    start, end = project.start_date, project.end_date
    instruments = project.instruments()
    idle = sorted(
        i
        for i in instruments
        if not any(p.instrument == i and _overlaps(p, start, end) for p in phases)
    )
    if idle:
        return _("funded with %(instruments)s outside its phase") % {
            "instruments": ", ".join(Instrument(i).label for i in idle)
        }
    # The phases of the project's own instruments must cover its whole period.
    covered_until = start - timedelta(days=1)
    for phase in sorted(
        (p for p in phases if p.instrument in instruments),
        key=lambda p: p.starts_on or date.min,
    ):
        if phase.starts_on and phase.starts_on > covered_until + timedelta(days=1):
            break
        covered_until = max(covered_until, phase.ends_on or date.max)
    if covered_until < end:
        return _("runs past %(date)s without the instrument of the next phase") % {
            "date": date_format(covered_until, "SHORT_DATE_FORMAT")
        }
    return ""


def _phase_dates(phase: CoordinationFundingPhase) -> str:
    start = date_format(phase.starts_on, "SHORT_DATE_FORMAT") if phase.starts_on else ""
    end = date_format(phase.ends_on, "SHORT_DATE_FORMAT") if phase.ends_on else ""
    return f"{start}–{end}"
