"""Progress towards an agreement's quantitative targets, read live from approved reports.

A target's value to date comes from the indicators a coordinator mapped to it. Targets that
count companies or solutions count each reported entity once, however many projects report
it; the plain sum of the reported values is shown beside that count. The projection is a
straight line: the pace since the first reported period, carried on to the deadline.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Min, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ekosopimus.agreements.models import Agreement, QuantitativeTarget
from ekosopimus.agreements.selectors import versions_current
from ekosopimus.lib.query import RawDates, raw_rows

from .models import IndicatorDefinition, IndicatorValue, ProgressReport, ReportedEntity
from .promises import GRANTED, PIPELINE, Promise, promises_by_target

# The projects whose targets count as promises: granted, and proposed.
PROMISING = GRANTED | PIPELINE

ZERO = Decimal(0)
# A projection reaching at least this share of the target is "at risk" rather than "off track".
AT_RISK_SHARE = Decimal("0.8")
ENTITY_UNITS = frozenset({QuantitativeTarget.Unit.COMPANY, QuantitativeTarget.Unit.SOLUTION})


class TargetStatus(models.TextChoices):
    ON_TRACK = "on_track", gettext_lazy("On track")
    AT_RISK = "at_risk", gettext_lazy("At risk")
    OFF_TRACK = "off_track", gettext_lazy("Off track")
    NO_DATA = "no_data", gettext_lazy("Too little data")


@dataclass(frozen=True)
class TargetProgress:
    """One target as the approved reports stand now, and what the projects promised."""

    target: QuantitativeTarget
    deadline: date | None
    indicators: list[str]  # codes of the mapped indicators
    counts_entities: bool
    value: Decimal  # what progress is judged by: the de-duplicated count for entity targets
    plain_sum: Decimal
    distinct: int | None
    projected: Decimal | None  # the level the straight line reaches by the deadline
    status: TargetStatus
    rule: str
    series: list[tuple[date, Decimal]] = field(default_factory=list)
    promise: Promise = field(default_factory=Promise)
    # The level reached if the granted and proposed projects deliver what they promised.
    forecast: Decimal | None = None
    projects_needed: int | None = None
    outlook: str = ""
    # The level at the milestone's date, once that date has passed.
    at_milestone: Decimal | None = None

    @property
    def start(self) -> Decimal:
        """The baseline the target counts up from (0 without one)."""
        return self.target.baseline or ZERO

    @property
    def level(self) -> Decimal:
        """Where the target stands: its baseline and what was reported since."""
        return self.start + self.value

    @property
    def share(self) -> Decimal:
        """The way from the baseline to the target covered so far, as a percentage."""
        need = self.target.value - self.start
        if need <= 0:
            return Decimal(100)
        return (self.value * 100 / need).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def milestone_reached(self) -> bool | None:
        """Whether the level had reached the milestone by its date; None before the date, or
        where the target has no milestone."""
        if self.at_milestone is None:
            return None
        return self.at_milestone >= self.target.milestone_value


@dataclass(frozen=True)
class AsOf:
    """An agreement's progress as it stood at ``moment``: the reports approved by then for
    periods ended by then, and what its projects were (project id -> status)."""

    moment: datetime
    statuses: dict[int, str]

    def reported(self, prefix: str = "") -> Q:
        """The values and entities reported by ``moment``, reached through ``prefix``."""
        return Q(
            **{
                f"{prefix}report__approved_at__lt": self.moment,
                f"{prefix}report__period_end__lt": timezone.localdate(self.moment),
            }
        )


def _number(value: Decimal) -> str:
    value = value.quantize(Decimal("0.1"), ROUND_HALF_UP).normalize()
    return number_format(value, force_grouping=True)


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _judge(
    *, target: QuantitativeTarget, deadline, value, series, first_start, today
) -> tuple[Decimal | None, TargetStatus, str]:
    """The straight line: the pace since the first reported period, carried on to the deadline.
    A target with a baseline counts up from it: the line and the thresholds are levels."""
    goal = target.value
    start = target.baseline or ZERO
    rule = _(
        "On track when the value to date, carried on at its pace so far, reaches the target by "
        "the deadline; at risk when it reaches at least %(share)s %% of it; off track below that."
    ) % {"share": int(AT_RISK_SHARE * 100)}
    if not series:
        return None, TargetStatus.NO_DATA, _("No approved report counts towards the target yet.")
    if start + value >= goal:
        return start + value, TargetStatus.ON_TRACK, _("The target has been reached.")
    last_end = series[-1][0]
    if deadline is None:
        return None, TargetStatus.NO_DATA, _("The target has no deadline to project to.")
    days_so_far = max((last_end - first_start).days, 1)
    days_left = max((deadline - last_end).days, 0)
    projected = (start + value + value * days_left / days_so_far).quantize(Decimal("0.1"))
    threshold = start + (goal - start) * AT_RISK_SHARE
    if deadline < today:
        status = TargetStatus.OFF_TRACK
    elif projected >= goal:
        status = TargetStatus.ON_TRACK
    elif projected >= threshold:
        status = TargetStatus.AT_RISK
    else:
        status = TargetStatus.OFF_TRACK
    explained = _(
        "%(value)s reached from %(start)s to %(end)s; at the same pace %(projected)s by "
        "%(deadline)s against a target of %(goal)s."
    ) % {
        "value": _number(start + value),
        "start": _day(first_start),
        "end": _day(last_end),
        "projected": _number(projected),
        "deadline": _day(deadline),
        "goal": _number(goal),
    }
    if start:
        counts_up = _("The target counts up from its baseline of %(baseline)s.") % {
            "baseline": _number(start)
        }
        explained = f"{explained} {counts_up}"
    return projected, status, f"{explained} {rule}"


def _outlook(target: QuantitativeTarget, value: Decimal, promise: Promise):
    """(the level if the granted and proposed projects deliver, projects still needed, the
    sentence that says so)."""
    if not promise.projects:
        return (
            None,
            None,
            _("No granted or proposed project has set a target for these indicators yet."),
        )
    start = target.baseline or ZERO
    forecast = start + value + promise.remaining + promise.pipeline
    needed = promise.projects_needed(target.value - forecast)
    sentence = _(
        "If the granted projects deliver the %(remaining)s they still promise and the proposed "
        "ones their %(pipeline)s, the target reaches %(forecast)s of %(goal)s."
    ) % {
        "remaining": _number(promise.remaining),
        "pipeline": _number(promise.pipeline),
        "forecast": _number(forecast),
        "goal": _number(target.value),
    }
    if needed:
        more = ngettext(
            "%(count)s more project of this size (%(size)s) is needed.",
            "%(count)s more projects of this size (%(size)s each) are needed.",
            needed,
        ) % {"count": needed, "size": _number(promise.average)}
        sentence = f"{sentence} {more}"
    return forecast, needed, sentence


def _cumulative(points: dict[date, Decimal]) -> list[tuple[date, Decimal]]:
    total, series = ZERO, []
    for day in sorted(points):
        total += points[day]
        series.append((day, total))
    return series


def _per_period_series(rows) -> dict[date, Decimal]:
    """Per-period indicators report a level: the sum over projects of each one's latest level."""
    latest: dict[int, Decimal] = {}
    by_day: dict[date, Decimal] = {}
    for project_id, day, total in sorted(rows, key=lambda row: row[1]):
        latest[project_id] = total
        by_day[day] = sum(latest.values(), ZERO)
    return by_day


