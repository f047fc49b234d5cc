"""Progress towards an agreement's quantitative targets, read live from approved reports.

A target's value to date comes from the indicators a coordinator mapped to it. Targets that
count companies or solutions count each reported entity once, however many projects report
it; the plain sum of the reported values is shown beside that count. The projection is a
straight line: the pace since the first reported period, carried on to the deadline.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Min, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.models import Agreement, QuantitativeTarget
from ekosopimus.agreements.selectors import version_current

from .models import IndicatorDefinition, IndicatorValue, ProgressReport, ReportedEntity

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
    """One target as the approved reports stand now."""

    target: QuantitativeTarget
    deadline: date | None
    indicators: list[str]  # codes of the mapped indicators
    counts_entities: bool
    value: Decimal  # what progress is judged by: the de-duplicated count for entity targets
    plain_sum: Decimal
    distinct: int | None
    reports: int
    projected: Decimal | None
    status: TargetStatus
    rule: str
    series: list[tuple[date, Decimal]] = field(default_factory=list)

    @property
    def share(self) -> Decimal:
        """The value to date as a percentage of the target."""
        return (self.value * 100 / self.target.value).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def focus_area(self):
        return self.target.focus_area


def _number(value: Decimal) -> str:
    value = value.quantize(Decimal("0.1"), ROUND_HALF_UP).normalize()
    return number_format(value, force_grouping=True)


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _judge(
    *, target: QuantitativeTarget, deadline, value, series, first_start, today
) -> tuple[Decimal | None, TargetStatus, str]:
    goal = target.value
    rule = _(
        "On track when the value to date, carried on at its pace so far, reaches the target by "
        "the deadline; at risk when it reaches at least %(share)s %% of it; off track below that."
    ) % {"share": int(AT_RISK_SHARE * 100)}
    if not series:
        return None, TargetStatus.NO_DATA, _("No approved report counts towards the target yet.")
    if value >= goal:
        return value, TargetStatus.ON_TRACK, _("The target has been reached.")
    last_end = series[-1][0]
    if deadline is None:
        return None, TargetStatus.NO_DATA, _("The target has no deadline to project to.")
    days_so_far = max((last_end - first_start).days, 1)
    days_left = max((deadline - last_end).days, 0)
    projected = (value + value * days_left / days_so_far).quantize(Decimal("0.1"))
    if deadline < today:
        status = TargetStatus.OFF_TRACK
    elif projected >= goal:
        status = TargetStatus.ON_TRACK
    elif projected >= goal * AT_RISK_SHARE:
        status = TargetStatus.AT_RISK
    else:
        status = TargetStatus.OFF_TRACK
    explained = _(
        "%(value)s reached from %(start)s to %(end)s; at the same pace %(projected)s by "
        "%(deadline)s against a target of %(goal)s."
    ) % {
        "value": _number(value),
        "start": _day(first_start),
        "end": _day(last_end),
        "projected": _number(projected),
        "deadline": _day(deadline),
        "goal": _number(goal),
    }
    return projected, status, f"{explained} {rule}"


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


def _target_progress(*, target, contributions, counted, today) -> TargetProgress:
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
            reports=0,
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
    values = IndicatorValue.objects.filter(which, report__in=counted)
    cumulative = values.filter(indicator__accumulation=IndicatorDefinition.Accumulation.CUMULATIVE)
    points: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for day, total in (
        cumulative.values_list("report__period_end").annotate(total=Sum("value")).order_by()
    ):
        points[day] += total
    levels = values.exclude(indicator__accumulation=IndicatorDefinition.Accumulation.CUMULATIVE)
    level_rows = levels.values_list("report__project_id", "report__period_end").annotate(
        total=Sum("value")
    )
    level_points = _per_period_series(list(level_rows.order_by()))
    series = _cumulative(points)
    if level_points:
        merged = dict(series)
        last_level = ZERO
        for day in sorted(set(merged) | set(level_points)):
            last_level = level_points.get(day, last_level)
            merged[day] = _cumulative_at(series, day) + last_level
        series = sorted(merged.items())
    plain_sum = series[-1][1] if series else ZERO
    distinct = None
    value = plain_sum
    if counts_entities:
        firsts = (
            ReportedEntity.objects.filter(which, report__in=counted)
            .values("key")
            .annotate(first=Min("report__period_end"))
            .order_by()
        )
        seen: dict[date, Decimal] = defaultdict(lambda: ZERO)
        for row in firsts:
            seen[row["first"]] += 1
        entity_series = _cumulative(seen)
        distinct = int(entity_series[-1][1]) if entity_series else 0
        value = Decimal(distinct)
        series = entity_series
    entities = ReportedEntity.objects.filter(which, report__in=counted)
    report_ids = set(values.values_list("report_id", flat=True).distinct())
    if counts_entities:
        report_ids |= set(entities.values_list("report_id", flat=True).distinct())
    starts = [values.aggregate(first=Min("report__period_start"))["first"]]
    if counts_entities:
        starts.append(entities.aggregate(first=Min("report__period_start"))["first"])
    first_start = min((day for day in starts if day), default=None)
    projected, status, rule = _judge(
        target=target,
        deadline=deadline,
        value=value,
        series=series,
        first_start=first_start,
        today=today,
    )
    return TargetProgress(
        target=target,
        deadline=deadline,
        indicators=codes,
        counts_entities=counts_entities,
        value=value,
        plain_sum=plain_sum,
        distinct=distinct,
        reports=len(report_ids),
        projected=projected,
        status=status,
        rule=rule,
        series=series,
    )


def _cumulative_at(series: list[tuple[date, Decimal]], day: date) -> Decimal:
    total = ZERO
    for point, value in series:
        if point > day:
            break
        total = value
    return total


def counted_reports(*, agreement: Agreement, include_samples: bool = False):
    """Approved reports of the agreement's 2021–2027 projects: the ones that count."""
    reports = ProgressReport.objects.filter(
        status=ProgressReport.Status.APPROVED,
        project__agreement=agreement,
        project__programme_period="2021-2027",
    )
    if not include_samples:
        reports = reports.filter(project__is_sample=False)
    return reports


def target_progress(
    *, agreement: Agreement, include_samples: bool = False, today: date | None = None
) -> list[TargetProgress]:
    """Every quantitative target of the agreement's current version, with its progress."""
    version = version_current(agreement)
    if version is None:
        return []
    today = today or timezone.localdate()
    targets = list(
        QuantitativeTarget.objects.filter(focus_area__version=version)
        .select_related("focus_area__version__agreement")
        .prefetch_related("contributions__indicator")
        .order_by("focus_area__number", "position")
    )
    counted = counted_reports(agreement=agreement, include_samples=include_samples)
    return [
        _target_progress(
            target=target,
            contributions=list(target.contributions.all()),
            counted=counted,
            today=today,
        )
        for target in targets
    ]
