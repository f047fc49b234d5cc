"""A project's progress reports: recording, submitting, approving and returning them."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ekosopimus.lib.business_id import normalise_business_id
from ekosopimus.lib.history import save_with_history
from ekosopimus.lib.names import clean_name, name_key
from ekosopimus.lib.versions import locked_for_edit
from ekosopimus.messaging.notifications import announce

from ..models import (
    IndicatorDefinition,
    IndicatorValue,
    IndicatorValuePart,
    ProgressReport,
    ReportedEntity,
)

Status = ProgressReport.Status
# What a value of 16 digits, two of them decimals, can hold.
AMOUNT_LIMIT = Decimal(10) ** 14
# Funding must have been granted before there is anything to report.
REPORTING_STATUSES = frozenset({"granted", "ongoing", "closed", "discontinued"})


@dataclass(frozen=True)
class EntityInput:
    """A company or solution as the reporter typed it."""

    indicator: IndicatorDefinition
    name: str
    business_id: str = ""


def read_amount(value, *, field: str) -> Decimal:
    """A number typed by a user (decimal comma, spaces allowed); refused if negative."""
    try:
        amount = Decimal(str(value).replace(",", ".").replace("\xa0", "").replace(" ", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: _("“%(value)s” is not a number.") % {"value": value}}
        ) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError({field: _("The value cannot be negative.")})
    if amount >= AMOUNT_LIMIT:
        raise ValidationError({field: _("“%(value)s” is too large.") % {"value": value}})
    return amount.quantize(Decimal("0.01"))


def _period(report: ProgressReport) -> str:
    start = date_format(report.period_start, "SHORT_DATE_FORMAT")
    return f"{start}–{date_format(report.period_end, 'SHORT_DATE_FORMAT')}"


def _check_period(*, project, period_start: date, period_end: date, exclude_pk=None) -> None:
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    overlapping = (
        ProgressReport.objects.filter(
            project=project, period_start__lte=period_end, period_end__gte=period_start
        )
        .exclude(pk=exclude_pk)
        .first()
    )
    if overlapping:
        raise ValidationError(
            {
                "period_start": _("The project already has a report for %(period)s.")
                % {"period": _period(overlapping)}
            }
        )


def _parts_of(indicator: IndicatorDefinition, given: Mapping[str, object], errors: list) -> dict:
    """The category amounts given for ``indicator``; blanks are left out."""
    amounts = {}
    for category, value in given.items():
        if category not in indicator.categories:
            errors.append(
                _("%(code)s is not broken down by “%(category)s”.")
                % {"code": indicator.code, "category": category}
            )
            continue
        if value is None or str(value).strip() == "":
            continue
        try:
            amounts[category] = read_amount(value, field=indicator.code)
        except ValidationError as error:
            errors.append(f"{indicator.code}: {' '.join(error.messages)}")
    return amounts


def check_parts(indicator: IndicatorDefinition, total: Decimal, parts: Mapping[str, Decimal]):
    """Refuse parts that add up to more than their total; some may be left unassigned."""
    assigned = sum(parts.values(), Decimal(0))
    if assigned > total:
        raise ValidationError(
            _("%(code)s: the categories add up to %(parts)s, more than the total %(total)s.")
            % {
                "code": indicator.code,
                "parts": number_format(assigned.normalize(), force_grouping=True),
                "total": number_format(total.normalize(), force_grouping=True),
            }
        )


def _set_values(
    *,
    report: ProgressReport,
    values: Mapping[IndicatorDefinition, object],
    by,
    parts: Mapping[IndicatorDefinition, Mapping[str, object]] | None = None,
) -> None:
    """Record the report's values and, for indicators broken down into categories, their
    parts. A total left blank with its parts given is their sum. ``parts`` of None keeps the
    stored parts of every value that stays."""
    reported = set(report.project.indicators.values_list("pk", flat=True))
    errors = []
    amounts = {}
    given_parts = {}
    for indicator in sorted({*values, *(parts or {})}, key=lambda i: i.code):
        if indicator.pk not in reported:
            errors.append(
                _("The project does not report %(code)s; add it to the project first.")
                % {"code": indicator.code}
            )
            continue
        if parts is not None and indicator in parts:
            given_parts[indicator] = _parts_of(indicator, parts[indicator], errors)
        value = values.get(indicator)
        if value is None or str(value).strip() == "":
            if given_parts.get(indicator):
                amounts[indicator] = sum(given_parts[indicator].values(), Decimal(0))
            continue
        try:
            amounts[indicator] = read_amount(value, field=indicator.code)
        except ValidationError as error:
            errors.append(f"{indicator.code}: {' '.join(error.messages)}")
    existing = {v.indicator_id: v for v in report.values.prefetch_related("parts")}
    for indicator, amount in amounts.items():
        held = existing.get(indicator.pk)
        kept = {p.category: p.value for p in held.parts.all()} if held is not None else {}
        try:
            check_parts(indicator, amount, given_parts.get(indicator, kept))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"values": errors})
    for indicator, amount in amounts.items():
        row = existing.pop(indicator.pk, None) or IndicatorValue(report=report, indicator=indicator)
        if row.pk is None or row.value != amount:
            row.value = amount
            save_with_history(row, by=by, reason=_("Reported"), clean=False)
        if indicator in given_parts:
            _set_parts(row, given_parts[indicator], by=by)
    for row in existing.values():
        if row.indicator in values:  # emptied in the form: the value is withdrawn
            row._history_user = by
            row.delete()


def _set_parts(row: IndicatorValue, amounts: Mapping[str, Decimal], *, by) -> None:
    held = {part.category: part for part in row.parts.all()}
    for category, part in held.items():
        if category not in amounts:
            part._history_user = by
            part.delete()
    for category, amount in amounts.items():
        part = held.get(category) or IndicatorValuePart(indicator_value=row, category=category)
        if part.pk is None or part.value != amount:
            part.value = amount
            save_with_history(part, by=by, reason=_("Reported"), clean=False)


def _set_entities(*, report: ProgressReport, entities: Iterable[EntityInput], by) -> None:
    reported = set(report.project.indicators.values_list("pk", flat=True))
    rows, errors, seen = [], [], set()
    for number, entity in enumerate(entities, start=1):
        name = clean_name(entity.name)
        if not name:
            errors.append(_("Row %(n)s: the name is missing.") % {"n": number})
            continue
        if entity.indicator.pk not in reported:
            errors.append(
                _("Row %(n)s: the project does not report %(code)s.")
                % {"n": number, "code": entity.indicator.code}
            )
            continue
        business_id = ""
        if entity.business_id.strip():
            try:
                business_id = normalise_business_id(entity.business_id)
            except ValidationError as error:
                errors.append(
                    _("Row %(n)s: %(error)s") % {"n": number, "error": " ".join(error.messages)}
                )
                continue
        key = business_id or name_key(name)
        if (entity.indicator.pk, key) in seen:
            continue  # the same company twice in one report counts once anyway
        seen.add((entity.indicator.pk, key))
        rows.append(
            ReportedEntity(
                report=report,
                indicator=entity.indicator,
                name=name,
                business_id=business_id,
                key=key,
            )
        )
    if errors:
        raise ValidationError({"entities": errors})
    for old in report.entities.all():
        old._history_user = by
        old.delete()
    for row in rows:
        save_with_history(row, by=by, reason=_("Reported"), clean=False)


def _refuse_if_locked(report: ProgressReport) -> None:
    if report.status == Status.APPROVED:
        raise ValidationError(_("The report has been approved and is locked."), code="locked")
    if report.status == Status.SUBMITTED:
        raise ValidationError(
            _("The report has been submitted; it can be changed only if it is returned."),
            code="locked",
        )


@transaction.atomic
def report_create(
    *,
    project,
    period_start: date,
    period_end: date,
    by: AbstractBaseUser | None,
    values: Mapping[IndicatorDefinition, object] | None = None,
    parts: Mapping[IndicatorDefinition, Mapping[str, object]] | None = None,
    entities: Iterable[EntityInput] = (),
    spent: object = 0,
    narrative: str = "",
) -> ProgressReport:
    """Start a draft report of ``project`` for one period, with its values (broken down into
    their categories by ``parts``, indicator → category → value) and entities."""
    if project.status not in REPORTING_STATUSES:
        raise ValidationError(
            _("Only a project whose funding has been granted reports progress."), code="status"
        )
    _check_period(project=project, period_start=period_start, period_end=period_end)
    report = ProgressReport(
        project=project,
        period_start=period_start,
        period_end=period_end,
        spent=read_amount(spent or 0, field="spent"),
        narrative=narrative.strip(),
    )
    save_with_history(report, by=by, reason=_("Report started"))
    _set_values(report=report, values=values or {}, parts=parts or {}, by=by)
    _set_entities(report=report, entities=entities, by=by)
    return report


@transaction.atomic
def report_update(
    *,
    report: ProgressReport,
    by: AbstractBaseUser | None,
    period_start: date | None = None,
    period_end: date | None = None,
    values: Mapping[IndicatorDefinition, object] | None = None,
    parts: Mapping[IndicatorDefinition, Mapping[str, object]] | None = None,
    entities: Iterable[EntityInput] | None = None,
    spent: object = None,
    narrative: str | None = None,
    version: int | None = None,
) -> ProgressReport:
    """Change a draft or returned report. ``None`` leaves a part as it is. ``StaleEdit`` if
    the report was saved after ``version`` was read."""
    report = locked_for_edit(ProgressReport.objects, pk=report.pk, version=version)
    _refuse_if_locked(report)
    if period_start or period_end:
        report.period_start = period_start or report.period_start
        report.period_end = period_end or report.period_end
        _check_period(
            project=report.project,
            period_start=report.period_start,
            period_end=report.period_end,
            exclude_pk=report.pk,
        )
    if spent is not None:
        report.spent = read_amount(spent, field="spent")
    if narrative is not None:
        report.narrative = narrative.strip()
    save_with_history(report, by=by, reason=_("Report edited"))
    if values is not None or parts is not None:
        _set_values(report=report, values=values or {}, parts=parts, by=by)
    if entities is not None:
        _set_entities(report=report, entities=entities, by=by)
    return report


def _move(
    report: ProgressReport, *, allowed: set[str], target: str, version: int | None
) -> ProgressReport:
    report = locked_for_edit(ProgressReport.objects, pk=report.pk, version=version)
    if report.status not in allowed:
        raise ValidationError(
            _("A report that is “%(current)s” cannot become “%(target)s”.")
            % {"current": report.get_status_display(), "target": Status(target).label},
            code="transition",
        )
    report.status = target
    return report


@transaction.atomic
def report_submit(
    *, report: ProgressReport, by: AbstractBaseUser | None, version: int | None = None
) -> ProgressReport:
    """Hand a draft (or a returned report) to the coordinator for approval; ``version``, when
    given, is the version the reporter last saw."""
    report = _move(
        report, allowed={Status.DRAFT, Status.RETURNED}, target=Status.SUBMITTED, version=version
    )
    if not report.narrative:
        raise ValidationError(
            {"narrative": _("Tell what was done in the period before submitting.")}
        )
    if not report.values.exists():
        raise ValidationError({"values": _("Report at least one indicator before submitting.")})
    report.submitted_at = timezone.now()
    return save_with_history(report, by=by, reason=_("Submitted"))


@transaction.atomic
def report_approve(
    *, report: ProgressReport, by: AbstractBaseUser | None, version: int | None = None
) -> ProgressReport:
    """Approve a submitted report; it then counts towards the targets and is locked. With
    ``version``, only the report as the approver read it is approved."""
    report = _move(report, allowed={Status.SUBMITTED}, target=Status.APPROVED, version=version)
    report.approved_at = timezone.now()
    report.approved_by = by
    return save_with_history(report, by=by, reason=_("Approved"))


@transaction.atomic
def report_return(
    *,
    report: ProgressReport,
    by: AbstractBaseUser | None,
    comment: str,
    version: int | None = None,
) -> ProgressReport:
    """Send a submitted report back to the project with a comment on what to fix."""
    if not comment.strip():
        raise ValidationError({"return_comment": _("Say what should be fixed.")})
    report = _move(report, allowed={Status.SUBMITTED}, target=Status.RETURNED, version=version)
    report.return_comment = comment.strip()
    save_with_history(report, by=by, reason=_("Returned: %(comment)s") % {"comment": comment})
    announce(partial(_notify_returned, report.pk))
    return report


def _notify_returned(report_id: int) -> None:
    from ..tasks import notify_report_returned

    notify_report_returned.enqueue(report_id)