def _value_series(values, contributions) -> tuple[list[tuple[date, Decimal]], date | None]:
    """The reported values as a running total by period end, and the first period's start.

    Cumulative indicators add up; per-period indicators count each project's latest level.
    """
    cumulative = IndicatorDefinition.Accumulation.CUMULATIVE
    kinds = {c.indicator.accumulation for c in contributions}
    points: dict[date, Decimal] = defaultdict(lambda: ZERO)
    starts = []
    if cumulative in kinds:
        grouped = (
            values.filter(indicator__accumulation=cumulative)
            .values_list("report__period_end")
            .annotate(total=Sum("value"), first=Min("report__period_start"))
            .order_by()
        )
        for day, total, first in grouped:
            points[day] += total
            starts.append(first)
    series = _cumulative(points)
    if kinds - {cumulative}:
        grouped = (
            values.exclude(indicator__accumulation=cumulative)
            .values_list("report__project_id", "report__period_end")
            .annotate(total=Sum("value"), first=Min("report__period_start"))
            .order_by()
        )
        rows = list(grouped)
        starts += [first for *_row, first in rows]
        levels = _per_period_series([row[:3] for row in rows])
        merged, level = {}, ZERO
        for day in sorted({d for d, _v in series} | set(levels)):
            level = levels.get(day, level)
            merged[day] = _cumulative_at(series, day) + level
        series = sorted(merged.items())
    return series, min(starts, default=None)


