"""What a project promised per indicator: baseline, the targets of its periods, the final target
and, where the indicator is broken down, the final target of each category."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ekosopimus.lib.history import save_with_history

from ..models import IndicatorDefinition, ProjectTarget, ProjectTargetPart, ProjectTargetPeriod
from .reports import read_amount

Accumulation = IndicatorDefinition.Accumulation


@dataclass(frozen=True)
class ProjectTargetInput:
    """One indicator's target as a form or an API client gives it; amounts may be text."""

    indicator: IndicatorDefinition
    final_value: object
    baseline: object = None
    source: str = ProjectTarget.Source.APPLICATION
    # (end of the period, the value to reach by then)
    periods: Sequence[tuple[date, object]] = ()
    # category -> final target of the category
    parts: Mapping[str, object] = field(default_factory=dict)


@dataclass
class _Checked:
    indicator: IndicatorDefinition
    final_value: Decimal
    baseline: Decimal | None
    source: str
    periods: dict[date, Decimal]
    parts: dict[str, Decimal]


def _number(value: Decimal) -> str:
    return number_format(value.normalize(), force_grouping=True)


def _optional(value, *, field_name: str) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    return read_amount(value, field=field_name)


def _check(project, given: ProjectTargetInput, errors: list[str]) -> _Checked | None:
    indicator = given.indicator
    code = indicator.code
    found: list[str] = []

    def problem(message: str) -> None:
        found.append(f"{code}: {message}")

    try:
        final = _optional(given.final_value, field_name=code)
        baseline = _optional(given.baseline, field_name=code)
    except ValidationError as error:
        errors.extend(f"{code}: {message}" for message in error.messages)
        return None
    if final is None:
        errors.append(_("%(code)s: the final target is missing.") % {"code": code})
        return None
    if given.source not in ProjectTarget.Source.values:
        problem(_("say whether the target is from the application or the funding decision."))
    if baseline is not None and indicator.grows and final < baseline:
        problem(
            _(
                "the final target (%(final)s) is below the baseline (%(baseline)s), but the "
                "indicator grows towards its target."
            )
            % {"final": _number(final), "baseline": _number(baseline)}
        )
    if baseline is not None and not indicator.grows and final > baseline:
        problem(
            _(
                "the final target (%(final)s) is above the baseline (%(baseline)s), but the "
                "indicator falls towards its target."
            )
            % {"final": _number(final), "baseline": _number(baseline)}
        )
    periods = _check_periods(project, indicator, given.periods, final, problem)
    parts = _check_parts(indicator, given.parts, final, problem)
    errors.extend(found)
    if found:
        return None
    return _Checked(indicator, final, baseline, given.source, periods, parts)


def _check_periods(project, indicator, given, final: Decimal, problem) -> dict[date, Decimal]:
    periods: dict[date, Decimal] = {}
    for day, value in given:
        label = date_format(day, "SHORT_DATE_FORMAT")
        if day in periods:
            problem(_("%(day)s is given twice.") % {"day": label})
            continue
        try:
            amount = read_amount(value, field=indicator.code)
        except ValidationError as error:
            problem(" ".join(error.messages))
            continue
        if project.start_date and day < project.start_date:
            problem(_("%(day)s is before the project starts.") % {"day": label})
        if project.end_date and day > project.end_date:
            problem(_("%(day)s is after the project ends.") % {"day": label})
        periods[day] = amount
    if indicator.accumulation == Accumulation.CUMULATIVE and indicator.grows:
        # A cumulative indicator only adds up: each period's target reaches at least the last.
        reached = Decimal(0)
        for day in sorted(periods):
            if periods[day] < reached:
                problem(
                    _("the target by %(day)s is lower than an earlier period's; it only adds up.")
                    % {"day": date_format(day, "SHORT_DATE_FORMAT")}
                )
            reached = max(reached, periods[day])
        if reached > final:
            problem(
                _("a period's target (%(period)s) is above the final target (%(final)s).")
                % {"period": _number(reached), "final": _number(final)}
            )
    return periods


def _check_parts(indicator, given: Mapping[str, object], final: Decimal, problem):
    parts: dict[str, Decimal] = {}
    for category, value in given.items():
        if category not in indicator.categories:
            problem(_("it is not broken down by “%(category)s”.") % {"category": category})
            continue
        if value is None or str(value).strip() == "":
            continue
        try:
            parts[category] = read_amount(value, field=indicator.code)
        except ValidationError as error:
            problem(" ".join(error.messages))
    assigned = sum(parts.values(), Decimal(0))
    if assigned > final:
        problem(
            _("the categories add up to %(parts)s, more than the final target %(final)s.")
            % {"parts": _number(assigned), "final": _number(final)}
        )
    return parts


@transaction.atomic
def project_targets_set(
    *,
    project,
    targets: Iterable[ProjectTargetInput],
    by: AbstractBaseUser | None,
    reason: str = "",
) -> list[ProjectTarget]:
    """Replace the project's targets with ``targets``: the whole set or, on any problem,
    nothing. An indicator not among them keeps no target; each must be one the project
    reports."""
    reported = {indicator.pk for indicator in project.indicators.all()}
    errors: list[str] = []
    checked: list[_Checked] = []
    seen: set[int] = set()
    for given in targets:
        if given.indicator.pk in seen:
            errors.append(_("%(code)s is given twice.") % {"code": given.indicator.code})
            continue
        seen.add(given.indicator.pk)
        if given.indicator.pk not in reported:
            errors.append(
                _("The project does not report %(code)s; add it to the project first.")
                % {"code": given.indicator.code}
            )
            continue
        result = _check(project, given, errors)
        if result is not None:
            checked.append(result)
    if errors:
        raise ValidationError({"targets": errors})
    reason = reason or _("Targets set")
    held = {
        target.indicator_id: target
        for target in ProjectTarget.objects.filter(project=project).prefetch_related(
            "periods", "parts"
        )
    }
    for indicator_id, target in held.items():
        if indicator_id not in seen:
            target._history_user = by
            target._change_reason = reason
            target.delete()
    saved = []
    for wanted in checked:
        target = held.get(wanted.indicator.pk) or ProjectTarget(
            project=project, indicator=wanted.indicator
        )
        values = {
            "final_value": wanted.final_value,
            "baseline": wanted.baseline,
            "source": wanted.source,
        }
        if target.pk is None or any(getattr(target, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(target, name, value)
            save_with_history(target, by=by, reason=reason, clean=False)
        _replace(
            ProjectTargetPeriod,
            target,
            {p.period_end: p for p in target.periods.all()},
            wanted.periods,
            key="period_end",
            by=by,
            reason=reason,
        )
        _replace(
            ProjectTargetPart,
            target,
            {p.category: p for p in target.parts.all()},
            wanted.parts,
            key="category",
            by=by,
            reason=reason,
        )
        saved.append(target)
    return saved


def _replace(model, target, held: dict, wanted: dict, *, key: str, by, reason: str) -> None:
    """Make ``target``'s rows of ``model`` hold exactly ``wanted`` (key → value)."""
    for name, row in held.items():
        if name not in wanted:
            row._history_user = by
            row._change_reason = reason
            row.delete()
    for name, value in wanted.items():
        row = held.get(name) or model(target=target, **{key: name})
        if row.pk is None or row.value != value:
            row.value = value
            save_with_history(row, by=by, reason=reason, clean=False)