def _entity_series(entities) -> tuple[list[tuple[date, Decimal]], date | None]:
    """Distinct entities by the period end in which each was first reported."""
    firsts = (
        entities.values("key")
        .annotate(first_end=Min("report__period_end"), first_start=Min("report__period_start"))
        .order_by()
    )
    seen: dict[date, Decimal] = defaultdict(lambda: ZERO)
    starts = []
    for row in firsts:
        seen[row["first_end"]] += 1
        starts.append(row["first_start"])
    return _cumulative(seen), min(starts, default=None)


@dataclass
class _Shared:
    """Values and entities of the indicators mapped for every project, read once for all of
    the agreement's targets: several targets usually share an indicator."""

    points: dict[int, dict[date, tuple[Decimal, date]]]
    entities: dict[int, dict[str, tuple[date, date]]]


def _read_shared(*, counted: Q, contributions) -> _Shared:
    ids = {c.indicator_id for c in contributions if _is_shared(c)}
    points: dict[int, dict] = defaultdict(dict)
    entities: dict[int, dict] = defaultdict(dict)
    if ids:
        # Read without the ORM's conversion of each value: an agreement's reported companies
        # are thousands of rows that share a dozen report dates.
        day = RawDates()
        grouped = (
            IndicatorValue.objects.filter(counted, indicator_id__in=ids)
            .values_list("indicator_id", "report__period_end")
            .annotate(total=Sum("value"), first=Min("report__period_start"))
            .order_by()
        )
        for indicator_id, end, total, first in raw_rows(grouped):
            points[indicator_id][day(end)] = (_amount(total), day(first))
        firsts = (
            ReportedEntity.objects.filter(counted, indicator_id__in=ids)
            .values_list("indicator_id", "key")
            .annotate(first_end=Min("report__period_end"), first=Min("report__period_start"))
            .order_by()
        )
        for indicator_id, key, first_end, first in raw_rows(firsts):
            entities[indicator_id][key] = (day(first_end), day(first))
    return _Shared(points, entities)


def _amount(value) -> Decimal:
    """A summed indicator value as the database returns it, to the hundredth as it is stored
    (SQLite sums decimals as binary floats)."""
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _is_shared(contribution) -> bool:
    return (
        contribution.project_id is None
        and contribution.indicator.accumulation == IndicatorDefinition.Accumulation.CUMULATIVE
    )


def _shared_series(shared: _Shared, contributions):
    points: dict[date, Decimal] = defaultdict(lambda: ZERO)
    starts = []
    for contribution in contributions:
        for day, (total, first) in shared.points[contribution.indicator_id].items():
            points[day] += total
            starts.append(first)
    return _cumulative(points), min(starts, default=None)


def _shared_entity_series(shared: _Shared, contributions):
    firsts: dict[str, tuple[date, date]] = {}
    for contribution in contributions:
        for key, (first_end, first) in shared.entities[contribution.indicator_id].items():
            known = firsts.get(key)
            firsts[key] = (first_end, first) if known is None else min(known, (first_end, first))
    seen: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for first_end, _first in firsts.values():
        seen[first_end] += 1
    return _cumulative(seen), min((first for _end, first in firsts.values()), default=None)


def _target_progress(
    *, target, contributions, counted: Q, today, shared: _Shared, promise: Promise
) -> TargetProgress:
    deadline = target.effective_deadline
    codes = sorted({c.indicator.code for c in contributions})
    counts_entities = target.unit in ENTITY_UNITS
    if not contributions:
        return TargetProgress(
            target=target,
            deadline=deadline,
            indicators=[],
            counts_entities=counts_entities,
            value=ZERO,
            plain_sum=ZERO,
            distinct=None,
            projected=None,
            status=TargetStatus.NO_DATA,
            rule=_("No project indicator has been mapped to this target yet."),
        )
    which = Q()
    for contribution in contributions:
        part = Q(indicator_id=contribution.indicator_id)
        if contribution.project_id:
            part &= Q(report__project_id=contribution.project_id)
        which |= part
    all_shared = all(_is_shared(c) for c in contributions)
    if all_shared:
        series, first_start = _shared_series(shared, contributions)
    else:
        series, first_start = _value_series(
            IndicatorValue.objects.filter(counted, which), contributions
        )
    plain_sum = series[-1][1] if series else ZERO
    value, distinct = plain_sum, None
    if counts_entities:
        series, entity_start = (
            _shared_entity_series(shared, contributions)
            if all_shared
            else _entity_series(ReportedEntity.objects.filter(counted, which))
        )
        distinct = int(series[-1][1]) if series else 0
        value = Decimal(distinct)
        first_start = min((d for d in (first_start, entity_start) if d), default=None)
    projected, status, rule = _judge(
        target=target,
        deadline=deadline,
        value=value,
        series=series,
        first_start=first_start,
        today=today,
    )
    forecast, needed, outlook = _outlook(target, value, promise)
    at_milestone = None
    if target.milestone_on is not None and target.milestone_on <= today:
        at_milestone = (target.baseline or ZERO) + _cumulative_at(series, target.milestone_on)
    return TargetProgress(
        target=target,
        deadline=deadline,
        indicators=codes,
        counts_entities=counts_entities,
        value=value,
        plain_sum=plain_sum,
        distinct=distinct,
        projected=projected,
        status=status,
        rule=rule,
        series=series,
        promise=promise,
        forecast=forecast,
        projects_needed=needed,
        outlook=outlook,
        at_milestone=at_milestone,
    )


def _cumulative_at(series: list[tuple[date, Decimal]], day: date) -> Decimal:
    total = ZERO
    for point, value in series:
        if point > day:
            break
        total = value
    return total


def counted(*, agreement: Agreement, include_samples: bool = False, prefix: str = "") -> Q:
    """Which values and entities count: those of approved reports of the agreement's
    2021–2027 projects (a filter on anything with a ``report``, or reaching one through
    ``prefix``)."""
    return Q(**{f"{prefix}report__status": ProgressReport.Status.APPROVED}) & counted_projects(
        agreement=agreement, include_samples=include_samples, prefix=f"{prefix}report__project__"
    )


def counted_projects(*, agreement: Agreement, include_samples: bool, prefix: str) -> Q:
    """The agreement's 2021–2027 projects (without sample data unless asked), as a filter on
    anything that reaches a project through ``prefix``."""
    which = Q(**{f"{prefix}agreement": agreement, f"{prefix}programme_period": "2021-2027"})
    return which if include_samples else which & Q(**{f"{prefix}is_sample": False})


def target_progress(
    *,
    agreement: Agreement,
    include_samples: bool = False,
    today: date | None = None,
    as_of: AsOf | None = None,
) -> list[TargetProgress]:
    """Every quantitative target of the agreement's current version, with its progress."""
    found = target_progress_by_agreement(
        agreements=[agreement],
        include_samples=include_samples,
        today=today,
        as_of={agreement.pk: as_of} if as_of else None,
    )
    return found[agreement.pk]


def target_progress_by_agreement(
    *,
    agreements: list[Agreement],
    include_samples: bool = False,
    today: date | None = None,
    as_of: dict[int, AsOf] | None = None,
) -> dict[int, list[TargetProgress]]:
    """``target_progress`` of several agreements (by agreement id). The targets and their
    mappings are read once for all; the reported values once per agreement with targets.

    With ``as_of`` (by agreement id) each agreement's progress is read as it stood then."""
    today = today or timezone.localdate()
    versions = versions_current(agreements=agreements)
    targets: dict[int, list[QuantitativeTarget]] = {agreement.pk: [] for agreement in agreements}
    for target in (
        QuantitativeTarget.objects.filter(focus_area__version__in=list(versions.values()))
        .select_related("focus_area__version__agreement")
        .prefetch_related("contributions__indicator")
        .order_by("focus_area__number", "position")
    ):
        targets[target.focus_area.version.agreement_id].append(target)
    return {
        agreement.pk: _agreement_progress(
            agreement,
            targets[agreement.pk],
            include_samples=include_samples,
            today=today,
            as_of=(as_of or {}).get(agreement.pk),
        )
        for agreement in agreements
    }


def _agreement_progress(
    agreement, targets, *, include_samples, today, as_of: AsOf | None
) -> list[TargetProgress]:
    if not targets:
        return []

    def which(prefix: str = "") -> Q:
        found = counted(agreement=agreement, include_samples=include_samples, prefix=prefix)
        return found & as_of.reported(prefix) if as_of else found

    shared = _read_shared(
        counted=which(), contributions=[c for t in targets for c in t.contributions.all()]
    )
    promising = counted_projects(
        agreement=agreement, include_samples=include_samples, prefix="project__"
    )
    if as_of is None:
        promising &= Q(project__status__in=PROMISING)
    promises = promises_by_target(
        targets=targets,
        counted=which,
        projects=promising,
        entity_units=ENTITY_UNITS,
        statuses=as_of.statuses if as_of else None,
    )
    return [
        _target_progress(
            target=target,
            contributions=list(target.contributions.all()),
            counted=which(),
            today=today,
            shared=shared,
            promise=promises.get(target.pk, Promise()),
        )
        for target in targets
    ]
